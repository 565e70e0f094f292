/* Unit tests for src/util/dxxml.c: safe parsing, typed readers, use
 * tracking, and error locations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/dxerror.h"
#include "util/dxxml.h"

static int
setup(void **state)
{
    (void)state;
    dxErrorClear();
    return 0;
}

static const dxError *
first_error(void)
{
    size_t i;
    for (i = 0; i < dxErrorCount(); i++) {
        if (dxErrorGet(i)->severity == DX_SEVERITY_ERROR)
            return dxErrorGet(i);
    }
    return NULL;
}

static void
test_readers(void **state)
{
    xmlDocPtr doc = dxXMLParseString(
        "<r a='0x1f' b='12' c='yes' d='on' e='-4' s='text'/>", "t.xml");
    xmlNodePtr r = dxXMLRoot(doc, "r");
    unsigned int u = 0;
    int i = 0;
    dxTristateBool tb = 0;
    dxTristateSwitch ts = 0;
    char *s;
    (void)state;
    assert_int_equal(dxXMLPropUInt(r, "a", 0, 0, &u), 1);
    assert_int_equal(u, 31);
    assert_int_equal(dxXMLPropUInt(r, "b", 10, 0, &u), 1);
    assert_int_equal(u, 12);
    assert_int_equal(dxXMLPropTristateBool(r, "c", 0, &tb), 1);
    assert_int_equal(tb, DX_TRISTATE_BOOL_YES);
    assert_int_equal(dxXMLPropTristateSwitch(r, "d", 0, &ts), 1);
    assert_int_equal(ts, DX_TRISTATE_SWITCH_ON);
    assert_int_equal(dxXMLPropInt(r, "e", 10, 0, &i), 1);
    assert_int_equal(i, -4);
    s = dxXMLPropString(r, "s");
    assert_string_equal(s, "text");
    free(s);
    assert_int_equal(dxXMLPropUInt(r, "missing", 10, 0, &u), 0);
    assert_int_equal(dxXMLReportUnused(r, false), 0);
    xmlFreeDoc(doc);
}

static void
test_reader_errors_name_line_and_element(void **state)
{
    xmlDocPtr doc = dxXMLParseString("<r>\n\n  <target bus='virtoi'/>\n</r>", "g.xml");
    xmlNodePtr t = dxXMLChild(dxXMLRoot(doc, "r"), "target");
    static const char *const buses[] = { "", "ide", "virtio", "scsi" };
    const dxEnumTable table = { "bus", buses, 4 };
    unsigned int u;
    int v;
    const dxError *e;
    (void)state;
    assert_int_equal(dxXMLPropEnum(t, "bus", &table, 0, &v), -1);
    e = first_error();
    assert_non_null(e);
    assert_string_equal(e->file, "g.xml");
    assert_int_equal(e->line, 3);
    assert_string_equal(e->path, "/r/target");
    assert_non_null(strstr(e->message, "did you mean 'virtio'"));
    assert_non_null(strstr(e->message, "'target'"));
    dxErrorClear();
    assert_int_equal(dxXMLPropUInt(t, "unit", 10, DX_PROP_REQUIRED, &u), -1);
    assert_non_null(strstr(first_error()->message, "missing required attribute 'unit'"));
    xmlFreeDoc(doc);
}

static void
test_number_overflow(void **state)
{
    xmlDocPtr doc = dxXMLParseString("<r a='4294967296' b='-1' c='1x'/>", "t.xml");
    xmlNodePtr r = dxXMLRoot(doc, "r");
    unsigned int u;
    (void)state;
    assert_int_equal(dxXMLPropUInt(r, "a", 10, 0, &u), -1);
    assert_int_equal(dxXMLPropUInt(r, "b", 10, 0, &u), -1);
    assert_int_equal(dxXMLPropUInt(r, "c", 10, 0, &u), -1);
    xmlFreeDoc(doc);
}

static void
test_unused_reporting(void **state)
{
    xmlDocPtr doc = dxXMLParseString("<r used='1' stray='2'><known/><unknown><deep/></unknown></r>",
                                     "t.xml");
    xmlNodePtr r = dxXMLRoot(doc, "r");
    char *v;
    (void)state;
    v = dxXMLPropString(r, "used");
    free(v);
    dxXMLChild(r, "known");
    /* the stray attribute and the unknown element (once, not its child) */
    assert_int_equal(dxXMLReportUnused(r, false), 2);
    assert_int_equal(dxErrorCountSeverity(DX_SEVERITY_WARNING), 2);
    assert_int_equal(dxErrorCountSeverity(DX_SEVERITY_ERROR), 0);
    dxErrorClear();
    assert_int_equal(dxXMLReportUnused(r, true), 2);
    assert_int_equal(dxErrorCountSeverity(DX_SEVERITY_ERROR), 2);
    xmlFreeDoc(doc);
}

