/* qemu_cmd_disk.h: the disks' command line steps (qemu_command.c fixes
 * their place). */
#pragma once

#include "qemu_command_priv.h"

/* Before any option: block node numbers (ctx->nextNodeIndex) and whether
 * the master key is needed. */
int dxQemuPrepareDisks(dxQemuBuildCtx *ctx);
/* The pr-helper object of managed persistent reservations. */
int dxQemuBuildPRManager(dxQemuBuildCtx *ctx);
/* Floppy controller options, then each disk's -blockdev chain and -device. */
int dxQemuBuildDisks(dxQemuBuildCtx *ctx);
