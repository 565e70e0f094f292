/* domxml/error.h: errors and warnings reported by libdomxml.
 *
 * Every libdomxml call that fails returns NULL or -1 and leaves one or
 * more dxError records in a per-thread list.  Read them with
 * dxErrorCount()/dxErrorGet(), and clear the list with dxErrorClear()
 * before the next unrelated call.
 */
#ifndef DOMXML_ERROR_H
#define DOMXML_ERROR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    DX_ERR_OK = 0,
    DX_ERR_XML,          /* malformed XML (libxml2 refused it) */
    DX_ERR_SCHEMA,       /* RelaxNG schema violation */
    DX_ERR_INVALID,      /* a value the domain model does not accept */
    DX_ERR_UNSUPPORTED,  /* valid XML, but a configuration QEMU/domxml cannot run */
    DX_ERR_UNKNOWN,      /* element or attribute domxml does not know */
    DX_ERR_LIMIT,        /* input exceeds a documented limit */
    DX_ERR_IO,           /* file could not be read or written */
    DX_ERR_INTERNAL,     /* a bug in domxml */
    DX_ERR_LAST
} dxErrorCode;

typedef enum {
    DX_SEVERITY_ERROR = 0,
    DX_SEVERITY_WARNING,
} dxErrorSeverity;

typedef struct {
    dxErrorCode code;
    dxErrorSeverity severity;
    char *message;       /* human readable, without location */
    char *file;          /* input file name or NULL */
    int line;            /* 1-based line, 0 when unknown */
    int column;          /* 1-based column, 0 when unknown */
    char *path;          /* element path like /domain/devices/disk[2], or NULL */
} dxError;

/* Number of records (errors and warnings) reported in this thread. */
size_t dxErrorCount(void);
/* The I-th record, or NULL when out of range. */
const dxError *dxErrorGet(size_t i);
/* The most recent record of severity error, or NULL. */
const dxError *dxErrorLast(void);
/* Forget all records of this thread. */
void dxErrorClear(void);
/* A short name for CODE ("xml", "schema", "invalid", ...). */
const char *dxErrorCodeName(dxErrorCode code);

#ifdef __cplusplus
}
#endif

#endif /* DOMXML_ERROR_H */
