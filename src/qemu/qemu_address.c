/* qemu_address.c: address assignment of the QEMU driver.
 *
 * libvirt gives every device without an address the one it would get on
 * a real machine, in a fixed order, so that a domain defined once keeps
 * its guest-visible layout.  This file reproduces that order; the device
 * families only answer the questions of qemu_address.h through the hook
 * tables below (one line per family, under its comment).
 */
#include "qemu_address.h"
#include "qemu_address_priv.h"
#include "qemu_target.h"
#include "conf/controller_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"

#include <stdlib.h>
#include <string.h>

/* ---- hook tables ------------------------------------------------------------- */

/* PCI slots are handed out in this order (libvirt's), each row taking the
 * devices of its type in their order in the domain.  A row may place its
 * devices in a way of its own (PLACE); NULL means "next free slot". */
const dxQemuPCIAssignStep dxQemuPCIAssignOrder[] = {
    /* PCI controllers (bridges, root ports, switches, expander buses) */
    { DX_DEVICE_CONTROLLER, dxQemuControllerPCIConnectBridge, NULL },

    /* filesystems */
    { DX_DEVICE_FS, dxQemuFSPCIConnect, NULL },

    /* interfaces (not type='hostdev': those come with the hostdevs) */
    { DX_DEVICE_NET, dxQemuNetPCIConnect, NULL },

    /* sounds */
    { DX_DEVICE_SOUND, dxQemuSoundPCIConnect, dxQemuPCIPlaceSound },

    /* other controllers (scsi, usb, virtio-serial, sata, ...) */
    { DX_DEVICE_CONTROLLER, dxQemuControllerPCIConnectOther, dxQemuPCIPlaceController },

    /* virtio disks */
    { DX_DEVICE_DISK, dxQemuDiskPCIConnect, NULL },

    /* hostdevs, including <interface type='hostdev'> */
    { DX_DEVICE_HOSTDEV, dxQemuHostdevPCIConnect, NULL },

    /* memballoon */
    { DX_DEVICE_MEMBALLOON, dxQemuMemballoonPCIConnect, NULL },

    /* rngs */
    { DX_DEVICE_RNG, dxQemuRNGPCIConnect, NULL },

    /* watchdogs */
    { DX_DEVICE_WATCHDOG, dxQemuWatchdogPCIConnect, NULL },

    /* videos (the primary one is placed with the chipset, see
       dxQemuPCIReserveChipset) */
    { DX_DEVICE_VIDEO, dxQemuVideoPCIConnect, NULL },

    /* shmems */
    { DX_DEVICE_SHMEM, dxQemuShmemPCIConnect, NULL },

    /* inputs */
    { DX_DEVICE_INPUT, dxQemuInputPCIConnect, NULL },

    /* serials (pci-serial) */
    { DX_DEVICE_CHR, dxQemuSerialPCIConnect, NULL },

    /* iommu */
    { DX_DEVICE_IOMMU, dxQemuIOMMUPCIConnect, NULL },

    /* vsock */
    { DX_DEVICE_VSOCK, dxQemuVsockPCIConnect, NULL },

    /* memory devices */
    { DX_DEVICE_MEMORY, dxQemuMemoryPCIConnect, NULL },

    /* crypto */
    { DX_DEVICE_CRYPTO, dxQemuCryptoPCIConnect, NULL },
    { DX_DEVICE_PANIC, dxQemuPanicPCIConnect, NULL },

    { DX_DEVICE_LAST, NULL, NULL },
};

