/* Unit tests for structured <features>, firmware, <sysinfo>, <seclabel>,
 * <launchSecurity>, <perf>, <keywrap>, <resource>, <idmap> and the QEMU
 * namespace, with their argv. */
#include "domain_test_util.h"

#define OS "<os><type arch='x86_64' machine='pc'>hvm</type></os>"
#define Q35 "<os><type arch='x86_64' machine='q35'>hvm</type></os>"

static void
test_features(void **state)
{
    (void)state;
    dxtFormatHas(OS "<features><tcg><tb-cache unit='MiB'>128</tb-cache></tcg><ioapic driver='qemu'/>"
                 "<kvm><dirty-ring state='on' size='4096'/></kvm><hyperv><relaxed state='on'/>"
                 "</hyperv><vmcoreinfo/><acpi/></features>", 0,
                 "  <features>\n    <acpi/>\n    <hyperv mode='custom'>\n"
                 "      <relaxed state='on'/>\n    </hyperv>\n    <kvm>\n"
                 "      <dirty-ring state='on' size='4096'/>\n    </kvm>\n"
                 "    <ioapic driver='qemu'/>\n    <vmcoreinfo state='on'/>\n"
                 "    <tcg>\n      <tb-cache unit='KiB'>131072</tb-cache>\n    </tcg>\n"
                 "  </features>\n");
    /* an empty <kvm/> is written as libvirt writes it; a TSEG needs SMM */
    dxtFormatHas(OS "<features><kvm/><smm state='off'><tseg>4</tseg></smm></features>", 0,
                 "    <kvm>\n    </kvm>\n    <smm state='off'/>\n");
    dxtFormatHas(Q35 "<features><smm><tseg unit='KiB'>49152</tseg></smm></features>", 0,
                 "    <smm state='on'>\n      <tseg unit='MiB'>48</tseg>\n    </smm>\n");
    dxtParseFails(OS "<features><hyperv><spinlocks state='on'/></hyperv></features>", "retries");
    dxtParseFails(OS "<features><kvm><dirty-ring state='on' size='1000'/></kvm></features>",
                  "power of 2");
    dxtParseFails(OS "<features><smm><tseg>48</tseg></smm></features>", "q35");
    dxtParseFails(Q35 "<features><smm><tseg unit='KiB'>1500</tseg></smm></features>",
                  "divisible by 1 MiB");
    dxtParseFails(OS "<features><hpt resizing='enabled'/></features>", "'hpt' feature");
    dxtParseFails(OS "<features><gic version='3'/></features>", "'gic' feature");
}

static void
test_machine_argv(void **state)
{
    char **argv;
    (void)state;
    argv = dxtArgv(Q35 "<features><vmport state='off'/><smm state='on'><tseg>16</tseg></smm>"
                   "<ioapic driver='kvm'/><kvm><dirty-ring state='on' size='8192'/></kvm></features>"
                   "<clock offset='utc'><timer name='hpet' present='no'/></clock>");
    assert_string_equal(dxtArgvValue(argv, "-machine", 0),
                        "q35,usb=off,vmport=off,smm=on,kernel_irqchip=on,dump-guest-core=off,"
                        "memory-backend=pc.ram,hpet=off");
    assert_string_equal(dxtArgvValue(argv, "-accel", 0), "kvm,dirty-ring-size=8192");
    assert_string_equal(dxtArgvValue(argv, "-global", 0), "mch.extended-tseg-mbytes=16");
    dxArgvListFree(argv);
}

