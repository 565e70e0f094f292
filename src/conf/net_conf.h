/* net_conf.h: <interface>, every type.
 *
 * One struct for all types; the fields of each type's <source> live in
 * their own sub-struct (only the one matching TYPE is used).  A
 * type='hostdev' interface owns a dxHostdevDef (see hostdev_conf.h).
 */
#pragma once

#include "device_info.h"
#include "domain_def.h"
#include "hostdev_conf.h"
#include "netdev_conf.h"
#include "virtio_options.h"

typedef enum {
    DX_NET_TYPE_USER = 0,
    DX_NET_TYPE_ETHERNET,
    DX_NET_TYPE_VHOSTUSER,
    DX_NET_TYPE_SERVER,
    DX_NET_TYPE_CLIENT,
    DX_NET_TYPE_MCAST,
    DX_NET_TYPE_NETWORK,
    DX_NET_TYPE_BRIDGE,
    DX_NET_TYPE_INTERNAL,
    DX_NET_TYPE_DIRECT,
    DX_NET_TYPE_HOSTDEV,
    DX_NET_TYPE_UDP,
    DX_NET_TYPE_VDPA,
    DX_NET_TYPE_NULL,
    DX_NET_TYPE_VDS,
    DX_NET_TYPE_LAST
} dxNetType;
DX_ENUM_DECL(dxNetType);

/* NIC models libvirt knows by name; anything else is kept as a string. */
typedef enum {
    DX_NET_MODEL_UNKNOWN = 0,
    DX_NET_MODEL_NETFRONT,
    DX_NET_MODEL_RTL8139,
    DX_NET_MODEL_VIRTIO,
    DX_NET_MODEL_E1000,
    DX_NET_MODEL_E1000E,
    DX_NET_MODEL_VIRTIO_TRANSITIONAL,
    DX_NET_MODEL_VIRTIO_NON_TRANSITIONAL,
    DX_NET_MODEL_USB_NET,
    DX_NET_MODEL_SPAPR_VLAN,
    DX_NET_MODEL_LAN9118,
    DX_NET_MODEL_SMC91C111,
    DX_NET_MODEL_VLANCE,
    DX_NET_MODEL_VMXNET,
    DX_NET_MODEL_VMXNET2,
    DX_NET_MODEL_VMXNET3,
    DX_NET_MODEL_AM79C970A,
    DX_NET_MODEL_AM79C973,
    DX_NET_MODEL_82540EM,
    DX_NET_MODEL_82545EM,
    DX_NET_MODEL_82543GC,
    DX_NET_MODEL_LAST
} dxNetModel;
DX_ENUM_DECL(dxNetModel);

typedef enum {
    DX_NET_DRIVER_DEFAULT = 0,
    DX_NET_DRIVER_QEMU,
    DX_NET_DRIVER_VHOST,
    DX_NET_DRIVER_LAST
} dxNetDriverName;
DX_ENUM_DECL(dxNetDriverName);

typedef enum {
    DX_NET_TXMODE_DEFAULT = 0,
    DX_NET_TXMODE_IOTHREAD,
    DX_NET_TXMODE_TIMER,
    DX_NET_TXMODE_LAST
} dxNetTxMode;
DX_ENUM_DECL(dxNetTxMode);

typedef enum {
    DX_NET_LINK_DEFAULT = 0,
    DX_NET_LINK_UP,
    DX_NET_LINK_DOWN,
    DX_NET_LINK_LAST
} dxNetLinkState;
DX_ENUM_DECL(dxNetLinkState);

typedef enum {
    DX_NET_MAC_TYPE_DEFAULT = 0,
    DX_NET_MAC_TYPE_GENERATED,
    DX_NET_MAC_TYPE_STATIC,
    DX_NET_MAC_TYPE_LAST
} dxNetMacType;
DX_ENUM_DECL(dxNetMacType);

/* macvtap modes of type='direct' */
typedef enum {
    DX_NET_DIRECT_VEPA = 0,
    DX_NET_DIRECT_PRIVATE,
    DX_NET_DIRECT_BRIDGE,
    DX_NET_DIRECT_PASSTHROUGH,
    DX_NET_DIRECT_LAST
} dxNetDirectMode;
DX_ENUM_DECL(dxNetDirectMode);