static void
test_external_entity_is_refused(void **state)
{
    const char *xml =
        "<?xml version='1.0'?>\n"
        "<!DOCTYPE domain [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>\n"
        "<domain>&xxe;</domain>";
    (void)state;
    assert_null(dxXMLParseString(xml, "xxe.xml"));
    assert_non_null(first_error());
    assert_non_null(strstr(first_error()->message, "entity"));
}

static void
test_parameter_entities_and_external_dtd_are_refused(void **state)
{
    const char *pe =
        "<?xml version='1.0'?>\n"
        "<!DOCTYPE domain [<!ENTITY % p SYSTEM 'file:///etc/passwd'> %p;]>\n"
        "<domain/>";
    const char *ext =
        "<?xml version='1.0'?>\n\n"
        "<!DOCTYPE domain SYSTEM 'file:///etc/passwd'>\n"
        "<domain/>";
    (void)state;
    assert_null(dxXMLParseString(pe, "pe.xml"));
    assert_non_null(strstr(first_error()->message, "entity"));
    assert_int_equal(first_error()->line, 2);
    dxErrorClear();
    assert_null(dxXMLParseString(ext, "ext.xml"));
    assert_non_null(strstr(first_error()->message, "external DTD"));
    assert_int_equal(first_error()->line, 3);
    dxErrorClear();
    /* a plain DOCTYPE is harmless */
    xmlFreeDoc(dxXMLParseString("<!DOCTYPE domain>\n<domain/>", "plain.xml"));
    assert_int_equal(dxErrorCount(), 0);
}

static void
test_recovered_errors_still_fail(void **state)
{
    (void)state;
    /* libxml2 recovers from an undefined entity when a DTD is declared */
    assert_null(dxXMLParseString("<!DOCTYPE domain>\n<domain>&undefined;</domain>",
                                 "undef.xml"));
    assert_int_equal(first_error()->code, DX_ERR_XML);
    dxErrorClear();
    assert_null(dxXMLParseString("<domain><x:a/></domain>", "ns.xml"));
    assert_int_equal(first_error()->code, DX_ERR_XML);
}

static void
test_billion_laughs_is_refused(void **state)
{
    const char *xml =
        "<?xml version='1.0'?>\n"
        "<!DOCTYPE d [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>"
        "<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>]>\n<d>&c;</d>";
    (void)state;
    assert_null(dxXMLParseString(xml, "laughs.xml"));
    assert_non_null(first_error());
}

static void
test_deep_nesting_is_refused(void **state)
{
    size_t depth = 10000, i;
    char *xml = malloc(depth * 7 + 1), *p = xml;
    (void)state;
    for (i = 0; i < depth; i++)
        p += sprintf(p, "<a>");
    for (i = 0; i < depth; i++)
        p += sprintf(p, "</a>");
    assert_null(dxXMLParseString(xml, "deep.xml"));
    assert_non_null(first_error());
    assert_int_equal(first_error()->code, DX_ERR_LIMIT);
    assert_non_null(strstr(first_error()->message, "256 levels"));
    free(xml);
}

