/* Unit tests for src/conf/virtio_options.c */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>

#include "conf/virtio_options.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

static void
test_parse_format_props(void **state)
{
    xmlDocPtr doc = dxXMLParseString("<driver iommu='on' ats='off' packed='on' page_per_vq='on'/>",
                                     "t.xml");
    xmlNodePtr d = dxXMLRoot(doc, "driver");
    dxVirtioOptions o = { 0 };
    dxBuf attrs = DX_BUF_INIT;
    dxJSON *props = dxJSONNewObject();
    char *json;
    (void)state;
    assert_int_equal(dxVirtioOptionsParse(d, &o), 0);
    assert_true(dxVirtioOptionsAnySet(&o));
    dxVirtioOptionsFormat(&attrs, &o);
    assert_string_equal(dxBufContent(&attrs), " iommu='on' ats='off' packed='on' page_per_vq='on'");
    dxVirtioOptionsToProps(props, &o);
    json = dxJSONFormat(props);
    assert_string_equal(json, "{\"iommu_platform\":true,\"ats\":false,\"packed\":true,\"page-per-vq\":true}");
    assert_int_equal(dxXMLReportUnused(d, true), 0);
    free(json);
    dxJSONFree(props);
    dxBufClear(&attrs);
    xmlFreeDoc(doc);
}

static void
test_bad_value(void **state)
{
    xmlDocPtr doc = dxXMLParseString("<driver iommu='yes'/>", "t.xml");
    dxVirtioOptions o = { 0 };
    (void)state;
    assert_int_equal(dxVirtioOptionsParse(dxXMLRoot(doc, "driver"), &o), -1);
    assert_non_null(dxErrorLast());
    dxErrorClear();
    xmlFreeDoc(doc);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_format_props),
        cmocka_unit_test(test_bad_value),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
