#include "dxerror.h"
#include "dxalloc.h"
#include "dxbuf.h"
#include "dxenum.h"

#include <libxml/tree.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

DX_ENUM_DECL(dxErrorCode);
DX_ENUM_IMPL(dxErrorCode, DX_ERR_LAST,
             "ok", "xml", "schema", "invalid", "unsupported", "unknown",
             "limit", "io", "internal");

/* Per-thread list: a batch run validates one file per worker thread. */
static _Thread_local dxError *dxErrors;
static _Thread_local size_t dxNErrors;

const char *
dxErrorCodeName(dxErrorCode code)
{
    const char *s = dxErrorCodeTypeToString(code);
    return s ? s : "unknown";
}

char *
dxXMLNodePath(const dxXMLNode *cnode)
{
    const xmlNode *node = (const xmlNode *)cnode;
    const xmlNode *stack[64];
    size_t depth = 0;
    dxBuf buf = DX_BUF_INIT;

    if (node && node->type == XML_ATTRIBUTE_NODE)
        node = node->parent;
    for (; node && node->type == XML_ELEMENT_NODE && depth < DX_ARRAY_CARDINALITY(stack);
         node = node->parent)
        stack[depth++] = node;
    while (depth > 0) {
        const xmlNode *n = stack[--depth];
        const xmlNode *s;
        int index = 0, same = 0;
        for (s = n->parent ? n->parent->children : NULL; s; s = s->next) {
            if (s->type != XML_ELEMENT_NODE || !xmlStrEqual(s->name, n->name))
                continue;
            same++;
            if (s == n)
                index = same;
        }
        dxBufAddf(&buf, "/%s", (const char *)n->name);
        if (same > 1)
            dxBufAddf(&buf, "[%d]", index);
    }
    return dxBufSteal(&buf);
}

void
dxErrorReportAt(dxErrorCode code, dxErrorSeverity severity,
                const char *file, int line, int column,
                const char *path, const char *message)
{
    dxError err = {
        .code = code,
        .severity = severity,
        .message = dxStrdup(message),
        .file = dxStrdup(file),
        .line = line,
        .column = column,
        .path = dxStrdup(path),
    };
    DX_APPEND(dxErrors, dxNErrors, err);
}

static void
dxReportV(dxErrorCode code, dxErrorSeverity severity, const dxXMLNode *cnode,
          const char *fmt, va_list ap)
{
    const xmlNode *node = (const xmlNode *)cnode;
    char *msg = NULL;
    char *path = NULL;
    const char *file = NULL;
    int line = 0;

    if (vasprintf(&msg, fmt, ap) < 0)
        abort();
    if (node) {
        path = dxXMLNodePath(cnode);
        if (node->doc && node->doc->URL)
            file = (const char *)node->doc->URL;
        line = xmlGetLineNo(node);
        if (line < 0)
            line = 0;
    }
    dxErrorReportAt(code, severity, file, line, 0, path, msg);
    free(msg);
    free(path);
}

void
dxErrorReport(dxErrorCode code, const dxXMLNode *node, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    dxReportV(code, DX_SEVERITY_ERROR, node, fmt, ap);
    va_end(ap);
}

void
dxWarningReport(dxErrorCode code, const dxXMLNode *node, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    dxReportV(code, DX_SEVERITY_WARNING, node, fmt, ap);
    va_end(ap);
}

size_t
dxErrorCount(void)
{
    return dxNErrors;
}

size_t
dxErrorCountSeverity(dxErrorSeverity severity)
{
    size_t i, n = 0;
    for (i = 0; i < dxNErrors; i++)
        n += dxErrors[i].severity == severity;
    return n;
}

const dxError *
dxErrorGet(size_t i)
{
    return i < dxNErrors ? &dxErrors[i] : NULL;
}

const dxError *
dxErrorLast(void)
{
    size_t i;
    for (i = dxNErrors; i > 0; i--) {
        if (dxErrors[i - 1].severity == DX_SEVERITY_ERROR)
            return &dxErrors[i - 1];
    }
    return NULL;
}

void
dxErrorClear(void)
{
    size_t i;
    for (i = 0; i < dxNErrors; i++) {
        free(dxErrors[i].message);
        free(dxErrors[i].file);
        free(dxErrors[i].path);
    }
    free(dxErrors);
    dxErrors = NULL;
    dxNErrors = 0;
}

void
dxSourceLocSet(dxSourceLoc *loc, const dxXMLNode *cnode)
{
    const xmlNode *node = (const xmlNode *)cnode;
    dxSourceLocClear(loc);
    if (!node)
        return;
    loc->file = dxStrdup(node->doc && node->doc->URL ? (const char *)node->doc->URL : NULL);
    loc->line = (int)xmlGetLineNo(node);
    if (loc->line < 0)
        loc->line = 0;
    loc->path = dxXMLNodePath(cnode);
}

void
dxSourceLocCopy(dxSourceLoc *dst, const dxSourceLoc *src)
{
    dst->file = dxStrdup(src->file);
    dst->line = src->line;
    dst->path = dxStrdup(src->path);
}

void
dxSourceLocClear(dxSourceLoc *loc)
{
    free(loc->file);
    free(loc->path);
    loc->file = loc->path = NULL;
    loc->line = 0;
}

static void
dxReportLocV(dxErrorCode code, dxErrorSeverity severity, const dxSourceLoc *loc,
             const char *fmt, va_list ap)
{
    char *msg = NULL;
    if (vasprintf(&msg, fmt, ap) < 0)
        abort();
    dxErrorReportAt(code, severity, loc ? loc->file : NULL, loc ? loc->line : 0, 0,
                    loc ? loc->path : NULL, msg);
    free(msg);
}

void
dxErrorReportLoc(dxErrorCode code, const dxSourceLoc *loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    dxReportLocV(code, DX_SEVERITY_ERROR, loc, fmt, ap);
    va_end(ap);
}

void
dxWarningReportLoc(dxErrorCode code, const dxSourceLoc *loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    dxReportLocV(code, DX_SEVERITY_WARNING, loc, fmt, ap);
    va_end(ap);
}
