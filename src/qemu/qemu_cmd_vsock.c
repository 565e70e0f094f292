/* qemu_cmd_vsock.c: the vhost-vsock device. */
#include "qemu_cmd_devices.h"
#include "qemu_conf.h"
#include "qemu_virtio.h"
#include "conf/vsock_conf.h"

/* libvirt tries guest CIDs from 3 up when asked to pick one */
#define DX_QEMU_VSOCK_FIRST_AUTO_CID 3

static dxQemuVirtioFlavour
dxQemuVsockFlavour(const dxVsockDef *vsock)
{
    switch (vsock->model) {
    case DX_VSOCK_MODEL_VIRTIO_TRANSITIONAL:
        return DX_QEMU_VIRTIO_TRANSITIONAL;
    case DX_VSOCK_MODEL_VIRTIO_NON_TRANSITIONAL:
        return DX_QEMU_VIRTIO_NON_TRANSITIONAL;
    default:
        return DX_QEMU_VIRTIO_PLAIN;
    }
}

int
dxQemuBuildVsock(dxQemuBuildCtx *ctx)
{
    const dxVsockDef *vsock = ctx->def->vsock;
    unsigned int cid;
    dxJSON *props;

    if (!vsock)
        return 0;
    cid = vsock->autoCid == DX_TRISTATE_BOOL_YES ? DX_QEMU_VSOCK_FIRST_AUTO_CID : vsock->cid;
    props = dxQemuVirtioDeviceProps("vhost-vsock", dxQemuVsockFlavour(vsock), &vsock->info,
                                    &vsock->virtio);
    dxJSONAddString(props, "id", vsock->info.alias);
    dxJSONAddUInt(props, "guest-cid", cid);
    /* libvirt opens /dev/vhost-vsock and hands QEMU the descriptor */
    dxJSONAddString(props, "vhostfd", DX_QEMU_VHOST_VSOCK_FD_STR);
    dxQemuBuildDeviceAddressProps(ctx, props, &vsock->info);
    dxArgvAddJSON(ctx->argv, "-device", props);
    return 0;
}