/* USB ports are handed out in this order (libvirt's). */
const dxQemuUSBAssignStep dxQemuUSBAssignOrder[] = {
    /* hubs (a hub answers DX_QEMU_USB_HUB: it brings 8 ports) */
    { DX_DEVICE_HUB, dxQemuHubUSBKind },

    /* hostdevs (usb) */
    { DX_DEVICE_HOSTDEV, dxQemuHostdevUSBKind },

    /* disks (bus='usb') */
    { DX_DEVICE_DISK, dxQemuDiskUSBKind },

    /* ccid controllers */
    { DX_DEVICE_CONTROLLER, dxQemuControllerUSBKind },

    /* inputs (bus='usb') */
    { DX_DEVICE_INPUT, dxQemuInputUSBKind },

    /* serials (usb-serial) */
    { DX_DEVICE_CHR, dxQemuSerialUSBKind },

    /* sounds (usb-audio) */
    { DX_DEVICE_SOUND, dxQemuSoundUSBKind },

    /* redirdevs */
    { DX_DEVICE_REDIRDEV, dxQemuRedirdevUSBKind },

    { DX_DEVICE_LAST, NULL },
};

/* virtio-serial ports: consoles first, then channels (the order of
 * dxDomainDeviceInfoIterate). */
const dxQemuVirtioSerialAssignStep dxQemuVirtioSerialAssignOrder[] = {
    /* consoles and channels */
    { DX_DEVICE_CHR, dxQemuChrVirtioSerialKind },

    { DX_DEVICE_LAST, NULL },
};

/* When USB devices outnumber the ports, libvirt adds <hub type='usb'/>
 * devices; the hub family provides the constructor (it appends a hub
 * without address to DEF and returns its info). */
dxDeviceInfo *(*const dxQemuUSBAddHub)(dxDomainDef *def) = dxQemuHubAdd;

/* ---- slot kinds ---------------------------------------------------------------- */

bool
dxQemuDomainHasPCIeRoot(const dxDomainDef *def)
{
    const dxControllerDef *root = dxDomainControllerGet(def, DX_CONTROLLER_TYPE_PCI, 0);
    return root && root->model == DX_CONTROLLER_MODEL_PCIE_ROOT;
}

unsigned int
dxQemuPCIConnectPCI(void)
{
    return DX_PCI_CONNECT_TYPE_PCI_DEVICE | DX_PCI_CONNECT_HOTPLUGGABLE;
}

unsigned int
dxQemuPCIConnectPCIe(const dxDomainDef *def)
{
    if (!dxQemuDomainHasPCIeRoot(def))
        return dxQemuPCIConnectPCI();
    return DX_PCI_CONNECT_TYPE_PCIE_DEVICE | DX_PCI_CONNECT_HOTPLUGGABLE;
}

unsigned int
dxQemuPCIConnectVirtio(const dxDomainDef *def)
{
    return dxQemuPCIConnectPCIe(def);
}

/* ---- device walks ---------------------------------------------------------------- */

int
dxQemuForEachDeviceOfType(dxDomainDef *def, dxDeviceType type,
                          int (*fn)(dxDomainDef *, dxDeviceRef, dxDeviceInfo *, void *),
                          void *opaque)
{
    /* visiting only TYPE's arrays: address assignment walks once per
     * device type, and walking every device each time was a visible share
     * of to-argv */
    int rc = dxDomainDeviceInfoIterateType(def, type, fn, opaque);
    return rc < 0 ? -1 : 0;
}

unsigned int
dxQemuDevicePCIConnectFlags(const dxDomainDef *def, dxDeviceRef dev)
{
    size_t i;
    for (i = 0; dxQemuPCIAssignOrder[i].connect; i++) {
        unsigned int flags;
        if (dxQemuPCIAssignOrder[i].type != dev.type)
            continue;
        if ((flags = dxQemuPCIAssignOrder[i].connect(def, dev)))
            return flags;
    }
    return 0;
}

char *
dxPCIAddressAsString(const dxPCIAddress *addr)
{
    return dxAsprintf("%04x:%02x:%02x.%x", addr->domain, addr->bus, addr->slot,
                      addr->function);
}

/* ---- spapr-vio ------------------------------------------------------------------------ */

