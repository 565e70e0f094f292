/* check_argv.c: stand-ins that let the installed QEMU judge a command
 * line offline (see check_argv.h). */
#include "check_argv.h"
#include "util/dxalloc.h"
#include "util/dxbuf.h"
#include "util/dxjson.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- key=value options ----------------------------------------------------- */

size_t
dxKVParse(const char *text, dxKV **out)
{
    dxKV *kv = NULL;
    size_t n = 0;
    const char *p = text;

    while (*p) {
        dxBuf buf = DX_BUF_INIT;
        dxKV item = { NULL, NULL };
        char *word, *eq;
        for (; *p; p++) {
            if (*p == ',' && p[1] == ',') {
                dxBufAddChar(&buf, ',');
                p++;
            } else if (*p == ',') {
                p++;
                break;
            } else {
                dxBufAddChar(&buf, *p);
            }
        }
        word = dxBufSteal(&buf);
        if ((eq = strchr(word, '=')) && !(n == 0 && strchr(word, ':') && strchr(word, ':') < eq)) {
            item.key = dxStrndup(word, eq - word);
            item.value = dxStrdup(eq + 1);
            free(word);
        } else {
            item.value = word;
        }
        DX_APPEND(kv, n, item);
    }
    *out = kv;
    return n;
}

char *
dxKVFormat(const dxKV *kv, size_t n)
{
    dxBuf buf = DX_BUF_INIT;
    size_t i;
    for (i = 0; i < n; i++) {
        if (!kv[i].value)
            continue;   /* removed */
        if (!dxBufIsEmpty(&buf))
            dxBufAddChar(&buf, ',');
        if (kv[i].key)
            dxBufAddf(&buf, "%s=", kv[i].key);
        dxBufEscapeComma(&buf, kv[i].value);
    }
    return dxBufSteal(&buf);
}

void
dxKVFree(dxKV *kv, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        free(kv[i].key);
        free(kv[i].value);
    }
    free(kv);
}

static dxKV *
dxKVFind(dxKV *kv, size_t n, const char *key)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (kv[i].key && kv[i].value && strcmp(kv[i].key, key) == 0)
            return &kv[i];
    }
    return NULL;
}

static void
dxKVSet(dxKV **kv, size_t *n, const char *key, const char *value)
{
    dxKV *e = dxKVFind(*kv, *n, key);
    if (e) {
        free(e->value);
        e->value = dxStrdup(value);
    } else {
        dxKV item = { dxStrdup(key), dxStrdup(value) };
        DX_APPEND(*kv, *n, item);
    }
}

static void
dxKVDrop(dxKV *kv, size_t n, const char *key)
{
    dxKV *e;
    while ((e = dxKVFind(kv, n, key))) {
        free(e->value);
        e->value = NULL;
    }
}

/* The value of every encrypted secret, and of the key of every encrypted
 * stand-in image (QEMU must be able to open what it is given). */
#define DX_CHECK_SECRET "domxml-check-stand-in"

/* ---- the plan ------------------------------------------------------------------ */

typedef struct {
    const dxCheckEnv *env;
    dxCheckPlan *plan;
    char *const *in;
    size_t nin;
    unsigned int counter;       /* names of stand-in files */
    dxJSON **nodes;             /* every -blockdev, parsed */
    size_t nnodes;
    char *pflash[2];            /* -machine pflash0/pflash1 node names */
    bool sawDisplay;
    bool sawS;
    char **dropped;             /* ids of backends left out (TPM) */
    size_t ndropped;
    char **ivshmem;             /* chardevs of ivshmem-doorbell devices */
    size_t nivshmem;
} dxCheckCtx;

static bool
dxInList(char *const *list, size_t n, const char *s)
{
    size_t i;
    for (i = 0; s && i < n; i++) {
        if (strcmp(list[i], s) == 0)
            return true;
    }
    return false;
}

static bool
dxDropped(dxCheckCtx *c, const char *id)
{
    size_t i;
    for (i = 0; id && i < c->ndropped; i++) {
        if (strcmp(c->dropped[i], id) == 0)
            return true;
    }
    return false;
}

static void
dxAdd(dxCheckCtx *c, const char *arg)
{
    DX_APPEND(c->plan->args, c->plan->nargs, dxStrdup(arg));
}

static void
dxAddTake(dxCheckCtx *c, char *arg)
{
    DX_APPEND(c->plan->args, c->plan->nargs, arg);
}

static void dxNote(dxCheckCtx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
dxNote(dxCheckCtx *c, const char *fmt, ...)
{
    va_list ap;
    char *msg = NULL;
    va_start(ap, fmt);
    if (vasprintf(&msg, fmt, ap) < 0)
        abort();
    va_end(ap);
    DX_APPEND(c->plan->notes, c->plan->nnotes, msg);
}

static char *
dxStandinPath(dxCheckCtx *c, const char *what)
{
    return dxAsprintf("%s/%s%u", c->env->dir, what, c->counter++);
}

static bool
dxExists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

/* Files of the system (firmware, ROMs) are used as they are; anything else
 * is the user's data or a host resource and gets a stand-in. */
static bool
dxIsSystemFile(const char *path)
{
    return strncmp(path, "/usr/", 5) == 0 && dxExists(path);
}

static int
dxWriteFile(const char *path, const void *data, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return -1;
    if (write(fd, data, len) != (ssize_t)len) {
        close(fd);
        return -1;
    }
    return close(fd);
}

static int
dxCopyFile(const char *from, const char *to)
{
    char buf[65536];
    int in = open(from, O_RDONLY | O_CLOEXEC), out;
    ssize_t n;
    if (in < 0)
        return -1;
    out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (out < 0) {
        close(in);
        return -1;
    }
    while ((n = read(in, buf, sizeof(buf))) > 0) {
        if (write(out, buf, n) != n) {
            n = -1;
            break;
        }
    }
    close(in);
    return close(out) < 0 || n < 0 ? -1 : 0;
}

/* qemu-img create [-o OPTS] -f FORMAT PATH 64M, with the stand-in secret
 * as "sec0" for encrypted images. */
static int
dxRunQemuImg(dxCheckCtx *c, const char *format, const char *opts, const char *path)
{
    pid_t pid;
    int status;
    if (!c->env->qemuImg)
        return -1;
    if ((pid = fork()) < 0)
        return -1;
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR);
        if (null >= 0) {
            dup2(null, 0);
            dup2(null, 1);
            dup2(null, 2);
        }
        if (opts)
            execl(c->env->qemuImg, "qemu-img", "create", "-q",
                  "--object", "secret,id=sec0,data=" DX_CHECK_SECRET,
                  "-o", opts, "-f", format, path, "64M", (char *)NULL);
        else
            execl(c->env->qemuImg, "qemu-img", "create", "-q", "-f", format, path, "64M",
                  (char *)NULL);
        _exit(127);
    }
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* An image of FORMAT at a new path (encrypted with the stand-in secret
 * when the format node says it is); NULL (refusal set) when impossible. */
