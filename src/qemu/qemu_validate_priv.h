/* qemu_validate_priv.h: QEMU rules kept beside their family;
 * qemu_validate.c lists them in its rule table. */
#pragma once

#include "conf/domain_def.h"

/* qemu_validate_domain.c: domain-wide parts */
int dxQemuValidateCPU(const dxDomainDef *def);
int dxQemuValidateFirmware(const dxDomainDef *def);
int dxQemuValidateFeatures(const dxDomainDef *def);
int dxQemuValidateArch(const dxDomainDef *def);
int dxQemuValidateCPUArch(const dxDomainDef *def);
int dxQemuValidateFeatureArch(const dxDomainDef *def);
int dxQemuValidateMemory(const dxDomainDef *def);
int dxQemuValidateBootloader(const dxDomainDef *def);
int dxQemuValidateLifecycle(const dxDomainDef *def);
int dxQemuValidateHostNodes(const dxDomainDef *def);
int dxQemuValidateTimers(const dxDomainDef *def);
