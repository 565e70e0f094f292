/* numa_conf.h: the guest NUMA topology (<cpu><numa>: cells, distances,
 * HMAT caches and interconnects) and host memory placement (<numatune>). */
#pragma once

#include "domain_def.h"

typedef enum {
    DX_NUMA_MEM_ACCESS_DEFAULT = 0,
    DX_NUMA_MEM_ACCESS_SHARED,
    DX_NUMA_MEM_ACCESS_PRIVATE,
    DX_NUMA_MEM_ACCESS_LAST
} dxNumaMemAccess;
DX_ENUM_DECL(dxNumaMemAccess);

typedef enum {
    DX_NUMA_CACHE_ASSOC_NONE = 0,
    DX_NUMA_CACHE_ASSOC_DIRECT,
    DX_NUMA_CACHE_ASSOC_FULL,
    DX_NUMA_CACHE_ASSOC_LAST
} dxNumaCacheAssociativity;
DX_ENUM_DECL(dxNumaCacheAssociativity);

typedef enum {
    DX_NUMA_CACHE_POLICY_NONE = 0,
    DX_NUMA_CACHE_POLICY_WRITEBACK,
    DX_NUMA_CACHE_POLICY_WRITETHROUGH,
    DX_NUMA_CACHE_POLICY_LAST
} dxNumaCachePolicy;
DX_ENUM_DECL(dxNumaCachePolicy);

typedef enum {
    DX_NUMA_INTERCONNECT_LATENCY = 0,
    DX_NUMA_INTERCONNECT_BANDWIDTH,
    DX_NUMA_INTERCONNECT_LAST
} dxNumaInterconnectType;
DX_ENUM_DECL(dxNumaInterconnectType);

typedef enum {
    DX_NUMA_ACCESS_ACCESS = 0,
    DX_NUMA_ACCESS_READ,
    DX_NUMA_ACCESS_WRITE,
    DX_NUMA_ACCESS_LAST
} dxNumaAccessType;
DX_ENUM_DECL(dxNumaAccessType);

typedef enum {
    DX_NUMATUNE_MODE_STRICT = 0,
    DX_NUMATUNE_MODE_PREFERRED,
    DX_NUMATUNE_MODE_INTERLEAVE,
    DX_NUMATUNE_MODE_RESTRICTIVE,
    DX_NUMATUNE_MODE_LAST
} dxNumatuneMode;
DX_ENUM_DECL(dxNumatuneMode);

typedef enum {
    DX_NUMATUNE_PLACEMENT_DEFAULT = 0,
    DX_NUMATUNE_PLACEMENT_STATIC,
    DX_NUMATUNE_PLACEMENT_AUTO,
    DX_NUMATUNE_PLACEMENT_LAST
} dxNumatunePlacement;
DX_ENUM_DECL(dxNumatunePlacement);

typedef struct {
    unsigned int level;
    int associativity;               /* dxNumaCacheAssociativity */
    int policy;                      /* dxNumaCachePolicy */
    unsigned long long size;         /* KiB, as libvirt keeps it */
    unsigned long long line;         /* bytes */
} dxNumaCache;

typedef struct {
    unsigned int id;                 /* sibling cell */
    unsigned int value;
} dxNumaDistance;

typedef struct {
    unsigned int id;
    dxBitmap *cpus;                  /* NULL: a memory-only cell */
    unsigned long long memKiB;
    int memAccess;                   /* dxNumaMemAccess */
    dxTristateBool discard;
    dxNumaDistance *distances;
    size_t ndistances;
    dxNumaCache *caches;
    size_t ncaches;
} dxNumaCell;

typedef struct {
    int type;                        /* dxNumaInterconnectType */
    unsigned int initiator;
    unsigned int target;
    unsigned int cache;              /* 0: the memory itself */
    int access;                      /* dxNumaAccessType */
    unsigned long long value;        /* latency in ns, bandwidth in KiB/s */
} dxNumaInterconnect;

typedef struct {
    unsigned int cellid;
    int mode;                        /* dxNumatuneMode */
    dxBitmap *nodeset;
} dxNumatuneMemnode;

struct _dxDomainNumaDef {
    dxSourceLoc loc;                 /* <numa> */
    dxNumaCell *cells;
    size_t ncells;
    dxNumaInterconnect *interconnects;
    size_t ninterconnects;

    /* <numatune> */
    bool hasNumatune;
    dxSourceLoc tuneLoc;
    bool hasMemory;                  /* <numatune><memory> given */
    int memoryMode;                  /* dxNumatuneMode */
    int placement;                   /* dxNumatunePlacement */
    dxBitmap *nodeset;
    dxNumatuneMemnode *memnodes;
    size_t nmemnodes;
};

/* <cpu><numa> */
int dxDomainNumaCellsParse(dxDomainDef *def, xmlNodePtr node);
void dxDomainNumaCellsFormat(dxBuf *buf, const dxDomainDef *def);
/* <numatune> */
int dxDomainNumatuneParse(dxDomainDef *def, xmlNodePtr node);
void dxDomainNumatuneFormat(dxBuf *buf, const dxDomainDef *def);
void dxDomainNumaDefFree(dxDomainNumaDef *numa);
/* Defaults: cell order, symmetric distances, numatune placement. */
int dxDomainNumaPostParse(dxDomainDef *def);
int dxDomainNumaValidate(const dxDomainDef *def);

size_t dxDomainNumaCellCount(const dxDomainDef *def);
unsigned long long dxDomainNumaTotalMemory(const dxDomainDef *def);
/* Whether all guest RAM is shared with the host (vhost-user backends and
 * virtiofsd map it): <memoryBacking><access mode='shared'/>, or every NUMA
 * cell's own access. */
bool dxDomainGuestMemoryIsShared(const dxDomainDef *def);
/* The distance from cell A to cell B (10 for A == B, 20 when unknown). */
unsigned int dxDomainNumaDistance(const dxDomainNumaDef *numa, size_t a, size_t b);
bool dxDomainNumaHasDistances(const dxDomainNumaDef *numa);
/* Whether some distance differs from QEMU's defaults (10 local, 20 remote). */
bool dxDomainNumaHasCustomDistances(const dxDomainNumaDef *numa);
/* The cell whose CPUs access memory-only cell CELL best (HMAT). */
int dxDomainNumaCellInitiator(const dxDomainNumaDef *numa, size_t cell);
/* The <memnode> for CELLID, or NULL. */
const dxNumatuneMemnode *dxDomainNumatuneMemnode(const dxDomainNumaDef *numa,
                                                 unsigned int cellid);
