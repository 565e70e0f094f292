/* domxml-bench: run many domain files through one pipeline in one process
 * and say how long it took (bench/run drives it; docs/performance.md).
 *
 *   domxml-bench MODE [-r REPEAT] FILE...
 *
 * MODE is what one CLI command does, minus printing:
 *   parse     parse + generic defaults + checks (no schema)
 *   validate  `domxml validate`: schema, parse, checks, QEMU expansion
 *   expand    `domxml format --expand`: parse, expand, format
 *   argv      `domxml to-argv`: parse, expand, build argv, shell text
 * Every file is processed REPEAT times (default 1).  One line of output:
 *   mode=M files=N ok=K cpu_s=C wall_s=W cpu_us_per_file=U maxrss_kb=R
 * (ok counts files that went through without error, once). */
#include "domxml/domxml.h"
#include "util/dxargv.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

typedef enum { MODE_PARSE, MODE_VALIDATE, MODE_EXPAND, MODE_ARGV } dxBenchMode;

static double
dxBenchClock(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* One file through MODE; true when it went through without error. */
static bool
dxBenchOne(dxBenchMode mode, const char *path)
{
    unsigned int flags = mode == MODE_VALIDATE ? DX_DOMAIN_PARSE_SCHEMA : 0;
    dxDomainDef *def = dxDomainDefParseFile(path, flags);
    bool ok = def != NULL;

    if (ok && mode != MODE_PARSE && dxDomainDefExpand(def) < 0)
        ok = false;
    if (ok && mode == MODE_EXPAND)
        free(dxDomainDefFormat(def, 0));
    if (ok && mode == MODE_ARGV) {
        char **args = dxDomainDefBuildArgv(def, NULL, NULL);
        if (args) {
            dxArgv view = { .args = args };
            while (args[view.nargs])
                view.nargs++;
            free(dxArgvFormatShell(&view));
            dxArgvListFree(args);
        } else {
            ok = false;
        }
    }
    dxErrorClear();
    dxDomainDefFree(def);
    return ok;
}

int
main(int argc, char **argv)
{
    static const char *const names[] = { "parse", "validate", "expand", "argv" };
    dxBenchMode mode;
    struct rusage ru;
    double cpu0, wall0, cpu, wall;
    long repeat = 1, r;
    int i, first, nfiles, ok = 0, opt;

    if (argc < 3)
        goto usage;
    for (mode = MODE_PARSE; mode <= MODE_ARGV; mode++) {
        if (strcmp(argv[1], names[mode]) == 0)
            break;
    }
    if (mode > MODE_ARGV)
        goto usage;
    optind = 2;
    while ((opt = getopt(argc, argv, "r:")) != -1) {
        if (opt != 'r' || (repeat = strtol(optarg, NULL, 10)) < 1)
            goto usage;
    }
    first = optind;
    nfiles = argc - first;
    if (nfiles < 1)
        goto usage;

    cpu0 = dxBenchClock(CLOCK_PROCESS_CPUTIME_ID);
    wall0 = dxBenchClock(CLOCK_MONOTONIC);
    for (r = 0; r < repeat; r++) {
        for (i = first; i < argc; i++) {
            bool done = dxBenchOne(mode, argv[i]);
            if (r == 0)
                ok += done;
        }
    }
    cpu = dxBenchClock(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
    wall = dxBenchClock(CLOCK_MONOTONIC) - wall0;
    getrusage(RUSAGE_SELF, &ru);
    printf("mode=%s files=%d ok=%d cpu_s=%.6f wall_s=%.6f cpu_us_per_file=%.2f maxrss_kb=%ld\n",
           names[mode], nfiles, ok, cpu, wall, cpu * 1e6 / ((double)nfiles * repeat),
           ru.ru_maxrss);
    return 0;

 usage:
    fprintf(stderr, "usage: domxml-bench parse|validate|expand|argv [-r REPEAT] FILE...\n");
    return 2;
}
