/* domain_memorybacking.c: <memoryBacking>: huge pages, page sharing,
 * locking, and which kind of host memory backs the guest. */
#include "memory_conf.h"
#include "numa_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxunits.h"
#include "util/dxxml.h"

#include <limits.h>
#include <stdlib.h>

DX_ENUM_IMPL(dxMemorySource, DX_MEMORY_SOURCE_LAST, "", "file", "anonymous", "memfd");
DX_ENUM_IMPL(dxMemoryAccess, DX_MEMORY_ACCESS_LAST, "", "shared", "private");
DX_ENUM_IMPL(dxMemoryAllocation, DX_MEMORY_ALLOCATION_LAST, "", "immediate", "ondemand");

void
dxDomainMemoryBackingDefFree(dxDomainMemoryBackingDef *mb)
{
    size_t i;
    if (!mb)
        return;
    for (i = 0; i < mb->npages; i++)
        dxBitmapFree(mb->pages[i].nodeset);
    free(mb->pages);
    dxSourceLocClear(&mb->loc);
    free(mb);
}

static int
dxHugepageParse(dxDomainMemoryBackingDef *mb, xmlNodePtr node)
{
    dxHugepage page = { 0 };
    unsigned long long size;
    const char *why = NULL;
    char *unit, *nodeset;

    if (dxXMLPropULongLong(node, "size", 10, DX_PROP_REQUIRED | DX_PROP_NONZERO, &size) < 0)
        return -1;
    unit = dxXMLPropString(node, "unit");
    if (dxScaleInteger(&size, unit, 1024, ULLONG_MAX, &why) < 0) {
        dxErrorReport(DX_ERR_INVALID, node, "invalid huge page size: %s", why);
        free(unit);
        return -1;
    }
    free(unit);
    page.sizeKiB = size / 1024;
    if (page.sizeKiB == 0) {
        dxErrorReport(DX_ERR_INVALID, node, "huge page size must be at least 1 KiB");
        return -1;
    }
    if ((nodeset = dxXMLPropString(node, "nodeset"))) {
        page.nodeset = dxBitmapParse(nodeset);
        if (!page.nodeset || dxBitmapIsEmpty(page.nodeset)) {
            dxErrorReport(DX_ERR_INVALID, node, "invalid huge page nodeset '%s'", nodeset);
            dxBitmapFree(page.nodeset);
            free(nodeset);
            return -1;
        }
        free(nodeset);
    }
    DX_APPEND(mb->pages, mb->npages, page);
    return 0;
}

/* One page size without nodeset at most (the default for all cells), and
 * nodesets of different sizes must not overlap. */
static int
dxHugepagesCheck(const dxDomainMemoryBackingDef *mb, xmlNodePtr node)
{
    size_t i, j;

    for (i = 0; i < mb->npages; i++) {
        for (j = 0; j < i; j++) {
            const dxHugepage *a = &mb->pages[i], *b = &mb->pages[j];
            long bit = -1;
            if (!a->nodeset && !b->nodeset) {
                dxErrorReport(DX_ERR_INVALID, node,
                              "two master hugepages detected: %llu and %llu",
                              b->sizeKiB, a->sizeKiB);
                return -1;
            }
            if (!a->nodeset || !b->nodeset)
                continue;
            while ((bit = dxBitmapNext(a->nodeset, bit)) >= 0) {
                if (dxBitmapIsSet(b->nodeset, (size_t)bit)) {
                    dxErrorReport(DX_ERR_INVALID, node,
                                  "nodeset attribute of hugepages of sizes %llu and %llu intersect",
                                  a->sizeKiB, b->sizeKiB);
                    return -1;
                }
            }
        }
    }
    return 0;
}

static int
dxHugepagesParse(dxDomainMemoryBackingDef *mb, xmlNodePtr node)
{
    mb->hugepages = true;
    DX_XML_FOREACH_CHILD(node, child) {
        if (!dxXMLNameIs(child, "page") || child->ns)
            continue;
        dxXMLMarkUsed(child);
        if (dxHugepageParse(mb, child) < 0)
            return -1;
    }
    return dxHugepagesCheck(mb, node);
}

static int
dxMemoryBackingChildParse(dxDomainMemoryBackingDef *mb, xmlNodePtr child)
{
    if (dxXMLNameIs(child, "hugepages") && !mb->hugepages)
        return dxHugepagesParse(mb, child);
    if (dxXMLNameIs(child, "nosharepages")) {
        mb->nosharepages = true;
        return 0;
    }
    if (dxXMLNameIs(child, "locked")) {
        mb->locked = true;
        return 0;
    }
    if (dxXMLNameIs(child, "discard")) {
        mb->discard = true;
        return 0;
    }
    if (dxXMLNameIs(child, "source") && !mb->source)
        return dxXMLPropEnum(child, "type", &dxMemorySourceTable,
                             DX_PROP_REQUIRED | DX_PROP_NONZERO, &mb->source) < 0 ? -1 : 0;
    if (dxXMLNameIs(child, "access") && !mb->access)
        return dxXMLPropEnum(child, "mode", &dxMemoryAccessTable,
                             DX_PROP_REQUIRED | DX_PROP_NONZERO, &mb->access) < 0 ? -1 : 0;
    if (dxXMLNameIs(child, "allocation") && !mb->allocation && !mb->allocThreads) {
        if (dxXMLPropEnum(child, "mode", &dxMemoryAllocationTable, DX_PROP_NONZERO,
                          &mb->allocation) < 0 ||
            dxXMLPropUInt(child, "threads", 10, DX_PROP_NONZERO, &mb->allocThreads) < 0)
            return -1;
        return 0;
    }
    return 1;
}

