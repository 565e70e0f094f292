/* qemu_cmd_net.c: <interface> on the command line: the host side
 * (-netdev, with the -chardev of vhost-user and the -add-fd of vDPA) and
 * the guest NIC (-device), in libvirt's property order.  SR-IOV
 * interfaces are host devices here: qemu_cmd_hostdev.c writes them. */
#include "qemu_net.h"
#include "conf/net_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"

#include <stdlib.h>
#include <string.h>

/* ---- ROM of a NIC or host device ------------------------------------------ */

void
dxQemuNetRomProps(dxJSON *props, const dxDeviceInfo *info)
{
    if (info->romEnabled == DX_TRISTATE_BOOL_NO) {
        /* an empty file name is how QEMU is told to load no ROM */
        dxJSONAddString(props, "romfile", "");
        return;
    }
    if (info->romBar)
        dxJSONAddInt(props, "rombar", info->romBar == DX_TRISTATE_SWITCH_ON);
    dxJSONAddString(props, "romfile", info->romFile);
}

/* ---- checks only the command line makes ---------------------------------- */

static bool
dxNetIsTapBased(dxNetType type)
{
    return type == DX_NET_TYPE_NETWORK || type == DX_NET_TYPE_BRIDGE ||
           type == DX_NET_TYPE_DIRECT || type == DX_NET_TYPE_ETHERNET;
}

static int
dxQemuNetCheck(const dxNetDef *net)
{
    const char *type = dxNetTypeTypeToString(net->type);
    char mac[DX_MAC_STRING_BUFLEN];

    dxNetMacString(net, mac);
    if (net->backendTap && net->type != DX_NET_TYPE_NETWORK &&
        net->type != DX_NET_TYPE_BRIDGE && net->type != DX_NET_TYPE_ETHERNET) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &net->info.loc,
                         "interface %s - custom tap device path is not supported for "
                         "network interfaces of type %s", mac, type);
        return -1;
    }
    if (net->type == DX_NET_TYPE_HOSTDEV && net->ifname) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &net->info.loc,
                         "interface %s - <target dev='%s'> is not supported for network "
                         "interfaces of type hostdev: the device is the host's virtual "
                         "function itself", mac, net->ifname);
        return -1;
    }
    if (net->type == DX_NET_TYPE_HOSTDEV && net->hostdev->subsys == DX_HOSTDEV_SUBSYS_USB) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &net->info.loc,
                         "interface %s - USB network devices cannot be assigned with "
                         "<interface type='hostdev'>: QEMU only passes PCI devices "
                         "through as network interfaces; use <hostdev type='usb'>", mac);
        return -1;
    }
    if (net->type == DX_NET_TYPE_INTERNAL || net->type == DX_NET_TYPE_NULL ||
        net->type == DX_NET_TYPE_VDS) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &net->info.loc,
                         "interface %s - network type '%s' is not supported by QEMU",
                         mac, type);
        return -1;
    }
    if (net->driver.queues > 1 && !dxNetIsTapBased(net->type) &&
        net->type != DX_NET_TYPE_VHOSTUSER && net->type != DX_NET_TYPE_VDPA) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &net->info.loc,
                         "Multiqueue network is not supported for: %s", type);
        return -1;
    }
    return 0;
}

/* ---- the host side ---------------------------------------------------- */

/* a vhost fd per queue, so each queue gets its own vhost worker */
static bool
dxQemuNetUsesVhost(const dxNetDef *net)
{
    return dxNetIsTapBased(net->type) && dxNetIsVirtioModel(net) &&
           net->driver.name != DX_NET_DRIVER_QEMU;
}

/* "3" or, with several queues, "3:4:5" (one placeholder per queue) */
static char *
dxQemuFdList(const char *first, unsigned int count)
{
    dxBuf buf = DX_BUF_INIT;
    unsigned int i, base = (unsigned int)atoi(first);
    for (i = 0; i < count; i++)
        dxBufAddf(&buf, i ? ":%u" : "%u", base + i);
    return dxBufSteal(&buf);
}

static void
dxQemuNetTapProps(dxJSON *props, const dxNetDef *net)
{
    unsigned int queues = net->driver.queues > 1 ? net->driver.queues : 1;
    char *fds = dxQemuFdList(DX_QEMU_FD_TAP, queues);

    dxJSONAddString(props, "type", "tap");
    dxJSONAddString(props, queues > 1 ? "fds" : "fd", fds);
    free(fds);
    if (dxQemuNetUsesVhost(net)) {
        fds = dxQemuFdList(DX_QEMU_FD_VHOST_NET, queues);
        dxJSONAddBool(props, "vhost", true);
        dxJSONAddString(props, queues > 1 ? "vhostfds" : "vhostfd", fds);
        free(fds);
    }
    if (net->hasSndbuf)
        dxJSONAddUInt(props, "sndbuf", net->sndbuf);
}

