/* domain_hostdev.c: <hostdev> parse, format and checks, and the
 * subsystem part shared with <interface type='hostdev'>. */
#include "hostdev_conf.h"
#include "controller_conf.h"
#include "devices.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

DX_ENUM_IMPL(dxHostdevMode, DX_HOSTDEV_MODE_LAST, "subsystem", "capabilities");
DX_ENUM_IMPL(dxHostdevSubsys, DX_HOSTDEV_SUBSYS_LAST,
             "usb", "pci", "scsi", "scsi_host", "mdev");
DX_ENUM_IMPL(dxHostdevCaps, DX_HOSTDEV_CAPS_LAST, "storage", "misc", "net");
DX_ENUM_IMPL(dxHostdevPCIBackend, DX_HOSTDEV_PCI_BACKEND_LAST,
             "default", "kvm", "vfio", "xen");
DX_ENUM_IMPL(dxHostdevStartupPolicy, DX_HOSTDEV_STARTUP_LAST,
             "default", "mandatory", "requisite", "optional");
DX_ENUM_IMPL(dxHostdevUSBGuestReset, DX_HOSTDEV_USB_RESET_LAST,
             "default", "off", "uninitialized", "on");
DX_ENUM_IMPL(dxHostdevSCSIProtocol, DX_HOSTDEV_SCSI_PROTOCOL_LAST, "adapter", "iscsi");
DX_ENUM_IMPL(dxHostdevSgio, DX_HOSTDEV_SGIO_LAST, "default", "filtered", "unfiltered");
DX_ENUM_IMPL(dxHostdevSCSIHostModel, DX_HOSTDEV_SCSI_HOST_MODEL_LAST,
             "default", "virtio", "virtio-transitional", "virtio-non-transitional");
DX_ENUM_IMPL(dxMdevModel, DX_MDEV_MODEL_LAST, "vfio-pci", "vfio-ccw", "vfio-ap");
DX_ENUM_IMPL(dxTeaming, DX_HOSTDEV_TEAMING_LAST, "none", "persistent", "transient");

/* protocol='vhost' is the only value of a scsi_host source */
typedef enum {
    DX_HOSTDEV_SCSI_HOST_PROTOCOL_NONE = 0,
    DX_HOSTDEV_SCSI_HOST_PROTOCOL_VHOST,
    DX_HOSTDEV_SCSI_HOST_PROTOCOL_LAST
} dxHostdevSCSIHostProtocol;
DX_ENUM_DECL(dxHostdevSCSIHostProtocol);
DX_ENUM_IMPL(dxHostdevSCSIHostProtocol, DX_HOSTDEV_SCSI_HOST_PROTOCOL_LAST, "none", "vhost");

dxHostdevDef *
dxHostdevDefNew(void)
{
    dxHostdevDef *hostdev = dxNew(dxHostdevDef);
    hostdev->info = &hostdev->ownInfo;
    return hostdev;
}

void
dxHostdevDefFree(dxHostdevDef *h)
{
    if (!h)
        return;
    dxDeviceInfoClear(&h->ownInfo);
    free(h->teaming.persistent);
    free(h->scsi.adapter);
    free(h->scsi.iqn);
    free(h->scsi.host.name);
    free(h->scsi.host.port);
    free(h->scsi.authUsername);
    free(h->scsi.secretUsage);
    free(h->scsi.initiatorIqn);
    free(h->scsiHost.wwpn);
    free(h->capsPath);
    free(h->capsIfname);
    dxNetIPInfoClear(&h->capsIP);
    free(h);
}

void
dxPCIHostAddrFormat(const dxPCIAddress *a, char out[DX_PCI_HOST_ADDR_BUFLEN])
{
    snprintf(out, DX_PCI_HOST_ADDR_BUFLEN, "%04x:%02x:%02x.%u",
             a->domain & 0xFFFF, a->bus & 0xFF, a->slot & 0x1F, a->function & 7);
}

/* ---- <teaming> ------------------------------------------------------------- */

int
dxTeamingParse(xmlNodePtr node, dxTeaming *teaming)
{
    int type;
    if (dxXMLPropEnum(node, "type", &dxTeamingTable, DX_PROP_REQUIRED | DX_PROP_NONZERO,
                      &type) < 0)
        return -1;
    teaming->type = type;
    teaming->persistent = dxXMLPropString(node, "persistent");
    if (teaming->type == DX_HOSTDEV_TEAMING_TRANSIENT && !teaming->persistent) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "teaming persistent attribute must be set if teaming type is 'transient'");
        return -1;
    }
    if (teaming->type != DX_HOSTDEV_TEAMING_TRANSIENT && teaming->persistent) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "teaming persistent attribute not allowed if teaming type is '%s'",
                      dxTeamingTypeToString(teaming->type));
        return -1;
    }
    return 0;
}

void
dxTeamingFormat(dxBuf *buf, const dxTeaming *teaming)
{
    if (!teaming->type)
        return;
    dxBufAddf(buf, "<teaming type='%s'", dxTeamingTypeToString(teaming->type));
    dxBufAttr(buf, "persistent", teaming->persistent);
    dxBufAddStr(buf, "/>\n");
}

/* ---- subsystem sources: parse --------------------------------------------- */

static int
dxHostdevUSBIdParse(xmlNodePtr node, unsigned int *id)
{
    if (dxXMLPropUInt(node, "id", 0, DX_PROP_REQUIRED, id) < 0)
        return -1;
    if (*id == 0 || *id > 0xFFFF) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "USB %s id '0x%x' is invalid: it must be between 0x0001 and 0xffff",
                      (const char *)node->name, *id);
        return -1;
    }
    return 0;
}

