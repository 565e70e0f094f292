/* domain_chr.c: <serial>, <parallel>, <console> and <channel>: parse,
 * format, generic defaults and checks. */
#include "chr_conf.h"
#include "controller_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

#include <stdlib.h>
#include <string.h>

DX_ENUM_IMPL(dxChrDevice, DX_CHR_DEVICE_LAST,
             "serial", "parallel", "console", "channel");

DX_ENUM_IMPL(dxChrSerialTarget, DX_CHR_SERIAL_TARGET_LAST,
             "none", "isa-serial", "usb-serial", "pci-serial", "spapr-vio-serial",
             "system-serial", "sclp-serial", "isa-debug");

DX_ENUM_IMPL(dxChrChannelTarget, DX_CHR_CHANNEL_TARGET_LAST,
             "none", "guestfwd", "virtio", "xen");

DX_ENUM_IMPL(dxChrConsoleTarget, DX_CHR_CONSOLE_TARGET_LAST,
             "none", "serial", "xen", "uml", "virtio", "lxc", "openvz", "sclp",
             "sclplm");

DX_ENUM_IMPL(dxChrSerialModel, DX_CHR_SERIAL_MODEL_LAST,
             "none", "isa-serial", "usb-serial", "pci-serial", "spapr-vty", "pl011",
             "sclpconsole", "sclplmconsole", "16550a", "isa-debugcon");

DX_ENUM_IMPL(dxChrState, DX_CHR_STATE_LAST,
             "default", "connected", "disconnected");

/* ---- lifetime ------------------------------------------------------------- */

dxChrDef *
dxChrDefNew(dxChrDeviceType deviceType)
{
    dxChrDef *chr = dxNew(dxChrDef);
    chr->deviceType = deviceType;
    chr->port = -1;
    return chr;
}

void
dxChrDefFree(dxChrDef *chr)
{
    if (!chr)
        return;
    free(chr->guestfwdAddr);
    free(chr->name);
    dxChrSourceDefClear(&chr->source);
    dxDeviceInfoClear(&chr->info);
    free(chr);
}

dxChrDef *
dxChrDefCopy(const dxChrDef *chr)
{
    dxChrDef *copy = dxNew(dxChrDef);
    *copy = *chr;
    copy->guestfwdAddr = dxStrdup(chr->guestfwdAddr);
    copy->name = dxStrdup(chr->name);
    dxChrSourceDefCopy(&copy->source, &chr->source);
    dxDeviceInfoCopy(&copy->info, &chr->info);
    return copy;
}

static void
dxChrListFree(dxChrDef ***list, size_t *n)
{
    size_t i;
    for (i = 0; i < *n; i++)
        dxChrDefFree((*list)[i]);
    free(*list);
    *list = NULL;
    *n = 0;
}

void
dxChrDefsClear(dxDomainDef *def)
{
    dxChrListFree(&def->serials, &def->nserials);
    dxChrListFree(&def->parallels, &def->nparallels);
    dxChrListFree(&def->consoles, &def->nconsoles);
    dxChrListFree(&def->channels, &def->nchannels);
}

const char *
dxChrTargetTypeToString(const dxChrDef *chr)
{
    if (!chr->targetType)
        return NULL;
    switch (chr->deviceType) {
    case DX_CHR_DEVICE_SERIAL:
        return dxChrSerialTargetTypeToString(chr->targetType);
    case DX_CHR_DEVICE_CONSOLE:
        return dxChrConsoleTargetTypeToString(chr->targetType);
    case DX_CHR_DEVICE_CHANNEL:
        return dxChrChannelTargetTypeToString(chr->targetType);
    case DX_CHR_DEVICE_PARALLEL:
    case DX_CHR_DEVICE_LAST:
        break;
    }
    return NULL;
}

/* ---- parse ---------------------------------------------------------------- */

