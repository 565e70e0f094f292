/* qemu_virtio.c: driver names and leading properties of virtio devices. */
#include "qemu_virtio.h"
#include "util/dxalloc.h"

char *
dxQemuVirtioDeviceName(const char *base, dxQemuVirtioFlavour flavour,
                       const dxDeviceInfo *info)
{
    switch (info->type) {
    case DX_ADDRESS_TYPE_CCW:
        return dxAsprintf("%s-ccw", base);
    case DX_ADDRESS_TYPE_VIRTIO_MMIO:
        return dxAsprintf("%s-device", base);
    default:
        break;
    }
    /* QEMU 7.2 has the -transitional and -non-transitional PCI variants */
    switch (flavour) {
    case DX_QEMU_VIRTIO_TRANSITIONAL:
        return dxAsprintf("%s-pci-transitional", base);
    case DX_QEMU_VIRTIO_NON_TRANSITIONAL:
        return dxAsprintf("%s-pci-non-transitional", base);
    case DX_QEMU_VIRTIO_PLAIN:
        break;
    }
    return dxAsprintf("%s-pci", base);
}

dxJSON *
dxQemuVirtioDeviceProps(const char *base, dxQemuVirtioFlavour flavour,
                        const dxDeviceInfo *info, const dxVirtioOptions *opts)
{
    dxJSON *props = dxJSONNewObject();
    char *name = dxQemuVirtioDeviceName(base, flavour, info);

    dxJSONAddString(props, "driver", name);
    free(name);
    if (opts)
        dxVirtioOptionsToProps(props, opts);
    return props;
}