static int
dxHostdevUSBSourceParse(dxHostdevDef *h, xmlNodePtr source)
{
    xmlNodePtr vendor = dxXMLChild(source, "vendor");
    xmlNodePtr product = dxXMLChild(source, "product");
    xmlNodePtr addr = dxXMLChild(source, "address");
    int reset = 0;

    if (dxXMLPropEnum(source, "guestReset", &dxHostdevUSBGuestResetTable,
                      DX_PROP_NONZERO, &reset) < 0)
        return -1;
    h->usb.guestReset = reset;
    if (!vendor != !product) {
        dxErrorReport(DX_ERR_INVALID, source,
                      "a USB host device needs both <vendor id> and <product id>, or neither");
        return -1;
    }
    if (vendor) {
        h->usb.hasVendor = true;
        if (dxHostdevUSBIdParse(vendor, &h->usb.vendor) < 0 ||
            dxHostdevUSBIdParse(product, &h->usb.product) < 0)
            return -1;
    }
    if (addr) {
        h->usb.hasAddress = true;
        if (dxXMLPropUInt(addr, "bus", 0, DX_PROP_REQUIRED, &h->usb.bus) < 0 ||
            dxXMLPropUInt(addr, "device", 0, DX_PROP_REQUIRED, &h->usb.device) < 0)
            return -1;
    }
    if (!vendor && !addr) {
        dxErrorReport(DX_ERR_INVALID, source,
                      "a USB host device needs <vendor id>/<product id> or "
                      "<address bus device> in its <source>");
        return -1;
    }
    return 0;
}

static int
dxHostdevPCISourceParse(dxHostdevDef *h, xmlNodePtr source)
{
    xmlNodePtr addr = dxXMLChild(source, "address");

    if (dxXMLPropTristateBool(source, "writeFiltering", 0, &h->writeFiltering) < 0)
        return -1;
    if (!addr) {
        dxErrorReport(DX_ERR_INVALID, source,
                      "a PCI host device needs <address domain bus slot function> in its "
                      "<source>");
        return -1;
    }
    /* inside <interface> the address says type='pci'; nothing else fits */
    if (h->parentnet && dxXMLHasProp(addr, "type")) {
        char *type = dxXMLPropString(addr, "type");
        bool ok = strcmp(type, "pci") == 0;
        if (!ok)
            dxErrorReport(DX_ERR_INVALID, addr,
                          "unsupported source address type '%s' for a PCI host device",
                          type);
        free(type);
        if (!ok)
            return -1;
    }
    return dxPCIAddressParseXML(addr, &h->pci.addr);
}

static int
dxHostdevISCSIAuthParse(dxHostdevDef *h, xmlNodePtr auth)
{
    xmlNodePtr secret;
    int rc;

    if (dxXMLPropStringRequired(auth, "username", &h->scsi.authUsername) < 0)
        return -1;
    if (!(secret = dxXMLChild(auth, "secret"))) {
        dxErrorReport(DX_ERR_INVALID, auth, "<auth> needs a <secret type='iscsi'> child");
        return -1;
    }
    if (dxXMLHasProp(secret, "type")) {
        char *type = dxXMLPropString(secret, "type");
        rc = strcmp(type, "iscsi") == 0 ? 0 : -1;
        if (rc < 0)
            dxErrorReport(DX_ERR_INVALID, secret,
                          "invalid secret type '%s' for an iSCSI hostdev: expected 'iscsi'",
                          type);
        free(type);
        if (rc < 0)
            return -1;
    }
    h->scsi.secretUsage = dxXMLPropString(secret, "usage");
    if ((rc = dxXMLPropUUID(secret, "uuid", 0, h->scsi.secretUUID)) < 0)
        return -1;
    h->scsi.hasSecretUUID = rc == 1;
    if (!h->scsi.secretUsage == !h->scsi.hasSecretUUID) {
        dxErrorReport(DX_ERR_INVALID, secret, "a <secret> needs either 'uuid' or 'usage'");
        return -1;
    }
    return 0;
}

static int
dxHostdevISCSIParse(dxHostdevDef *h, xmlNodePtr source)
{
    xmlNodePtr host = dxXMLChild(source, "host");
    xmlNodePtr auth = dxXMLChild(source, "auth");
    xmlNodePtr initiator = dxXMLChild(source, "initiator");
    xmlNodePtr iqn;

    if (!(h->scsi.iqn = dxXMLPropString(source, "name"))) {
        dxErrorReport(DX_ERR_INVALID, source, "missing iSCSI hostdev source path name");
        return -1;
    }
    /* the name is "TARGET/LUN"; a bare target means LUN 0 */
    if (!strchr(h->scsi.iqn, '/')) {
        char *full = dxAsprintf("%s/0", h->scsi.iqn);
        free(h->scsi.iqn);
        h->scsi.iqn = full;
    }
    if (!host) {
        dxErrorReport(DX_ERR_INVALID, source,
                      "missing the host address (<host name port>) of the iSCSI hostdev");
        return -1;
    }
    if (dxXMLPropStringRequired(host, "name", &h->scsi.host.name) < 0)
        return -1;
    h->scsi.host.port = dxXMLPropString(host, "port");
    if (auth && dxHostdevISCSIAuthParse(h, auth) < 0)
        return -1;
    if (initiator) {
        if (!(iqn = dxXMLChild(initiator, "iqn"))) {
            dxErrorReport(DX_ERR_INVALID, initiator, "<initiator> needs an <iqn name>");
            return -1;
        }
        if (dxXMLPropStringRequired(iqn, "name", &h->scsi.initiatorIqn) < 0)
            return -1;
    }
    return 0;
}

