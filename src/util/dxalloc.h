/* dxalloc.h: allocation helpers that abort on out-of-memory.
 *
 * Like GLib's g_new0, allocation failure is not something a parser can
 * recover from meaningfully, so every allocator here aborts instead of
 * returning NULL.  This keeps error paths about *input* errors only.
 */
#pragma once

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

void *dxAllocZero(size_t count, size_t size);
void *dxReallocArray(void *ptr, size_t count, size_t size);
char *dxStrdup(const char *s);          /* NULL in, NULL out */
char *dxStrndup(const char *s, size_t n);
char *dxAsprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define dxNew(type) ((type *)dxAllocZero(1, sizeof(type)))
#define dxNewN(type, n) ((type *)dxAllocZero((n), sizeof(type)))

/* Append ITEM to the counted array ARR of length N (both lvalues). */
#define DX_APPEND(arr, n, item) \
    do { \
        (arr) = dxReallocArray((arr), (n) + 1, sizeof(*(arr))); \
        (arr)[(n)++] = (item); \
    } while (0)

/* Free *P with FREEFN and set it to NULL. */
#define DX_CLEAR(p, freefn) \
    do { \
        freefn(p); \
        (p) = NULL; \
    } while (0)

#define DX_ARRAY_CARDINALITY(a) (sizeof(a) / sizeof((a)[0]))

static inline const char *dxNullStr(const char *s) { return s ? s : ""; }
static inline int dxStrEq(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcmp(a, b) == 0;
}
