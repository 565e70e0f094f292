/* Unit tests for guest NUMA, <numatune> and <memoryBacking>
 * (src/conf/domain_numa.c, domain_memorybacking.c) and their argv
 * (src/qemu/qemu_cmd_memory.c). */
#include "domain_test_util.h"

#define OS "<os><type arch='x86_64' machine='pc'>hvm</type></os>"
#define TWO_CELLS "<cpu><numa><cell cpus='0' memory='109550'/>" \
                  "<cell cpus='1' memory='109550'/></numa></cpu>"

static void
test_cells_format(void **state)
{
    (void)state;
    /* ids fill in, cells come back sorted, units become KiB */
    dxtFormatHas(OS "<vcpu>2</vcpu><cpu><numa><cell id='1' cpus='1' memory='1' unit='MiB' "
                 "memAccess='shared' discard='yes'/><cell id='0' cpus='0' memory='1024'/>"
                 "</numa></cpu>", 0,
                 "    <numa>\n"
                 "      <cell id='0' cpus='0' memory='1024' unit='KiB'/>\n"
                 "      <cell id='1' cpus='1' memory='1024' unit='KiB' memAccess='shared' discard='yes'/>\n"
                 "    </numa>\n");
    /* distances: local 10 and the symmetric entry are filled in */
    dxtFormatHas(OS "<vcpu>2</vcpu><cpu><numa><cell cpus='0' memory='1024'>"
                 "<distances><sibling id='1' value='21'/></distances></cell>"
                 "<cell cpus='1' memory='1024'/></numa></cpu>", 0,
                 "      <cell id='1' cpus='1' memory='1024' unit='KiB'>\n"
                 "        <distances>\n"
                 "          <sibling id='0' value='21'/>\n"
                 "          <sibling id='1' value='10'/>\n"
                 "        </distances>\n");
    /* without <memory>, the cells say how much there is */
    dxtFormatHas("<os><type arch='x86_64' machine='pc'>hvm</type></os>" TWO_CELLS
                 "<vcpu>2</vcpu>", 0, "<memory unit='KiB'>219136</memory>");
}

static void
test_numatune(void **state)
{
    (void)state;
    dxtFormatHas(OS "<vcpu placement='auto'>2</vcpu><numatune><memory mode='preferred'/></numatune>",
                 0, "  <numatune>\n    <memory mode='preferred' placement='auto'/>\n  </numatune>\n");
    /* automatic memory placement takes the vCPUs along, and the reverse */
    dxtFormatHas(OS "<vcpu>2</vcpu><numatune><memory placement='auto'/></numatune>", 0,
                 "<vcpu placement='auto'>2</vcpu>");
    dxtFormatHas(OS "<vcpu placement='auto'>2</vcpu>", 0,
                 "<memory mode='strict' placement='auto'/>");
    dxtFormatHas(OS "<vcpu>2</vcpu>" TWO_CELLS "<numatune><memory nodeset='0-1'/>"
                 "<memnode cellid='1' nodeset='1-2,^2'/><memnode cellid='0' mode='preferred' "
                 "nodeset='0'/></numatune>", 0,
                 "    <memory mode='strict' nodeset='0-1'/>\n"
                 "    <memnode cellid='0' mode='preferred' nodeset='0'/>\n"
                 "    <memnode cellid='1' mode='strict' nodeset='1'/>\n");
}

static void
test_errors(void **state)
{
    (void)state;
    dxtParseFails(OS "<cpu><numa><cell id='1' cpus='0' memory='1024'/></numa></cpu>",
                  "Exactly one 'cell'");
    dxtParseFails(OS "<numatune><memory mode='strict'/></numatune>", "must be set");
    dxtParseFails(OS "<numatune><memory nodeset='0,^0'/></numatune>", "nodeset");
    dxtParseFails(OS "<numatune><memnode cellid='0' nodeset='0'/></numatune>",
                  "without any guest NUMA cells");
    dxtParseFails(OS "<vcpu>2</vcpu>" TWO_CELLS "<numatune><memory mode='restrictive' "
                  "nodeset='0'/><memnode cellid='0' mode='strict' nodeset='0'/></numatune>",
                  "'restrictive' mode is required");
    dxtParseFails(OS "<vcpu placement='auto'>2</vcpu>" TWO_CELLS
                  "<numatune><memory placement='auto'/><memnode cellid='0' nodeset='0'/></numatune>",
                  "Per-node binding");
    dxtParseFails(OS "<memoryBacking><hugepages><page size='2048'/><page size='1' unit='G'/>"
                  "</hugepages></memoryBacking>", "two master hugepages");
    dxtParseFails(OS "<memoryBacking><hugepages><page size='2048' nodeset='1'/></hugepages>"
                  "</memoryBacking>", "node 1 not found");
    dxtParseFails(OS "<maxMemory slots='4' unit='GiB'>4</maxMemory>", "numa node");
    /* the reference host has NUMA nodes 0-7 */
    dxtParseFails(OS "<numatune><memory nodeset='999'/></numatune>", "NUMA node 999 is unavailable");
    dxtParseFails(OS "<vcpu>2</vcpu>" TWO_CELLS "<numatune><memnode cellid='0' nodeset='0-8'/>"
                  "</numatune>", "NUMA node 8 is unavailable");
}

