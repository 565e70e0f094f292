/* qemu_address_usb.c: virtio-serial ports, USB ports, and the -device
 * properties that place a device on its bus. */
#include "qemu_address_priv.h"
#include "conf/controller_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"

#include <stdlib.h>
#include <string.h>

/* ---- virtio-serial ----------------------------------------------------------- */

#define DX_VIRTIO_SERIAL_DEFAULT_PORTS 31

typedef struct {
    int idx;                          /* controller index */
    unsigned int nports;
    bool *used;
} dxVioSerialController;

typedef struct {
    dxVioSerialController *conts;
    size_t nconts;
} dxVioSerialSet;

static void
dxVioSerialSetClear(dxVioSerialSet *set)
{
    size_t i;
    for (i = 0; i < set->nconts; i++)
        free(set->conts[i].used);
    free(set->conts);
}

static void
dxVioSerialSetAdd(dxVioSerialSet *set, const dxControllerDef *cont)
{
    dxVioSerialController c;
    c.idx = cont->idx;
    c.nports = cont->ports >= 0 ? (unsigned int)cont->ports : DX_VIRTIO_SERIAL_DEFAULT_PORTS;
    c.used = dxNewN(bool, c.nports + 1);
    DX_APPEND(set->conts, set->nconts, c);
}

static dxVioSerialController *
dxVioSerialSetFind(dxVioSerialSet *set, unsigned int idx)
{
    size_t i;
    for (i = 0; i < set->nconts; i++) {
        if (set->conts[i].idx == (int)idx)
            return &set->conts[i];
    }
    return NULL;
}

static dxQemuVirtioSerialKind
dxQemuVirtioSerialKindOf(const dxDomainDef *def, dxDeviceRef dev)
{
    size_t i;
    for (i = 0; dxQemuVirtioSerialAssignOrder[i].kind; i++) {
        dxQemuVirtioSerialKind kind;
        if (dxQemuVirtioSerialAssignOrder[i].type != dev.type)
            continue;
        if ((kind = dxQemuVirtioSerialAssignOrder[i].kind(def, dev)))
            return kind;
    }
    return DX_QEMU_VIRTIO_SERIAL_NONE;
}

static int
dxVioSerialReserveCallback(dxDomainDef *def, dxDeviceRef dev, dxDeviceInfo *info, void *opaque)
{
    dxVioSerialSet *set = opaque;
    const dxVirtioSerialAddress *a = &info->addr.vioserial;
    dxVioSerialController *cont;

    (void)def;
    (void)dev;
    if (info->type != DX_ADDRESS_TYPE_VIRTIO_SERIAL || a->port == 0)
        return 0;
    if (!(cont = dxVioSerialSetFind(set, a->controller))) {
        dxErrorReportLoc(DX_ERR_INVALID, &info->loc,
                         "virtio serial controller %u is missing", a->controller);
        return -1;
    }
    if (a->port >= cont->nports) {
        dxErrorReportLoc(DX_ERR_INVALID, &info->loc,
                         "virtio serial controller %u does not have port %u",
                         a->controller, a->port);
        return -1;
    }
    if (cont->used[a->port]) {
        dxErrorReportLoc(DX_ERR_INVALID, &info->loc,
                         "virtio serial port %u on controller %u is already occupied",
                         a->port, a->controller);
        return -1;
    }
    cont->used[a->port] = true;
    return 0;
}

static int
dxVioSerialFreePort(const dxVioSerialController *cont, bool allowZero)
{
    unsigned int p;
    for (p = allowZero ? 0 : 1; p < cont->nports; p++) {
        if (!cont->used[p])
            return (int)p;
    }
    return -1;
}

