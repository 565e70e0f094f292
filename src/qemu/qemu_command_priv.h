/* qemu_command_priv.h: shared state of the per-family argv builders. */
#pragma once

#include "qemu_command.h"
#include "qemu_target.h"

typedef struct {
    dxDomainDef *def;
    dxArgv *argv;
    const char *stateDir;
    bool needMasterKey;        /* some secret is encrypted with masterKey0 */
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
/* qemu_cmd_controller.c */
int dxQemuBuildControllersGlobal(dxQemuBuildCtx *ctx);
int dxQemuBuildControllers(dxQemuBuildCtx *ctx);
int dxQemuBuildCCIDControllers(dxQemuBuildCtx *ctx);
/* qemu_cmd_boot.c */
int dxQemuBuildPM(dxQemuBuildCtx *ctx);
int dxQemuBuildBoot(dxQemuBuildCtx *ctx);
int dxQemuBuildKernel(dxQemuBuildCtx *ctx);
