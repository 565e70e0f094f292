/* test_address.c: address assignment of the QEMU driver.
 *
 * tests/addressing/in/NAME.xml is expanded and its addressed devices
 * (controllers, disks) are compared element by element with
 * tests/addressing/out/NAME.xml, the output of libvirt 9.0's QEMU driver
 * for the same input; the controllers' -device and -global options are
 * compared with tests/addressing/args/NAME.args, libvirt's command line
 * (one argument per line).  Only those elements are compared, so devices of
 * other families (inputs, audio, ...) do not matter here.  The error
 * cases below are inline.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domxml/domxml.h"
#include "conf/domain_def.h"
#include "qemu/qemu_address.h"
#include "util/dxalloc.h"
#include "util/dxbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef DX_ADDRESSING_DIR
# error "DX_ADDRESSING_DIR must name tests/addressing"
#endif

static char *
readFile(const char *path)
{
    FILE *fp = fopen(path, "rb");
    char *data;
    long len;

    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    len = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    data = dxNewN(char, len + 1);
    assert_int_equal(fread(data, 1, len, fp), (size_t)len);
    fclose(fp);
    return data;
}

static bool
startsElement(const char *line, const char *const *names)
{
    size_t i;
    while (*line == ' ')
        line++;
    for (i = 0; names[i]; i++) {
        size_t n = strlen(names[i]);
        if (line[0] == '<' && strncmp(line + 1, names[i], n) == 0 &&
            (line[n + 1] == ' ' || line[n + 1] == '>' || line[n + 1] == '/'))
            return true;
    }
    return false;
}

/* The lines of the <devices> children called NAMES, whole elements. */
static char *
extractElements(const char *xml, const char *const *names)
{
    dxBuf buf = DX_BUF_INIT;
    const char *line = xml;
    const char *inside = NULL;       /* closing tag we wait for */
    char closing[64];

    while (line && *line) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        bool keep = false;

        if (inside) {
            keep = true;
            if (strstr(line, inside) && (size_t)(strstr(line, inside) - line) < len)
                inside = NULL;
        } else if (startsElement(line, names)) {
            const char *name = line;
            size_t n;
            keep = true;
            while (*name == ' ')
                name++;
            name++;
            n = strcspn(name, " />");
            /* an element that does not close on its own line */
            if (line[len - 1] == '>' && line[len - 2] != '/') {
                snprintf(closing, sizeof(closing), "</%.*s>", (int)n, name);
                inside = closing;
            }
        }
        if (keep) {
            dxBufAdd(&buf, line, len);
            dxBufAddChar(&buf, '\n');
        }
        line = end ? end + 1 : NULL;
    }
    return dxBufSteal(&buf);
}

static char *
expandFile(const char *path)
{
    dxDomainDef *def = dxDomainDefParseFile(path, 0);
    char *xml;

    /* a domain defined anew also gets its USB ports (as when it starts) */
    if (!def || dxDomainDefExpand(def) < 0 || dxQemuAssignStartAddresses(def) < 0) {
        size_t i;
        for (i = 0; i < dxErrorCount(); i++)
            fprintf(stderr, "%s\n", dxErrorGet(i)->message);
        fail_msg("cannot expand %s", path);
    }
    xml = dxDomainDefFormat(def, 0);
    dxDomainDefFree(def);
    dxErrorClear();
    return xml;
}

static void
checkCase(const char *name)
{
    static const char *const names[] = { "controller", "disk", NULL };
    char *inPath = dxAsprintf("%s/in/%s.xml", DX_ADDRESSING_DIR, name);
    char *outPath = dxAsprintf("%s/out/%s.xml", DX_ADDRESSING_DIR, name);
    char *got = expandFile(inPath);
    char *want = readFile(outPath);
    char *gotPart = extractElements(got, names);
    char *wantPart = extractElements(want, names);

    assert_true(strlen(wantPart) > 0);
    assert_string_equal(gotPart, wantPart);
    free(inPath);
    free(outPath);
    free(got);
    free(want);
    free(gotPart);
    free(wantPart);
}