static void
test_nul_and_bad_utf8_are_refused(void **state)
{
    char path[] = "/tmp/dxxml-test-XXXXXX";
    int fd = mkstemp(path);
    static const char nul[] = "<domain>a\0b</domain>";
    (void)state;
    assert_true(fd >= 0);
    assert_int_equal(write(fd, nul, sizeof(nul) - 1), (ssize_t)(sizeof(nul) - 1));
    close(fd);
    assert_null(dxXMLParseFile(path));
    assert_int_equal(first_error()->code, DX_ERR_XML);
    assert_int_equal(first_error()->line, 1);
    assert_non_null(strstr(first_error()->message, "NUL byte"));
    unlink(path);
    dxErrorClear();
    assert_null(dxXMLParseString("<domain>\xff\xfe</domain>", "utf8.xml"));
    assert_int_equal(first_error()->code, DX_ERR_XML);
    assert_non_null(strstr(first_error()->message, "not valid UTF-8 (0xFF 0xFE"));
    assert_null(strchr(first_error()->message, '\n'));
}

static void
test_size_limit(void **state)
{
    size_t n = DX_XML_MAX_INPUT_BYTES + 16;
    char *big = malloc(n + 1);
    (void)state;
    memset(big, ' ', n);
    memcpy(big, "<a>", 3);
    memcpy(big + n - 4, "</a>", 4);
    big[n] = '\0';
    assert_null(dxXMLParseString(big, "big.xml"));
    assert_int_equal(first_error()->code, DX_ERR_LIMIT);
    free(big);
}

static void
test_missing_file(void **state)
{
    (void)state;
    assert_null(dxXMLParseFile("/nonexistent/dir/x.xml"));
    assert_int_equal(first_error()->code, DX_ERR_IO);
    assert_string_equal(first_error()->file, "/nonexistent/dir/x.xml");
}

static void
test_malformed_reports_line(void **state)
{
    (void)state;
    assert_null(dxXMLParseString("<a>\n<b>\n</a>", "m.xml"));
    assert_int_equal(first_error()->code, DX_ERR_XML);
    assert_int_equal(first_error()->line, 3);
    assert_string_equal(first_error()->file, "m.xml");
}

/* Start tags spread over lines and several elements on one line: errors
 * point at the '<' of the element and at the attribute's own name. */
static void
test_positions(void **state)
{
    xmlDocPtr doc = dxXMLParseString(
        "<r>\n"
        "  <a x='1'/>   <a y='2'\n"
        "      z=\"3\"/>\n"
        "  <b\n"
        "   c='multi\nline' d='4'/>\n"
        "</r>\n", "p.xml");
    xmlNodePtr r = dxXMLRoot(doc, "r");
    xmlNodePtr a1 = dxXMLChild(r, "a");
    xmlNodePtr a2 = dxXMLNextElement(a1);
    xmlNodePtr b = dxXMLChild(r, "b");
    unsigned int u;
    int line, col;
    (void)state;
    dxXMLNodePosition(r, &line, &col);
    assert_int_equal(line, 1);
    assert_int_equal(col, 1);
    dxXMLNodePosition(a1, &line, &col);
    assert_int_equal(line, 2);
    assert_int_equal(col, 3);
    dxXMLNodePosition(a2, &line, &col);
    assert_int_equal(line, 2);
    assert_int_equal(col, 16);
    dxXMLNodePosition((xmlNodePtr)xmlHasProp(a2, (const xmlChar *)"z"), &line, &col);
    assert_int_equal(line, 3);
    assert_int_equal(col, 7);
    dxXMLNodePosition(b, &line, &col);
    assert_int_equal(line, 4);
    assert_int_equal(col, 3);
    dxXMLNodePosition((xmlNodePtr)xmlHasProp(b, (const xmlChar *)"d"), &line, &col);
    assert_int_equal(line, 6);
    assert_int_equal(col, 7);
    /* a reader's error is placed at the attribute */
    assert_int_equal(dxXMLPropUInt(a2, "y", 10, 0, &u), 1);
    assert_int_equal(dxXMLPropUInt(b, "c", 10, 0, &u), -1);
    assert_int_equal(first_error()->line, 5);
    assert_int_equal(first_error()->column, 4);
    assert_string_equal(first_error()->path, "/r/b");
    xmlFreeDoc(doc);
}

