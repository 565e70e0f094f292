/* qemu_disk.c: disks in the QEMU driver before any argv exists: driver
 * defaults, the slot or port each disk needs, ids, and what QEMU 7.2
 * refuses. */
#include "qemu_disk.h"
#include "conf/memory_conf.h"
#include "conf/numa_conf.h"
#include "conf/tune_conf.h"
#include "qemu_address.h"
#include "qemu_target.h"
#include "conf/controller_conf.h"
#include "conf/disk_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"

#include <stdlib.h>
#include <string.h>

/* ---- defaults ------------------------------------------------------------------- */

int
dxQemuExpandDiskDefaults(dxDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        dxDiskDef *disk = def->disks[i];
        dxStorageSource *n;

        if (!disk->driver.name)
            disk->driver.name = dxStrdup("qemu");
        /* QEMU is told the format: raw unless said otherwise */
        if (!disk->src->format && disk->src->type != DX_STORAGE_TYPE_VOLUME)
            disk->src->format = DX_STORAGE_FORMAT_RAW;
        for (n = disk->src; dxStorageSourceIsBacking(n); n = n->backingStore) {
            if (n->encryption && !n->encryption->engine)
                n->encryption->engine = DX_STORAGE_ENCRYPTION_ENGINE_QEMU;
        }
    }
    return 0;
}

/* ---- addresses -------------------------------------------------------------------- */

unsigned int
dxQemuDiskPCIConnect(const dxDomainDef *def, dxDeviceRef dev)
{
    const dxDiskDef *disk = dev.ptr;

    if (disk->bus != DX_DISK_BUS_VIRTIO)
        return 0;
    if (disk->info.type != DX_ADDRESS_TYPE_NONE && disk->info.type != DX_ADDRESS_TYPE_PCI)
        return 0;
    if (disk->model == DX_DISK_MODEL_VIRTIO_TRANSITIONAL)
        return dxQemuPCIConnectPCI();
    return dxQemuPCIConnectVirtio(def);
}

dxQemuUSBKind
dxQemuDiskUSBKind(const dxDomainDef *def, dxDeviceRef dev)
{
    const dxDiskDef *disk = dev.ptr;
    (void)def;
    return disk->bus == DX_DISK_BUS_USB ? DX_QEMU_USB_DEVICE : DX_QEMU_USB_NONE;
}

/* ---- aliases ------------------------------------------------------------------------ */

static const dxControllerDef *
dxQemuDiskSCSIController(const dxDomainDef *def, const dxDiskDef *disk)
{
    return dxDomainControllerGet(def, DX_CONTROLLER_TYPE_SCSI,
                                 (int)disk->info.addr.drive.controller);
}

/* ide0-1-0, scsi0-0-0-0 (scsi0-0-0 on an LSI controller), virtio-disk2, ... */
static char *
dxQemuDiskAlias(const dxDomainDef *def, const dxDiskDef *disk)
{
    const char *prefix = dxDiskBusTypeToString(disk->bus);
    const dxDriveAddress *a = &disk->info.addr.drive;

    if (disk->info.type == DX_ADDRESS_TYPE_DRIVE) {
        const dxControllerDef *cont = NULL;
        if (disk->bus == DX_DISK_BUS_SCSI)
            cont = dxQemuDiskSCSIController(def, disk);
        if (disk->bus != DX_DISK_BUS_SCSI ||
            (cont && cont->model == DX_CONTROLLER_MODEL_SCSI_LSILOGIC))
            return dxAsprintf("%s%u-%u-%u", prefix, a->controller, a->bus, a->unit);
        return dxAsprintf("%s%u-%u-%u-%u", prefix, a->controller, a->bus, a->target, a->unit);
    }
    return dxAsprintf("%s-disk%d", prefix, dxDiskNameToIndex(disk->dst));
}

int
dxQemuAssignDiskAliases(dxDomainDef *def)
{
    size_t i;
    for (i = 0; i < def->ndisks; i++) {
        dxDiskDef *disk = def->disks[i];
        if (!disk->info.alias)
            disk->info.alias = dxQemuDiskAlias(def, disk);
    }
    return 0;
}

