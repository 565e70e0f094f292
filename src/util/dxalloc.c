#include "dxalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

static void
dxAbortOOM(void)
{
    fputs("domxml: out of memory\n", stderr);
    abort();
}

void *
dxAllocZero(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        dxAbortOOM();
    return p;
}

void *
dxReallocArray(void *ptr, size_t count, size_t size)
{
    void *p;
    if (size && count > SIZE_MAX / size)
        dxAbortOOM();
    p = realloc(ptr, (count && size) ? count * size : 1);
    if (!p)
        dxAbortOOM();
    return p;
}

char *
dxStrdup(const char *s)
{
    char *r;
    if (!s)
        return NULL;
    if (!(r = strdup(s)))
        dxAbortOOM();
    return r;
}

char *
dxStrndup(const char *s, size_t n)
{
    char *r;
    if (!s)
        return NULL;
    if (!(r = strndup(s, n)))
        dxAbortOOM();
    return r;
}

char *
dxAsprintf(const char *fmt, ...)
{
    va_list ap;
    char *r = NULL;
    int rc;
    va_start(ap, fmt);
    rc = vasprintf(&r, fmt, ap);
    va_end(ap);
    if (rc < 0)
        dxAbortOOM();
    return r;
}
