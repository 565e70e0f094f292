/* qemu_net.c: the QEMU driver's defaults, rules and aliases for
 * <interface> and <hostdev>. */
#include "qemu_net.h"
#include "qemu_address.h"
#include "conf/hostdev_conf.h"
#include "conf/net_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

#include <stdlib.h>
#include <string.h>

static bool
dxArchStartsWith(const dxDomainDef *def, const char *prefix)
{
    return def->os.arch && strncmp(def->os.arch, prefix, strlen(prefix)) == 0;
}

static bool
dxMachineIsVirt(const dxDomainDef *def)
{
    return def->os.machine &&
           (strcmp(def->os.machine, "virt") == 0 || strncmp(def->os.machine, "virt-", 5) == 0);
}

/* The NIC QEMU's boards come with when <model> says nothing. */
static dxNetModel
dxQemuDefaultNetModel(const dxDomainDef *def)
{
    if (dxArchStartsWith(def, "s390"))
        return DX_NET_MODEL_VIRTIO;
    if (dxArchStartsWith(def, "arm") || dxArchStartsWith(def, "aarch64")) {
        if (def->os.machine && strcmp(def->os.machine, "versatilepb") == 0)
            return DX_NET_MODEL_SMC91C111;
        return dxMachineIsVirt(def) ? DX_NET_MODEL_VIRTIO : DX_NET_MODEL_LAN9118;
    }
    if (dxArchStartsWith(def, "riscv") && dxMachineIsVirt(def))
        return DX_NET_MODEL_VIRTIO;
    /* the oldest NIC guests are likely to have a driver for */
    return DX_NET_MODEL_RTL8139;
}

int
dxQemuExpandNets(dxDomainDef *def)
{
    size_t i;
    for (i = 0; i < def->nnets; i++) {
        dxNetDef *net = def->nets[i];
        if (net->type != DX_NET_TYPE_HOSTDEV && !dxNetModelString(net))
            net->model = net->type == DX_NET_TYPE_VDPA ? DX_NET_MODEL_VIRTIO :
                         dxQemuDefaultNetModel(def);
    }
    return 0;
}

int
dxQemuExpandHostdevs(dxDomainDef *def)
{
    size_t i;
    for (i = 0; i < def->nhostdevs; i++) {
        dxHostdevDef *h = def->hostdevs[i];
        /* QEMU 7.2's vfio-pci has a display property: libvirt makes its
         * default explicit */
        if (h->mode == DX_HOSTDEV_MODE_SUBSYS && h->subsys == DX_HOSTDEV_SUBSYS_MDEV &&
            h->mdev.model == DX_MDEV_MODEL_VFIO_PCI && !h->mdev.display)
            h->mdev.display = DX_TRISTATE_SWITCH_OFF;
    }
    return 0;
}

/* ---- rules -------------------------------------------------------------- */

static int
dxQemuValidateNetGuestIP(const dxNetDef *net)
{
    const dxNetIPInfo *ip = &net->guestIP;
    bool v4 = false, v6 = false;
    size_t i;

    if (net->type != DX_NET_TYPE_USER) {
        if (dxNetIPInfoIsEmpty(ip))
            return 0;
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &net->info.loc,
                         "Invalid attempt to set network interface guest-side IP route "
                         "and/or address info, not supported by QEMU (only type 'user' "
                         "takes <ip>)");
        return -1;
    }
    if (ip->nroutes) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &net->info.loc,
                         "Invalid attempt to set network interface guest-side IP route, "
                         "not supported by QEMU");
        return -1;
    }
    for (i = 0; i < ip->nips; i++) {
        const dxNetIP *a = ip->ips[i];
        bool isv4 = a->family == DX_IP_FAMILY_IPV4;
        if (a->peer) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &net->info.loc,
                             "Invalid attempt to set peer IP for guest");
            return -1;
        }
        if (isv4 ? v4 : v6) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &net->info.loc,
                             "Only one %s address per interface is allowed",
                             isv4 ? "IPv4" : "IPv6");
            return -1;
        }
        if (isv4 && a->hasPrefix && a->prefix > 0 && (a->prefix < 4 || a->prefix > 27)) {
            dxErrorReportLoc(DX_ERR_INVALID, &net->info.loc,
                             "invalid prefix %u, must be in range of 4-27", a->prefix);
            return -1;
        }
        if (!isv4 && a->hasPrefix && a->prefix > 120) {
            dxErrorReportLoc(DX_ERR_INVALID, &net->info.loc,
                             "invalid IPv6 prefix %u: at most 120", a->prefix);
            return -1;
        }
        *(isv4 ? &v4 : &v6) = true;
    }
    return 0;
}

