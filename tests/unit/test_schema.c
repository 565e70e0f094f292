/* Unit tests for dxSchemaValidateDoc (src/conf/domain_schema.c) on large
 * <devices>: libxml2 is given slices of the children (its interleave check
 * is quadratic), and the outcome must be the one of checking the whole
 * document: the same verdict, errors at the same element, "at most once"
 * still enforced, and the tree left exactly as it was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf/domain_schema.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

/* N cheap devices (PS/2 mice: libxml2 checks them fast, which matters
 * under valgrind), a disk and a NIC every 32, then EXTRA (raw XML) inside
 * <devices>; mouse BAD (0-based; -1 for none) gets an attribute the schema
 * refuses. */
static char *
bigDomain(size_t n, long bad, const char *extra)
{
    char *out = NULL;
    size_t len = 0, i;
    FILE *fp = open_memstream(&out, &len);

    fprintf(fp, "<domain type='kvm'>\n<name>big</name>\n"
                "<memory unit='MiB'>512</memory>\n"
                "<os><type arch='x86_64' machine='pc'>hvm</type></os>\n<devices>\n"
                "<controller type='scsi' index='0' model='virtio-scsi'/>\n");
    for (i = 0; i < n; i++) {
        fprintf(fp, "<input type='mouse' bus='ps2'%s/>\n", (long)i == bad ? " colour='red'" : "");
        if (i % 32 == 0) {
            fprintf(fp, "<disk type='file' device='disk'>"
                        "<source file='/img/%zu.qcow2'/><target dev='sd%zu' bus='scsi'/>"
                        "<address type='drive' controller='0' bus='0' target='0' unit='%zu'/>"
                        "</disk>\n", i, i, i);
            fprintf(fp, "<interface type='user'><model type='virtio'/></interface>\n");
        }
    }
    fprintf(fp, "%s</devices>\n</domain>\n", extra);
    fclose(fp);
    return out;
}

static xmlNodePtr
devicesOf(xmlDocPtr doc)
{
    xmlNodePtr cur;
    for (cur = xmlDocGetRootElement(doc)->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE && xmlStrEqual(cur->name, BAD_CAST "devices"))
            return cur;
    }
    fail();
    return NULL;
}

/* Validate XML; the return code, and the tree's links checked unchanged. */
static int
validate(const char *xml)
{
    xmlDocPtr doc = dxXMLParseString(xml, "big.xml");
    xmlNodePtr devices, cur, prev = NULL;
    xmlNodePtr *before;
    size_t n = 0, i;
    int rc;

    assert_non_null(doc);
    devices = devicesOf(doc);
    for (cur = devices->children; cur; cur = cur->next)
        n++;
    before = dxNewN(xmlNodePtr, n);
    for (i = 0, cur = devices->children; cur; cur = cur->next)
        before[i++] = cur;
    rc = dxSchemaValidateDoc(doc);
    for (i = 0, cur = devices->children; cur; prev = cur, cur = cur->next, i++) {
        assert_true(i < n);
        assert_ptr_equal(cur, before[i]);
        assert_ptr_equal(cur->prev, prev);
        assert_ptr_equal(cur->parent, devices);
    }
    assert_int_equal(i, n);
    assert_ptr_equal(devices->last, before[n - 1]);
    free(before);
    xmlFreeDoc(doc);
    return rc;
}

static int
setup(void **state)
{
    (void)state;
    dxErrorClear();
    return 0;
}

static void
test_large_valid(void **state)
{
    char *xml = bigDomain(300, -1, "<emulator>/usr/bin/qemu-system-x86_64</emulator>\n"
                          "<memballoon model='virtio'/>\n");
    (void)state;
    assert_int_equal(validate(xml), 0);
    assert_int_equal(dxErrorCount(), 0);
    free(xml);
}

/* A mistake in a late slice is found, at its element. */
static void
test_large_error_in_last_slice(void **state)
{
    char *xml = bigDomain(300, 290, "");
    size_t i;
    bool found = false;
    (void)state;
    assert_int_equal(validate(xml), -1);
    for (i = 0; i < dxErrorCount(); i++) {
        const dxError *e = dxErrorGet(i);
        if (e->path && strstr(e->path, "/domain/devices/input[291]") && strstr(e->message, "colour"))
            found = true;
    }
    assert_true(found);
    free(xml);
}

/* "At most once" holds across slices: a second <emulator> (kept in
 * every slice) and 300 <memballoon> (split, at least two per slice). */
static void
test_large_once_only(void **state)
{
    char *xml = bigDomain(300, -1, "<emulator>/a</emulator>\n<emulator>/b</emulator>\n");
    char *many = dxNewN(char, 300 * 30 + 1);
    size_t i;
    (void)state;
    assert_int_equal(validate(xml), -1);
    assert_true(dxErrorCount() > 0);
    free(xml);
    dxErrorClear();

    for (i = 0; i < 300; i++)
        strcat(many, "<memballoon model='virtio'/>\n");
    xml = bigDomain(10, -1, many);
    assert_int_equal(validate(xml), -1);
    assert_true(dxErrorCount() > 0);
    free(xml);
    free(many);
}

/* The same document, small enough to be checked whole, gets the same
 * verdict as sliced (the slicing threshold is 256 of a name). */
static void
test_small_same_verdict(void **state)
{
    char *xml = bigDomain(100, 50, "");
    (void)state;
    assert_int_equal(validate(xml), -1);
    free(xml);
    dxErrorClear();
    xml = bigDomain(100, -1, "");
    assert_int_equal(validate(xml), 0);
    free(xml);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_large_valid, setup),
        cmocka_unit_test_setup(test_large_error_in_last_slice, setup),
        cmocka_unit_test_setup(test_large_once_only, setup),
        cmocka_unit_test_setup(test_small_same_verdict, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
