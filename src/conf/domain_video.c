/* domain_video.c: <video>: parse, format, generic defaults and checks. */
#include "video_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

#include <stdlib.h>
#include <string.h>

DX_ENUM_IMPL(dxVideoType, DX_VIDEO_TYPE_LAST,
             "default", "vga", "cirrus", "vmvga", "xen", "vbox", "qxl",
             "parallels", "virtio", "gop", "none", "bochs", "ramfb");

DX_ENUM_IMPL(dxVideoBackend, DX_VIDEO_BACKEND_LAST, "default", "qemu", "vhostuser");

DX_ENUM_IMPL(dxVideoVGAConf, DX_VIDEO_VGACONF_LAST, "io", "on", "off");

/* the video RAM of a QXL card's RAM bar when the domain says nothing */
#define DX_VIDEO_QXL_DEFAULT_RAM 65536

dxVideoDef *
dxVideoDefNew(dxVideoType type)
{
    dxVideoDef *video = dxNew(dxVideoDef);
    video->type = type;
    return video;
}

void
dxVideoDefFree(dxVideoDef *video)
{
    if (!video)
        return;
    free(video->rendernode);
    dxDeviceInfoClear(&video->info);
    free(video);
}

void
dxVideoDefsClear(dxDomainDef *def)
{
    size_t i;
    for (i = 0; i < def->nvideos; i++)
        dxVideoDefFree(def->videos[i]);
    free(def->videos);
    def->videos = NULL;
    def->nvideos = 0;
}

unsigned int
dxVideoDefaultVRAM(dxVideoType type)
{
    switch (type) {
    case DX_VIDEO_TYPE_VGA:
    case DX_VIDEO_TYPE_CIRRUS:
    case DX_VIDEO_TYPE_VMVGA:
    case DX_VIDEO_TYPE_BOCHS:
        return 16 * 1024;
    case DX_VIDEO_TYPE_XEN:
        return 4 * 1024;
    case DX_VIDEO_TYPE_QXL:
        return 64 * 1024;
    default:
        return 0;
    }
}

/* ---- parse ---------------------------------------------------------------- */

/* Card memory sizes are powers of two: round up as libvirt does. */
static unsigned int
dxRoundUpPowerOfTwo(unsigned int v)
{
    unsigned int p = 1;
    if (v == 0)
        return 0;
    while (p < v && p < 0x80000000u)
        p <<= 1;
    return p;
}

static int
dxVideoAccelParse(dxVideoDef *video, xmlNodePtr node)
{
    video->hasAccel = true;
    if (dxXMLPropTristateBool(node, "accel3d", 0, &video->accel3d) < 0 ||
        dxXMLPropTristateBool(node, "accel2d", 0, &video->accel2d) < 0)
        return -1;
    video->rendernode = dxXMLPropString(node, "rendernode");
    return 0;
}

static int
dxVideoResolutionParse(dxVideoDef *video, xmlNodePtr node)
{
    video->hasResolution = true;
    if (dxXMLPropUInt(node, "x", 10, DX_PROP_REQUIRED, &video->resX) < 0 ||
        dxXMLPropUInt(node, "y", 10, DX_PROP_REQUIRED, &video->resY) < 0)
        return -1;
    if (video->resX == 0 || video->resY == 0) {
        dxErrorReport(DX_ERR_INVALID, node, "video resolution values must be greater than 0");
        return -1;
    }
    return 0;
}

static int
dxVideoModelParse(dxVideoDef *video, xmlNodePtr model)
{
    xmlNodePtr child;
    dxTristateBool primary = DX_TRISTATE_BOOL_ABSENT;
    int type = 0;

    if (dxXMLPropEnum(model, "type", &dxVideoTypeTable, DX_PROP_NONZERO, &type) < 0 ||
        dxXMLPropUInt(model, "ram", 10, 0, &video->ram) < 0 ||
        dxXMLPropUInt(model, "vram", 10, 0, &video->vram) < 0 ||
        dxXMLPropUInt(model, "vram64", 10, 0, &video->vram64) < 0 ||
        dxXMLPropUInt(model, "vgamem", 10, 0, &video->vgamem) < 0 ||
        dxXMLPropUInt(model, "heads", 10, 0, &video->heads) < 0 ||
        dxXMLPropTristateBool(model, "primary", 0, &primary) < 0)
        return -1;
    video->type = type;
    video->primary = primary == DX_TRISTATE_BOOL_YES;
    video->ram = dxRoundUpPowerOfTwo(video->ram);
    video->vram = dxRoundUpPowerOfTwo(video->vram);
    if ((child = dxXMLChild(model, "acceleration")) && dxVideoAccelParse(video, child) < 0)
        return -1;
    if ((child = dxXMLChild(model, "resolution")) && dxVideoResolutionParse(video, child) < 0)
        return -1;
    return 0;
}

