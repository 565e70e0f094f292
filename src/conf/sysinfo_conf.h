/* sysinfo_conf.h: <sysinfo type='smbios'> (the SMBIOS tables the guest
 * reads) and <sysinfo type='fwcfg'> (firmware configuration blobs). */
#pragma once

#include "domain_def.h"

typedef enum {
    DX_SYSINFO_SMBIOS = 0,
    DX_SYSINFO_FWCFG,
    DX_SYSINFO_LAST
} dxSysinfoType;
DX_ENUM_DECL(dxSysinfoType);

/* The SMBIOS structures libvirt models, in output order, with their
 * SMBIOS type number. */
typedef enum {
    DX_SMBIOS_BIOS = 0,              /* type 0 */
    DX_SMBIOS_SYSTEM,                /* type 1 */
    DX_SMBIOS_BASEBOARD,             /* type 2 */
    DX_SMBIOS_CHASSIS,               /* type 3 */
    DX_SMBIOS_LAST
} dxSmbiosSection;
DX_ENUM_DECL(dxSmbiosSection);

#define DX_SMBIOS_MAX_FIELDS 8

/* One SMBIOS structure: a value per field of dxSmbiosSectionFields(). */
typedef struct {
    char *values[DX_SMBIOS_MAX_FIELDS];
} dxSmbiosTable;

typedef struct {
    char *name;
    char *value;
    char *file;
} dxFwcfgEntry;

typedef struct {
    int type;                        /* dxSysinfoType */
    dxSmbiosTable *tables[DX_SMBIOS_LAST];  /* bios, system, chassis */
    dxSmbiosTable **baseBoards;      /* <baseBoard> may repeat */
    size_t nbaseBoards;
    char **oemStrings;
    size_t noemStrings;
    dxFwcfgEntry *fwcfg;             /* type='fwcfg' */
    size_t nfwcfg;
} dxSysinfo;

struct _dxDomainSysinfoDef {
    dxSysinfo **list;
    size_t n;
};

int dxDomainSysinfoParse(dxDomainDef *def, xmlNodePtr node);
void dxDomainSysinfoFormat(dxBuf *buf, const dxDomainDef *def);
void dxDomainSysinfoDefFree(dxDomainSysinfoDef *si);
int dxDomainSysinfoValidate(const dxDomainDef *def);
/* The names SECTION allows, in output order; NULL-terminated. */
const char *const *dxSmbiosSectionFields(dxSmbiosSection section);
