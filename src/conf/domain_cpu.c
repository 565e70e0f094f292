/* domain_cpu.c: <cpu>: parse, format and the checks that need only the
 * CPU itself.  The <numa> child is handed to domain_numa.c. */
#include "cpu_conf.h"
#include "numa_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

#include <stdlib.h>
#include <string.h>

DX_ENUM_IMPL(dxCPUMode, DX_CPU_MODE_LAST,
             "custom", "host-model", "host-passthrough", "maximum");
DX_ENUM_IMPL(dxCPUMatch, DX_CPU_MATCH_LAST,
             "", "minimum", "exact", "strict");
DX_ENUM_IMPL(dxCPUCheck, DX_CPU_CHECK_LAST,
             "", "none", "partial", "full");
DX_ENUM_IMPL(dxCPUFallback, DX_CPU_FALLBACK_LAST, "allow", "forbid");
DX_ENUM_IMPL(dxCPUFeaturePolicy, DX_CPU_FEATURE_LAST,
             "force", "require", "optional", "disable", "forbid");
DX_ENUM_IMPL(dxCPUCacheMode, DX_CPU_CACHE_LAST,
             "emulate", "passthrough", "disable");
DX_ENUM_IMPL(dxCPUMaxPhysAddrMode, DX_CPU_MAXPHYSADDR_LAST,
             "emulate", "passthrough");

/* CPUID vendor strings are exactly 12 characters ("GenuineIntel") */
#define DX_CPU_VENDOR_ID_LEN 12

void
dxDomainCPUDefFree(dxDomainCPUDef *cpu)
{
    size_t i;
    if (!cpu)
        return;
    dxSourceLocClear(&cpu->loc);
    free(cpu->model);
    free(cpu->vendorId);
    free(cpu->vendor);
    for (i = 0; i < cpu->nfeatures; i++)
        free(cpu->features[i].name);
    free(cpu->features);
    free(cpu);
}

const dxCPUFeature *
dxDomainCPUFindFeature(const dxDomainCPUDef *cpu, const char *name)
{
    size_t i;
    for (i = 0; cpu && i < cpu->nfeatures; i++) {
        if (strcmp(cpu->features[i].name, name) == 0)
            return &cpu->features[i];
    }
    return NULL;
}

unsigned long long
dxDomainCPUTopologyTotal(const dxDomainCPUDef *cpu)
{
    if (!cpu || !cpu->hasTopology)
        return 0;
    return (unsigned long long)cpu->sockets * cpu->dies * cpu->cores * cpu->threads;
}

static int
dxCPUModelParse(dxDomainCPUDef *cpu, xmlNodePtr node)
{
    char *name;

    if (dxXMLPropEnum(node, "fallback", &dxCPUFallbackTable, 0, &cpu->fallback) < 0)
        return -1;
    cpu->vendorId = dxXMLPropString(node, "vendor_id");
    if (cpu->vendorId && strlen(cpu->vendorId) != DX_CPU_VENDOR_ID_LEN) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "vendor_id '%s' must be exactly %d characters long",
                      cpu->vendorId, DX_CPU_VENDOR_ID_LEN);
        return -1;
    }
    name = dxXMLContent(node);
    if (*name)
        cpu->model = name;
    else
        free(name);
    return 0;
}

static int
dxCPUTopologyParse(dxDomainCPUDef *cpu, xmlNodePtr node)
{
    cpu->hasTopology = true;
    cpu->dies = 1;
    if (dxXMLPropUInt(node, "sockets", 10, DX_PROP_REQUIRED | DX_PROP_NONZERO, &cpu->sockets) < 0 ||
        dxXMLPropUInt(node, "dies", 10, DX_PROP_NONZERO, &cpu->dies) < 0 ||
        dxXMLPropUInt(node, "cores", 10, DX_PROP_REQUIRED | DX_PROP_NONZERO, &cpu->cores) < 0 ||
        dxXMLPropUInt(node, "threads", 10, DX_PROP_REQUIRED | DX_PROP_NONZERO, &cpu->threads) < 0)
        return -1;
    return 0;
}

