/* disk_checks.c: <disk>: generic defaults (bus, drive address), the
 * controllers disks imply, and the rules between disks. */
#include "disk_conf.h"
#include "controller_conf.h"
#include "hostdev_conf.h"
#include "devices.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"

#include <stdlib.h>
#include <string.h>

/* ---- defaults -------------------------------------------------------------------- */

/* The bus a target name implies: hdX IDE, sdX SCSI, vdX virtio, ... */
static dxDiskBus
dxDiskDefaultBus(const dxDiskDef *disk)
{
    const char *dst = disk->dst;

    if (disk->device == DX_DISK_DEVICE_FLOPPY)
        return DX_DISK_BUS_FDC;
    if (strncmp(dst, "hd", 2) == 0)
        return DX_DISK_BUS_IDE;
    if (strncmp(dst, "sd", 2) == 0)
        return DX_DISK_BUS_SCSI;
    if (strncmp(dst, "vd", 2) == 0)
        return DX_DISK_BUS_VIRTIO;
    if (strncmp(dst, "xvd", 3) == 0)
        return DX_DISK_BUS_XEN;
    if (strncmp(dst, "ubd", 3) == 0)
        return DX_DISK_BUS_UML;
    return DX_DISK_BUS_IDE;
}

int
dxDiskDriveAddressFromName(const dxDiskDef *disk, dxDriveAddress *addr)
{
    int idx = dxDiskNameToIndex(disk->dst);

    if (idx < 0)
        return -1;
    memset(addr, 0, sizeof(*addr));
    switch (disk->bus) {
    case DX_DISK_BUS_SCSI:
        /* a narrow SCSI bus: 7 units per controller */
        addr->controller = idx / 7;
        addr->unit = idx % 7;
        return 1;
    case DX_DISK_BUS_FDC:
        addr->controller = idx / 2;
        addr->unit = idx % 2;
        return 1;
    case DX_DISK_BUS_IDE:
        /* 2 buses of 2 units per controller */
        addr->controller = idx / 4;
        addr->bus = (idx % 4) / 2;
        addr->unit = idx % 2;
        return 1;
    case DX_DISK_BUS_SATA:
        addr->controller = idx / 6;
        addr->unit = idx % 6;
        return 1;
    default:
        return 0;
    }
}

static bool
dxDriveAddressEqual(const dxDriveAddress *a, const dxDriveAddress *b)
{
    return a->controller == b->controller && a->bus == b->bus &&
           a->target == b->target && a->unit == b->unit;
}

/* A SCSI host device written at the address a SCSI disk would get. */
static const dxHostdevDef *
dxDiskSCSIHostdevAt(const dxDomainDef *def, const dxDriveAddress *addr)
{
    size_t i;
    for (i = 0; i < def->nhostdevs; i++) {
        const dxHostdevDef *h = def->hostdevs[i];
        if (h->mode == DX_HOSTDEV_MODE_SUBSYS && h->subsys == DX_HOSTDEV_SUBSYS_SCSI &&
            h->info->type == DX_ADDRESS_TYPE_DRIVE &&
            dxDriveAddressEqual(&h->info->addr.drive, addr))
            return h;
    }
    return NULL;
}

static int
dxDiskAssignAddress(const dxDomainDef *def, dxDiskDef *disk)
{
    dxDriveAddress addr;
    int rc = dxDiskDriveAddressFromName(disk, &addr);

    if (rc < 0) {
        dxErrorReportLoc(DX_ERR_INVALID, &disk->info.loc,
                         "Unknown disk name '%s' and no address specified", disk->dst);
        return -1;
    }
    if (rc == 0)
        return 0;
    if (disk->bus == DX_DISK_BUS_SCSI && dxDiskSCSIHostdevAt(def, &addr)) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &disk->info.loc,
                         "using disk target name '%s' conflicts with SCSI host device "
                         "address controller='%u' bus='%u' target='%u' unit='%u'",
                         disk->dst, addr.controller, addr.bus, addr.target, addr.unit);
        return -1;
    }
    disk->info.type = DX_ADDRESS_TYPE_DRIVE;
    disk->info.addr.drive = addr;
    return 0;
}

