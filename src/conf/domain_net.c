/* domain_net.c: <interface>, every type: parse, format, generic checks. */
#include "net_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

DX_ENUM_IMPL(dxNetType, DX_NET_TYPE_LAST,
             "user", "ethernet", "vhostuser", "server", "client", "mcast",
             "network", "bridge", "internal", "direct", "hostdev", "udp",
             "vdpa", "null", "vds");
DX_ENUM_IMPL(dxNetModel, DX_NET_MODEL_LAST,
             "", "netfront", "rtl8139", "virtio", "e1000", "e1000e",
             "virtio-transitional", "virtio-non-transitional", "usb-net",
             "spapr-vlan", "lan9118", "smc91c111", "vlance", "vmxnet",
             "vmxnet2", "vmxnet3", "Am79C970A", "Am79C973", "82540EM",
             "82545EM", "82543GC");
DX_ENUM_IMPL(dxNetDriverName, DX_NET_DRIVER_LAST, "default", "qemu", "vhost");
DX_ENUM_IMPL(dxNetTxMode, DX_NET_TXMODE_LAST, "default", "iothread", "timer");
DX_ENUM_IMPL(dxNetLinkState, DX_NET_LINK_LAST, "default", "up", "down");
DX_ENUM_IMPL(dxNetMacType, DX_NET_MAC_TYPE_LAST, "", "generated", "static");
DX_ENUM_IMPL(dxNetDirectMode, DX_NET_DIRECT_LAST, "vepa", "private", "bridge", "passthrough");

/* characters libvirt accepts in a model name it does not know */
#define DX_NET_MODEL_CHARS \
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"

void
dxNetDefFree(dxNetDef *net)
{
    size_t i;
    if (!net)
        return;
    free(net->network.name);
    free(net->network.portgroup);
    free(net->bridge.brname);
    free(net->direct.linkdev);
    free(net->vhostuser.path);
    free(net->socket.address);
    free(net->socket.localaddr);
    free(net->internalName);
    free(net->vdpaDev);
    free(net->vds.portgroupID);
    dxHostdevDefFree(net->hostdev);
    dxNetIPInfoClear(&net->hostIP);
    dxNetVlanClear(&net->vlan);
    dxNetVportFree(net->vport);
    free(net->bandwidth);
    dxNetIPInfoClear(&net->guestIP);
    free(net->script);
    free(net->downscript);
    free(net->backendDomain);
    free(net->ifname);
    free(net->ifnameGuest);
    free(net->modelstr);
    free(net->backendTap);
    free(net->backendVhost);
    free(net->filter);
    for (i = 0; i < net->nfilterParams; i++) {
        free(net->filterParams[i].name);
        free(net->filterParams[i].value);
    }
    free(net->filterParams);
    free(net->teaming.persistent);
    dxDeviceInfoClear(&net->info);
    free(net);
}

const char *
dxNetModelString(const dxNetDef *net)
{
    if (net->model)
        return dxNetModelTypeToString(net->model);
    return net->modelstr;
}

bool
dxNetIsVirtioModel(const dxNetDef *net)
{
    return net->model == DX_NET_MODEL_VIRTIO ||
           net->model == DX_NET_MODEL_VIRTIO_TRANSITIONAL ||
           net->model == DX_NET_MODEL_VIRTIO_NON_TRANSITIONAL;
}

void
dxNetMacString(const dxNetDef *net, char out[DX_MAC_STRING_BUFLEN])
{
    dxMacAddrFormat(&net->mac, out);
}

/* ---- <mac>, <model> --------------------------------------------------------- */

static int
dxNetMacParse(dxNetDef *net, xmlNodePtr iface)
{
    xmlNodePtr node = dxXMLChild(iface, "mac");
    char *addr;
    int type = 0;

    if (!node) {
        dxMacAddrGenerate(&net->mac);
        net->macGenerated = true;
        return 0;
    }
    if (dxXMLPropEnum(node, "type", &dxNetMacTypeTable, DX_PROP_NONZERO, &type) < 0 ||
        dxXMLPropTristateBool(node, "check", 0, &net->macCheck) < 0)
        return -1;
    net->macType = type;
    if (!(addr = dxXMLPropString(node, "address"))) {
        dxMacAddrGenerate(&net->mac);
        net->macGenerated = true;
        return 0;
    }
    if (dxMacAddrParse(addr, &net->mac) < 0) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "unable to parse mac address '%s': expected six hexadecimal "
                      "octets such as 52:54:00:12:34:56", addr);
        free(addr);
        return -1;
    }
    if (dxMacAddrIsMulticast(&net->mac)) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "expected unicast mac address, found multicast '%s' (the lowest "
                      "bit of the first octet must be 0)", addr);
        free(addr);
        return -1;
    }
    free(addr);
    return 0;
}

static int
dxNetModelParse(dxNetDef *net, xmlNodePtr iface)
{
    xmlNodePtr node = dxXMLChild(iface, "model");
    char *type;
    int i;

    if (!node)
        return 0;
    if (dxXMLPropStringRequired(node, "type", &type) < 0)
        return -1;
    /* libvirt compares known model names without regard to case */
    for (i = 1; i < DX_NET_MODEL_LAST; i++) {
        if (strcasecmp(type, dxNetModelTypeToString(i)) == 0) {
            net->model = i;
            free(type);
            return 0;
        }
    }
    if (!*type || strspn(type, DX_NET_MODEL_CHARS) < strlen(type)) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "model name '%s' contains invalid characters: use letters, "
                      "digits, '_' and '-'", type);
        free(type);
        return -1;
    }
    net->modelstr = type;
    return 0;
}

