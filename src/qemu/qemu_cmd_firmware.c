/* qemu_cmd_firmware.c: the guest firmware: autoselection from the host's
 * firmware images (<os firmware='efi|bios'>), the pflash -blockdev pair,
 * and -bios / the secure-flash -global. */
#include "qemu_command_priv.h"
#include "qemu_conf.h"
#include "qemu_secret.h"
#include "conf/features_conf.h"
#include "conf/os_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxuuid.h"

#include <grp.h>
#include <limits.h>
#include <pwd.h>
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

#define DX_QEMU_NVRAM_SECRET "libvirt-pflash1-storage-auth-secret0"

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

/* "host:port", IPv6 addresses in brackets. */
static char *
dxQemuPflashHostPort(const dxStorageNetHost *h)
{
    const char *name = dxNullStr(h->name);
    return dxAsprintf(strchr(name, ':') ? "[%s]:%u" : "%s:%u", name, h->port);
}

static dxJSON *
dxQemuPflashServer(const dxStorageNetHost *h, bool withType)
{
    dxJSON *server = dxJSONNewObject();
    char *port;

    if (h->transport == DX_STORAGE_NET_TRANSPORT_UNIX) {
        dxJSONAddString(server, "type", "unix");
        dxJSONAddString(server, "path", h->socket);
        return server;
    }
    if (withType)
        dxJSONAddString(server, "type", "inet");
    dxJSONAddString(server, "host", h->name);
    port = dxAsprintf("%u", h->port);
    dxJSONAddString(server, "port", port);
    free(port);
    return server;
}

static int
dxQemuPflashISCSI(dxQemuBuildCtx *ctx, const dxStorageSource *src, dxJSON *props)
{
    /* a LUN number may follow the target name after a '/' */
    const char *slash = strchr(src->path, '/');
    unsigned int lun = 0;
    char *end = NULL, *tmp;

    if (slash) {
        unsigned long v = strtoul(slash + 1, &end, 10);
        if (!slash[1] || *end || v > UINT_MAX) {
            dxErrorReportLoc(DX_ERR_INVALID, dxQemuNvramLoc(ctx),
                             "cannot parse the LUN of iSCSI target '%s'", src->path);
            return -1;
        }
        lun = (unsigned int)v;
    }
    tmp = dxQemuPflashHostPort(&src->hosts[0]);
    dxJSONAddString(props, "portal", tmp);
    free(tmp);
    tmp = slash ? dxStrndup(src->path, (size_t)(slash - src->path)) : dxStrdup(src->path);
    dxJSONAddString(props, "target", tmp);
    free(tmp);
    dxJSONAddUInt(props, "lun", lun);
    dxJSONAddString(props, "transport", "tcp");
    if (src->auth) {
        dxJSONAddString(props, "user", src->auth->username);
        dxJSONAddString(props, "password-secret", DX_QEMU_NVRAM_SECRET);
    }
    if (src->initiatorIqn)
        dxJSONAddString(props, "initiator-name", src->initiatorIqn);
    return 0;
}

/* http, https, ftp, ftps: QEMU's curl drivers take one URL. */
static void
dxQemuPflashCurl(const dxStorageSource *src, dxJSON *props)
{
    char *hp = dxQemuPflashHostPort(&src->hosts[0]);
    char *url = dxAsprintf("%s://%s%s%s%s%s",
                           dxStorageNetProtocolTypeToString(src->protocol), hp,
                           src->path[0] == '/' ? "" : "/", src->path,
                           src->query ? "?" : "", dxNullStr(src->query));

    dxJSONAddString(props, "url", url);
    if (src->auth) {
        dxJSONAddString(props, "username", src->auth->username);
        dxJSONAddString(props, "password-secret", DX_QEMU_NVRAM_SECRET);
    }
    if (src->sslverify)
        dxJSONAddBool(props, "sslverify", src->sslverify == DX_TRISTATE_BOOL_YES);
    if (src->readahead)
        dxJSONAddUInt(props, "readahead", src->readahead);
    if (src->timeout)
        dxJSONAddUInt(props, "timeout", src->timeout);
    free(url);
    free(hp);
}

