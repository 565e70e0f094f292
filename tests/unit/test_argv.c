/* Unit tests for src/util/dxargv.c */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>

#include "util/dxargv.h"

static void
test_shell_layout(void **state)
{
    dxArgv *a = dxArgvNew();
    dxJSON *p = dxJSONNewObject();
    char *s;
    (void)state;
    dxArgvAdd(a, "/usr/bin/qemu-system-x86_64");
    dxArgvAddPair(a, "-name", "guest=x,,y,debug-threads=on");
    dxJSONAddString(p, "driver", "virtio-net-pci");
    dxArgvAddJSON(a, "-device", p);
    dxArgvAdd(a, "-no-user-config");
    s = dxArgvFormatShell(a);
    assert_string_equal(s,
        "/usr/bin/qemu-system-x86_64 \\\n"
        "-name guest=x,,y,debug-threads=on \\\n"
        "-device '{\"driver\":\"virtio-net-pci\"}' \\\n"
        "-no-user-config\n");
    free(s);
    dxArgvFree(a);
}

static void
test_json_layout(void **state)
{
    dxArgv *a = dxArgvNew();
    char *s;
    (void)state;
    dxArgvAdd(a, "qemu");
    dxArgvAddPair(a, "-append", "console=\"ttyS0\"");
    s = dxArgvFormatJSON(a);
    assert_string_equal(s, "[\"qemu\",\n \"-append\",\n \"console=\\\"ttyS0\\\"\"]\n");
    free(s);
    dxArgvFree(a);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shell_layout),
        cmocka_unit_test(test_json_layout),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
