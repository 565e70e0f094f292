/* schemas_embedded.h: schema files compiled into the library. */
#pragma once

typedef struct {
    const char *name;      /* file name, e.g. "domain.rng" */
    const char *data;      /* NUL-terminated contents */
} dxEmbeddedFile;

/* Terminated by an entry with name NULL. */
extern const dxEmbeddedFile dxEmbeddedSchemas[];
