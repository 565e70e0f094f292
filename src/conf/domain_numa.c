/* domain_numa.c: <cpu><numa> (guest NUMA cells) and <numatune>. */
#include "memory_conf.h"
#include "numa_conf.h"
#include "tune_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxunits.h"
#include "util/dxxml.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

DX_ENUM_IMPL(dxNumaMemAccess, DX_NUMA_MEM_ACCESS_LAST, "", "shared", "private");
DX_ENUM_IMPL(dxNumaCacheAssociativity, DX_NUMA_CACHE_ASSOC_LAST, "none", "direct", "full");
DX_ENUM_IMPL(dxNumaCachePolicy, DX_NUMA_CACHE_POLICY_LAST, "none", "writeback", "writethrough");
DX_ENUM_IMPL(dxNumaInterconnectType, DX_NUMA_INTERCONNECT_LAST, "latency", "bandwidth");
DX_ENUM_IMPL(dxNumaAccessType, DX_NUMA_ACCESS_LAST, "access", "read", "write");
DX_ENUM_IMPL(dxNumatuneMode, DX_NUMATUNE_MODE_LAST,
             "strict", "preferred", "interleave", "restrictive");
DX_ENUM_IMPL(dxNumatunePlacement, DX_NUMATUNE_PLACEMENT_LAST, "", "static", "auto");

/* ACPI SLIT: 10 is the local distance, 20 what QEMU assumes otherwise,
 * and a distance is one byte */
#define DX_NUMA_DISTANCE_LOCAL 10
#define DX_NUMA_DISTANCE_REMOTE 20
#define DX_NUMA_DISTANCE_MAX 255

static dxDomainNumaDef *
dxDomainNuma(dxDomainDef *def)
{
    if (!def->numa)
        def->numa = dxNew(dxDomainNumaDef);
    return def->numa;
}

static void
dxNumaCellClear(dxNumaCell *cell)
{
    dxBitmapFree(cell->cpus);
    free(cell->distances);
    free(cell->caches);
}

void
dxDomainNumaDefFree(dxDomainNumaDef *numa)
{
    size_t i;
    if (!numa)
        return;
    dxSourceLocClear(&numa->loc);
    dxSourceLocClear(&numa->tuneLoc);
    for (i = 0; i < numa->ncells; i++)
        dxNumaCellClear(&numa->cells[i]);
    free(numa->cells);
    free(numa->interconnects);
    dxBitmapFree(numa->nodeset);
    for (i = 0; i < numa->nmemnodes; i++)
        dxBitmapFree(numa->memnodes[i].nodeset);
    free(numa->memnodes);
    free(numa);
}

size_t
dxDomainNumaCellCount(const dxDomainDef *def)
{
    return def->numa ? def->numa->ncells : 0;
}

bool
dxDomainGuestMemoryIsShared(const dxDomainDef *def)
{
    int access = def->memoryBacking ? (int)def->memoryBacking->access : DX_MEMORY_ACCESS_DEFAULT;
    size_t i, ncells = dxDomainNumaCellCount(def);

    if (ncells == 0)
        return access == DX_MEMORY_ACCESS_SHARED;
    for (i = 0; i < ncells; i++) {
        int cell = def->numa->cells[i].memAccess;
        if (cell == DX_NUMA_MEM_ACCESS_PRIVATE ||
            (cell == DX_NUMA_MEM_ACCESS_DEFAULT && access != DX_MEMORY_ACCESS_SHARED))
            return false;
    }
    return true;
}

unsigned long long
dxDomainNumaTotalMemory(const dxDomainDef *def)
{
    unsigned long long total = 0;
    size_t i;
    for (i = 0; i < dxDomainNumaCellCount(def); i++)
        total += def->numa->cells[i].memKiB;
    return total;
}

/* ---- parsing helpers ---------------------------------------------------- */