/* A free port on any controller, or port 1 (0) of a new controller. */
static int
dxVioSerialNext(dxDomainDef *def, dxVioSerialSet *set, dxDeviceInfo *info, bool allowZero)
{
    dxVirtioSerialAddress *a = &info->addr.vioserial;
    dxControllerDef *cont;
    size_t i;
    int port, idx = 0;

    for (i = 0; i < set->nconts; i++) {
        if ((port = dxVioSerialFreePort(&set->conts[i], allowZero)) >= 0) {
            a->controller = (unsigned int)set->conts[i].idx;
            a->bus = 0;
            a->port = (unsigned int)port;
            return 0;
        }
    }
    while (dxDomainControllerFind(def, DX_CONTROLLER_TYPE_VIRTIO_SERIAL, idx) >= 0)
        idx++;
    cont = dxDomainDefAddController(def, DX_CONTROLLER_TYPE_VIRTIO_SERIAL, idx, 0);
    dxVioSerialSetAdd(set, cont);
    a->controller = (unsigned int)idx;
    a->bus = 0;
    a->port = allowZero ? 0 : 1;
    return 0;
}

static int
dxVioSerialAssignCallback(dxDomainDef *def, dxDeviceRef dev, dxDeviceInfo *info, void *opaque)
{
    dxVioSerialSet *set = opaque;
    dxQemuVirtioSerialKind kind = dxQemuVirtioSerialKindOf(def, dev);
    bool allowZero = kind == DX_QEMU_VIRTIO_SERIAL_PORT0;
    dxVioSerialController *cont;
    int port;

    if (kind == DX_QEMU_VIRTIO_SERIAL_NONE)
        return 0;
    if (info->type == DX_ADDRESS_TYPE_VIRTIO_SERIAL && info->addr.vioserial.port != 0)
        return 0;
    if (info->type == DX_ADDRESS_TYPE_VIRTIO_SERIAL) {
        /* the controller was chosen: only the port is missing */
        if (!(cont = dxVioSerialSetFind(set, info->addr.vioserial.controller)) ||
            (port = dxVioSerialFreePort(cont, false)) < 0) {
            dxErrorReportLoc(DX_ERR_INVALID, &info->loc,
                             "Unable to find a free port on virtio-serial controller %u",
                             info->addr.vioserial.controller);
            return -1;
        }
        info->addr.vioserial.port = (unsigned int)port;
    } else {
        memset(&info->addr.vioserial, 0, sizeof(info->addr.vioserial));
        if (dxVioSerialNext(def, set, info, allowZero) < 0)
            return -1;
        info->type = DX_ADDRESS_TYPE_VIRTIO_SERIAL;
    }
    cont = dxVioSerialSetFind(set, info->addr.vioserial.controller);
    cont->used[info->addr.vioserial.port] = true;
    return 0;
}

int
dxQemuAssignVirtioSerialAddresses(dxDomainDef *def)
{
    dxVioSerialSet set = { NULL, 0 };
    size_t i;
    int rc = -1;

    for (i = 0; i < def->ncontrollers; i++) {
        if (def->controllers[i]->type == DX_CONTROLLER_TYPE_VIRTIO_SERIAL)
            dxVioSerialSetAdd(&set, def->controllers[i]);
    }
    if (dxDomainDeviceInfoIterate(def, dxVioSerialReserveCallback, &set) < 0)
        goto cleanup;
    for (i = 0; dxQemuVirtioSerialAssignOrder[i].kind; i++) {
        if (dxQemuForEachDeviceOfType(def, dxQemuVirtioSerialAssignOrder[i].type,
                                      dxVioSerialAssignCallback, &set) < 0)
            goto cleanup;
    }
    rc = 0;
 cleanup:
    dxVioSerialSetClear(&set);
    return rc;
}

/* ---- USB ------------------------------------------------------------------------ */

#define DX_USB_HUB_PORTS 8

typedef struct _dxUSBHub dxUSBHub;
struct _dxUSBHub {
    unsigned int nports;
    bool *used;
    dxUSBHub **hubs;                  /* the hub plugged into port i, if any */
};

typedef struct {
    dxUSBHub **buses;                 /* by controller index; NULL = none */
    size_t nbuses;
} dxUSBSet;

