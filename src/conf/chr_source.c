/* chr_source.c: the host side of a character device (<source>,
 * <protocol>, <log>), shared by every element that carries one. */
#include "chr_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

#include <stdlib.h>
#include <string.h>

DX_ENUM_IMPL(dxChrType, DX_CHR_TYPE_LAST,
             "null", "vc", "pty", "dev", "file", "pipe", "stdio", "udp", "tcp",
             "unix", "spicevmc", "spiceport", "nmdm", "qemu-vdagent", "dbus");

DX_ENUM_IMPL(dxChrTcpProtocol, DX_CHR_TCP_PROTOCOL_LAST,
             "raw", "telnet", "telnets", "tls");

DX_ENUM_IMPL(dxChrSpicevmc, DX_CHR_SPICEVMC_LAST,
             "vdagent", "smartcard", "usbredir");

DX_ENUM_IMPL(dxChrMouseMode, DX_CHR_MOUSE_MODE_LAST,
             "", "server", "client");

typedef enum {
    DX_CHR_SOURCE_MODE_CONNECT = 0,
    DX_CHR_SOURCE_MODE_BIND,
    DX_CHR_SOURCE_MODE_LAST
} dxChrSourceMode;
DX_ENUM_DECL(dxChrSourceMode);
DX_ENUM_IMPL(dxChrSourceMode, DX_CHR_SOURCE_MODE_LAST, "connect", "bind");

/* ---- lifetime ------------------------------------------------------------- */

static void
dxChrSeclabelFree(dxChrSeclabel *sl)
{
    if (!sl)
        return;
    free(sl->model);
    free(sl->label);
    free(sl);
}

void
dxChrSourceDefClear(dxChrSourceDef *src)
{
    size_t i;
    free(src->path);
    free(src->host);
    free(src->service);
    free(src->bindHost);
    free(src->bindService);
    free(src->master);
    free(src->slave);
    free(src->channel);
    free(src->logfile);
    for (i = 0; i < src->nseclabels; i++)
        dxChrSeclabelFree(src->seclabels[i]);
    free(src->seclabels);
    memset(src, 0, sizeof(*src));
}

void
dxChrSourceDefCopy(dxChrSourceDef *dst, const dxChrSourceDef *src)
{
    size_t i;
    *dst = *src;
    dst->path = dxStrdup(src->path);
    dst->host = dxStrdup(src->host);
    dst->service = dxStrdup(src->service);
    dst->bindHost = dxStrdup(src->bindHost);
    dst->bindService = dxStrdup(src->bindService);
    dst->master = dxStrdup(src->master);
    dst->slave = dxStrdup(src->slave);
    dst->channel = dxStrdup(src->channel);
    dst->logfile = dxStrdup(src->logfile);
    dst->seclabels = NULL;
    dst->nseclabels = 0;
    for (i = 0; i < src->nseclabels; i++) {
        dxChrSeclabel *sl = dxNew(dxChrSeclabel);
        sl->model = dxStrdup(src->seclabels[i]->model);
        sl->relabel = src->seclabels[i]->relabel;
        sl->label = dxStrdup(src->seclabels[i]->label);
        DX_APPEND(dst->seclabels, dst->nseclabels, sl);
    }
}

bool
dxChrSourceDefEqual(const dxChrSourceDef *a, const dxChrSourceDef *b)
{
    return a->type == b->type &&
           dxStrEq(a->path, b->path) &&
           dxStrEq(a->host, b->host) && dxStrEq(a->service, b->service) &&
           a->listen == b->listen && a->protocol == b->protocol &&
           dxStrEq(a->bindHost, b->bindHost) &&
           dxStrEq(a->bindService, b->bindService) &&
           dxStrEq(a->master, b->master) && dxStrEq(a->slave, b->slave) &&
           a->spicevmc == b->spicevmc && dxStrEq(a->channel, b->channel);
}

bool
dxChrSourceIsSocket(const dxChrSourceDef *src)
{
    return src->type == DX_CHR_TYPE_TCP || src->type == DX_CHR_TYPE_UNIX;
}

/* ---- parse ---------------------------------------------------------------- */