static char *
dxMakeImage(dxCheckCtx *c, const char *format, const dxJSON *fmtNode)
{
    char *path = dxStandinPath(c, "disk");
    const dxJSON *enc = fmtNode ? dxJSONGet(fmtNode, "encrypt") : NULL;
    int rc, i;
    if (!format)
        format = "raw";
    /* qemu-img times the key derivation and, on a busy or virtual CPU,
     * sometimes cannot: try again */
    if (strcmp(format, "luks") == 0)
        for (i = 0, rc = -1; i < 5 && rc < 0; i++)
            rc = dxRunQemuImg(c, "luks", "key-secret=sec0,iter-time=50", path);
    else if (enc && dxStrEq(dxJSONGetString(enc, "format"), "luks"))
        for (i = 0, rc = -1; i < 5 && rc < 0; i++)
            rc = dxRunQemuImg(c, format, "encrypt.format=luks,encrypt.key-secret=sec0,"
                              "encrypt.iter-time=50", path);
    else if (strcmp(format, "raw") == 0) {
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        rc = fd < 0 || ftruncate(fd, 64 << 20) < 0 ? -1 : 0;
        if (fd >= 0)
            close(fd);
    } else {
        rc = dxRunQemuImg(c, format, NULL, path);
    }
    if (rc < 0) {
        if (!c->plan->refusal)
            c->plan->refusal = dxAsprintf("cannot create a %s stand-in image%s", format,
                                          c->env->qemuImg ? "" : " (qemu-img is not installed)");
        free(path);
        return NULL;
    }
    return path;
}

/* A UEFI variable store matching the firmware code image CODE. */
static char *
dxMakeVarsStore(dxCheckCtx *c, const char *code)
{
    static const char *const candidates[] = {
        "/usr/share/OVMF/OVMF_VARS_4M.fd", "/usr/share/OVMF/OVMF_VARS.fd",
        "/usr/share/qemu/OVMF_VARS.fd", NULL,
    };
    char *path = dxStandinPath(c, "vars");
    char *guess = NULL;
    const char *hit;
    size_t i;

    if (code && (hit = strstr(code, "CODE"))) {
        guess = dxStrdup(code);
        memcpy(guess + (hit - code), "VARS", 4);
    }
    if (guess && dxExists(guess) && dxCopyFile(guess, path) == 0) {
        free(guess);
        return path;
    }
    free(guess);
    for (i = 0; candidates[i]; i++) {
        bool want4M = code && strstr(code, "_4M");
        if ((strstr(candidates[i], "_4M") != NULL) != want4M)
            continue;
        if (dxExists(candidates[i]) && dxCopyFile(candidates[i], path) == 0)
            return path;
    }
    free(path);
    return dxMakeImage(c, "raw", NULL);
}

/* Firmware code for pflash0 when the domain's is not on this host: this
 * host's OVMF, or zeros of a size that fits the 8 MiB flash window. */
static char *
dxMakeFirmwareCode(dxCheckCtx *c)
{
    static const char *const candidates[] = {
        "/usr/share/OVMF/OVMF_CODE_4M.fd", "/usr/share/OVMF/OVMF_CODE.fd", NULL,
    };
    char *path = dxStandinPath(c, "code");
    int fd;
    size_t i;
    for (i = 0; candidates[i]; i++) {
        if (dxExists(candidates[i]) && dxCopyFile(candidates[i], path) == 0)
            return path;
    }
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0 || ftruncate(fd, 2 << 20) < 0) {
        if (fd >= 0)
            close(fd);
        free(path);
        return NULL;
    }
    close(fd);
    return path;
}

/* ---- -blockdev ---------------------------------------------------------------- */

static const dxJSON *
dxNodeNamed(dxCheckCtx *c, const char *name)
{
    size_t i;
    for (i = 0; name && i < c->nnodes; i++) {
        if (c->nodes[i] && dxStrEq(dxJSONGetString(c->nodes[i], "node-name"), name))
            return c->nodes[i];
    }
    return NULL;
}

/* The format node that has NODE as its "file", if any. */
static const dxJSON *
dxFormatAbove(dxCheckCtx *c, const char *name)
{
    size_t i;
    for (i = 0; name && i < c->nnodes; i++) {
        if (c->nodes[i] && dxStrEq(dxJSONGetString(c->nodes[i], "file"), name))
            return c->nodes[i];
    }
    return NULL;
}

static bool
dxIsProtocolDriver(const char *d)
{
    static const char *const remote[] = {
        "nbd", "iscsi", "rbd", "gluster", "ssh", "http", "https", "ftp", "ftps",
        "nfs", "nvme", "vxhs", "curl", NULL,
    };
    size_t i;
    for (i = 0; d && remote[i]; i++) {
        if (strcmp(d, remote[i]) == 0)
            return true;
    }
    return false;
}

/* A local file node replacing the storage node NODE (a missing image, a
 * host block device, a remote protocol). */
static dxJSON *
dxStandinStorage(dxCheckCtx *c, const dxJSON *node)
{
    static const char *const keep[] = {
        "node-name", "read-only", "auto-read-only", "discard", "cache",
        "detect-zeroes", "force-share", NULL,
    };
    const char *name = dxJSONGetString(node, "node-name");
    const dxJSON *fmt = dxFormatAbove(c, name);
    const char *format = fmt ? dxJSONGetString(fmt, "driver") : "raw";
    dxJSON *out = dxJSONNewObject();
    char *path;
    size_t i, k;

    if (c->pflash[0] && fmt && dxStrEq(dxJSONGetString(fmt, "node-name"), c->pflash[0])) {
        path = dxMakeFirmwareCode(c);
    } else if (c->pflash[1] && fmt && dxStrEq(dxJSONGetString(fmt, "node-name"), c->pflash[1])) {
        const dxJSON *codeFmt = dxNodeNamed(c, c->pflash[0]);
        const dxJSON *code = codeFmt ? dxNodeNamed(c, dxJSONGetString(codeFmt, "file")) : NULL;
        path = dxMakeVarsStore(c, code ? dxJSONGetString(code, "filename") : NULL);
    } else {
        path = dxMakeImage(c, format, fmt);
    }
    dxJSONAddString(out, "driver", "file");
    dxJSONAddString(out, "filename", path ? path : "/dev/null");
    for (i = 0; keep[i]; i++) {
        for (k = 0; k < dxJSONSize(node); k++) {
            if (strcmp(dxJSONKeyAt(node, k), keep[i]) == 0) {
                char *v = dxJSONFormat(dxJSONValueAt(node, k));
                dxJSONAdd(out, keep[i], dxJSONParse(v, NULL));
                free(v);
            }
        }
    }
    dxNote(c, "storage node '%s' (%s %s) -> stand-in %s image %s", dxNullStr(name),
           dxNullStr(dxJSONGetString(node, "driver")),
           dxJSONGetString(node, "filename") ? dxJSONGetString(node, "filename") : "(remote)",
           dxNullStr(format), path ? path : "-");
    free(path);
    return out;
}

static dxJSON *dxJSONCopy(const dxJSON *v);
static void dxJSONSetString(dxJSON *obj, const char *key, const char *value);