/* ---- what QEMU refuses ------------------------------------------------------------------ */

static bool
dxQemuIsCurlProtocol(const dxStorageSource *src)
{
    return src->type == DX_STORAGE_TYPE_NETWORK &&
           (src->protocol == DX_STORAGE_NET_PROTOCOL_HTTP ||
            src->protocol == DX_STORAGE_NET_PROTOCOL_HTTPS ||
            src->protocol == DX_STORAGE_NET_PROTOCOL_FTP ||
            src->protocol == DX_STORAGE_NET_PROTOCOL_FTPS);
}

static bool
dxQemuIsHTTP(const dxStorageSource *src)
{
    return src->type == DX_STORAGE_TYPE_NETWORK &&
           (src->protocol == DX_STORAGE_NET_PROTOCOL_HTTP ||
            src->protocol == DX_STORAGE_NET_PROTOCOL_HTTPS);
}

/* Image formats QEMU cannot open as they are. */
static const char *
dxQemuImageFormatProblem(const dxStorageSource *src)
{
    switch (src->format) {
    case DX_STORAGE_FORMAT_COW:
        return "'cow' storage format is not supported";
    case DX_STORAGE_FORMAT_DIR:
        return "'directory' storage format is not directly supported by QEMU, use 'dir' "
               "disk type instead";
    case DX_STORAGE_FORMAT_ISO:
        return "storage format 'iso' is not directly supported by QEMU, use 'raw' instead";
    case DX_STORAGE_FORMAT_FAT:
        if (src->type != DX_STORAGE_TYPE_DIR && src->type != DX_STORAGE_TYPE_VOLUME)
            return "storage format 'fat' is supported only with 'dir' storage type";
        break;
    default:
        break;
    }
    if (src->type == DX_STORAGE_TYPE_DIR) {
        if (src->format > 0 && src->format != DX_STORAGE_FORMAT_FAT)
            return "storage type 'dir' requires use of storage format 'fat'";
        if (!src->readonly)
            return "virtual FAT storage can't be accessed in read-write mode";
    }
    if (src->metadataCacheMaxSize && src->format != DX_STORAGE_FORMAT_QCOW2)
        return "metadata cache max size control is supported only with qcow2 images";
    return NULL;
}

static const char *
dxQemuNetworkProblem(const dxStorageSource *src)
{
    bool curl = dxQemuIsCurlProtocol(src);

    if (src->sslverify && !(src->type == DX_STORAGE_TYPE_NETWORK &&
                            (src->protocol == DX_STORAGE_NET_PROTOCOL_HTTPS ||
                             src->protocol == DX_STORAGE_NET_PROTOCOL_FTPS)))
        return "ssl verification is supported only with HTTPS/FTPS protocols";
    if (src->ncookies && !dxQemuIsHTTP(src))
        return "http cookies are supported only with HTTP(S) protocol";
    if (src->readahead && !curl)
        return "readahead is supported only with HTTP(S)/FTP(s) protocols";
    if (src->timeout && !curl)
        return "timeout is supported only with HTTP(S)/FTP(s) protocols";
    if (src->query && !dxQemuIsHTTP(src))
        return "query is supported only with HTTP(S) protocols";
    if (src->type != DX_STORAGE_TYPE_NETWORK)
        return NULL;
    switch (src->protocol) {
    case DX_STORAGE_NET_PROTOCOL_TFTP:
        return "'tftp' protocol is not supported with this QEMU binary";
    case DX_STORAGE_NET_PROTOCOL_NFS:
        if (src->nhosts != 1)
            return "NFS protocol requires exactly one host";
        if (src->hosts[0].transport != DX_STORAGE_NET_TRANSPORT_TCP)
            return "NFS host supports only TCP transport";
        if (src->hosts[0].port)
            return "port cannot be specified in 'nfs' protocol host";
        break;
    default:
        break;
    }
    if (src->haveTLS == DX_TRISTATE_BOOL_YES && src->protocol != DX_STORAGE_NET_PROTOCOL_NBD)
        return "TLS is only supported with NBD network disks";
    if (src->auth && !src->auth->secretType)
        return "unknown secret type '<null>'";
    return NULL;
}

