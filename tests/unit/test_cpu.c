/* Unit tests for <cpu> (src/conf/domain_cpu.c) and -cpu/-smp
 * (src/qemu/qemu_cmd_cpu.c, qemu_cmd_smp.c). */
#include "domain_test_util.h"

#define OS "<os><type arch='x86_64' machine='pc'>hvm</type></os>"

static void
test_format_order(void **state)
{
    (void)state;
    /* children come back in libvirt's order whatever the input order */
    dxtFormatHas(OS "<vcpu>16</vcpu><cpu match='strict' check='full'>"
                 "<feature name='vmx' policy='forbid'/><maxphysaddr mode='emulate' bits='42'/>"
                 "<cache level='3' mode='emulate'/><topology sockets='2' cores='4' threads='2'/>"
                 "<vendor>AMD</vendor><model vendor_id='AuthenticAMD'>EPYC</model></cpu>", 0,
                 "  <cpu mode='custom' match='strict' check='full'>\n"
                 "    <model fallback='allow' vendor_id='AuthenticAMD'>EPYC</model>\n"
                 "    <vendor>AMD</vendor>\n"
                 "    <topology sockets='2' dies='1' cores='4' threads='2'/>\n"
                 "    <cache level='3' mode='emulate'/>\n"
                 "    <maxphysaddr mode='emulate' bits='42'/>\n"
                 "    <feature policy='forbid' name='vmx'/>\n"
                 "  </cpu>\n");
}

static void
test_modes(void **state)
{
    (void)state;
    /* a model-less custom CPU has no mode; host modes drop the model */
    dxtFormatHas(OS "<vcpu>4</vcpu><cpu><topology sockets='2' cores='2' threads='1'/></cpu>", 0,
                 "  <cpu>\n    <topology sockets='2' dies='1' cores='2' threads='1'/>\n  </cpu>\n");
    dxtFormatHas(OS "<cpu mode='host-passthrough' migratable='off'><model>x</model>"
                 "<feature name='vmx'/></cpu>", 0,
                 "  <cpu mode='host-passthrough' migratable='off'>\n"
                 "    <feature policy='require' name='vmx'/>\n  </cpu>\n");
    dxtFormatHas(OS "<cpu mode='host-model'><model fallback='forbid'/></cpu>", 0,
                 "  <cpu mode='host-model'/>\n");
    dxtFormatLacks(OS "<cpu></cpu>", 0, "<cpu");
}

static void
test_expand_defaults(void **state)
{
    (void)state;
    /* QEMU 7.2: qemu64 when nothing is said, checks per mode */
    dxtFormatHas(OS, 1, "  <cpu mode='custom' match='exact' check='none'>\n"
                 "    <model fallback='forbid'>qemu64</model>\n  </cpu>\n");
    dxtFormatHas(OS "<cpu><model>core2duo</model></cpu>", 1,
                 "<cpu mode='custom' match='exact' check='partial'>");
    dxtFormatHas(OS "<cpu mode='host-passthrough'/>", 1,
                 "<cpu mode='host-passthrough' check='none' migratable='on'/>");
    dxtFormatHas(OS "<cpu mode='host-model'/>", 1, "<cpu mode='host-model' check='partial'/>");
    dxtFormatHas("<os><type arch='i686' machine='pc'>hvm</type></os>"
                 "<devices><emulator>/usr/bin/qemu-system-i386</emulator></devices>", 1,
                 "<model fallback='forbid'>qemu32</model>");
}

static void
test_errors(void **state)
{
    (void)state;
    dxtParseFails(OS "<cpu><topology sockets='2' cores='4'/></cpu>", "threads");
    dxtParseFails(OS "<cpu><topology sockets='0' cores='4' threads='1'/></cpu>", "sockets");
    dxtParseFails(OS "<cpu><model>qemu64</model><feature name='vmx'/><feature name='vmx'/></cpu>",
                  "more than once");
    dxtParseFails(OS "<cpu><feature name='vmx'/></cpu>", "without CPU model");
    dxtParseFails(OS "<cpu><model vendor_id='Intel'/></cpu>", "12 characters");
    dxtParseFails(OS "<cpu migratable='on'><model>qemu64</model></cpu>", "migratable");
    dxtParseFails(OS "<cpu mode='host-model'><cache level='3' mode='passthrough'/></cpu>",
                  "passthrough");
    dxtParseFails(OS "<cpu mode='host-passthrough'><cache level='2' mode='emulate'/></cpu>",
                  "level='3'");
    dxtParseFails(OS "<cpu mode='host-passthrough'><maxphysaddr mode='emulate'/></cpu>", "bits");
    dxtParseFails(OS "<cpu><model>NoSuchCPU</model></cpu>", "Unknown CPU model");
}