/* QEMU's default register of a spapr-vio SCSI adapter */
#define DX_SPAPRVIO_SCSI_REG 0x2000ULL

typedef struct {
    const dxDeviceInfo *self;
    unsigned long long reg;
} dxSpaprRegQuery;

static int
dxSpaprRegUsedCallback(dxDomainDef *def, dxDeviceRef dev, dxDeviceInfo *info, void *opaque)
{
    const dxSpaprRegQuery *q = opaque;
    (void)def;
    (void)dev;
    return info != q->self && info->type == DX_ADDRESS_TYPE_SPAPRVIO &&
           info->addr.spaprvio.hasReg && info->addr.spaprvio.reg == q->reg;
}

/* An IBM vSCSI adapter sits on the spapr-vio bus, at 0x2000 or the next
 * free multiple of 0x1000. */
static int
dxQemuAssignSpaprVIOAddresses(dxDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        dxControllerDef *cont = def->controllers[i];
        dxSpaprRegQuery q = { &cont->info, 0 };
        bool user;

        if (cont->type == DX_CONTROLLER_TYPE_SCSI &&
            cont->model == DX_CONTROLLER_MODEL_SCSI_IBMVSCSI &&
            cont->info.type == DX_ADDRESS_TYPE_NONE)
            cont->info.type = DX_ADDRESS_TYPE_SPAPRVIO;
        if (cont->info.type != DX_ADDRESS_TYPE_SPAPRVIO)
            continue;
        user = cont->info.addr.spaprvio.hasReg;
        q.reg = user ? cont->info.addr.spaprvio.reg : DX_SPAPRVIO_SCSI_REG;
        while (dxDomainDeviceInfoIterate(def, dxSpaprRegUsedCallback, &q) > 0) {
            if (user) {
                dxErrorReportLoc(DX_ERR_INVALID, &cont->info.loc,
                                 "spapr-vio address %#llx already in use", q.reg);
                return -1;
            }
            q.reg += 0x1000;
        }
        cont->info.addr.spaprvio.reg = q.reg;
        cont->info.addr.spaprvio.hasReg = true;
    }
    return 0;
}

/* ---- checks ----------------------------------------------------------------------------- */

static int
dxQemuCheckCCWCallback(dxDomainDef *def, dxDeviceRef dev, dxDeviceInfo *info, void *opaque)
{
    (void)dev;
    (void)opaque;
    if (info->type == DX_ADDRESS_TYPE_CCW &&
        !(def->os.machine && strncmp(def->os.machine, "s390-ccw", 8) == 0)) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &info->loc,
                         "cannot use CCW address type for device '%s' using machine type '%s'",
                         info->alias ? info->alias : "<null>", dxNullStr(def->os.machine));
        return -1;
    }
    return 0;
}

int
dxQemuValidateAddresses(const dxDomainDef *def)
{
    if (!dxQemuArchIsX86(def->os.arch))
        return 0;
    /* the walk does not modify DEF */
    return dxDomainDeviceInfoIterate((dxDomainDef *)def, dxQemuCheckCCWCallback, NULL) < 0 ? -1 : 0;
}

/* ---- entry point -------------------------------------------------------------------- */

int
dxQemuAssignAddresses(dxDomainDef *def)
{
    /* only the x86 machines of qemu_target.h are described */
    if (!dxQemuArchIsX86(def->os.arch))
        return 0;
    if (dxQemuAssignVirtioSerialAddresses(def) < 0 ||
        dxQemuAssignSpaprVIOAddresses(def) < 0)
        return -1;
    if (dxQemuAssignPCIAddresses(def) < 0)
        return -1;
    if (dxQemuAssignUSBAddresses(def, false) < 0)
        return -1;
    return 0;
}

int
dxQemuAssignStartAddresses(dxDomainDef *def)
{
    if (!dxQemuArchIsX86(def->os.arch))
        return 0;
    return dxQemuAssignUSBAddresses(def, true);
}