static int
dxChrSeclabelParse(dxChrSourceDef *src, xmlNodePtr node)
{
    dxChrSeclabel *sl = dxNew(dxChrSeclabel);
    xmlNodePtr label;

    DX_APPEND(src->seclabels, src->nseclabels, sl);
    sl->model = dxXMLPropString(node, "model");
    if (dxXMLPropTristateBool(node, "relabel", 0, &sl->relabel) < 0)
        return -1;
    if ((label = dxXMLChild(node, "label")))
        sl->label = dxXMLContent(label);
    if (sl->relabel == DX_TRISTATE_BOOL_NO && sl->label) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "Cannot specify a label if relabelling is turned off");
        return -1;
    }
    return 0;
}

static int
dxChrReconnectParse(dxChrSourceDef *src, xmlNodePtr source)
{
    xmlNodePtr node = dxXMLChild(source, "reconnect");
    int rc;

    if (!node)
        return 0;
    if (dxXMLPropTristateBool(node, "enabled", DX_PROP_REQUIRED,
                              &src->reconnect.enabled) < 0)
        return -1;
    if (src->reconnect.enabled != DX_TRISTATE_BOOL_YES)
        return 0;
    if ((rc = dxXMLPropUInt(node, "timeout", 10, 0, &src->reconnect.timeout)) < 0)
        return -1;
    if (rc == 0) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "missing timeout for chardev with reconnect enabled");
        return -1;
    }
    if (src->reconnect.timeout == 0) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "chardev reconnect source timeout cannot be '0'");
        return -1;
    }
    return 0;
}

static int
dxChrSourceModeParse(xmlNodePtr node, bool *listen, bool *given)
{
    int mode = DX_CHR_SOURCE_MODE_CONNECT;
    int rc = dxXMLPropEnum(node, "mode", &dxChrSourceModeTable, 0, &mode);
    if (rc < 0)
        return -1;
    if (given)
        *given = rc == 1;
    *listen = mode == DX_CHR_SOURCE_MODE_BIND;
    return 0;
}

/* The local (bind) and remote (connect) ends of a UDP source, one
 * <source> element each. */
static int
dxChrSourceParseUDP(dxChrSourceDef *src, xmlNodePtr node)
{
    bool haveBind = false, haveConnect = false;

    DX_XML_FOREACH_CHILD(node, child) {
        bool bind;
        if (child->ns || !dxXMLNameIs(child, "source"))
            continue;
        dxXMLMarkUsed(child);
        if (dxChrSourceModeParse(child, &bind, NULL) < 0)
            return -1;
        if ((bind && haveBind) || (!bind && haveConnect)) {
            dxErrorReport(DX_ERR_INVALID, child,
                          "udp character device accepts one <source mode='bind'> "
                          "and one <source mode='connect'>, not more");
            return -1;
        }
        if (bind) {
            haveBind = true;
            src->bindHost = dxXMLPropString(child, "host");
            src->bindService = dxXMLPropString(child, "service");
        } else {
            haveConnect = true;
            src->host = dxXMLPropString(child, "host");
            src->service = dxXMLPropString(child, "service");
        }
    }
    return 0;
}

static int
dxChrSourceParseVdagent(dxChrSourceDef *src, xmlNodePtr source)
{
    xmlNodePtr child;
    int mouse;

    if ((child = dxXMLChild(source, "clipboard")) &&
        dxXMLPropTristateBool(child, "copypaste", DX_PROP_REQUIRED, &src->clipboard) < 0)
        return -1;
    if ((child = dxXMLChild(source, "mouse"))) {
        if (dxXMLPropEnum(child, "mode", &dxChrMouseModeTable,
                          DX_PROP_REQUIRED | DX_PROP_NONZERO, &mouse) < 0)
            return -1;
        src->mouse = mouse;
    }
    return 0;
}