static int
dxHostdevSCSISourceParse(dxHostdevDef *h, xmlNodePtr source)
{
    xmlNodePtr adapter, addr;
    int protocol = 0;

    if (dxXMLPropEnum(source, "protocol", &dxHostdevSCSIProtocolTable, DX_PROP_NONZERO,
                      &protocol) < 0)
        return -1;
    h->scsi.protocol = protocol;
    if (h->scsi.protocol == DX_HOSTDEV_SCSI_PROTOCOL_ISCSI)
        return dxHostdevISCSIParse(h, source);

    if (!(addr = dxXMLChild(source, "address"))) {
        dxErrorReport(DX_ERR_INVALID, source,
                      "'address' must be specified for scsi hostdev source");
        return -1;
    }
    if (!(adapter = dxXMLChild(source, "adapter")) ||
        !(h->scsi.adapter = dxXMLPropString(adapter, "name"))) {
        dxErrorReport(DX_ERR_INVALID, adapter ? adapter : source,
                      "'adapter' name must be specified for scsi hostdev source");
        return -1;
    }
    if (dxXMLPropUInt(addr, "bus", 0, DX_PROP_REQUIRED, &h->scsi.bus) < 0 ||
        dxXMLPropUInt(addr, "target", 0, DX_PROP_REQUIRED, &h->scsi.target) < 0 ||
        dxXMLPropULongLong(addr, "unit", 0, DX_PROP_REQUIRED, &h->scsi.unit) < 0)
        return -1;
    return 0;
}

/* naa.<16 hexadecimal digits> */
static bool
dxWWPNIsValid(const char *wwpn)
{
    size_t i;
    if (strncmp(wwpn, "naa.", 4) != 0 || strlen(wwpn) != 4 + 16)
        return false;
    for (i = 4; wwpn[i]; i++) {
        if (!isxdigit((unsigned char)wwpn[i]))
            return false;
    }
    return true;
}

static int
dxHostdevSCSIHostSourceParse(dxHostdevDef *h, xmlNodePtr source)
{
    int protocol = 0;
    if (dxXMLPropEnum(source, "protocol", &dxHostdevSCSIHostProtocolTable,
                      DX_PROP_NONZERO, &protocol) < 0)
        return -1;
    if (!protocol) {
        dxErrorReport(DX_ERR_INVALID, source,
                      "missing scsi_host subsystem protocol: expected protocol='vhost'");
        return -1;
    }
    if (!(h->scsiHost.wwpn = dxXMLPropString(source, "wwpn"))) {
        dxErrorReport(DX_ERR_INVALID, source, "missing vhost-scsi hostdev source wwpn");
        return -1;
    }
    if (!dxWWPNIsValid(h->scsiHost.wwpn)) {
        dxErrorReport(DX_ERR_INVALID, source,
                      "malformed 'wwpn' value '%s': expected 'naa.' and 16 hexadecimal digits",
                      h->scsiHost.wwpn);
        return -1;
    }
    return 0;
}

static int
dxHostdevMdevSourceParse(dxHostdevDef *h, xmlNodePtr source)
{
    xmlNodePtr addr = dxXMLChild(source, "address");
    int rc;
    if (!addr) {
        dxErrorReport(DX_ERR_INVALID, source,
                      "a mediated device needs <address uuid> in its <source>");
        return -1;
    }
    if ((rc = dxXMLPropUUID(addr, "uuid", 0, h->mdev.uuid)) < 0)
        return -1;
    if (rc == 0) {
        dxErrorReport(DX_ERR_UNSUPPORTED, addr, "Missing 'uuid' attribute for element <address>");
        return -1;
    }
    return 0;
}

/* Attributes of <hostdev> (or <interface>) that belong to one subsystem. */
static int
dxHostdevSubsysAttrsParse(dxHostdevDef *h, xmlNodePtr node)
{
    int sgio = 0, model = 0;
    bool scsi = h->subsys == DX_HOSTDEV_SUBSYS_SCSI;

    if (!scsi && dxXMLHasProp(node, "sgio")) {
        dxErrorReport(DX_ERR_INVALID, node, "sgio is only supported for scsi host devices");
        return -1;
    }
    if (!scsi && dxXMLHasProp(node, "rawio")) {
        dxErrorReport(DX_ERR_INVALID, node, "rawio is only supported for scsi host devices");
        return -1;
    }
    if (scsi &&
        (dxXMLPropEnum(node, "sgio", &dxHostdevSgioTable, DX_PROP_NONZERO, &sgio) < 0 ||
         dxXMLPropTristateBool(node, "rawio", 0, &h->scsi.rawio) < 0))
        return -1;
    h->scsi.sgio = sgio;

    switch (h->subsys) {
    case DX_HOSTDEV_SUBSYS_SCSI_HOST:
        if (dxXMLPropEnum(node, "model", &dxHostdevSCSIHostModelTable, DX_PROP_NONZERO,
                          &model) < 0)
            return -1;
        h->scsiHost.model = model;
        break;
    case DX_HOSTDEV_SUBSYS_MDEV:
        if (dxXMLPropEnum(node, "model", &dxMdevModelTable, DX_PROP_REQUIRED, &model) < 0 ||
            dxXMLPropTristateSwitch(node, "display", 0, &h->mdev.display) < 0 ||
            dxXMLPropTristateSwitch(node, "ramfb", 0, &h->mdev.ramfb) < 0)
            return -1;
        h->mdev.model = model;
        break;
    case DX_HOSTDEV_SUBSYS_USB:
    case DX_HOSTDEV_SUBSYS_PCI:
    case DX_HOSTDEV_SUBSYS_SCSI:
    case DX_HOSTDEV_SUBSYS_LAST:
        if (dxXMLHasProp(node, "model")) {
            dxErrorReport(DX_ERR_INVALID, node,
                          "'model' in <hostdev> is only supported for type 'scsi_host' and "
                          "'mdev'");
            return -1;
        }
        break;
    }
    return 0;
}