static int
dxNumaBitmapProp(xmlNodePtr node, const char *name, bool required, dxBitmap **out)
{
    char *str = dxXMLPropString(node, name);

    if (!str) {
        if (!required)
            return 0;
        dxErrorReport(DX_ERR_INVALID, node,
                      "missing required attribute '%s' in element '%s'",
                      name, (const char *)node->name);
        return -1;
    }
    *out = dxBitmapParse(str);
    if (!*out || dxBitmapIsEmpty(*out)) {
        dxErrorReport(DX_ERR_UNSUPPORTED, node,
                      "Invalid value of '%s': %s (expected a non-empty list such as '0-3,^2')",
                      name, str);
        dxBitmapFree(*out);
        *out = NULL;
        free(str);
        return -1;
    }
    free(str);
    return 1;
}

/* value='N' unit='U' with a memory unit, scaled to KiB (DEFAULT_SCALE is
 * the multiplier of a missing unit). */
static int
dxNumaScaledProp(xmlNodePtr node, unsigned long long defaultScale,
                 unsigned long long divisor, unsigned long long *out)
{
    unsigned long long v;
    char *unit;
    const char *why = NULL;

    if (dxXMLPropULongLong(node, "value", 10, DX_PROP_REQUIRED, &v) < 0)
        return -1;
    unit = dxXMLPropString(node, "unit");
    if (dxScaleInteger(&v, unit, defaultScale, ULLONG_MAX, &why) < 0) {
        dxErrorReport(DX_ERR_INVALID, node, "invalid value in <%s>: %s",
                      (const char *)node->name, why);
        free(unit);
        return -1;
    }
    free(unit);
    *out = v / divisor;
    return 0;
}

/* ---- <cell> ------------------------------------------------------------- */

static int
dxNumaDistancesParse(dxNumaCell *cell, xmlNodePtr node)
{
    DX_XML_FOREACH_CHILD(node, sib) {
        dxNumaDistance d;
        size_t i;
        if (!dxXMLNameIs(sib, "sibling") || sib->ns)
            continue;
        dxXMLMarkUsed(sib);
        if (dxXMLPropUInt(sib, "id", 10, DX_PROP_REQUIRED, &d.id) < 0 ||
            dxXMLPropUInt(sib, "value", 10, DX_PROP_REQUIRED, &d.value) < 0)
            return -1;
        if (d.value < DX_NUMA_DISTANCE_LOCAL || d.value > DX_NUMA_DISTANCE_MAX) {
            dxErrorReport(DX_ERR_INVALID, sib,
                          "'value' %u is invalid for 'sibling' id '%u': must be "
                          "in range [%d, %d]", d.value, d.id,
                          DX_NUMA_DISTANCE_LOCAL, DX_NUMA_DISTANCE_MAX);
            return -1;
        }
        for (i = 0; i < cell->ndistances; i++) {
            if (cell->distances[i].id == d.id) {
                dxErrorReport(DX_ERR_INVALID, sib,
                              "duplicate 'sibling' id '%u'", d.id);
                return -1;
            }
        }
        DX_APPEND(cell->distances, cell->ndistances, d);
    }
    return 0;
}

static int
dxNumaCacheParse(dxNumaCell *cell, xmlNodePtr node)
{
    dxNumaCache c = { 0 };
    xmlNodePtr size, line;

    if (dxXMLPropUInt(node, "level", 10, DX_PROP_REQUIRED | DX_PROP_NONZERO, &c.level) < 0 ||
        dxXMLPropEnum(node, "associativity", &dxNumaCacheAssociativityTable,
                      DX_PROP_REQUIRED, &c.associativity) < 0 ||
        dxXMLPropEnum(node, "policy", &dxNumaCachePolicyTable,
                      DX_PROP_REQUIRED, &c.policy) < 0)
        return -1;
    size = dxXMLChild(node, "size");
    line = dxXMLChild(node, "line");
    if (!size || !line) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "NUMA cache needs both <size> and <line>");
        return -1;
    }
    /* libvirt 9.0 keeps the size number as given and prints it as KiB,
     * whatever unit it came with; the argv follows that number */
    if (dxXMLPropULongLong(size, "value", 10, DX_PROP_REQUIRED, &c.size) < 0)
        return -1;
    free(dxXMLPropString(size, "unit"));
    if (dxNumaScaledProp(line, 1, 1, &c.line) < 0)
        return -1;
    DX_APPEND(cell->caches, cell->ncaches, c);
    return 0;
}

