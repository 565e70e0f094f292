/* netdev_conf.c: MAC addresses, <vlan>, <virtualport>, <bandwidth>,
 * <ip>/<route>: parse and format. */
#include "netdev_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

DX_ENUM_IMPL(dxVlanNativeMode, DX_VLAN_NATIVE_LAST, "", "tagged", "untagged");
DX_ENUM_IMPL(dxVport, DX_VPORT_LAST,
             "none", "802.1Qbg", "802.1Qbh", "openvswitch", "midonet");
DX_ENUM_IMPL(dxIPFamily, DX_IP_FAMILY_LAST, "", "ipv4", "ipv6");

/* ---- MAC ------------------------------------------------------------------ */

int
dxMacAddrParse(const char *str, dxMacAddr *mac)
{
    size_t i;
    for (i = 0; i < DX_MAC_BUFLEN; i++) {
        char *end;
        unsigned long v;
        if (!isxdigit((unsigned char)*str))
            return -1;
        v = strtoul(str, &end, 16);
        if (end - str > 2 || v > 0xFF)
            return -1;
        mac->addr[i] = v;
        str = end;
        if (i + 1 < DX_MAC_BUFLEN) {
            if (*str != ':' && *str != '-')
                return -1;
            str++;
        }
    }
    return *str ? -1 : 0;
}

void
dxMacAddrFormat(const dxMacAddr *mac, char out[DX_MAC_STRING_BUFLEN])
{
    snprintf(out, DX_MAC_STRING_BUFLEN, "%02x:%02x:%02x:%02x:%02x:%02x",
             mac->addr[0], mac->addr[1], mac->addr[2],
             mac->addr[3], mac->addr[4], mac->addr[5]);
}

bool
dxMacAddrIsMulticast(const dxMacAddr *mac)
{
    return mac->addr[0] & 1;
}

void
dxMacAddrGenerate(dxMacAddr *mac)
{
    unsigned char rnd[DX_UUID_BUFLEN];
    /* the UUID generator is our source of randomness; its first bytes
     * are random in a version 4 UUID */
    dxUUIDGenerate(rnd);
    mac->addr[0] = 0x52;
    mac->addr[1] = 0x54;
    mac->addr[2] = 0x00;
    memcpy(&mac->addr[3], rnd, 3);
}

/* ---- <vlan> ----------------------------------------------------------------- */

void
dxNetVlanClear(dxNetVlan *vlan)
{
    free(vlan->tags);
    memset(vlan, 0, sizeof(*vlan));
}

void
dxNetVlanCopy(dxNetVlan *dst, const dxNetVlan *src)
{
    *dst = *src;
    dst->tags = NULL;
    if (src->ntags) {
        dst->tags = dxNewN(unsigned int, src->ntags);
        memcpy(dst->tags, src->tags, src->ntags * sizeof(*src->tags));
    }
}

static int
dxNetVlanTagParse(xmlNodePtr tag, dxNetVlan *vlan)
{
    unsigned int id;
    int native = 0;

    if (dxXMLPropUInt(tag, "id", 10, DX_PROP_REQUIRED, &id) < 0 ||
        dxXMLPropEnum(tag, "nativeMode", &dxVlanNativeModeTable, DX_PROP_NONZERO,
                      &native) < 0)
        return -1;
    if (id > DX_VLAN_MAX_TAG) {
        dxErrorReport(DX_ERR_INVALID, tag, "vlan tag id %u too large (maximum %d)",
                      id, DX_VLAN_MAX_TAG);
        return -1;
    }
    /* the native mode is kept per id: a second tag with the same id would
     * be written back with the first one's nativeMode */
    for (size_t i = 0; i < vlan->ntags; i++) {
        if (vlan->tags[i] == id) {
            dxErrorReport(DX_ERR_INVALID, tag, "vlan tag id %u is listed twice", id);
            return -1;
        }
    }
    if (native) {
        if (vlan->nativeMode) {
            dxErrorReport(DX_ERR_INVALID, tag,
                          "duplicate native vlan setting: only one <tag> may have nativeMode");
            return -1;
        }
        vlan->nativeMode = native;
        vlan->nativeTag = id;
    }
    DX_APPEND(vlan->tags, vlan->ntags, id);
    return 0;
}

