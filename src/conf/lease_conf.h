/* lease_conf.h: <lease>, a lock manager lease the domain must hold while
 * it runs.  Nothing reaches QEMU's command line. */
#pragma once

#include "domain_def.h"

struct _dxLeaseDef {
    char *lockspace;
    char *key;
    char *path;                       /* <target path=> */
    unsigned long long offset;        /* <target offset=> */
    dxSourceLoc loc;
};

int dxLeaseParse(dxDomainDef *def, xmlNodePtr node);
void dxLeaseFormat(dxBuf *buf, const dxLeaseDef *lease);
void dxLeaseFree(dxLeaseDef *lease);