static dxUSBHub *
dxUSBHubNew(unsigned int nports)
{
    dxUSBHub *hub = dxNew(dxUSBHub);
    hub->nports = nports;
    hub->used = dxNewN(bool, nports);
    hub->hubs = dxNewN(dxUSBHub *, nports);
    return hub;
}

static void
dxUSBHubFree(dxUSBHub *hub)
{
    unsigned int i;
    if (!hub)
        return;
    for (i = 0; i < hub->nports; i++)
        dxUSBHubFree(hub->hubs[i]);
    free(hub->used);
    free(hub->hubs);
    free(hub);
}

static void
dxUSBSetClear(dxUSBSet *set)
{
    size_t i;
    for (i = 0; i < set->nbuses; i++)
        dxUSBHubFree(set->buses[i]);
    free(set->buses);
}

/* Ports of a USB controller (ICH9 UHCI companions count as part of their
 * EHCI, which has them all). */
static unsigned int
dxUSBControllerPorts(const dxControllerDef *cont)
{
    switch ((dxControllerModelUSB)cont->model) {
    case DX_CONTROLLER_MODEL_USB_DEFAULT:
    case DX_CONTROLLER_MODEL_USB_PIIX3_UHCI:
    case DX_CONTROLLER_MODEL_USB_PIIX4_UHCI:
    case DX_CONTROLLER_MODEL_USB_VT82C686B_UHCI:
        return 2;
    case DX_CONTROLLER_MODEL_USB_EHCI:
    case DX_CONTROLLER_MODEL_USB_ICH9_EHCI1:
        return 6;
    case DX_CONTROLLER_MODEL_USB_PCI_OHCI:
        return 3;
    case DX_CONTROLLER_MODEL_USB_NEC_XHCI:
    case DX_CONTROLLER_MODEL_USB_QEMU_XHCI:
        return cont->ports >= 0 ? (unsigned int)cont->ports : 4;
    case DX_CONTROLLER_MODEL_USB_ICH9_UHCI1:
    case DX_CONTROLLER_MODEL_USB_ICH9_UHCI2:
    case DX_CONTROLLER_MODEL_USB_ICH9_UHCI3:
    case DX_CONTROLLER_MODEL_USB_QUSB1:
    case DX_CONTROLLER_MODEL_USB_QUSB2:
    case DX_CONTROLLER_MODEL_USB_NONE:
    case DX_CONTROLLER_MODEL_USB_LAST:
        break;
    }
    return 0;
}

static dxQemuUSBKind
dxQemuUSBKindOf(const dxDomainDef *def, dxDeviceRef dev)
{
    size_t i;
    for (i = 0; dxQemuUSBAssignOrder[i].kind; i++) {
        dxQemuUSBKind kind;
        if (dxQemuUSBAssignOrder[i].type != dev.type)
            continue;
        if ((kind = dxQemuUSBAssignOrder[i].kind(def, dev)))
            return kind;
    }
    return DX_QEMU_USB_NONE;
}

/* Visit the USB devices in libvirt's order; HUBS: visit hubs, others, or
 * both (-1). */
typedef struct {
    int hubs;
    int (*fn)(dxDomainDef *def, dxUSBSet *set, dxDeviceInfo *info, dxQemuUSBKind kind,
              void *opaque);
    dxUSBSet *set;
    void *opaque;
} dxUSBWalk;

static int
dxUSBWalkCallback(dxDomainDef *def, dxDeviceRef dev, dxDeviceInfo *info, void *opaque)
{
    dxUSBWalk *walk = opaque;
    dxQemuUSBKind kind = dxQemuUSBKindOf(def, dev);

    if (kind == DX_QEMU_USB_NONE ||
        (walk->hubs == 0 && kind == DX_QEMU_USB_HUB) ||
        (walk->hubs == 1 && kind != DX_QEMU_USB_HUB))
        return 0;
    return walk->fn(def, walk->set, info, kind, walk->opaque) < 0 ? -1 : 0;
}

