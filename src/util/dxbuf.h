/* dxbuf.h: growable string buffer with automatic indentation and the
 * three escapings domxml needs: XML text/attributes, QEMU key=value
 * values (',' doubled) and JSON strings.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char *data;
    size_t len;
    size_t cap;
    int indent;     /* spaces inserted at the start of every new line */
    bool dataLine;  /* the line was started by a newline inside text content:
                       what follows belongs to that text's line, unindented */
} dxBuf;

#define DX_BUF_INIT { NULL, 0, 0, 0, false }
/* A buffer for the children of an element being formatted into PARENT. */
#define DX_BUF_INIT_CHILD(parent) { NULL, 0, 0, (parent)->indent + 2, false }

void dxBufAdd(dxBuf *buf, const char *str, size_t len);
void dxBufAddStr(dxBuf *buf, const char *str);
void dxBufAddChar(dxBuf *buf, char c);
void dxBufAddf(dxBuf *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void dxBufAddBuf(dxBuf *buf, dxBuf *child);   /* appends and clears CHILD */
/* Append text that is already indented after its first line (output of
 * another formatter): only the first line gets this buffer's indent. */
void dxBufAddVerbatim(dxBuf *buf, const char *str);
void dxBufAdjustIndent(dxBuf *buf, int delta);

/* Escapes: the value is appended escaped, without surrounding quotes. */
void dxBufEscapeXML(dxBuf *buf, const char *str);
void dxBufEscapeComma(dxBuf *buf, const char *str);
void dxBufEscapeJSON(dxBuf *buf, const char *str);
/* libvirt's .args quoting: wrap in '...' when STR has shell metacharacters. */
void dxBufEscapeShell(dxBuf *buf, const char *str);

/* " name='escaped value'" when VALUE is non-NULL, nothing otherwise. */
void dxBufAttr(dxBuf *buf, const char *name, const char *value);
void dxBufAttrf(dxBuf *buf, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* "<name>escaped text</name>\n" when TEXT is non-NULL. */
void dxBufTextElement(dxBuf *buf, const char *name, const char *text);

/* Emit "<name ATTRS/>" or "<name ATTRS>\nCHILDREN</name>", or nothing when
 * both buffers are empty; clears both buffers. */
void dxBufElement(dxBuf *buf, const char *name, dxBuf *attrs, dxBuf *children);
/* Like dxBufElement but emits "<name/>" even when both are empty. */
void dxBufElementAlways(dxBuf *buf, const char *name, dxBuf *attrs, dxBuf *children);

const char *dxBufContent(const dxBuf *buf);     /* never NULL */
char *dxBufSteal(dxBuf *buf);                   /* caller frees; never NULL */
void dxBufClear(dxBuf *buf);
bool dxBufIsEmpty(const dxBuf *buf);