/* gluster and rbd: a volume (pool) and a path (image), several servers. */
static void
dxQemuPflashMultiHost(const dxStorageSource *src, dxJSON *props)
{
    bool gluster = src->protocol == DX_STORAGE_NET_PROTOCOL_GLUSTER;
    dxJSON *servers = dxJSONNewArray();
    size_t i;

    dxJSONAddString(props, gluster ? "volume" : "pool", src->volume);
    dxJSONAddString(props, gluster ? "path" : "image", src->path);
    if (src->snapshot)
        dxJSONAddString(props, "snapshot", src->snapshot);
    if (src->configFile)
        dxJSONAddString(props, "conf", src->configFile);
    for (i = 0; i < src->nhosts; i++)
        dxJSONAppend(servers, dxQemuPflashServer(&src->hosts[i], gluster));
    if (src->nhosts || gluster)
        dxJSONAdd(props, "server", servers);
    else
        dxJSONFree(servers);
    if (gluster) {
        dxJSONAddUInt(props, "debug", DX_QEMU_CONF_GLUSTER_DEBUG_LEVEL);
    } else if (src->auth) {
        dxJSON *modes = dxJSONNewArray();
        dxJSONAddString(props, "user", src->auth->username);
        dxJSONAppend(modes, dxJSONNewString("cephx"));
        dxJSONAppend(modes, dxJSONNewString("none"));
        dxJSONAdd(props, "auth-client-required", modes);
        dxJSONAddString(props, "key-secret", DX_QEMU_NVRAM_SECRET);
    }
}

/* An NFS <identity> user or group: "+N" or a number as is, else a name
 * of the host's account database (as libvirt resolves it). */
static int
dxQemuPflashNFSId(dxQemuBuildCtx *ctx, const char *name, bool group, dxJSON *props)
{
    const char *digits = name[0] == '+' ? name + 1 : name;
    char *end = NULL;
    unsigned long id = strtoul(digits, &end, 10);

    if (!*digits || *end || id > UINT_MAX) {
        struct passwd *pw = group ? NULL : getpwnam(name);
        struct group *gr = group ? getgrnam(name) : NULL;
        if (!pw && !gr) {
            dxErrorReportLoc(DX_ERR_INVALID, dxQemuNvramLoc(ctx), "unknown NFS %s '%s'",
                             group ? "group" : "user", name);
            return -1;
        }
        id = pw ? pw->pw_uid : gr->gr_gid;
    }
    dxJSONAddUInt(props, group ? "group" : "user", id);
    return 0;
}

static int
dxQemuPflashNFS(dxQemuBuildCtx *ctx, const dxStorageSource *src, dxJSON *props)
{
    dxJSON *server = dxJSONNewObject();

    dxJSONAddString(server, "host", src->hosts[0].name);
    dxJSONAddString(server, "type", "inet");
    dxJSONAdd(props, "server", server);
    dxJSONAddString(props, "path", src->path);
    if (src->nfsUser && dxQemuPflashNFSId(ctx, src->nfsUser, false, props) < 0)
        return -1;
    if (src->nfsGroup && dxQemuPflashNFSId(ctx, src->nfsGroup, true, props) < 0)
        return -1;
    return 0;
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
    switch (src->protocol) {
    case DX_STORAGE_NET_PROTOCOL_NBD:
        dxJSONAdd(props, "server", dxQemuPflashServer(&src->hosts[0], true));
        if (src->path)
            dxJSONAddString(props, "export", src->path);
        break;
    case DX_STORAGE_NET_PROTOCOL_ISCSI:
        if (dxQemuPflashISCSI(ctx, src, props) < 0)
            return -1;
        break;
    case DX_STORAGE_NET_PROTOCOL_HTTP:
    case DX_STORAGE_NET_PROTOCOL_HTTPS:
    case DX_STORAGE_NET_PROTOCOL_FTP:
    case DX_STORAGE_NET_PROTOCOL_FTPS:
        dxQemuPflashCurl(src, props);
        break;
    case DX_STORAGE_NET_PROTOCOL_SSH:
        dxJSONAddString(props, "path", src->path);
        dxJSONAdd(props, "server", dxQemuPflashServer(&src->hosts[0], false));
        if (src->auth)
            dxJSONAddString(props, "user", src->auth->username);
        break;
    case DX_STORAGE_NET_PROTOCOL_GLUSTER:
    case DX_STORAGE_NET_PROTOCOL_RBD:
        dxQemuPflashMultiHost(src, props);
        break;
    case DX_STORAGE_NET_PROTOCOL_NFS:
        if (dxQemuPflashNFS(ctx, src, props) < 0)
            return -1;
        break;
    default:
        break;
    }
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
