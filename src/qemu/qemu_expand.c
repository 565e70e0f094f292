/* qemu_expand.c: the QEMU driver's post-parse, step by step.
 *
 * Order matters and follows libvirt: domain-wide defaults first, then
 * implicit devices, then per-device defaults, and PCI/drive/USB address
 * assignment last, because it must see every device that will exist.
 */
#include "qemu_expand.h"
#include "qemu_devices.h"
#include "qemu_expand_priv.h"
#include "qemu_net.h"
#include "qemu_target.h"
#include "qemu_address.h"
#include "qemu_controller.h"
#include "qemu_disk.h"
#include "qemu_chr.h"
#include "qemu_display.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"

typedef int (*dxQemuExpandStep)(dxDomainDef *def);

static int
dxQemuExpandDomainDefaults(dxDomainDef *def)
{
    if (!def->emulator)
        def->emulator = dxQemuEmulatorForArch(def->os.arch);
    if (!def->os.machine)
        def->os.machine = dxStrdup("pc");
    return 0;
}

/* In libvirt's order: domain defaults, implicit devices, per-device
 * defaults, then addresses (which must see every device). */
static const dxQemuExpandStep dxQemuExpandSteps[] = {
    dxQemuExpandDomainDefaults,

    /* CPU, features and firmware defaults */
    dxQemuExpandCPU,
    dxQemuExpandNuma,
    dxQemuExpandFirmware,
    dxQemuExpandSeclabels,

    /* implicit controllers and default devices (usb, ide/sata, pci root,
       memballoon, input, audio, ...) */
    dxQemuExpandMachineControllers,
    dxQemuExpandDefaultMemballoon,
    dxQemuExpandDisplayDevices,

    /* per-device defaults: disks, controllers */
    dxQemuExpandDiskDefaults,
    dxQemuExpandControllerDefaults,

    /* per-device defaults: interfaces, hostdevs */
    dxQemuExpandNets,
    dxQemuExpandHostdevs,

    /* per-device defaults: character devices, graphics, video, input, sound, audio */
    dxQemuExpandChr,
    dxQemuExpandDisplay,

    /* per-device defaults: other devices */
    dxQemuExpandOtherDevices,

    /* address assignment: PCI, drive, USB, virtio-serial, ccid, ISA */
    dxQemuAssignAddresses,
    dxQemuAssignMemorySlots,
};

int
dxQemuDomainExpand(dxDomainDef *def)
{
    size_t i;
    for (i = 0; i < DX_ARRAY_CARDINALITY(dxQemuExpandSteps); i++) {
        if (dxQemuExpandSteps[i](def) < 0)
            return -1;
    }
    return 0;
}
