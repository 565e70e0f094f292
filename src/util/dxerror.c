#include "dxerror.h"
#include "dxalloc.h"
#include "dxbuf.h"
#include "dxenum.h"

#include <libxml/tree.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

DX_ENUM_DECL(dxErrorCode);
DX_ENUM_IMPL(dxErrorCode, DX_ERR_LAST,
             "ok", "xml", "schema", "invalid", "unsupported", "unknown",
             "limit", "io", "internal");

/* Per-thread list: a batch run validates one file per worker thread. */
static _Thread_local dxError *dxErrors;
static _Thread_local unsigned int *dxErrorFlagsList;   /* parallel to dxErrors */
static _Thread_local size_t dxNErrors;

const char *
dxErrorCodeName(dxErrorCode code)
{
    const char *s = dxErrorCodeTypeToString(code);
    return s ? s : "unknown";
}

/* Every device records its element path while it is parsed, and the
 * index among same-named siblings ("disk[2]") takes a walk over the
 * preceding siblings: N disks would cost N^2.  Parsers go through the
 * children in order, so remember the last answer per (parent, name) and
 * only walk back to it.  The entries are kept per depth (a device's own
 * children must not push the device out) and belong to one document
 * (the generation). */
#define DX_PATH_CACHE_DEPTH 16
#define DX_PATH_CACHE_WAYS 4
#define DX_PATH_CACHE_NAME 32

typedef struct {
    unsigned long generation;           /* 0: empty */
    const xmlNode *parent;
    const xmlNode *node;
    char name[DX_PATH_CACHE_NAME];
    int index;
} dxPathCacheEntry;

static _Thread_local dxPathCacheEntry dxPathCache[DX_PATH_CACHE_DEPTH][DX_PATH_CACHE_WAYS];
static _Thread_local unsigned int dxPathCacheNext[DX_PATH_CACHE_DEPTH];
static _Thread_local unsigned long dxPathGeneration = 1;

void
dxXMLNodePathReset(void)
{
    dxPathGeneration++;
}

static bool
dxXMLSameElement(const xmlNode *a, const xmlNode *b)
{
    return a->type == XML_ELEMENT_NODE && xmlStrEqual(a->name, b->name);
}

static dxPathCacheEntry *
dxXMLPathCacheFind(dxPathCacheEntry *set, const xmlNode *n)
{
    size_t i;
    for (i = 0; i < DX_PATH_CACHE_WAYS; i++) {
        dxPathCacheEntry *e = &set[i];
        if (e->generation == dxPathGeneration && e->parent == n->parent &&
            strcmp(e->name, (const char *)n->name) == 0)
            return e;
    }
    return NULL;
}

/* 1-based index of N (at DEPTH) among its same-named siblings; *SEVERAL
 * tells whether there is more than one of them. */
static int
dxXMLSiblingIndex(const xmlNode *n, size_t depth, bool *several)
{
    size_t level = depth % DX_PATH_CACHE_DEPTH;
    dxPathCacheEntry *e = dxXMLPathCacheFind(dxPathCache[level], n);
    const xmlNode *s;
    int index = 1;

    if (e && e->node == n) {
        index = e->index;           /* asked again for the same node */
    } else {
        for (s = n->prev; s; s = s->prev) {
            if (e && s == e->node) {
                index += e->index;
                break;
            }
            index += dxXMLSameElement(s, n);
        }
    }
    *several = index > 1;
    for (s = n->next; s && !*several; s = s->next)
        *several = dxXMLSameElement(s, n);
    if (strlen((const char *)n->name) < DX_PATH_CACHE_NAME) {
        if (!e) {
            e = &dxPathCache[level][dxPathCacheNext[level]];
            dxPathCacheNext[level] = (dxPathCacheNext[level] + 1) % DX_PATH_CACHE_WAYS;
        }
        e->generation = dxPathGeneration;
        e->parent = n->parent;
        e->node = n;
        strcpy(e->name, (const char *)n->name);
        e->index = index;
    }
    return index;
}

