/* qemu_cmd_fs.c: -fsdev plus virtio-9p for 9p shares, a vhost-user
 * chardev plus vhost-user-fs for virtiofs. */
#include "qemu_cmd_devices.h"
#include "qemu_cmd_chr.h"
#include "qemu_virtio.h"
#include "conf/fs_conf.h"
#include "util/dxalloc.h"

#include <stdlib.h>

static dxQemuVirtioFlavour
dxQemuFSFlavour(const dxFSDef *fs)
{
    switch (fs->model) {
    case DX_FS_MODEL_VIRTIO_TRANSITIONAL:
        return DX_QEMU_VIRTIO_TRANSITIONAL;
    case DX_FS_MODEL_VIRTIO_NON_TRANSITIONAL:
        return DX_QEMU_VIRTIO_NON_TRANSITIONAL;
    default:
        return DX_QEMU_VIRTIO_PLAIN;
    }
}

/* The local fsdev driver's options: who owns the files QEMU creates. */
static void
dxQemuFsdevLocalOptions(dxBuf *buf, const dxFSDef *fs)
{
    static const char *const model[DX_FS_ACCESS_LAST] = {
        [DX_FS_ACCESS_PASSTHROUGH] = "passthrough",
        [DX_FS_ACCESS_MAPPED] = "mapped",
        [DX_FS_ACCESS_SQUASH] = "none",
    };
    dxBufAddStr(buf, "local");
    if (model[fs->accessmode])
        dxBufAddf(buf, ",security_model=%s", model[fs->accessmode]);
    if (fs->multidevs)
        dxBufAddf(buf, ",multidevs=%s", dxFSMultidevsTypeToString(fs->multidevs));
    if (fs->fmode)
        dxBufAddf(buf, ",fmode=%04o", fs->fmode);
    if (fs->dmode)
        dxBufAddf(buf, ",dmode=%04o", fs->dmode);
}

static void
dxQemuBuild9p(dxQemuBuildCtx *ctx, const dxFSDef *fs)
{
    char *fsdevId = dxAsprintf("fsdev-%s", fs->info.alias);
    dxBuf buf = DX_BUF_INIT;
    dxJSON *props;

    if (fs->driver == DX_FS_DRIVER_HANDLE)
        dxBufAddStr(&buf, "handle");
    else
        dxQemuFsdevLocalOptions(&buf, fs);
    if (fs->wrpolicy)
        dxBufAddf(&buf, ",writeout=%s", dxFSWrpolicyTypeToString(fs->wrpolicy));
    dxBufAddStr(&buf, ",id=");
    dxBufEscapeComma(&buf, fsdevId);
    dxBufAddStr(&buf, ",path=");
    dxBufEscapeComma(&buf, fs->src);
    if (fs->readonly)
        dxBufAddStr(&buf, ",readonly");
    dxArgvAddBuf(ctx->argv, "-fsdev", &buf);

    props = dxQemuVirtioDeviceProps("virtio-9p", dxQemuFSFlavour(fs), &fs->info, &fs->virtio);
    dxJSONAddString(props, "id", fs->info.alias);
    dxJSONAddString(props, "fsdev", fsdevId);
    dxJSONAddString(props, "mount_tag", fs->dst);
    dxQemuBuildDeviceAddressProps(ctx, props, &fs->info);
    dxArgvAddJSON(ctx->argv, "-device", props);
    free(fsdevId);
}

/* virtiofsd serves the share on a UNIX socket: the one given with
 * <source socket>, or the one libvirt would start it on in the domain's
 * state directory. */
static int
dxQemuBuildVirtiofs(dxQemuBuildCtx *ctx, const dxFSDef *fs)
{
    char *charAlias = dxAsprintf("chr-vu-%s", fs->info.alias);
    dxChrSourceDef src = { .type = DX_CHR_TYPE_UNIX };
    dxQemuChardev chr = { 0 };
    dxJSON *props;
    int rc;

    src.path = fs->sock ? dxStrdup(fs->sock)
                        : dxAsprintf("%s/%s-fs.sock", ctx->stateDir, fs->info.alias);
    chr.src = &src;
    chr.charAlias = charAlias;
    chr.devAlias = fs->info.alias;
    chr.loc = &fs->info.loc;
    rc = dxQemuBuildChardev(ctx, &chr);
    dxChrSourceDefClear(&src);
    if (rc == 0) {
        props = dxQemuVirtioDeviceProps("vhost-user-fs", dxQemuFSFlavour(fs), &fs->info,
                                        &fs->virtio);
        dxJSONAddString(props, "id", fs->info.alias);
        dxJSONAddString(props, "chardev", charAlias);
        if (fs->queueSize)
            dxJSONAddUInt(props, "queue-size", fs->queueSize);
        dxJSONAddString(props, "tag", fs->dst);
        if (fs->info.bootIndex)
            dxJSONAddUInt(props, "bootindex", fs->info.bootIndex);
        dxQemuBuildDeviceAddressProps(ctx, props, &fs->info);
        dxArgvAddJSON(ctx->argv, "-device", props);
    }
    free(charAlias);
    return rc;
}

int
dxQemuBuildFilesystems(dxQemuBuildCtx *ctx)
{
    size_t i;

    for (i = 0; i < ctx->def->nfss; i++) {
        const dxFSDef *fs = ctx->def->fss[i];
        if (fs->driver == DX_FS_DRIVER_VIRTIOFS) {
            if (dxQemuBuildVirtiofs(ctx, fs) < 0)
                return -1;
        } else {
            dxQemuBuild9p(ctx, fs);
        }
    }
    return 0;
}
