/* qemu_cmd_disk.h: the disks' command line steps (qemu_command.c fixes
 * their place). */
#pragma once

#include "qemu_command_priv.h"

/* How many "libvirt-N-" block node numbers the disks use (their images,
 * backing chains included): other block users number from the next one. */
unsigned int dxQemuDiskNodeCount(const dxDomainDef *def);
/* Before any option: block node numbers (ctx->nextNodeIndex) and whether
 * the master key is needed. */
int dxQemuPrepareDisks(dxQemuBuildCtx *ctx);
/* The pr-helper object of managed persistent reservations. */
int dxQemuBuildPRManager(dxQemuBuildCtx *ctx);
/* Floppy controller options, then each disk's -blockdev chain and -device. */
int dxQemuBuildDisks(dxQemuBuildCtx *ctx);
