/* qemu_cmd_graphics.c: -vnc, -spice and -display for <graphics>.
 *
 * Ports are those libvirt prints when it only prepares a command line
 * (domxml never starts QEMU): an automatic VNC port is 5900 (display :0),
 * automatic SPICE ports are 5901 and 5902, and a VNC websocket of -1 is
 * left for QEMU to pick.
 */
#include "qemu_cmd_display.h"
#include "qemu_conf.h"
#include "qemu_display.h"
#include "conf/graphics_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#define DX_QEMU_VNC_PORT_MIN 5900
#define DX_QEMU_SPICE_PRETEND_PORT 5901
#define DX_QEMU_SPICE_PRETEND_TLS_PORT 5902

/* The first DRM render node of this host, as libvirt picks one when a GL
 * display names none; NULL when there is none (QEMU then chooses). */
static char *
dxQemuHostRenderNode(void)
{
    DIR *dir = opendir("/dev/dri");
    struct dirent *ent;
    char *best = NULL;

    if (!dir)
        return NULL;
    while ((ent = readdir(dir))) {
        if (strncmp(ent->d_name, "renderD", 7) != 0)
            continue;
        if (!best || strcmp(ent->d_name, best) < 0) {
            free(best);
            best = dxStrdup(ent->d_name);
        }
    }
    closedir(dir);
    if (!best)
        return NULL;
    {
        char *path = dxAsprintf("/dev/dri/%s", best);
        free(best);
        return path;
    }
}

static void
dxQemuKeyValue(dxBuf *buf, const char *key, const char *value)
{
    dxBufAddf(buf, ",%s=", key);
    dxBufEscapeComma(buf, value);
}

static void
dxQemuRenderNode(dxBuf *buf, const dxGraphicsDef *g)
{
    char *node = g->rendernode ? dxStrdup(g->rendernode) : dxQemuHostRenderNode();
    if (node)
        dxQemuKeyValue(buf, "rendernode", node);
    free(node);
}

static int
dxQemuListenNetworkError(const dxGraphicsDef *g, const dxGraphicsListenDef *l)
{
    dxErrorReportLoc(DX_ERR_UNSUPPORTED, &g->loc,
                     "listen type 'network' needs the address of network '%s', "
                     "which only a running libvirt can resolve: use type='address'",
                     l->network);
    return -1;
}

static void
dxQemuVNCAddress(dxBuf *buf, const dxGraphicsDef *g, const dxGraphicsListenDef *l)
{
    const char *addr = l && l->address ? l->address : DX_QEMU_CONF_VNC_LISTEN;
    int port = g->autoport || !g->port ? DX_QEMU_VNC_PORT_MIN : g->port;

    /* an IPv6 address needs brackets before the display number */
    if (strchr(addr, ':')) {
        dxBufAddChar(buf, '[');
        dxBufEscapeComma(buf, addr);
        dxBufAddChar(buf, ']');
    } else {
        dxBufEscapeComma(buf, addr);
    }
    dxBufAddf(buf, ":%d", port - DX_QEMU_VNC_PORT_MIN);
    if (g->websocket)
        dxBufAddf(buf, ",websocket=%d", g->websocket);
}

static int
dxQemuBuildVNC(dxQemuBuildCtx *ctx, const dxGraphicsDef *g)
{
    const dxGraphicsListenDef *l = dxGraphicsFirstListen(g);
    dxBuf buf = DX_BUF_INIT;
    char *audiodev;

    if (!g->autoport && g->port && g->port < DX_QEMU_VNC_PORT_MIN) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &g->loc,
                         "vnc port must be in range [5900,65535]");
        return -1;
    }
    if (l && l->type == DX_GRAPHICS_LISTEN_NETWORK)
        return dxQemuListenNetworkError(g, l);
    if (l && l->type == DX_GRAPHICS_LISTEN_SOCKET &&
        !dxQemuSocketIsGenerated(l->socket, ctx->stateDir)) {
        char *path = l->socket ? dxStrdup(l->socket) : dxAsprintf("%s/vnc.sock", ctx->stateDir);
        dxBufAddStr(&buf, "vnc=unix:");
        dxBufEscapeComma(&buf, path);
        free(path);
    } else if (l && l->type == DX_GRAPHICS_LISTEN_NONE) {
        dxBufAddStr(&buf, "none");
    } else {
        /* a socket an earlier run generated is an automatic port again */
        const dxGraphicsListenDef *addr = l && l->type == DX_GRAPHICS_LISTEN_ADDRESS ? l : NULL;
        dxQemuVNCAddress(&buf, g, addr);
    }
    if (g->sharePolicy)
        dxBufAddf(&buf, ",share=%s", dxGraphicsShareTypeToString(g->sharePolicy));
    if (g->passwd)
        dxBufAddStr(&buf, ",password=on");
    if (g->powerControl == DX_TRISTATE_BOOL_YES)
        dxBufAddStr(&buf, ",power-control=on");
    if ((audiodev = dxQemuAudiodevId(ctx->def, g->audioId)))
        dxQemuKeyValue(&buf, "audiodev", audiodev);
    free(audiodev);
    dxArgvAddBuf(ctx->argv, "-vnc", &buf);
    if (g->keymap)
        dxArgvAddPair(ctx->argv, "-k", g->keymap);
    return 0;
}

