#include "dxjson.h"
#include "dxalloc.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    char *key;
    dxJSON *value;
} dxJSONMember;

struct _dxJSON {
    dxJSONType type;
    union {
        char *str;
        long long i;
        unsigned long long u;
        double d;
        bool b;
    } v;
    dxJSONMember *members;   /* object */
    dxJSON **items;          /* array */
    size_t n;
};

static dxJSON *
dxJSONNew(dxJSONType type)
{
    dxJSON *v = dxNew(dxJSON);
    v->type = type;
    return v;
}

dxJSON *dxJSONNewObject(void) { return dxJSONNew(DX_JSON_OBJECT); }
dxJSON *dxJSONNewArray(void) { return dxJSONNew(DX_JSON_ARRAY); }

dxJSON *
dxJSONNewString(const char *s)
{
    dxJSON *v = dxJSONNew(DX_JSON_STRING);
    v->v.str = dxStrdup(s ? s : "");
    return v;
}

dxJSON *
dxJSONNewInt(long long i)
{
    dxJSON *v = dxJSONNew(DX_JSON_INT);
    v->v.i = i;
    return v;
}

dxJSON *
dxJSONNewUInt(unsigned long long u)
{
    dxJSON *v = dxJSONNew(DX_JSON_UINT);
    v->v.u = u;
    return v;
}

dxJSON *
dxJSONNewBool(bool b)
{
    dxJSON *v = dxJSONNew(DX_JSON_BOOL);
    v->v.b = b;
    return v;
}

void
dxJSONFree(dxJSON *v)
{
    size_t i;
    if (!v)
        return;
    if (v->type == DX_JSON_STRING)
        free(v->v.str);
    for (i = 0; v->type == DX_JSON_OBJECT && i < v->n; i++) {
        free(v->members[i].key);
        dxJSONFree(v->members[i].value);
    }
    for (i = 0; v->type == DX_JSON_ARRAY && i < v->n; i++)
        dxJSONFree(v->items[i]);
    free(v->members);
    free(v->items);
    free(v);
}

dxJSONType
dxJSONGetType(const dxJSON *v)
{
    return v->type;
}

void
dxJSONAdd(dxJSON *obj, const char *key, dxJSON *value)
{
    dxJSONMember m = { dxStrdup(key), value };
    size_t n = obj->n;
    DX_APPEND(obj->members, n, m);
    obj->n = n;
}

void
dxJSONAddString(dxJSON *obj, const char *key, const char *s)
{
    if (s)
        dxJSONAdd(obj, key, dxJSONNewString(s));
}

void dxJSONAddInt(dxJSON *obj, const char *key, long long v) { dxJSONAdd(obj, key, dxJSONNewInt(v)); }
void dxJSONAddUInt(dxJSON *obj, const char *key, unsigned long long v) { dxJSONAdd(obj, key, dxJSONNewUInt(v)); }
void dxJSONAddBool(dxJSON *obj, const char *key, bool v) { dxJSONAdd(obj, key, dxJSONNewBool(v)); }

dxJSON *dxJSONNewNull(void) { return dxJSONNew(DX_JSON_NULL); }

dxJSON *
dxJSONNewDouble(double d)
{
    dxJSON *v = dxJSONNew(DX_JSON_DOUBLE);
    v->v.d = d;
    return v;
}

void
dxJSONAddDouble(dxJSON *obj, const char *key, double d)
{
    dxJSONAdd(obj, key, dxJSONNewDouble(d));
}

const char *
dxJSONKeyAt(const dxJSON *obj, size_t i)
{
    return obj && obj->type == DX_JSON_OBJECT && i < obj->n ? obj->members[i].key : NULL;
}

const dxJSON *
dxJSONValueAt(const dxJSON *v, size_t i)
{
    if (!v || i >= v->n)
        return NULL;
    if (v->type == DX_JSON_OBJECT)
        return v->members[i].value;
    return v->type == DX_JSON_ARRAY ? v->items[i] : NULL;
}

bool
dxJSONBoolValue(const dxJSON *v, bool *out)
{
    if (!v || v->type != DX_JSON_BOOL)
        return false;
    *out = v->v.b;
    return true;
}

void
dxJSONAppend(dxJSON *arr, dxJSON *value)
{
    size_t n = arr->n;
    DX_APPEND(arr->items, n, value);
    arr->n = n;
}

size_t
dxJSONSize(const dxJSON *v)
{
    return v ? v->n : 0;
}

const dxJSON *
dxJSONGet(const dxJSON *obj, const char *key)
{
    size_t i;
    if (!obj || obj->type != DX_JSON_OBJECT)
        return NULL;
    for (i = 0; i < obj->n; i++) {
        if (strcmp(obj->members[i].key, key) == 0)
            return obj->members[i].value;
    }
    return NULL;
}

