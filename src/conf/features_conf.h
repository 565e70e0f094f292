/* features_conf.h: the structured members of <features> (hyperv, kvm,
 * smm, gic, ioapic, ...). */
#pragma once

#include "domain_def.h"

struct _dxDomainFeaturesExtra {
    int unused;                     /* members are added per feature */
};

/* Whether features_extra.c understands feature F yet. */
bool dxFeaturesExtraSupported(dxDomainFeature f);
int dxFeaturesExtraParse(dxDomainFeatures *features, dxDomainFeature f, xmlNodePtr node);
void dxFeaturesExtraFormat(dxBuf *buf, const dxDomainFeatures *features, dxDomainFeature f);
void dxFeaturesExtraFree(dxDomainFeaturesExtra *extra);