static void
dxDoBlockdev(dxCheckCtx *c, size_t idx, const char *value)
{
    dxJSON *node = c->nodes[idx];
    const char *driver = node ? dxJSONGetString(node, "driver") : NULL;
    const char *file = node ? dxJSONGetString(node, "filename") : NULL;
    bool hostDev = dxStrEq(driver, "host_device") || dxStrEq(driver, "host_cdrom");

    /* a reservation manager that was left out is no longer linked */
    if (node && dxDropped(c, dxJSONGetString(node, "pr-manager")))
        dxJSONRemove(node, "pr-manager");
    /* a virtual FAT disk reads a host directory: an empty one stands in */
    if (node && dxStrEq(driver, "vvfat") && dxJSONGetString(node, "dir") &&
        !dxExists(dxJSONGetString(node, "dir"))) {
        dxJSON *copy = dxJSONCopy(node);
        char *dir = dxStandinPath(c, "vvfat");
        mkdir(dir, 0700);
        dxNote(c, "vvfat directory %s -> stand-in %s", dxJSONGetString(node, "dir"), dir);
        dxJSONSetString(copy, "dir", dir);
        dxAdd(c, "-blockdev");
        dxAddTake(c, dxJSONFormat(copy));
        dxJSONFree(copy);
        free(dir);
        return;
    }

    if (node && (dxIsProtocolDriver(driver) ||
                 ((dxStrEq(driver, "file") || hostDev) && file &&
                  (hostDev || !dxIsSystemFile(file))))) {
        dxJSON *standin = dxStandinStorage(c, node);
        dxAdd(c, "-blockdev");
        dxAddTake(c, dxJSONFormat(standin));
        dxJSONFree(standin);
        return;
    }
    dxAdd(c, "-blockdev");
    if (node)
        dxAddTake(c, dxJSONFormat(node));
    else
        dxAdd(c, value);
}

/* ---- JSON options ------------------------------------------------------------------ */

static dxJSON *
dxJSONCopy(const dxJSON *v)
{
    char *text = dxJSONFormat(v);
    dxJSON *copy = dxJSONParse(text, NULL);
    free(text);
    return copy;
}

static void
dxJSONSetString(dxJSON *obj, const char *key, const char *value)
{
    dxJSONRemove(obj, key);
    dxJSONAddString(obj, key, value);
}

static bool
dxHasProp(char *const *props, const char *name)
{
    size_t i;
    for (i = 0; props && props[i]; i++) {
        if (strcmp(props[i], name) == 0)
            return true;
    }
    return false;
}

/* vfio-pci needs the host device; an emulated PCI device at the same place
 * keeps what QEMU checks about the guest side (bus, slot, boot index, ROM). */
static dxJSON *
dxStandinVFIO(dxCheckCtx *c, const dxJSON *dev)
{
    static const char *const keep[] = {
        "id", "bus", "addr", "multifunction", "bootindex", "rombar", "romsize",
        "acpi-index", "failover_pair_id", NULL,
    };
    dxJSON *out = dxJSONNewObject();
    size_t i, k;

    for (k = 0; k < dxJSONSize(dev); k++) {
        const char *key = dxJSONKeyAt(dev, k);
        /* driver, id and bus belong to every device, not to vfio-pci's list */
        if (c->env->vfioProps && dxStrEq(dxJSONGetString(dev, "driver"), "vfio-pci") &&
            strcmp(key, "driver") != 0 && strcmp(key, "id") != 0 &&
            strcmp(key, "bus") != 0 &&
            !dxHasProp(c->env->vfioProps, key) && !c->plan->refusal)
            c->plan->refusal = dxAsprintf("Property 'vfio-pci.%s' not found", key);
    }
    dxJSONAddString(out, "driver", "e1000");
    for (i = 0; keep[i]; i++) {
        const dxJSON *v = dxJSONGet(dev, keep[i]);
        if (v)
            dxJSONAdd(out, keep[i], dxJSONCopy(v));
    }
    if (dxJSONGetString(dev, "romfile")) {
        const char *rom = dxJSONGetString(dev, "romfile");
        if (!*rom || dxExists(rom))
            dxJSONAddString(out, "romfile", rom);
        else
            dxNote(c, "ROM file %s of %s is missing: left out", rom,
                   dxNullStr(dxJSONGetString(dev, "id")));
    }
    dxNote(c, "PCI passthrough %s (host %s) -> emulated e1000 at the same address",
           dxNullStr(dxJSONGetString(dev, "id")),
           dxJSONGetString(dev, "host") ? dxJSONGetString(dev, "host")
                                        : dxNullStr(dxJSONGetString(dev, "sysfsdev")));
    return out;
}

/* Devices that need something of the host (a vhost backend, an input
 * device node, OpenGL) and the emulated device standing in for each at
 * the same address with the same transport options, so the slot and the
 * virtio settings are still checked. */
typedef struct {
    const char *driver;         /* prefix of QEMU's driver name */
    const char *standin;        /* the suffix after the prefix is kept */
    const char *needs;          /* a host path whose absence calls for it, or NULL */
} dxHostDevice;

static const dxHostDevice dxHostDevices[] = {
    { "vhost-user-vga", "virtio-vga", NULL },
    { "vhost-user-gpu-pci", "virtio-gpu-pci", NULL },
    { "vhost-user-", "virtio-rng-pci", NULL },      /* fs, blk, scsi, input, vsock ... */
    { "vhost-vsock-pci", "virtio-rng-pci", "/dev/vhost-vsock" },
    { "vhost-scsi-pci", "virtio-rng-pci", "/dev/vhost-scsi" },
    { "virtio-input-host-pci", "virtio-tablet-pci", NULL },
    { "virtio-vga-gl", "virtio-vga", NULL },
    { "virtio-gpu-gl-pci", "virtio-gpu-pci", NULL },
    { NULL, NULL, NULL },
};

static const dxHostDevice *
dxHostDeviceFind(const char *driver)
{
    size_t i;
    for (i = 0; driver && dxHostDevices[i].driver; i++) {
        const dxHostDevice *h = &dxHostDevices[i];
        if (strncmp(driver, h->driver, strlen(h->driver)) != 0)
            continue;
        if (strcmp(h->driver, "vhost-user-") == 0 && !strstr(driver, "-pci"))
            continue;
        if (h->needs && dxExists(h->needs))
            return NULL;
        return h;
    }
    return NULL;
}

