/* qemu_validate_domain.c: what QEMU 7.2 refuses in the domain-wide parts
 * (CPU, firmware, machine features). */
#include "qemu_validate_priv.h"
#include "qemu_target.h"
#include "conf/clock_conf.h"
#include "conf/cpu_conf.h"
#include "conf/features_conf.h"
#include "conf/memdev_conf.h"
#include "conf/misc_conf.h"
#include "conf/numa_conf.h"
#include "conf/os_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"

#include <string.h>

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

/* The emulator binary decides which guest architectures can run. */
int
dxQemuValidateArch(const dxDomainDef *def)
{
    const char *emu = def->emulator ? def->emulator : DX_QEMU_DEFAULT_EMULATOR;
    const char *base = strrchr(emu, '/') ? strrchr(emu, '/') + 1 : emu;
    const char *arch = def->os.arch;

    if (!arch)
        return 0;
    if ((strcmp(base, "qemu-system-x86_64") == 0 && !dxQemuArchIsX86(arch)) ||
        (strcmp(base, "qemu-system-i386") == 0 && strcmp(arch, "i686") != 0)) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &def->loc,
                         "Emulator '%s' does not support arch '%s'", emu, arch);
        return -1;
    }
    /* on Arm, ACPI tables come from UEFI */
    if (strcmp(arch, "aarch64") == 0 &&
        def->features.state[DX_DOMAIN_FEATURE_ACPI] == DX_TRISTATE_SWITCH_ON &&
        !dxDomainOsIsUEFI(&def->os)) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &def->loc,
                         "ACPI requires UEFI on this architecture");
        return -1;
    }
    return 0;
}

/* A 32-bit Arm guest cannot take the host CPU as it is: no 64-bit host
 * CPU model runs in AArch32-only mode here. */
static int
dxQemuValidateHostCPU(const dxDomainDef *def)
{
    const dxDomainCPUDef *cpu = def->cpu;
    const char *arch = def->os.arch;

    if (!cpu || !arch || (strcmp(arch, "armv7l") != 0 && strcmp(arch, "armv6l") != 0))
        return 0;
    if (cpu->mode == DX_CPU_MODE_HOST_PASSTHROUGH || cpu->mode == DX_CPU_MODE_HOST_MODEL) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &cpu->loc,
                         "QEMU binary does not support CPU %s for %s on this host",
                         dxCPUModeTypeToString(cpu->mode), arch);
        return -1;
    }
    return 0;
}

/* Arm SVE vector lengths mean nothing once SVE itself is off. */
static int
dxQemuValidateSVE(const dxDomainDef *def)
{
    const dxDomainCPUDef *cpu = def->cpu;
    const dxCPUFeature *sve = dxDomainCPUFindFeature(cpu, "sve");
    size_t i;

    if (!sve || (sve->policy != DX_CPU_FEATURE_DISABLE && sve->policy != DX_CPU_FEATURE_FORBID))
        return 0;
    for (i = 0; i < cpu->nfeatures; i++) {
        const dxCPUFeature *f = &cpu->features[i];
        if (strncmp(f->name, "sve", 3) == 0 && f->name[3] >= '0' && f->name[3] <= '9' &&
            (f->policy == DX_CPU_FEATURE_REQUIRE || f->policy == DX_CPU_FEATURE_FORCE)) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &cpu->loc,
                             "SVE disabled, but SVE vector lengths provided");
            return -1;
        }
    }
    return 0;
}

/* pSeries hot-plugs whole cores, so vCPU counts come in thread groups. */
static int
dxQemuValidateHotplugGranularity(const dxDomainDef *def)
{
    const dxDomainCPUDef *cpu = def->cpu;
    unsigned int current = def->vcpu.current ? def->vcpu.current : def->vcpu.max;

    if (!cpu || !cpu->hasTopology || cpu->threads <= 1 || !def->os.arch ||
        strncmp(def->os.arch, "ppc64", 5) != 0)
        return 0;
    if (current % cpu->threads != 0) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &cpu->loc,
                         "vCPUs count must be a multiple of the vCPU hotplug granularity (%u)",
                         cpu->threads);
        return -1;
    }
    return 0;
}

int
dxQemuValidateCPUArch(const dxDomainDef *def)
{
    if (dxQemuValidateHostCPU(def) < 0 || dxQemuValidateSVE(def) < 0 ||
        dxQemuValidateHotplugGranularity(def) < 0)
        return -1;
    return 0;
}

static bool
dxQemuMachineIsArmVirt(const dxDomainDef *def)
{
    const char *arch = def->os.arch, *m = def->os.machine;
    return arch && (strcmp(arch, "aarch64") == 0 || strcmp(arch, "armv7l") == 0) &&
           m && (strcmp(m, "virt") == 0 || strncmp(m, "virt-", 5) == 0);
}

