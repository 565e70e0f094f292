/* domain_memtune.c: the cgroup limits of <blkiotune> (block I/O weight
 * and per-device throttles) and <memtune> (memory limits). */
#include "tune_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

#include <stdlib.h>

/* ---- blkiotune --------------------------------------------------------------- */

static int
dxBlkioNumberChild(xmlNodePtr child, unsigned long long *out)
{
    return dxXMLContentULongLong(child, out) < 0 ? -1 : 0;
}

static int
dxBlkioDeviceParse(dxDomainTuneDef *tune, xmlNodePtr node)
{
    dxBlkioDevice dev = { 0 };
    int rc = 0;

    DX_XML_FOREACH_CHILD(node, child) {
        if (child->ns)
            continue;
        if (dxXMLNameIs(child, "path") && !dev.path) {
            dev.path = dxXMLContent(child);
        } else if (dxXMLNameIs(child, "weight")) {
            rc = dxXMLContentUInt(child, &dev.weight);
        } else if (dxXMLNameIs(child, "read_iops_sec")) {
            rc = dxBlkioNumberChild(child, &dev.readIops);
        } else if (dxXMLNameIs(child, "write_iops_sec")) {
            rc = dxBlkioNumberChild(child, &dev.writeIops);
        } else if (dxXMLNameIs(child, "read_bytes_sec")) {
            rc = dxBlkioNumberChild(child, &dev.readBytes);
        } else if (dxXMLNameIs(child, "write_bytes_sec")) {
            rc = dxBlkioNumberChild(child, &dev.writeBytes);
        } else {
            continue;
        }
        dxXMLMarkUsed(child);
        if (rc < 0)
            break;
    }
    if (rc == 0 && !dev.path) {
        dxErrorReport(DX_ERR_INVALID, node, "missing per-device path in <blkiotune><device>");
        rc = -1;
    }
    if (rc < 0) {
        free(dev.path);
        return -1;
    }
    DX_APPEND(tune->blkioDevices, tune->nblkioDevices, dev);
    return 0;
}

int
dxDomainBlkiotuneParse(dxDomainDef *def, xmlNodePtr node)
{
    dxDomainTuneDef *tune = dxDomainTune(def);
    size_t i, j;

    DX_XML_FOREACH_CHILD(node, child) {
        int rc;
        if (child->ns)
            continue;
        if (dxXMLNameIs(child, "weight") && !tune->hasBlkioWeight) {
            tune->hasBlkioWeight = true;
            rc = dxXMLContentUInt(child, &tune->blkioWeight);
        } else if (dxXMLNameIs(child, "device")) {
            rc = dxBlkioDeviceParse(tune, child);
        } else {
            continue;
        }
        dxXMLMarkUsed(child);
        if (rc < 0)
            return -1;
    }
    for (i = 0; i < tune->nblkioDevices; i++) {
        for (j = 0; j < i; j++) {
            if (dxStrEq(tune->blkioDevices[i].path, tune->blkioDevices[j].path)) {
                dxErrorReport(DX_ERR_INVALID, node,
                              "duplicate blkio device path '%s'", tune->blkioDevices[i].path);
                return -1;
            }
        }
    }
    return 0;
}

static void
dxBlkioDeviceFormat(dxBuf *buf, const dxBlkioDevice *dev)
{
    dxBuf child = DX_BUF_INIT_CHILD(buf);

    if (!dev->weight && !dev->readIops && !dev->writeIops && !dev->readBytes &&
        !dev->writeBytes)
        return;   /* a device without limits limits nothing */
    dxBufTextElement(&child, "path", dev->path);
    if (dev->weight)
        dxBufAddf(&child, "<weight>%u</weight>\n", dev->weight);
    if (dev->readIops)
        dxBufAddf(&child, "<read_iops_sec>%llu</read_iops_sec>\n", dev->readIops);
    if (dev->writeIops)
        dxBufAddf(&child, "<write_iops_sec>%llu</write_iops_sec>\n", dev->writeIops);
    if (dev->readBytes)
        dxBufAddf(&child, "<read_bytes_sec>%llu</read_bytes_sec>\n", dev->readBytes);
    if (dev->writeBytes)
        dxBufAddf(&child, "<write_bytes_sec>%llu</write_bytes_sec>\n", dev->writeBytes);
    dxBufElement(buf, "device", NULL, &child);
}

