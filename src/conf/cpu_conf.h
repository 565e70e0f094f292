/* cpu_conf.h: the guest CPU (<cpu>): mode, model, vendor, topology,
 * cache, physical address bits and features.  Its <numa> child is kept
 * in the domain's NUMA description (numa_conf.h). */
#pragma once

#include "domain_def.h"

typedef enum {
    DX_CPU_MODE_CUSTOM = 0,
    DX_CPU_MODE_HOST_MODEL,
    DX_CPU_MODE_HOST_PASSTHROUGH,
    DX_CPU_MODE_MAXIMUM,
    DX_CPU_MODE_LAST
} dxCPUMode;
DX_ENUM_DECL(dxCPUMode);

typedef enum {
    DX_CPU_MATCH_DEFAULT = 0,
    DX_CPU_MATCH_MINIMUM,
    DX_CPU_MATCH_EXACT,
    DX_CPU_MATCH_STRICT,
    DX_CPU_MATCH_LAST
} dxCPUMatch;
DX_ENUM_DECL(dxCPUMatch);

typedef enum {
    DX_CPU_CHECK_DEFAULT = 0,
    DX_CPU_CHECK_NONE,
    DX_CPU_CHECK_PARTIAL,
    DX_CPU_CHECK_FULL,
    DX_CPU_CHECK_LAST
} dxCPUCheck;
DX_ENUM_DECL(dxCPUCheck);

typedef enum {
    DX_CPU_FALLBACK_ALLOW = 0,
    DX_CPU_FALLBACK_FORBID,
    DX_CPU_FALLBACK_LAST
} dxCPUFallback;
DX_ENUM_DECL(dxCPUFallback);

typedef enum {
    DX_CPU_FEATURE_FORCE = 0,
    DX_CPU_FEATURE_REQUIRE,
    DX_CPU_FEATURE_OPTIONAL,
    DX_CPU_FEATURE_DISABLE,
    DX_CPU_FEATURE_FORBID,
    DX_CPU_FEATURE_LAST
} dxCPUFeaturePolicy;
DX_ENUM_DECL(dxCPUFeaturePolicy);

typedef enum {
    DX_CPU_CACHE_EMULATE = 0,
    DX_CPU_CACHE_PASSTHROUGH,
    DX_CPU_CACHE_DISABLE,
    DX_CPU_CACHE_LAST
} dxCPUCacheMode;
DX_ENUM_DECL(dxCPUCacheMode);

typedef enum {
    DX_CPU_MAXPHYSADDR_EMULATE = 0,
    DX_CPU_MAXPHYSADDR_PASSTHROUGH,
    DX_CPU_MAXPHYSADDR_LAST
} dxCPUMaxPhysAddrMode;
DX_ENUM_DECL(dxCPUMaxPhysAddrMode);

typedef struct {
    char *name;
    int policy;                      /* dxCPUFeaturePolicy */
} dxCPUFeature;

struct _dxDomainCPUDef {
    dxSourceLoc loc;
    int mode;                        /* dxCPUMode */
    int match;                       /* dxCPUMatch */
    int check;                       /* dxCPUCheck */
    dxTristateSwitch migratable;
    char *model;
    int fallback;                    /* dxCPUFallback */
    char *vendorId;                  /* <model vendor_id=> */
    char *vendor;                    /* <vendor> */
    bool hasTopology;
    unsigned int sockets;
    unsigned int dies;
    unsigned int cores;
    unsigned int threads;
    bool hasCache;
    int cacheLevel;                  /* -1 when not given */
    int cacheMode;                   /* dxCPUCacheMode */
    bool hasMaxPhysAddr;
    int maxPhysAddrMode;             /* dxCPUMaxPhysAddrMode */
    int maxPhysAddrBits;             /* -1 when not given */
    dxCPUFeature *features;
    size_t nfeatures;
};

int dxDomainCPUParse(dxDomainDef *def, xmlNodePtr node);
void dxDomainCPUFormat(dxBuf *buf, const dxDomainDef *def);
void dxDomainCPUDefFree(dxDomainCPUDef *cpu);
/* Driver-independent checks of <cpu> against the rest of the domain. */
int dxDomainCPUValidate(const dxDomainDef *def);
/* vCPUs per socket etc. multiplied out; 0 when there is no topology. */
unsigned long long dxDomainCPUTopologyTotal(const dxDomainCPUDef *cpu);
const dxCPUFeature *dxDomainCPUFindFeature(const dxDomainCPUDef *cpu, const char *name);
