/* qemu_address_sound.c: where a sound card goes on the PCI bus when the
 * default "next free slot" is not what libvirt does. */
#include "qemu_address_priv.h"
#include "conf/sound_conf.h"

/* ICH9's HD Audio function lives at 00:1b.0 on real Q35 boards; libvirt
 * puts the first ICH9 sound card there when the slot is free. */
int
dxQemuPCIPlaceSound(dxPCIAddressSet *set, dxDomainDef *def, dxDeviceRef dev,
                    dxDeviceInfo *info, unsigned int flags)
{
    const dxSoundDef *sound = dev.ptr;
    dxPCIAddress addr = { .slot = 0x1b };

    if (sound->model != DX_SOUND_MODEL_ICH9 || !dxQemuDomainHasPCIeRoot(def) ||
        dxPCIAddressSlotInUse(set, &addr))
        return dxPCIAddressReserveNextAddr(set, info, flags, -1);
    if (dxPCIAddressReserveAddr(set, &addr, flags) < 0)
        return -1;
    if (!set->dryRun) {
        info->type = DX_ADDRESS_TYPE_PCI;
        info->addr.pci = addr;
    }
    return 0;
}
