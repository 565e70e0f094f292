/* cmd_check.c: `domxml check`, ask the installed QEMU whether it accepts
 * the command line domxml builds.
 *
 * QEMU is started paused (-S) with stand-ins for what only a real host has
 * (check_argv.c) and a private QMP monitor.  The reply to
 * qmp_capabilities comes only once QEMU has parsed every option, created
 * every backend and realized every device; then it is told to quit.  If
 * it exits first, its own error message is the verdict.  No guest code
 * runs, and nothing outside a private temporary directory is touched.
 */
#include "cmd_check.h"
#include "cmd_validate.h"
#include "check_argv.h"
#include "domxml/domxml.h"
#include "util/dxalloc.h"
#include "util/dxbuf.h"
#include "util/dxjson.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <getopt.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DX_EXIT_INCONCLUSIVE 3

typedef enum {
    DX_CHECK_ACCEPTED,
    DX_CHECK_REFUSED,        /* QEMU (or domxml) refused the configuration */
    DX_CHECK_HOST,           /* a host resource was missing: inconclusive */
    DX_CHECK_TIMEOUT,
} dxCheckVerdict;

typedef struct {
    const char *emulator;    /* --emulator, or NULL: the domain's */
    double timeout;
    bool verbose;
    bool keep;
    bool argvInput;          /* inputs are argv files (to-argv --format=json) */
    char **vfioProps;        /* learnt once from QEMU */
    bool vfioLearnt;
    pthread_mutex_t lock;
} dxCheckOpts;

