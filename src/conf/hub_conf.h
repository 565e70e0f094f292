/* hub_conf.h: <hub>, a USB hub giving the guest more USB ports. */
#pragma once

#include "device_info.h"
#include "domain_def.h"

typedef enum {
    DX_HUB_TYPE_USB = 0,
    DX_HUB_TYPE_LAST
} dxHubType;
DX_ENUM_DECL(dxHubType);

struct _dxHubDef {
    dxHubType type;
    dxDeviceInfo info;
};

int dxHubParse(dxDomainDef *def, xmlNodePtr node);
void dxHubFormat(dxBuf *buf, const dxHubDef *hub);
void dxHubFree(dxHubDef *hub);
