/* domain_postparse.h: driver-independent defaults libvirt applies to
 * every parsed domain (what its generic round trip shows). */
#pragma once

#include "domain_def.h"

int dxDomainDefPostParse(dxDomainDef *def);
