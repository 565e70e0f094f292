/* features_extra.c: structured <features> members.  Each keeps its state
 * (on/off, or its value for gic/ioapic/...) in features->state[] like the
 * simple ones, and its details in dxDomainFeaturesExtra. */
#include "features_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxunits.h"
#include "util/dxxml.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

DX_ENUM_IMPL(dxHypervFeature, DX_HYPERV_LAST,
             "relaxed", "vapic", "spinlocks", "vpindex", "runtime", "synic",
             "stimer", "reset", "vendor_id", "frequencies", "reenlightenment",
             "tlbflush", "ipi", "evmcs", "avic");
DX_ENUM_IMPL(dxHypervMode, DX_HYPERV_MODE_LAST, "custom", "passthrough");
DX_ENUM_IMPL(dxKVMFeature, DX_KVM_LAST,
             "hidden", "hint-dedicated", "poll-control", "pv-ipi", "dirty-ring");
DX_ENUM_IMPL(dxIOAPICDriver, DX_IOAPIC_LAST, "", "kvm", "qemu");
DX_ENUM_IMPL(dxGICVersion, DX_GIC_LAST, "", "2", "3", "host");
DX_ENUM_IMPL(dxHPTResizing, DX_HPT_RESIZING_LAST, "", "enabled", "disabled", "required");
DX_ENUM_IMPL(dxMsrsUnknown, DX_MSRS_UNKNOWN_LAST, "ignore", "fault");
DX_ENUM_IMPL(dxCapsPolicy, DX_CAPS_POLICY_LAST, "default", "allow", "deny");
DX_ENUM_IMPL(dxXenPassthroughMode, DX_XEN_PASSTHROUGH_MODE_LAST, "", "sync_pt", "share_pt");

/* Hyper-V's spinlock retry count must be at least 0xFFF; vendor ids are
 * at most 12 characters (one CPUID leaf) */
#define DX_HYPERV_SPINLOCKS_MIN 4095
#define DX_HYPERV_VENDOR_ID_MAX 12
/* KVM's dirty ring: a power of two between 1024 and 65536 entries */
#define DX_KVM_DIRTY_RING_MIN 1024
#define DX_KVM_DIRTY_RING_MAX 65536

bool
dxFeaturesExtraSupported(dxDomainFeature f)
{
    switch (f) {
    case DX_DOMAIN_FEATURE_HYPERV:
    case DX_DOMAIN_FEATURE_KVM:
    case DX_DOMAIN_FEATURE_CAPABILITIES:
    case DX_DOMAIN_FEATURE_GIC:
    case DX_DOMAIN_FEATURE_SMM:
    case DX_DOMAIN_FEATURE_IOAPIC:
    case DX_DOMAIN_FEATURE_HPT:
    case DX_DOMAIN_FEATURE_MSRS:
    case DX_DOMAIN_FEATURE_XEN:
    case DX_DOMAIN_FEATURE_CFPC:
    case DX_DOMAIN_FEATURE_SBBC:
    case DX_DOMAIN_FEATURE_IBS:
    case DX_DOMAIN_FEATURE_TCG:
        return true;
    default:
        return false;
    }
}

dxDomainFeaturesExtra *
dxFeaturesExtra(dxDomainFeatures *features)
{
    if (!features->extra)
        features->extra = dxNew(dxDomainFeaturesExtra);
    return features->extra;
}

void
dxFeaturesExtraFree(dxDomainFeaturesExtra *extra)
{
    size_t i;
    if (!extra)
        return;
    free(extra->hypervVendorId);
    for (i = 0; i < extra->ncaps; i++)
        free(extra->caps[i].name);
    free(extra->caps);
    free(extra->cfpc);
    free(extra->sbbc);
    free(extra->ibs);
    free(extra);
}

/* A size element (<tseg>, <tb-cache>, <maxpagesize>) in KiB, rounded up;
 * a missing unit means DEFAULT_SCALE bytes. */
