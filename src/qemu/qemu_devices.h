/* qemu_devices.h: the QEMU driver's post-parse, aliases and checks for
 * the device families of qemu_cmd_devices.h. */
#pragma once

#include "conf/domain_def.h"

/* Expand steps (qemu_expand.c fixes their place). */
int dxQemuExpandDefaultMemballoon(dxDomainDef *def);
int dxQemuExpandOtherDevices(dxDomainDef *def);
int dxQemuAssignMemorySlots(dxDomainDef *def);

/* "balloon0", "rng0", "tpm0", "fs0", "dimm0", ... (qemu_alias.c). */
void dxQemuAssignOtherAliases(dxDomainDef *def);

/* What QEMU 7.2 cannot run among these devices (qemu_validate.c). */
int dxQemuValidateOtherDevices(const dxDomainDef *def);
