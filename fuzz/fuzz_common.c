#include "fuzz_common.h"

#include "domxml/domxml.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *
dxFuzzString(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

void
dxFuzzPrintErrors(const char *what)
{
    size_t i;
    for (i = 0; i < dxErrorCount(); i++) {
        const dxError *e = dxErrorGet(i);
        fprintf(stderr, "%s: %s:%d: %s: %s\n", what, e->file ? e->file : "-", e->line,
                e->severity == DX_SEVERITY_WARNING ? "warning" : "error", e->message);
    }
}

void
dxFuzzFail(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "\n*** fuzz property broken: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    abort();
}

void
dxFuzzFailDiff(const char *what, const char *a, const char *b)
{
    size_t i = 0, line = 1, start = 0;
    while (a[i] && a[i] == b[i]) {
        if (a[i] == '\n') {
            line++;
            start = i + 1;
        }
        i++;
    }
    fprintf(stderr, "--- first ---\n%s\n--- second ---\n%s\n", a, b);
    dxFuzzFail("%s: outputs differ at line %zu:\n  first:  %.*s\n  second: %.*s",
               what, line, (int)strcspn(a + start, "\n"), a + start,
               (int)strcspn(b + start, "\n"), b + start);
}

/* ---- a strict JSON recogniser ------------------------------------------- */

static const char *dxFuzzJSONValue(const char *p, int depth);

static const char *
dxFuzzSkipWS(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    return p;
}

static const char *
dxFuzzJSONString(const char *p)
{
    if (*p++ != '"')
        return NULL;
    while (*p != '"') {
        if ((unsigned char)*p < 0x20)
            return NULL;               /* also the terminating NUL */
        if (*p == '\\') {
            p++;
            if (*p == 'u') {
                int i;
                for (i = 1; i <= 4; i++) {
                    if (!strchr("0123456789abcdefABCDEF", p[i]) || !p[i])
                        return NULL;
                }
                p += 4;
            } else if (!*p || !strchr("\"\\/bfnrt", *p)) {
                return NULL;
            }
        }
        p++;
    }
    return p + 1;
}

static const char *
dxFuzzJSONNumber(const char *p)
{
    if (*p == '-')
        p++;
    if (*p == '0')
        p++;
    else if (*p >= '1' && *p <= '9')
        while (*p >= '0' && *p <= '9')
            p++;
    else
        return NULL;
    if (*p == '.') {
        if (!(*++p >= '0' && *p <= '9'))
            return NULL;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!(*p >= '0' && *p <= '9'))
            return NULL;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    return p;
}

static const char *
dxFuzzJSONContainer(const char *p, int depth, char close)
{
    p = dxFuzzSkipWS(p + 1);
    if (*p == close)
        return p + 1;
    for (;;) {
        if (close == '}') {
            if (!(p = dxFuzzJSONString(dxFuzzSkipWS(p))))
                return NULL;
            p = dxFuzzSkipWS(p);
            if (*p++ != ':')
                return NULL;
        }
        if (!(p = dxFuzzJSONValue(p, depth + 1)))
            return NULL;
        p = dxFuzzSkipWS(p);
        if (*p == close)
            return p + 1;
        if (*p++ != ',')
            return NULL;
    }
}

static const char *
dxFuzzJSONValue(const char *p, int depth)
{
    if (depth > 64)
        return NULL;
    p = dxFuzzSkipWS(p);
    switch (*p) {
    case '{': return dxFuzzJSONContainer(p, depth, '}');
    case '[': return dxFuzzJSONContainer(p, depth, ']');
    case '"': return dxFuzzJSONString(p);
    case 't': return strncmp(p, "true", 4) == 0 ? p + 4 : NULL;
    case 'f': return strncmp(p, "false", 5) == 0 ? p + 5 : NULL;
    case 'n': return strncmp(p, "null", 4) == 0 ? p + 4 : NULL;
    default: return dxFuzzJSONNumber(p);
    }
}

bool
dxFuzzIsJSON(const char *s)
{
    const char *end = dxFuzzJSONValue(s, 0);
    return end && *dxFuzzSkipWS(end) == '\0';
}

bool
dxFuzzIsUTF8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned int c = *p, n, i;
        if (c < 0x80) {
            p++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            c &= 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            c &= 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            c &= 0x07;
        } else {
            return false;
        }
        for (i = 1; i <= n; i++) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            c = (c << 6) | (p[i] & 0x3F);
        }
        if ((n == 2 && c < 0x800) || (n == 3 && c < 0x10000) || c > 0x10FFFF ||
            (c >= 0xD800 && c <= 0xDFFF))
            return false;
        p += n + 1;
    }
    return true;
}
