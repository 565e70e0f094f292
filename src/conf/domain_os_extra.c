/* domain_os_extra.c: the parts of <os> beyond booting a disk: firmware
 * feature requests, <nvram> sources, container init and ACPI tables. */
#include "os_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

#include <stdlib.h>
#include <string.h>

DX_ENUM_IMPL(dxOsFirmwareFeature, DX_OS_FW_FEATURE_LAST, "enrolled-keys", "secure-boot");
DX_ENUM_IMPL(dxNvramType, DX_NVRAM_TYPE_LAST, "", "file", "network");

dxDomainOsExtra *
dxDomainOsExtraGet(dxDomainOsDef *os)
{
    if (!os->extra)
        os->extra = dxNew(dxDomainOsExtra);
    return os->extra;
}

void
dxDomainOsExtraFree(dxDomainOsExtra *x)
{
    size_t i;
    if (!x)
        return;
    free(x->init);
    for (i = 0; i < x->ninitargs; i++)
        free(x->initargs[i]);
    free(x->initargs);
    for (i = 0; i < x->ninitenv; i++) {
        free(x->initenv[i].name);
        free(x->initenv[i].value);
    }
    free(x->initenv);
    free(x->initdir);
    free(x->inituser);
    free(x->initgroup);
    for (i = 0; i < x->nacpiTables; i++) {
        free(x->acpiTables[i].type);
        free(x->acpiTables[i].path);
    }
    free(x->acpiTables);
    free(x);
}

/* ---- <firmware> ------------------------------------------------------------ */

static int
dxOsFirmwareParse(dxDomainOsExtra *x, xmlNodePtr node)
{
    x->hasFirmwareElem = true;
    DX_XML_FOREACH_CHILD(node, child) {
        int f = 0;
        dxTristateBool enabled;
        if (!dxXMLNameIs(child, "feature") || child->ns)
            continue;
        dxXMLMarkUsed(child);
        if (dxXMLPropEnum(child, "name", &dxOsFirmwareFeatureTable, DX_PROP_REQUIRED, &f) < 0 ||
            dxXMLPropTristateBool(child, "enabled", DX_PROP_REQUIRED, &enabled) < 0)
            return -1;
        if (x->fwFeatures[f]) {
            dxErrorReport(DX_ERR_INVALID, child, "duplicate firmware feature '%s'",
                          dxOsFirmwareFeatureTypeToString(f));
            return -1;
        }
        x->fwFeatures[f] = enabled;
    }
    return 0;
}

void
dxDomainOsFirmwareFormat(dxBuf *buf, const dxDomainOsDef *os)
{
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    int f;

    if (!os->extra)
        return;
    for (f = 0; f < DX_OS_FW_FEATURE_LAST; f++) {
        if (os->extra->fwFeatures[f])
            dxBufAddf(&child, "<feature enabled='%s' name='%s'/>\n",
                      dxTristateBoolTypeToString(os->extra->fwFeatures[f]),
                      dxOsFirmwareFeatureTypeToString(f));
    }
    dxBufElement(buf, "firmware", NULL, &child);
}

/* ---- container init -------------------------------------------------------- */

static int
dxOsInitParse(dxDomainOsExtra *x, xmlNodePtr node)
{
    if (dxXMLNameIs(node, "init") && !x->init) {
        x->init = dxXMLContent(node);
    } else if (dxXMLNameIs(node, "initarg")) {
        char *arg = dxXMLContent(node);
        DX_APPEND(x->initargs, x->ninitargs, arg);
    } else if (dxXMLNameIs(node, "initenv")) {
        dxInitEnv env = { NULL, NULL };
        if (dxXMLPropStringRequired(node, "name", &env.name) < 0)
            return -1;
        env.value = dxXMLContent(node);
        DX_APPEND(x->initenv, x->ninitenv, env);
    } else if (dxXMLNameIs(node, "initdir") && !x->initdir) {
        x->initdir = dxXMLContent(node);
    } else if (dxXMLNameIs(node, "inituser") && !x->inituser) {
        x->inituser = dxXMLContent(node);
    } else if (dxXMLNameIs(node, "initgroup") && !x->initgroup) {
        x->initgroup = dxXMLContent(node);
    } else {
        return 1;
    }
    return 0;
}