static double
dxNow(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- finding programs -------------------------------------------------------- */

static char *
dxFindProgram(const char *name)
{
    const char *path = getenv("PATH");
    char *copy, *dir, *save = NULL, *found = NULL;
    if (strchr(name, '/'))
        return access(name, X_OK) == 0 ? dxStrdup(name) : NULL;
    copy = dxStrdup(path && *path ? path : "/usr/local/bin:/usr/bin:/bin");
    for (dir = strtok_r(copy, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
        char *p = dxAsprintf("%s/%s", dir, name);
        if (access(p, X_OK) == 0)
            found = p;
        else
            free(p);
    }
    free(copy);
    return found;
}

/* ---- running a program -------------------------------------------------------- */

typedef struct {
    pid_t pid;
    int errfd;              /* its stderr (and stdout) */
    dxBuf err;
} dxChild;

static int
dxSpawn(char *const *args, const char *cwd, const dxCheckPassFd *pass, size_t npass,
        dxChild *child)
{
    int pipefd[2];
    memset(child, 0, sizeof(*child));
    if (pipe2(pipefd, O_CLOEXEC) < 0)
        return -1;
    if ((child->pid = fork()) < 0) {
        close(pipefd[0]);
        close(pipefd[1]);
        return -1;
    }
    if (child->pid == 0) {
        int null = open("/dev/null", O_RDONLY);
        if (null >= 0)
            dup2(null, 0);
        dup2(pipefd[1], 1);
        dup2(pipefd[1], 2);
        if (cwd && chdir(cwd) < 0)
            _exit(127);
        for (size_t i = 0; i < npass; i++) {
            int fd = open(pass[i].path, O_RDWR | O_CREAT, 0600);
            if (fd < 0 || (fd != pass[i].fd && dup2(fd, pass[i].fd) < 0))
                _exit(127);
            if (fd != pass[i].fd)
                close(fd);
        }
        setenv("LC_ALL", "C", 1);
        if (cwd)
            setenv("HOME", cwd, 1);
        execv(args[0], args);
        fprintf(stderr, "%s: cannot run: %s\n", args[0], strerror(errno));
        _exit(127);
    }
    close(pipefd[1]);
    child->errfd = pipefd[0];
    return 0;
}

static void
dxDrain(dxChild *child)
{
    char buf[4096];
    ssize_t n;
    while (child->errfd >= 0 && (n = read(child->errfd, buf, sizeof(buf))) > 0)
        dxBufAdd(&child->err, buf, n);
}

/* Wait for the child to end, killing it after DEADLINE; its status. */
static int
dxReap(dxChild *child, double deadline)
{
    int status = 0;
    for (;;) {
        pid_t r = waitpid(child->pid, &status, WNOHANG);
        if (r == child->pid)
            break;
        if (r < 0 && errno != EINTR)
            break;
        if (dxNow() > deadline)
            kill(child->pid, SIGKILL);
        usleep(5000);
    }
    if (child->errfd >= 0) {
        int fl = fcntl(child->errfd, F_GETFL);
        fcntl(child->errfd, F_SETFL, fl | O_NONBLOCK);
        dxDrain(child);
        close(child->errfd);
        child->errfd = -1;
    }
    return status;
}

/* ---- a stand-in ivshmem server ----------------------------------------------------- */

/* ivshmem-doorbell reads its setup from the server while QEMU realizes it:
 * protocol version 0, its peer id, then -1 with the shared memory fd. */
static void
dxIvshmemSend(int fd, long long value, int passFd)
{
    struct msghdr msg = { 0 };
    struct iovec iov = { &value, sizeof(value) };
    char control[CMSG_SPACE(sizeof(int))];
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    if (passFd >= 0) {
        struct cmsghdr *cm;
        memset(control, 0, sizeof(control));
        msg.msg_control = control;
        msg.msg_controllen = sizeof(control);
        cm = CMSG_FIRSTHDR(&msg);
        cm->cmsg_level = SOL_SOCKET;
        cm->cmsg_type = SCM_RIGHTS;
        cm->cmsg_len = CMSG_LEN(sizeof(int));
        memcpy(CMSG_DATA(cm), &passFd, sizeof(int));
    }
    if (sendmsg(fd, &msg, MSG_NOSIGNAL) < 0)
        return;     /* QEMU reports what it did not get */
}

static void
dxServeIvshmem(const dxCheckPlan *plan, int **clients, size_t *nclients)
{
    size_t i;
    for (i = 0; i < plan->nivshmemFds; i++) {
        int c = accept4(plan->ivshmemFds[i], NULL, NULL, SOCK_CLOEXEC);
        int shm;
        if (c < 0)
            continue;
        shm = memfd_create("domxml-check-ivshmem", MFD_CLOEXEC);
        if (shm >= 0 && ftruncate(shm, 4 << 20) == 0) {
            dxIvshmemSend(c, 0, -1);
            dxIvshmemSend(c, 0, -1);
            dxIvshmemSend(c, -1, shm);
        }
        if (shm >= 0)
            close(shm);
        DX_APPEND(*clients, *nclients, c);    /* closed when the run ends */
    }
}

/* ---- QMP -------------------------------------------------------------------------- */

typedef struct {
    int fd;
    dxBuf in;
    const dxCheckPlan *plan;    /* stand-in servers to serve meanwhile */
    int *clients;
    size_t nclients;
} dxQMP;

/* Read one line from QMP, also draining QEMU's stderr so it never blocks.
 * 1 with *LINE, 0 on EOF, -1 on timeout. */
static int
dxQMPReadLine(dxQMP *q, dxChild *child, double deadline, char **line)
{
    for (;;) {
        const char *data = dxBufContent(&q->in);
        const char *nl = strchr(data, '\n');
        struct pollfd pfd[2] = { { q->fd, POLLIN, 0 }, { child->errfd, POLLIN, 0 } };
        double left = deadline - dxNow();
        char buf[4096];
        ssize_t n;

        if (nl) {
            size_t len = nl - data + 1;
            *line = dxStrndup(data, len - 1);
            memmove(q->in.data, q->in.data + len, q->in.len - len + 1);
            q->in.len -= len;
            return 1;
        }
        if (left <= 0)
            return -1;
        dxServeIvshmem(q->plan, &q->clients, &q->nclients);
        if (poll(pfd, child->errfd >= 0 ? 2 : 1, q->plan->nivshmemFds ? 10 : (int)(left * 1000) + 1) < 0 &&
            errno != EINTR)
            return 0;
        if (pfd[1].revents) {
            n = read(child->errfd, buf, sizeof(buf));
            if (n > 0)
                dxBufAdd(&child->err, buf, n);
            else {
                close(child->errfd);
                child->errfd = -1;
            }
        }
        if (pfd[0].revents) {
            n = read(q->fd, buf, sizeof(buf));
            if (n <= 0)
                return 0;
            dxBufAdd(&q->in, buf, n);
        }
    }
}

static int
dxQMPConnect(dxQMP *q, const char *path, dxChild *child, double deadline)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    if (strlen(path) >= sizeof(sa.sun_path))
        return -1;
    strcpy(sa.sun_path, path);
    while (dxNow() < deadline) {
        int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0)
            return -1;
        if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0)
            return fd;
        close(fd);
        dxServeIvshmem(q->plan, &q->clients, &q->nclients);
        if (waitpid(child->pid, NULL, WNOHANG) != 0)
            return -1;      /* QEMU is gone (or not ours): it failed */
        {
            char buf[4096];
            struct pollfd pfd = { child->errfd, POLLIN, 0 };
            if (child->errfd >= 0 && poll(&pfd, 1, 10) > 0) {
                ssize_t n = read(child->errfd, buf, sizeof(buf));
                if (n > 0)
                    dxBufAdd(&child->err, buf, n);
            }
        }
    }
    return -1;
}

