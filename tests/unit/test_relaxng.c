/* Unit tests for src/util/dxrelaxng.c: the diagnostic reading of a RelaxNG
 * grammar (innermost culprits, requirements over choices, hints). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxrelaxng.h"
#include "util/dxxml.h"

static const char *top =
    "<grammar xmlns='http://relaxng.org/ns/structure/1.0'"
    "         datatypeLibrary='http://www.w3.org/2001/XMLSchema-datatypes'>"
    "  <include href='types.rng'/>"
    "  <start><ref name='root'/></start>"
    "  <define name='root'>"
    "    <element name='root'>"
    "      <interleave>"
    "        <element name='name'><text/></element>"
    "        <optional><element name='once'><empty/></element></optional>"
    "        <zeroOrMore><ref name='disk'/></zeroOrMore>"
    "        <zeroOrMore><ref name='fs'/></zeroOrMore>"
    "        <optional><element name='meta'><ref name='any'/></element></optional>"
    "        <zeroOrMore><element name='port'><choice>"
    "          <group><attribute name='kind'><value>tcp</value></attribute>"
    "                 <attribute name='host'><text/></attribute></group>"
    "          <optional><attribute name='path'><text/></attribute></optional>"
    "        </choice></element></zeroOrMore>"
    "        <optional><element name='action'>"
    "          <choice><value>destroy</value><value>restart</value></choice>"
    "        </element></optional>"
    "      </interleave>"
    "    </element>"
    "  </define>"
    "  <define name='disk'>"
    "    <element name='disk'>"
    "      <attribute name='device'><choice><value>disk</value><value>cdrom</value></choice></attribute>"
    "      <choice>"
    "        <group><attribute name='type'><value>file</value></attribute>"
    "               <element name='source'><attribute name='file'><text/></attribute></element></group>"
    "        <group><attribute name='type'><value>block</value></attribute>"
    "               <element name='source'><attribute name='dev'><text/></attribute></element></group>"
    "      </choice>"
    "      <optional><element name='address'>"
    "        <attribute name='slot'><ref name='slot'/></attribute>"
    "      </element></optional>"
    "    </element>"
    "  </define>"
    "  <define name='fs'>"
    "    <element name='fs'><choice>"
    "      <group><optional><attribute name='kind'><choice><value>mount</value><value>bind</value>"
    "             </choice></attribute></optional>"
    "             <element name='source'><attribute name='dir'><text/></attribute></element></group>"
    "      <group><attribute name='kind'><value>file</value></attribute>"
    "             <element name='source'><attribute name='file'><text/></attribute></element></group>"
    "    </choice></element>"
    "  </define>"
    "  <define name='any'>"
    "    <zeroOrMore><element><anyName/><zeroOrMore><choice>"
    "      <attribute><anyName/></attribute><text/><ref name='any'/>"
    "    </choice></zeroOrMore></element></zeroOrMore>"
    "  </define>"
    "</grammar>";

static const char *types =
    "<grammar xmlns='http://relaxng.org/ns/structure/1.0'"
    "         datatypeLibrary='http://www.w3.org/2001/XMLSchema-datatypes'>"
    "  <define name='slot'>"
    "    <choice>"
    "      <data type='string'><param name='pattern'>0x[0-1]?[0-9a-fA-F]</param></data>"
    "      <data type='int'><param name='minInclusive'>0</param>"
    "                       <param name='maxInclusive'>31</param></data>"
    "    </choice>"
    "  </define>"
    "</grammar>";

static const char *
resolve(const char *url)
{
    if (strcmp(url, "top.rng") == 0)
        return top;
    if (strcmp(url, "types.rng") == 0)
        return types;
    return NULL;
}

typedef struct {
    char **msgs;
    size_t n;
} found;

static void
collect(void *opaque, const xmlNode *where, const char *message)
{
    found *f = opaque;
    int line, col;
    dxXMLNodePosition(where, &line, &col);
    DX_APPEND(f->msgs, f->n, dxAsprintf("%d:%d %s", line, col, message));
}

static found
diagnose(const dxRelaxNG *rng, const char *xml)
{
    found f = { NULL, 0 };
    xmlDocPtr doc = dxXMLParseString(xml, "t.xml");
    assert_non_null(doc);
    dxRelaxNGDiagnose(rng, xmlDocGetRootElement(doc), collect, &f);
    xmlFreeDoc(doc);
    return f;
}

static void
found_free(found *f)
{
    size_t i;
    for (i = 0; i < f->n; i++)
        free(f->msgs[i]);
    free(f->msgs);
}

static void
assert_found(const found *f, size_t i, const char *text)
{
    assert_true(i < f->n);
    if (!strstr(f->msgs[i], text))
        fail_msg("'%s' does not contain '%s'", f->msgs[i], text);
}

static void
test_valid_document_has_no_findings(void **state)
{
    const dxRelaxNG *rng = *state;
    found f = diagnose(rng,
        "<root><name>x</name><disk device='disk' type='block'><source dev='/d'/>"
        "<address slot='0x1f'/></disk><disk device='cdrom' type='file'><source file='f'/>"
        "<address slot='7'/></disk><meta><x:a xmlns:x='urn:x' b='1'><c/></x:a></meta>"
        "<action> restart </action></root>");
    assert_int_equal(f.n, 0);
    found_free(&f);
}

static void
test_culprits(void **state)
{
    const dxRelaxNG *rng = *state;
    found f = diagnose(rng,
        "<root>\n"
        "<disk devise='disk' type='file'><source file='f'/></disk>\n"
        "<disk device='dsk' type='file'><source file='f'/><address slot='40'/></disk>\n"
        "<once/><once/><bogus/>\n"
        "<action>destory</action>\n"
        "</root>");
    assert_int_equal(f.n, 8);
    assert_found(&f, 0, "2:7 unknown attribute 'devise' in <disk> (did you mean 'device'?)");
    /* 'device' is required by every branch; 'type' too */
    assert_found(&f, 1, "2:1 missing required attribute 'device' in element 'disk'");
    assert_found(&f, 2, "3:7 invalid value 'dsk' for attribute 'device' in element 'disk' "
                        "(did you mean 'disk'?); allowed: 'disk', 'cdrom'");
    assert_found(&f, 3, "3:59 invalid value '40' for attribute 'slot' in element 'address'; "
                        "allowed: text matching 0x[0-1]?[0-9a-fA-F], or a value of type int");
    assert_found(&f, 4, "4:8 element 'once' may appear only once in <root>");
    assert_found(&f, 5, "4:15 unknown element 'bogus' in <root>");
    assert_found(&f, 6, "5:1 invalid value 'destory' in element 'action' (did you mean 'destroy'?)");
    assert_found(&f, 7, "1:1 missing required element <name> in <root>");
    found_free(&f);
}

