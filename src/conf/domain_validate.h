/* domain_validate.h: rules a parsed domain must satisfy whatever the
 * hypervisor (libvirt's define-time checks). */
#pragma once

#include "domain_def.h"

/* Reports every violation found; 0 or -1. */
int dxDomainDefValidate(const dxDomainDef *def);