static const dxEnumTable *
dxChrTargetTable(dxChrDeviceType type)
{
    switch (type) {
    case DX_CHR_DEVICE_SERIAL:
        return &dxChrSerialTargetTable;
    case DX_CHR_DEVICE_CONSOLE:
        return &dxChrConsoleTargetTable;
    case DX_CHR_DEVICE_CHANNEL:
        return &dxChrChannelTargetTable;
    case DX_CHR_DEVICE_PARALLEL:
    case DX_CHR_DEVICE_LAST:
        break;
    }
    return NULL;
}

static int
dxChrTargetParseChannel(dxChrDef *chr, xmlNodePtr target)
{
    switch ((dxChrChannelTargetType)chr->targetType) {
    case DX_CHR_CHANNEL_TARGET_GUESTFWD:
        if (dxXMLPropStringRequired(target, "address", &chr->guestfwdAddr) < 0 ||
            dxXMLPropUInt(target, "port", 10, DX_PROP_REQUIRED, &chr->guestfwdPort) < 0)
            return -1;
        break;
    case DX_CHR_CHANNEL_TARGET_VIRTIO: {
        int state = 0;
        chr->name = dxXMLPropString(target, "name");
        /* the connection state is runtime data: read, never written */
        if (dxXMLPropEnum(target, "state", &dxChrStateTable, DX_PROP_NONZERO, &state) < 0)
            return -1;
        chr->state = state;
        break;
    }
    case DX_CHR_CHANNEL_TARGET_XEN:
        chr->name = dxXMLPropString(target, "name");
        break;
    case DX_CHR_CHANNEL_TARGET_NONE:
    case DX_CHR_CHANNEL_TARGET_LAST:
        break;
    }
    return 0;
}

static int
dxChrTargetParse(dxChrDef *chr, xmlNodePtr target)
{
    const dxEnumTable *table = dxChrTargetTable(chr->deviceType);
    xmlNodePtr model;
    int val = 0;

    if (table) {
        unsigned int flags = DX_PROP_NONZERO;
        if (chr->deviceType == DX_CHR_DEVICE_CHANNEL)
            flags |= DX_PROP_REQUIRED;
        if (dxXMLPropEnum(target, "type", table, flags, &val) < 0)
            return -1;
        chr->targetType = val;
    }
    if (chr->deviceType == DX_CHR_DEVICE_CHANNEL)
        return dxChrTargetParseChannel(chr, target);

    if (dxXMLPropInt(target, "port", 10, 0, &chr->port) < 0)
        return -1;
    if (chr->port < -1) {
        dxErrorReport(DX_ERR_INVALID, target, "invalid target port '%d'", chr->port);
        return -1;
    }
    if (chr->deviceType == DX_CHR_DEVICE_SERIAL && (model = dxXMLChild(target, "model"))) {
        if (dxXMLPropEnum(model, "name", &dxChrSerialModelTable,
                          DX_PROP_REQUIRED | DX_PROP_NONZERO, &val) < 0)
            return -1;
        chr->targetModel = val;
    }
    return 0;
}

static int
dxChrDefParseNode(dxChrDef *chr, xmlNodePtr node)
{
    xmlNodePtr target;
    int type = DX_CHR_TYPE_PTY;

    /* a missing type means a pty, as it always has in libvirt */
    if (dxXMLPropEnum(node, "type", &dxChrTypeTable, 0, &type) < 0)
        return -1;
    chr->source.type = type;
    /* tty= is the pty a running guest got: runtime state */
    if (dxXMLHasProp(node, "tty"))
        free(dxXMLPropString(node, "tty"));

    if (dxChrSourceParse(&chr->source, node, 0) < 0)
        return -1;
    /* a pty's path is also runtime state */
    if (chr->source.type == DX_CHR_TYPE_PTY) {
        free(chr->source.path);
        chr->source.path = NULL;
    }
    if ((target = dxXMLChild(node, "target"))) {
        if (dxChrTargetParse(chr, target) < 0)
            return -1;
    } else if (chr->deviceType == DX_CHR_DEVICE_CHANNEL) {
        dxErrorReport(DX_ERR_INVALID, node, "missing <target> for channel device");
        return -1;
    }
    if (chr->source.type == DX_CHR_TYPE_SPICEVMC)
        chr->source.spicevmc = DX_CHR_SPICEVMC_VDAGENT;
    return dxDeviceInfoParse(&chr->info, node, DX_INFO_ALLOW_ACPI);
}

