/* qemu_address_pci.c: PCI slot assignment (libvirt's
 * qemuDomainAssignPCIAddresses and its address set).
 *
 * Two passes.  The first ("dry run") places every device on a set of
 * buses that grows when a device finds no slot, which tells how many
 * bridges / root ports are missing; those are added to the domain.  The
 * second places every device for real, PCI controllers first.
 */
#include "qemu_address_priv.h"
#include "qemu_target.h"
#include "conf/controller_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- buses -------------------------------------------------------------------- */

/* What a bus of MODEL accepts downstream, and which slots it has.
 * (<target hotplug='off'> only changes the QEMU device; libvirt still
 * places hot-pluggable devices there.) */
static void
dxPCIBusSetModel(dxPCIBus *bus, int model)
{
    unsigned int hp = DX_PCI_CONNECT_HOTPLUGGABLE;
    unsigned int pciBus = DX_PCI_CONNECT_AUTOASSIGN | DX_PCI_CONNECT_TYPE_PCI_DEVICE |
                          DX_PCI_CONNECT_TYPE_PCI_BRIDGE;

    bus->model = model;
    bus->minSlot = 0;
    bus->maxSlot = DX_PCI_MAX_SLOT;
    switch ((dxControllerModelPCI)model) {
    case DX_CONTROLLER_MODEL_PCI_ROOT:
        bus->flags = pciBus | DX_PCI_CONNECT_TYPE_PCI_EXPANDER_BUS | hp;
        bus->minSlot = 1;
        break;
    case DX_CONTROLLER_MODEL_PCI_BRIDGE:
    case DX_CONTROLLER_MODEL_PCIE_TO_PCI_BRIDGE:
        bus->flags = pciBus | hp;
        bus->minSlot = 1;
        break;
    case DX_CONTROLLER_MODEL_PCI_EXPANDER_BUS:
        bus->flags = pciBus | hp;
        break;
    case DX_CONTROLLER_MODEL_DMI_TO_PCI_BRIDGE:
        /* standard PCI slots, but no hotplug */
        bus->flags = pciBus;
        break;
    case DX_CONTROLLER_MODEL_PCIE_ROOT:
        /* integrated PCIe endpoints and ports, no hotplug */
        bus->flags = DX_PCI_CONNECT_AUTOASSIGN | DX_PCI_CONNECT_TYPE_PCIE_DEVICE |
                     DX_PCI_CONNECT_TYPE_PCIE_ROOT_PORT |
                     DX_PCI_CONNECT_TYPE_DMI_TO_PCI_BRIDGE |
                     DX_PCI_CONNECT_TYPE_PCIE_EXPANDER_BUS;
        bus->minSlot = 1;
        break;
    case DX_CONTROLLER_MODEL_PCIE_ROOT_PORT:
    case DX_CONTROLLER_MODEL_PCIE_SWITCH_DOWNSTREAM_PORT:
        /* one hot-pluggable PCIe slot */
        bus->flags = DX_PCI_CONNECT_AUTOASSIGN | DX_PCI_CONNECT_TYPE_PCIE_DEVICE |
                     DX_PCI_CONNECT_TYPE_PCIE_SWITCH_UPSTREAM_PORT |
                     DX_PCI_CONNECT_TYPE_PCIE_TO_PCI_BRIDGE | hp;
        bus->maxSlot = 0;
        break;
    case DX_CONTROLLER_MODEL_PCIE_SWITCH_UPSTREAM_PORT:
        bus->flags = DX_PCI_CONNECT_AUTOASSIGN | DX_PCI_CONNECT_TYPE_PCIE_SWITCH_DOWNSTREAM_PORT;
        break;
    case DX_CONTROLLER_MODEL_PCIE_EXPANDER_BUS:
        bus->flags = DX_PCI_CONNECT_AUTOASSIGN | DX_PCI_CONNECT_TYPE_PCIE_ROOT_PORT |
                     DX_PCI_CONNECT_TYPE_DMI_TO_PCI_BRIDGE;
        break;
    case DX_CONTROLLER_MODEL_PCI_DEFAULT:
    case DX_CONTROLLER_MODEL_PCI_LAST:
        bus->flags = 0;
        break;
    }
}

/* The controller model that connects as FLAGS (-1: not a controller). */
static int
dxPCIConnectToControllerModel(unsigned int flags)
{
    if (flags & DX_PCI_CONNECT_TYPE_PCIE_ROOT_PORT)
        return DX_CONTROLLER_MODEL_PCIE_ROOT_PORT;
    if (flags & DX_PCI_CONNECT_TYPE_PCIE_SWITCH_UPSTREAM_PORT)
        return DX_CONTROLLER_MODEL_PCIE_SWITCH_UPSTREAM_PORT;
    if (flags & DX_PCI_CONNECT_TYPE_PCIE_SWITCH_DOWNSTREAM_PORT)
        return DX_CONTROLLER_MODEL_PCIE_SWITCH_DOWNSTREAM_PORT;
    if (flags & DX_PCI_CONNECT_TYPE_DMI_TO_PCI_BRIDGE)
        return DX_CONTROLLER_MODEL_DMI_TO_PCI_BRIDGE;
    if (flags & DX_PCI_CONNECT_TYPE_PCI_EXPANDER_BUS)
        return DX_CONTROLLER_MODEL_PCI_EXPANDER_BUS;
    if (flags & DX_PCI_CONNECT_TYPE_PCIE_EXPANDER_BUS)
        return DX_CONTROLLER_MODEL_PCIE_EXPANDER_BUS;
    if (flags & DX_PCI_CONNECT_TYPE_PCI_BRIDGE)
        return DX_CONTROLLER_MODEL_PCI_BRIDGE;
    return -1;
}

