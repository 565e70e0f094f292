/* video_conf.h: <video> devices (the emulated graphics card). */
#pragma once

#include <libxml/tree.h>
#include <stdbool.h>

#include "device_info.h"
#include "domain_def.h"
#include "virtio_options.h"
#include "util/dxenum.h"

typedef enum {
    DX_VIDEO_TYPE_DEFAULT = 0,
    DX_VIDEO_TYPE_VGA,
    DX_VIDEO_TYPE_CIRRUS,
    DX_VIDEO_TYPE_VMVGA,
    DX_VIDEO_TYPE_XEN,
    DX_VIDEO_TYPE_VBOX,
    DX_VIDEO_TYPE_QXL,
    DX_VIDEO_TYPE_PARALLELS,
    DX_VIDEO_TYPE_VIRTIO,
    DX_VIDEO_TYPE_GOP,
    DX_VIDEO_TYPE_NONE,
    DX_VIDEO_TYPE_BOCHS,
    DX_VIDEO_TYPE_RAMFB,
    DX_VIDEO_TYPE_LAST
} dxVideoType;
DX_ENUM_DECL(dxVideoType);

typedef enum {
    DX_VIDEO_BACKEND_DEFAULT = 0,
    DX_VIDEO_BACKEND_QEMU,
    DX_VIDEO_BACKEND_VHOSTUSER,
    DX_VIDEO_BACKEND_LAST
} dxVideoBackend;
DX_ENUM_DECL(dxVideoBackend);

typedef enum {
    DX_VIDEO_VGACONF_IO = 0,
    DX_VIDEO_VGACONF_ON,
    DX_VIDEO_VGACONF_OFF,
    DX_VIDEO_VGACONF_LAST
} dxVideoVGAConf;
DX_ENUM_DECL(dxVideoVGAConf);

struct _dxVideoDef {
    dxVideoType type;
    unsigned int ram;                 /* KiB, qxl: ram bar */
    unsigned int vram;                /* KiB */
    unsigned int vram64;              /* KiB, qxl */
    unsigned int vgamem;              /* KiB, qxl */
    unsigned int heads;
    bool primary;
    bool hasAccel;                    /* <acceleration> */
    dxTristateBool accel3d;
    dxTristateBool accel2d;
    char *rendernode;
    bool hasResolution;               /* <resolution> */
    unsigned int resX;
    unsigned int resY;
    dxVideoBackend backend;           /* <driver name=> */
    bool hasVGAConf;
    dxVideoVGAConf vgaconf;           /* <driver vgaconf=> (xen) */
    dxVirtioOptions virtio;           /* <driver iommu= ...> */
    dxDeviceInfo info;
};

dxVideoDef *dxVideoDefNew(dxVideoType type);
void dxVideoDefFree(dxVideoDef *video);
int dxVideoDefParse(dxDomainDef *def, xmlNodePtr node);
void dxVideoDefsFormat(dxBuf *buf, const dxDomainDef *def);
void dxVideoDefsClear(dxDomainDef *def);
/* Generic defaults: the primary card first, vram and heads. */
int dxVideoDefsPostParse(dxDomainDef *def);
int dxVideoDefsValidate(const dxDomainDef *def);
/* Default vram (KiB) of a card type; 0 when it has none. */
unsigned int dxVideoDefaultVRAM(dxVideoType type);
