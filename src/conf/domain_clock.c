/* domain_clock.c: <clock offset=...> and <timer>. */
#include "clock_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

#include <stdlib.h>
#include <string.h>

DX_ENUM_IMPL(dxClockOffset, DX_CLOCK_OFFSET_LAST,
             "utc", "localtime", "variable", "timezone", "absolute");
DX_ENUM_IMPL(dxClockBasis, DX_CLOCK_BASIS_LAST, "utc", "localtime");
DX_ENUM_IMPL(dxTimerName, DX_TIMER_NAME_LAST,
             "platform", "pit", "rtc", "hpet", "tsc", "kvmclock",
             "hypervclock", "armvtimer");
DX_ENUM_IMPL(dxTimerTickpolicy, DX_TIMER_TICKPOLICY_LAST,
             "", "delay", "catchup", "merge", "discard");
DX_ENUM_IMPL(dxTimerTrack, DX_TIMER_TRACK_LAST,
             "", "boot", "guest", "wall", "realtime");
DX_ENUM_IMPL(dxTimerMode, DX_TIMER_MODE_LAST,
             "", "auto", "native", "emulate", "paravirt", "smpsafe");

void
dxDomainClockFree(dxDomainClockDef *clock)
{
    size_t i;
    if (!clock)
        return;
    for (i = 0; i < clock->ntimers; i++)
        free(clock->timers[i]);
    free(clock->timers);
    free(clock->timezone);
    free(clock);
}

const dxTimerDef *
dxDomainClockFindTimer(const dxDomainClockDef *clock, dxTimerName name)
{
    size_t i;
    for (i = 0; clock && i < clock->ntimers; i++) {
        if (clock->timers[i]->name == name)
            return clock->timers[i];
    }
    return NULL;
}

static int
dxTimerCatchupParse(dxTimerDef *t, xmlNodePtr node)
{
    unsigned long long v;
    int rc;
    t->hasCatchup = true;
    if ((rc = dxXMLPropULongLong(node, "threshold", 10, 0, &v)) < 0)
        return -1;
    if (rc)
        t->catchupThreshold = v;
    if ((rc = dxXMLPropULongLong(node, "slew", 10, 0, &v)) < 0)
        return -1;
    if (rc)
        t->catchupSlew = v;
    if ((rc = dxXMLPropULongLong(node, "limit", 10, 0, &v)) < 0)
        return -1;
    if (rc)
        t->catchupLimit = v;
    return 0;
}

static dxTimerDef *
dxTimerParse(xmlNodePtr node)
{
    dxTimerDef *t = dxNew(dxTimerDef);
    int name = 0, tick = 0, track = 0, mode = 0;
    xmlNodePtr catchup;

    if (dxXMLPropEnum(node, "name", &dxTimerNameTable, DX_PROP_REQUIRED, &name) < 0 ||
        dxXMLPropTristateBool(node, "present", 0, &t->present) < 0 ||
        dxXMLPropEnum(node, "tickpolicy", &dxTimerTickpolicyTable, DX_PROP_NONZERO, &tick) < 0 ||
        dxXMLPropEnum(node, "track", &dxTimerTrackTable, DX_PROP_NONZERO, &track) < 0 ||
        dxXMLPropEnum(node, "mode", &dxTimerModeTable, DX_PROP_NONZERO, &mode) < 0 ||
        dxXMLPropULongLong(node, "frequency", 10, 0, &t->frequency) < 0)
        goto error;
    t->name = name;
    t->tickpolicy = tick;
    t->track = track;
    t->mode = mode;
    if (t->track && t->name != DX_TIMER_NAME_PLATFORM && t->name != DX_TIMER_NAME_RTC) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "track is only valid for the rtc and platform timers, not '%s'",
                      dxTimerNameTypeToString(t->name));
        goto error;
    }
    if ((t->frequency || t->mode) && t->name != DX_TIMER_NAME_TSC) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "frequency and mode are only valid for the tsc timer, not '%s'",
                      dxTimerNameTypeToString(t->name));
        goto error;
    }
    if ((catchup = dxXMLChild(node, "catchup")) && dxTimerCatchupParse(t, catchup) < 0)
        goto error;
    return t;

 error:
    free(t);
    return NULL;
}

