/* qemu_cmd_firmware.c: the guest firmware: autoselection from the host's
 * firmware images (<os firmware='efi|bios'>), the pflash -blockdev pair,
 * and -bios / the secure-flash -global. */
#include "qemu_command_priv.h"
#include "qemu_cmd_disk.h"
#include "qemu_conf.h"
#include "qemu_secret.h"
#include "conf/features_conf.h"
#include "conf/os_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxuuid.h"

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
        fw->nvramSource = l->nvramSource;
        if (l->nvramType == DX_NVRAM_TYPE_FILE)
            fw->nvramPath = dxStrdup(l->nvramSource->path);
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

/* ---- network variable stores ---------------------------------------------- */

#define DX_QEMU_NVRAM_NODE_BASE "libvirt-pflash1"
#define DX_QEMU_NVRAM_SECRET DX_QEMU_NVRAM_NODE_BASE "-storage-auth-secret0"

static const dxSourceLoc *
dxQemuNvramLoc(const dxQemuBuildCtx *ctx)
{
    return &ctx->def->os.loader->nvramLoc;
}

/* The -object secret with the password of an authenticated store; as for
 * disks it comes with any <auth>, even where the protocol (nbd, ssh) has
 * no use for it. */
static void
dxQemuPflashSecret(dxQemuBuildCtx *ctx, const dxStorageSource *src)
{
    if (src->auth)
        dxArgvAddJSON(ctx->argv, "-object",
                      dxQemuSecretLookupProps(ctx, DX_QEMU_NVRAM_SECRET, &src->auth->secret));
}

/* What libvirt does not hand to QEMU for a variable store. */
static int
dxQemuPflashNetworkCheck(dxQemuBuildCtx *ctx, const dxStorageSource *src)
{
    dxStorageNetProtocol p = src->protocol;
    bool multi = p == DX_STORAGE_NET_PROTOCOL_GLUSTER || p == DX_STORAGE_NET_PROTOCOL_RBD;

    if (p == DX_STORAGE_NET_PROTOCOL_TFTP || p == DX_STORAGE_NET_PROTOCOL_SHEEPDOG ||
        p == DX_STORAGE_NET_PROTOCOL_VXHS) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, dxQemuNvramLoc(ctx),
                         "NVRAM over '%s' is not supported", dxStorageNetProtocolTypeToString(p));
        return -1;
    }
    if (src->haveTLS == DX_TRISTATE_BOOL_YES || src->ncookies) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, dxQemuNvramLoc(ctx),
                         "TLS and cookies are not supported for a network NVRAM store");
        return -1;
    }
    if (!multi && src->nhosts != 1) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, dxQemuNvramLoc(ctx),
                         "protocol '%s' accepts only one host", dxStorageNetProtocolTypeToString(p));
        return -1;
    }
    if (p == DX_STORAGE_NET_PROTOCOL_NFS && src->hosts[0].port) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, dxQemuNvramLoc(ctx),
                         "port cannot be specified in 'nfs' protocol host");
        return -1;
    }
    if (p == DX_STORAGE_NET_PROTOCOL_GLUSTER && !src->nhosts) {
        dxErrorReportLoc(DX_ERR_INVALID, dxQemuNvramLoc(ctx),
                         "protocol 'gluster' needs at least one host");
        return -1;
    }
    return 0;
}

static int
dxQemuPflashNetwork(dxQemuBuildCtx *ctx, const dxStorageSource *src,
                    const char *node, dxJSON *props)
{
    if (dxQemuPflashNetworkCheck(ctx, src) < 0)
        return -1;
    dxQemuPflashSecret(ctx, src);
    dxJSONAddString(props, "driver", dxStorageNetProtocolTypeToString(src->protocol));
    if (dxQemuStorageNetworkProps(dxQemuNvramLoc(ctx), src, DX_QEMU_NVRAM_NODE_BASE, props) < 0)
        return -1;
    dxQemuPflashStorageTail(props, node);
    return 0;
}

static int
dxQemuPflashPair(dxQemuBuildCtx *ctx, int unit, const char *path,
                 const dxStorageSource *network, bool readonly)
{
    char *storage = dxAsprintf("libvirt-pflash%d-storage", unit);
    char *format = dxAsprintf("libvirt-pflash%d-format", unit);
    dxJSON *file = dxJSONNewObject();
    dxJSON *fmt;

    if (network) {
        if (dxQemuPflashNetwork(ctx, network, storage, file) < 0) {
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

/* Resolve the firmware before any option: a password of a network NVRAM
 * store is encrypted with the master key, which comes first. */
int
dxQemuPrepareFirmware(dxQemuBuildCtx *ctx)
{
    const dxStorageSource *src;

    if (dxQemuFirmwareResolve(ctx->def, &ctx->fw) < 0)
        return -1;
    src = ctx->fw.nvramSource;
    if (ctx->fw.pflash && ctx->fw.nvramType == DX_NVRAM_TYPE_NETWORK && src && src->auth)
        ctx->needMasterKey = true;
    return 0;
}

int
dxQemuBuildPflash(dxQemuBuildCtx *ctx)
{
    dxQemuFirmwareChoice *fw = &ctx->fw;

    if (!fw->pflash)
        return 0;
    if (dxQemuPflashPair(ctx, 0, fw->code, NULL, fw->codeReadonly) < 0)
        return -1;
    ctx->pflash0 = "libvirt-pflash0-format";
    if (!fw->nvramPath && fw->nvramType != DX_NVRAM_TYPE_NETWORK)
        return 0;
    if (dxQemuPflashPair(ctx, 1, fw->nvramPath,
                         fw->nvramType == DX_NVRAM_TYPE_NETWORK ? fw->nvramSource : NULL,
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
