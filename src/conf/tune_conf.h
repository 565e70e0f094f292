/* tune_conf.h: host-side tuning of the domain's threads and resources:
 * <iothreads>/<iothreadids>/<defaultiothread>, <cputune>, <blkiotune>
 * and <memtune>.  None of them changes what the guest sees. */
#pragma once

#include "domain_def.h"

typedef enum {
    DX_SCHED_NONE = 0,
    DX_SCHED_BATCH,
    DX_SCHED_IDLE,
    DX_SCHED_FIFO,
    DX_SCHED_RR,
    DX_SCHED_LAST
} dxSchedPolicy;
DX_ENUM_DECL(dxSchedPolicy);

typedef enum {
    DX_CACHETUNE_BOTH = 0,
    DX_CACHETUNE_CODE,
    DX_CACHETUNE_DATA,
    DX_CACHETUNE_LAST
} dxCachetuneType;
DX_ENUM_DECL(dxCachetuneType);

/* ---- iothreads ------------------------------------------------------------ */
typedef struct {
    unsigned int id;
    int poolMin;                     /* -1 when not given */
    int poolMax;                     /* -1 when not given */
    bool autofill;                   /* added to reach <iothreads>N */
} dxIOThreadDef;

/* ---- cputune -------------------------------------------------------------- */
typedef struct {
    unsigned int id;                 /* vCPU or iothread */
    dxBitmap *cpuset;
} dxThreadPin;

typedef struct {
    unsigned int id;                 /* vCPU or iothread */
    int policy;                      /* dxSchedPolicy */
    int priority;
} dxThreadSched;

typedef struct {
    unsigned int id;
    unsigned int level;
    int type;                        /* dxCachetuneType */
    unsigned long long bytes;
} dxCachetuneCache;

typedef struct {
    unsigned int level;
    dxBitmap *vcpus;
} dxCachetuneMonitor;

typedef struct {
    dxBitmap *vcpus;
    char *id;
    dxCachetuneCache *caches;
    size_t ncaches;
    dxCachetuneMonitor *monitors;
    size_t nmonitors;
} dxCachetune;

typedef struct {
    unsigned int id;
    unsigned int bandwidth;
} dxMemorytuneNode;

typedef struct {
    dxBitmap *vcpus;
    char *id;
    dxMemorytuneNode *nodes;
    size_t nnodes;
    dxCachetuneMonitor *monitors;
    size_t nmonitors;
} dxMemorytune;

/* A cputune scalar that may be absent. */
typedef struct {
    bool set;
    long long value;
} dxTuneValue;

typedef struct {
    dxTuneValue shares;
    dxTuneValue period;
    dxTuneValue quota;
    dxTuneValue globalPeriod;
    dxTuneValue globalQuota;
    dxTuneValue emulatorPeriod;
    dxTuneValue emulatorQuota;
    dxTuneValue iothreadPeriod;
    dxTuneValue iothreadQuota;
    dxThreadPin *vcpupins;
    size_t nvcpupins;
    dxBitmap *emulatorpin;
    dxThreadPin *iothreadpins;
    size_t niothreadpins;
    bool hasEmulatorSched;
    dxThreadSched emulatorSched;
    dxThreadSched *vcpuScheds;       /* one per vCPU, sorted by id */
    size_t nvcpuScheds;
    dxThreadSched *iothreadScheds;   /* one per iothread, sorted by id */
    size_t niothreadScheds;
    dxCachetune *cachetunes;
    size_t ncachetunes;
    dxMemorytune *memorytunes;
    size_t nmemorytunes;
} dxCputuneDef;

/* ---- blkiotune / memtune ---------------------------------------------------- */
typedef struct {
    char *path;
    unsigned int weight;
    unsigned long long readIops;
    unsigned long long writeIops;
    unsigned long long readBytes;
    unsigned long long writeBytes;
} dxBlkioDevice;

/* libvirt's "unlimited" for memory limits: 2^53 - 1 KiB */
#define DX_MEMTUNE_UNLIMITED 9007199254740991ULL

typedef struct {
    bool set;
    unsigned long long kib;          /* DX_MEMTUNE_UNLIMITED = no limit */
} dxMemLimit;

struct _dxDomainTuneDef {
    /* iothreads */
    unsigned int niothreads;         /* <iothreads>N */
    dxIOThreadDef *iothreadids;
    size_t niothreadids;
    bool hasDefaultIOThread;
    int defaultPoolMin;
    int defaultPoolMax;

    dxCputuneDef cputune;
    bool hasCputune;

    /* blkiotune */
    bool hasBlkioWeight;
    unsigned int blkioWeight;
    dxBlkioDevice *blkioDevices;
    size_t nblkioDevices;

    /* memtune */
    dxMemLimit hardLimit;
    dxMemLimit softLimit;
    dxMemLimit minGuarantee;
    dxMemLimit swapHardLimit;

    dxSourceLoc loc;                 /* <cputune>, for later checks */
};

dxDomainTuneDef *dxDomainTune(dxDomainDef *def);
void dxDomainTuneDefFree(dxDomainTuneDef *tune);

int dxDomainIOThreadsParse(dxDomainDef *def, xmlNodePtr node);
int dxDomainIOThreadIdsParse(dxDomainDef *def, xmlNodePtr node);
int dxDomainDefaultIOThreadParse(dxDomainDef *def, xmlNodePtr node);
void dxDomainIOThreadsFormat(dxBuf *buf, const dxDomainDef *def);
int dxDomainIOThreadsPostParse(dxDomainDef *def);
const dxIOThreadDef *dxDomainIOThreadFind(const dxDomainDef *def, unsigned int id);

int dxDomainCputuneParse(dxDomainDef *def, xmlNodePtr node);
void dxDomainCputuneFormat(dxBuf *buf, const dxDomainDef *def);
int dxDomainCputuneValidate(const dxDomainDef *def);

int dxDomainBlkiotuneParse(dxDomainDef *def, xmlNodePtr node);
void dxDomainBlkiotuneFormat(dxBuf *buf, const dxDomainDef *def);

int dxDomainMemtuneParse(dxDomainDef *def, xmlNodePtr node);
void dxDomainMemtuneFormat(dxBuf *buf, const dxDomainDef *def);
