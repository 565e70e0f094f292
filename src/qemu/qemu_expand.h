/* qemu_expand.h: what libvirt's QEMU driver adds to a defined domain:
 * the emulator, implicit controllers and devices, defaults and addresses.
 * `domxml format --expand` shows the result; `to-argv` always applies it. */
#pragma once

#include "conf/domain_def.h"

int dxQemuDomainExpand(dxDomainDef *def);
