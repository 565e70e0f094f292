/* dxjson_parse.c: a strict JSON reader for dxJSON values.
 *
 * domxml writes JSON for QEMU; `domxml check` also reads it back (the
 * -device/-blockdev/-netdev/-object arguments it adapts, argv files, QMP
 * replies).  Duplicate keys are kept in order, as dxJSON allows them.
 */
#include "dxjson.h"
#include "dxalloc.h"
#include "dxbuf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DX_JSON_MAX_DEPTH 64

typedef struct {
    const char *p;
    const char *start;
    char *error;
} dxJSONReader;

static dxJSON *dxJSONReadValue(dxJSONReader *r, int depth);

static void
dxJSONFail(dxJSONReader *r, const char *what)
{
    if (!r->error)
        r->error = dxAsprintf("%s at offset %zu", what, (size_t)(r->p - r->start));
}

static void
dxJSONSkipBlanks(dxJSONReader *r)
{
    while (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r')
        r->p++;
}

static int
dxJSONHex4(const char *p, unsigned int *out)
{
    unsigned int v = 0;
    int i;
    for (i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= c - '0';
        else if (c >= 'a' && c <= 'f')
            v |= c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            v |= c - 'A' + 10;
        else
            return -1;
    }
    *out = v;
    return 0;
}

static void
dxJSONAddUTF8(dxBuf *buf, unsigned int cp)
{
    if (cp < 0x80) {
        dxBufAddChar(buf, (char)cp);
    } else if (cp < 0x800) {
        dxBufAddChar(buf, (char)(0xC0 | (cp >> 6)));
        dxBufAddChar(buf, (char)(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        dxBufAddChar(buf, (char)(0xE0 | (cp >> 12)));
        dxBufAddChar(buf, (char)(0x80 | ((cp >> 6) & 0x3F)));
        dxBufAddChar(buf, (char)(0x80 | (cp & 0x3F)));
    } else {
        dxBufAddChar(buf, (char)(0xF0 | (cp >> 18)));
        dxBufAddChar(buf, (char)(0x80 | ((cp >> 12) & 0x3F)));
        dxBufAddChar(buf, (char)(0x80 | ((cp >> 6) & 0x3F)));
        dxBufAddChar(buf, (char)(0x80 | (cp & 0x3F)));
    }
}

static int
dxJSONEscape(dxJSONReader *r, dxBuf *buf)
{
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    const char *hit;
    unsigned int cp, lo;

    if (*r->p != 'u') {
        if (!*r->p || !(hit = strchr(from, *r->p)))
            return -1;
        dxBufAddChar(buf, to[hit - from]);
        r->p++;
        return 0;
    }
    if (dxJSONHex4(r->p + 1, &cp) < 0)
        return -1;
    r->p += 5;
    if (cp >= 0xD800 && cp < 0xDC00) {     /* a surrogate pair */
        if (r->p[0] != '\\' || r->p[1] != 'u' || dxJSONHex4(r->p + 2, &lo) < 0 ||
            lo < 0xDC00 || lo > 0xDFFF)
            return -1;
        r->p += 6;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
    } else if (cp >= 0xDC00 && cp < 0xE000) {
        return -1;
    }
    if (cp == 0)
        return -1;      /* C strings cannot hold it */
    dxJSONAddUTF8(buf, cp);
    return 0;
}

static char *
dxJSONReadString(dxJSONReader *r)
{
    dxBuf buf = DX_BUF_INIT;
    r->p++;     /* '"' */
    while (*r->p != '"') {
        unsigned char c = (unsigned char)*r->p;
        if (c == '\0' || c < 0x20) {
            dxJSONFail(r, c ? "control character in string" : "unterminated string");
            dxBufClear(&buf);
            return NULL;
        }
        if (c == '\\') {
            r->p++;
            if (dxJSONEscape(r, &buf) < 0) {
                dxJSONFail(r, "bad escape in string");
                dxBufClear(&buf);
                return NULL;
            }
            continue;
        }
        dxBufAddChar(&buf, (char)c);
        r->p++;
    }
    r->p++;
    return dxBufSteal(&buf);
}

static dxJSON *
dxJSONReadNumber(dxJSONReader *r)
{
    const char *s = r->p;
    bool isFloat = false;
    char *end;

    if (*r->p == '-')
        r->p++;
    if (*r->p == '0') {
        r->p++;
    } else if (*r->p >= '1' && *r->p <= '9') {
        while (*r->p >= '0' && *r->p <= '9')
            r->p++;
    } else {
        dxJSONFail(r, "bad number");
        return NULL;
    }
    if (*r->p == '.') {
        isFloat = true;
        r->p++;
        if (!(*r->p >= '0' && *r->p <= '9')) {
            dxJSONFail(r, "bad number");
            return NULL;
        }
        while (*r->p >= '0' && *r->p <= '9')
            r->p++;
    }
    if (*r->p == 'e' || *r->p == 'E') {
        isFloat = true;
        r->p++;
        if (*r->p == '+' || *r->p == '-')
            r->p++;
        if (!(*r->p >= '0' && *r->p <= '9')) {
            dxJSONFail(r, "bad number");
            return NULL;
        }
        while (*r->p >= '0' && *r->p <= '9')
            r->p++;
    }
    errno = 0;
    if (!isFloat && *s == '-') {
        long long v = strtoll(s, &end, 10);
        if (!errno)
            return dxJSONNewInt(v);
    } else if (!isFloat) {
        unsigned long long v = strtoull(s, &end, 10);
        if (!errno)
            return v <= 0x7FFFFFFFFFFFFFFFULL ? dxJSONNewInt((long long)v) : dxJSONNewUInt(v);
    }
    return dxJSONNewDouble(strtod(s, &end));
}

static bool
dxJSONLiteral(dxJSONReader *r, const char *word)
{
    size_t n = strlen(word);
    if (strncmp(r->p, word, n) != 0)
        return false;
    r->p += n;
    return true;
}

static dxJSON *
dxJSONReadContainer(dxJSONReader *r, int depth, bool isObject)
{
    dxJSON *v = isObject ? dxJSONNewObject() : dxJSONNewArray();
    char close = isObject ? '}' : ']';

    r->p++;
    dxJSONSkipBlanks(r);
    if (*r->p == close) {
        r->p++;
        return v;
    }
    for (;;) {
        char *key = NULL;
        dxJSON *item;
        dxJSONSkipBlanks(r);
        if (isObject) {
            if (*r->p != '"' || !(key = dxJSONReadString(r))) {
                dxJSONFail(r, "expected a member name");
                break;
            }
            dxJSONSkipBlanks(r);
            if (*r->p != ':') {
                dxJSONFail(r, "expected ':'");
                free(key);
                break;
            }
            r->p++;
        }
        if (!(item = dxJSONReadValue(r, depth + 1))) {
            free(key);
            break;
        }
        if (isObject)
            dxJSONAdd(v, key, item);
        else
            dxJSONAppend(v, item);
        free(key);
        dxJSONSkipBlanks(r);
        if (*r->p == ',') {
            r->p++;
            continue;
        }
        if (*r->p == close) {
            r->p++;
            return v;
        }
        dxJSONFail(r, isObject ? "expected ',' or '}'" : "expected ',' or ']'");
        break;
    }
    dxJSONFree(v);
    return NULL;
}

static dxJSON *
dxJSONReadValue(dxJSONReader *r, int depth)
{
    dxJSONSkipBlanks(r);
    if (depth > DX_JSON_MAX_DEPTH) {
        dxJSONFail(r, "nested too deeply");
        return NULL;
    }
    switch (*r->p) {
    case '{':
        return dxJSONReadContainer(r, depth, true);
    case '[':
        return dxJSONReadContainer(r, depth, false);
    case '"': {
        char *s = dxJSONReadString(r);
        dxJSON *v = s ? dxJSONNewString(s) : NULL;
        free(s);
        return v;
    }
    case 't':
        if (dxJSONLiteral(r, "true"))
            return dxJSONNewBool(true);
        break;
    case 'f':
        if (dxJSONLiteral(r, "false"))
            return dxJSONNewBool(false);
        break;
    case 'n':
        if (dxJSONLiteral(r, "null"))
            return dxJSONNewNull();
        break;
    default:
        if (*r->p == '-' || (*r->p >= '0' && *r->p <= '9'))
            return dxJSONReadNumber(r);
    }
    dxJSONFail(r, "unexpected character");
    return NULL;
}

dxJSON *
dxJSONParse(const char *text, char **error)
{
    dxJSONReader r = { text, text, NULL };
    dxJSON *v = dxJSONReadValue(&r, 0);
    if (v) {
        dxJSONSkipBlanks(&r);
        if (*r.p) {
            dxJSONFail(&r, "trailing characters");
            dxJSONFree(v);
            v = NULL;
        }
    }
    if (error)
        *error = r.error;
    else
        free(r.error);
    return v;
}
