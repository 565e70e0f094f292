/* device_info.c: parse/format of the common device tail and addresses. */
#include "device_info.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

#include <stdlib.h>
#include <ctype.h>
#include <string.h>

DX_ENUM_IMPL(dxAddressType, DX_ADDRESS_TYPE_LAST,
             "none", "pci", "drive", "virtio-serial", "ccid", "usb",
             "spapr-vio", "virtio-s390", "ccw", "virtio-mmio", "isa", "dimm",
             "unassigned");

void
dxDeviceInfoClear(dxDeviceInfo *info)
{
    dxSourceLocClear(&info->loc);
    free(info->alias);
    free(info->loadparm);
    free(info->romFile);
    memset(info, 0, sizeof(*info));
}

void
dxDeviceInfoCopy(dxDeviceInfo *dst, const dxDeviceInfo *src)
{
    *dst = *src;
    dxSourceLocCopy(&dst->loc, &src->loc);
    dst->alias = dxStrdup(src->alias);
    dst->loadparm = dxStrdup(src->loadparm);
    dst->romFile = dxStrdup(src->romFile);
}

bool
dxDeviceAliasIsUser(const char *alias)
{
    /* the characters QEMU accepts in an id, as libvirt checks them */
    static const char allowed[] = "abcdefghijklmnopqrstuvwxyz"
                                  "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";
    return alias && strncmp(alias, "ua-", 3) == 0 &&
           strspn(alias + 3, allowed) == strlen(alias + 3);
}

/* ---- PCI ------------------------------------------------------------------ */

bool
dxPCIAddressIsEmpty(const dxPCIAddress *a)
{
    return !(a->domain || a->bus || a->slot || a->function);
}

bool
dxPCIAddressEqual(const dxPCIAddress *a, const dxPCIAddress *b)
{
    return a->domain == b->domain && a->bus == b->bus &&
           a->slot == b->slot && a->function == b->function;
}

bool
dxDeviceInfoWantsPCIAddress(const dxDeviceInfo *info)
{
    return info->type == DX_ADDRESS_TYPE_PCI && dxPCIAddressIsEmpty(&info->addr.pci);
}

bool
dxDeviceInfoHasPCIAddress(const dxDeviceInfo *info)
{
    return info->type == DX_ADDRESS_TYPE_PCI && !dxPCIAddressIsEmpty(&info->addr.pci);
}

static int
dxPCIAddressCheck(xmlNodePtr node, const dxPCIAddress *a)
{
    if (dxPCIAddressIsEmpty(a))
        return 0;
    if (a->domain > 0xFFFF) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "Invalid PCI address domain='0x%x', must be <= 0xFFFF", a->domain);
        return -1;
    }
    if (a->bus > DX_PCI_MAX_BUS) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "Invalid PCI address bus='0x%x', must be <= 0x%X",
                      a->bus, DX_PCI_MAX_BUS);
        return -1;
    }
    if (a->slot > DX_PCI_MAX_SLOT) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "Invalid PCI address slot='0x%x', must be <= 0x%X",
                      a->slot, DX_PCI_MAX_SLOT);
        return -1;
    }
    if (a->function > DX_PCI_MAX_FUNCTION) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "Invalid PCI address function=0x%x, must be <= %d",
                      a->function, DX_PCI_MAX_FUNCTION);
        return -1;
    }
    if (!a->domain && !a->bus && !a->slot) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "Invalid PCI address 0000:00:00, at least one of domain, bus, "
                      "or slot must be > 0");
        return -1;
    }
    return 0;
}

static int
dxZPCIParse(xmlNodePtr node, dxPCIAddress *addr)
{
    int rc;
    addr->hasZpci = true;
    if ((rc = dxXMLPropUInt(node, "uid", 0, 0, &addr->zpciUid)) < 0)
        return -1;
    if (rc == 1 && (addr->zpciUid == 0 || addr->zpciUid > 0xFFFF)) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "Invalid PCI address uid='0x%.4x', must be > 0x0000 and <= 0xffff",
                      addr->zpciUid);
        return -1;
    }
    return dxXMLPropUInt(node, "fid", 0, 0, &addr->zpciFid) < 0 ? -1 : 0;
}

