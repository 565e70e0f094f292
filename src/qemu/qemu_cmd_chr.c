/* qemu_cmd_chr.c: -chardev backends (shared by every family with a
 * character device source) and the serial, parallel, channel and console
 * devices on top of them. */
#include "qemu_cmd_chr.h"
#include "qemu_conf.h"
#include "conf/chr_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"

#include <stdlib.h>
#include <string.h>

/* the virtio port name SPICE agents listen on */
#define DX_QEMU_SPICE_AGENT_PORT "com.redhat.spice.0"

/* libvirt opens the file and passes it in an fd set: QEMU writes to
 * /dev/fdset/N, always appending to what libvirt prepared. */
static void
dxQemuChardevFdsetPath(dxQemuBuildCtx *ctx, dxBuf *buf, const char *key,
                       const char *devAlias, const char *what)
{
    char *opaque = dxAsprintf("%s-%s", devAlias, what);
    unsigned int set;
    if (ctx->nextChardevFd == 0)
        ctx->nextChardevFd = DX_QEMU_FIRST_CHARDEV_FILE_FD;
    set = dxQemuBuildAddFd(ctx, ctx->nextChardevFd++, opaque);
    dxBufAddf(buf, ",%s=/dev/fdset/%u", key, set);
    free(opaque);
}

static void
dxQemuChardevKey(dxBuf *buf, const char *key, const char *value)
{
    dxBufAddf(buf, ",%s=", key);
    dxBufEscapeComma(buf, value ? value : "");
}

static bool
dxQemuChardevUsesTLS(const dxChrSourceDef *src)
{
    /* qemu.conf's chardev_tls is off: only tls='yes' asks for it */
    return src->type == DX_CHR_TYPE_TCP && src->tls == DX_TRISTATE_BOOL_YES;
}

static void
dxQemuChardevTLSObject(dxQemuBuildCtx *ctx, const dxChrSourceDef *src,
                       const char *charAlias, dxBuf *buf)
{
    char *id = dxAsprintf("obj%s_tls0", charAlias);
    dxArgvAddJSON(ctx->argv, "-object",
                  dxQemuTLSx509Props(id, DX_QEMU_CONF_CHARDEV_TLS_DIR, src->listen,
                                     DX_QEMU_CONF_CHARDEV_TLS_VERIFY, NULL));
    dxQemuChardevKey(buf, "tls-creds", id);
    free(id);
}

static void
dxQemuChardevTCP(dxQemuBuildCtx *ctx, const dxChrSourceDef *src,
                 const char *charAlias, dxBuf *buf)
{
    dxBufAddStr(buf, "socket");
    dxQemuChardevKey(buf, "id", charAlias);
    dxQemuChardevKey(buf, "host", src->host);
    dxQemuChardevKey(buf, "port", src->service);
    if (src->protocol == DX_CHR_TCP_PROTOCOL_TELNET)
        dxBufAddStr(buf, ",telnet=on");
    if (src->listen)
        dxBufAddStr(buf, ",server=on,wait=off");
    if (src->reconnect.enabled == DX_TRISTATE_BOOL_YES)
        dxBufAddf(buf, ",reconnect=%u", src->reconnect.timeout);
    else if (src->reconnect.enabled == DX_TRISTATE_BOOL_NO)
        dxBufAddStr(buf, ",reconnect=0");
}

static void
dxQemuChardevUnix(const dxChrSourceDef *src, const char *charAlias,
                  const char *genPath, dxBuf *buf)
{
    dxBufAddStr(buf, "socket");
    dxQemuChardevKey(buf, "id", charAlias);
    if (src->listen) {
        /* libvirt creates the listening socket and passes it */
        dxBufAddf(buf, ",fd=%d,server=on,wait=off", DX_QEMU_LISTEN_SOCKET_FD);
        return;
    }
    dxQemuChardevKey(buf, "path", src->path ? src->path : genPath);
    if (src->reconnect.enabled == DX_TRISTATE_BOOL_YES)
        dxBufAddf(buf, ",reconnect=%u", src->reconnect.timeout);
    else if (src->reconnect.enabled == DX_TRISTATE_BOOL_NO)
        dxBufAddStr(buf, ",reconnect=0");
}