void
dxDomainBlkiotuneFormat(dxBuf *buf, const dxDomainDef *def)
{
    const dxDomainTuneDef *tune = def->tune;
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    size_t i;

    if (!tune)
        return;
    if (tune->hasBlkioWeight && tune->blkioWeight)
        dxBufAddf(&child, "<weight>%u</weight>\n", tune->blkioWeight);
    for (i = 0; i < tune->nblkioDevices; i++)
        dxBlkioDeviceFormat(&child, &tune->blkioDevices[i]);
    dxBufElement(buf, "blkiotune", NULL, &child);
}

/* ---- memtune ----------------------------------------------------------------- */

static int
dxMemLimitParse(dxMemLimit *limit, xmlNodePtr node)
{
    unsigned long long kib;
    if (dxParseMemorySize(node, &kib) < 0)
        return -1;
    limit->set = true;
    limit->kib = kib > DX_MEMTUNE_UNLIMITED ? DX_MEMTUNE_UNLIMITED : kib;
    return 0;
}

int
dxDomainMemtuneParse(dxDomainDef *def, xmlNodePtr node)
{
    dxDomainTuneDef *tune = dxDomainTune(def);

    DX_XML_FOREACH_CHILD(node, child) {
        dxMemLimit *limit;
        if (child->ns)
            continue;
        if (dxXMLNameIs(child, "hard_limit"))
            limit = &tune->hardLimit;
        else if (dxXMLNameIs(child, "soft_limit"))
            limit = &tune->softLimit;
        else if (dxXMLNameIs(child, "min_guarantee"))
            limit = &tune->minGuarantee;
        else if (dxXMLNameIs(child, "swap_hard_limit"))
            limit = &tune->swapHardLimit;
        else
            continue;
        if (limit->set)
            continue;   /* a repeated element stays unread and is reported */
        dxXMLMarkUsed(child);
        if (dxMemLimitParse(limit, child) < 0)
            return -1;
    }
    if (tune->hardLimit.set && tune->swapHardLimit.set &&
        tune->hardLimit.kib != DX_MEMTUNE_UNLIMITED &&
        tune->swapHardLimit.kib != DX_MEMTUNE_UNLIMITED &&
        tune->swapHardLimit.kib < tune->hardLimit.kib) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "swap_hard_limit cannot be less than hard_limit");
        return -1;
    }
    return 0;
}

static void
dxMemLimitFormat(dxBuf *buf, const char *name, const dxMemLimit *limit)
{
    /* an unlimited limit is the same as no limit */
    if (!limit->set || limit->kib == DX_MEMTUNE_UNLIMITED)
        return;
    dxBufAddf(buf, "<%s unit='KiB'>%llu</%s>\n", name, limit->kib, name);
}

void
dxDomainMemtuneFormat(dxBuf *buf, const dxDomainDef *def)
{
    const dxDomainTuneDef *tune = def->tune;
    dxBuf child = DX_BUF_INIT_CHILD(buf);

    if (!tune)
        return;
    dxMemLimitFormat(&child, "hard_limit", &tune->hardLimit);
    dxMemLimitFormat(&child, "soft_limit", &tune->softLimit);
    dxMemLimitFormat(&child, "min_guarantee", &tune->minGuarantee);
    dxMemLimitFormat(&child, "swap_hard_limit", &tune->swapHardLimit);
    dxBufElement(buf, "memtune", NULL, &child);
}