static int
dxVideoDriverParse(dxVideoDef *video, xmlNodePtr driver)
{
    int val = 0, rc;
    if (dxXMLPropEnum(driver, "name", &dxVideoBackendTable, DX_PROP_NONZERO, &val) < 0)
        return -1;
    video->backend = val;
    if ((rc = dxXMLPropEnum(driver, "vgaconf", &dxVideoVGAConfTable, 0, &val)) < 0)
        return -1;
    if (rc == 1) {
        video->hasVGAConf = true;
        video->vgaconf = val;
    }
    return dxVirtioOptionsParse(driver, &video->virtio);
}

static int
dxVideoDefParseNode(dxVideoDef *video, xmlNodePtr node)
{
    xmlNodePtr child;
    if ((child = dxXMLChild(node, "model")) && dxVideoModelParse(video, child) < 0)
        return -1;
    if ((child = dxXMLChild(node, "driver")) && dxVideoDriverParse(video, child) < 0)
        return -1;
    return dxDeviceInfoParse(&video->info, node, DX_INFO_ALLOW_ACPI);
}

int
dxVideoDefParse(dxDomainDef *def, xmlNodePtr node)
{
    dxVideoDef *video = dxVideoDefNew(DX_VIDEO_TYPE_DEFAULT);

    dxSourceLocSet(&video->info.loc, node);
    if (dxVideoDefParseNode(video, node) < 0) {
        dxVideoDefFree(video);
        return -1;
    }
    /* the primary card is always the first one */
    if (video->primary && def->nvideos > 0) {
        if (def->videos[0]->primary) {
            dxErrorReport(DX_ERR_UNSUPPORTED, node,
                          "Only one primary video device is supported");
            dxVideoDefFree(video);
            return -1;
        }
        def->videos = dxReallocArray(def->videos, def->nvideos + 1, sizeof(dxVideoDef *));
        memmove(def->videos + 1, def->videos, def->nvideos * sizeof(dxVideoDef *));
        def->videos[0] = video;
        def->nvideos++;
        return 0;
    }
    DX_APPEND(def->videos, def->nvideos, video);
    return 0;
}

/* ---- format --------------------------------------------------------------- */

static void
dxBufAttrKiB(dxBuf *attrs, const char *name, unsigned int v)
{
    if (v)
        dxBufAttrf(attrs, name, "%u", v);
}

static void
dxVideoModelFormat(dxBuf *buf, const dxVideoDef *video)
{
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);

    /* a card no default type applies to (see dxVideoDefaultType) is
     * written without one, so that it reads back the same */
    if (video->type != DX_VIDEO_TYPE_DEFAULT)
        dxBufAttr(&attrs, "type", dxVideoTypeTypeToString(video->type));
    dxBufAttrKiB(&attrs, "ram", video->ram);
    dxBufAttrKiB(&attrs, "vram", video->vram);
    dxBufAttrKiB(&attrs, "vram64", video->vram64);
    dxBufAttrKiB(&attrs, "vgamem", video->vgamem);
    dxBufAttrKiB(&attrs, "heads", video->heads);
    if (video->primary)
        dxBufAttr(&attrs, "primary", "yes");
    if (video->hasAccel && (video->accel3d || video->accel2d || video->rendernode)) {
        dxBufAddStr(&child, "<acceleration");
        if (video->accel3d)
            dxBufAttr(&child, "accel3d", dxTristateBoolTypeToString(video->accel3d));
        if (video->accel2d)
            dxBufAttr(&child, "accel2d", dxTristateBoolTypeToString(video->accel2d));
        dxBufAttr(&child, "rendernode", video->rendernode);
        dxBufAddStr(&child, "/>\n");
    }
    if (video->hasResolution)
        dxBufAddf(&child, "<resolution x='%u' y='%u'/>\n", video->resX, video->resY);
    dxBufElementAlways(buf, "model", &attrs, &child);
}

