/* disk_conf.c: <disk>: parse and format. */
#include "disk_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

#include <stddef.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

DX_ENUM_IMPL(dxDiskDevice, DX_DISK_DEVICE_LAST, "disk", "cdrom", "floppy", "lun");

DX_ENUM_IMPL(dxDiskBus, DX_DISK_BUS_LAST,
             "none", "ide", "fdc", "scsi", "virtio", "xen", "usb", "uml", "sata", "sd");

DX_ENUM_IMPL(dxDiskCache, DX_DISK_CACHE_LAST,
             "default", "none", "writethrough", "writeback", "directsync", "unsafe");

DX_ENUM_IMPL(dxDiskErrorPolicy, DX_DISK_ERROR_POLICY_LAST,
             "default", "stop", "report", "ignore", "enospace");

DX_ENUM_IMPL(dxDiskIo, DX_DISK_IO_LAST, "default", "native", "threads", "io_uring");

DX_ENUM_IMPL(dxDiskDiscard, DX_DISK_DISCARD_LAST, "default", "unmap", "ignore");

DX_ENUM_IMPL(dxDiskDetectZeroes, DX_DISK_DETECT_ZEROES_LAST, "default", "off", "on", "unmap");

DX_ENUM_IMPL(dxDiskTray, DX_DISK_TRAY_LAST, "closed", "open");

DX_ENUM_IMPL(dxDiskGeometryTrans, DX_DISK_GEOMETRY_TRANS_LAST, "default", "none", "auto", "lba");

DX_ENUM_IMPL(dxDiskSnapshot, DX_DISK_SNAPSHOT_LAST,
             "default", "no", "internal", "external", "manual");

DX_ENUM_IMPL(dxDiskSgio, DX_DISK_SGIO_LAST, "default", "filtered", "unfiltered");

DX_ENUM_IMPL(dxDiskModel, DX_DISK_MODEL_LAST,
             "default", "virtio", "virtio-transitional", "virtio-non-transitional");

dxDiskDef *
dxDiskDefNew(void)
{
    dxDiskDef *disk = dxNew(dxDiskDef);
    disk->src = dxStorageSourceNew();
    return disk;
}

void
dxDiskDefFree(dxDiskDef *disk)
{
    if (!disk)
        return;
    dxStorageSourceFree(disk->src);
    free(disk->dst);
    free(disk->driver.name);
    free(disk->iotune.groupName);
    free(disk->serial);
    free(disk->wwn);
    free(disk->vendor);
    free(disk->product);
    dxDeviceInfoClear(&disk->info);
    free(disk);
}

void
dxDiskDefsClear(dxDomainDef *def)
{
    size_t i;
    for (i = 0; i < def->ndisks; i++)
        dxDiskDefFree(def->disks[i]);
    free(def->disks);
    def->disks = NULL;
    def->ndisks = 0;
}

/* ---- target names ------------------------------------------------------------- */

#define DX_DISK_NAME_MAX_INDEX (INT_MAX / 2)

/* Parse "sdb" / "vdaa" / "hdc2": the disk index and the partition number
 * (-1 when none). */
static int
dxDiskNameParse(const char *name, int *idx, int *partition)
{
    static const char *const prefixes[] = { "fd", "hd", "vd", "sd", "xvd", "ubd" };
    const char *p = NULL;
    size_t i;
    int n = 0;

    *partition = -1;
    for (i = 0; i < DX_ARRAY_CARDINALITY(prefixes) && !p; i++) {
        if (strncmp(name, prefixes[i], strlen(prefixes[i])) == 0)
            p = name + strlen(prefixes[i]);
    }
    if (!p)
        return -1;
    for (i = 0; *p >= 'a' && *p <= 'z'; i++, p++) {
        /* 'sdzzzzz' is already far beyond any bus: stop before int overflows */
        if (n > DX_DISK_NAME_MAX_INDEX / 26)
            return -1;
        n = (n + (i ? 1 : 0)) * 26 + (*p - 'a');
    }
    if (i == 0)
        return -1;
    *idx = n;
    if (*p && dxStrToInt(p, 10, partition) < 0)
        return -1;
    return 0;
}

int
dxDiskNameToIndex(const char *dst)
{
    int idx, partition;
    if (!dst || dxDiskNameParse(dst, &idx, &partition) < 0 || partition >= 0)
        return -1;
    return idx;
}