static dxJSON *
dxStandinHostDevice(dxCheckCtx *c, const dxJSON *dev, const char *driver,
                    const dxHostDevice *h)
{
    static const char *const keep[] = {
        "id", "bus", "addr", "multifunction", "acpi-index", "ats", "iommu_platform",
        "packed", "page-per-vq", "disable-legacy", "disable-modern", "max_outputs", NULL,
    };
    /* keep -transitional / -non-transitional */
    const char *variant = strstr(driver, "-non-transitional") ? "-non-transitional" :
                          strstr(driver, "-transitional") ? "-transitional" : "";
    dxJSON *out = dxJSONNewObject();
    char *name = dxAsprintf("%s%s", h->standin, strstr(h->standin, "-pci") ? variant : "");
    size_t i;

    dxJSONAddString(out, "driver", name);
    for (i = 0; keep[i]; i++) {
        const dxJSON *v = dxJSONGet(dev, keep[i]);
        if (v && !(strcmp(keep[i], "max_outputs") == 0 && !strstr(name, "gpu") &&
                   !strstr(name, "vga")))
            dxJSONAdd(out, keep[i], dxJSONCopy(v));
    }
    dxNote(c, "%s %s needs the host's backend -> %s at the same address", driver,
           dxNullStr(dxJSONGetString(dev, "id")), name);
    free(name);
    return out;
}

/* usb-host given a device node or a bus and address opens it at once; by
 * vendor and product it waits for a match.  A pair no device has keeps
 * the device (and its port and boot index) without touching the host's. */
static void
dxStandinUSBHost(dxCheckCtx *c, dxJSON *dev)
{
    const char *node = dxJSONGetString(dev, "hostdevice");
    if (!node && !dxJSONGet(dev, "hostbus") && !dxJSONGet(dev, "hostaddr"))
        return;
    dxNote(c, "USB host device %s (%s) -> waits for a device that never comes",
           dxNullStr(dxJSONGetString(dev, "id")), node ? node : "bus and address");
    dxJSONRemove(dev, "hostdevice");
    dxJSONRemove(dev, "hostbus");
    dxJSONRemove(dev, "hostaddr");
    dxJSONRemove(dev, "vendorid");
    dxJSONRemove(dev, "productid");
    dxJSONAddUInt(dev, "vendorid", 0xfffe);
    dxJSONAddUInt(dev, "productid", 0xfffe);
}

static void
dxDoDevice(dxCheckCtx *c, const char *value)
{
    const dxHostDevice *host;
    dxJSON *dev = value[0] == '{' ? dxJSONParse(value, NULL) : NULL;
    const char *driver = dev ? dxJSONGetString(dev, "driver") : NULL;

    if (dev && dxDropped(c, dxJSONGetString(dev, "tpmdev"))) {
        dxNote(c, "TPM device %s left out with its backend",
               dxNullStr(dxJSONGetString(dev, "id")));
    } else if (dxStrEq(driver, "vfio-pci") || dxStrEq(driver, "vfio-pci-nohotplug")) {
        dxJSON *standin = dxStandinVFIO(c, dev);
        dxAdd(c, "-device");
        dxAddTake(c, dxJSONFormat(standin));
        dxJSONFree(standin);
    } else if ((host = dxHostDeviceFind(driver))) {
        dxJSON *standin = dxStandinHostDevice(c, dev, driver, host);
        dxAdd(c, "-device");
        dxAddTake(c, dxJSONFormat(standin));
        dxJSONFree(standin);
    } else if (dxStrEq(driver, "usb-host")) {
        dxStandinUSBHost(c, dev);
        dxAdd(c, "-device");
        dxAddTake(c, dxJSONFormat(dev));
    } else if (dxStrEq(driver, "ccid-card-emulated") &&
               dxStrEq(dxJSONGetString(dev, "backend"), "certificates")) {
        /* the certificates live in the host's NSS database: a passthru
         * card on a null character device sits on the same CCID slot */
        char *chr = dxAsprintf("domxml-check-ccid%u", c->counter++);
        dxJSON *card = dxJSONNewObject();
        dxJSONAddString(card, "driver", "ccid-card-passthru");
        dxJSONAddString(card, "chardev", chr);
        dxJSONAddString(card, "id", dxJSONGetString(dev, "id"));
        dxJSONAddString(card, "bus", dxJSONGetString(dev, "bus"));
        dxAdd(c, "-chardev");
        dxAddTake(c, dxAsprintf("null,id=%s", chr));
        dxAdd(c, "-device");
        dxAddTake(c, dxJSONFormat(card));
        dxNote(c, "smartcard %s: host certificates -> a passthru card on a null chardev",
               dxNullStr(dxJSONGetString(dev, "id")));
        dxJSONFree(card);
        free(chr);
    } else if (dxStrEq(driver, "scsi-generic") || dxStrEq(driver, "scsi-block")) {
        dxJSONSetString(dev, "driver", "scsi-hd");
        dxNote(c, "SCSI passthrough %s -> emulated scsi-hd",
               dxNullStr(dxJSONGetString(dev, "id")));
        dxAdd(c, "-device");
        dxAddTake(c, dxJSONFormat(dev));
    } else {
        dxAdd(c, "-device");
        dxAdd(c, value);
    }
    dxJSONFree(dev);
}

static void
dxDoNetdev(dxCheckCtx *c, const char *value)
{
    static const char *const hostOnly[] = {
        "tap", "bridge", "vhost-user", "vhost-vdpa", "socket", "stream", "dgram",
        "l2tpv3", "vde", "netmap", "af-xdp", NULL,
    };
    dxJSON *nd = value[0] == '{' ? dxJSONParse(value, NULL) : NULL;
    const char *type = nd ? dxJSONGetString(nd, "type") : NULL;
    size_t i;

    if (!nd) {
        dxKV *kv;
        size_t n = dxKVParse(value, &kv);
        type = n && !kv[0].key ? kv[0].value : NULL;
        nd = dxJSONNewObject();
        dxJSONAddString(nd, "type", type);
        for (i = 0; i < n; i++) {
            if (kv[i].key && strcmp(kv[i].key, "id") == 0)
                dxJSONAddString(nd, "id", kv[i].value);
        }
        type = dxJSONGetString(nd, "type");
        dxKVFree(kv, n);
        if (!type || strcmp(type, "user") == 0) {
            dxAdd(c, "-netdev");
            dxAdd(c, value);
            dxJSONFree(nd);
            return;
        }
    }
    for (i = 0; hostOnly[i]; i++) {
        if (dxStrEq(type, hostOnly[i]))
            break;
    }
    if (hostOnly[i]) {
        dxJSON *user = dxJSONNewObject();
        dxJSONAddString(user, "type", "user");
        dxJSONAddString(user, "id", dxJSONGetString(nd, "id"));
        dxNote(c, "network backend %s (%s) -> user-mode networking",
               dxNullStr(dxJSONGetString(nd, "id")), type);
        dxAdd(c, "-netdev");
        dxAddTake(c, dxJSONFormat(user));
        dxJSONFree(user);
    } else {
        /* user mode: nothing that binds host ports or runs programs */
        if (dxJSONRemove(nd, "hostfwd") | dxJSONRemove(nd, "guestfwd") | dxJSONRemove(nd, "smb"))
            dxNote(c, "network backend %s: host port forwards and shares left out",
                   dxNullStr(dxJSONGetString(nd, "id")));
        dxAdd(c, "-netdev");
        dxAddTake(c, dxJSONFormat(nd));
    }
    dxJSONFree(nd);
}

