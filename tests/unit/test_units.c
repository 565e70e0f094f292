/* Unit tests for src/util/dxunits.c */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <limits.h>

#include "util/dxunits.h"

static unsigned long long
scaled(unsigned long long v, const char *unit)
{
    const char *why = NULL;
    assert_int_equal(dxScaleInteger(&v, unit, 1024, ULLONG_MAX, &why), 0);
    return v;
}

static void
test_all_units(void **state)
{
    (void)state;
    assert_int_equal(scaled(3, "b"), 3);
    assert_int_equal(scaled(3, "bytes"), 3);
    assert_int_equal(scaled(3, "KB"), 3000);
    assert_int_equal(scaled(3, "k"), 3072);
    assert_int_equal(scaled(3, "KiB"), 3072);
    assert_int_equal(scaled(2, "MB"), 2000000);
    assert_int_equal(scaled(2, "M"), 2ULL << 20);
    assert_int_equal(scaled(2, "MiB"), 2ULL << 20);
    assert_int_equal(scaled(1, "GB"), 1000000000ULL);
    assert_int_equal(scaled(1, "G"), 1ULL << 30);
    assert_int_equal(scaled(1, "GiB"), 1ULL << 30);
    assert_int_equal(scaled(1, "TB"), 1000000000000ULL);
    assert_int_equal(scaled(1, "T"), 1ULL << 40);
    assert_int_equal(scaled(1, "TiB"), 1ULL << 40);
    assert_int_equal(scaled(1, "PB"), 1000000000000000ULL);
    assert_int_equal(scaled(1, "P"), 1ULL << 50);
    assert_int_equal(scaled(1, "PiB"), 1ULL << 50);
    assert_int_equal(scaled(1, "EB"), 1000000000000000000ULL);
    assert_int_equal(scaled(1, "E"), 1ULL << 60);
    assert_int_equal(scaled(1, "EiB"), 1ULL << 60);
    /* no unit: the caller's default scale */
    assert_int_equal(scaled(5, NULL), 5 * 1024);
}

static void
test_overflow_and_limits(void **state)
{
    unsigned long long v = 16;
    const char *why = NULL;
    (void)state;
    assert_int_equal(dxScaleInteger(&v, "EiB", 1, ULLONG_MAX, &why), -1);
    assert_string_equal(why, "value too large");
    v = 2;
    assert_int_equal(dxScaleInteger(&v, "KiB", 1, 2047, &why), -1);
    v = 2;
    assert_int_equal(dxScaleInteger(&v, "KiB", 1, 2048, &why), 0);
    assert_int_equal(v, 2048);
}

static void
test_unknown_unit(void **state)
{
    unsigned long long v = 1;
    const char *why = NULL;
    (void)state;
    assert_int_equal(dxScaleInteger(&v, "parsec", 1, ULLONG_MAX, &why), -1);
    assert_string_equal(why, "unknown unit");
    assert_int_equal(dxUnitScale("Kix"), 0);
    assert_int_equal(dxUnitScale("x"), 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_all_units),
        cmocka_unit_test(test_overflow_and_limits),
        cmocka_unit_test(test_unknown_unit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
