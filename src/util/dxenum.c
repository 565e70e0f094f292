#include "dxenum.h"
#include "dxalloc.h"
#include "dxbuf.h"

#include <string.h>

DX_ENUM_IMPL(dxTristateBool, DX_TRISTATE_BOOL_LAST, "", "yes", "no");
DX_ENUM_IMPL(dxTristateSwitch, DX_TRISTATE_SWITCH_LAST, "", "on", "off");

int
dxEnumFromString(const dxEnumTable *table, const char *str)
{
    size_t i;
    if (!str)
        return -1;
    for (i = 0; i < table->count; i++) {
        if (table->values[i] && strcmp(table->values[i], str) == 0)
            return (int)i;
    }
    return -1;
}

const char *
dxEnumToString(const dxEnumTable *table, int value)
{
    if (value < 0 || (size_t)value >= table->count)
        return NULL;
    return table->values[value];
}

char *
dxEnumAllowedList(const dxEnumTable *table)
{
    dxBuf buf = DX_BUF_INIT;
    size_t i;
    for (i = 0; i < table->count; i++) {
        if (!table->values[i] || !*table->values[i])
            continue;
        if (!dxBufIsEmpty(&buf))
            dxBufAddStr(&buf, ", ");
        dxBufAddf(&buf, "'%s'", table->values[i]);
    }
    return dxBufSteal(&buf);
}

/* Optimal string alignment distance: Levenshtein plus transposition of
 * two adjacent characters ("dve" -> "dev" is one typo, not two). */
size_t
dxEditDistance(const char *a, const char *b, size_t cap)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t *rows[3], i, j, result;

    if (la > lb ? la - lb > cap : lb - la > cap)
        return cap + 1;
    for (i = 0; i < 3; i++)
        rows[i] = dxNewN(size_t, lb + 1);
    for (j = 0; j <= lb; j++)
        rows[1][j] = j;
    for (i = 1; i <= la; i++) {
        size_t *before = rows[0], *prev = rows[1], *cur = rows[2];
        cur[0] = i;
        for (j = 1; j <= lb; j++) {
            size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t del = prev[j] + 1;
            size_t ins = cur[j - 1] + 1;
            size_t best = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                before[j - 2] + 1 < best)
                best = before[j - 2] + 1;
            cur[j] = best;
        }
        rows[0] = prev;
        rows[1] = cur;
        rows[2] = before;
    }
    result = rows[1][lb];
    for (i = 0; i < 3; i++)
        free(rows[i]);
    return result > cap ? cap + 1 : result;
}

const char *
dxEnumSuggest(const dxEnumTable *table, const char *str)
{
    size_t i, best = (size_t)-1;
    const char *choice = NULL;
    size_t cap;

    if (!str || !*str)
        return NULL;
    /* allow roughly one typo per four characters, at least one */
    cap = strlen(str) / 4 + 1;
    for (i = 0; i < table->count; i++) {
        size_t d;
        if (!table->values[i] || !*table->values[i])
            continue;
        d = dxEditDistance(str, table->values[i], cap);
        if (d <= cap && d < best) {
            best = d;
            choice = table->values[i];
        }
    }
    return choice;
}
