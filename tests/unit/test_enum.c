/* Unit tests for src/util/dxenum.c */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>

#include "util/dxenum.h"

typedef enum { COLOR_NONE, COLOR_RED, COLOR_GREEN, COLOR_LAST } color;
DX_ENUM_DECL(testColor);
DX_ENUM_IMPL(testColor, COLOR_LAST, "none", "red", "green");

static void
test_round_trip(void **state)
{
    (void)state;
    assert_int_equal(testColorTypeFromString("green"), COLOR_GREEN);
    assert_string_equal(testColorTypeToString(COLOR_RED), "red");
    assert_int_equal(testColorTypeFromString("blue"), -1);
    assert_null(testColorTypeToString(COLOR_LAST));
    assert_null(testColorTypeToString(-1));
}

static void
test_allowed_and_suggest(void **state)
{
    char *list = dxEnumAllowedList(&testColorTable);
    (void)state;
    assert_string_equal(list, "'none', 'red', 'green'");
    free(list);
    assert_string_equal(dxEnumSuggest(&testColorTable, "gren"), "green");
    assert_string_equal(dxEnumSuggest(&testColorTable, "Red"), "red");
    assert_null(dxEnumSuggest(&testColorTable, "purple"));
}

static void
test_edit_distance(void **state)
{
    (void)state;
    /* a swap of two adjacent characters is one typo */
    assert_int_equal(dxEditDistance("virtio", "virtoi", 5), 1);
    assert_int_equal(dxEditDistance("virtio", "vitrio", 5), 1);
    assert_int_equal(dxEditDistance("virtio", "vtiroi", 5), 3);
    assert_int_equal(dxEditDistance("abc", "abc", 1), 0);
    assert_int_equal(dxEditDistance("a", "abcdef", 2), 3);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_allowed_and_suggest),
        cmocka_unit_test(test_edit_distance),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
