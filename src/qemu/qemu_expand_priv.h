/* qemu_expand_priv.h: the steps of the QEMU driver's post-parse, each
 * in the file of its family; qemu_expand.c fixes their order. */
#pragma once

#include "conf/domain_def.h"

/* qemu_expand_domain.c: domain-wide defaults */
int dxQemuExpandCPU(dxDomainDef *def);
int dxQemuExpandNuma(dxDomainDef *def);
int dxQemuExpandFirmware(dxDomainDef *def);
int dxQemuExpandSeclabels(dxDomainDef *def);
