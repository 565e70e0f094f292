/* Unit tests for src/conf/netdev_conf.c: MAC addresses, <vlan>,
 * <virtualport>, <ip>/<route>. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "conf/netdev_conf.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

static void
test_mac_parse_format(void **state)
{
    dxMacAddr mac;
    char out[DX_MAC_STRING_BUFLEN];
    (void)state;
    assert_int_equal(dxMacAddrParse("52:54:00:AB:cd:1", &mac), 0);
    dxMacAddrFormat(&mac, out);
    assert_string_equal(out, "52:54:00:ab:cd:01");
    assert_int_equal(dxMacAddrParse("52-54-00-00-00-02", &mac), 0);
    assert_false(dxMacAddrIsMulticast(&mac));
    assert_int_equal(dxMacAddrParse("01:00:5e:00:00:01", &mac), 0);
    assert_true(dxMacAddrIsMulticast(&mac));
    /* too few octets, a three-digit octet, trailing junk, not hex */
    assert_int_equal(dxMacAddrParse("52:54:00:00:00", &mac), -1);
    assert_int_equal(dxMacAddrParse("52:54:00:00:00:100", &mac), -1);
    assert_int_equal(dxMacAddrParse("52:54:00:00:00:01x", &mac), -1);
    assert_int_equal(dxMacAddrParse("52:54:00:00:00:zz", &mac), -1);
}

static void
test_mac_generate(void **state)
{
    dxMacAddr a, b;
    (void)state;
    dxMacAddrGenerate(&a);
    dxMacAddrGenerate(&b);
    assert_int_equal(a.addr[0], 0x52);
    assert_int_equal(a.addr[1], 0x54);
    assert_int_equal(a.addr[2], 0x00);
    assert_false(dxMacAddrIsMulticast(&a));
    assert_memory_not_equal(a.addr, b.addr, DX_MAC_BUFLEN);
}

static char *
vlanRoundTrip(const char *xml)
{
    xmlDocPtr doc = dxXMLParseString(xml, "t.xml");
    dxNetVlan vlan = { 0 };
    dxBuf buf = DX_BUF_INIT;
    char *out = NULL;
    if (dxNetVlanParse(dxXMLRoot(doc, "vlan"), &vlan) == 0) {
        dxNetVlanFormat(&buf, &vlan);
        out = dxBufSteal(&buf);
    }
    dxNetVlanClear(&vlan);
    xmlFreeDoc(doc);
    return out;
}

static void
test_vlan(void **state)
{
    char *out;
    (void)state;
    /* several tags make a trunk even without trunk='yes' */
    out = vlanRoundTrip("<vlan><tag id='42'/><tag id='43' nativeMode='tagged'/></vlan>");
    assert_string_equal(out, "<vlan trunk='yes'>\n  <tag id='42'/>\n"
                        "  <tag id='43' nativeMode='tagged'/>\n</vlan>\n");
    free(out);
    /* trunk='no' with one tag is not written */
    out = vlanRoundTrip("<vlan trunk='no'><tag id='7'/></vlan>");
    assert_string_equal(out, "<vlan>\n  <tag id='7'/>\n</vlan>\n");
    free(out);
    assert_null(vlanRoundTrip("<vlan><tag id='4096'/></vlan>"));
    assert_null(vlanRoundTrip("<vlan/>"));
    assert_null(vlanRoundTrip("<vlan trunk='no'><tag id='1'/><tag id='2'/></vlan>"));
    assert_null(vlanRoundTrip("<vlan><tag id='1' nativeMode='tagged'/>"
                              "<tag id='2' nativeMode='untagged'/></vlan>"));
    dxErrorClear();
}

static char *
vportRoundTrip(const char *xml, unsigned int flags)
{
    xmlDocPtr doc = dxXMLParseString(xml, "t.xml");
    dxNetVport *vp = dxNetVportParse(dxXMLRoot(doc, "virtualport"), flags);
    dxBuf buf = DX_BUF_INIT;
    char *out = NULL;
    if (vp) {
        dxNetVportFormat(&buf, vp);
        out = dxBufSteal(&buf);
    }
    dxNetVportFree(vp);
    xmlFreeDoc(doc);
    return out;
}

