/* nvram_conf.h: <nvram>, the pSeries (ppc64) NVRAM device. */
#pragma once

#include "device_info.h"
#include "domain_def.h"

struct _dxNVRAMDef {
    dxDeviceInfo info;
};

int dxNVRAMParse(dxDomainDef *def, xmlNodePtr node);
void dxNVRAMFormat(dxBuf *buf, const dxNVRAMDef *nvram);
void dxNVRAMFree(dxNVRAMDef *nvram);
