/* features_extra.c: structured <features> members. */
#include "features_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

#include <stdlib.h>

bool
dxFeaturesExtraSupported(dxDomainFeature f)
{
    (void)f;
    return false;
}

int
dxFeaturesExtraParse(dxDomainFeatures *features, dxDomainFeature f, xmlNodePtr node)
{
    (void)features;
    dxErrorReport(DX_ERR_INTERNAL, node, "feature '%s' has no parser",
                  dxDomainFeatureTypeToString(f));
    return -1;
}

void
dxFeaturesExtraFormat(dxBuf *buf, const dxDomainFeatures *features, dxDomainFeature f)
{
    (void)buf;
    (void)features;
    (void)f;
}

void
dxFeaturesExtraFree(dxDomainFeaturesExtra *extra)
{
    free(extra);
}