int
dxNetVlanParse(xmlNodePtr node, dxNetVlan *vlan)
{
    dxTristateBool trunk = DX_TRISTATE_BOOL_ABSENT;

    if (dxXMLPropTristateBool(node, "trunk", 0, &trunk) < 0)
        return -1;
    DX_XML_FOREACH_CHILD(node, tag) {
        if (!dxXMLNameIs(tag, "tag") || tag->ns)
            continue;
        dxXMLMarkUsed(tag);
        if (dxNetVlanTagParse(tag, vlan) < 0)
            return -1;
    }
    if (vlan->ntags == 0) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "missing tag id - each <vlan> must have at least one <tag id='n'/>");
        return -1;
    }
    if (trunk == DX_TRISTATE_BOOL_NO && vlan->ntags > 1) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "invalid \"trunk='no'\" setting: a <vlan> with several tags is a trunk");
        return -1;
    }
    if (trunk == DX_TRISTATE_BOOL_NO && vlan->nativeMode) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "invalid \"nativeMode\" with \"trunk='no'\": a native vlan needs a trunk");
        return -1;
    }
    /* several tags always make a trunk */
    vlan->trunk = trunk == DX_TRISTATE_BOOL_YES || vlan->ntags > 1 || vlan->nativeMode;
    return 0;
}

void
dxNetVlanFormat(dxBuf *buf, const dxNetVlan *vlan)
{
    size_t i;
    if (vlan->ntags == 0)
        return;
    dxBufAddf(buf, "<vlan%s>\n", vlan->trunk ? " trunk='yes'" : "");
    dxBufAdjustIndent(buf, 2);
    for (i = 0; i < vlan->ntags; i++) {
        dxBufAddf(buf, "<tag id='%u'", vlan->tags[i]);
        if (vlan->nativeMode && vlan->nativeTag == vlan->tags[i])
            dxBufAttr(buf, "nativeMode", dxVlanNativeModeTypeToString(vlan->nativeMode));
        dxBufAddStr(buf, "/>\n");
    }
    dxBufAdjustIndent(buf, -2);
    dxBufAddStr(buf, "</vlan>\n");
}

/* ---- <virtualport> ------------------------------------------------------- */

void
dxNetVportFree(dxNetVport *vport)
{
    if (!vport)
        return;
    free(vport->profileID);
    free(vport);
}

static int
dxNetVportUUIDParse(xmlNodePtr params, const char *name, bool *has,
                    unsigned char uuid[DX_UUID_BUFLEN])
{
    int rc = dxXMLPropUUID(params, name, 0, uuid);
    if (rc < 0)
        return -1;
    *has = rc == 1;
    return 0;
}

static int
dxNetVportParamsParse(xmlNodePtr params, dxNetVport *vp)
{
    int rc;

    if ((rc = dxXMLPropUInt(params, "managerid", 10, 0, &vp->managerID)) < 0)
        return -1;
    if ((vp->hasManagerID = rc == 1) && vp->managerID > 0xFF) {
        dxErrorReport(DX_ERR_INVALID, params, "value of managerid out of range: must be 0-255");
        return -1;
    }
    if ((rc = dxXMLPropUInt(params, "typeid", 10, 0, &vp->typeID)) < 0)
        return -1;
    if ((vp->hasTypeID = rc == 1) && vp->typeID > 0xFFFFFF) {
        dxErrorReport(DX_ERR_INVALID, params, "value for typeid out of range: must be 0-16777215");
        return -1;
    }
    if ((rc = dxXMLPropUInt(params, "typeidversion", 10, 0, &vp->typeIDVersion)) < 0)
        return -1;
    if ((vp->hasTypeIDVersion = rc == 1) && vp->typeIDVersion > 0xFF) {
        dxErrorReport(DX_ERR_INVALID, params,
                      "value of typeidversion out of range: must be 0-255");
        return -1;
    }
    if (dxNetVportUUIDParse(params, "instanceid", &vp->hasInstanceID, vp->instanceID) < 0 ||
        dxNetVportUUIDParse(params, "interfaceid", &vp->hasInterfaceID, vp->interfaceID) < 0)
        return -1;
    vp->profileID = dxXMLPropString(params, "profileid");
    if (vp->profileID && strlen(vp->profileID) >= DX_VPORT_PROFILE_ID_MAX) {
        dxErrorReport(DX_ERR_INVALID, params,
                      "profileid '%s' is too long: at most %d characters",
                      vp->profileID, DX_VPORT_PROFILE_ID_MAX - 1);
        return -1;
    }
    return 0;
}