static int
dxClockOffsetParse(dxDomainClockDef *clock, xmlNodePtr node)
{
    int offset = DX_CLOCK_OFFSET_UTC, basis = DX_CLOCK_BASIS_UTC;
    char *adjustment = NULL;
    int rc = -1;

    if (dxXMLPropEnum(node, "offset", &dxClockOffsetTable, 0, &offset) < 0)
        return -1;
    clock->offset = offset;
    /* a timezone or absolute clock has no adjustment: left unread, it is
     * reported as an unknown attribute, as libvirt's grammar refuses it */
    if (offset != DX_CLOCK_OFFSET_TIMEZONE && offset != DX_CLOCK_OFFSET_ABSOLUTE)
        adjustment = dxXMLPropString(node, "adjustment");
    switch (clock->offset) {
    case DX_CLOCK_OFFSET_UTC:
    case DX_CLOCK_OFFSET_LOCALTIME:
        if (!adjustment)
            break;
        if (strcmp(adjustment, "reset") == 0) {
            clock->resetAdjustment = true;
            break;
        }
        /* a numeric adjustment is a variable clock based on utc/localtime */
        if (dxStrToLongLong(adjustment, 10, &clock->adjustment) < 0)
            goto bad_adjustment;
        clock->basis = clock->offset == DX_CLOCK_OFFSET_UTC ?
                       DX_CLOCK_BASIS_UTC : DX_CLOCK_BASIS_LOCALTIME;
        clock->offset = DX_CLOCK_OFFSET_VARIABLE;
        break;
    case DX_CLOCK_OFFSET_VARIABLE:
        if (adjustment && dxStrToLongLong(adjustment, 10, &clock->adjustment) < 0)
            goto bad_adjustment;
        if (dxXMLPropEnum(node, "basis", &dxClockBasisTable, 0, &basis) < 0)
            goto cleanup;
        clock->basis = basis;
        break;
    case DX_CLOCK_OFFSET_TIMEZONE:
        if (!(clock->timezone = dxXMLPropString(node, "timezone"))) {
            dxErrorReport(DX_ERR_INVALID, node,
                          "missing 'timezone' attribute for clock with offset='timezone'");
            goto cleanup;
        }
        break;
    case DX_CLOCK_OFFSET_ABSOLUTE:
        if (dxXMLPropULongLong(node, "start", 10, DX_PROP_REQUIRED, &clock->start) < 0)
            goto cleanup;
        break;
    case DX_CLOCK_OFFSET_LAST:
        break;
    }
    rc = 0;
    goto cleanup;

 bad_adjustment:
    dxErrorReport(DX_ERR_INVALID, node,
                  "invalid clock adjustment '%s': expected 'reset' or a number of seconds",
                  adjustment);
 cleanup:
    free(adjustment);
    return rc;
}

int
dxDomainClockParse(dxDomainDef *def, xmlNodePtr node)
{
    dxDomainClockDef *clock = dxNew(dxDomainClockDef);

    def->clock = clock;
    if (dxClockOffsetParse(clock, node) < 0)
        return -1;
    DX_XML_FOREACH_CHILD(node, child) {
        dxTimerDef *t;
        if (!dxXMLNameIs(child, "timer") || child->ns)
            continue;
        dxXMLMarkUsed(child);
        if (!(t = dxTimerParse(child)))
            return -1;
        DX_APPEND(clock->timers, clock->ntimers, t);
    }
    return 0;
}

static void
dxTimerFormat(dxBuf *buf, const dxTimerDef *t)
{
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);

    dxBufAttr(&attrs, "name", dxTimerNameTypeToString(t->name));
    if (t->present)
        dxBufAttr(&attrs, "present", dxTristateBoolTypeToString(t->present));
    if (t->tickpolicy)
        dxBufAttr(&attrs, "tickpolicy", dxTimerTickpolicyTypeToString(t->tickpolicy));
    if (t->track)
        dxBufAttr(&attrs, "track", dxTimerTrackTypeToString(t->track));
    if (t->frequency)
        dxBufAddf(&attrs, " frequency='%llu'", t->frequency);
    if (t->mode)
        dxBufAttr(&attrs, "mode", dxTimerModeTypeToString(t->mode));
    if (t->hasCatchup && (t->catchupThreshold || t->catchupSlew || t->catchupLimit)) {
        dxBufAddStr(&child, "<catchup");
        if (t->catchupThreshold)
            dxBufAddf(&child, " threshold='%lu'", t->catchupThreshold);
        if (t->catchupSlew)
            dxBufAddf(&child, " slew='%lu'", t->catchupSlew);
        if (t->catchupLimit)
            dxBufAddf(&child, " limit='%lu'", t->catchupLimit);
        dxBufAddStr(&child, "/>\n");
    }
    dxBufElementAlways(buf, "timer", &attrs, &child);
}

void
dxDomainClockFormat(dxBuf *buf, const dxDomainDef *def)
{
    const dxDomainClockDef *clock = def->clock;
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    size_t i;

    if (!clock)
        return;
    dxBufAttr(&attrs, "offset", dxClockOffsetTypeToString(clock->offset));
    switch (clock->offset) {
    case DX_CLOCK_OFFSET_UTC:
    case DX_CLOCK_OFFSET_LOCALTIME:
        if (clock->resetAdjustment)
            dxBufAttr(&attrs, "adjustment", "reset");
        break;
    case DX_CLOCK_OFFSET_VARIABLE:
        dxBufAddf(&attrs, " adjustment='%lld' basis='%s'", clock->adjustment,
                  dxClockBasisTypeToString(clock->basis));
        break;
    case DX_CLOCK_OFFSET_TIMEZONE:
        dxBufAttr(&attrs, "timezone", clock->timezone);
        break;
    case DX_CLOCK_OFFSET_ABSOLUTE:
        dxBufAddf(&attrs, " start='%llu'", clock->start);
        break;
    case DX_CLOCK_OFFSET_LAST:
        break;
    }
    for (i = 0; i < clock->ntimers; i++)
        dxTimerFormat(&child, clock->timers[i]);
    dxBufElementAlways(buf, "clock", &attrs, &child);
}
