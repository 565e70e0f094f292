/* qemu_cmd_display.h: command line steps of the display and sound
 * families (inputs, audio backends, graphics, video cards, sound cards). */
#pragma once

#include "qemu_command_priv.h"

int dxQemuBuildInputs(dxQemuBuildCtx *ctx);
int dxQemuBuildAudios(dxQemuBuildCtx *ctx);
int dxQemuBuildGraphics(dxQemuBuildCtx *ctx);
int dxQemuBuildVideos(dxQemuBuildCtx *ctx);
int dxQemuBuildSounds(dxQemuBuildCtx *ctx);

/* "audioN" for a device's <audio id> (0: the first backend), or NULL when
 * the domain has no audio backend; caller frees. */
char *dxQemuAudiodevId(const dxDomainDef *def, unsigned int id);