int
dxChrDefParse(dxDomainDef *def, xmlNodePtr node)
{
    int type = dxChrDeviceTypeFromString((const char *)node->name);
    dxChrDef *chr;

    if (type < 0)
        return -1;
    chr = dxChrDefNew(type);
    dxSourceLocSet(&chr->info.loc, node);
    if (dxChrDefParseNode(chr, node) < 0) {
        dxChrDefFree(chr);
        return -1;
    }
    switch ((dxChrDeviceType)type) {
    case DX_CHR_DEVICE_SERIAL:
        DX_APPEND(def->serials, def->nserials, chr);
        break;
    case DX_CHR_DEVICE_PARALLEL:
        DX_APPEND(def->parallels, def->nparallels, chr);
        break;
    case DX_CHR_DEVICE_CONSOLE:
        DX_APPEND(def->consoles, def->nconsoles, chr);
        break;
    case DX_CHR_DEVICE_CHANNEL:
        DX_APPEND(def->channels, def->nchannels, chr);
        break;
    case DX_CHR_DEVICE_LAST:
        dxChrDefFree(chr);
        return -1;
    }
    return 0;
}

/* ---- format --------------------------------------------------------------- */

static void
dxChrTargetFormat(dxBuf *buf, const dxChrDef *chr)
{
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);

    dxBufAttr(&attrs, "type", dxChrTargetTypeToString(chr));
    switch (chr->deviceType) {
    case DX_CHR_DEVICE_CHANNEL:
        if (chr->targetType == DX_CHR_CHANNEL_TARGET_GUESTFWD) {
            dxBufAttr(&attrs, "address", chr->guestfwdAddr);
            dxBufAttrf(&attrs, "port", "%u", chr->guestfwdPort);
        } else {
            dxBufAttr(&attrs, "name", chr->name);
        }
        break;
    case DX_CHR_DEVICE_SERIAL:
        if (chr->targetModel)
            dxBufAddf(&child, "<model name='%s'/>\n",
                      dxChrSerialModelTypeToString(chr->targetModel));
        /* fall through */
    case DX_CHR_DEVICE_PARALLEL:
    case DX_CHR_DEVICE_CONSOLE:
        if (chr->port >= 0)
            dxBufAttrf(&attrs, "port", "%d", chr->port);
        break;
    case DX_CHR_DEVICE_LAST:
        break;
    }
    dxBufElementAlways(buf, "target", &attrs, &child);
}

static void
dxChrDefFormat(dxBuf *buf, const dxChrDef *chr)
{
    const char *elem = dxChrDeviceTypeToString(chr->deviceType);
    dxBuf child = DX_BUF_INIT_CHILD(buf);

    dxBufAddf(buf, "<%s type='%s'>\n", elem, dxChrTypeTypeToString(chr->source.type));
    dxChrSourceFormat(&child, &chr->source);
    dxChrTargetFormat(&child, chr);
    dxDeviceInfoFormat(&child, &chr->info, DX_INFO_ALLOW_ACPI);
    dxBufAddBuf(buf, &child);
    dxBufAddf(buf, "</%s>\n", elem);
}

static bool
dxChrDefIsHVM(const dxDomainDef *def)
{
    return !def->os.type || strcmp(def->os.type, "hvm") == 0;
}

static bool
dxChrConsoleTargetIsSerial(const dxChrDef *chr)
{
    return chr->targetType == DX_CHR_CONSOLE_TARGET_SERIAL ||
           chr->targetType == DX_CHR_CONSOLE_TARGET_NONE;
}

