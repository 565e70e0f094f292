#include "cli_output.h"
#include "util/dxalloc.h"
#include "util/dxargv.h"
#include "util/dxbuf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static dxArgv
dxArgvView(char **args)
{
    dxArgv view = { args, 0, NULL, NULL };
    while (args[view.nargs])
        view.nargs++;
    return view;
}

char *
dxFormatArgvShell(char **args)
{
    dxArgv view = dxArgvView(args);
    return dxArgvFormatShell(&view);
}

char *
dxFormatArgvShellEnv(char **env, char **args)
{
    dxBuf buf = DX_BUF_INIT;
    char *argv = dxFormatArgvShell(args);
    size_t i;

    for (i = 0; env && env[i]; i++) {
        const char *eq = strchr(env[i], '=');
        size_t nlen = eq ? (size_t)(eq - env[i]) : strlen(env[i]);
        dxBufAdd(&buf, env[i], nlen);
        dxBufAddChar(&buf, '=');
        dxBufEscapeShell(&buf, eq ? eq + 1 : "");
        dxBufAddStr(&buf, " \\\n");
    }
    dxBufAddStr(&buf, argv);
    free(argv);
    return dxBufSteal(&buf);
}

char *
dxFormatArgvJSON(char **args)
{
    dxArgv view = dxArgvView(args);
    return dxArgvFormatJSON(&view);
}

static int
dxWriteAll(FILE *fp, const char *text)
{
    size_t len = strlen(text);
    return fwrite(text, 1, len, fp) == len ? 0 : -1;
}

/* mkstemp() creates 0600; the result should look like any file the user
 * writes: the mode of the file it replaces, else 0666 minus the umask. */
static int
dxOutputMode(const char *path)
{
    struct stat sb;
    mode_t mask;

    if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
        return sb.st_mode & 07777;
    mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

int
dxWriteOutput(const char *path, const char *text)
{
    char *tmp;
    FILE *fp;
    int fd;

    if (!path || strcmp(path, "-") == 0) {
        if (dxWriteAll(stdout, text) < 0 || fflush(stdout) != 0) {
            fprintf(stderr, "domxml: cannot write to stdout: %s\n", strerror(errno));
            return -1;
        }
        return 0;
    }
    /* a temporary file beside the target, so rename() is atomic */
    tmp = dxAsprintf("%s.XXXXXX", path);
    if ((fd = mkstemp(tmp)) < 0 || !(fp = fdopen(fd, "w"))) {
        fprintf(stderr, "domxml: cannot write %s: %s\n", path, strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(tmp);
        }
        free(tmp);
        return -1;
    }
    if (fchmod(fd, dxOutputMode(path)) < 0 ||
        dxWriteAll(fp, text) < 0 || fflush(fp) != 0 || fsync(fd) != 0) {
        fprintf(stderr, "domxml: cannot write %s: %s\n", path, strerror(errno));
        fclose(fp);
        unlink(tmp);
        free(tmp);
        return -1;
    }
    if (fclose(fp) != 0 || rename(tmp, path) < 0) {
        fprintf(stderr, "domxml: cannot write %s: %s\n", path, strerror(errno));
        unlink(tmp);
        free(tmp);
        return -1;
    }
    free(tmp);
    return 0;
}