static int
dxHostdevPCIDriverParse(dxHostdevDef *h, xmlNodePtr node)
{
    xmlNodePtr driver = dxXMLChild(node, "driver");
    int backend = 0;
    if (!driver)
        return 0;
    if (dxXMLPropEnum(driver, "name", &dxHostdevPCIBackendTable, DX_PROP_NONZERO,
                      &backend) < 0)
        return -1;
    h->pci.backend = backend;
    return 0;
}

int
dxHostdevSubsysParse(dxHostdevDef *h, xmlNodePtr node)
{
    xmlNodePtr source;
    dxTristateBool managed = DX_TRISTATE_BOOL_ABSENT;
    int policy = 0;

    if (dxXMLPropTristateBool(node, "managed", 0, &managed) < 0)
        return -1;
    h->managed = managed == DX_TRISTATE_BOOL_YES;
    if (dxHostdevSubsysAttrsParse(h, node) < 0)
        return -1;
    if (!(source = dxXMLChild(node, "source"))) {
        dxErrorReport(DX_ERR_INVALID, node, "Missing <source> element in hostdev device");
        return -1;
    }
    if (dxXMLHasProp(source, "startupPolicy")) {
        if (h->subsys != DX_HOSTDEV_SUBSYS_USB) {
            dxErrorReport(DX_ERR_UNSUPPORTED, source,
                          "Setting startupPolicy is only allowed for USB devices");
            return -1;
        }
        if (dxXMLPropEnum(source, "startupPolicy", &dxHostdevStartupPolicyTable,
                          DX_PROP_NONZERO, &policy) < 0)
            return -1;
        h->startupPolicy = policy;
    }
    switch (h->subsys) {
    case DX_HOSTDEV_SUBSYS_PCI:
        if (dxHostdevPCIDriverParse(h, node) < 0)
            return -1;
        return dxHostdevPCISourceParse(h, source);
    case DX_HOSTDEV_SUBSYS_USB:
        return dxHostdevUSBSourceParse(h, source);
    case DX_HOSTDEV_SUBSYS_SCSI:
        return dxHostdevSCSISourceParse(h, source);
    case DX_HOSTDEV_SUBSYS_SCSI_HOST:
        return dxHostdevSCSIHostSourceParse(h, source);
    case DX_HOSTDEV_SUBSYS_MDEV:
        return dxHostdevMdevSourceParse(h, source);
    case DX_HOSTDEV_SUBSYS_LAST:
        break;
    }
    return 0;
}

/* ---- mode='capabilities' ---------------------------------------------------- */

static int
dxHostdevCapsParse(dxHostdevDef *h, xmlNodePtr node)
{
    static const char *const elem[DX_HOSTDEV_CAPS_LAST] = { "block", "char", "interface" };
    xmlNodePtr source = dxXMLChild(node, "source");
    xmlNodePtr child;
    int type;

    if (dxXMLPropEnum(node, "type", &dxHostdevCapsTable, DX_PROP_REQUIRED, &type) < 0)
        return -1;
    h->caps = type;
    if (!source || !(child = dxXMLChild(source, elem[h->caps]))) {
        dxErrorReport(DX_ERR_INVALID, source ? source : node,
                      "<hostdev mode='capabilities' type='%s'> needs <source><%s>...</%s>"
                      "</source>", dxHostdevCapsTypeToString(h->caps),
                      elem[h->caps], elem[h->caps]);
        return -1;
    }
    if (h->caps == DX_HOSTDEV_CAPS_NET) {
        h->capsIfname = dxXMLContent(child);
        return dxNetIPInfoParse(node, &h->capsIP);
    }
    h->capsPath = dxXMLContent(child);
    return 0;
}

/* ---- <hostdev> ------------------------------------------------------------ */

static int
dxHostdevTailParse(dxHostdevDef *h, xmlNodePtr node)
{
    xmlNodePtr child;

    /* only SCSI disks can be shared or read-only */
    if (h->mode == DX_HOSTDEV_MODE_SUBSYS && h->subsys == DX_HOSTDEV_SUBSYS_SCSI) {
        h->readonly = dxXMLChild(node, "readonly") != NULL;
        h->shareable = dxXMLChild(node, "shareable") != NULL;
    }
    if ((child = dxXMLChild(node, "teaming"))) {
        if (h->mode != DX_HOSTDEV_MODE_SUBSYS || h->subsys != DX_HOSTDEV_SUBSYS_PCI) {
            dxErrorReport(DX_ERR_INVALID, child,
                          "teaming is only supported for PCI host devices");
            return -1;
        }
        if (dxTeamingParse(child, &h->teaming) < 0)
            return -1;
    }
    return dxDeviceInfoParse(h->info, node,
                             DX_INFO_ALLOW_BOOT | DX_INFO_ALLOW_ROM | DX_INFO_ALLOW_ACPI);
}

int
dxHostdevParse(dxDomainDef *def, xmlNodePtr node)
{
    dxHostdevDef *h = dxHostdevDefNew();
    int mode = DX_HOSTDEV_MODE_SUBSYS, type;

    if (dxXMLPropEnum(node, "mode", &dxHostdevModeTable, 0, &mode) < 0)
        goto error;
    h->mode = mode;
    if (h->mode == DX_HOSTDEV_MODE_SUBSYS) {
        if (dxXMLPropEnum(node, "type", &dxHostdevSubsysTable, DX_PROP_REQUIRED, &type) < 0)
            goto error;
        h->subsys = type;
        if (dxHostdevSubsysParse(h, node) < 0)
            goto error;
    } else if (dxHostdevCapsParse(h, node) < 0) {
        goto error;
    }
    if (dxHostdevTailParse(h, node) < 0)
        goto error;
    DX_APPEND(def->hostdevs, def->nhostdevs, h);
    return 0;

 error:
    dxHostdevDefFree(h);
    return -1;
}