/* ---- SPICE ---------------------------------------------------------------- */

static void
dxQemuSpicePorts(const dxGraphicsDef *g, int *port, int *tlsPort)
{
    *port = g->port;
    *tlsPort = g->tlsPort;
    /* with automatic ports a channel of mode "any" can use either port,
     * and every domain has such channels: libvirt reserves both */
    if (g->autoport) {
        *port = DX_QEMU_SPICE_PRETEND_PORT;
        if (DX_QEMU_CONF_SPICE_TLS)
            *tlsPort = DX_QEMU_SPICE_PRETEND_TLS_PORT;
    }
}

/* Writes where the server listens; *PLAIN and *TLS say whether it has a
 * plaintext and a TLS endpoint. */
static int
dxQemuSpiceListen(dxQemuBuildCtx *ctx, dxBuf *buf, const dxGraphicsDef *g,
                  bool *plain, bool *tls)
{
    const dxGraphicsListenDef *l = dxGraphicsFirstListen(g);
    int port, tlsPort;

    *plain = *tls = false;
    if (!l || l->type == DX_GRAPHICS_LISTEN_NONE) {
        dxBufAddStr(buf, "port=0");
        return 0;
    }
    if (l->type == DX_GRAPHICS_LISTEN_SOCKET) {
        char *path = l->socket ? dxStrdup(l->socket) : dxAsprintf("%s/spice.sock", ctx->stateDir);
        dxBufAddStr(buf, "unix,addr=");
        dxBufEscapeComma(buf, path);
        free(path);
        *plain = true;
        return 0;
    }
    if (l->type == DX_GRAPHICS_LISTEN_NETWORK)
        return dxQemuListenNetworkError(g, l);
    dxQemuSpicePorts(g, &port, &tlsPort);
    if (port > 0)
        dxBufAddf(buf, "port=%d,", port);
    if (tlsPort > 0)
        dxBufAddf(buf, "tls-port=%d,", tlsPort);
    dxBufAddStr(buf, "addr=");
    dxBufEscapeComma(buf, l->address ? l->address : DX_QEMU_CONF_SPICE_LISTEN);
    *plain = port > 0;
    *tls = tlsPort > 0;
    return 0;
}

static int
dxQemuSpiceChannelMode(dxBuf *buf, const dxGraphicsDef *g, dxSpiceChannelMode mode,
                       const char *name, bool plain, bool tls)
{
    if (mode == DX_SPICE_MODE_SECURE) {
        if (!tls) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &g->loc,
                             "spice secure channels set in XML configuration, "
                             "but TLS port is not provided");
            return -1;
        }
        dxBufAddf(buf, ",tls-channel=%s", name);
    } else if (mode == DX_SPICE_MODE_INSECURE) {
        if (!plain) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &g->loc,
                             "spice insecure channels set in XML configuration, "
                             "but plain port is not provided");
            return -1;
        }
        dxBufAddf(buf, ",plaintext-channel=%s", name);
    }
    return 0;
}

static int
dxQemuSpiceChannels(dxBuf *buf, const dxGraphicsDef *g, bool plain, bool tls)
{
    size_t i;
    if (dxQemuSpiceChannelMode(buf, g, g->defaultMode, "default", plain, tls) < 0)
        return -1;
    for (i = 0; i < DX_SPICE_CHANNEL_LAST; i++) {
        if (dxQemuSpiceChannelMode(buf, g, g->channels[i], dxSpiceChannelTypeToString(i),
                                   plain, tls) < 0)
            return -1;
    }
    return 0;
}

static void
dxQemuSpiceFeatures(dxBuf *buf, const dxGraphicsDef *g)
{
    if (g->image)
        dxBufAddf(buf, ",image-compression=%s", dxSpiceImageTypeToString(g->image));
    if (g->jpeg)
        dxBufAddf(buf, ",jpeg-wan-compression=%s", dxSpiceWanTypeToString(g->jpeg));
    if (g->zlib)
        dxBufAddf(buf, ",zlib-glz-wan-compression=%s", dxSpiceWanTypeToString(g->zlib));
    if (g->playback)
        dxBufAddf(buf, ",playback-compression=%s", dxTristateSwitchTypeToString(g->playback));
    if (g->streaming)
        dxBufAddf(buf, ",streaming-video=%s", dxSpiceStreamingTypeToString(g->streaming));
    if (g->copypaste == DX_TRISTATE_BOOL_NO)
        dxBufAddStr(buf, ",disable-copy-paste=on");
    if (g->filetransfer == DX_TRISTATE_BOOL_NO)
        dxBufAddStr(buf, ",disable-agent-file-xfer=on");
    if (g->gl) {
        dxBufAddf(buf, ",gl=%s", g->gl == DX_TRISTATE_BOOL_YES ? "on" : "off");
        if (g->gl == DX_TRISTATE_BOOL_YES)
            dxQemuRenderNode(buf, g);
    }
}