static void
test_firmware(void **state)
{
    char **argv;
    (void)state;
    /* autoselection: Secure Boot code needs SMM, q35, and a variable store */
    argv = dxtArgv("<os firmware='efi'><type arch='x86_64' machine='q35'>hvm</type></os>"
                   "<features><acpi/></features>");
    assert_string_equal(dxtArgvValue(argv, "-blockdev", 0),
                        "{\"driver\":\"file\",\"filename\":\"/usr/share/OVMF/OVMF_CODE.secboot.fd\","
                        "\"node-name\":\"libvirt-pflash0-storage\",\"auto-read-only\":true,"
                        "\"discard\":\"unmap\"}");
    assert_string_equal(dxtArgvValue(argv, "-blockdev", 2),
                        "{\"driver\":\"file\",\"filename\":\"/var/lib/libvirt/qemu/nvram/t_VARS.fd\","
                        "\"node-name\":\"libvirt-pflash1-storage\",\"auto-read-only\":true,"
                        "\"discard\":\"unmap\"}");
    assert_string_equal(dxtArgvValue(argv, "-machine", 0),
                        "q35,usb=off,smm=on,dump-guest-core=off,memory-backend=pc.ram,"
                        "pflash0=libvirt-pflash0-format,pflash1=libvirt-pflash1-format");
    assert_string_equal(dxtArgvValue(argv, "-global", 0), "driver=cfi.pflash01,property=secure,value=on");
    dxArgvListFree(argv);
    dxtArgvIs("<os firmware='efi'><type arch='x86_64' machine='pc'>hvm</type>"
              "<loader stateless='yes'/></os><features><acpi/></features>", "-blockdev",
              "{\"driver\":\"file\",\"filename\":\"/usr/share/OVMF/OVMF.sev.fd\","
              "\"node-name\":\"libvirt-pflash0-storage\",\"auto-read-only\":true,\"discard\":\"unmap\"}");
    dxtArgvIs("<os firmware='bios'><type arch='x86_64' machine='pc'>hvm</type></os>", "-bios",
              "/usr/share/seabios/bios-256k.bin");
    dxtArgvIs("<os><type arch='x86_64' machine='pc'>hvm</type><loader>/b.bin</loader></os>", "-bios",
              "/b.bin");
    /* manual: a read-only image gets its default store in expand */
    dxtFormatHas("<os><type arch='x86_64' machine='pc'>hvm</type><loader readonly='yes' "
                 "type='pflash'>/c.fd</loader></os><features><acpi/></features>", 1,
                 "<nvram>/var/lib/libvirt/qemu/nvram/t_VARS.fd</nvram>");
    dxtArgvIs("<os><type arch='x86_64' machine='pc'>hvm</type><loader readonly='yes' type='pflash'>"
              "/c.fd</loader><nvram type='network'><source protocol='nbd' name='vars'>"
              "<host name='example.org' port='6000'/></source></nvram></os><features><acpi/></features>",
              "-machine", "pc,usb=off,dump-guest-core=off,memory-backend=pc.ram,"
              "pflash0=libvirt-pflash0-format,pflash1=libvirt-pflash1-format");
    dxtParseFails("<os firmware='efi'><type arch='x86_64' machine='pc'>hvm</type><firmware>"
                  "<feature enabled='yes' name='enrolled-keys'/><feature enabled='no' "
                  "name='secure-boot'/></firmware></os>", "enrolled-keys");
    dxtParseFails("<os firmware='bios'><type arch='x86_64' machine='pc'>hvm</type>"
                  "<nvram>/v.fd</nvram></os>", "does not support nvram");
    dxtParseFails("<os firmware='efi'><type arch='x86_64' machine='pc'>hvm</type>"
                  "<loader>/c.fd</loader></os>", "autoselection");
    dxtParseFails("<os><type arch='x86_64' machine='pc'>hvm</type><loader readonly='yes' "
                  "type='pflash'/></os>", "no loader path");
    dxtParseFails("<os><type arch='x86_64' machine='pc'>hvm</type><loader readonly='yes' "
                  "type='pflash'>/c.fd</loader></os>", "requires ACPI");
}

/* A network variable store is described and opened like a network disk. */
#define NV_OS_HEAD "<os><type arch='x86_64' machine='pc'>hvm</type><loader readonly='yes' " \
                   "type='pflash'>/c.fd</loader><nvram type='network'>"
#define NV_OS_TAIL "</nvram></os><features><acpi/></features>"
#define NV(src) NV_OS_HEAD src NV_OS_TAIL

