#include "qemu_target.h"

#include <string.h>

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
