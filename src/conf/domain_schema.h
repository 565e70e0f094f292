/* domain_schema.h: RelaxNG validation against schemas/domain.rng.
 *
 * The schema files are compiled into the library (schemas_embedded.c,
 * generated at build time), so validation never depends on install paths.
 * The compiled grammar is built once per process and shared by threads;
 * loading it also installs the did-you-mean hints of dxXMLReportUnused.
 */
#pragma once

#include <libxml/tree.h>

#include "util/dxrelaxng.h"

/* Compile the grammar (once per process); 0 or -1 (error reported). */
int dxSchemaLoad(void);
/* Give dxXMLReportUnused the grammar's did-you-mean hints, compiling the
 * grammar only when a hint is first asked for. */
void dxSchemaUseHints(void);
/* The grammar's name index (see util/dxrelaxng.h), or NULL. */
const dxRelaxNG *dxSchemaGetIndex(void);
/* 0 when DOC is valid; -1 with one error per violation otherwise, each at
 * the innermost element or attribute at fault where that can be told. */
int dxSchemaValidateDoc(xmlDocPtr doc);
/* Tidy the records reported since MARK about one document by the schema,
 * the parser and the checks: one record per spot, libxml2's generic
 * messages dropped where a precise one explains them, no "unknown" records
 * for what a parser left unread after an error, sorted by position. */
void dxDomainDiagnosticsMerge(size_t mark);
