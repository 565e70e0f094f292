/* domain_vcpu.c: <vcpu> and <vcpus>. */
#include "domain_def.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

#include <stdlib.h>

DX_ENUM_IMPL(dxDomainCPUPlacement, DX_DOMAIN_CPU_PLACEMENT_LAST,
             "", "static", "auto");

/* QEMU's own ceiling for -smp on x86 machines */
#define DX_VCPU_MAX 4096

int
dxDomainVcpuParse(dxDomainDef *def, xmlNodePtr node)
{
    char *cpuset;
    int placement = 0;

    if (dxXMLContentUInt(node, &def->vcpu.max) < 0)
        return -1;
    if (def->vcpu.max == 0 || def->vcpu.max > DX_VCPU_MAX) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "vcpu count %u is out of range: must be 1..%d",
                      def->vcpu.max, DX_VCPU_MAX);
        return -1;
    }
    if (dxXMLPropUInt(node, "current", 10, 0, &def->vcpu.current) < 0 ||
        dxXMLPropEnum(node, "placement", &dxDomainCPUPlacementTable,
                      DX_PROP_NONZERO, &placement) < 0)
        return -1;
    def->vcpu.placement = placement;
    if (def->vcpu.current > def->vcpu.max) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "current vcpus %u exceed the maximum %u: raise the <vcpu> count "
                      "or lower current=",
                      def->vcpu.current, def->vcpu.max);
        return -1;
    }
    if ((cpuset = dxXMLPropString(node, "cpuset"))) {
        def->vcpu.cpuset = dxBitmapParse(cpuset);
        if (!def->vcpu.cpuset || dxBitmapIsEmpty(def->vcpu.cpuset)) {
            dxErrorReport(DX_ERR_INVALID, node,
                          "invalid cpuset '%s': expected a list like '0-3,^2,8'",
                          cpuset);
            free(cpuset);
            return -1;
        }
        free(cpuset);
    }
    return 0;
}

static dxDomainVcpuDef *
dxDomainVcpuDefParse(xmlNodePtr node)
{
    dxDomainVcpuDef *v = dxNew(dxDomainVcpuDef);
    if (dxXMLPropUInt(node, "id", 10, DX_PROP_REQUIRED, &v->id) < 0 ||
        dxXMLPropTristateBool(node, "enabled", DX_PROP_REQUIRED, &v->enabled) < 0 ||
        dxXMLPropTristateBool(node, "hotpluggable", 0, &v->hotpluggable) < 0 ||
        dxXMLPropUInt(node, "order", 10, 0, &v->order) < 0) {
        free(v);
        return NULL;
    }
    return v;
}

int
dxDomainVcpusParse(dxDomainDef *def, xmlNodePtr node)
{
    DX_XML_FOREACH_CHILD(node, child) {
        dxDomainVcpuDef *v;
        if (!dxXMLNameIs(child, "vcpu"))
            continue;
        dxXMLMarkUsed(child);
        if (!(v = dxDomainVcpuDefParse(child)))
            return -1;
        DX_APPEND(def->vcpu.vcpus, def->vcpu.nvcpus, v);
    }
    return 0;
}

void
dxDomainVcpusClear(dxDomainVcpus *vcpu)
{
    size_t i;
    dxBitmapFree(vcpu->cpuset);
    for (i = 0; i < vcpu->nvcpus; i++)
        free(vcpu->vcpus[i]);
    free(vcpu->vcpus);
}

void
dxDomainVcpuFormat(dxBuf *buf, const dxDomainDef *def)
{
    size_t i;

    if (def->vcpu.max == 0)
        return;
    dxBufAddStr(buf, "<vcpu");
    if (def->vcpu.placement)
        dxBufAttr(buf, "placement", dxDomainCPUPlacementTypeToString(def->vcpu.placement));
    if (def->vcpu.cpuset) {
        char *s = dxBitmapFormat(def->vcpu.cpuset);
        dxBufAttr(buf, "cpuset", s);
        free(s);
    }
    if (def->vcpu.current && def->vcpu.current != def->vcpu.max)
        dxBufAddf(buf, " current='%u'", def->vcpu.current);
    dxBufAddf(buf, ">%u</vcpu>\n", def->vcpu.max);

    if (def->vcpu.nvcpus == 0)
        return;
    dxBufAddStr(buf, "<vcpus>\n");
    dxBufAdjustIndent(buf, 2);
    for (i = 0; i < def->vcpu.nvcpus; i++) {
        const dxDomainVcpuDef *v = def->vcpu.vcpus[i];
        dxBufAddf(buf, "<vcpu id='%u'", v->id);
        dxBufAttr(buf, "enabled", dxTristateBoolTypeToString(v->enabled));
        if (v->hotpluggable)
            dxBufAttr(buf, "hotpluggable", dxTristateBoolTypeToString(v->hotpluggable));
        if (v->order)
            dxBufAddf(buf, " order='%u'", v->order);
        dxBufAddStr(buf, "/>\n");
    }
    dxBufAdjustIndent(buf, -2);
    dxBufAddStr(buf, "</vcpus>\n");
}