/* How a device of kind FLAGS is named in messages. */
static const char *
dxPCIConnectName(unsigned int flags)
{
    int model;
    if (flags & DX_PCI_CONNECT_TYPE_PCI_DEVICE)
        return "standard PCI device";
    if (flags & DX_PCI_CONNECT_TYPE_PCIE_DEVICE)
        return "PCI Express device";
    if (flags & DX_PCI_CONNECT_TYPE_PCIE_TO_PCI_BRIDGE)
        return "pcie-to-pci-bridge";
    model = dxPCIConnectToControllerModel(flags);
    return model < 0 ? "device" : dxControllerModelPCITypeToString(model);
}

/* ---- compatibility and validity ------------------------------------------------ */

static bool
dxPCIFlagsCompatible(const dxSourceLoc *loc, const dxPCIAddress *addr, const char *addrStr,
                     unsigned int busFlags, unsigned int devFlags,
                     bool report, bool fromConfig)
{
    dxErrorCode code = fromConfig ? DX_ERR_INVALID : DX_ERR_UNSUPPORTED;

    if (fromConfig) {
        /* an address written by the user may put a PCI device in a PCIe
         * slot or the reverse, and need not be hot-pluggable */
        if (busFlags & (DX_PCI_CONNECT_TYPE_PCI_DEVICE | DX_PCI_CONNECT_TYPE_PCIE_DEVICE))
            busFlags |= DX_PCI_CONNECT_TYPE_PCI_DEVICE | DX_PCI_CONNECT_TYPE_PCIE_DEVICE;
        devFlags &= ~DX_PCI_CONNECT_HOTPLUGGABLE;
    }
    if (!(devFlags & busFlags & DX_PCI_CONNECT_TYPES_MASK)) {
        if (report)
            dxErrorReportLoc(code, loc,
                          "The device at PCI address %s cannot be plugged into the PCI "
                          "controller with index='%u'. It requires a controller that "
                          "accepts a %s.", addrStr, addr->bus, dxPCIConnectName(devFlags));
        return false;
    }
    if ((devFlags & DX_PCI_CONNECT_HOTPLUGGABLE) && !(busFlags & DX_PCI_CONNECT_HOTPLUGGABLE)) {
        if (report)
            dxErrorReportLoc(code, loc,
                          "The device at PCI address %s requires hotplug capability, but "
                          "the PCI controller with index='%u' doesn't support hotplug",
                          addrStr, addr->bus);
        return false;
    }
    return true;
}

static bool
dxPCIAddressValidate(const dxPCIAddressSet *set, const dxPCIAddress *addr,
                     const char *addrStr, unsigned int flags, bool fromConfig)
{
    /* the first pass only counts slots: a device that made the set grow
     * takes the first new slot whatever its kind (libvirt counts so) */
    bool checkKind = !set->dryRun || fromConfig;
    const dxPCIBus *bus;
    dxErrorCode code = fromConfig ? DX_ERR_INVALID : DX_ERR_UNSUPPORTED;

    if (set->nbuses == 0) {
        dxErrorReportLoc(DX_ERR_INVALID, set->loc, "No PCI buses available");
        return false;
    }
    if (addr->domain != 0) {
        dxErrorReportLoc(code, set->loc,
                      "Invalid PCI address %s. Only PCI domain 0 is available", addrStr);
        return false;
    }
    if (addr->bus >= set->nbuses) {
        dxErrorReportLoc(code, set->loc,
                      "Invalid PCI address %s. Only PCI buses up to %zu are available",
                      addrStr, set->nbuses - 1);
        return false;
    }
    bus = &set->buses[addr->bus];
    if (checkKind &&
        !dxPCIFlagsCompatible(set->loc, addr, addrStr, bus->flags, flags, true, fromConfig))
        return false;
    if (addr->slot < bus->minSlot) {
        dxErrorReportLoc(code, set->loc, "Invalid PCI address %s. slot must be >= %u",
                      addrStr, bus->minSlot);
        return false;
    }
    if (addr->slot > bus->maxSlot) {
        dxErrorReportLoc(code, set->loc, "Invalid PCI address %s. slot must be <= %u",
                      addrStr, bus->maxSlot);
        return false;
    }
    return true;
}

/* ---- growing (first pass only) --------------------------------------------------- */

static bool
dxPCIAddressSetHasBridgeBus(const dxPCIAddressSet *set)
{
    size_t i;
    for (i = 0; i < set->nbuses; i++) {
        if (set->buses[i].flags & DX_PCI_CONNECT_TYPE_PCI_BRIDGE)
            return true;
    }
    return false;
}

/* Add buses up to ADDR->bus for a device of kind FLAGS: pci-bridges for
 * conventional devices, pcie-root-ports for PCIe devices.  When nothing
 * can take a pci-bridge yet (only PCIe so far), the first new buses are a
 * root port holding a pcie-to-pci-bridge; growing by one bus then
 * becomes two, and the device goes on the pcie-to-pci-bridge (ADDR->bus is
 * updated) while the bridge fills the root port's slot. */