/* ---- <source>, by type ---------------------------------------------------- */

static int
dxNetSourceAttrRequired(xmlNodePtr iface, xmlNodePtr source, const char *attr,
                        const char *type, char **out)
{
    if (source && (*out = dxXMLPropString(source, attr)))
        return 0;
    dxErrorReport(DX_ERR_INVALID, source ? source : iface,
                  "No <source> '%s' attribute specified with <interface type='%s'/>",
                  attr, type);
    return -1;
}

static int
dxNetVhostuserParse(dxNetDef *net, xmlNodePtr iface, xmlNodePtr source)
{
    xmlNodePtr reconnect;
    char *type = NULL, *mode = NULL;
    int rc = -1;

    if (!source) {
        dxErrorReport(DX_ERR_INVALID, iface,
                      "<interface type='vhostuser'> needs <source type='unix' path= mode=>");
        return -1;
    }
    if (dxXMLPropStringRequired(source, "type", &type) < 0 ||
        dxXMLPropStringRequired(source, "path", &net->vhostuser.path) < 0 ||
        dxXMLPropStringRequired(source, "mode", &mode) < 0)
        goto cleanup;
    if (strcmp(type, "unix") != 0) {
        dxErrorReport(DX_ERR_INVALID, source,
                      "type='%s' unsupported for <interface type='vhostuser'>: only 'unix'",
                      type);
        goto cleanup;
    }
    if (strcmp(mode, "server") == 0) {
        net->vhostuser.server = true;
    } else if (strcmp(mode, "client") != 0) {
        dxErrorReport(DX_ERR_INVALID, source,
                      "invalid mode '%s' for vhost-user socket: expected 'server' or 'client'",
                      mode);
        goto cleanup;
    }
    if ((reconnect = dxXMLChild(source, "reconnect"))) {
        int has;
        if (dxXMLPropTristateBool(reconnect, "enabled", DX_PROP_REQUIRED,
                                  &net->vhostuser.reconnect) < 0 ||
            (has = dxXMLPropUInt(reconnect, "timeout", 10, 0,
                                 &net->vhostuser.reconnectTimeout)) < 0)
            goto cleanup;
        if (net->vhostuser.reconnect == DX_TRISTATE_BOOL_YES && has == 0) {
            dxErrorReport(DX_ERR_INVALID, reconnect,
                          "missing timeout for chardev with reconnect enabled");
            goto cleanup;
        }
        if (net->vhostuser.reconnect == DX_TRISTATE_BOOL_NO && has == 1) {
            dxErrorReport(DX_ERR_INVALID, reconnect,
                          "reconnect timeout is set but reconnect is not enabled");
            goto cleanup;
        }
    }
    rc = 0;
 cleanup:
    free(type);
    free(mode);
    return rc;
}

static int
dxNetSocketParse(dxNetDef *net, xmlNodePtr iface, xmlNodePtr source)
{
    const char *type = dxNetTypeTypeToString(net->type);
    xmlNodePtr local;

    if (!source) {
        dxErrorReport(DX_ERR_INVALID, iface,
                      "<interface type='%s'> needs <source address= port=>", type);
        return -1;
    }
    net->socket.address = dxXMLPropString(source, "address");
    if (!net->socket.address && net->type != DX_NET_TYPE_SERVER) {
        dxErrorReport(DX_ERR_INVALID, source,
                      "No <source> 'address' attribute specified with socket interface");
        return -1;
    }
    if (dxXMLPropUInt(source, "port", 10, DX_PROP_REQUIRED, &net->socket.port) < 0)
        return -1;
    if (net->type != DX_NET_TYPE_UDP)
        return 0;
    if (!(local = dxXMLChild(source, "local"))) {
        dxErrorReport(DX_ERR_INVALID, source,
                      "<interface type='udp'> needs <local address= port=> in its <source>");
        return -1;
    }
    if (dxXMLPropStringRequired(local, "address", &net->socket.localaddr) < 0 ||
        dxXMLPropUInt(local, "port", 10, DX_PROP_REQUIRED, &net->socket.localport) < 0)
        return -1;
    return 0;
}

static int
dxNetVdsParse(dxNetDef *net, xmlNodePtr iface, xmlNodePtr source)
{
    int rc;
    if (!source) {
        dxErrorReport(DX_ERR_INVALID, iface, "<interface type='vds'> needs <source switchid=>");
        return -1;
    }
    if (dxXMLPropUUID(source, "switchid", DX_PROP_REQUIRED, net->vds.switchID) < 0 ||
        (rc = dxXMLPropLongLong(source, "portid", 10, 0, &net->vds.portID)) < 0)
        return -1;
    net->vds.hasPortID = rc == 1;
    net->vds.portgroupID = dxXMLPropString(source, "portgroupid");
    if ((rc = dxXMLPropLongLong(source, "connectionid", 10, 0, &net->vds.connectionID)) < 0)
        return -1;
    net->vds.hasConnectionID = rc == 1;
    return 0;
}