static int
dxQemuBuildSpice(dxQemuBuildCtx *ctx, const dxGraphicsDef *g)
{
    dxBuf buf = DX_BUF_INIT;
    bool plain, tls;

    if (dxQemuSpiceListen(ctx, &buf, g, &plain, &tls) < 0)
        goto error;
    if (g->mouse)
        dxBufAddf(&buf, ",agent-mouse=%s", g->mouse == DX_SPICE_MOUSE_CLIENT ? "on" : "off");
    /* qemu.conf's spice_password is set: the ticket is given over the
     * monitor at start, so ticketing is never disabled */
    if (tls)
        dxQemuKeyValue(&buf, "x509-dir", DX_QEMU_CONF_SPICE_TLS_DIR);
    if (dxQemuSpiceChannels(&buf, g, plain, tls) < 0)
        goto error;
    dxQemuSpiceFeatures(&buf, g);
    dxBufAddStr(&buf, ",seamless-migration=on");
    dxArgvAddBuf(ctx->argv, "-spice", &buf);
    if (g->keymap)
        dxArgvAddPair(ctx->argv, "-k", g->keymap);
    return 0;

 error:
    dxBufClear(&buf);
    return -1;
}

/* ---- -display ------------------------------------------------------------- */

static void
dxQemuBuildSDL(dxQemuBuildCtx *ctx, const dxGraphicsDef *g)
{
    dxBuf buf = DX_BUF_INIT;
    /* DISPLAY and XAUTHORITY reach QEMU through its environment */
    if (g->fullscreen)
        dxArgvAdd(ctx->argv, "-full-screen");
    dxBufAddStr(&buf, "sdl");
    if (g->gl)
        dxBufAddf(&buf, ",gl=%s", g->gl == DX_TRISTATE_BOOL_YES ? "on" : "off");
    dxArgvAddBuf(ctx->argv, "-display", &buf);
}

static void
dxQemuBuildEGLHeadless(dxQemuBuildCtx *ctx, const dxGraphicsDef *g)
{
    dxBuf buf = DX_BUF_INIT;
    dxBufAddStr(&buf, "egl-headless");
    dxQemuRenderNode(&buf, g);
    dxArgvAddBuf(ctx->argv, "-display", &buf);
}

static void
dxQemuBuildDBus(dxQemuBuildCtx *ctx, const dxGraphicsDef *g)
{
    dxBuf buf = DX_BUF_INIT;
    char *audiodev;

    dxBufAddStr(&buf, "dbus");
    if (g->p2p) {
        dxBufAddStr(&buf, ",p2p=on");
    } else {
        /* libvirt runs a private bus for the domain */
        char *addr = g->address ? dxStrdup(g->address)
                                : dxAsprintf("unix:path=%s/dbus.sock", ctx->stateDir);
        dxQemuKeyValue(&buf, "addr", addr);
        free(addr);
    }
    if (g->gl) {
        dxBufAddf(&buf, ",gl=%s", g->gl == DX_TRISTATE_BOOL_YES ? "on" : "off");
        if (g->gl == DX_TRISTATE_BOOL_YES && g->rendernode)
            dxQemuKeyValue(&buf, "rendernode", g->rendernode);
    }
    if (g->audioId && (audiodev = dxQemuAudiodevId(ctx->def, g->audioId))) {
        dxQemuKeyValue(&buf, "audiodev", audiodev);
        free(audiodev);
    }
    dxArgvAddBuf(ctx->argv, "-display", &buf);
}

int
dxQemuBuildGraphics(dxQemuBuildCtx *ctx)
{
    size_t i;
    for (i = 0; i < ctx->def->ngraphics; i++) {
        const dxGraphicsDef *g = ctx->def->graphics[i];
        int rc = 0;
        switch (g->type) {
        case DX_GRAPHICS_TYPE_VNC:
            rc = dxQemuBuildVNC(ctx, g);
            break;
        case DX_GRAPHICS_TYPE_SPICE:
            rc = dxQemuBuildSpice(ctx, g);
            break;
        case DX_GRAPHICS_TYPE_SDL:
            dxQemuBuildSDL(ctx, g);
            break;
        case DX_GRAPHICS_TYPE_EGL_HEADLESS:
            dxQemuBuildEGLHeadless(ctx, g);
            break;
        case DX_GRAPHICS_TYPE_DBUS:
            dxQemuBuildDBus(ctx, g);
            break;
        case DX_GRAPHICS_TYPE_RDP:
        case DX_GRAPHICS_TYPE_DESKTOP:
        case DX_GRAPHICS_TYPE_LAST:
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &g->loc,
                             "%s graphics are not supported with this QEMU",
                             dxGraphicsTypeTypeToString(g->type));
            rc = -1;
            break;
        }
        if (rc < 0)
            return -1;
    }
    return 0;
}
