/* qemu_cmd_boot.c: power management, -boot and direct kernel boot. */
#include "qemu_command_priv.h"
#include "util/dxerror.h"

#include <stdlib.h>

/* The ACPI PM device of the machine takes the S3/S4 switches. */
static const char *
dxQemuPMDevice(const dxDomainDef *def)
{
    return dxQemuMachineIsQ35(def->os.machine) ? "ICH9-LPC" : "PIIX4_PM";
}

int
dxQemuBuildPM(dxQemuBuildCtx *ctx)
{
    const dxDomainDef *def = ctx->def;

    /* shutdown is reported to the manager instead of ending QEMU */
    dxArgvAdd(ctx->argv, "-no-shutdown");
    if (def->features.state[DX_DOMAIN_FEATURE_ACPI] != DX_TRISTATE_SWITCH_ON)
        dxArgvAdd(ctx->argv, "-no-acpi");
    if (def->pm.s3) {
        dxArgvAdd(ctx->argv, "-global");
        dxArgvAddf(ctx->argv, "%s.disable_s3=%d", dxQemuPMDevice(def),
                   def->pm.s3 == DX_TRISTATE_BOOL_NO);
    }
    if (def->pm.s4) {
        dxArgvAdd(ctx->argv, "-global");
        dxArgvAddf(ctx->argv, "%s.disable_s4=%d", dxQemuPMDevice(def),
                   def->pm.s4 == DX_TRISTATE_BOOL_NO);
    }
    return 0;
}

int
dxQemuBuildBoot(dxQemuBuildCtx *ctx)
{
    const dxDomainOsDef *os = &ctx->def->os;
    dxBuf buf = DX_BUF_INIT;

    /* boot order itself is expressed as bootindex on devices */
    if (os->bootmenu == DX_TRISTATE_BOOL_YES) {
        dxBufAddStr(&buf, "menu=on,");
        if (os->bootmenuTimeoutSet)
            dxBufAddf(&buf, "splash-time=%u,", os->bootmenuTimeout);
    } else if (os->bootmenu == DX_TRISTATE_BOOL_NO) {
        dxBufAddStr(&buf, "menu=off,");
    }
    if (os->biosRebootTimeoutSet)
        dxBufAddf(&buf, "reboot-timeout=%d,", os->biosRebootTimeout);
    dxBufAddStr(&buf, "strict=on");
    dxArgvAddBuf(ctx->argv, "-boot", &buf);
    return 0;
}

int
dxQemuBuildKernel(dxQemuBuildCtx *ctx)
{
    const dxDomainOsDef *os = &ctx->def->os;
    if (os->kernel)
        dxArgvAddPair(ctx->argv, "-kernel", os->kernel);
    if (os->initrd)
        dxArgvAddPair(ctx->argv, "-initrd", os->initrd);
    if (os->cmdline)
        dxArgvAddPair(ctx->argv, "-append", os->cmdline);
    if (os->dtb)
        dxArgvAddPair(ctx->argv, "-dtb", os->dtb);
    return 0;
}