void
dxDomainOsInitFormat(dxBuf *buf, const dxDomainOsDef *os)
{
    const dxDomainOsExtra *x = os->extra;
    size_t i;

    if (!x)
        return;
    dxBufTextElement(buf, "init", x->init);
    for (i = 0; i < x->ninitargs; i++)
        dxBufTextElement(buf, "initarg", x->initargs[i]);
    for (i = 0; i < x->ninitenv; i++) {
        dxBufAddStr(buf, "<initenv");
        dxBufAttr(buf, "name", x->initenv[i].name);
        dxBufAddChar(buf, '>');
        dxBufEscapeXML(buf, x->initenv[i].value);
        dxBufAddStr(buf, "</initenv>\n");
    }
    dxBufTextElement(buf, "initdir", x->initdir);
    dxBufTextElement(buf, "inituser", x->inituser);
    dxBufTextElement(buf, "initgroup", x->initgroup);
}

/* ---- <acpi><table> ----------------------------------------------------------- */

static int
dxOsAcpiParse(dxDomainOsExtra *x, xmlNodePtr node)
{
    DX_XML_FOREACH_CHILD(node, child) {
        dxAcpiTable t = { NULL, NULL };
        if (!dxXMLNameIs(child, "table") || child->ns)
            continue;
        dxXMLMarkUsed(child);
        if (dxXMLPropStringRequired(child, "type", &t.type) < 0)
            return -1;
        /* SLIC (software licensing) is the one table type there is */
        if (strcmp(t.type, "slic") != 0) {
            dxErrorReport(DX_ERR_INVALID, child,
                          "unknown ACPI table type '%s'; allowed: 'slic'", t.type);
            free(t.type);
            return -1;
        }
        t.path = dxXMLContent(child);
        DX_APPEND(x->acpiTables, x->nacpiTables, t);
    }
    return 0;
}

void
dxDomainOsAcpiFormat(dxBuf *buf, const dxDomainOsDef *os)
{
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    size_t i;

    if (!os->extra)
        return;
    for (i = 0; i < os->extra->nacpiTables; i++) {
        dxBufAddStr(&child, "<table");
        dxBufAttr(&child, "type", os->extra->acpiTables[i].type);
        dxBufAddChar(&child, '>');
        dxBufEscapeXML(&child, os->extra->acpiTables[i].path);
        dxBufAddStr(&child, "</table>\n");
    }
    dxBufElement(buf, "acpi", NULL, &child);
}

int
dxDomainOsExtraParse(dxDomainOsDef *os, xmlNodePtr child)
{
    dxDomainOsExtra *x;
    int rc;

    if (dxXMLNameIs(child, "firmware")) {
        x = dxDomainOsExtraGet(os);
        return x->hasFirmwareElem ? 1 : dxOsFirmwareParse(x, child);
    }
    if (dxXMLNameIs(child, "acpi"))
        return dxOsAcpiParse(dxDomainOsExtraGet(os), child);
    if (strncmp((const char *)child->name, "init", 4) != 0)
        return 1;
    x = dxDomainOsExtraGet(os);
    rc = dxOsInitParse(x, child);
    return rc;
}

/* ---- <nvram> source ------------------------------------------------------------ */

void
dxDomainLoaderDefFree(dxDomainLoaderDef *loader)
{
    if (!loader)
        return;
    free(loader->path);
    free(loader->nvramPath);
    free(loader->nvramTemplate);
    dxStorageSourceFree(loader->nvramSource);
    dxSourceLocClear(&loader->nvramLoc);
    free(loader);
}

/* The typed store is described like a disk's source (libvirt shares the
 * grammar and the block layer between them). */
int
dxNvramSourceParse(dxDomainLoaderDef *loader, xmlNodePtr nvram)
{
    xmlNodePtr source = dxXMLChild(nvram, "source");
    dxStorageSource *src;

    if (!source) {
        dxErrorReport(DX_ERR_INVALID, nvram,
                      "<nvram type='%s'> needs a <source>",
                      dxNvramTypeTypeToString(loader->nvramType));
        return -1;
    }
    dxSourceLocSet(&loader->nvramLoc, nvram);
    src = loader->nvramSource = dxStorageSourceNew();
    src->type = loader->nvramType == DX_NVRAM_TYPE_FILE ? DX_STORAGE_TYPE_FILE
                                                        : DX_STORAGE_TYPE_NETWORK;
    if (dxStorageSourceParse(src, source, NULL) < 0)
        return -1;
    if (src->type == DX_STORAGE_TYPE_FILE && !src->path) {
        dxErrorReport(DX_ERR_INVALID, source, "missing 'file' in the <source> of <nvram>");
        return -1;
    }
    return 0;
}

