/* panic_conf.h: <panic>, how the guest reports a kernel panic. */
#pragma once

#include "device_info.h"
#include "domain_def.h"

typedef enum {
    DX_PANIC_MODEL_DEFAULT = 0,
    DX_PANIC_MODEL_ISA,
    DX_PANIC_MODEL_PSERIES,
    DX_PANIC_MODEL_HYPERV,
    DX_PANIC_MODEL_S390,
    DX_PANIC_MODEL_PVPANIC,
    DX_PANIC_MODEL_LAST
} dxPanicModel;
DX_ENUM_DECL(dxPanicModel);

struct _dxPanicDef {
    dxPanicModel model;
    dxDeviceInfo info;
};

int dxPanicParse(dxDomainDef *def, xmlNodePtr node);
void dxPanicFormat(dxBuf *buf, const dxPanicDef *panic);
void dxPanicFree(dxPanicDef *panic);
int dxPanicValidate(const dxDomainDef *def);
/* Whether a <panic model='hyperv'/> asks for the hv-crash CPU flag. */
bool dxDomainHasHypervPanic(const dxDomainDef *def);