static int
dxNetHostdevParse(dxNetDef *net, xmlNodePtr iface, xmlNodePtr source)
{
    dxHostdevDef *h = dxHostdevDefNew();
    xmlNodePtr addr = source ? dxXMLChild(source, "address") : NULL;
    char *type = addr ? dxXMLPropString(addr, "type") : NULL;

    net->hostdev = h;
    h->parentnet = net;
    h->info = &net->info;
    h->mode = DX_HOSTDEV_MODE_SUBSYS;
    /* the source address says what kind of device it is; <vendor> alone
     * means USB */
    if (type && strcmp(type, "pci") == 0) {
        h->subsys = DX_HOSTDEV_SUBSYS_PCI;
    } else if ((type && strcmp(type, "usb") == 0) ||
               (!type && source && dxXMLChild(source, "vendor"))) {
        h->subsys = DX_HOSTDEV_SUBSYS_USB;
    } else {
        if (type)
            dxErrorReport(DX_ERR_INVALID, addr,
                          "unsupported source address type '%s' in <interface type='hostdev'>: "
                          "expected 'pci' or 'usb'", type);
        else
            dxErrorReport(DX_ERR_INVALID, source ? source : iface,
                          "missing source address type: <interface type='hostdev'> needs "
                          "<source><address type='pci' domain= bus= slot= function=/>");
        free(type);
        return -1;
    }
    free(type);
    return dxHostdevSubsysParse(h, iface);
}

static int
dxNetSourceParse(dxNetDef *net, xmlNodePtr iface)
{
    const char *type = dxNetTypeTypeToString(net->type);
    /* user and null take no source: an unread <source> is reported */
    xmlNodePtr source = net->type == DX_NET_TYPE_USER || net->type == DX_NET_TYPE_NULL ?
                        NULL : dxXMLChild(iface, "source");
    int mode = 0;

    switch (net->type) {
    case DX_NET_TYPE_NETWORK:
        if (dxNetSourceAttrRequired(iface, source, "network", type, &net->network.name) < 0)
            return -1;
        net->network.portgroup = dxXMLPropString(source, "portgroup");
        /* the port id is runtime state of a running domain: libvirt drops
         * it from the configuration, so do we */
        free(dxXMLPropString(source, "portid"));
        break;
    case DX_NET_TYPE_BRIDGE:
        return dxNetSourceAttrRequired(iface, source, "bridge", type, &net->bridge.brname);
    case DX_NET_TYPE_DIRECT:
        if (dxNetSourceAttrRequired(iface, source, "dev", type, &net->direct.linkdev) < 0 ||
            dxXMLPropEnum(source, "mode", &dxNetDirectModeTable, 0, &mode) < 0)
            return -1;
        net->direct.mode = mode;
        break;
    case DX_NET_TYPE_VHOSTUSER:
        return dxNetVhostuserParse(net, iface, source);
    case DX_NET_TYPE_SERVER:
    case DX_NET_TYPE_CLIENT:
    case DX_NET_TYPE_MCAST:
    case DX_NET_TYPE_UDP:
        return dxNetSocketParse(net, iface, source);
    case DX_NET_TYPE_INTERNAL:
        return dxNetSourceAttrRequired(iface, source, "name", type, &net->internalName);
    case DX_NET_TYPE_VDPA:
        return dxNetSourceAttrRequired(iface, source, "dev", type, &net->vdpaDev);
    case DX_NET_TYPE_VDS:
        return dxNetVdsParse(net, iface, source);
    case DX_NET_TYPE_HOSTDEV:
        return dxNetHostdevParse(net, iface, source);
    case DX_NET_TYPE_ETHERNET:
    case DX_NET_TYPE_USER:
    case DX_NET_TYPE_NULL:
    case DX_NET_TYPE_LAST:
        break;
    }
    return 0;
}

/* ---- <driver> of virtio NICs ----------------------------------------------- */

static int
dxNetHostOffloadsParse(xmlNodePtr node, dxNetHostOffloads *h)
{
    if (dxXMLPropTristateSwitch(node, "csum", 0, &h->csum) < 0 ||
        dxXMLPropTristateSwitch(node, "gso", 0, &h->gso) < 0 ||
        dxXMLPropTristateSwitch(node, "tso4", 0, &h->tso4) < 0 ||
        dxXMLPropTristateSwitch(node, "tso6", 0, &h->tso6) < 0 ||
        dxXMLPropTristateSwitch(node, "ecn", 0, &h->ecn) < 0 ||
        dxXMLPropTristateSwitch(node, "ufo", 0, &h->ufo) < 0 ||
        dxXMLPropTristateSwitch(node, "mrg_rxbuf", 0, &h->mrgRxbuf) < 0)
        return -1;
    return 0;
}

static int
dxNetGuestOffloadsParse(xmlNodePtr node, dxNetGuestOffloads *g)
{
    if (dxXMLPropTristateSwitch(node, "csum", 0, &g->csum) < 0 ||
        dxXMLPropTristateSwitch(node, "tso4", 0, &g->tso4) < 0 ||
        dxXMLPropTristateSwitch(node, "tso6", 0, &g->tso6) < 0 ||
        dxXMLPropTristateSwitch(node, "ecn", 0, &g->ecn) < 0 ||
        dxXMLPropTristateSwitch(node, "ufo", 0, &g->ufo) < 0)
        return -1;
    return 0;
}