static void
test_nvram_network(void **state)
{
    char **argv;
    (void)state;
    /* the protocol's well-known port is written out, as libvirt does */
    dxtFormatHas(NV("<source protocol='nbd' name='vars'><host name='example.org'/></source>"), 0,
                 "<host name='example.org' port='10809'/>");
    dxtParseFails(NV("<source protocol='smb' name='vars'/>"), "protocol");
    dxtParseFails("<os><type arch='x86_64' machine='pc'>hvm</type><nvram type='file'>"
                  "<source/></nvram></os>", "missing 'file'");
    dxtArgvIs(NV("<source protocol='https' name='fw/vars.fd' query='t=1'><host name='fw.example'/>"
                 "<auth username='u'><secret type='iscsi' usage='web'/></auth></source>"),
              "-blockdev", "{\"driver\":\"file\",\"filename\":\"/c.fd\",\"node-name\":"
              "\"libvirt-pflash0-storage\",\"auto-read-only\":true,\"discard\":\"unmap\"}");
    argv = dxtArgv(NV("<source protocol='https' name='fw/vars.fd' query='t=1'><host name='fw.example'/>"
                      "<auth username='u'><secret type='iscsi' usage='web'/></auth></source>"));
    assert_string_equal(dxtArgvValue(argv, "-blockdev", 2),
                        "{\"driver\":\"https\",\"url\":\"https://fw.example:443/fw/vars.fd?t=1\","
                        "\"username\":\"u\",\"password-secret\":\"libvirt-pflash1-storage-auth-secret0\","
                        "\"node-name\":\"libvirt-pflash1-storage\",\"auto-read-only\":true,"
                        "\"discard\":\"unmap\"}");
    assert_non_null(strstr(dxtArgvValue(argv, "-object", 1),
                           "\"id\":\"libvirt-pflash1-storage-auth-secret0\""));
    dxArgvListFree(argv);
    dxErrorClear();   /* the stand-in secret value warning */
    argv = dxtArgv(NV("<source protocol='rbd' name='pool/img'><host name='m1'/><host name='m2' port='1'/>"
                      "<auth username='admin'><secret type='ceph' uuid='0b6e3f59-3d2a-4bd4-a3b9-2c61a0f7e11d'/>"
                      "</auth></source>"));
    assert_string_equal(dxtArgvValue(argv, "-blockdev", 2),
                        "{\"driver\":\"rbd\",\"pool\":\"pool\",\"image\":\"img\",\"server\":"
                        "[{\"host\":\"m1\",\"port\":\"0\"},{\"host\":\"m2\",\"port\":\"1\"}],"
                        "\"user\":\"admin\",\"auth-client-required\":[\"cephx\",\"none\"],"
                        "\"key-secret\":\"libvirt-pflash1-storage-auth-secret0\","
                        "\"node-name\":\"libvirt-pflash1-storage\",\"auto-read-only\":true,"
                        "\"discard\":\"unmap\"}");
    dxArgvListFree(argv);
    dxErrorClear();
    argv = dxtArgv(NV("<source protocol='nfs' name='/exports/vars'><host name='nas'/>"
                      "<identity user='+107' group='107'/></source>"));
    assert_string_equal(dxtArgvValue(argv, "-blockdev", 2),
                        "{\"driver\":\"nfs\",\"server\":{\"host\":\"nas\",\"type\":\"inet\"},"
                        "\"path\":\"/exports/vars\",\"user\":107,\"group\":107,"
                        "\"node-name\":\"libvirt-pflash1-storage\",\"auto-read-only\":true,"
                        "\"discard\":\"unmap\"}");
    dxArgvListFree(argv);
    dxtArgvIs(NV("<source protocol='gluster' name='vol/dir/vars'><host name='g1'/>"
                 "<host transport='unix' socket='/run/g.sock'/></source>"), "-machine",
              "pc,usb=off,dump-guest-core=off,memory-backend=pc.ram,"
              "pflash0=libvirt-pflash0-format,pflash1=libvirt-pflash1-format");
    dxtArgvFails(NV("<source protocol='iscsi' name='iqn.2023-01.org.example:vars/x'>"
                    "<host name='h'/></source>"), "cannot parse the LUN");
    dxtArgvFails(NV("<source protocol='tftp' name='vars'><host name='h'/></source>"),
                 "NVRAM over 'tftp' is not supported");
    dxtArgvFails(NV("<source protocol='nfs' name='/v'><host name='h' port='2049'/></source>"),
                 "port cannot be specified");
    dxtArgvFails(NV("<source protocol='http' name='v'><host name='a'/><host name='b'/></source>"),
                 "accepts only one host");
    dxtArgvFails(NV("<source protocol='nbd' name='v' tls='yes'><host name='a'/></source>"),
                 "TLS");
}

static void
test_os_extras(void **state)
{
    (void)state;
    dxtFormatHas("<os><bios rebootTimeout='0'/><smbios mode='emulate'/><acpi><table type='slic'>"
                 "/s.dat</table></acpi><type arch='x86_64' machine='pc'>hvm</type></os>", 0,
                 "    <acpi>\n      <table type='slic'>/s.dat</table>\n    </acpi>\n"
                 "    <boot dev='hd'/>\n    <bios rebootTimeout='0'/>\n    <smbios mode='emulate'/>\n");
    dxtArgvIs("<os><type arch='x86_64' machine='pc'>hvm</type><acpi><table type='slic'>"
              "/a,b.dat</table></acpi></os>", "-acpitable", "sig=SLIC,file=/a,,b.dat");
    /* a host boot loader picks the boot device itself */
    dxtFormatLacks("<bootloader>/usr/bin/pygrub</bootloader>" OS, 0, "<boot dev");
}

