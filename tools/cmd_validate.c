/* cmd_validate.c: `domxml validate`, the batch checker for CI.
 *
 * Files and directories (recursing into *.xml) are validated by N worker
 * threads; errors are per thread in libdomxml, and the compiled schema is
 * shared, so each worker simply takes the next file.  Results are printed
 * in input order as soon as they are complete, whatever the thread count:
 * text diagnostics on stderr, or one JSON object per file (JSON lines), or
 * a JUnit XML report that CI systems render.
 */
#include "cmd_validate.h"
#include "domxml/domxml.h"
#include "util/dxalloc.h"
#include "util/dxbuf.h"
#include "util/dxjson.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef enum {
    DX_OUT_TEXT,
    DX_OUT_JSON,
    DX_OUT_JUNIT,
} dxOutFormat;

typedef struct {
    char *file;
    dxError *diags;         /* copies of the records of this file */
    size_t ndiags;
    int status;             /* 0 valid, 1 invalid, 2 unreadable */
    double seconds;
    bool done;
} dxFileResult;

typedef struct {
    dxFileResult *files;
    size_t nfiles;
    unsigned int flags;
    dxOutFormat format;
    bool verbose;
    FILE *out;              /* JSON / JUnit destination */
    size_t next;            /* next file to validate */
    size_t printed;         /* results printed so far (in order) */
    pthread_mutex_t lock;
} dxValidateRun;

/* ---- collecting files ---------------------------------------------------- */

static int
dxCmpStr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
dxAddFile(dxValidateRun *run, const char *path)
{
    dxFileResult r = { .file = dxStrdup(path) };
    DX_APPEND(run->files, run->nfiles, r);
}

static bool
dxIsXMLName(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcmp(name + n - 4, ".xml") == 0;
}

/* Every *.xml under DIR, in a stable (sorted) order; hidden entries are
 * skipped (.git, editor files). */
static void
dxCollectDir(dxValidateRun *run, const char *dir, int depth)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, i;

    if (!d || depth > 64) {
        if (d)
            closedir(d);
        dxAddFile(run, dir);    /* reported as unreadable */
        return;
    }
    while ((e = readdir(d))) {
        if (e->d_name[0] != '.')
            DX_APPEND(names, n, dxStrdup(e->d_name));
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof(char *), dxCmpStr);
    for (i = 0; i < n; i++) {
        size_t len = strlen(dir);
        char *path = len && dir[len - 1] == '/' ? dxAsprintf("%s%s", dir, names[i])
                                                : dxAsprintf("%s/%s", dir, names[i]);
        struct stat sb;
        if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
            dxCollectDir(run, path, depth + 1);
        else if (dxIsXMLName(names[i]))
            dxAddFile(run, path);
        free(path);
        free(names[i]);
    }
    free(names);
}

static void
dxCollect(dxValidateRun *run, const char *arg)
{
    struct stat sb;
    if (stat(arg, &sb) == 0 && S_ISDIR(sb.st_mode))
        dxCollectDir(run, arg, 0);
    else
        dxAddFile(run, arg);    /* a missing file is reported when validated */
}

/* ---- validating one file ---------------------------------------------------- */

