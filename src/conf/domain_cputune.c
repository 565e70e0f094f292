/* domain_cputune.c: <cputune>: CFS shares and bandwidth, pinning,
 * real-time scheduling of vCPU/iothread/emulator threads, and resctrl
 * cache/memory-bandwidth allocations (<cachetune>, <memorytune>). */
#include "tune_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxunits.h"
#include "util/dxxml.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

DX_ENUM_IMPL(dxSchedPolicy, DX_SCHED_LAST, "none", "batch", "idle", "fifo", "rr");
DX_ENUM_IMPL(dxCachetuneType, DX_CACHETUNE_LAST, "both", "code", "data");

/* CFS limits the kernel accepts, in microseconds */
#define DX_CFS_PERIOD_MIN 1000LL
#define DX_CFS_PERIOD_MAX 1000000LL
#define DX_CFS_QUOTA_MIN 1000LL
#define DX_CFS_QUOTA_MAX 17592186044415LL
#define DX_CFS_SHARES_MAX 262144LL

/* Every scalar child of <cputune>, with where it lives and its range. */
typedef struct {
    const char *name;
    size_t offset;                   /* of the dxTuneValue in dxCputuneDef */
    long long min;
    long long max;
    bool negativeUnlimited;          /* any negative value means "no limit" */
} dxCputuneScalar;

#define DX_TUNE_FIELD(f) offsetof(dxCputuneDef, f)

static const dxCputuneScalar dxCputuneScalars[] = {
    { "shares", DX_TUNE_FIELD(shares), 0, DX_CFS_SHARES_MAX, false },
    { "period", DX_TUNE_FIELD(period), DX_CFS_PERIOD_MIN, DX_CFS_PERIOD_MAX, false },
    { "quota", DX_TUNE_FIELD(quota), DX_CFS_QUOTA_MIN, DX_CFS_QUOTA_MAX, true },
    { "global_period", DX_TUNE_FIELD(globalPeriod), DX_CFS_PERIOD_MIN, DX_CFS_PERIOD_MAX, false },
    { "global_quota", DX_TUNE_FIELD(globalQuota), DX_CFS_QUOTA_MIN, DX_CFS_QUOTA_MAX, true },
    { "emulator_period", DX_TUNE_FIELD(emulatorPeriod), DX_CFS_PERIOD_MIN, DX_CFS_PERIOD_MAX, false },
    { "emulator_quota", DX_TUNE_FIELD(emulatorQuota), DX_CFS_QUOTA_MIN, DX_CFS_QUOTA_MAX, true },
    { "iothread_period", DX_TUNE_FIELD(iothreadPeriod), DX_CFS_PERIOD_MIN, DX_CFS_PERIOD_MAX, false },
    { "iothread_quota", DX_TUNE_FIELD(iothreadQuota), DX_CFS_QUOTA_MIN, DX_CFS_QUOTA_MAX, true },
};

static dxTuneValue *
dxCputuneValue(dxCputuneDef *ct, const dxCputuneScalar *s)
{
    return (dxTuneValue *)((char *)ct + s->offset);
}

static int
dxCputuneScalarParse(dxCputuneDef *ct, const dxCputuneScalar *s, xmlNodePtr node)
{
    dxTuneValue *v = dxCputuneValue(ct, s);
    char *text = dxXMLContent(node);
    int rc = 0;

    if (dxStrToLongLong(text, 10, &v->value) < 0) {
        dxErrorReport(DX_ERR_INVALID, node, "invalid value '%s' for <%s>: expected an integer",
                      text, s->name);
        rc = -1;
    } else if (!(s->negativeUnlimited && v->value < 0) &&
               (v->value < s->min || v->value > s->max) && !(v->value == 0 && s->min > 0)) {
        dxErrorReport(DX_ERR_UNSUPPORTED, node,
                      "Value of cputune '%s' must be in range [%lld, %lld]",
                      s->name, s->min, s->max);
        rc = -1;
    } else {
        /* 0 periods and quotas mean "not set" */
        v->set = v->value != 0 || strcmp(s->name, "shares") == 0;
    }
    free(text);
    return rc;
}