static int
dxNumaCellParse(dxDomainNumaDef *numa, xmlNodePtr node, size_t pos)
{
    dxNumaCell cell = { 0 };
    int rc;

    cell.id = (unsigned int)pos;
    if (dxXMLPropUInt(node, "id", 10, 0, &cell.id) < 0 ||
        dxNumaBitmapProp(node, "cpus", false, &cell.cpus) < 0 ||
        dxXMLPropEnum(node, "memAccess", &dxNumaMemAccessTable, DX_PROP_NONZERO,
                      &cell.memAccess) < 0 ||
        dxXMLPropTristateBool(node, "discard", 0, &cell.discard) < 0)
        goto error;
    if (!dxXMLHasProp(node, "memory")) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "missing 'memory' attribute in NUMA cell");
        goto error;
    } else {
        char *mem = dxXMLPropString(node, "memory");
        char *unit = dxXMLPropString(node, "unit");
        const char *why = NULL;
        unsigned long long v;
        rc = dxStrToULongLong(mem, 10, &v);
        if (rc == 0)
            rc = dxScaleInteger(&v, unit, 1024, (unsigned long long)LLONG_MAX, &why);
        if (rc < 0)
            dxErrorReport(DX_ERR_INVALID, node, "invalid NUMA cell memory '%s'%s%s",
                          mem, why ? ": " : "", why ? why : "");
        cell.memKiB = v / 1024 + (v % 1024 != 0);
        free(mem);
        free(unit);
        if (rc < 0)
            goto error;
    }
    DX_XML_FOREACH_CHILD(node, child) {
        if (child->ns)
            continue;
        if (dxXMLNameIs(child, "distances") && cell.ndistances == 0)
            rc = dxNumaDistancesParse(&cell, child);
        else if (dxXMLNameIs(child, "cache"))
            rc = dxNumaCacheParse(&cell, child);
        else
            continue;
        dxXMLMarkUsed(child);
        if (rc < 0)
            goto error;
    }
    DX_APPEND(numa->cells, numa->ncells, cell);
    return 0;

 error:
    dxNumaCellClear(&cell);
    return -1;
}

static int
dxNumaInterconnectParse(dxDomainNumaDef *numa, xmlNodePtr node, int type)
{
    dxNumaInterconnect l = { .type = type };

    if (dxXMLPropUInt(node, "initiator", 10, DX_PROP_REQUIRED, &l.initiator) < 0 ||
        dxXMLPropUInt(node, "target", 10, DX_PROP_REQUIRED, &l.target) < 0 ||
        dxXMLPropUInt(node, "cache", 10, 0, &l.cache) < 0 ||
        dxXMLPropEnum(node, "type", &dxNumaAccessTypeTable, DX_PROP_REQUIRED, &l.access) < 0)
        return -1;
    if (type == DX_NUMA_INTERCONNECT_LATENCY) {
        if (dxXMLPropULongLong(node, "value", 10, DX_PROP_REQUIRED, &l.value) < 0)
            return -1;
    } else if (dxNumaScaledProp(node, 1024, 1024, &l.value) < 0) {
        return -1;
    }
    DX_APPEND(numa->interconnects, numa->ninterconnects, l);
    return 0;
}

static int
dxNumaInterconnectsParse(dxDomainNumaDef *numa, xmlNodePtr node)
{
    DX_XML_FOREACH_CHILD(node, child) {
        int type;
        if (child->ns)
            continue;
        type = dxNumaInterconnectTypeTypeFromString((const char *)child->name);
        if (type < 0)
            continue;
        dxXMLMarkUsed(child);
        if (dxNumaInterconnectParse(numa, child, type) < 0)
            return -1;
    }
    return 0;
}

static int
dxNumaCellCompare(const void *a, const void *b)
{
    const dxNumaCell *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id;
}