static void
dxQemuChardevUDP(const dxChrSourceDef *src, const char *charAlias, dxBuf *buf)
{
    dxBufAddStr(buf, "udp");
    dxQemuChardevKey(buf, "id", charAlias);
    dxQemuChardevKey(buf, "host", src->host);
    dxQemuChardevKey(buf, "port", src->service);
    dxQemuChardevKey(buf, "localaddr", src->bindHost);
    dxQemuChardevKey(buf, "localport", src->bindService ? src->bindService : "0");
}

static void
dxQemuChardevVdagent(const dxChrSourceDef *src, const char *charAlias, dxBuf *buf)
{
    dxBufAddStr(buf, "qemu-vdagent");
    dxQemuChardevKey(buf, "id", charAlias);
    dxBufAddStr(buf, ",name=vdagent");
    if (src->clipboard)
        dxBufAddf(buf, ",clipboard=%s",
                  src->clipboard == DX_TRISTATE_BOOL_YES ? "on" : "off");
    if (src->mouse)
        dxBufAddf(buf, ",mouse=%s",
                  src->mouse == DX_CHR_MOUSE_MODE_CLIENT ? "on" : "off");
}

static void
dxQemuChardevSimple(const char *backend, const char *charAlias, dxBuf *buf)
{
    dxBufAddStr(buf, backend);
    dxQemuChardevKey(buf, "id", charAlias);
}

/* The backend part (everything but the log) of SRC's -chardev value. */
static int
dxQemuChardevBackend(dxQemuBuildCtx *ctx, const dxQemuChardev *chr, dxBuf *buf)
{
    const dxChrSourceDef *src = chr->src;

    switch (src->type) {
    case DX_CHR_TYPE_NULL:
    case DX_CHR_TYPE_VC:
    case DX_CHR_TYPE_PTY:
    case DX_CHR_TYPE_STDIO:
        dxQemuChardevSimple(dxChrTypeTypeToString(src->type), chr->charAlias, buf);
        return 0;
    case DX_CHR_TYPE_DEV:
        dxQemuChardevSimple(chr->parallel ? "parallel" : "serial", chr->charAlias, buf);
        dxQemuChardevKey(buf, "path", src->path);
        return 0;
    case DX_CHR_TYPE_FILE:
        dxQemuChardevSimple("file", chr->charAlias, buf);
        dxQemuChardevFdsetPath(ctx, buf, "path", chr->devAlias, "source");
        dxBufAddStr(buf, ",append=on");
        return 0;
    case DX_CHR_TYPE_PIPE:
        dxQemuChardevSimple("pipe", chr->charAlias, buf);
        dxQemuChardevKey(buf, "path", src->path);
        return 0;
    case DX_CHR_TYPE_UDP:
        dxQemuChardevUDP(src, chr->charAlias, buf);
        return 0;
    case DX_CHR_TYPE_TCP:
        dxQemuChardevTCP(ctx, src, chr->charAlias, buf);
        return 0;
    case DX_CHR_TYPE_UNIX:
        dxQemuChardevUnix(src, chr->charAlias, chr->genPath, buf);
        return 0;
    case DX_CHR_TYPE_SPICEVMC:
        dxQemuChardevSimple("spicevmc", chr->charAlias, buf);
        dxBufAddf(buf, ",name=%s", dxChrSpicevmcTypeToString(src->spicevmc));
        return 0;
    case DX_CHR_TYPE_SPICEPORT:
    case DX_CHR_TYPE_DBUS:
        dxQemuChardevSimple(dxChrTypeTypeToString(src->type), chr->charAlias, buf);
        dxQemuChardevKey(buf, "name", src->channel);
        return 0;
    case DX_CHR_TYPE_QEMU_VDAGENT:
        dxQemuChardevVdagent(src, chr->charAlias, buf);
        return 0;
    case DX_CHR_TYPE_NMDM:
    case DX_CHR_TYPE_LAST:
        break;
    }
    dxErrorReportLoc(DX_ERR_UNSUPPORTED, chr->loc, "unsupported chardev '%s'",
                     dxChrTypeTypeToString(src->type));
    return -1;
}