static void
dxQemuNetSocketProps(dxJSON *props, const dxNetDef *net)
{
    static const char *const key[DX_NET_TYPE_LAST] = {
        [DX_NET_TYPE_SERVER] = "listen", [DX_NET_TYPE_CLIENT] = "connect",
        [DX_NET_TYPE_MCAST] = "mcast", [DX_NET_TYPE_UDP] = "udp",
    };
    char *s = dxAsprintf("%s:%u", dxNullStr(net->socket.address), net->socket.port);

    dxJSONAddString(props, "type", "socket");
    dxJSONAddString(props, key[net->type], s);
    free(s);
    if (net->type == DX_NET_TYPE_UDP) {
        s = dxAsprintf("%s:%u", net->socket.localaddr, net->socket.localport);
        dxJSONAddString(props, "localaddr", s);
        free(s);
    }
}

/* user-mode networking: the guest addresses of <ip> choose slirp's nets */
static void
dxQemuNetUserProps(dxJSON *props, const dxNetDef *net)
{
    size_t i;
    dxJSONAddString(props, "type", "user");
    for (i = 0; i < net->guestIP.nips; i++) {
        const dxNetIP *ip = net->guestIP.ips[i];
        if (ip->family == DX_IP_FAMILY_IPV4) {
            char *s = ip->hasPrefix && ip->prefix ?
                      dxAsprintf("%s/%u", ip->address, ip->prefix) : dxStrdup(ip->address);
            dxJSONAddString(props, "net", s);
            free(s);
        } else {
            dxJSONAddString(props, "ipv6-prefix", ip->address);
            if (ip->hasPrefix && ip->prefix)
                dxJSONAddUInt(props, "ipv6-prefixlen", ip->prefix);
        }
    }
}

/* -chardev of a vhost-user socket (key=value: path escaped) */
static void
dxQemuNetVhostuserChardev(dxQemuBuildCtx *ctx, const dxNetDef *net)
{
    dxBuf buf = DX_BUF_INIT;

    dxBufAddStr(&buf, "socket,id=char");
    dxBufEscapeComma(&buf, net->info.alias);
    dxBufAddStr(&buf, ",path=");
    dxBufEscapeComma(&buf, net->vhostuser.path);
    if (net->vhostuser.server)
        dxBufAddStr(&buf, ",server=on");
    if (net->vhostuser.reconnect == DX_TRISTATE_BOOL_YES)
        dxBufAddf(&buf, ",reconnect=%u", net->vhostuser.reconnectTimeout);
    else if (net->vhostuser.reconnect == DX_TRISTATE_BOOL_NO)
        dxBufAddStr(&buf, ",reconnect=0");
    dxArgvAddBuf(ctx->argv, "-chardev", &buf);
}

static dxJSON *
dxQemuNetHostProps(dxQemuBuildCtx *ctx, const dxNetDef *net)
{
    dxJSON *props = dxJSONNewObject();
    char *s;

    switch (net->type) {
    case DX_NET_TYPE_NETWORK:
    case DX_NET_TYPE_BRIDGE:
    case DX_NET_TYPE_DIRECT:
    case DX_NET_TYPE_ETHERNET:
        dxQemuNetTapProps(props, net);
        break;
    case DX_NET_TYPE_SERVER:
    case DX_NET_TYPE_CLIENT:
    case DX_NET_TYPE_MCAST:
    case DX_NET_TYPE_UDP:
        dxQemuNetSocketProps(props, net);
        break;
    case DX_NET_TYPE_USER:
        dxQemuNetUserProps(props, net);
        break;
    case DX_NET_TYPE_VHOSTUSER:
        dxQemuNetVhostuserChardev(ctx, net);
        dxJSONAddString(props, "type", "vhost-user");
        s = dxAsprintf("char%s", net->info.alias);
        dxJSONAddString(props, "chardev", s);
        free(s);
        if (net->driver.queues > 1)
            dxJSONAddUInt(props, "queues", net->driver.queues);
        break;
    case DX_NET_TYPE_VDPA: {
        /* the vDPA device is opened by the manager and passed in an fd set */
        char *opaque = dxAsprintf("%s-vdpa", net->info.alias);
        unsigned int set = dxQemuBuildAddFd(ctx, DX_QEMU_FD_VDPA, opaque);
        free(opaque);
        dxJSONAddString(props, "type", "vhost-vdpa");
        s = dxAsprintf("/dev/fdset/%u", set);
        dxJSONAddString(props, "vhostdev", s);
        free(s);
        if (net->driver.queues > 1)
            dxJSONAddUInt(props, "queues", net->driver.queues);
        break;
    }
    case DX_NET_TYPE_INTERNAL:
    case DX_NET_TYPE_HOSTDEV:
    case DX_NET_TYPE_NULL:
    case DX_NET_TYPE_VDS:
    case DX_NET_TYPE_LAST:
        break;
    }
    s = dxAsprintf("host%s", net->info.alias);
    dxJSONAddString(props, "id", s);
    free(s);
    return props;
}

/* ---- the guest NIC ------------------------------------------------------- */