static const char *
dxQemuEncryptionProblem(const dxStorageSource *src)
{
    const dxStorageEncryption *enc = src->encryption;

    if (!enc)
        return NULL;
    if ((src->format == DX_STORAGE_FORMAT_QCOW || src->format == DX_STORAGE_FORMAT_QCOW2) &&
        (enc->format == DX_STORAGE_ENCRYPTION_FORMAT_DEFAULT ||
         enc->format == DX_STORAGE_ENCRYPTION_FORMAT_QCOW))
        return "old qcow/qcow2 encryption is not supported";
    if (enc->engine == DX_STORAGE_ENCRYPTION_ENGINE_LIBRBD) {
        if (!(src->type == DX_STORAGE_TYPE_NETWORK && src->protocol == DX_STORAGE_NET_PROTOCOL_RBD))
            return "librbd encryption is supported only with RBD backed disks";
        return NULL;
    }
    if (enc->format == DX_STORAGE_ENCRYPTION_FORMAT_LUKS2 ||
        enc->format == DX_STORAGE_ENCRYPTION_FORMAT_LUKS_ANY)
        return "this encryption format is currently not supported by the qemu encryption engine";
    if (src->format != DX_STORAGE_FORMAT_RAW && src->format != DX_STORAGE_FORMAT_QCOW2)
        return "encryption is supported only with 'raw' and 'qcow2' image format";
    if (enc->nsecrets != 1)
        return "a LUKS encrypted image needs exactly one <secret type='passphrase'>";
    return NULL;
}

static int
dxQemuValidateDiskChain(const dxDiskDef *disk)
{
    const dxStorageSource *src;

    for (src = disk->src; dxStorageSourceIsBacking(src); src = src->backingStore) {
        const char *why = dxQemuImageFormatProblem(src);
        if (!why)
            why = dxQemuNetworkProblem(src);
        if (!why)
            why = dxQemuEncryptionProblem(src);
        if (why) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &disk->info.loc, "%s", why);
            return -1;
        }
    }
    return 0;
}

/* Problems of the disk's guest side (bus, address, geometry, ...), in
 * libvirt's order; a message to free, or NULL. */
