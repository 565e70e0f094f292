/* qemu_cmd_machine.c: -machine and its properties, -accel, and the
 * machine -global options that come right after them (SMM TSEG). */
#include "qemu_command_priv.h"
#include "conf/clock_conf.h"
#include "conf/features_conf.h"
#include "conf/memdev_conf.h"
#include "conf/memory_conf.h"
#include "conf/numa_conf.h"
#include "conf/os_conf.h"
#include "util/dxerror.h"

static void
dxQemuMachineFeatures(dxBuf *buf, const dxDomainDef *def, const dxQemuFirmwareChoice *fw)
{
    const dxDomainFeaturesExtra *x = def->features.extra;
    int vmport = def->features.state[DX_DOMAIN_FEATURE_VMPORT];
    int smm = def->features.state[DX_DOMAIN_FEATURE_SMM];

    /* firmware that needs SMM switches it on unless the XML decides */
    if (!smm && fw->needSMM)
        smm = DX_TRISTATE_SWITCH_ON;
    if (vmport)
        dxBufAddf(buf, ",vmport=%s", dxTristateSwitchTypeToString(vmport));
    if (smm)
        dxBufAddf(buf, ",smm=%s", dxTristateSwitchTypeToString(smm));
    /* a userspace IOAPIC needs the kernel's irqchip split in two */
    if (def->features.state[DX_DOMAIN_FEATURE_IOAPIC] && x) {
        if (x->ioapic == DX_IOAPIC_QEMU)
            dxBufAddStr(buf, ",kernel_irqchip=split");
        else if (x->ioapic == DX_IOAPIC_KVM)
            dxBufAddStr(buf, ",kernel_irqchip=on");
    }
}

static bool
dxQemuHasNvdimm(const dxDomainDef *def)
{
    size_t i;
    for (i = 0; i < def->nmems; i++) {
        if (def->mems[i]->model == DX_MEMDEV_MODEL_NVDIMM)
            return true;
    }
    return false;
}

static bool
dxQemuHasHMAT(const dxDomainDef *def)
{
    return def->numa && def->numa->ninterconnects > 0;
}

int
dxQemuBuildMachine(dxQemuBuildCtx *ctx)
{
    const dxDomainDef *def = ctx->def;
    const dxTimerDef *hpet = dxDomainClockFindTimer(def->clock, DX_TIMER_NAME_HPET);
    const dxDomainMemoryBackingDef *mb = def->memoryBacking;
    dxBuf buf = DX_BUF_INIT;

    if (!def->os.machine) {
        dxErrorReport(DX_ERR_INVALID, NULL,
                      "no machine type: set <type machine='pc'> or 'q35' in <os>");
        return -1;
    }
    dxBufEscapeComma(&buf, def->os.machine);
    /* USB controllers are explicit devices, never the machine's own */
    dxBufAddStr(&buf, ",usb=off");
    dxQemuMachineFeatures(&buf, def, &ctx->fw);
    dxBufAddf(&buf, ",dump-guest-core=%s",
              def->mem.dumpCore == DX_TRISTATE_SWITCH_ON ? "on" : "off");
    if (mb && mb->nosharepages)
        dxBufAddStr(&buf, ",mem-merge=off");
    /* RAM comes from an explicit backend object unless NUMA cells own it */
    if (dxDomainNumaCellCount(def) == 0)
        dxBufAddStr(&buf, ",memory-backend=" DX_QEMU_MAIN_RAM_ID);

    if (dxQemuHasNvdimm(def))
        dxBufAddStr(&buf, ",nvdimm=on");

    if (dxQemuLaunchSecurityId(def))
        dxBufAddf(&buf, ",confidential-guest-support=%s", dxQemuLaunchSecurityId(def));
    if (ctx->pflash0)
        dxBufAddf(&buf, ",pflash0=%s", ctx->pflash0);
    if (ctx->pflash1)
        dxBufAddf(&buf, ",pflash1=%s", ctx->pflash1);
    if (dxQemuHasHMAT(def))
        dxBufAddStr(&buf, ",hmat=on");
    if (hpet && hpet->present == DX_TRISTATE_BOOL_NO)
        dxBufAddStr(&buf, ",hpet=off");
    dxArgvAddBuf(ctx->argv, "-machine", &buf);
    return 0;
}

int
dxQemuBuildAccel(dxQemuBuildCtx *ctx)
{
    const dxDomainFeaturesExtra *x = ctx->def->features.extra;
    dxBuf buf = DX_BUF_INIT;

    switch (ctx->def->virtType) {
    case DX_DOMAIN_VIRT_QEMU:
        dxBufAddStr(&buf, "tcg");
        /* the translation block cache is sized in MiB */
        if (ctx->def->features.state[DX_DOMAIN_FEATURE_TCG] && x && x->tbCacheKiB)
            dxBufAddf(&buf, ",tb-size=%llu", (x->tbCacheKiB + 1023) / 1024);
        break;
    case DX_DOMAIN_VIRT_KVM:
        dxBufAddStr(&buf, "kvm");
        if (ctx->def->features.state[DX_DOMAIN_FEATURE_KVM] == DX_TRISTATE_SWITCH_ON && x &&
            x->kvm[DX_KVM_DIRTY_RING] == DX_TRISTATE_SWITCH_ON)
            dxBufAddf(&buf, ",dirty-ring-size=%u", x->kvmDirtyRingSize);
        break;
    default:
        dxErrorReport(DX_ERR_UNSUPPORTED, NULL,
                      "domain type '%s' cannot run on QEMU: use type='kvm' or type='qemu'",
                      dxDomainVirtTypeToString(ctx->def->virtType));
        return -1;
    }
    dxArgvAddBuf(ctx->argv, "-accel", &buf);
    return 0;
}

/* Q35's SMRAM beyond the default TSEG. */
int
dxQemuBuildTseg(dxQemuBuildCtx *ctx)
{
    const dxDomainFeaturesExtra *x = ctx->def->features.extra;

    if (ctx->def->features.state[DX_DOMAIN_FEATURE_SMM] != DX_TRISTATE_SWITCH_ON ||
        !x || !x->tsegKiB)
        return 0;
    dxArgvAdd(ctx->argv, "-global");
    dxArgvAddf(ctx->argv, "mch.extended-tseg-mbytes=%llu", x->tsegKiB / 1024);
    return 0;
}
