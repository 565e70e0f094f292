/* qemu_validate.h: rules QEMU 7.2 adds on top of the generic ones
 * (libvirt's qemu_validate.c). */
#pragma once

#include "conf/domain_def.h"

/* Checks an expanded domain; reports every violation; 0 or -1. */
int dxQemuDomainValidate(const dxDomainDef *def);