static int
dxFeatureSizeParse(xmlNodePtr node, unsigned long long defaultScale, unsigned long long *kib)
{
    unsigned long long v;
    const char *why = NULL;
    char *unit;

    if (dxXMLContentULongLong(node, &v) < 0)
        return -1;
    unit = dxXMLPropString(node, "unit");
    if (dxScaleInteger(&v, unit, defaultScale, (unsigned long long)LLONG_MAX, &why) < 0) {
        dxErrorReport(DX_ERR_INVALID, node, "invalid size in <%s>: %s",
                      (const char *)node->name, why);
        free(unit);
        return -1;
    }
    free(unit);
    *kib = v / 1024 + (v % 1024 != 0);
    return 0;
}

/* ---- hyperv ---------------------------------------------------------------- */

static int
dxHypervStimerParse(dxDomainFeaturesExtra *x, xmlNodePtr node)
{
    xmlNodePtr direct = dxXMLChild(node, "direct");
    if (!direct)
        return 0;
    return dxXMLPropTristateSwitch(direct, "state", DX_PROP_REQUIRED,
                                   &x->hypervStimerDirect) < 0 ? -1 : 0;
}

static int
dxHypervChildParse(dxDomainFeaturesExtra *x, dxHypervFeature f, xmlNodePtr node)
{
    dxTristateSwitch state;

    if (dxXMLPropTristateSwitch(node, "state", DX_PROP_REQUIRED, &state) < 0)
        return -1;
    x->hyperv[f] = state;
    if (state != DX_TRISTATE_SWITCH_ON)
        return 0;
    switch (f) {
    case DX_HYPERV_SPINLOCKS:
        if (dxXMLPropUInt(node, "retries", 0, DX_PROP_REQUIRED, &x->hypervSpinlocks) < 0)
            return -1;
        if (x->hypervSpinlocks < DX_HYPERV_SPINLOCKS_MIN) {
            dxErrorReport(DX_ERR_INVALID, node,
                          "HyperV spinlock retry count must be at least %d",
                          DX_HYPERV_SPINLOCKS_MIN);
            return -1;
        }
        return 0;
    case DX_HYPERV_VENDOR_ID:
        if (dxXMLPropStringRequired(node, "value", &x->hypervVendorId) < 0)
            return -1;
        if (strlen(x->hypervVendorId) > DX_HYPERV_VENDOR_ID_MAX) {
            dxErrorReport(DX_ERR_INVALID, node,
                          "HyperV vendor_id value must not be more than %d characters.",
                          DX_HYPERV_VENDOR_ID_MAX);
            return -1;
        }
        return 0;
    case DX_HYPERV_STIMER:
        return dxHypervStimerParse(x, node);
    default:
        return 0;
    }
}

static int
dxHypervParse(dxDomainFeatures *features, xmlNodePtr node)
{
    dxDomainFeaturesExtra *x = dxFeaturesExtra(features);

    if (dxXMLPropEnum(node, "mode", &dxHypervModeTable, 0, &x->hypervMode) < 0)
        return -1;
    features->state[DX_DOMAIN_FEATURE_HYPERV] = DX_TRISTATE_SWITCH_ON;
    DX_XML_FOREACH_CHILD(node, child) {
        int f;
        if (child->ns)
            continue;
        f = dxHypervFeatureTypeFromString((const char *)child->name);
        if (f < 0 || x->hyperv[f])
            continue;
        dxXMLMarkUsed(child);
        if (dxHypervChildParse(x, f, child) < 0)
            return -1;
    }
    return 0;
}

/* ---- kvm ---------------------------------------------------------------------- */

static int
dxKVMDirtyRingParse(dxDomainFeaturesExtra *x, xmlNodePtr node)
{
    unsigned int size = x->kvmDirtyRingSize;
    if (x->kvm[DX_KVM_DIRTY_RING] != DX_TRISTATE_SWITCH_ON)
        return 0;
    if (dxXMLPropUInt(node, "size", 10, DX_PROP_REQUIRED, &size) < 0)
        return -1;
    if (size < DX_KVM_DIRTY_RING_MIN || size > DX_KVM_DIRTY_RING_MAX || (size & (size - 1))) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "dirty ring must be power of 2 and ranges [%d, %d]",
                      DX_KVM_DIRTY_RING_MIN, DX_KVM_DIRTY_RING_MAX);
        return -1;
    }
    x->kvmDirtyRingSize = size;
    return 0;
}

