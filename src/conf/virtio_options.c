/* virtio_options.c: parse, format and QEMU properties of the shared virtio
 * transport options. */
#include "virtio_options.h"
#include "util/dxxml.h"

int
dxVirtioOptionsParse(xmlNodePtr driver, dxVirtioOptions *opts)
{
    if (dxXMLPropTristateSwitch(driver, "iommu", 0, &opts->iommu) < 0 ||
        dxXMLPropTristateSwitch(driver, "ats", 0, &opts->ats) < 0 ||
        dxXMLPropTristateSwitch(driver, "packed", 0, &opts->packed) < 0 ||
        dxXMLPropTristateSwitch(driver, "page_per_vq", 0, &opts->pagePerVq) < 0)
        return -1;
    return 0;
}

bool
dxVirtioOptionsAnySet(const dxVirtioOptions *opts)
{
    return opts->iommu || opts->ats || opts->packed || opts->pagePerVq;
}

void
dxVirtioOptionsFormat(dxBuf *attrs, const dxVirtioOptions *opts)
{
    if (opts->iommu)
        dxBufAttr(attrs, "iommu", dxTristateSwitchTypeToString(opts->iommu));
    if (opts->ats)
        dxBufAttr(attrs, "ats", dxTristateSwitchTypeToString(opts->ats));
    if (opts->packed)
        dxBufAttr(attrs, "packed", dxTristateSwitchTypeToString(opts->packed));
    if (opts->pagePerVq)
        dxBufAttr(attrs, "page_per_vq", dxTristateSwitchTypeToString(opts->pagePerVq));
}

void
dxVirtioOptionsToProps(dxJSON *props, const dxVirtioOptions *opts)
{
    if (opts->iommu)
        dxJSONAddBool(props, "iommu_platform", opts->iommu == DX_TRISTATE_SWITCH_ON);
    if (opts->ats)
        dxJSONAddBool(props, "ats", opts->ats == DX_TRISTATE_SWITCH_ON);
    if (opts->packed)
        dxJSONAddBool(props, "packed", opts->packed == DX_TRISTATE_SWITCH_ON);
    if (opts->pagePerVq)
        dxJSONAddBool(props, "page-per-vq", opts->pagePerVq == DX_TRISTATE_SWITCH_ON);
}
