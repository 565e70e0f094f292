/* Unit tests for the character device source (src/conf/chr_source.c) and
 * its -chardev form (src/qemu/qemu_cmd_chr.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "conf/chr_conf.h"
#include "qemu/qemu_cmd_chr.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

/* Parse the source of ELEMENT (whose type= selects the backend), format it
 * back and build its -chardev value. */
typedef struct {
    dxChrSourceDef src;
    char *formatted;
    char *chardev;
    int rc;
} dxChrCase;

static void
dxChrCaseRun(dxChrCase *c, const char *xml)
{
    xmlDocPtr doc = dxXMLParseString(xml, "t.xml");
    xmlNodePtr node = dxXMLFirstElement((xmlNodePtr)doc);
    dxBuf buf = DX_BUF_INIT;
    char *type = dxXMLPropString(node, "type");
    dxDomainDef *def = dxDomainDefNew();
    dxQemuBuildCtx ctx = { .def = def, .stateDir = "/run/t" };
    dxQemuChardev chr = { .charAlias = "charserial0", .devAlias = "serial0" };
    size_t i;

    memset(c, 0, sizeof(*c));
    c->src.type = dxChrTypeTypeFromString(type);
    free(type);
    c->rc = dxChrSourceParse(&c->src, node, 0);
    if (c->rc == 0) {
        dxChrSourceFormat(&buf, &c->src);
        c->formatted = dxBufSteal(&buf);
        ctx.argv = dxArgvNew();
        chr.src = &c->src;
        if (dxQemuBuildChardev(&ctx, &chr) == 0) {
            dxBuf all = DX_BUF_INIT;
            for (i = 0; i < ctx.argv->nargs; i++)
                dxBufAddf(&all, "%s%s", i ? " " : "", ctx.argv->args[i]);
            c->chardev = dxBufSteal(&all);
        }
        dxArgvFree(ctx.argv);
    }
    dxDomainDefFree(def);
    xmlFreeDoc(doc);
}

static void
dxChrCaseClear(dxChrCase *c)
{
    dxChrSourceDefClear(&c->src);
    free(c->formatted);
    free(c->chardev);
    dxErrorClear();
}

static void
test_tcp_defaults(void **state)
{
    dxChrCase c;
    (void)state;
    dxChrCaseRun(&c, "<serial type='tcp'><source host='h' service='9'/></serial>");
    assert_int_equal(c.rc, 0);
    /* the mode and the protocol are written out */
    assert_string_equal(c.formatted,
                        "<source mode='connect' host='h' service='9'/>\n"
                        "<protocol type='raw'/>\n");
    assert_string_equal(c.chardev, "-chardev socket,id=charserial0,host=h,port=9");
    dxChrCaseClear(&c);
}

static void
test_tcp_server_telnet_tls(void **state)
{
    dxChrCase c;
    (void)state;
    dxChrCaseRun(&c, "<serial type='tcp'><source mode='bind' host='::' service='7' tls='yes'/>"
                     "<protocol type='telnet'/></serial>");
    assert_int_equal(c.rc, 0);
    assert_string_equal(c.chardev,
                        "-object {\"qom-type\":\"tls-creds-x509\",\"id\":\"objcharserial0_tls0\","
                        "\"dir\":\"/etc/pki/libvirt-chardev\",\"endpoint\":\"server\","
                        "\"verify-peer\":true} "
                        "-chardev socket,id=charserial0,host=::,port=7,telnet=on,server=on,"
                        "wait=off,tls-creds=objcharserial0_tls0");
    dxChrCaseClear(&c);
}

static void
test_udp_sides(void **state)
{
    dxChrCase c;
    (void)state;
    /* the bind side is written first, whatever the input order */
    dxChrCaseRun(&c, "<serial type='udp'><source mode='connect' service='5'/>"
                     "<source mode='bind' host='a'/></serial>");
    assert_int_equal(c.rc, 0);
    assert_string_equal(c.formatted,
                        "<source mode='bind' host='a'/>\n"
                        "<source mode='connect' service='5'/>\n");
    assert_string_equal(c.chardev,
                        "-chardev udp,id=charserial0,host=,port=5,localaddr=a,localport=0");
    dxChrCaseClear(&c);
}