static void
dxVideoDefFormat(dxBuf *buf, const dxVideoDef *video)
{
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    dxBuf driver = DX_BUF_INIT;
    dxBuf none = DX_BUF_INIT;

    dxVirtioOptionsFormat(&driver, &video->virtio);
    if (video->backend)
        dxBufAttr(&driver, "name", dxVideoBackendTypeToString(video->backend));
    if (video->hasVGAConf)
        dxBufAttr(&driver, "vgaconf", dxVideoVGAConfTypeToString(video->vgaconf));
    dxBufElement(&child, "driver", &driver, &none);
    dxVideoModelFormat(&child, video);
    dxDeviceInfoFormat(&child, &video->info, DX_INFO_ALLOW_ACPI);
    dxBufAddStr(buf, "<video>\n");
    dxBufAddBuf(buf, &child);
    dxBufAddStr(buf, "</video>\n");
}

void
dxVideoDefsFormat(dxBuf *buf, const dxDomainDef *def)
{
    size_t i;
    for (i = 0; i < def->nvideos; i++)
        dxVideoDefFormat(buf, def->videos[i]);
}

/* ---- generic defaults ----------------------------------------------------- */

/* The card a guest without a model type gets: Cirrus for HVM, the Xen
 * framebuffer for paravirtualised (xen/linux) guests, none for others. */
static dxVideoType
dxVideoDefaultType(const char *osType)
{
    if (!osType || strcmp(osType, "hvm") == 0)
        return DX_VIDEO_TYPE_CIRRUS;
    if (strcmp(osType, "xen") == 0 || strcmp(osType, "linux") == 0)
        return DX_VIDEO_TYPE_XEN;
    return DX_VIDEO_TYPE_DEFAULT;
}

static void
dxVideoDefPostParse(dxVideoDef *video, const char *osType)
{
    if (video->type == DX_VIDEO_TYPE_DEFAULT)
        video->type = dxVideoDefaultType(osType);
    if (video->type == DX_VIDEO_TYPE_NONE)
        return;
    if (video->vram == 0)
        video->vram = dxVideoDefaultVRAM(video->type);
    if (video->type == DX_VIDEO_TYPE_QXL && video->ram == 0)
        video->ram = DX_VIDEO_QXL_DEFAULT_RAM;
    if (video->heads == 0)
        video->heads = 1;
}

int
dxVideoDefsPostParse(dxDomainDef *def)
{
    size_t i;

    /* a display without a card gets the default card */
    if (def->nvideos == 0 && def->ngraphics > 0)
        DX_APPEND(def->videos, def->nvideos, dxVideoDefNew(DX_VIDEO_TYPE_DEFAULT));
    for (i = 0; i < def->nvideos; i++)
        dxVideoDefPostParse(def->videos[i], def->os.type);
    if (def->nvideos > 0 && def->videos[0]->type != DX_VIDEO_TYPE_NONE)
        def->videos[0]->primary = true;
    return 0;
}

/* ---- checks --------------------------------------------------------------- */

static int
dxVideoDefValidate(const dxVideoDef *video)
{
    const char *type = dxVideoTypeTypeToString(video->type);

    if (video->type != DX_VIDEO_TYPE_QXL && (video->ram || video->vram64 || video->vgamem)) {
        dxErrorReportLoc(DX_ERR_INVALID, &video->info.loc,
                         "ram, vram64 and vgamem are only supported for video type 'qxl', not '%s'",
                         type);
        return -1;
    }
    if (video->backend == DX_VIDEO_BACKEND_VHOSTUSER && video->type != DX_VIDEO_TYPE_VIRTIO) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &video->info.loc,
                         "'vhostuser' driver is only supported with 'virtio' device");
        return -1;
    }
    if (dxVirtioOptionsAnySet(&video->virtio) && video->type != DX_VIDEO_TYPE_VIRTIO) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &video->info.loc,
                         "virtio driver options are only supported for virtio devices");
        return -1;
    }
    return 0;
}

int
dxVideoDefsValidate(const dxDomainDef *def)
{
    size_t i;
    int rc = 0;

    for (i = 0; i < def->nvideos; i++) {
        if (def->videos[i]->type == DX_VIDEO_TYPE_NONE && def->nvideos > 1) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &def->videos[i]->info.loc,
                             "a 'none' video type must be the only video device "
                             "defined for the domain");
            return -1;
        }
        if (dxVideoDefValidate(def->videos[i]) < 0)
            rc = -1;
    }
    return rc;
}
