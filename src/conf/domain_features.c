/* domain_features.c: <features>.
 *
 * Features come in three shapes: old-style markers that can only be
 * switched on (<acpi/>), on/off switches (<pmu state='off'/>), and
 * features with structure of their own (hyperv, kvm, smm, ...) that are
 * parsed by features_extra.c.  Formatting follows the enum order, which is
 * libvirt's output order.
 */
#include "domain_def.h"
#include "features_conf.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

#include <stdlib.h>

DX_ENUM_IMPL(dxDomainFeature, DX_DOMAIN_FEATURE_LAST,
             "acpi", "apic", "pae", "hap", "viridian", "privnet", "hyperv",
             "kvm", "pvspinlock", "capabilities", "pmu", "vmport", "gic", "smm",
             "ioapic", "hpt", "vmcoreinfo", "htm", "nested-hv", "msrs",
             "ccf-assist", "xen", "cfpc", "sbbc", "ibs", "tcg");

typedef enum {
    DX_FEATURE_SHAPE_MARKER,     /* <name/> means on; off cannot be written */
    DX_FEATURE_SHAPE_SWITCH,     /* <name state='on|off'/>, default on */
    DX_FEATURE_SHAPE_STRUCTURED, /* handled in features_extra.c */
} dxFeatureShape;

static dxFeatureShape
dxFeatureShapeOf(dxDomainFeature f)
{
    switch (f) {
    case DX_DOMAIN_FEATURE_ACPI:
    case DX_DOMAIN_FEATURE_PAE:
    case DX_DOMAIN_FEATURE_VIRIDIAN:
    case DX_DOMAIN_FEATURE_PRIVNET:
    case DX_DOMAIN_FEATURE_APIC:
        return DX_FEATURE_SHAPE_MARKER;
    case DX_DOMAIN_FEATURE_HAP:
    case DX_DOMAIN_FEATURE_PVSPINLOCK:
    case DX_DOMAIN_FEATURE_PMU:
    case DX_DOMAIN_FEATURE_VMPORT:
    case DX_DOMAIN_FEATURE_VMCOREINFO:
    case DX_DOMAIN_FEATURE_HTM:
    case DX_DOMAIN_FEATURE_NESTED_HV:
    case DX_DOMAIN_FEATURE_CCF_ASSIST:
        return DX_FEATURE_SHAPE_SWITCH;
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
    case DX_DOMAIN_FEATURE_LAST:
        break;
    }
    return DX_FEATURE_SHAPE_STRUCTURED;
}

static int
dxFeatureParseOne(dxDomainFeatures *features, dxDomainFeature f, xmlNodePtr node)
{
    dxTristateSwitch state = DX_TRISTATE_SWITCH_ON;

    switch (dxFeatureShapeOf(f)) {
    case DX_FEATURE_SHAPE_MARKER:
        features->state[f] = DX_TRISTATE_SWITCH_ON;
        if (f == DX_DOMAIN_FEATURE_APIC &&
            dxXMLPropTristateSwitch(node, "eoi", 0, &features->apicEoi) < 0)
            return -1;
        return 0;
    case DX_FEATURE_SHAPE_SWITCH:
        if (dxXMLPropTristateSwitch(node, "state", 0, &state) < 0)
            return -1;
        features->state[f] = state;
        return 0;
    case DX_FEATURE_SHAPE_STRUCTURED:
        return dxFeaturesExtraParse(features, f, node);
    }
    return 0;
}

int
dxDomainFeaturesParse(dxDomainDef *def, xmlNodePtr node)
{
    int failed = 0;
    DX_XML_FOREACH_CHILD(node, child) {
        int f;
        if (child->ns)
            continue;
        f = dxDomainFeatureTypeFromString((const char *)child->name);
        if (f < 0 || dxXMLIsUsed(child))
            continue;
        if (dxFeatureShapeOf(f) == DX_FEATURE_SHAPE_STRUCTURED &&
            !dxFeaturesExtraSupported(f))
            continue;   /* left unread: reported as not understood */
        dxXMLMarkUsed(child);
        if (dxFeatureParseOne(&def->features, f, child) < 0)
            failed = 1;
    }
    return failed ? -1 : 0;
}

void
dxDomainFeaturesClear(dxDomainFeatures *features)
{
    dxFeaturesExtraFree(features->extra);
}

static void
dxFeatureFormatOne(dxBuf *buf, const dxDomainFeatures *features, dxDomainFeature f)
{
    const char *name = dxDomainFeatureTypeToString(f);
    int state = features->state[f];

    switch (dxFeatureShapeOf(f)) {
    case DX_FEATURE_SHAPE_MARKER:
        if (state != DX_TRISTATE_SWITCH_ON)
            return;
        dxBufAddf(buf, "<%s", name);
        if (f == DX_DOMAIN_FEATURE_APIC && features->apicEoi)
            dxBufAttr(buf, "eoi", dxTristateSwitchTypeToString(features->apicEoi));
        dxBufAddStr(buf, "/>\n");
        return;
    case DX_FEATURE_SHAPE_SWITCH:
        if (state)
            dxBufAddf(buf, "<%s state='%s'/>\n", name, dxTristateSwitchTypeToString(state));
        return;
    case DX_FEATURE_SHAPE_STRUCTURED:
        dxFeaturesExtraFormat(buf, features, f);
        return;
    }
}

void
dxDomainFeaturesFormat(dxBuf *buf, const dxDomainDef *def)
{
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    int f;

    for (f = 0; f < DX_DOMAIN_FEATURE_LAST; f++)
        dxFeatureFormatOne(&child, &def->features, f);
    dxBufElement(buf, "features", NULL, &child);
}
