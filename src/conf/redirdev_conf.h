/* redirdev_conf.h: <redirdev>, a USB device a client redirects into the
 * guest over a character device (usually SPICE's usbredir channel). */
#pragma once

#include "chr_conf.h"
#include "device_info.h"
#include "domain_def.h"

typedef enum {
    DX_REDIRDEV_BUS_USB = 0,
    DX_REDIRDEV_BUS_LAST
} dxRedirdevBus;
DX_ENUM_DECL(dxRedirdevBus);

struct _dxRedirdevDef {
    dxRedirdevBus bus;
    dxChrSourceDef source;
    dxDeviceInfo info;
};

int dxRedirdevParse(dxDomainDef *def, xmlNodePtr node);
void dxRedirdevFormat(dxBuf *buf, const dxRedirdevDef *redir);
void dxRedirdevFree(dxRedirdevDef *redir);