void
dxNvramSourceFormat(dxBuf *buf, const dxDomainLoaderDef *loader)
{
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    dxBuf attrs = DX_BUF_INIT;

    dxBufAttr(&attrs, "template", loader->nvramTemplate);
    dxBufAttr(&attrs, "type", dxNvramTypeTypeToString(loader->nvramType));
    dxStorageSourceFormat(&child, loader->nvramSource, 0, false, false);
    dxBufElementAlways(buf, "nvram", &attrs, &child);
}

/* ---- checks -------------------------------------------------------------------- */

bool
dxDomainOsIsUEFI(const dxDomainOsDef *os)
{
    const dxDomainLoaderDef *l = os->loader;
    if (os->firmware == DX_DOMAIN_OS_FIRMWARE_EFI)
        return true;
    /* a read-only flash image is what UEFI firmware looks like */
    return l && l->type == DX_DOMAIN_LOADER_TYPE_PFLASH && l->readonly == DX_TRISTATE_BOOL_YES;
}

static int
dxDomainOsValidateAuto(const dxDomainDef *def)
{
    const dxDomainOsDef *os = &def->os;
    const dxDomainLoaderDef *l = os->loader;
    const dxDomainOsExtra *x = os->extra;

    if (l && (l->path || l->type)) {
        dxErrorReportLoc(DX_ERR_INVALID, &def->loc,
                         "loader attribute 'type' cannot be specified when firmware "
                         "autoselection is enabled");
        return -1;
    }
    if (l && l->secure == DX_TRISTATE_BOOL_NO) {
        dxErrorReportLoc(DX_ERR_INVALID, &def->loc,
                         "loader attribute 'secure' cannot be specified when firmware "
                         "autoselection is enabled");
        return -1;
    }
    if (l && l->nvramTemplate) {
        dxErrorReportLoc(DX_ERR_INVALID, &def->loc,
                         "nvram attribute 'template' cannot be specified when firmware "
                         "autoselection is enabled");
        return -1;
    }
    if (os->firmware == DX_DOMAIN_OS_FIRMWARE_BIOS && l && l->nvramPresent) {
        dxErrorReportLoc(DX_ERR_INVALID, &def->loc,
                         "firmware type 'bios' does not support nvram");
        return -1;
    }
    if (x && x->fwFeatures[DX_OS_FW_FEATURE_ENROLLED_KEYS] == DX_TRISTATE_BOOL_YES &&
        x->fwFeatures[DX_OS_FW_FEATURE_SECURE_BOOT] == DX_TRISTATE_BOOL_NO) {
        dxErrorReportLoc(DX_ERR_INVALID, &def->loc,
                         "firmware feature 'enrolled-keys' cannot be enabled when "
                         "firmware feature 'secure-boot' is disabled");
        return -1;
    }
    return 0;
}

int
dxDomainOsValidate(const dxDomainDef *def)
{
    const dxDomainLoaderDef *l = def->os.loader;

    if (def->os.firmware)
        return dxDomainOsValidateAuto(def);
    if (!l)
        return 0;
    if (!l->path && (l->type || l->readonly || l->secure)) {
        dxErrorReportLoc(DX_ERR_INVALID, &def->loc,
                         "no loader path specified and firmware auto selection disabled");
        return -1;
    }
    if (l->stateless == DX_TRISTATE_BOOL_YES && l->nvramTemplate) {
        dxErrorReportLoc(DX_ERR_INVALID, &def->loc,
                         "NVRAM template is not permitted when loader is stateless");
        return -1;
    }
    if (l->stateless == DX_TRISTATE_BOOL_YES && (l->nvramPath || l->nvramType)) {
        dxErrorReportLoc(DX_ERR_INVALID, &def->loc,
                         "NVRAM is not permitted when loader is stateless");
        return -1;
    }
    return 0;
}
