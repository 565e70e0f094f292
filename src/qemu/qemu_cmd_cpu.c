/* qemu_cmd_cpu.c: -cpu: the model and its features, then the paravirt
 * flags that <features> and <clock> ask for, in libvirt's order. */
#include "qemu_command_priv.h"
#include "conf/clock_conf.h"
#include "conf/cpu_conf.h"
#include "conf/features_conf.h"
#include "conf/panic_conf.h"
#include "util/dxerror.h"

#include <stdlib.h>

static void
dxQemuCPUFeatureAdd(dxBuf *buf, const char *name, bool on)
{
    char *qname = dxQemuCPUFeatureName(name);
    dxBufAddChar(buf, ',');
    dxBufEscapeComma(buf, qname);
    dxBufAddStr(buf, on ? "=on" : "=off");
    free(qname);
}

static int
dxQemuCPUModel(dxBuf *buf, const dxDomainDef *def, const dxDomainCPUDef *cpu)
{
    size_t i;

    switch ((dxCPUMode)cpu->mode) {
    case DX_CPU_MODE_HOST_PASSTHROUGH:
    case DX_CPU_MODE_MAXIMUM:
        dxBufAddStr(buf, cpu->mode == DX_CPU_MODE_MAXIMUM ? "max" : "host");
        if (cpu->migratable)
            dxBufAddf(buf, ",migratable=%s", dxTristateSwitchTypeToString(cpu->migratable));
        break;
    case DX_CPU_MODE_HOST_MODEL:
        /* started guests get the host's CPU written out as a model */
        dxBufAddStr(buf, DX_QEMU_HOST_MODEL_CPU);
        break;
    case DX_CPU_MODE_CUSTOM:
    case DX_CPU_MODE_LAST:
        if (!cpu->model) {
            dxBufAddStr(buf, dxQemuDefaultCPUModel(def->emulator));
            return 0;
        }
        dxBufEscapeComma(buf, cpu->model);
        break;
    }
    if (cpu->vendorId) {
        dxBufAddStr(buf, ",vendor=");
        dxBufEscapeComma(buf, cpu->vendorId);
    }
    if (cpu->mode == DX_CPU_MODE_HOST_MODEL) {
        for (i = 0; dxQemuHostModelFeatures[i]; i++)
            dxQemuCPUFeatureAdd(buf, dxQemuHostModelFeatures[i], true);
    }
    for (i = 0; i < cpu->nfeatures; i++) {
        const dxCPUFeature *f = &cpu->features[i];
        switch ((dxCPUFeaturePolicy)f->policy) {
        case DX_CPU_FEATURE_FORCE:
        case DX_CPU_FEATURE_REQUIRE:
            dxQemuCPUFeatureAdd(buf, f->name, true);
            break;
        case DX_CPU_FEATURE_DISABLE:
        case DX_CPU_FEATURE_FORBID:
            dxQemuCPUFeatureAdd(buf, f->name, false);
            break;
        case DX_CPU_FEATURE_OPTIONAL:
        case DX_CPU_FEATURE_LAST:
            /* resolved against the host at start; nothing to force here */
            break;
        }
    }
    return 0;
}

static void
dxQemuCPUTimers(dxBuf *buf, const dxDomainClockDef *clock)
{
    size_t i;
    for (i = 0; clock && i < clock->ntimers; i++) {
        const dxTimerDef *t = clock->timers[i];
        switch (t->name) {
        case DX_TIMER_NAME_KVMCLOCK:
            if (t->present)
                dxBufAddf(buf, ",kvmclock=%s",
                          t->present == DX_TRISTATE_BOOL_YES ? "on" : "off");
            break;
        case DX_TIMER_NAME_HYPERVCLOCK:
            if (t->present == DX_TRISTATE_BOOL_YES)
                dxBufAddStr(buf, ",hv-time=on");
            break;
        case DX_TIMER_NAME_TSC:
            if (t->frequency)
                dxBufAddf(buf, ",tsc-frequency=%llu", t->frequency);
            break;
        default:
            break;
        }
    }
}

static void
dxQemuCPUHyperv(dxBuf *buf, const dxDomainFeatures *features)
{
    const dxDomainFeaturesExtra *x = features->extra;
    int f;

    if (features->state[DX_DOMAIN_FEATURE_HYPERV] != DX_TRISTATE_SWITCH_ON || !x)
        return;
    if (x->hypervMode == DX_HYPERV_MODE_PASSTHROUGH)
        dxBufAddStr(buf, ",hv-passthrough=on");
    for (f = 0; f < DX_HYPERV_LAST; f++) {
        if (x->hyperv[f] != DX_TRISTATE_SWITCH_ON)
            continue;
        switch ((dxHypervFeature)f) {
        case DX_HYPERV_SPINLOCKS:
            dxBufAddf(buf, ",hv-spinlocks=0x%x", x->hypervSpinlocks);
            break;
        case DX_HYPERV_VENDOR_ID:
            dxBufAddStr(buf, ",hv-vendor-id=");
            dxBufEscapeComma(buf, x->hypervVendorId);
            break;
        default:
            dxBufAddf(buf, ",hv-%s=on", dxHypervFeatureTypeToString(f));
            if (f == DX_HYPERV_STIMER && x->hypervStimerDirect == DX_TRISTATE_SWITCH_ON)
                dxBufAddStr(buf, ",hv-stimer-direct=on");
            break;
        }
    }
}

