/* netdev_conf.h: the network pieces an <interface> shares with other
 * elements: MAC addresses, <vlan>, <virtualport>, <bandwidth>, and the
 * <ip>/<route> lists (also used by <hostdev mode='capabilities'
 * type='net'>). */
#pragma once

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/dxbuf.h"
#include "util/dxenum.h"
#include "util/dxuuid.h"

/* ---- MAC addresses ------------------------------------------------------- */
#define DX_MAC_BUFLEN 6
#define DX_MAC_STRING_BUFLEN 18          /* "52:54:00:12:34:56" + NUL */

typedef struct {
    unsigned char addr[DX_MAC_BUFLEN];
} dxMacAddr;

/* Six hexadecimal octets of one or two digits separated by ':' (libvirt
 * also takes '-'); 0 or -1. */
int dxMacAddrParse(const char *str, dxMacAddr *mac);
void dxMacAddrFormat(const dxMacAddr *mac, char out[DX_MAC_STRING_BUFLEN]);
/* Bit 0 of the first octet: a group address, never valid for a NIC. */
bool dxMacAddrIsMulticast(const dxMacAddr *mac);
/* 52:54:00 (the QEMU/KVM prefix) followed by three random octets. */
void dxMacAddrGenerate(dxMacAddr *mac);

/* ---- <vlan> -------------------------------------------------------------- */
typedef enum {
    DX_VLAN_NATIVE_NONE = 0,
    DX_VLAN_NATIVE_TAGGED,
    DX_VLAN_NATIVE_UNTAGGED,
    DX_VLAN_NATIVE_LAST
} dxVlanNativeMode;
DX_ENUM_DECL(dxVlanNativeMode);

#define DX_VLAN_MAX_TAG 4095

typedef struct {
    unsigned int *tags;
    size_t ntags;                  /* 0: no <vlan> */
    bool trunk;                    /* several tags, or trunk='yes' */
    dxVlanNativeMode nativeMode;   /* on the tag nativeTag */
    unsigned int nativeTag;
} dxNetVlan;

int dxNetVlanParse(xmlNodePtr node, dxNetVlan *vlan);
void dxNetVlanFormat(dxBuf *buf, const dxNetVlan *vlan);
void dxNetVlanClear(dxNetVlan *vlan);
void dxNetVlanCopy(dxNetVlan *dst, const dxNetVlan *src);

/* ---- <virtualport> ------------------------------------------------------- */
typedef enum {
    DX_VPORT_NONE = 0,
    DX_VPORT_8021QBG,
    DX_VPORT_8021QBH,
    DX_VPORT_OPENVSWITCH,
    DX_VPORT_MIDONET,
    DX_VPORT_LAST
} dxVportType;
DX_ENUM_DECL(dxVport);

#define DX_VPORT_PROFILE_ID_MAX 40       /* Linux limits port profile names */

typedef struct {
    dxVportType type;
    bool hasManagerID;
    unsigned int managerID;              /* 802.1Qbg, 0..255 */
    bool hasTypeID;
    unsigned int typeID;                 /* 802.1Qbg, 24 bits */
    bool hasTypeIDVersion;
    unsigned int typeIDVersion;          /* 802.1Qbg, 0..255 */
    bool hasInstanceID;
    unsigned char instanceID[DX_UUID_BUFLEN];   /* 802.1Qbg */
    bool hasInterfaceID;
    unsigned char interfaceID[DX_UUID_BUFLEN];  /* openvswitch, midonet */
    char *profileID;                     /* 802.1Qbh, openvswitch */
} dxNetVport;

typedef enum {
    /* fill in the random instance/interface ids libvirt generates */
    DX_VPORT_GENERATE_MISSING = 1 << 0,
    /* the type must be given (no merging with a network's profile) */
    DX_VPORT_REQUIRE_TYPE = 1 << 1,
    /* every parameter of the type must be given */
    DX_VPORT_REQUIRE_ALL = 1 << 2,
} dxVportParseFlags;

dxNetVport *dxNetVportParse(xmlNodePtr node, unsigned int flags);
void dxNetVportFormat(dxBuf *buf, const dxNetVport *vport);
void dxNetVportFree(dxNetVport *vport);

/* ---- <bandwidth> --------------------------------------------------------- */
typedef struct {
    bool present;
    unsigned long long average;    /* KiB/s */
    unsigned long long peak;       /* KiB/s */
    unsigned long long floor;      /* KiB/s, inbound only */
    unsigned long long burst;      /* KiB */
} dxNetBandwidthRate;

typedef struct {
    dxNetBandwidthRate in;
    dxNetBandwidthRate out;
} dxNetBandwidth;

dxNetBandwidth *dxNetBandwidthParse(xmlNodePtr node);
void dxNetBandwidthFormat(dxBuf *buf, const dxNetBandwidth *bw);

/* ---- <ip> and <route> ---------------------------------------------------- */
typedef enum {
    DX_IP_FAMILY_NONE = 0,
    DX_IP_FAMILY_IPV4,
    DX_IP_FAMILY_IPV6,
    DX_IP_FAMILY_LAST
} dxIPFamily;
DX_ENUM_DECL(dxIPFamily);

typedef struct {
    char *address;                 /* canonical text form */
    dxIPFamily family;
    bool hasPrefix;
    unsigned int prefix;
    char *peer;
} dxNetIP;

typedef struct {
    dxIPFamily family;             /* as given (not inferred) */
    char *address;
    char *netmask;
    bool hasPrefix;
    unsigned int prefix;
    char *gateway;
    bool hasMetric;
    unsigned int metric;
} dxNetRoute;

typedef struct {
    dxNetIP **ips;
    size_t nips;
    dxNetRoute **routes;
    size_t nroutes;
} dxNetIPInfo;

/* Read every <ip> and <route> child of NODE. */
int dxNetIPInfoParse(xmlNodePtr node, dxNetIPInfo *info);
void dxNetIPInfoFormat(dxBuf *buf, const dxNetIPInfo *info);
void dxNetIPInfoClear(dxNetIPInfo *info);
bool dxNetIPInfoIsEmpty(const dxNetIPInfo *info);
