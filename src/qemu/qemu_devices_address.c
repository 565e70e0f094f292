/* qemu_devices_address.c: the address hooks of the watchdog, balloon,
 * rng, shmem, iommu, vsock, memory, filesystem, crypto, redirdev and
 * panic families: which kind of PCI slot (or USB port) each device needs. */
#include "qemu_address.h"
#include "conf/crypto_conf.h"
#include "conf/fs_conf.h"
#include "conf/iommu_conf.h"
#include "conf/memballoon_conf.h"
#include "conf/memdev_conf.h"
#include "conf/panic_conf.h"
#include "conf/redirdev_conf.h"
#include "conf/rng_conf.h"
#include "conf/shmem_conf.h"
#include "conf/vsock_conf.h"
#include "conf/watchdog_conf.h"

/* A device whose address is another bus's needs no PCI slot. */
static bool
dxQemuWantsPCI(const dxDeviceInfo *info)
{
    return info->type == DX_ADDRESS_TYPE_NONE || info->type == DX_ADDRESS_TYPE_PCI;
}

/* virtio devices: a PCIe slot where there is PCIe, but the transitional
 * flavour keeps its legacy I/O ports and needs conventional PCI. */
static unsigned int
dxQemuVirtioConnect(const dxDomainDef *def, const dxDeviceInfo *info, bool transitional)
{
    if (!dxQemuWantsPCI(info))
        return 0;
    return transitional ? dxQemuPCIConnectPCI() : dxQemuPCIConnectVirtio(def);
}

unsigned int
dxQemuMemballoonPCIConnect(const dxDomainDef *def, dxDeviceRef dev)
{
    const dxMemballoonDef *mb = dev.ptr;
    if (!dxMemballoonIsVirtio(mb))
        return 0;
    return dxQemuVirtioConnect(def, &mb->info,
                               mb->model == DX_MEMBALLOON_MODEL_VIRTIO_TRANSITIONAL);
}

unsigned int
dxQemuRNGPCIConnect(const dxDomainDef *def, dxDeviceRef dev)
{
    const dxRNGDef *rng = dev.ptr;
    return dxQemuVirtioConnect(def, &rng->info, rng->model == DX_RNG_MODEL_VIRTIO_TRANSITIONAL);
}

unsigned int
dxQemuWatchdogPCIConnect(const dxDomainDef *def, dxDeviceRef dev)
{
    const dxWatchdogDef *wd = dev.ptr;
    (void)def;
    /* only the i6300esb is a PCI card; the others are built in */
    if (wd->model != DX_WATCHDOG_MODEL_I6300ESB || !dxQemuWantsPCI(&wd->info))
        return 0;
    return dxQemuPCIConnectPCI();
}

unsigned int
dxQemuShmemPCIConnect(const dxDomainDef *def, dxDeviceRef dev)
{
    const dxShmemDef *shmem = dev.ptr;
    (void)def;
    return dxQemuWantsPCI(&shmem->info) ? dxQemuPCIConnectPCI() : 0;
}

unsigned int
dxQemuIOMMUPCIConnect(const dxDomainDef *def, dxDeviceRef dev)
{
    const dxIOMMUDef *iommu = dev.ptr;
    /* intel-iommu and SMMUv3 belong to the machine */
    if (iommu->model != DX_IOMMU_MODEL_VIRTIO || !dxQemuWantsPCI(&iommu->info))
        return 0;
    /* virtio-iommu is an integrated endpoint of the root complex: it sits
     * on pcie.0 itself, not behind a (hot-pluggable) root port */
    if (dxQemuDomainHasPCIeRoot(def))
        return DX_PCI_CONNECT_TYPE_PCIE_DEVICE;
    return dxQemuPCIConnectPCI();
}

unsigned int
dxQemuVsockPCIConnect(const dxDomainDef *def, dxDeviceRef dev)
{
    const dxVsockDef *vsock = dev.ptr;
    return dxQemuVirtioConnect(def, &vsock->info,
                               vsock->model == DX_VSOCK_MODEL_VIRTIO_TRANSITIONAL);
}

unsigned int
dxQemuMemoryPCIConnect(const dxDomainDef *def, dxDeviceRef dev)
{
    const dxMemoryDef *mem = dev.ptr;
    /* DIMMs sit in memory slots, not on a bus */
    if (!dxMemoryDeviceIsVirtio(mem))
        return 0;
    return dxQemuVirtioConnect(def, &mem->info, false);
}

unsigned int
dxQemuFSPCIConnect(const dxDomainDef *def, dxDeviceRef dev)
{
    const dxFSDef *fs = dev.ptr;
    /* only 9p and virtiofs shares become devices */
    if (fs->type != DX_FS_TYPE_MOUNT)
        return 0;
    return dxQemuVirtioConnect(def, &fs->info, fs->model == DX_FS_MODEL_VIRTIO_TRANSITIONAL);
}

unsigned int
dxQemuCryptoPCIConnect(const dxDomainDef *def, dxDeviceRef dev)
{
    const dxCryptoDef *crypto = dev.ptr;
    return dxQemuVirtioConnect(def, &crypto->info, false);
}

unsigned int
dxQemuPanicPCIConnect(const dxDomainDef *def, dxDeviceRef dev)
{
    const dxPanicDef *panic = dev.ptr;
    (void)def;
    /* pvpanic-pci; the ISA pvpanic has its own port */
    if (panic->model != DX_PANIC_MODEL_PVPANIC || !dxQemuWantsPCI(&panic->info))
        return 0;
    return dxQemuPCIConnectPCI();
}

dxQemuUSBKind
dxQemuRedirdevUSBKind(const dxDomainDef *def, dxDeviceRef dev)
{
    const dxRedirdevDef *redir = dev.ptr;
    (void)def;
    return redir->bus == DX_REDIRDEV_BUS_USB ? DX_QEMU_USB_DEVICE : DX_QEMU_USB_NONE;
}