static void
dxDoObject(dxCheckCtx *c, const char *value)
{
    dxJSON *obj = value[0] == '{' ? dxJSONParse(value, NULL) : NULL;
    const char *type = obj ? dxJSONGetString(obj, "qom-type") : NULL;
    const char *id = obj ? dxNullStr(dxJSONGetString(obj, "id")) : "";

    if (!obj) {
        dxAdd(c, "-object");
        dxAdd(c, value);
        return;
    }
    if (dxStrEq(type, "sev-guest") || dxStrEq(type, "sev-snp-guest") || dxStrEq(type, "tdx-guest")) {
        dxNote(c, "launch security %s (%s) needs the host's support: left out", id, type);
        dxJSONFree(obj);
        return;
    }
    if (dxStrEq(type, "pr-manager-helper")) {
        /* talks to a running qemu-pr-helper: left out with its users' links */
        DX_APPEND(c->dropped, c->ndropped, dxStrdup(id));
        dxNote(c, "persistent reservation manager %s needs qemu-pr-helper: left out", id);
        dxJSONFree(obj);
        return;
    }
    if (dxStrEq(type, "memory-backend-memfd") &&
        (dxJSONRemove(obj, "hugetlb") | dxJSONRemove(obj, "hugetlbsize")))
        dxNote(c, "memory %s: host huge pages -> ordinary pages", id);
    if (dxStrEq(type, "thread-context") &&
        (dxJSONRemove(obj, "node-affinity") | dxJSONRemove(obj, "cpu-affinity")))
        dxNote(c, "thread context %s: host CPU/node affinity left out", id);
    if (dxStrEq(type, "input-linux")) {
        dxNote(c, "input %s: host input device %s cannot be stood in for: left out", id,
               dxNullStr(dxJSONGetString(obj, "evdev")));
        dxJSONFree(obj);
        return;
    }
    if (dxStrEq(type, "secret") && (dxJSONGet(obj, "keyid") || dxJSONGet(obj, "data"))) {
        /* encrypted with the domain's master key, which is a stand-in too:
         * the value does not matter to QEMU, any known one does */
        dxJSON *plain = dxJSONNewObject();
        dxJSONAddString(plain, "qom-type", "secret");
        dxJSONAddString(plain, "id", dxJSONGetString(obj, "id"));
        dxJSONAddString(plain, "data", DX_CHECK_SECRET);
        dxNote(c, "secret %s: value -> a stand-in value", id);
        dxJSONFree(obj);
        obj = plain;
    } else if (dxStrEq(type, "secret") && dxJSONGetString(obj, "file") &&
        !dxExists(dxJSONGetString(obj, "file"))) {
        char *path = dxStandinPath(c, "secret");
        unsigned char key[32];
        size_t i;
        /* the key domxml encrypts secrets with when the state directory
           has no master-key.aes (src/qemu/qemu_secret.c): bytes 0..31 */
        for (i = 0; i < sizeof(key); i++)
            key[i] = (unsigned char)i;
        if (dxWriteFile(path, key, sizeof(key)) < 0 && !c->plan->refusal)
            c->plan->refusal = dxAsprintf("cannot create %s", path);
        dxNote(c, "secret %s: key file %s -> stand-in", id, dxJSONGetString(obj, "file"));
        dxJSONSetString(obj, "file", path);
        free(path);
    } else if (type && strncmp(type, "memory-backend-", 15) == 0) {
        if (dxJSONGetString(obj, "mem-path")) {
            char *dir = dxStandinPath(c, "mem");
            mkdir(dir, 0700);
            dxNote(c, "memory %s: mem-path %s -> %s", id, dxJSONGetString(obj, "mem-path"), dir);
            dxJSONSetString(obj, "mem-path", dir);
            free(dir);
        }
        /* neither allocate the guest's memory nor bind it to host nodes */
        if (dxJSONRemove(obj, "prealloc") | dxJSONRemove(obj, "host-nodes") |
            dxJSONRemove(obj, "policy") | dxJSONRemove(obj, "prealloc-threads"))
            dxNote(c, "memory %s: preallocation and host node binding left out", id);
    } else if (dxStrEq(type, "rng-random") && dxJSONGetString(obj, "filename") &&
               !dxExists(dxJSONGetString(obj, "filename"))) {
        dxNote(c, "rng %s: %s -> /dev/urandom", id, dxJSONGetString(obj, "filename"));
        dxJSONSetString(obj, "filename", "/dev/urandom");
    } else if ((dxStrEq(type, "tls-creds-x509") || dxStrEq(type, "tls-creds-psk")) &&
               (!dxJSONGetString(obj, "dir") || !dxExists(dxJSONGetString(obj, "dir")))) {
        dxJSON *anon = dxJSONNewObject();
        dxJSONAddString(anon, "qom-type", "tls-creds-anon");
        dxJSONAddString(anon, "id", dxJSONGetString(obj, "id"));
        dxJSONAddString(anon, "endpoint", dxJSONGetString(obj, "endpoint"));
        dxNote(c, "TLS credentials %s: directory %s missing -> anonymous credentials",
               id, dxNullStr(dxJSONGetString(obj, "dir")));
        dxJSONFree(obj);
        obj = anon;
    }
    dxAdd(c, "-object");
    dxAddTake(c, dxJSONFormat(obj));
    dxJSONFree(obj);
}

/* ---- key=value options -------------------------------------------------------------- */

static int
dxListenUnix(dxCheckCtx *c, const char *path, bool ivshmem)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || strlen(path) >= sizeof(sa.sun_path)) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    strcpy(sa.sun_path, path);
    unlink(path);   /* ours, from an earlier attempt in the same directory */
    if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(fd, 8) < 0) {
        close(fd);
        return -1;
    }
    if (ivshmem) {
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
        DX_APPEND(c->plan->ivshmemFds, c->plan->nivshmemFds, fd);
    } else {
        DX_APPEND(c->plan->fds, c->plan->nfds, fd);
    }
    return 0;
}

/* A listening TCP port on 127.0.0.1; its number, or -1. */
static int
dxListenTCP(dxCheckCtx *c, bool keep)
{
    struct sockaddr_in sa = { .sin_family = AF_INET };
    socklen_t len = sizeof(sa);
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0)
        return -1;
    if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
        (keep && listen(fd, 8) < 0) ||
        getsockname(fd, (struct sockaddr *)&sa, &len) < 0) {
        close(fd);
        return -1;
    }
    if (keep)
        DX_APPEND(c->plan->fds, c->plan->nfds, fd);
    else
        close(fd);      /* only wanted a free port number */
    return ntohs(sa.sin_port);
}

