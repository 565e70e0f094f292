/* qemu_address.h: how a device gets its address on QEMU — PCI slots, USB
 * ports, virtio-serial ports — the way libvirt 9.0's QEMU driver assigns
 * them (see "How a device gets its address" in docs/design.md).
 *
 * Device families do not assign addresses themselves.  Each family
 * answers a few questions through hooks registered in the tables of
 * qemu_address.c (one line per family, under its comment, in libvirt's
 * order), and the assignment code does the rest:
 *
 *   PCI:           dxQemuPCIConnectHook   "does this device need a PCI
 *                  slot, and of which kind?"
 *   USB:           dxQemuUSBHook          "does it plug into a USB port?"
 *   virtio-serial: dxQemuVirtioSerialHook "is it a virtio-serial port?"
 *
 * Hooks must only look at the device; they run several times per domain.
 */
#pragma once

#include <stdbool.h>

#include "conf/devices.h"
#include "conf/domain_def.h"

/* ---- PCI -------------------------------------------------------------------- */

/* What a device plugs into, and (for buses) what a bus accepts.  A device
 * asks for exactly one TYPE_* (plus HOTPLUGGABLE / AGGREGATE_SLOT). */
typedef enum {
    DX_PCI_CONNECT_AUTOASSIGN = 1 << 0,        /* bus: may get devices automatically */
    DX_PCI_CONNECT_HOTPLUGGABLE = 1 << 1,      /* device: needs a hot-pluggable slot */
    DX_PCI_CONNECT_AGGREGATE_SLOT = 1 << 2,    /* device: may share a slot as function 1-7 */
    DX_PCI_CONNECT_TYPE_PCI_DEVICE = 1 << 3,   /* conventional PCI endpoint */
    DX_PCI_CONNECT_TYPE_PCIE_DEVICE = 1 << 4,  /* PCI Express endpoint */
    DX_PCI_CONNECT_TYPE_PCIE_ROOT_PORT = 1 << 5,
    DX_PCI_CONNECT_TYPE_PCIE_SWITCH_UPSTREAM_PORT = 1 << 6,
    DX_PCI_CONNECT_TYPE_PCIE_SWITCH_DOWNSTREAM_PORT = 1 << 7,
    DX_PCI_CONNECT_TYPE_DMI_TO_PCI_BRIDGE = 1 << 8,
    DX_PCI_CONNECT_TYPE_PCI_EXPANDER_BUS = 1 << 9,
    DX_PCI_CONNECT_TYPE_PCIE_EXPANDER_BUS = 1 << 10,
    DX_PCI_CONNECT_TYPE_PCI_BRIDGE = 1 << 11,
    DX_PCI_CONNECT_TYPE_PCIE_TO_PCI_BRIDGE = 1 << 13,
} dxPCIConnectFlags;

#define DX_PCI_CONNECT_TYPES_MASK \
    (DX_PCI_CONNECT_TYPE_PCI_DEVICE | DX_PCI_CONNECT_TYPE_PCIE_DEVICE | \
     DX_PCI_CONNECT_TYPE_PCIE_ROOT_PORT | DX_PCI_CONNECT_TYPE_PCIE_SWITCH_UPSTREAM_PORT | \
     DX_PCI_CONNECT_TYPE_PCIE_SWITCH_DOWNSTREAM_PORT | DX_PCI_CONNECT_TYPE_DMI_TO_PCI_BRIDGE | \
     DX_PCI_CONNECT_TYPE_PCI_EXPANDER_BUS | DX_PCI_CONNECT_TYPE_PCIE_EXPANDER_BUS | \
     DX_PCI_CONNECT_TYPE_PCI_BRIDGE | DX_PCI_CONNECT_TYPE_PCIE_TO_PCI_BRIDGE)

/* The hook of the PCI assignment.  Return 0 when DEV needs no PCI slot
 * (not a PCI device on this machine, or another kind of address was
 * given), otherwise the kind of slot, normally one of:
 *   dxQemuPCIConnectPCI()        a conventional PCI device (e1000, AC97, ...)
 *   dxQemuPCIConnectPCIe(def)    a PCI Express device (e1000e, qemu-xhci, ...)
 *   dxQemuPCIConnectVirtio(def)  a virtio-*-pci device
 * Only devices whose address is missing or type='pci' with no slot get
 * one; an explicit address is kept and only checked against the answer. */
typedef unsigned int (*dxQemuPCIConnectHook)(const dxDomainDef *def, dxDeviceRef dev);

/* Hot-pluggable conventional PCI slot. */
unsigned int dxQemuPCIConnectPCI(void);
/* Hot-pluggable PCI Express slot on a machine with a pcie-root (q35);
 * a conventional slot elsewhere (i440fx has no PCIe). */
unsigned int dxQemuPCIConnectPCIe(const dxDomainDef *def);
/* virtio-*-pci: like PCIe (QEMU 7.2 can turn off the legacy interface);
 * use dxQemuPCIConnectPCI() for model='virtio-transitional'. */
unsigned int dxQemuPCIConnectVirtio(const dxDomainDef *def);

/* The domain's root bus is PCI Express (q35's pcie-root). */
bool dxQemuDomainHasPCIeRoot(const dxDomainDef *def);

/* ---- USB ---------------------------------------------------------------------- */

typedef enum {
    DX_QEMU_USB_NONE = 0,             /* not a USB device */
    DX_QEMU_USB_DEVICE,               /* takes one USB port */
    DX_QEMU_USB_HUB,                  /* takes one port and brings 8 more */
} dxQemuUSBKind;