bool
dxDiskNameHasPartition(const char *dst)
{
    int idx, partition;
    return dst && dxDiskNameParse(dst, &idx, &partition) == 0 && partition >= 0;
}

/* ---- parse ---------------------------------------------------------------------- */

static int
dxDiskDriverParse(dxDiskDef *disk, xmlNodePtr node)
{
    dxDiskDriver *d = &disk->driver;
    int cache = 0, ep = 0, rep = 0, io = 0, discard = 0, dz = 0, fmt = 0;

    d->name = dxXMLPropString(node, "name");
    if (dxXMLPropEnum(node, "type", &dxStorageFormatTable, DX_PROP_NONZERO, &fmt) < 0 ||
        dxXMLPropEnum(node, "cache", &dxDiskCacheTable, DX_PROP_NONZERO, &cache) < 0 ||
        dxXMLPropEnum(node, "error_policy", &dxDiskErrorPolicyTable, DX_PROP_NONZERO, &ep) < 0 ||
        dxXMLPropEnum(node, "rerror_policy", &dxDiskErrorPolicyTable, DX_PROP_NONZERO, &rep) < 0 ||
        dxXMLPropEnum(node, "io", &dxDiskIoTable, DX_PROP_NONZERO, &io) < 0 ||
        dxXMLPropTristateSwitch(node, "ioeventfd", 0, &d->ioeventfd) < 0 ||
        dxXMLPropTristateSwitch(node, "event_idx", 0, &d->eventIdx) < 0 ||
        dxXMLPropTristateSwitch(node, "copy_on_read", 0, &d->copyOnRead) < 0 ||
        dxXMLPropEnum(node, "discard", &dxDiskDiscardTable, DX_PROP_NONZERO, &discard) < 0 ||
        dxXMLPropUInt(node, "iothread", 10, 0, &d->iothread) < 0 ||
        dxXMLPropEnum(node, "detect_zeroes", &dxDiskDetectZeroesTable, DX_PROP_NONZERO, &dz) < 0 ||
        dxXMLPropUInt(node, "queues", 10, 0, &d->queues) < 0 ||
        dxXMLPropUInt(node, "queue_size", 10, 0, &d->queueSize) < 0 ||
        dxVirtioOptionsParse(node, &d->virtio) < 0 ||
        dxStorageMetadataCacheParse(node, &disk->src->metadataCacheMaxSize) < 0)
        return -1;
    if (rep == DX_DISK_ERROR_POLICY_ENOSPACE) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "Invalid disk read error policy: 'enospace'");
        return -1;
    }
    disk->src->format = fmt;
    d->cache = cache;
    d->errorPolicy = ep;
    d->rerrorPolicy = rep;
    d->io = io;
    d->discard = discard;
    d->detectZeroes = dz;
    return 0;
}

static int
dxDiskTargetParse(dxDiskDef *disk, xmlNodePtr node)
{
    int bus = 0, tray = 0;

    if (dxXMLPropStringRequired(node, "dev", &disk->dst) < 0 ||
        dxXMLPropEnum(node, "bus", &dxDiskBusTable, DX_PROP_NONZERO, &bus) < 0 ||
        dxXMLPropEnum(node, "tray", &dxDiskTrayTable, 0, &tray) < 0 ||
        dxXMLPropTristateSwitch(node, "removable", 0, &disk->removable) < 0 ||
        dxXMLPropUInt(node, "rotation_rate", 10, 0, &disk->rotationRate) < 0)
        return -1;
    disk->bus = disk->parsedBus = bus;
    disk->tray = tray;
    return 0;
}

static int
dxDiskGeometryParse(dxDiskDef *disk, xmlNodePtr node)
{
    int trans = 0;
    if (dxXMLPropUInt(node, "cyls", 10, DX_PROP_REQUIRED, &disk->cyls) < 0 ||
        dxXMLPropUInt(node, "heads", 10, DX_PROP_REQUIRED, &disk->heads) < 0 ||
        dxXMLPropUInt(node, "secs", 10, DX_PROP_REQUIRED, &disk->secs) < 0 ||
        dxXMLPropEnum(node, "trans", &dxDiskGeometryTransTable, DX_PROP_NONZERO, &trans) < 0)
        return -1;
    disk->trans = trans;
    return 0;
}

typedef struct {
    const char *name;
    size_t offset;
} dxDiskIotuneField;

