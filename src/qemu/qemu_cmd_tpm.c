/* qemu_cmd_tpm.c: -tpmdev (and its chardev or fd sets) plus the TPM
 * device, per <tpm>. */
#include "qemu_cmd_devices.h"
#include "qemu_conf.h"
#include "conf/tpm_conf.h"
#include "util/dxalloc.h"

#include <stdlib.h>
#include <string.h>

/* the one chardev QEMU talks to swtpm (or an external emulator) over */
#define DX_QEMU_TPM_CHARDEV "chrtpm"
/* swtpm's control socket: libvirt's run directory for emulators, one
 * socket per domain named after its short name ("-1-NAME") */
#define DX_QEMU_SWTPM_RUN_DIR "/run/libvirt/qemu/swtpm"


/* libvirt opens the host TPM and its cancel file itself and passes both
 * in fd sets, so QEMU needs no access to the host device nodes. */
static void
dxQemuBuildTPMPassthrough(dxQemuBuildCtx *ctx, const dxTPMDef *tpm, dxBuf *buf)
{
    char *opaque = dxAsprintf("%s-tpm", tpm->info.alias);
    unsigned int devSet, cancelSet;

    devSet = dxQemuBuildAddFd(ctx, DX_QEMU_FIRST_TPM_FD, opaque);
    free(opaque);
    opaque = dxAsprintf("%s-cancel", tpm->info.alias);
    cancelSet = dxQemuBuildAddFd(ctx, DX_QEMU_FIRST_TPM_FD + 1, opaque);
    free(opaque);
    dxBufAddStr(buf, "passthrough,id=tpm-");
    dxBufEscapeComma(buf, tpm->info.alias);
    dxBufAddf(buf, ",path=/dev/fdset/%u,cancel-path=/dev/fdset/%u", devSet, cancelSet);
}

/* swtpm (started next to QEMU) or an external emulator listens on a UNIX
 * socket; QEMU connects to it. */
static void
dxQemuBuildTPMEmulator(dxQemuBuildCtx *ctx, const dxTPMDef *tpm, dxBuf *buf)
{
    dxBuf chr = DX_BUF_INIT;
    char *path = NULL;

    if (tpm->backend == DX_TPM_BACKEND_EXTERNAL) {
        path = dxStrdup(tpm->source->path);
    } else {
        char *shortName = dxQemuDomainShortName(ctx->def);
        path = dxAsprintf(DX_QEMU_SWTPM_RUN_DIR "/%s-swtpm.sock", shortName);
        free(shortName);
    }
    dxBufAddStr(&chr, "socket,id=" DX_QEMU_TPM_CHARDEV ",path=");
    dxBufEscapeComma(&chr, path);
    dxArgvAddBuf(ctx->argv, "-chardev", &chr);
    free(path);
    dxBufAddStr(buf, "emulator,id=tpm-");
    dxBufEscapeComma(buf, tpm->info.alias);
    dxBufAddStr(buf, ",chardev=" DX_QEMU_TPM_CHARDEV);
}

static void
dxQemuBuildTPM(dxQemuBuildCtx *ctx, const dxTPMDef *tpm)
{
    dxBuf tpmdev = DX_BUF_INIT;
    char *tpmdevId = dxAsprintf("tpm-%s", tpm->info.alias);
    dxJSON *props;

    if (tpm->backend == DX_TPM_BACKEND_PASSTHROUGH)
        dxQemuBuildTPMPassthrough(ctx, tpm, &tpmdev);
    else
        dxQemuBuildTPMEmulator(ctx, tpm, &tpmdev);
    dxArgvAddBuf(ctx->argv, "-tpmdev", &tpmdev);
    props = dxJSONNewObject();
    dxJSONAddString(props, "driver", dxTPMModelTypeToString(tpm->model));
    dxJSONAddString(props, "tpmdev", tpmdevId);
    dxJSONAddString(props, "id", tpm->info.alias);
    dxQemuBuildDeviceAddressProps(ctx, props, &tpm->info);
    dxArgvAddJSON(ctx->argv, "-device", props);
    free(tpmdevId);
}

int
dxQemuBuildTPMs(dxQemuBuildCtx *ctx)
{
    size_t i;
    for (i = 0; i < ctx->def->ntpms; i++)
        dxQemuBuildTPM(ctx, ctx->def->tpms[i]);
    return 0;
}