static char *
dxQemuDiskFrontendProblem(const dxDomainDef *def, const dxDiskDef *disk)
{
    const dxDriveAddress *a = &disk->info.addr.drive;
    bool drive = disk->info.type == DX_ADDRESS_TYPE_DRIVE;
    const char *bus = dxDiskBusTypeToString(disk->bus);
    bool diskReadonly = disk->src->readonly && disk->device == DX_DISK_DEVICE_DISK;

    if (disk->cyls && disk->heads && disk->secs) {
        if (disk->bus == DX_DISK_BUS_USB || disk->bus == DX_DISK_BUS_SD)
            return dxAsprintf("CHS geometry can not be set for '%s' bus", bus);
        if (disk->trans && disk->bus != DX_DISK_BUS_IDE)
            return dxAsprintf("CHS translation mode can only be set for 'ide' bus not '%s'", bus);
    }
    if (disk->serial && disk->bus == DX_DISK_BUS_SD)
        return dxAsprintf("Serial property not supported for drive bus '%s'", bus);

    switch (disk->bus) {
    case DX_DISK_BUS_IDE:
        if (drive && a->target != 0)
            return dxStrdup("target must be 0 for ide controller");
        if (diskReadonly)
            return dxStrdup("readonly ide disks are not supported");
        if (drive && a->controller > 0)
            return dxStrdup("Only 1 IDE controller is supported");
        break;
    case DX_DISK_BUS_SCSI:
        if (drive && a->bus != 0)
            return dxStrdup("SCSI controller only supports 1 bus");
        if (drive && a->target != 0) {
            /* the LSI 53C895A is addressed by unit only (scsi-id) */
            const dxControllerDef *cont = dxQemuDiskSCSIController(def, disk);
            if (cont && cont->model == DX_CONTROLLER_MODEL_SCSI_LSILOGIC)
                return dxStrdup("target must be 0 for controller model 'lsilogic'");
        }
        break;
    case DX_DISK_BUS_FDC:
        if (drive && a->target != 0)
            return dxStrdup("target must be 0 for controller fdc");
        if (drive && a->unit > 1)
            return dxStrdup("unit must be 0 or 1 for controller fdc");
        if (drive && a->controller > 0)
            return dxStrdup("Only 1 fdc controller is supported");
        break;
    case DX_DISK_BUS_SATA:
        if (drive && a->bus != 0)
            return dxStrdup("bus must be 0 for sata controller");
        if (drive && a->target != 0)
            return dxStrdup("target must be 0 for sata controller");
        if (diskReadonly)
            return dxStrdup("readonly sata disks are not supported");
        break;
    case DX_DISK_BUS_VIRTIO:
        if (disk->info.type != DX_ADDRESS_TYPE_NONE && disk->info.type != DX_ADDRESS_TYPE_PCI &&
            disk->info.type != DX_ADDRESS_TYPE_CCW && disk->info.type != DX_ADDRESS_TYPE_VIRTIO_MMIO &&
            disk->info.type != DX_ADDRESS_TYPE_DRIVE)
            return dxAsprintf("virtio disk cannot have an address of type '%s'",
                              dxAddressTypeTypeToString(disk->info.type));
        if (disk->device == DX_DISK_DEVICE_CDROM || disk->device == DX_DISK_DEVICE_FLOPPY)
            return dxAsprintf("disk type of '%s' does not support ejectable media", disk->dst);
        break;
    default:
        break;
    }
    if (disk->device == DX_DISK_DEVICE_LUN && disk->src->format &&
        disk->src->format != DX_STORAGE_FORMAT_RAW)
        return dxStrdup("disk device 'lun' must use 'raw' format");
    /* scsi-block passes the host LUN's own identity through */
    if (disk->device == DX_DISK_DEVICE_LUN && disk->bus == DX_DISK_BUS_SCSI && disk->serial)
        return dxStrdup("scsi-block 'lun' devices do not support the serial property");
    if (disk->sgio == DX_DISK_SGIO_UNFILTERED)
        return dxStrdup("unfiltered sgio is no longer supported");
    if (disk->device == DX_DISK_DEVICE_LUN && disk->bus != DX_DISK_BUS_SCSI &&
        disk->bus != DX_DISK_BUS_VIRTIO)
        return dxAsprintf("disk device='lun' is not supported for bus='%s'", bus);
    if (disk->rotationRate && disk->bus != DX_DISK_BUS_SCSI && disk->bus != DX_DISK_BUS_IDE &&
        disk->bus != DX_DISK_BUS_SATA)
        return dxStrdup("rotation rate is only valid for SCSI/IDE/SATA bus");
    if (disk->rotationRate && disk->device != DX_DISK_DEVICE_DISK)
        return dxStrdup("rotation rate is only valid for disk device");
    if (disk->wwn && disk->bus != DX_DISK_BUS_IDE && disk->bus != DX_DISK_BUS_SCSI)
        return dxStrdup("Only ide and scsi disk support wwn");
    if ((disk->vendor || disk->product) &&
        (disk->bus != DX_DISK_BUS_SCSI || disk->device == DX_DISK_DEVICE_LUN))
        return dxStrdup("Only scsi disk supports vendor and product");
    if (disk->driver.iothread) {
        if (disk->bus != DX_DISK_BUS_VIRTIO)
            return dxAsprintf("IOThreads not available for bus %s target %s", bus, disk->dst);
        if (!dxDomainIOThreadFind(def, disk->driver.iothread))
            return dxAsprintf("Disk iothread '%u' not defined in iothreadid",
                              disk->driver.iothread);
    }
    return NULL;
}