/* Attributes of the single <source> element of every type but udp. */
static int
dxChrSourceParseOne(dxChrSourceDef *src, xmlNodePtr source)
{
    switch (src->type) {
    case DX_CHR_TYPE_FILE:
        if (dxXMLPropTristateSwitch(source, "append", 0, &src->append) < 0)
            return -1;
        /* fall through */
    case DX_CHR_TYPE_PTY:
    case DX_CHR_TYPE_DEV:
    case DX_CHR_TYPE_PIPE:
        src->path = dxXMLPropString(source, "path");
        break;
    case DX_CHR_TYPE_UNIX:
        if (dxChrSourceModeParse(source, &src->listen, &src->modeGiven) < 0)
            return -1;
        src->path = dxXMLPropString(source, "path");
        return dxChrReconnectParse(src, source);
    case DX_CHR_TYPE_TCP:
        if (dxChrSourceModeParse(source, &src->listen, &src->modeGiven) < 0 ||
            dxXMLPropTristateBool(source, "tls", 0, &src->tls) < 0)
            return -1;
        src->host = dxXMLPropString(source, "host");
        src->service = dxXMLPropString(source, "service");
        return dxChrReconnectParse(src, source);
    case DX_CHR_TYPE_NMDM:
        src->master = dxXMLPropString(source, "master");
        src->slave = dxXMLPropString(source, "slave");
        break;
    case DX_CHR_TYPE_SPICEPORT:
    case DX_CHR_TYPE_DBUS:
        src->channel = dxXMLPropString(source, "channel");
        break;
    case DX_CHR_TYPE_QEMU_VDAGENT:
        return dxChrSourceParseVdagent(src, source);
    case DX_CHR_TYPE_NULL:
    case DX_CHR_TYPE_VC:
    case DX_CHR_TYPE_STDIO:
    case DX_CHR_TYPE_SPICEVMC:
    case DX_CHR_TYPE_UDP:
    case DX_CHR_TYPE_LAST:
        break;
    }
    return 0;
}

static int
dxChrSourceParseSeclabels(dxChrSourceDef *src, xmlNodePtr source)
{
    DX_XML_FOREACH_CHILD(source, child) {
        if (child->ns || !dxXMLNameIs(child, "seclabel"))
            continue;
        dxXMLMarkUsed(child);
        if (dxChrSeclabelParse(src, child) < 0)
            return -1;
    }
    return 0;
}

static int
dxChrSourceParseLog(dxChrSourceDef *src, xmlNodePtr node)
{
    xmlNodePtr log = dxXMLChild(node, "log");
    if (!log)
        return 0;
    if (dxXMLPropStringRequired(log, "file", &src->logfile) < 0 ||
        dxXMLPropTristateSwitch(log, "append", 0, &src->logappend) < 0)
        return -1;
    return 0;
}

static int
dxChrSourceParseProtocol(dxChrSourceDef *src, xmlNodePtr node)
{
    xmlNodePtr proto = dxXMLChild(node, "protocol");
    int val = DX_CHR_TCP_PROTOCOL_RAW;
    if (!proto)
        return 0;
    if (dxXMLPropEnum(proto, "type", &dxChrTcpProtocolTable, 0, &val) < 0)
        return -1;
    src->protocol = val;
    return 0;
}

int
dxChrSourceParse(dxChrSourceDef *src, xmlNodePtr node, unsigned int flags)
{
    xmlNodePtr source = NULL;
    (void)flags;

    if (src->type == DX_CHR_TYPE_UDP) {
        if (dxChrSourceParseUDP(src, node) < 0)
            return -1;
    } else if ((source = dxXMLChild(node, "source"))) {
        if (dxXMLChildCount(node, "source") > 1) {
            dxErrorReport(DX_ERR_INVALID, node,
                          "only one <source> is allowed for a '%s' character device",
                          dxChrTypeTypeToString(src->type));
            return -1;
        }
        if (dxChrSourceParseOne(src, source) < 0 ||
            dxChrSourceParseSeclabels(src, source) < 0)
            return -1;
    }
    if (dxChrSourceParseLog(src, node) < 0)
        return -1;
    if (src->type == DX_CHR_TYPE_TCP)
        return dxChrSourceParseProtocol(src, node);
    if ((source = dxXMLChild(node, "protocol"))) {
        dxWarningReport(DX_ERR_UNKNOWN, source,
                        "<protocol> only applies to tcp character devices: ignored for type '%s'",
                        dxChrTypeTypeToString(src->type));
        /* the whole element is ignored: its attributes are not unknown */
        dxXMLMarkSubtreeUsed(source);
    }
    return 0;
}

/* ---- format --------------------------------------------------------------- */

