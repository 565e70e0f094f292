/* qemu_cmd_shmem.c: ivshmem-plain (a shared file under /dev/shm) and
 * ivshmem-doorbell (an ivshmem-server socket) devices. */
#include "qemu_cmd_devices.h"
#include "qemu_cmd_chr.h"
#include "conf/shmem_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"

#include <stdlib.h>

/* The memory shared with the other guests: a file named after the
 * region under /dev/shm. */
static char *
dxQemuBuildShmemBackend(dxQemuBuildCtx *ctx, const dxShmemDef *shmem)
{
    char *id = dxAsprintf("shmmem-%s", shmem->info.alias);
    char *path = dxAsprintf("/dev/shm/%s", shmem->name);
    dxJSON *props = dxJSONNewObject();

    dxJSONAddString(props, "qom-type", "memory-backend-file");
    dxJSONAddString(props, "id", id);
    dxJSONAddString(props, "mem-path", path);
    dxJSONAddUInt(props, "size", shmem->size);
    dxJSONAddBool(props, "share", true);
    dxArgvAddJSON(ctx->argv, "-object", props);
    free(path);
    return id;
}

static int
dxQemuBuildShmemServer(dxQemuBuildCtx *ctx, const dxShmemDef *shmem, const char *charAlias)
{
    dxChrSourceDef src = { .type = DX_CHR_TYPE_UNIX };
    dxQemuChardev chr = { 0 };
    int rc;

    /* ivshmem-server's usual socket when the XML names none */
    src.path = shmem->serverPath ? dxStrdup(shmem->serverPath)
                                 : dxAsprintf(DX_SHMEM_SERVER_DIR "/shmem-%s-sock", shmem->name);
    chr.src = &src;
    chr.charAlias = charAlias;
    chr.devAlias = shmem->info.alias;
    chr.loc = &shmem->info.loc;
    rc = dxQemuBuildChardev(ctx, &chr);
    dxChrSourceDefClear(&src);
    return rc;
}

static int
dxQemuBuildShmem(dxQemuBuildCtx *ctx, const dxShmemDef *shmem)
{
    char *charAlias = dxAsprintf("char%s", shmem->info.alias);
    char *memdev = NULL;
    dxJSON *props;
    int rc = 0;

    if (shmem->model == DX_SHMEM_MODEL_IVSHMEM) {
        /* QEMU 7.2 only has the split ivshmem-plain and ivshmem-doorbell;
         * the XML is valid, but this QEMU cannot run it */
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &shmem->info.loc,
                         "ivshmem device is not supported with this QEMU binary: "
                         "use model 'ivshmem-plain' or 'ivshmem-doorbell'");
        free(charAlias);
        return -1;
    }

    if (!shmem->server)
        memdev = dxQemuBuildShmemBackend(ctx, shmem);
    props = dxJSONNewObject();
    dxJSONAddString(props, "driver", dxShmemModelTypeToString(shmem->model));
    dxJSONAddString(props, "id", shmem->info.alias);
    if (shmem->server)
        dxJSONAddString(props, "chardev", charAlias);
    dxJSONAddString(props, "memdev", memdev);
    if (shmem->role)
        dxJSONAddString(props, "master", shmem->role == DX_SHMEM_ROLE_MASTER ? "on" : "off");
    if (shmem->msiVectors)
        dxJSONAddUInt(props, "vectors", shmem->msiVectors);
    if (shmem->msiIoeventfd)
        dxJSONAddBool(props, "ioeventfd", shmem->msiIoeventfd == DX_TRISTATE_SWITCH_ON);
    dxQemuBuildDeviceAddressProps(ctx, props, &shmem->info);
    dxArgvAddJSON(ctx->argv, "-device", props);
    if (shmem->server)
        rc = dxQemuBuildShmemServer(ctx, shmem, charAlias);
    free(memdev);
    free(charAlias);
    return rc;
}

int
dxQemuBuildShmems(dxQemuBuildCtx *ctx)
{
    size_t i;
    for (i = 0; i < ctx->def->nshmems; i++) {
        if (dxQemuBuildShmem(ctx, ctx->def->shmems[i]) < 0)
            return -1;
    }
    return 0;
}