static void
dxChardevSocket(dxCheckCtx *c, dxKV **kv, size_t *n, const char *id)
{
    dxKV *server = dxKVFind(*kv, *n, "server");
    bool isServer = server && (strcmp(server->value, "on") == 0 || strcmp(server->value, "yes") == 0);
    char *path;

    if (dxKVFind(*kv, *n, "fd") || dxKVFind(*kv, *n, "path")) {
        path = dxStandinPath(c, "sock");
        if (dxKVFind(*kv, *n, "fd")) {
            dxKVDrop(*kv, *n, "fd");
            dxKVSet(kv, n, "server", "on");
            dxKVSet(kv, n, "wait", "off");
            isServer = true;
        }
        bool ivshmem = dxInList(c->ivshmem, c->nivshmem, id);
        if (!isServer && dxListenUnix(c, path, ivshmem) < 0 && !c->plan->refusal)
            c->plan->refusal = dxAsprintf("cannot listen on %s", path);
        dxNote(c, "chardev %s: unix socket -> %s%s", id, path,
               isServer ? "" : ivshmem ? " (a stand-in ivshmem server)" : " (a listener)");
        dxKVSet(kv, n, "path", path);
        free(path);
    } else if (dxKVFind(*kv, *n, "host") || dxKVFind(*kv, *n, "port")) {
        int port = dxListenTCP(c, !isServer);
        char num[16];
        snprintf(num, sizeof(num), "%d", port < 0 ? 0 : port);
        dxKVSet(kv, n, "host", "127.0.0.1");
        dxKVSet(kv, n, "port", num);
        dxKVDrop(*kv, *n, "to");
        dxNote(c, "chardev %s: TCP %s -> 127.0.0.1:%s", id, isServer ? "listener" : "peer", num);
    }
    /* a server waits for its client before QEMU goes on: nobody will come */
    if (isServer)
        dxKVSet(kv, n, "wait", "off");
}

static void
dxDoChardev(dxCheckCtx *c, const char *value)
{
    dxKV *kv;
    size_t n = dxKVParse(value, &kv);
    const char *backend = n && !kv[0].key ? kv[0].value : "";
    dxKV *idkv = dxKVFind(kv, n, "id");
    char *id = dxStrdup(idkv ? idkv->value : "?");

    if (strcmp(backend, "socket") == 0) {
        dxChardevSocket(c, &kv, &n, id);
    } else if (strcmp(backend, "file") == 0 || strcmp(backend, "pipe") == 0) {
        char *path = dxStandinPath(c, backend);
        if (strcmp(backend, "pipe") == 0)
            mkfifo(path, 0600);
        dxNote(c, "chardev %s: %s -> %s", id, backend, path);
        dxKVSet(&kv, &n, "path", path);
        free(path);
    } else if (strcmp(backend, "serial") == 0 || strcmp(backend, "tty") == 0 ||
               strcmp(backend, "parallel") == 0 || strcmp(backend, "parport") == 0) {
        size_t i;
        for (i = 1; i < n; i++) {
            if (kv[i].key && strcmp(kv[i].key, "id") != 0) {
                free(kv[i].value);
                kv[i].value = NULL;
            }
        }
        dxNote(c, "chardev %s: host %s device -> null", id, backend);
        free(kv[0].value);
        kv[0].value = dxStrdup("null");
    } else if (strcmp(backend, "udp") == 0) {
        dxKVDrop(kv, n, "localaddr");
        dxKVDrop(kv, n, "localport");
    }
    if (dxKVFind(kv, n, "logfile")) {
        char *path = dxStandinPath(c, "log");
        dxKVSet(&kv, &n, "logfile", path);
        free(path);
    }
    dxAdd(c, "-chardev");
    dxAddTake(c, dxKVFormat(kv, n));
    dxKVFree(kv, n);
    free(id);
}

static void
dxDoVNC(dxCheckCtx *c, const char *value)
{
    dxKV *kv;
    size_t n = dxKVParse(value, &kv);
    char *path = dxStandinPath(c, "vnc");
    char *where = dxAsprintf("unix:%s", path);
    if (n && !kv[0].key) {
        free(kv[0].value);
        kv[0].value = where;
    } else {
        dxKVSet(&kv, &n, "vnc", where);
        free(where);
    }
    dxKVDrop(kv, n, "websocket");
    dxNote(c, "VNC server -> unix socket %s", path);
    free(path);
    dxAdd(c, "-vnc");
    dxAddTake(c, dxKVFormat(kv, n));
    dxKVFree(kv, n);
}

static void
dxDoSpice(dxCheckCtx *c, const char *value)
{
    static const char *const tls[] = {
        "tls-port", "x509-dir", "x509-key-file", "x509-cert-file", "x509-cacert-file",
        "x509-key-password", "x509-dh-key-file", "tls-ciphers", "tls-channel", NULL,
    };
    dxKV *kv;
    size_t n = dxKVParse(value, &kv), i;
    dxKV *unix = dxKVFind(kv, n, "unix");

    if (unix && strcmp(unix->value, "on") == 0) {
        char *path = dxStandinPath(c, "spice");
        dxKVSet(&kv, &n, "addr", path);
        free(path);
    } else if (dxKVFind(kv, n, "port") || dxKVFind(kv, n, "tls-port")) {
        char num[16];
        snprintf(num, sizeof(num), "%d", dxListenTCP(c, false));
        dxKVSet(&kv, &n, "port", num);
        dxKVSet(&kv, &n, "addr", "127.0.0.1");
    }
    for (i = 0; tls[i]; i++)
        dxKVDrop(kv, n, tls[i]);
    dxKVDrop(kv, n, "gl");
    dxKVDrop(kv, n, "rendernode");
    dxNote(c, "SPICE server -> local port, without TLS and GL");
    dxAdd(c, "-spice");
    dxAddTake(c, dxKVFormat(kv, n));
    dxKVFree(kv, n);
}

/* kv option whose KEY names a file that must exist */
static void
dxDoFileKey(dxCheckCtx *c, const char *opt, const char *value, const char *key, bool dir)
{
    dxKV *kv;
    size_t n = dxKVParse(value, &kv);
    dxKV *f = dxKVFind(kv, n, key);
    if (f && !dxIsSystemFile(f->value)) {
        char *path = dxStandinPath(c, dir ? "dir" : "file");
        if (dir) {
            mkdir(path, 0700);
        } else if (strcmp(opt, "-acpitable") == 0) {
            /* a table is read with its 36-byte header; QEMU fixes the rest */
            unsigned char table[36] = { 'S', 'S', 'D', 'T', 36, 0, 0, 0, 1 };
            dxKV *sig = dxKVFind(kv, n, "sig");
            if (sig && strlen(sig->value) == 4)
                memcpy(table, sig->value, 4);
            dxWriteFile(path, table, sizeof(table));
        } else {
            dxWriteFile(path, "", 0);
        }
        dxNote(c, "%s: %s -> %s", opt, f->value, path);
        dxKVSet(&kv, &n, key, path);
        free(path);
    }
    dxAdd(c, opt);
    dxAddTake(c, dxKVFormat(kv, n));
    dxKVFree(kv, n);
}

static void
dxDoDrive(dxCheckCtx *c, const char *value)
{
    dxKV *kv;
    size_t n = dxKVParse(value, &kv);
    dxKV *file = dxKVFind(kv, n, "file");
    dxKV *format = dxKVFind(kv, n, "format");
    if (file && !dxIsSystemFile(file->value)) {
        char *path = dxMakeImage(c, format ? format->value : "raw", NULL);
        if (path) {
            dxNote(c, "-drive %s -> stand-in %s", file->value, path);
            dxKVSet(&kv, &n, "file", path);
            free(path);
        }
    }
    dxAdd(c, "-drive");
    dxAddTake(c, dxKVFormat(kv, n));
    dxKVFree(kv, n);
}