static int
dxCpusetProp(xmlNodePtr node, const char *name, dxBitmap **out)
{
    char *str;

    if (dxXMLPropStringRequired(node, name, &str) < 0)
        return -1;
    *out = dxBitmapParse(str);
    if (!*out || dxBitmapIsEmpty(*out)) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "invalid value '%s' for attribute '%s' in <%s>: expected a "
                      "non-empty list such as '0-3,^2'", str, name, (const char *)node->name);
        dxBitmapFree(*out);
        *out = NULL;
        free(str);
        return -1;
    }
    free(str);
    return 0;
}

static int
dxThreadPinParse(dxThreadPin **pins, size_t *npins, xmlNodePtr node, const char *idAttr)
{
    dxThreadPin pin = { 0 };
    size_t i;

    if (dxXMLPropUInt(node, idAttr, 10, DX_PROP_REQUIRED, &pin.id) < 0 ||
        dxCpusetProp(node, "cpuset", &pin.cpuset) < 0)
        return -1;
    for (i = 0; i < *npins; i++) {
        if ((*pins)[i].id == pin.id) {
            dxErrorReport(DX_ERR_INVALID, node, "duplicate %s for %s '%u'",
                          (const char *)node->name, idAttr, pin.id);
            dxBitmapFree(pin.cpuset);
            return -1;
        }
    }
    DX_APPEND(*pins, *npins, pin);
    return 0;
}

static int
dxSchedParse(xmlNodePtr node, dxThreadSched *sched)
{
    if (dxXMLPropEnum(node, "scheduler", &dxSchedPolicyTable,
                      DX_PROP_REQUIRED | DX_PROP_NONZERO, &sched->policy) < 0)
        return -1;
    sched->priority = 0;
    /* only the real-time policies have a priority */
    if (sched->policy == DX_SCHED_FIFO || sched->policy == DX_SCHED_RR)
        return dxXMLPropInt(node, "priority", 10, DX_PROP_REQUIRED, &sched->priority) < 0 ? -1 : 0;
    dxXMLMarkUsed(node);
    if (dxXMLHasProp(node, "priority"))
        free(dxXMLPropString(node, "priority"));
    return 0;
}

/* <vcpusched vcpus='0-1'> and <iothreadsched iothreads='1,3'> are kept
 * per thread, which is how libvirt formats them back. */
static int
dxThreadSchedsParse(dxThreadSched **scheds, size_t *nscheds, xmlNodePtr node,
                    const char *idsAttr)
{
    dxThreadSched sched = { 0 };
    dxBitmap *ids = NULL;
    long bit = -1;
    size_t i;

    if (dxCpusetProp(node, idsAttr, &ids) < 0 || dxSchedParse(node, &sched) < 0) {
        dxBitmapFree(ids);
        return -1;
    }
    while ((bit = dxBitmapNext(ids, bit)) >= 0) {
        for (i = 0; i < *nscheds; i++) {
            if ((*scheds)[i].id == (unsigned int)bit) {
                dxErrorReport(DX_ERR_INVALID, node,
                              "'%s' attributes '%s' must not overlap",
                              (const char *)node->name, idsAttr);
                dxBitmapFree(ids);
                return -1;
            }
        }
        sched.id = (unsigned int)bit;
        DX_APPEND(*scheds, *nscheds, sched);
    }
    dxBitmapFree(ids);
    return 0;
}

static int
dxCachetuneCacheParse(dxCachetune *ct, xmlNodePtr node)
{
    dxCachetuneCache c = { 0 };
    unsigned long long size;
    const char *why = NULL;
    char *unit;

    if (dxXMLPropUInt(node, "id", 10, DX_PROP_REQUIRED, &c.id) < 0 ||
        dxXMLPropUInt(node, "level", 10, DX_PROP_REQUIRED, &c.level) < 0 ||
        dxXMLPropEnum(node, "type", &dxCachetuneTypeTable, DX_PROP_REQUIRED, &c.type) < 0 ||
        dxXMLPropULongLong(node, "size", 10, DX_PROP_REQUIRED, &size) < 0)
        return -1;
    unit = dxXMLPropString(node, "unit");
    if (dxScaleInteger(&size, unit, 1024, ULLONG_MAX, &why) < 0) {
        dxErrorReport(DX_ERR_INVALID, node, "invalid cache size: %s", why);
        free(unit);
        return -1;
    }
    free(unit);
    c.bytes = size;
    DX_APPEND(ct->caches, ct->ncaches, c);
    return 0;
}

