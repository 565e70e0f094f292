/* qemu_validate_domain.c: what QEMU 7.2 refuses in the domain-wide parts
 * (CPU, firmware, machine features). */
#include "qemu_validate_priv.h"
#include "qemu_target.h"
#include "conf/cpu_conf.h"
#include "conf/features_conf.h"
#include "conf/os_conf.h"
#include "util/dxerror.h"

int
dxQemuValidateCPU(const dxDomainDef *def)
{
    const dxDomainCPUDef *cpu = def->cpu;

    if (!cpu || !dxQemuArchIsX86(def->os.arch))
        return 0;
    /* TCG has no host CPU to pass through */
    if (cpu->mode == DX_CPU_MODE_HOST_PASSTHROUGH && def->virtType == DX_DOMAIN_VIRT_QEMU) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &cpu->loc,
                         "CPU mode 'host-passthrough' for %s qemu domain is not supported "
                         "by hypervisor: use type='kvm' or mode='maximum'",
                         def->os.arch ? def->os.arch : "x86_64");
        return -1;
    }
    if (cpu->mode == DX_CPU_MODE_CUSTOM && cpu->model && !dxQemuCPUModelKnown(cpu->model)) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &cpu->loc,
                         "Unknown CPU model %s (QEMU %s lists its models with -cpu help)",
                         cpu->model, DX_QEMU_TARGET_VERSION);
        return -1;
    }
    return dxDomainCPUValidate(def);
}

int
dxQemuValidateFirmware(const dxDomainDef *def)
{
    const dxDomainLoaderDef *l = def->os.loader;

    if (!dxQemuArchIsX86(def->os.arch))
        return 0;
    if (dxDomainOsIsUEFI(&def->os) &&
        def->features.state[DX_DOMAIN_FEATURE_ACPI] != DX_TRISTATE_SWITCH_ON) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &def->loc,
                         "UEFI requires ACPI on this architecture: add <acpi/> to <features>");
        return -1;
    }
    if (!def->os.firmware && l && l->secure == DX_TRISTATE_BOOL_YES &&
        def->features.state[DX_DOMAIN_FEATURE_SMM] != DX_TRISTATE_SWITCH_ON) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &def->loc,
                         "Secure boot requires SMM feature enabled: add <smm state='on'/>");
        return -1;
    }
    return 0;
}

int
dxQemuValidateFeatures(const dxDomainDef *def)
{
    const dxDomainFeaturesExtra *x = def->features.extra;

    if (def->features.state[DX_DOMAIN_FEATURE_SMM] == DX_TRISTATE_SWITCH_ON && x && x->tsegKiB) {
        if (!dxQemuMachineIsQ35(def->os.machine)) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &def->loc,
                             "SMM TSEG is only supported with q35 machine type");
            return -1;
        }
        if (x->tsegKiB % 1024) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &def->loc,
                             "SMM TSEG size must be divisible by 1 MiB");
            return -1;
        }
    }
    return 0;
}
