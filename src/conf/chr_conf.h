/* chr_conf.h: character devices (<serial>, <parallel>, <console>,
 * <channel>) and the character device *source* they share with other
 * families (smartcard passthrough, redirdev, rng egd backends, ...).
 *
 * A source is "where the bytes go on the host": a pty, a file, a TCP
 * socket, a SPICE channel...  It is the part of the element selected by
 * its type= attribute plus the <source>, <protocol> and <log> children.
 */
#pragma once

#include <libxml/tree.h>
#include <stdbool.h>

#include "device_info.h"
#include "domain_def.h"
#include "util/dxbuf.h"
#include "util/dxenum.h"

/* ---- the source ---------------------------------------------------------- */

typedef enum {
    DX_CHR_TYPE_NULL = 0,
    DX_CHR_TYPE_VC,
    DX_CHR_TYPE_PTY,
    DX_CHR_TYPE_DEV,
    DX_CHR_TYPE_FILE,
    DX_CHR_TYPE_PIPE,
    DX_CHR_TYPE_STDIO,
    DX_CHR_TYPE_UDP,
    DX_CHR_TYPE_TCP,
    DX_CHR_TYPE_UNIX,
    DX_CHR_TYPE_SPICEVMC,
    DX_CHR_TYPE_SPICEPORT,
    DX_CHR_TYPE_NMDM,
    DX_CHR_TYPE_QEMU_VDAGENT,
    DX_CHR_TYPE_DBUS,
    DX_CHR_TYPE_LAST
} dxChrType;
DX_ENUM_DECL(dxChrType);

typedef enum {
    DX_CHR_TCP_PROTOCOL_RAW = 0,
    DX_CHR_TCP_PROTOCOL_TELNET,
    DX_CHR_TCP_PROTOCOL_TELNETS,
    DX_CHR_TCP_PROTOCOL_TLS,
    DX_CHR_TCP_PROTOCOL_LAST
} dxChrTcpProtocol;
DX_ENUM_DECL(dxChrTcpProtocol);

/* What a spicevmc source carries; fixed by the element that uses it. */
typedef enum {
    DX_CHR_SPICEVMC_VDAGENT = 0,
    DX_CHR_SPICEVMC_SMARTCARD,
    DX_CHR_SPICEVMC_USBREDIR,
    DX_CHR_SPICEVMC_LAST
} dxChrSpicevmc;
DX_ENUM_DECL(dxChrSpicevmc);

typedef enum {
    DX_CHR_MOUSE_MODE_DEFAULT = 0,
    DX_CHR_MOUSE_MODE_SERVER,
    DX_CHR_MOUSE_MODE_CLIENT,
    DX_CHR_MOUSE_MODE_LAST
} dxChrMouseMode;
DX_ENUM_DECL(dxChrMouseMode);

/* <seclabel> inside a device <source>: how the host file is labelled. */
typedef struct {
    char *model;
    dxTristateBool relabel;
    char *label;                     /* <label> text */
} dxChrSeclabel;

typedef struct {
    dxTristateBool enabled;          /* <reconnect enabled=> */
    unsigned int timeout;            /* seconds; 0 = not given */
} dxChrReconnect;

typedef struct {
    dxChrType type;
    /* dev, file, pipe, unix (and a live pty's path) */
    char *path;
    dxTristateSwitch append;         /* file */
    /* tcp; udp uses host/service as its connect side */
    char *host;
    char *service;
    bool listen;                     /* tcp/unix mode='bind' */
    bool modeGiven;                  /* tcp/unix mode= was written */
    dxChrTcpProtocol protocol;
    dxTristateBool tls;              /* tcp <source tls=> */
    dxChrReconnect reconnect;        /* tcp, unix */
    /* udp local side */
    char *bindHost;
    char *bindService;
    /* nmdm */
    char *master;
    char *slave;
    /* spicevmc */
    dxChrSpicevmc spicevmc;
    /* spiceport, dbus */
    char *channel;
    /* qemu-vdagent */
    dxTristateBool clipboard;        /* <clipboard copypaste=> */
    dxChrMouseMode mouse;            /* <mouse mode=> */
    /* <log> */
    char *logfile;
    dxTristateSwitch logappend;
    dxChrSeclabel **seclabels;
    size_t nseclabels;
} dxChrSourceDef;

void dxChrSourceDefClear(dxChrSourceDef *src);
void dxChrSourceDefCopy(dxChrSourceDef *dst, const dxChrSourceDef *src);
bool dxChrSourceDefEqual(const dxChrSourceDef *a, const dxChrSourceDef *b);
/* Read the <source>, <protocol> and <log> children of NODE for a source
 * of SRC->type (set by the caller from its own type= attribute). */
int dxChrSourceParse(dxChrSourceDef *src, xmlNodePtr node, unsigned int flags);
/* The <source>, <protocol> and <log> children, in libvirt's order. */
void dxChrSourceFormat(dxBuf *buf, const dxChrSourceDef *src);
/* Required attributes per type (libvirt's define-time checks); LOC names
 * the device.  UNIXPATHOPTIONAL: the driver may generate a socket path. */
int dxChrSourceValidate(const dxChrSourceDef *src, const dxSourceLoc *loc,
                        bool unixPathOptional);
/* A source that is a TCP or UNIX client/server socket. */
bool dxChrSourceIsSocket(const dxChrSourceDef *src);

/* ---- the devices --------------------------------------------------------- */

