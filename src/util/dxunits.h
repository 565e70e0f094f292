/* dxunits.h: sizes with units, as libvirt's XML writes them.
 *
 * Units: b/bytes = 1; KB = 10^3, k/K/KiB = 2^10; MB = 10^6, M/MiB = 2^20;
 * GB, G/GiB; TB, T/TiB; PB, P/PiB; EB, E/EiB (case of the first letter is
 * ignored for the binary forms, as in libvirt).  Overflow is an error.
 */
#pragma once

/* Multiply VALUE by the scale of UNIT (DEFAULT_SCALE when UNIT is NULL or
 * empty) and check the result is <= LIMIT.  Returns 0, or -1 with *WHY set
 * to a static explanation. */
int dxScaleInteger(unsigned long long *value, const char *unit,
                   unsigned long long defaultScale, unsigned long long limit,
                   const char **why);
/* The multiplier of UNIT, or 0 when UNIT is not a known unit. */
unsigned long long dxUnitScale(const char *unit);