#define DX_IOTUNE(name, field) { name, offsetof(dxDiskIotune, field) }
/* In libvirt's output order. */
static const dxDiskIotuneField dxDiskIotuneFields[] = {
    DX_IOTUNE("total_bytes_sec", totalBytesSec),
    DX_IOTUNE("read_bytes_sec", readBytesSec),
    DX_IOTUNE("write_bytes_sec", writeBytesSec),
    DX_IOTUNE("total_iops_sec", totalIopsSec),
    DX_IOTUNE("read_iops_sec", readIopsSec),
    DX_IOTUNE("write_iops_sec", writeIopsSec),
    DX_IOTUNE("total_bytes_sec_max", totalBytesSecMax),
    DX_IOTUNE("read_bytes_sec_max", readBytesSecMax),
    DX_IOTUNE("write_bytes_sec_max", writeBytesSecMax),
    DX_IOTUNE("total_iops_sec_max", totalIopsSecMax),
    DX_IOTUNE("read_iops_sec_max", readIopsSecMax),
    DX_IOTUNE("write_iops_sec_max", writeIopsSecMax),
    DX_IOTUNE("size_iops_sec", sizeIopsSec),
    /* group_name goes here */
    DX_IOTUNE("total_bytes_sec_max_length", totalBytesSecMaxLength),
    DX_IOTUNE("read_bytes_sec_max_length", readBytesSecMaxLength),
    DX_IOTUNE("write_bytes_sec_max_length", writeBytesSecMaxLength),
    DX_IOTUNE("total_iops_sec_max_length", totalIopsSecMaxLength),
    DX_IOTUNE("read_iops_sec_max_length", readIopsSecMaxLength),
    DX_IOTUNE("write_iops_sec_max_length", writeIopsSecMaxLength),
};
#define DX_IOTUNE_GROUP_NAME_POS 13

static unsigned long long *
dxDiskIotuneAt(dxDiskIotune *t, size_t i)
{
    return (unsigned long long *)((char *)t + dxDiskIotuneFields[i].offset);
}

bool
dxDiskIotuneHasAny(const dxDiskIotune *t)
{
    size_t i;
    for (i = 0; i < DX_ARRAY_CARDINALITY(dxDiskIotuneFields); i++) {
        if (*dxDiskIotuneAt((dxDiskIotune *)t, i))
            return true;
    }
    return false;
}

static int
dxDiskIotuneParse(dxDiskDef *disk, xmlNodePtr node)
{
    xmlNodePtr child;
    size_t i;

    for (i = 0; i < DX_ARRAY_CARDINALITY(dxDiskIotuneFields); i++) {
        if ((child = dxXMLChild(node, dxDiskIotuneFields[i].name)) &&
            dxXMLContentULongLong(child, dxDiskIotuneAt(&disk->iotune, i)) < 0)
            return -1;
    }
    if ((child = dxXMLChild(node, "group_name")))
        disk->iotune.groupName = dxXMLContent(child);
    return 0;
}

static int
dxDiskOptionalElementsParse(dxDiskDef *disk, xmlNodePtr node)
{
    xmlNodePtr child;

    if ((child = dxXMLChild(node, "readonly")))
        disk->src->readonly = true;
    if ((child = dxXMLChild(node, "shareable")))
        disk->src->shared = true;
    if ((child = dxXMLChild(node, "transient"))) {
        disk->transient = true;
        if (dxXMLPropTristateBool(child, "shareBacking", 0, &disk->transientShareBacking) < 0)
            return -1;
    }
    disk->serial = dxXMLChildContent(node, "serial");
    disk->wwn = dxXMLChildContent(node, "wwn");
    disk->vendor = dxXMLChildContent(node, "vendor");
    disk->product = dxXMLChildContent(node, "product");
    if ((child = dxXMLChild(node, "geometry")) && dxDiskGeometryParse(disk, child) < 0)
        return -1;
    if ((child = dxXMLChild(node, "blockio")) &&
        (dxXMLPropUInt(child, "logical_block_size", 10, 0, &disk->logicalBlockSize) < 0 ||
         dxXMLPropUInt(child, "physical_block_size", 10, 0, &disk->physicalBlockSize) < 0))
        return -1;
    if ((child = dxXMLChild(node, "iotune")) && dxDiskIotuneParse(disk, child) < 0)
        return -1;
    return 0;
}