/* Cell ids must be exactly 0..N-1, once each; they are kept sorted. */
static int
dxNumaCellsCheckIds(dxDomainNumaDef *numa, xmlNodePtr node)
{
    size_t i;
    qsort(numa->cells, numa->ncells, sizeof(*numa->cells), dxNumaCellCompare);
    for (i = 0; i < numa->ncells; i++) {
        if (numa->cells[i].id != i) {
            dxErrorReport(DX_ERR_INVALID, node,
                          "Exactly one 'cell' element per guest NUMA cell allowed, "
                          "non-contiguous ranges or ranges not starting from 0 are "
                          "not allowed");
            return -1;
        }
    }
    return 0;
}

int
dxDomainNumaCellsParse(dxDomainDef *def, xmlNodePtr node)
{
    dxDomainNumaDef *numa = dxDomainNuma(def);
    size_t pos = 0;

    if (numa->ncells) {
        dxErrorReport(DX_ERR_INVALID, node, "only one <numa> element is allowed in <cpu>");
        return -1;
    }
    dxSourceLocSet(&numa->loc, node);
    DX_XML_FOREACH_CHILD(node, child) {
        int rc;
        if (child->ns)
            continue;
        if (dxXMLNameIs(child, "cell"))
            rc = dxNumaCellParse(numa, child, pos++);
        else if (dxXMLNameIs(child, "interconnects") && numa->ninterconnects == 0)
            rc = dxNumaInterconnectsParse(numa, child);
        else
            continue;
        dxXMLMarkUsed(child);
        if (rc < 0)
            return -1;
    }
    if (numa->ncells == 0) {
        dxErrorReport(DX_ERR_INVALID, node, "<numa> needs at least one <cell>");
        return -1;
    }
    return dxNumaCellsCheckIds(numa, node);
}

/* ---- <numatune> --------------------------------------------------------- */

static int
dxNumatuneMemoryParse(dxDomainNumaDef *numa, xmlNodePtr node)
{
    numa->hasMemory = true;
    if (dxXMLPropEnum(node, "mode", &dxNumatuneModeTable, 0, &numa->memoryMode) < 0 ||
        dxXMLPropEnum(node, "placement", &dxNumatunePlacementTable, DX_PROP_NONZERO,
                      &numa->placement) < 0 ||
        dxNumaBitmapProp(node, "nodeset", false, &numa->nodeset) < 0)
        return -1;
    return 0;
}

static int
dxNumatuneMemnodeParse(dxDomainNumaDef *numa, xmlNodePtr node)
{
    dxNumatuneMemnode m = { 0 };
    size_t i;

    if (dxXMLPropUInt(node, "cellid", 10, DX_PROP_REQUIRED, &m.cellid) < 0 ||
        dxXMLPropEnum(node, "mode", &dxNumatuneModeTable, 0, &m.mode) < 0 ||
        dxNumaBitmapProp(node, "nodeset", true, &m.nodeset) < 0)
        return -1;
    for (i = 0; i < numa->nmemnodes; i++) {
        if (numa->memnodes[i].cellid == m.cellid) {
            dxErrorReport(DX_ERR_INVALID, node,
                          "Multiple memnode elements with cellid %u", m.cellid);
            dxBitmapFree(m.nodeset);
            return -1;
        }
    }
    DX_APPEND(numa->memnodes, numa->nmemnodes, m);
    return 0;
}

static int
dxNumatuneMemnodeCompare(const void *a, const void *b)
{
    const dxNumatuneMemnode *x = a, *y = b;
    return x->cellid < y->cellid ? -1 : x->cellid > y->cellid;
}

int
dxDomainNumatuneParse(dxDomainDef *def, xmlNodePtr node)
{
    dxDomainNumaDef *numa = dxDomainNuma(def);

    numa->hasNumatune = true;
    dxSourceLocSet(&numa->tuneLoc, node);
    DX_XML_FOREACH_CHILD(node, child) {
        int rc;
        if (child->ns)
            continue;
        if (dxXMLNameIs(child, "memory") && !numa->hasMemory)
            rc = dxNumatuneMemoryParse(numa, child);
        else if (dxXMLNameIs(child, "memnode"))
            rc = dxNumatuneMemnodeParse(numa, child);
        else
            continue;
        dxXMLMarkUsed(child);
        if (rc < 0)
            return -1;
    }
    if (numa->nmemnodes)    /* qsort(NULL, 0) is undefined behaviour */
        qsort(numa->memnodes, numa->nmemnodes, sizeof(*numa->memnodes),
              dxNumatuneMemnodeCompare);
    return 0;
}

