/* qemu_display.h: the QEMU driver's view of graphics, video, input, sound
 * and audio: implicit devices and defaults, aliases, and what QEMU 7.2
 * cannot run. */
#pragma once

#include <stdbool.h>

#include "conf/domain_def.h"

/* The PS/2 mouse and keyboard every PC has, and libvirt 9.0's default
 * audio backend. */
int dxQemuExpandDisplayDevices(dxDomainDef *def);
/* Per-device defaults (QXL VGA memory, generated VNC sockets). */
int dxQemuExpandDisplay(dxDomainDef *def);
int dxQemuAssignDisplayAliases(dxDomainDef *def);
int dxQemuValidateDisplay(const dxDomainDef *def);

/* Whether socket PATH lies in a per-domain state directory of libvirt or
 * domxml ("<root>/domain-.../"), i.e. an earlier run generated it.
 * STATEDIR, when given, adds dirname(STATEDIR) to the roots. */
bool dxQemuSocketIsGenerated(const char *path, const char *stateDir);
