/* Unit tests for dxDomainDiagnosticsMerge (src/conf/domain_schema.c): how
 * what the schema, the parser and the checks say about one document
 * becomes one list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "conf/domain_schema.h"
#include "util/dxerror.h"

static void
add(dxErrorCode code, dxErrorSeverity sev, unsigned int flags, int line, int col,
    const char *path, const char *msg)
{
    dxErrorReportAtFlags(code, sev, flags, "f.xml", line, col, path, msg);
}

static int
setup(void **state)
{
    (void)state;
    dxErrorClear();
    return 0;
}

/* At one spot: a parser error beats the schema's culprit, the schema's
 * error beats the parser's "unknown, ignored" warning. */
static void
test_one_record_per_spot(void **state)
{
    (void)state;
    add(DX_ERR_SCHEMA, DX_SEVERITY_ERROR, DX_ERROR_FLAG_GRAMMAR, 3, 5, "/domain/a",
        "schema says a");
    add(DX_ERR_SCHEMA, DX_SEVERITY_ERROR, DX_ERROR_FLAG_GRAMMAR, 4, 9, "/domain/b",
        "unknown attribute 'x' in <b> (did you mean 'y'?)");
    add(DX_ERR_INVALID, DX_SEVERITY_ERROR, DX_ERROR_FLAG_GRAMMAR, 3, 5, "/domain/a",
        "parser says a, in libvirt's words");
    add(DX_ERR_UNKNOWN, DX_SEVERITY_WARNING, DX_ERROR_FLAG_GRAMMAR, 4, 9, "/domain/b",
        "unknown attribute 'x' in <b> is ignored");
    dxDomainDiagnosticsMerge(0);
    assert_int_equal(dxErrorCount(), 2);
    assert_string_equal(dxErrorGet(0)->message, "parser says a, in libvirt's words");
    assert_string_equal(dxErrorGet(1)->message, "unknown attribute 'x' in <b> (did you mean 'y'?)");
}

/* libxml2's message about an enclosing element goes when a precise record
 * inside that element explains it, and stays when nothing does. */
static void
test_generic_messages(void **state)
{
    (void)state;
    add(DX_ERR_SCHEMA, DX_SEVERITY_ERROR, DX_ERROR_FLAG_GENERIC, 10, 3, "/domain/devices",
        "element <devices> is not allowed here by the schema");
    add(DX_ERR_INVALID, DX_SEVERITY_ERROR, 0, 12, 7, "/domain/devices/interface/mac",
        "multicast");
    add(DX_ERR_SCHEMA, DX_SEVERITY_ERROR, DX_ERROR_FLAG_GENERIC, 2, 3, "/domain/os",
        "the content of <os> does not match the schema");
    dxDomainDiagnosticsMerge(0);
    assert_int_equal(dxErrorCount(), 2);
    assert_string_equal(dxErrorGet(0)->message, "the content of <os> does not match the schema");
    assert_string_equal(dxErrorGet(1)->message, "multicast");
}

/* When only a parser warning explains why the schema refused an element,
 * that warning is the error. */
static void
test_warning_promoted(void **state)
{
    (void)state;
    add(DX_ERR_SCHEMA, DX_SEVERITY_ERROR, DX_ERROR_FLAG_GENERIC, 7, 3, "/domain/clock",
        "the attributes of <clock> do not match the schema");
    add(DX_ERR_UNKNOWN, DX_SEVERITY_WARNING, DX_ERROR_FLAG_GRAMMAR, 7, 23, "/domain/clock",
        "unknown attribute 'start' in <clock> is ignored");
    dxDomainDiagnosticsMerge(0);
    assert_int_equal(dxErrorCount(), 1);
    assert_int_equal(dxErrorGet(0)->severity, DX_SEVERITY_ERROR);
    assert_string_equal(dxErrorGet(0)->message, "unknown attribute 'start' in <clock>");
}

/* After an error in a device the parser may stop reading it: its
 * "unknown" records there are dropped, elsewhere kept; then sorted. */
static void
test_unread_after_error_and_order(void **state)
{
    (void)state;
    add(DX_ERR_UNKNOWN, DX_SEVERITY_WARNING, DX_ERROR_FLAG_GRAMMAR, 20, 7,
        "/domain/devices/channel[2]/target", "unknown element 'target' in <channel> is ignored");
    add(DX_ERR_INVALID, DX_SEVERITY_ERROR, 0, 18, 9,
        "/domain/devices/channel[2]/source/reconnect", "reconnect timeout cannot be '0'");
    add(DX_ERR_UNKNOWN, DX_SEVERITY_WARNING, DX_ERROR_FLAG_GRAMMAR, 9, 5,
        "/domain/devices/channel[1]/bogus", "unknown element 'bogus' in <channel> is ignored");
    dxDomainDiagnosticsMerge(0);
    assert_int_equal(dxErrorCount(), 2);
    assert_int_equal(dxErrorGet(0)->line, 9);
    assert_int_equal(dxErrorGet(1)->line, 18);
}

/* Records before the mark belong to someone else: untouched. */
static void
test_mark(void **state)
{
    size_t mark;
    (void)state;
    add(DX_ERR_UNKNOWN, DX_SEVERITY_WARNING, DX_ERROR_FLAG_GRAMMAR, 50, 1, "/domain/x",
        "earlier");
    mark = dxErrorMark();
    add(DX_ERR_INVALID, DX_SEVERITY_ERROR, 0, 2, 1, "/domain/x", "later");
    dxDomainDiagnosticsMerge(mark);
    assert_int_equal(dxErrorCount(), 2);
    assert_string_equal(dxErrorGet(0)->message, "earlier");
    assert_int_equal(dxErrorCountErrorsFrom(mark), 1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_one_record_per_spot, setup),
        cmocka_unit_test_setup(test_generic_messages, setup),
        cmocka_unit_test_setup(test_warning_promoted, setup),
        cmocka_unit_test_setup(test_unread_after_error_and_order, setup),
        cmocka_unit_test_setup(test_mark, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