static int
dxPCIAddressSetGrow(dxPCIAddressSet *set, dxPCIAddress *addr, unsigned int flags)
{
    long add = (long)addr->bus - (long)set->nbuses + 1;
    int model = DX_CONTROLLER_MODEL_PCI_BRIDGE;
    bool needPCIeToPCI = false;
    size_t i;

    if (add <= 0)
        return 0;
    /* an upstream switch port goes into a new root port like a PCIe device */
    if (!(flags & (DX_PCI_CONNECT_TYPE_PCI_DEVICE | DX_PCI_CONNECT_TYPE_PCIE_DEVICE |
                   DX_PCI_CONNECT_TYPE_PCIE_SWITCH_UPSTREAM_PORT))) {
        int cmodel = dxPCIConnectToControllerModel(flags);
        if (cmodel >= 0)
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, set->loc,
                          "a PCI slot is needed to connect a PCI controller model='%s', "
                          "but none is available, and it cannot be automatically added",
                          dxControllerModelPCITypeToString(cmodel));
        else
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, set->loc,
                          "Cannot automatically add a new PCI bus for a device with "
                          "connect flags %.2x", flags);
        return -1;
    }
    if (flags & DX_PCI_CONNECT_TYPE_PCI_DEVICE) {
        /* QEMU 7.2 has pcie-pci-bridge: preferred over dmi-to-pci-bridge */
        if (!dxPCIAddressSetHasBridgeBus(set)) {
            needPCIeToPCI = true;
            if (add == 1) {
                add++;
                addr->bus++;
            }
        }
    } else {
        model = DX_CONTROLLER_MODEL_PCIE_ROOT_PORT;
    }

    i = set->nbuses;
    set->buses = dxReallocArray(set->buses, set->nbuses + add, sizeof(*set->buses));
    memset(set->buses + set->nbuses, 0, add * sizeof(*set->buses));
    set->nbuses += add;
    if (needPCIeToPCI) {
        /* the root port's only slot is the bridge's, not the device's */
        dxPCIBusSetModel(&set->buses[i], DX_CONTROLLER_MODEL_PCIE_ROOT_PORT);
        set->buses[i].slots[set->buses[i].minSlot].functions |= 1u;
        i++;
        dxPCIBusSetModel(&set->buses[i++], DX_CONTROLLER_MODEL_PCIE_TO_PCI_BRIDGE);
    }
    for (; i < set->nbuses; i++)
        dxPCIBusSetModel(&set->buses[i], model);
    return 0;
}

/* ---- reservation ------------------------------------------------------------------ */

bool
dxPCIAddressSlotInUse(const dxPCIAddressSet *set, const dxPCIAddress *addr)
{
    if (addr->bus >= set->nbuses || addr->slot >= DX_PCI_SLOTS)
        return false;
    return set->buses[addr->bus].slots[addr->slot].functions != 0;
}

static int
dxPCIAddressReserveInternal(dxPCIAddressSet *set, const dxPCIAddress *addr,
                            unsigned int flags, bool fromConfig)
{
    dxPCIAddress want = *addr;
    dxPCISlotState *slot;
    char *addrStr;

    if (set->dryRun && dxPCIAddressSetGrow(set, &want, flags) < 0)
        return -1;
    addrStr = dxPCIAddressAsString(addr);
    if (!dxPCIAddressValidate(set, addr, addrStr, flags, fromConfig)) {
        free(addrStr);
        return -1;
    }
    slot = &set->buses[addr->bus].slots[addr->slot];
    if (slot->functions & (1u << addr->function)) {
        dxErrorReportLoc(fromConfig ? DX_ERR_INVALID : DX_ERR_UNSUPPORTED, set->loc,
                      "Attempted double use of PCI Address %s%s", addrStr,
                      fromConfig ? ": another device already has it; give this one "
                                   "another slot or drop its <address> to get a free one" : "");
        free(addrStr);
        return -1;
    }
    /* the first function of a slot decides whether later aggregating
     * devices (pcie-root-ports) may fill the other functions */
    if (!slot->functions && (flags & DX_PCI_CONNECT_AGGREGATE_SLOT))
        slot->aggregate = true;
    slot->functions |= 1u << addr->function;
    free(addrStr);
    return 0;
}

int
dxPCIAddressReserveAddr(dxPCIAddressSet *set, const dxPCIAddress *addr, unsigned int flags)
{
    return dxPCIAddressReserveInternal(set, addr, flags, true);
}

/* The first slot of BUS that fits: an empty one, or for aggregating
 * devices a free function of a slot already aggregating. */
static bool
dxPCIBusFindSlot(const dxPCIBus *bus, unsigned int flags, int function, dxPCIAddress *addr)
{
    unsigned int s, f;

    for (s = bus->minSlot; s <= bus->maxSlot; s++) {
        const dxPCISlotState *slot = &bus->slots[s];
        if (function < 0 && (flags & DX_PCI_CONNECT_AGGREGATE_SLOT) && slot->aggregate) {
            for (f = 0; f <= DX_PCI_MAX_FUNCTION; f++) {
                if (!(slot->functions & (1u << f))) {
                    addr->slot = s;
                    addr->function = f;
                    return true;
                }
            }
        }
        if (!slot->functions) {
            addr->slot = s;
            addr->function = function < 0 ? 0 : (unsigned int)function;
            return true;
        }
    }
    return false;
}

static int
dxPCIAddressGetNextAddr(dxPCIAddressSet *set, dxPCIAddress *addr, unsigned int flags,
                        int function)
{
    size_t b;

    memset(addr, 0, sizeof(*addr));
    if (set->nbuses == 0) {
        dxErrorReportLoc(DX_ERR_INVALID, set->loc, "No PCI buses available");
        return -1;
    }
    for (b = 0; b < set->nbuses; b++) {
        const dxPCIBus *bus = &set->buses[b];
        addr->bus = b;
        if (!(bus->flags & DX_PCI_CONNECT_AUTOASSIGN) ||
            !dxPCIFlagsCompatible(NULL, addr, NULL, bus->flags, flags, false, false))
            continue;
        if (dxPCIBusFindSlot(bus, flags, function, addr))
            return 0;
    }
    if (set->dryRun) {
        /* the device takes the first slot of a new bus */
        addr->bus = set->nbuses;
        if (dxPCIAddressSetGrow(set, addr, flags) < 0)
            return -1;
        addr->slot = set->buses[addr->bus].minSlot;
        addr->function = function < 0 ? 0 : (unsigned int)function;
        return 0;
    }
    dxErrorReportLoc(DX_ERR_UNSUPPORTED, set->loc, "No more available PCI slots");
    return -1;
}

