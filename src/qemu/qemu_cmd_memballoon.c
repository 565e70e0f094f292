/* qemu_cmd_memballoon.c: the virtio balloon device. */
#include "qemu_cmd_devices.h"
#include "qemu_virtio.h"
#include "conf/memballoon_conf.h"

static dxQemuVirtioFlavour
dxQemuMemballoonFlavour(const dxMemballoonDef *mb)
{
    switch (mb->model) {
    case DX_MEMBALLOON_MODEL_VIRTIO_TRANSITIONAL:
        return DX_QEMU_VIRTIO_TRANSITIONAL;
    case DX_MEMBALLOON_MODEL_VIRTIO_NON_TRANSITIONAL:
        return DX_QEMU_VIRTIO_NON_TRANSITIONAL;
    default:
        return DX_QEMU_VIRTIO_PLAIN;
    }
}

int
dxQemuBuildMemballoon(dxQemuBuildCtx *ctx)
{
    const dxMemballoonDef *mb = ctx->def->memballoon;
    dxJSON *props;

    if (!mb || !dxMemballoonIsVirtio(mb))
        return 0;
    props = dxQemuVirtioDeviceProps("virtio-balloon", dxQemuMemballoonFlavour(mb),
                                    &mb->info, &mb->virtio);
    dxJSONAddString(props, "id", mb->info.alias);
    if (mb->autodeflate)
        dxJSONAddBool(props, "deflate-on-oom", mb->autodeflate == DX_TRISTATE_SWITCH_ON);
    if (mb->freePageReporting)
        dxJSONAddBool(props, "free-page-reporting",
                      mb->freePageReporting == DX_TRISTATE_SWITCH_ON);
    /* the statistics period is set at run time over QMP, not here */
    dxQemuBuildDeviceAddressProps(ctx, props, &mb->info);
    dxArgvAddJSON(ctx->argv, "-device", props);
    return 0;
}
