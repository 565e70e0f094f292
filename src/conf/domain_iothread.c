/* domain_iothread.c: <iothreads>, <iothreadids> and <defaultiothread>:
 * the extra event-loop threads QEMU runs for block and other I/O. */
#include "tune_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

#include <limits.h>
#include <stdlib.h>

dxDomainTuneDef *
dxDomainTune(dxDomainDef *def)
{
    if (!def->tune)
        def->tune = dxNew(dxDomainTuneDef);
    return def->tune;
}

const dxIOThreadDef *
dxDomainIOThreadFind(const dxDomainDef *def, unsigned int id)
{
    size_t i;
    for (i = 0; def->tune && i < def->tune->niothreadids; i++) {
        if (def->tune->iothreadids[i].id == id)
            return &def->tune->iothreadids[i];
    }
    return NULL;
}

int
dxDomainIOThreadsParse(dxDomainDef *def, xmlNodePtr node)
{
    return dxXMLContentUInt(node, &dxDomainTune(def)->niothreads) < 0 ? -1 : 0;
}

/* thread_pool_min/max: -1 when absent, a non-negative int otherwise */
static int
dxIOThreadPoolParse(xmlNodePtr node, int *poolMin, int *poolMax)
{
    unsigned int v;
    int rc;

    *poolMin = *poolMax = -1;
    if ((rc = dxXMLPropUInt(node, "thread_pool_min", 10, 0, &v)) < 0)
        return -1;
    if (rc == 1)
        *poolMin = v > INT_MAX ? INT_MAX : (int)v;
    if ((rc = dxXMLPropUInt(node, "thread_pool_max", 10, 0, &v)) < 0)
        return -1;
    if (rc == 1) {
        if (v == 0) {
            dxErrorReport(DX_ERR_INVALID, node,
                          "thread_pool_max must be a positive number");
            return -1;
        }
        *poolMax = v > INT_MAX ? INT_MAX : (int)v;
    }
    if (*poolMin >= 0 && *poolMax >= 0 && *poolMin > *poolMax) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "thread_pool_min (%d) must be less than or equal to "
                      "thread_pool_max (%d)", *poolMin, *poolMax);
        return -1;
    }
    return 0;
}

int
dxDomainIOThreadIdsParse(dxDomainDef *def, xmlNodePtr node)
{
    dxDomainTuneDef *tune = dxDomainTune(def);

    DX_XML_FOREACH_CHILD(node, child) {
        dxIOThreadDef t = { 0 };
        if (!dxXMLNameIs(child, "iothread") || child->ns)
            continue;
        dxXMLMarkUsed(child);
        if (dxXMLPropUInt(child, "id", 10, DX_PROP_REQUIRED | DX_PROP_NONZERO, &t.id) < 0 ||
            dxIOThreadPoolParse(child, &t.poolMin, &t.poolMax) < 0)
            return -1;
        if (dxDomainIOThreadFind(def, t.id)) {
            dxErrorReport(DX_ERR_INVALID, child, "duplicate iothread id '%u' found", t.id);
            return -1;
        }
        DX_APPEND(tune->iothreadids, tune->niothreadids, t);
    }
    return 0;
}

int
dxDomainDefaultIOThreadParse(dxDomainDef *def, xmlNodePtr node)
{
    dxDomainTuneDef *tune = dxDomainTune(def);
    tune->hasDefaultIOThread = true;
    return dxIOThreadPoolParse(node, &tune->defaultPoolMin, &tune->defaultPoolMax);
}

/* <iothreads>N with fewer <iothread> ids: the missing ones take the lowest
 * free ids, after the given ones. */