static int
dxCPUCacheParse(dxDomainCPUDef *cpu, xmlNodePtr node)
{
    unsigned int level;
    int rc;

    cpu->hasCache = true;
    cpu->cacheLevel = -1;
    if ((rc = dxXMLPropUInt(node, "level", 10, 0, &level)) < 0)
        return -1;
    if (rc == 1) {
        if (level < 1 || level > 3) {
            dxErrorReport(DX_ERR_INVALID, node,
                          "invalid CPU cache level %u: must be 1, 2 or 3", level);
            return -1;
        }
        cpu->cacheLevel = (int)level;
    }
    return dxXMLPropEnum(node, "mode", &dxCPUCacheModeTable, DX_PROP_REQUIRED,
                         &cpu->cacheMode) < 0 ? -1 : 0;
}

static int
dxCPUMaxPhysAddrParse(dxDomainCPUDef *cpu, xmlNodePtr node)
{
    unsigned int bits;
    int rc;

    cpu->hasMaxPhysAddr = true;
    cpu->maxPhysAddrBits = -1;
    if (dxXMLPropEnum(node, "mode", &dxCPUMaxPhysAddrModeTable, DX_PROP_REQUIRED,
                      &cpu->maxPhysAddrMode) < 0)
        return -1;
    if ((rc = dxXMLPropUInt(node, "bits", 10, 0, &bits)) < 0)
        return -1;
    if (rc == 1) {
        /* x86 physical addresses are at most 52 bits wide */
        if (bits > 52) {
            dxErrorReport(DX_ERR_INVALID, node,
                          "invalid maxphysaddr bits %u: must be at most 52", bits);
            return -1;
        }
        cpu->maxPhysAddrBits = (int)bits;
    }
    if (cpu->maxPhysAddrMode == DX_CPU_MAXPHYSADDR_EMULATE && rc == 0) {
        dxErrorReport(DX_ERR_UNSUPPORTED, node,
                      "if using CPU maximum physical address mode='emulate', "
                      "bits= must be specified too");
        return -1;
    }
    if (cpu->maxPhysAddrMode == DX_CPU_MAXPHYSADDR_PASSTHROUGH && rc == 1) {
        dxErrorReport(DX_ERR_UNSUPPORTED, node,
                      "CPU maximum physical address bits number specification "
                      "cannot be used with mode='passthrough'");
        return -1;
    }
    return 0;
}

static int
dxCPUFeatureParse(dxDomainCPUDef *cpu, xmlNodePtr node)
{
    dxCPUFeature feat = { NULL, DX_CPU_FEATURE_REQUIRE };

    if (dxXMLPropEnum(node, "policy", &dxCPUFeaturePolicyTable, 0, &feat.policy) < 0 ||
        dxXMLPropStringRequired(node, "name", &feat.name) < 0)
        return -1;
    if (!*feat.name) {
        dxErrorReport(DX_ERR_INVALID, node, "CPU feature name must not be empty");
        free(feat.name);
        return -1;
    }
    if (dxDomainCPUFindFeature(cpu, feat.name)) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "CPU feature '%s' specified more than once", feat.name);
        free(feat.name);
        return -1;
    }
    DX_APPEND(cpu->features, cpu->nfeatures, feat);
    return 0;
}

static int
dxCPUChildParse(dxDomainDef *def, dxDomainCPUDef *cpu, xmlNodePtr child)
{
    if (dxXMLNameIs(child, "model") && !cpu->model && !cpu->vendorId)
        return dxCPUModelParse(cpu, child);
    if (dxXMLNameIs(child, "vendor") && !cpu->vendor) {
        cpu->vendor = dxXMLContent(child);
        return 0;
    }
    if (dxXMLNameIs(child, "topology") && !cpu->hasTopology)
        return dxCPUTopologyParse(cpu, child);
    if (dxXMLNameIs(child, "cache") && !cpu->hasCache)
        return dxCPUCacheParse(cpu, child);
    if (dxXMLNameIs(child, "maxphysaddr") && !cpu->hasMaxPhysAddr)
        return dxCPUMaxPhysAddrParse(cpu, child);
    if (dxXMLNameIs(child, "feature"))
        return dxCPUFeatureParse(cpu, child);
    if (dxXMLNameIs(child, "numa"))
        return dxDomainNumaCellsParse(def, child);
    return 1;   /* not ours: left unread and reported */
}

