/* misc_conf.h: smaller domain-wide elements: <resource>, <bootloader>,
 * <idmap>, <perf>, <keywrap> and <launchSecurity>. */
#pragma once

#include "domain_def.h"

typedef enum {
    DX_PERF_CMT = 0, DX_PERF_MBMT, DX_PERF_MBML, DX_PERF_CPU_CYCLES,
    DX_PERF_INSTRUCTIONS, DX_PERF_CACHE_REFERENCES, DX_PERF_CACHE_MISSES,
    DX_PERF_BRANCH_INSTRUCTIONS, DX_PERF_BRANCH_MISSES, DX_PERF_BUS_CYCLES,
    DX_PERF_STALLED_CYCLES_FRONTEND, DX_PERF_STALLED_CYCLES_BACKEND,
    DX_PERF_REF_CPU_CYCLES, DX_PERF_CPU_CLOCK, DX_PERF_TASK_CLOCK,
    DX_PERF_PAGE_FAULTS, DX_PERF_CONTEXT_SWITCHES, DX_PERF_CPU_MIGRATIONS,
    DX_PERF_PAGE_FAULTS_MIN, DX_PERF_PAGE_FAULTS_MAJ, DX_PERF_ALIGNMENT_FAULTS,
    DX_PERF_EMULATION_FAULTS,
    DX_PERF_LAST
} dxPerfEvent;
DX_ENUM_DECL(dxPerfEvent);

typedef enum {
    DX_KEYWRAP_AES = 0,
    DX_KEYWRAP_DEA,
    DX_KEYWRAP_LAST
} dxKeywrapCipher;
DX_ENUM_DECL(dxKeywrapCipher);

typedef enum {
    DX_LAUNCH_SECURITY_NONE = 0,
    DX_LAUNCH_SECURITY_SEV,
    DX_LAUNCH_SECURITY_S390_PV,
    DX_LAUNCH_SECURITY_LAST
} dxLaunchSecurityType;
DX_ENUM_DECL(dxLaunchSecurityType);

typedef struct {
    unsigned int start;
    unsigned int target;
    unsigned int count;
} dxIdmapEntry;

typedef struct {
    int type;                        /* dxLaunchSecurityType */
    dxTristateBool kernelHashes;
    bool hasCbitpos;
    unsigned int cbitpos;
    bool hasReducedPhysBits;
    unsigned int reducedPhysBits;
    bool hasPolicy;
    unsigned int policy;
    char *dhCert;
    char *session;
} dxLaunchSecurity;

struct _dxDomainMiscDef {
    char *partition;                 /* <resource><partition> */
    char *fcAppid;                   /* <resource><fibrechannel appid=> */
    bool hasResource;
    char *bootloader;
    char *bootloaderArgs;
    dxIdmapEntry *uids;
    size_t nuids;
    dxIdmapEntry *gids;
    size_t ngids;
    dxTristateSwitch keywrap[DX_KEYWRAP_LAST];
    bool hasKeywrap;
    dxLaunchSecurity *launchSecurity;
};

struct _dxDomainPerfDef {
    dxTristateBool events[DX_PERF_LAST];
};

dxDomainMiscDef *dxDomainMisc(dxDomainDef *def);
void dxDomainMiscDefFree(dxDomainMiscDef *misc);

int dxDomainResourceParse(dxDomainDef *def, xmlNodePtr node);
void dxDomainResourceFormat(dxBuf *buf, const dxDomainDef *def);
int dxDomainBootloaderParse(dxDomainDef *def, xmlNodePtr node);
void dxDomainBootloaderFormat(dxBuf *buf, const dxDomainDef *def);
int dxDomainIdmapParse(dxDomainDef *def, xmlNodePtr node);
void dxDomainIdmapFormat(dxBuf *buf, const dxDomainDef *def);
int dxDomainPerfParse(dxDomainDef *def, xmlNodePtr node);
void dxDomainPerfFormat(dxBuf *buf, const dxDomainDef *def);
int dxDomainKeywrapParse(dxDomainDef *def, xmlNodePtr node);
void dxDomainKeywrapFormat(dxBuf *buf, const dxDomainDef *def);
int dxDomainLaunchSecurityParse(dxDomainDef *def, xmlNodePtr node);
void dxDomainLaunchSecurityFormat(dxBuf *buf, const dxDomainDef *def);