static void
dxChrSeclabelsFormat(dxBuf *buf, const dxChrSourceDef *src)
{
    size_t i;
    for (i = 0; i < src->nseclabels; i++) {
        const dxChrSeclabel *sl = src->seclabels[i];
        dxBuf attrs = DX_BUF_INIT;
        dxBuf child = DX_BUF_INIT_CHILD(buf);
        dxBufAttr(&attrs, "model", sl->model);
        if (sl->relabel)
            dxBufAttr(&attrs, "relabel", dxTristateBoolTypeToString(sl->relabel));
        dxBufTextElement(&child, "label", sl->label);
        dxBufElementAlways(buf, "seclabel", &attrs, &child);
    }
}

static void
dxChrReconnectFormat(dxBuf *buf, const dxChrReconnect *rc)
{
    if (!rc->enabled)
        return;
    dxBufAddf(buf, "<reconnect enabled='%s'", dxTristateBoolTypeToString(rc->enabled));
    if (rc->enabled == DX_TRISTATE_BOOL_YES)
        dxBufAddf(buf, " timeout='%u'", rc->timeout);
    dxBufAddStr(buf, "/>\n");
}

static void
dxChrSourceHostFormat(dxBuf *buf, const char *mode, const char *host,
                      const char *service, dxTristateBool tls,
                      const dxChrReconnect *reconnect)
{
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    dxBufAttr(&attrs, "mode", mode);
    dxBufAttr(&attrs, "host", host);
    dxBufAttr(&attrs, "service", service);
    if (tls)
        dxBufAttr(&attrs, "tls", dxTristateBoolTypeToString(tls));
    if (reconnect)
        dxChrReconnectFormat(&child, reconnect);
    dxBufElementAlways(buf, "source", &attrs, &child);
}

static void
dxChrSourceVdagentFormat(dxBuf *buf, const dxChrSourceDef *src)
{
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    dxBuf none = DX_BUF_INIT;
    if (src->clipboard)
        dxBufAddf(&child, "<clipboard copypaste='%s'/>\n",
                  dxTristateBoolTypeToString(src->clipboard));
    if (src->mouse)
        dxBufAddf(&child, "<mouse mode='%s'/>\n", dxChrMouseModeTypeToString(src->mouse));
    dxBufElement(buf, "source", &none, &child);
}

/* <source> for the types that only have a path (and maybe append=). */
static void
dxChrSourcePathFormat(dxBuf *buf, const dxChrSourceDef *src)
{
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    if (!src->path && src->nseclabels == 0 && !src->append)
        return;
    dxBufAttr(&attrs, "path", src->path);
    if (src->type == DX_CHR_TYPE_FILE && src->append)
        dxBufAttr(&attrs, "append", dxTristateSwitchTypeToString(src->append));
    dxChrSeclabelsFormat(&child, src);
    dxBufElementAlways(buf, "source", &attrs, &child);
}

