/* check_argv.h: adapt a domain's QEMU command line so that the installed
 * QEMU can judge it on this host without booting a guest or touching host
 * resources.
 *
 * What only a real host has is stood in for, keeping every property QEMU
 * checks: disk images (a stand-in of the same format, created in a
 * private directory), remote storage (a local file node), taps and other
 * network backends (a user-mode backend with the same id), PCI
 * passthrough (an emulated PCI device at the same address, boot index and
 * ROM settings), host serial/parallel ports (a null chardev), sockets the
 * guest connects to (a listener), VNC/SPICE listeners, migration sources.
 * KVM is replaced by TCG where the host cannot run it.  Every change is
 * recorded as a note.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    const char *dir;            /* private directory for stand-ins */
    bool tcg;                   /* run under TCG instead of KVM */
    bool morePhysBits;          /* TCG: give the CPU 52 physical address bits */
    const char *qemuImg;        /* qemu-img, or NULL */
    char *const *vfioProps;     /* properties of vfio-pci, NULL-terminated, or NULL */
} dxCheckEnv;

typedef struct {
    int fd;                     /* the number QEMU expects (-add-fd fd=N) */
    char *path;                 /* a scratch file opened there */
} dxCheckPassFd;

typedef struct {
    char **args;                /* NULL-terminated */
    size_t nargs;
    char **notes;               /* what was stood in for */
    size_t nnotes;
    int *fds;                   /* listeners to keep open while QEMU runs */
    size_t nfds;
    dxCheckPassFd *passFds;     /* descriptors QEMU inherits */
    size_t npassFds;
    int *ivshmemFds;            /* listeners that must act as an ivshmem server */
    size_t nivshmemFds;
    char *qmpSocket;            /* the monitor `domxml check` talks to */
    char *refusal;              /* set when the argv is wrong before QEMU runs */
} dxCheckPlan;

/* Build PLAN from ARGV (emulator first, NULL-terminated).  -1 only for
 * host failures (cannot create a stand-in), with PLAN->refusal set. */
int dxCheckPrepare(char *const *argv, const dxCheckEnv *env, dxCheckPlan *plan);
void dxCheckPlanClear(dxCheckPlan *plan);

/* QEMU's key=value option syntax: "socket,id=c0,path=/a,,b" is a leading
 * word (key NULL) and key/value pairs; ",," stands for a comma in a value.
 * dxKVParse returns the number of entries in *OUT. */
typedef struct {
    char *key;                  /* NULL for a leading bare word */
    char *value;
} dxKV;

size_t dxKVParse(const char *text, dxKV **out);
char *dxKVFormat(const dxKV *kv, size_t n);
void dxKVFree(dxKV *kv, size_t n);