int
dxQemuBuildChardev(dxQemuBuildCtx *ctx, const dxQemuChardev *chr)
{
    dxBuf buf = DX_BUF_INIT;
    dxBuf tls = DX_BUF_INIT;

    /* the TLS credentials object must exist before the socket using it */
    if (dxQemuChardevUsesTLS(chr->src))
        dxQemuChardevTLSObject(ctx, chr->src, chr->charAlias, &tls);
    if (dxQemuChardevBackend(ctx, chr, &buf) < 0) {
        dxBufClear(&buf);
        dxBufClear(&tls);
        return -1;
    }
    dxBufAddStr(&buf, dxBufContent(&tls));
    dxBufClear(&tls);
    if (chr->src->logfile) {
        dxQemuChardevFdsetPath(ctx, &buf, "logfile", chr->devAlias, "log");
        dxBufAddStr(&buf, ",logappend=on");
    }
    dxArgvAddBuf(ctx->argv, "-chardev", &buf);
    return 0;
}

/* ---- the devices ---------------------------------------------------------- */

static char *
dxQemuChrCharAlias(const dxChrDef *chr)
{
    return dxAsprintf("char%s", chr->info.alias);
}

/* Where libvirt puts the socket of a unix channel without a path. */
static char *
dxQemuChannelSocketPath(const dxQemuBuildCtx *ctx, const dxChrDef *chr)
{
    if (chr->source.type != DX_CHR_TYPE_UNIX || chr->source.path || !chr->name)
        return NULL;
    return dxAsprintf("%s/channel/%s", ctx->stateDir, chr->name);
}

static int
dxQemuBuildChrChardev(dxQemuBuildCtx *ctx, const dxChrDef *chr, char **charAlias)
{
    dxQemuChardev dev = {
        .src = &chr->source,
        .devAlias = chr->info.alias,
        .parallel = chr->deviceType == DX_CHR_DEVICE_PARALLEL,
        .loc = &chr->info.loc,
    };
    char *genPath = dxQemuChannelSocketPath(ctx, chr);
    int rc;

    *charAlias = dxQemuChrCharAlias(chr);
    dev.charAlias = *charAlias;
    dev.genPath = genPath;
    rc = dxQemuBuildChardev(ctx, &dev);
    free(genPath);
    return rc;
}

static dxJSON *
dxQemuChrDeviceProps(const char *driver, const char *charAlias, const dxChrDef *chr)
{
    dxJSON *props = dxJSONNewObject();
    dxJSONAddString(props, "driver", driver);
    dxJSONAddString(props, "chardev", charAlias);
    dxJSONAddString(props, "id", chr->info.alias);
    return props;
}

static int
dxQemuBuildSerial(dxQemuBuildCtx *ctx, const dxChrDef *chr)
{
    const char *model = dxChrSerialModelTypeToString(chr->targetModel);
    char *charAlias;
    dxJSON *props;

    if (dxQemuBuildChrChardev(ctx, chr, &charAlias) < 0) {
        free(charAlias);
        return -1;
    }
    props = dxQemuChrDeviceProps(model, charAlias, chr);
    /* only the ISA UART is numbered: it picks the COM port resources */
    if (chr->targetModel == DX_CHR_SERIAL_MODEL_ISA_SERIAL)
        dxJSONAddInt(props, "index", chr->port);
    dxQemuBuildDeviceAddressProps(ctx, props, &chr->info);
    dxArgvAddJSON(ctx->argv, "-device", props);
    free(charAlias);
    return 0;
}

int
dxQemuBuildSerials(dxQemuBuildCtx *ctx)
{
    size_t i;
    for (i = 0; i < ctx->def->nserials; i++) {
        if (dxQemuBuildSerial(ctx, ctx->def->serials[i]) < 0)
            return -1;
    }
    return 0;
}

