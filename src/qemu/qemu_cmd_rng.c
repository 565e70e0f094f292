/* qemu_cmd_rng.c: an rng backend object (and its chardev for egd) plus
 * the virtio-rng device, per <rng>. */
#include "qemu_cmd_devices.h"
#include "qemu_cmd_chr.h"
#include "qemu_virtio.h"
#include "conf/rng_conf.h"
#include "util/dxalloc.h"

#include <stdlib.h>

/* without a <rate period>, QEMU would use its own; libvirt always sets 1s */
#define DX_QEMU_RNG_DEFAULT_PERIOD_MS 1000

static dxQemuVirtioFlavour
dxQemuRNGFlavour(const dxRNGDef *rng)
{
    switch (rng->model) {
    case DX_RNG_MODEL_VIRTIO_TRANSITIONAL:
        return DX_QEMU_VIRTIO_TRANSITIONAL;
    case DX_RNG_MODEL_VIRTIO_NON_TRANSITIONAL:
        return DX_QEMU_VIRTIO_NON_TRANSITIONAL;
    case DX_RNG_MODEL_VIRTIO:
    case DX_RNG_MODEL_LAST:
        break;
    }
    return DX_QEMU_VIRTIO_PLAIN;
}

static int
dxQemuBuildRNGBackend(dxQemuBuildCtx *ctx, const dxRNGDef *rng, const char *objId)
{
    dxJSON *props = dxJSONNewObject();
    char *charAlias = NULL;

    switch (rng->backend) {
    case DX_RNG_BACKEND_RANDOM:
        dxJSONAddString(props, "qom-type", "rng-random");
        dxJSONAddString(props, "id", objId);
        dxJSONAddString(props, "filename", rng->file);
        break;
    case DX_RNG_BACKEND_EGD: {
        dxQemuChardev chr = { 0 };
        charAlias = dxAsprintf("char%s", rng->info.alias);
        chr.src = rng->egd;
        chr.charAlias = charAlias;
        chr.devAlias = rng->info.alias;
        chr.loc = &rng->info.loc;
        if (dxQemuBuildChardev(ctx, &chr) < 0) {
            free(charAlias);
            dxJSONFree(props);
            return -1;
        }
        dxJSONAddString(props, "qom-type", "rng-egd");
        dxJSONAddString(props, "id", objId);
        dxJSONAddString(props, "chardev", charAlias);
        break;
    }
    case DX_RNG_BACKEND_BUILTIN:
    case DX_RNG_BACKEND_LAST:
        dxJSONAddString(props, "qom-type", "rng-builtin");
        dxJSONAddString(props, "id", objId);
        break;
    }
    dxArgvAddJSON(ctx->argv, "-object", props);
    free(charAlias);
    return 0;
}

static int
dxQemuBuildRNG(dxQemuBuildCtx *ctx, const dxRNGDef *rng)
{
    char *objId = dxAsprintf("obj%s", rng->info.alias);
    dxJSON *props;

    if (dxQemuBuildRNGBackend(ctx, rng, objId) < 0) {
        free(objId);
        return -1;
    }
    props = dxQemuVirtioDeviceProps("virtio-rng", dxQemuRNGFlavour(rng), &rng->info,
                                    &rng->virtio);
    dxJSONAddString(props, "rng", objId);
    dxJSONAddString(props, "id", rng->info.alias);
    if (rng->rateBytes) {
        dxJSONAddUInt(props, "max-bytes", rng->rateBytes);
        dxJSONAddUInt(props, "period",
                      rng->ratePeriod ? rng->ratePeriod : DX_QEMU_RNG_DEFAULT_PERIOD_MS);
    }
    dxQemuBuildDeviceAddressProps(ctx, props, &rng->info);
    dxArgvAddJSON(ctx->argv, "-device", props);
    free(objId);
    return 0;
}

int
dxQemuBuildRNGs(dxQemuBuildCtx *ctx)
{
    size_t i;
    for (i = 0; i < ctx->def->nrngs; i++) {
        if (dxQemuBuildRNG(ctx, ctx->def->rngs[i]) < 0)
            return -1;
    }
    return 0;
}