void
dxChrSourceFormat(dxBuf *buf, const dxChrSourceDef *src)
{
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);

    switch (src->type) {
    case DX_CHR_TYPE_PTY:
    case DX_CHR_TYPE_DEV:
    case DX_CHR_TYPE_FILE:
    case DX_CHR_TYPE_PIPE:
        dxChrSourcePathFormat(buf, src);
        break;
    case DX_CHR_TYPE_NMDM:
        dxBufAttr(&attrs, "master", src->master);
        dxBufAttr(&attrs, "slave", src->slave);
        dxBufElementAlways(buf, "source", &attrs, &child);
        break;
    case DX_CHR_TYPE_UDP:
        if (src->bindHost || src->bindService)
            dxChrSourceHostFormat(buf, "bind", src->bindHost, src->bindService, 0, NULL);
        if (src->host || src->service)
            dxChrSourceHostFormat(buf, "connect", src->host, src->service, 0, NULL);
        break;
    case DX_CHR_TYPE_TCP:
        dxChrSourceHostFormat(buf, src->listen ? "bind" : "connect", src->host,
                              src->service, src->tls, &src->reconnect);
        dxBufAddf(buf, "<protocol type='%s'/>\n",
                  dxChrTcpProtocolTypeToString(src->protocol));
        break;
    case DX_CHR_TYPE_UNIX:
        /* a socket the driver names itself has nothing to write */
        if (!src->path && !src->reconnect.enabled && src->nseclabels == 0)
            break;
        dxBufAttr(&attrs, "mode", src->listen ? "bind" : "connect");
        dxBufAttr(&attrs, "path", src->path);
        dxChrReconnectFormat(&child, &src->reconnect);
        dxChrSeclabelsFormat(&child, src);
        dxBufElementAlways(buf, "source", &attrs, &child);
        break;
    case DX_CHR_TYPE_SPICEPORT:
    case DX_CHR_TYPE_DBUS:
        if (src->channel) {
            dxBufAttr(&attrs, "channel", src->channel);
            dxBufElementAlways(buf, "source", &attrs, &child);
        }
        break;
    case DX_CHR_TYPE_QEMU_VDAGENT:
        dxChrSourceVdagentFormat(buf, src);
        break;
    case DX_CHR_TYPE_NULL:
    case DX_CHR_TYPE_VC:
    case DX_CHR_TYPE_STDIO:
    case DX_CHR_TYPE_SPICEVMC:
    case DX_CHR_TYPE_LAST:
        break;
    }
    if (src->logfile) {
        dxBufAddStr(buf, "<log");
        dxBufAttr(buf, "file", src->logfile);
        if (src->logappend)
            dxBufAttr(buf, "append", dxTristateSwitchTypeToString(src->logappend));
        dxBufAddStr(buf, "/>\n");
    }
}

/* ---- checks --------------------------------------------------------------- */

static int
dxChrSourceRequire(const dxSourceLoc *loc, const char *value, const char *attr)
{
    if (value)
        return 0;
    dxErrorReportLoc(DX_ERR_INVALID, loc,
                     "Missing source %s attribute for char device", attr);
    return -1;
}

static int
dxChrSpiceportChannelCheck(const dxChrSourceDef *src, const dxSourceLoc *loc)
{
    const char *p;
    if (dxChrSourceRequire(loc, src->channel, "channel") < 0)
        return -1;
    for (p = src->channel; *p; p++) {
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                    "0123456789_.-", *p)) {
            dxErrorReportLoc(DX_ERR_INVALID, loc,
                             "Invalid character in source channel for char device");
            return -1;
        }
    }
    return 0;
}

int
dxChrSourceValidate(const dxChrSourceDef *src, const dxSourceLoc *loc,
                    bool unixPathOptional)
{
    switch (src->type) {
    case DX_CHR_TYPE_DEV:
    case DX_CHR_TYPE_FILE:
    case DX_CHR_TYPE_PIPE:
        return dxChrSourceRequire(loc, src->path, "path");
    case DX_CHR_TYPE_UNIX:
        if (!unixPathOptional && dxChrSourceRequire(loc, src->path, "path") < 0)
            return -1;
        break;
    case DX_CHR_TYPE_TCP:
        if (dxChrSourceRequire(loc, src->host, "host") < 0 ||
            dxChrSourceRequire(loc, src->service, "service") < 0)
            return -1;
        break;
    case DX_CHR_TYPE_UDP:
        return dxChrSourceRequire(loc, src->service, "service");
    case DX_CHR_TYPE_NMDM:
        if (dxChrSourceRequire(loc, src->master, "master") < 0 ||
            dxChrSourceRequire(loc, src->slave, "slave") < 0)
            return -1;
        break;
    case DX_CHR_TYPE_SPICEPORT:
        return dxChrSpiceportChannelCheck(src, loc);
    case DX_CHR_TYPE_NULL:
    case DX_CHR_TYPE_VC:
    case DX_CHR_TYPE_PTY:
    case DX_CHR_TYPE_STDIO:
    case DX_CHR_TYPE_SPICEVMC:
    case DX_CHR_TYPE_QEMU_VDAGENT:
    case DX_CHR_TYPE_DBUS:
    case DX_CHR_TYPE_LAST:
        break;
    }
    if (src->reconnect.enabled == DX_TRISTATE_BOOL_YES && src->listen) {
        dxErrorReportLoc(DX_ERR_INVALID, loc,
                         "chardev reconnect is possible only for connect mode");
        return -1;
    }
    return 0;
}