/* Which parameters each type takes: anything else is refused. */
static int
dxNetVportCheckParams(xmlNodePtr node, const dxNetVport *vp)
{
    bool qbg = vp->hasManagerID || vp->hasTypeID || vp->hasTypeIDVersion || vp->hasInstanceID;
    const char *type = dxVportTypeToString(vp->type);

    switch (vp->type) {
    case DX_VPORT_8021QBG:
        if (vp->profileID || vp->hasInterfaceID)
            goto extra;
        break;
    case DX_VPORT_8021QBH:
        if (qbg || vp->hasInterfaceID)
            goto extra;
        break;
    case DX_VPORT_OPENVSWITCH:
        if (qbg)
            goto extra;
        break;
    case DX_VPORT_MIDONET:
        if (qbg || vp->profileID)
            goto extra;
        break;
    case DX_VPORT_NONE:
    case DX_VPORT_LAST:
        break;
    }
    return 0;

 extra:
    dxErrorReport(DX_ERR_INVALID, node,
                  "<virtualport type='%s'> has a parameter that only another "
                  "virtualport type takes", type);
    return -1;
}

static int
dxNetVportCheckComplete(xmlNodePtr node, const dxNetVport *vp)
{
    const char *missing = NULL;

    switch (vp->type) {
    case DX_VPORT_8021QBG:
        if (!vp->hasManagerID)
            missing = "managerid";
        else if (!vp->hasTypeID)
            missing = "typeid";
        else if (!vp->hasTypeIDVersion)
            missing = "typeidversion";
        else if (!vp->hasInstanceID)
            missing = "instanceid";
        break;
    case DX_VPORT_8021QBH:
        if (!vp->profileID)
            missing = "profileid";
        break;
    case DX_VPORT_OPENVSWITCH:
    case DX_VPORT_MIDONET:
        if (!vp->hasInterfaceID)
            missing = "interfaceid";
        break;
    case DX_VPORT_NONE:
    case DX_VPORT_LAST:
        break;
    }
    if (missing) {
        dxErrorReport(DX_ERR_INVALID, node, "missing %s in <virtualport type='%s'>",
                      missing, dxVportTypeToString(vp->type));
        return -1;
    }
    return 0;
}

static void
dxNetVportGenerate(dxNetVport *vp)
{
    if (!vp->hasInstanceID && (vp->type == DX_VPORT_8021QBG || vp->type == DX_VPORT_NONE)) {
        dxUUIDGenerate(vp->instanceID);
        vp->hasInstanceID = true;
    }
    if (!vp->hasInterfaceID &&
        (vp->type == DX_VPORT_OPENVSWITCH || vp->type == DX_VPORT_MIDONET ||
         vp->type == DX_VPORT_NONE)) {
        dxUUIDGenerate(vp->interfaceID);
        vp->hasInterfaceID = true;
    }
}