/* ---- format ---------------------------------------------------------------- */

static void
dxHostdevUSBSourceFormat(dxBuf *buf, const dxHostdevDef *h)
{
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);

    if (h->startupPolicy)
        dxBufAttr(&attrs, "startupPolicy",
                  dxHostdevStartupPolicyTypeToString(h->startupPolicy));
    if (h->usb.guestReset)
        dxBufAttr(&attrs, "guestReset", dxHostdevUSBGuestResetTypeToString(h->usb.guestReset));
    if (h->usb.hasVendor) {
        dxBufAddf(&child, "<vendor id='0x%.4x'/>\n", h->usb.vendor);
        dxBufAddf(&child, "<product id='0x%.4x'/>\n", h->usb.product);
    }
    if (h->usb.hasAddress)
        dxBufAddf(&child, "<address bus='%u' device='%u'/>\n", h->usb.bus, h->usb.device);
    dxBufElementAlways(buf, "source", &attrs, &child);
}

static void
dxHostdevSCSISourceFormat(dxBuf *buf, const dxHostdevDef *h)
{
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    const dxHostdevSCSI *s = &h->scsi;

    if (s->protocol == DX_HOSTDEV_SCSI_PROTOCOL_ADAPTER) {
        dxBufAddStr(&child, "<adapter");
        dxBufAttr(&child, "name", s->adapter);
        dxBufAddStr(&child, "/>\n");
        dxBufAddf(&child, "<address bus='%u' target='%u' unit='%llu'/>\n",
                  s->bus, s->target, s->unit);
        dxBufElementAlways(buf, "source", &attrs, &child);
        return;
    }
    dxBufAttr(&attrs, "protocol", "iscsi");
    dxBufAttr(&attrs, "name", s->iqn);
    dxBufAddStr(&child, "<host");
    dxBufAttr(&child, "name", s->host.name);
    dxBufAttr(&child, "port", s->host.port);
    dxBufAddStr(&child, "/>\n");
    if (s->authUsername) {
        dxBufAddStr(&child, "<auth");
        dxBufAttr(&child, "username", s->authUsername);
        dxBufAddStr(&child, ">\n");
        dxBufAdjustIndent(&child, 2);
        dxBufAddStr(&child, "<secret type='iscsi'");
        if (s->hasSecretUUID) {
            char uuid[DX_UUID_STRING_BUFLEN];
            dxUUIDFormat(s->secretUUID, uuid);
            dxBufAttr(&child, "uuid", uuid);
        }
        dxBufAttr(&child, "usage", s->secretUsage);
        dxBufAddStr(&child, "/>\n");
        dxBufAdjustIndent(&child, -2);
        dxBufAddStr(&child, "</auth>\n");
    }
    if (s->initiatorIqn) {
        dxBufAddStr(&child, "<initiator>\n");
        dxBufAdjustIndent(&child, 2);
        dxBufAddStr(&child, "<iqn");
        dxBufAttr(&child, "name", s->initiatorIqn);
        dxBufAddStr(&child, "/>\n");
        dxBufAdjustIndent(&child, -2);
        dxBufAddStr(&child, "</initiator>\n");
    }
    dxBufElementAlways(buf, "source", &attrs, &child);
}

void
dxHostdevSubsysSourceFormat(dxBuf *buf, const dxHostdevDef *h, bool iniface)
{
    char uuid[DX_UUID_STRING_BUFLEN];

    switch (h->subsys) {
    case DX_HOSTDEV_SUBSYS_PCI:
        if (h->pci.backend)
            dxBufAddf(buf, "<driver name='%s'/>\n",
                      dxHostdevPCIBackendTypeToString(h->pci.backend));
        dxBufAddStr(buf, "<source");
        if (h->writeFiltering)
            dxBufAttr(buf, "writeFiltering", dxTristateBoolTypeToString(h->writeFiltering));
        dxBufAddStr(buf, ">\n");
        dxBufAdjustIndent(buf, 2);
        dxPCIAddressFormatXML(buf, &h->pci.addr, iniface);
        dxBufAdjustIndent(buf, -2);
        dxBufAddStr(buf, "</source>\n");
        break;
    case DX_HOSTDEV_SUBSYS_USB:
        dxHostdevUSBSourceFormat(buf, h);
        break;
    case DX_HOSTDEV_SUBSYS_SCSI:
        dxHostdevSCSISourceFormat(buf, h);
        break;
    case DX_HOSTDEV_SUBSYS_SCSI_HOST:
        dxBufAddStr(buf, "<source protocol='vhost'");
        dxBufAttr(buf, "wwpn", h->scsiHost.wwpn);
        dxBufAddStr(buf, "/>\n");
        break;
    case DX_HOSTDEV_SUBSYS_MDEV:
        dxUUIDFormat(h->mdev.uuid, uuid);
        dxBufAddf(buf, "<source>\n  <address uuid='%s'/>\n</source>\n", uuid);
        break;
    case DX_HOSTDEV_SUBSYS_LAST:
        break;
    }
}

