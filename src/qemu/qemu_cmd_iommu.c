/* qemu_cmd_iommu.c: the intel-iommu and virtio-iommu devices (SMMUv3 is
 * a machine property on ARM, not a device). */
#include "qemu_cmd_devices.h"
#include "conf/iommu_conf.h"

static void
dxQemuIOMMUIntelProps(dxJSON *props, const dxIOMMUDef *iommu)
{
    /* intremap and eim are on/off/auto properties, the others booleans */
    if (iommu->intremap)
        dxJSONAddString(props, "intremap", dxTristateSwitchTypeToString(iommu->intremap));
    if (iommu->cachingMode)
        dxJSONAddBool(props, "caching-mode", iommu->cachingMode == DX_TRISTATE_SWITCH_ON);
    if (iommu->eim)
        dxJSONAddString(props, "eim", dxTristateSwitchTypeToString(iommu->eim));
    if (iommu->iotlb)
        dxJSONAddBool(props, "device-iotlb", iommu->iotlb == DX_TRISTATE_SWITCH_ON);
    if (iommu->awBits)
        dxJSONAddUInt(props, "aw-bits", iommu->awBits);
}

int
dxQemuBuildIOMMU(dxQemuBuildCtx *ctx)
{
    const dxIOMMUDef *iommu = ctx->def->iommu;
    dxJSON *props;

    if (!iommu || iommu->model == DX_IOMMU_MODEL_SMMUV3)
        return 0;
    props = dxJSONNewObject();
    if (iommu->model == DX_IOMMU_MODEL_INTEL) {
        dxJSONAddString(props, "driver", "intel-iommu");
        dxJSONAddString(props, "id", iommu->info.alias);
        dxQemuIOMMUIntelProps(props, iommu);
    } else {
        dxJSONAddString(props, "driver", "virtio-iommu");
        dxJSONAddString(props, "id", iommu->info.alias);
        dxQemuBuildDeviceAddressProps(ctx, props, &iommu->info);
    }
    dxArgvAddJSON(ctx->argv, "-device", props);
    return 0;
}
