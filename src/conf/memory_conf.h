/* memory_conf.h: how guest RAM is backed on the host (<memoryBacking>). */
#pragma once

#include "domain_def.h"

typedef enum {
    DX_MEMORY_SOURCE_NONE = 0,
    DX_MEMORY_SOURCE_FILE,
    DX_MEMORY_SOURCE_ANONYMOUS,
    DX_MEMORY_SOURCE_MEMFD,
    DX_MEMORY_SOURCE_LAST
} dxMemorySource;
DX_ENUM_DECL(dxMemorySource);

typedef enum {
    DX_MEMORY_ACCESS_DEFAULT = 0,
    DX_MEMORY_ACCESS_SHARED,
    DX_MEMORY_ACCESS_PRIVATE,
    DX_MEMORY_ACCESS_LAST
} dxMemoryAccess;
DX_ENUM_DECL(dxMemoryAccess);

typedef enum {
    DX_MEMORY_ALLOCATION_NONE = 0,
    DX_MEMORY_ALLOCATION_IMMEDIATE,
    DX_MEMORY_ALLOCATION_ONDEMAND,
    DX_MEMORY_ALLOCATION_LAST
} dxMemoryAllocation;
DX_ENUM_DECL(dxMemoryAllocation);

typedef struct {
    unsigned long long sizeKiB;      /* 0: the host's default huge page size */
    dxBitmap *nodeset;               /* guest NUMA cells; NULL = all others */
} dxHugepage;

struct _dxDomainMemoryBackingDef {
    bool hugepages;                  /* <hugepages> given */
    dxHugepage *pages;
    size_t npages;
    bool nosharepages;
    bool locked;
    int source;                      /* dxMemorySource */
    int access;                      /* dxMemoryAccess */
    int allocation;                  /* dxMemoryAllocation */
    unsigned int allocThreads;       /* 0: not given */
    bool discard;
    dxSourceLoc loc;
};

int dxDomainMemoryBackingParse(dxDomainDef *def, xmlNodePtr node);
void dxDomainMemoryBackingFormat(dxBuf *buf, const dxDomainDef *def);
void dxDomainMemoryBackingDefFree(dxDomainMemoryBackingDef *mb);
int dxDomainMemoryBackingValidate(const dxDomainDef *def);
/* The page size backing guest NUMA cell CELL (-1: the whole RAM when
 * there are no cells): 0 when it is not on huge pages, otherwise the
 * size in KiB, where DEFAULT_KIB stands for "the host default". */
unsigned long long dxDomainHugepageSizeFor(const dxDomainDef *def, long cell,
                                           unsigned long long defaultKiB);