static int
dxKVMParse(dxDomainFeatures *features, xmlNodePtr node)
{
    dxDomainFeaturesExtra *x = dxFeaturesExtra(features);

    features->state[DX_DOMAIN_FEATURE_KVM] = DX_TRISTATE_SWITCH_ON;
    DX_XML_FOREACH_CHILD(node, child) {
        int f;
        if (child->ns)
            continue;
        f = dxKVMFeatureTypeFromString((const char *)child->name);
        if (f < 0 || x->kvm[f])
            continue;
        dxXMLMarkUsed(child);
        if (dxXMLPropTristateSwitch(child, "state", DX_PROP_REQUIRED, &x->kvm[f]) < 0)
            return -1;
        if (f == DX_KVM_DIRTY_RING && dxKVMDirtyRingParse(x, child) < 0)
            return -1;
    }
    return 0;
}

/* ---- smm, tcg, hpt ------------------------------------------------------------ */

static int
dxSMMParse(dxDomainFeatures *features, xmlNodePtr node)
{
    dxTristateSwitch state = DX_TRISTATE_SWITCH_ON;
    xmlNodePtr tseg;

    if (dxXMLPropTristateSwitch(node, "state", 0, &state) < 0)
        return -1;
    features->state[DX_DOMAIN_FEATURE_SMM] = state;
    if (!(tseg = dxXMLChild(node, "tseg")))
        return 0;
    /* a TSEG size without SMM means nothing and is dropped */
    if (state != DX_TRISTATE_SWITCH_ON) {
        dxXMLMarkSubtreeUsed(tseg);
        return 0;
    }
    return dxFeatureSizeParse(tseg, 1024 * 1024, &dxFeaturesExtra(features)->tsegKiB);
}

static int
dxTCGParse(dxDomainFeatures *features, xmlNodePtr node)
{
    xmlNodePtr cache = dxXMLChild(node, "tb-cache");

    features->state[DX_DOMAIN_FEATURE_TCG] = DX_TRISTATE_SWITCH_ON;
    if (!cache)
        return 0;
    return dxFeatureSizeParse(cache, 1024, &dxFeaturesExtra(features)->tbCacheKiB);
}

static int
dxHPTParse(dxDomainFeatures *features, xmlNodePtr node)
{
    dxDomainFeaturesExtra *x = dxFeaturesExtra(features);
    xmlNodePtr page;

    features->state[DX_DOMAIN_FEATURE_HPT] = DX_TRISTATE_SWITCH_ON;
    if (dxXMLPropEnum(node, "resizing", &dxHPTResizingTable, DX_PROP_NONZERO,
                      &x->hptResizing) < 0)
        return -1;
    if ((page = dxXMLChild(node, "maxpagesize")) &&
        dxFeatureSizeParse(page, 1024, &x->hptMaxPageKiB) < 0)
        return -1;
    return 0;
}

/* ---- capabilities, xen, valued features ------------------------------------ */

static int
dxCapabilitiesParse(dxDomainFeatures *features, xmlNodePtr node)
{
    dxDomainFeaturesExtra *x = dxFeaturesExtra(features);

    features->state[DX_DOMAIN_FEATURE_CAPABILITIES] = DX_TRISTATE_SWITCH_ON;
    if (dxXMLPropEnum(node, "policy", &dxCapsPolicyTable, 0, &x->capsPolicy) < 0)
        return -1;
    DX_XML_FOREACH_CHILD(node, child) {
        dxCapability cap = { NULL, DX_TRISTATE_SWITCH_ON };
        if (child->ns)
            continue;
        dxXMLMarkUsed(child);
        if (dxXMLPropTristateSwitch(child, "state", 0, &cap.state) < 0)
            return -1;
        cap.name = dxStrdup((const char *)child->name);
        DX_APPEND(x->caps, x->ncaps, cap);
    }
    return 0;
}

