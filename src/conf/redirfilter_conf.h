/* redirfilter_conf.h: <redirfilter>, which USB devices a client may
 * redirect into the guest through a <redirdev>. */
#pragma once

#include "domain_def.h"

typedef struct {
    int usbClass;                     /* -1 = any */
    int vendor;                       /* -1 = any */
    int product;                      /* -1 = any */
    int version;                      /* BCD (0x0110 for "1.10"), -1 = any */
    bool allow;
} dxRedirFilterUSBDev;

struct _dxRedirFilterDef {
    dxRedirFilterUSBDev **usbdevs;
    size_t nusbdevs;
    dxSourceLoc loc;
};

int dxRedirFilterParse(dxDomainDef *def, xmlNodePtr node);
void dxRedirFilterFormat(dxBuf *buf, const dxRedirFilterDef *filter);
void dxRedirFilterFree(dxRedirFilterDef *filter);
/* QEMU's usb-redir "filter" property: "class:vendor:product:version:allow"
 * rules joined by '|'; caller frees. */
char *dxRedirFilterQemuString(const dxRedirFilterDef *filter);