/* ---- post-parse -------------------------------------------------------- */

static dxNumaDistance *
dxNumaFindDistance(dxNumaCell *cell, unsigned int id)
{
    size_t i;
    for (i = 0; i < cell->ndistances; i++) {
        if (cell->distances[i].id == id)
            return &cell->distances[i];
    }
    return NULL;
}

static int
dxNumaDistanceCompare(const void *a, const void *b)
{
    const dxNumaDistance *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id;
}

bool
dxDomainNumaHasDistances(const dxDomainNumaDef *numa)
{
    size_t i;
    for (i = 0; numa && i < numa->ncells; i++) {
        if (numa->cells[i].ndistances)
            return true;
    }
    return false;
}

/* Once any distance is given, the matrix is completed the way the guest
 * sees it: local distances are 10 and a distance read one way holds the
 * other way too. */
static void
dxNumaDistancesComplete(dxDomainNumaDef *numa)
{
    size_t i, j;

    if (!dxDomainNumaHasDistances(numa))
        return;
    for (i = 0; i < numa->ncells; i++) {
        dxNumaCell *a = &numa->cells[i];
        if (!dxNumaFindDistance(a, a->id)) {
            dxNumaDistance d = { a->id, DX_NUMA_DISTANCE_LOCAL };
            DX_APPEND(a->distances, a->ndistances, d);
        }
        for (j = 0; j < numa->ncells; j++) {
            dxNumaCell *b = &numa->cells[j];
            dxNumaDistance *ab = dxNumaFindDistance(a, b->id);
            if (ab && !dxNumaFindDistance(b, a->id)) {
                dxNumaDistance d = { a->id, ab->value };
                DX_APPEND(b->distances, b->ndistances, d);
            }
        }
    }
    for (i = 0; i < numa->ncells; i++) {
        if (numa->cells[i].ndistances)
            qsort(numa->cells[i].distances, numa->cells[i].ndistances,
                  sizeof(dxNumaDistance), dxNumaDistanceCompare);
    }
}

static bool
dxDomainHasPinning(const dxDomainDef *def)
{
    const dxCputuneDef *ct = def->tune ? &def->tune->cputune : NULL;
    return def->vcpu.cpuset ||
           (ct && (ct->nvcpupins || ct->emulatorpin || ct->niothreadpins));
}

int
dxDomainNumaPostParse(dxDomainDef *def)
{
    dxDomainNumaDef *numa = def->numa;

    /* vCPUs placed by numad imply memory placed by numad */
    if ((!numa || !numa->hasNumatune) &&
        def->vcpu.placement == DX_DOMAIN_CPU_PLACEMENT_AUTO) {
        numa = dxDomainNuma(def);
        numa->hasNumatune = true;
        numa->hasMemory = true;
        numa->memoryMode = DX_NUMATUNE_MODE_STRICT;
        numa->placement = DX_NUMATUNE_PLACEMENT_AUTO;
    }
    if (!numa)
        return 0;
    dxNumaDistancesComplete(numa);
    if (numa->hasMemory && !numa->placement) {
        if (numa->nodeset)
            numa->placement = DX_NUMATUNE_PLACEMENT_STATIC;
        else if (def->vcpu.placement == DX_DOMAIN_CPU_PLACEMENT_AUTO)
            numa->placement = DX_NUMATUNE_PLACEMENT_AUTO;
        else
            numa->placement = DX_NUMATUNE_PLACEMENT_STATIC;
    }
    /* automatic memory placement places the vCPUs automatically too,
     * unless some thread is pinned by hand */
    if (numa->placement == DX_NUMATUNE_PLACEMENT_AUTO && !dxDomainHasPinning(def))
        def->vcpu.placement = DX_DOMAIN_CPU_PLACEMENT_AUTO;
    return 0;
}

/* ---- checks -------------------------------------------------------------- */

