/* devices.h: device families: the parser registry and a generic walk over
 * every device's dxDeviceInfo (addresses, aliases, boot order). */
#pragma once

#include "device_info.h"
#include "domain_def.h"

typedef enum {
    DX_DEVICE_DISK,
    DX_DEVICE_CONTROLLER,
    DX_DEVICE_LEASE,
    DX_DEVICE_FS,
    DX_DEVICE_NET,
    DX_DEVICE_SMARTCARD,
    DX_DEVICE_CHR,
    DX_DEVICE_INPUT,
    DX_DEVICE_TPM,
    DX_DEVICE_GRAPHICS,
    DX_DEVICE_SOUND,
    DX_DEVICE_AUDIO,
    DX_DEVICE_VIDEO,
    DX_DEVICE_HOSTDEV,
    DX_DEVICE_REDIRDEV,
    DX_DEVICE_HUB,
    DX_DEVICE_WATCHDOG,
    DX_DEVICE_MEMBALLOON,
    DX_DEVICE_RNG,
    DX_DEVICE_NVRAM,
    DX_DEVICE_PANIC,
    DX_DEVICE_SHMEM,
    DX_DEVICE_MEMORY,
    DX_DEVICE_IOMMU,
    DX_DEVICE_VSOCK,
    DX_DEVICE_CRYPTO,
    DX_DEVICE_LAST
} dxDeviceType;
DX_ENUM_DECL(dxDeviceType);

typedef struct {
    dxDeviceType type;
    void *ptr;                 /* dxDiskDef *, dxNetDef *, ... */
} dxDeviceRef;

typedef struct {
    const char *element;                          /* child of <devices> */
    int (*parse)(dxDomainDef *def, xmlNodePtr node);
} dxDeviceParser;

/* Called for every device carrying a dxDeviceInfo, in the order devices
 * are formatted; a non-zero return stops the walk and is returned
 * (negative for errors, positive for "found"). */
typedef int (*dxDeviceInfoCallback)(dxDomainDef *def, dxDeviceRef dev,
                                    dxDeviceInfo *info, void *opaque);
int dxDomainDeviceInfoIterate(dxDomainDef *def, dxDeviceInfoCallback cb, void *opaque);
/* The same walk over the devices of WANT only (the order within it kept);
 * DX_DEVICE_LAST walks them all. */
int dxDomainDeviceInfoIterateType(dxDomainDef *def, dxDeviceType want,
                                  dxDeviceInfoCallback cb, void *opaque);