int
dxDomainIOThreadsPostParse(dxDomainDef *def)
{
    dxDomainTuneDef *tune = def->tune;
    unsigned int next = 1;

    if (!tune)
        return 0;
    if (tune->niothreads < tune->niothreadids)
        tune->niothreads = (unsigned int)tune->niothreadids;
    while (tune->niothreadids < tune->niothreads) {
        dxIOThreadDef t = { .poolMin = -1, .poolMax = -1, .autofill = true };
        while (dxDomainIOThreadFind(def, next))
            next++;
        t.id = next;
        DX_APPEND(tune->iothreadids, tune->niothreadids, t);
    }
    return 0;
}

static void
dxIOThreadPoolFormat(dxBuf *buf, int poolMin, int poolMax)
{
    if (poolMin >= 0)
        dxBufAddf(buf, " thread_pool_min='%d'", poolMin);
    if (poolMax >= 0)
        dxBufAddf(buf, " thread_pool_max='%d'", poolMax);
}

void
dxDomainIOThreadsFormat(dxBuf *buf, const dxDomainDef *def)
{
    const dxDomainTuneDef *tune = def->tune;
    bool explicitIds = false;
    size_t i;

    if (!tune)
        return;
    for (i = 0; i < tune->niothreadids; i++)
        explicitIds |= !tune->iothreadids[i].autofill;
    if (tune->niothreads)
        dxBufAddf(buf, "<iothreads>%u</iothreads>\n", tune->niothreads);
    if (explicitIds) {
        dxBufAddStr(buf, "<iothreadids>\n");
        dxBufAdjustIndent(buf, 2);
        for (i = 0; i < tune->niothreadids; i++) {
            const dxIOThreadDef *t = &tune->iothreadids[i];
            dxBufAddf(buf, "<iothread id='%u'", t->id);
            dxIOThreadPoolFormat(buf, t->poolMin, t->poolMax);
            dxBufAddStr(buf, "/>\n");
        }
        dxBufAdjustIndent(buf, -2);
        dxBufAddStr(buf, "</iothreadids>\n");
    }
    if (tune->hasDefaultIOThread &&
        (tune->defaultPoolMin >= 0 || tune->defaultPoolMax >= 0)) {
        dxBufAddStr(buf, "<defaultiothread");
        dxIOThreadPoolFormat(buf, tune->defaultPoolMin, tune->defaultPoolMax);
        dxBufAddStr(buf, "/>\n");
    }
}

static void
dxCputuneClear(dxCputuneDef *ct)
{
    size_t i, j;

    for (i = 0; i < ct->nvcpupins; i++)
        dxBitmapFree(ct->vcpupins[i].cpuset);
    free(ct->vcpupins);
    dxBitmapFree(ct->emulatorpin);
    for (i = 0; i < ct->niothreadpins; i++)
        dxBitmapFree(ct->iothreadpins[i].cpuset);
    free(ct->iothreadpins);
    free(ct->vcpuScheds);
    free(ct->iothreadScheds);
    for (i = 0; i < ct->ncachetunes; i++) {
        dxCachetune *c = &ct->cachetunes[i];
        dxBitmapFree(c->vcpus);
        free(c->id);
        free(c->caches);
        for (j = 0; j < c->nmonitors; j++)
            dxBitmapFree(c->monitors[j].vcpus);
        free(c->monitors);
    }
    free(ct->cachetunes);
    for (i = 0; i < ct->nmemorytunes; i++) {
        dxMemorytune *m = &ct->memorytunes[i];
        dxBitmapFree(m->vcpus);
        free(m->id);
        free(m->nodes);
        for (j = 0; j < m->nmonitors; j++)
            dxBitmapFree(m->monitors[j].vcpus);
        free(m->monitors);
    }
    free(ct->memorytunes);
}

void
dxDomainTuneDefFree(dxDomainTuneDef *tune)
{
    size_t i;

    if (!tune)
        return;
    free(tune->iothreadids);
    dxCputuneClear(&tune->cputune);
    for (i = 0; i < tune->nblkioDevices; i++)
        free(tune->blkioDevices[i].path);
    free(tune->blkioDevices);
    dxSourceLocClear(&tune->loc);
    free(tune);
}