static bool
dxQemuNetSupportsMTU(dxNetType type)
{
    return type == DX_NET_TYPE_NETWORK || type == DX_NET_TYPE_BRIDGE ||
           type == DX_NET_TYPE_ETHERNET || type == DX_NET_TYPE_VHOSTUSER;
}

static int
dxQemuValidateNetTeaming(const dxNetDef *net)
{
    if (net->teaming.type == DX_HOSTDEV_TEAMING_PERSISTENT && !dxNetIsVirtioModel(net)) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &net->info.loc,
                         "virtio-net teaming persistent interface must be <model "
                         "type='virtio'/>, not '%s'", dxNullStr(dxNetModelString(net)));
        return -1;
    }
    if (net->teaming.type == DX_HOSTDEV_TEAMING_TRANSIENT &&
        net->type != DX_NET_TYPE_HOSTDEV && net->type != DX_NET_TYPE_NETWORK) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &net->info.loc,
                         "virtio-net teaming transient interface must be type='hostdev' "
                         "(or a network of host devices), not '%s'",
                         dxNetTypeTypeToString(net->type));
        return -1;
    }
    return 0;
}

static int
dxQemuValidateNet(const dxNetDef *net)
{
    const char *type = dxNetTypeTypeToString(net->type);

    if (net->type == DX_NET_TYPE_VHOSTUSER && !dxNetIsVirtioModel(net)) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &net->info.loc,
                         "Wrong or no <model> 'type' attribute specified with <interface "
                         "type='vhostuser'/>. vhostuser requires the virtio-net* frontend");
        return -1;
    }
    if (!dxNetIsVirtioModel(net) && dxVirtioOptionsAnySet(&net->virtio)) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &net->info.loc,
                         "virtio driver options (iommu, ats, packed, page_per_vq) are only "
                         "supported for virtio devices, not model '%s'",
                         dxNullStr(dxNetModelString(net)));
        return -1;
    }
    if (net->mtu && !dxQemuNetSupportsMTU(net->type)) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &net->info.loc,
                         "setting MTU on interface type %s is not supported yet", type);
        return -1;
    }
    if (net->coalesceRxMaxFrames &&
        net->type != DX_NET_TYPE_NETWORK && net->type != DX_NET_TYPE_BRIDGE) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &net->info.loc,
                         "coalesce settings on interface type %s are not supported", type);
        return -1;
    }
    if (dxQemuValidateNetTeaming(net) < 0)
        return -1;
    return dxQemuValidateNetGuestIP(net);
}

int
dxQemuValidateNets(const dxDomainDef *def)
{
    size_t i;
    int rc = 0;
    for (i = 0; i < def->nnets; i++) {
        if (dxQemuValidateNet(def->nets[i]) < 0)
            rc = -1;
    }
    return rc;
}

static int
dxQemuValidateHostdevBoot(const dxHostdevDef *h)
{
    if (!h->info->bootIndex)
        return 0;
    if (h->subsys == DX_HOSTDEV_SUBSYS_SCSI_HOST) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &h->info->loc,
                         "booting from assigned devices is not supported by vhost SCSI "
                         "devices");
        return -1;
    }
    if (h->subsys == DX_HOSTDEV_SUBSYS_MDEV && h->mdev.model == DX_MDEV_MODEL_VFIO_AP) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &h->info->loc,
                         "booting from assigned devices is not supported by mediated "
                         "devices of model vfio-ap");
        return -1;
    }
    return 0;
}

