/* Unit tests for iothreads, <cputune>, <blkiotune>, <memtune>
 * (src/conf/domain_iothread.c, domain_cputune.c, domain_memtune.c) and
 * the iothread objects (src/qemu/qemu_cmd_smp.c). */
#include "domain_test_util.h"

#define OS "<os><type arch='x86_64' machine='pc'>hvm</type></os>"

static void
test_iothreads(void **state)
{
    char **argv;
    (void)state;
    /* missing ids take the lowest free numbers, after the given ones */
    dxtFormatHas(OS "<iothreads>4</iothreads><iothreadids><iothread id='3'/>"
                 "<iothread id='7' thread_pool_min='0' thread_pool_max='8'/></iothreadids>"
                 "<defaultiothread thread_pool_max='4'/>", 0,
                 "  <iothreads>4</iothreads>\n  <iothreadids>\n"
                 "    <iothread id='3'/>\n"
                 "    <iothread id='7' thread_pool_min='0' thread_pool_max='8'/>\n"
                 "    <iothread id='1'/>\n    <iothread id='2'/>\n  </iothreadids>\n"
                 "  <defaultiothread thread_pool_max='4'/>\n");
    dxtFormatLacks(OS "<iothreads>2</iothreads>", 0, "<iothreadids>");
    argv = dxtArgv(OS "<iothreads>2</iothreads><iothreadids><iothread id='5' "
                   "thread_pool_max='2'/></iothreadids><defaultiothread thread_pool_min='1'/>");
    assert_string_equal(dxtArgvValue(argv, "-object", 1),
                        "{\"qom-type\":\"iothread\",\"id\":\"iothread5\",\"thread-pool-max\":2}");
    assert_string_equal(dxtArgvValue(argv, "-object", 2),
                        "{\"qom-type\":\"iothread\",\"id\":\"iothread1\"}");
    assert_string_equal(dxtArgvValue(argv, "-object", 3),
                        "{\"qom-type\":\"main-loop\",\"id\":\"main-loop\",\"thread-pool-min\":1}");
    dxArgvListFree(argv);
    dxtParseFails(OS "<iothreadids><iothread id='1'/><iothread id='1'/></iothreadids>", "duplicate");
    dxtParseFails(OS "<defaultiothread thread_pool_min='5' thread_pool_max='2'/>",
                  "thread_pool_min");
}

