/* qemu_cmd_memory.c: -m, the main RAM backend and -overcommit. */
#include "qemu_command_priv.h"

/* QEMU on x86 rounds guest RAM to whole MiB; libvirt rounds up first so
 * the guest gets at least what the XML asks for. */
unsigned long long
dxQemuAlignedMemoryKiB(const dxDomainDef *def)
{
    unsigned long long kib = def->mem.totalKiB;
    return (kib + 1023) / 1024 * 1024;
}

int
dxQemuBuildMemory(dxQemuBuildCtx *ctx)
{
    unsigned long long kib = dxQemuAlignedMemoryKiB(ctx->def);
    dxJSON *props;

    dxArgvAdd(ctx->argv, "-m");
    dxArgvAddf(ctx->argv, "%llu", kib / 1024);
    if (ctx->def->numa)
        return 0;
    props = dxJSONNewObject();
    dxJSONAddString(props, "qom-type", "memory-backend-ram");
    dxJSONAddString(props, "id", DX_QEMU_MAIN_RAM_ID);
    dxJSONAddUInt(props, "size", kib * 1024);
    dxArgvAddJSON(ctx->argv, "-object", props);
    return 0;
}

int
dxQemuBuildOvercommit(dxQemuBuildCtx *ctx)
{
    (void)ctx;
    dxArgvAddPair(ctx->argv, "-overcommit", "mem-lock=off");
    return 0;
}
