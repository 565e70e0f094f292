/* Unit tests for the other device families: the redirfilter rule string
 * QEMU gets, USB version BCD round trip, virtio driver names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>

#include "conf/redirfilter_conf.h"
#include "qemu/qemu_virtio.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

static dxDomainDef *
parseDomain(const char *devices)
{
    char *xml = NULL;
    dxDomainDef *def;
    xmlDocPtr doc;

    if (asprintf(&xml, "<domain type='kvm'><name>t</name><memory>1024</memory>"
                 "<os><type arch='x86_64' machine='pc'>hvm</type></os>"
                 "<devices>%s</devices></domain>", devices) < 0)
        return NULL;
    doc = dxXMLParseString(xml, "t.xml");
    def = dxDomainDefParseNode(dxXMLRoot(doc, "domain"), 0);
    xmlFreeDoc(doc);
    free(xml);
    return def;
}

static void
test_redirfilter_qemu_string(void **state)
{
    dxDomainDef *def = parseDomain(
        "<redirfilter>"
        "<usbdev class='0x08' vendor='0x15e1' product='0x2007' version='1.10' allow='yes'/>"
        "<usbdev vendor='0x1234' version='2' allow='no'/>"
        "<usbdev allow='no'/>"
        "</redirfilter>");
    char *s;
    (void)state;
    assert_non_null(def);
    assert_non_null(def->redirfilter);
    s = dxRedirFilterQemuString(def->redirfilter);
    assert_string_equal(s, "0x08:0x15E1:0x2007:0x0110:1|-1:0x1234:-1:0x0200:0|-1:-1:-1:-1:0");
    free(s);
    dxDomainDefFree(def);
}

static void
test_redirfilter_bad_ids(void **state)
{
    (void)state;
    assert_null(parseDomain("<redirfilter><usbdev class='0x100' allow='yes'/></redirfilter>"));
    assert_non_null(dxErrorLast());
    dxErrorClear();
    assert_null(parseDomain("<redirfilter><usbdev version='100.1' allow='yes'/></redirfilter>"));
    dxErrorClear();
    assert_null(parseDomain("<redirfilter><usbdev vendor='0x1'/></redirfilter>"));
    dxErrorClear();
}

static void
test_virtio_names(void **state)
{
    dxDeviceInfo pci = { .type = DX_ADDRESS_TYPE_PCI };
    dxDeviceInfo ccw = { .type = DX_ADDRESS_TYPE_CCW };
    dxDeviceInfo mmio = { .type = DX_ADDRESS_TYPE_VIRTIO_MMIO };
    char *s;
    (void)state;

    s = dxQemuVirtioDeviceName("virtio-rng", DX_QEMU_VIRTIO_PLAIN, &pci);
    assert_string_equal(s, "virtio-rng-pci");
    free(s);
    s = dxQemuVirtioDeviceName("virtio-rng", DX_QEMU_VIRTIO_TRANSITIONAL, &pci);
    assert_string_equal(s, "virtio-rng-pci-transitional");
    free(s);
    s = dxQemuVirtioDeviceName("vhost-vsock", DX_QEMU_VIRTIO_NON_TRANSITIONAL, &pci);
    assert_string_equal(s, "vhost-vsock-pci-non-transitional");
    free(s);
    s = dxQemuVirtioDeviceName("virtio-balloon", DX_QEMU_VIRTIO_TRANSITIONAL, &ccw);
    assert_string_equal(s, "virtio-balloon-ccw");
    free(s);
    s = dxQemuVirtioDeviceName("virtio-balloon", DX_QEMU_VIRTIO_PLAIN, &mmio);
    assert_string_equal(s, "virtio-balloon-device");
    free(s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_redirfilter_qemu_string),
        cmocka_unit_test(test_redirfilter_bad_ids),
        cmocka_unit_test(test_virtio_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
