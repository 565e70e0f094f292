/* fs_conf.h: <filesystem>, host directories shared with the guest (9p and
 * virtiofs) and the container-only filesystem types. */
#pragma once

#include "device_info.h"
#include "domain_def.h"
#include "virtio_options.h"

typedef enum {
    DX_FS_TYPE_MOUNT = 0,
    DX_FS_TYPE_BLOCK,
    DX_FS_TYPE_FILE,
    DX_FS_TYPE_TEMPLATE,
    DX_FS_TYPE_RAM,
    DX_FS_TYPE_BIND,
    DX_FS_TYPE_VOLUME,
    DX_FS_TYPE_LAST
} dxFSType;
DX_ENUM_DECL(dxFSType);

typedef enum {
    DX_FS_DRIVER_DEFAULT = 0,
    DX_FS_DRIVER_PATH,
    DX_FS_DRIVER_HANDLE,
    DX_FS_DRIVER_LOOP,
    DX_FS_DRIVER_NBD,
    DX_FS_DRIVER_PLOOP,
    DX_FS_DRIVER_VIRTIOFS,
    DX_FS_DRIVER_LAST
} dxFSDriver;
DX_ENUM_DECL(dxFSDriver);

typedef enum {
    DX_FS_ACCESS_DEFAULT = 0,
    DX_FS_ACCESS_PASSTHROUGH,
    DX_FS_ACCESS_MAPPED,
    DX_FS_ACCESS_SQUASH,
    DX_FS_ACCESS_LAST
} dxFSAccessMode;
DX_ENUM_DECL(dxFSAccessMode);

typedef enum {
    DX_FS_MODEL_DEFAULT = 0,
    DX_FS_MODEL_VIRTIO,
    DX_FS_MODEL_VIRTIO_TRANSITIONAL,
    DX_FS_MODEL_VIRTIO_NON_TRANSITIONAL,
    DX_FS_MODEL_LAST
} dxFSModel;
DX_ENUM_DECL(dxFSModel);

typedef enum {
    DX_FS_MULTIDEVS_DEFAULT = 0,
    DX_FS_MULTIDEVS_REMAP,
    DX_FS_MULTIDEVS_FORBID,
    DX_FS_MULTIDEVS_WARN,
    DX_FS_MULTIDEVS_LAST
} dxFSMultidevs;
DX_ENUM_DECL(dxFSMultidevs);

typedef enum {
    DX_FS_WRPOLICY_DEFAULT = 0,
    DX_FS_WRPOLICY_IMMEDIATE,
    DX_FS_WRPOLICY_LAST
} dxFSWrpolicy;
DX_ENUM_DECL(dxFSWrpolicy);

typedef enum {
    DX_FS_CACHE_DEFAULT = 0,
    DX_FS_CACHE_NONE,
    DX_FS_CACHE_ALWAYS,
    DX_FS_CACHE_LAST
} dxFSCacheMode;
DX_ENUM_DECL(dxFSCacheMode);

typedef enum {
    DX_FS_SANDBOX_DEFAULT = 0,
    DX_FS_SANDBOX_NAMESPACE,
    DX_FS_SANDBOX_CHROOT,
    DX_FS_SANDBOX_LAST
} dxFSSandboxMode;
DX_ENUM_DECL(dxFSSandboxMode);

/* <binary>: how libvirt would start virtiofsd (not on QEMU's command line) */
typedef struct {
    char *path;
    dxTristateSwitch xattr;
    dxFSCacheMode cache;
    dxFSSandboxMode sandbox;
    dxTristateSwitch posixLock;
    dxTristateSwitch flock;
    int threadPoolSize;              /* -1 = not given */
} dxFSBinary;

struct _dxFSDef {
    dxFSType type;
    dxFSAccessMode accessmode;
    dxFSModel model;
    dxFSMultidevs multidevs;
    unsigned int fmode;              /* octal permissions, 0 = not given */
    unsigned int dmode;
    /* <driver> */
    dxFSDriver driver;
    char *format;                    /* image format of loop/nbd drivers */
    dxFSWrpolicy wrpolicy;
    unsigned int queueSize;
    dxVirtioOptions virtio;
    dxFSBinary binary;
    /* <source> */
    char *src;                       /* dir, dev, file or template name */
    char *sock;                      /* virtiofs: an external daemon's socket */
    unsigned long long usageKiB;     /* ram */
    char *pool;                      /* volume */
    char *volume;
    /* <target> and the rest */
    char *dst;
    bool readonly;
    unsigned long long spaceHardLimit;   /* bytes */
    unsigned long long spaceSoftLimit;
    dxDeviceInfo info;
};

int dxFSParse(dxDomainDef *def, xmlNodePtr node);
void dxFSFormat(dxBuf *buf, const dxFSDef *fs);
void dxFSFree(dxFSDef *fs);
void dxFSPostParse(dxFSDef *fs);
