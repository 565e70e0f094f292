/* input_conf.h: <input> devices: mice, keyboards, tablets, virtio-input
 * passthrough of a host evdev, and evdev grabbed by QEMU itself. */
#pragma once

#include <libxml/tree.h>

#include "device_info.h"
#include "domain_def.h"
#include "virtio_options.h"
#include "util/dxenum.h"

typedef enum {
    DX_INPUT_TYPE_MOUSE = 0,
    DX_INPUT_TYPE_TABLET,
    DX_INPUT_TYPE_KBD,
    DX_INPUT_TYPE_PASSTHROUGH,
    DX_INPUT_TYPE_EVDEV,
    DX_INPUT_TYPE_LAST
} dxInputType;
DX_ENUM_DECL(dxInputType);

typedef enum {
    DX_INPUT_BUS_DEFAULT = 0,
    DX_INPUT_BUS_PS2,
    DX_INPUT_BUS_USB,
    DX_INPUT_BUS_XEN,
    DX_INPUT_BUS_PARALLELS,
    DX_INPUT_BUS_VIRTIO,
    DX_INPUT_BUS_NONE,
    DX_INPUT_BUS_LAST
} dxInputBus;
DX_ENUM_DECL(dxInputBus);

typedef enum {
    DX_INPUT_MODEL_DEFAULT = 0,
    DX_INPUT_MODEL_VIRTIO,
    DX_INPUT_MODEL_VIRTIO_TRANSITIONAL,
    DX_INPUT_MODEL_VIRTIO_NON_TRANSITIONAL,
    DX_INPUT_MODEL_LAST
} dxInputModel;
DX_ENUM_DECL(dxInputModel);

typedef enum {
    DX_INPUT_GRAB_DEFAULT = 0,
    DX_INPUT_GRAB_ALL,
    DX_INPUT_GRAB_LAST
} dxInputGrab;
DX_ENUM_DECL(dxInputGrab);

typedef enum {
    DX_INPUT_GRAB_TOGGLE_DEFAULT = 0,
    DX_INPUT_GRAB_TOGGLE_CTRL_CTRL,
    DX_INPUT_GRAB_TOGGLE_ALT_ALT,
    DX_INPUT_GRAB_TOGGLE_SHIFT_SHIFT,
    DX_INPUT_GRAB_TOGGLE_META_META,
    DX_INPUT_GRAB_TOGGLE_SCROLLLOCK,
    DX_INPUT_GRAB_TOGGLE_CTRL_SCROLLLOCK,
    DX_INPUT_GRAB_TOGGLE_LAST
} dxInputGrabToggle;
DX_ENUM_DECL(dxInputGrabToggle);

struct _dxInputDef {
    dxInputType type;
    dxInputBus bus;
    dxInputModel model;
    char *evdev;                      /* passthrough <source evdev=>, evdev <source dev=> */
    dxInputGrab grab;                 /* evdev */
    dxInputGrabToggle grabToggle;     /* evdev */
    dxTristateSwitch repeat;          /* evdev */
    dxVirtioOptions virtio;           /* <driver> */
    dxDeviceInfo info;
};

dxInputDef *dxInputDefNew(dxInputType type, dxInputBus bus);
void dxInputDefFree(dxInputDef *input);
int dxInputDefParse(dxDomainDef *def, xmlNodePtr node);
void dxInputDefsFormat(dxBuf *buf, const dxDomainDef *def);
void dxInputDefsClear(dxDomainDef *def);
int dxInputDefsValidate(const dxDomainDef *def);
/* The first input of TYPE on BUS, or NULL. */
const dxInputDef *dxInputDefFind(const dxDomainDef *def, dxInputType type, dxInputBus bus);