static bool
dxQMPSend(dxQMP *q, const char *cmd)
{
    size_t len = strlen(cmd);
    /* QEMU may have gone away: no SIGPIPE for us */
    return send(q->fd, cmd, len, MSG_NOSIGNAL) == (ssize_t)len;
}

/* 1 when QEMU answers qmp_capabilities, 0 when it goes away, -1 timeout. */
static int
dxQMPHandshake(dxQMP *q, dxChild *child, double deadline)
{
    char *line = NULL;
    int rc;
    bool sent = false;
    while ((rc = dxQMPReadLine(q, child, deadline, &line)) == 1) {
        dxJSON *msg = dxJSONParse(line, NULL);
        free(line);
        if (msg && dxJSONGet(msg, "QMP") && !sent) {
            sent = dxQMPSend(q, "{\"execute\":\"qmp_capabilities\"}\n");
        } else if (msg && sent && (dxJSONGet(msg, "return") || dxJSONGet(msg, "error"))) {
            dxJSONFree(msg);
            return 1;
        }
        dxJSONFree(msg);
    }
    return rc;
}

/* ---- one run of QEMU ---------------------------------------------------------------- */

static bool
dxIsWarning(const char *line)
{
    return strstr(line, "warning:") || strstr(line, "char device redirected to") ||
           strstr(line, "qemu-system-") == NULL;
}

/* QEMU's own error lines ("qemu-system-x86_64: ..."), warnings left out. */
static char *
dxQemuMessage(const char *out)
{
    dxBuf buf = DX_BUF_INIT;
    char *copy = dxStrdup(out), *save = NULL, *line;
    for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        int skip = 0;
        if (dxIsWarning(line))
            continue;
        /* -msg timestamp=on puts "2023-01-16T10:00:00.000000Z " first */
        if (sscanf(line, "%*4d-%*2d-%*2dT%*2d:%*2d:%*2d.%*dZ %n", &skip) == 0 && skip > 0)
            line += skip;
        if (!dxBufIsEmpty(&buf))
            dxBufAddChar(&buf, '\n');
        dxBufAddStr(&buf, line);
    }
    free(copy);
    if (dxBufIsEmpty(&buf) && *out)
        dxBufAddStr(&buf, out);
    return dxBufSteal(&buf);
}

/* Failures that are about this host, not the configuration. */
/* Failures that are about this host, not the configuration. */
static bool
dxIsHostProblem(const char *msg)
{
    static const char *const hints[] = {
        "/dev/vhost-", "no such host device", "could not access kvm", "failed to initialize kvm",
        "/dev/kvm", "tpm-passthrough", "swtpm", "failed to open /dev/", "vhost-user",
        "failed to connect to", "/dev/sev", "kernel doesn't allow", "requires kvm", NULL,
    };
    char *lower = dxStrdup(msg);
    bool hit = false;
    size_t i;
    for (i = 0; lower[i]; i++)
        lower[i] = (char)tolower((unsigned char)lower[i]);
    for (i = 0; hints[i] && !hit; i++)
        hit = strstr(lower, hints[i]) != NULL;
    free(lower);
    return hit;
}

