/* qemu_cmd_hostdev.c: <hostdev> and SR-IOV <interface type='hostdev'> on
 * the command line: vfio-pci for PCI functions and mediated devices,
 * usb-host, vhost-scsi.  Devices with <address type='unassigned'/> are
 * prepared for the guest but not plugged in. */
#include "qemu_net.h"
#include "qemu_cmd_disk.h"
#include "conf/controller_conf.h"
#include "conf/hostdev_conf.h"
#include "conf/net_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

#include <stdlib.h>
#include <string.h>

/* The persistent virtio partner of a transient VF (virtio failover). */
static const char *
dxQemuHostdevFailoverPair(const dxHostdevDef *h)
{
    const dxTeaming *t = h->parentnet ? &h->parentnet->teaming : &h->teaming;
    return t->type == DX_HOSTDEV_TEAMING_TRANSIENT ? t->persistent : NULL;
}

/* libvirt accepts the other backends in the configuration and refuses
 * them when the guest starts */
static int
dxQemuPCIHostdevBackendCheck(const dxHostdevDef *h)
{
    switch (h->pci.backend) {
    case DX_HOSTDEV_PCI_BACKEND_KVM:
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &h->info->loc,
                         "legacy KVM PCI device assignment (<driver name='kvm'/>) is not "
                         "supported by QEMU 7.2: use <driver name='vfio'/>");
        return -1;
    case DX_HOSTDEV_PCI_BACKEND_XEN:
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &h->info->loc,
                         "QEMU does not support device assignment mode 'xen'");
        return -1;
    case DX_HOSTDEV_PCI_BACKEND_DEFAULT:
    case DX_HOSTDEV_PCI_BACKEND_VFIO:
    case DX_HOSTDEV_PCI_BACKEND_LAST:
        break;
    }
    return 0;
}

static dxJSON *
dxQemuPCIHostdevProps(dxQemuBuildCtx *ctx, const dxHostdevDef *h)
{
    dxJSON *props;
    char host[DX_PCI_HOST_ADDR_BUFLEN];

    if (dxQemuPCIHostdevBackendCheck(h) < 0)
        return NULL;
    props = dxJSONNewObject();

    dxPCIHostAddrFormat(&h->pci.addr, host);
    dxJSONAddString(props, "driver", "vfio-pci");
    dxJSONAddString(props, "host", host);
    dxJSONAddString(props, "id", h->info->alias);
    if (h->info->bootIndex)
        dxJSONAddUInt(props, "bootindex", h->info->bootIndex);
    dxJSONAddString(props, "failover_pair_id", dxQemuHostdevFailoverPair(h));
    dxQemuBuildDeviceAddressProps(ctx, props, h->info);
    dxQemuNetRomProps(props, h->info);
    return props;
}

static const char *
dxQemuMdevDriver(const dxHostdevDef *h)
{
    switch (h->mdev.model) {
    case DX_MDEV_MODEL_VFIO_PCI:
        /* the ramfb boot display cannot be unplugged */
        return h->mdev.ramfb == DX_TRISTATE_SWITCH_ON ? "vfio-pci-nohotplug" : "vfio-pci";
    case DX_MDEV_MODEL_VFIO_CCW:
        return "vfio-ccw";
    case DX_MDEV_MODEL_VFIO_AP:
    case DX_MDEV_MODEL_LAST:
        break;
    }
    return "vfio-ap";
}

static dxJSON *
dxQemuMdevHostdevProps(dxQemuBuildCtx *ctx, const dxHostdevDef *h)
{
    dxJSON *props = dxJSONNewObject();
    char uuid[DX_UUID_STRING_BUFLEN];
    char *path;

    dxUUIDFormat(h->mdev.uuid, uuid);
    path = dxAsprintf("/sys/bus/mdev/devices/%s", uuid);
    dxJSONAddString(props, "driver", dxQemuMdevDriver(h));
    dxJSONAddString(props, "id", h->info->alias);
    dxJSONAddString(props, "sysfsdev", path);
    free(path);
    if (h->mdev.display)
        dxJSONAddString(props, "display", dxTristateSwitchTypeToString(h->mdev.display));
    if (h->mdev.ramfb == DX_TRISTATE_SWITCH_ON)
        dxJSONAddBool(props, "ramfb", true);
    if (h->info->bootIndex)
        dxJSONAddUInt(props, "bootindex", h->info->bootIndex);
    dxQemuBuildDeviceAddressProps(ctx, props, h->info);
    return props;
}

/* guestReset: how much of the guest's resets reach the host device */
static void
dxQemuUSBResetProps(dxJSON *props, dxHostdevUSBGuestReset reset)
{
    switch (reset) {
    case DX_HOSTDEV_USB_RESET_OFF:
        dxJSONAddBool(props, "guest-reset", false);
        break;
    case DX_HOSTDEV_USB_RESET_UNINITIALIZED:
        dxJSONAddBool(props, "guest-reset", true);
        dxJSONAddBool(props, "guest-resets-all", false);
        break;
    case DX_HOSTDEV_USB_RESET_ON:
        dxJSONAddBool(props, "guest-reset", true);
        dxJSONAddBool(props, "guest-resets-all", true);
        break;
    case DX_HOSTDEV_USB_RESET_DEFAULT:
    case DX_HOSTDEV_USB_RESET_LAST:
        break;
    }
}

