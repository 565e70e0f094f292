/* Unit tests for src/util/dxjson.c */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "util/dxjson.h"

static void
test_object_keeps_insertion_order(void **state)
{
    dxJSON *o = dxJSONNewObject();
    char *s;
    (void)state;
    dxJSONAddString(o, "driver", "vfio-pci");
    dxJSONAddString(o, "host", "0000:06:12.5");
    dxJSONAddUInt(o, "bootindex", 1);
    dxJSONAddBool(o, "multifunction", true);
    dxJSONAddInt(o, "neg", -3);
    dxJSONAddString(o, "skipped", NULL);
    s = dxJSONFormat(o);
    assert_string_equal(s, "{\"driver\":\"vfio-pci\",\"host\":\"0000:06:12.5\","
                           "\"bootindex\":1,\"multifunction\":true,\"neg\":-3}");
    free(s);
    dxJSONFree(o);
}

static void
test_nested_and_arrays(void **state)
{
    dxJSON *o = dxJSONNewObject();
    dxJSON *cache = dxJSONNewObject();
    dxJSON *arr = dxJSONNewArray();
    char *s;
    (void)state;
    dxJSONAddBool(cache, "direct", true);
    dxJSONAddBool(cache, "no-flush", false);
    dxJSONAdd(o, "cache", cache);
    dxJSONAppend(arr, dxJSONNewString("a"));
    dxJSONAppend(arr, dxJSONNewUInt(2));
    dxJSONAdd(o, "list", arr);
    s = dxJSONFormat(o);
    assert_string_equal(s, "{\"cache\":{\"direct\":true,\"no-flush\":false},\"list\":[\"a\",2]}");
    free(s);
    dxJSONFree(o);
}

static void
test_string_values_are_escaped(void **state)
{
    dxJSON *o = dxJSONNewObject();
    char *s;
    (void)state;
    dxJSONAddString(o, "file", "/tmp/a\",\"id\":\"x");
    s = dxJSONFormat(o);
    assert_string_equal(s, "{\"file\":\"/tmp/a\\\",\\\"id\\\":\\\"x\"}");
    free(s);
    dxJSONFree(o);
}

static void
test_key_value_form(void **state)
{
    dxJSON *o = dxJSONNewObject();
    dxJSON *inner = dxJSONNewObject();
    dxBuf buf = DX_BUF_INIT;
    (void)state;
    dxJSONAddString(o, "driver", "e1000");
    dxJSONAddString(o, "path", "/a,b");
    dxJSONAddBool(o, "on", true);
    dxJSONAddUInt(o, "n", 7);
    dxJSONAddString(inner, "x", "y");
    dxJSONAdd(o, "p", inner);
    assert_int_equal(dxJSONFormatKeyValue(&buf, o), 0);
    assert_string_equal(dxBufContent(&buf), "driver=e1000,path=/a,,b,on=on,n=7,p.x=y");
    dxBufClear(&buf);
    dxJSONAdd(o, "arr", dxJSONNewArray());
    assert_int_equal(dxJSONFormatKeyValue(&buf, o), -1);
    dxBufClear(&buf);
    dxJSONFree(o);
}

static void
test_get_and_remove(void **state)
{
    dxJSON *o = dxJSONNewObject();
    (void)state;
    dxJSONAddString(o, "a", "1");
    dxJSONAddString(o, "b", "2");
    assert_string_equal(dxJSONGetString(o, "b"), "2");
    assert_true(dxJSONRemove(o, "a"));
    assert_false(dxJSONRemove(o, "a"));
    assert_null(dxJSONGet(o, "a"));
    assert_int_equal(dxJSONSize(o), 1);
    dxJSONFree(o);
}

static void
test_parse_round_trip(void **state)
{
    const char *text = "{\"driver\":\"vfio-pci\",\"host\":\"0000:06:12.5\",\"n\":-3,"
                       "\"big\":18446744073709551615,\"d\":1.5,\"on\":true,\"off\":false,"
                       "\"z\":null,\"a\":[1,{\"b\":[]},\"s\"],\"e\":{}}";
    dxJSON *v = dxJSONParse(text, NULL);
    char *out;
    bool b = false;
    (void)state;
    assert_non_null(v);
    out = dxJSONFormat(v);
    assert_string_equal(out, text);
    free(out);
    assert_string_equal(dxJSONKeyAt(v, 1), "host");
    assert_string_equal(dxJSONStringValue(dxJSONValueAt(v, 0)), "vfio-pci");
    assert_true(dxJSONBoolValue(dxJSONGet(v, "on"), &b) && b);
    assert_int_equal(dxJSONGetType(dxJSONGet(v, "big")), DX_JSON_UINT);
    assert_int_equal(dxJSONSize(dxJSONGet(v, "a")), 3);
    assert_null(dxJSONKeyAt(v, 99));
    dxJSONFree(v);
}

static void
test_parse_strings_and_blanks(void **state)
{
    dxJSON *v = dxJSONParse(" [ \"a\\\"b\\u00e9\\ud83d\\ude00\\n\" ] ", NULL);
    (void)state;
    assert_non_null(v);
    assert_string_equal(dxJSONStringValue(dxJSONValueAt(v, 0)), "a\"b\xc3\xa9\xf0\x9f\x98\x80\n");
    dxJSONFree(v);
}

static void
test_parse_errors(void **state)
{
    static const char *const bad[] = {
        "", "{", "{\"a\"}", "{\"a\":1,}", "[1 2]", "01", "1.", "-", "tru", "\"\\x\"",
        "\"a", "\"\\ud800\"", "\"\\u0000\"", "{} x", "\"tab\there\"",
    };
    size_t i;
    char *err = NULL;
    (void)state;
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        dxJSON *v = dxJSONParse(bad[i], &err);
        if (v)
            fail_msg("'%s' parsed", bad[i]);
        assert_non_null(err);
        free(err);
    }
    {
        /* nesting is bounded */
        char deep[400];
        memset(deep, '[', 200);
        memset(deep + 200, ']', 199);
        deep[399] = '\0';
        assert_null(dxJSONParse(deep, NULL));
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_object_keeps_insertion_order),
        cmocka_unit_test(test_nested_and_arrays),
        cmocka_unit_test(test_string_values_are_escaped),
        cmocka_unit_test(test_key_value_form),
        cmocka_unit_test(test_get_and_remove),
        cmocka_unit_test(test_parse_round_trip),
        cmocka_unit_test(test_parse_strings_and_blanks),
        cmocka_unit_test(test_parse_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