static int
dxNumaValidateCells(const dxDomainDef *def)
{
    const dxDomainNumaDef *numa = def->numa;
    size_t i, j;

    for (i = 0; i < numa->ncells; i++) {
        const dxNumaCell *c = &numa->cells[i];
        for (j = 0; j < c->ndistances; j++) {
            const dxNumaDistance *d = &c->distances[j];
            if (d->id >= numa->ncells) {
                dxErrorReportLoc(DX_ERR_INVALID, &numa->loc,
                                 "'sibling' id '%u' does not refer to a valid cell", d->id);
                return -1;
            }
            if ((d->id == c->id) != (d->value == DX_NUMA_DISTANCE_LOCAL)) {
                dxErrorReportLoc(DX_ERR_INVALID, &numa->loc,
                                 "'value' %u is invalid for 'sibling' id '%u' of cell %u: "
                                 "the local distance is 10, remote ones are larger",
                                 d->value, d->id, c->id);
                return -1;
            }
        }
        for (j = 0; j < i && c->cpus; j++) {
            const dxNumaCell *o = &numa->cells[j];
            long bit = -1;
            while (o->cpus && (bit = dxBitmapNext(o->cpus, bit)) >= 0) {
                if (dxBitmapIsSet(c->cpus, (size_t)bit)) {
                    dxErrorReportLoc(DX_ERR_INVALID, &numa->loc,
                                     "NUMA cells %u and %u overlap (vCPU %ld)",
                                     o->id, c->id, bit);
                    return -1;
                }
            }
        }
    }
    for (i = 0; i < numa->ninterconnects; i++) {
        const dxNumaInterconnect *l = &numa->interconnects[i];
        if (l->initiator >= numa->ncells || l->target >= numa->ncells) {
            dxErrorReportLoc(DX_ERR_INVALID, &numa->loc,
                             "'%s' refers to a NUMA cell that does not exist",
                             dxNumaInterconnectTypeTypeToString(l->type));
            return -1;
        }
        if (l->cache) {
            const dxNumaCell *t = &numa->cells[l->target];
            size_t k;
            for (k = 0; k < t->ncaches && t->caches[k].level != l->cache; k++)
                ;
            if (k == t->ncaches) {
                dxErrorReportLoc(DX_ERR_INVALID, &numa->loc,
                                 "'cache' refers to a non-existent NUMA node cache "
                                 "(level %u of cell %u)", l->cache, l->target);
                return -1;
            }
        }
        if (!numa->cells[l->initiator].cpus) {
            dxErrorReportLoc(DX_ERR_INVALID, &numa->loc,
                             "NUMA cell %u has no vCPUs assigned, it cannot be an initiator",
                             l->initiator);
            return -1;
        }
    }
    return 0;
}

static int
dxNumaValidateTune(const dxDomainDef *def)
{
    const dxDomainNumaDef *numa = def->numa;
    size_t i;

    if (numa->hasMemory && numa->placement == DX_NUMATUNE_PLACEMENT_STATIC && !numa->nodeset) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &numa->tuneLoc,
                         "nodeset for NUMA memory tuning must be set if 'placement' is 'static'");
        return -1;
    }
    if (numa->nmemnodes == 0)
        return 0;
    if (numa->ncells == 0) {
        dxErrorReportLoc(DX_ERR_INVALID, &numa->tuneLoc,
                         "Element 'memnode' is invalid without any guest NUMA cells");
        return -1;
    }
    if (numa->placement == DX_NUMATUNE_PLACEMENT_AUTO) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &numa->tuneLoc,
                         "Per-node binding is not compatible with automatic NUMA placement.");
        return -1;
    }
    for (i = 0; i < numa->nmemnodes; i++) {
        const dxNumatuneMemnode *m = &numa->memnodes[i];
        if (m->cellid >= numa->ncells) {
            dxErrorReportLoc(DX_ERR_INVALID, &numa->tuneLoc,
                             "Argument 'cellid' in memnode element must correspond to "
                             "existing guest's NUMA cell (cellid %u, %zu cells)",
                             m->cellid, numa->ncells);
            return -1;
        }
        if (numa->hasMemory && numa->memoryMode == DX_NUMATUNE_MODE_RESTRICTIVE &&
            m->mode != DX_NUMATUNE_MODE_RESTRICTIVE) {
            dxErrorReportLoc(DX_ERR_INVALID, &numa->tuneLoc,
                             "'restrictive' mode is required in memnode element when "
                             "mode is 'restrictive' in memory element");
            return -1;
        }
    }
    return 0;
}