int
dxPCIAddressReserveNextAddr(dxPCIAddressSet *set, dxDeviceInfo *info,
                            unsigned int flags, int function)
{
    dxPCIAddress addr;
    dxTristateSwitch multi = info && info->type == DX_ADDRESS_TYPE_PCI ?
                             info->addr.pci.multi : DX_TRISTATE_SWITCH_ABSENT;

    if (dxPCIAddressGetNextAddr(set, &addr, flags, function) < 0 ||
        dxPCIAddressReserveInternal(set, &addr, flags, false) < 0)
        return -1;
    if (!set->dryRun && info) {
        addr.multi = multi;
        info->type = DX_ADDRESS_TYPE_PCI;
        info->addr.pci = addr;
    }
    return 0;
}

/* ---- the set of a domain ------------------------------------------------------------ */

static void
dxPCIAddressSetFree(dxPCIAddressSet *set)
{
    if (!set)
        return;
    free(set->buses);
    free(set);
}

typedef struct {
    dxPCIAddressSet *set;
    /* infos shared by two devices count once: an open-addressing set of
     * pointers (a linear search made collecting quadratic in the number
     * of devices) */
    const dxDeviceInfo **seen;
    size_t nseen;
    size_t cap;                       /* a power of two, or 0 */
} dxPCICollectData;

static size_t
dxPCICollectSlot(const dxDeviceInfo **tab, size_t cap, const dxDeviceInfo *info)
{
    size_t h = ((uintptr_t)info >> 4) * (size_t)0x9E3779B97F4A7C15ULL;
    size_t i = h & (cap - 1);
    while (tab[i] && tab[i] != info)
        i = (i + 1) & (cap - 1);
    return i;
}

static bool
dxPCICollectSeen(dxPCICollectData *data, const dxDeviceInfo *info)
{
    size_t i;
    if (2 * (data->nseen + 1) > data->cap) {
        size_t cap = data->cap ? data->cap * 2 : 64;
        const dxDeviceInfo **tab = dxNewN(const dxDeviceInfo *, cap);
        for (i = 0; i < data->cap; i++) {
            if (data->seen[i])
                tab[dxPCICollectSlot(tab, cap, data->seen[i])] = data->seen[i];
        }
        free(data->seen);
        data->seen = tab;
        data->cap = cap;
    }
    i = dxPCICollectSlot(data->seen, data->cap, info);
    if (data->seen[i])
        return true;
    data->seen[i] = info;
    data->nseen++;
    return false;
}

/* Reserve every PCI address written in the configuration. */
static int
dxPCICollectCallback(dxDomainDef *def, dxDeviceRef dev, dxDeviceInfo *info, void *opaque)
{
    dxPCICollectData *data = opaque;
    unsigned int flags;

    if (!dxDeviceInfoHasPCIAddress(info) || dxPCICollectSeen(data, info))
        return 0;
    /* a device that should have no PCI address but has one is taken for
     * a conventional PCI device; its own checks refuse it if needed */
    if (!(flags = dxQemuDevicePCIConnectFlags(def, dev)))
        flags = DX_PCI_CONNECT_TYPE_PCI_DEVICE;
    data->set->loc = &info->loc;
    return dxPCIAddressReserveAddr(data->set, &info->addr.pci, flags) < 0 ? -1 : 0;
}

static dxPCIAddressSet *
dxPCIAddressSetNew(dxDomainDef *def, size_t nbuses, bool dryRun)
{
    dxPCIAddressSet *set = dxNew(dxPCIAddressSet);
    dxPCICollectData data = { set, NULL, 0, 0 };
    bool pcie = dxQemuDomainHasPCIeRoot(def);
    size_t i;
    int rc;

    set->dryRun = dryRun;
    set->nbuses = nbuses;
    set->buses = dxNewN(dxPCIBus, nbuses ? nbuses : 1);
    for (i = 0; i < def->ncontrollers; i++) {
        const dxControllerDef *cont = def->controllers[i];
        if (cont->type != DX_CONTROLLER_TYPE_PCI || cont->idx < 0 || (size_t)cont->idx >= nbuses)
            continue;
        dxPCIBusSetModel(&set->buses[cont->idx], cont->model);
    }
    /* indexes nobody uses yet get the bus libvirt would add there */
    for (i = 1; i < nbuses; i++) {
        if (!set->buses[i].model)
            dxPCIBusSetModel(&set->buses[i], pcie ? DX_CONTROLLER_MODEL_PCIE_ROOT_PORT :
                             DX_CONTROLLER_MODEL_PCI_BRIDGE);
    }
    rc = dxDomainDeviceInfoIterate(def, dxPCICollectCallback, &data);
    free(data.seen);
    if (rc < 0) {
        dxPCIAddressSetFree(set);
        return NULL;
    }
    return set;
}

/* ---- what the machine itself occupies -------------------------------------------------- */

static int
dxPCIFixedControllerAddress(dxControllerDef *cont, unsigned int slot, unsigned int function,
                            const char *what)
{
    dxPCIAddress *a = &cont->info.addr.pci;

    if (dxDeviceInfoHasPCIAddress(&cont->info)) {
        if (a->domain || a->bus || a->slot != slot || a->function != function) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &cont->info.loc,
                             "%s must have PCI address 0:0:%x.%x", what, slot, function);
            return -1;
        }
        return 0;
    }
    if (cont->info.type != DX_ADDRESS_TYPE_NONE && cont->info.type != DX_ADDRESS_TYPE_PCI)
        return 0;
    cont->info.type = DX_ADDRESS_TYPE_PCI;
    memset(a, 0, sizeof(*a));
    a->slot = slot;
    a->function = function;
    return 0;
}

/* The primary video card is found where QEMU itself would put it: the
 * first free slot after the integrated devices. */
typedef struct {
    dxDeviceRef dev;
    dxDeviceInfo *info;
} dxPCIFirstDevice;

