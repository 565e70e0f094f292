/* replay.c: run a fuzz target over files without libFuzzer (TAP).
 *
 *   replay-TARGET PATH...    each PATH a file, a directory whose regular
 *                            files are all replayed, or DIR/PATTERN (the
 *                            files of DIR matching the shell PATTERN); a
 *                            missing directory is skipped
 *
 * A broken property aborts the process, which fails the test. */
#include "fuzz_common.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int count;

static void
dxReplayFile(const char *path)
{
    FILE *fp = fopen(path, "rb");
    unsigned char *data;
    long len;

    if (!fp) {
        printf("not ok %d %s # cannot open: %s\n", ++count, path, strerror(errno));
        exit(1);
    }
    fseek(fp, 0, SEEK_END);
    len = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    if (!(data = malloc(len > 0 ? len : 1)) || fread(data, 1, len, fp) != (size_t)len)
        abort();
    fclose(fp);
    fflush(stdout);
    LLVMFuzzerTestOneInput(data, len);
    free(data);
    printf("ok %d %s\n", ++count, path);
}

static int
dxReplayCompare(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
dxReplayDir(const char *dir, const char *pattern)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, i;

    if (!d)
        return;
    while ((e = readdir(d))) {
        char *path;
        struct stat sb;
        if (e->d_name[0] == '.')
            continue;
        if (asprintf(&path, "%s/%s", dir, e->d_name) < 0)
            abort();
        if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode) &&
            (!pattern || fnmatch(pattern, e->d_name, 0) == 0)) {
            if (!(names = realloc(names, (n + 1) * sizeof(*names))))
                abort();
            names[n++] = path;
        } else {
            free(path);
        }
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof(*names), dxReplayCompare);
    for (i = 0; i < n; i++) {
        dxReplayFile(names[i]);
        free(names[i]);
    }
    free(names);
}

int
main(int argc, char **argv)
{
    int i;
    for (i = 1; i < argc; i++) {
        struct stat sb;
        char *slash = strrchr(argv[i], '/');
        if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
            dxReplayDir(argv[i], NULL);
        } else if (stat(argv[i], &sb) == 0) {
            dxReplayFile(argv[i]);
        } else if (slash && strchr(slash, '*')) {
            *slash = '\0';
            dxReplayDir(argv[i], slash + 1);
        }
    }
    printf("1..%d\n", count);
    return 0;
}
