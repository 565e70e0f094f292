/* domain_qemu_ns.c: the <qemu:...> elements. */
#include "qemu_ns_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

DX_ENUM_IMPL(dxQemuDeprecation, DX_QEMU_DEPRECATION_LAST, "none", "omit", "reject", "crash");
DX_ENUM_IMPL(dxQemuPropType, DX_QEMU_PROP_LAST, "string", "signed", "unsigned", "bool", "remove");

bool
dxDomainQemuNsIs(const xmlNode *node)
{
    return node->ns && node->ns->href &&
           strcmp((const char *)node->ns->href, DX_QEMU_NS_URI) == 0;
}

static dxDomainQemuNamespace *
dxQemuNs(dxDomainDef *def)
{
    if (!def->qemuNs)
        def->qemuNs = dxNew(dxDomainQemuNamespace);
    return def->qemuNs;
}

static void
dxStringListFree(char **list, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        free(list[i]);
    free(list);
}

void
dxDomainQemuNsFree(dxDomainQemuNamespace *ns)
{
    size_t i, j;
    if (!ns)
        return;
    dxStringListFree(ns->args, ns->nargs);
    for (i = 0; i < ns->nenv; i++) {
        free(ns->env[i].name);
        free(ns->env[i].value);
    }
    free(ns->env);
    dxStringListFree(ns->capsAdd, ns->ncapsAdd);
    dxStringListFree(ns->capsDel, ns->ncapsDel);
    for (i = 0; i < ns->ndevices; i++) {
        for (j = 0; j < ns->devices[i].nprops; j++) {
            free(ns->devices[i].props[j].name);
            free(ns->devices[i].props[j].value);
        }
        free(ns->devices[i].props);
        free(ns->devices[i].alias);
    }
    free(ns->devices);
    free(ns);
}

/* Environment names are what a shell accepts: [A-Za-z_][A-Za-z0-9_]*. */
static bool
dxQemuNsEnvNameValid(const char *name)
{
    size_t i;
    if (!name[0] || !(isalpha((unsigned char)name[0]) || name[0] == '_'))
        return false;
    for (i = 1; name[i]; i++) {
        if (!isalnum((unsigned char)name[i]) && name[i] != '_')
            return false;
    }
    return true;
}

static int
dxQemuNsCommandlineParse(dxDomainQemuNamespace *ns, xmlNodePtr node)
{
    ns->hasCommandline = true;
    DX_XML_FOREACH_CHILD(node, child) {
        if (!dxDomainQemuNsIs(child))
            continue;
        if (dxXMLNameIs(child, "arg")) {
            char *v;
            dxXMLMarkUsed(child);
            if (dxXMLPropStringRequired(child, "value", &v) < 0)
                return -1;
            DX_APPEND(ns->args, ns->nargs, v);
        } else if (dxXMLNameIs(child, "env")) {
            dxQemuNsPair p = { NULL, NULL };
            dxXMLMarkUsed(child);
            if (dxXMLPropStringRequired(child, "name", &p.name) < 0)
                return -1;
            if (!dxQemuNsEnvNameValid(p.name)) {
                dxErrorReport(DX_ERR_INVALID, child,
                              "Invalid environment name, it must begin with a letter or underscore");
                free(p.name);
                return -1;
            }
            p.value = dxXMLPropString(child, "value");
            DX_APPEND(ns->env, ns->nenv, p);
        }
    }
    return 0;
}

static int
dxQemuNsCapabilitiesParse(dxDomainQemuNamespace *ns, xmlNodePtr node)
{
    DX_XML_FOREACH_CHILD(node, child) {
        char *cap;
        if (!dxDomainQemuNsIs(child) ||
            (!dxXMLNameIs(child, "add") && !dxXMLNameIs(child, "del")))
            continue;
        dxXMLMarkUsed(child);
        if (dxXMLPropStringRequired(child, "capability", &cap) < 0)
            return -1;
        if (dxXMLNameIs(child, "add"))
            DX_APPEND(ns->capsAdd, ns->ncapsAdd, cap);
        else
            DX_APPEND(ns->capsDel, ns->ncapsDel, cap);
    }
    return 0;
}