int
dxDomainNumaValidate(const dxDomainDef *def)
{
    if (!def->numa)
        return 0;
    if (dxNumaValidateCells(def) < 0 || dxNumaValidateTune(def) < 0)
        return -1;
    return 0;
}

/* ---- queries -------------------------------------------------------------- */

bool
dxDomainNumaHasCustomDistances(const dxDomainNumaDef *numa)
{
    size_t a, b;
    for (a = 0; numa && a < numa->ncells; a++) {
        for (b = 0; b < numa->ncells; b++) {
            unsigned int d = dxDomainNumaDistance(numa, a, b);
            if (d != (a == b ? DX_NUMA_DISTANCE_LOCAL : DX_NUMA_DISTANCE_REMOTE))
                return true;
        }
    }
    return false;
}

unsigned int
dxDomainNumaDistance(const dxDomainNumaDef *numa, size_t a, size_t b)
{
    size_t i;
    const dxNumaCell *cell = &numa->cells[a];
    for (i = 0; i < cell->ndistances; i++) {
        if (cell->distances[i].id == b)
            return cell->distances[i].value;
    }
    return a == b ? DX_NUMA_DISTANCE_LOCAL : DX_NUMA_DISTANCE_REMOTE;
}

int
dxDomainNumaCellInitiator(const dxDomainNumaDef *numa, size_t cell)
{
    unsigned long long bestLatency = ULLONG_MAX, bestBandwidth = 0;
    int byLatency = -1, byBandwidth = -1;
    size_t i;

    if (numa->cells[cell].cpus)
        return (int)cell;
    for (i = 0; i < numa->ninterconnects; i++) {
        const dxNumaInterconnect *l = &numa->interconnects[i];
        if (l->target != cell)
            continue;
        if (l->type == DX_NUMA_INTERCONNECT_LATENCY && l->value < bestLatency) {
            bestLatency = l->value;
            byLatency = (int)l->initiator;
        } else if (l->type == DX_NUMA_INTERCONNECT_BANDWIDTH && l->value > bestBandwidth) {
            bestBandwidth = l->value;
            byBandwidth = (int)l->initiator;
        }
    }
    if (byLatency >= 0)
        return byLatency;
    if (byBandwidth >= 0)
        return byBandwidth;
    /* no measurement names one: the first cell that has CPUs */
    for (i = 0; i < numa->ncells; i++) {
        if (numa->cells[i].cpus)
            return (int)i;
    }
    return -1;
}

const dxNumatuneMemnode *
dxDomainNumatuneMemnode(const dxDomainNumaDef *numa, unsigned int cellid)
{
    size_t i;
    for (i = 0; numa && i < numa->nmemnodes; i++) {
        if (numa->memnodes[i].cellid == cellid)
            return &numa->memnodes[i];
    }
    return NULL;
}

/* ---- format --------------------------------------------------------------- */