const char *
dxJSONStringValue(const dxJSON *v)
{
    return v && v->type == DX_JSON_STRING ? v->v.str : NULL;
}

const char *
dxJSONGetString(const dxJSON *obj, const char *key)
{
    return dxJSONStringValue(dxJSONGet(obj, key));
}

bool
dxJSONRemove(dxJSON *obj, const char *key)
{
    size_t i;
    for (i = 0; obj && obj->type == DX_JSON_OBJECT && i < obj->n; i++) {
        if (strcmp(obj->members[i].key, key) != 0)
            continue;
        free(obj->members[i].key);
        dxJSONFree(obj->members[i].value);
        memmove(obj->members + i, obj->members + i + 1,
                (obj->n - i - 1) * sizeof(*obj->members));
        obj->n--;
        return true;
    }
    return false;
}

static void
dxJSONFormatDouble(dxBuf *buf, double d)
{
    char tmp[64];
    snprintf(tmp, sizeof(tmp), "%.17g", d);
    /* shortest representation that reads back the same */
    for (int prec = 1; prec < 17; prec++) {
        char probe[64];
        snprintf(probe, sizeof(probe), "%.*g", prec, d);
        if (strtod(probe, NULL) == d) {
            memcpy(tmp, probe, sizeof(probe));
            break;
        }
    }
    dxBufAddStr(buf, tmp);
}

void
dxJSONFormatBuf(dxBuf *buf, const dxJSON *v)
{
    size_t i;
    switch (v->type) {
    case DX_JSON_NULL:
        dxBufAddStr(buf, "null");
        break;
    case DX_JSON_STRING:
        dxBufAddChar(buf, '"');
        dxBufEscapeJSON(buf, v->v.str);
        dxBufAddChar(buf, '"');
        break;
    case DX_JSON_INT:
        dxBufAddf(buf, "%lld", v->v.i);
        break;
    case DX_JSON_UINT:
        dxBufAddf(buf, "%llu", v->v.u);
        break;
    case DX_JSON_DOUBLE:
        dxJSONFormatDouble(buf, v->v.d);
        break;
    case DX_JSON_BOOL:
        dxBufAddStr(buf, v->v.b ? "true" : "false");
        break;
    case DX_JSON_OBJECT:
        dxBufAddChar(buf, '{');
        for (i = 0; i < v->n; i++) {
            if (i)
                dxBufAddChar(buf, ',');
            dxBufAddChar(buf, '"');
            dxBufEscapeJSON(buf, v->members[i].key);
            dxBufAddStr(buf, "\":");
            dxJSONFormatBuf(buf, v->members[i].value);
        }
        dxBufAddChar(buf, '}');
        break;
    case DX_JSON_ARRAY:
        dxBufAddChar(buf, '[');
        for (i = 0; i < v->n; i++) {
            if (i)
                dxBufAddChar(buf, ',');
            dxJSONFormatBuf(buf, v->items[i]);
        }
        dxBufAddChar(buf, ']');
        break;
    }
}

char *
dxJSONFormat(const dxJSON *v)
{
    dxBuf buf = DX_BUF_INIT;
    dxJSONFormatBuf(&buf, v);
    return dxBufSteal(&buf);
}

static int
dxJSONFormatKeyValueInternal(dxBuf *buf, const dxJSON *obj, const char *prefix)
{
    size_t i;
    for (i = 0; i < obj->n; i++) {
        const dxJSON *v = obj->members[i].value;
        char *key = prefix ? dxAsprintf("%s.%s", prefix, obj->members[i].key)
                           : dxStrdup(obj->members[i].key);
        int rc = 0;

        if (v->type == DX_JSON_OBJECT) {
            rc = dxJSONFormatKeyValueInternal(buf, v, key);
        } else if (v->type == DX_JSON_ARRAY || v->type == DX_JSON_NULL) {
            rc = -1;
        } else {
            if (!dxBufIsEmpty(buf))
                dxBufAddChar(buf, ',');
            dxBufEscapeComma(buf, key);
            dxBufAddChar(buf, '=');
            if (v->type == DX_JSON_STRING)
                dxBufEscapeComma(buf, v->v.str);
            else if (v->type == DX_JSON_BOOL)
                dxBufAddStr(buf, v->v.b ? "on" : "off");
            else
                dxJSONFormatBuf(buf, v);
        }
        free(key);
        if (rc < 0)
            return -1;
    }
    return 0;
}

int
dxJSONFormatKeyValue(dxBuf *buf, const dxJSON *obj)
{
    if (!obj || obj->type != DX_JSON_OBJECT)
        return -1;
    return dxJSONFormatKeyValueInternal(buf, obj, NULL);
}