static int
dxPCIFirstDeviceCallback(dxDomainDef *def, dxDeviceRef dev, dxDeviceInfo *info, void *opaque)
{
    dxPCIFirstDevice *first = opaque;
    (void)def;
    first->dev = dev;
    first->info = info;
    return 1;
}

static int
dxPCIReservePrimaryVideo(dxPCIAddressSet *set, dxDomainDef *def, unsigned int slot,
                         unsigned int reserveFlags)
{
    dxPCIFirstDevice first = { { DX_DEVICE_LAST, NULL }, NULL };
    dxPCIAddress addr = { 0 };
    unsigned int flags;

    if (dxQemuForEachDeviceOfType(def, DX_DEVICE_VIDEO, dxPCIFirstDeviceCallback, &first) < 0 ||
        !first.info)
        return 0;
    if (!(flags = dxQemuDevicePCIConnectFlags(def, first.dev)))
        return 0;
    if (first.info->type != DX_ADDRESS_TYPE_NONE && !dxDeviceInfoWantsPCIAddress(first.info))
        return 0;
    addr.slot = slot;
    set->loc = &first.info->loc;
    if (dxPCIAddressSlotInUse(set, &addr))
        return dxPCIAddressReserveNextAddr(set, first.info, flags, -1);
    if (dxPCIAddressReserveAddr(set, &addr, reserveFlags) < 0)
        return -1;
    first.info->type = DX_ADDRESS_TYPE_PCI;
    first.info->addr.pci = addr;
    return 0;
}

static int
dxPCIReserveI440FX(dxPCIAddressSet *set, dxDomainDef *def)
{
    unsigned int flags = DX_PCI_CONNECT_TYPE_PCI_DEVICE | DX_PCI_CONNECT_HOTPLUGGABLE;
    dxPCIAddress piix3 = { 0 };
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        dxControllerDef *cont = def->controllers[i];
        if (cont->type == DX_CONTROLLER_TYPE_IDE && cont->idx == 0) {
            if (dxPCIFixedControllerAddress(cont, 1, 1, "Primary IDE controller") < 0)
                return -1;
        } else if (cont->type == DX_CONTROLLER_TYPE_USB && cont->idx == 0 &&
                   (cont->model == DX_CONTROLLER_MODEL_USB_PIIX3_UHCI ||
                    cont->model == DX_CONTROLLER_MODEL_USB_DEFAULT)) {
            if (dxPCIFixedControllerAddress(cont, 1, 2, "PIIX3 USB controller at index 0") < 0)
                return -1;
        }
    }
    /* PIIX3: ISA bridge, IDE, USB and power management share slot 1 */
    piix3.slot = 1;
    set->loc = &def->loc;
    if (set->nbuses && dxPCIAddressReserveAddr(set, &piix3, flags) < 0)
        return -1;
    return dxPCIReservePrimaryVideo(set, def, 2, flags);
}

/* ICH9 USB2 sets go where they sit on real Q35 boards: 1d for the first,
 * 1a for the second, when those slots are free. */
static int
dxPCIReserveQ35USB2(dxPCIAddressSet *set, dxControllerDef *cont)
{
    dxPCIAddress addr = { 0 };

    /* Only a UHCI1 companion claims the slot (its EHCI master and the
     * other companions join it later); a lone EHCI is an ordinary PCI
     * device.  Sets take 1d, then 1a, whatever their index. */
    if (cont->model != DX_CONTROLLER_MODEL_USB_ICH9_UHCI1 ||
        cont->info.type != DX_ADDRESS_TYPE_NONE)
        return 0;
    set->loc = &cont->info.loc;
    addr.slot = 0x1d;
    if (dxPCIAddressSlotInUse(set, &addr)) {
        addr.slot = 0x1a;
        if (dxPCIAddressSlotInUse(set, &addr))
            return 0;
    }
    addr.multi = DX_TRISTATE_SWITCH_ON;
    if (dxPCIAddressReserveAddr(set, &addr, DX_PCI_CONNECT_TYPE_PCIE_DEVICE) < 0)
        return -1;
    cont->info.type = DX_ADDRESS_TYPE_PCI;
    cont->info.addr.pci = addr;
    return 0;
}

static int
dxPCIReserveQ35DMIBridge(dxPCIAddressSet *set, dxControllerDef *cont)
{
    dxPCIAddress addr = { 0 };

    if (cont->model != DX_CONTROLLER_MODEL_DMI_TO_PCI_BRIDGE ||
        (cont->info.type != DX_ADDRESS_TYPE_NONE && !dxDeviceInfoWantsPCIAddress(&cont->info)))
        return 0;
    /* 1e is where real hardware has it; elsewhere is fine too */
    addr.slot = 0x1e;
    set->loc = &cont->info.loc;
    if (dxPCIAddressSlotInUse(set, &addr))
        return 0;
    if (dxPCIAddressReserveAddr(set, &addr, DX_PCI_CONNECT_TYPE_DMI_TO_PCI_BRIDGE) < 0)
        return -1;
    cont->info.type = DX_ADDRESS_TYPE_PCI;
    cont->info.addr.pci = addr;
    return 0;
}

