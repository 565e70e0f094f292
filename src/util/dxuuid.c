#include "dxuuid.h"

#include <ctype.h>
#include <string.h>
#include <uuid/uuid.h>

static int
dxHexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int
dxUUIDParse(const char *str, unsigned char uuid[DX_UUID_BUFLEN])
{
    const char *p = str;
    size_t i;

    if (!str)
        return -1;
    while (isspace((unsigned char)*p))
        p++;
    for (i = 0; i < DX_UUID_BUFLEN; i++) {
        int hi, lo;
        while (*p == '-')
            p++;
        if ((hi = dxHexValue(p[0])) < 0 || (lo = dxHexValue(p[1])) < 0)
            return -1;
        uuid[i] = (unsigned char)(hi << 4 | lo);
        p += 2;
    }
    while (isspace((unsigned char)*p))
        p++;
    return *p == '\0' ? 0 : -1;
}

void
dxUUIDFormat(const unsigned char uuid[DX_UUID_BUFLEN], char out[DX_UUID_STRING_BUFLEN])
{
    uuid_unparse_lower(uuid, out);
}

void
dxUUIDGenerate(unsigned char uuid[DX_UUID_BUFLEN])
{
    uuid_generate_random(uuid);
}

bool
dxUUIDIsNull(const unsigned char uuid[DX_UUID_BUFLEN])
{
    static const unsigned char zero[DX_UUID_BUFLEN];
    return memcmp(uuid, zero, DX_UUID_BUFLEN) == 0;
}