static int
dxMonitorParse(dxCachetuneMonitor **mons, size_t *nmons, xmlNodePtr node, bool needLevel)
{
    dxCachetuneMonitor m = { 0 };

    if (needLevel && dxXMLPropUInt(node, "level", 10, DX_PROP_REQUIRED, &m.level) < 0)
        return -1;
    if (!needLevel && dxXMLPropUInt(node, "level", 10, 0, &m.level) < 0)
        return -1;
    if (dxCpusetProp(node, "vcpus", &m.vcpus) < 0)
        return -1;
    DX_APPEND(*mons, *nmons, m);
    return 0;
}

static int
dxCachetuneParse(dxCputuneDef *tune, xmlNodePtr node)
{
    dxCachetune ct = { 0 };
    int rc = 0;

    if (dxCpusetProp(node, "vcpus", &ct.vcpus) < 0)
        return -1;
    ct.id = dxXMLPropString(node, "id");
    DX_XML_FOREACH_CHILD(node, child) {
        if (child->ns)
            continue;
        if (dxXMLNameIs(child, "cache"))
            rc = dxCachetuneCacheParse(&ct, child);
        else if (dxXMLNameIs(child, "monitor"))
            rc = dxMonitorParse(&ct.monitors, &ct.nmonitors, child, true);
        else
            continue;
        dxXMLMarkUsed(child);
        if (rc < 0)
            break;
    }
    DX_APPEND(tune->cachetunes, tune->ncachetunes, ct);
    return rc;
}

static int
dxMemorytuneParse(dxCputuneDef *tune, xmlNodePtr node)
{
    dxMemorytune mt = { 0 };
    int rc = 0;

    if (dxCpusetProp(node, "vcpus", &mt.vcpus) < 0)
        return -1;
    mt.id = dxXMLPropString(node, "id");
    DX_XML_FOREACH_CHILD(node, child) {
        if (child->ns)
            continue;
        if (dxXMLNameIs(child, "node")) {
            dxMemorytuneNode n = { 0 };
            rc = dxXMLPropUInt(child, "id", 10, DX_PROP_REQUIRED, &n.id) < 0 ||
                 dxXMLPropUInt(child, "bandwidth", 10, DX_PROP_REQUIRED, &n.bandwidth) < 0 ? -1 : 0;
            if (rc == 0)
                DX_APPEND(mt.nodes, mt.nnodes, n);
        } else if (dxXMLNameIs(child, "monitor")) {
            rc = dxMonitorParse(&mt.monitors, &mt.nmonitors, child, false);
        } else {
            continue;
        }
        dxXMLMarkUsed(child);
        if (rc < 0)
            break;
    }
    DX_APPEND(tune->memorytunes, tune->nmemorytunes, mt);
    return rc;
}

static int
dxCputuneChildParse(dxCputuneDef *ct, xmlNodePtr child)
{
    size_t i;

    for (i = 0; i < DX_ARRAY_CARDINALITY(dxCputuneScalars); i++) {
        if (dxXMLNameIs(child, dxCputuneScalars[i].name)) {
            if (dxCputuneValue(ct, &dxCputuneScalars[i])->set)
                return 1;
            return dxCputuneScalarParse(ct, &dxCputuneScalars[i], child);
        }
    }
    if (dxXMLNameIs(child, "vcpupin"))
        return dxThreadPinParse(&ct->vcpupins, &ct->nvcpupins, child, "vcpu");
    if (dxXMLNameIs(child, "iothreadpin"))
        return dxThreadPinParse(&ct->iothreadpins, &ct->niothreadpins, child, "iothread");
    if (dxXMLNameIs(child, "emulatorpin") && !ct->emulatorpin)
        return dxCpusetProp(child, "cpuset", &ct->emulatorpin);
    if (dxXMLNameIs(child, "emulatorsched") && !ct->hasEmulatorSched) {
        ct->hasEmulatorSched = true;
        return dxSchedParse(child, &ct->emulatorSched);
    }
    if (dxXMLNameIs(child, "vcpusched"))
        return dxThreadSchedsParse(&ct->vcpuScheds, &ct->nvcpuScheds, child, "vcpus");
    if (dxXMLNameIs(child, "iothreadsched"))
        return dxThreadSchedsParse(&ct->iothreadScheds, &ct->niothreadScheds, child, "iothreads");
    if (dxXMLNameIs(child, "cachetune"))
        return dxCachetuneParse(ct, child);
    if (dxXMLNameIs(child, "memorytune"))
        return dxMemorytuneParse(ct, child);
    return 1;
}

