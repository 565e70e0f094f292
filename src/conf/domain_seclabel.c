/* domain_seclabel.c: <seclabel> for the domain and for devices. */
#include "seclabel_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

#include <stdlib.h>

DX_ENUM_IMPL(dxSeclabelType, DX_SECLABEL_LAST, "", "none", "dynamic", "static");

static void
dxSeclabelFree(dxSeclabel *l)
{
    if (!l)
        return;
    free(l->model);
    free(l->label);
    free(l->imagelabel);
    free(l->baselabel);
    free(l);
}

void
dxDomainSeclabelDefFree(dxDomainSeclabelDef *sec)
{
    size_t i;
    if (!sec)
        return;
    for (i = 0; i < sec->n; i++)
        dxSeclabelFree(sec->labels[i]);
    free(sec->labels);
    dxSourceLocClear(&sec->loc);
    free(sec);
}

static int
dxSeclabelCheck(const dxSeclabel *l, xmlNodePtr node)
{
    if (l->type == DX_SECLABEL_STATIC && !l->label) {
        dxErrorReport(DX_ERR_INVALID, node, "security label is missing");
        return -1;
    }
    if (l->type == DX_SECLABEL_DYNAMIC && l->relabel == DX_TRISTATE_BOOL_NO) {
        dxErrorReport(DX_ERR_UNSUPPORTED, node,
                      "dynamic label type must use resource relabeling");
        return -1;
    }
    if (l->type == DX_SECLABEL_NONE && l->relabel == DX_TRISTATE_BOOL_YES) {
        dxErrorReport(DX_ERR_UNSUPPORTED, node,
                      "resource relabeling is not compatible with 'none' label type");
        return -1;
    }
    return 0;
}

int
dxDomainSeclabelParse(dxDomainDef *def, xmlNodePtr node)
{
    dxSeclabel *l = dxNew(dxSeclabel);

    if (!def->seclabels) {
        def->seclabels = dxNew(dxDomainSeclabelDef);
        dxSourceLocSet(&def->seclabels->loc, node);
    }
    DX_APPEND(def->seclabels->labels, def->seclabels->n, l);
    if (dxXMLPropEnum(node, "type", &dxSeclabelTypeTable, DX_PROP_NONZERO, &l->type) < 0 ||
        dxXMLPropTristateBool(node, "relabel", 0, &l->relabel) < 0)
        return -1;
    l->model = dxXMLPropString(node, "model");
    l->label = dxXMLChildContent(node, "label");
    l->imagelabel = dxXMLChildContent(node, "imagelabel");
    l->baselabel = dxXMLChildContent(node, "baselabel");
    if (dxSeclabelCheck(l, node) < 0)
        return -1;
    /* only a dynamic label is relabeled by default */
    if (!l->relabel && l->type != DX_SECLABEL_DEFAULT)
        l->relabel = l->type == DX_SECLABEL_DYNAMIC ? DX_TRISTATE_BOOL_YES : DX_TRISTATE_BOOL_NO;
    return 0;
}

int
dxDomainSeclabelValidate(const dxDomainDef *def)
{
    const dxDomainSeclabelDef *sec = def->seclabels;
    size_t i, j;

    if (!sec || sec->n < 2)
        return 0;
    for (i = 0; i < sec->n; i++) {
        if (!sec->labels[i]->model) {
            dxErrorReportLoc(DX_ERR_INVALID, &sec->loc,
                             "missing security model when using multiple labels");
            return -1;
        }
        for (j = 0; j < i; j++) {
            if (dxStrEq(sec->labels[i]->model, sec->labels[j]->model)) {
                dxErrorReportLoc(DX_ERR_INVALID, &sec->loc,
                                 "seclabel for model %s is already provided",
                                 sec->labels[i]->model);
                return -1;
            }
        }
    }
    return 0;
}

