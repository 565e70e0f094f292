/* qemu_virtio.h: how a virtio device family becomes a QEMU device: the
 * driver name for its transport and transitional flavour, then the
 * shared virtio transport options. */
#pragma once

#include "conf/device_info.h"
#include "conf/virtio_options.h"
#include "util/dxjson.h"

typedef enum {
    DX_QEMU_VIRTIO_PLAIN = 0,         /* model='virtio' */
    DX_QEMU_VIRTIO_TRANSITIONAL,      /* model='virtio-transitional' */
    DX_QEMU_VIRTIO_NON_TRANSITIONAL,  /* model='virtio-non-transitional' */
} dxQemuVirtioFlavour;

/* BASE ("virtio-balloon") on the transport INFO gives: BASE-pci with
 * "-transitional"/"-non-transitional" for PCI, BASE-ccw, BASE-device for
 * virtio-mmio.  Caller frees. */
char *dxQemuVirtioDeviceName(const char *base, dxQemuVirtioFlavour flavour,
                             const dxDeviceInfo *info);
/* {"driver": ...} followed by the virtio transport options OPTS (may be
 * NULL), the way every virtio device's properties start. */
dxJSON *dxQemuVirtioDeviceProps(const char *base, dxQemuVirtioFlavour flavour,
                                const dxDeviceInfo *info, const dxVirtioOptions *opts);