static int
dxXenParse(dxDomainFeatures *features, xmlNodePtr node)
{
    dxDomainFeaturesExtra *x = dxFeaturesExtra(features);
    xmlNodePtr e820 = dxXMLChild(node, "e820_host");
    xmlNodePtr pt = dxXMLChild(node, "passthrough");

    features->state[DX_DOMAIN_FEATURE_XEN] = DX_TRISTATE_SWITCH_ON;
    if (e820 && dxXMLPropTristateSwitch(e820, "state", DX_PROP_REQUIRED, &x->xenE820Host) < 0)
        return -1;
    if (pt && (dxXMLPropTristateSwitch(pt, "state", DX_PROP_REQUIRED, &x->xenPassthrough) < 0 ||
               dxXMLPropEnum(pt, "mode", &dxXenPassthroughModeTable, DX_PROP_NONZERO,
                             &x->xenPassthroughMode) < 0))
        return -1;
    return 0;
}

static int
dxValueFeatureParse(dxDomainFeatures *features, dxDomainFeature f, xmlNodePtr node)
{
    dxDomainFeaturesExtra *x = dxFeaturesExtra(features);
    char **slot = f == DX_DOMAIN_FEATURE_CFPC ? &x->cfpc :
                  f == DX_DOMAIN_FEATURE_SBBC ? &x->sbbc : &x->ibs;

    features->state[f] = DX_TRISTATE_SWITCH_ON;
    /* written twice, the last one counts (as for every feature) */
    free(*slot);
    *slot = NULL;
    return dxXMLPropStringRequired(node, "value", slot) < 0 ? -1 : 0;
}

int
dxFeaturesExtraParse(dxDomainFeatures *features, dxDomainFeature f, xmlNodePtr node)
{
    dxDomainFeaturesExtra *x = dxFeaturesExtra(features);

    switch (f) {
    case DX_DOMAIN_FEATURE_HYPERV:
        return dxHypervParse(features, node);
    case DX_DOMAIN_FEATURE_KVM:
        return dxKVMParse(features, node);
    case DX_DOMAIN_FEATURE_SMM:
        return dxSMMParse(features, node);
    case DX_DOMAIN_FEATURE_TCG:
        return dxTCGParse(features, node);
    case DX_DOMAIN_FEATURE_HPT:
        return dxHPTParse(features, node);
    case DX_DOMAIN_FEATURE_CAPABILITIES:
        return dxCapabilitiesParse(features, node);
    case DX_DOMAIN_FEATURE_XEN:
        return dxXenParse(features, node);
    case DX_DOMAIN_FEATURE_CFPC:
    case DX_DOMAIN_FEATURE_SBBC:
    case DX_DOMAIN_FEATURE_IBS:
        return dxValueFeatureParse(features, f, node);
    case DX_DOMAIN_FEATURE_GIC:
        features->state[f] = DX_TRISTATE_SWITCH_ON;
        return dxXMLPropEnum(node, "version", &dxGICVersionTable, DX_PROP_NONZERO,
                             &x->gic) < 0 ? -1 : 0;
    case DX_DOMAIN_FEATURE_IOAPIC:
        features->state[f] = DX_TRISTATE_SWITCH_ON;
        return dxXMLPropEnum(node, "driver", &dxIOAPICDriverTable,
                             DX_PROP_REQUIRED | DX_PROP_NONZERO, &x->ioapic) < 0 ? -1 : 0;
    case DX_DOMAIN_FEATURE_MSRS:
        features->state[f] = DX_TRISTATE_SWITCH_ON;
        return dxXMLPropEnum(node, "unknown", &dxMsrsUnknownTable, DX_PROP_REQUIRED,
                             &x->msrsUnknown) < 0 ? -1 : 0;
    default:
        dxErrorReport(DX_ERR_INTERNAL, node, "feature '%s' has no parser",
                      dxDomainFeatureTypeToString(f));
        return -1;
    }
}

/* ---- format -------------------------------------------------------------------- */

