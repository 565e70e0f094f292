#include "dxbuf.h"
#include "dxalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void
dxBufReserve(dxBuf *buf, size_t extra)
{
    size_t want = buf->len + extra + 1;
    if (want <= buf->cap)
        return;
    if (buf->cap == 0)
        buf->cap = 64;
    while (buf->cap < want)
        buf->cap *= 2;
    buf->data = dxReallocArray(buf->data, buf->cap, 1);
}

static bool
dxBufAtLineStart(const dxBuf *buf)
{
    return buf->len == 0 || buf->data[buf->len - 1] == '\n';
}

static void
dxBufAddRaw(dxBuf *buf, const char *str, size_t len)
{
    buf->dataLine = false;
    dxBufReserve(buf, len);
    memcpy(buf->data + buf->len, str, len);
    buf->len += len;
    buf->data[buf->len] = '\0';
}

/* Escaped values are data: newlines inside them must not be indented, so
 * only the start of the value may receive the indentation. */
static void
dxBufIndentIfLineStart(dxBuf *buf)
{
    if (buf->indent > 0 && dxBufAtLineStart(buf) && !buf->dataLine) {
        dxBufReserve(buf, buf->indent);
        memset(buf->data + buf->len, ' ', buf->indent);
        buf->len += buf->indent;
        buf->data[buf->len] = '\0';
    }
}

/* Indentation is applied lazily: only when text is written at the start of
 * a line, so callers never need to think about it. */
void
dxBufAdd(dxBuf *buf, const char *str, size_t len)
{
    while (len > 0) {
        const char *nl = memchr(str, '\n', len);
        size_t chunk = nl ? (size_t)(nl - str) + 1 : len;
        if (buf->indent > 0 && dxBufAtLineStart(buf) && !buf->dataLine &&
            !(chunk == 1 && *str == '\n')) {
            dxBufReserve(buf, buf->indent);
            memset(buf->data + buf->len, ' ', buf->indent);
            buf->len += buf->indent;
            buf->data[buf->len] = '\0';
        }
        dxBufAddRaw(buf, str, chunk);
        str += chunk;
        len -= chunk;
    }
}

void
dxBufAddStr(dxBuf *buf, const char *str)
{
    if (str)
        dxBufAdd(buf, str, strlen(str));
}

void
dxBufAddChar(dxBuf *buf, char c)
{
    dxBufAdd(buf, &c, 1);
}