static int
dxNetDriverParse(dxNetDef *net, xmlNodePtr driver)
{
    dxNetDriver *d = &net->driver;
    xmlNodePtr child;
    int name = 0, txmode = 0;

    net->hasDriver = true;
    if (dxXMLPropEnum(driver, "name", &dxNetDriverNameTable, DX_PROP_NONZERO, &name) < 0 ||
        dxXMLPropEnum(driver, "txmode", &dxNetTxModeTable, DX_PROP_NONZERO, &txmode) < 0 ||
        dxXMLPropTristateSwitch(driver, "ioeventfd", 0, &d->ioeventfd) < 0 ||
        dxXMLPropTristateSwitch(driver, "event_idx", 0, &d->eventIdx) < 0 ||
        dxXMLPropUInt(driver, "queues", 10, 0, &d->queues) < 0 ||
        dxXMLPropUInt(driver, "rx_queue_size", 10, 0, &d->rxQueueSize) < 0 ||
        dxXMLPropUInt(driver, "tx_queue_size", 10, 0, &d->txQueueSize) < 0 ||
        dxXMLPropTristateSwitch(driver, "rss", 0, &d->rss) < 0 ||
        dxXMLPropTristateSwitch(driver, "rss_hash_report", 0, &d->rssHashReport) < 0)
        return -1;
    d->name = name;
    d->txmode = txmode;
    /* one queue pair always exists: queues='1' says nothing */
    if (d->queues == 1)
        d->queues = 0;
    if ((child = dxXMLChild(driver, "host")) && dxNetHostOffloadsParse(child, &d->host) < 0)
        return -1;
    if ((child = dxXMLChild(driver, "guest")) && dxNetGuestOffloadsParse(child, &d->guest) < 0)
        return -1;
    return 0;
}

/* ---- the rest of <interface> ------------------------------------------------ */

static int
dxNetFilterrefParse(dxNetDef *net, xmlNodePtr node)
{
    if (dxXMLPropStringRequired(node, "filter", &net->filter) < 0)
        return -1;
    DX_XML_FOREACH_CHILD(node, p) {
        dxNetFilterParam param = { NULL, NULL };
        if (!dxXMLNameIs(p, "parameter") || p->ns)
            continue;
        dxXMLMarkUsed(p);
        if (dxXMLPropStringRequired(p, "name", &param.name) < 0 ||
            dxXMLPropStringRequired(p, "value", &param.value) < 0) {
            free(param.name);
            return -1;
        }
        DX_APPEND(net->filterParams, net->nfilterParams, param);
    }
    return 0;
}

static int
dxNetVportParseFor(dxNetDef *net, xmlNodePtr node)
{
    unsigned int flags = DX_VPORT_GENERATE_MISSING;

    switch (net->type) {
    case DX_NET_TYPE_NETWORK:
        /* the network may complete it: nothing is required here */
        break;
    case DX_NET_TYPE_BRIDGE:
    case DX_NET_TYPE_DIRECT:
    case DX_NET_TYPE_HOSTDEV:
        flags |= DX_VPORT_REQUIRE_TYPE | DX_VPORT_REQUIRE_ALL;
        break;
    default:
        dxErrorReport(DX_ERR_INVALID, node,
                      "<virtualport> element unsupported for <interface type='%s'>: only "
                      "network, bridge, direct and hostdev interfaces take one",
                      dxNetTypeTypeToString(net->type));
        return -1;
    }
    return (net->vport = dxNetVportParse(node, flags)) ? 0 : -1;
}

static int
dxNetTargetParse(dxNetDef *net, xmlNodePtr node)
{
    net->ifname = dxXMLPropString(node, "dev");
    return dxXMLPropTristateBool(node, "managed", 0, &net->managedTap) < 0 ? -1 : 0;
}

static int
dxNetTuneParse(dxNetDef *net, xmlNodePtr node)
{
    xmlNodePtr sndbuf = dxXMLChild(node, "sndbuf");
    if (!sndbuf)
        return 0;
    net->hasSndbuf = true;
    return dxXMLContentULongLong(sndbuf, &net->sndbuf) < 0 ? -1 : 0;
}

static int
dxNetCoalesceParse(dxNetDef *net, xmlNodePtr node)
{
    xmlNodePtr rx = dxXMLChild(node, "rx");
    xmlNodePtr frames = rx ? dxXMLChild(rx, "frames") : NULL;
    if (!frames)
        return 0;
    return dxXMLPropUInt(frames, "max", 10, 0, &net->coalesceRxMaxFrames) < 0 ? -1 : 0;
}

/* What only a virtio NIC uses is ignored for other models, as libvirt
 * ignores it: said once per element, and the names no longer count as
 * unknown (the schema allows them for every model). */