int
dxPCIAddressParseXML(xmlNodePtr node, dxPCIAddress *addr)
{
    xmlNodePtr zpci;
    memset(addr, 0, sizeof(*addr));
    if (dxXMLPropUInt(node, "domain", 0, 0, &addr->domain) < 0 ||
        dxXMLPropUInt(node, "bus", 0, 0, &addr->bus) < 0 ||
        dxXMLPropUInt(node, "slot", 0, 0, &addr->slot) < 0 ||
        dxXMLPropUInt(node, "function", 0, 0, &addr->function) < 0 ||
        dxXMLPropTristateSwitch(node, "multifunction", 0, &addr->multi) < 0)
        return -1;
    if ((zpci = dxXMLChild(node, "zpci")) && dxZPCIParse(zpci, addr) < 0)
        return -1;
    return dxPCIAddressCheck(node, addr);
}

static void
dxPCIAddressAttrs(dxBuf *buf, const dxPCIAddress *a)
{
    dxBufAddf(buf, " domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%x'",
              a->domain, a->bus, a->slot, a->function);
}

void
dxPCIAddressFormatXML(dxBuf *buf, const dxPCIAddress *addr, bool withType)
{
    dxBufAddStr(buf, "<address");
    if (withType)
        dxBufAddStr(buf, " type='pci'");
    dxPCIAddressAttrs(buf, addr);
    dxBufAddStr(buf, "/>\n");
}

/* ---- USB ports ------------------------------------------------------------ */

bool
dxUSBPortIsSet(const unsigned int port[DX_USB_MAX_PORT_DEPTH])
{
    return port[0] != 0;
}

char *
dxUSBPortFormat(const unsigned int port[DX_USB_MAX_PORT_DEPTH])
{
    dxBuf buf = DX_BUF_INIT;
    size_t i;
    for (i = 0; i < DX_USB_MAX_PORT_DEPTH && port[i]; i++)
        dxBufAddf(&buf, i ? ".%u" : "%u", port[i]);
    return dxBufSteal(&buf);
}

static int
dxUSBPortParse(xmlNodePtr node, const char *str, unsigned int port[DX_USB_MAX_PORT_DEPTH])
{
    char *copy = dxStrdup(str);
    char *save = NULL, *tok;
    size_t depth = 0;
    int rc = 0;

    for (tok = strtok_r(copy, ".", &save); tok; tok = strtok_r(NULL, ".", &save)) {
        if (depth >= DX_USB_MAX_PORT_DEPTH) {
            dxErrorReport(DX_ERR_INVALID, node,
                          "USB port specification '%s' is too long: at most %d levels",
                          str, DX_USB_MAX_PORT_DEPTH);
            rc = -1;
            break;
        }
        if (dxStrToUInt(tok, 10, &port[depth]) < 0 || port[depth] == 0) {
            dxErrorReport(DX_ERR_INVALID, node,
                          "Cannot parse <address> 'port' attribute '%s': expected "
                          "dot-separated port numbers like '1.2'", str);
            rc = -1;
            break;
        }
        depth++;
    }
    free(copy);
    return rc;
}

/* ---- <address> ------------------------------------------------------------ */

/* The "controller" attribute of drive, virtio-serial and CCID addresses. */
static int
dxAddressControllerParse(xmlNodePtr node, unsigned int *controller)
{
    if (dxXMLPropUInt(node, "controller", 10, 0, controller) < 0)
        return -1;
    if (*controller > DX_CONTROLLER_INDEX_MAX) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "address controller '%u' is out of range: must be 0..%d",
                      *controller, DX_CONTROLLER_INDEX_MAX);
        return -1;
    }
    return 0;
}

static int
dxDriveAddressParse(xmlNodePtr node, dxDriveAddress *a)
{
    if (dxAddressControllerParse(node, &a->controller) < 0 ||
        dxXMLPropUInt(node, "bus", 10, 0, &a->bus) < 0 ||
        dxXMLPropUInt(node, "target", 10, 0, &a->target) < 0 ||
        dxXMLPropUInt(node, "unit", 10, 0, &a->unit) < 0)
        return -1;
    return 0;
}