static void
test_argv_main_ram(void **state)
{
    char **argv;
    (void)state;
    dxtArgvIs(OS, "-machine", "pc,usb=off,dump-guest-core=off,memory-backend=pc.ram");
    dxtArgvIs(OS "<memoryBacking><nosharepages/><locked/></memoryBacking>", "-machine",
              "pc,usb=off,dump-guest-core=off,mem-merge=off,memory-backend=pc.ram");
    dxtArgvIs(OS "<memoryBacking><locked/></memoryBacking>", "-overcommit", "mem-lock=on");
    argv = dxtArgv(OS "<memoryBacking><hugepages/></memoryBacking>"
                   "<numatune><memory nodeset='0'/></numatune>");
    assert_string_equal(dxtArgvValue(argv, "-m", 0), "214");
    /* preallocation runs on the bound host nodes */
    assert_string_equal(dxtArgvValue(argv, "-object", 0),
                        "{\"qom-type\":\"thread-context\",\"id\":\"tc-pc.ram\",\"node-affinity\":[0]}");
    assert_string_equal(dxtArgvValue(argv, "-object", 1),
                        "{\"qom-type\":\"memory-backend-file\",\"id\":\"pc.ram\","
                        "\"mem-path\":\"/dev/hugepages2M/libvirt/qemu/-1-t\","
                        "\"x-use-canonical-path-for-ramblock-id\":false,\"prealloc\":true,"
                        "\"size\":224395264,\"host-nodes\":[0],\"policy\":\"bind\","
                        "\"prealloc-context\":\"tc-pc.ram\"}");
    dxArgvListFree(argv);
    dxtArgvIs(OS "<memoryBacking><source type='memfd'/><access mode='shared'/></memoryBacking>",
              "-object", "{\"qom-type\":\"memory-backend-memfd\",\"id\":\"pc.ram\",\"share\":true,"
              "\"x-use-canonical-path-for-ramblock-id\":false,\"size\":224395264}");
    dxtArgvIs(OS "<maxMemory slots='16' unit='KiB'>1048576</maxMemory><vcpu>2</vcpu>" TWO_CELLS,
              "-m", "size=219136k,slots=16,maxmem=1048576k");
}

static void
test_argv_numa(void **state)
{
    char **argv;
    (void)state;
    argv = dxtArgv(OS "<vcpu>4</vcpu><memoryBacking><hugepages><page size='1' unit='GiB' "
                   "nodeset='1'/></hugepages><discard/></memoryBacking>"
                   "<cpu><numa><cell cpus='0,2-3' memory='1000'/><cell cpus='1' "
                   "memory='1048576' memAccess='shared'/></numa></cpu>");
    /* no main RAM backend: the cells have theirs, 1 MiB aligned */
    assert_string_equal(dxtArgvValue(argv, "-machine", 0), "pc,usb=off,dump-guest-core=off");
    assert_string_equal(dxtArgvValue(argv, "-m", 0), "1025");
    assert_string_equal(dxtArgvValue(argv, "-object", 0),
                        "{\"qom-type\":\"memory-backend-ram\",\"id\":\"ram-node0\",\"size\":1048576}");
    assert_string_equal(dxtArgvValue(argv, "-numa", 0), "node,nodeid=0,cpus=0,cpus=2-3,memdev=ram-node0");
    assert_string_equal(dxtArgvValue(argv, "-object", 1),
                        "{\"qom-type\":\"memory-backend-file\",\"id\":\"ram-node1\","
                        "\"mem-path\":\"/dev/hugepages1G/libvirt/qemu/-1-t\",\"discard-data\":true,"
                        "\"share\":true,\"prealloc\":true,\"size\":1073741824}");
    dxArgvListFree(argv);
    argv = dxtArgv(OS "<vcpu>2</vcpu><cpu><numa><cell cpus='0-1' memory='1024'/>"
                   "<cell memory='1024'><distances><sibling id='0' value='15'/></distances>"
                   "<cache level='1' associativity='direct' policy='writeback'>"
                   "<size value='10' unit='KiB'/><line value='8' unit='B'/></cache></cell>"
                   "<interconnects><latency initiator='0' target='1' type='access' value='5'/>"
                   "<bandwidth initiator='0' target='1' cache='1' type='read' value='1' unit='MiB'/>"
                   "</interconnects></numa></cpu>");
    assert_string_equal(dxtArgvValue(argv, "-machine", 0), "pc,usb=off,dump-guest-core=off,hmat=on");
    assert_string_equal(dxtArgvValue(argv, "-numa", 1), "node,nodeid=1,initiator=0,memdev=ram-node1");
    assert_string_equal(dxtArgvValue(argv, "-numa", 3), "dist,src=0,dst=1,val=15");
    assert_string_equal(dxtArgvValue(argv, "-numa", 6),
                        "hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-latency,latency=5");
    assert_string_equal(dxtArgvValue(argv, "-numa", 7),
                        "hmat-lb,initiator=0,target=1,hierarchy=first-level,data-type=read-bandwidth,"
                        "bandwidth=1024K");
    assert_string_equal(dxtArgvValue(argv, "-numa", 8),
                        "hmat-cache,node-id=1,size=10K,level=1,associativity=direct,policy=write-back,line=8");
    dxArgvListFree(argv);
}

static void
test_argv_no_mount(void **state)
{
    dxDomainDef *def;
    (void)state;
    def = dxtParse(OS "<memoryBacking><hugepages><page size='5' unit='MiB'/></hugepages>"
                   "</memoryBacking>");
    assert_non_null(def);
    assert_null(dxDomainDefBuildArgv(def, NULL, NULL));
    assert_non_null(strstr(dxErrorGet(0)->message, "hugetlbfs mount for 5120 KiB"));
    dxErrorClear();
    dxDomainDefFree(def);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cells_format),
        cmocka_unit_test(test_numatune),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_argv_main_ram),
        cmocka_unit_test(test_argv_numa),
        cmocka_unit_test(test_argv_no_mount),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
