/* qemu_cmd_memory.c: -m, the memory backend objects (main RAM, NUMA
 * cells, and the helper memory devices use), -overcommit and -numa. */
#include "qemu_command_priv.h"
#include "conf/memory_conf.h"
#include "conf/numa_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"

#include <stdlib.h>

/* libvirt names per-domain host paths after "ID-NAME" with the name cut
 * to 20 characters; an offline domain has ID -1 */
#define DX_QEMU_SHORTNAME_MAX 20

/* QEMU on x86 rounds guest RAM to whole MiB; libvirt rounds up first so
 * the guest gets at least what the XML asks for. */
static unsigned long long
dxQemuAlignKiB(unsigned long long kib)
{
    return (kib + 1023) / 1024 * 1024;
}

char *
dxQemuDomainShortName(const dxDomainDef *def)
{
    return dxAsprintf("-1-%.*s", DX_QEMU_SHORTNAME_MAX, def->name);
}

/* Initial guest RAM in KiB: the NUMA cells' memory, or <memory>. */
unsigned long long
dxQemuAlignedMemoryKiB(const dxDomainDef *def)
{
    size_t i, n = dxDomainNumaCellCount(def);
    unsigned long long kib = 0;

    if (n == 0)
        return dxQemuAlignKiB(def->mem.totalKiB);
    for (i = 0; i < n; i++)
        kib += dxQemuAlignKiB(def->numa->cells[i].memKiB);
    return kib;
}

int
dxQemuBuildMemory(dxQemuBuildCtx *ctx)
{
    const dxDomainDef *def = ctx->def;
    unsigned long long kib = dxQemuAlignedMemoryKiB(def);
    dxQemuMemBackendSpec spec = { 0 };

    dxArgvAdd(ctx->argv, "-m");
    if (def->mem.maxKiB)
        dxArgvAddf(ctx->argv, "size=%lluk,slots=%u,maxmem=%lluk",
                   kib, def->mem.maxSlots, dxQemuAlignKiB(def->mem.maxKiB));
    else
        dxArgvAddf(ctx->argv, "%llu", kib / 1024);
    if (dxDomainNumaCellCount(def))
        return 0;   /* the cells bring their own backends (-numa) */
    spec.id = DX_QEMU_MAIN_RAM_ID;
    spec.sizeKiB = kib;
    spec.cell = -1;
    spec.mainRam = true;
    return dxQemuBuildMemoryBackend(ctx, &spec);
}

int
dxQemuBuildOvercommit(dxQemuBuildCtx *ctx)
{
    const dxDomainMemoryBackingDef *mb = ctx->def->memoryBacking;
    dxArgvAddPair(ctx->argv, "-overcommit",
                  mb && mb->locked ? "mem-lock=on" : "mem-lock=off");
    return 0;
}

/* ---- memory backends ---------------------------------------------------- */

typedef enum {
    DX_QEMU_MEM_RAM,
    DX_QEMU_MEM_FILE,
    DX_QEMU_MEM_MEMFD,
} dxQemuMemKind;

/* The host nodes and the policy from <numatune> for SPEC (NULL: none). */
static const dxBitmap *
dxQemuBackendHostNodes(const dxDomainDef *def, const dxQemuMemBackendSpec *spec,
                       int *mode)
{
    const dxDomainNumaDef *numa = def->numa;
    const dxNumatuneMemnode *mn;

    if (spec->hostNodes) {
        *mode = spec->hostNodesMode;
        return spec->hostNodes;
    }
    if (!numa)
        return NULL;
    if (spec->cell >= 0 && (mn = dxDomainNumatuneMemnode(numa, (unsigned int)spec->cell))) {
        *mode = mn->mode;
        return mn->nodeset;
    }
    if (numa->hasMemory && numa->placement == DX_NUMATUNE_PLACEMENT_STATIC && numa->nodeset) {
        *mode = numa->memoryMode;
        return numa->nodeset;
    }
    return NULL;
}

static const char *
dxQemuPolicyName(int mode)
{
    switch ((dxNumatuneMode)mode) {
    case DX_NUMATUNE_MODE_STRICT:
        return "bind";
    case DX_NUMATUNE_MODE_PREFERRED:
        return "preferred";
    case DX_NUMATUNE_MODE_INTERLEAVE:
        return "interleave";
    case DX_NUMATUNE_MODE_RESTRICTIVE:
    case DX_NUMATUNE_MODE_LAST:
        break;
    }
    /* restrictive is enforced with cgroups, not by the backend */
    return NULL;
}

