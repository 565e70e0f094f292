/* qemu_cmd_clock.c: -rtc and the -global options of <clock><timer>. */
#include "qemu_command_priv.h"
#include "conf/clock_conf.h"
#include "util/dxerror.h"

#include <time.h>

static int
dxQemuClockBase(dxBuf *buf, const dxDomainClockDef *clock)
{
    time_t when;
    struct tm tm;

    switch (clock->offset) {
    case DX_CLOCK_OFFSET_UTC:
        dxBufAddStr(buf, "base=utc");
        return 0;
    case DX_CLOCK_OFFSET_LOCALTIME:
    case DX_CLOCK_OFFSET_TIMEZONE:
        dxBufAddStr(buf, "base=localtime");
        return 0;
    case DX_CLOCK_OFFSET_VARIABLE:
        when = time(NULL) + (time_t)clock->adjustment;
        break;
    case DX_CLOCK_OFFSET_ABSOLUTE:
        when = (time_t)clock->start;
        break;
    case DX_CLOCK_OFFSET_LAST:
    default:
        return -1;
    }
    if (clock->offset == DX_CLOCK_OFFSET_VARIABLE && clock->basis == DX_CLOCK_BASIS_LOCALTIME)
        localtime_r(&when, &tm);
    else
        gmtime_r(&when, &tm);
    dxBufAddf(buf, "base=%04d-%02d-%02dT%02d:%02d:%02d",
              tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
              tm.tm_hour, tm.tm_min, tm.tm_sec);
    return 0;
}

static int
dxQemuClockRtcTimer(dxBuf *buf, const dxTimerDef *t)
{
    switch (t->track) {
    case DX_TIMER_TRACK_NONE:
        break;
    case DX_TIMER_TRACK_GUEST:
        dxBufAddStr(buf, ",clock=vm");
        break;
    case DX_TIMER_TRACK_WALL:
        dxBufAddStr(buf, ",clock=host");
        break;
    case DX_TIMER_TRACK_REALTIME:
        dxBufAddStr(buf, ",clock=rt");
        break;
    case DX_TIMER_TRACK_BOOT:
    case DX_TIMER_TRACK_LAST:
        dxErrorReport(DX_ERR_UNSUPPORTED, NULL,
                      "unsupported rtc timer track '%s'", dxTimerTrackTypeToString(t->track));
        return -1;
    }
    switch (t->tickpolicy) {
    case DX_TIMER_TICKPOLICY_NONE:
    case DX_TIMER_TICKPOLICY_DELAY:
        break;
    case DX_TIMER_TICKPOLICY_CATCHUP:
        dxBufAddStr(buf, ",driftfix=slew");
        break;
    case DX_TIMER_TICKPOLICY_MERGE:
    case DX_TIMER_TICKPOLICY_DISCARD:
    case DX_TIMER_TICKPOLICY_LAST:
        dxErrorReport(DX_ERR_UNSUPPORTED, NULL,
                      "unsupported rtc timer tickpolicy '%s'",
                      dxTimerTickpolicyTypeToString(t->tickpolicy));
        return -1;
    }
    return 0;
}

static int
dxQemuClockPitTimer(dxQemuBuildCtx *ctx, const dxTimerDef *t)
{
    const char *policy = NULL;
    switch (t->tickpolicy) {
    case DX_TIMER_TICKPOLICY_NONE:
        return 0;
    case DX_TIMER_TICKPOLICY_DELAY:
        policy = "delay";
        break;
    case DX_TIMER_TICKPOLICY_CATCHUP:
        policy = "slew";
        break;
    case DX_TIMER_TICKPOLICY_DISCARD:
        policy = "discard";
        break;
    case DX_TIMER_TICKPOLICY_MERGE:
    case DX_TIMER_TICKPOLICY_LAST:
        dxErrorReport(DX_ERR_UNSUPPORTED, NULL,
                      "unsupported pit tickpolicy '%s'",
                      dxTimerTickpolicyTypeToString(t->tickpolicy));
        return -1;
    }
    dxArgvAdd(ctx->argv, "-global");
    dxArgvAddf(ctx->argv, "kvm-pit.lost_tick_policy=%s", policy);
    return 0;
}

int
dxQemuBuildClock(dxQemuBuildCtx *ctx)
{
    const dxDomainClockDef *clock = ctx->def->clock;
    dxBuf buf = DX_BUF_INIT;
    const dxTimerDef *rtc;
    const dxTimerDef *pit;

    if (!clock)
        return 0;
    if (dxQemuClockBase(&buf, clock) < 0) {
        dxBufClear(&buf);
        return -1;
    }
    if ((rtc = dxDomainClockFindTimer(clock, DX_TIMER_NAME_RTC)) &&
        dxQemuClockRtcTimer(&buf, rtc) < 0) {
        dxBufClear(&buf);
        return -1;
    }
    dxArgvAddBuf(ctx->argv, "-rtc", &buf);
    if ((pit = dxDomainClockFindTimer(clock, DX_TIMER_NAME_PIT)) &&
        dxQemuClockPitTimer(ctx, pit) < 0)
        return -1;
    return 0;
}