static int
dxDiskPostParseOne(const dxDomainDef *def, dxDiskDef *disk)
{
    dxStorageSource *src = disk->src;

    if (!disk->bus)
        disk->bus = dxDiskDefaultBus(disk);
    if (src->type == DX_STORAGE_TYPE_NVME && src->nvme && !src->nvme->managed)
        src->nvme->managed = DX_TRISTATE_BOOL_YES;
    /* a vhost-user disk cannot be snapshotted */
    if (src->type == DX_STORAGE_TYPE_VHOST_USER && !disk->snapshot)
        disk->snapshot = DX_DISK_SNAPSHOT_NO;
    if (disk->info.type == DX_ADDRESS_TYPE_NONE && dxDiskAssignAddress(def, disk) < 0)
        return -1;
    /* an iSCSI target without LUN means LUN 0 */
    if (src->type == DX_STORAGE_TYPE_NETWORK && src->protocol == DX_STORAGE_NET_PROTOCOL_ISCSI &&
        src->path && !strchr(src->path, '/')) {
        char *withLun = dxAsprintf("%s/0", src->path);
        free(src->path);
        src->path = withLun;
    }
    return 0;
}

int
dxDiskDefsPostParse(dxDomainDef *def)
{
    size_t i;
    int rc = 0;
    for (i = 0; i < def->ndisks; i++) {
        if (dxDiskPostParseOne(def, def->disks[i]) < 0)
            rc = -1;
    }
    return rc;
}

/* ---- implicit controllers ------------------------------------------------------------ */

static void
dxDiskAddControllersForBus(dxDomainDef *def, dxControllerType type, dxDiskBus bus)
{
    int max = -1, i;
    size_t d;

    for (d = 0; d < def->ndisks; d++) {
        const dxDiskDef *disk = def->disks[d];
        if (disk->bus == bus && disk->info.type == DX_ADDRESS_TYPE_DRIVE &&
            (int)disk->info.addr.drive.controller > max)
            max = (int)disk->info.addr.drive.controller;
    }
    for (i = 0; i <= max; i++)
        dxDomainDefAddImplicitController(def, type, i);
}

void
dxDiskDefsAddImplicitControllers(dxDomainDef *def)
{
    dxDiskAddControllersForBus(def, DX_CONTROLLER_TYPE_SCSI, DX_DISK_BUS_SCSI);
    dxDiskAddControllersForBus(def, DX_CONTROLLER_TYPE_FDC, DX_DISK_BUS_FDC);
    dxDiskAddControllersForBus(def, DX_CONTROLLER_TYPE_IDE, DX_DISK_BUS_IDE);
    dxDiskAddControllersForBus(def, DX_CONTROLLER_TYPE_SATA, DX_DISK_BUS_SATA);
}

/* ---- rules ------------------------------------------------------------------------------- */

/* Which address types a disk on BUS may have (libvirt's common rules). */
static bool
dxDiskAddressFitsBus(dxDiskBus bus, dxAddressType type)
{
    if (type == DX_ADDRESS_TYPE_NONE)
        return true;
    switch (bus) {
    case DX_DISK_BUS_IDE:
    case DX_DISK_BUS_FDC:
    case DX_DISK_BUS_SCSI:
    case DX_DISK_BUS_SATA:
        return type == DX_ADDRESS_TYPE_DRIVE;
    case DX_DISK_BUS_USB:
        return type == DX_ADDRESS_TYPE_USB;
    case DX_DISK_BUS_VIRTIO:
        return type != DX_ADDRESS_TYPE_DRIVE;
    default:
        return true;
    }
}

static int
dxDiskValidateLun(const dxDiskDef *disk)
{
    const dxStorageSource *src = disk->src;

    if (disk->device == DX_DISK_DEVICE_LUN) {
        if (src->type != DX_STORAGE_TYPE_BLOCK && src->type != DX_STORAGE_TYPE_VOLUME &&
            !(src->type == DX_STORAGE_TYPE_NETWORK &&
              src->protocol == DX_STORAGE_NET_PROTOCOL_ISCSI)) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &disk->info.loc,
                             "disk device='lun' is only valid for block type disk source");
            return -1;
        }
        return 0;
    }
    if (src->pr) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &disk->info.loc,
                         "<reservations/> allowed only for lun devices");
        return -1;
    }
    if (disk->rawio) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &disk->info.loc,
                         "rawio can be used only with device='lun'");
        return -1;
    }
    if (disk->sgio) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &disk->info.loc,
                         "sgio can be used only with device='lun'");
        return -1;
    }
    return 0;
}