typedef enum {
    DX_CHR_DEVICE_SERIAL = 0,
    DX_CHR_DEVICE_PARALLEL,
    DX_CHR_DEVICE_CONSOLE,
    DX_CHR_DEVICE_CHANNEL,
    DX_CHR_DEVICE_LAST
} dxChrDeviceType;
DX_ENUM_DECL(dxChrDevice);

typedef enum {
    DX_CHR_SERIAL_TARGET_NONE = 0,
    DX_CHR_SERIAL_TARGET_ISA,
    DX_CHR_SERIAL_TARGET_USB,
    DX_CHR_SERIAL_TARGET_PCI,
    DX_CHR_SERIAL_TARGET_SPAPR_VIO,
    DX_CHR_SERIAL_TARGET_SYSTEM,
    DX_CHR_SERIAL_TARGET_SCLP,
    DX_CHR_SERIAL_TARGET_ISA_DEBUG,
    DX_CHR_SERIAL_TARGET_LAST
} dxChrSerialTargetType;
DX_ENUM_DECL(dxChrSerialTarget);

typedef enum {
    DX_CHR_CHANNEL_TARGET_NONE = 0,
    DX_CHR_CHANNEL_TARGET_GUESTFWD,
    DX_CHR_CHANNEL_TARGET_VIRTIO,
    DX_CHR_CHANNEL_TARGET_XEN,
    DX_CHR_CHANNEL_TARGET_LAST
} dxChrChannelTargetType;
DX_ENUM_DECL(dxChrChannelTarget);

typedef enum {
    DX_CHR_CONSOLE_TARGET_NONE = 0,
    DX_CHR_CONSOLE_TARGET_SERIAL,
    DX_CHR_CONSOLE_TARGET_XEN,
    DX_CHR_CONSOLE_TARGET_UML,
    DX_CHR_CONSOLE_TARGET_VIRTIO,
    DX_CHR_CONSOLE_TARGET_LXC,
    DX_CHR_CONSOLE_TARGET_OPENVZ,
    DX_CHR_CONSOLE_TARGET_SCLP,
    DX_CHR_CONSOLE_TARGET_SCLPLM,
    DX_CHR_CONSOLE_TARGET_LAST
} dxChrConsoleTargetType;
DX_ENUM_DECL(dxChrConsoleTarget);

typedef enum {
    DX_CHR_SERIAL_MODEL_NONE = 0,
    DX_CHR_SERIAL_MODEL_ISA_SERIAL,
    DX_CHR_SERIAL_MODEL_USB_SERIAL,
    DX_CHR_SERIAL_MODEL_PCI_SERIAL,
    DX_CHR_SERIAL_MODEL_SPAPR_VTY,
    DX_CHR_SERIAL_MODEL_PL011,
    DX_CHR_SERIAL_MODEL_SCLPCONSOLE,
    DX_CHR_SERIAL_MODEL_SCLPLMCONSOLE,
    DX_CHR_SERIAL_MODEL_16550A,
    DX_CHR_SERIAL_MODEL_ISA_DEBUGCON,
    DX_CHR_SERIAL_MODEL_LAST
} dxChrSerialModel;
DX_ENUM_DECL(dxChrSerialModel);

typedef enum {
    DX_CHR_STATE_DEFAULT = 0,
    DX_CHR_STATE_CONNECTED,
    DX_CHR_STATE_DISCONNECTED,
    DX_CHR_STATE_LAST
} dxChrState;
DX_ENUM_DECL(dxChrState);

struct _dxChrDef {
    dxChrDeviceType deviceType;
    /* a dxChr{Serial,Channel,Console}Target value, per deviceType */
    int targetType;
    dxChrSerialModel targetModel;     /* serial <model name=> */
    int port;                         /* <target port=>, -1 = not given */
    char *guestfwdAddr;               /* guestfwd <target address=> */
    unsigned int guestfwdPort;        /* guestfwd <target port=> */
    char *name;                       /* virtio/xen channel <target name=> */
    dxChrState state;                 /* virtio channel <target state=> */
    dxChrSourceDef source;
    dxDeviceInfo info;
};

dxChrDef *dxChrDefNew(dxChrDeviceType deviceType);
void dxChrDefFree(dxChrDef *chr);
dxChrDef *dxChrDefCopy(const dxChrDef *chr);

int dxChrDefParse(dxDomainDef *def, xmlNodePtr node);
/* Format every chardev list in libvirt's order; consoles standing for a
 * serial port are written from that serial port's data. */
void dxChrDefsFormat(dxBuf *buf, const dxDomainDef *def, dxChrDeviceType type);
void dxChrDefsClear(dxDomainDef *def);
/* Generic defaults: console <-> serial0 aliasing, target ports. */
int dxChrDefsPostParse(dxDomainDef *def);
/* The virtio-serial controllers that virtio consoles and channels imply
 * (libvirt adds them whatever the driver). */
void dxChrAddImplicitVirtioSerial(dxDomainDef *def);
/* Generic rules between chardevs (only the first console may be a serial
 * console, ...). */
int dxChrDefsValidate(const dxDomainDef *def);

/* True when console I of DEF is libvirt's stand-in for serials[I]. */
bool dxChrConsoleIsSerialAlias(const dxDomainDef *def, size_t i);
/* "serial", "virtio", ...: the target type of CHR as text (NULL for none). */
const char *dxChrTargetTypeToString(const dxChrDef *chr);
