/* disk_checks.c: <disk>: generic defaults (bus, drive address), the
 * controllers disks imply, and the rules between disks. */
#include "disk_conf.h"
#include "controller_conf.h"
#include "hostdev_conf.h"
#include "devices.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"

#include <stdbool.h>
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
    if (addr.controller > DX_CONTROLLER_INDEX_MAX) {
        dxErrorReportLoc(DX_ERR_INVALID, &disk->info.loc,
                         "disk target '%s' would need controller %u, beyond the highest "
                         "controller index %d: use a lower name or an explicit <address>",
                         disk->dst, addr.controller, DX_CONTROLLER_INDEX_MAX);
        return -1;
    }
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
    int max = -1;
    size_t d;

    for (d = 0; d < def->ndisks; d++) {
        const dxDiskDef *disk = def->disks[d];
        if (disk->bus == bus && disk->info.type == DX_ADDRESS_TYPE_DRIVE &&
            (int)disk->info.addr.drive.controller > max)
            max = (int)disk->info.addr.drive.controller;
    }
    dxDomainDefAddImplicitControllersUpTo(def, type, max, 0);
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
        if (src->type == DX_STORAGE_TYPE_NETWORK &&
            src->protocol != DX_STORAGE_NET_PROTOCOL_ISCSI) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &disk->info.loc,
                             "disk device='lun' is not supported for protocol='%s'",
                             dxStorageNetProtocolTypeToString(src->protocol));
            return -1;
        }
        if (src->type != DX_STORAGE_TYPE_BLOCK && src->type != DX_STORAGE_TYPE_VOLUME &&
            src->type != DX_STORAGE_TYPE_NETWORK) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &disk->info.loc,
                             "disk device='lun' is only valid for block type disk source");
            return -1;
        }
        /* libvirt takes an empty <source/> here, but writes the disk back
         * without one, which it then reads as an (invalid) file lun */
        if (src->type == DX_STORAGE_TYPE_BLOCK && !src->path) {
            dxErrorReportLoc(DX_ERR_INVALID, &disk->info.loc,
                             "disk device='lun' needs the host device: <source dev='/dev/...'/>");
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

/* What a vhost-user disk (a virtio-blk backend in another process) cannot
 * have, in libvirt's order. */
static const char *
dxDiskVhostUserProblem(const dxDiskDef *disk)
{
    const dxStorageSource *src = disk->src;

    if (disk->bus != DX_DISK_BUS_VIRTIO)
        return "vhostuser disk supports only virtio bus";
    if (dxDiskIotuneHasAny(&disk->iotune) || disk->iotune.groupName)
        return "iotune is not supported with vhostuser disk";
    if (src->backingStore && dxStorageSourceIsBacking(src->backingStore))
        return "backingStore is not supported with vhostuser disk";
    if (src->encryption)
        return "encryption is not supported with vhostuser disk";
    if (src->readonly)
        return "readonly is not supported with vhostuser disk";
    if (src->shared)
        return "shareable is not supported with vhostuser disk";
    if (disk->transient)
        return "transient is not supported with vhostuser disk";
    if (disk->serial)
        return "serial is not supported with vhostuser disk";
    if (disk->wwn)
        return "wwn is not supported with vhostuser disk";
    if (disk->vendor)
        return "vendor is not supported with vhostuser disk";
    if (disk->product)
        return "product is not supported with vhostuser disk";
    if (src->auth)
        return "auth is not supported with vhostuser disk";
    if (disk->cyls || disk->heads || disk->secs || disk->trans)
        return "geometry is not supported with vhostuser disk";
    if (disk->logicalBlockSize || disk->physicalBlockSize)
        return "blockio is not supported with vhostuser disk";
    return NULL;
}

/* The virtio transport options, on a disk that is not virtio. */
static const char *
dxDiskVirtioOptionsProblem(const dxVirtioOptions *v)
{
    if (v->iommu)
        return "iommu driver option is only supported for virtio devices";
    if (v->ats)
        return "ats driver option is only supported for virtio devices";
    if (v->packed)
        return "packed driver option is only supported for virtio devices";
    if (v->pagePerVq)
        return "page_per_vq option is only supported for virtio devices";
    return NULL;
}

static bool
dxDiskStringPrintable(const char *str)
{
    for (; *str; str++) {
        if ((unsigned char)*str < 0x20 || (unsigned char)*str == 0x7f)
            return false;
    }
    return true;
}

#define DX_DISK_VENDOR_LEN 8
#define DX_DISK_PRODUCT_LEN 16

/* <vendor>/<product>: printable, and short enough for the SCSI inquiry data. */
static int
dxDiskValidateInquiry(const dxDiskDef *disk, const char *what, const char *value, size_t max)
{
    if (!value)
        return 0;
    if (!dxDiskStringPrintable(value)) {
        dxErrorReportLoc(DX_ERR_INVALID, &disk->info.loc, "disk %s is not printable string", what);
        return -1;
    }
    if (strlen(value) > max) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &disk->info.loc,
                         "disk %s is more than %zu characters", what, max);
        return -1;
    }
    return 0;
}

