/* graphics_conf.h: <graphics> displays (VNC, SPICE, SDL, RDP, desktop,
 * egl-headless, D-Bus) and their <listen> sockets. */
#pragma once

#include <libxml/tree.h>
#include <stdbool.h>

#include "domain_def.h"
#include "util/dxenum.h"

typedef enum {
    DX_GRAPHICS_TYPE_SDL = 0,
    DX_GRAPHICS_TYPE_VNC,
    DX_GRAPHICS_TYPE_RDP,
    DX_GRAPHICS_TYPE_DESKTOP,
    DX_GRAPHICS_TYPE_SPICE,
    DX_GRAPHICS_TYPE_EGL_HEADLESS,
    DX_GRAPHICS_TYPE_DBUS,
    DX_GRAPHICS_TYPE_LAST
} dxGraphicsType;
DX_ENUM_DECL(dxGraphicsType);

typedef enum {
    DX_GRAPHICS_LISTEN_NONE = 0,
    DX_GRAPHICS_LISTEN_ADDRESS,
    DX_GRAPHICS_LISTEN_NETWORK,
    DX_GRAPHICS_LISTEN_SOCKET,
    DX_GRAPHICS_LISTEN_LAST
} dxGraphicsListenType;
DX_ENUM_DECL(dxGraphicsListen);

typedef struct {
    dxGraphicsListenType type;
    char *address;
    char *network;
    char *socket;
} dxGraphicsListenDef;

typedef enum {
    DX_GRAPHICS_SHARE_DEFAULT = 0,
    DX_GRAPHICS_SHARE_ALLOW_EXCLUSIVE,
    DX_GRAPHICS_SHARE_FORCE_SHARED,
    DX_GRAPHICS_SHARE_IGNORE,
    DX_GRAPHICS_SHARE_LAST
} dxGraphicsSharePolicy;
DX_ENUM_DECL(dxGraphicsShare);

typedef enum {
    DX_GRAPHICS_CONNECTED_DEFAULT = 0,
    DX_GRAPHICS_CONNECTED_FAIL,
    DX_GRAPHICS_CONNECTED_DISCONNECT,
    DX_GRAPHICS_CONNECTED_KEEP,
    DX_GRAPHICS_CONNECTED_LAST
} dxGraphicsConnected;
DX_ENUM_DECL(dxGraphicsConnected);

/* SPICE channels, in the order libvirt lists them */
typedef enum {
    DX_SPICE_CHANNEL_MAIN = 0,
    DX_SPICE_CHANNEL_DISPLAY,
    DX_SPICE_CHANNEL_INPUTS,
    DX_SPICE_CHANNEL_CURSOR,
    DX_SPICE_CHANNEL_PLAYBACK,
    DX_SPICE_CHANNEL_RECORD,
    DX_SPICE_CHANNEL_SMARTCARD,
    DX_SPICE_CHANNEL_USBREDIR,
    DX_SPICE_CHANNEL_LAST
} dxSpiceChannel;
DX_ENUM_DECL(dxSpiceChannel);

typedef enum {
    DX_SPICE_MODE_ANY = 0,
    DX_SPICE_MODE_SECURE,
    DX_SPICE_MODE_INSECURE,
    DX_SPICE_MODE_LAST
} dxSpiceChannelMode;
DX_ENUM_DECL(dxSpiceChannelMode);

typedef enum {
    DX_SPICE_IMAGE_DEFAULT = 0,
    DX_SPICE_IMAGE_AUTO_GLZ,
    DX_SPICE_IMAGE_AUTO_LZ,
    DX_SPICE_IMAGE_QUIC,
    DX_SPICE_IMAGE_GLZ,
    DX_SPICE_IMAGE_LZ,
    DX_SPICE_IMAGE_OFF,
    DX_SPICE_IMAGE_LAST
} dxSpiceImage;
DX_ENUM_DECL(dxSpiceImage);

typedef enum {
    DX_SPICE_WAN_DEFAULT = 0,
    DX_SPICE_WAN_AUTO,
    DX_SPICE_WAN_NEVER,
    DX_SPICE_WAN_ALWAYS,
    DX_SPICE_WAN_LAST
} dxSpiceWan;
DX_ENUM_DECL(dxSpiceWan);

typedef enum {
    DX_SPICE_STREAMING_DEFAULT = 0,
    DX_SPICE_STREAMING_FILTER,
    DX_SPICE_STREAMING_ALL,
    DX_SPICE_STREAMING_OFF,
    DX_SPICE_STREAMING_LAST
} dxSpiceStreaming;
DX_ENUM_DECL(dxSpiceStreaming);

typedef enum {
    DX_SPICE_MOUSE_DEFAULT = 0,
    DX_SPICE_MOUSE_SERVER,
    DX_SPICE_MOUSE_CLIENT,
    DX_SPICE_MOUSE_LAST
} dxSpiceMouse;
DX_ENUM_DECL(dxSpiceMouse);

struct _dxGraphicsDef {
    dxSourceLoc loc;
    dxGraphicsType type;
    dxGraphicsListenDef *listens;
    size_t nlistens;

    /* vnc, spice, rdp */
    int port;                         /* 0 = not given */
    bool autoport;
    char *keymap;
    /* authentication (vnc, spice) */
    char *passwd;
    char *passwdValidTo;
    dxGraphicsConnected connected;
    /* vnc */
    int websocket;                    /* 0 = none, -1 = pick one */
    dxGraphicsSharePolicy sharePolicy;
    dxTristateBool powerControl;
    /* spice */
    int tlsPort;
    dxSpiceChannelMode defaultMode;
    dxSpiceChannelMode channels[DX_SPICE_CHANNEL_LAST];
    dxSpiceImage image;
    dxSpiceWan jpeg;
    dxSpiceWan zlib;
    dxTristateSwitch playback;
    dxSpiceStreaming streaming;
    dxTristateBool copypaste;
    dxSpiceMouse mouse;
    dxTristateBool filetransfer;
    /* sdl, desktop */
    char *display;
    char *xauth;                      /* sdl */
    bool fullscreen;
    /* rdp */
    bool replaceUser;
    bool multiUser;
    /* <gl> (sdl, spice, egl-headless, dbus) */
    dxTristateBool gl;
    char *rendernode;
    /* dbus */
    char *address;
    bool p2p;
    /* <audio id=> (vnc, spice, dbus) */
    unsigned int audioId;
};

void dxGraphicsDefFree(dxGraphicsDef *graphics);
int dxGraphicsDefParse(dxDomainDef *def, xmlNodePtr node);
void dxGraphicsDefsFormat(dxBuf *buf, const dxDomainDef *def);
void dxGraphicsDefsClear(dxDomainDef *def);
int dxGraphicsDefsValidate(const dxDomainDef *def);
/* The first <listen>, or NULL. */
const dxGraphicsListenDef *dxGraphicsFirstListen(const dxGraphicsDef *graphics);
/* Append a listen of TYPE (strings are copied, may be NULL). */
void dxGraphicsListenAppend(dxGraphicsDef *graphics, dxGraphicsListenType type,
                            const char *address);