static void
dxHypervFormat(dxBuf *buf, const dxDomainFeaturesExtra *x)
{
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    int f;

    for (f = 0; f < DX_HYPERV_LAST; f++) {
        const char *state = dxTristateSwitchTypeToString(x->hyperv[f]);
        bool on = x->hyperv[f] == DX_TRISTATE_SWITCH_ON;
        if (!x->hyperv[f])
            continue;
        dxBufAddf(&child, "<%s state='%s'", dxHypervFeatureTypeToString(f), state);
        if (f == DX_HYPERV_SPINLOCKS && on)
            dxBufAddf(&child, " retries='%u'", x->hypervSpinlocks);
        if (f == DX_HYPERV_VENDOR_ID && on)
            dxBufAttr(&child, "value", x->hypervVendorId);
        if (f == DX_HYPERV_STIMER && x->hypervStimerDirect) {
            dxBufAddStr(&child, ">\n");
            dxBufAddf(&child, "  <direct state='%s'/>\n",
                      dxTristateSwitchTypeToString(x->hypervStimerDirect));
            dxBufAddStr(&child, "</stimer>\n");
            continue;
        }
        dxBufAddStr(&child, "/>\n");
    }
    /* like <kvm>, an empty <hyperv> is still written as an open/close pair */
    dxBufAddf(buf, "<hyperv mode='%s'>\n", dxHypervModeTypeToString(x->hypervMode));
    dxBufAddBuf(buf, &child);
    dxBufAddStr(buf, "</hyperv>\n");
}

static void
dxKVMFormat(dxBuf *buf, const dxDomainFeaturesExtra *x)
{
    int f;

    /* libvirt writes an empty <kvm> as an open/close pair */
    dxBufAddStr(buf, "<kvm>\n");
    dxBufAdjustIndent(buf, 2);
    for (f = 0; f < DX_KVM_LAST; f++) {
        if (!x->kvm[f])
            continue;
        dxBufAddf(buf, "<%s state='%s'", dxKVMFeatureTypeToString(f),
                  dxTristateSwitchTypeToString(x->kvm[f]));
        if (f == DX_KVM_DIRTY_RING && x->kvm[f] == DX_TRISTATE_SWITCH_ON)
            dxBufAddf(buf, " size='%u'", x->kvmDirtyRingSize);
        dxBufAddStr(buf, "/>\n");
    }
    dxBufAdjustIndent(buf, -2);
    dxBufAddStr(buf, "</kvm>\n");
}

/* Sizes in MiB when they are whole MiB, else KiB. */
static void
dxSizeElementFormat(dxBuf *buf, const char *name, unsigned long long kib)
{
    if (kib % 1024 == 0)
        dxBufAddf(buf, "<%s unit='MiB'>%llu</%s>\n", name, kib / 1024, name);
    else
        dxBufAddf(buf, "<%s unit='KiB'>%llu</%s>\n", name, kib, name);
}

static void
dxSMMFormat(dxBuf *buf, const dxDomainFeatures *features, const dxDomainFeaturesExtra *x)
{
    int state = features->state[DX_DOMAIN_FEATURE_SMM];

    if (state == DX_TRISTATE_SWITCH_ON && x && x->tsegKiB) {
        dxBufAddStr(buf, "<smm state='on'>\n");
        dxBufAdjustIndent(buf, 2);
        dxSizeElementFormat(buf, "tseg", x->tsegKiB);
        dxBufAdjustIndent(buf, -2);
        dxBufAddStr(buf, "</smm>\n");
        return;
    }
    dxBufAddf(buf, "<smm state='%s'/>\n", dxTristateSwitchTypeToString(state));
}

static void
dxCapabilitiesFormat(dxBuf *buf, const dxDomainFeaturesExtra *x)
{
    size_t i;

    dxBufAddf(buf, "<capabilities policy='%s'", dxCapsPolicyTypeToString(x->capsPolicy));
    if (x->ncaps == 0) {
        dxBufAddStr(buf, "/>\n");
        return;
    }
    dxBufAddStr(buf, ">\n");
    dxBufAdjustIndent(buf, 2);
    for (i = 0; i < x->ncaps; i++) {
        dxBufAddf(buf, "<%s", x->caps[i].name);
        if (x->caps[i].state)
            dxBufAttr(buf, "state", dxTristateSwitchTypeToString(x->caps[i].state));
        dxBufAddStr(buf, "/>\n");
    }
    dxBufAdjustIndent(buf, -2);
    dxBufAddStr(buf, "</capabilities>\n");
}