static void
dxQemuCPUKVM(dxBuf *buf, const dxDomainFeatures *features)
{
    const dxDomainFeaturesExtra *x = features->extra;

    if (features->state[DX_DOMAIN_FEATURE_KVM] != DX_TRISTATE_SWITCH_ON || !x)
        return;
    /* hiding KVM means removing its CPUID signature */
    if (x->kvm[DX_KVM_HIDDEN] == DX_TRISTATE_SWITCH_ON)
        dxBufAddStr(buf, ",kvm=off");
    if (x->kvm[DX_KVM_HINT_DEDICATED] == DX_TRISTATE_SWITCH_ON)
        dxBufAddStr(buf, ",kvm-hint-dedicated=on");
    if (x->kvm[DX_KVM_POLL_CONTROL] == DX_TRISTATE_SWITCH_ON)
        dxBufAddStr(buf, ",kvm-poll-control=on");
    if (x->kvm[DX_KVM_PV_IPI] == DX_TRISTATE_SWITCH_OFF)
        dxBufAddStr(buf, ",kvm-pv-ipi=off");
}

static void
dxQemuCPUCache(dxBuf *buf, const dxDomainCPUDef *cpu)
{
    bool hostMode = cpu->mode == DX_CPU_MODE_HOST_PASSTHROUGH ||
                    cpu->mode == DX_CPU_MODE_MAXIMUM;

    if (!cpu->hasCache)
        return;
    switch ((dxCPUCacheMode)cpu->cacheMode) {
    case DX_CPU_CACHE_PASSTHROUGH:
        dxBufAddStr(buf, ",host-cache-info=on,l3-cache=off");
        break;
    case DX_CPU_CACHE_EMULATE:
        dxBufAddStr(buf, ",l3-cache=on");
        if (hostMode)
            dxBufAddStr(buf, ",host-cache-info=off");
        break;
    case DX_CPU_CACHE_DISABLE:
        if (hostMode)
            dxBufAddStr(buf, ",host-cache-info=off");
        dxBufAddStr(buf, ",l3-cache=off");
        break;
    case DX_CPU_CACHE_LAST:
        break;
    }
}

static void
dxQemuCPUPhysBits(dxBuf *buf, const dxDomainCPUDef *cpu)
{
    if (!cpu->hasMaxPhysAddr)
        return;
    if (cpu->maxPhysAddrMode == DX_CPU_MAXPHYSADDR_PASSTHROUGH)
        dxBufAddStr(buf, ",host-phys-bits=on");
    else
        dxBufAddf(buf, ",phys-bits=%d", cpu->maxPhysAddrBits);
}

int
dxQemuBuildCPU(dxQemuBuildCtx *ctx)
{
    const dxDomainDef *def = ctx->def;
    const dxDomainCPUDef *cpu = def->cpu;
    int eoi = def->features.apicEoi;
    int pvspin = def->features.state[DX_DOMAIN_FEATURE_PVSPINLOCK];
    int pmu = def->features.state[DX_DOMAIN_FEATURE_PMU];
    dxBuf buf = DX_BUF_INIT;

    if (cpu) {
        if (dxQemuCPUModel(&buf, def, cpu) < 0) {
            dxBufClear(&buf);
            return -1;
        }
    } else {
        dxBufAddStr(&buf, dxQemuDefaultCPUModel(def->emulator));
    }
    dxQemuCPUTimers(&buf, def->clock);
    if (eoi)
        dxBufAddf(&buf, ",kvm-pv-eoi=%s", dxTristateSwitchTypeToString(eoi));
    if (pvspin)
        dxBufAddf(&buf, ",kvm-pv-unhalt=%s", dxTristateSwitchTypeToString(pvspin));
    dxQemuCPUHyperv(&buf, &def->features);

    /* the Hyper-V crash MSRs report guest panics */
    if (dxDomainHasHypervPanic(def))
        dxBufAddStr(&buf, ",hv-crash");

    dxQemuCPUKVM(&buf, &def->features);
    if (pmu)
        dxBufAddf(&buf, ",pmu=%s", dxTristateSwitchTypeToString(pmu));
    if (cpu) {
        dxQemuCPUCache(&buf, cpu);
        dxQemuCPUPhysBits(&buf, cpu);
    }
    dxArgvAddBuf(ctx->argv, "-cpu", &buf);
    return 0;
}
