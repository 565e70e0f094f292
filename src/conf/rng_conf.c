/* rng_conf.c: parse and format of <rng>. */
#include "rng_conf.h"
#include "util/dxalloc.h"
#include "util/dxxml.h"

#include <stdlib.h>

DX_ENUM_IMPL(dxRNGModel, DX_RNG_MODEL_LAST,
             "virtio", "virtio-transitional", "virtio-non-transitional");
DX_ENUM_IMPL(dxRNGBackend, DX_RNG_BACKEND_LAST,
             "random", "egd", "builtin");

static void
dxRNGEgdFree(dxChrSourceDef *src)
{
    if (!src)
        return;
    dxChrSourceDefClear(src);
    free(src);
}

/* <backend model='egd' type='CHRTYPE'> holds a character device source:
 * where the entropy gathering daemon listens. */
static int
dxRNGEgdParse(dxRNGDef *rng, xmlNodePtr backend)
{
    int type = 0;

    if (dxXMLPropEnum(backend, "type", &dxChrTypeTable, DX_PROP_REQUIRED, &type) < 0)
        return -1;
    rng->egd = dxNew(dxChrSourceDef);
    rng->egd->type = type;
    if (dxChrSourceParse(rng->egd, backend, 0) < 0)
        return -1;
    return 0;
}

static void
dxRNGEgdFormat(dxBuf *buf, const dxRNGDef *rng)
{
    dxBuf child = DX_BUF_INIT_CHILD(buf);

    dxBufAddf(buf, "<backend model='egd' type='%s'", dxChrTypeTypeToString(rng->egd->type));
    dxChrSourceFormat(&child, rng->egd);
    if (dxBufIsEmpty(&child)) {
        dxBufAddStr(buf, "/>\n");
        return;
    }
    dxBufAddStr(buf, ">\n");
    dxBufAddBuf(buf, &child);
    dxBufAddStr(buf, "</backend>\n");
}

void
dxRNGFree(dxRNGDef *rng)
{
    if (!rng)
        return;
    free(rng->file);
    dxRNGEgdFree(rng->egd);
    dxDeviceInfoClear(&rng->info);
    free(rng);
}

static int
dxRNGParseBackend(dxRNGDef *rng, xmlNodePtr backend)
{
    int model = 0;

    if (dxXMLPropEnum(backend, "model", &dxRNGBackendTable, DX_PROP_REQUIRED, &model) < 0)
        return -1;
    rng->backend = model;
    switch (rng->backend) {
    case DX_RNG_BACKEND_RANDOM: {
        char *file = dxXMLContent(backend);
        /* an empty element means "the default device" */
        if (*file)
            rng->file = file;
        else
            free(file);
        return 0;
    }
    case DX_RNG_BACKEND_EGD:
        return dxRNGEgdParse(rng, backend);
    case DX_RNG_BACKEND_BUILTIN:
    case DX_RNG_BACKEND_LAST:
        break;
    }
    return 0;
}

static int
dxRNGParseChildren(dxRNGDef *rng, xmlNodePtr node)
{
    xmlNodePtr child;

    if (!(child = dxXMLChild(node, "backend"))) {
        dxErrorReport(DX_ERR_INVALID, node, "missing <backend> element in <rng>");
        return -1;
    }
    if (dxRNGParseBackend(rng, child) < 0)
        return -1;
    if ((child = dxXMLChild(node, "rate")) &&
        (dxXMLPropUInt(child, "bytes", 10, DX_PROP_REQUIRED, &rng->rateBytes) < 0 ||
         dxXMLPropUInt(child, "period", 10, 0, &rng->ratePeriod) < 0))
        return -1;
    if ((child = dxXMLChild(node, "driver")) &&
        dxVirtioOptionsParse(child, &rng->virtio) < 0)
        return -1;
    if (dxDeviceInfoParse(&rng->info, node, 0) < 0)
        return -1;
    /* the daemon's socket must be fully described */
    if (rng->egd && dxChrSourceValidate(rng->egd, &rng->info.loc, false) < 0)
        return -1;
    return 0;
}

int
dxRNGParse(dxDomainDef *def, xmlNodePtr node)
{
    dxRNGDef *rng = dxNew(dxRNGDef);
    int model = 0;

    if (dxXMLPropEnum(node, "model", &dxRNGModelTable, DX_PROP_REQUIRED, &model) < 0 ||
        dxRNGParseChildren(rng, node) < 0) {
        dxRNGFree(rng);
        return -1;
    }
    rng->model = model;
    DX_APPEND(def->rngs, def->nrngs, rng);
    return 0;
}

static void
dxRNGFormatBackend(dxBuf *buf, const dxRNGDef *rng)
{
    const char *model = dxRNGBackendTypeToString(rng->backend);

    switch (rng->backend) {
    case DX_RNG_BACKEND_RANDOM:
        dxBufAddf(buf, "<backend model='%s'>", model);
        dxBufEscapeXML(buf, dxNullStr(rng->file));
        dxBufAddStr(buf, "</backend>\n");
        break;
    case DX_RNG_BACKEND_EGD:
        dxRNGEgdFormat(buf, rng);
        break;
    case DX_RNG_BACKEND_BUILTIN:
    case DX_RNG_BACKEND_LAST:
        dxBufAddf(buf, "<backend model='%s'/>\n", model);
        break;
    }
}

void
dxRNGFormat(dxBuf *buf, const dxRNGDef *rng)
{
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    dxBuf driver = DX_BUF_INIT;

    dxBufAttr(&attrs, "model", dxRNGModelTypeToString(rng->model));
    if (rng->rateBytes) {
        dxBufAddf(&child, "<rate bytes='%u'", rng->rateBytes);
        if (rng->ratePeriod)
            dxBufAddf(&child, " period='%u'", rng->ratePeriod);
        dxBufAddStr(&child, "/>\n");
    }
    dxRNGFormatBackend(&child, rng);
    dxVirtioOptionsFormat(&driver, &rng->virtio);
    dxBufElement(&child, "driver", &driver, NULL);
    dxDeviceInfoFormat(&child, &rng->info, 0);
    dxBufElement(buf, "rng", &attrs, &child);
}
