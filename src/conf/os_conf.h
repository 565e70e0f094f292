/* os_conf.h: the firmware pieces of <os>: <loader> and <nvram>. */
#pragma once

#include "domain_def.h"

struct _dxDomainLoaderDef {
    char *path;                    /* <loader>PATH</loader> */
    dxTristateBool readonly;
    dxTristateBool secure;
    dxTristateBool stateless;
    dxDomainLoaderType type;
    bool nvramPresent;             /* an <nvram> element was given */
    char *nvramPath;               /* <nvram>PATH</nvram> */
    char *nvramTemplate;           /* <nvram template=> */
};

void dxDomainLoaderDefFree(dxDomainLoaderDef *loader);
