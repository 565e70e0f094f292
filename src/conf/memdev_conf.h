/* memdev_conf.h: <memory> devices: DIMMs, NVDIMMs, virtio-pmem, virtio-mem
 * and SGX EPC sections.  (The domain-wide <memory>/<maxMemory> sizes are
 * in domain_memory.c.) */
#pragma once

#include "device_info.h"
#include "domain_def.h"

typedef enum {
    DX_MEMDEV_MODEL_NONE = 0,
    DX_MEMDEV_MODEL_DIMM,
    DX_MEMDEV_MODEL_NVDIMM,
    DX_MEMDEV_MODEL_VIRTIO_PMEM,
    DX_MEMDEV_MODEL_VIRTIO_MEM,
    DX_MEMDEV_MODEL_SGX_EPC,
    DX_MEMDEV_MODEL_LAST
} dxMemdevModel;
DX_ENUM_DECL(dxMemdevModel);

typedef enum {
    DX_MEMDEV_ACCESS_DEFAULT = 0,
    DX_MEMDEV_ACCESS_SHARED,
    DX_MEMDEV_ACCESS_PRIVATE,
    DX_MEMDEV_ACCESS_LAST
} dxMemdevAccess;
DX_ENUM_DECL(dxMemdevAccess);

struct _dxMemoryDef {
    dxMemdevModel model;
    dxMemdevAccess access;
    dxTristateBool discard;
    bool hasUuid;                    /* <uuid> (NVDIMM on ppc64) */
    unsigned char uuid[16];
    /* <source> */
    unsigned long long pagesizeKiB;
    dxBitmap *nodemask;
    char *path;                      /* nvdimm, virtio-pmem */
    unsigned long long alignsizeKiB; /* nvdimm */
    bool pmem;                       /* nvdimm: the backing file is real pmem */
    /* <target> */
    unsigned long long sizeKiB;
    int targetNode;                  /* guest NUMA node, -1 = not given */
    unsigned long long labelsizeKiB; /* nvdimm */
    bool readonly;                   /* nvdimm */
    unsigned long long blocksizeKiB; /* virtio-mem */
    unsigned long long requestedKiB; /* virtio-mem */
    unsigned long long currentKiB;   /* virtio-mem, live state: read, not written */
    dxDeviceInfo info;
};

int dxMemoryDeviceParse(dxDomainDef *def, xmlNodePtr node);
void dxMemoryDeviceFormat(dxBuf *buf, const dxMemoryDef *mem);
void dxMemoryDeviceFree(dxMemoryDef *mem);
int dxMemoryDevicesValidate(const dxDomainDef *def);
/* Sum of the sizes of every memory device, in KiB: what <memory> counts
 * beyond the initial RAM. */
unsigned long long dxMemoryDevicesTotalKiB(const dxDomainDef *def);
/* DIMM and NVDIMM occupy one of the <maxMemory slots=>. */
bool dxMemoryDeviceNeedsSlot(const dxMemoryDef *mem);
/* virtio-pmem and virtio-mem sit on PCI. */
bool dxMemoryDeviceIsVirtio(const dxMemoryDef *mem);