static void
dxSeclabelFormat(dxBuf *buf, const dxSeclabel *l)
{
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);

    /* a label without a type is a placeholder the driver never filled */
    if (l->type == DX_SECLABEL_DEFAULT)
        return;
    dxBufAttr(&attrs, "type", dxSeclabelTypeTypeToString(l->type));
    dxBufAttr(&attrs, "model", l->model);
    if (l->type != DX_SECLABEL_NONE)
        dxBufAttr(&attrs, "relabel", dxTristateBoolTypeToString(l->relabel));
    /* a dynamic label and the image label are generated when starting */
    if (l->type == DX_SECLABEL_STATIC)
        dxBufTextElement(&child, "label", l->label);
    if (l->type == DX_SECLABEL_DYNAMIC)
        dxBufTextElement(&child, "baselabel", l->baselabel);
    dxBufElementAlways(buf, "seclabel", &attrs, &child);
}

void
dxDomainSeclabelFormat(dxBuf *buf, const dxDomainDef *def)
{
    size_t i;
    for (i = 0; def->seclabels && i < def->seclabels->n; i++)
        dxSeclabelFormat(buf, def->seclabels->labels[i]);
}

/* ---- device labels ------------------------------------------------------------ */

/* One <seclabel> of a device.  domxml reads definitions (inactive XML):
 * 'labelskip' is live state, accepted and dropped as libvirt does, which
 * leaves such a label with nothing to say (see the format below). */
static int
dxDeviceSeclabelParse(xmlNodePtr node, dxDeviceSeclabel *l)
{
    dxTristateBool labelskip;

    l->model = dxXMLPropString(node, "model");
    if (dxXMLPropTristateBool(node, "relabel", 0, &l->relabel) < 0 ||
        dxXMLPropTristateBool(node, "labelskip", 0, &labelskip) < 0)
        return -1;
    l->label = dxXMLChildContent(node, "label");
    if (l->label && l->relabel == DX_TRISTATE_BOOL_NO) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "cannot specify a label if relabelling is turned off (model %s)",
                      dxNullStr(l->model));
        return -1;
    }
    /* relabelling is the default */
    if (!l->relabel)
        l->relabel = DX_TRISTATE_BOOL_YES;
    return 0;
}

int
dxDeviceSeclabelsParse(xmlNodePtr node, dxDeviceSeclabel **list, size_t *n)
{
    DX_XML_FOREACH_CHILD(node, child) {
        dxDeviceSeclabel l = { 0 };
        size_t i;
        if (!dxXMLNameIs(child, "seclabel") || child->ns)
            continue;
        dxXMLMarkUsed(child);
        if (dxDeviceSeclabelParse(child, &l) < 0) {
            free(l.model);
            free(l.label);
            return -1;
        }
        DX_APPEND(*list, *n, l);
        if (*n > 1) {
            for (i = 0; i < *n; i++) {
                if (!(*list)[i].model) {
                    dxErrorReport(DX_ERR_INVALID, child,
                                  "missing security model when using multiple labels");
                    return -1;
                }
            }
        }
    }
    return 0;
}

void
dxDeviceSeclabelsFormat(dxBuf *buf, const dxDeviceSeclabel *list, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        dxBuf attrs = DX_BUF_INIT;
        dxBuf child = DX_BUF_INIT_CHILD(buf);
        /* relabelling with the default label is what happens anyway */
        if (list[i].relabel != DX_TRISTATE_BOOL_NO && !list[i].label)
            continue;
        dxBufAttr(&attrs, "model", list[i].model);
        dxBufAttr(&attrs, "relabel", dxTristateBoolTypeToString(list[i].relabel));
        dxBufTextElement(&child, "label", list[i].label);
        dxBufElementAlways(buf, "seclabel", &attrs, &child);
    }
}

void
dxDeviceSeclabelsFree(dxDeviceSeclabel *list, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        free(list[i].model);
        free(list[i].label);
    }
    free(list);
}