static double
dxNow(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
dxValidateOne(dxValidateRun *run, dxFileResult *r)
{
    double start = dxNow();
    dxDomainDef *def;
    size_t i;

    dxErrorClear();
    def = dxDomainDefParseFile(r->file, run->flags);
    if (def)
        dxDomainDefExpand(def);     /* what the QEMU driver refuses at define */
    dxDomainDefFree(def);
    r->ndiags = dxErrorCount();
    r->diags = dxNewN(dxError, r->ndiags + 1);
    for (i = 0; i < r->ndiags; i++) {
        const dxError *e = dxErrorGet(i);
        r->diags[i] = *e;
        r->diags[i].message = dxStrdup(e->message);
        r->diags[i].file = dxStrdup(e->file);
        r->diags[i].path = dxStrdup(e->path);
        if (e->severity == DX_SEVERITY_ERROR)
            r->status = e->code == DX_ERR_IO ? 2 : (r->status > 1 ? r->status : 1);
    }
    dxErrorClear();
    r->seconds = dxNow() - start;
}

/* ---- output ------------------------------------------------------------------ */

static const char *
dxSeverityName(dxErrorSeverity s)
{
    return s == DX_SEVERITY_WARNING ? "warning" : "error";
}

/* "FILE:LINE:COL: error: MESSAGE [PATH]" */
static char *
dxDiagLine(const dxFileResult *r, const dxError *e)
{
    dxBuf buf = DX_BUF_INIT;
    dxBufAddStr(&buf, e->file ? e->file : r->file);
    if (e->line > 0)
        dxBufAddf(&buf, ":%d", e->line);
    if (e->line > 0 && e->column > 0)
        dxBufAddf(&buf, ":%d", e->column);
    dxBufAddf(&buf, ": %s: %s", dxSeverityName(e->severity), e->message);
    if (e->path)
        dxBufAddf(&buf, " [%s]", e->path);
    return dxBufSteal(&buf);
}

static void
dxPrintText(dxValidateRun *run, const dxFileResult *r)
{
    size_t i;
    for (i = 0; i < r->ndiags; i++) {
        char *line = dxDiagLine(r, &r->diags[i]);
        fprintf(stderr, "%s\n", line);
        free(line);
    }
    if (run->verbose && r->status == 0)
        printf("%s: valid\n", r->file);
}

static void
dxPrintJSON(dxValidateRun *run, const dxFileResult *r)
{
    dxJSON *obj = dxJSONNewObject();
    dxJSON *list = dxJSONNewArray();
    size_t i, nerr = 0, nwarn = 0;
    char *text;

    for (i = 0; i < r->ndiags; i++) {
        const dxError *e = &r->diags[i];
        dxJSON *d = dxJSONNewObject();
        dxJSONAddString(d, "severity", dxSeverityName(e->severity));
        dxJSONAddString(d, "code", dxErrorCodeName(e->code));
        dxJSONAddString(d, "file", e->file ? e->file : r->file);
        dxJSONAddInt(d, "line", e->line);
        dxJSONAddInt(d, "column", e->column);
        if (e->path)
            dxJSONAddString(d, "path", e->path);
        dxJSONAddString(d, "message", e->message);
        dxJSONAppend(list, d);
        if (e->severity == DX_SEVERITY_ERROR)
            nerr++;
        else
            nwarn++;
    }
    dxJSONAddString(obj, "file", r->file);
    dxJSONAddBool(obj, "valid", r->status == 0);
    dxJSONAddInt(obj, "errors", (long long)nerr);
    dxJSONAddInt(obj, "warnings", (long long)nwarn);
    dxJSONAdd(obj, "diagnostics", list);
    text = dxJSONFormat(obj);
    fprintf(run->out, "%s\n", text);
    free(text);
    dxJSONFree(obj);
}

/* Print, in input order, every result that is complete. */
static void
dxFlush(dxValidateRun *run)
{
    while (run->printed < run->nfiles && run->files[run->printed].done) {
        const dxFileResult *r = &run->files[run->printed];
        if (run->format == DX_OUT_TEXT)
            dxPrintText(run, r);
        else if (run->format == DX_OUT_JSON)
            dxPrintJSON(run, r);
        run->printed++;
    }
    fflush(stdout);
    if (run->out)
        fflush(run->out);
}

static void
dxJUnitCase(dxBuf *buf, const dxFileResult *r)
{
    dxBuf errs = DX_BUF_INIT, warns = DX_BUF_INIT;
    const dxError *first = NULL;
    size_t i;

    for (i = 0; i < r->ndiags; i++) {
        char *line = dxDiagLine(r, &r->diags[i]);
        if (r->diags[i].severity == DX_SEVERITY_ERROR) {
            if (!first)
                first = &r->diags[i];
            dxBufEscapeXML(&errs, line);
            dxBufAddChar(&errs, '\n');
        } else {
            dxBufEscapeXML(&warns, line);
            dxBufAddChar(&warns, '\n');
        }
        free(line);
    }
    dxBufAddStr(buf, "    <testcase classname=\"domxml.validate\" name=\"");
    dxBufEscapeXML(buf, r->file);
    dxBufAddStr(buf, "\" file=\"");
    dxBufEscapeXML(buf, r->file);
    dxBufAddf(buf, "\" time=\"%.3f\"", r->seconds);
    if (!first && dxBufIsEmpty(&warns)) {
        dxBufAddStr(buf, "/>\n");
        return;
    }
    dxBufAddStr(buf, ">\n");
    if (first) {
        char *msg = first->line > 0 ? dxAsprintf("line %d: %s", first->line, first->message)
                                    : dxStrdup(first->message);
        /* unreadable files are errors of the run, invalid ones failures */
        const char *tag = r->status == 2 ? "error" : "failure";
        dxBufAddf(buf, "      <%s message=\"", tag);
        dxBufEscapeXML(buf, msg);
        dxBufAddf(buf, "\" type=\"%s\">", dxErrorCodeName(first->code));
        dxBufAddStr(buf, dxBufContent(&errs));
        dxBufAddf(buf, "</%s>\n", tag);
        free(msg);
    }
    if (!dxBufIsEmpty(&warns))
        dxBufAddf(buf, "      <system-err>%s</system-err>\n", dxBufContent(&warns));
    dxBufAddStr(buf, "    </testcase>\n");
    dxBufClear(&errs);
    dxBufClear(&warns);
}

static void
dxPrintJUnit(dxValidateRun *run, double seconds)
{
    dxBuf buf = DX_BUF_INIT;
    size_t i, failures = 0, errors = 0;
    for (i = 0; i < run->nfiles; i++) {
        failures += run->files[i].status == 1;
        errors += run->files[i].status == 2;
    }
    dxBufAddStr(&buf, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    dxBufAddf(&buf, "<testsuites name=\"domxml validate\" tests=\"%zu\" failures=\"%zu\" "
                    "errors=\"%zu\" time=\"%.3f\">\n", run->nfiles, failures, errors, seconds);
    dxBufAddf(&buf, "  <testsuite name=\"domxml validate\" tests=\"%zu\" failures=\"%zu\" "
                    "errors=\"%zu\" skipped=\"0\" time=\"%.3f\">\n",
              run->nfiles, failures, errors, seconds);
    for (i = 0; i < run->nfiles; i++)
        dxJUnitCase(&buf, &run->files[i]);
    dxBufAddStr(&buf, "  </testsuite>\n</testsuites>\n");
    fputs(dxBufContent(&buf), run->out);
    dxBufClear(&buf);
}

/* ---- workers ------------------------------------------------------------------ */

static void *
dxWorker(void *opaque)
{
    dxValidateRun *run = opaque;
    for (;;) {
        size_t i;
        pthread_mutex_lock(&run->lock);
        i = run->next++;
        pthread_mutex_unlock(&run->lock);
        if (i >= run->nfiles)
            break;
        dxValidateOne(run, &run->files[i]);
        pthread_mutex_lock(&run->lock);
        run->files[i].done = true;
        dxFlush(run);
        pthread_mutex_unlock(&run->lock);
    }
    return NULL;
}

static unsigned int
dxDefaultJobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 16 ? 16 : (unsigned int)n;
}

static void
dxRunWorkers(dxValidateRun *run, unsigned int jobs)
{
    pthread_t *threads;
    unsigned int i, started = 0;

    if (jobs > run->nfiles)
        jobs = run->nfiles ? (unsigned int)run->nfiles : 1;
    if (jobs <= 1) {
        dxWorker(run);
        return;
    }
    threads = dxNewN(pthread_t, jobs);
    for (i = 0; i < jobs; i++) {
        if (pthread_create(&threads[i], NULL, dxWorker, run) == 0)
            started++;
    }
    if (started == 0)
        dxWorker(run);      /* no threads to be had: do it here */
    for (i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    free(threads);
}

/* ---- command ------------------------------------------------------------------- */

static int
dxParseFormat(const char *s, dxOutFormat *out)
{
    if (strcmp(s, "text") == 0)
        *out = DX_OUT_TEXT;
    else if (strcmp(s, "json") == 0)
        *out = DX_OUT_JSON;
    else if (strcmp(s, "junit") == 0)
        *out = DX_OUT_JUNIT;
    else
        return -1;
    return 0;
}

int
dxCmdValidate(int argc, char **argv)
{
    static const struct option opts[] = {
        { "no-schema", no_argument, NULL, 'n' },
        { "strict", no_argument, NULL, 's' },
        { "verbose", no_argument, NULL, 'v' },
        { "jobs", required_argument, NULL, 'j' },
        { "format", required_argument, NULL, 'f' },
        { "output", required_argument, NULL, 'o' },
        { NULL, 0, NULL, 0 },
    };
    dxValidateRun run = { .flags = DX_DOMAIN_PARSE_SCHEMA, .format = DX_OUT_TEXT };
    unsigned int jobs = dxDefaultJobs();
    const char *output = NULL;
    size_t i, invalid = 0;
    double start = dxNow();
    int c, rc = 0;

    optind = 1;
    while ((c = getopt_long(argc, argv, "vj:o:", opts, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'n': run.flags &= ~DX_DOMAIN_PARSE_SCHEMA; break;
        case 's': run.flags |= DX_DOMAIN_PARSE_STRICT; break;
        case 'v': run.verbose = true; break;
        case 'o': output = optarg; break;
        case 'j':
            errno = 0;
            jobs = (unsigned int)strtoul(optarg, &end, 10);
            if (errno || *end || jobs < 1 || jobs > 256) {
                fprintf(stderr, "domxml: -j needs a number of jobs from 1 to 256\n");
                return DX_EXIT_USAGE;
            }
            break;
        case 'f':
            if (dxParseFormat(optarg, &run.format) < 0) {
                fprintf(stderr, "domxml: unknown --format '%s': use text, json or junit\n",
                        optarg);
                return DX_EXIT_USAGE;
            }
            break;
        default:
            return DX_EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "usage: domxml validate [OPTIONS] FILE|DIR...\n");
        return DX_EXIT_USAGE;
    }
    if (output && run.format == DX_OUT_TEXT) {
        fprintf(stderr, "domxml: -o is for --format=json or --format=junit\n");
        return DX_EXIT_USAGE;
    }
    run.out = stdout;
    if (output && !(run.out = fopen(output, "w"))) {
        fprintf(stderr, "domxml: cannot write %s: %s\n", output, strerror(errno));
        return DX_EXIT_USAGE;
    }
    for (i = (size_t)optind; i < (size_t)argc; i++)
        dxCollect(&run, argv[i]);
    pthread_mutex_init(&run.lock, NULL);
    dxRunWorkers(&run, jobs);
    pthread_mutex_destroy(&run.lock);
    if (run.format == DX_OUT_JUNIT)
        dxPrintJUnit(&run, dxNow() - start);
    for (i = 0; i < run.nfiles; i++) {
        dxFileResult *r = &run.files[i];
        size_t k;
        invalid += r->status != 0;
        if (r->status > rc)
            rc = r->status;
        for (k = 0; k < r->ndiags; k++) {
            free(r->diags[k].message);
            free(r->diags[k].file);
            free(r->diags[k].path);
        }
        free(r->diags);
        free(r->file);
    }
    if (run.format == DX_OUT_TEXT && run.nfiles > 1)
        fprintf(stderr, "domxml: %zu files, %zu valid, %zu invalid\n",
                run.nfiles, run.nfiles - invalid, invalid);
    if (run.nfiles == 0) {
        fprintf(stderr, "domxml: no *.xml files found\n");
        rc = DX_EXIT_USAGE;
    }
    free(run.files);
    if (output && fclose(run.out) != 0) {
        fprintf(stderr, "domxml: cannot write %s: %s\n", output, strerror(errno));
        rc = DX_EXIT_USAGE;
    }
    return rc;
}
