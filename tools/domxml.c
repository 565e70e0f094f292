/* domxml: command-line front end of libdomxml.
 *
 *   domxml validate [--no-schema] [--strict] FILE...
 *   domxml format [--expand] [-o OUT] FILE
 *   domxml to-argv [--format=shell|json] [--state-dir DIR] [-o OUT] FILE
 *
 * Exit status: 0 success, 1 invalid input or a configuration that cannot
 * be built, 2 usage or I/O error.  Diagnostics go to stderr as
 * FILE:LINE: SEVERITY: MESSAGE; on failure nothing is written to stdout.
 */
#include "domxml/domxml.h"
#include "cli_output.h"
#include "cmd_check.h"
#include "cmd_validate.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXIT_INVALID 1
#define EXIT_USAGE 2

typedef struct {
    const char *name;
    const char *synopsis;
    const char *help;
    int (*run)(int argc, char **argv);
} dxCommand;

static const dxCommand *dxFindCommand(const char *name);

/* ---- diagnostics ---------------------------------------------------------- */

static void
dxPrintDiagnostics(const char *fallbackFile)
{
    size_t i;
    for (i = 0; i < dxErrorCount(); i++) {
        const dxError *e = dxErrorGet(i);
        const char *file = e->file ? e->file : fallbackFile;
        const char *sev = e->severity == DX_SEVERITY_WARNING ? "warning" : "error";
        if (e->line > 0 && e->column > 0)
            fprintf(stderr, "%s:%d:%d: %s: %s", file, e->line, e->column, sev, e->message);
        else if (e->line > 0)
            fprintf(stderr, "%s:%d: %s: %s", file, e->line, sev, e->message);
        else
            fprintf(stderr, "%s: %s: %s", file, sev, e->message);
        if (e->path)
            fprintf(stderr, " [%s]", e->path);
        fputc('\n', stderr);
    }
    dxErrorClear();
}

/* I/O failures are usage-level errors (2); anything else is invalid input. */
static int
dxExitCodeForErrors(void)
{
    size_t i;
    for (i = 0; i < dxErrorCount(); i++) {
        const dxError *e = dxErrorGet(i);
        if (e->severity == DX_SEVERITY_ERROR && e->code == DX_ERR_IO)
            return EXIT_USAGE;
    }
    return EXIT_INVALID;
}

static int
dxFail(const char *file)
{
    int rc = dxExitCodeForErrors();
    dxPrintDiagnostics(file);
    return rc;
}

static int
dxUsage(const char *cmd)
{
    const dxCommand *c = dxFindCommand(cmd);
    if (c)
        fprintf(stderr, "usage: domxml %s\n", c->synopsis);
    fprintf(stderr, "Try 'domxml help%s%s' for more information.\n",
            c ? " " : "", c ? c->name : "");
    return EXIT_USAGE;
}

/* ---- format ------------------------------------------------------------------ */

static int
dxCmdFormat(int argc, char **argv)
{
    static const struct option opts[] = {
        { "expand", no_argument, NULL, 'e' },
        { "output", required_argument, NULL, 'o' },
        { NULL, 0, NULL, 0 },
    };
    const char *output = NULL;
    bool expand = false;
    dxDomainDef *def;
    char *xml;
    int c, rc;

    while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
        switch (c) {
        case 'e': expand = true; break;
        case 'o': output = optarg; break;
        default: return dxUsage("format");
        }
    }
    if (optind != argc - 1)
        return dxUsage("format");
    if (!(def = dxDomainDefParseFile(argv[optind], 0)))
        return dxFail(argv[optind]);
    if (expand && dxDomainDefExpand(def) < 0) {
        dxDomainDefFree(def);
        return dxFail(argv[optind]);
    }
    dxPrintDiagnostics(argv[optind]);   /* warnings */
    xml = dxDomainDefFormat(def, 0);
    rc = dxWriteOutput(output, xml) < 0 ? EXIT_USAGE : 0;
    free(xml);
    dxDomainDefFree(def);
    return rc;
}

/* ---- to-argv ------------------------------------------------------------------ */

static int
dxCmdToArgv(int argc, char **argv)
{
    static const struct option opts[] = {
        { "format", required_argument, NULL, 'f' },
        { "state-dir", required_argument, NULL, 'd' },
        { "output", required_argument, NULL, 'o' },
        { NULL, 0, NULL, 0 },
    };
    dxArgvOptions aopts = { NULL };
    const char *format = "shell";
    const char *output = NULL;
    dxDomainDef *def;
    char **args;
    char *text;
    int c, rc;

    while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
        switch (c) {
        case 'f': format = optarg; break;
        case 'd': aopts.stateDir = optarg; break;
        case 'o': output = optarg; break;
        default: return dxUsage("to-argv");
        }
    }
    if (optind != argc - 1)
        return dxUsage("to-argv");
    if (strcmp(format, "shell") != 0 && strcmp(format, "json") != 0) {
        fprintf(stderr, "domxml: unknown --format '%s': use 'shell' or 'json'\n", format);
        return EXIT_USAGE;
    }
    if (!(def = dxDomainDefParseFile(argv[optind], 0)))
        return dxFail(argv[optind]);
    if (!(args = dxDomainDefBuildArgv(def, &aopts, NULL))) {
        dxDomainDefFree(def);
        return dxFail(argv[optind]);
    }
    dxPrintDiagnostics(argv[optind]);   /* warnings */
    if (strcmp(format, "json") == 0) {
        text = dxFormatArgvJSON(args);
    } else {
        /* the environment first, as libvirt's .args files show it */
        char **env = dxDomainDefBuildEnv(def);
        text = dxFormatArgvShellEnv(env, args);
        dxArgvListFree(env);
    }
    rc = dxWriteOutput(output, text) < 0 ? EXIT_USAGE : 0;
    free(text);
    dxArgvListFree(args);
    dxDomainDefFree(def);
    return rc;
}

