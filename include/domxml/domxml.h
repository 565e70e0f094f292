/* domxml/domxml.h: libvirt-style <domain> XML without a libvirt daemon.
 *
 *   dxDomainDef *def = dxDomainDefParseFile("guest.xml", 0);
 *   if (!def) { print dxErrorGet(i) for i < dxErrorCount(); }
 *   dxDomainDefExpand(def);                       // QEMU driver defaults
 *   char *xml = dxDomainDefFormat(def, 0);        // canonical XML
 *   char **argv = dxDomainDefBuildArgv(def, NULL, &n);
 *   dxArgvListFree(argv); free(xml); dxDomainDefFree(def);
 *
 * Errors and warnings are kept per thread: see domxml/error.h.  All
 * returned strings are malloc()ed and freed by the caller with free().
 */
#ifndef DOMXML_DOMXML_H
#define DOMXML_DOMXML_H

#include <stddef.h>

#include "domxml/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DOMXML_VERSION "0.1.0"

typedef struct _dxDomainDef dxDomainDef;

typedef enum {
    /* Unknown elements and attributes are errors instead of warnings. */
    DX_DOMAIN_PARSE_STRICT = 1 << 0,
    /* Also check the document against the RelaxNG schema. */
    DX_DOMAIN_PARSE_SCHEMA = 1 << 1,
} dxDomainParseFlags;

/* Parse, apply libvirt's driver-independent defaults, and check the
 * domain's own rules.  NULL on error. */
dxDomainDef *dxDomainDefParseFile(const char *path, unsigned int flags);
/* NAME is used in error messages (NULL: "<string>"). */
dxDomainDef *dxDomainDefParseString(const char *xml, const char *name,
                                    unsigned int flags);
void dxDomainDefFree(dxDomainDef *def);

/* Apply what libvirt's QEMU driver adds: implicit devices, defaults,
 * PCI/drive/USB addresses.  0 or -1. */
int dxDomainDefExpand(dxDomainDef *def);

/* Canonical XML in libvirt's layout.  FLAGS is reserved, pass 0. */
char *dxDomainDefFormat(const dxDomainDef *def, unsigned int flags);

typedef struct {
    const char *stateDir;   /* directory for per-domain runtime files;
                               NULL: /var/lib/domxml/domain-NAME */
} dxArgvOptions;

/* The QEMU 7.2 command line, emulator first, NULL-terminated; expands DEF
 * first when that has not been done.  *NARGS (when not NULL) receives the
 * count.  NULL on error. */
char **dxDomainDefBuildArgv(dxDomainDef *def, const dxArgvOptions *opts,
                            size_t *nargs);
void dxArgvListFree(char **argv);

/* The environment QEMU is started with beyond the manager's own
 * (<qemu:env>): "NAME=value" strings, NULL-terminated; never NULL.  Free
 * with dxArgvListFree(). */
char **dxDomainDefBuildEnv(const dxDomainDef *def);

/* RelaxNG validation of a file against the built-in schema: 0 valid,
 * -1 invalid or unreadable (errors reported). */
int dxSchemaValidateFile(const char *path);

#ifdef __cplusplus
}
#endif

#endif /* DOMXML_DOMXML_H */
