/* fuzz_argv: parse -> expand -> argv, and the expanded XML again.
 *
 * Properties: no crash, leak or undefined behaviour; a refusal always
 * comes with an error; every argument is valid UTF-8 and every JSON option
 * value is well-formed JSON; the expanded XML is accepted again (strict),
 * expansion converges, and the expanded XML gives the same options (what
 * libvirt relies on when it saves a domain and starts it later). */
#include "fuzz_common.h"

#include "domxml/domxml.h"
#include "util/dxargv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool
dxFuzzHasError(void)
{
    size_t i;
    for (i = 0; i < dxErrorCount(); i++) {
        if (dxErrorGet(i)->severity == DX_SEVERITY_ERROR)
            return true;
    }
    return false;
}

/* The options QEMU 7.2 reads as JSON when their value starts with '{';
 * others (-initrd, -machine...) take it as plain text. */
static bool
dxFuzzTakesJSON(const char *opt)
{
    static const char *const json[] = { "-device", "-object", "-blockdev", "-netdev",
                                        "-audiodev" };
    size_t i;
    for (i = 0; i < sizeof(json) / sizeof(json[0]); i++) {
        if (strcmp(opt, json[i]) == 0)
            return true;
    }
    return false;
}

static void
dxFuzzCheckArgv(char **args)
{
    dxArgv view = { .args = args };
    char *text;
    size_t i;

    while (args[view.nargs])
        view.nargs++;
    text = dxArgvFormatJSON(&view);
    if (!dxFuzzIsJSON(text))
        dxFuzzFail("--format=json output is not JSON: %s", text);
    free(text);
    free(dxArgvFormatShell(&view));
    for (i = 0; args[i]; i++) {
        if (!dxFuzzIsUTF8(args[i]))
            dxFuzzFail("argument %zu is not valid UTF-8: %s", i, args[i]);
        if (i > 0 && dxFuzzTakesJSON(args[i - 1]) && args[i][0] == '{' && !dxFuzzIsJSON(args[i]))
            dxFuzzFail("argument %zu of %s is not valid JSON: %s", i, args[i - 1], args[i]);
    }
}

static char *
dxFuzzJoin(char **args)
{
    size_t i, len = 1;
    char *s, *end;
    for (i = 0; args[i]; i++)
        len += strlen(args[i]) + 1;
    if (!(s = calloc(1, len)))
        abort();
    /* appending at a tracked end: strcat on thousands of options was
     * quadratic and made the harness, not the library, time out */
    end = s;
    for (i = 0; args[i]; i++) {
        size_t n = strlen(args[i]);
        memcpy(end, args[i], n);
        end[n] = '\n';
        end += n + 1;
    }
    return s;
}

static int
dxFuzzCompareStrings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
dxFuzzCompareArgv(const char *what, char **a, char **b)
{
    char *x = dxFuzzJoin(a), *y = dxFuzzJoin(b);
    if (strcmp(x, y) != 0)
        dxFuzzFailDiff(what, x, y);
    free(x);
    free(y);
}

/* The same options, in any order. */
static char *
dxFuzzJoinSorted(char **args)
{
    size_t n = 0;
    while (args[n])
        n++;
    if (n)
        qsort(args, n, sizeof(*args), dxFuzzCompareStrings);
    return dxFuzzJoin(args);
}

static dxDomainDef *
dxFuzzReparseExpanded(const char *xml)
{
    dxDomainDef *def = dxDomainDefParseString(xml, "expanded.xml", DX_DOMAIN_PARSE_STRICT);
    if (!def || dxDomainDefExpand(def) < 0) {
        dxFuzzPrintErrors("re-parse");
        dxFuzzFail("the expanded XML was refused:\n%s", xml);
    }
    return def;
}