static int
dxPCIReserveQ35(dxPCIAddressSet *set, dxDomainDef *def)
{
    unsigned int flags = DX_PCI_CONNECT_TYPE_PCIE_DEVICE;
    dxPCIAddress lpc = { 0 };
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        dxControllerDef *cont = def->controllers[i];
        int rc = 0;
        if (cont->type == DX_CONTROLLER_TYPE_SATA && cont->idx == 0)
            rc = dxPCIFixedControllerAddress(cont, 0x1f, 2, "Primary SATA controller");
        else if (cont->type == DX_CONTROLLER_TYPE_USB)
            rc = dxPCIReserveQ35USB2(set, cont);
        else if (cont->type == DX_CONTROLLER_TYPE_PCI)
            rc = dxPCIReserveQ35DMIBridge(set, cont);
        if (rc < 0)
            return -1;
    }
    /* ICH9: LPC/ISA bridge at 1f.0, SMBus at 1f.3 (SATA is 1f.2) */
    set->loc = &def->loc;
    if (set->nbuses) {
        lpc.slot = 0x1f;
        if (dxPCIAddressReserveAddr(set, &lpc, flags) < 0)
            return -1;
        lpc.function = 3;
        if (dxPCIAddressReserveAddr(set, &lpc, flags) < 0)
            return -1;
    }
    return dxPCIReservePrimaryVideo(set, def, 1, flags);
}

static int
dxPCIReserveChipset(dxPCIAddressSet *set, dxDomainDef *def)
{
    switch (dxQemuMachineFamilyOf(def->os.machine)) {
    case DX_QEMU_MACHINE_I440FX:
        return dxPCIReserveI440FX(set, def);
    case DX_QEMU_MACHINE_Q35:
        return dxPCIReserveQ35(set, def);
    case DX_QEMU_MACHINE_ISAPC:
    case DX_QEMU_MACHINE_MICROVM:
    case DX_QEMU_MACHINE_OTHER:
        break;
    }
    return 0;
}

/* ---- placing the devices ------------------------------------------------------------- */

static bool
dxPCIWanted(const dxDeviceInfo *info)
{
    return info->type == DX_ADDRESS_TYPE_NONE || dxDeviceInfoWantsPCIAddress(info);
}

typedef struct {
    dxPCIAddressSet *set;
    const dxQemuPCIAssignStep *step;
} dxPCIAssignData;

static int
dxPCIAssignCallback(dxDomainDef *def, dxDeviceRef dev, dxDeviceInfo *info, void *opaque)
{
    dxPCIAssignData *data = opaque;
    unsigned int flags;

    if (!dxPCIWanted(info) || !(flags = data->step->connect(def, dev)))
        return 0;
    data->set->loc = &info->loc;
    if (data->step->place)
        return data->step->place(data->set, def, dev, info, flags) < 0 ? -1 : 0;
    return dxPCIAddressReserveNextAddr(data->set, info, flags, -1) < 0 ? -1 : 0;
}

static int
dxPCIAssignDevices(dxPCIAddressSet *set, dxDomainDef *def)
{
    size_t i;
    for (i = 0; dxQemuPCIAssignOrder[i].connect; i++) {
        dxPCIAssignData data = { set, &dxQemuPCIAssignOrder[i] };
        if (dxQemuForEachDeviceOfType(def, dxQemuPCIAssignOrder[i].type,
                                      dxPCIAssignCallback, &data) < 0)
            return -1;
    }
    return 0;
}

/* The function each member of an ICH9 USB2 set has in the set's slot. */
static int
dxPCIUSB2Function(const dxControllerDef *cont, dxTristateSwitch *multi)
{
    *multi = DX_TRISTATE_SWITCH_ABSENT;
    switch (cont->model) {
    case DX_CONTROLLER_MODEL_USB_ICH9_EHCI1:
        return 7;
    case DX_CONTROLLER_MODEL_USB_ICH9_UHCI1:
        *multi = DX_TRISTATE_SWITCH_ON;
        return 0;
    case DX_CONTROLLER_MODEL_USB_ICH9_UHCI2:
        return 1;
    default:
        return 2;
    }
}

int
dxQemuPCIPlaceController(dxPCIAddressSet *set, dxDomainDef *def, dxDeviceRef dev,
                         dxDeviceInfo *info, unsigned int flags)
{
    dxControllerDef *cont = dev.ptr;
    dxTristateSwitch multi;
    dxPCIAddress addr;
    int function;
    size_t i;

    if (!dxControllerIsUSB2(cont))
        return dxPCIAddressReserveNextAddr(set, info, flags, -1);
    function = dxPCIUSB2Function(cont, &multi);
    for (i = 0; i < def->ncontrollers; i++) {
        const dxControllerDef *other = def->controllers[i];
        if (!dxControllerIsUSB2(other) || other->idx != cont->idx ||
            !dxDeviceInfoHasPCIAddress(&other->info))
            continue;
        /* the set already has a slot: take this member's function of it */
        addr = other->info.addr.pci;
        addr.function = function;
        addr.multi = multi;
        if (dxPCIAddressReserveAddr(set, &addr, flags) < 0)
            return -1;
        if (!set->dryRun) {
            info->type = DX_ADDRESS_TYPE_PCI;
            info->addr.pci = addr;
        }
        return 0;
    }
    if (dxPCIAddressReserveNextAddr(set, info, flags, function) < 0)
        return -1;
    if (!set->dryRun)
        info->addr.pci.multi = multi;
    return 0;
}

/* ---- first pass ------------------------------------------------------------------------- */

static bool
dxPCIBusFullyReserved(const dxPCIBus *bus)
{
    unsigned int s;
    for (s = bus->minSlot; s <= bus->maxSlot; s++) {
        if (!bus->slots[s].functions)
            return false;
    }
    return true;
}

static bool
dxQemuDomainHasPCIRoot(const dxDomainDef *def)
{
    const dxControllerDef *root = dxDomainControllerGet(def, DX_CONTROLLER_TYPE_PCI, 0);
    return root && root->model == DX_CONTROLLER_MODEL_PCI_ROOT;
}

/* With a pci-root, one conventional slot is kept free in the count, so
 * that a pci-bridge can still be plugged in when bus 0 fills up. */