static dxJSON *
dxQemuNodesArray(const dxBitmap *nodes)
{
    dxJSON *arr = dxJSONNewArray();
    long bit = -1;
    while ((bit = dxBitmapNext(nodes, bit)) >= 0)
        dxJSONAppend(arr, dxJSONNewUInt((unsigned long long)bit));
    return arr;
}

/* How the memory is accessed: the spec's own choice, the cell's, then
 * <memoryBacking><access>. */
static int
dxQemuBackendAccess(const dxDomainDef *def, const dxQemuMemBackendSpec *spec)
{
    const dxDomainMemoryBackingDef *mb = def->memoryBacking;
    if (spec->access)
        return spec->access;
    if (spec->cell >= 0 && (size_t)spec->cell < dxDomainNumaCellCount(def) &&
        def->numa->cells[spec->cell].memAccess)
        return def->numa->cells[spec->cell].memAccess;
    return mb ? mb->access : 0;
}

static int
dxQemuBackendPageKiB(const dxDomainDef *def, const dxQemuMemBackendSpec *spec,
                     unsigned long long *pageKiB)
{
    unsigned long long kib = spec->pageKiB ? spec->pageKiB :
        dxDomainHugepageSizeFor(def, spec->cell, DX_QEMU_DEFAULT_HUGEPAGE_KIB);

    /* the normal page size is no huge page at all */
    *pageKiB = kib == DX_QEMU_SYSTEM_PAGE_KIB ? 0 : kib;
    return 0;
}

static dxQemuMemKind
dxQemuBackendKind(const dxDomainDef *def, const dxQemuMemBackendSpec *spec,
                  unsigned long long pageKiB, int access)
{
    int source = def->memoryBacking ? def->memoryBacking->source : 0;

    if (spec->memPath)
        return DX_QEMU_MEM_FILE;
    if (source == DX_MEMORY_SOURCE_MEMFD)
        return DX_QEMU_MEM_MEMFD;
    if (pageKiB || source == DX_MEMORY_SOURCE_FILE || access)
        return DX_QEMU_MEM_FILE;
    return DX_QEMU_MEM_RAM;
}

static int
dxQemuBackendFile(dxQemuBuildCtx *ctx, const dxQemuMemBackendSpec *spec,
                  unsigned long long pageKiB, dxJSON *props)
{
    char *shortname = dxQemuDomainShortName(ctx->def);
    char *path;

    if (spec->memPath) {
        path = dxStrdup(spec->memPath);
    } else if (pageKiB) {
        const char *mount = dxQemuHugetlbfsMount(pageKiB);
        if (!mount) {
            const dxDomainMemoryBackingDef *mb = ctx->def->memoryBacking;
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, mb ? &mb->loc : &ctx->def->loc,
                             "Unable to find any usable hugetlbfs mount for %llu KiB "
                             "(this host has 2 MiB and 1 GiB pages)", pageKiB);
            free(shortname);
            return -1;
        }
        path = dxAsprintf("%s/libvirt/qemu/%s", mount, shortname);
    } else {
        path = dxAsprintf("%s/%s/%s", DX_QEMU_MEMORY_BACKING_DIR, shortname,
                          spec->fileName ? spec->fileName : spec->id);
    }
    dxJSONAddString(props, "mem-path", path);
    free(path);
    free(shortname);
    return 0;
}

/* Discard freed guest pages from the backing file: the cell's choice,
 * the spec's, or <memoryBacking><discard/>. */
static dxTristateBool
dxQemuBackendDiscard(const dxDomainDef *def, const dxQemuMemBackendSpec *spec)
{
    if (spec->discard)
        return spec->discard;
    if (spec->cell >= 0 && !spec->skipCellDefaults &&
        (size_t)spec->cell < dxDomainNumaCellCount(def) &&
        def->numa->cells[spec->cell].discard)
        return def->numa->cells[spec->cell].discard;
    if (def->memoryBacking && def->memoryBacking->discard)
        return DX_TRISTATE_BOOL_YES;
    return DX_TRISTATE_BOOL_ABSENT;
}