/* The bus, the target name and the device kind must agree. */
static int
dxDiskValidateDeviceKind(const dxDiskDef *disk)
{
    static const char *const diskPrefixes[] = { "hd", "sd", "vd", "xvd", "ubd" };
    size_t i;

    if (disk->device == DX_DISK_DEVICE_FLOPPY && disk->bus != DX_DISK_BUS_FDC) {
        dxErrorReportLoc(DX_ERR_INTERNAL, &disk->info.loc,
                         "Invalid bus type '%s' for floppy disk",
                         dxDiskBusTypeToString(disk->bus));
        return -1;
    }
    if (disk->device != DX_DISK_DEVICE_FLOPPY && disk->bus == DX_DISK_BUS_FDC) {
        dxErrorReportLoc(DX_ERR_INTERNAL, &disk->info.loc, "Invalid bus type '%s' for disk",
                         dxDiskBusTypeToString(disk->bus));
        return -1;
    }
    if (disk->removable && disk->bus != DX_DISK_BUS_USB) {
        dxErrorReportLoc(DX_ERR_INVALID, &disk->info.loc,
                         "removable is only valid for usb disks");
        return -1;
    }
    if (disk->startupPolicy) {
        const char *policy = dxStorageStartupPolicyTypeToString(disk->startupPolicy);
        if (disk->src->type == DX_STORAGE_TYPE_NETWORK) {
            dxErrorReportLoc(DX_ERR_INVALID, &disk->info.loc,
                             "disk startupPolicy '%s' is not allowed for disk of '%s' type",
                             policy, dxStorageTypeTypeToString(disk->src->type));
            return -1;
        }
        if (disk->startupPolicy == DX_STORAGE_STARTUP_POLICY_REQUISITE &&
            disk->device != DX_DISK_DEVICE_CDROM && disk->device != DX_DISK_DEVICE_FLOPPY) {
            dxErrorReportLoc(DX_ERR_INVALID, &disk->info.loc,
                             "disk startupPolicy '%s' is allowed only for cdrom or floppy",
                             policy);
            return -1;
        }
    }
    if (disk->wwn && !dxDiskWWNValid(disk->wwn)) {
        dxErrorReportLoc(DX_ERR_INVALID, &disk->info.loc, "Malformed wwn: %s", disk->wwn);
        return -1;
    }
    if (disk->device == DX_DISK_DEVICE_DISK || disk->device == DX_DISK_DEVICE_LUN) {
        bool known = false;
        for (i = 0; i < sizeof(diskPrefixes) / sizeof(diskPrefixes[0]); i++)
            known |= strncmp(disk->dst, diskPrefixes[i], strlen(diskPrefixes[i])) == 0;
        if (!known) {
            dxErrorReportLoc(DX_ERR_INTERNAL, &disk->info.loc,
                             "Invalid harddisk device name: %s", disk->dst);
            return -1;
        }
    }
    if (disk->device == DX_DISK_DEVICE_FLOPPY && strncmp(disk->dst, "fd", 2) != 0) {
        dxErrorReportLoc(DX_ERR_INTERNAL, &disk->info.loc,
                         "Invalid floppy device name: %s", disk->dst);
        return -1;
    }
    /* only a removable-media drive may be empty */
    if (disk->device == DX_DISK_DEVICE_DISK && dxStorageSourceIsEmpty(disk->src)) {
        dxErrorReportLoc(DX_ERR_INVALID, &disk->info.loc,
                         "missing source information for device %s", disk->dst);
        return -1;
    }
    return 0;
}

