/* qemu_command_priv.h: shared state of the per-family argv builders. */
#pragma once

#include "qemu_command.h"
#include "qemu_target.h"
#include "conf/device_info.h"

typedef struct {
    dxDomainDef *def;
    dxArgv *argv;
    const char *stateDir;
    bool needMasterKey;        /* some secret is encrypted with masterKey0 */
    unsigned int nextFdSet;    /* -add-fd set= numbers handed out so far */
    int nextChardevFd;         /* descriptor for the next file a chardev uses */
} dxQemuBuildCtx;

/* One step of the command line; returns 0 or -1 with an error reported.
 * Steps run in the order libvirt emits options. */
typedef int (*dxQemuBuildStep)(dxQemuBuildCtx *ctx);

/* qemu_command.c */
int dxQemuBuildName(dxQemuBuildCtx *ctx);
int dxQemuBuildMasterKey(dxQemuBuildCtx *ctx);
int dxQemuBuildUUID(dxQemuBuildCtx *ctx);
int dxQemuBuildDisplayNone(dxQemuBuildCtx *ctx);
int dxQemuBuildDefaults(dxQemuBuildCtx *ctx);
int dxQemuBuildMonitor(dxQemuBuildCtx *ctx);
int dxQemuBuildSandbox(dxQemuBuildCtx *ctx);
int dxQemuBuildMsg(dxQemuBuildCtx *ctx);
/* "-add-fd set=N,fd=FD,opaque=OPAQUE"; returns N (sets are numbered in
 * command line order). */
unsigned int dxQemuBuildAddFd(dxQemuBuildCtx *ctx, int fd, const char *opaque);
/* Properties of a tls-creds-x509 object for a server (LISTEN) or client
 * endpoint; PASSWORDID names the secret object of the key, or NULL. */
dxJSON *dxQemuTLSx509Props(const char *id, const char *dir, bool listen,
                           bool verifyPeer, const char *passwordid);
/* The guest address of INFO as device properties (bus/addr, bus/port,
 * bus/nr, iobase/irq, ...), in libvirt's order. */
void dxQemuBuildDeviceAddressProps(dxQemuBuildCtx *ctx, dxJSON *props,
                                   const dxDeviceInfo *info);
/* qemu_cmd_machine.c */
int dxQemuBuildMachine(dxQemuBuildCtx *ctx);
int dxQemuBuildAccel(dxQemuBuildCtx *ctx);
int dxQemuBuildCPU(dxQemuBuildCtx *ctx);
/* qemu_cmd_memory.c */
int dxQemuBuildMemory(dxQemuBuildCtx *ctx);
int dxQemuBuildOvercommit(dxQemuBuildCtx *ctx);
unsigned long long dxQemuAlignedMemoryKiB(const dxDomainDef *def);
/* qemu_cmd_smp.c */
int dxQemuBuildSmp(dxQemuBuildCtx *ctx);
/* qemu_cmd_clock.c */
int dxQemuBuildClock(dxQemuBuildCtx *ctx);
/* qemu_cmd_boot.c */
int dxQemuBuildPM(dxQemuBuildCtx *ctx);
int dxQemuBuildBoot(dxQemuBuildCtx *ctx);
int dxQemuBuildKernel(dxQemuBuildCtx *ctx);
