/* memballoon_conf.h: <memballoon>, the guest memory balloon. */
#pragma once

#include "device_info.h"
#include "domain_def.h"
#include "virtio_options.h"

typedef enum {
    DX_MEMBALLOON_MODEL_VIRTIO = 0,
    DX_MEMBALLOON_MODEL_XEN,
    DX_MEMBALLOON_MODEL_NONE,
    DX_MEMBALLOON_MODEL_VIRTIO_TRANSITIONAL,
    DX_MEMBALLOON_MODEL_VIRTIO_NON_TRANSITIONAL,
    DX_MEMBALLOON_MODEL_LAST
} dxMemballoonModel;
DX_ENUM_DECL(dxMemballoonModel);

struct _dxMemballoonDef {
    dxMemballoonModel model;
    int period;                        /* <stats period=> in seconds, 0 = off */
    dxTristateSwitch autodeflate;      /* deflate on guest OOM */
    dxTristateSwitch freePageReporting;
    dxVirtioOptions virtio;            /* <driver> */
    dxDeviceInfo info;
};

int dxMemballoonParse(dxDomainDef *def, xmlNodePtr node);
void dxMemballoonFormat(dxBuf *buf, const dxMemballoonDef *mb);
void dxMemballoonFree(dxMemballoonDef *mb);
dxMemballoonDef *dxMemballoonNew(dxMemballoonModel model);
/* True for the three virtio models. */
bool dxMemballoonIsVirtio(const dxMemballoonDef *mb);
int dxMemballoonValidate(const dxDomainDef *def);
