/* Unit tests for src/util/dxbitmap.c */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>

#include "util/dxbitmap.h"

static void
roundtrip(const char *in, const char *want)
{
    dxBitmap *m = dxBitmapParse(in);
    char *s;
    assert_non_null(m);
    s = dxBitmapFormat(m);
    assert_string_equal(s, want);
    free(s);
    dxBitmapFree(m);
}

static void
test_parse_format(void **state)
{
    (void)state;
    roundtrip("1-4,8-20,525", "1-4,8-20,525");
    roundtrip("0-3,^2", "0-1,3");
    roundtrip(" 3 , 1, 2", "1-3");
    roundtrip("0", "0");
}

static void
test_rejects_garbage(void **state)
{
    (void)state;
    assert_null(dxBitmapParse(""));
    assert_null(dxBitmapParse("a"));
    assert_null(dxBitmapParse("3-1"));
    assert_null(dxBitmapParse("1,,2"));
    assert_null(dxBitmapParse("-1"));
    assert_null(dxBitmapParse("99999999999"));
    assert_null(dxBitmapParse("1-3,^1-2"));   /* '^' excludes single ids only */
}

static void
test_queries(void **state)
{
    dxBitmap *m = dxBitmapParse("2,5-6");
    (void)state;
    assert_true(dxBitmapIsSet(m, 5));
    assert_false(dxBitmapIsSet(m, 4));
    assert_false(dxBitmapIsSet(m, 100000));
    assert_int_equal(dxBitmapCount(m), 3);
    assert_int_equal(dxBitmapLast(m), 6);
    assert_int_equal(dxBitmapNext(m, 2), 5);
    assert_int_equal(dxBitmapNext(m, 6), -1);
    dxBitmapFree(m);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_format),
        cmocka_unit_test(test_rejects_garbage),
        cmocka_unit_test(test_queries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
