/* domxml.c: the public API (include/domxml/domxml.h): parse → generic
 * defaults → checks, and the QEMU-facing entry points. */
#include "domxml/domxml.h"
#include "conf/domain_def.h"
#include "conf/domain_postparse.h"
#include "conf/domain_schema.h"
#include "conf/domain_validate.h"
#include "conf/qemu_ns_conf.h"
#include "qemu/qemu_command.h"
#include "qemu/qemu_expand.h"
#include "qemu/qemu_validate.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

#include <stdlib.h>
#include <string.h>

static dxDomainDef *
dxDomainDefParseDoc(xmlDocPtr doc, unsigned int flags)
{
    bool strict = flags & DX_DOMAIN_PARSE_STRICT;
    size_t mark = dxErrorMark();
    dxDomainDef *def = NULL;
    xmlNodePtr root;
    int failed = 0;

    if (!(root = dxXMLRoot(doc, "domain")))
        return NULL;
    /* the schema and the parser both run so one pass reports everything */
    if (flags & DX_DOMAIN_PARSE_SCHEMA) {
        if (dxSchemaValidateDoc(doc) < 0)
            failed = 1;
    } else {
        /* the grammar also provides did-you-mean hints for unknown names */
        dxSchemaUseHints();
    }
    if (!(def = dxDomainDefParseNode(root, strict ? DX_PARSE_STRICT : 0)))
        failed = 1;
    if (dxXMLReportUnused(root, strict) > 0 && strict)
        failed = 1;
    if (!failed && (dxDomainDefPostParse(def) < 0 || dxDomainDefValidate(def) < 0))
        failed = 1;
    dxDomainDiagnosticsMerge(mark);
    if (failed) {
        dxDomainDefFree(def);
        return NULL;
    }
    return def;
}

dxDomainDef *
dxDomainDefParseFile(const char *path, unsigned int flags)
{
    xmlDocPtr doc = dxXMLParseFile(path);
    dxDomainDef *def;
    if (!doc)
        return NULL;
    def = dxDomainDefParseDoc(doc, flags);
    xmlFreeDoc(doc);
    return def;
}

dxDomainDef *
dxDomainDefParseString(const char *xml, const char *name, unsigned int flags)
{
    xmlDocPtr doc = dxXMLParseString(xml, name ? name : "<string>");
    dxDomainDef *def;
    if (!doc)
        return NULL;
    def = dxDomainDefParseDoc(doc, flags);
    xmlFreeDoc(doc);
    return def;
}

int
dxDomainDefExpand(dxDomainDef *def)
{
    if (def->expanded)
        return 0;
    if (dxQemuDomainExpand(def) < 0 || dxQemuDomainValidate(def) < 0)
        return -1;
    def->expanded = true;
    return 0;
}

char *
dxDomainDefFormat(const dxDomainDef *def, unsigned int flags)
{
    (void)flags;
    return dxDomainDefFormatXML(def);
}

char **
dxDomainDefBuildArgv(dxDomainDef *def, const dxArgvOptions *opts, size_t *nargs)
{
    dxQemuBuildOptions qopts = { opts ? opts->stateDir : NULL };
    dxArgv *argv;
    char **list;

    if (dxDomainDefExpand(def) < 0)
        return NULL;
    if (!(argv = dxQemuBuildCommandLine(def, &qopts)))
        return NULL;
    /* hand over the strings plus a NULL terminator */
    list = dxReallocArray(argv->args, argv->nargs + 1, sizeof(char *));
    list[argv->nargs] = NULL;
    if (nargs)
        *nargs = argv->nargs;
    argv->args = NULL;
    argv->nargs = 0;
    dxArgvFree(argv);
    return list;
}

void
dxArgvListFree(char **argv)
{
    size_t i;
    if (!argv)
        return;
    for (i = 0; argv[i]; i++)
        free(argv[i]);
    free(argv);
}

int
dxSchemaValidateFile(const char *path)
{
    xmlDocPtr doc = dxXMLParseFile(path);
    int rc;
    if (!doc)
        return -1;
    rc = dxSchemaValidateDoc(doc);
    xmlFreeDoc(doc);
    return rc;
}

char **
dxDomainDefBuildEnv(const dxDomainDef *def)
{
    const dxDomainQemuNamespace *ns = def->qemuNs;
    size_t i, n = ns ? ns->nenv : 0;
    char **env = dxNewN(char *, n + 1);

    for (i = 0; i < n; i++)
        env[i] = dxAsprintf("%s=%s", ns->env[i].name, dxNullStr(ns->env[i].value));
    return env;
}
