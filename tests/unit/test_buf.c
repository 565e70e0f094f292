/* Unit tests for src/util/dxbuf.c */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>

#include "util/dxbuf.h"

static void
test_indent_applies_at_line_start(void **state)
{
    dxBuf buf = DX_BUF_INIT;
    (void)state;
    dxBufAddStr(&buf, "<a>\n");
    dxBufAdjustIndent(&buf, 2);
    dxBufAddStr(&buf, "<b/>\n<c/>\n");
    dxBufAdjustIndent(&buf, -2);
    dxBufAddStr(&buf, "</a>\n");
    assert_string_equal(dxBufContent(&buf), "<a>\n  <b/>\n  <c/>\n</a>\n");
    dxBufClear(&buf);
}

static void
test_xml_escape(void **state)
{
    dxBuf buf = DX_BUF_INIT;
    (void)state;
    dxBufEscapeXML(&buf, "a<b>&'\"c");
    assert_string_equal(dxBufContent(&buf), "a&lt;b&gt;&amp;&apos;&quot;c");
    dxBufClear(&buf);
    /* text keeps tab and newline; CR would become LF when read back */
    dxBufEscapeXML(&buf, "a\tb\nc\rd");
    assert_string_equal(dxBufContent(&buf), "a\tb\nc&#13;d");
    dxBufClear(&buf);
    /* attribute values would have all three normalised to spaces */
    dxBufAttr(&buf, "v", "a\tb\nc\rd");
    assert_string_equal(dxBufContent(&buf), " v='a&#9;b&#10;c&#13;d'");
    dxBufClear(&buf);
}

static void
test_comma_escape(void **state)
{
    dxBuf buf = DX_BUF_INIT;
    (void)state;
    dxBufEscapeComma(&buf, "foo=1,bar=2,,");
    assert_string_equal(dxBufContent(&buf), "foo=1,,bar=2,,,,");
    dxBufClear(&buf);
}

static void
test_json_escape(void **state)
{
    dxBuf buf = DX_BUF_INIT;
    (void)state;
    dxBufEscapeJSON(&buf, "a\"b\\c\n\t/\x01");
    assert_string_equal(dxBufContent(&buf), "a\\\"b\\\\c\\n\\t/\\u0001");
    dxBufClear(&buf);
}

static void
test_shell_escape(void **state)
{
    dxBuf buf = DX_BUF_INIT;
    (void)state;
    dxBufEscapeShell(&buf, "plain-word,x=1");
    dxBufAddChar(&buf, ' ');
    dxBufEscapeShell(&buf, "{\"a\":1}");
    dxBufAddChar(&buf, ' ');
    dxBufEscapeShell(&buf, "it's");
    dxBufAddChar(&buf, ' ');
    dxBufEscapeShell(&buf, "");
    assert_string_equal(dxBufContent(&buf), "plain-word,x=1 '{\"a\":1}' 'it'\\''s' ''");
    dxBufClear(&buf);
}

static void
test_element_shapes(void **state)
{
    dxBuf buf = DX_BUF_INIT;
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(&buf);
    (void)state;

    dxBufElement(&buf, "empty", &attrs, &child);
    assert_string_equal(dxBufContent(&buf), "");

    dxBufAttr(&attrs, "a", "x'y");
    dxBufElement(&buf, "e", &attrs, &child);
    assert_string_equal(dxBufContent(&buf), "<e a='x&apos;y'/>\n");
    dxBufClear(&buf);

    child.indent = buf.indent + 2;
    dxBufAddStr(&child, "<k/>\n");
    dxBufElement(&buf, "p", NULL, &child);
    assert_string_equal(dxBufContent(&buf), "<p>\n  <k/>\n</p>\n");
    dxBufClear(&buf);

    dxBufElementAlways(&buf, "z", NULL, NULL);
    assert_string_equal(dxBufContent(&buf), "<z/>\n");
    dxBufClear(&buf);
}

static void
test_escaped_text_newlines_are_not_indented(void **state)
{
    dxBuf buf = DX_BUF_INIT;
    (void)state;
    dxBufAdjustIndent(&buf, 4);
    dxBufTextElement(&buf, "description", "one\n  two");
    assert_string_equal(dxBufContent(&buf), "    <description>one\n  two</description>\n");
    dxBufClear(&buf);
}

/* Found by fuzzing: text ending in a newline got its closing tag
 * indented, so the value read back had the indentation appended. */
static void
test_text_ending_in_newline_keeps_closing_tag_unindented(void **state)
{
    dxBuf buf = DX_BUF_INIT;
    (void)state;
    dxBufAdjustIndent(&buf, 4);
    dxBufTextElement(&buf, "emulator", "/usr/bin/qemu\n");
    dxBufTextElement(&buf, "next", "x");
    assert_string_equal(dxBufContent(&buf),
                        "    <emulator>/usr/bin/qemu\n</emulator>\n    <next>x</next>\n");
    dxBufClear(&buf);
}

static void
test_verbatim_keeps_inner_indent(void **state)
{
    dxBuf buf = DX_BUF_INIT;
    (void)state;
    dxBufAdjustIndent(&buf, 2);
    dxBufAddVerbatim(&buf, "<m>\n    <x/>\n  </m>");
    assert_string_equal(dxBufContent(&buf), "  <m>\n    <x/>\n  </m>");
    dxBufClear(&buf);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_indent_applies_at_line_start),
        cmocka_unit_test(test_xml_escape),
        cmocka_unit_test(test_comma_escape),
        cmocka_unit_test(test_json_escape),
        cmocka_unit_test(test_shell_escape),
        cmocka_unit_test(test_element_shapes),
        cmocka_unit_test(test_escaped_text_newlines_are_not_indented),
        cmocka_unit_test(test_text_ending_in_newline_keeps_closing_tag_unindented),
        cmocka_unit_test(test_verbatim_keeps_inner_indent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
