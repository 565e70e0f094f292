/* qemu_alias.c: libvirt's device alias scheme. */
#include "qemu_alias.h"
#include "qemu_controller.h"
#include "qemu_disk.h"
#include "qemu_devices.h"
#include "qemu_net.h"
#include "qemu_chr.h"
#include "qemu_display.h"

/* Families in libvirt's order; user aliases (ua-*) are kept as given. */
int
dxQemuAssignAliases(dxDomainDef *def)
{
    /* disks, controllers */
    if (dxQemuAssignDiskAliases(def) < 0)
        return -1;
    if (dxQemuAssignControllerAliases(def) < 0)
        return -1;

    /* interfaces, hostdevs */
    if (dxQemuAssignNetHostdevAliases(def) < 0)
        return -1;

    /* character devices, graphics, video, input, sound, audio */
    dxQemuAssignChrAliases(def);
    dxQemuAssignDisplayAliases(def);

    /* other devices */
    dxQemuAssignOtherAliases(def);

    return 0;
}