static int
dxPCIReserveExpansionSlot(dxPCIAddressSet *set, const dxDomainDef *def)
{
    size_t i;
    if (!dxQemuDomainHasPCIRoot(def))
        return 0;
    set->loc = &def->loc;
    for (i = 0; i < set->nbuses; i++) {
        if (!dxPCIBusFullyReserved(&set->buses[i]))
            return dxPCIAddressReserveNextAddr(set, NULL, dxQemuPCIConnectPCI(), -1);
    }
    return 0;
}

/* Count the buses the devices need and add the missing controllers;
 * returns the number of buses, or -1. */
static long
dxPCIDryRun(dxDomainDef *def, size_t nbuses, int maxIdx)
{
    dxPCIAddressSet *set = dxPCIAddressSetNew(def, nbuses, true);
    size_t i;
    long rc = -1;

    if (!set)
        return -1;
    if (dxPCIReserveChipset(set, def) < 0 ||
        dxPCIReserveExpansionSlot(set, def) < 0 ||
        dxPCIAssignDevices(set, def) < 0)
        goto cleanup;
    /* a machine that had only pcie-root gets one empty root port more,
     * so that one PCIe device can be hot-plugged */
    set->loc = &def->loc;
    if (maxIdx <= 0 && set->nbuses > (size_t)maxIdx + 1 && dxQemuDomainHasPCIeRoot(def) &&
        dxPCIAddressReserveNextAddr(set, NULL, DX_PCI_CONNECT_TYPE_PCIE_DEVICE |
                                    DX_PCI_CONNECT_HOTPLUGGABLE, -1) < 0)
        goto cleanup;
    for (i = 1; i < set->nbuses; i++) {
        dxControllerDef *added = dxDomainDefMaybeAddController(def, DX_CONTROLLER_TYPE_PCI,
                                                               (int)i, set->buses[i].model);
        /* a new pci-bridge needs a slot itself: when the buses counted are
         * full to the last slot, there is none and no bus can be added for
         * it (libvirt refuses such a domain the same way) */
        if (added && added->model == DX_CONTROLLER_MODEL_PCI_BRIDGE &&
            dxPCIAddressReserveNextAddr(set, NULL, DX_PCI_CONNECT_TYPE_PCI_BRIDGE, -1) < 0)
            goto cleanup;
    }
    rc = (long)set->nbuses;
 cleanup:
    dxPCIAddressSetFree(set);
    return rc;
}

/* ---- PCI controller defaults ------------------------------------------------------------- */

static dxControllerPCIModelName
dxPCIDefaultModelName(int model)
{
    switch ((dxControllerModelPCI)model) {
    case DX_CONTROLLER_MODEL_PCI_BRIDGE:
        return DX_CONTROLLER_PCI_MODEL_NAME_PCI_BRIDGE;
    case DX_CONTROLLER_MODEL_DMI_TO_PCI_BRIDGE:
        return DX_CONTROLLER_PCI_MODEL_NAME_I82801B11_BRIDGE;
    case DX_CONTROLLER_MODEL_PCIE_ROOT_PORT:
        return DX_CONTROLLER_PCI_MODEL_NAME_PCIE_ROOT_PORT;
    case DX_CONTROLLER_MODEL_PCIE_SWITCH_UPSTREAM_PORT:
        return DX_CONTROLLER_PCI_MODEL_NAME_X3130_UPSTREAM;
    case DX_CONTROLLER_MODEL_PCIE_SWITCH_DOWNSTREAM_PORT:
        return DX_CONTROLLER_PCI_MODEL_NAME_XIO3130_DOWNSTREAM;
    case DX_CONTROLLER_MODEL_PCI_EXPANDER_BUS:
        return DX_CONTROLLER_PCI_MODEL_NAME_PXB;
    case DX_CONTROLLER_MODEL_PCIE_EXPANDER_BUS:
        return DX_CONTROLLER_PCI_MODEL_NAME_PXB_PCIE;
    case DX_CONTROLLER_MODEL_PCIE_TO_PCI_BRIDGE:
        return DX_CONTROLLER_PCI_MODEL_NAME_PCIE_PCI_BRIDGE;
    case DX_CONTROLLER_MODEL_PCI_DEFAULT:
    case DX_CONTROLLER_MODEL_PCI_ROOT:
    case DX_CONTROLLER_MODEL_PCIE_ROOT:
    case DX_CONTROLLER_MODEL_PCI_LAST:
        break;
    }
    return DX_CONTROLLER_PCI_MODEL_NAME_NONE;
}

/* A bus number for a new expander bus: two below the lowest one used,
 * counting down from 254 (each pxb also uses a number for its bridge). */
static int
dxPCINewBusNr(const dxDomainDef *def)
{
    int lowest = 256;
    size_t i;
    for (i = 0; i < def->ncontrollers; i++) {
        const dxControllerDef *cont = def->controllers[i];
        if (cont->type == DX_CONTROLLER_TYPE_PCI && cont->pci.busNr >= 0 &&
            cont->pci.busNr < lowest)
            lowest = cont->pci.busNr;
    }
    return lowest <= 2 ? -1 : lowest - 2;
}

