/* qemu_alias.c: libvirt's device alias scheme. */
#include "qemu_alias.h"
#include "qemu_controller.h"

/* Families in libvirt's order; user aliases (ua-*) are kept as given. */
int
dxQemuAssignAliases(dxDomainDef *def)
{
    /* disks, controllers */
    if (dxQemuAssignControllerAliases(def) < 0)
        return -1;

    /* interfaces, hostdevs */

    /* character devices, graphics, video, input, sound, audio */

    /* other devices */

    return 0;
}