static int
dxQemuValidatePCIHostdev(const dxDomainDef *def, const dxHostdevDef *h)
{
    if (h->writeFiltering) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &h->info->loc,
                         "Write filtering of PCI device configuration space is not "
                         "supported by qemu");
        return -1;
    }
    if (h->info->type == DX_ADDRESS_TYPE_PCI && h->info->addr.pci.hasZpci &&
        !dxArchStartsWith(def, "s390")) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &h->info->loc,
                         "This QEMU binary doesn't support zPCI: <zpci> addresses exist "
                         "on s390x only");
        return -1;
    }
    return 0;
}

static int
dxQemuValidateHostdev(const dxDomainDef *def, const dxHostdevDef *h)
{
    if (h->mode == DX_HOSTDEV_MODE_CAPABILITIES) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &h->info->loc,
                         "hostdev mode 'capabilities' is not supported in %s",
                         dxDomainVirtTypeToString(def->virtType));
        return -1;
    }
    if (dxQemuValidateHostdevBoot(h) < 0)
        return -1;
    switch (h->subsys) {
    case DX_HOSTDEV_SUBSYS_PCI:
        return dxQemuValidatePCIHostdev(def, h);
    case DX_HOSTDEV_SUBSYS_SCSI:
        if (h->scsi.sgio == DX_HOSTDEV_SGIO_UNFILTERED) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &h->info->loc,
                             "unfiltered sgio is no longer supported");
            return -1;
        }
        break;
    case DX_HOSTDEV_SUBSYS_MDEV:
        if (h->mdev.model != DX_MDEV_MODEL_VFIO_PCI && !dxArchStartsWith(def, "s390")) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &h->info->loc,
                             "VFIO %s device assignment is not supported by this version "
                             "of QEMU (s390x only)",
                             h->mdev.model == DX_MDEV_MODEL_VFIO_CCW ? "CCW" : "AP");
            return -1;
        }
        break;
    case DX_HOSTDEV_SUBSYS_USB:
    case DX_HOSTDEV_SUBSYS_SCSI_HOST:
    case DX_HOSTDEV_SUBSYS_LAST:
        break;
    }
    return 0;
}

int
dxQemuValidateHostdevs(const dxDomainDef *def)
{
    size_t i;
    int rc = 0;
    for (i = 0; i < def->nhostdevs; i++) {
        if (dxQemuValidateHostdev(def, def->hostdevs[i]) < 0)
            rc = -1;
    }
    return rc;
}

/* ---- aliases ------------------------------------------------------------ */

/* N of "<prefix>N", or -1. */
static int
dxQemuAliasIndex(const char *alias, const char *prefix)
{
    size_t len = strlen(prefix);
    unsigned int idx;
    if (!alias || strncmp(alias, prefix, len) != 0 || dxStrToUInt(alias + len, 10, &idx) < 0)
        return -1;
    return (int)idx;
}

/* hostdevN with N above every hostdev alias in use (interfaces of type
 * hostdev share their info with their hostdev, so they count too). */
static char *
dxQemuNextHostdevAlias(const dxDomainDef *def)
{
    int next = 0;
    size_t i;
    for (i = 0; i < def->nhostdevs; i++) {
        int idx = dxQemuAliasIndex(def->hostdevs[i]->info->alias, "hostdev");
        if (idx >= next)
            next = idx + 1;
    }
    return dxAsprintf("hostdev%d", next);
}

/* netN with N above every netN in use: SR-IOV interfaces and user
 * aliases leave no gaps */
static char *
dxQemuNextNetAlias(const dxDomainDef *def)
{
    int next = 0;
    size_t i;
    for (i = 0; i < def->nnets; i++) {
        int idx = dxQemuAliasIndex(def->nets[i]->info.alias, "net");
        if (idx >= next)
            next = idx + 1;
    }
    return dxAsprintf("net%d", next);
}

int
dxQemuAssignNetHostdevAliases(dxDomainDef *def)
{
    size_t i;

    /* an SR-IOV interface is a hostdev on the command line: hostdevN */
    for (i = 0; i < def->nnets; i++) {
        dxNetDef *net = def->nets[i];
        if (net->info.alias)
            continue;
        if (net->type == DX_NET_TYPE_HOSTDEV)
            net->info.alias = dxQemuNextHostdevAlias(def);
        else
            net->info.alias = dxQemuNextNetAlias(def);
    }
    for (i = 0; i < def->nhostdevs; i++) {
        if (!def->hostdevs[i]->info->alias)
            def->hostdevs[i]->info->alias = dxQemuNextHostdevAlias(def);
    }
    return 0;
}

