/* qemu_command.c: the command line, step by step, in libvirt's order.
 *
 * Each device family contributes steps from its own qemu_cmd_*.c file;
 * this file only fixes their order and builds the few options that belong
 * to no family.  Values from the XML reach key=value options only through
 * dxBufEscapeComma() and JSON options only through dxjson, so no value
 * can start another option.
 */
#include "qemu_command_priv.h"
#include "qemu_alias.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"

#include <stdlib.h>

#define DX_QEMU_STATE_ROOT "/var/lib/domxml"

char *
dxQemuDefaultStateDir(const dxDomainDef *def)
{
    return dxAsprintf("%s/domain-%s", DX_QEMU_STATE_ROOT, def->name);
}

int
dxQemuBuildName(dxQemuBuildCtx *ctx)
{
    dxBuf buf = DX_BUF_INIT;
    dxBufAddStr(&buf, "guest=");
    dxBufEscapeComma(&buf, ctx->def->name);
    dxBufAddStr(&buf, ",debug-threads=on");
    dxArgvAddBuf(ctx->argv, "-name", &buf);
    return 0;
}

/* libvirt passes every secret encrypted with a per-domain master key. */
int
dxQemuBuildMasterKey(dxQemuBuildCtx *ctx)
{
    dxJSON *props;
    char *path;

    if (!ctx->needMasterKey)
        return 0;
    path = dxAsprintf("%s/master-key.aes", ctx->stateDir);
    props = dxJSONNewObject();
    dxJSONAddString(props, "qom-type", "secret");
    dxJSONAddString(props, "id", "masterKey0");
    dxJSONAddString(props, "format", "raw");
    dxJSONAddString(props, "file", path);
    dxArgvAddJSON(ctx->argv, "-object", props);
    free(path);
    return 0;
}

int
dxQemuBuildUUID(dxQemuBuildCtx *ctx)
{
    char uuid[DX_UUID_STRING_BUFLEN];
    dxUUIDFormat(ctx->def->uuid, uuid);
    dxArgvAddPair(ctx->argv, "-uuid", uuid);
    return 0;
}

int
dxQemuBuildDisplayNone(dxQemuBuildCtx *ctx)
{
    /* with no <graphics> QEMU must not open a window of its own */
    if (ctx->def->ngraphics == 0)
        dxArgvAddPair(ctx->argv, "-display", "none");
    return 0;
}

int
dxQemuBuildDefaults(dxQemuBuildCtx *ctx)
{
    /* every device is explicit: no config files, no default devices */
    dxArgvAdd(ctx->argv, "-no-user-config");
    dxArgvAdd(ctx->argv, "-nodefaults");
    return 0;
}

int
dxQemuBuildMonitor(dxQemuBuildCtx *ctx)
{
    dxBuf buf = DX_BUF_INIT;
    dxBufAddStr(&buf, "socket,id=charmonitor,path=");
    dxBufEscapeComma(&buf, ctx->stateDir);
    dxBufAddStr(&buf, "/monitor.sock,server=on,wait=off");
    dxArgvAddBuf(ctx->argv, "-chardev", &buf);
    dxArgvAddPair(ctx->argv, "-mon", "chardev=charmonitor,id=monitor,mode=control");
    return 0;
}

int
dxQemuBuildSandbox(dxQemuBuildCtx *ctx)
{
    dxArgvAddPair(ctx->argv, "-sandbox",
                  "on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny");
    return 0;
}

int
dxQemuBuildMsg(dxQemuBuildCtx *ctx)
{
    dxArgvAddPair(ctx->argv, "-msg", "timestamp=on");
    return 0;
}

/* The order of options, as libvirt 9.0's qemu driver emits them.  Device
 * families insert their steps at their place in this list. */
static const dxQemuBuildStep dxQemuBuildSteps[] = {
    dxQemuBuildName,

    /* pr-manager objects (disk reservations) */

    dxQemuBuildMasterKey,

    /* pflash -blockdev (firmware) */

    dxQemuBuildMachine,
    dxQemuBuildAccel,

    /* tseg -global */

    dxQemuBuildCPU,

    /* loader: -bios */

    dxQemuBuildMemory,
    dxQemuBuildOvercommit,
    dxQemuBuildSmp,

    /* iothreads */

    /* -numa */

    dxQemuBuildUUID,

    /* -smbios / sysinfo */

    /* vmgenid */

    dxQemuBuildDisplayNone,
    dxQemuBuildDefaults,
    dxQemuBuildMonitor,
    dxQemuBuildClock,
    dxQemuBuildPM,
    dxQemuBuildBoot,
    dxQemuBuildKernel,

    /* iommu */

    /* controllers (-global and -device) */
    dxQemuBuildControllersGlobal,
    dxQemuBuildControllers,

    /* memory devices */

    /* hubs */

    /* ccid controllers (smartcard bus) */
    dxQemuBuildCCIDControllers,

    /* disks */

    /* filesystems */

    /* interfaces */

    /* smartcards */

    /* serials */

    /* parallels */

    /* channels */

    /* consoles */

    /* tpms */

    /* inputs */

    /* audiodev */

    /* graphics */

    /* videos */

    /* sounds */

    /* watchdogs */

    /* redirdevs */

    /* hostdevs */

    /* memballoon */

    /* rngs */

    /* nvram */

    /* vmcoreinfo */

    /* launch security */

    /* qemu:commandline */

    dxQemuBuildSandbox,

    /* panic */

    /* shmem */

    /* vsock */

    /* crypto */

    dxQemuBuildMsg,
};

dxArgv *
dxQemuBuildCommandLine(dxDomainDef *def, const dxQemuBuildOptions *opts)
{
    dxQemuBuildCtx ctx = { .def = def };
    char *stateDir = NULL;
    size_t i;

    if (opts && opts->stateDir)
        ctx.stateDir = opts->stateDir;
    else
        ctx.stateDir = stateDir = dxQemuDefaultStateDir(def);
    if (dxQemuAssignAliases(def) < 0) {
        free(stateDir);
        return NULL;
    }
    ctx.argv = dxArgvNew();
    dxArgvAdd(ctx.argv, def->emulator ? def->emulator : DX_QEMU_DEFAULT_EMULATOR);
    for (i = 0; i < DX_ARRAY_CARDINALITY(dxQemuBuildSteps); i++) {
        if (dxQemuBuildSteps[i](&ctx) < 0) {
            dxArgvFree(ctx.argv);
            free(stateDir);
            return NULL;
        }
    }
    free(stateDir);
    return ctx.argv;
}