dxNetVport *
dxNetVportParse(xmlNodePtr node, unsigned int flags)
{
    dxNetVport *vp = dxNew(dxNetVport);
    xmlNodePtr params;
    int type = DX_VPORT_NONE;

    if (dxXMLPropEnum(node, "type", &dxVportTable, DX_PROP_NONZERO, &type) < 0)
        goto error;
    vp->type = type;
    if (vp->type == DX_VPORT_NONE && (flags & DX_VPORT_REQUIRE_TYPE)) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "missing required virtualport type: this interface type has no "
                      "network to take it from");
        goto error;
    }
    if ((params = dxXMLChild(node, "parameters")) && dxNetVportParamsParse(params, vp) < 0)
        goto error;
    if (dxNetVportCheckParams(node, vp) < 0)
        goto error;
    if (flags & DX_VPORT_GENERATE_MISSING)
        dxNetVportGenerate(vp);
    if ((flags & DX_VPORT_REQUIRE_ALL) && dxNetVportCheckComplete(node, vp) < 0)
        goto error;
    return vp;

 error:
    dxNetVportFree(vp);
    return NULL;
}

void
dxNetVportFormat(dxBuf *buf, const dxNetVport *vp)
{
    char uuid[DX_UUID_STRING_BUFLEN];
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);

    if (!vp)
        return;
    if (vp->type != DX_VPORT_NONE)
        dxBufAttr(&attrs, "type", dxVportTypeToString(vp->type));
    dxBufAddStr(&child, "<parameters");
    if (vp->hasManagerID)
        dxBufAddf(&child, " managerid='%u'", vp->managerID);
    if (vp->hasTypeID)
        dxBufAddf(&child, " typeid='%u'", vp->typeID);
    if (vp->hasTypeIDVersion)
        dxBufAddf(&child, " typeidversion='%u'", vp->typeIDVersion);
    if (vp->hasInstanceID) {
        dxUUIDFormat(vp->instanceID, uuid);
        dxBufAttr(&child, "instanceid", uuid);
    }
    if (vp->hasInterfaceID) {
        dxUUIDFormat(vp->interfaceID, uuid);
        dxBufAttr(&child, "interfaceid", uuid);
    }
    dxBufAttr(&child, "profileid", vp->profileID);
    dxBufAddStr(&child, "/>\n");
    dxBufElementAlways(buf, "virtualport", &attrs, &child);
}

/* ---- <bandwidth> ----------------------------------------------------------- */

static int
dxNetBandwidthRateParse(xmlNodePtr node, dxNetBandwidthRate *rate, bool inbound)
{
    int avg, floor;
    if (rate->present) {
        dxErrorReport(DX_ERR_INVALID, node, "only one <%s> element is allowed in <bandwidth>",
                      (const char *)node->name);
        return -1;
    }
    rate->present = true;
    if ((avg = dxXMLPropULongLong(node, "average", 10, 0, &rate->average)) < 0 ||
        dxXMLPropULongLong(node, "peak", 10, 0, &rate->peak) < 0 ||
        dxXMLPropULongLong(node, "burst", 10, 0, &rate->burst) < 0)
        return -1;
    if (!inbound && dxXMLHasProp(node, "floor")) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "the floor attribute is allowed only in <inbound>");
        return -1;
    }
    if ((floor = inbound ? dxXMLPropULongLong(node, "floor", 10, 0, &rate->floor) : 0) < 0)
        return -1;
    if (avg == 0 && floor == 0) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "missing mandatory average or floor attribute in <%s>",
                      (const char *)node->name);
        return -1;
    }
    return 0;
}

dxNetBandwidth *
dxNetBandwidthParse(xmlNodePtr node)
{
    dxNetBandwidth *bw = dxNew(dxNetBandwidth);
    DX_XML_FOREACH_CHILD(node, child) {
        int rc = 0;
        if (child->ns)
            continue;
        if (dxXMLNameIs(child, "inbound")) {
            dxXMLMarkUsed(child);
            rc = dxNetBandwidthRateParse(child, &bw->in, true);
        } else if (dxXMLNameIs(child, "outbound")) {
            dxXMLMarkUsed(child);
            rc = dxNetBandwidthRateParse(child, &bw->out, false);
        }
        if (rc < 0) {
            free(bw);
            return NULL;
        }
    }
    return bw;
}