static dxJSON *
dxQemuUSBHostdevProps(dxQemuBuildCtx *ctx, const dxHostdevDef *h)
{
    dxJSON *props = dxJSONNewObject();

    dxJSONAddString(props, "driver", "usb-host");
    if (h->usb.hasAddress) {
        char *dev = dxAsprintf("/dev/bus/usb/%03u/%03u", h->usb.bus, h->usb.device);
        dxJSONAddString(props, "hostdevice", dev);
        free(dev);
    } else {
        /* libvirt looks the device up on the host when the guest starts;
         * offline, QEMU is asked to find it by its ids */
        dxJSONAddUInt(props, "vendorid", h->usb.vendor);
        dxJSONAddUInt(props, "productid", h->usb.product);
    }
    dxJSONAddString(props, "id", h->info->alias);
    dxQemuUSBResetProps(props, h->usb.guestReset);
    dxQemuBuildDeviceAddressProps(ctx, props, h->info);
    if (h->info->bootIndex)
        dxJSONAddUInt(props, "bootindex", h->info->bootIndex);
    return props;
}

static const char *
dxQemuVhostSCSIDriver(const dxHostdevDef *h)
{
    if (h->info->type == DX_ADDRESS_TYPE_CCW)
        return "vhost-scsi-ccw";
    switch (h->scsiHost.model) {
    case DX_HOSTDEV_SCSI_HOST_MODEL_VIRTIO_TRANSITIONAL:
        return "vhost-scsi-pci-transitional";
    case DX_HOSTDEV_SCSI_HOST_MODEL_VIRTIO_NON_TRANSITIONAL:
        return "vhost-scsi-pci-non-transitional";
    case DX_HOSTDEV_SCSI_HOST_MODEL_DEFAULT:
    case DX_HOSTDEV_SCSI_HOST_MODEL_VIRTIO:
    case DX_HOSTDEV_SCSI_HOST_MODEL_LAST:
        break;
    }
    return "vhost-scsi-pci";
}

static dxJSON *
dxQemuSCSIHostHostdevProps(dxQemuBuildCtx *ctx, const dxHostdevDef *h)
{
    dxJSON *props = dxJSONNewObject();

    dxJSONAddString(props, "driver", dxQemuVhostSCSIDriver(h));
    dxJSONAddString(props, "wwpn", h->scsiHost.wwpn);
    dxJSONAddString(props, "vhostfd", DX_QEMU_FD_VHOST_SCSI);
    dxJSONAddString(props, "id", h->info->alias);
    dxQemuBuildDeviceAddressProps(ctx, props, h->info);
    return props;
}

/* ---- SCSI: a -blockdev backend and a scsi-generic device ------------------ */

/* Block nodes are numbered across the domain: the disks' first, then the
 * SCSI host devices' in their order. */
static unsigned int
dxQemuSCSIHostdevNodeIndex(const dxDomainDef *def, const dxHostdevDef *target)
{
    unsigned int n = dxQemuDiskNodeCount(def);
    size_t i;
    for (i = 0; i < def->nhostdevs; i++) {
        const dxHostdevDef *h = def->hostdevs[i];
        if (h->mode == DX_HOSTDEV_MODE_SUBSYS && h->subsys == DX_HOSTDEV_SUBSYS_SCSI)
            n++;
        if (h == target)
            break;
    }
    return n;
}

/* "TARGET/LUN" of an iSCSI source */
static void
dxQemuISCSIProps(dxJSON *props, const dxHostdevSCSI *s)
{
    const char *slash = strrchr(s->iqn, '/');
    char *target = dxStrndup(s->iqn, slash - s->iqn);
    char *portal = dxAsprintf("%s:%s", s->host.name, s->host.port ? s->host.port : "3260");
    unsigned int lun = 0;

    if (dxStrToUInt(slash + 1, 10, &lun) < 0)
        lun = 0;
    dxJSONAddString(props, "driver", "iscsi");
    dxJSONAddString(props, "portal", portal);
    dxJSONAddString(props, "target", target);
    dxJSONAddUInt(props, "lun", lun);
    dxJSONAddString(props, "transport", "tcp");
    dxJSONAddString(props, "initiator-name", s->initiatorIqn);
    free(target);
    free(portal);
}