/* <driver><host .../></driver> and <guest .../> offloads */
typedef struct {
    dxTristateSwitch csum;
    dxTristateSwitch gso;
    dxTristateSwitch tso4;
    dxTristateSwitch tso6;
    dxTristateSwitch ecn;
    dxTristateSwitch ufo;
    dxTristateSwitch mrgRxbuf;
} dxNetHostOffloads;

typedef struct {
    dxTristateSwitch csum;
    dxTristateSwitch tso4;
    dxTristateSwitch tso6;
    dxTristateSwitch ecn;
    dxTristateSwitch ufo;
} dxNetGuestOffloads;

/* <driver> of a virtio NIC */
typedef struct {
    dxNetDriverName name;
    dxNetTxMode txmode;
    dxTristateSwitch ioeventfd;
    dxTristateSwitch eventIdx;
    unsigned int queues;
    unsigned int rxQueueSize;
    unsigned int txQueueSize;
    dxTristateSwitch rss;
    dxTristateSwitch rssHashReport;
    dxNetHostOffloads host;
    dxNetGuestOffloads guest;
} dxNetDriver;

typedef struct {
    char *name;
    char *value;
} dxNetFilterParam;

struct _dxNetDef {
    dxNetType type;
    dxMacAddr mac;
    bool macGenerated;                /* no <mac> was given */
    dxNetMacType macType;
    dxTristateBool macCheck;
    dxTristateBool trustGuestRxFilters;

    /* <source>, by type */
    struct { char *name; char *portgroup; } network;
    struct { char *brname; } bridge;
    struct { char *linkdev; dxNetDirectMode mode; } direct;
    struct {
        char *path;
        bool server;
        dxTristateBool reconnect;
        unsigned int reconnectTimeout;
    } vhostuser;
    struct {                          /* server, client, mcast, udp */
        char *address;
        unsigned int port;
        char *localaddr;
        unsigned int localport;
    } socket;
    char *internalName;
    char *vdpaDev;
    struct {
        unsigned char switchID[DX_UUID_BUFLEN];
        bool hasPortID;
        long long portID;
        char *portgroupID;
        bool hasConnectionID;
        long long connectionID;
    } vds;
    dxHostdevDef *hostdev;            /* type='hostdev' (owned) */
    dxNetIPInfo hostIP;               /* <source><ip>/<route> (ethernet) */

    dxNetVlan vlan;
    dxNetVport *vport;
    dxNetBandwidth *bandwidth;
    dxTristateBool isolatedPort;      /* <port isolated=> */
    dxNetIPInfo guestIP;              /* <ip>/<route> directly in <interface> */
    char *script;
    char *downscript;
    char *backendDomain;              /* <backenddomain name=> */
    char *ifname;                     /* <target dev=> */
    dxTristateBool managedTap;        /* <target managed=> */
    char *ifnameGuest;                /* <guest dev=> */
    dxNetModel model;
    char *modelstr;                   /* model not in dxNetModel */
    bool hasDriver;                   /* <driver> was read (virtio models) */
    dxNetDriver driver;
    dxVirtioOptions virtio;
    char *backendTap;
    char *backendVhost;
    char *filter;
    dxNetFilterParam *filterParams;
    size_t nfilterParams;
    bool hasSndbuf;
    unsigned long long sndbuf;
    dxTeaming teaming;
    dxNetLinkState linkstate;
    unsigned int mtu;
    unsigned int coalesceRxMaxFrames; /* 0: no <coalesce> */
    dxDeviceInfo info;
};

void dxNetDefFree(dxNetDef *net);

int dxNetParse(dxDomainDef *def, xmlNodePtr node);
void dxNetFormat(dxBuf *buf, const dxNetDef *net);
/* Model name as written ("virtio", "e1000", or the unknown string). */
const char *dxNetModelString(const dxNetDef *net);
bool dxNetIsVirtioModel(const dxNetDef *net);
/* "52:54:00:..." of NET, for messages. */
void dxNetMacString(const dxNetDef *net, char out[DX_MAC_STRING_BUFLEN]);

/* Generic rules between an interface's parts. */
int dxNetsValidate(const dxDomainDef *def);
