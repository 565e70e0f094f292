/* qemu_chr.h: the QEMU driver's view of character devices: defaults,
 * aliases and what QEMU 7.2 cannot run. */
#pragma once

#include "conf/domain_def.h"

/* Serial target types and models (isa-serial unless the address says
 * otherwise). */
int dxQemuExpandChr(dxDomainDef *def);
/* serialN, parallelN, channelN, consoleN by position. */
int dxQemuAssignChrAliases(dxDomainDef *def);
int dxQemuValidateChr(const dxDomainDef *def);
