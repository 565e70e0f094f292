/* qemu_cmd_smp.c: -smp (vCPU count and topology) and the iothread
 * objects. */
#include "qemu_command_priv.h"
#include "conf/cpu_conf.h"
#include "conf/tune_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"

#include <stdlib.h>

int
dxQemuBuildSmp(dxQemuBuildCtx *ctx)
{
    const dxDomainVcpus *v = &ctx->def->vcpu;
    const dxDomainCPUDef *cpu = ctx->def->cpu;
    unsigned int current = v->current ? v->current : v->max;
    dxBuf buf = DX_BUF_INIT;

    /* QEMU wants every vCPU slot to be part of the topology */
    if (cpu && cpu->hasTopology && dxDomainCPUTopologyTotal(cpu) != v->max) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &cpu->loc,
                         "CPU topology doesn't match maximum vcpu count: %llu "
                         "sockets*dies*cores*threads for %u vCPUs",
                         dxDomainCPUTopologyTotal(cpu), v->max);
        return -1;
    }
    dxBufAddf(&buf, "%u", current);
    if (current != v->max)
        dxBufAddf(&buf, ",maxcpus=%u", v->max);
    if (cpu && cpu->hasTopology)
        dxBufAddf(&buf, ",sockets=%u,dies=%u,cores=%u,threads=%u",
                  cpu->sockets, cpu->dies, cpu->cores, cpu->threads);
    else
        /* without a <topology>, every vCPU is a socket of its own */
        dxBufAddf(&buf, ",sockets=%u,cores=1,threads=1", v->max);
    dxArgvAddBuf(ctx->argv, "-smp", &buf);
    return 0;
}

static void
dxQemuIOThreadPool(dxJSON *props, int poolMin, int poolMax)
{
    if (poolMin >= 0)
        dxJSONAddInt(props, "thread-pool-min", poolMin);
    if (poolMax >= 0)
        dxJSONAddInt(props, "thread-pool-max", poolMax);
}

int
dxQemuBuildIOThreads(dxQemuBuildCtx *ctx)
{
    const dxDomainTuneDef *tune = ctx->def->tune;
    size_t i;

    if (!tune)
        return 0;
    for (i = 0; i < tune->niothreadids; i++) {
        const dxIOThreadDef *t = &tune->iothreadids[i];
        dxJSON *props = dxJSONNewObject();
        char *id = dxAsprintf("iothread%u", t->id);
        dxJSONAddString(props, "qom-type", "iothread");
        dxJSONAddString(props, "id", id);
        dxQemuIOThreadPool(props, t->poolMin, t->poolMax);
        dxArgvAddJSON(ctx->argv, "-object", props);
        free(id);
    }
    /* the main loop's pool, when it is tuned */
    if (tune->hasDefaultIOThread && (tune->defaultPoolMin >= 0 || tune->defaultPoolMax >= 0)) {
        dxJSON *props = dxJSONNewObject();
        dxJSONAddString(props, "qom-type", "main-loop");
        dxJSONAddString(props, "id", "main-loop");
        dxQemuIOThreadPool(props, tune->defaultPoolMin, tune->defaultPoolMax);
        dxArgvAddJSON(ctx->argv, "-object", props);
    }
    return 0;
}