static void
test_udp_two_connects(void **state)
{
    dxChrCase c;
    (void)state;
    dxChrCaseRun(&c, "<serial type='udp'><source mode='connect' service='5'/>"
                     "<source service='6'/></serial>");
    assert_int_equal(c.rc, -1);
    assert_non_null(dxErrorLast());
    dxChrCaseClear(&c);
}

static void
test_file_fdset_and_log(void **state)
{
    dxChrCase c;
    (void)state;
    dxChrCaseRun(&c, "<serial type='file'><source path='/l,x' append='off'/>"
                     "<log file='/d' append='off'/></serial>");
    assert_int_equal(c.rc, 0);
    assert_string_equal(c.formatted,
                        "<source path='/l,x' append='off'/>\n<log file='/d' append='off'/>\n");
    /* libvirt opens both files and passes them in fd sets */
    assert_string_equal(c.chardev,
                        "-add-fd set=0,fd=1750,opaque=serial0-source "
                        "-add-fd set=1,fd=1751,opaque=serial0-log "
                        "-chardev file,id=charserial0,path=/dev/fdset/0,append=on,"
                        "logfile=/dev/fdset/1,logappend=on");
    dxChrCaseClear(&c);
}

static void
test_comma_escaping(void **state)
{
    dxChrCase c;
    (void)state;
    dxChrCaseRun(&c, "<serial type='pipe'><source path='/p,id=evil'/></serial>");
    assert_int_equal(c.rc, 0);
    assert_string_equal(c.chardev, "-chardev pipe,id=charserial0,path=/p,,id=evil");
    dxChrCaseClear(&c);
}

static void
test_unix_listen_fd(void **state)
{
    dxChrCase c;
    (void)state;
    dxChrCaseRun(&c, "<serial type='unix'><source mode='bind' path='/s'/></serial>");
    assert_int_equal(c.rc, 0);
    assert_string_equal(c.chardev, "-chardev socket,id=charserial0,fd=1729,server=on,wait=off");
    dxChrCaseClear(&c);
}

static void
test_reconnect_zero_timeout(void **state)
{
    dxChrCase c;
    (void)state;
    dxChrCaseRun(&c, "<serial type='tcp'><source host='h' service='1'>"
                     "<reconnect enabled='yes' timeout='0'/></source></serial>");
    assert_int_equal(c.rc, -1);
    assert_non_null(strstr(dxErrorLast()->message, "cannot be '0'"));
    dxChrCaseClear(&c);
}

static void
test_vdagent(void **state)
{
    dxChrCase c;
    (void)state;
    dxChrCaseRun(&c, "<channel type='qemu-vdagent'><source><clipboard copypaste='yes'/>"
                     "<mouse mode='server'/></source></channel>");
    assert_int_equal(c.rc, 0);
    assert_string_equal(c.chardev,
                        "-chardev qemu-vdagent,id=charserial0,name=vdagent,clipboard=on,mouse=off");
    dxChrCaseClear(&c);
}

static void
test_nmdm_refused(void **state)
{
    dxChrCase c;
    (void)state;
    dxChrCaseRun(&c, "<serial type='nmdm'><source master='/a' slave='/b'/></serial>");
    assert_int_equal(c.rc, 0);
    assert_null(c.chardev);
    assert_non_null(strstr(dxErrorLast()->message, "nmdm"));
    dxChrCaseClear(&c);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tcp_defaults),
        cmocka_unit_test(test_tcp_server_telnet_tls),
        cmocka_unit_test(test_udp_sides),
        cmocka_unit_test(test_udp_two_connects),
        cmocka_unit_test(test_file_fdset_and_log),
        cmocka_unit_test(test_comma_escaping),
        cmocka_unit_test(test_unix_listen_fd),
        cmocka_unit_test(test_reconnect_zero_timeout),
        cmocka_unit_test(test_vdagent),
        cmocka_unit_test(test_nmdm_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