void
dxBufAddf(dxBuf *buf, const char *fmt, ...)
{
    va_list ap;
    char small[256], *tmp = NULL;
    int n;
    /* most pieces are short: format them on the stack (an allocation per
     * call was a visible part of building an argv) */
    va_start(ap, fmt);
    n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (n < 0)
        abort();
    if ((size_t)n < sizeof(small)) {
        dxBufAdd(buf, small, n);
        return;
    }
    va_start(ap, fmt);
    n = vasprintf(&tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        abort();
    dxBufAdd(buf, tmp, n);
    free(tmp);
}

void
dxBufAddBuf(dxBuf *buf, dxBuf *child)
{
    if (child->len) {
        /* the child carries its own indentation already */
        dxBufAddRaw(buf, child->data, child->len);
    }
    dxBufClear(child);
}

void
dxBufAddVerbatim(dxBuf *buf, const char *str)
{
    if (!str || !*str)
        return;
    dxBufIndentIfLineStart(buf);
    dxBufAddRaw(buf, str, strlen(str));
}

void
dxBufAdjustIndent(dxBuf *buf, int delta)
{
    buf->indent += delta;
    if (buf->indent < 0)
        buf->indent = 0;
}

/* Parsers turn a raw CR into LF everywhere, and tab/LF/CR inside an
 * attribute value into spaces: write those as character references so
 * the value reads back as it was. */
static void
dxBufEscapeXMLInternal(dxBuf *buf, const char *str, bool attribute)
{
    const char *p;
    if (!str)
        return;
    dxBufIndentIfLineStart(buf);
    for (p = str; *p; p++) {
        switch (*p) {
        case '<': dxBufAddRaw(buf, "&lt;", 4); break;
        case '>': dxBufAddRaw(buf, "&gt;", 4); break;
        case '&': dxBufAddRaw(buf, "&amp;", 5); break;
        case '\'': dxBufAddRaw(buf, "&apos;", 6); break;
        case '"': dxBufAddRaw(buf, "&quot;", 6); break;
        case '\r': dxBufAddRaw(buf, "&#13;", 5); break;
        case '\t':
        case '\n':
            if (attribute) {
                dxBufAddRaw(buf, *p == '\t' ? "&#9;" : "&#10;", *p == '\t' ? 4 : 5);
                break;
            }
            /* fall through */
        default: dxBufAddRaw(buf, p, 1); break;
        }
    }
    /* text ending in a newline: its closing tag must not be indented, or
     * reading it back would give the text more characters */
    if (!attribute && p != str && p[-1] == '\n')
        buf->dataLine = true;
}

void
dxBufEscapeXML(dxBuf *buf, const char *str)
{
    dxBufEscapeXMLInternal(buf, str, false);
}

void
dxBufEscapeComma(dxBuf *buf, const char *str)
{
    const char *p;
    if (!str)
        return;
    dxBufIndentIfLineStart(buf);
    for (p = str; *p; p++) {
        if (*p == ',')
            dxBufAddRaw(buf, ",", 1);
        dxBufAddRaw(buf, p, 1);
    }
}

void
dxBufEscapeJSON(dxBuf *buf, const char *str)
{
    const unsigned char *p;
    if (!str)
        return;
    dxBufIndentIfLineStart(buf);
    for (p = (const unsigned char *)str; *p; p++) {
        switch (*p) {
        case '"': dxBufAddRaw(buf, "\\\"", 2); break;
        case '\\': dxBufAddRaw(buf, "\\\\", 2); break;
        case '\b': dxBufAddRaw(buf, "\\b", 2); break;
        case '\f': dxBufAddRaw(buf, "\\f", 2); break;
        case '\n': dxBufAddRaw(buf, "\\n", 2); break;
        case '\r': dxBufAddRaw(buf, "\\r", 2); break;
        case '\t': dxBufAddRaw(buf, "\\t", 2); break;
        default:
            if (*p < 0x20)
                { char tmp[8]; snprintf(tmp, sizeof(tmp), "\\u%04x", *p); dxBufAddRaw(buf, tmp, 6); }
            else
                dxBufAddRaw(buf, (const char *)p, 1);
        }
    }
}

void
dxBufEscapeShell(dxBuf *buf, const char *str)
{
    /* the same character set libvirt's .args files quote on */
    static const char meta[] = "\r\t\n !\"#$&'()*;<>?[\\]^`{|}~";
    const char *p;
    if (!str)
        return;
    dxBufIndentIfLineStart(buf);
    if (*str && !strpbrk(str, meta)) {
        dxBufAddRaw(buf, str, strlen(str));
        return;
    }
    dxBufAddRaw(buf, "'", 1);
    for (p = str; *p; p++) {
        if (*p == '\'')
            dxBufAddRaw(buf, "'\\''", 4);
        else
            dxBufAddRaw(buf, p, 1);
    }
    dxBufAddRaw(buf, "'", 1);
}

void
dxBufAttr(dxBuf *buf, const char *name, const char *value)
{
    if (!value)
        return;
    dxBufAddf(buf, " %s='", name);
    dxBufEscapeXMLInternal(buf, value, true);
    dxBufAddChar(buf, '\'');
}

void
dxBufAttrf(dxBuf *buf, const char *name, const char *fmt, ...)
{
    va_list ap;
    char *tmp = NULL;
    va_start(ap, fmt);
    if (vasprintf(&tmp, fmt, ap) < 0)
        abort();
    va_end(ap);
    dxBufAttr(buf, name, tmp);
    free(tmp);
}

void
dxBufTextElement(dxBuf *buf, const char *name, const char *text)
{
    if (!text)
        return;
    dxBufAddf(buf, "<%s>", name);
    dxBufEscapeXML(buf, text);
    dxBufAddf(buf, "</%s>\n", name);
}

static void
dxBufElementInternal(dxBuf *buf, const char *name, dxBuf *attrs,
                     dxBuf *children, bool always)
{
    bool noAttrs = !attrs || dxBufIsEmpty(attrs);
    bool noChildren = !children || dxBufIsEmpty(children);

    if (noAttrs && noChildren && !always)
        return;
    dxBufAddf(buf, "<%s", name);
    if (!noAttrs)
        dxBufAdd(buf, attrs->data, attrs->len);
    if (noChildren) {
        dxBufAddStr(buf, "/>\n");
    } else {
        dxBufAddStr(buf, ">\n");
        dxBufAddBuf(buf, children);
        dxBufAddf(buf, "</%s>\n", name);
    }
    if (attrs)
        dxBufClear(attrs);
    if (children)
        dxBufClear(children);
}

void
dxBufElement(dxBuf *buf, const char *name, dxBuf *attrs, dxBuf *children)
{
    dxBufElementInternal(buf, name, attrs, children, false);
}

void
dxBufElementAlways(dxBuf *buf, const char *name, dxBuf *attrs, dxBuf *children)
{
    dxBufElementInternal(buf, name, attrs, children, true);
}

const char *
dxBufContent(const dxBuf *buf)
{
    return buf->data ? buf->data : "";
}

char *
dxBufSteal(dxBuf *buf)
{
    char *r = buf->data ? buf->data : dxStrdup("");
    buf->data = NULL;
    buf->len = buf->cap = 0;
    return r;
}

void
dxBufClear(dxBuf *buf)
{
    free(buf->data);
    buf->data = NULL;
    buf->len = buf->cap = 0;
}

bool
dxBufIsEmpty(const dxBuf *buf)
{
    return buf->len == 0;
}