static bool
dxQemuBackendPrealloc(const dxDomainDef *def, unsigned long long pageKiB)
{
    const dxDomainMemoryBackingDef *mb = def->memoryBacking;
    int alloc = mb ? mb->allocation : 0;
    if (alloc == DX_MEMORY_ALLOCATION_IMMEDIATE)
        return true;
    return pageKiB && alloc != DX_MEMORY_ALLOCATION_ONDEMAND;
}

int
dxQemuBuildMemoryBackend(dxQemuBuildCtx *ctx, const dxQemuMemBackendSpec *spec)
{
    const dxDomainDef *def = ctx->def;
    const dxDomainMemoryBackingDef *mb = def->memoryBacking;
    unsigned long long pageKiB;
    int access = dxQemuBackendAccess(def, spec);
    int mode = 0;
    const dxBitmap *nodes;
    const char *policy = NULL;
    dxQemuMemKind kind;
    dxTristateBool discard;
    bool prealloc;
    dxJSON *props = dxJSONNewObject();
    char *tcId = NULL;

    dxQemuBackendPageKiB(def, spec, &pageKiB);
    kind = dxQemuBackendKind(def, spec, pageKiB, access);
    prealloc = spec->prealloc ? spec->prealloc == DX_TRISTATE_BOOL_YES :
                                dxQemuBackendPrealloc(def, pageKiB);
    nodes = dxQemuBackendHostNodes(def, spec, &mode);
    if (nodes && !(policy = dxQemuPolicyName(mode)))
        nodes = NULL;

    dxJSONAddString(props, "qom-type", kind == DX_QEMU_MEM_RAM ? "memory-backend-ram" :
                    kind == DX_QEMU_MEM_FILE ? "memory-backend-file" :
                    "memory-backend-memfd");
    dxJSONAddString(props, "id", spec->id);
    if (kind == DX_QEMU_MEM_FILE && dxQemuBackendFile(ctx, spec, pageKiB, props) < 0) {
        dxJSONFree(props);
        return -1;
    }
    if (kind == DX_QEMU_MEM_MEMFD && pageKiB) {
        dxJSONAddBool(props, "hugetlb", true);
        dxJSONAddUInt(props, "hugetlbsize", pageKiB * 1024);
    }
    discard = dxQemuBackendDiscard(def, spec);
    if (kind == DX_QEMU_MEM_FILE && discard)
        dxJSONAddBool(props, "discard-data", discard == DX_TRISTATE_BOOL_YES);
    if (access)
        dxJSONAddBool(props, "share", access == DX_MEMORY_ACCESS_SHARED);
    if (spec->mainRam && kind != DX_QEMU_MEM_RAM)
        dxJSONAddBool(props, "x-use-canonical-path-for-ramblock-id", false);
    if (spec->noReserve)
        dxJSONAddBool(props, "reserve", false);
    if (prealloc) {
        dxJSONAddBool(props, "prealloc", true);
        if (mb && mb->allocThreads)
            dxJSONAddUInt(props, "prealloc-threads", mb->allocThreads);
    }
    dxJSONAddUInt(props, "size", spec->sizeKiB * 1024);
    if (spec->alignKiB)
        dxJSONAddUInt(props, "align", spec->alignKiB * 1024);
    if (spec->pmem)
        dxJSONAddBool(props, "pmem", spec->pmem == DX_TRISTATE_BOOL_YES);
    if (nodes) {
        dxJSONAdd(props, "host-nodes", dxQemuNodesArray(nodes));
        dxJSONAddString(props, "policy", policy);
    }
    /* preallocating threads run on the nodes the memory is bound to */
    if (prealloc && nodes) {
        dxJSON *tc = dxJSONNewObject();
        tcId = dxAsprintf("tc-%s", spec->id);
        dxJSONAddString(tc, "qom-type", "thread-context");
        dxJSONAddString(tc, "id", tcId);
        dxJSONAdd(tc, "node-affinity", dxQemuNodesArray(nodes));
        dxArgvAddJSON(ctx->argv, "-object", tc);
        dxJSONAddString(props, "prealloc-context", tcId);
        free(tcId);
    }
    dxArgvAddJSON(ctx->argv, "-object", props);
    return 0;
}

/* ---- -numa ------------------------------------------------------------- */

