/* clock_conf.h: <clock> and its <timer> children. */
#pragma once

#include "domain_def.h"

typedef enum {
    DX_CLOCK_OFFSET_UTC = 0,
    DX_CLOCK_OFFSET_LOCALTIME,
    DX_CLOCK_OFFSET_VARIABLE,
    DX_CLOCK_OFFSET_TIMEZONE,
    DX_CLOCK_OFFSET_ABSOLUTE,
    DX_CLOCK_OFFSET_LAST
} dxClockOffset;
DX_ENUM_DECL(dxClockOffset);

typedef enum {
    DX_CLOCK_BASIS_UTC = 0,
    DX_CLOCK_BASIS_LOCALTIME,
    DX_CLOCK_BASIS_LAST
} dxClockBasis;
DX_ENUM_DECL(dxClockBasis);

typedef enum {
    DX_TIMER_NAME_PLATFORM = 0,
    DX_TIMER_NAME_PIT,
    DX_TIMER_NAME_RTC,
    DX_TIMER_NAME_HPET,
    DX_TIMER_NAME_TSC,
    DX_TIMER_NAME_KVMCLOCK,
    DX_TIMER_NAME_HYPERVCLOCK,
    DX_TIMER_NAME_ARMVTIMER,
    DX_TIMER_NAME_LAST
} dxTimerName;
DX_ENUM_DECL(dxTimerName);

typedef enum {
    DX_TIMER_TICKPOLICY_NONE = 0,
    DX_TIMER_TICKPOLICY_DELAY,
    DX_TIMER_TICKPOLICY_CATCHUP,
    DX_TIMER_TICKPOLICY_MERGE,
    DX_TIMER_TICKPOLICY_DISCARD,
    DX_TIMER_TICKPOLICY_LAST
} dxTimerTickpolicy;
DX_ENUM_DECL(dxTimerTickpolicy);

typedef enum {
    DX_TIMER_TRACK_NONE = 0,
    DX_TIMER_TRACK_BOOT,
    DX_TIMER_TRACK_GUEST,
    DX_TIMER_TRACK_WALL,
    DX_TIMER_TRACK_REALTIME,
    DX_TIMER_TRACK_LAST
} dxTimerTrack;
DX_ENUM_DECL(dxTimerTrack);

typedef enum {
    DX_TIMER_MODE_NONE = 0,
    DX_TIMER_MODE_AUTO,
    DX_TIMER_MODE_NATIVE,
    DX_TIMER_MODE_EMULATE,
    DX_TIMER_MODE_PARAVIRT,
    DX_TIMER_MODE_SMPSAFE,
    DX_TIMER_MODE_LAST
} dxTimerMode;
DX_ENUM_DECL(dxTimerMode);

typedef struct {
    dxTimerName name;
    dxTristateBool present;
    dxTimerTickpolicy tickpolicy;
    dxTimerTrack track;
    dxTimerMode mode;
    unsigned long long frequency;     /* tsc only, 0 = unset */
    bool hasCatchup;
    unsigned long catchupThreshold;
    unsigned long catchupSlew;
    unsigned long catchupLimit;
} dxTimerDef;

struct _dxDomainClockDef {
    dxClockOffset offset;
    bool resetAdjustment;             /* utc/localtime adjustment='reset' */
    long long adjustment;             /* variable */
    dxClockBasis basis;               /* variable */
    char *timezone;                   /* timezone */
    unsigned long long start;         /* absolute: seconds since the epoch */
    dxTimerDef **timers;
    size_t ntimers;
};

const dxTimerDef *dxDomainClockFindTimer(const dxDomainClockDef *clock, dxTimerName name);