static int
dxPCIControllerDefaults(dxDomainDef *def, dxControllerDef *cont)
{
    const dxPCIAddress *addr = &cont->info.addr.pci;

    if (!cont->pci.modelName)
        cont->pci.modelName = dxPCIDefaultModelName(cont->model);
    switch ((dxControllerModelPCI)cont->model) {
    case DX_CONTROLLER_MODEL_PCI_BRIDGE:
        if (cont->pci.chassisNr == -1)
            cont->pci.chassisNr = cont->idx;
        break;
    case DX_CONTROLLER_MODEL_PCIE_ROOT_PORT:
        if (cont->pci.chassis == -1)
            cont->pci.chassis = cont->idx;
        if (cont->pci.port == -1)
            cont->pci.port = (int)((addr->slot << 3) + addr->function);
        break;
    case DX_CONTROLLER_MODEL_PCIE_SWITCH_DOWNSTREAM_PORT:
        if (cont->pci.chassis == -1)
            cont->pci.chassis = cont->idx;
        if (cont->pci.port == -1)
            cont->pci.port = (int)addr->slot;
        break;
    case DX_CONTROLLER_MODEL_PCI_EXPANDER_BUS:
    case DX_CONTROLLER_MODEL_PCIE_EXPANDER_BUS:
        if (cont->pci.busNr == -1 && (cont->pci.busNr = dxPCINewBusNr(def)) == -1) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &cont->info.loc,
                             "No free busNr lower than current lowest busNr is available "
                             "to auto-assign to bus %d. Must be manually assigned",
                             cont->idx);
            return -1;
        }
        break;
    default:
        break;
    }
    /* libvirt checks this for pci-bridges only: other controllers may sit
     * on a bus with a higher number than their own index */
    if (cont->model == DX_CONTROLLER_MODEL_PCI_BRIDGE && cont->info.type == DX_ADDRESS_TYPE_PCI &&
        cont->idx <= (int)addr->bus) {
        dxErrorReportLoc(DX_ERR_INVALID, &cont->info.loc,
                         "PCI controller at index %d (0x%02x) has bus='0x%02x', but index "
                         "must be larger than bus", cont->idx, cont->idx, addr->bus);
        return -1;
    }
    return 0;
}

/* ---- multifunction ------------------------------------------------------------------------- */

/* Function 0 of a slot with other functions in use is multifunction.  The
 * slots with a non-zero function in use are collected first and looked up
 * by binary search, so that N multifunction devices cost N log N, not a
 * walk over every device for each of them. */
typedef struct {
    unsigned long long *keys;   /* sorted, unique: domain, bus, slot */
    bool *done;                 /* one function 0 marked per slot, as before */
    size_t nkeys;
} dxPCIMultiSlots;

static unsigned long long
dxPCISlotKey(const dxPCIAddress *a)
{
    return ((unsigned long long)a->domain << 40) | ((unsigned long long)a->bus << 20) | a->slot;
}

static int
dxPCIMultiCollectCallback(dxDomainDef *def, dxDeviceRef dev, dxDeviceInfo *info, void *opaque)
{
    dxPCIMultiSlots *slots = opaque;
    (void)def;
    (void)dev;
    if (info->type == DX_ADDRESS_TYPE_PCI && info->addr.pci.function != 0) {
        unsigned long long key = dxPCISlotKey(&info->addr.pci);
        DX_APPEND(slots->keys, slots->nkeys, key);
    }
    return 0;
}

static int
dxPCIKeyCompare(const void *a, const void *b)
{
    unsigned long long x = *(const unsigned long long *)a, y = *(const unsigned long long *)b;
    return x < y ? -1 : x > y;
}

static int
dxPCISetMultiCallback(dxDomainDef *def, dxDeviceRef dev, dxDeviceInfo *info, void *opaque)
{
    dxPCIMultiSlots *slots = opaque;
    dxPCIAddress *a = &info->addr.pci;
    unsigned long long key, *found;
    (void)def;
    (void)dev;
    if (info->type != DX_ADDRESS_TYPE_PCI || a->function != 0)
        return 0;
    key = dxPCISlotKey(a);
    if (!(found = bsearch(&key, slots->keys, slots->nkeys, sizeof(key), dxPCIKeyCompare)) ||
        slots->done[found - slots->keys])
        return 0;
    slots->done[found - slots->keys] = true;
    /* an explicit multifunction='off' stays: the user knows better */
    if (a->multi == DX_TRISTATE_SWITCH_ABSENT)
        a->multi = DX_TRISTATE_SWITCH_ON;
    return 0;
}

static void
dxPCISetMultifunction(dxDomainDef *def)
{
    dxPCIMultiSlots slots = { NULL, NULL, 0 };
    size_t i, n = 0;

    dxDomainDeviceInfoIterate(def, dxPCIMultiCollectCallback, &slots);
    if (!slots.nkeys)
        return;
    qsort(slots.keys, slots.nkeys, sizeof(*slots.keys), dxPCIKeyCompare);
    for (i = 0; i < slots.nkeys; i++) {
        if (n == 0 || slots.keys[n - 1] != slots.keys[i])
            slots.keys[n++] = slots.keys[i];
    }
    slots.nkeys = n;
    slots.done = dxNewN(bool, n);
    dxDomainDeviceInfoIterate(def, dxPCISetMultiCallback, &slots);
    free(slots.keys);
    free(slots.done);
}

/* ---- entry ------------------------------------------------------------------------------------ */

static int
dxPCIFinalPass(dxDomainDef *def, size_t nbuses)
{
    dxPCIAddressSet *set = dxPCIAddressSetNew(def, nbuses, false);
    size_t i;
    int rc = -1;

    if (!set)
        return -1;
    if (dxPCIReserveChipset(set, def) < 0 || dxPCIAssignDevices(set, def) < 0)
        goto cleanup;
    for (i = 0; i < def->ncontrollers; i++) {
        if (def->controllers[i]->type == DX_CONTROLLER_TYPE_PCI &&
            dxPCIControllerDefaults(def, def->controllers[i]) < 0)
            goto cleanup;
    }
    rc = 0;
 cleanup:
    dxPCIAddressSetFree(set);
    return rc;
}

int
dxQemuAssignPCIAddresses(dxDomainDef *def)
{
    int maxIdx = dxDomainControllerMaxIndex(def, DX_CONTROLLER_TYPE_PCI);
    long nbuses = maxIdx + 1;

    if (nbuses > 0 && (nbuses = dxPCIDryRun(def, (size_t)nbuses, maxIdx)) < 0)
        return -1;
    if (dxPCIFinalPass(def, (size_t)nbuses) < 0)
        return -1;
    dxPCISetMultifunction(def);
    return 0;
}
