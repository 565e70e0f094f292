/* qemu_cmd_disk.h: the disks' command line steps (qemu_command.c fixes
 * their place). */
#pragma once

#include "qemu_command_priv.h"
#include "conf/storage_source.h"

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
/* The protocol properties of a network storage node (server, path,
 * credentials...), as for disks so for the NVRAM store: BASE names the
 * node's secrets ("libvirt-N", "libvirt-pflash1"), LOC is where errors
 * point. */
int dxQemuStorageNetworkProps(const dxSourceLoc *loc, const dxStorageSource *src,
                              const char *base, dxJSON *props);