char *
dxXMLNodePath(const dxXMLNode *cnode)
{
    const xmlNode *node = (const xmlNode *)cnode;
    const xmlNode *stack[64];
    size_t depth = 0, total;
    dxBuf buf = DX_BUF_INIT;

    if (node && node->type == XML_ATTRIBUTE_NODE)
        node = node->parent;
    for (; node && node->type == XML_ELEMENT_NODE && depth < DX_ARRAY_CARDINALITY(stack);
         node = node->parent)
        stack[depth++] = node;
    total = depth;
    while (depth > 0) {
        const xmlNode *n = stack[--depth];
        bool several = false;
        /* the level counts from the root */
        int index = n->parent ? dxXMLSiblingIndex(n, total - 1 - depth, &several) : 1;
        /* every device's location gets a path: plain appends here, as
         * formatting each piece was a visible share of parsing */
        dxBufAddChar(&buf, '/');
        dxBufAddStr(&buf, (const char *)n->name);
        if (several) {
            char num[24];
            int len = snprintf(num, sizeof(num), "[%d]", index);
            dxBufAdd(&buf, num, (size_t)len);
        }
    }
    return dxBufSteal(&buf);
}

void
dxErrorReportAtFlags(dxErrorCode code, dxErrorSeverity severity,
                     unsigned int flags, const char *file, int line,
                     int column, const char *path, const char *message)
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
    size_t n = dxNErrors;
    DX_APPEND(dxErrors, dxNErrors, err);
    DX_APPEND(dxErrorFlagsList, n, flags);
}

void
dxErrorReportAt(dxErrorCode code, dxErrorSeverity severity,
                const char *file, int line, int column,
                const char *path, const char *message)
{
    dxErrorReportAtFlags(code, severity, 0, file, line, column, path, message);
}

/* Positions are recorded by dxxml.c while parsing: an element's start tag
 * line replaces libxml2's (which is the line where the tag ends) and its
 * column is kept in the otherwise unused 'extra' field; an attribute's
 * line and column go to the text node holding its value. */
void
dxXMLNodePosition(const dxXMLNode *cnode, int *line, int *column)
{
    const xmlNode *node = (const xmlNode *)cnode;
    *line = 0;
    *column = 0;
    if (!node)
        return;
    if (node->type == XML_ATTRIBUTE_NODE) {
        const xmlAttr *attr = (const xmlAttr *)node;
        if (attr->children && attr->children->type == XML_TEXT_NODE &&
            attr->children->line > 0) {
            *line = attr->children->line;
            *column = attr->children->extra;
            return;
        }
        node = attr->parent;
        if (!node)
            return;
    }
    *line = (int)xmlGetLineNo(node);
    if (*line < 0)
        *line = 0;
    if (node->type == XML_ELEMENT_NODE)
        *column = node->extra;
}

static void
dxReportV(dxErrorCode code, dxErrorSeverity severity, unsigned int flags,
          const dxXMLNode *cnode, const char *fmt, va_list ap)
{
    const xmlNode *node = (const xmlNode *)cnode;
    char *msg = NULL;
    char *path = NULL;
    const char *file = NULL;
    int line = 0, column = 0;

    if (vasprintf(&msg, fmt, ap) < 0)
        abort();
    if (node) {
        path = dxXMLNodePath(cnode);
        if (node->doc && node->doc->URL)
            file = (const char *)node->doc->URL;
        dxXMLNodePosition(cnode, &line, &column);
    }
    dxErrorReportAtFlags(code, severity, flags, file, line, column, path, msg);
    free(msg);
    free(path);
}

void
dxErrorReportFlags(dxErrorCode code, dxErrorSeverity severity,
                   unsigned int flags, const dxXMLNode *node,
                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    dxReportV(code, severity, flags, node, fmt, ap);
    va_end(ap);
}

void
dxErrorReport(dxErrorCode code, const dxXMLNode *node, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    dxReportV(code, DX_SEVERITY_ERROR, 0, node, fmt, ap);
    va_end(ap);
}