/* Old style: <auth> and <encryption> as children of <disk>. */
static int
dxDiskElementAuthParse(dxDiskDef *disk, xmlNodePtr node)
{
    xmlNodePtr child;

    if ((child = dxXMLChild(node, "auth"))) {
        if (dxStorageAuthParse(child, &disk->src->auth) < 0)
            return -1;
        disk->authOnDisk = true;
    }
    if ((child = dxXMLChild(node, "encryption"))) {
        if (dxStorageEncryptionParse(child, &disk->src->encryption) < 0)
            return -1;
        disk->encryptionOnDisk = true;
    }
    return 0;
}

static int
dxDiskAttrsParse(dxDiskDef *disk, xmlNodePtr node)
{
    int type = DX_STORAGE_TYPE_FILE, device = DX_DISK_DEVICE_DISK;
    int model = 0, sgio = 0, snapshot = 0;

    if (dxXMLPropEnum(node, "type", &dxStorageTypeTable, DX_PROP_NONZERO, &type) < 0 ||
        dxXMLPropEnum(node, "device", &dxDiskDeviceTable, 0, &device) < 0 ||
        dxXMLPropEnum(node, "model", &dxDiskModelTable, DX_PROP_NONZERO, &model) < 0 ||
        dxXMLPropTristateBool(node, "rawio", 0, &disk->rawio) < 0 ||
        dxXMLPropEnum(node, "sgio", &dxDiskSgioTable, DX_PROP_NONZERO, &sgio) < 0 ||
        dxXMLPropEnum(node, "snapshot", &dxDiskSnapshotTable, DX_PROP_NONZERO, &snapshot) < 0)
        return -1;
    disk->src->type = type;
    disk->device = device;
    disk->model = model;
    disk->sgio = sgio;
    disk->snapshot = snapshot;
    return 0;
}

static int
dxDiskDefParseNode(dxDiskDef *disk, xmlNodePtr node)
{
    xmlNodePtr child;

    if (dxDiskAttrsParse(disk, node) < 0 || dxDiskElementAuthParse(disk, node) < 0)
        return -1;
    if ((child = dxXMLChild(node, "source"))) {
        if (dxStorageSourceParse(disk->src, child, &disk->startupPolicy) < 0)
            return -1;
    } else {
        /* libvirt reads a disk without <source> (an empty CD-ROM or floppy)
           as an empty file disk, whatever its type */
        disk->src->type = DX_STORAGE_TYPE_FILE;
    }
    if (dxStorageBackingStoreParse(disk->src, node) < 0)
        return -1;
    if ((child = dxXMLChild(node, "driver")) && dxDiskDriverParse(disk, child) < 0)
        return -1;
    if (!(child = dxXMLChild(node, "target"))) {
        dxErrorReport(DX_ERR_INVALID, node, "missing <target dev=...> in <disk>");
        return -1;
    }
    if (dxDiskTargetParse(disk, child) < 0 || dxDiskOptionalElementsParse(disk, node) < 0)
        return -1;
    /* a CD-ROM is read-only whatever the XML says */
    if (disk->device == DX_DISK_DEVICE_CDROM)
        disk->src->readonly = true;
    return dxDeviceInfoParse(&disk->info, node, DX_INFO_ALLOW_BOOT | DX_INFO_ALLOW_ROM);
}

/* libvirt keeps the disks of one bus (as written) sorted by target name:
 * a new disk goes before the first one of its bus with a later name, else
 * after the last one of its bus; disks of other buses keep their order.
 * Since every disk comes in through here, each bus's disks are already
 * sorted, so the search can stop at the first one (from the end) that
 * does not sort after the new disk: in-order input costs O(1) per disk,
 * not O(N). */
static void
dxDiskInsert(dxDomainDef *def, dxDiskDef *disk)
{
    int idx = dxDiskNameToIndex(disk->dst);
    int insertAt = -1;
    int i;

    for (i = (int)def->ndisks - 1; i >= 0; i--) {
        const dxDiskDef *cur = def->disks[i];
        if (cur->parsedBus != disk->parsedBus)
            continue;
        if (dxDiskNameToIndex(cur->dst) > idx) {
            insertAt = i;
        } else {
            if (insertAt == -1)
                insertAt = i + 1;
            break;
        }
    }
    if (insertAt < 0)
        insertAt = (int)def->ndisks;
    def->disks = dxReallocArray(def->disks, def->ndisks + 1, sizeof(*def->disks));
    memmove(def->disks + insertAt + 1, def->disks + insertAt,
            (def->ndisks - insertAt) * sizeof(*def->disks));
    def->disks[insertAt] = disk;
    def->ndisks++;
}