static int
dxQemuSCSIHostdevBackend(dxQemuBuildCtx *ctx, const dxHostdevDef *h, const char *node)
{
    dxJSON *props = dxJSONNewObject();

    if (h->scsi.protocol == DX_HOSTDEV_SCSI_PROTOCOL_ISCSI) {
        if (h->scsi.authUsername) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &h->info->loc,
                             "iSCSI host device with <auth>: domxml has no secret store to "
                             "read the password from");
            dxJSONFree(props);
            return -1;
        }
        dxQemuISCSIProps(props, &h->scsi);
    } else {
        dxJSONAddString(props, "driver", "host_device");
        dxJSONAddString(props, "filename", DX_QEMU_SCSI_SG_PLACEHOLDER);
    }
    dxJSONAddString(props, "node-name", node);
    dxJSONAddBool(props, "read-only", h->readonly);
    dxArgvAddJSON(ctx->argv, "-blockdev", props);
    return 0;
}

/* Where a scsi-generic device sits: narrow parallel SCSI adapters address
 * by bus and unit, the others (virtio-scsi, SAS, ...) by channel, target
 * and LUN. */
static int
dxQemuSCSIDriveProps(dxQemuBuildCtx *ctx, dxJSON *props, const dxDeviceInfo *info)
{
    const dxDriveAddress *a = &info->addr.drive;
    const dxControllerDef *cont = dxDomainControllerGet(ctx->def, DX_CONTROLLER_TYPE_SCSI,
                                                        a->controller);
    char *bus;

    if (!cont || !cont->info.alias) {
        dxErrorReportLoc(DX_ERR_INVALID, &info->loc,
                         "no SCSI controller with index %u for this SCSI host device",
                         a->controller);
        return -1;
    }
    switch (cont->model) {
    case DX_CONTROLLER_MODEL_SCSI_LSILOGIC:
    case DX_CONTROLLER_MODEL_SCSI_NCR53C90:
    case DX_CONTROLLER_MODEL_SCSI_DC390:
    case DX_CONTROLLER_MODEL_SCSI_AM53C974:
        bus = dxAsprintf("%s.%u", cont->info.alias, a->bus);
        dxJSONAddString(props, "bus", bus);
        dxJSONAddUInt(props, "scsi-id", a->unit);
        break;
    default:
        bus = dxAsprintf("%s.0", cont->info.alias);
        dxJSONAddString(props, "bus", bus);
        dxJSONAddUInt(props, "channel", a->bus);
        dxJSONAddUInt(props, "scsi-id", a->target);
        dxJSONAddUInt(props, "lun", a->unit);
        break;
    }
    free(bus);
    return 0;
}

static dxJSON *
dxQemuSCSIHostdevProps(dxQemuBuildCtx *ctx, const dxHostdevDef *h)
{
    char *node = dxAsprintf("libvirt-%u-backend",
                            dxQemuSCSIHostdevNodeIndex(ctx->def, h));
    dxJSON *props = NULL;

    if (dxQemuSCSIHostdevBackend(ctx, h, node) < 0)
        goto cleanup;
    props = dxJSONNewObject();
    dxJSONAddString(props, "driver", "scsi-generic");
    dxJSONAddString(props, "drive", node);
    dxJSONAddString(props, "id", h->info->alias);
    if (h->info->bootIndex)
        dxJSONAddUInt(props, "bootindex", h->info->bootIndex);
    if (dxQemuSCSIDriveProps(ctx, props, h->info) < 0)
        DX_CLEAR(props, dxJSONFree);
 cleanup:
    free(node);
    return props;
}

static int
dxQemuBuildHostdev(dxQemuBuildCtx *ctx, const dxHostdevDef *h)
{
    dxJSON *props = NULL;

    switch (h->subsys) {
    case DX_HOSTDEV_SUBSYS_PCI:
        props = dxQemuPCIHostdevProps(ctx, h);
        break;
    case DX_HOSTDEV_SUBSYS_USB:
        props = dxQemuUSBHostdevProps(ctx, h);
        break;
    case DX_HOSTDEV_SUBSYS_SCSI_HOST:
        props = dxQemuSCSIHostHostdevProps(ctx, h);
        break;
    case DX_HOSTDEV_SUBSYS_MDEV:
        props = dxQemuMdevHostdevProps(ctx, h);
        break;
    case DX_HOSTDEV_SUBSYS_SCSI:
        props = dxQemuSCSIHostdevProps(ctx, h);
        break;
    case DX_HOSTDEV_SUBSYS_LAST:
        break;
    }
    if (!props)
        return -1;
    dxArgvAddJSON(ctx->argv, "-device", props);
    return 0;
}

int
dxQemuBuildHostdevs(dxQemuBuildCtx *ctx)
{
    size_t i;

    /* SR-IOV interfaces are in this list too, in libvirt's order */
    for (i = 0; i < ctx->def->nhostdevs; i++) {
        const dxHostdevDef *h = ctx->def->hostdevs[i];
        if (h->mode != DX_HOSTDEV_MODE_SUBSYS || h->info->type == DX_ADDRESS_TYPE_UNASSIGNED)
            continue;
        if (dxQemuBuildHostdev(ctx, h) < 0)
            return -1;
    }
    return 0;
}
