/* iommu_conf.h: <iommu>, the guest-visible IOMMU. */
#pragma once

#include "device_info.h"
#include "domain_def.h"

typedef enum {
    DX_IOMMU_MODEL_INTEL = 0,
    DX_IOMMU_MODEL_SMMUV3,
    DX_IOMMU_MODEL_VIRTIO,
    DX_IOMMU_MODEL_LAST
} dxIOMMUModel;
DX_ENUM_DECL(dxIOMMUModel);

struct _dxIOMMUDef {
    dxIOMMUModel model;
    dxTristateSwitch intremap;       /* interrupt remapping */
    dxTristateSwitch cachingMode;
    dxTristateSwitch eim;            /* extended interrupt mode */
    dxTristateSwitch iotlb;          /* device IOTLB (ATS) */
    unsigned int awBits;             /* address width, 0 = default */
    dxDeviceInfo info;
};

int dxIOMMUParse(dxDomainDef *def, xmlNodePtr node);
void dxIOMMUFormat(dxBuf *buf, const dxIOMMUDef *iommu);
void dxIOMMUFree(dxIOMMUDef *iommu);
/* The driver options against the model and the I/O APIC. */
int dxIOMMUValidate(const dxDomainDef *def);
