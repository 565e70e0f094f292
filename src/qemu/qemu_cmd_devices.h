/* qemu_cmd_devices.h: command line steps of the device families without
 * a header of their own (watchdog, memballoon, rng, tpm, panic, shmem,
 * memory devices, iommu, vsock, filesystems, hubs, smartcards, redirdevs,
 * crypto). */
#pragma once

#include "qemu_command_priv.h"

int dxQemuBuildWatchdogs(dxQemuBuildCtx *ctx);
int dxQemuBuildMemballoon(dxQemuBuildCtx *ctx);
int dxQemuBuildRNGs(dxQemuBuildCtx *ctx);
int dxQemuBuildTPMs(dxQemuBuildCtx *ctx);
int dxQemuBuildPanics(dxQemuBuildCtx *ctx);
int dxQemuBuildShmems(dxQemuBuildCtx *ctx);
int dxQemuBuildMemoryDevices(dxQemuBuildCtx *ctx);
int dxQemuBuildIOMMU(dxQemuBuildCtx *ctx);
int dxQemuBuildVsock(dxQemuBuildCtx *ctx);
int dxQemuBuildFilesystems(dxQemuBuildCtx *ctx);
int dxQemuBuildHubs(dxQemuBuildCtx *ctx);
int dxQemuBuildSmartcards(dxQemuBuildCtx *ctx);
int dxQemuBuildRedirdevs(dxQemuBuildCtx *ctx);
int dxQemuBuildCryptos(dxQemuBuildCtx *ctx);
