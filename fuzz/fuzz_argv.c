/* fuzz_argv: parse -> expand -> argv, and the expanded XML again.
 *
 * Properties: no crash, leak or undefined behaviour; a refusal always
 * comes with an error; every argument is valid UTF-8 and every JSON option
 * value is well-formed JSON; the expanded XML is accepted again (strict),
 * expanding it changes nothing, and it gives the same command line (what
 * libvirt guarantees when it saves a domain and starts it later). */
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
        if (i > 0 && args[i - 1][0] == '-' && args[i][0] == '{' && !dxFuzzIsJSON(args[i]))
            dxFuzzFail("argument %zu of %s is not valid JSON: %s", i, args[i - 1], args[i]);
    }
}

static char *
dxFuzzJoin(char **args)
{
    size_t i, len = 1;
    char *s;
    for (i = 0; args[i]; i++)
        len += strlen(args[i]) + 1;
    if (!(s = calloc(1, len)))
        abort();
    for (i = 0; args[i]; i++) {
        strcat(s, args[i]);
        strcat(s, "\n");
    }
    return s;
}

static dxDomainDef *
dxFuzzReexpand(const char *xml)
{
    dxDomainDef *def;
    if (!(def = dxDomainDefParseString(xml, "expanded.xml", DX_DOMAIN_PARSE_STRICT)) ||
        dxDomainDefExpand(def) < 0) {
        dxFuzzPrintErrors("re-parse");
        dxFuzzFail("the expanded XML was refused:\n%s", xml);
    }
    return def;
}

/* The expanded XML must be a fixed point with the same argv.  One
 * exception, libvirt's own: reading controllers sorts them by type and
 * index, so a controller the first expansion added among others (an
 * implicit virtio-serial before the PCI root ports, say) may move once;
 * from then on the XML must not change. */
static void
dxFuzzCheckExpanded(dxDomainDef *def, const char *argvText)
{
    char *first = dxDomainDefFormat(def, 0), *second, *argv2Text;
    dxDomainDef *again;
    char **args2;

    again = dxFuzzReexpand(first);
    second = dxDomainDefFormat(again, 0);
    if (strcmp(first, second) != 0) {
        dxDomainDef *third = dxFuzzReexpand(second);
        char *thirdText = dxDomainDefFormat(third, 0);
        if (strcmp(second, thirdText) != 0)
            dxFuzzFailDiff("expanding the expanded XML changed it", first, second);
        free(thirdText);
        dxDomainDefFree(third);
    }
    if (argvText) {
        if (!(args2 = dxDomainDefBuildArgv(again, NULL, NULL))) {
            dxFuzzPrintErrors("argv");
            dxFuzzFail("no argv from the expanded XML:\n%s", first);
        }
        argv2Text = dxFuzzJoin(args2);
        if (strcmp(argvText, argv2Text) != 0)
            dxFuzzFailDiff("the expanded XML gives another argv", argvText, argv2Text);
        free(argv2Text);
        dxArgvListFree(args2);
    }
    dxErrorClear();
    free(first);
    free(second);
    dxDomainDefFree(again);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dxDomainDef *def;
    char **args;
    char *xml, *argvText = NULL;

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
    if ((args = dxDomainDefBuildArgv(def, NULL, NULL))) {
        dxFuzzCheckArgv(args);
        argvText = dxFuzzJoin(args);
        dxArgvListFree(args);
    } else if (!dxFuzzHasError()) {
        dxFuzzFail("argv refused without an error");
    }
    dxErrorClear();
    dxFuzzCheckExpanded(def, argvText);
    free(argvText);
    dxDomainDefFree(def);
    return 0;
}