static dxCheckVerdict
dxRunQemu(const dxCheckPlan *plan, const char *dir, double timeout, char **message,
          bool *crashed)
{
    double deadline = dxNow() + timeout;
    dxChild child;
    dxQMP q = { -1, DX_BUF_INIT, plan, NULL, 0 };
    size_t i;
    dxCheckVerdict v;
    int status, rc = 0;

    *crashed = false;
    if (dxSpawn(plan->args, dir, plan->passFds, plan->npassFds, &child) < 0) {
        *message = dxAsprintf("cannot start %s: %s", plan->args[0], strerror(errno));
        return DX_CHECK_HOST;
    }
    if ((q.fd = dxQMPConnect(&q, plan->qmpSocket, &child, deadline)) >= 0)
        rc = dxQMPHandshake(&q, &child, deadline);
    else
        rc = dxNow() >= deadline ? -1 : 0;
    if (rc == 1) {
        dxQMPSend(&q, "{\"execute\":\"quit\"}\n");
        status = dxReap(&child, dxNow() + 5);
        v = DX_CHECK_ACCEPTED;
        *message = NULL;
    } else {
        if (rc < 0)
            kill(child.pid, SIGKILL);
        status = dxReap(&child, dxNow() + 5);
        *message = dxQemuMessage(dxBufContent(&child.err));
        if (rc < 0) {
            v = DX_CHECK_TIMEOUT;
        } else {
            *crashed = WIFSIGNALED(status);
            v = dxIsHostProblem(*message) ? DX_CHECK_HOST : DX_CHECK_REFUSED;
            if (!**message) {
                free(*message);
                *message = WIFSIGNALED(status) ?
                           dxAsprintf("QEMU was killed by signal %d", WTERMSIG(status)) :
                           dxAsprintf("QEMU exited with status %d", WEXITSTATUS(status));
            }
        }
    }
    if (q.fd >= 0)
        close(q.fd);
    for (i = 0; i < q.nclients; i++)
        close(q.clients[i]);
    free(q.clients);
    dxBufClear(&q.in);
    dxBufClear(&child.err);
    return v;
}

/* ---- learning vfio-pci's properties once --------------------------------------------- */

static void
dxLearnVFIO(dxCheckOpts *o, const char *emulator)
{
    char *args[] = { (char *)emulator, (char *)"-device", (char *)"vfio-pci,help", NULL };
    dxChild child;
    char *copy, *save = NULL, *line;
    char **props = NULL;
    size_t n = 0;

    pthread_mutex_lock(&o->lock);
    if (o->vfioLearnt) {
        pthread_mutex_unlock(&o->lock);
        return;
    }
    o->vfioLearnt = true;
    if (dxSpawn(args, NULL, NULL, 0, &child) == 0) {
        dxDrain(&child);
        dxReap(&child, dxNow() + 10);
        copy = dxStrdup(dxBufContent(&child.err));
        /* lines look like "  x-pci-vendor-id=<uint32> ..." */
        for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
            char *p = line, *eq;
            while (*p == ' ')
                p++;
            if ((eq = strchr(p, '=')) && eq > p && memchr(p, ' ', eq - p) == NULL)
                DX_APPEND(props, n, dxStrndup(p, eq - p));
        }
        free(copy);
        dxBufClear(&child.err);
    }
    if (n > 3) {
        DX_APPEND(props, n, NULL);
        o->vfioProps = props;
    } else {
        size_t i;
        for (i = 0; i < n; i++)
            free(props[i]);
        free(props);
    }
    pthread_mutex_unlock(&o->lock);
}

/* ---- one file ------------------------------------------------------------------------- */

static int
dxRemoveEntry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static char **
dxReadArgvFile(const char *path)
{
    FILE *fp = fopen(path, "rb");
    dxBuf buf = DX_BUF_INIT;
    char chunk[4096], **args = NULL, *err = NULL;
    size_t n, nargs = 0, i;
    dxJSON *arr;

    if (!fp) {
        fprintf(stderr, "%s: error: cannot open: %s\n", path, strerror(errno));
        return NULL;
    }
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
        dxBufAdd(&buf, chunk, n);
    fclose(fp);
    arr = dxJSONParse(dxBufContent(&buf), &err);
    dxBufClear(&buf);
    if (!arr || dxJSONGetType(arr) != DX_JSON_ARRAY || dxJSONSize(arr) == 0) {
        fprintf(stderr, "%s: error: not a JSON array of strings (domxml to-argv --format=json)%s%s\n",
                path, err ? ": " : "", err ? err : "");
        free(err);
        dxJSONFree(arr);
        return NULL;
    }
    for (i = 0; i < dxJSONSize(arr); i++) {
        const char *s = dxJSONStringValue(dxJSONValueAt(arr, i));
        DX_APPEND(args, nargs, dxStrdup(s ? s : ""));
    }
    DX_APPEND(args, nargs, NULL);
    dxJSONFree(arr);
    return args;
}

