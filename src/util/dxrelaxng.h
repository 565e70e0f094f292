/* dxrelaxng.h: a second reading of our RelaxNG grammar, for diagnostics.
 *
 * libxml2 decides whether a document is valid, but when an element inside
 * an <interleave> or <choice> is wrong it blames the enclosing element
 * ("Extra element devices in interleave").  This module reads the same
 * .rng files as a name index (which elements and attributes may appear
 * under an element reached by a given path, with which values) and walks
 * a document to point at the innermost culprit: the unknown attribute,
 * the value outside its type, the missing required attribute.
 *
 * Where several patterns match one element (choices), their names are
 * united and their requirements intersected, so a finding here is always
 * a real violation; what this reading cannot see is left to libxml2's
 * message.  It also answers "which name did you mean?".
 *
 * A loaded index is read-only and may be shared by threads.
 */
#pragma once

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

#include "dxxml.h"

typedef struct _dxRelaxNG dxRelaxNG;

/* Load TOPNAME and everything it includes through RESOLVER (URL ->
 * content).  NULL when a file is missing or malformed. */
dxRelaxNG *dxRelaxNGLoad(const char *topName, dxXMLResolver resolver);
void dxRelaxNGFree(dxRelaxNG *rng);

/* WHERE is the element or attribute at fault. */
typedef void (*dxRelaxNGReportFn)(void *opaque, const xmlNode *where, const char *message);

/* Report every violation this reading can see under ROOT (the document
 * element included); returns how many. */
size_t dxRelaxNGDiagnose(const dxRelaxNG *rng, const xmlNode *root,
                     dxRelaxNGReportFn report, void *opaque);

/* The name closest to NAME among the child elements (or attributes, with
 * ISATTR) the schema allows on ELEMENT (NULL: the document element), or
 * NULL when none is close or NAME is itself allowed.  Caller frees. */
char *dxRelaxNGSuggest(const dxRelaxNG *rng, const xmlNode *element, bool isAttr,
                   const char *name);

/* Element names the schema knows only through an "any element" pattern at
 * this place: 1 when ELEMENT is matched by no named pattern but by a
 * wildcard, 0 when a named pattern matches, -1 when nothing matches. */
int dxRelaxNGMatchedByWildcardOnly(const dxRelaxNG *rng, const xmlNode *element);