/* Features that only exist on another architecture's machines. */
int
dxQemuValidateFeatureArch(const dxDomainDef *def)
{
    static const dxDomainFeature pseries[] = {
        DX_DOMAIN_FEATURE_HPT, DX_DOMAIN_FEATURE_HTM, DX_DOMAIN_FEATURE_NESTED_HV,
        DX_DOMAIN_FEATURE_CCF_ASSIST, DX_DOMAIN_FEATURE_CFPC, DX_DOMAIN_FEATURE_SBBC,
        DX_DOMAIN_FEATURE_IBS,
    };
    size_t i;

    if (def->features.state[DX_DOMAIN_FEATURE_GIC] && !dxQemuMachineIsArmVirt(def)) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &def->loc,
                         "The 'gic' feature is not supported for architecture '%s' or "
                         "machine type '%s'", dxNullStr(def->os.arch), dxNullStr(def->os.machine));
        return -1;
    }
    for (i = 0; i < DX_ARRAY_CARDINALITY(pseries); i++) {
        if (!def->features.state[pseries[i]])
            continue;
        if (!dxStrEq(def->os.machine, "pseries") &&
            !(def->os.machine && strncmp(def->os.machine, "pseries-", 8) == 0))
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &def->loc,
                             "The '%s' feature is not supported for architecture '%s' or "
                             "machine type '%s'", dxDomainFeatureTypeToString(pseries[i]),
                             dxNullStr(def->os.arch), dxNullStr(def->os.machine));
        else
            /* this target is the x86 QEMU, which has no pSeries machine */
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &def->loc,
                             "%s configuration is not supported by this QEMU binary",
                             dxDomainFeatureTypeToString(pseries[i]));
        return -1;
    }
    return 0;
}

/* QEMU's limit on a guest RAM size in bytes is INT64_MAX. */
#define DX_QEMU_MAX_MEMORY_KIB (9223372036854775807ULL / 1024)

int
dxQemuValidateMemory(const dxDomainDef *def)
{
    size_t i, ncells = dxDomainNumaCellCount(def);

    for (i = 0; i < ncells; i++) {
        if ((def->numa->cells[i].memKiB + 1023) / 1024 * 1024 > DX_QEMU_MAX_MEMORY_KIB) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &def->numa->loc,
                             "memory size of NUMA node '%zu' overflowed after alignment", i);
            return -1;
        }
    }
    /* x86 hot-plugged memory is attached to a guest NUMA node */
    if (def->mem.maxKiB && ncells == 0 && dxQemuArchIsX86(def->os.arch)) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &def->loc,
                         "At least one numa node has to be configured when enabling "
                         "memory hotplug");
        return -1;
    }
    for (i = 0; i < def->nmems; i++) {
        int node = def->mems[i]->targetNode;
        if (node >= 0 && ncells && (size_t)node >= ncells) {
            dxErrorReportLoc(DX_ERR_INVALID, &def->mems[i]->info.loc,
                             "can't add memory backend for guest node '%d' as the guest "
                             "has only '%zu' NUMA nodes configured", node, ncells);
            return -1;
        }
    }
    return 0;
}

/* A host-side boot loader (pygrub) belongs to Xen; QEMU boots firmware. */
int
dxQemuValidateBootloader(const dxDomainDef *def)
{
    if (def->misc && (def->misc->bootloader || def->misc->bootloaderArgs)) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &def->loc,
                         "bootloader is not supported by QEMU: use <os><kernel> or firmware");
        return -1;
    }
    return 0;
}

/* QEMU cannot keep a stopped guest around (preserve) on a power-off or
 * reboot, and libvirt's rename-restart is a Xen feature. */
int
dxQemuValidateLifecycle(const dxDomainDef *def)
{
    if (def->onPoweroff == DX_DOMAIN_LIFECYCLE_ACTION_RESTART_RENAME ||
        def->onReboot == DX_DOMAIN_LIFECYCLE_ACTION_RESTART_RENAME ||
        def->onCrash == DX_DOMAIN_LIFECYCLE_ACTION_RESTART_RENAME) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &def->loc,
                         "qemu driver doesn't support the 'rename-restart' action for "
                         "'on_reboot'/'on_poweroff'/'on_crash'");
        return -1;
    }
    if (def->onPoweroff == DX_DOMAIN_LIFECYCLE_ACTION_PRESERVE ||
        def->onReboot == DX_DOMAIN_LIFECYCLE_ACTION_PRESERVE) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &def->loc,
                         "qemu driver doesn't support the 'preserve' action for "
                         "'on_reboot'/'on_poweroff'");
        return -1;
    }
    return 0;
}

static int
dxQemuCheckHostNodes(const dxDomainDef *def, const dxBitmap *nodes, const dxSourceLoc *loc)
{
    long last = nodes ? dxBitmapLast(nodes) : -1;
    if (last >= DX_QEMU_HOST_NUMA_NODES) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, loc ? loc : &def->loc,
                         "NUMA node %ld is unavailable (the host has nodes 0-%d)",
                         last, DX_QEMU_HOST_NUMA_NODES - 1);
        return -1;
    }
    return 0;
}

/* Host memory can only be bound to nodes the host has. */
int
dxQemuValidateHostNodes(const dxDomainDef *def)
{
    const dxDomainNumaDef *numa = def->numa;
    size_t i;

    if (numa && dxQemuCheckHostNodes(def, numa->nodeset, &numa->tuneLoc) < 0)
        return -1;
    for (i = 0; numa && i < numa->nmemnodes; i++) {
        if (dxQemuCheckHostNodes(def, numa->memnodes[i].nodeset, &numa->tuneLoc) < 0)
            return -1;
    }
    for (i = 0; i < def->nmems; i++) {
        if (dxQemuCheckHostNodes(def, def->mems[i]->nodemask, &def->mems[i]->info.loc) < 0)
            return -1;
    }
    return 0;
}

/* The TSC is an x86 clock; other architectures have none to configure. */
int
dxQemuValidateTimers(const dxDomainDef *def)
{
    const dxTimerDef *tsc = dxDomainClockFindTimer(def->clock, DX_TIMER_NAME_TSC);

    if (tsc && !dxQemuArchIsX86(def->os.arch)) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &def->loc,
                         "Configuring the 'tsc' timer is not supported for arch=%s guests",
                         def->os.arch);
        return -1;
    }
    return 0;
}