static void
dxHostdevSubsysAttrsFormat(dxBuf *buf, const dxHostdevDef *h)
{
    dxBufAddf(buf, " managed='%s'", h->managed ? "yes" : "no");
    if (h->subsys == DX_HOSTDEV_SUBSYS_SCSI) {
        if (h->scsi.sgio)
            dxBufAttr(buf, "sgio", dxHostdevSgioTypeToString(h->scsi.sgio));
        if (h->scsi.rawio)
            dxBufAttr(buf, "rawio", dxTristateBoolTypeToString(h->scsi.rawio));
    }
    if (h->subsys == DX_HOSTDEV_SUBSYS_SCSI_HOST && h->scsiHost.model)
        dxBufAttr(buf, "model", dxHostdevSCSIHostModelTypeToString(h->scsiHost.model));
    if (h->subsys == DX_HOSTDEV_SUBSYS_MDEV) {
        dxBufAttr(buf, "model", dxMdevModelTypeToString(h->mdev.model));
        if (h->mdev.display)
            dxBufAttr(buf, "display", dxTristateSwitchTypeToString(h->mdev.display));
        if (h->mdev.ramfb)
            dxBufAttr(buf, "ramfb", dxTristateSwitchTypeToString(h->mdev.ramfb));
    }
}

static void
dxHostdevCapsSourceFormat(dxBuf *buf, const dxHostdevDef *h)
{
    static const char *const elem[DX_HOSTDEV_CAPS_LAST] = { "block", "char", "interface" };
    const char *value = h->caps == DX_HOSTDEV_CAPS_NET ? h->capsIfname : h->capsPath;

    dxBufAddStr(buf, "<source>\n");
    dxBufAdjustIndent(buf, 2);
    dxBufTextElement(buf, elem[h->caps], value);
    dxBufAdjustIndent(buf, -2);
    dxBufAddStr(buf, "</source>\n");
    if (h->caps == DX_HOSTDEV_CAPS_NET)
        dxNetIPInfoFormat(buf, &h->capsIP);
}

void
dxHostdevFormat(dxBuf *buf, const dxHostdevDef *h)
{
    if (h->parentnet)
        return;   /* written inside its <interface> */
    dxBufAddf(buf, "<hostdev mode='%s'", dxHostdevModeTypeToString(h->mode));
    if (h->mode == DX_HOSTDEV_MODE_SUBSYS) {
        dxBufAttr(buf, "type", dxHostdevSubsysTypeToString(h->subsys));
        dxHostdevSubsysAttrsFormat(buf, h);
    } else {
        dxBufAttr(buf, "type", dxHostdevCapsTypeToString(h->caps));
    }
    dxBufAddStr(buf, ">\n");
    dxBufAdjustIndent(buf, 2);
    if (h->mode == DX_HOSTDEV_MODE_SUBSYS)
        dxHostdevSubsysSourceFormat(buf, h, false);
    else
        dxHostdevCapsSourceFormat(buf, h);
    if (h->readonly)
        dxBufAddStr(buf, "<readonly/>\n");
    if (h->shareable)
        dxBufAddStr(buf, "<shareable/>\n");
    dxTeamingFormat(buf, &h->teaming);
    dxDeviceInfoFormat(buf, h->info,
                       DX_INFO_ALLOW_BOOT | DX_INFO_ALLOW_ROM | DX_INFO_ALLOW_ACPI);
    dxBufAdjustIndent(buf, -2);
    dxBufAddStr(buf, "</hostdev>\n");
}

void
dxDomainHostdevRemove(dxDomainDef *def, const dxHostdevDef *hostdev)
{
    size_t i;
    if (!hostdev)
        return;
    for (i = 0; i < def->nhostdevs; i++) {
        if (def->hostdevs[i] == hostdev) {
            memmove(&def->hostdevs[i], &def->hostdevs[i + 1],
                    (def->nhostdevs - i - 1) * sizeof(*def->hostdevs));
            def->nhostdevs--;
            return;
        }
    }
}

/* ---- post-parse: SCSI drive addresses ------------------------------------------ */

/* units 0-6: unit 7 of a narrow SCSI bus is the controller itself */
#define DX_SCSI_NARROW_MAX_UNIT 7

static bool
dxHostdevIsSCSI(const dxHostdevDef *h)
{
    return h->mode == DX_HOSTDEV_MODE_SUBSYS && h->subsys == DX_HOSTDEV_SUBSYS_SCSI;
}

typedef struct {
    const dxDriveAddress *addr;
    const dxDeviceInfo *self;
} dxDriveUseQuery;

/* Whether a SCSI device other than the one asking sits at ADDR.  Disks
 * are asked through their bus: an IDE disk's drive address is not on a
 * SCSI controller. */
static int
dxSCSIDriveUsedCallback(dxDomainDef *def, dxDeviceRef dev, dxDeviceInfo *info, void *opaque)
{
    const dxDriveUseQuery *q = opaque;
    (void)def;
    if (info == q->self || info->type != DX_ADDRESS_TYPE_DRIVE)
        return 0;
    if (dev.type != DX_DEVICE_HOSTDEV || !dxHostdevIsSCSI(dev.ptr))
        return 0;
    return info->addr.drive.controller == q->addr->controller &&
           info->addr.drive.bus == q->addr->bus &&
           info->addr.drive.target == q->addr->target &&
           info->addr.drive.unit == q->addr->unit;
}

static bool
dxSCSIDriveAddressUsed(dxDomainDef *def, const dxDriveAddress *addr, const dxDeviceInfo *self)
{
    dxDriveUseQuery q = { addr, self };
    return dxDomainDeviceInfoIterate(def, dxSCSIDriveUsedCallback, &q) > 0;
}

/* The first free unit on the first SCSI controller that has one, as
 * libvirt picks it (it never adds a controller for this itself). */