static int
dxUSBAddressParse(xmlNodePtr node, dxUSBAddress *a)
{
    char *port;
    int rc = 0;
    if (dxXMLPropUInt(node, "bus", 10, 0, &a->bus) < 0)
        return -1;
    if ((port = dxXMLPropString(node, "port"))) {
        rc = dxUSBPortParse(node, port, a->port);
        free(port);
    }
    return rc;
}

static int
dxAddressBodyParse(dxDeviceInfo *info, xmlNodePtr node)
{
    switch (info->type) {
    case DX_ADDRESS_TYPE_PCI:
        return dxPCIAddressParseXML(node, &info->addr.pci);
    case DX_ADDRESS_TYPE_DRIVE:
        return dxDriveAddressParse(node, &info->addr.drive);
    case DX_ADDRESS_TYPE_VIRTIO_SERIAL:
        return (dxAddressControllerParse(node, &info->addr.vioserial.controller) < 0 ||
                dxXMLPropUInt(node, "bus", 10, 0, &info->addr.vioserial.bus) < 0 ||
                dxXMLPropUInt(node, "port", 10, 0, &info->addr.vioserial.port) < 0) ? -1 : 0;
    case DX_ADDRESS_TYPE_CCID:
        return (dxAddressControllerParse(node, &info->addr.ccid.controller) < 0 ||
                dxXMLPropUInt(node, "slot", 10, 0, &info->addr.ccid.slot) < 0) ? -1 : 0;
    case DX_ADDRESS_TYPE_USB:
        return dxUSBAddressParse(node, &info->addr.usb);
    case DX_ADDRESS_TYPE_SPAPRVIO: {
        int rc = dxXMLPropULongLong(node, "reg", 16, 0, &info->addr.spaprvio.reg);
        info->addr.spaprvio.hasReg = rc == 1;
        return rc < 0 ? -1 : 0;
    }
    case DX_ADDRESS_TYPE_CCW:
        return (dxXMLPropUInt(node, "cssid", 0, 0, &info->addr.ccw.cssid) < 0 ||
                dxXMLPropUInt(node, "ssid", 0, 0, &info->addr.ccw.ssid) < 0 ||
                dxXMLPropUInt(node, "devno", 0, 0, &info->addr.ccw.devno) < 0) ? -1 : 0;
    case DX_ADDRESS_TYPE_ISA:
        return (dxXMLPropUInt(node, "iobase", 0, 0, &info->addr.isa.iobase) < 0 ||
                dxXMLPropUInt(node, "irq", 0, 0, &info->addr.isa.irq) < 0) ? -1 : 0;
    case DX_ADDRESS_TYPE_DIMM:
        return (dxXMLPropUInt(node, "slot", 10, 0, &info->addr.dimm.slot) < 0 ||
                dxXMLPropULongLong(node, "base", 16, 0, &info->addr.dimm.base) < 0) ? -1 : 0;
    case DX_ADDRESS_TYPE_VIRTIO_S390:
        dxErrorReport(DX_ERR_INVALID, node, "virtio-s390 bus doesn't have an address");
        return -1;
    case DX_ADDRESS_TYPE_NONE:
    case DX_ADDRESS_TYPE_VIRTIO_MMIO:
    case DX_ADDRESS_TYPE_UNASSIGNED:
    case DX_ADDRESS_TYPE_LAST:
        break;
    }
    return 0;
}

int
dxDeviceAddressParse(dxDeviceInfo *info, xmlNodePtr node)
{
    int type;
    if (dxXMLPropEnum(node, "type", &dxAddressTypeTable,
                      DX_PROP_REQUIRED | DX_PROP_NONZERO, &type) < 0)
        return -1;
    info->type = type;
    return dxAddressBodyParse(info, node);
}

/* s390 boot menu entry: 1 to 8 of [A-Za-z0-9.] and blanks, kept in upper
 * case as the firmware reads it */
static int
dxDeviceLoadparmCheck(xmlNodePtr node, char *loadparm)
{
    size_t i, len = strlen(loadparm);
    for (i = 0; i < len; i++)
        loadparm[i] = (char)toupper((unsigned char)loadparm[i]);
    if (len < 1 || len > 8) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "loadparm value '%s' must be between 1 and 8 characters", loadparm);
        return -1;
    }
    if (strspn(loadparm, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789. ") != len) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "invalid loadparm value '%s', expecting chars in set of "
                      "[a-zA-Z0-9.] and blank spaces", loadparm);
        return -1;
    }
    return 0;
}