/* A kernel QEMU's x86 loader accepts without booting it: a multiboot
 * header with the load addresses given (so no ELF is needed). */
static char *
dxMakeKernel(dxCheckCtx *c)
{
    unsigned int words[8] = {
        0x1BADB002u, 0x00010000u, 0, 0x00100000u, 0x00100000u, 0, 0, 0x00100020u,
    };
    unsigned char image[8192] = { 0 };
    char *path = dxStandinPath(c, "kernel");
    size_t i;
    words[2] = (unsigned int)-(words[0] + words[1]);
    for (i = 0; i < 8; i++) {
        image[i * 4] = words[i] & 0xFF;
        image[i * 4 + 1] = (words[i] >> 8) & 0xFF;
        image[i * 4 + 2] = (words[i] >> 16) & 0xFF;
        image[i * 4 + 3] = (words[i] >> 24) & 0xFF;
    }
    image[32] = 0xF4;   /* hlt */
    dxWriteFile(path, image, sizeof(image));
    return path;
}

/* A descriptor passed with -add-fd: a scratch file at that number. */
static void
dxDoAddFd(dxCheckCtx *c, const char *value)
{
    dxKV *kv;
    size_t n = dxKVParse(value, &kv);
    dxKV *fd = dxKVFind(kv, n, "fd");
    char *end;
    long num = fd ? strtol(fd->value, &end, 10) : -1;
    if (fd && !*end && num > 2 && num < 65536) {
        dxCheckPassFd p = { (int)num, dxStandinPath(c, "fd") };
        DX_APPEND(c->plan->passFds, c->plan->npassFds, p);
        dxNote(c, "-add-fd: descriptor %ld -> scratch file %s", num, p.path);
    }
    dxAdd(c, "-add-fd");
    dxAdd(c, value);
    dxKVFree(kv, n);
}

/* TPM backends need swtpm or the host's TPM: the backend and its device
 * are left out, the rest of the configuration is still judged. */
static void
dxDoTpmdev(dxCheckCtx *c, const char *value)
{
    dxKV *kv;
    size_t n = dxKVParse(value, &kv);
    dxKV *id = dxKVFind(kv, n, "id");
    DX_APPEND(c->dropped, c->ndropped, dxStrdup(id ? id->value : ""));
    dxNote(c, "TPM backend %s (%s) needs swtpm or a host TPM: left out",
           id ? id->value : "?", n && !kv[0].key ? kv[0].value : "?");
    dxKVFree(kv, n);
}

/* Audio backends that talk to the host's sound system (or are not built
 * into this QEMU) become the silent backend. */
static void
dxDoAudiodev(dxCheckCtx *c, const char *value)
{
    static const char *const keep[] = { "none", "wav", "spice", "dbus", NULL };
    dxJSON *dev = value[0] == '{' ? dxJSONParse(value, NULL) : NULL;
    const char *driver = dev ? dxJSONGetString(dev, "driver") : NULL;
    size_t i;
    for (i = 0; driver && keep[i]; i++) {
        if (strcmp(driver, keep[i]) == 0)
            break;
    }
    if (dev && driver && !keep[i]) {
        dxJSON *none = dxJSONNewObject();
        dxJSONAddString(none, "id", dxJSONGetString(dev, "id"));
        dxJSONAddString(none, "driver", "none");
        dxNote(c, "audio backend %s (%s) -> none", dxNullStr(dxJSONGetString(dev, "id")), driver);
        dxAdd(c, "-audiodev");
        dxAddTake(c, dxJSONFormat(none));
        dxJSONFree(none);
    } else {
        dxAdd(c, "-audiodev");
        dxAdd(c, value);
    }
    dxJSONFree(dev);
}

/* ---- the walk ------------------------------------------------------------------------ */

static bool
dxTakesValue(char *const *in, size_t i, size_t n)
{
    return i + 1 < n && in[i + 1][0] != '-';
}

static void
dxCollectPlan(dxCheckCtx *c)
{
    size_t i;
    c->nodes = dxNewN(dxJSON *, c->nin + 1);
    for (i = 1; i < c->nin; i++) {
        if (strcmp(c->in[i], "-blockdev") == 0 && dxTakesValue(c->in, i, c->nin))
            c->nodes[i] = dxJSONParse(c->in[i + 1], NULL);
        if (strcmp(c->in[i], "-machine") == 0 && dxTakesValue(c->in, i, c->nin)) {
            dxKV *kv;
            size_t n = dxKVParse(c->in[i + 1], &kv);
            dxKV *p0 = dxKVFind(kv, n, "pflash0"), *p1 = dxKVFind(kv, n, "pflash1");
            c->pflash[0] = p0 ? dxStrdup(p0->value) : NULL;
            c->pflash[1] = p1 ? dxStrdup(p1->value) : NULL;
            dxKVFree(kv, n);
        }
        if (strcmp(c->in[i], "-device") == 0 && dxTakesValue(c->in, i, c->nin) &&
            c->in[i + 1][0] == '{') {
            dxJSON *dev = dxJSONParse(c->in[i + 1], NULL);
            if (dxStrEq(dxJSONGetString(dev, "driver"), "ivshmem-doorbell") &&
                dxJSONGetString(dev, "chardev"))
                DX_APPEND(c->ivshmem, c->nivshmem, dxStrdup(dxJSONGetString(dev, "chardev")));
            dxJSONFree(dev);
        }
        if (strcmp(c->in[i], "-S") == 0)
            c->sawS = true;
        if (strcmp(c->in[i], "-display") == 0 || strcmp(c->in[i], "-nographic") == 0)
            c->sawDisplay = true;
    }
    c->nnodes = c->nin;
}

static void
dxDoMachine(dxCheckCtx *c, const char *value)
{
    dxKV *kv;
    size_t n = dxKVParse(value, &kv);
    if (c->env->tcg && dxKVFind(kv, n, "accel"))
        dxKVSet(&kv, &n, "accel", "tcg");
    if (dxKVFind(kv, n, "confidential-guest-support"))
        dxKVDrop(kv, n, "confidential-guest-support");
    dxAdd(c, "-machine");
    dxAddTake(c, dxKVFormat(kv, n));
    dxKVFree(kv, n);
}

