/* domain_sysinfo.c: <sysinfo>: SMBIOS tables and fw_cfg entries. */
#include "sysinfo_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxuuid.h"
#include "util/dxxml.h"

#include <stdlib.h>
#include <string.h>

DX_ENUM_IMPL(dxSysinfoType, DX_SYSINFO_LAST, "smbios", "fwcfg");
DX_ENUM_IMPL(dxSmbiosSection, DX_SMBIOS_LAST, "bios", "system", "baseBoard", "chassis");

static const char *const dxSmbiosBiosFields[] = {
    "vendor", "version", "date", "release", NULL };
static const char *const dxSmbiosSystemFields[] = {
    "manufacturer", "product", "version", "serial", "uuid", "sku", "family", NULL };
static const char *const dxSmbiosBaseBoardFields[] = {
    "manufacturer", "product", "version", "serial", "asset", "location", NULL };
static const char *const dxSmbiosChassisFields[] = {
    "manufacturer", "version", "serial", "asset", "sku", NULL };

const char *const *
dxSmbiosSectionFields(dxSmbiosSection section)
{
    switch (section) {
    case DX_SMBIOS_BIOS:
        return dxSmbiosBiosFields;
    case DX_SMBIOS_SYSTEM:
        return dxSmbiosSystemFields;
    case DX_SMBIOS_BASEBOARD:
        return dxSmbiosBaseBoardFields;
    case DX_SMBIOS_CHASSIS:
    case DX_SMBIOS_LAST:
        break;
    }
    return dxSmbiosChassisFields;
}

static void
dxSmbiosTableFree(dxSmbiosTable *t)
{
    size_t i;
    if (!t)
        return;
    for (i = 0; i < DX_SMBIOS_MAX_FIELDS; i++)
        free(t->values[i]);
    free(t);
}

static void
dxSysinfoFree(dxSysinfo *si)
{
    size_t i;
    for (i = 0; i < DX_SMBIOS_LAST; i++)
        dxSmbiosTableFree(si->tables[i]);
    for (i = 0; i < si->nbaseBoards; i++)
        dxSmbiosTableFree(si->baseBoards[i]);
    free(si->baseBoards);
    for (i = 0; i < si->noemStrings; i++)
        free(si->oemStrings[i]);
    free(si->oemStrings);
    for (i = 0; i < si->nfwcfg; i++) {
        free(si->fwcfg[i].name);
        free(si->fwcfg[i].value);
        free(si->fwcfg[i].file);
    }
    free(si->fwcfg);
    free(si);
}

void
dxDomainSysinfoDefFree(dxDomainSysinfoDef *sis)
{
    size_t i;
    if (!sis)
        return;
    for (i = 0; i < sis->n; i++)
        dxSysinfoFree(sis->list[i]);
    free(sis->list);
    free(sis);
}

/* ---- parse ------------------------------------------------------------------ */

static int
dxSmbiosTableParse(dxSmbiosSection section, xmlNodePtr node, dxSmbiosTable **out)
{
    const char *const *fields = dxSmbiosSectionFields(section);
    dxSmbiosTable *t = dxNew(dxSmbiosTable);

    DX_XML_FOREACH_CHILD(node, child) {
        char *name;
        size_t i;
        if (!dxXMLNameIs(child, "entry") || child->ns)
            continue;
        dxXMLMarkUsed(child);
        if (dxXMLPropStringRequired(child, "name", &name) < 0)
            goto error;
        for (i = 0; fields[i] && strcmp(fields[i], name) != 0; i++)
            ;
        if (!fields[i]) {
            dxErrorReport(DX_ERR_INVALID, child,
                          "unknown entry '%s' in <%s>", name, (const char *)node->name);
            free(name);
            goto error;
        }
        free(name);
        free(t->values[i]);
        t->values[i] = dxXMLContent(child);
    }
    *out = t;
    return 0;

 error:
    dxSmbiosTableFree(t);
    return -1;
}

static int
dxSmbiosParse(dxSysinfo *si, xmlNodePtr node)
{
    DX_XML_FOREACH_CHILD(node, child) {
        int section;
        dxSmbiosTable *t = NULL;
        if (child->ns)
            continue;
        if (dxXMLNameIs(child, "oemStrings")) {
            dxXMLMarkUsed(child);
            DX_XML_FOREACH_CHILD(child, e) {
                char *v;
                if (!dxXMLNameIs(e, "entry") || e->ns)
                    continue;
                dxXMLMarkUsed(e);
                v = dxXMLContent(e);
                DX_APPEND(si->oemStrings, si->noemStrings, v);
            }
            continue;
        }
        section = dxSmbiosSectionTypeFromString((const char *)child->name);
        if (section < 0 || (section != DX_SMBIOS_BASEBOARD && si->tables[section]))
            continue;
        dxXMLMarkUsed(child);
        if (dxSmbiosTableParse(section, child, &t) < 0)
            return -1;
        if (section == DX_SMBIOS_BASEBOARD)
            DX_APPEND(si->baseBoards, si->nbaseBoards, t);
        else
            si->tables[section] = t;
    }
    return 0;
}