bool
dxChrConsoleIsSerialAlias(const dxDomainDef *def, size_t i)
{
    return dxChrDefIsHVM(def) && i < def->nconsoles && i < def->nserials &&
           dxChrConsoleTargetIsSerial(def->consoles[i]);
}

void
dxChrDefsFormat(dxBuf *buf, const dxDomainDef *def, dxChrDeviceType type)
{
    size_t i;

    switch (type) {
    case DX_CHR_DEVICE_SERIAL:
        for (i = 0; i < def->nserials; i++)
            dxChrDefFormat(buf, def->serials[i]);
        break;
    case DX_CHR_DEVICE_PARALLEL:
        for (i = 0; i < def->nparallels; i++)
            dxChrDefFormat(buf, def->parallels[i]);
        break;
    case DX_CHR_DEVICE_CONSOLE:
        for (i = 0; i < def->nconsoles; i++) {
            /* a serial console is another view of the serial port: it is
             * written with that port's source and address */
            if (dxChrConsoleIsSerialAlias(def, i)) {
                dxChrDef view = *def->serials[i];
                view.deviceType = DX_CHR_DEVICE_CONSOLE;
                view.targetType = DX_CHR_CONSOLE_TARGET_SERIAL;
                view.targetModel = DX_CHR_SERIAL_MODEL_NONE;
                dxChrDefFormat(buf, &view);
            } else {
                dxChrDefFormat(buf, def->consoles[i]);
            }
        }
        break;
    case DX_CHR_DEVICE_CHANNEL:
        for (i = 0; i < def->nchannels; i++)
            dxChrDefFormat(buf, def->channels[i]);
        break;
    case DX_CHR_DEVICE_LAST:
        break;
    }
}

/* ---- generic defaults ----------------------------------------------------- */

/* Devices without <target port> take the port after the highest one of
 * their kind: among all serial ports, but only among the parallel ports
 * written before (libvirt numbers those while reading them). */
static void
dxChrAssignPorts(dxChrDef **list, size_t n, bool onlyEarlier)
{
    size_t i, j;
    for (i = 0; i < n; i++) {
        int maxport = -1;
        if (list[i]->port >= 0)
            continue;
        for (j = 0; j < (onlyEarlier ? i : n); j++) {
            if (list[j]->port > maxport)
                maxport = list[j]->port;
        }
        list[i]->port = maxport + 1;
    }
}

static void
dxChrConsoleInsertStub(dxDomainDef *def)
{
    dxChrDef *stub = dxChrDefNew(DX_CHR_DEVICE_CONSOLE);
    stub->targetType = DX_CHR_CONSOLE_TARGET_SERIAL;
    stub->port = def->serials[0]->port;
    stub->source.type = def->serials[0]->source.type;
    dxSourceLocCopy(&stub->info.loc, &def->serials[0]->info.loc);
    def->consoles = dxReallocArray(def->consoles, def->nconsoles + 1, sizeof(dxChrDef *));
    memmove(def->consoles + 1, def->consoles, def->nconsoles * sizeof(dxChrDef *));
    def->consoles[0] = stub;
    def->nconsoles++;
}

/* In an HVM guest the first console has always meant "the first serial
 * port": a console of type serial (or without type) becomes serial0 when
 * there is none, and a first serial port gets a console standing for
 * it. */