/* libvirt's checks of one disk, in its order. */
static int
dxDiskValidateOne(const dxDiskDef *disk)
{
    const dxStorageSource *src = disk->src;
    const char *why;

    if ((src->snapshot || src->configFile) &&
        !(src->type == DX_STORAGE_TYPE_NETWORK && src->protocol == DX_STORAGE_NET_PROTOCOL_RBD)) {
        dxErrorReportLoc(DX_ERR_INVALID, &disk->info.loc,
                         "<%s> element is currently supported only with 'rbd' disks",
                         src->snapshot ? "snapshot" : "config");
        return -1;
    }
    if (dxDiskValidateLun(disk) < 0 || dxDiskValidateTarget(disk) < 0)
        return -1;
    if (!dxDiskAddressFitsBus(disk->bus, disk->info.type)) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &disk->info.loc,
                         "Invalid address type '%s' for the disk '%s' with the bus type '%s'",
                         dxAddressTypeTypeToString(disk->info.type), disk->dst,
                         dxDiskBusTypeToString(disk->bus));
        return -1;
    }
    if (disk->bus != DX_DISK_BUS_VIRTIO) {
        why = NULL;
        if (disk->model) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &disk->info.loc,
                             "disk model '%s' not supported for bus '%s'",
                             dxDiskModelTypeToString(disk->model),
                             dxDiskBusTypeToString(disk->bus));
            return -1;
        }
        if (disk->driver.queues)
            why = "queues attribute in disk driver element is only supported by virtio-blk";
        else if (disk->driver.eventIdx)
            why = "disk event_idx mode supported only for virtio bus";
        else if (disk->driver.ioeventfd)
            why = "disk ioeventfd mode supported only for virtio bus";
        else
            why = dxDiskVirtioOptionsProblem(&disk->driver.virtio);
        if (why) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &disk->info.loc, "%s", why);
            return -1;
        }
    }
    if (src->type == DX_STORAGE_TYPE_NVME && src->nvme && src->nvme->namespc == 0) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &disk->info.loc, "NVMe namespace can't be zero");
        return -1;
    }
    if (src->type == DX_STORAGE_TYPE_VHOST_USER && (why = dxDiskVhostUserProblem(disk))) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &disk->info.loc, "%s", why);
        return -1;
    }
    if (disk->tray && disk->device != DX_DISK_DEVICE_FLOPPY &&
        disk->device != DX_DISK_DEVICE_CDROM) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &disk->info.loc,
                         "tray is only valid for cdrom and floppy");
        return -1;
    }
    if (dxDiskValidateInquiry(disk, "vendor", disk->vendor, DX_DISK_VENDOR_LEN) < 0 ||
        dxDiskValidateInquiry(disk, "product", disk->product, DX_DISK_PRODUCT_LEN) < 0)
        return -1;
    return dxDiskValidateDeviceKind(disk);
}

/* Two disks may not share a target name or a drive address.  Each disk is
 * reported against the first earlier disk it clashes with, target name
 * first; the earlier disks are found by sorting, not by comparing every
 * pair, so that thousands of disks stay cheap. */