static void
test_sysinfo(void **state)
{
    char **argv;
    (void)state;
    argv = dxtArgv("<os><type arch='x86_64' machine='pc'>hvm</type><smbios mode='sysinfo'/></os>"
                   "<sysinfo type='smbios'><chassis><entry name='version'>1</entry></chassis>"
                   "<system><entry name='uuid'>c7a5fdbd-edaf-9455-926a-d65c16db1809</entry>"
                   "<entry name='manufacturer'>A, B</entry></system>"
                   "<oemStrings><entry>x=1,y</entry></oemStrings></sysinfo>"
                   "<sysinfo type='fwcfg'><entry name='opt/a'>v</entry>"
                   "<entry name='opt/b' file='/f'/></sysinfo>");
    assert_string_equal(dxtArgvValue(argv, "-smbios", 0),
                        "type=1,manufacturer=A,, B,uuid=c7a5fdbd-edaf-9455-926a-d65c16db1809");
    assert_string_equal(dxtArgvValue(argv, "-smbios", 1), "type=3,manufacturer=,version=1");
    assert_string_equal(dxtArgvValue(argv, "-smbios", 2), "type=11,value=x=1,,y");
    assert_string_equal(dxtArgvValue(argv, "-fw_cfg", 0), "name=opt/a,string=v");
    assert_string_equal(dxtArgvValue(argv, "-fw_cfg", 1), "name=opt/b,file=/f");
    dxArgvListFree(argv);
    dxtParseFails(OS "<sysinfo type='smbios'><system><entry name='uuid'>"
                  "00000000-0000-0000-0000-000000000001</entry></system></sysinfo>", "UUID mismatch");
    dxtParseFails(OS "<sysinfo type='smbios'><bios><entry name='colour'>x</entry></bios></sysinfo>",
                  "colour");
}

static void
test_seclabel(void **state)
{
    (void)state;
    dxtFormatHas(OS "<seclabel type='dynamic' model='selinux'><label>a</label>"
                 "<baselabel>c</baselabel></seclabel><seclabel type='none' model='dac'/>", 0,
                 "  <seclabel type='dynamic' model='selinux' relabel='yes'>\n"
                 "    <baselabel>c</baselabel>\n  </seclabel>\n"
                 "  <seclabel type='none' model='dac'/>\n");
    dxtFormatHas(OS "<seclabel type='static' model='dac'><label>+0:+0</label>"
                 "<imagelabel>x</imagelabel></seclabel>", 0,
                 "  <seclabel type='static' model='dac' relabel='no'>\n"
                 "    <label>+0:+0</label>\n  </seclabel>\n");
    dxtFormatLacks(OS "<seclabel model='selinux'/>", 0, "seclabel");
    dxtParseFails(OS "<seclabel type='static' model='selinux'/>", "label is missing");
    dxtParseFails(OS "<seclabel type='dynamic' relabel='no'/>", "relabeling");
    dxtParseFails(OS "<seclabel type='dynamic'/><seclabel type='none' model='dac'/>",
                  "missing security model");
    dxtParseFails(OS "<seclabel type='none' model='dac'/><seclabel type='none' model='dac'/>",
                  "already provided");
}

/* Per-device labels, as a disk's <source> carries them. */
#define DISK_SL(labels) "<devices><disk type='block' device='disk'><source dev='/dev/a'>" labels \
                        "</source><target dev='hda' bus='ide'/></disk></devices>"

