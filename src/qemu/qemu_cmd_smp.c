/* qemu_cmd_smp.c: -smp. */
#include "qemu_command_priv.h"

int
dxQemuBuildSmp(dxQemuBuildCtx *ctx)
{
    const dxDomainVcpus *v = &ctx->def->vcpu;
    unsigned int current = v->current ? v->current : v->max;
    dxBuf buf = DX_BUF_INIT;

    dxBufAddf(&buf, "%u", current);
    if (current != v->max)
        dxBufAddf(&buf, ",maxcpus=%u", v->max);
    /* without a <topology>, every vCPU is a socket of its own */
    dxBufAddf(&buf, ",sockets=%u,cores=1,threads=1", v->max);
    dxArgvAddBuf(ctx->argv, "-smp", &buf);
    return 0;
}