/* The -device of controllers and the -global of the host bridge. */
static bool
isControllerOption(const char *opt, const char *value)
{
    static const char *const drivers[] = {
        "\"pcie-root-port\"", "\"pci-bridge\"", "\"pcie-pci-bridge\"", "\"pxb\"",
        "\"pxb-pcie\"", "\"x3130-upstream\"", "\"xio3130-downstream\"",
        "\"i82801b11-bridge\"", "\"ioh3420\"", "usb-uhci", "usb-ehci", "xhci",
        "\"pci-ohci\"", "\"lsi\"", "virtio-scsi-pci", "virtio-serial-pci",
        "\"usb-ccid\"", "\"ahci\"", "\"megasas\"", "\"mptsas1068\"", "\"pvscsi\"",
        NULL,
    };
    size_t i;

    if (strcmp(opt, "-global") == 0)
        return strstr(value, "pcihost") || strstr(value, "acpi-root-pci-hotplug");
    if (strcmp(opt, "-device") != 0)
        return false;
    for (i = 0; drivers[i]; i++) {
        if (strstr(value, drivers[i]))
            return true;
    }
    return false;
}

/* "opt value" lines of the controller options of ARGS (NULL-terminated). */
static char *
controllerOptions(char **args)
{
    dxBuf buf = DX_BUF_INIT;
    size_t i;
    for (i = 0; args[i] && args[i + 1]; i++) {
        if (isControllerOption(args[i], args[i + 1]))
            dxBufAddf(&buf, "%s %s\n", args[i], args[i + 1]);
    }
    return dxBufSteal(&buf);
}

