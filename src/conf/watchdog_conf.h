/* watchdog_conf.h: <watchdog>, the emulated hardware watchdog. */
#pragma once

#include "device_info.h"
#include "domain_def.h"

typedef enum {
    DX_WATCHDOG_MODEL_I6300ESB = 0,
    DX_WATCHDOG_MODEL_IB700,
    DX_WATCHDOG_MODEL_DIAG288,
    DX_WATCHDOG_MODEL_LAST
} dxWatchdogModel;
DX_ENUM_DECL(dxWatchdogModel);

typedef enum {
    DX_WATCHDOG_ACTION_RESET = 0,     /* the default */
    DX_WATCHDOG_ACTION_SHUTDOWN,
    DX_WATCHDOG_ACTION_POWEROFF,
    DX_WATCHDOG_ACTION_PAUSE,
    DX_WATCHDOG_ACTION_DUMP,
    DX_WATCHDOG_ACTION_NONE,
    DX_WATCHDOG_ACTION_INJECTNMI,
    DX_WATCHDOG_ACTION_LAST
} dxWatchdogAction;
DX_ENUM_DECL(dxWatchdogAction);

struct _dxWatchdogDef {
    dxWatchdogModel model;
    dxWatchdogAction action;
    dxDeviceInfo info;
};

int dxWatchdogParse(dxDomainDef *def, xmlNodePtr node);
void dxWatchdogFormat(dxBuf *buf, const dxWatchdogDef *wd);
void dxWatchdogFree(dxWatchdogDef *wd);
/* Rules between watchdogs and the rest of the domain. */
int dxWatchdogValidate(const dxDomainDef *def);