/* A choice told apart by a fixed attribute value (type='file' | 'block')
 * is narrowed to the kind the element says it is. */
static void
test_kinds_are_told_apart(void **state)
{
    const dxRelaxNG *rng = *state;
    found f = diagnose(rng,
        "<root><name/><disk device='disk' type='file'><source dev='/d'/></disk></root>");
    assert_int_equal(f.n, 2);
    assert_found(&f, 0, "1:54 attribute 'dev' is not allowed in <source> of "
                        "<disk type='file'>; allowed: file");
    assert_found(&f, 1, "1:46 missing required attribute 'file' in element 'source'");
    found_free(&f);
    /* an unknown kind narrows nothing: every kind's names are allowed */
    f = diagnose(rng, "<root><name/><disk device='disk' type='nope'><source dev='/d'/></disk></root>");
    assert_int_equal(f.n, 1);
    assert_found(&f, 0, "invalid value 'nope' for attribute 'type' in element 'disk'; "
                        "allowed: 'file', 'block'");
    found_free(&f);
}

/* One kind has the attribute, the other none: its presence tells them
 * apart (a serial without type is a pty). */
static void
test_kind_or_none(void **state)
{
    const dxRelaxNG *rng = *state;
    found f = diagnose(rng, "<root><name/><port kind='tcp' host='h' path='/p'/><port path='/q'/></root>");
    assert_int_equal(f.n, 1);
    assert_found(&f, 0, "1:40 attribute 'path' is not allowed in <port> with kind='tcp'; allowed: kind, host");
    found_free(&f);
}

/* A kind whose attribute is optional (no kind: a mount) is still told
 * apart when the element names another kind. */
static void
test_optional_kind(void **state)
{
    const dxRelaxNG *rng = *state;
    found f = diagnose(rng, "<root><name/><fs kind='file'><source dir='/d'/></fs>"
                            "<fs><source dir='/e'/></fs></root>");
    assert_int_equal(f.n, 2);
    assert_found(&f, 0, "1:38 attribute 'dir' is not allowed in <source> of <fs kind='file'>; "
                        "allowed: file");
    assert_found(&f, 1, "1:30 missing required attribute 'file' in element 'source'");
    found_free(&f);
}

static void
test_suggest(void **state)
{
    const dxRelaxNG *rng = *state;
    xmlDocPtr doc = dxXMLParseString("<root><disk><source/></disk></root>", "s.xml");
    xmlNodePtr root = xmlDocGetRootElement(doc);
    xmlNodePtr disk = dxXMLFirstElement(root);
    xmlNodePtr source = dxXMLFirstElement(disk);
    char *s;
    s = dxRelaxNGSuggest(rng, disk, true, "tpye");
    assert_string_equal(s, "type");
    free(s);
    s = dxRelaxNGSuggest(rng, source, true, "fiel");
    assert_string_equal(s, "file");
    free(s);
    s = dxRelaxNGSuggest(rng, root, false, "dsik");
    assert_string_equal(s, "disk");
    free(s);
    assert_null(dxRelaxNGSuggest(rng, root, false, "disk"));      /* allowed */
    assert_null(dxRelaxNGSuggest(rng, root, false, "elephant"));  /* nothing close */
    assert_int_equal(dxRelaxNGMatchedByWildcardOnly(rng, disk), 0);
    xmlFreeDoc(doc);
    doc = dxXMLParseString("<root><meta><anything/></meta><nope/></root>", "w.xml");
    root = xmlDocGetRootElement(doc);
    assert_int_equal(dxRelaxNGMatchedByWildcardOnly(rng, dxXMLFirstElement(dxXMLFirstElement(root))), 1);
    assert_int_equal(dxRelaxNGMatchedByWildcardOnly(rng, dxXMLNextElement(dxXMLFirstElement(root))), -1);
    xmlFreeDoc(doc);
}

static void
test_missing_include_fails(void **state)
{
    (void)state;
    assert_null(dxRelaxNGLoad("nothere.rng", resolve));
}

static int
setup(void **state)
{
    *state = dxRelaxNGLoad("top.rng", resolve);
    return *state ? 0 : -1;
}

static int
teardown(void **state)
{
    dxRelaxNGFree(*state);
    dxErrorClear();
    return 0;
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_document_has_no_findings),
        cmocka_unit_test(test_culprits),
        cmocka_unit_test(test_kinds_are_told_apart),
        cmocka_unit_test(test_kind_or_none),
        cmocka_unit_test(test_optional_kind),
        cmocka_unit_test(test_suggest),
        cmocka_unit_test(test_missing_include_fails),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