static int
dxQemuNsPropertyParse(dxQemuNsDevice *dev, xmlNodePtr node)
{
    dxQemuNsProperty p = { NULL, 0, NULL };

    if (dxXMLPropStringRequired(node, "name", &p.name) < 0 ||
        dxXMLPropEnum(node, "type", &dxQemuPropTypeTable, DX_PROP_REQUIRED, &p.type) < 0) {
        free(p.name);
        return -1;
    }
    p.value = dxXMLPropString(node, "value");
    if (!p.value && p.type != DX_QEMU_PROP_REMOVE) {
        dxErrorReport(DX_ERR_INVALID, node, "missing 'value' for property '%s'", p.name);
        free(p.name);
        return -1;
    }
    DX_APPEND(dev->props, dev->nprops, p);
    return 0;
}

static int
dxQemuNsOverrideParse(dxDomainQemuNamespace *ns, xmlNodePtr node)
{
    DX_XML_FOREACH_CHILD(node, devnode) {
        dxQemuNsDevice dev = { NULL, NULL, 0 };
        xmlNodePtr frontend = NULL;
        if (!dxDomainQemuNsIs(devnode) || !dxXMLNameIs(devnode, "device"))
            continue;
        dxXMLMarkUsed(devnode);
        if (dxXMLPropStringRequired(devnode, "alias", &dev.alias) < 0)
            return -1;
        DX_APPEND(ns->devices, ns->ndevices, dev);
        DX_XML_FOREACH_CHILD(devnode, f) {
            if (dxDomainQemuNsIs(f) && dxXMLNameIs(f, "frontend"))
                frontend = f;
        }
        if (!frontend)
            continue;
        dxXMLMarkUsed(frontend);
        DX_XML_FOREACH_CHILD(frontend, prop) {
            if (!dxDomainQemuNsIs(prop) || !dxXMLNameIs(prop, "property"))
                continue;
            dxXMLMarkUsed(prop);
            if (dxQemuNsPropertyParse(&ns->devices[ns->ndevices - 1], prop) < 0)
                return -1;
        }
    }
    return 0;
}

int
dxDomainQemuNsParse(dxDomainDef *def, xmlNodePtr node)
{
    dxDomainQemuNamespace *ns = dxQemuNs(def);

    if (dxXMLNameIs(node, "commandline"))
        return dxQemuNsCommandlineParse(ns, node);
    if (dxXMLNameIs(node, "capabilities"))
        return dxQemuNsCapabilitiesParse(ns, node);
    if (dxXMLNameIs(node, "override"))
        return dxQemuNsOverrideParse(ns, node);
    if (dxXMLNameIs(node, "deprecation")) {
        ns->hasDeprecation = true;
        return dxXMLPropEnum(node, "behavior", &dxQemuDeprecationTable, DX_PROP_REQUIRED,
                             &ns->deprecation) < 0 ? -1 : 0;
    }
    return 1;
}

/* ---- format ------------------------------------------------------------------- */

static void
dxQemuNsCommandlineFormat(dxBuf *buf, const dxDomainQemuNamespace *ns)
{
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    size_t i;

    for (i = 0; i < ns->nargs; i++) {
        dxBufAddStr(&child, "<qemu:arg");
        dxBufAttr(&child, "value", ns->args[i]);
        dxBufAddStr(&child, "/>\n");
    }
    for (i = 0; i < ns->nenv; i++) {
        dxBufAddStr(&child, "<qemu:env");
        dxBufAttr(&child, "name", ns->env[i].name);
        dxBufAttr(&child, "value", ns->env[i].value);
        dxBufAddStr(&child, "/>\n");
    }
    dxBufElement(buf, "qemu:commandline", NULL, &child);
}