static int
dxFwcfgParse(dxSysinfo *si, xmlNodePtr node)
{
    DX_XML_FOREACH_CHILD(node, child) {
        dxFwcfgEntry e = { NULL, NULL, NULL };
        char *value;
        if (!dxXMLNameIs(child, "entry") || child->ns)
            continue;
        dxXMLMarkUsed(child);
        if (dxXMLPropStringRequired(child, "name", &e.name) < 0)
            return -1;
        e.file = dxXMLPropString(child, "file");
        value = dxXMLContent(child);
        if (*value && e.file) {
            dxErrorReport(DX_ERR_INVALID, child,
                          "fw_cfg entry '%s' has both a value and a file", e.name);
            free(value);
            free(e.name);
            free(e.file);
            return -1;
        }
        if (*value)
            e.value = value;
        else
            free(value);
        DX_APPEND(si->fwcfg, si->nfwcfg, e);
    }
    return 0;
}

int
dxDomainSysinfoParse(dxDomainDef *def, xmlNodePtr node)
{
    dxSysinfo *si = dxNew(dxSysinfo);

    if (!def->sysinfo)
        def->sysinfo = dxNew(dxDomainSysinfoDef);
    DX_APPEND(def->sysinfo->list, def->sysinfo->n, si);
    if (dxXMLPropEnum(node, "type", &dxSysinfoTypeTable, DX_PROP_REQUIRED, &si->type) < 0)
        return -1;
    if (si->type == DX_SYSINFO_FWCFG)
        return dxFwcfgParse(si, node);
    return dxSmbiosParse(si, node);
}

/* ---- checks ------------------------------------------------------------------- */

int
dxDomainSysinfoValidate(const dxDomainDef *def)
{
    size_t i;

    for (i = 0; def->sysinfo && i < def->sysinfo->n; i++) {
        const dxSmbiosTable *sys = def->sysinfo->list[i]->tables[DX_SMBIOS_SYSTEM];
        unsigned char uuid[DX_UUID_BUFLEN];
        const char *v = sys ? sys->values[4] : NULL;   /* "uuid" */
        if (!v)
            continue;
        if (dxUUIDParse(v, uuid) < 0 || memcmp(uuid, def->uuid, DX_UUID_BUFLEN) != 0) {
            dxErrorReportLoc(DX_ERR_INVALID, &def->loc,
                             "UUID mismatch between <uuid> and <sysinfo>");
            return -1;
        }
    }
    return 0;
}

/* ---- format ------------------------------------------------------------------- */

static void
dxSmbiosTableFormat(dxBuf *buf, dxSmbiosSection section, const dxSmbiosTable *t)
{
    const char *const *fields = dxSmbiosSectionFields(section);
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    size_t i;

    for (i = 0; fields[i]; i++) {
        if (!t->values[i])
            continue;
        dxBufAddStr(&child, "<entry");
        dxBufAttr(&child, "name", fields[i]);
        dxBufAddChar(&child, '>');
        dxBufEscapeXML(&child, t->values[i]);
        dxBufAddStr(&child, "</entry>\n");
    }
    dxBufElement(buf, dxSmbiosSectionTypeToString(section), NULL, &child);
}

static void
dxSysinfoBodyFormat(dxBuf *buf, const dxSysinfo *si)
{
    size_t i;

    if (si->type == DX_SYSINFO_FWCFG) {
        for (i = 0; i < si->nfwcfg; i++) {
            dxBufAddStr(buf, "<entry");
            dxBufAttr(buf, "name", si->fwcfg[i].name);
            dxBufAttr(buf, "file", si->fwcfg[i].file);
            if (si->fwcfg[i].value) {
                dxBufAddChar(buf, '>');
                dxBufEscapeXML(buf, si->fwcfg[i].value);
                dxBufAddStr(buf, "</entry>\n");
            } else {
                dxBufAddStr(buf, "/>\n");
            }
        }
        return;
    }
    if (si->tables[DX_SMBIOS_BIOS])
        dxSmbiosTableFormat(buf, DX_SMBIOS_BIOS, si->tables[DX_SMBIOS_BIOS]);
    if (si->tables[DX_SMBIOS_SYSTEM])
        dxSmbiosTableFormat(buf, DX_SMBIOS_SYSTEM, si->tables[DX_SMBIOS_SYSTEM]);
    for (i = 0; i < si->nbaseBoards; i++)
        dxSmbiosTableFormat(buf, DX_SMBIOS_BASEBOARD, si->baseBoards[i]);
    if (si->tables[DX_SMBIOS_CHASSIS])
        dxSmbiosTableFormat(buf, DX_SMBIOS_CHASSIS, si->tables[DX_SMBIOS_CHASSIS]);
    if (si->noemStrings) {
        dxBufAddStr(buf, "<oemStrings>\n");
        dxBufAdjustIndent(buf, 2);
        for (i = 0; i < si->noemStrings; i++)
            dxBufTextElement(buf, "entry", si->oemStrings[i]);
        dxBufAdjustIndent(buf, -2);
        dxBufAddStr(buf, "</oemStrings>\n");
    }
}

void
dxDomainSysinfoFormat(dxBuf *buf, const dxDomainDef *def)
{
    size_t i;

    for (i = 0; def->sysinfo && i < def->sysinfo->n; i++) {
        const dxSysinfo *si = def->sysinfo->list[i];
        dxBuf child = DX_BUF_INIT_CHILD(buf);
        dxBuf attrs = DX_BUF_INIT;
        dxBufAttr(&attrs, "type", dxSysinfoTypeTypeToString(si->type));
        dxSysinfoBodyFormat(&child, si);
        dxBufElementAlways(buf, "sysinfo", &attrs, &child);
    }
}
