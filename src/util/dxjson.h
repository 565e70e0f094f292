/* dxjson.h: ordered JSON values for QEMU properties.
 *
 * QEMU's -device/-object/-blockdev/-netdev/-audiodev take JSON whose key
 * order libvirt fixes; insertion order here is output order.  The same
 * object can also be written as QEMU's legacy key=value list, where every
 * string value has its ',' doubled so no value can start a new option.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "dxbuf.h"

typedef enum {
    DX_JSON_NULL,
    DX_JSON_STRING,
    DX_JSON_INT,
    DX_JSON_UINT,
    DX_JSON_DOUBLE,
    DX_JSON_BOOL,
    DX_JSON_OBJECT,
    DX_JSON_ARRAY,
} dxJSONType;

typedef struct _dxJSON dxJSON;

dxJSON *dxJSONNewObject(void);
dxJSON *dxJSONNewArray(void);
dxJSON *dxJSONNewString(const char *s);
dxJSON *dxJSONNewInt(long long v);
dxJSON *dxJSONNewUInt(unsigned long long v);
dxJSON *dxJSONNewBool(bool v);
dxJSON *dxJSONNewNull(void);
dxJSON *dxJSONNewDouble(double v);
void dxJSONFree(dxJSON *v);

dxJSONType dxJSONGetType(const dxJSON *v);

/* Object members; each call appends KEY (keys are not de-duplicated). */
void dxJSONAdd(dxJSON *obj, const char *key, dxJSON *value);   /* takes VALUE */
void dxJSONAddString(dxJSON *obj, const char *key, const char *s);  /* NULL: skipped */
void dxJSONAddInt(dxJSON *obj, const char *key, long long v);
void dxJSONAddUInt(dxJSON *obj, const char *key, unsigned long long v);
void dxJSONAddDouble(dxJSON *obj, const char *key, double v);
void dxJSONAddBool(dxJSON *obj, const char *key, bool v);
/* Array elements. */
void dxJSONAppend(dxJSON *arr, dxJSON *value);                  /* takes VALUE */

size_t dxJSONSize(const dxJSON *v);            /* members or elements */
const dxJSON *dxJSONGet(const dxJSON *obj, const char *key);
const char *dxJSONGetString(const dxJSON *obj, const char *key);
const char *dxJSONStringValue(const dxJSON *v);
/* Members by position: the I-th key of an object, the I-th value of an
 * object or element of an array (NULL when out of range). */
const char *dxJSONKeyAt(const dxJSON *obj, size_t i);
const dxJSON *dxJSONValueAt(const dxJSON *v, size_t i);
/* true and *OUT when V is a boolean */
bool dxJSONBoolValue(const dxJSON *v, bool *out);

/* Parse JSON TEXT (RFC 8259; numbers become INT, UINT or DOUBLE); NULL
 * when it is not valid, with a reason in *ERROR (caller frees) when ERROR
 * is not NULL.  Nesting is limited to 64 levels. */
dxJSON *dxJSONParse(const char *text, char **error);

/* Remove the member KEY (first occurrence); true if one was removed. */
bool dxJSONRemove(dxJSON *obj, const char *key);

/* Compact JSON, like libvirt writes it: no spaces, '/' not escaped. */
char *dxJSONFormat(const dxJSON *v);
void dxJSONFormatBuf(dxBuf *buf, const dxJSON *v);
/* QEMU key=value form "k1=v1,k2=v2": nested objects as parent.child=,
 * booleans as on/off, strings comma-escaped.  Arrays are not supported in
 * this form and make the call fail (-1). */
int dxJSONFormatKeyValue(dxBuf *buf, const dxJSON *obj);
