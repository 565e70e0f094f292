/* dxxml.h: safe libxml2 parsing and typed readers over element nodes.
 *
 * Parsing never touches the network, never loads DTDs and refuses entity
 * declarations (so neither XXE nor "billion laughs" can happen), and
 * enforces size and depth limits.
 *
 * Every reader marks what it read as "used".  After a domain is parsed,
 * dxXMLReportUnused() walks the tree once and reports each element or
 * attribute nobody read: that is how domxml never drops data silently.
 *
 * Reader return convention: 1 = present and valid, 0 = absent (output
 * untouched), -1 = present but invalid (error reported with its line).
 */
#pragma once

#include <libxml/tree.h>
#include <stdbool.h>

#include "dxenum.h"

#define DX_XML_MAX_INPUT_BYTES (16u * 1024 * 1024)   /* 16 MiB */
#define DX_XML_MAX_DEPTH 256                        /* libxml2's own limit */
/* Child elements of one element.  More than the guest could use even in
 * <devices> (QEMU's whole PCI space is 65,536 functions), and a bound on
 * libxml2's RelaxNG check, which is quadratic in the number of children
 * matched by one <zeroOrMore>. */
#define DX_XML_MAX_CHILDREN 65536

typedef enum {
    DX_PROP_REQUIRED = 1 << 0,  /* absence is an error */
    DX_PROP_NONZERO = 1 << 1,   /* enum value 0 ("default"/"none") is refused */
} dxPropFlags;

/* Install domxml's libxml2 settings (idempotent, thread-safe). */
void dxXMLInit(void);
/* A resolver maps a URL to built-in content (or NULL); set per thread
 * only while compiling the built-in schema. */
typedef const char *(*dxXMLResolver)(const char *url);
void dxXMLSetThreadResolver(dxXMLResolver resolver);

xmlDocPtr dxXMLParseFile(const char *path);
xmlDocPtr dxXMLParseString(const char *xml, const char *name);
/* Parse; the root element must be ROOTNAME. */
xmlNodePtr dxXMLRoot(xmlDocPtr doc, const char *rootName);

/* --- use tracking ------------------------------------------------------ */
void dxXMLMarkUsed(xmlNodePtr node);
void dxXMLMarkSubtreeUsed(xmlNodePtr node);
bool dxXMLIsUsed(const xmlNode *node);
/* Warn (or, when STRICT, fail) about every unused element/attribute under
 * NODE; returns the number reported. */
size_t dxXMLReportUnused(xmlNodePtr node, bool strict);
/* Where did-you-mean hints for unknown names come from: given the element
 * ELEMENT (NULL for the document) and an unknown child element or
 * attribute NAME, the closest name ELEMENT accepts, malloc()ed, or NULL.
 * Set once at start-up (the domain schema installs one). */
typedef char *(*dxXMLNameHints)(void *opaque, const xmlNode *element,
                                bool isAttr, const char *name);
void dxXMLSetNameHints(dxXMLNameHints hints, void *opaque);

/* --- navigation -------------------------------------------------------- */
xmlNodePtr dxXMLFirstElement(xmlNodePtr parent);
xmlNodePtr dxXMLNextElement(xmlNodePtr node);
bool dxXMLNameIs(const xmlNode *node, const char *name);
/* First child element called NAME, marked used, or NULL. */
xmlNodePtr dxXMLChild(xmlNodePtr parent, const char *name);
/* Number of child elements called NAME. */
size_t dxXMLChildCount(xmlNodePtr parent, const char *name);

#define DX_XML_FOREACH_CHILD(parent, child) \
    for (xmlNodePtr child = dxXMLFirstElement(parent); child; \
         child = dxXMLNextElement(child))

/* --- attribute readers ------------------------------------------------- */
bool dxXMLHasProp(xmlNodePtr node, const char *name);
/* Returns a copy (caller frees) or NULL when absent. */
char *dxXMLPropString(xmlNodePtr node, const char *name);
int dxXMLPropStringRequired(xmlNodePtr node, const char *name, char **out);
int dxXMLPropEnum(xmlNodePtr node, const char *name, const dxEnumTable *table,
                  unsigned int flags, int *out);
int dxXMLPropInt(xmlNodePtr node, const char *name, int base,
                 unsigned int flags, int *out);
int dxXMLPropUInt(xmlNodePtr node, const char *name, int base,
                  unsigned int flags, unsigned int *out);
int dxXMLPropLongLong(xmlNodePtr node, const char *name, int base,
                      unsigned int flags, long long *out);
int dxXMLPropULongLong(xmlNodePtr node, const char *name, int base,
                       unsigned int flags, unsigned long long *out);
int dxXMLPropTristateBool(xmlNodePtr node, const char *name,
                          unsigned int flags, dxTristateBool *out);
int dxXMLPropTristateSwitch(xmlNodePtr node, const char *name,
                            unsigned int flags, dxTristateSwitch *out);
int dxXMLPropUUID(xmlNodePtr node, const char *name, unsigned int flags,
                  unsigned char uuid[16]);

/* --- element content --------------------------------------------------- */
/* Text content of NODE (marks NODE used); never NULL for a node. */
char *dxXMLContent(xmlNodePtr node);
/* Text content of child NAME, or NULL when there is no such child. */
char *dxXMLChildContent(xmlNodePtr parent, const char *name);
int dxXMLContentULongLong(xmlNodePtr node, unsigned long long *out);
int dxXMLContentUInt(xmlNodePtr node, unsigned int *out);
int dxXMLContentInt(xmlNodePtr node, int *out);
/* Content that must be one of TABLE's names (did-you-mean on a typo). */
int dxXMLContentEnum(xmlNodePtr node, const dxEnumTable *table, int *out);

/* --- strict number parsing, shared with non-XML code ------------------- */
int dxStrToULongLong(const char *s, int base, unsigned long long *out);
int dxStrToLongLong(const char *s, int base, long long *out);
int dxStrToUInt(const char *s, int base, unsigned int *out);
int dxStrToInt(const char *s, int base, int *out);