static void
checkArgv(const char *name)
{
    char *inPath = dxAsprintf("%s/in/%s.xml", DX_ADDRESSING_DIR, name);
    char *argsPath = dxAsprintf("%s/args/%s.args", DX_ADDRESSING_DIR, name);
    char *want = readFile(argsPath);
    dxDomainDef *def = dxDomainDefParseFile(inPath, 0);
    char **got, **wantArgs = NULL;
    size_t n = 0;
    char *gotPart, *wantPart, *line, *save = NULL;

    assert_non_null(def);
    got = dxDomainDefBuildArgv(def, NULL, NULL);
    assert_non_null(got);
    /* the expected file has one argument per line */
    for (line = strtok_r(want, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
        DX_APPEND(wantArgs, n, line);
    DX_APPEND(wantArgs, n, NULL);
    gotPart = controllerOptions(got);
    wantPart = controllerOptions(wantArgs);
    assert_true(strlen(wantPart) > 0);
    assert_string_equal(gotPart, wantPart);
    dxArgvListFree(got);
    dxDomainDefFree(def);
    dxErrorClear();
    free(wantArgs);
    free(gotPart);
    free(wantPart);
    free(want);
    free(inPath);
    free(argsPath);
}

/* i440fx whose bus 0 fills up: a pci-bridge is added (with one slot
 * kept free on bus 0 while counting) and takes slot 2. */
static void
test_pc_full_bus(void **state)
{
    (void)state;
    checkCase("pc-full-bus-bridge");
    checkArgv("pc-full-bus-bridge");
}

/* q35 with ICH9 USB2 at 1d, conventional PCI behind an added
 * pcie-root-port + pcie-to-pci-bridge, PCIe devices on root ports, and
 * a spare root port. */
static void
test_q35_mixed(void **state)
{
    (void)state;
    checkCase("q35-pci-and-pcie");
    checkArgv("q35-pci-and-pcie");
}

/* q35 whose ten virtio disks need more root ports than slot 1 has
 * functions (the next ones fill slot 2), with a conventional PCI NIC and a
 * transitional virtio NIC behind an added pcie-to-pci-bridge. */
static void
test_q35_many_root_ports(void **state)
{
    (void)state;
    checkCase("q35-many-root-ports");
    checkArgv("q35-many-root-ports");
}

/* q35 with 32 conventional PCI NICs: the pcie-to-pci-bridge added for
 * them (its root port holds nothing else) fills up, so a pci-bridge is
 * added into its first slot and takes the last two NICs. */
static void
test_q35_pcie_to_pci_bridge_full(void **state)
{
    (void)state;
    checkCase("q35-pcie-to-pci-bridge-full");
    checkArgv("q35-pcie-to-pci-bridge-full");
}

/* q35 with root ports, a switch and a DMI bridge written by the user. */
static void
test_q35_topology(void **state)
{
    (void)state;
    checkCase("q35-explicit-topology");
    checkArgv("q35-explicit-topology");
}

/* Explicit multifunction addresses, an empty <address type='pci'/>, an
 * expander bus, USB ports for CCID controllers. */
static void
test_pc_explicit(void **state)
{
    (void)state;
    checkCase("pc-explicit-and-usb");
    checkArgv("pc-explicit-and-usb");
}

/* ---- refusals ------------------------------------------------------------------ */

static void
expectError(const char *devices, const char *machine, const char *message, bool argv)
{
    char *xml = dxAsprintf("<domain type='qemu'><name>t</name><memory>1024</memory>"
                           "<os><type arch='x86_64' machine='%s'>hvm</type></os>"
                           "<devices>%s</devices></domain>", machine, devices);
    dxDomainDef *def = dxDomainDefParseString(xml, "test.xml", 0);
    const dxError *err;

    assert_non_null(def);
    if (argv)
        assert_null(dxDomainDefBuildArgv(def, NULL, NULL));
    else
        assert_int_equal(dxDomainDefExpand(def), -1);
    err = dxErrorLast();
    assert_non_null(err);
    if (!strstr(err->message, message))
        fail_msg("got '%s', want '%s'", err->message, message);
    dxErrorClear();
    dxDomainDefFree(def);
    free(xml);
}

static void
expectExpandError(const char *devices, const char *machine, const char *message)
{
    expectError(devices, machine, message, false);
}

static void
test_errors(void **state)
{
    (void)state;
    expectExpandError("<controller type='ide' index='0'/>"
                      "<controller type='scsi' index='0'>"
                      "<address type='pci' bus='0' slot='1' function='1'/></controller>",
                      "pc", "Attempted double use of PCI Address 0000:00:01.1");
    expectExpandError("<controller type='pci' index='0' model='pcie-root'/>", "pc",
                      "must be model='pci-root' for this machine type");
    expectExpandError("<controller type='ide' index='0'>"
                      "<address type='pci' bus='0' slot='3'/></controller>", "pc",
                      "Primary IDE controller must have PCI address 0:0:1.1");
    expectExpandError("<controller type='scsi' index='0'>"
                      "<address type='pci' domain='1' bus='0' slot='3'/></controller>", "pc",
                      "Invalid PCI address 0001:00:03.0. Only PCI domain 0 is available");
    expectExpandError("<controller type='pci' index='1' model='dmi-to-pci-bridge'>"
                      "<address type='pci' bus='0' slot='4'/></controller>", "pc",
                      "requires a controller that accepts a dmi-to-pci-bridge");
    expectExpandError("<controller type='ccid' index='0'>"
                      "<address type='usb' bus='0' port='1.2'/></controller>", "pc",
                      "there is no hub at port 1");
    expectExpandError("<controller type='ccid' index='0'>"
                      "<address type='usb' bus='0' port='3'/></controller>", "pc",
                      "requested USB port 3 not present on USB bus 0");
    expectExpandError("<controller type='ccid' index='0'>"
                      "<address type='usb' bus='0' port='1'/></controller>"
                      "<controller type='ccid' index='1'>"
                      "<address type='usb' bus='0' port='1'/></controller>", "pc",
                      "Duplicate USB address bus 0 port 1");
    /* USB ports are laid out when QEMU starts */
    expectError("<controller type='usb' index='0' model='none'/>"
                "<controller type='ccid' index='0'/>", "pc",
                "USB is disabled for this domain", true);
    expectExpandError("<controller type='pci' index='1' model='pcie-expander-bus'/>", "pc",
                      "pcie-expander-bus controllers are not supported");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pc_full_bus),
        cmocka_unit_test(test_q35_mixed),
        cmocka_unit_test(test_q35_topology),
        cmocka_unit_test(test_q35_many_root_ports),
        cmocka_unit_test(test_q35_pcie_to_pci_bridge_full),
        cmocka_unit_test(test_pc_explicit),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