/* ---- address assignment hooks -------------------------------------------------- */

/* Which PCI slot a NIC needs.  SR-IOV interfaces are not asked here: the
 * device walk hands them to the hostdev row. */
unsigned int
dxQemuNetPCIConnect(const dxDomainDef *def, dxDeviceRef dev)
{
    const dxNetDef *net = dev.ptr;

    if (net->info.type != DX_ADDRESS_TYPE_NONE && net->info.type != DX_ADDRESS_TYPE_PCI)
        return 0;
    switch (net->model) {
    case DX_NET_MODEL_VIRTIO:
    case DX_NET_MODEL_VIRTIO_NON_TRANSITIONAL:
        return dxQemuPCIConnectVirtio(def);
    case DX_NET_MODEL_VIRTIO_TRANSITIONAL:
        /* the legacy interface needs a conventional PCI slot */
        return dxQemuPCIConnectPCI();
    case DX_NET_MODEL_E1000E:
        return dxQemuPCIConnectPCIe(def);
    case DX_NET_MODEL_USB_NET:
    case DX_NET_MODEL_SPAPR_VLAN:
    case DX_NET_MODEL_LAN9118:
    case DX_NET_MODEL_SMC91C111:
        return 0;
    case DX_NET_MODEL_UNKNOWN:
    case DX_NET_MODEL_NETFRONT:
    case DX_NET_MODEL_RTL8139:
    case DX_NET_MODEL_E1000:
    case DX_NET_MODEL_VLANCE:
    case DX_NET_MODEL_VMXNET:
    case DX_NET_MODEL_VMXNET2:
    case DX_NET_MODEL_VMXNET3:
    case DX_NET_MODEL_AM79C970A:
    case DX_NET_MODEL_AM79C973:
    case DX_NET_MODEL_82540EM:
    case DX_NET_MODEL_82545EM:
    case DX_NET_MODEL_82543GC:
    case DX_NET_MODEL_LAST:
        break;
    }
    return dxQemuPCIConnectPCI();
}

/* Host devices, SR-IOV interfaces included.  Whether a host function is
 * PCI Express can only be read on the host; libvirt assumes Express when
 * it cannot tell (and for mediated devices), and so does domxml. */
unsigned int
dxQemuHostdevPCIConnect(const dxDomainDef *def, dxDeviceRef dev)
{
    const dxHostdevDef *h = dev.ptr;

    if (h->mode != DX_HOSTDEV_MODE_SUBSYS ||
        (h->info->type != DX_ADDRESS_TYPE_NONE && h->info->type != DX_ADDRESS_TYPE_PCI))
        return 0;
    switch (h->subsys) {
    case DX_HOSTDEV_SUBSYS_PCI:
        return dxQemuPCIConnectPCIe(def);
    case DX_HOSTDEV_SUBSYS_MDEV:
        return h->mdev.model == DX_MDEV_MODEL_VFIO_PCI ? dxQemuPCIConnectPCIe(def) : 0;
    case DX_HOSTDEV_SUBSYS_SCSI_HOST:
        if (h->scsiHost.model == DX_HOSTDEV_SCSI_HOST_MODEL_VIRTIO_TRANSITIONAL)
            return dxQemuPCIConnectPCI();
        return dxQemuPCIConnectVirtio(def);
    case DX_HOSTDEV_SUBSYS_USB:
    case DX_HOSTDEV_SUBSYS_SCSI:
    case DX_HOSTDEV_SUBSYS_LAST:
        break;
    }
    return 0;
}

dxQemuUSBKind
dxQemuHostdevUSBKind(const dxDomainDef *def, dxDeviceRef dev)
{
    const dxHostdevDef *h = dev.ptr;
    (void)def;
    if (h->mode == DX_HOSTDEV_MODE_SUBSYS && h->subsys == DX_HOSTDEV_SUBSYS_USB &&
        (h->info->type == DX_ADDRESS_TYPE_NONE || h->info->type == DX_ADDRESS_TYPE_USB))
        return DX_QEMU_USB_DEVICE;
    return DX_QEMU_USB_NONE;
}