static int
dxUSBForEach(dxDomainDef *def, dxUSBSet *set, int hubs,
             int (*fn)(dxDomainDef *, dxUSBSet *, dxDeviceInfo *, dxQemuUSBKind, void *),
             void *opaque)
{
    dxUSBWalk walk = { hubs, fn, set, opaque };
    size_t i;

    for (i = 0; dxQemuUSBAssignOrder[i].kind; i++) {
        if (dxQemuForEachDeviceOfType(def, dxQemuUSBAssignOrder[i].type,
                                      dxUSBWalkCallback, &walk) < 0)
            return -1;
    }
    return 0;
}

static bool
dxUSBHasPort(const dxDeviceInfo *info)
{
    return info->type == DX_ADDRESS_TYPE_USB && dxUSBPortIsSet(info->addr.usb.port);
}

/* The hub that holds the last element of INFO's port path; *PORT gets
 * that element (0-based). */
static dxUSBHub *
dxUSBFindPort(dxUSBSet *set, const dxDeviceInfo *info, unsigned int *port)
{
    const dxUSBAddress *a = &info->addr.usb;
    char *portStr = dxUSBPortFormat(a->port);
    dxUSBHub *hub = NULL;
    size_t depth, i;

    for (depth = 0; depth < DX_USB_MAX_PORT_DEPTH && a->port[depth]; depth++)
        ;
    if (a->bus >= set->nbuses || !set->buses[a->bus]) {
        dxErrorReportLoc(DX_ERR_INVALID, &info->loc, "Missing USB bus %u", a->bus);
        goto cleanup;
    }
    hub = set->buses[a->bus];
    for (i = 0; i + 1 < depth; i++) {
        unsigned int p = a->port[i] - 1;
        if (p >= hub->nports) {
            dxErrorReportLoc(DX_ERR_INVALID, &info->loc,
                             "port %u out of range in USB address bus: %u port: %s",
                             a->port[i], a->bus, portStr);
            hub = NULL;
            goto cleanup;
        }
        if (!(hub = hub->hubs[p])) {
            dxErrorReportLoc(DX_ERR_INVALID, &info->loc,
                             "there is no hub at port %u in USB address bus: %u port: %s",
                             a->port[i], a->bus, portStr);
            goto cleanup;
        }
    }
    *port = a->port[depth - 1] - 1;
    if (*port >= hub->nports) {
        dxErrorReportLoc(DX_ERR_INVALID, &info->loc,
                         "requested USB port %s not present on USB bus %u", portStr, a->bus);
        hub = NULL;
    }
 cleanup:
    free(portStr);
    return hub;
}

static int
dxUSBReserve(dxUSBSet *set, const dxDeviceInfo *info, bool isHub)
{
    unsigned int port;
    dxUSBHub *hub = dxUSBFindPort(set, info, &port);

    if (!hub)
        return -1;
    if (hub->used[port]) {
        char *portStr = dxUSBPortFormat(info->addr.usb.port);
        dxErrorReportLoc(DX_ERR_INVALID, &info->loc, "Duplicate USB address bus %u port %s",
                         info->addr.usb.bus, portStr);
        free(portStr);
        return -1;
    }
    hub->used[port] = true;
    if (isHub)
        hub->hubs[port] = dxUSBHubNew(DX_USB_HUB_PORTS);
    return 0;
}

/* First free port of HUB, else (depth first) of the hubs plugged in it. */
static bool
dxUSBFindFreePort(const dxUSBHub *hub, unsigned int path[DX_USB_MAX_PORT_DEPTH],
                  unsigned int level)
{
    unsigned int i;

    for (i = 0; i < hub->nports; i++) {
        if (!hub->used[i]) {
            path[level] = i + 1;
            return true;
        }
    }
    if (level >= DX_USB_MAX_PORT_DEPTH - 1)
        return false;
    for (i = 0; i < hub->nports; i++) {
        if (!hub->hubs[i])
            continue;
        path[level] = i + 1;
        if (dxUSBFindFreePort(hub->hubs[i], path, level + 1))
            return true;
    }
    path[level] = 0;
    return false;
}

