/* domain_schema.h: RelaxNG validation against schemas/domain.rng.
 *
 * The schema files are compiled into the library (schemas_embedded.c,
 * generated at build time), so validation never depends on install paths.
 * The compiled grammar is built once per process and shared by threads.
 */
#pragma once

#include <libxml/tree.h>

/* 0 when DOC is valid; -1 with one error per violation otherwise. */
int dxSchemaValidateDoc(xmlDocPtr doc);