static int
dxThreadPinCompare(const void *a, const void *b)
{
    const dxThreadPin *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id;
}

static int
dxThreadSchedCompare(const void *a, const void *b)
{
    const dxThreadSched *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id;
}

int
dxDomainCputuneParse(dxDomainDef *def, xmlNodePtr node)
{
    dxDomainTuneDef *tune = dxDomainTune(def);
    dxCputuneDef *ct = &tune->cputune;
    int failed = 0;

    tune->hasCputune = true;
    dxSourceLocSet(&tune->loc, node);
    DX_XML_FOREACH_CHILD(node, child) {
        int rc;
        if (child->ns)
            continue;
        rc = dxCputuneChildParse(ct, child);
        if (rc == 1)
            continue;
        dxXMLMarkUsed(child);
        if (rc < 0)
            failed = 1;
    }
    /* qsort(NULL, 0) is undefined behaviour: sort only what exists */
    if (ct->nvcpupins)
        qsort(ct->vcpupins, ct->nvcpupins, sizeof(*ct->vcpupins), dxThreadPinCompare);
    if (ct->niothreadpins)
        qsort(ct->iothreadpins, ct->niothreadpins, sizeof(*ct->iothreadpins),
              dxThreadPinCompare);
    if (ct->nvcpuScheds)
        qsort(ct->vcpuScheds, ct->nvcpuScheds, sizeof(*ct->vcpuScheds), dxThreadSchedCompare);
    if (ct->niothreadScheds)
        qsort(ct->iothreadScheds, ct->niothreadScheds, sizeof(*ct->iothreadScheds),
              dxThreadSchedCompare);
    return failed ? -1 : 0;
}

/* ---- checks ---------------------------------------------------------------- */

int
dxDomainCputuneValidate(const dxDomainDef *def)
{
    const dxCputuneDef *ct;
    size_t i;

    if (!def->tune || !def->tune->hasCputune)
        return 0;
    ct = &def->tune->cputune;
    for (i = 0; i < ct->nvcpuScheds; i++) {
        if (ct->vcpuScheds[i].id >= def->vcpu.max) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &def->tune->loc,
                             "vCPU '%u' is not present in domain definition",
                             ct->vcpuScheds[i].id);
            return -1;
        }
    }
    for (i = 0; i < ct->niothreadScheds; i++) {
        if (!dxDomainIOThreadFind(def, ct->iothreadScheds[i].id)) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &def->tune->loc,
                             "Cannot find 'iothread' : %u", ct->iothreadScheds[i].id);
            return -1;
        }
    }
    for (i = 0; i < ct->niothreadpins; i++) {
        if (!dxDomainIOThreadFind(def, ct->iothreadpins[i].id)) {
            dxErrorReportLoc(DX_ERR_INVALID, &def->tune->loc,
                             "Cannot find 'iothread' : %u", ct->iothreadpins[i].id);
            return -1;
        }
    }
    return 0;
}

/* ---- format ---------------------------------------------------------------- */

static void
dxBitmapAttr(dxBuf *buf, const char *name, const dxBitmap *map)
{
    char *str = dxBitmapFormat(map);
    dxBufAttr(buf, name, str);
    free(str);
}

static void
dxSchedFormat(dxBuf *buf, const char *elem, const char *idsAttr, const dxThreadSched *s)
{
    dxBufAddf(buf, "<%s", elem);
    if (idsAttr)
        dxBufAddf(buf, " %s='%u'", idsAttr, s->id);
    dxBufAddf(buf, " scheduler='%s'", dxSchedPolicyTypeToString(s->policy));
    if (s->policy == DX_SCHED_FIFO || s->policy == DX_SCHED_RR)
        dxBufAddf(buf, " priority='%d'", s->priority);
    dxBufAddStr(buf, "/>\n");
}

/* The size in the largest binary unit that divides it exactly. */
static void
dxCacheSizeFormat(dxBuf *buf, unsigned long long bytes)
{
    static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
    size_t u = 0;
    while (bytes && bytes % 1024 == 0 && u + 1 < DX_ARRAY_CARDINALITY(units)) {
        bytes /= 1024;
        u++;
    }
    dxBufAddf(buf, " size='%llu' unit='%s'", bytes, units[u]);
}