static char **
dxBuildArgv(const char *file, const char *stateDir)
{
    dxArgvOptions aopts = { stateDir };
    dxDomainDef *def;
    char **args = NULL;
    size_t i;

    dxErrorClear();
    if ((def = dxDomainDefParseFile(file, 0)))
        args = dxDomainDefBuildArgv(def, &aopts, NULL);
    for (i = 0; i < dxErrorCount(); i++) {
        const dxError *e = dxErrorGet(i);
        fprintf(stderr, "%s", e->file ? e->file : file);
        if (e->line > 0)
            fprintf(stderr, ":%d", e->line);
        if (e->line > 0 && e->column > 0)
            fprintf(stderr, ":%d", e->column);
        fprintf(stderr, ": %s: %s%s%s%s\n", e->severity == DX_SEVERITY_WARNING ? "warning" : "error",
                e->message, e->path ? " [" : "", e->path ? e->path : "", e->path ? "]" : "");
    }
    dxErrorClear();
    dxDomainDefFree(def);
    return args;
}

static void
dxPrintMessage(const char *file, const char *what, const char *msg)
{
    char *copy = dxStrdup(msg), *save = NULL, *line;
    fprintf(stderr, "%s: error: %s\n", file, what);
    for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
        fprintf(stderr, "%s:   %s\n", file, line);
    free(copy);
}

static int
dxCheckFile(dxCheckOpts *o, const char *file, const char *emulator, const char *qemuImg)
{
    char tmpl[] = "/tmp/domxml-check-XXXXXX";
    char *dir, *state = NULL, **args;
    dxCheckEnv env = { .qemuImg = qemuImg };
    dxCheckPlan plan;
    dxCheckVerdict v = DX_CHECK_HOST;
    char *msg = NULL;
    bool crashed = false;
    int rc, attempt, kvm;
    (void)crashed;
    size_t i;

    if (!(dir = mkdtemp(tmpl))) {
        fprintf(stderr, "%s: error: cannot create a temporary directory: %s\n", file,
                strerror(errno));
        return DX_EXIT_USAGE;
    }
    state = dxAsprintf("%s/state", dir);
    mkdir(state, 0700);
    args = o->argvInput ? dxReadArgvFile(file) : dxBuildArgv(file, state);
    if (!args) {
        rc = DX_EXIT_INVALID;
        goto cleanup;
    }
    free(args[0]);
    args[0] = dxStrdup(emulator);
    dxLearnVFIO(o, emulator);
    env.dir = dir;
    env.vfioProps = o->vfioProps;
    kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
    env.tcg = kvm < 0;
    if (kvm >= 0)
        close(kvm);
    /* KVM on a given host lacks things QEMU itself has (SMM, some CPU
     * models, nested features): a refusal under KVM is asked again under
     * TCG, and the configuration is accepted if TCG accepts it */
    for (attempt = 0; attempt < 2; attempt++) {
        char *kvmMsg = msg;
        msg = NULL;
        if (dxCheckPrepare(args, &env, &plan) < 0 || plan.refusal) {
            msg = dxStrdup(plan.refusal);
            v = strncmp(msg, "cannot", 6) == 0 ? DX_CHECK_HOST : DX_CHECK_REFUSED;
            dxCheckPlanClear(&plan);
            free(kvmMsg);
            break;
        }
        if (o->verbose) {
            for (i = 0; i < plan.nnotes; i++)
                fprintf(stderr, "%s: note: stand-in: %s\n", file, plan.notes[i]);
        }
        v = dxRunQemu(&plan, dir, o->timeout, &msg, &crashed);
        dxCheckPlanClear(&plan);
        if (kvmMsg && v == DX_CHECK_ACCEPTED) {
            for (i = 0; kvmMsg[i]; i++)
                kvmMsg[i] = kvmMsg[i] == '\n' ? ' ' : kvmMsg[i];
            fprintf(stderr, "%s: note: accepted under TCG; under KVM this host said: %s\n",
                    file, kvmMsg);
        }
        free(kvmMsg);
        if (v != DX_CHECK_REFUSED || env.tcg)
            break;
        env.tcg = true;
        env.morePhysBits = msg && strstr(msg, "phys-bits");
    }
    for (i = 0; args[i]; i++)
        free(args[i]);
    free(args);
    switch (v) {
    case DX_CHECK_ACCEPTED:
        if (o->verbose)
            printf("%s: accepted by %s\n", file, emulator);
        rc = DX_EXIT_OK;
        break;
    case DX_CHECK_REFUSED:
        dxPrintMessage(file, "QEMU refuses this configuration:", msg);
        rc = DX_EXIT_INVALID;
        break;
    case DX_CHECK_TIMEOUT:
        fprintf(stderr, "%s: error: QEMU did not answer within %g s (backends such as "
                "vhost-user or a TPM emulator need their daemon)\n", file, o->timeout);
        if (msg && *msg)
            dxPrintMessage(file, "QEMU said:", msg);
        rc = DX_EXIT_INCONCLUSIVE;
        break;
    case DX_CHECK_HOST:
    default:
        dxPrintMessage(file, "inconclusive: a host resource is missing:", msg ? msg : "?");
        rc = DX_EXIT_INCONCLUSIVE;
        break;
    }
 cleanup:
    free(msg);
    if (o->keep)
        fprintf(stderr, "%s: note: kept %s\n", file, dir);
    else
        nftw(dir, dxRemoveEntry, 16, FTW_DEPTH | FTW_PHYS);
    free(state);
    return rc;
}

