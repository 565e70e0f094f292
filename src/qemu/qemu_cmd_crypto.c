/* qemu_cmd_crypto.c: a cryptodev backend object plus virtio-crypto. */
#include "qemu_cmd_devices.h"
#include "qemu_virtio.h"
#include "conf/crypto_conf.h"
#include "util/dxalloc.h"

#include <stdlib.h>

int
dxQemuBuildCryptos(dxQemuBuildCtx *ctx)
{
    size_t i;

    for (i = 0; i < ctx->def->ncryptos; i++) {
        const dxCryptoDef *crypto = ctx->def->cryptos[i];
        char *objId = dxAsprintf("obj%s", crypto->info.alias);
        char *type = dxAsprintf("cryptodev-backend-%s",
                                dxCryptoBackendTypeToString(crypto->backend));
        dxJSON *props = dxJSONNewObject();

        dxJSONAddString(props, "qom-type", type);
        dxJSONAddString(props, "id", objId);
        if (crypto->queues)
            dxJSONAddUInt(props, "queues", crypto->queues);
        dxArgvAddJSON(ctx->argv, "-object", props);

        props = dxQemuVirtioDeviceProps("virtio-crypto", DX_QEMU_VIRTIO_PLAIN, &crypto->info,
                                        &crypto->virtio);
        dxJSONAddString(props, "cryptodev", objId);
        dxJSONAddString(props, "id", crypto->info.alias);
        dxQemuBuildDeviceAddressProps(ctx, props, &crypto->info);
        dxArgvAddJSON(ctx->argv, "-device", props);
        free(type);
        free(objId);
    }
    return 0;
}
