#include "dxunits.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

unsigned long long
dxUnitScale(const char *unit)
{
    static const char letters[] = "kmgtpe";
    unsigned long long base = 1024;
    const char *pos;
    unsigned long long scale = 1;
    int power, i;

    if (!unit || !*unit)
        return 0;
    if (strcasecmp(unit, "b") == 0 || strcasecmp(unit, "byte") == 0 ||
        strcasecmp(unit, "bytes") == 0)
        return 1;
    if (!(pos = strchr(letters, unit[0] >= 'A' && unit[0] <= 'Z' ?
                       unit[0] - 'A' + 'a' : unit[0])))
        return 0;
    power = (int)(pos - letters) + 1;
    if (unit[1] == '\0') {
        base = 1024;
    } else if (strcasecmp(unit + 1, "ib") == 0) {
        base = 1024;
    } else if (strcasecmp(unit + 1, "b") == 0) {
        base = 1000;
    } else {
        return 0;
    }
    for (i = 0; i < power; i++)
        scale *= base;
    return scale;
}

int
dxScaleInteger(unsigned long long *value, const char *unit,
               unsigned long long defaultScale, unsigned long long limit,
               const char **why)
{
    unsigned long long scale = (!unit || !*unit) ? defaultScale : dxUnitScale(unit);

    if (scale == 0) {
        *why = "unknown unit";
        return -1;
    }
    if (*value && scale > ULLONG_MAX / *value) {
        *why = "value too large";
        return -1;
    }
    if (*value * scale > limit) {
        *why = "value too large";
        return -1;
    }
    *value *= scale;
    return 0;
}
