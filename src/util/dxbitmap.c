#include "dxbitmap.h"
#include "dxalloc.h"
#include "dxbuf.h"

#include <ctype.h>
#include <stdlib.h>

dxBitmap *
dxBitmapNew(void)
{
    return dxNew(dxBitmap);
}

void
dxBitmapFree(dxBitmap *map)
{
    if (!map)
        return;
    free(map->bits);
    free(map);
}

dxBitmap *
dxBitmapCopy(const dxBitmap *map)
{
    dxBitmap *c;
    if (!map)
        return NULL;
    c = dxBitmapNew();
    if (map->nbits) {
        c->bits = dxNewN(unsigned char, map->nbits / 8);
        memcpy(c->bits, map->bits, map->nbits / 8);
        c->nbits = map->nbits;
    }
    return c;
}

int
dxBitmapSet(dxBitmap *map, size_t bit)
{
    if (bit >= DX_BITMAP_MAX_BIT)
        return -1;
    if (bit >= map->nbits) {
        size_t want = ((bit / 64) + 1) * 64;
        /* grow geometrically: setting 0..N in order must stay linear */
        if (want < map->nbits * 2)
            want = map->nbits * 2;
        if (want > DX_BITMAP_MAX_BIT)
            want = DX_BITMAP_MAX_BIT;
        map->bits = dxReallocArray(map->bits, want / 8, 1);
        memset(map->bits + map->nbits / 8, 0, (want - map->nbits) / 8);
        map->nbits = want;
    }
    map->bits[bit / 8] |= (unsigned char)(1u << (bit % 8));
    return 0;
}

void
dxBitmapClear(dxBitmap *map, size_t bit)
{
    if (bit < map->nbits)
        map->bits[bit / 8] &= (unsigned char)~(1u << (bit % 8));
}

bool
dxBitmapIsSet(const dxBitmap *map, size_t bit)
{
    return map && bit < map->nbits && (map->bits[bit / 8] >> (bit % 8)) & 1;
}

long
dxBitmapNext(const dxBitmap *map, long pos)
{
    size_t i;
    if (!map)
        return -1;
    for (i = (size_t)(pos + 1); i < map->nbits; i++) {
        if (map->bits[i / 8] == 0) {
            i |= 7;
            continue;
        }
        if (dxBitmapIsSet(map, i))
            return (long)i;
    }
    return -1;
}

long
dxBitmapLast(const dxBitmap *map)
{
    size_t i;
    if (!map)
        return -1;
    for (i = map->nbits; i > 0; i--) {
        if (dxBitmapIsSet(map, i - 1))
            return (long)(i - 1);
    }
    return -1;
}

size_t
dxBitmapCount(const dxBitmap *map)
{
    size_t n = 0;
    long b = -1;
    while ((b = dxBitmapNext(map, b)) >= 0)
        n++;
    return n;
}

bool
dxBitmapIsEmpty(const dxBitmap *map)
{
    return dxBitmapNext(map, -1) < 0;
}

bool
dxBitmapEqual(const dxBitmap *a, const dxBitmap *b)
{
    long x = -1, y = -1;
    do {
        x = dxBitmapNext(a, x);
        y = dxBitmapNext(b, y);
        if (x != y)
            return false;
    } while (x >= 0);
    return true;
}

static int
dxBitmapParseNumber(const char **p, size_t *out)
{
    char *end;
    unsigned long v;
    if (!isdigit((unsigned char)**p))
        return -1;
    v = strtoul(*p, &end, 10);
    if (v >= DX_BITMAP_MAX_BIT)
        return -1;
    *out = v;
    *p = end;
    return 0;
}

dxBitmap *
dxBitmapParse(const char *str)
{
    dxBitmap *map = dxBitmapNew();
    dxBitmap *neg = dxBitmapNew();
    const char *p = str;
    long b = -1;

    if (!str)
        goto error;
    for (;;) {
        bool exclude = false;
        size_t first, last, i;
        while (isspace((unsigned char)*p))
            p++;
        if (*p == '^') {
            exclude = true;
            p++;
        }
        if (dxBitmapParseNumber(&p, &first) < 0)
            goto error;
        last = first;
        if (*p == '-' && !exclude) {
            p++;
            if (dxBitmapParseNumber(&p, &last) < 0 || last < first)
                goto error;
        }
        for (i = first; i <= last; i++)
            dxBitmapSet(exclude ? neg : map, i);
        while (isspace((unsigned char)*p))
            p++;
        if (*p == '\0')
            break;
        if (*p != ',')
            goto error;
        p++;
    }
    while ((b = dxBitmapNext(neg, b)) >= 0)
        dxBitmapClear(map, (size_t)b);
    dxBitmapFree(neg);
    return map;

 error:
    dxBitmapFree(map);
    dxBitmapFree(neg);
    return NULL;
}

char *
dxBitmapFormat(const dxBitmap *map)
{
    dxBuf buf = DX_BUF_INIT;
    long start = dxBitmapNext(map, -1);

    while (start >= 0) {
        long end = start, next;
        while ((next = dxBitmapNext(map, end)) == end + 1)
            end = next;
        if (!dxBufIsEmpty(&buf))
            dxBufAddChar(&buf, ',');
        if (end == start)
            dxBufAddf(&buf, "%ld", start);
        else
            dxBufAddf(&buf, "%ld-%ld", start, end);
        start = next;
    }
    return dxBufSteal(&buf);
}
