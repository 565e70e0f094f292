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

void dxErrorReport(dxErrorCode code, const dxXMLNode *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void dxWarningReport(dxErrorCode code, const dxXMLNode *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Report with an explicit location (used for libxml2's own diagnostics). */
void dxErrorReportAt(dxErrorCode code, dxErrorSeverity severity,
                     const char *file, int line, int column,
                     const char *path, const char *message);

/* Where in the input a model object came from, kept after the XML tree is
 * gone so later checks (validation, argv) can point at the element. */
typedef struct {
    char *file;
    int line;
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