static int
dxDiskValidateTarget(const dxDiskDef *disk)
{
    if (dxDiskNameHasPartition(disk->dst)) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &disk->info.loc,
                         "invalid disk target '%s', partitions can't appear in disk targets",
                         disk->dst);
        return -1;
    }
    return 0;
}

static bool
dxDiskWWNValid(const char *wwn)
{
    const char *p = wwn;
    size_t n;
    if (strncmp(p, "0x", 2) == 0)
        p += 2;
    n = strspn(p, "0123456789abcdefABCDEF");
    return n == 16 && p[n] == '\0';
}

static int
dxDiskValidateOne(const dxDiskDef *disk)
{
    const dxStorageSource *src = disk->src;

    if (dxDiskValidateLun(disk) < 0 || dxDiskValidateTarget(disk) < 0)
        return -1;
    if (!dxDiskAddressFitsBus(disk->bus, disk->info.type)) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &disk->info.loc,
                         "Invalid address type '%s' for the disk '%s' with the bus type '%s'",
                         dxAddressTypeTypeToString(disk->info.type), disk->dst,
                         dxDiskBusTypeToString(disk->bus));
        return -1;
    }
    if (disk->driver.queues && disk->bus != DX_DISK_BUS_VIRTIO) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &disk->info.loc,
                         "queues attribute in disk driver element is only supported by "
                         "virtio-blk");
        return -1;
    }
    if (disk->model && disk->bus != DX_DISK_BUS_VIRTIO) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &disk->info.loc,
                         "disk model '%s' not supported for bus '%s'",
                         dxDiskModelTypeToString(disk->model), dxDiskBusTypeToString(disk->bus));
        return -1;
    }
    if (disk->wwn && !dxDiskWWNValid(disk->wwn)) {
        dxErrorReportLoc(DX_ERR_INVALID, &disk->info.loc, "Malformed wwn: %s", disk->wwn);
        return -1;
    }
    if ((src->snapshot || src->configFile) &&
        !(src->type == DX_STORAGE_TYPE_NETWORK && src->protocol == DX_STORAGE_NET_PROTOCOL_RBD)) {
        dxErrorReportLoc(DX_ERR_INVALID, &disk->info.loc,
                         "<%s> element is currently supported only with 'rbd' disks",
                         src->snapshot ? "snapshot" : "config");
        return -1;
    }
    if (disk->startupPolicy == DX_STORAGE_STARTUP_POLICY_REQUISITE &&
        disk->device != DX_DISK_DEVICE_CDROM && disk->device != DX_DISK_DEVICE_FLOPPY) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &disk->info.loc,
                         "Setting disk 'requisite' is allowed only for cdrom or floppy");
        return -1;
    }
    return 0;
}

/* Two disks may not share a target name or a drive address. */
static int
dxDiskValidatePair(const dxDiskDef *a, const dxDiskDef *b)
{
    if (strcmp(a->dst, b->dst) == 0) {
        dxErrorReportLoc(DX_ERR_INVALID, &b->info.loc,
                         "target '%s' duplicated for disk sources '%s' and '%s'", a->dst,
                         dxNullStr(a->src->path), dxNullStr(b->src->path));
        return -1;
    }
    if (a->bus == b->bus && a->info.type == DX_ADDRESS_TYPE_DRIVE &&
        b->info.type == DX_ADDRESS_TYPE_DRIVE &&
        dxDriveAddressEqual(&a->info.addr.drive, &b->info.addr.drive)) {
        const dxDriveAddress *d = &b->info.addr.drive;
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &b->info.loc,
                         "Found duplicate drive address for disk with target name '%s' "
                         "controller='%u' bus='%u' target='%u' unit='%u'",
                         b->dst, d->controller, d->bus, d->target, d->unit);
        return -1;
    }
    return 0;
}

int
dxDiskDefsValidate(const dxDomainDef *def)
{
    size_t i, j;
    int rc = 0;

    for (i = 0; i < def->ndisks; i++) {
        if (dxDiskValidateOne(def->disks[i]) < 0) {
            rc = -1;
            continue;
        }
        for (j = 0; j < i; j++) {
            if (dxDiskValidatePair(def->disks[j], def->disks[i]) < 0) {
                rc = -1;
                break;
            }
        }
    }
    return rc;
}
