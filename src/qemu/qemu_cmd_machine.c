/* qemu_cmd_machine.c: -machine, -accel and -cpu. */
#include "qemu_command_priv.h"
#include "conf/clock_conf.h"
#include "util/dxerror.h"

int
dxQemuBuildMachine(dxQemuBuildCtx *ctx)
{
    const dxDomainDef *def = ctx->def;
    const dxTimerDef *hpet = dxDomainClockFindTimer(def->clock, DX_TIMER_NAME_HPET);
    dxBuf buf = DX_BUF_INIT;
    int vmport = def->features.state[DX_DOMAIN_FEATURE_VMPORT];
    int smm = def->features.state[DX_DOMAIN_FEATURE_SMM];

    if (!def->os.machine) {
        dxErrorReport(DX_ERR_INVALID, NULL,
                      "no machine type: set <type machine='pc'> or 'q35' in <os>");
        return -1;
    }
    dxBufEscapeComma(&buf, def->os.machine);
    /* USB controllers are explicit devices, never the machine's own */
    dxBufAddStr(&buf, ",usb=off");
    if (vmport)
        dxBufAddf(&buf, ",vmport=%s", dxTristateSwitchTypeToString(vmport));
    if (smm)
        dxBufAddf(&buf, ",smm=%s", dxTristateSwitchTypeToString(smm));
    dxBufAddf(&buf, ",dump-guest-core=%s",
              def->mem.dumpCore == DX_TRISTATE_SWITCH_ON ? "on" : "off");
    /* RAM comes from an explicit backend object unless NUMA cells own it */
    if (!def->numa)
        dxBufAddStr(&buf, ",memory-backend=" DX_QEMU_MAIN_RAM_ID);
    if (hpet && hpet->present == DX_TRISTATE_BOOL_NO)
        dxBufAddStr(&buf, ",hpet=off");
    dxArgvAddBuf(ctx->argv, "-machine", &buf);
    return 0;
}

int
dxQemuBuildAccel(dxQemuBuildCtx *ctx)
{
    switch (ctx->def->virtType) {
    case DX_DOMAIN_VIRT_QEMU:
        dxArgvAddPair(ctx->argv, "-accel", "tcg");
        return 0;
    case DX_DOMAIN_VIRT_KVM:
        dxArgvAddPair(ctx->argv, "-accel", "kvm");
        return 0;
    default:
        dxErrorReport(DX_ERR_UNSUPPORTED, NULL,
                      "domain type '%s' cannot run on QEMU: use type='kvm' or type='qemu'",
                      dxDomainVirtTypeToString(ctx->def->virtType));
        return -1;
    }
}

int
dxQemuBuildCPU(dxQemuBuildCtx *ctx)
{
    if (!ctx->def->cpu)
        dxArgvAddPair(ctx->argv, "-cpu", DX_QEMU_DEFAULT_CPU_MODEL);
    return 0;
}