/* <transient/>: an overlay QEMU writes instead of the image. */
static char *
dxQemuDiskTransientProblem(const dxDiskDef *disk)
{
    if (!disk->transient)
        return NULL;
    if (disk->transientShareBacking == DX_TRISTATE_BOOL_YES &&
        disk->bus != DX_DISK_BUS_VIRTIO && disk->bus != DX_DISK_BUS_SCSI &&
        disk->bus != DX_DISK_BUS_USB)
        /* sic: libvirt's wording */
        return dxAsprintf("disk bus '%s' doesn't support transiend disk backing image sharing",
                          dxDiskBusTypeToString(disk->bus));
    if (disk->src->readonly)
        return dxAsprintf("transient disk '%s' must not be read-only", disk->dst);
    if (disk->src->type != DX_STORAGE_TYPE_FILE)
        return dxAsprintf("transient disk supported only with 'file' type (%s)", disk->dst);
    return NULL;
}

/* A drive serial reaches the guest through emulated firmware and inquiry
 * data that have no quoting of their own: like libvirt, only letters,
 * digits and "_ .+-" are let through (a space is escaped for QEMU). */
static bool
dxQemuDiskSerialSafe(const char *serial)
{
    static const char safe[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                               "0123456789_ .+-";
    return serial[strspn(serial, safe)] == '\0';
}

static int
dxQemuValidateDisk(const dxDomainDef *def, const dxDiskDef *disk)
{
    char *why = NULL;

    if ((why = dxQemuDiskFrontendProblem(def, disk)))
        ;
    else if (disk->serial && !dxQemuDiskSerialSafe(disk->serial))
        why = dxAsprintf("driver serial '%s' contains unsafe characters", disk->serial);
    else if (disk->src->shared && !disk->src->readonly &&
             disk->src->format > DX_STORAGE_FORMAT_RAW)
        why = dxAsprintf("shared access for disk '%s' requires use of supported storage format",
                         disk->dst);
    else if (disk->driver.copyOnRead == DX_TRISTATE_SWITCH_ON && disk->src->readonly)
        why = dxAsprintf("copy_on_read is not compatible with read-only disk '%s'", disk->dst);
    else if (disk->driver.copyOnRead == DX_TRISTATE_SWITCH_ON && disk->device == DX_DISK_DEVICE_LUN)
        why = dxAsprintf("copy_on_read is not compatible with 'lun' disk '%s'", disk->dst);
    else if (disk->driver.copyOnRead == DX_TRISTATE_SWITCH_ON &&
             (disk->device == DX_DISK_DEVICE_CDROM || disk->device == DX_DISK_DEVICE_FLOPPY))
        why = dxAsprintf("copy_on_read is not supported with removable disk '%s'", disk->dst);
    else {
        if (disk->src->type == DX_STORAGE_TYPE_VHOST_USER && !dxDomainGuestMemoryIsShared(def))
            why = dxStrdup("'vhostuser' requires shared memory");
        else if (disk->driver.name && strcmp(disk->driver.name, "qemu") != 0)
            why = dxAsprintf("unsupported driver name '%s' for disk '%s'", disk->driver.name,
                             disk->dst);
        else if (disk->driver.io == DX_DISK_IO_NATIVE &&
                 disk->driver.cache != DX_DISK_CACHE_NONE &&
                 disk->driver.cache != DX_DISK_CACHE_DIRECTSYNC)
            why = dxStrdup("io='native' needs either no disk cache or directsync cache mode");
        else
            why = dxQemuDiskTransientProblem(disk);
    }
    if (why) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &disk->info.loc, "%s", why);
        free(why);
        return -1;
    }
    return dxQemuValidateDiskChain(disk);
}

int
dxQemuValidateDisks(const dxDomainDef *def)
{
    size_t i;
    int rc = 0;

    if (!dxQemuArchIsX86(def->os.arch))
        return 0;
    for (i = 0; i < def->ndisks; i++) {
        if (dxQemuValidateDisk(def, def->disks[i]) < 0)
            rc = -1;
    }
    return rc;
}
