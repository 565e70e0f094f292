/* lease_conf.c: parse and format of <lease>. */
#include "lease_conf.h"
#include "util/dxalloc.h"
#include "util/dxxml.h"

#include <stdlib.h>

void
dxLeaseFree(dxLeaseDef *lease)
{
    if (!lease)
        return;
    free(lease->lockspace);
    free(lease->key);
    free(lease->path);
    dxSourceLocClear(&lease->loc);
    free(lease);
}

static int
dxLeaseParseChildren(dxLeaseDef *lease, xmlNodePtr node)
{
    xmlNodePtr target;

    /* libvirt 9.0 fails to define a lease without a lockspace, so say so */
    if (!(lease->lockspace = dxXMLChildContent(node, "lockspace"))) {
        dxErrorReport(DX_ERR_INVALID, node, "Missing 'lockspace' element for lease");
        return -1;
    }
    if (!(lease->key = dxXMLChildContent(node, "key"))) {
        dxErrorReport(DX_ERR_INVALID, node, "Missing 'key' element for lease");
        return -1;
    }
    if (!(target = dxXMLChild(node, "target"))) {
        dxErrorReport(DX_ERR_INVALID, node, "Missing 'target' element for lease");
        return -1;
    }
    if (dxXMLPropStringRequired(target, "path", &lease->path) < 0 ||
        dxXMLPropULongLong(target, "offset", 10, 0, &lease->offset) < 0)
        return -1;
    return 0;
}

int
dxLeaseParse(dxDomainDef *def, xmlNodePtr node)
{
    dxLeaseDef *lease = dxNew(dxLeaseDef);

    dxSourceLocSet(&lease->loc, node);
    if (dxLeaseParseChildren(lease, node) < 0) {
        dxLeaseFree(lease);
        return -1;
    }
    DX_APPEND(def->leases, def->nleases, lease);
    return 0;
}

void
dxLeaseFormat(dxBuf *buf, const dxLeaseDef *lease)
{
    dxBufAddStr(buf, "<lease>\n");
    dxBufAdjustIndent(buf, 2);
    dxBufTextElement(buf, "lockspace", lease->lockspace);
    dxBufTextElement(buf, "key", lease->key);
    dxBufAddStr(buf, "<target");
    dxBufAttr(buf, "path", lease->path);
    if (lease->offset)
        dxBufAddf(buf, " offset='%llu'", lease->offset);
    dxBufAddStr(buf, "/>\n");
    dxBufAdjustIndent(buf, -2);
    dxBufAddStr(buf, "</lease>\n");
}
