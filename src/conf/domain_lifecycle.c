/* domain_lifecycle.c: <on_poweroff>, <on_reboot>, <on_crash>,
 * <on_lockfailure> and <pm>. */
#include "domain_def.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

#include <stddef.h>
#include <stdlib.h>

DX_ENUM_IMPL(dxDomainLifecycleAction, DX_DOMAIN_LIFECYCLE_ACTION_LAST,
             "", "destroy", "restart", "rename-restart", "preserve",
             "coredump-destroy", "coredump-restart");
DX_ENUM_IMPL(dxDomainLockFailure, DX_DOMAIN_LOCK_FAILURE_LAST,
             "", "poweroff", "restart", "pause", "ignore");

static int
dxLifecycleTextEnum(xmlNodePtr node, const dxEnumTable *table, int *out)
{
    char *text = dxXMLContent(node);
    int v = dxEnumFromString(table, text);
    if (v <= 0) {
        char *allowed = dxEnumAllowedList(table);
        const char *hint = dxEnumSuggest(table, text);
        dxErrorReport(DX_ERR_INVALID, node,
                      "invalid <%s> action '%s'%s%s%s; allowed: %s",
                      (const char *)node->name, text,
                      hint ? " (did you mean '" : "", hint ? hint : "",
                      hint ? "'?)" : "", allowed);
        free(allowed);
        free(text);
        return -1;
    }
    free(text);
    *out = v;
    return 0;
}

int
dxDomainLifecycleParse(dxDomainDef *def, xmlNodePtr node)
{
    int v;
    if (dxXMLNameIs(node, "on_lockfailure")) {
        if (dxLifecycleTextEnum(node, &dxDomainLockFailureTable, &v) < 0)
            return -1;
        def->onLockFailure = v;
        return 0;
    }
    if (dxLifecycleTextEnum(node, &dxDomainLifecycleActionTable, &v) < 0)
        return -1;
    if (dxXMLNameIs(node, "on_poweroff"))
        def->onPoweroff = v;
    else if (dxXMLNameIs(node, "on_reboot"))
        def->onReboot = v;
    else
        def->onCrash = v;
    return 0;
}

void
dxDomainLifecycleFormat(dxBuf *buf, const dxDomainDef *def)
{
    if (def->onPoweroff)
        dxBufTextElement(buf, "on_poweroff", dxDomainLifecycleActionTypeToString(def->onPoweroff));
    if (def->onReboot)
        dxBufTextElement(buf, "on_reboot", dxDomainLifecycleActionTypeToString(def->onReboot));
    if (def->onCrash)
        dxBufTextElement(buf, "on_crash", dxDomainLifecycleActionTypeToString(def->onCrash));
    if (def->onLockFailure)
        dxBufTextElement(buf, "on_lockfailure", dxDomainLockFailureTypeToString(def->onLockFailure));
}

static int
dxPMStateParse(xmlNodePtr parent, const char *name, dxTristateBool *out)
{
    xmlNodePtr node = dxXMLChild(parent, name);
    if (!node)
        return 0;
    return dxXMLPropTristateBool(node, "enabled", DX_PROP_REQUIRED, out) < 0 ? -1 : 0;
}

int
dxDomainPMParse(dxDomainDef *def, xmlNodePtr node)
{
    if (dxPMStateParse(node, "suspend-to-mem", &def->pm.s3) < 0 ||
        dxPMStateParse(node, "suspend-to-disk", &def->pm.s4) < 0)
        return -1;
    return 0;
}

void
dxDomainPMFormat(dxBuf *buf, const dxDomainDef *def)
{
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    if (def->pm.s3)
        dxBufAddf(&child, "<suspend-to-mem enabled='%s'/>\n",
                  dxTristateBoolTypeToString(def->pm.s3));
    if (def->pm.s4)
        dxBufAddf(&child, "<suspend-to-disk enabled='%s'/>\n",
                  dxTristateBoolTypeToString(def->pm.s4));
    dxBufElement(buf, "pm", NULL, &child);
}

/* Core dumps make sense on a crash only. */
int
dxDomainLifecycleValidate(const dxDomainDef *def)
{
    static const struct {
        const char *event;
        size_t offset;
    } events[] = {
        { "poweroff", offsetof(dxDomainDef, onPoweroff) },
        { "reboot", offsetof(dxDomainDef, onReboot) },
    };
    size_t i;

    for (i = 0; i < DX_ARRAY_CARDINALITY(events); i++) {
        int action = *(const dxDomainLifecycleAction *)((const char *)def + events[i].offset);
        if (action == DX_DOMAIN_LIFECYCLE_ACTION_COREDUMP_DESTROY ||
            action == DX_DOMAIN_LIFECYCLE_ACTION_COREDUMP_RESTART) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &def->loc,
                             "Lifecycle event '%s' doesn't support '%s' action",
                             events[i].event, dxDomainLifecycleActionTypeToString(action));
            return -1;
        }
    }
    return 0;
}