int
dxQemuBuildParallels(dxQemuBuildCtx *ctx)
{
    size_t i;
    for (i = 0; i < ctx->def->nparallels; i++) {
        const dxChrDef *chr = ctx->def->parallels[i];
        char *charAlias;
        dxJSON *props;
        if (dxQemuBuildChrChardev(ctx, chr, &charAlias) < 0) {
            free(charAlias);
            return -1;
        }
        props = dxQemuChrDeviceProps("isa-parallel", charAlias, chr);
        dxQemuBuildDeviceAddressProps(ctx, props, &chr->info);
        dxArgvAddJSON(ctx->argv, "-device", props);
        free(charAlias);
    }
    return 0;
}

/* virtserialport/virtconsole: the address comes first, then the port. */
static void
dxQemuVirtioSerialPort(dxQemuBuildCtx *ctx, const char *driver,
                       const char *charAlias, const dxChrDef *chr)
{
    dxJSON *props = dxJSONNewObject();
    const char *name = chr->name;

    dxJSONAddString(props, "driver", driver);
    if (chr->info.type == DX_ADDRESS_TYPE_VIRTIO_SERIAL)
        dxQemuBuildDeviceAddressProps(ctx, props, &chr->info);
    dxJSONAddString(props, "chardev", charAlias);
    dxJSONAddString(props, "id", chr->info.alias);
    if (!name && (chr->source.type == DX_CHR_TYPE_SPICEVMC ||
                  chr->source.type == DX_CHR_TYPE_QEMU_VDAGENT))
        name = DX_QEMU_SPICE_AGENT_PORT;
    if (chr->deviceType == DX_CHR_DEVICE_CHANNEL)
        dxJSONAddString(props, "name", name);
    dxArgvAddJSON(ctx->argv, "-device", props);
}

/* guestfwd: QEMU's user network forwards ADDR:PORT to the chardev. */
static void
dxQemuGuestfwd(dxQemuBuildCtx *ctx, const char *charAlias, const dxChrDef *chr)
{
    dxJSON *props = dxJSONNewObject();
    dxJSON *fwds = dxJSONNewArray();
    dxJSON *fwd = dxJSONNewObject();
    char *str = dxAsprintf("tcp:%s:%u-chardev:%s", chr->guestfwdAddr,
                           chr->guestfwdPort, charAlias);

    dxJSONAddString(fwd, "str", str);
    dxJSONAppend(fwds, fwd);
    dxJSONAddString(props, "type", "user");
    dxJSONAdd(props, "guestfwd", fwds);
    dxJSONAddString(props, "id", chr->info.alias);
    dxArgvAddJSON(ctx->argv, "-netdev", props);
    free(str);
}

int
dxQemuBuildChannels(dxQemuBuildCtx *ctx)
{
    size_t i;
    for (i = 0; i < ctx->def->nchannels; i++) {
        const dxChrDef *chr = ctx->def->channels[i];
        char *charAlias;
        if (dxQemuBuildChrChardev(ctx, chr, &charAlias) < 0) {
            free(charAlias);
            return -1;
        }
        if (chr->targetType == DX_CHR_CHANNEL_TARGET_GUESTFWD)
            dxQemuGuestfwd(ctx, charAlias, chr);
        else
            dxQemuVirtioSerialPort(ctx, "virtserialport", charAlias, chr);
        free(charAlias);
    }
    return 0;
}

int
dxQemuBuildConsoles(dxQemuBuildCtx *ctx)
{
    size_t i;
    for (i = 0; i < ctx->def->nconsoles; i++) {
        const dxChrDef *chr = ctx->def->consoles[i];
        char *charAlias;
        /* a serial console is the serial port, already on the command line */
        if (dxChrConsoleIsSerialAlias(ctx->def, i) ||
            chr->targetType != DX_CHR_CONSOLE_TARGET_VIRTIO)
            continue;
        if (dxQemuBuildChrChardev(ctx, chr, &charAlias) < 0) {
            free(charAlias);
            return -1;
        }
        dxQemuVirtioSerialPort(ctx, "virtconsole", charAlias, chr);
        free(charAlias);
    }
    return 0;
}