/* Rules that hold for the CPU on its own. */
static int
dxCPUCheckAlone(const dxDomainCPUDef *cpu, xmlNodePtr node)
{
    bool hostMode = cpu->mode == DX_CPU_MODE_HOST_PASSTHROUGH ||
                    cpu->mode == DX_CPU_MODE_MAXIMUM;

    if (cpu->migratable && !hostMode) {
        dxErrorReport(DX_ERR_UNSUPPORTED, node,
                      "attribute migratable is only allowed for 'host-passthrough' "
                      "/ 'maximum' CPU mode");
        return -1;
    }
    if (cpu->mode == DX_CPU_MODE_CUSTOM && !cpu->model) {
        if (cpu->vendor) {
            dxErrorReport(DX_ERR_INVALID, node, "CPU vendor specified without CPU model");
            return -1;
        }
        if (cpu->nfeatures) {
            dxErrorReport(DX_ERR_INVALID, node,
                          "Non-empty feature list specified without CPU model");
            return -1;
        }
    }
    return 0;
}

int
dxDomainCPUParse(dxDomainDef *def, xmlNodePtr node)
{
    dxDomainCPUDef *cpu = dxNew(dxDomainCPUDef);
    int failed = 0;

    def->cpu = cpu;
    dxSourceLocSet(&cpu->loc, node);
    cpu->cacheLevel = -1;
    cpu->maxPhysAddrBits = -1;
    if (dxXMLPropEnum(node, "mode", &dxCPUModeTable, 0, &cpu->mode) < 0 ||
        dxXMLPropEnum(node, "match", &dxCPUMatchTable, DX_PROP_NONZERO, &cpu->match) < 0 ||
        dxXMLPropEnum(node, "check", &dxCPUCheckTable, DX_PROP_NONZERO, &cpu->check) < 0 ||
        dxXMLPropTristateSwitch(node, "migratable", 0, &cpu->migratable) < 0)
        return -1;
    DX_XML_FOREACH_CHILD(node, child) {
        int rc;
        if (child->ns)
            continue;
        rc = dxCPUChildParse(def, cpu, child);
        if (rc == 1)
            continue;
        dxXMLMarkUsed(child);
        if (rc < 0)
            failed = 1;
    }
    if (failed)
        return -1;
    /* a named model without match= is an exact match */
    if (cpu->mode == DX_CPU_MODE_CUSTOM && cpu->model && !cpu->match)
        cpu->match = DX_CPU_MATCH_EXACT;
    return dxCPUCheckAlone(cpu, node);
}

/* ---- format ---------------------------------------------------------------- */

static void
dxCPUModelFormat(dxBuf *buf, const dxDomainCPUDef *cpu)
{
    if (cpu->mode != DX_CPU_MODE_CUSTOM && cpu->mode != DX_CPU_MODE_HOST_MODEL)
        return;
    if (!cpu->model && !cpu->vendorId)
        return;
    dxBufAddStr(buf, "<model");
    /* the fallback only means something for a named model */
    if (cpu->model)
        dxBufAttr(buf, "fallback", dxCPUFallbackTypeToString(cpu->fallback));
    dxBufAttr(buf, "vendor_id", cpu->vendorId);
    if (cpu->model) {
        dxBufAddChar(buf, '>');
        dxBufEscapeXML(buf, cpu->model);
        dxBufAddStr(buf, "</model>\n");
    } else {
        dxBufAddStr(buf, "/>\n");
    }
}

