/* iommu_conf.c: parse and format of <iommu>. */
#include "iommu_conf.h"
#include "features_conf.h"
#include "util/dxalloc.h"
#include "util/dxxml.h"

#include <stdlib.h>

DX_ENUM_IMPL(dxIOMMUModel, DX_IOMMU_MODEL_LAST, "intel", "smmuv3", "virtio");

void
dxIOMMUFree(dxIOMMUDef *iommu)
{
    if (!iommu)
        return;
    dxDeviceInfoClear(&iommu->info);
    free(iommu);
}

static int
dxIOMMUParseDriver(dxIOMMUDef *iommu, xmlNodePtr driver)
{
    if (dxXMLPropTristateSwitch(driver, "intremap", 0, &iommu->intremap) < 0 ||
        dxXMLPropTristateSwitch(driver, "caching_mode", 0, &iommu->cachingMode) < 0 ||
        dxXMLPropTristateSwitch(driver, "eim", 0, &iommu->eim) < 0 ||
        dxXMLPropTristateSwitch(driver, "iotlb", 0, &iommu->iotlb) < 0 ||
        dxXMLPropUInt(driver, "aw_bits", 10, 0, &iommu->awBits) < 0)
        return -1;
    return 0;
}

int
dxIOMMUParse(dxDomainDef *def, xmlNodePtr node)
{
    dxIOMMUDef *iommu = dxNew(dxIOMMUDef);
    xmlNodePtr driver;
    int model = 0;

    if (def->iommu) {
        dxErrorReport(DX_ERR_INVALID, node, "only a single IOMMU device is supported");
        dxIOMMUFree(iommu);
        return -1;
    }
    if (dxXMLPropEnum(node, "model", &dxIOMMUModelTable, DX_PROP_REQUIRED, &model) < 0 ||
        ((driver = dxXMLChild(node, "driver")) && dxIOMMUParseDriver(iommu, driver) < 0) ||
        dxDeviceInfoParse(&iommu->info, node, 0) < 0) {
        dxIOMMUFree(iommu);
        return -1;
    }
    iommu->model = model;
    def->iommu = iommu;
    return 0;
}

void
dxIOMMUFormat(dxBuf *buf, const dxIOMMUDef *iommu)
{
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    dxBuf driver = DX_BUF_INIT;

    dxBufAttr(&attrs, "model", dxIOMMUModelTypeToString(iommu->model));
    if (iommu->intremap)
        dxBufAttr(&driver, "intremap", dxTristateSwitchTypeToString(iommu->intremap));
    if (iommu->cachingMode)
        dxBufAttr(&driver, "caching_mode", dxTristateSwitchTypeToString(iommu->cachingMode));
    if (iommu->eim)
        dxBufAttr(&driver, "eim", dxTristateSwitchTypeToString(iommu->eim));
    if (iommu->iotlb)
        dxBufAttr(&driver, "iotlb", dxTristateSwitchTypeToString(iommu->iotlb));
    if (iommu->awBits)
        dxBufAttrf(&driver, "aw_bits", "%u", iommu->awBits);
    dxBufElement(&child, "driver", &driver, NULL);
    dxDeviceInfoFormat(&child, &iommu->info, 0);
    dxBufElement(buf, "iommu", &attrs, &child);
}

int
dxIOMMUValidate(const dxDomainDef *def)
{
    const dxIOMMUDef *iommu = def->iommu;
    int ioapic;

    if (!iommu)
        return 0;
    ioapic = def->features.extra ? def->features.extra->ioapic : DX_IOAPIC_NONE;
    if (iommu->model != DX_IOMMU_MODEL_INTEL &&
        (iommu->intremap || iommu->cachingMode || iommu->eim || iommu->iotlb || iommu->awBits)) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &iommu->info.loc,
                         "iommu model '%s' doesn't support additional attributes",
                         dxIOMMUModelTypeToString(iommu->model));
        return -1;
    }
    /* remapped interrupts go through QEMU's own (split) I/O APIC */
    if (iommu->intremap == DX_TRISTATE_SWITCH_ON && ioapic != DX_IOAPIC_QEMU) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &iommu->info.loc,
                         "IOMMU interrupt remapping requires split I/O APIC "
                         "(ioapic driver='qemu')");
        return -1;
    }
    if (iommu->eim == DX_TRISTATE_SWITCH_ON && iommu->intremap != DX_TRISTATE_SWITCH_ON) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &iommu->info.loc,
                         "IOMMU eim requires interrupt remapping to be enabled");
        return -1;
    }
    return 0;
}
