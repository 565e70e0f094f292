/* domain_security.c: <perf> (host perf counters), <keywrap> (s390
 * crypto key wrapping) and <launchSecurity> (memory encryption). */
#include "misc_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

#include <stdlib.h>

DX_ENUM_IMPL(dxPerfEvent, DX_PERF_LAST,
             "cmt", "mbmt", "mbml", "cpu_cycles", "instructions",
             "cache_references", "cache_misses", "branch_instructions",
             "branch_misses", "bus_cycles", "stalled_cycles_frontend",
             "stalled_cycles_backend", "ref_cpu_cycles", "cpu_clock",
             "task_clock", "page_faults", "context_switches", "cpu_migrations",
             "page_faults_min", "page_faults_maj", "alignment_faults",
             "emulation_faults");
DX_ENUM_IMPL(dxKeywrapCipher, DX_KEYWRAP_LAST, "aes", "dea");
DX_ENUM_IMPL(dxLaunchSecurityType, DX_LAUNCH_SECURITY_LAST, "", "sev", "s390-pv");

/* ---- <perf> ---------------------------------------------------------------------- */

int
dxDomainPerfParse(dxDomainDef *def, xmlNodePtr node)
{
    if (!def->perf)
        def->perf = dxNew(dxDomainPerfDef);
    DX_XML_FOREACH_CHILD(node, child) {
        int ev = 0;
        dxTristateBool enabled;
        if (!dxXMLNameIs(child, "event") || child->ns)
            continue;
        dxXMLMarkUsed(child);
        if (dxXMLPropEnum(child, "name", &dxPerfEventTable, DX_PROP_REQUIRED, &ev) < 0 ||
            dxXMLPropTristateBool(child, "enabled", DX_PROP_REQUIRED, &enabled) < 0)
            return -1;
        if (def->perf->events[ev]) {
            dxErrorReport(DX_ERR_INVALID, child, "perf event '%s' was already specified",
                          dxPerfEventTypeToString(ev));
            return -1;
        }
        def->perf->events[ev] = enabled;
    }
    return 0;
}

void
dxDomainPerfFormat(dxBuf *buf, const dxDomainDef *def)
{
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    int ev;

    if (!def->perf)
        return;
    for (ev = 0; ev < DX_PERF_LAST; ev++) {
        if (def->perf->events[ev])
            dxBufAddf(&child, "<event name='%s' enabled='%s'/>\n", dxPerfEventTypeToString(ev),
                      dxTristateBoolTypeToString(def->perf->events[ev]));
    }
    dxBufElement(buf, "perf", NULL, &child);
}

/* ---- <keywrap> ---------------------------------------------------------------------- */

int
dxDomainKeywrapParse(dxDomainDef *def, xmlNodePtr node)
{
    dxDomainMiscDef *misc = dxDomainMisc(def);

    misc->hasKeywrap = true;
    DX_XML_FOREACH_CHILD(node, child) {
        int c = 0;
        dxTristateSwitch state = DX_TRISTATE_SWITCH_ON;
        if (!dxXMLNameIs(child, "cipher") || child->ns)
            continue;
        dxXMLMarkUsed(child);
        if (dxXMLPropEnum(child, "name", &dxKeywrapCipherTable, DX_PROP_REQUIRED, &c) < 0 ||
            dxXMLPropTristateSwitch(child, "state", DX_PROP_REQUIRED, &state) < 0)
            return -1;
        if (misc->keywrap[c]) {
            dxErrorReport(DX_ERR_INVALID, child,
                          "cipher '%s' specified more than once", dxKeywrapCipherTypeToString(c));
            return -1;
        }
        misc->keywrap[c] = state;
    }
    return 0;
}

void
dxDomainKeywrapFormat(dxBuf *buf, const dxDomainDef *def)
{
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    int c;

    if (!def->misc || !def->misc->hasKeywrap)
        return;
    for (c = 0; c < DX_KEYWRAP_LAST; c++) {
        if (def->misc->keywrap[c])
            dxBufAddf(&child, "<cipher name='%s' state='%s'/>\n", dxKeywrapCipherTypeToString(c),
                      dxTristateSwitchTypeToString(def->misc->keywrap[c]));
    }
    dxBufElement(buf, "keywrap", NULL, &child);
}

/* ---- <launchSecurity> ------------------------------------------------------------------ */

static int
dxUIntChild(xmlNodePtr parent, const char *name, int base, bool *has, unsigned int *out)
{
    xmlNodePtr child = dxXMLChild(parent, name);
    char *text;

    if (!child)
        return 0;
    text = dxXMLContent(child);
    if (dxStrToUInt(text, base, out) < 0) {
        dxErrorReport(DX_ERR_INVALID, child, "invalid <%s> value '%s'", name, text);
        free(text);
        return -1;
    }
    free(text);
    *has = true;
    return 0;
}

static int
dxSEVParse(dxLaunchSecurity *ls, xmlNodePtr node)
{
    if (dxXMLPropTristateBool(node, "kernelHashes", 0, &ls->kernelHashes) < 0 ||
        dxUIntChild(node, "cbitpos", 10, &ls->hasCbitpos, &ls->cbitpos) < 0 ||
        dxUIntChild(node, "reducedPhysBits", 10, &ls->hasReducedPhysBits,
                    &ls->reducedPhysBits) < 0 ||
        dxUIntChild(node, "policy", 16, &ls->hasPolicy, &ls->policy) < 0)
        return -1;
    if (!ls->hasPolicy) {
        dxErrorReport(DX_ERR_INVALID, node, "failed to get launch security policy");
        return -1;
    }
    ls->dhCert = dxXMLChildContent(node, "dhCert");
    ls->session = dxXMLChildContent(node, "session");
    return 0;
}

int
dxDomainLaunchSecurityParse(dxDomainDef *def, xmlNodePtr node)
{
    dxDomainMiscDef *misc = dxDomainMisc(def);
    dxLaunchSecurity *ls = dxNew(dxLaunchSecurity);

    misc->launchSecurity = ls;
    if (dxXMLPropEnum(node, "type", &dxLaunchSecurityTypeTable,
                      DX_PROP_REQUIRED | DX_PROP_NONZERO, &ls->type) < 0)
        return -1;
    if (ls->type == DX_LAUNCH_SECURITY_SEV)
        return dxSEVParse(ls, node);
    return 0;
}

void
dxDomainLaunchSecurityFormat(dxBuf *buf, const dxDomainDef *def)
{
    const dxLaunchSecurity *ls = def->misc ? def->misc->launchSecurity : NULL;
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);

    if (!ls)
        return;
    dxBufAttr(&attrs, "type", dxLaunchSecurityTypeTypeToString(ls->type));
    if (ls->kernelHashes)
        dxBufAttr(&attrs, "kernelHashes", dxTristateBoolTypeToString(ls->kernelHashes));
    if (ls->hasCbitpos)
        dxBufAddf(&child, "<cbitpos>%u</cbitpos>\n", ls->cbitpos);
    if (ls->hasReducedPhysBits)
        dxBufAddf(&child, "<reducedPhysBits>%u</reducedPhysBits>\n", ls->reducedPhysBits);
    if (ls->hasPolicy)
        dxBufAddf(&child, "<policy>0x%04x</policy>\n", ls->policy);
    dxBufTextElement(&child, "dhCert", ls->dhCert);
    dxBufTextElement(&child, "session", ls->session);
    dxBufElementAlways(buf, "launchSecurity", &attrs, &child);
}
