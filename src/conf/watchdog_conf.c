/* watchdog_conf.c: parse, format and checks of <watchdog>. */
#include "watchdog_conf.h"
#include "util/dxalloc.h"
#include "util/dxxml.h"

#include <stdlib.h>

DX_ENUM_IMPL(dxWatchdogModel, DX_WATCHDOG_MODEL_LAST,
             "i6300esb", "ib700", "diag288");
DX_ENUM_IMPL(dxWatchdogAction, DX_WATCHDOG_ACTION_LAST,
             "reset", "shutdown", "poweroff", "pause", "dump", "none",
             "inject-nmi");

void
dxWatchdogFree(dxWatchdogDef *wd)
{
    if (!wd)
        return;
    dxDeviceInfoClear(&wd->info);
    free(wd);
}

int
dxWatchdogParse(dxDomainDef *def, xmlNodePtr node)
{
    dxWatchdogDef *wd = dxNew(dxWatchdogDef);
    int model = 0, action = 0;

    if (dxXMLPropEnum(node, "model", &dxWatchdogModelTable, DX_PROP_REQUIRED, &model) < 0 ||
        dxXMLPropEnum(node, "action", &dxWatchdogActionTable, 0, &action) < 0 ||
        dxDeviceInfoParse(&wd->info, node, 0) < 0) {
        dxWatchdogFree(wd);
        return -1;
    }
    wd->model = model;
    wd->action = action;
    DX_APPEND(def->watchdogs, def->nwatchdogs, wd);
    return 0;
}

void
dxWatchdogFormat(dxBuf *buf, const dxWatchdogDef *wd)
{
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);

    dxBufAttr(&attrs, "model", dxWatchdogModelTypeToString(wd->model));
    /* the action is always written, even when it is the default */
    dxBufAttr(&attrs, "action", dxWatchdogActionTypeToString(wd->action));
    dxDeviceInfoFormat(&child, &wd->info, 0);
    dxBufElement(buf, "watchdog", &attrs, &child);
}

int
dxWatchdogValidate(const dxDomainDef *def)
{
    /* libvirt 9.0 models one watchdog per domain */
    if (def->nwatchdogs > 1) {
        dxErrorReportLoc(DX_ERR_INVALID, &def->watchdogs[1]->info.loc,
                         "only a single watchdog device is supported");
        return -1;
    }
    return 0;
}
