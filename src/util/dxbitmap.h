/* dxbitmap.h: sets of small non-negative integers written as libvirt's
 * range lists ("0-3,8,^2"): CPU sets, NUMA node sets, vCPU lists. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#define DX_BITMAP_MAX_BIT (1u << 20)   /* refuse absurd ids instead of allocating */

typedef struct {
    unsigned char *bits;
    size_t nbits;   /* capacity in bits */
} dxBitmap;

dxBitmap *dxBitmapNew(void);
void dxBitmapFree(dxBitmap *map);
dxBitmap *dxBitmapCopy(const dxBitmap *map);
int dxBitmapSet(dxBitmap *map, size_t bit);      /* -1 beyond DX_BITMAP_MAX_BIT */
void dxBitmapClear(dxBitmap *map, size_t bit);
bool dxBitmapIsSet(const dxBitmap *map, size_t bit);
size_t dxBitmapCount(const dxBitmap *map);
bool dxBitmapIsEmpty(const dxBitmap *map);
bool dxBitmapEqual(const dxBitmap *a, const dxBitmap *b);
/* Highest set bit, or -1 when empty. */
long dxBitmapLast(const dxBitmap *map);
/* Next set bit after POS (pass -1 to start), or -1. */
long dxBitmapNext(const dxBitmap *map, long pos);

/* Parse "0-3,8,^2"; NULL on syntax error or out-of-range ids. */
dxBitmap *dxBitmapParse(const char *str);
/* Canonical "0-3,8" form; caller frees.  An empty map gives "". */
char *dxBitmapFormat(const dxBitmap *map);