static void
test_device_seclabel(void **state)
{
    (void)state;
    /* relabel defaults to yes and is written out */
    dxtFormatHas(OS DISK_SL("<seclabel model='selinux'><label>u:r:t:s0</label></seclabel>"
                            "<seclabel model='dac' relabel='no'/>"), 0,
                 "      <source dev='/dev/a'>\n"
                 "        <seclabel model='selinux' relabel='yes'>\n"
                 "          <label>u:r:t:s0</label>\n        </seclabel>\n"
                 "        <seclabel model='dac' relabel='no'/>\n      </source>\n");
    /* labelskip is live state; a relabelled default label says nothing */
    dxtFormatHas(OS DISK_SL("<seclabel model='selinux' labelskip='yes'/>"
                            "<seclabel model='dac' relabel='yes'/>"), 0,
                 "      <source dev='/dev/a'/>\n");
    dxtParseFails(OS DISK_SL("<seclabel model='dac' relabel='no'><label>+0:+0</label></seclabel>"),
                  "relabelling is turned off");
    dxtParseFails(OS DISK_SL("<seclabel relabel='no'/><seclabel model='dac' relabel='no'/>"),
                  "missing security model");
}

static void
test_launch_security(void **state)
{
    char **argv;
    (void)state;
    argv = dxtArgv(OS "<launchSecurity type='sev' kernelHashes='yes'><policy>0x0003</policy>"
                   "<dhCert>AAAA</dhCert></launchSecurity>");
    assert_string_equal(dxtArgvValue(argv, "-machine", 0),
                        "pc,usb=off,dump-guest-core=off,memory-backend=pc.ram,"
                        "confidential-guest-support=lsec0");
    assert_string_equal(dxtArgvValue(argv, "-object", 1),
                        "{\"qom-type\":\"sev-guest\",\"id\":\"lsec0\",\"cbitpos\":47,"
                        "\"reduced-phys-bits\":1,\"policy\":3,\"dh-cert-file\":\"/run/t/dh_cert.base64\","
                        "\"kernel-hashes\":true}");
    dxArgvListFree(argv);
    dxtFormatHas(OS "<launchSecurity type='sev'><reducedPhysBits>1</reducedPhysBits>"
                 "<policy>7</policy><cbitpos>47</cbitpos></launchSecurity>", 0,
                 "  <launchSecurity type='sev'>\n    <cbitpos>47</cbitpos>\n"
                 "    <reducedPhysBits>1</reducedPhysBits>\n    <policy>0x0007</policy>\n"
                 "  </launchSecurity>\n");
}

static void
test_misc_elements(void **state)
{
    (void)state;
    dxtFormatHas(OS "<perf><event name='cpu_cycles' enabled='no'/><event name='cmt' enabled='yes'/>"
                 "</perf><keywrap><cipher name='dea' state='off'/><cipher name='aes' state='on'/>"
                 "</keywrap><resource><fibrechannel appid='app1'/><partition>/machine</partition>"
                 "</resource>", 0,
                 "  <resource>\n    <partition>/machine</partition>\n"
                 "    <fibrechannel appid='app1'/>\n  </resource>\n");
    dxtFormatHas(OS "<perf><event name='cpu_cycles' enabled='no'/><event name='cmt' enabled='yes'/>"
                 "</perf>", 0,
                 "  <perf>\n    <event name='cmt' enabled='yes'/>\n"
                 "    <event name='cpu_cycles' enabled='no'/>\n  </perf>\n");
    dxtFormatHas(OS "<keywrap><cipher name='dea' state='off'/><cipher name='aes' state='on'/>"
                 "</keywrap>", 0,
                 "  <keywrap>\n    <cipher name='aes' state='on'/>\n"
                 "    <cipher name='dea' state='off'/>\n  </keywrap>\n");
    dxtParseFails(OS "<perf><event name='cmt' enabled='yes'/><event name='cmt' enabled='no'/></perf>",
                  "already specified");
    dxtParseFails(OS "<resource><fibrechannel appid='has space'/></resource>", "appid");
}

static void
test_qemu_namespace(void **state)
{
    char **argv;
    const char *ns = "<qemu:commandline xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>"
                     "<qemu:arg value='-unknown'/><qemu:arg value='a,b'/>"
                     "<qemu:env name='NS' value='ns'/></qemu:commandline>"
                     "<q:deprecation xmlns:q='http://libvirt.org/schemas/domain/qemu/1.0' "
                     "behavior='reject'/>";
    char *fragment = dxAsprintf("%s%s", OS, ns);
    size_t n;
    (void)state;
    /* any prefix is read, the output always says qemu: */
    dxtFormatHas(fragment, 0, "  <qemu:commandline>\n    <qemu:arg value='-unknown'/>\n"
                 "    <qemu:arg value='a,b'/>\n    <qemu:env name='NS' value='ns'/>\n"
                 "  </qemu:commandline>\n  <qemu:deprecation behavior='reject'/>\n</domain>\n");
    dxtFormatHas(fragment, 0, "xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>");
    argv = dxtArgv(fragment);
    assert_string_equal(dxtArgvValue(argv, "-compat", 0),
                        "{\"deprecated-output\":\"hide\",\"deprecated-input\":\"reject\"}");
    for (n = 0; argv[n] && strcmp(argv[n], "-unknown") != 0; n++)
        ;
    assert_non_null(argv[n]);
    /* verbatim, right before -sandbox */
    assert_string_equal(argv[n + 1], "a,b");
    assert_string_equal(argv[n + 2], "-sandbox");
    dxArgvListFree(argv);
    free(fragment);
}

