/* qemu_alias.c: libvirt's device alias scheme. */
#include "qemu_alias.h"

int
dxQemuAssignAliases(dxDomainDef *def)
{
    (void)def;
    return 0;
}