static void
dxHostdevAssignSCSIAddress(dxDomainDef *def, dxHostdevDef *h)
{
    dxDriveAddress addr = { 0, 0, 0, 0 };

    for (;; addr.controller++) {
        for (addr.unit = 0; addr.unit < DX_SCSI_NARROW_MAX_UNIT; addr.unit++) {
            if (!dxSCSIDriveAddressUsed(def, &addr, h->info)) {
                h->info->type = DX_ADDRESS_TYPE_DRIVE;
                h->info->addr.drive = addr;
                return;
            }
        }
    }
}

int
dxHostdevsPostParse(dxDomainDef *def)
{
    size_t i;
    for (i = 0; i < def->nhostdevs; i++) {
        dxHostdevDef *h = def->hostdevs[i];
        if (dxHostdevIsSCSI(h) && h->info->type == DX_ADDRESS_TYPE_NONE)
            dxHostdevAssignSCSIAddress(def, h);
    }
    return 0;
}

/* ---- validation ---------------------------------------------------------------- */

static bool
dxHostdevUSBMatch(const dxHostdevUSB *a, const dxHostdevUSB *b)
{
    if (a->hasAddress && b->hasAddress)
        return a->bus == b->bus && a->device == b->device;
    if (a->hasVendor && b->hasVendor && !a->hasAddress && !b->hasAddress)
        return a->vendor == b->vendor && a->product == b->product;
    return false;
}

static bool
dxHostdevSCSIMatch(const dxHostdevSCSI *a, const dxHostdevSCSI *b)
{
    if (a->protocol != b->protocol)
        return false;
    if (a->protocol == DX_HOSTDEV_SCSI_PROTOCOL_ISCSI)
        return dxStrEq(a->iqn, b->iqn) && dxStrEq(a->host.name, b->host.name);
    return dxStrEq(a->adapter, b->adapter) && a->bus == b->bus &&
           a->target == b->target && a->unit == b->unit;
}

/* Do A and B name the same host device? */
static bool
dxHostdevMatch(const dxHostdevDef *a, const dxHostdevDef *b)
{
    if (a->mode != b->mode)
        return false;
    if (a->mode == DX_HOSTDEV_MODE_CAPABILITIES) {
        return a->caps == b->caps &&
               dxStrEq(a->caps == DX_HOSTDEV_CAPS_NET ? a->capsIfname : a->capsPath,
                       b->caps == DX_HOSTDEV_CAPS_NET ? b->capsIfname : b->capsPath);
    }
    if (a->subsys != b->subsys)
        return false;
    switch (a->subsys) {
    case DX_HOSTDEV_SUBSYS_PCI:
        return dxPCIAddressEqual(&a->pci.addr, &b->pci.addr);
    case DX_HOSTDEV_SUBSYS_USB:
        return dxHostdevUSBMatch(&a->usb, &b->usb);
    case DX_HOSTDEV_SUBSYS_SCSI:
        return dxHostdevSCSIMatch(&a->scsi, &b->scsi);
    case DX_HOSTDEV_SUBSYS_SCSI_HOST:
        return dxStrEq(a->scsiHost.wwpn, b->scsiHost.wwpn);
    case DX_HOSTDEV_SUBSYS_MDEV:
        return memcmp(a->mdev.uuid, b->mdev.uuid, DX_UUID_BUFLEN) == 0;
    case DX_HOSTDEV_SUBSYS_LAST:
        break;
    }
    return false;
}

static int
dxHostdevDuplicateCheck(const dxDomainDef *def, size_t i)
{
    const dxHostdevDef *h = def->hostdevs[i];
    size_t j;
    for (j = 0; j < i; j++) {
        if (dxHostdevMatch(def->hostdevs[j], h)) {
            dxErrorReportLoc(DX_ERR_INVALID, &h->info->loc,
                             "Hostdev already exists in the domain configuration: this host "
                             "device is already assigned by the element on line %d",
                             def->hostdevs[j]->info->loc.line);
            return -1;
        }
    }
    return 0;
}

static int
dxHostdevSCSIAddressCheck(const dxDomainDef *def, size_t i)
{
    const dxHostdevDef *h = def->hostdevs[i];
    const dxDriveAddress *a = &h->info->addr.drive;
    size_t j;

    if (!dxHostdevIsSCSI(h) || h->info->type != DX_ADDRESS_TYPE_DRIVE)
        return 0;
    for (j = 0; j < i; j++) {
        const dxHostdevDef *o = def->hostdevs[j];
        const dxDriveAddress *b = &o->info->addr.drive;
        if (dxHostdevIsSCSI(o) && o->info->type == DX_ADDRESS_TYPE_DRIVE &&
            a->controller == b->controller && a->bus == b->bus &&
            a->target == b->target && a->unit == b->unit) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &h->info->loc,
                             "SCSI host address controller='%u' bus='%u' target='%u' "
                             "unit='%u' in use by another SCSI host device",
                             a->controller, a->bus, a->target, a->unit);
            return -1;
        }
    }
    return 0;
}