static void
test_lifecycle(void **state)
{
    (void)state;
    dxtParseFails(OS "<on_reboot>coredump-restart</on_reboot>", "Lifecycle event 'reboot'");
    dxtParseFails(OS "<on_poweroff>preserve</on_poweroff>", "'preserve' action");
    dxtParseFails(OS "<on_crash>rename-restart</on_crash>", "'rename-restart' action");
    dxtParseFails(OS "<on_crash>bogus</on_crash>", "bogus");
    dxtParseFails("<os><type arch='s390x' machine='s390-ccw-virtio'>hvm</type></os>"
                  "<clock offset='utc'><timer name='tsc' present='yes'/></clock>", "'tsc' timer");
    dxtFormatHas(OS "<on_crash>coredump-destroy</on_crash><on_lockfailure>pause</on_lockfailure>", 1,
                 "  <on_poweroff>destroy</on_poweroff>\n  <on_reboot>restart</on_reboot>\n"
                 "  <on_crash>coredump-destroy</on_crash>\n  <on_lockfailure>pause</on_lockfailure>\n");
}

static void
test_qemu_override(void **state)
{
    char **argv;
    const char *dev = NULL, *v;
    const char *tail = "\"max-bytes\":1024,\"period\":-5,\"x\":\"y\",\"flag\":true}";
    int i;
    (void)state;
    argv = dxtArgv(OS "<devices><rng model='virtio'><backend model='random'>/dev/urandom</backend>"
                   "<alias name='ua-rng'/></rng></devices>"
                   "<qemu:override xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>"
                   "<qemu:device alias='ua-rng'><qemu:frontend>"
                   "<qemu:property name='max-bytes' type='unsigned' value='1024'/>"
                   "<qemu:property name='period' type='signed' value='-5'/>"
                   "<qemu:property name='x' type='string' value='y'/>"
                   "<qemu:property name='flag' type='bool' value='true'/>"
                   "<qemu:property name='rng' type='remove'/>"
                   "</qemu:frontend></qemu:device></qemu:override>");
    for (i = 0; (v = dxtArgvValue(argv, "-device", i)); i++) {
        if (strstr(v, "\"id\":\"ua-rng\""))
            dev = v;
    }
    assert_non_null(dev);
    /* the device keeps its own properties, then gets the overrides */
    assert_non_null(strstr(dev, "{\"driver\":\"virtio-rng-pci\","));
    assert_null(strstr(dev, "\"rng\":"));
    assert_string_equal(dev + strlen(dev) - strlen(tail), tail);
    dxArgvListFree(argv);
}

static void
test_genid(void **state)
{
    char *xml;
    (void)state;
    dxtArgvIs(OS "<genid>e9392370-2917-565e-692b-d057f46512d6</genid>", "-device",
              "{\"driver\":\"vmgenid\",\"guid\":\"e9392370-2917-565e-692b-d057f46512d6\","
              "\"id\":\"vmgenid0\"}");
    /* an empty one is generated */
    xml = dxtFormat(OS "<genid/>", 0);
    assert_null(strstr(xml, "<genid/>"));
    assert_non_null(strstr(xml, "<genid>"));
    free(xml);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_features),
        cmocka_unit_test(test_machine_argv),
        cmocka_unit_test(test_firmware),
        cmocka_unit_test(test_nvram_network),
        cmocka_unit_test(test_os_extras),
        cmocka_unit_test(test_sysinfo),
        cmocka_unit_test(test_seclabel),
        cmocka_unit_test(test_device_seclabel),
        cmocka_unit_test(test_launch_security),
        cmocka_unit_test(test_misc_elements),
        cmocka_unit_test(test_qemu_namespace),
        cmocka_unit_test(test_lifecycle),
        cmocka_unit_test(test_qemu_override),
        cmocka_unit_test(test_genid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
