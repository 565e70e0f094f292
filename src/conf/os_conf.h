/* os_conf.h: the firmware pieces of <os> (<loader>, <nvram>, <firmware>),
 * container boot (<init*>) and ACPI tables. */
#pragma once

#include "domain_def.h"
#include "storage_source.h"
#include "util/dxerror.h"

typedef enum {
    DX_OS_FW_FEATURE_ENROLLED_KEYS = 0,
    DX_OS_FW_FEATURE_SECURE_BOOT,
    DX_OS_FW_FEATURE_LAST
} dxOsFirmwareFeature;
DX_ENUM_DECL(dxOsFirmwareFeature);

typedef enum {
    DX_NVRAM_TYPE_NONE = 0,          /* a plain path as content */
    DX_NVRAM_TYPE_FILE,
    DX_NVRAM_TYPE_NETWORK,
    DX_NVRAM_TYPE_LAST
} dxNvramType;
DX_ENUM_DECL(dxNvramType);


struct _dxDomainLoaderDef {
    char *path;                      /* <loader>PATH</loader> */
    dxTristateBool readonly;
    dxTristateBool secure;
    dxTristateBool stateless;
    dxDomainLoaderType type;
    bool nvramPresent;               /* an <nvram> element was given */
    char *nvramPath;                 /* <nvram>PATH</nvram> */
    char *nvramTemplate;             /* <nvram template=> */
    int nvramType;                   /* dxNvramType */
    /* <nvram type='file|network'><source>: a storage source as a disk's */
    dxStorageSource *nvramSource;
    dxSourceLoc nvramLoc;            /* the <nvram>, for diagnostics */
};

typedef struct {
    char *name;
    char *value;
} dxInitEnv;

typedef struct {
    char *type;                      /* slic */
    char *path;
} dxAcpiTable;

struct _dxDomainOsExtra {
    dxTristateBool fwFeatures[DX_OS_FW_FEATURE_LAST];
    bool hasFirmwareElem;            /* <firmware> given */
    char *init;
    char **initargs;
    size_t ninitargs;
    dxInitEnv *initenv;
    size_t ninitenv;
    char *initdir;
    char *inituser;
    char *initgroup;
    dxAcpiTable *acpiTables;
    size_t nacpiTables;
};

void dxDomainLoaderDefFree(dxDomainLoaderDef *loader);
void dxDomainOsExtraFree(dxDomainOsExtra *extra);
dxDomainOsExtra *dxDomainOsExtraGet(dxDomainOsDef *os);
/* Parse one <os> child handled here (firmware, init*, acpi); 1 when the
 * element is not one of them. */
int dxDomainOsExtraParse(dxDomainOsDef *os, xmlNodePtr child);
int dxNvramSourceParse(dxDomainLoaderDef *loader, xmlNodePtr nvram);
void dxNvramSourceFormat(dxBuf *buf, const dxDomainLoaderDef *loader);
void dxDomainOsFirmwareFormat(dxBuf *buf, const dxDomainOsDef *os);
void dxDomainOsInitFormat(dxBuf *buf, const dxDomainOsDef *os);
void dxDomainOsAcpiFormat(dxBuf *buf, const dxDomainOsDef *os);
int dxDomainOsValidate(const dxDomainDef *def);
/* Whether the guest firmware is UEFI. */
bool dxDomainOsIsUEFI(const dxDomainOsDef *os);
