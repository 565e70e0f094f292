/* qemu_cmd_chr.h: -chardev for every device family with a character
 * device source (serial ports, channels, smartcards, redirdevs, rng egd
 * backends, ...), and the chardev device steps. */
#pragma once

#include "qemu_command_priv.h"
#include "conf/chr_conf.h"

typedef struct {
    const dxChrSourceDef *src;
    const char *charAlias;       /* the -chardev id: "char" + device alias */
    const char *devAlias;        /* names the fd sets: "<devAlias>-source" */
    bool parallel;               /* a host parallel port rather than a tty */
    const char *genPath;         /* unix socket path the driver chose, or NULL */
    const dxSourceLoc *loc;      /* the device, for errors */
} dxQemuChardev;

/* Emit "-chardev ..." for CHR, preceded by what it needs (-add-fd for the
 * files libvirt opens, -object tls-creds-x509 for TLS sockets). */
int dxQemuBuildChardev(dxQemuBuildCtx *ctx, const dxQemuChardev *chr);

int dxQemuBuildSerials(dxQemuBuildCtx *ctx);
int dxQemuBuildParallels(dxQemuBuildCtx *ctx);
int dxQemuBuildChannels(dxQemuBuildCtx *ctx);
int dxQemuBuildConsoles(dxQemuBuildCtx *ctx);
