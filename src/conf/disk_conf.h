/* disk_conf.h: <disk>: hard disks, CD-ROMs, floppies and SCSI LUNs. */
#pragma once

#include <libxml/tree.h>
#include <stdbool.h>

#include "device_info.h"
#include "domain_def.h"
#include "storage_source.h"
#include "virtio_options.h"
#include "util/dxbuf.h"
#include "util/dxenum.h"

typedef enum {
    DX_DISK_DEVICE_DISK = 0,
    DX_DISK_DEVICE_CDROM,
    DX_DISK_DEVICE_FLOPPY,
    DX_DISK_DEVICE_LUN,
    DX_DISK_DEVICE_LAST
} dxDiskDevice;
DX_ENUM_DECL(dxDiskDevice);

typedef enum {
    DX_DISK_BUS_NONE = 0,
    DX_DISK_BUS_IDE,
    DX_DISK_BUS_FDC,
    DX_DISK_BUS_SCSI,
    DX_DISK_BUS_VIRTIO,
    DX_DISK_BUS_XEN,
    DX_DISK_BUS_USB,
    DX_DISK_BUS_UML,
    DX_DISK_BUS_SATA,
    DX_DISK_BUS_SD,
    DX_DISK_BUS_LAST
} dxDiskBus;
DX_ENUM_DECL(dxDiskBus);

typedef enum {
    DX_DISK_CACHE_DEFAULT = 0,
    DX_DISK_CACHE_NONE,
    DX_DISK_CACHE_WRITETHROUGH,
    DX_DISK_CACHE_WRITEBACK,
    DX_DISK_CACHE_DIRECTSYNC,
    DX_DISK_CACHE_UNSAFE,
    DX_DISK_CACHE_LAST
} dxDiskCache;
DX_ENUM_DECL(dxDiskCache);

typedef enum {
    DX_DISK_ERROR_POLICY_DEFAULT = 0,
    DX_DISK_ERROR_POLICY_STOP,
    DX_DISK_ERROR_POLICY_REPORT,
    DX_DISK_ERROR_POLICY_IGNORE,
    DX_DISK_ERROR_POLICY_ENOSPACE,
    DX_DISK_ERROR_POLICY_LAST
} dxDiskErrorPolicy;
DX_ENUM_DECL(dxDiskErrorPolicy);

typedef enum {
    DX_DISK_IO_DEFAULT = 0,
    DX_DISK_IO_NATIVE,
    DX_DISK_IO_THREADS,
    DX_DISK_IO_URING,
    DX_DISK_IO_LAST
} dxDiskIo;
DX_ENUM_DECL(dxDiskIo);

typedef enum {
    DX_DISK_DISCARD_DEFAULT = 0,
    DX_DISK_DISCARD_UNMAP,
    DX_DISK_DISCARD_IGNORE,
    DX_DISK_DISCARD_LAST
} dxDiskDiscard;
DX_ENUM_DECL(dxDiskDiscard);

typedef enum {
    DX_DISK_DETECT_ZEROES_DEFAULT = 0,
    DX_DISK_DETECT_ZEROES_OFF,
    DX_DISK_DETECT_ZEROES_ON,
    DX_DISK_DETECT_ZEROES_UNMAP,
    DX_DISK_DETECT_ZEROES_LAST
} dxDiskDetectZeroes;
DX_ENUM_DECL(dxDiskDetectZeroes);

typedef enum {
    DX_DISK_TRAY_CLOSED = 0,
    DX_DISK_TRAY_OPEN,
    DX_DISK_TRAY_LAST
} dxDiskTray;
DX_ENUM_DECL(dxDiskTray);

typedef enum {
    DX_DISK_GEOMETRY_TRANS_DEFAULT = 0,
    DX_DISK_GEOMETRY_TRANS_NONE,
    DX_DISK_GEOMETRY_TRANS_AUTO,
    DX_DISK_GEOMETRY_TRANS_LBA,
    DX_DISK_GEOMETRY_TRANS_LAST
} dxDiskGeometryTrans;
DX_ENUM_DECL(dxDiskGeometryTrans);

typedef enum {
    DX_DISK_SNAPSHOT_DEFAULT = 0,
    DX_DISK_SNAPSHOT_NO,
    DX_DISK_SNAPSHOT_INTERNAL,
    DX_DISK_SNAPSHOT_EXTERNAL,
    DX_DISK_SNAPSHOT_MANUAL,
    DX_DISK_SNAPSHOT_LAST
} dxDiskSnapshot;
DX_ENUM_DECL(dxDiskSnapshot);