static void
dxChrConsoleCompat(dxDomainDef *def)
{
    if (!dxChrDefIsHVM(def))
        return;
    if (def->nconsoles > 0 && dxChrConsoleTargetIsSerial(def->consoles[0])) {
        dxChrDef *con = def->consoles[0];
        if (def->nserials == 0) {
            dxChrDef *serial = dxChrDefCopy(con);
            serial->deviceType = DX_CHR_DEVICE_SERIAL;
            serial->targetType = DX_CHR_SERIAL_TARGET_NONE;
            serial->port = 0;
            DX_APPEND(def->serials, def->nserials, serial);
        }
        con->targetType = DX_CHR_CONSOLE_TARGET_SERIAL;
        con->port = def->serials[0]->port;
        /* its own address and alias are the serial port's from now on */
        con->info.type = DX_ADDRESS_TYPE_NONE;
        free(con->info.alias);
        con->info.alias = NULL;
        return;
    }
    if (def->nserials > 0 &&
        (def->serials[0]->targetType == DX_CHR_SERIAL_TARGET_NONE ||
         def->serials[0]->targetType == DX_CHR_SERIAL_TARGET_ISA))
        dxChrConsoleInsertStub(def);
}

static int
dxChrConsolesCheckSerial(const dxDomainDef *def)
{
    size_t i;
    if (!dxChrDefIsHVM(def))
        return 0;
    for (i = 1; i < def->nconsoles; i++) {
        if (dxChrConsoleTargetIsSerial(def->consoles[i])) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &def->consoles[i]->info.loc,
                             "Only the first console can be a serial port");
            return -1;
        }
    }
    return 0;
}

int
dxChrDefsPostParse(dxDomainDef *def)
{
    size_t i;

    if (dxChrConsolesCheckSerial(def) < 0)
        return -1;
    dxChrAssignPorts(def->serials, def->nserials, false);
    dxChrAssignPorts(def->parallels, def->nparallels, true);
    /* a console's port is its position, whatever was written */
    for (i = 0; i < def->nconsoles; i++)
        def->consoles[i]->port = (int)i;
    dxChrConsoleCompat(def);
    return 0;
}

/* ---- implicit controllers ----------------------------------------------- */

static void
dxChrAddVirtioSerialFor(dxDomainDef *def, const dxChrDef *chr)
{
    unsigned int idx = 0;
    if (chr->info.type == DX_ADDRESS_TYPE_VIRTIO_SERIAL)
        idx = chr->info.addr.vioserial.controller;
    dxDomainDefAddImplicitController(def, DX_CONTROLLER_TYPE_VIRTIO_SERIAL, (int)idx);
}

void
dxChrAddImplicitVirtioSerial(dxDomainDef *def)
{
    size_t i;
    for (i = 0; i < def->nchannels; i++) {
        if (def->channels[i]->targetType == DX_CHR_CHANNEL_TARGET_VIRTIO)
            dxChrAddVirtioSerialFor(def, def->channels[i]);
    }
    for (i = 0; i < def->nconsoles; i++) {
        if (def->consoles[i]->targetType == DX_CHR_CONSOLE_TARGET_VIRTIO)
            dxChrAddVirtioSerialFor(def, def->consoles[i]);
    }
}

/* ---- generic checks ------------------------------------------------------- */

static int
dxChrListValidate(dxChrDef *const *list, size_t n)
{
    size_t i;
    int rc = 0;
    for (i = 0; i < n; i++) {
        /* a channel's socket path can be generated by the driver */
        if (dxChrSourceValidate(&list[i]->source, &list[i]->info.loc,
                                list[i]->deviceType == DX_CHR_DEVICE_CHANNEL) < 0)
            rc = -1;
    }
    return rc;
}

int
dxChrDefsValidate(const dxDomainDef *def)
{
    int rc = 0;
    if (dxChrListValidate(def->serials, def->nserials) < 0 ||
        dxChrListValidate(def->parallels, def->nparallels) < 0 ||
        dxChrListValidate(def->channels, def->nchannels) < 0)
        rc = -1;
    /* consoles standing for a serial port were checked as that port */
    if (def->nconsoles > 0) {
        size_t first = dxChrConsoleIsSerialAlias(def, 0) ? 1 : 0;
        if (dxChrListValidate(def->consoles + first, def->nconsoles - first) < 0)
            rc = -1;
    }
    return rc;
}