/* One option with its value; returns how many input words it used. */
static size_t
dxDoOption(dxCheckCtx *c, size_t i)
{
    const char *opt = c->in[i];
    const char *val = dxTakesValue(c->in, i, c->nin) ? c->in[i + 1] : NULL;

    if (!val) {
        if (strcmp(opt, "-daemonize") == 0)
            return 1;
        if (strcmp(opt, "-enable-kvm") == 0 && c->env->tcg) {
            dxAdd(c, "-accel");
            dxAdd(c, "tcg");
            return 1;
        }
        dxAdd(c, opt);
        return 1;
    }
    if (strcmp(opt, "-blockdev") == 0)
        dxDoBlockdev(c, i, val);
    else if (strcmp(opt, "-device") == 0)
        dxDoDevice(c, val);
    else if (strcmp(opt, "-netdev") == 0)
        dxDoNetdev(c, val);
    else if (strcmp(opt, "-object") == 0)
        dxDoObject(c, val);
    else if (strcmp(opt, "-chardev") == 0)
        dxDoChardev(c, val);
    else if (strcmp(opt, "-vnc") == 0)
        dxDoVNC(c, val);
    else if (strcmp(opt, "-spice") == 0)
        dxDoSpice(c, val);
    else if (strcmp(opt, "-drive") == 0)
        dxDoDrive(c, val);
    else if (strcmp(opt, "-machine") == 0)
        dxDoMachine(c, val);
    else if (strcmp(opt, "-add-fd") == 0)
        dxDoAddFd(c, val);
    else if (strcmp(opt, "-tpmdev") == 0)
        dxDoTpmdev(c, val);
    else if (strcmp(opt, "-audiodev") == 0)
        dxDoAudiodev(c, val);
    else if (strcmp(opt, "-fsdev") == 0)
        dxDoFileKey(c, opt, val, "path", true);
    else if (strcmp(opt, "-fw_cfg") == 0 || strcmp(opt, "-acpitable") == 0)
        dxDoFileKey(c, opt, val, "file", false);
    else if (strcmp(opt, "-accel") == 0 && c->env->tcg) {
        dxAdd(c, "-accel");
        dxAdd(c, "tcg");
    } else if (strcmp(opt, "-cpu") == 0 && c->env->tcg) {
        /* TCG has no host CPU; and its 40 physical address bits are fewer
         * than real hosts have for large memory hotplug ranges */
        bool host = strncmp(val, "host", 4) == 0 && (val[4] == '\0' || val[4] == ',');
        bool bits = c->env->morePhysBits && !strstr(val, "phys-bits");
        dxAdd(c, "-cpu");
        dxAddTake(c, dxAsprintf("%s%s%s", host ? "max" : "", host ? val + 4 : val,
                                bits ? ",phys-bits=52" : ""));
        if (host)
            dxNote(c, "-cpu host -> max (TCG)");
        if (bits)
            dxNote(c, "-cpu: 52 physical address bits, for the memory hotplug range (TCG)");
    } else if (strcmp(opt, "-kernel") == 0 && !dxExists(val)) {
        dxAdd(c, opt);
        dxAddTake(c, dxMakeKernel(c));
        dxNote(c, "kernel %s -> stand-in multiboot image", val);
    } else if ((strcmp(opt, "-initrd") == 0 || strcmp(opt, "-dtb") == 0) && !dxExists(val)) {
        char *path = dxStandinPath(c, opt + 1);
        dxWriteFile(path, "\n", 1);
        dxAdd(c, opt);
        dxAddTake(c, path);
        dxNote(c, "%s %s -> stand-in file", opt, val);
    } else if (strcmp(opt, "-display") == 0 && strcmp(val, "none") != 0) {
        dxAdd(c, "-display");
        dxAdd(c, "none");
        dxNote(c, "-display %s -> none", val);
    } else if (strcmp(opt, "-incoming") == 0) {
        dxAdd(c, "-incoming");
        dxAdd(c, "defer");
        dxNote(c, "-incoming %s -> defer", val);
    } else if (strcmp(opt, "-pidfile") == 0 || strcmp(opt, "-D") == 0) {
        dxAdd(c, opt);
        dxAddTake(c, dxStandinPath(c, "out"));
    } else if (strcmp(opt, "-overcommit") == 0 && strstr(val, "mem-lock=on")) {
        /* locking the guest's RAM would allocate all of it */
        dxKV *kv;
        size_t n = dxKVParse(val, &kv);
        dxKVSet(&kv, &n, "mem-lock", "off");
        dxAdd(c, opt);
        dxAddTake(c, dxKVFormat(kv, n));
        dxKVFree(kv, n);
        dxNote(c, "-overcommit mem-lock=on -> off");
    } else if (strcmp(opt, "-runas") == 0 || strcmp(opt, "-chroot") == 0) {
        dxNote(c, "%s %s left out", opt, val);
    } else {
        dxAdd(c, opt);
        dxAdd(c, val);
    }
    return 2;
}

int
dxCheckPrepare(char *const *argv, const dxCheckEnv *env, dxCheckPlan *plan)
{
    dxCheckCtx c = { .env = env, .plan = plan, .in = argv };
    size_t i;

    memset(plan, 0, sizeof(*plan));
    while (argv[c.nin])
        c.nin++;
    if (c.nin == 0) {
        plan->refusal = dxStrdup("empty command line");
        return -1;
    }
    dxCollectPlan(&c);
    dxAdd(&c, argv[0]);
    if (env->tcg)
        dxNote(&c, "KVM -> TCG");
    for (i = 1; i < c.nin; )
        i += dxDoOption(&c, i);
    if (!c.sawS)
        dxAdd(&c, "-S");
    if (!c.sawDisplay) {
        dxAdd(&c, "-display");
        dxAdd(&c, "none");
    }
    plan->qmpSocket = dxAsprintf("%s/qmp.sock", env->dir);
    dxAdd(&c, "-chardev");
    dxAddTake(&c, dxAsprintf("socket,id=domxml-check-qmp,path=%s,server=on,wait=off",
                             plan->qmpSocket));
    dxAdd(&c, "-mon");
    dxAdd(&c, "chardev=domxml-check-qmp,mode=control");
    DX_APPEND(plan->args, plan->nargs, NULL);
    plan->nargs--;
    for (i = 0; i < c.nnodes; i++)
        dxJSONFree(c.nodes[i]);
    free(c.nodes);
    free(c.pflash[0]);
    free(c.pflash[1]);
    for (i = 0; i < c.ndropped; i++)
        free(c.dropped[i]);
    free(c.dropped);
    for (i = 0; i < c.nivshmem; i++)
        free(c.ivshmem[i]);
    free(c.ivshmem);
    return plan->refusal && strncmp(plan->refusal, "cannot", 6) == 0 ? -1 : 0;
}

void
dxCheckPlanClear(dxCheckPlan *plan)
{
    size_t i;
    for (i = 0; i < plan->nargs; i++)
        free(plan->args[i]);
    free(plan->args);
    for (i = 0; i < plan->nnotes; i++)
        free(plan->notes[i]);
    free(plan->notes);
    for (i = 0; i < plan->nfds; i++)
        close(plan->fds[i]);
    free(plan->fds);
    for (i = 0; i < plan->npassFds; i++)
        free(plan->passFds[i].path);
    free(plan->passFds);
    for (i = 0; i < plan->nivshmemFds; i++)
        close(plan->ivshmemFds[i]);
    free(plan->ivshmemFds);
    free(plan->qmpSocket);
    free(plan->refusal);
    memset(plan, 0, sizeof(*plan));
}
