/* dxenum.h: one string table per enum.
 *
 *   DX_ENUM_DECL(dxFoo);                       in the header
 *   DX_ENUM_IMPL(dxFoo, DX_FOO_LAST, "a", "b") in exactly one .c file
 *
 * gives dxFooTypeToString(int) (NULL when out of range),
 * dxFooTypeFromString(const char *) (-1 when unknown) and the table
 * dxFooTable used by the typed XML readers to list allowed values.
 * The table length is checked against the _LAST sentinel at compile time.
 */
#pragma once

#include <stddef.h>

typedef struct {
    const char *name;            /* enum name, for diagnostics */
    const char *const *values;
    size_t count;
} dxEnumTable;

int dxEnumFromString(const dxEnumTable *table, const char *str);
const char *dxEnumToString(const dxEnumTable *table, int value);
/* "'a', 'b', 'c'" listing every non-empty value; caller frees. */
char *dxEnumAllowedList(const dxEnumTable *table);
/* The allowed value closest to STR when the typo is small, else NULL. */
const char *dxEnumSuggest(const dxEnumTable *table, const char *str);
/* Levenshtein distance capped at CAP (returns CAP + 1 beyond it). */
size_t dxEditDistance(const char *a, const char *b, size_t cap);

#define DX_ENUM_DECL(name) \
    extern const dxEnumTable name##Table; \
    const char *name##TypeToString(int value); \
    int name##TypeFromString(const char *str)

#define DX_ENUM_IMPL(name, last, ...) \
    static const char *const name##Values[] = { __VA_ARGS__ }; \
    _Static_assert(sizeof(name##Values) / sizeof(name##Values[0]) == (last), \
                   "string table of " #name " does not match its enum"); \
    const dxEnumTable name##Table = { #name, name##Values, (last) }; \
    const char *name##TypeToString(int value) \
    { return dxEnumToString(&name##Table, value); } \
    int name##TypeFromString(const char *str) \
    { return dxEnumFromString(&name##Table, str); }

/* Attributes that are absent, yes or no (virTristateBool in libvirt). */
typedef enum {
    DX_TRISTATE_BOOL_ABSENT = 0,
    DX_TRISTATE_BOOL_YES,
    DX_TRISTATE_BOOL_NO,
    DX_TRISTATE_BOOL_LAST
} dxTristateBool;
DX_ENUM_DECL(dxTristateBool);

/* Attributes that are absent, on or off. */
typedef enum {
    DX_TRISTATE_SWITCH_ABSENT = 0,
    DX_TRISTATE_SWITCH_ON,
    DX_TRISTATE_SWITCH_OFF,
    DX_TRISTATE_SWITCH_LAST
} dxTristateSwitch;
DX_ENUM_DECL(dxTristateSwitch);