static void
dxNetBandwidthRateFormat(dxBuf *buf, const char *name, const dxNetBandwidthRate *r)
{
    if (!r->present)
        return;
    dxBufAddf(buf, "<%s", name);
    if (r->average)
        dxBufAddf(buf, " average='%llu'", r->average);
    if (r->peak)
        dxBufAddf(buf, " peak='%llu'", r->peak);
    if (r->floor)
        dxBufAddf(buf, " floor='%llu'", r->floor);
    if (r->burst)
        dxBufAddf(buf, " burst='%llu'", r->burst);
    dxBufAddStr(buf, "/>\n");
}

void
dxNetBandwidthFormat(dxBuf *buf, const dxNetBandwidth *bw)
{
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    if (!bw)
        return;
    dxNetBandwidthRateFormat(&child, "inbound", &bw->in);
    dxNetBandwidthRateFormat(&child, "outbound", &bw->out);
    dxBufElementAlways(buf, "bandwidth", &attrs, &child);
}

/* ---- <ip> and <route> ------------------------------------------------------- */

/* Canonical text of an IPv4/IPv6 address; NULL when STR is neither. */
static char *
dxIPAddressCanonical(const char *str, dxIPFamily *family)
{
    unsigned char raw[sizeof(struct in6_addr)];
    char text[INET6_ADDRSTRLEN];

    if (inet_pton(AF_INET, str, raw) == 1) {
        *family = DX_IP_FAMILY_IPV4;
        inet_ntop(AF_INET, raw, text, sizeof(text));
        return dxStrdup(text);
    }
    if (inet_pton(AF_INET6, str, raw) == 1) {
        *family = DX_IP_FAMILY_IPV6;
        inet_ntop(AF_INET6, raw, text, sizeof(text));
        return dxStrdup(text);
    }
    return NULL;
}

/* Read attribute NAME as an IP address into *OUT (canonical form). */
static int
dxIPAddressProp(xmlNodePtr node, const char *name, bool required, char **out,
                dxIPFamily *family)
{
    char *str = dxXMLPropString(node, name);
    dxIPFamily fam = DX_IP_FAMILY_NONE;

    if (!str) {
        if (!required)
            return 0;
        dxErrorReport(DX_ERR_INVALID, node, "missing required attribute '%s' in <%s>",
                      name, (const char *)node->name);
        return -1;
    }
    if (!(*out = dxIPAddressCanonical(str, &fam))) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "invalid %s '%s' in <%s>: expected an IPv4 or IPv6 address",
                      name, str, (const char *)node->name);
        free(str);
        return -1;
    }
    free(str);
    if (family)
        *family = fam;
    return 1;
}

static void
dxNetIPFree(dxNetIP *ip)
{
    if (!ip)
        return;
    free(ip->address);
    free(ip->peer);
    free(ip);
}

static void
dxNetRouteFree(dxNetRoute *r)
{
    if (!r)
        return;
    free(r->address);
    free(r->netmask);
    free(r->gateway);
    free(r);
}

void
dxNetIPInfoClear(dxNetIPInfo *info)
{
    size_t i;
    for (i = 0; i < info->nips; i++)
        dxNetIPFree(info->ips[i]);
    free(info->ips);
    for (i = 0; i < info->nroutes; i++)
        dxNetRouteFree(info->routes[i]);
    free(info->routes);
    memset(info, 0, sizeof(*info));
}

bool
dxNetIPInfoIsEmpty(const dxNetIPInfo *info)
{
    return info->nips == 0 && info->nroutes == 0;
}

static int
dxNetIPFamilyCheck(xmlNodePtr node, int given, dxIPFamily actual)
{
    if (given && given != (int)actual) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "family='%s' does not match the address of <%s>",
                      dxIPFamilyTypeToString(given), (const char *)node->name);
        return -1;
    }
    return 0;
}