/* The order of the controllers and of the disks (their targets) in XML. */
static char *
dxFuzzDeviceOrder(const char *xml)
{
    static const char *const marks[] = { "<controller ", "<target dev=" };
    size_t len = 1, i;
    const char *p;
    char *order, *end;

    for (p = xml; *p; p++) {
        for (i = 0; i < 2; i++) {
            if (strncmp(p, marks[i], strlen(marks[i])) == 0)
                len += strcspn(p, ">") + 1;
        }
    }
    if (!(order = calloc(1, len)))
        abort();
    end = order;
    for (p = xml; *p; p++) {
        for (i = 0; i < 2; i++) {
            if (strncmp(p, marks[i], strlen(marks[i])) == 0) {
                size_t n = strcspn(p, ">");
                memcpy(end, p, n);
                end[n] = '\n';
                end += n + 1;
            }
        }
    }
    return order;
}

/* The expanded XML must be accepted again and give the same options.
 * Like libvirt, re-parsing may move implicit controllers to the end of
 * their list once (they are no longer "implicit"), so the fixed point is
 * required from the second round on.  Re-reading also sorts controllers
 * and disks that were added or read without their bus (libvirt files a
 * disk by the bus written, before the default from its name applies):
 * when that reorders them, USB ports given at start (CCID controllers)
 * and block node numbers follow the new order, exactly as when libvirt
 * reloads a configuration, and the options are compared from the second
 * round on too. */
static void
dxFuzzCheckExpanded(char *first, char **args)
{
    char *second, *third, *order1, *order2;
    char *argvText = NULL, *argv2Text;
    dxDomainDef *again, *thirdDef;
    dxDomainDef *reference;
    char **args2;

    again = dxFuzzReparseExpanded(first);
    second = dxDomainDefFormat(again, 0);
    thirdDef = dxFuzzReparseExpanded(second);
    third = dxDomainDefFormat(thirdDef, 0);
    if (strcmp(second, third) != 0)
        dxFuzzFailDiff("expanding the expanded XML twice changed it", second, third);
    order1 = dxFuzzDeviceOrder(first);
    order2 = dxFuzzDeviceOrder(second);
    reference = again;
    if (args && strcmp(order1, order2) != 0) {
        args = dxDomainDefBuildArgv(again, NULL, NULL);
        reference = thirdDef;
    }
    free(order1);
    free(order2);
    if (args) {
        argvText = dxFuzzJoinSorted(args);
        if (reference != again)
            dxArgvListFree(args);
        if (!(args2 = dxDomainDefBuildArgv(reference, NULL, NULL))) {
            dxFuzzPrintErrors("argv");
            dxFuzzFail("no argv from the expanded XML:\n%s", first);
        }
        argv2Text = dxFuzzJoinSorted(args2);
        if (strcmp(argvText, argv2Text) != 0)
            dxFuzzFailDiff("the expanded XML gives other options", argvText, argv2Text);
        free(argv2Text);
        dxArgvListFree(args2);
    }
    dxErrorClear();
    free(argvText);
    free(first);
    free(second);
    free(third);
    dxDomainDefFree(thirdDef);
    dxDomainDefFree(again);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dxDomainDef *def;
    char **args;
    char *xml, *expanded;

    if (size > DX_FUZZ_MAX_INPUT)
        return 0;
    xml = dxFuzzString(data, size);
    def = dxDomainDefParseString(xml, "input.xml", 0);
    free(xml);
    if (!def || dxDomainDefExpand(def) < 0) {
        if (!dxFuzzHasError())
            dxFuzzFail("refused without an error");
        dxErrorClear();
        dxDomainDefFree(def);
        return 0;
    }
    /* the expanded XML as `format --expand` prints it: building the argv
     * adds what only a start adds (USB hubs, ports), as libvirt does */
    expanded = dxDomainDefFormat(def, 0);
    if ((args = dxDomainDefBuildArgv(def, NULL, NULL))) {
        char **again;
        dxFuzzCheckArgv(args);
        /* a second build from the same definition gives the same argv */
        if (!(again = dxDomainDefBuildArgv(def, NULL, NULL))) {
            dxFuzzPrintErrors("argv");
            dxFuzzFail("the second argv from one definition failed");
        }
        dxFuzzCompareArgv("a second argv from one definition differs", args, again);
        dxArgvListFree(again);
    } else if (!dxFuzzHasError()) {
        dxFuzzFail("argv refused without an error");
    }
    dxErrorClear();
    dxFuzzCheckExpanded(expanded, args);
    dxArgvListFree(args);
    dxDomainDefFree(def);
    return 0;
}