static void
dxCPUBodyFormat(dxBuf *buf, const dxDomainCPUDef *cpu)
{
    size_t i;

    dxCPUModelFormat(buf, cpu);
    if (cpu->mode == DX_CPU_MODE_CUSTOM)
        dxBufTextElement(buf, "vendor", cpu->vendor);
    if (cpu->hasTopology)
        dxBufAddf(buf, "<topology sockets='%u' dies='%u' cores='%u' threads='%u'/>\n",
                  cpu->sockets, cpu->dies, cpu->cores, cpu->threads);
    if (cpu->hasCache) {
        dxBufAddStr(buf, "<cache");
        if (cpu->cacheLevel >= 0)
            dxBufAddf(buf, " level='%d'", cpu->cacheLevel);
        dxBufAddf(buf, " mode='%s'/>\n", dxCPUCacheModeTypeToString(cpu->cacheMode));
    }
    if (cpu->hasMaxPhysAddr) {
        dxBufAddf(buf, "<maxphysaddr mode='%s'",
                  dxCPUMaxPhysAddrModeTypeToString(cpu->maxPhysAddrMode));
        if (cpu->maxPhysAddrBits >= 0)
            dxBufAddf(buf, " bits='%d'", cpu->maxPhysAddrBits);
        dxBufAddStr(buf, "/>\n");
    }
    for (i = 0; i < cpu->nfeatures; i++) {
        dxBufAddf(buf, "<feature policy='%s'",
                  dxCPUFeaturePolicyTypeToString(cpu->features[i].policy));
        dxBufAttr(buf, "name", cpu->features[i].name);
        dxBufAddStr(buf, "/>\n");
    }
}

void
dxDomainCPUFormat(dxBuf *buf, const dxDomainDef *def)
{
    const dxDomainCPUDef *cpu = def->cpu;
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);

    if (cpu) {
        /* a custom CPU without a model is only a container for topology
         * and NUMA cells: it has no mode of its own */
        if (cpu->mode != DX_CPU_MODE_CUSTOM || cpu->model)
            dxBufAttr(&attrs, "mode", dxCPUModeTypeToString(cpu->mode));
        if (cpu->mode == DX_CPU_MODE_CUSTOM && cpu->model && cpu->match)
            dxBufAttr(&attrs, "match", dxCPUMatchTypeToString(cpu->match));
        if (cpu->check)
            dxBufAttr(&attrs, "check", dxCPUCheckTypeToString(cpu->check));
        if (cpu->migratable)
            dxBufAttr(&attrs, "migratable", dxTristateSwitchTypeToString(cpu->migratable));
        dxCPUBodyFormat(&child, cpu);
    }
    dxDomainNumaCellsFormat(&child, def);
    if (cpu && dxBufIsEmpty(&attrs) && dxBufIsEmpty(&child)) {
        dxBufClear(&attrs);
        return;   /* an empty <cpu/> says nothing */
    }
    dxBufElement(buf, "cpu", &attrs, &child);
}

/* ---- checks ---------------------------------------------------------------- */

int
dxDomainCPUValidate(const dxDomainDef *def)
{
    const dxDomainCPUDef *cpu = def->cpu;

    if (!cpu)
        return 0;
    if (cpu->hasCache) {
        bool hostMode = cpu->mode == DX_CPU_MODE_HOST_PASSTHROUGH ||
                        cpu->mode == DX_CPU_MODE_MAXIMUM;
        if (cpu->cacheMode == DX_CPU_CACHE_EMULATE && cpu->cacheLevel != 3) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &cpu->loc,
                             "CPU cache mode 'emulate' can only be used with level='3'");
            return -1;
        }
        if (cpu->cacheMode == DX_CPU_CACHE_PASSTHROUGH && !hostMode) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &cpu->loc,
                             "CPU cache mode 'passthrough' can only be used with "
                             "'host-passthrough' / 'maximum' CPUs");
            return -1;
        }
    }
    return 0;
}