static int
dxUSBAssign(dxUSBSet *set, dxDeviceInfo *info, bool isHub)
{
    unsigned int path[DX_USB_MAX_PORT_DEPTH] = { 0 };
    size_t bus = 0;

    if (info->type == DX_ADDRESS_TYPE_USB) {
        bus = info->addr.usb.bus;
        if (bus >= set->nbuses || !set->buses[bus]) {
            dxErrorReportLoc(DX_ERR_INVALID, &info->loc,
                             "USB bus %zu requested but no controller with that index "
                             "is present", bus);
            return -1;
        }
        if (!dxUSBFindFreePort(set->buses[bus], path, 0)) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &info->loc, "No free USB ports on bus %zu", bus);
            return -1;
        }
    } else {
        for (bus = 0; bus < set->nbuses; bus++) {
            if (set->buses[bus] && dxUSBFindFreePort(set->buses[bus], path, 0))
                break;
        }
        if (bus == set->nbuses) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &info->loc, "No free USB ports");
            return -1;
        }
    }
    info->type = DX_ADDRESS_TYPE_USB;
    memset(&info->addr.usb, 0, sizeof(info->addr.usb));
    info->addr.usb.bus = (unsigned int)bus;
    memcpy(info->addr.usb.port, path, sizeof(path));
    return dxUSBReserve(set, info, isHub);
}

static int
dxUSBCountCallback(dxDomainDef *def, dxUSBSet *set, dxDeviceInfo *info, dxQemuUSBKind kind,
                   void *opaque)
{
    size_t *count = opaque;
    (void)def;
    (void)set;
    (void)kind;
    if (info->type == DX_ADDRESS_TYPE_NONE || info->type == DX_ADDRESS_TYPE_USB)
        (*count)++;
    return 0;
}

static int
dxUSBReserveExplicitCallback(dxDomainDef *def, dxUSBSet *set, dxDeviceInfo *info,
                             dxQemuUSBKind kind, void *opaque)
{
    (void)def;
    (void)opaque;
    if (!dxUSBHasPort(info))
        return 0;
    return dxUSBReserve(set, info, kind == DX_QEMU_USB_HUB);
}

static int
dxUSBAssignCallback(dxDomainDef *def, dxUSBSet *set, dxDeviceInfo *info, dxQemuUSBKind kind,
                    void *opaque)
{
    (void)def;
    (void)opaque;
    if (info->type != DX_ADDRESS_TYPE_NONE && info->type != DX_ADDRESS_TYPE_USB)
        return 0;
    if (dxUSBHasPort(info))
        return 0;
    return dxUSBAssign(set, info, kind == DX_QEMU_USB_HUB);
}

/* One bus per USB controller that has ports. */
static int
dxUSBSetAddControllers(dxUSBSet *set, const dxDomainDef *def, size_t *nports)
{
    size_t i;

    *nports = 0;
    for (i = 0; i < def->ncontrollers; i++) {
        const dxControllerDef *cont = def->controllers[i];
        unsigned int ports;
        if (cont->type != DX_CONTROLLER_TYPE_USB || !(ports = dxUSBControllerPorts(cont)))
            continue;
        if ((size_t)cont->idx >= set->nbuses) {
            set->buses = dxReallocArray(set->buses, cont->idx + 1, sizeof(*set->buses));
            memset(set->buses + set->nbuses, 0,
                   (cont->idx + 1 - set->nbuses) * sizeof(*set->buses));
            set->nbuses = cont->idx + 1;
        } else if (set->buses[cont->idx]) {
            dxErrorReportLoc(DX_ERR_INVALID, &cont->info.loc,
                             "Duplicate USB controllers with index %d", cont->idx);
            return -1;
        }
        set->buses[cont->idx] = dxUSBHubNew(ports);
        *nports += ports;
    }
    return 0;
}