/* Mediated devices: where they can sit and what display they need. */
static int
dxHostdevMdevCheck(const dxDomainDef *def, const dxHostdevDef *h)
{
    static const dxAddressType allowed[DX_MDEV_MODEL_LAST] = {
        [DX_MDEV_MODEL_VFIO_PCI] = DX_ADDRESS_TYPE_PCI,
        [DX_MDEV_MODEL_VFIO_CCW] = DX_ADDRESS_TYPE_CCW,
        [DX_MDEV_MODEL_VFIO_AP] = DX_ADDRESS_TYPE_NONE,
    };
    const dxHostdevMdev *m = &h->mdev;

    if (h->info->type != DX_ADDRESS_TYPE_NONE && h->info->type != allowed[m->model]) {
        dxErrorReportLoc(DX_ERR_INVALID, &h->info->loc,
                         "Unsupported address type '%s' with mediated device model '%s'",
                         dxAddressTypeTypeToString(h->info->type),
                         dxMdevModelTypeToString(m->model));
        return -1;
    }
    if (m->display && m->model != DX_MDEV_MODEL_VFIO_PCI) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &h->info->loc,
                         "<hostdev> attribute 'display' is only supported with "
                         "model='vfio-pci'");
        return -1;
    }
    if (m->display == DX_TRISTATE_SWITCH_ON && def->ngraphics == 0) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &h->info->loc,
                         "graphics device is needed for attribute value 'display=on' "
                         "in <hostdev>");
        return -1;
    }
    if (m->ramfb == DX_TRISTATE_SWITCH_ON && m->display != DX_TRISTATE_SWITCH_ON) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &h->info->loc,
                         "ramfb='on' needs display='on': the ramfb console shows the "
                         "mediated device's display");
        return -1;
    }
    return 0;
}

static int
dxHostdevCheckOne(const dxDomainDef *def, const dxHostdevDef *h)
{
    if (h->mode != DX_HOSTDEV_MODE_SUBSYS)
        return 0;
    if (h->subsys == DX_HOSTDEV_SUBSYS_MDEV)
        return dxHostdevMdevCheck(def, h);
    if (h->subsys == DX_HOSTDEV_SUBSYS_SCSI && h->info->type != DX_ADDRESS_TYPE_NONE &&
        h->info->type != DX_ADDRESS_TYPE_DRIVE) {
        dxErrorReportLoc(DX_ERR_INVALID, &h->info->loc,
                         "SCSI host devices must have an address of type 'drive', not '%s'",
                         dxAddressTypeTypeToString(h->info->type));
        return -1;
    }
    return 0;
}

/* zPCI ids (s390) identify a function to the guest: each uid and fid may
 * be used once in the domain. */
typedef struct {
    const dxDeviceInfo **seen;
    size_t nseen;
} dxZPCIQuery;

static int
dxZPCIDuplicateCallback(dxDomainDef *def, dxDeviceRef dev, dxDeviceInfo *info, void *opaque)
{
    dxZPCIQuery *q = opaque;
    size_t i;
    (void)def;
    (void)dev;
    if (info->type != DX_ADDRESS_TYPE_PCI || !info->addr.pci.hasZpci)
        return 0;
    for (i = 0; i < q->nseen; i++) {
        const dxPCIAddress *o = &q->seen[i]->addr.pci;
        bool uid = o->zpciUid && o->zpciUid == info->addr.pci.zpciUid;
        /* an id left out (0) is generated later, not a collision */
        bool fid = o->zpciFid && o->zpciFid == info->addr.pci.zpciFid;
        if (uid || fid) {
            dxErrorReportLoc(DX_ERR_INVALID, &info->loc,
                             "zPCI %s 0x%x is already reserved (by the device on line %d)",
                             uid ? "uid" : "fid",
                             uid ? info->addr.pci.zpciUid : info->addr.pci.zpciFid,
                             q->seen[i]->loc.line);
            return -1;
        }
    }
    DX_APPEND(q->seen, q->nseen, info);
    return 0;
}

static int
dxZPCIDuplicateCheck(const dxDomainDef *def)
{
    dxZPCIQuery q = { NULL, 0 };
    /* the walk does not modify DEF */
    int rc = dxDomainDeviceInfoIterate((dxDomainDef *)def, dxZPCIDuplicateCallback, &q);
    free(q.seen);
    return rc < 0 ? -1 : 0;
}

int
dxHostdevsValidate(const dxDomainDef *def)
{
    size_t i;
    int rc = dxZPCIDuplicateCheck(def);
    for (i = 0; i < def->nhostdevs; i++) {
        if (dxHostdevCheckOne(def, def->hostdevs[i]) < 0 ||
            dxHostdevDuplicateCheck(def, i) < 0 ||
            dxHostdevSCSIAddressCheck(def, i) < 0)
            rc = -1;
    }
    return rc;
}

void
dxDomainHostdevInsertNet(dxDomainDef *def, dxHostdevDef *hostdev)
{
    size_t pos = 0;

    while (pos < def->nhostdevs && def->hostdevs[pos]->parentnet)
        pos++;
    def->hostdevs = dxReallocArray(def->hostdevs, def->nhostdevs + 1, sizeof(*def->hostdevs));
    memmove(&def->hostdevs[pos + 1], &def->hostdevs[pos],
            (def->nhostdevs - pos) * sizeof(*def->hostdevs));
    def->hostdevs[pos] = hostdev;
    def->nhostdevs++;
}

/* SCSI host devices need their SCSI controllers: every index up to the
 * highest one they use, of the model of that last controller when it
 * exists (so an overflow controller matches the full one). */
void
dxHostdevsAddImplicitControllers(dxDomainDef *def)
{
    int maxController = -1, model = 0;
    size_t j;

    for (j = 0; j < def->nhostdevs; j++) {
        const dxHostdevDef *h = def->hostdevs[j];
        const dxControllerDef *cont;
        if (!dxHostdevIsSCSI(h) || h->info->type != DX_ADDRESS_TYPE_DRIVE ||
            (int)h->info->addr.drive.controller <= maxController)
            continue;
        maxController = h->info->addr.drive.controller;
        cont = dxDomainControllerGet(def, DX_CONTROLLER_TYPE_SCSI, maxController);
        if (cont && cont->model)
            model = cont->model;
    }
    dxDomainDefAddImplicitControllersUpTo(def, DX_CONTROLLER_TYPE_SCSI, maxController, model);
}
