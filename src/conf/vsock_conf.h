/* vsock_conf.h: <vsock>, the host<->guest socket device. */
#pragma once

#include "device_info.h"
#include "domain_def.h"
#include "virtio_options.h"

typedef enum {
    DX_VSOCK_MODEL_DEFAULT = 0,
    DX_VSOCK_MODEL_VIRTIO,
    DX_VSOCK_MODEL_VIRTIO_TRANSITIONAL,
    DX_VSOCK_MODEL_VIRTIO_NON_TRANSITIONAL,
    DX_VSOCK_MODEL_LAST
} dxVsockModel;
DX_ENUM_DECL(dxVsockModel);

struct _dxVsockDef {
    dxVsockModel model;
    dxTristateBool autoCid;          /* <cid auto=> */
    unsigned int cid;                /* <cid address=>, 0 = none */
    dxVirtioOptions virtio;
    dxDeviceInfo info;
};

int dxVsockParse(dxDomainDef *def, xmlNodePtr node);
void dxVsockFormat(dxBuf *buf, const dxVsockDef *vsock);
void dxVsockFree(dxVsockDef *vsock);