static void
dxNetIgnoreNonVirtio(const dxNetDef *net, xmlNodePtr node)
{
    dxBuf names = DX_BUF_INIT;
    xmlAttrPtr a;

    for (a = node->properties; a; a = a->next) {
        if (dxXMLIsUsed((xmlNodePtr)a))
            continue;
        dxBufAddf(&names, "%s%s", dxBufIsEmpty(&names) ? "" : ", ", (const char *)a->name);
        dxXMLMarkUsed((xmlNodePtr)a);
    }
    DX_XML_FOREACH_CHILD(node, child) {
        if (dxXMLIsUsed(child))
            continue;
        dxBufAddf(&names, "%s<%s>", dxBufIsEmpty(&names) ? "" : ", ", (const char *)child->name);
        dxXMLMarkSubtreeUsed(child);
    }
    if (!dxBufIsEmpty(&names) && net->type == DX_NET_TYPE_HOSTDEV)
        dxWarningReport(DX_ERR_UNKNOWN, node,
                        "%s in <%s> only apply to virtio NICs: ignored for "
                        "<interface type='hostdev'>",
                        dxBufContent(&names), (const char *)node->name);
    else if (!dxBufIsEmpty(&names))
        dxWarningReport(DX_ERR_UNKNOWN, node,
                        "%s in <%s> only apply to virtio NICs: ignored for model '%s'",
                        dxBufContent(&names), (const char *)node->name,
                        net->modelstr ? net->modelstr :
                        dxNullStr(dxNetModelTypeToString(net->model)));
    dxBufClear(&names);
}

static int
dxNetBackendParse(dxNetDef *net, xmlNodePtr node)
{
    net->backendTap = dxXMLPropString(node, "tap");
    /* only a virtio NIC has a vhost backend */
    if (dxNetIsVirtioModel(net))
        net->backendVhost = dxXMLPropString(node, "vhost");
    else
        dxNetIgnoreNonVirtio(net, node);
    return 0;
}

/* The simple children after <source>, each optional. */
static int
dxNetOptionsParse(dxNetDef *net, xmlNodePtr iface)
{
    xmlNodePtr n;

    if ((n = dxXMLChild(iface, "vlan")) && dxNetVlanParse(n, &net->vlan) < 0)
        return -1;
    if ((n = dxXMLChild(iface, "virtualport")) && dxNetVportParseFor(net, n) < 0)
        return -1;
    if ((n = dxXMLChild(iface, "bandwidth")) && !(net->bandwidth = dxNetBandwidthParse(n)))
        return -1;
    if ((n = dxXMLChild(iface, "port")) &&
        dxXMLPropTristateBool(n, "isolated", 0, &net->isolatedPort) < 0)
        return -1;
    if (dxNetIPInfoParse(iface, &net->guestIP) < 0)
        return -1;
    if ((n = dxXMLChild(iface, "script")) &&
        dxXMLPropStringRequired(n, "path", &net->script) < 0)
        return -1;
    if ((n = dxXMLChild(iface, "downscript")) &&
        dxXMLPropStringRequired(n, "path", &net->downscript) < 0)
        return -1;
    if ((n = dxXMLChild(iface, "backenddomain")) &&
        dxXMLPropStringRequired(n, "name", &net->backendDomain) < 0)
        return -1;
    if ((n = dxXMLChild(iface, "target")) && dxNetTargetParse(net, n) < 0)
        return -1;
    if ((n = dxXMLChild(iface, "guest")))
        net->ifnameGuest = dxXMLPropString(n, "dev");
    return 0;
}

static int
dxNetOptions2Parse(dxNetDef *net, xmlNodePtr iface)
{
    xmlNodePtr n;
    int state = 0;

    /* a hostdev's <driver> names its passthrough backend (read above);
     * other NICs have virtio-net options, ignored by libvirt for other
     * models, and the transport options, which QEMU checks later */
    if (net->type != DX_NET_TYPE_HOSTDEV && (n = dxXMLChild(iface, "driver"))) {
        if (dxVirtioOptionsParse(n, &net->virtio) < 0)
            return -1;
        if (dxNetIsVirtioModel(net) && dxNetDriverParse(net, n) < 0)
            return -1;
        if (!dxNetIsVirtioModel(net))
            dxNetIgnoreNonVirtio(net, n);
    } else if ((n = dxXMLChild(iface, "driver"))) {
        /* a hostdev's <driver name=> was read with its source */
        dxNetIgnoreNonVirtio(net, n);
    }
    if ((n = dxXMLChild(iface, "backend")) && dxNetBackendParse(net, n) < 0)
        return -1;
    if ((n = dxXMLChild(iface, "filterref")) && dxNetFilterrefParse(net, n) < 0)
        return -1;
    if ((n = dxXMLChild(iface, "tune")) && dxNetTuneParse(net, n) < 0)
        return -1;
    if ((n = dxXMLChild(iface, "teaming")) && dxTeamingParse(n, &net->teaming) < 0)
        return -1;
    if ((n = dxXMLChild(iface, "link"))) {
        if (dxXMLPropEnum(n, "state", &dxNetLinkStateTable, DX_PROP_NONZERO, &state) < 0)
            return -1;
        net->linkstate = state;
    }
    if ((n = dxXMLChild(iface, "mtu")) &&
        dxXMLPropUInt(n, "size", 10, DX_PROP_REQUIRED, &net->mtu) < 0)
        return -1;
    if ((n = dxXMLChild(iface, "coalesce")) && dxNetCoalesceParse(net, n) < 0)
        return -1;
    return 0;
}

