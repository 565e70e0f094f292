/* virtio_options.h: the virtio transport options many device families
 * accept on their <driver> element: iommu, ats, packed, page_per_vq. */
#pragma once

#include <libxml/tree.h>

#include "util/dxbuf.h"
#include "util/dxenum.h"
#include "util/dxjson.h"

typedef struct {
    dxTristateSwitch iommu;        /* iommu='on|off' → "iommu_platform" */
    dxTristateSwitch ats;          /* ats='on|off' → "ats" */
    dxTristateSwitch packed;       /* packed='on|off' → "packed" */
    dxTristateSwitch pagePerVq;    /* page_per_vq='on|off' → "page-per-vq" */
} dxVirtioOptions;

/* Read the four attributes from DRIVER (a <driver> element). 0 or -1. */
int dxVirtioOptionsParse(xmlNodePtr driver, dxVirtioOptions *opts);
/* Append " iommu='on' ats='on' ..." for the options that are set. */
void dxVirtioOptionsFormat(dxBuf *attrs, const dxVirtioOptions *opts);
bool dxVirtioOptionsAnySet(const dxVirtioOptions *opts);
/* Add the QEMU properties for the options that are set, in libvirt's
 * order: iommu_platform, ats, packed, page-per-vq. */
void dxVirtioOptionsToProps(dxJSON *props, const dxVirtioOptions *opts);