static void
dxQemuNsCapsFormat(dxBuf *buf, const dxDomainQemuNamespace *ns)
{
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    size_t i;

    for (i = 0; i < ns->ncapsAdd; i++) {
        dxBufAddStr(&child, "<qemu:add");
        dxBufAttr(&child, "capability", ns->capsAdd[i]);
        dxBufAddStr(&child, "/>\n");
    }
    for (i = 0; i < ns->ncapsDel; i++) {
        dxBufAddStr(&child, "<qemu:del");
        dxBufAttr(&child, "capability", ns->capsDel[i]);
        dxBufAddStr(&child, "/>\n");
    }
    dxBufElement(buf, "qemu:capabilities", NULL, &child);
}

static void
dxQemuNsOverrideFormat(dxBuf *buf, const dxDomainQemuNamespace *ns)
{
    size_t i, j;

    if (!ns->ndevices)
        return;
    dxBufAddStr(buf, "<qemu:override>\n");
    dxBufAdjustIndent(buf, 2);
    for (i = 0; i < ns->ndevices; i++) {
        const dxQemuNsDevice *d = &ns->devices[i];
        dxBufAddStr(buf, "<qemu:device");
        dxBufAttr(buf, "alias", d->alias);
        dxBufAddStr(buf, ">\n");
        dxBufAdjustIndent(buf, 2);
        if (d->nprops) {
            dxBufAddStr(buf, "<qemu:frontend>\n");
            dxBufAdjustIndent(buf, 2);
            for (j = 0; j < d->nprops; j++) {
                dxBufAddStr(buf, "<qemu:property");
                dxBufAttr(buf, "name", d->props[j].name);
                dxBufAttr(buf, "type", dxQemuPropTypeTypeToString(d->props[j].type));
                dxBufAttr(buf, "value", d->props[j].value);
                dxBufAddStr(buf, "/>\n");
            }
            dxBufAdjustIndent(buf, -2);
            dxBufAddStr(buf, "</qemu:frontend>\n");
        }
        dxBufAdjustIndent(buf, -2);
        dxBufAddStr(buf, "</qemu:device>\n");
    }
    dxBufAdjustIndent(buf, -2);
    dxBufAddStr(buf, "</qemu:override>\n");
}

void
dxDomainQemuNsFormat(dxBuf *buf, const dxDomainDef *def)
{
    const dxDomainQemuNamespace *ns = def->qemuNs;

    if (!ns)
        return;
    dxQemuNsCommandlineFormat(buf, ns);
    dxQemuNsCapsFormat(buf, ns);
    dxQemuNsOverrideFormat(buf, ns);
    if (ns->hasDeprecation)
        dxBufAddf(buf, "<qemu:deprecation behavior='%s'/>\n",
                  dxQemuDeprecationTypeToString(ns->deprecation));
}

/* ---- device overrides ------------------------------------------------------------ */

static void
dxQemuNsPropertyApply(const dxQemuNsProperty *p, dxJSON *props)
{
    long long s;
    unsigned long long u;

    /* the property replaces what the device builder chose */
    dxJSONRemove(props, p->name);
    switch ((dxQemuPropType)p->type) {
    case DX_QEMU_PROP_STRING:
        dxJSONAddString(props, p->name, p->value);
        break;
    case DX_QEMU_PROP_SIGNED:
        if (dxStrToLongLong(p->value, 10, &s) == 0)
            dxJSONAddInt(props, p->name, s);
        break;
    case DX_QEMU_PROP_UNSIGNED:
        if (dxStrToULongLong(p->value, 10, &u) == 0)
            dxJSONAddUInt(props, p->name, u);
        break;
    case DX_QEMU_PROP_BOOL:
        dxJSONAddBool(props, p->name, dxStrEq(p->value, "true"));
        break;
    case DX_QEMU_PROP_REMOVE:
    case DX_QEMU_PROP_LAST:
        break;
    }
}

void
dxDomainQemuNsApplyOverride(const dxDomainDef *def, const char *alias, dxJSON *props)
{
    const dxDomainQemuNamespace *ns = def->qemuNs;
    size_t i, j;

    for (i = 0; ns && alias && i < ns->ndevices; i++) {
        if (!dxStrEq(ns->devices[i].alias, alias))
            continue;
        for (j = 0; j < ns->devices[i].nprops; j++)
            dxQemuNsPropertyApply(&ns->devices[i].props[j], props);
    }
}