static void
test_virtualport(void **state)
{
    unsigned int strict = DX_VPORT_GENERATE_MISSING | DX_VPORT_REQUIRE_TYPE | DX_VPORT_REQUIRE_ALL;
    char *out;
    (void)state;
    out = vportRoundTrip("<virtualport type='802.1Qbg'><parameters typeid='1193047' "
                         "managerid='11' instanceid='09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f' "
                         "typeidversion='2'/></virtualport>", strict);
    assert_string_equal(out, "<virtualport type='802.1Qbg'>\n  <parameters managerid='11' "
                        "typeid='1193047' typeidversion='2' "
                        "instanceid='09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f'/>\n</virtualport>\n");
    free(out);
    /* openvswitch gets a generated interfaceid */
    out = vportRoundTrip("<virtualport type='openvswitch'/>", strict);
    assert_non_null(strstr(out, " interfaceid='"));
    free(out);
    /* untyped: fine for a network, refused where the type is required */
    out = vportRoundTrip("<virtualport><parameters profileid='x'/></virtualport>",
                         DX_VPORT_GENERATE_MISSING);
    assert_non_null(strstr(out, "<virtualport>\n  <parameters instanceid='"));
    assert_non_null(strstr(out, " profileid='x'/>"));
    free(out);
    assert_null(vportRoundTrip("<virtualport><parameters profileid='x'/></virtualport>", strict));
    /* a parameter of another type, a missing one, an out of range one */
    assert_null(vportRoundTrip("<virtualport type='802.1Qbh'><parameters managerid='1' "
                               "profileid='p'/></virtualport>", strict));
    assert_null(vportRoundTrip("<virtualport type='802.1Qbh'/>", strict));
    assert_null(vportRoundTrip("<virtualport type='802.1Qbg'><parameters managerid='256'/>"
                               "</virtualport>", 0));
    dxErrorClear();
}

static void
test_ip_info(void **state)
{
    xmlDocPtr doc = dxXMLParseString(
        "<source><ip address='2001:DB8:0:0::1' prefix='64'/>"
        "<route address='10.20.0.0' prefix='16' gateway='192.168.125.2'/>"
        "<ip address='192.168.125.1' family='ipv4' prefix='24' peer='192.168.125.2'/></source>",
        "t.xml");
    dxNetIPInfo info = { 0 };
    dxBuf buf = DX_BUF_INIT;
    (void)state;
    assert_int_equal(dxNetIPInfoParse(dxXMLRoot(doc, "source"), &info), 0);
    dxNetIPInfoFormat(&buf, &info);
    /* canonical addresses, inferred family, <ip>s before <route>s */
    assert_string_equal(dxBufContent(&buf),
                        "<ip address='2001:db8::1' family='ipv6' prefix='64'/>\n"
                        "<ip address='192.168.125.1' family='ipv4' prefix='24' "
                        "peer='192.168.125.2'/>\n"
                        "<route address='10.20.0.0' prefix='16' gateway='192.168.125.2'/>\n");
    dxBufClear(&buf);
    dxNetIPInfoClear(&info);
    xmlFreeDoc(doc);

    doc = dxXMLParseString("<source><ip address='10.0.0.1' family='ipv6'/></source>", "t.xml");
    assert_int_equal(dxNetIPInfoParse(dxXMLRoot(doc, "source"), &info), -1);
    dxNetIPInfoClear(&info);
    xmlFreeDoc(doc);
    doc = dxXMLParseString("<source><ip address='10.0.0.1' prefix='33'/></source>", "t.xml");
    assert_int_equal(dxNetIPInfoParse(dxXMLRoot(doc, "source"), &info), -1);
    dxNetIPInfoClear(&info);
    xmlFreeDoc(doc);
    doc = dxXMLParseString("<source><route address='nonsense' gateway='10.0.0.1'/></source>",
                           "t.xml");
    assert_int_equal(dxNetIPInfoParse(dxXMLRoot(doc, "source"), &info), -1);
    dxNetIPInfoClear(&info);
    xmlFreeDoc(doc);
    dxErrorClear();
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mac_parse_format),
        cmocka_unit_test(test_mac_generate),
        cmocka_unit_test(test_vlan),
        cmocka_unit_test(test_virtualport),
        cmocka_unit_test(test_ip_info),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