static void
dxXenFormat(dxBuf *buf, const dxDomainFeaturesExtra *x)
{
    dxBuf child = DX_BUF_INIT_CHILD(buf);

    if (x->xenE820Host)
        dxBufAddf(&child, "<e820_host state='%s'/>\n",
                  dxTristateSwitchTypeToString(x->xenE820Host));
    if (x->xenPassthrough) {
        dxBufAddf(&child, "<passthrough state='%s'",
                  dxTristateSwitchTypeToString(x->xenPassthrough));
        if (x->xenPassthroughMode)
            dxBufAttr(&child, "mode", dxXenPassthroughModeTypeToString(x->xenPassthroughMode));
        dxBufAddStr(&child, "/>\n");
    }
    dxBufElementAlways(buf, "xen", NULL, &child);
}

static void
dxHPTFormat(dxBuf *buf, const dxDomainFeaturesExtra *x)
{
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);

    if (x->hptResizing)
        dxBufAttr(&attrs, "resizing", dxHPTResizingTypeToString(x->hptResizing));
    if (x->hptMaxPageKiB)
        dxBufAddf(&child, "<maxpagesize unit='KiB'>%llu</maxpagesize>\n", x->hptMaxPageKiB);
    dxBufElement(buf, "hpt", &attrs, &child);
}

void
dxFeaturesExtraFormat(dxBuf *buf, const dxDomainFeatures *features, dxDomainFeature f)
{
    const dxDomainFeaturesExtra *x = features->extra;

    if (!features->state[f])
        return;
    switch (f) {
    case DX_DOMAIN_FEATURE_HYPERV:
        dxHypervFormat(buf, x);
        return;
    case DX_DOMAIN_FEATURE_KVM:
        dxKVMFormat(buf, x);
        return;
    case DX_DOMAIN_FEATURE_SMM:
        dxSMMFormat(buf, features, x);
        return;
    case DX_DOMAIN_FEATURE_CAPABILITIES:
        dxCapabilitiesFormat(buf, x);
        return;
    case DX_DOMAIN_FEATURE_XEN:
        dxXenFormat(buf, x);
        return;
    case DX_DOMAIN_FEATURE_HPT:
        dxHPTFormat(buf, x);
        return;
    case DX_DOMAIN_FEATURE_TCG:
        /* an empty <tcg/> says nothing */
        if (x->tbCacheKiB) {
            dxBufAddStr(buf, "<tcg>\n");
            dxBufAddf(buf, "  <tb-cache unit='KiB'>%llu</tb-cache>\n", x->tbCacheKiB);
            dxBufAddStr(buf, "</tcg>\n");
        }
        return;
    case DX_DOMAIN_FEATURE_GIC:
        dxBufAddStr(buf, "<gic");
        if (x->gic)
            dxBufAttr(buf, "version", dxGICVersionTypeToString(x->gic));
        dxBufAddStr(buf, "/>\n");
        return;
    case DX_DOMAIN_FEATURE_IOAPIC:
        dxBufAddf(buf, "<ioapic driver='%s'/>\n", dxIOAPICDriverTypeToString(x->ioapic));
        return;
    case DX_DOMAIN_FEATURE_MSRS:
        dxBufAddf(buf, "<msrs unknown='%s'/>\n", dxMsrsUnknownTypeToString(x->msrsUnknown));
        return;
    case DX_DOMAIN_FEATURE_CFPC:
        dxBufAddStr(buf, "<cfpc");
        dxBufAttr(buf, "value", x->cfpc);
        dxBufAddStr(buf, "/>\n");
        return;
    case DX_DOMAIN_FEATURE_SBBC:
        dxBufAddStr(buf, "<sbbc");
        dxBufAttr(buf, "value", x->sbbc);
        dxBufAddStr(buf, "/>\n");
        return;
    case DX_DOMAIN_FEATURE_IBS:
        dxBufAddStr(buf, "<ibs");
        dxBufAttr(buf, "value", x->ibs);
        dxBufAddStr(buf, "/>\n");
        return;
    default:
        return;
    }
}
