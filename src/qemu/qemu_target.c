#include "qemu_target.h"

#include <string.h>

#include "util/dxalloc.h"

static bool
dxStrStartsWith(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

dxQemuMachineFamily
dxQemuMachineFamilyOf(const char *machine)
{
    if (!machine)
        return DX_QEMU_MACHINE_OTHER;
    if (strcmp(machine, "q35") == 0 || dxStrStartsWith(machine, "pc-q35-"))
        return DX_QEMU_MACHINE_Q35;
    if (strcmp(machine, "isapc") == 0)
        return DX_QEMU_MACHINE_ISAPC;
    if (strcmp(machine, "microvm") == 0)
        return DX_QEMU_MACHINE_MICROVM;
    if (strcmp(machine, "pc") == 0 || dxStrStartsWith(machine, "pc-i440fx-") ||
        dxStrStartsWith(machine, "pc-0.") || dxStrStartsWith(machine, "pc-1."))
        return DX_QEMU_MACHINE_I440FX;
    return DX_QEMU_MACHINE_OTHER;
}

bool
dxQemuMachineIsI440fx(const char *machine)
{
    return dxQemuMachineFamilyOf(machine) == DX_QEMU_MACHINE_I440FX;
}

bool
dxQemuMachineIsQ35(const char *machine)
{
    return dxQemuMachineFamilyOf(machine) == DX_QEMU_MACHINE_Q35;
}

bool
dxQemuArchIsX86(const char *arch)
{
    return !arch || strcmp(arch, "x86_64") == 0 || strcmp(arch, "i686") == 0;
}

/* ---- CPU ------------------------------------------------------------------ */

static bool
dxQemuIsI386Binary(const char *emulator)
{
    const char *base = emulator ? strrchr(emulator, '/') : NULL;
    base = base ? base + 1 : emulator;
    return base && strcmp(base, "qemu-system-i386") == 0;
}

const char *
dxQemuDefaultCPUModel(const char *emulator)
{
    return dxQemuIsI386Binary(emulator) ? "qemu32" : DX_QEMU_DEFAULT_CPU_MODEL;
}

bool
dxQemuHostCPUMigratable(const char *emulator)
{
    /* the 32-bit binary cannot tell libvirt which host CPU features keep
     * a guest migratable, so libvirt turns migration off for it */
    return !dxQemuIsI386Binary(emulator);
}

/* `qemu-system-x86_64 -cpu help` of QEMU 7.2: every model, version and
 * alias. */
static const char *const dxQemuCPUModels[] = {
    "486", "486-v1", "Broadwell", "Broadwell-IBRS", "Broadwell-noTSX",
    "Broadwell-noTSX-IBRS", "Broadwell-v1", "Broadwell-v2", "Broadwell-v3",
    "Broadwell-v4", "Cascadelake-Server", "Cascadelake-Server-noTSX",
    "Cascadelake-Server-v1", "Cascadelake-Server-v2", "Cascadelake-Server-v3",
    "Cascadelake-Server-v4", "Cascadelake-Server-v5", "Conroe", "Conroe-v1",
    "Cooperlake", "Cooperlake-v1", "Cooperlake-v2", "Denverton", "Denverton-v1",
    "Denverton-v2", "Denverton-v3", "Dhyana", "Dhyana-v1", "Dhyana-v2", "EPYC",
    "EPYC-IBPB", "EPYC-Milan", "EPYC-Milan-v1", "EPYC-Rome", "EPYC-Rome-v1",
    "EPYC-Rome-v2", "EPYC-v1", "EPYC-v2", "EPYC-v3", "Haswell", "Haswell-IBRS",
    "Haswell-noTSX", "Haswell-noTSX-IBRS", "Haswell-v1", "Haswell-v2",
    "Haswell-v3", "Haswell-v4", "Icelake-Server", "Icelake-Server-noTSX",
    "Icelake-Server-v1", "Icelake-Server-v2", "Icelake-Server-v3",
    "Icelake-Server-v4", "Icelake-Server-v5", "Icelake-Server-v6", "IvyBridge",
    "IvyBridge-IBRS", "IvyBridge-v1", "IvyBridge-v2", "KnightsMill",
    "KnightsMill-v1", "Nehalem", "Nehalem-IBRS", "Nehalem-v1", "Nehalem-v2",
    "Opteron_G1", "Opteron_G1-v1", "Opteron_G2", "Opteron_G2-v1", "Opteron_G3",
    "Opteron_G3-v1", "Opteron_G4", "Opteron_G4-v1", "Opteron_G5",
    "Opteron_G5-v1", "Penryn", "Penryn-v1", "SandyBridge", "SandyBridge-IBRS",
    "SandyBridge-v1", "SandyBridge-v2", "Skylake-Client", "Skylake-Client-IBRS",
    "Skylake-Client-noTSX-IBRS", "Skylake-Client-v1", "Skylake-Client-v2",
    "Skylake-Client-v3", "Skylake-Client-v4", "Skylake-Server",
    "Skylake-Server-IBRS", "Skylake-Server-noTSX-IBRS", "Skylake-Server-v1",
    "Skylake-Server-v2", "Skylake-Server-v3", "Skylake-Server-v4",
    "Skylake-Server-v5", "Snowridge", "Snowridge-v1", "Snowridge-v2",
    "Snowridge-v3", "Snowridge-v4", "Westmere", "Westmere-IBRS", "Westmere-v1",
    "Westmere-v2", "athlon", "athlon-v1", "core2duo", "core2duo-v1", "coreduo",
    "coreduo-v1", "kvm32", "kvm32-v1", "kvm64", "kvm64-v1", "n270", "n270-v1",
    "pentium", "pentium-v1", "pentium2", "pentium2-v1", "pentium3",
    "pentium3-v1", "phenom", "phenom-v1", "qemu32", "qemu32-v1", "qemu64",
    "qemu64-v1", "base", "max",
};

bool
dxQemuCPUModelKnown(const char *name)
{
    size_t i;
    for (i = 0; i < sizeof(dxQemuCPUModels) / sizeof(dxQemuCPUModels[0]); i++) {
        if (strcmp(dxQemuCPUModels[i], name) == 0)
            return true;
    }
    return false;
}

char *
dxQemuCPUFeatureName(const char *name)
{
    char *out, *p;

    /* the one libvirt name that is not QEMU's name with '_' for '-' */
    if (strcmp(name, "pclmuldq") == 0)
        return dxStrdup("pclmulqdq");
    out = dxStrdup(name);
    for (p = out; *p; p++) {
        if (*p == '_')
            *p = '-';
    }
    return out;
}

const char *const dxQemuHostModelFeatures[] = {
    "x2apic", "tsc-deadline", "hypervisor", "tsc-adjust", "stibp",
    "arch-capabilities", "ssbd", "xsaves", "cmp-legacy", "amd-ssbd",
    "virt-ssbd", "lbrv", "tsc-scale", "vmcb-clean", "pause-filter",
    "pfthreshold", "v-vmsave-vmload", "vgif", "svme-addr-chk", "rdctl-no",
    "skip-l1dfl-vmentry", "mds-no", "pschange-mc-no", NULL,
};

/* ---- memory --------------------------------------------------------------- */

const char *
dxQemuHugetlbfsMount(unsigned long long sizeKiB)
{
    switch (sizeKiB) {
    case 2048:
        return "/dev/hugepages2M";
    case 1048576:
        return "/dev/hugepages1G";
    default:
        return NULL;
    }
}

/* ---- firmware ------------------------------------------------------------- */

/* The edk2 and SeaBIOS images of the reference environment (the firmware
 * descriptors libvirt's test data ships), in autoselection order. */
const dxQemuFirmware dxQemuFirmwares[] = {
    { DX_QEMU_FW_UEFI_FLASH, "/usr/share/OVMF/OVMF_CODE.secboot.fd",
      "/usr/share/OVMF/OVMF_VARS.secboot.fd", true, true, true, true },
    { DX_QEMU_FW_UEFI_STATELESS, "/usr/share/OVMF/OVMF.sev.fd", NULL,
      false, false, false, false },
    { DX_QEMU_FW_UEFI_FLASH, "/usr/share/OVMF/OVMF_CODE.fd",
      "/usr/share/OVMF/OVMF_VARS.fd", false, false, false, false },
    { DX_QEMU_FW_BIOS, "/usr/share/seabios/bios-256k.bin", NULL,
      false, false, false, false },
};
const size_t dxQemuNFirmwares = sizeof(dxQemuFirmwares) / sizeof(dxQemuFirmwares[0]);

char *
dxQemuEmulatorForArch(const char *arch)
{
    /* libvirt takes the first binary that runs the architecture: for
     * i686 guests that is qemu-system-i386, installed beside x86_64 */
    if (arch && strcmp(arch, "i686") == 0)
        return dxStrdup("/usr/bin/qemu-system-i386");
    if (dxQemuArchIsX86(arch))
        return dxStrdup(DX_QEMU_DEFAULT_EMULATOR);
    /* QEMU names its binaries after the architecture family */
    if (strcmp(arch, "armv7l") == 0 || strcmp(arch, "armv6l") == 0)
        return dxStrdup("/usr/bin/qemu-system-arm");
    if (strcmp(arch, "ppc64le") == 0)
        return dxStrdup("/usr/bin/qemu-system-ppc64");
    return dxAsprintf("/usr/bin/qemu-system-%s", arch);
}