/* ---- help ------------------------------------------------------------------------ */

static int dxCmdHelp(int argc, char **argv);

static const dxCommand dxCommands[] = {
    { "validate", "validate [--no-schema] [--strict] [-v] [-j N] [--format=text|json|junit] "
      "[-o OUT] FILE|DIR...",
      "Check domain XML files against the RelaxNG schema and libvirt's rules\n"
      "(including what the QEMU driver checks when it defines a domain).\n"
      "Directories are searched recursively for *.xml files.\n"
      "  --no-schema     skip the RelaxNG schema, run the parser rules only\n"
      "  --strict        unknown elements and attributes are errors, not warnings\n"
      "  -v              print FILE: valid for every valid file\n"
      "  -j N            validate N files at a time (default: one per CPU)\n"
      "  --format=text   FILE:LINE:COL: error: MESSAGE [PATH] on stderr (default)\n"
      "  --format=json   one JSON object per file on stdout (JSON lines)\n"
      "  --format=junit  a JUnit XML report on stdout, one test case per file\n"
      "  -o OUT          write the json/junit report to OUT\n"
      "Exit: 0 all valid, 1 some invalid, 2 usage or I/O error.\n",
      dxCmdValidate },
    { "format", "format [--expand] [-o OUT] FILE",
      "Print the domain as canonical XML, in libvirt's layout and order.\n"
      "  --expand     add what libvirt's QEMU driver adds: implicit controllers\n"
      "               and devices, defaults, PCI/drive/USB addresses\n"
      "  -o OUT       write to OUT atomically instead of stdout\n",
      dxCmdFormat },
    { "to-argv", "to-argv [--format=shell|json] [--state-dir DIR] [-o OUT] FILE",
      "Print the QEMU 7.2 command line libvirt 9.0 would run for the domain.\n"
      "  --format=shell  one option per line, shell-quoted (default)\n"
      "  --format=json   a JSON array of strings, emulator first\n"
      "  --state-dir DIR directory for runtime files (monitor socket, master\n"
      "                  key); default /var/lib/domxml/domain-NAME\n"
      "  -o OUT          write to OUT atomically instead of stdout\n",
      dxCmdToArgv },
    { "check", "check [--emulator PATH] [--timeout S] [--argv] [-v] [--keep] FILE...",
      "Ask the installed QEMU whether it accepts the command line of each domain,\n"
      "without booting a guest or touching host resources: QEMU starts paused\n"
      "with stand-ins for disk images, taps, PCI passthrough devices and sockets,\n"
      "answers one QMP command once every device exists, and quits.  Its own\n"
      "message is printed when it refuses.\n"
      "  --emulator PATH  the QEMU binary (default: qemu-system-x86_64 in PATH)\n"
      "  --timeout S      give up after S seconds (default 30)\n"
      "  --argv           the FILEs are command lines (to-argv --format=json)\n"
      "  -v               print each stand-in and each accepted FILE\n"
      "  --keep           keep the temporary directory of each run\n"
      "Exit: 0 accepted (or skipped: QEMU not installed), 1 refused,\n"
      "2 usage or I/O error, 3 inconclusive (a host resource is missing).\n",
      dxCmdCheck },
    { "help", "help [COMMAND]", "Show help for a command.\n", dxCmdHelp },
};

static const dxCommand *
dxFindCommand(const char *name)
{
    size_t i;
    for (i = 0; name && i < sizeof(dxCommands) / sizeof(dxCommands[0]); i++) {
        if (strcmp(dxCommands[i].name, name) == 0)
            return &dxCommands[i];
    }
    return NULL;
}

static void
dxPrintOverview(FILE *fp)
{
    size_t i;
    fprintf(fp, "usage: domxml COMMAND [OPTIONS] ...\n\n"
                "libvirt-style domain XML without a daemon: validate, format, to-argv.\n\n"
                "Commands:\n");
    for (i = 0; i < sizeof(dxCommands) / sizeof(dxCommands[0]); i++)
        fprintf(fp, "  domxml %s\n", dxCommands[i].synopsis);
    fprintf(fp, "\nOptions: --help, --version.  'domxml help COMMAND' for details.\n");
}

static int
dxCmdHelp(int argc, char **argv)
{
    const dxCommand *c;
    if (argc < 2) {
        dxPrintOverview(stdout);
        return 0;
    }
    if (!(c = dxFindCommand(argv[1]))) {
        fprintf(stderr, "domxml: unknown command '%s'\n", argv[1]);
        return EXIT_USAGE;
    }
    printf("usage: domxml %s\n\n%s", c->synopsis, c->help);
    return 0;
}

int
main(int argc, char **argv)
{
    const dxCommand *c;

    if (argc < 2) {
        dxPrintOverview(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        dxPrintOverview(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("domxml %s (QEMU 7.2 target, libvirt 9.0 conventions)\n", DOMXML_VERSION);
        return 0;
    }
    if (!(c = dxFindCommand(argv[1]))) {
        fprintf(stderr, "domxml: unknown command '%s'\n", argv[1]);
        dxPrintOverview(stderr);
        return EXIT_USAGE;
    }
    /* per-command --help */
    if (argc > 2 && (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0)) {
        printf("usage: domxml %s\n\n%s", c->synopsis, c->help);
        return 0;
    }
    return c->run(argc - 1, argv + 1);
}