int
dxDiskDefParse(dxDomainDef *def, xmlNodePtr node)
{
    dxDiskDef *disk = dxDiskDefNew();

    dxSourceLocSet(&disk->info.loc, node);
    if (dxDiskDefParseNode(disk, node) < 0) {
        dxDiskDefFree(disk);
        return -1;
    }
    dxDiskInsert(def, disk);
    return 0;
}

/* ---- format ------------------------------------------------------------------------ */

static void
dxDiskDriverFormat(dxBuf *buf, const dxDiskDef *disk)
{
    const dxDiskDriver *d = &disk->driver;
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);

    dxBufAttr(&attrs, "name", d->name);
    if (disk->src->format)
        dxBufAttr(&attrs, "type", dxStorageFormatTypeToString(disk->src->format));
    if (d->cache)
        dxBufAttr(&attrs, "cache", dxDiskCacheTypeToString(d->cache));
    if (d->errorPolicy)
        dxBufAttr(&attrs, "error_policy", dxDiskErrorPolicyTypeToString(d->errorPolicy));
    if (d->rerrorPolicy)
        dxBufAttr(&attrs, "rerror_policy", dxDiskErrorPolicyTypeToString(d->rerrorPolicy));
    if (d->io)
        dxBufAttr(&attrs, "io", dxDiskIoTypeToString(d->io));
    if (d->ioeventfd)
        dxBufAttr(&attrs, "ioeventfd", dxTristateSwitchTypeToString(d->ioeventfd));
    if (d->eventIdx)
        dxBufAttr(&attrs, "event_idx", dxTristateSwitchTypeToString(d->eventIdx));
    if (d->copyOnRead)
        dxBufAttr(&attrs, "copy_on_read", dxTristateSwitchTypeToString(d->copyOnRead));
    if (d->discard)
        dxBufAttr(&attrs, "discard", dxDiskDiscardTypeToString(d->discard));
    if (d->iothread)
        dxBufAttrf(&attrs, "iothread", "%u", d->iothread);
    if (d->detectZeroes)
        dxBufAttr(&attrs, "detect_zeroes", dxDiskDetectZeroesTypeToString(d->detectZeroes));
    if (d->queues)
        dxBufAttrf(&attrs, "queues", "%u", d->queues);
    if (d->queueSize)
        dxBufAttrf(&attrs, "queue_size", "%u", d->queueSize);
    dxVirtioOptionsFormat(&attrs, &d->virtio);
    if (disk->src->metadataCacheMaxSize) {
        dxBufAddStr(&child, "<metadata_cache>\n");
        dxBufAddf(&child, "  <max_size unit='bytes'>%llu</max_size>\n",
                  disk->src->metadataCacheMaxSize);
        dxBufAddStr(&child, "</metadata_cache>\n");
    }
    dxBufElement(buf, "driver", &attrs, &child);
}

static void
dxDiskTargetFormat(dxBuf *buf, const dxDiskDef *disk)
{
    dxBufAddStr(buf, "<target");
    dxBufAttr(buf, "dev", disk->dst);
    dxBufAttr(buf, "bus", dxDiskBusTypeToString(disk->bus));
    if ((disk->device == DX_DISK_DEVICE_FLOPPY || disk->device == DX_DISK_DEVICE_CDROM) &&
        disk->tray != DX_DISK_TRAY_CLOSED)
        dxBufAttr(buf, "tray", dxDiskTrayTypeToString(disk->tray));
    if (disk->removable)
        dxBufAttr(buf, "removable", dxTristateSwitchTypeToString(disk->removable));
    if (disk->rotationRate)
        dxBufAttrf(buf, "rotation_rate", "%u", disk->rotationRate);
    dxBufAddStr(buf, "/>\n");
}

static void
dxDiskIotuneFormat(dxBuf *buf, const dxDiskDef *disk)
{
    dxDiskIotune *t = (dxDiskIotune *)&disk->iotune;
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    size_t i;

    for (i = 0; i < DX_ARRAY_CARDINALITY(dxDiskIotuneFields); i++) {
        unsigned long long v = *dxDiskIotuneAt(t, i);
        if (i == DX_IOTUNE_GROUP_NAME_POS && t->groupName) {
            dxBufAddStr(&child, "<group_name>");
            dxBufEscapeXML(&child, t->groupName);
            dxBufAddStr(&child, "</group_name>\n");
        }
        if (v)
            dxBufAddf(&child, "<%s>%llu</%s>\n", dxDiskIotuneFields[i].name, v,
                      dxDiskIotuneFields[i].name);
    }
    dxBufElement(buf, "iotune", NULL, &child);
}