static dxNetIP *
dxNetIPParse(xmlNodePtr node)
{
    dxNetIP *ip = dxNew(dxNetIP);
    dxIPFamily actual = DX_IP_FAMILY_NONE;
    int family = 0, rc;

    if (dxIPAddressProp(node, "address", true, &ip->address, &actual) < 0 ||
        dxXMLPropEnum(node, "family", &dxIPFamilyTable, DX_PROP_NONZERO, &family) < 0 ||
        dxNetIPFamilyCheck(node, family, actual) < 0 ||
        (rc = dxXMLPropUInt(node, "prefix", 10, 0, &ip->prefix)) < 0 ||
        dxIPAddressProp(node, "peer", false, &ip->peer, NULL) < 0)
        goto error;
    ip->family = actual;
    ip->hasPrefix = rc == 1;
    if (ip->hasPrefix && ip->prefix > (actual == DX_IP_FAMILY_IPV4 ? 32u : 128u)) {
        dxErrorReport(DX_ERR_INVALID, node, "invalid prefix %u for an %s address",
                      ip->prefix, dxIPFamilyTypeToString(actual));
        goto error;
    }
    return ip;

 error:
    dxNetIPFree(ip);
    return NULL;
}

static dxNetRoute *
dxNetRouteParse(xmlNodePtr node)
{
    dxNetRoute *r = dxNew(dxNetRoute);
    dxIPFamily actual = DX_IP_FAMILY_NONE;
    int family = 0, rc;

    if (dxXMLPropEnum(node, "family", &dxIPFamilyTable, DX_PROP_NONZERO, &family) < 0 ||
        dxIPAddressProp(node, "address", true, &r->address, &actual) < 0 ||
        dxNetIPFamilyCheck(node, family, actual) < 0 ||
        dxIPAddressProp(node, "netmask", false, &r->netmask, NULL) < 0 ||
        (rc = dxXMLPropUInt(node, "prefix", 10, 0, &r->prefix)) < 0)
        goto error;
    r->family = family;
    r->hasPrefix = rc == 1;
    if (dxIPAddressProp(node, "gateway", true, &r->gateway, NULL) < 0 ||
        (rc = dxXMLPropUInt(node, "metric", 10, 0, &r->metric)) < 0)
        goto error;
    r->hasMetric = rc == 1;
    if (r->netmask && r->hasPrefix) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "a <route> takes either a netmask or a prefix, not both");
        goto error;
    }
    return r;

 error:
    dxNetRouteFree(r);
    return NULL;
}

int
dxNetIPInfoParse(xmlNodePtr node, dxNetIPInfo *info)
{
    DX_XML_FOREACH_CHILD(node, child) {
        if (child->ns)
            continue;
        if (dxXMLNameIs(child, "ip")) {
            dxNetIP *ip;
            dxXMLMarkUsed(child);
            if (!(ip = dxNetIPParse(child)))
                return -1;
            DX_APPEND(info->ips, info->nips, ip);
        } else if (dxXMLNameIs(child, "route")) {
            dxNetRoute *r;
            dxXMLMarkUsed(child);
            if (!(r = dxNetRouteParse(child)))
                return -1;
            DX_APPEND(info->routes, info->nroutes, r);
        }
    }
    return 0;
}

void
dxNetIPInfoFormat(dxBuf *buf, const dxNetIPInfo *info)
{
    size_t i;
    for (i = 0; i < info->nips; i++) {
        const dxNetIP *ip = info->ips[i];
        dxBufAddStr(buf, "<ip");
        dxBufAttr(buf, "address", ip->address);
        dxBufAttr(buf, "family", dxIPFamilyTypeToString(ip->family));
        if (ip->hasPrefix)
            dxBufAddf(buf, " prefix='%u'", ip->prefix);
        dxBufAttr(buf, "peer", ip->peer);
        dxBufAddStr(buf, "/>\n");
    }
    for (i = 0; i < info->nroutes; i++) {
        const dxNetRoute *r = info->routes[i];
        dxBufAddStr(buf, "<route");
        if (r->family)
            dxBufAttr(buf, "family", dxIPFamilyTypeToString(r->family));
        dxBufAttr(buf, "address", r->address);
        dxBufAttr(buf, "netmask", r->netmask);
        if (r->hasPrefix)
            dxBufAddf(buf, " prefix='%u'", r->prefix);
        dxBufAttr(buf, "gateway", r->gateway);
        if (r->hasMetric)
            dxBufAddf(buf, " metric='%u'", r->metric);
        dxBufAddStr(buf, "/>\n");
    }
}