/* Whether DEV plugs into a USB port.  It gets one when it has no address
 * or a type='usb' address without port. */
typedef dxQemuUSBKind (*dxQemuUSBHook)(const dxDomainDef *def, dxDeviceRef dev);

/* ---- virtio-serial -------------------------------------------------------------- */

typedef enum {
    DX_QEMU_VIRTIO_SERIAL_NONE = 0,   /* not a virtio-serial port */
    DX_QEMU_VIRTIO_SERIAL_PORT,       /* a port numbered from 1 (channels) */
    DX_QEMU_VIRTIO_SERIAL_PORT0,      /* may take port 0 (virtio consoles) */
} dxQemuVirtioSerialKind;

typedef dxQemuVirtioSerialKind (*dxQemuVirtioSerialHook)(const dxDomainDef *def,
                                                         dxDeviceRef dev);

/* ---- entry points --------------------------------------------------------------- */

/* Assign every missing address, in libvirt's order: virtio-serial ports,
 * PCI slots (adding bridges / root ports when buses are full), USB ports
 * (adding hubs when ports run out).  Reports and returns -1 on conflicts. */
int dxQemuAssignAddresses(dxDomainDef *def);
/* When QEMU is started: the USB ports an existing configuration leaves
 * open (libvirt only lays out USB ports of a configuration it defines
 * anew, or that has them all; it always does so when starting QEMU),
 * adding hubs when ports run out. */
int dxQemuAssignStartAddresses(dxDomainDef *def);

/* "0000:00:1f.2", libvirt's way of naming a PCI address in messages. */
char *dxPCIAddressAsString(const dxPCIAddress *addr);

/* ---- the families' hooks (one block per family) ----------------------------------- */

/* controllers (qemu_controller.c) */
unsigned int dxQemuControllerPCIConnectBridge(const dxDomainDef *def, dxDeviceRef dev);
unsigned int dxQemuControllerPCIConnectOther(const dxDomainDef *def, dxDeviceRef dev);
dxQemuUSBKind dxQemuControllerUSBKind(const dxDomainDef *def, dxDeviceRef dev);

/* disks (qemu_disk.c) */
unsigned int dxQemuDiskPCIConnect(const dxDomainDef *def, dxDeviceRef dev);
dxQemuUSBKind dxQemuDiskUSBKind(const dxDomainDef *def, dxDeviceRef dev);

/* filesystems */
unsigned int dxQemuFSPCIConnect(const dxDomainDef *def, dxDeviceRef dev);

/* interfaces (qemu_net.c) */
unsigned int dxQemuNetPCIConnect(const dxDomainDef *def, dxDeviceRef dev);

/* sounds */
unsigned int dxQemuSoundPCIConnect(const dxDomainDef *def, dxDeviceRef dev);
dxQemuUSBKind dxQemuSoundUSBKind(const dxDomainDef *def, dxDeviceRef dev);

/* hostdevs, SR-IOV interfaces included (qemu_net.c) */
unsigned int dxQemuHostdevPCIConnect(const dxDomainDef *def, dxDeviceRef dev);
dxQemuUSBKind dxQemuHostdevUSBKind(const dxDomainDef *def, dxDeviceRef dev);

/* memballoon */
unsigned int dxQemuMemballoonPCIConnect(const dxDomainDef *def, dxDeviceRef dev);

/* rngs */
unsigned int dxQemuRNGPCIConnect(const dxDomainDef *def, dxDeviceRef dev);

/* watchdogs */
unsigned int dxQemuWatchdogPCIConnect(const dxDomainDef *def, dxDeviceRef dev);

/* videos */
unsigned int dxQemuVideoPCIConnect(const dxDomainDef *def, dxDeviceRef dev);

/* shmems */
unsigned int dxQemuShmemPCIConnect(const dxDomainDef *def, dxDeviceRef dev);

/* inputs */
unsigned int dxQemuInputPCIConnect(const dxDomainDef *def, dxDeviceRef dev);
dxQemuUSBKind dxQemuInputUSBKind(const dxDomainDef *def, dxDeviceRef dev);

/* serials, consoles, channels */
unsigned int dxQemuSerialPCIConnect(const dxDomainDef *def, dxDeviceRef dev);
dxQemuUSBKind dxQemuSerialUSBKind(const dxDomainDef *def, dxDeviceRef dev);
dxQemuVirtioSerialKind dxQemuChrVirtioSerialKind(const dxDomainDef *def, dxDeviceRef dev);

/* hubs (qemu_address_hub.c) */
dxQemuUSBKind dxQemuHubUSBKind(const dxDomainDef *def, dxDeviceRef dev);
/* Append a <hub type='usb'/> without address; returns its info. */
dxDeviceInfo *dxQemuHubAdd(dxDomainDef *def);

/* redirdevs */
dxQemuUSBKind dxQemuRedirdevUSBKind(const dxDomainDef *def, dxDeviceRef dev);

/* iommu */
unsigned int dxQemuIOMMUPCIConnect(const dxDomainDef *def, dxDeviceRef dev);

/* vsock */
unsigned int dxQemuVsockPCIConnect(const dxDomainDef *def, dxDeviceRef dev);

/* memory devices */
unsigned int dxQemuMemoryPCIConnect(const dxDomainDef *def, dxDeviceRef dev);

/* crypto */
unsigned int dxQemuCryptoPCIConnect(const dxDomainDef *def, dxDeviceRef dev);
/* panic (pvpanic-pci; qemu_devices_address.c, like the families above) */
unsigned int dxQemuPanicPCIConnect(const dxDomainDef *def, dxDeviceRef dev);