static void
dxMonitorsFormat(dxBuf *buf, const dxCachetuneMonitor *mons, size_t n, bool withLevel)
{
    size_t i;
    for (i = 0; i < n; i++) {
        dxBufAddStr(buf, "<monitor");
        if (withLevel)
            dxBufAddf(buf, " level='%u'", mons[i].level);
        dxBitmapAttr(buf, "vcpus", mons[i].vcpus);
        dxBufAddStr(buf, "/>\n");
    }
}

static void
dxCachetuneFormat(dxBuf *buf, const dxCachetune *ct)
{
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    size_t i;

    dxBitmapAttr(&attrs, "vcpus", ct->vcpus);
    dxBufAttr(&attrs, "id", ct->id);
    for (i = 0; i < ct->ncaches; i++) {
        const dxCachetuneCache *c = &ct->caches[i];
        dxBufAddf(&child, "<cache id='%u' level='%u' type='%s'", c->id, c->level,
                  dxCachetuneTypeTypeToString(c->type));
        dxCacheSizeFormat(&child, c->bytes);
        dxBufAddStr(&child, "/>\n");
    }
    dxMonitorsFormat(&child, ct->monitors, ct->nmonitors, true);
    dxBufElement(buf, "cachetune", &attrs, &child);
}

static void
dxMemorytuneFormat(dxBuf *buf, const dxMemorytune *mt)
{
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    size_t i;

    dxBitmapAttr(&attrs, "vcpus", mt->vcpus);
    dxBufAttr(&attrs, "id", mt->id);
    for (i = 0; i < mt->nnodes; i++)
        dxBufAddf(&child, "<node id='%u' bandwidth='%u'/>\n",
                  mt->nodes[i].id, mt->nodes[i].bandwidth);
    dxMonitorsFormat(&child, mt->monitors, mt->nmonitors, false);
    dxBufElement(buf, "memorytune", &attrs, &child);
}

static void
dxCputuneScalarsFormat(dxBuf *buf, const dxCputuneDef *ct)
{
    size_t i;
    for (i = 0; i < DX_ARRAY_CARDINALITY(dxCputuneScalars); i++) {
        const dxTuneValue *v = dxCputuneValue((dxCputuneDef *)ct, &dxCputuneScalars[i]);
        if (v->set)
            dxBufAddf(buf, "<%s>%lld</%s>\n", dxCputuneScalars[i].name, v->value,
                      dxCputuneScalars[i].name);
    }
}

void
dxDomainCputuneFormat(dxBuf *buf, const dxDomainDef *def)
{
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    const dxCputuneDef *ct;
    size_t i;

    if (!def->tune || !def->tune->hasCputune)
        return;
    ct = &def->tune->cputune;
    dxCputuneScalarsFormat(&child, ct);
    for (i = 0; i < ct->nvcpupins; i++) {
        /* pins of vCPUs the domain does not have are dropped */
        if (ct->vcpupins[i].id >= def->vcpu.max)
            continue;
        dxBufAddf(&child, "<vcpupin vcpu='%u'", ct->vcpupins[i].id);
        dxBitmapAttr(&child, "cpuset", ct->vcpupins[i].cpuset);
        dxBufAddStr(&child, "/>\n");
    }
    if (ct->emulatorpin) {
        dxBufAddStr(&child, "<emulatorpin");
        dxBitmapAttr(&child, "cpuset", ct->emulatorpin);
        dxBufAddStr(&child, "/>\n");
    }
    for (i = 0; i < ct->niothreadpins; i++) {
        dxBufAddf(&child, "<iothreadpin iothread='%u'", ct->iothreadpins[i].id);
        dxBitmapAttr(&child, "cpuset", ct->iothreadpins[i].cpuset);
        dxBufAddStr(&child, "/>\n");
    }
    if (ct->hasEmulatorSched)
        dxSchedFormat(&child, "emulatorsched", NULL, &ct->emulatorSched);
    for (i = 0; i < ct->nvcpuScheds; i++)
        dxSchedFormat(&child, "vcpusched", "vcpus", &ct->vcpuScheds[i]);
    for (i = 0; i < ct->niothreadScheds; i++)
        dxSchedFormat(&child, "iothreadsched", "iothreads", &ct->iothreadScheds[i]);
    for (i = 0; i < ct->ncachetunes; i++)
        dxCachetuneFormat(&child, &ct->cachetunes[i]);
    for (i = 0; i < ct->nmemorytunes; i++)
        dxMemorytuneFormat(&child, &ct->memorytunes[i]);
    dxBufElement(buf, "cputune", NULL, &child);
}