static char *
dxQemuNicDriver(const dxNetDef *net)
{
    const char *suffix = "";

    if (!dxNetIsVirtioModel(net))
        return dxStrdup(dxNetModelString(net));
    if (net->info.type == DX_ADDRESS_TYPE_CCW)
        return dxStrdup("virtio-net-ccw");
    if (net->info.type == DX_ADDRESS_TYPE_VIRTIO_MMIO)
        return dxStrdup("virtio-net-device");
    if (net->model == DX_NET_MODEL_VIRTIO_TRANSITIONAL)
        suffix = "-transitional";
    else if (net->model == DX_NET_MODEL_VIRTIO_NON_TRANSITIONAL)
        suffix = "-non-transitional";
    return dxAsprintf("virtio-net-pci%s", suffix);
}

static void
dxQemuSwitchProp(dxJSON *props, const char *name, dxTristateSwitch v)
{
    if (v)
        dxJSONAddBool(props, name, v == DX_TRISTATE_SWITCH_ON);
}

/* The virtio-net knobs, between the transport options and "netdev". */
static void
dxQemuVirtioNicProps(dxJSON *props, const dxNetDef *net)
{
    const dxNetDriver *d = &net->driver;

    if (d->txmode)
        dxJSONAddString(props, "tx", d->txmode == DX_NET_TXMODE_IOTHREAD ? "bh" : "timer");
    dxQemuSwitchProp(props, "ioeventfd", d->ioeventfd);
    dxQemuSwitchProp(props, "event_idx", d->eventIdx);
    dxQemuSwitchProp(props, "csum", d->host.csum);
    dxQemuSwitchProp(props, "gso", d->host.gso);
    dxQemuSwitchProp(props, "host_tso4", d->host.tso4);
    dxQemuSwitchProp(props, "host_tso6", d->host.tso6);
    dxQemuSwitchProp(props, "host_ecn", d->host.ecn);
    dxQemuSwitchProp(props, "host_ufo", d->host.ufo);
    dxQemuSwitchProp(props, "mrg_rxbuf", d->host.mrgRxbuf);
    dxQemuSwitchProp(props, "guest_csum", d->guest.csum);
    dxQemuSwitchProp(props, "guest_tso4", d->guest.tso4);
    dxQemuSwitchProp(props, "guest_tso6", d->guest.tso6);
    dxQemuSwitchProp(props, "guest_ecn", d->guest.ecn);
    dxQemuSwitchProp(props, "guest_ufo", d->guest.ufo);
    if (d->queues > 1) {
        dxJSONAddBool(props, "mq", true);
        /* a vector per queue direction, plus config and control */
        if (net->info.type != DX_ADDRESS_TYPE_CCW)
            dxJSONAddUInt(props, "vectors", 2 * d->queues + 2);
    }
    if (d->rxQueueSize)
        dxJSONAddUInt(props, "rx_queue_size", d->rxQueueSize);
    if (d->txQueueSize)
        dxJSONAddUInt(props, "tx_queue_size", d->txQueueSize);
    dxQemuSwitchProp(props, "rss", d->rss);
    dxQemuSwitchProp(props, "hash", d->rssHashReport);
    if (net->mtu)
        dxJSONAddUInt(props, "host_mtu", net->mtu);
    if (net->teaming.type == DX_HOSTDEV_TEAMING_PERSISTENT)
        dxJSONAddBool(props, "failover", true);
}

static dxJSON *
dxQemuNicProps(dxQemuBuildCtx *ctx, const dxNetDef *net)
{
    dxJSON *props = dxJSONNewObject();
    char mac[DX_MAC_STRING_BUFLEN];
    char *s = dxQemuNicDriver(net);

    dxJSONAddString(props, "driver", s);
    free(s);
    if (dxNetIsVirtioModel(net)) {
        dxVirtioOptionsToProps(props, &net->virtio);
        dxQemuVirtioNicProps(props, net);
    }
    s = dxAsprintf("host%s", net->info.alias);
    dxJSONAddString(props, "netdev", s);
    free(s);
    dxJSONAddString(props, "id", net->info.alias);
    dxNetMacString(net, mac);
    dxJSONAddString(props, "mac", mac);
    if (net->info.bootIndex)
        dxJSONAddUInt(props, "bootindex", net->info.bootIndex);
    dxQemuBuildDeviceAddressProps(ctx, props, &net->info);
    dxQemuNetRomProps(props, &net->info);
    return props;
}

int
dxQemuBuildInterfaces(dxQemuBuildCtx *ctx)
{
    size_t i;

    for (i = 0; i < ctx->def->nnets; i++) {
        const dxNetDef *net = ctx->def->nets[i];
        dxJSON *nic;

        if (dxQemuNetCheck(net) < 0)
            return -1;
        /* SR-IOV: a vfio-pci device among the hostdevs, no -netdev */
        if (net->type == DX_NET_TYPE_HOSTDEV)
            continue;
        dxArgvAddJSON(ctx->argv, "-netdev", dxQemuNetHostProps(ctx, net));
        if (!(nic = dxQemuNicProps(ctx, net)))
            return -1;
        dxArgvAddJSON(ctx->argv, "-device", nic);
    }
    return 0;
}