static int
dxDeviceBootParse(dxDeviceInfo *info, xmlNodePtr node)
{
    if (dxXMLPropUInt(node, "order", 10, DX_PROP_REQUIRED | DX_PROP_NONZERO,
                      &info->bootIndex) < 0)
        return -1;
    info->loadparm = dxXMLPropString(node, "loadparm");
    if (info->loadparm && dxDeviceLoadparmCheck(node, info->loadparm) < 0)
        return -1;
    return 0;
}

static int
dxDeviceRomParse(dxDeviceInfo *info, xmlNodePtr node)
{
    if (dxXMLPropTristateBool(node, "enabled", 0, &info->romEnabled) < 0 ||
        dxXMLPropTristateSwitch(node, "bar", 0, &info->romBar) < 0)
        return -1;
    info->romFile = dxXMLPropString(node, "file");
    return 0;
}

int
dxDeviceInfoParse(dxDeviceInfo *info, xmlNodePtr node, unsigned int flags)
{
    xmlNodePtr child;

    dxSourceLocSet(&info->loc, node);
    if ((child = dxXMLChild(node, "alias"))) {
        if (dxXMLPropStringRequired(child, "name", &info->alias) < 0)
            return -1;
        /* only user aliases are configuration; others are runtime state
         * that the QEMU driver assigns afresh */
        if (!dxDeviceAliasIsUser(info->alias)) {
            /* libvirt drops such an alias silently; say so */
            if (strncmp(info->alias, "ua-", 3) == 0)
                dxWarningReport(DX_ERR_INVALID, child,
                                "alias '%s' is ignored: a user alias is 'ua-' followed by "
                                "letters, digits, '_' and '-' only", info->alias);
            free(info->alias);
            info->alias = NULL;
        }
    }
    if ((flags & DX_INFO_ALLOW_BOOT) && (child = dxXMLChild(node, "boot")) &&
        dxDeviceBootParse(info, child) < 0)
        return -1;
    if ((child = dxXMLChild(node, "master"))) {
        info->hasMaster = true;
        if (dxXMLPropUInt(child, "startport", 10, DX_PROP_REQUIRED, &info->masterStartport) < 0)
            return -1;
    }
    if ((flags & DX_INFO_ALLOW_ROM) && (child = dxXMLChild(node, "rom")) &&
        dxDeviceRomParse(info, child) < 0)
        return -1;
    if ((flags & DX_INFO_ALLOW_ACPI) && (child = dxXMLChild(node, "acpi")) &&
        dxXMLPropUInt(child, "index", 10, DX_PROP_REQUIRED | DX_PROP_NONZERO,
                      &info->acpiIndex) < 0)
        return -1;
    if ((child = dxXMLChild(node, "address")) && dxDeviceAddressParse(info, child) < 0)
        return -1;
    return 0;
}