static void
test_cputune(void **state)
{
    (void)state;
    /* scheduling ranges are split per thread; pins sorted; libvirt's order */
    dxtFormatHas(OS "<vcpu>4</vcpu><iothreads>3</iothreads><cputune>"
                 "<iothreadsched iothreads='1,3' scheduler='batch'/>"
                 "<vcpusched vcpus='0-1' scheduler='fifo' priority='1'/>"
                 "<vcpusched vcpus='2' scheduler='idle' priority='5'/>"
                 "<emulatorsched scheduler='rr' priority='2'/><emulatorpin cpuset='0-3,^2'/>"
                 "<vcpupin vcpu='1' cpuset='1'/><vcpupin vcpu='0' cpuset='0'/>"
                 "<vcpupin vcpu='9' cpuset='0'/><iothreadpin iothread='2' cpuset='3'/>"
                 "<quota>-1</quota><period>100000</period><shares>0</shares>"
                 "<cachetune vcpus='0-1'><cache id='0' level='3' type='code' size='7680' unit='KiB'/>"
                 "<cache id='1' level='3' type='both' size='3' unit='MiB'/>"
                 "<monitor level='3' vcpus='0'/></cachetune>"
                 "<memorytune vcpus='2'><node id='0' bandwidth='60'/><monitor level='3' vcpus='2'/>"
                 "</memorytune></cputune>", 0,
                 "  <cputune>\n"
                 "    <shares>0</shares>\n"
                 "    <period>100000</period>\n"
                 "    <quota>-1</quota>\n"
                 "    <vcpupin vcpu='0' cpuset='0'/>\n"
                 "    <vcpupin vcpu='1' cpuset='1'/>\n"
                 "    <emulatorpin cpuset='0-1,3'/>\n"
                 "    <iothreadpin iothread='2' cpuset='3'/>\n"
                 "    <emulatorsched scheduler='rr' priority='2'/>\n"
                 "    <vcpusched vcpus='0' scheduler='fifo' priority='1'/>\n"
                 "    <vcpusched vcpus='1' scheduler='fifo' priority='1'/>\n"
                 "    <vcpusched vcpus='2' scheduler='idle'/>\n"
                 "    <iothreadsched iothreads='1' scheduler='batch'/>\n"
                 "    <iothreadsched iothreads='3' scheduler='batch'/>\n"
                 "    <cachetune vcpus='0-1'>\n"
                 "      <cache id='0' level='3' type='code' size='7680' unit='KiB'/>\n"
                 "      <cache id='1' level='3' type='both' size='3' unit='MiB'/>\n"
                 "      <monitor level='3' vcpus='0'/>\n"
                 "    </cachetune>\n"
                 "    <memorytune vcpus='2'>\n"
                 "      <node id='0' bandwidth='60'/>\n"
                 "      <monitor vcpus='2'/>\n"
                 "    </memorytune>\n"
                 "  </cputune>\n");
    dxtParseFails(OS "<vcpu>4</vcpu><cputune><vcpusched vcpus='0-1' scheduler='idle'/>"
                  "<vcpusched vcpus='1' scheduler='batch'/></cputune>", "must not overlap");
    dxtParseFails(OS "<vcpu>2</vcpu><cputune><vcpusched vcpus='0-3' scheduler='idle'/></cputune>",
                  "vCPU '2' is not present");
    dxtParseFails(OS "<iothreads>1</iothreads><cputune><iothreadsched iothreads='2' "
                  "scheduler='batch'/></cputune>", "Cannot find 'iothread' : 2");
    dxtParseFails(OS "<cputune><period>999</period></cputune>", "[1000, 1000000]");
    dxtParseFails(OS "<cputune><vcpusched vcpus='0' scheduler='fifo'/></cputune>", "priority");
}

static void
test_blkio_memtune(void **state)
{
    (void)state;
    dxtFormatHas(OS "<blkiotune><device><write_bytes_sec>5</write_bytes_sec><path>/dev/sda</path>"
                 "<weight>100</weight></device><weight>800</weight>"
                 "<device><path>/dev/sdb</path></device></blkiotune>", 0,
                 "  <blkiotune>\n    <weight>800</weight>\n    <device>\n"
                 "      <path>/dev/sda</path>\n      <weight>100</weight>\n"
                 "      <write_bytes_sec>5</write_bytes_sec>\n    </device>\n  </blkiotune>\n");
    /* every limit in KiB; an unlimited limit is no limit */
    dxtFormatHas(OS "<memtune><swap_hard_limit unit='KB'>1048576</swap_hard_limit>"
                 "<soft_limit unit='bytes'>0</soft_limit><hard_limit unit='M'>500</hard_limit>"
                 "<min_guarantee>9007199254740991</min_guarantee></memtune>", 0,
                 "  <memtune>\n    <hard_limit unit='KiB'>512000</hard_limit>\n"
                 "    <soft_limit unit='KiB'>0</soft_limit>\n"
                 "    <swap_hard_limit unit='KiB'>1024000</swap_hard_limit>\n  </memtune>\n");
    dxtFormatLacks(OS "<memtune><hard_limit>9007199254740991</hard_limit></memtune>", 0,
                   "memtune");
    dxtParseFails(OS "<memtune><hard_limit>10</hard_limit><swap_hard_limit>5</swap_hard_limit>"
                  "</memtune>", "swap_hard_limit");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_iothreads),
        cmocka_unit_test(test_cputune),
        cmocka_unit_test(test_blkio_memtune),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