int
dxNetParse(dxDomainDef *def, xmlNodePtr node)
{
    dxNetDef *net = dxNew(dxNetDef);
    xmlNodePtr source;
    int type;

    if (dxXMLPropEnum(node, "type", &dxNetTypeTable, DX_PROP_REQUIRED, &type) < 0)
        goto error;
    net->type = type;
    if (dxXMLPropTristateBool(node, "trustGuestRxFilters", 0, &net->trustGuestRxFilters) < 0 ||
        dxNetMacParse(net, node) < 0 ||
        dxNetModelParse(net, node) < 0 ||
        dxNetSourceParse(net, node) < 0)
        goto error;
    /* host-side addresses (ethernet); checked against the type later */
    if (net->type != DX_NET_TYPE_USER && net->type != DX_NET_TYPE_NULL &&
        (source = dxXMLChild(node, "source")) &&
        dxNetIPInfoParse(source, &net->hostIP) < 0)
        goto error;
    if (dxNetOptionsParse(net, node) < 0 || dxNetOptions2Parse(net, node) < 0)
        goto error;
    if (dxDeviceInfoParse(&net->info, node,
                          DX_INFO_ALLOW_BOOT | DX_INFO_ALLOW_ROM | DX_INFO_ALLOW_ACPI) < 0)
        goto error;
    DX_APPEND(def->nets, def->nnets, net);
    /* libvirt lists an SR-IOV interface among the hostdevs as well, and
     * (reading every <interface> before any <hostdev>) ahead of the
     * <hostdev> elements: that order decides ids and PCI slots */
    if (net->hostdev)
        dxDomainHostdevInsertNet(def, net->hostdev);
    return 0;

 error:
    dxNetDefFree(net);
    return -1;
}

/* ---- format ------------------------------------------------------------- */

static void
dxNetVhostuserSourceFormat(dxBuf *attrs, dxBuf *child, const dxNetDef *net)
{
    dxBufAttr(attrs, "type", "unix");
    dxBufAttr(attrs, "path", net->vhostuser.path);
    dxBufAttr(attrs, "mode", net->vhostuser.server ? "server" : "client");
    if (net->vhostuser.reconnect == DX_TRISTATE_BOOL_YES)
        dxBufAddf(child, "<reconnect enabled='yes' timeout='%u'/>\n",
                  net->vhostuser.reconnectTimeout);
    else if (net->vhostuser.reconnect == DX_TRISTATE_BOOL_NO)
        dxBufAddStr(child, "<reconnect enabled='no'/>\n");
}

static void
dxNetSocketSourceFormat(dxBuf *attrs, dxBuf *child, const dxNetDef *net)
{
    dxBufAttr(attrs, "address", net->socket.address);
    dxBufAddf(attrs, " port='%u'", net->socket.port);
    if (net->type == DX_NET_TYPE_UDP) {
        dxBufAddStr(child, "<local");
        dxBufAttr(child, "address", net->socket.localaddr);
        dxBufAddf(child, " port='%u'/>\n", net->socket.localport);
    }
}

static void
dxNetSourceFormat(dxBuf *buf, const dxNetDef *net)
{
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    char uuid[DX_UUID_STRING_BUFLEN];

    switch (net->type) {
    case DX_NET_TYPE_NETWORK:
        dxBufAttr(&attrs, "network", net->network.name);
        dxBufAttr(&attrs, "portgroup", net->network.portgroup);
        break;
    case DX_NET_TYPE_BRIDGE:
        dxBufAttr(&attrs, "bridge", net->bridge.brname);
        break;
    case DX_NET_TYPE_DIRECT:
        dxBufAttr(&attrs, "dev", net->direct.linkdev);
        dxBufAttr(&attrs, "mode", dxNetDirectModeTypeToString(net->direct.mode));
        break;
    case DX_NET_TYPE_VHOSTUSER:
        dxNetVhostuserSourceFormat(&attrs, &child, net);
        break;
    case DX_NET_TYPE_SERVER:
    case DX_NET_TYPE_CLIENT:
    case DX_NET_TYPE_MCAST:
    case DX_NET_TYPE_UDP:
        dxNetSocketSourceFormat(&attrs, &child, net);
        break;
    case DX_NET_TYPE_INTERNAL:
        dxBufAttr(&attrs, "name", net->internalName);
        break;
    case DX_NET_TYPE_VDPA:
        dxBufAttr(&attrs, "dev", net->vdpaDev);
        break;
    case DX_NET_TYPE_VDS:
        dxUUIDFormat(net->vds.switchID, uuid);
        dxBufAttr(&attrs, "switchid", uuid);
        if (net->vds.hasPortID)
            dxBufAddf(&attrs, " portid='%lld'", net->vds.portID);
        dxBufAttr(&attrs, "portgroupid", net->vds.portgroupID);
        if (net->vds.hasConnectionID)
            dxBufAddf(&attrs, " connectionid='%lld'", net->vds.connectionID);
        break;
    case DX_NET_TYPE_HOSTDEV:
        dxHostdevSubsysSourceFormat(buf, net->hostdev, true);
        return;
    case DX_NET_TYPE_ETHERNET:
    case DX_NET_TYPE_USER:
    case DX_NET_TYPE_NULL:
    case DX_NET_TYPE_LAST:
        break;
    }
    dxNetIPInfoFormat(&child, &net->hostIP);
    dxBufElement(buf, "source", &attrs, &child);
}