static void
dxDeviceAddressFormat(dxBuf *buf, const dxDeviceInfo *info)
{
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    char *port;

    dxBufAddf(&attrs, " type='%s'", dxAddressTypeTypeToString(info->type));
    switch (info->type) {
    case DX_ADDRESS_TYPE_PCI:
        if (!dxPCIAddressIsEmpty(&info->addr.pci))
            dxPCIAddressAttrs(&attrs, &info->addr.pci);
        if (info->addr.pci.multi)
            dxBufAttr(&attrs, "multifunction", dxTristateSwitchTypeToString(info->addr.pci.multi));
        if (info->addr.pci.hasZpci) {
            /* uid 0 is "not given" (an explicit 0 is refused) */
            dxBufAddStr(&child, "<zpci");
            if (info->addr.pci.zpciUid)
                dxBufAddf(&child, " uid='0x%.4x'", info->addr.pci.zpciUid);
            dxBufAddf(&child, " fid='0x%.8x'/>\n", info->addr.pci.zpciFid);
        }
        break;
    case DX_ADDRESS_TYPE_DRIVE:
        dxBufAddf(&attrs, " controller='%u' bus='%u' target='%u' unit='%u'",
                  info->addr.drive.controller, info->addr.drive.bus,
                  info->addr.drive.target, info->addr.drive.unit);
        break;
    case DX_ADDRESS_TYPE_VIRTIO_SERIAL:
        dxBufAddf(&attrs, " controller='%u' bus='%u' port='%u'",
                  info->addr.vioserial.controller, info->addr.vioserial.bus,
                  info->addr.vioserial.port);
        break;
    case DX_ADDRESS_TYPE_CCID:
        dxBufAddf(&attrs, " controller='%u' slot='%u'",
                  info->addr.ccid.controller, info->addr.ccid.slot);
        break;
    case DX_ADDRESS_TYPE_USB:
        dxBufAddf(&attrs, " bus='%u'", info->addr.usb.bus);
        if (dxUSBPortIsSet(info->addr.usb.port)) {
            port = dxUSBPortFormat(info->addr.usb.port);
            dxBufAttr(&attrs, "port", port);
            free(port);
        }
        break;
    case DX_ADDRESS_TYPE_SPAPRVIO:
        if (info->addr.spaprvio.hasReg)
            dxBufAddf(&attrs, " reg='0x%08llx'", info->addr.spaprvio.reg);
        break;
    case DX_ADDRESS_TYPE_CCW:
        dxBufAddf(&attrs, " cssid='0x%x' ssid='0x%x' devno='0x%04x'",
                  info->addr.ccw.cssid, info->addr.ccw.ssid, info->addr.ccw.devno);
        break;
    case DX_ADDRESS_TYPE_ISA:
        if (info->addr.isa.iobase)
            dxBufAddf(&attrs, " iobase='0x%x'", info->addr.isa.iobase);
        if (info->addr.isa.irq)
            dxBufAddf(&attrs, " irq='0x%x'", info->addr.isa.irq);
        break;
    case DX_ADDRESS_TYPE_DIMM:
        dxBufAddf(&attrs, " slot='%u'", info->addr.dimm.slot);
        if (info->addr.dimm.base)
            dxBufAddf(&attrs, " base='0x%llx'", info->addr.dimm.base);
        break;
    case DX_ADDRESS_TYPE_NONE:
    case DX_ADDRESS_TYPE_VIRTIO_S390:
    case DX_ADDRESS_TYPE_VIRTIO_MMIO:
    case DX_ADDRESS_TYPE_UNASSIGNED:
    case DX_ADDRESS_TYPE_LAST:
        break;
    }
    dxBufElementAlways(buf, "address", &attrs, &child);
}

void
dxDeviceInfoFormat(dxBuf *buf, const dxDeviceInfo *info, unsigned int flags)
{
    if ((flags & DX_INFO_ALLOW_BOOT) && info->bootIndex) {
        dxBufAddf(buf, "<boot order='%u'", info->bootIndex);
        dxBufAttr(buf, "loadparm", info->loadparm);
        dxBufAddStr(buf, "/>\n");
    }
    /* aliases libvirt generates are runtime state; user aliases are config */
    if (dxDeviceAliasIsUser(info->alias)) {
        dxBufAddStr(buf, "<alias");
        dxBufAttr(buf, "name", info->alias);
        dxBufAddStr(buf, "/>\n");
    }
    if (info->hasMaster)
        dxBufAddf(buf, "<master startport='%u'/>\n", info->masterStartport);
    if ((flags & DX_INFO_ALLOW_ROM) &&
        (info->romEnabled || info->romBar || info->romFile)) {
        dxBufAddStr(buf, "<rom");
        if (info->romEnabled)
            dxBufAttr(buf, "enabled", dxTristateBoolTypeToString(info->romEnabled));
        if (info->romBar)
            dxBufAttr(buf, "bar", dxTristateSwitchTypeToString(info->romBar));
        dxBufAttr(buf, "file", info->romFile);
        dxBufAddStr(buf, "/>\n");
    }
    if ((flags & DX_INFO_ALLOW_ACPI) && info->acpiIndex)
        dxBufAddf(buf, "<acpi index='%u'/>\n", info->acpiIndex);
    if (info->type == DX_ADDRESS_TYPE_NONE || info->type == DX_ADDRESS_TYPE_VIRTIO_S390)
        return;
    dxDeviceAddressFormat(buf, info);
}
