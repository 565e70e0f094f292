/* dxerror.h: the one error type of domxml.
 *
 * Errors are collected per thread (like errno, but a list), so a batch
 * validation can run one file per worker thread.  The function that
 * detects a problem reports it and returns -1/NULL; callers propagate.
 * Problems tied to an XML node carry its file, line and element path.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "domxml/error.h"

typedef struct _xmlNode dxXMLNode;

/* NODE may be an element or an attribute (then the location is the
 * attribute's own line and column, and the path its element's). */
void dxErrorReport(dxErrorCode code, const dxXMLNode *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void dxWarningReport(dxErrorCode code, const dxXMLNode *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Report with an explicit location (used for libxml2's own diagnostics). */
void dxErrorReportAt(dxErrorCode code, dxErrorSeverity severity,
                     const char *file, int line, int column,
                     const char *path, const char *message);

/* Internal classification of a record, used to merge what the schema and
 * the parser say about one document (src/domxml.c) and by the
 * schema/parser agreement test. */
typedef enum {
    /* The grammar was broken (unknown name, bad value, missing attribute):
     * what the RelaxNG schema describes, as opposed to semantic rules. */
    DX_ERROR_FLAG_GRAMMAR = 1 << 0,
    /* libxml2's own RelaxNG message, usually about an enclosing element:
     * dropped when a more precise record explains it. */
    DX_ERROR_FLAG_GENERIC = 1 << 1,
} dxErrorFlags;

void dxErrorReportFlags(dxErrorCode code, dxErrorSeverity severity,
                        unsigned int flags, const dxXMLNode *node,
                        const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void dxErrorReportAtFlags(dxErrorCode code, dxErrorSeverity severity,
                          unsigned int flags, const char *file, int line,
                          int column, const char *path, const char *message);

/* Editing the records of this thread (indexes as for dxErrorGet). */
size_t dxErrorMark(void);                       /* = dxErrorCount() */
unsigned int dxErrorGetFlags(size_t i);
void dxErrorSetSeverity(size_t i, dxErrorSeverity severity);
/* Make the warning I an error, cutting SUFFIX off its message if it ends
 * with it ("... is ignored" no longer holds). */
void dxErrorPromote(size_t i, const char *suffix);
void dxErrorRemove(size_t i);
/* Order the records from MARK on by line and column (stable), so a file's
 * diagnostics read top to bottom whichever stage found them. */
void dxErrorSortFrom(size_t mark);
/* Records from MARK on: are there errors (not warnings)? */
size_t dxErrorCountErrorsFrom(size_t mark);

/* Where NODE (element or attribute) starts in its source: 1-based line
 * and column, 0 when unknown.  See dxXMLParseMemory for how they are
 * recorded (libxml2 itself keeps no columns). */
void dxXMLNodePosition(const dxXMLNode *node, int *line, int *column);

/* Where in the input a model object came from, kept after the XML tree is
 * gone so later checks (validation, argv) can point at the element. */
typedef struct {
    char *file;
    int line;
    int column;
    char *path;
} dxSourceLoc;

void dxSourceLocSet(dxSourceLoc *loc, const dxXMLNode *node);
void dxSourceLocCopy(dxSourceLoc *dst, const dxSourceLoc *src);
void dxSourceLocClear(dxSourceLoc *loc);
void dxErrorReportLoc(dxErrorCode code, const dxSourceLoc *loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void dxWarningReportLoc(dxErrorCode code, const dxSourceLoc *loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The "Element path" /domain/devices/disk[2]/source of NODE; caller frees. */
char *dxXMLNodePath(const dxXMLNode *node);

size_t dxErrorCountSeverity(dxErrorSeverity severity);