typedef struct {
    const dxDomainDef *def;
    bool byAddress;
} dxDiskSortCtx;

static int
dxDiskCompareDrive(const dxDiskDef *a, const dxDiskDef *b)
{
    const dxDriveAddress *x = &a->info.addr.drive, *y = &b->info.addr.drive;
    if (a->bus != b->bus)
        return a->bus < b->bus ? -1 : 1;
    if (x->controller != y->controller)
        return x->controller < y->controller ? -1 : 1;
    if (x->bus != y->bus)
        return x->bus < y->bus ? -1 : 1;
    if (x->target != y->target)
        return x->target < y->target ? -1 : 1;
    if (x->unit != y->unit)
        return x->unit < y->unit ? -1 : 1;
    return 0;
}

/* Same key, then document order. */
static int
dxDiskCompareIndex(const void *pa, const void *pb, void *opaque)
{
    const dxDiskSortCtx *ctx = opaque;
    size_t ia = *(const size_t *)pa, ib = *(const size_t *)pb;
    const dxDiskDef *a = ctx->def->disks[ia], *b = ctx->def->disks[ib];
    int c = ctx->byAddress ? dxDiskCompareDrive(a, b) : strcmp(a->dst, b->dst);
    if (c)
        return c;
    return ia < ib ? -1 : ia > ib;
}

/* FIRST[i] = the first disk before disk i with the same key, or i. */
static size_t *
dxDiskFirstClash(const dxDomainDef *def, bool byAddress)
{
    size_t *order = dxNewN(size_t, def->ndisks), *first = dxNewN(size_t, def->ndisks);
    dxDiskSortCtx ctx = { def, byAddress };
    size_t i, n = 0;

    for (i = 0; i < def->ndisks; i++) {
        first[i] = i;
        if (!byAddress || def->disks[i]->info.type == DX_ADDRESS_TYPE_DRIVE)
            order[n++] = i;
    }
    if (n)
        qsort_r(order, n, sizeof(*order), dxDiskCompareIndex, &ctx);
    for (i = 1; i < n; i++) {
        size_t prev = order[i - 1];
        const dxDiskDef *a = def->disks[prev], *b = def->disks[order[i]];
        if (byAddress ? dxDiskCompareDrive(a, b) == 0 : strcmp(a->dst, b->dst) == 0)
            first[order[i]] = first[prev];
    }
    free(order);
    return first;
}

int
dxDiskDefsValidate(const dxDomainDef *def)
{
    size_t *sameDst, *sameAddr;
    size_t i;
    int rc = 0;

    if (def->ndisks == 0)
        return 0;
    sameDst = dxDiskFirstClash(def, false);
    sameAddr = dxDiskFirstClash(def, true);
    for (i = 0; i < def->ndisks; i++) {
        const dxDiskDef *b = def->disks[i];
        if (dxDiskValidateOne(b) < 0) {
            rc = -1;
            continue;
        }
        if (sameDst[i] != i && sameDst[i] <= sameAddr[i]) {
            const dxDiskDef *a = def->disks[sameDst[i]];
            dxErrorReportLoc(DX_ERR_INVALID, &b->info.loc,
                             "target '%s' duplicated for disk sources '%s' and '%s'", a->dst,
                             dxNullStr(a->src->path), dxNullStr(b->src->path));
            rc = -1;
        } else if (sameAddr[i] != i) {
            /* libvirt names the first of the two disks */
            const dxDiskDef *a = def->disks[sameAddr[i]];
            const dxDriveAddress *d = &b->info.addr.drive;
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &b->info.loc,
                             "Found duplicate drive address for disk with target name '%s' "
                             "controller='%u' bus='%u' target='%u' unit='%u'",
                             a->dst, d->controller, d->bus, d->target, d->unit);
            rc = -1;
        }
    }
    free(sameDst);
    free(sameAddr);
    return rc;
}