/* ---- command ------------------------------------------------------------------------------ */

/* usage/I-O errors, then refusals, then inconclusive runs decide the exit */
static int
dxExitRank(int rc)
{
    switch (rc) {
    case DX_EXIT_USAGE: return 3;
    case DX_EXIT_INVALID: return 2;
    case DX_EXIT_INCONCLUSIVE: return 1;
    default: return 0;
    }
}

int
dxCmdCheck(int argc, char **argv)
{
    static const struct option opts[] = {
        { "emulator", required_argument, NULL, 'e' },
        { "timeout", required_argument, NULL, 't' },
        { "verbose", no_argument, NULL, 'v' },
        { "keep", no_argument, NULL, 'k' },
        { "argv", no_argument, NULL, 'a' },
        { NULL, 0, NULL, 0 },
    };
    dxCheckOpts o = { .timeout = 30 };
    char *emulator, *qemuImg;
    int c, i, rc = 0;

    optind = 1;
    while ((c = getopt_long(argc, argv, "v", opts, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'e': o.emulator = optarg; break;
        case 'v': o.verbose = true; break;
        case 'k': o.keep = true; break;
        case 'a': o.argvInput = true; break;
        case 't':
            o.timeout = strtod(optarg, &end);
            if (*end || o.timeout <= 0 || o.timeout > 3600) {
                fprintf(stderr, "domxml: --timeout needs seconds (0 < S <= 3600)\n");
                return DX_EXIT_USAGE;
            }
            break;
        default:
            return DX_EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "usage: domxml check [--emulator PATH] [--timeout S] [--argv] [-v] FILE...\n");
        return DX_EXIT_USAGE;
    }
    emulator = dxFindProgram(o.emulator ? o.emulator : "qemu-system-x86_64");
    if (!emulator) {
        fprintf(stderr, "domxml check: %s is not installed: skipped (install QEMU, e.g. "
                "apt-get install qemu-system-x86, to check against it)\n",
                o.emulator ? o.emulator : "qemu-system-x86_64");
        return DX_EXIT_OK;
    }
    qemuImg = dxFindProgram("qemu-img");
    pthread_mutex_init(&o.lock, NULL);
    for (i = optind; i < argc; i++) {
        int frc = dxCheckFile(&o, argv[i], emulator, qemuImg);
        if (dxExitRank(frc) > dxExitRank(rc))
            rc = frc;
    }
    pthread_mutex_destroy(&o.lock);
    if (o.vfioProps) {
        for (i = 0; o.vfioProps[i]; i++)
            free(o.vfioProps[i]);
        free(o.vfioProps);
    }
    free(emulator);
    free(qemuImg);
    return rc;
}
