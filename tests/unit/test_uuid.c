/* Unit tests for src/util/dxuuid.c */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "util/dxuuid.h"

static void
test_parse_forms(void **state)
{
    unsigned char u[DX_UUID_BUFLEN];
    char s[DX_UUID_STRING_BUFLEN];
    (void)state;
    assert_int_equal(dxUUIDParse("C7A5FDBD-EDAF-9455-926A-D65C16DB1809", u), 0);
    dxUUIDFormat(u, s);
    assert_string_equal(s, "c7a5fdbd-edaf-9455-926a-d65c16db1809");
    assert_int_equal(dxUUIDParse("  c7a5fdbdedaf9455926ad65c16db1809\n", u), 0);
    dxUUIDFormat(u, s);
    assert_string_equal(s, "c7a5fdbd-edaf-9455-926a-d65c16db1809");
}

static void
test_parse_rejects(void **state)
{
    unsigned char u[DX_UUID_BUFLEN];
    (void)state;
    assert_int_equal(dxUUIDParse("c7a5fdbd-edaf-9455-926a-d65c16db180", u), -1);
    assert_int_equal(dxUUIDParse("c7a5fdbd-edaf-9455-926a-d65c16db18090", u), -1);
    assert_int_equal(dxUUIDParse("g7a5fdbd-edaf-9455-926a-d65c16db1809", u), -1);
    assert_int_equal(dxUUIDParse("", u), -1);
}

static void
test_generate_is_v4(void **state)
{
    unsigned char a[DX_UUID_BUFLEN], b[DX_UUID_BUFLEN];
    (void)state;
    dxUUIDGenerate(a);
    dxUUIDGenerate(b);
    assert_false(dxUUIDIsNull(a));
    assert_int_equal(a[6] >> 4, 4);
    assert_int_equal(a[8] & 0xc0, 0x80);
    assert_memory_not_equal(a, b, DX_UUID_BUFLEN);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_forms),
        cmocka_unit_test(test_parse_rejects),
        cmocka_unit_test(test_generate_is_v4),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