static void
dxDiskGeometryBlockioFormat(dxBuf *buf, const dxDiskDef *disk)
{
    if (disk->cyls && disk->heads && disk->secs) {
        dxBufAddf(buf, "<geometry cyls='%u' heads='%u' secs='%u'",
                  disk->cyls, disk->heads, disk->secs);
        if (disk->trans)
            dxBufAttr(buf, "trans", dxDiskGeometryTransTypeToString(disk->trans));
        dxBufAddStr(buf, "/>\n");
    }
    if (disk->logicalBlockSize || disk->physicalBlockSize) {
        dxBufAddStr(buf, "<blockio");
        if (disk->logicalBlockSize)
            dxBufAttrf(buf, "logical_block_size", "%u", disk->logicalBlockSize);
        if (disk->physicalBlockSize)
            dxBufAttrf(buf, "physical_block_size", "%u", disk->physicalBlockSize);
        dxBufAddStr(buf, "/>\n");
    }
}

static void
dxDiskFlagsFormat(dxBuf *buf, const dxDiskDef *disk)
{
    if (disk->src->readonly)
        dxBufAddStr(buf, "<readonly/>\n");
    if (disk->src->shared)
        dxBufAddStr(buf, "<shareable/>\n");
    if (disk->transient) {
        if (disk->transientShareBacking == DX_TRISTATE_BOOL_YES)
            dxBufAddStr(buf, "<transient shareBacking='yes'/>\n");
        else
            dxBufAddStr(buf, "<transient/>\n");
    }
    dxBufTextElement(buf, "serial", disk->serial);
    dxBufTextElement(buf, "wwn", disk->wwn);
    dxBufTextElement(buf, "vendor", disk->vendor);
    dxBufTextElement(buf, "product", disk->product);
}

static void
dxDiskOpenTagFormat(dxBuf *buf, const dxDiskDef *disk)
{
    dxBufAddf(buf, "<disk type='%s' device='%s'", dxStorageTypeTypeToString(disk->src->type),
              dxDiskDeviceTypeToString(disk->device));
    if (disk->model)
        dxBufAttr(buf, "model", dxDiskModelTypeToString(disk->model));
    if (disk->rawio)
        dxBufAttr(buf, "rawio", dxTristateBoolTypeToString(disk->rawio));
    if (disk->sgio)
        dxBufAttr(buf, "sgio", dxDiskSgioTypeToString(disk->sgio));
    /* snapshot='no' of a read-only disk goes without saying */
    if (disk->snapshot &&
        !(disk->snapshot == DX_DISK_SNAPSHOT_NO && disk->src->readonly))
        dxBufAttr(buf, "snapshot", dxDiskSnapshotTypeToString(disk->snapshot));
    dxBufAddStr(buf, ">\n");
}

static void
dxDiskDefFormat(dxBuf *buf, const dxDiskDef *disk)
{
    dxDiskOpenTagFormat(buf, disk);
    dxBufAdjustIndent(buf, 2);
    dxDiskDriverFormat(buf, disk);
    if (disk->src->auth && disk->authOnDisk)
        dxStorageAuthFormatXML(buf, disk->src->auth);
    dxStorageSourceFormat(buf, disk->src, disk->startupPolicy, disk->authOnDisk,
                          disk->encryptionOnDisk);
    dxStorageBackingStoreFormat(buf, disk->src);
    dxDiskGeometryBlockioFormat(buf, disk);
    dxDiskTargetFormat(buf, disk);
    dxDiskIotuneFormat(buf, disk);
    dxDiskFlagsFormat(buf, disk);
    if (disk->src->encryption && disk->encryptionOnDisk)
        dxStorageEncryptionFormatXML(buf, disk->src->encryption);
    dxDeviceInfoFormat(buf, &disk->info, DX_INFO_ALLOW_BOOT | DX_INFO_ALLOW_ROM);
    dxBufAdjustIndent(buf, -2);
    dxBufAddStr(buf, "</disk>\n");
}

void
dxDiskDefsFormat(dxBuf *buf, const dxDomainDef *def)
{
    size_t i;
    for (i = 0; i < def->ndisks; i++)
        dxDiskDefFormat(buf, def->disks[i]);
}
