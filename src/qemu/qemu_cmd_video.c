/* qemu_cmd_video.c: video cards.  The first (primary) card is the VGA
 * compatible variant of its model; vhost-user cards get the socket of
 * their vhost-user-gpu helper as a chardev. */
#include "qemu_cmd_display.h"
#include "qemu_conf.h"
#include "conf/video_conf.h"
#include "conf/virtio_options.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"

#include <stdlib.h>
#include <string.h>

static const char *
dxQemuVirtioGPUDriver(const dxVideoDef *video, bool primary)
{
    bool gl = video->accel3d == DX_TRISTATE_BOOL_YES;
    if (video->backend == DX_VIDEO_BACKEND_VHOSTUSER)
        return primary ? "vhost-user-vga" : "vhost-user-gpu-pci";
    if (primary)
        return gl ? "virtio-vga-gl" : "virtio-vga";
    return gl ? "virtio-gpu-gl-pci" : "virtio-gpu-pci";
}

static const char *
dxQemuVideoDriver(const dxVideoDef *video, bool primary)
{
    switch (video->type) {
    case DX_VIDEO_TYPE_VGA:
        return "VGA";
    case DX_VIDEO_TYPE_CIRRUS:
        return "cirrus-vga";
    case DX_VIDEO_TYPE_VMVGA:
        return "vmware-svga";
    case DX_VIDEO_TYPE_QXL:
        return primary ? "qxl-vga" : "qxl";
    case DX_VIDEO_TYPE_VIRTIO:
        return dxQemuVirtioGPUDriver(video, primary);
    case DX_VIDEO_TYPE_BOCHS:
        return "bochs-display";
    case DX_VIDEO_TYPE_RAMFB:
        return "ramfb";
    default:
        return NULL;
    }
}

static void
dxQemuVideoModelProps(dxJSON *props, const dxVideoDef *video, const char *chardev)
{
    switch (video->type) {
    case DX_VIDEO_TYPE_QXL:
        dxJSONAddUInt(props, "max_outputs", video->heads);
        dxJSONAddUInt(props, "ram_size", (unsigned long long)video->ram * 1024);
        dxJSONAddUInt(props, "vram_size", (unsigned long long)video->vram * 1024);
        dxJSONAddUInt(props, "vram64_size_mb", video->vram64 / 1024);
        dxJSONAddUInt(props, "vgamem_mb", video->vgamem / 1024);
        break;
    case DX_VIDEO_TYPE_VIRTIO:
        dxJSONAddUInt(props, "max_outputs", video->heads);
        dxJSONAddString(props, "chardev", chardev);
        break;
    case DX_VIDEO_TYPE_VGA:
    case DX_VIDEO_TYPE_VMVGA:
        /* for these cards the video RAM is their VGA memory */
        if (video->vram)
            dxJSONAddUInt(props, "vgamem_mb", video->vram / 1024);
        break;
    case DX_VIDEO_TYPE_BOCHS:
        if (video->vram)
            dxJSONAddUInt(props, "vgamem", (unsigned long long)video->vram * 1024);
        break;
    default:
        break;
    }
    if (video->hasResolution) {
        dxJSONAddUInt(props, "xres", video->resX);
        dxJSONAddUInt(props, "yres", video->resY);
    }
}

/* libvirt starts the vhost-user-gpu helper and hands QEMU its socket. */
static char *
dxQemuBuildVhostUserGPUChardev(dxQemuBuildCtx *ctx, const dxVideoDef *video)
{
    char *id = dxAsprintf("chr-vu-%s", video->info.alias);
    dxBuf buf = DX_BUF_INIT;
    dxBufAddStr(&buf, "socket,id=");
    dxBufEscapeComma(&buf, id);
    dxBufAddf(&buf, ",fd=%d", DX_QEMU_LISTEN_SOCKET_FD);
    dxArgvAddBuf(ctx->argv, "-chardev", &buf);
    return id;
}

static int
dxQemuBuildVideo(dxQemuBuildCtx *ctx, const dxVideoDef *video, bool primary)
{
    const char *driver = dxQemuVideoDriver(video, primary);
    char *chardev = NULL;
    dxJSON *props;

    if (!driver) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &video->info.loc,
                         "video type '%s' is not supported with QEMU",
                         dxVideoTypeTypeToString(video->type));
        return -1;
    }
    if (video->backend == DX_VIDEO_BACKEND_VHOSTUSER)
        chardev = dxQemuBuildVhostUserGPUChardev(ctx, video);
    props = dxJSONNewObject();
    dxJSONAddString(props, "driver", driver);
    /* libvirt 9.0 treats the VGA-compatible vhost-user card as a plain
     * display adapter: its <driver> virtio options are not passed on. */
    if (strcmp(driver, "vhost-user-vga") != 0)
        dxVirtioOptionsToProps(props, &video->virtio);
    dxJSONAddString(props, "id", video->info.alias);
    dxQemuVideoModelProps(props, video, chardev);
    dxQemuBuildDeviceAddressProps(ctx, props, &video->info);
    dxArgvAddJSON(ctx->argv, "-device", props);
    free(chardev);
    return 0;
}

int
dxQemuBuildVideos(dxQemuBuildCtx *ctx)
{
    size_t i;
    for (i = 0; i < ctx->def->nvideos; i++) {
        const dxVideoDef *video = ctx->def->videos[i];
        if (video->type == DX_VIDEO_TYPE_NONE)
            continue;
        if (dxQemuBuildVideo(ctx, video, i == 0 && video->primary) < 0)
            return -1;
    }
    return 0;
}