static void
dxNetDriverFormat(dxBuf *buf, const dxNetDef *net)
{
    const dxNetDriver *d = &net->driver;
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    dxBuf sub = DX_BUF_INIT;

#define DX_SW(b, name, v) \
    do { if (v) dxBufAttr(b, name, dxTristateSwitchTypeToString(v)); } while (0)
    if (d->name)
        dxBufAttr(&attrs, "name", dxNetDriverNameTypeToString(d->name));
    if (d->txmode)
        dxBufAttr(&attrs, "txmode", dxNetTxModeTypeToString(d->txmode));
    DX_SW(&attrs, "ioeventfd", d->ioeventfd);
    DX_SW(&attrs, "event_idx", d->eventIdx);
    if (d->queues)
        dxBufAddf(&attrs, " queues='%u'", d->queues);
    if (d->rxQueueSize)
        dxBufAddf(&attrs, " rx_queue_size='%u'", d->rxQueueSize);
    if (d->txQueueSize)
        dxBufAddf(&attrs, " tx_queue_size='%u'", d->txQueueSize);
    DX_SW(&attrs, "rss", d->rss);
    DX_SW(&attrs, "rss_hash_report", d->rssHashReport);
    dxVirtioOptionsFormat(&attrs, &net->virtio);

    DX_SW(&sub, "csum", d->host.csum);
    DX_SW(&sub, "gso", d->host.gso);
    DX_SW(&sub, "tso4", d->host.tso4);
    DX_SW(&sub, "tso6", d->host.tso6);
    DX_SW(&sub, "ecn", d->host.ecn);
    DX_SW(&sub, "ufo", d->host.ufo);
    DX_SW(&sub, "mrg_rxbuf", d->host.mrgRxbuf);
    dxBufElement(&child, "host", &sub, NULL);
    DX_SW(&sub, "csum", d->guest.csum);
    DX_SW(&sub, "tso4", d->guest.tso4);
    DX_SW(&sub, "tso6", d->guest.tso6);
    DX_SW(&sub, "ecn", d->guest.ecn);
    DX_SW(&sub, "ufo", d->guest.ufo);
    dxBufElement(&child, "guest", &sub, NULL);
#undef DX_SW
    dxBufElement(buf, "driver", &attrs, &child);
}

static int
dxNetFilterParamCmp(const void *a, const void *b)
{
    const dxNetFilterParam *const *pa = a;
    const dxNetFilterParam *const *pb = b;
    int rc = strcmp((*pa)->name, (*pb)->name);
    /* equal names keep their order: one parameter with several values */
    if (rc == 0)
        rc = *pa < *pb ? -1 : *pa > *pb;
    return rc;
}

static void
dxNetFilterrefFormat(dxBuf *buf, const dxNetDef *net)
{
    const dxNetFilterParam **sorted;
    size_t i;

    if (!net->filter)
        return;
    dxBufAddStr(buf, "<filterref");
    dxBufAttr(buf, "filter", net->filter);
    if (net->nfilterParams == 0) {
        dxBufAddStr(buf, "/>\n");
        return;
    }
    dxBufAddStr(buf, ">\n");
    /* libvirt writes parameters sorted by name */
    sorted = dxNewN(const dxNetFilterParam *, net->nfilterParams);
    for (i = 0; i < net->nfilterParams; i++)
        sorted[i] = &net->filterParams[i];
    qsort(sorted, net->nfilterParams, sizeof(*sorted), dxNetFilterParamCmp);
    dxBufAdjustIndent(buf, 2);
    for (i = 0; i < net->nfilterParams; i++) {
        dxBufAddStr(buf, "<parameter");
        dxBufAttr(buf, "name", sorted[i]->name);
        dxBufAttr(buf, "value", sorted[i]->value);
        dxBufAddStr(buf, "/>\n");
    }
    dxBufAdjustIndent(buf, -2);
    dxBufAddStr(buf, "</filterref>\n");
    free(sorted);
}

/* Everything between <source> and <model>. */
static void
dxNetMiddleFormat(dxBuf *buf, const dxNetDef *net)
{
    dxBuf attrs = DX_BUF_INIT;

    dxNetVlanFormat(buf, &net->vlan);
    dxNetVportFormat(buf, net->vport);
    dxNetBandwidthFormat(buf, net->bandwidth);
    if (net->isolatedPort)
        dxBufAddf(buf, "<port isolated='%s'/>\n",
                  dxTristateBoolTypeToString(net->isolatedPort));
    dxNetIPInfoFormat(buf, &net->guestIP);
    if (net->script) {
        dxBufAddStr(buf, "<script");
        dxBufAttr(buf, "path", net->script);
        dxBufAddStr(buf, "/>\n");
    }
    if (net->downscript) {
        dxBufAddStr(buf, "<downscript");
        dxBufAttr(buf, "path", net->downscript);
        dxBufAddStr(buf, "/>\n");
    }
    if (net->backendDomain) {
        dxBufAddStr(buf, "<backenddomain");
        dxBufAttr(buf, "name", net->backendDomain);
        dxBufAddStr(buf, "/>\n");
    }
    dxBufAttr(&attrs, "dev", net->ifname);
    if (net->managedTap)
        dxBufAttr(&attrs, "managed", dxTristateBoolTypeToString(net->managedTap));
    dxBufElement(buf, "target", &attrs, NULL);
    if (net->ifnameGuest) {
        dxBufAddStr(buf, "<guest");
        dxBufAttr(buf, "dev", net->ifnameGuest);
        dxBufAddStr(buf, "/>\n");
    }
}