int
dxDomainMemoryBackingParse(dxDomainDef *def, xmlNodePtr node)
{
    dxDomainMemoryBackingDef *mb = dxNew(dxDomainMemoryBackingDef);

    def->memoryBacking = mb;
    dxSourceLocSet(&mb->loc, node);
    DX_XML_FOREACH_CHILD(node, child) {
        int rc;
        if (child->ns)
            continue;
        if ((rc = dxMemoryBackingChildParse(mb, child)) == 1)
            continue;
        dxXMLMarkUsed(child);
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* ---- queries and checks ------------------------------------------------------- */

unsigned long long
dxDomainHugepageSizeFor(const dxDomainDef *def, long cell, unsigned long long defaultKiB)
{
    const dxDomainMemoryBackingDef *mb = def->memoryBacking;
    const dxHugepage *master = NULL;
    size_t i;

    if (!mb || !mb->hugepages)
        return 0;
    if (mb->npages == 0)
        return defaultKiB;
    /* without guest NUMA, the whole RAM is "node 0" */
    if (cell < 0)
        cell = 0;
    for (i = 0; i < mb->npages; i++) {
        const dxHugepage *p = &mb->pages[i];
        if (!p->nodeset)
            master = p;
        else if (dxBitmapIsSet(p->nodeset, (size_t)cell))
            return p->sizeKiB;
    }
    return master ? master->sizeKiB : 0;
}

int
dxDomainMemoryBackingValidate(const dxDomainDef *def)
{
    const dxDomainMemoryBackingDef *mb = def->memoryBacking;
    size_t ncells = dxDomainNumaCellCount(def);
    size_t i, masters = 0;
    unsigned long long sizes[2] = { 0, 0 };

    if (!mb)
        return 0;
    for (i = 0; i < mb->npages; i++) {
        const dxHugepage *p = &mb->pages[i];
        long last = p->nodeset ? dxBitmapLast(p->nodeset) : -1;
        if (last >= 0 && (size_t)last >= (ncells ? ncells : 1)) {
            dxErrorReportLoc(DX_ERR_INVALID, &mb->loc, "hugepages: node %ld not found", last);
            return -1;
        }
        /* without NUMA a page set for node 0 applies to all the RAM */
        if (!p->nodeset || ncells == 0) {
            if (masters < 2)
                sizes[masters] = p->sizeKiB;
            masters++;
        }
    }
    if (masters > 1) {
        dxErrorReportLoc(DX_ERR_INVALID, &mb->loc,
                         "two master hugepages detected: %llu and %llu",
                         sizes[1], sizes[0]);
        return -1;
    }
    return 0;
}

/* ---- format ------------------------------------------------------------------- */

void
dxDomainMemoryBackingFormat(dxBuf *buf, const dxDomainDef *def)
{
    const dxDomainMemoryBackingDef *mb = def->memoryBacking;
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    size_t i;

    if (!mb)
        return;
    if (mb->hugepages && mb->npages == 0) {
        dxBufAddStr(&child, "<hugepages/>\n");
    } else if (mb->hugepages) {
        dxBufAddStr(&child, "<hugepages>\n");
        dxBufAdjustIndent(&child, 2);
        for (i = 0; i < mb->npages; i++) {
            dxBufAddf(&child, "<page size='%llu' unit='KiB'", mb->pages[i].sizeKiB);
            if (mb->pages[i].nodeset) {
                char *ns = dxBitmapFormat(mb->pages[i].nodeset);
                dxBufAttr(&child, "nodeset", ns);
                free(ns);
            }
            dxBufAddStr(&child, "/>\n");
        }
        dxBufAdjustIndent(&child, -2);
        dxBufAddStr(&child, "</hugepages>\n");
    }
    if (mb->nosharepages)
        dxBufAddStr(&child, "<nosharepages/>\n");
    if (mb->locked)
        dxBufAddStr(&child, "<locked/>\n");
    if (mb->source)
        dxBufAddf(&child, "<source type='%s'/>\n", dxMemorySourceTypeToString(mb->source));
    if (mb->access)
        dxBufAddf(&child, "<access mode='%s'/>\n", dxMemoryAccessTypeToString(mb->access));
    if (mb->allocation || mb->allocThreads) {
        dxBufAddStr(&child, "<allocation");
        if (mb->allocation)
            dxBufAttr(&child, "mode", dxMemoryAllocationTypeToString(mb->allocation));
        if (mb->allocThreads)
            dxBufAddf(&child, " threads='%u'", mb->allocThreads);
        dxBufAddStr(&child, "/>\n");
    }
    if (mb->discard)
        dxBufAddStr(&child, "<discard/>\n");
    dxBufElement(buf, "memoryBacking", NULL, &child);
}