typedef enum {
    DX_DISK_SGIO_DEFAULT = 0,
    DX_DISK_SGIO_FILTERED,
    DX_DISK_SGIO_UNFILTERED,
    DX_DISK_SGIO_LAST
} dxDiskSgio;
DX_ENUM_DECL(dxDiskSgio);

typedef enum {
    DX_DISK_MODEL_DEFAULT = 0,
    DX_DISK_MODEL_VIRTIO,
    DX_DISK_MODEL_VIRTIO_TRANSITIONAL,
    DX_DISK_MODEL_VIRTIO_NON_TRANSITIONAL,
    DX_DISK_MODEL_LAST
} dxDiskModel;
DX_ENUM_DECL(dxDiskModel);

/* <iotune>: throttling; 0 = not given. */
typedef struct {
    unsigned long long totalBytesSec, readBytesSec, writeBytesSec;
    unsigned long long totalIopsSec, readIopsSec, writeIopsSec;
    unsigned long long totalBytesSecMax, readBytesSecMax, writeBytesSecMax;
    unsigned long long totalIopsSecMax, readIopsSecMax, writeIopsSecMax;
    unsigned long long sizeIopsSec;
    char *groupName;
    unsigned long long totalBytesSecMaxLength, readBytesSecMaxLength, writeBytesSecMaxLength;
    unsigned long long totalIopsSecMaxLength, readIopsSecMaxLength, writeIopsSecMaxLength;
} dxDiskIotune;

/* Any limit set (the group name aside)? */
bool dxDiskIotuneHasAny(const dxDiskIotune *t);

typedef struct {
    char *name;                       /* "qemu" */
    dxDiskCache cache;
    dxDiskErrorPolicy errorPolicy;
    dxDiskErrorPolicy rerrorPolicy;
    dxDiskIo io;
    dxTristateSwitch ioeventfd;
    dxTristateSwitch eventIdx;
    dxTristateSwitch copyOnRead;
    dxDiskDiscard discard;
    unsigned int iothread;
    dxDiskDetectZeroes detectZeroes;
    unsigned int queues;
    unsigned int queueSize;
    dxVirtioOptions virtio;
} dxDiskDriver;

struct _dxDiskDef {
    dxStorageSource *src;
    dxDiskDevice device;
    dxDiskBus bus;
    dxDiskBus parsedBus;              /* bus as written (disks sort by it) */
    char *dst;                        /* <target dev=> */
    dxDiskTray tray;
    dxTristateSwitch removable;
    unsigned int rotationRate;
    dxDiskDriver driver;
    dxDiskModel model;
    dxTristateBool rawio;
    dxDiskSgio sgio;
    dxDiskSnapshot snapshot;
    dxStorageStartupPolicy startupPolicy;
    unsigned int cyls, heads, secs;   /* <geometry> */
    dxDiskGeometryTrans trans;
    unsigned int logicalBlockSize;    /* <blockio> */
    unsigned int physicalBlockSize;
    dxDiskIotune iotune;
    bool transient;
    dxTristateBool transientShareBacking;
    char *serial;
    char *wwn;
    char *vendor;
    char *product;
    /* <auth>/<encryption> written as children of <disk> (old style): they
     * are formatted back there */
    bool authOnDisk;
    bool encryptionOnDisk;
    dxDeviceInfo info;
};

dxDiskDef *dxDiskDefNew(void);
void dxDiskDefFree(dxDiskDef *disk);

/* The <disk> parser (registered in domain_devices.c). */
int dxDiskDefParse(dxDomainDef *def, xmlNodePtr node);
void dxDiskDefsFormat(dxBuf *buf, const dxDomainDef *def);
void dxDiskDefsClear(dxDomainDef *def);
/* Generic defaults: target bus, drive addresses, iSCSI LUN 0. */
int dxDiskDefsPostParse(dxDomainDef *def);
int dxDiskDefsValidate(const dxDomainDef *def);
/* IDE/SCSI/FDC/SATA controllers for the disks' drive addresses. */
void dxDiskDefsAddImplicitControllers(dxDomainDef *def);

/* sda -> 0, hdc -> 2, vdaa -> 26; -1 when DST is not a disk name. */
int dxDiskNameToIndex(const char *dst);
/* "vdb1": a partition, not a disk. */
bool dxDiskNameHasPartition(const char *dst);
/* The drive address libvirt derives from the target name on BUS. */
int dxDiskDriveAddressFromName(const dxDiskDef *disk, dxDriveAddress *addr);