static void
dxNumaCellFormat(dxBuf *buf, const dxNumaCell *cell)
{
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    size_t i;

    dxBufAddf(&attrs, " id='%u'", cell->id);
    if (cell->cpus) {
        char *cpus = dxBitmapFormat(cell->cpus);
        dxBufAttr(&attrs, "cpus", cpus);
        free(cpus);
    }
    dxBufAddf(&attrs, " memory='%llu' unit='KiB'", cell->memKiB);
    if (cell->memAccess)
        dxBufAttr(&attrs, "memAccess", dxNumaMemAccessTypeToString(cell->memAccess));
    if (cell->discard)
        dxBufAttr(&attrs, "discard", dxTristateBoolTypeToString(cell->discard));
    if (cell->ndistances) {
        dxBufAddStr(&child, "<distances>\n");
        dxBufAdjustIndent(&child, 2);
        for (i = 0; i < cell->ndistances; i++)
            dxBufAddf(&child, "<sibling id='%u' value='%u'/>\n",
                      cell->distances[i].id, cell->distances[i].value);
        dxBufAdjustIndent(&child, -2);
        dxBufAddStr(&child, "</distances>\n");
    }
    for (i = 0; i < cell->ncaches; i++) {
        const dxNumaCache *c = &cell->caches[i];
        dxBufAddf(&child, "<cache level='%u' associativity='%s' policy='%s'>\n",
                  c->level, dxNumaCacheAssociativityTypeToString(c->associativity),
                  dxNumaCachePolicyTypeToString(c->policy));
        dxBufAdjustIndent(&child, 2);
        dxBufAddf(&child, "<size value='%llu' unit='KiB'/>\n", c->size);
        dxBufAddf(&child, "<line value='%llu' unit='B'/>\n", c->line);
        dxBufAdjustIndent(&child, -2);
        dxBufAddStr(&child, "</cache>\n");
    }
    dxBufElementAlways(buf, "cell", &attrs, &child);
}

static void
dxNumaInterconnectFormat(dxBuf *buf, const dxNumaInterconnect *l)
{
    dxBufAddf(buf, "<%s initiator='%u' target='%u'",
              dxNumaInterconnectTypeTypeToString(l->type), l->initiator, l->target);
    if (l->cache)
        dxBufAddf(buf, " cache='%u'", l->cache);
    dxBufAddf(buf, " type='%s' value='%llu'", dxNumaAccessTypeTypeToString(l->access), l->value);
    if (l->type == DX_NUMA_INTERCONNECT_BANDWIDTH)
        dxBufAddStr(buf, " unit='KiB'");
    dxBufAddStr(buf, "/>\n");
}

void
dxDomainNumaCellsFormat(dxBuf *buf, const dxDomainDef *def)
{
    const dxDomainNumaDef *numa = def->numa;
    size_t i;

    if (!numa || numa->ncells == 0)
        return;
    dxBufAddStr(buf, "<numa>\n");
    dxBufAdjustIndent(buf, 2);
    for (i = 0; i < numa->ncells; i++)
        dxNumaCellFormat(buf, &numa->cells[i]);
    if (numa->ninterconnects) {
        dxBufAddStr(buf, "<interconnects>\n");
        dxBufAdjustIndent(buf, 2);
        for (i = 0; i < numa->ninterconnects; i++)
            dxNumaInterconnectFormat(buf, &numa->interconnects[i]);
        dxBufAdjustIndent(buf, -2);
        dxBufAddStr(buf, "</interconnects>\n");
    }
    dxBufAdjustIndent(buf, -2);
    dxBufAddStr(buf, "</numa>\n");
}

static void
dxNumatuneNodesetAttr(dxBuf *buf, const dxBitmap *nodeset)
{
    char *str = dxBitmapFormat(nodeset);
    dxBufAttr(buf, "nodeset", str);
    free(str);
}

void
dxDomainNumatuneFormat(dxBuf *buf, const dxDomainDef *def)
{
    const dxDomainNumaDef *numa = def->numa;
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    size_t i;

    if (!numa || !numa->hasNumatune)
        return;
    if (numa->hasMemory) {
        dxBufAddf(&child, "<memory mode='%s'", dxNumatuneModeTypeToString(numa->memoryMode));
        if (numa->placement == DX_NUMATUNE_PLACEMENT_AUTO)
            dxBufAddStr(&child, " placement='auto'");
        else if (numa->nodeset)
            dxNumatuneNodesetAttr(&child, numa->nodeset);
        dxBufAddStr(&child, "/>\n");
    }
    for (i = 0; i < numa->nmemnodes; i++) {
        const dxNumatuneMemnode *m = &numa->memnodes[i];
        dxBufAddf(&child, "<memnode cellid='%u' mode='%s'", m->cellid,
                  dxNumatuneModeTypeToString(m->mode));
        dxNumatuneNodesetAttr(&child, m->nodeset);
        dxBufAddStr(&child, "/>\n");
    }
    dxBufElement(buf, "numatune", NULL, &child);
}