/* Everything from <model> to the device info. */
static void
dxNetTailFormat(dxBuf *buf, const dxNetDef *net)
{
    if (dxNetModelString(net)) {
        dxBufAddStr(buf, "<model");
        dxBufAttr(buf, "type", dxNetModelString(net));
        dxBufAddStr(buf, "/>\n");
        if (net->type != DX_NET_TYPE_HOSTDEV && dxNetIsVirtioModel(net))
            dxNetDriverFormat(buf, net);
    }
    if (net->backendTap || net->backendVhost) {
        dxBufAddStr(buf, "<backend");
        dxBufAttr(buf, "tap", net->backendTap);
        dxBufAttr(buf, "vhost", net->backendVhost);
        dxBufAddStr(buf, "/>\n");
    }
    dxNetFilterrefFormat(buf, net);
    if (net->hasSndbuf)
        dxBufAddf(buf, "<tune>\n  <sndbuf>%llu</sndbuf>\n</tune>\n", net->sndbuf);
    dxTeamingFormat(buf, &net->teaming);
    if (net->linkstate)
        dxBufAddf(buf, "<link state='%s'/>\n", dxNetLinkStateTypeToString(net->linkstate));
    if (net->mtu)
        dxBufAddf(buf, "<mtu size='%u'/>\n", net->mtu);
    if (net->coalesceRxMaxFrames)
        dxBufAddf(buf, "<coalesce>\n  <rx>\n    <frames max='%u'/>\n  </rx>\n</coalesce>\n",
                  net->coalesceRxMaxFrames);
    dxDeviceInfoFormat(buf, &net->info,
                       DX_INFO_ALLOW_BOOT | DX_INFO_ALLOW_ROM | DX_INFO_ALLOW_ACPI);
}

void
dxNetFormat(dxBuf *buf, const dxNetDef *net)
{
    char mac[DX_MAC_STRING_BUFLEN];

    dxBufAddf(buf, "<interface type='%s'", dxNetTypeTypeToString(net->type));
    if (net->hostdev && net->hostdev->managed)
        dxBufAddStr(buf, " managed='yes'");
    if (net->trustGuestRxFilters)
        dxBufAttr(buf, "trustGuestRxFilters",
                  dxTristateBoolTypeToString(net->trustGuestRxFilters));
    dxBufAddStr(buf, ">\n");
    dxBufAdjustIndent(buf, 2);
    dxMacAddrFormat(&net->mac, mac);
    dxBufAddf(buf, "<mac address='%s'", mac);
    if (net->macType)
        dxBufAttr(buf, "type", dxNetMacTypeTypeToString(net->macType));
    if (net->macCheck)
        dxBufAttr(buf, "check", dxTristateBoolTypeToString(net->macCheck));
    dxBufAddStr(buf, "/>\n");
    dxNetSourceFormat(buf, net);
    dxNetMiddleFormat(buf, net);
    dxNetTailFormat(buf, net);
    dxBufAdjustIndent(buf, -2);
    dxBufAddStr(buf, "</interface>\n");
}

/* ---- generic rules --------------------------------------------------------- */

static int
dxNetValidateOne(const dxNetDef *net)
{
    const char *type = dxNetTypeTypeToString(net->type);
    char mac[DX_MAC_STRING_BUFLEN];
    int rc = 0;

    dxNetMacString(net, mac);
    if (!dxNetIPInfoIsEmpty(&net->hostIP) && net->type != DX_NET_TYPE_ETHERNET) {
        dxErrorReportLoc(DX_ERR_INVALID, &net->info.loc,
                         "Invalid attempt to set network interface host-side IP route "
                         "and/or address info on interface of type '%s': only type "
                         "'ethernet' supports it", type);
        rc = -1;
    }
    if (net->managedTap == DX_TRISTATE_BOOL_NO && net->type != DX_NET_TYPE_ETHERNET) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &net->info.loc,
                         "unmanaged target dev is not supported on interfaces of type '%s'",
                         type);
        rc = -1;
    }
    if (net->managedTap == DX_TRISTATE_BOOL_NO && !net->ifname) {
        dxErrorReportLoc(DX_ERR_INVALID, &net->info.loc,
                         "interface %s: <target managed='no'> needs the name of the "
                         "existing tap device in 'dev'", mac);
        rc = -1;
    }
    if (net->bandwidth && net->bandwidth->in.floor && net->type != DX_NET_TYPE_NETWORK) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &net->info.loc,
                         "interface %s: a bandwidth floor is only supported for "
                         "interfaces of type 'network'", mac);
        rc = -1;
    }
    if (net->driver.rxQueueSize & (net->driver.rxQueueSize - 1)) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &net->info.loc,
                         "rx_queue_size has to be a power of two");
        rc = -1;
    }
    if (net->driver.txQueueSize & (net->driver.txQueueSize - 1)) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &net->info.loc,
                         "tx_queue_size has to be a power of two");
        rc = -1;
    }
    return rc;
}

int
dxNetsValidate(const dxDomainDef *def)
{
    size_t i;
    int rc = 0;
    for (i = 0; i < def->nnets; i++) {
        if (dxNetValidateOne(def->nets[i]) < 0)
            rc = -1;
    }
    return rc;
}