/* Several elements on one line: each column is counted on from the
 * previous tag (characters, not bytes), and a tag after a newline in text
 * starts again from that line. */
static void
test_positions_one_line(void **state)
{
    xmlDocPtr doc = dxXMLParseString(
        "<r><a x='1'/><t>\xc3\xa9\xc3\xa9</t><a  y='2' z='3'/>"
        "<t>x\ny</t><b c='4'/></r>", "p.xml");
    xmlNodePtr r = dxXMLRoot(doc, "r");
    xmlNodePtr a1 = dxXMLChild(r, "a");
    xmlNodePtr a2 = dxXMLNextElement(dxXMLNextElement(a1));
    xmlNodePtr b = dxXMLChild(r, "b");
    int line, col;
    (void)state;
    dxXMLNodePosition(a1, &line, &col);
    assert_int_equal(line, 1);
    assert_int_equal(col, 4);
    dxXMLNodePosition((xmlNodePtr)xmlHasProp(a1, (const xmlChar *)"x"), &line, &col);
    assert_int_equal(col, 7);
    /* <t>éé</t> is 9 characters (13 bytes) from column 14 */
    dxXMLNodePosition(a2, &line, &col);
    assert_int_equal(line, 1);
    assert_int_equal(col, 23);
    dxXMLNodePosition((xmlNodePtr)xmlHasProp(a2, (const xmlChar *)"y"), &line, &col);
    assert_int_equal(col, 27);
    dxXMLNodePosition((xmlNodePtr)xmlHasProp(a2, (const xmlChar *)"z"), &line, &col);
    assert_int_equal(col, 33);
    dxXMLNodePosition(b, &line, &col);
    assert_int_equal(line, 2);
    assert_int_equal(col, 6);
    dxXMLNodePosition((xmlNodePtr)xmlHasProp(b, (const xmlChar *)"c"), &line, &col);
    assert_int_equal(line, 2);
    assert_int_equal(col, 9);
    xmlFreeDoc(doc);
}

static char *
hint(void *opaque, const xmlNode *element, bool isAttr, const char *name)
{
    (void)opaque;
    (void)element;
    return isAttr && strcmp(name, "devise") == 0 ? strdup("device") : NULL;
}

static void
test_unused_hints(void **state)
{
    xmlDocPtr doc = dxXMLParseString("<disk devise='x'/>", "h.xml");
    xmlNodePtr r = dxXMLRoot(doc, "disk");
    (void)state;
    dxXMLSetNameHints(hint, NULL);
    assert_int_equal(dxXMLReportUnused(r, true), 1);
    assert_non_null(strstr(first_error()->message, "did you mean 'device'?"));
    assert_int_equal(first_error()->column, 7);
    assert_true(dxErrorGetFlags(0) & DX_ERROR_FLAG_GRAMMAR);
    dxXMLSetNameHints(NULL, NULL);
    xmlFreeDoc(doc);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_positions, setup),
        cmocka_unit_test_setup(test_positions_one_line, setup),
        cmocka_unit_test_setup(test_unused_hints, setup),
        cmocka_unit_test_setup(test_readers, setup),
        cmocka_unit_test_setup(test_reader_errors_name_line_and_element, setup),
        cmocka_unit_test_setup(test_number_overflow, setup),
        cmocka_unit_test_setup(test_unused_reporting, setup),
        cmocka_unit_test_setup(test_external_entity_is_refused, setup),
        cmocka_unit_test_setup(test_parameter_entities_and_external_dtd_are_refused, setup),
        cmocka_unit_test_setup(test_recovered_errors_still_fail, setup),
        cmocka_unit_test_setup(test_billion_laughs_is_refused, setup),
        cmocka_unit_test_setup(test_deep_nesting_is_refused, setup),
        cmocka_unit_test_setup(test_nul_and_bad_utf8_are_refused, setup),
        cmocka_unit_test_setup(test_size_limit, setup),
        cmocka_unit_test_setup(test_missing_file, setup),
        cmocka_unit_test_setup(test_malformed_reports_line, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