static void
dxQemuNumaCpus(dxBuf *buf, const dxBitmap *cpus)
{
    long bit = -1;
    /* one cpus= per contiguous range: QEMU's syntax has no list */
    while ((bit = dxBitmapNext(cpus, bit)) >= 0) {
        long end = bit;
        while (dxBitmapIsSet(cpus, (size_t)end + 1))
            end++;
        if (end == bit)
            dxBufAddf(buf, ",cpus=%ld", bit);
        else
            dxBufAddf(buf, ",cpus=%ld-%ld", bit, end);
        bit = end;
    }
}

static int
dxQemuNumaNode(dxQemuBuildCtx *ctx, size_t i)
{
    const dxDomainNumaDef *numa = ctx->def->numa;
    const dxNumaCell *cell = &numa->cells[i];
    dxQemuMemBackendSpec spec = { 0 };
    dxBuf buf = DX_BUF_INIT;
    char *id = dxAsprintf("ram-node%zu", i);
    int rc;

    spec.id = id;
    spec.sizeKiB = dxQemuAlignKiB(cell->memKiB);
    spec.cell = (long)i;
    rc = dxQemuBuildMemoryBackend(ctx, &spec);
    if (rc == 0) {
        dxBufAddf(&buf, "node,nodeid=%u", cell->id);
        if (cell->cpus)
            dxQemuNumaCpus(&buf, cell->cpus);
        if (numa->ninterconnects)
            dxBufAddf(&buf, ",initiator=%d", dxDomainNumaCellInitiator(numa, i));
        dxBufAddf(&buf, ",memdev=%s", id);
        dxArgvAddBuf(ctx->argv, "-numa", &buf);
    }
    free(id);
    return rc;
}

static const char *
dxQemuHmatHierarchy(unsigned int cache)
{
    static const char *const levels[] = { "memory", "first-level", "second-level",
                                          "third-level" };
    return cache < 4 ? levels[cache] : "memory";
}

static void
dxQemuNumaHmat(dxQemuBuildCtx *ctx)
{
    const dxDomainNumaDef *numa = ctx->def->numa;
    static const char *const assoc[] = { "none", "direct", "complex" };
    static const char *const policy[] = { "none", "write-back", "write-through" };
    size_t i, j;

    for (i = 0; i < numa->ninterconnects; i++) {
        const dxNumaInterconnect *l = &numa->interconnects[i];
        bool lat = l->type == DX_NUMA_INTERCONNECT_LATENCY;
        dxArgvAdd(ctx->argv, "-numa");
        dxArgvAddf(ctx->argv,
                   "hmat-lb,initiator=%u,target=%u,hierarchy=%s,data-type=%s-%s,%s=%llu%s",
                   l->initiator, l->target, dxQemuHmatHierarchy(l->cache),
                   dxNumaAccessTypeTypeToString(l->access), lat ? "latency" : "bandwidth",
                   lat ? "latency" : "bandwidth", l->value, lat ? "" : "K");
    }
    for (i = 0; i < numa->ncells; i++) {
        const dxNumaCell *cell = &numa->cells[i];
        for (j = 0; j < cell->ncaches; j++) {
            const dxNumaCache *c = &cell->caches[j];
            dxArgvAdd(ctx->argv, "-numa");
            dxArgvAddf(ctx->argv,
                       "hmat-cache,node-id=%u,size=%lluK,level=%u,associativity=%s,"
                       "policy=%s,line=%llu", cell->id, c->size, c->level,
                       assoc[c->associativity], policy[c->policy], c->line);
        }
    }
}

int
dxQemuBuildNuma(dxQemuBuildCtx *ctx)
{
    const dxDomainNumaDef *numa = ctx->def->numa;
    size_t i, j;

    if (dxDomainNumaCellCount(ctx->def) == 0)
        return 0;
    for (i = 0; i < numa->ncells; i++) {
        if (dxQemuNumaNode(ctx, i) < 0)
            return -1;
    }
    /* QEMU assumes 10/20 already; only a different matrix is worth passing */
    if (dxDomainNumaHasCustomDistances(numa)) {
        for (i = 0; i < numa->ncells; i++) {
            for (j = 0; j < numa->ncells; j++) {
                dxArgvAdd(ctx->argv, "-numa");
                dxArgvAddf(ctx->argv, "dist,src=%zu,dst=%zu,val=%u", i, j,
                           dxDomainNumaDistance(numa, i, j));
            }
        }
    }
    dxQemuNumaHmat(ctx);
    return 0;
}