static void
test_argv_models(void **state)
{
    (void)state;
    dxtArgvIs(OS, "-cpu", "qemu64");
    /* libvirt feature names are translated to QEMU's; optional ones are
     * left to the host */
    dxtArgvIs(OS "<cpu><model>Haswell</model><feature name='pclmuldq'/>"
              "<feature name='ds_cpl' policy='force'/><feature name='tm' policy='optional'/>"
              "<feature name='hle' policy='disable'/></cpu>", "-cpu",
              "Haswell,pclmulqdq=on,ds-cpl=on,hle=off");
    dxtArgvIs(OS "<cpu mode='host-passthrough'><cache mode='passthrough'/>"
              "<maxphysaddr mode='passthrough'/></cpu>", "-cpu",
              "host,migratable=on,host-cache-info=on,l3-cache=off,host-phys-bits=on");
    dxtArgvIs(OS "<cpu mode='maximum' migratable='off'><cache mode='disable'/></cpu>", "-cpu",
              "max,migratable=off,host-cache-info=off,l3-cache=off");
    dxtArgvIs(OS "<cpu><model vendor_id='Libvirt QEMU'>EPYC</model>"
              "<cache level='3' mode='emulate'/><maxphysaddr mode='emulate' bits='42'/></cpu>",
              "-cpu", "EPYC,vendor=Libvirt QEMU,l3-cache=on,phys-bits=42");
}

static void
test_argv_paravirt(void **state)
{
    (void)state;
    /* timers, eoi, pvspinlock, hyperv, kvm, pmu: in that order */
    dxtArgvIs(OS "<features><apic eoi='on'/><pvspinlock state='off'/><pmu state='off'/>"
              "<hyperv><relaxed state='on'/><spinlocks state='on' retries='4096'/>"
              "<stimer state='on'><direct state='on'/></stimer>"
              "<vendor_id state='on' value='KVM Hv'/></hyperv>"
              "<kvm><hidden state='on'/><pv-ipi state='off'/></kvm></features>"
              "<clock offset='utc'><timer name='kvmclock' present='no'/>"
              "<timer name='hypervclock' present='yes'/><timer name='tsc' frequency='2000000000'/></clock>",
              "-cpu",
              "qemu64,kvmclock=off,hv-time=on,tsc-frequency=2000000000,kvm-pv-eoi=on,"
              "kvm-pv-unhalt=off,hv-relaxed=on,hv-spinlocks=0x1000,hv-stimer=on,"
              "hv-stimer-direct=on,hv-vendor-id=KVM Hv,kvm=off,kvm-pv-ipi=off,pmu=off");
    dxtArgvIs(OS "<features><hyperv mode='passthrough'/></features>", "-cpu",
              "qemu64,hv-passthrough=on");
    dxtArgvIs(OS "<devices><panic model='hyperv'/></devices>", "-cpu", "qemu64,hv-crash");
}

static void
test_argv_smp(void **state)
{
    dxDomainDef *def;
    (void)state;
    dxtArgvIs(OS "<vcpu current='2'>4</vcpu>", "-smp", "2,maxcpus=4,sockets=4,cores=1,threads=1");
    dxtArgvIs(OS "<vcpu>16</vcpu><cpu><topology sockets='2' dies='2' cores='2' threads='2'/></cpu>",
              "-smp", "16,sockets=2,dies=2,cores=2,threads=2");
    def = dxtParse(OS "<vcpu>20</vcpu><cpu><topology sockets='1' cores='8' threads='1'/></cpu>");
    assert_non_null(def);
    assert_null(dxDomainDefBuildArgv(def, NULL, NULL));
    assert_non_null(strstr(dxErrorGet(0)->message, "doesn't match maximum vcpu count"));
    dxErrorClear();
    dxDomainDefFree(def);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_order),
        cmocka_unit_test(test_modes),
        cmocka_unit_test(test_expand_defaults),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_argv_models),
        cmocka_unit_test(test_argv_paravirt),
        cmocka_unit_test(test_argv_smp),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