void
dxWarningReport(dxErrorCode code, const dxXMLNode *node, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    dxReportV(code, DX_SEVERITY_WARNING, 0, node, fmt, ap);
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
    free(dxErrorFlagsList);
    dxErrors = NULL;
    dxErrorFlagsList = NULL;
    dxNErrors = 0;
}

size_t
dxErrorMark(void)
{
    return dxNErrors;
}

unsigned int
dxErrorGetFlags(size_t i)
{
    return i < dxNErrors ? dxErrorFlagsList[i] : 0;
}

void
dxErrorSetSeverity(size_t i, dxErrorSeverity severity)
{
    if (i < dxNErrors)
        dxErrors[i].severity = severity;
}

void
dxErrorPromote(size_t i, const char *suffix)
{
    size_t len, slen;
    if (i >= dxNErrors)
        return;
    dxErrors[i].severity = DX_SEVERITY_ERROR;
    len = strlen(dxErrors[i].message);
    slen = suffix ? strlen(suffix) : 0;
    if (slen && len >= slen && strcmp(dxErrors[i].message + len - slen, suffix) == 0)
        dxErrors[i].message[len - slen] = '\0';
}

void
dxErrorRemove(size_t i)
{
    if (i >= dxNErrors)
        return;
    free(dxErrors[i].message);
    free(dxErrors[i].file);
    free(dxErrors[i].path);
    memmove(&dxErrors[i], &dxErrors[i + 1], (dxNErrors - i - 1) * sizeof(dxErrors[0]));
    memmove(&dxErrorFlagsList[i], &dxErrorFlagsList[i + 1],
            (dxNErrors - i - 1) * sizeof(dxErrorFlagsList[0]));
    dxNErrors--;
}

static bool
dxErrorBefore(const dxError *a, const dxError *b)
{
    if (a->line != b->line)
        return a->line < b->line;
    return a->column < b->column;
}

void
dxErrorSortFrom(size_t mark)
{
    size_t i, j;
    /* insertion sort: stable, and lists are short */
    for (i = mark + 1; i < dxNErrors; i++) {
        dxError e = dxErrors[i];
        unsigned int f = dxErrorFlagsList[i];
        for (j = i; j > mark && dxErrorBefore(&e, &dxErrors[j - 1]); j--) {
            dxErrors[j] = dxErrors[j - 1];
            dxErrorFlagsList[j] = dxErrorFlagsList[j - 1];
        }
        dxErrors[j] = e;
        dxErrorFlagsList[j] = f;
    }
}

size_t
dxErrorCountErrorsFrom(size_t mark)
{
    size_t i, n = 0;
    for (i = mark; i < dxNErrors; i++)
        n += dxErrors[i].severity == DX_SEVERITY_ERROR;
    return n;
}

void
dxSourceLocSet(dxSourceLoc *loc, const dxXMLNode *cnode)
{
    const xmlNode *node = (const xmlNode *)cnode;
    dxSourceLocClear(loc);
    if (!node)
        return;
    loc->file = dxStrdup(node->doc && node->doc->URL ? (const char *)node->doc->URL : NULL);
    dxXMLNodePosition(cnode, &loc->line, &loc->column);
    loc->path = dxXMLNodePath(cnode);
}

void
dxSourceLocCopy(dxSourceLoc *dst, const dxSourceLoc *src)
{
    dst->file = dxStrdup(src->file);
    dst->line = src->line;
    dst->column = src->column;
    dst->path = dxStrdup(src->path);
}

void
dxSourceLocClear(dxSourceLoc *loc)
{
    free(loc->file);
    free(loc->path);
    loc->file = loc->path = NULL;
    loc->line = 0;
    loc->column = 0;
}

static void
dxReportLocV(dxErrorCode code, dxErrorSeverity severity, const dxSourceLoc *loc,
             const char *fmt, va_list ap)
{
    char *msg = NULL;
    if (vasprintf(&msg, fmt, ap) < 0)
        abort();
    dxErrorReportAt(code, severity, loc ? loc->file : NULL, loc ? loc->line : 0,
                    loc ? loc->column : 0, loc ? loc->path : NULL, msg);
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