static int
dxUSBCountHubsCallback(dxDomainDef *def, dxUSBSet *set, dxDeviceInfo *info, dxQemuUSBKind kind,
                       void *opaque)
{
    size_t *count = opaque;
    (void)def;
    (void)set;
    (void)info;
    (void)kind;
    (*count)++;
    return 0;
}

/* More USB devices than ports: libvirt adds hubs (8 ports, one used to
 * plug the hub itself).  The ports of the hubs already there count as
 * available, as in libvirt: otherwise every start would add another hub. */
static int
dxUSBAddHubs(dxDomainDef *def, dxUSBSet *set, size_t available)
{
    size_t count = 0, needed = 0, hubs = 0, i;

    if (dxUSBForEach(def, set, -1, dxUSBCountCallback, &count) < 0 ||
        dxUSBForEach(def, set, 1, dxUSBCountHubsCallback, &hubs) < 0)
        return -1;
    available += hubs * DX_USB_HUB_PORTS;
    if (count > available)
        needed = (count - available + 1 + DX_USB_HUB_PORTS - 2) / (DX_USB_HUB_PORTS - 1);
    for (i = 0; i < needed; i++) {
        if (!dxQemuUSBAddHub) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &def->loc,
                             "No free USB ports: %zu USB devices for %zu ports", count, available);
            return -1;
        }
        dxQemuUSBAddHub(def);
    }
    return 0;
}

static int
dxUSBCheckComplete(dxDomainDef *def, dxUSBSet *set, dxDeviceInfo *info, dxQemuUSBKind kind,
                   void *opaque)
{
    (void)def;
    (void)set;
    (void)kind;
    (void)opaque;
    return dxUSBHasPort(info) ? 0 : -1;
}

static int
dxUSBPresentCallback(dxDomainDef *def, dxUSBSet *set, dxDeviceInfo *info, dxQemuUSBKind kind,
                     void *opaque)
{
    (void)def;
    (void)set;
    (void)info;
    (void)kind;
    (void)opaque;
    return -1;
}

/* USB devices need a USB controller that is not model='none'. */
static int
dxUSBCheckEnabled(dxDomainDef *def)
{
    dxUSBSet set = { NULL, 0 };

    if (dxDomainDefHasUSB(def) || dxUSBForEach(def, &set, -1, dxUSBPresentCallback, NULL) == 0)
        return 0;
    dxErrorReportLoc(DX_ERR_UNSUPPORTED, &def->loc,
                     "USB is disabled for this domain, but USB devices are present "
                     "in the domain XML");
    return -1;
}

int
dxQemuAssignUSBAddresses(dxDomainDef *def, bool newDomain)
{
    dxUSBSet set = { NULL, 0 };
    size_t ports;
    int rc = -1;

    if (dxUSBCheckEnabled(def) < 0)
        return -1;
    /* the configuration of an existing domain keeps its USB layout as
     * written unless it is complete: QEMU must see the same topology */
    if (!newDomain && dxUSBForEach(def, &set, -1, dxUSBCheckComplete, NULL) < 0)
        return 0;
    if (dxUSBSetAddControllers(&set, def, &ports) < 0)
        goto cleanup;
    if (newDomain && dxUSBAddHubs(def, &set, ports) < 0)
        goto cleanup;
    /* hubs with an address first (devices may sit behind them), then the
     * other addresses written by the user, then the hubs without one,
     * then every other device */
    if (dxUSBForEach(def, &set, 1, dxUSBReserveExplicitCallback, NULL) < 0 ||
        dxUSBForEach(def, &set, 0, dxUSBReserveExplicitCallback, NULL) < 0 ||
        dxUSBForEach(def, &set, 1, dxUSBAssignCallback, NULL) < 0 ||
        dxUSBForEach(def, &set, 0, dxUSBAssignCallback, NULL) < 0)
        goto cleanup;
    rc = 0;
 cleanup:
    dxUSBSetClear(&set);
    return rc;
}
