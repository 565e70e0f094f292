/* qemu_cmd_firmware.c: the guest firmware: autoselection from the host's
 * firmware images (<os firmware='efi|bios'>), the pflash -blockdev pair,
 * and -bios / the secure-flash -global. */
#include "qemu_command_priv.h"
#include "conf/features_conf.h"
#include "conf/os_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"

#include <stdlib.h>
#include <string.h>

void
dxQemuFirmwareChoiceClear(dxQemuFirmwareChoice *fw)
{
    free(fw->nvramPath);
    memset(fw, 0, sizeof(*fw));
}

static bool
dxQemuFirmwareWanted(const dxDomainOsExtra *x, dxOsFirmwareFeature f, bool has)
{
    dxTristateBool want = x ? x->fwFeatures[f] : DX_TRISTATE_BOOL_ABSENT;
    if (want == DX_TRISTATE_BOOL_YES)
        return has;
    if (want == DX_TRISTATE_BOOL_NO)
        return !has;
    return true;
}

static bool
dxQemuFirmwareMatches(const dxDomainDef *def, const dxQemuFirmware *fw)
{
    const dxDomainLoaderDef *l = def->os.loader;
    bool stateless = l && l->stateless == DX_TRISTATE_BOOL_YES;
    bool efi = def->os.firmware == DX_DOMAIN_OS_FIRMWARE_EFI;

    if (efi != (fw->kind != DX_QEMU_FW_BIOS))
        return false;
    if (efi && stateless != (fw->kind == DX_QEMU_FW_UEFI_STATELESS))
        return false;
    if (fw->q35Only && !dxQemuMachineIsQ35(def->os.machine))
        return false;
    if (fw->requiresSMM &&
        def->features.state[DX_DOMAIN_FEATURE_SMM] == DX_TRISTATE_SWITCH_OFF)
        return false;
    if (l && l->secure == DX_TRISTATE_BOOL_YES && !fw->secureBoot)
        return false;
    return dxQemuFirmwareWanted(def->os.extra, DX_OS_FW_FEATURE_SECURE_BOOT, fw->secureBoot) &&
           dxQemuFirmwareWanted(def->os.extra, DX_OS_FW_FEATURE_ENROLLED_KEYS, fw->enrolledKeys);
}

static char *
dxQemuDefaultNvramPath(const dxDomainDef *def)
{
    return dxAsprintf("%s/%s_VARS.fd", DX_QEMU_NVRAM_DIR, def->name);
}

/* The variable store: the <nvram> path, or the per-domain default. */
static void
dxQemuFirmwareNvram(const dxDomainDef *def, dxQemuFirmwareChoice *fw)
{
    const dxDomainLoaderDef *l = def->os.loader;

    if (l && l->nvramType) {
        fw->nvramType = l->nvramType;
        fw->nvramSource = &l->nvramSource;
        if (l->nvramType == DX_NVRAM_TYPE_FILE)
            fw->nvramPath = dxStrdup(l->nvramSource.file);
    } else if (l && l->nvramPath) {
        fw->nvramPath = dxStrdup(l->nvramPath);
    } else {
        fw->nvramPath = dxQemuDefaultNvramPath(def);
    }
}

static int
dxQemuFirmwareAutoselect(const dxDomainDef *def, dxQemuFirmwareChoice *fw)
{
    size_t i;

    for (i = 0; i < dxQemuNFirmwares; i++) {
        const dxQemuFirmware *f = &dxQemuFirmwares[i];
        if (!dxQemuFirmwareMatches(def, f))
            continue;
        fw->code = f->code;
        fw->pflash = f->kind != DX_QEMU_FW_BIOS;
        fw->codeReadonly = true;
        fw->secure = f->secureBoot;
        fw->needSMM = f->requiresSMM;
        if (f->kind == DX_QEMU_FW_UEFI_FLASH)
            dxQemuFirmwareNvram(def, fw);
        return 0;
    }
    dxErrorReportLoc(DX_ERR_UNSUPPORTED, &def->loc,
                     "Unable to find '%s' firmware that is compatible with the "
                     "current configuration",
                     dxDomainOsFirmwareTypeToString(def->os.firmware));
    return -1;
}

int
dxQemuFirmwareResolve(const dxDomainDef *def, dxQemuFirmwareChoice *fw)
{
    const dxDomainLoaderDef *l = def->os.loader;

    memset(fw, 0, sizeof(*fw));
    if (def->os.firmware)
        return dxQemuFirmwareAutoselect(def, fw);
    if (!l || !l->path)
        return 0;
    fw->code = l->path;
    fw->pflash = l->type == DX_DOMAIN_LOADER_TYPE_PFLASH;
    fw->codeReadonly = l->readonly == DX_TRISTATE_BOOL_YES;
    fw->secure = l->secure == DX_TRISTATE_BOOL_YES;
    if (fw->pflash && l->stateless != DX_TRISTATE_BOOL_YES &&
        (l->nvramPresent || l->nvramType || l->nvramTemplate ||
         l->readonly == DX_TRISTATE_BOOL_YES))
        dxQemuFirmwareNvram(def, fw);
    return 0;
}

