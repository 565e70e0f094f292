/* panic_conf.c: parse, format and checks of <panic>. */
#include "panic_conf.h"
#include "util/dxalloc.h"
#include "util/dxxml.h"

#include <stdlib.h>

DX_ENUM_IMPL(dxPanicModel, DX_PANIC_MODEL_LAST,
             "default", "isa", "pseries", "hyperv", "s390", "pvpanic");

void
dxPanicFree(dxPanicDef *panic)
{
    if (!panic)
        return;
    dxDeviceInfoClear(&panic->info);
    free(panic);
}

int
dxPanicParse(dxDomainDef *def, xmlNodePtr node)
{
    dxPanicDef *panic = dxNew(dxPanicDef);
    int model = 0;

    if (dxXMLPropEnum(node, "model", &dxPanicModelTable, 0, &model) < 0 ||
        dxDeviceInfoParse(&panic->info, node, 0) < 0) {
        dxPanicFree(panic);
        return -1;
    }
    panic->model = model;
    DX_APPEND(def->panics, def->npanics, panic);
    return 0;
}

void
dxPanicFormat(dxBuf *buf, const dxPanicDef *panic)
{
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);

    if (panic->model)
        dxBufAttr(&attrs, "model", dxPanicModelTypeToString(panic->model));
    dxDeviceInfoFormat(&child, &panic->info, 0);
    /* like libvirt, a bare default panic formats as nothing at all */
    dxBufElement(buf, "panic", &attrs, &child);
}

bool
dxDomainHasHypervPanic(const dxDomainDef *def)
{
    size_t i;
    for (i = 0; i < def->npanics; i++) {
        if (def->panics[i]->model == DX_PANIC_MODEL_HYPERV)
            return true;
    }
    return false;
}

int
dxPanicValidate(const dxDomainDef *def)
{
    size_t i, j;

    /* one device per model: two would fight over the same hardware */
    for (i = 0; i < def->npanics; i++) {
        for (j = 0; j < i; j++) {
            if (def->panics[i]->model == def->panics[j]->model) {
                dxErrorReportLoc(DX_ERR_INVALID, &def->panics[i]->info.loc,
                                 "Multiple panic devices with model '%s' are not supported",
                                 dxPanicModelTypeToString(def->panics[i]->model));
                return -1;
            }
        }
    }
    return 0;
}