/* ---- -blockdev ------------------------------------------------------------- */

static void
dxQemuPflashStorageTail(dxJSON *props, const char *node)
{
    dxJSONAddString(props, "node-name", node);
    dxJSONAddBool(props, "auto-read-only", true);
    dxJSONAddString(props, "discard", "unmap");
}

static int
dxQemuPflashNetwork(const dxNvramSource *src, const char *node, dxJSON *props)
{
    const dxNvramHost *h = src->nhosts ? &src->hosts[0] : NULL;

    if (src->authUser) {
        dxErrorReport(DX_ERR_UNSUPPORTED, NULL,
                      "authenticated network NVRAM stores are not supported yet");
        return -1;
    }
    if (dxStrEq(src->protocol, "nbd")) {
        dxJSON *server = dxJSONNewObject();
        dxJSONAddString(props, "driver", "nbd");
        dxJSONAddString(server, "type", "inet");
        dxJSONAddString(server, "host", h ? h->name : NULL);
        dxJSONAddString(server, "port", h && h->port ? h->port : "10809");
        dxJSONAdd(props, "server", server);
        dxJSONAddString(props, "export", src->name);
    } else if (dxStrEq(src->protocol, "iscsi")) {
        char *portal = dxAsprintf("%s:%s", h && h->name ? h->name : "",
                                  h && h->port ? h->port : "3260");
        char *target = dxStrdup(src->name ? src->name : "");
        char *slash = strrchr(target, '/');
        unsigned int lun = 0;
        if (slash) {
            *slash = '\0';
            lun = (unsigned int)strtoul(slash + 1, NULL, 10);
        }
        dxJSONAddString(props, "driver", "iscsi");
        dxJSONAddString(props, "portal", portal);
        dxJSONAddString(props, "target", target);
        dxJSONAddUInt(props, "lun", lun);
        dxJSONAddString(props, "transport", "tcp");
        free(portal);
        free(target);
    } else {
        dxErrorReport(DX_ERR_UNSUPPORTED, NULL,
                      "NVRAM over '%s' is not supported", dxNullStr(src->protocol));
        return -1;
    }
    dxQemuPflashStorageTail(props, node);
    return 0;
}

static int
dxQemuPflashPair(dxQemuBuildCtx *ctx, int unit, const char *path,
                 const dxNvramSource *network, bool readonly)
{
    char *storage = dxAsprintf("libvirt-pflash%d-storage", unit);
    char *format = dxAsprintf("libvirt-pflash%d-format", unit);
    dxJSON *file = dxJSONNewObject();
    dxJSON *fmt;

    if (network) {
        if (dxQemuPflashNetwork(network, storage, file) < 0) {
            dxJSONFree(file);
            free(storage);
            free(format);
            return -1;
        }
    } else {
        dxJSONAddString(file, "driver", "file");
        dxJSONAddString(file, "filename", path);
        dxQemuPflashStorageTail(file, storage);
    }
    dxArgvAddJSON(ctx->argv, "-blockdev", file);
    fmt = dxJSONNewObject();
    dxJSONAddString(fmt, "node-name", format);
    dxJSONAddBool(fmt, "read-only", readonly);
    dxJSONAddString(fmt, "driver", "raw");
    dxJSONAddString(fmt, "file", storage);
    dxArgvAddJSON(ctx->argv, "-blockdev", fmt);
    free(storage);
    free(format);
    return 0;
}

int
dxQemuBuildPflash(dxQemuBuildCtx *ctx)
{
    dxQemuFirmwareChoice *fw = &ctx->fw;

    if (dxQemuFirmwareResolve(ctx->def, fw) < 0)
        return -1;
    if (!fw->pflash)
        return 0;
    if (dxQemuPflashPair(ctx, 0, fw->code, NULL, fw->codeReadonly) < 0)
        return -1;
    ctx->pflash0 = "libvirt-pflash0-format";
    if (!fw->nvramPath && fw->nvramType != DX_NVRAM_TYPE_NETWORK)
        return 0;
    if (dxQemuPflashPair(ctx, 1, fw->nvramPath,
                         fw->nvramType == DX_NVRAM_TYPE_NETWORK ?
                         (const dxNvramSource *)fw->nvramSource : NULL,
                         false) < 0)
        return -1;
    ctx->pflash1 = "libvirt-pflash1-format";
    return 0;
}

/* -bios for ROM images; secure flash lets only SMM code write the store. */
int
dxQemuBuildLoader(dxQemuBuildCtx *ctx)
{
    const dxQemuFirmwareChoice *fw = &ctx->fw;

    if (fw->code && !fw->pflash) {
        dxArgvAddPair(ctx->argv, "-bios", fw->code);
        return 0;
    }
    if (fw->pflash && fw->secure)
        dxArgvAddPair(ctx->argv, "-global", "driver=cfi.pflash01,property=secure,value=on");
    return 0;
}
