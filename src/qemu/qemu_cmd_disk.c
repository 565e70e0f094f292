/* qemu_cmd_disk.c: disks on the command line: the -blockdev graph of each
 * image chain (a "storage" node for where the bytes are, a "format" node
 * on top), the objects it needs, and the -device of the disk. */
#include "qemu_command_priv.h"
#include "qemu_cmd_disk.h"
#include "qemu_secret.h"
#include "qemu_virtio.h"
#include "qemu_conf.h"
#include "qemu_controller.h"
#include "conf/controller_conf.h"
#include "conf/disk_conf.h"
#include "conf/hostdev_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"

#include <errno.h>
#include <limits.h>
#include <grp.h>
#include <pwd.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- preparation ------------------------------------------------------------------ */

static bool
dxQemuDiskHasNodes(const dxDiskDef *disk)
{
    /* SD cards are still plain -drive options; vhost-user disks have no
       block layer in QEMU */
    return disk->bus != DX_DISK_BUS_SD && disk->src->type != DX_STORAGE_TYPE_VHOST_USER;
}

unsigned int
dxQemuDiskNodeCount(const dxDomainDef *def)
{
    unsigned int n = 0;
    size_t i;
    for (i = 0; i < def->ndisks; i++) {
        const dxStorageSource *src;
        if (!dxQemuDiskHasNodes(def->disks[i]))
            continue;
        for (src = def->disks[i]->src; dxStorageSourceIsBacking(src); src = src->backingStore)
            n++;
    }
    return n;
}

/* Node N of "libvirt-N-storage": libvirt numbers the images of all disks
 * from the last disk to the first, each chain from the top down. */
static void
dxQemuAssignNodeIndexes(dxQemuBuildCtx *ctx)
{
    unsigned int n = 0;
    size_t i;

    for (i = ctx->def->ndisks; i > 0; i--) {
        dxStorageSource *src;
        if (!dxQemuDiskHasNodes(ctx->def->disks[i - 1]))
            continue;
        for (src = ctx->def->disks[i - 1]->src; dxStorageSourceIsBacking(src);
             src = src->backingStore)
            src->nodeIndex = ++n;
    }
    ctx->nextNodeIndex = n + 1;
}

static bool
dxQemuSourceHasSecrets(const dxStorageSource *src)
{
    return src->auth || src->encryption || src->ncookies ||
           src->haveTLS == DX_TRISTATE_BOOL_YES;
}

int
dxQemuPrepareDisks(dxQemuBuildCtx *ctx)
{
    size_t i;

    dxQemuAssignNodeIndexes(ctx);
    for (i = 0; i < ctx->def->ndisks; i++) {
        const dxStorageSource *src;
        for (src = ctx->def->disks[i]->src; dxStorageSourceIsBacking(src);
             src = src->backingStore) {
            if (dxQemuSourceHasSecrets(src))
                ctx->needMasterKey = true;
        }
    }
    return 0;
}

/* The bootindex of DISK: its <boot order>, or with <os><boot dev>, the
 * position of its device class for the first disk of that class. */
static unsigned int
dxQemuDiskBootIndex(const dxDomainDef *def, const dxDiskDef *disk)
{
    static const int classOf[DX_DISK_DEVICE_LAST] = {
        [DX_DISK_DEVICE_DISK] = DX_DOMAIN_BOOT_DISK,
        [DX_DISK_DEVICE_LUN] = DX_DOMAIN_BOOT_DISK,
        [DX_DISK_DEVICE_CDROM] = DX_DOMAIN_BOOT_CDROM,
        [DX_DISK_DEVICE_FLOPPY] = DX_DOMAIN_BOOT_FLOPPY,
    };
    int cls = classOf[disk->device];
    unsigned int index = 0;
    size_t i;

    if (def->os.nBootDevs == 0)
        return disk->info.bootIndex;
    for (i = 0; i < def->os.nBootDevs; i++) {
        if ((int)def->os.bootDevs[i] == cls)
            index = (unsigned int)i + 1;
    }
    /* only the first disk of the class boots */
    for (i = 0; i < def->ndisks && def->disks[i] != disk; i++) {
        if (classOf[def->disks[i]->device] == cls)
            return 0;
    }
    return index;
}

/* ---- pr-manager ---------------------------------------------------------------------- */

static bool
dxQemuDiskManagedPR(const dxDiskDef *disk)
{
    return disk->src->pr && disk->src->pr->managed == DX_TRISTATE_BOOL_YES;
}

/* Managed reservations share one pr-helper libvirt starts itself. */
int
dxQemuBuildPRManager(dxQemuBuildCtx *ctx)
{
    size_t i;
    for (i = 0; i < ctx->def->ndisks; i++) {
        if (dxQemuDiskManagedPR(ctx->def->disks[i])) {
            dxJSON *props = dxJSONNewObject();
            char *path = dxAsprintf("%s/pr-helper0.sock", ctx->stateDir);
            dxJSONAddString(props, "qom-type", "pr-manager-helper");
            dxJSONAddString(props, "id", "pr-helper0");
            dxJSONAddString(props, "path", path);
            dxArgvAddJSON(ctx->argv, "-object", props);
            free(path);
            return 0;
        }
    }
    return 0;
}

/* ---- cache modes ---------------------------------------------------------------------- */

/* The write-back / O_DIRECT / no-flush triple of a cache mode; false for
 * the default (nothing is said). */
static bool
dxQemuCacheFlags(dxDiskCache cache, bool *writeback, bool *direct, bool *noflush)
{
    *writeback = *direct = *noflush = false;
    switch (cache) {
    case DX_DISK_CACHE_DIRECTSYNC:
        *direct = true;
        return true;
    case DX_DISK_CACHE_WRITETHROUGH:
        return true;
    case DX_DISK_CACHE_WRITEBACK:
        *writeback = true;
        return true;
    case DX_DISK_CACHE_NONE:
        *writeback = *direct = true;
        return true;
    case DX_DISK_CACHE_UNSAFE:
        *writeback = *noflush = true;
        return true;
    case DX_DISK_CACHE_DEFAULT:
    case DX_DISK_CACHE_LAST:
        break;
    }
    return false;
}

/* A disk shared read-write between hosts must bypass the host cache. */
static dxDiskCache
dxQemuDiskCache(const dxDiskDef *disk)
{
    if (!disk->driver.cache && disk->src->shared && !disk->src->readonly)
        return DX_DISK_CACHE_NONE;
    return disk->driver.cache;
}

static void
dxQemuCacheProps(dxJSON *props, const dxDiskDef *disk)
{
    bool wb, direct, noflush;
    dxJSON *cache;

    if (!dxQemuCacheFlags(dxQemuDiskCache(disk), &wb, &direct, &noflush))
        return;
    cache = dxJSONNewObject();
    dxJSONAddBool(cache, "direct", direct);
    dxJSONAddBool(cache, "no-flush", noflush);
    dxJSONAdd(props, "cache", cache);
}

/* ---- names ------------------------------------------------------------------------------ */

static char *
dxQemuNodeName(const dxStorageSource *src, const char *layer)
{
    return dxAsprintf("libvirt-%u-%s", src->nodeIndex, layer);
}

/* ---- storage nodes ------------------------------------------------------------------------ */

static dxJSON *
dxQemuInetServer(const dxStorageNetHost *h, bool withType)
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
dxQemuOneHost(const dxSourceLoc *loc, const dxStorageSource *src)
{
    if (src->nhosts != 1) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, loc,
                         "protocol '%s' accepts only one host",
                         dxStorageNetProtocolTypeToString(src->protocol));
        return -1;
    }
    return 0;
}

/* scheme://host:port/path?query of curl-driven protocols. */
static char *
dxQemuSourceURI(const dxStorageSource *src)
{
    const dxStorageNetHost *h = &src->hosts[0];
    const char *path = dxNullStr(src->path);
    bool ipv6 = h->name && strchr(h->name, ':');

    return dxAsprintf("%s://%s%s%s:%u%s%s%s%s%s",
                      dxStorageNetProtocolTypeToString(src->protocol),
                      ipv6 ? "[" : "", dxNullStr(h->name), ipv6 ? "]" : "", h->port,
                      path[0] == '/' ? "" : "/", path,
                      src->query ? "?" : "", dxNullStr(src->query), "");
}

/* "libvirt-N": what SRC's block nodes and their secrets are named after. */
#define DX_QEMU_NODE_BASE_LEN 32
static void
dxQemuNodeBase(const dxStorageSource *src, char base[DX_QEMU_NODE_BASE_LEN])
{
    snprintf(base, DX_QEMU_NODE_BASE_LEN, "libvirt-%u", src->nodeIndex);
}

/* Secret objects are named after the node they serve: BASE ("libvirt-N",
 * "libvirt-pflash1") - LAYER - WHAT. */
static char *
dxQemuNodeSecretAlias(const char *base, const char *layer, const char *what)
{
    return dxAsprintf("%s-%s-%s-secret0", base, layer, what);
}

static char *
dxQemuSecretAlias(const dxStorageSource *src, const char *layer, const char *what)
{
    char base[DX_QEMU_NODE_BASE_LEN];
    dxQemuNodeBase(src, base);
    return dxQemuNodeSecretAlias(base, layer, what);
}

static void
dxQemuAddStr(dxJSON *props, const char *key, const char *value)
{
    if (value)
        dxJSONAddString(props, key, value);
}

/* <identity user= group=> of an NFS source: "+N" is the number N, other
 * names are looked up on this host, as libvirt does where it runs. */
static long long
dxQemuNFSIdentity(const char *name, bool group)
{
    char *end;
    unsigned long long n;

    if (*name == '+') {
        errno = 0;
        n = strtoull(name + 1, &end, 10);
        return (errno || *end || end == name + 1 || n > UINT32_MAX) ? -1 : (long long)n;
    }
    if (group) {
        struct group gr, *found = NULL;
        char buf[4096];
        if (getgrnam_r(name, &gr, buf, sizeof(buf), &found) == 0 && found)
            return (long long)found->gr_gid;
    } else {
        struct passwd pw, *found = NULL;
        char buf[4096];
        if (getpwnam_r(name, &pw, buf, sizeof(buf), &found) == 0 && found)
            return (long long)found->pw_uid;
    }
    errno = 0;
    n = strtoull(name, &end, 10);
    return (errno || *end || end == name || n > UINT32_MAX) ? -1 : (long long)n;
}

/* "user"/"group" of an NFS node from <identity>. */
static int
dxQemuNFSIdentityProp(const dxSourceLoc *loc, const char *name, bool group, dxJSON *props)
{
    long long id = dxQemuNFSIdentity(name, group);

    if (id < 0) {
        dxErrorReportLoc(DX_ERR_INVALID, loc, "Failed to parse %s '%s'",
                         group ? "group" : "user", name);
        return -1;
    }
    dxJSONAddUInt(props, group ? "group" : "user", (unsigned long long)id);
    return 0;
}

int
dxQemuStorageNetworkProps(const dxSourceLoc *loc, const dxStorageSource *src, const char *base,
                          dxJSON *props)
{
    char *tmp = NULL;
    size_t i;

    switch (src->protocol) {
    case DX_STORAGE_NET_PROTOCOL_GLUSTER: {
        dxJSON *servers = dxJSONNewArray();
        dxJSONAddString(props, "volume", src->volume);
        dxJSONAddString(props, "path", src->path);
        for (i = 0; i < src->nhosts; i++)
            dxJSONAppend(servers, dxQemuInetServer(&src->hosts[i], true));
        dxJSONAdd(props, "server", servers);
        dxJSONAddUInt(props, "debug", DX_QEMU_CONF_GLUSTER_DEBUG_LEVEL);
        return 0;
    }
    case DX_STORAGE_NET_PROTOCOL_NBD:
        if (dxQemuOneHost(loc, src) < 0)
            return -1;
        dxJSONAdd(props, "server", dxQemuInetServer(&src->hosts[0], true));
        dxQemuAddStr(props, "export", src->path);
        if (src->haveTLS == DX_TRISTATE_BOOL_YES) {
            tmp = dxAsprintf("obj%s-storage_tls0", base);
            dxJSONAddString(props, "tls-creds", tmp);
            free(tmp);
            dxQemuAddStr(props, "tls-hostname", src->tlsHostname);
        }
        return 0;
    case DX_STORAGE_NET_PROTOCOL_RBD: {
        dxJSON *servers = dxJSONNewArray();
        dxJSONAddString(props, "pool", src->volume);
        dxJSONAddString(props, "image", src->path);
        dxQemuAddStr(props, "snapshot", src->snapshot);
        dxQemuAddStr(props, "conf", src->configFile);
        for (i = 0; i < src->nhosts; i++)
            dxJSONAppend(servers, dxQemuInetServer(&src->hosts[i], false));
        if (src->nhosts)
            dxJSONAdd(props, "server", servers);
        else
            dxJSONFree(servers);
        if (src->encryption && src->encryption->engine == DX_STORAGE_ENCRYPTION_ENGINE_LIBRBD) {
            dxJSON *enc = dxJSONNewObject();
            dxJSONAddString(enc, "format",
                            dxStorageEncryptionFormatTypeToString(src->encryption->format));
            tmp = dxQemuNodeSecretAlias(base, "format", "encryption");
            dxJSONAddString(enc, "key-secret", tmp);
            free(tmp);
            dxJSONAdd(props, "encrypt", enc);
        }
        if (src->auth) {
            dxJSON *modes = dxJSONNewArray();
            dxJSONAddString(props, "user", src->auth->username);
            dxJSONAppend(modes, dxJSONNewString("cephx"));
            dxJSONAppend(modes, dxJSONNewString("none"));
            dxJSONAdd(props, "auth-client-required", modes);
            tmp = dxQemuNodeSecretAlias(base, "storage", "auth");
            dxJSONAddString(props, "key-secret", tmp);
            free(tmp);
        }
        return 0;
    }
    case DX_STORAGE_NET_PROTOCOL_ISCSI: {
        const dxStorageNetHost *h;
        const char *slash = src->path ? strchr(src->path, '/') : NULL;
        unsigned int lun = 0;
        char *target;
        bool ipv6;
        if (dxQemuOneHost(loc, src) < 0)
            return -1;
        h = &src->hosts[0];
        ipv6 = h->name && strchr(h->name, ':');
        if (slash) {
            /* a LUN number may follow the target name after a '/' */
            char *end = NULL;
            unsigned long v;
            errno = 0;
            v = strtoul(slash + 1, &end, 10);
            if (!slash[1] || *end || errno || v > UINT_MAX) {
                dxErrorReportLoc(DX_ERR_INVALID, loc,
                                 "cannot parse the LUN of iSCSI target '%s'", src->path);
                return -1;
            }
            lun = (unsigned int)v;
        }
        target = slash ? dxStrndup(src->path, slash - src->path) : dxStrdup(src->path);
        tmp = dxAsprintf(ipv6 ? "[%s]:%u" : "%s:%u", dxNullStr(h->name), h->port);
        dxJSONAddString(props, "portal", tmp);
        free(tmp);
        dxJSONAddString(props, "target", target);
        free(target);
        dxJSONAddUInt(props, "lun", lun);
        dxJSONAddString(props, "transport", "tcp");
        if (src->auth) {
            dxJSONAddString(props, "user", src->auth->username);
            tmp = dxQemuNodeSecretAlias(base, "storage", "auth");
            dxJSONAddString(props, "password-secret", tmp);
            free(tmp);
        }
        dxQemuAddStr(props, "initiator-name", src->initiatorIqn);
        return 0;
    }
    case DX_STORAGE_NET_PROTOCOL_HTTP:
    case DX_STORAGE_NET_PROTOCOL_HTTPS:
    case DX_STORAGE_NET_PROTOCOL_FTP:
    case DX_STORAGE_NET_PROTOCOL_FTPS:
    case DX_STORAGE_NET_PROTOCOL_TFTP:
        if (dxQemuOneHost(loc, src) < 0)
            return -1;
        tmp = dxQemuSourceURI(src);
        dxJSONAddString(props, "url", tmp);
        free(tmp);
        if (src->auth) {
            dxJSONAddString(props, "username", src->auth->username);
            tmp = dxQemuNodeSecretAlias(base, "storage", "auth");
            dxJSONAddString(props, "password-secret", tmp);
            free(tmp);
        }
        if (src->sslverify)
            dxJSONAddBool(props, "sslverify", src->sslverify == DX_TRISTATE_BOOL_YES);
        if (src->ncookies) {
            tmp = dxQemuNodeSecretAlias(base, "storage", "httpcookie");
            dxJSONAddString(props, "cookie-secret", tmp);
            free(tmp);
        }
        if (src->timeout)
            dxJSONAddUInt(props, "timeout", src->timeout);
        if (src->readahead)
            dxJSONAddUInt(props, "readahead", src->readahead);
        return 0;
    case DX_STORAGE_NET_PROTOCOL_SSH:
        if (dxQemuOneHost(loc, src) < 0)
            return -1;
        dxJSONAddString(props, "path", src->path);
        dxJSONAdd(props, "server", dxQemuInetServer(&src->hosts[0], false));
        if (src->auth)
            dxJSONAddString(props, "user", src->auth->username);
        return 0;
    case DX_STORAGE_NET_PROTOCOL_SHEEPDOG:
        /* libvirt 9.0 still builds the node, though QEMU 7.2 has no
           sheepdog driver any more */
        if (dxQemuOneHost(loc, src) < 0)
            return -1;
        dxJSONAdd(props, "server", dxQemuInetServer(&src->hosts[0], true));
        dxJSONAddString(props, "vdi", src->path);
        return 0;
    case DX_STORAGE_NET_PROTOCOL_VXHS:
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, loc,
                         "VxHS protocol is not supported with this QEMU binary");
        return -1;
    case DX_STORAGE_NET_PROTOCOL_NFS: {
        dxJSON *server;
        if (dxQemuOneHost(loc, src) < 0)
            return -1;
        server = dxJSONNewObject();
        dxJSONAddString(server, "host", src->hosts[0].name);
        dxJSONAddString(server, "type", "inet");
        dxJSONAdd(props, "server", server);
        dxJSONAddString(props, "path", src->path);
        if ((src->nfsUser && dxQemuNFSIdentityProp(loc, src->nfsUser, false, props) < 0) ||
            (src->nfsGroup && dxQemuNFSIdentityProp(loc, src->nfsGroup, true, props) < 0))
            return -1;
        return 0;
    }
    default:
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, loc,
                         "network protocol '%s' is not supported by this QEMU",
                         dxStorageNetProtocolTypeToString(src->protocol));
        return -1;
    }
}

/* libvirt opens an optical drive of the host with QEMU's host_cdrom
 * driver; offline, domxml recognises the drive by its usual name. */
static bool
dxQemuIsHostCDROM(const dxDiskDef *disk, const dxStorageSource *src)
{
    return src == disk->src && disk->device == DX_DISK_DEVICE_CDROM &&
           src->type == DX_STORAGE_TYPE_BLOCK && src->path &&
           strncmp(src->path, "/dev/cdrom", 10) == 0;
}

/* The first keys of a storage node: driver and what it opens. */
static int
dxQemuStorageTypeProps(const dxDiskDef *disk, const dxStorageSource *src, dxJSON *props)
{
    char host[DX_PCI_HOST_ADDR_BUFLEN];
    char base[DX_QEMU_NODE_BASE_LEN];

    switch (src->type) {
    case DX_STORAGE_TYPE_FILE:
    case DX_STORAGE_TYPE_BLOCK:
        if (src->type == DX_STORAGE_TYPE_FILE)
            dxJSONAddString(props, "driver", "file");
        else if (dxQemuIsHostCDROM(disk, src))
            dxJSONAddString(props, "driver", "host_cdrom");
        else
            dxJSONAddString(props, "driver", "host_device");
        dxJSONAddString(props, "filename", src->path);
        if (disk->driver.io)
            dxJSONAddString(props, "aio", dxDiskIoTypeToString(disk->driver.io));
        if (src->pr) {
            char *mgr = dxQemuDiskManagedPR(disk) ? dxStrdup("pr-helper0") :
                        dxAsprintf("pr-helper-libvirt-%u-storage", src->nodeIndex);
            dxJSONAddString(props, "pr-manager", mgr);
            free(mgr);
        }
        return 0;
    case DX_STORAGE_TYPE_DIR:
        /* a directory becomes an emulated FAT disk */
        dxJSONAddString(props, "driver", "vvfat");
        dxJSONAddString(props, "dir", src->path);
        dxJSONAddBool(props, "floppy", disk->device == DX_DISK_DEVICE_FLOPPY);
        dxJSONAddBool(props, "rw", !src->readonly);
        return 0;
    case DX_STORAGE_TYPE_NVME:
        dxJSONAddString(props, "driver", "nvme");
        dxPCIHostAddrFormat(&src->nvme->addr, host);
        dxJSONAddString(props, "device", host);
        dxJSONAddUInt(props, "namespace", src->nvme->namespc);
        return 0;
    case DX_STORAGE_TYPE_NETWORK:
        dxJSONAddString(props, "driver", dxStorageNetProtocolTypeToString(src->protocol));
        dxQemuNodeBase(src, base);
        return dxQemuStorageNetworkProps(&disk->info.loc, src, base, props);
    case DX_STORAGE_TYPE_VOLUME:
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &disk->info.loc,
                         "storage source pool '%s' volume '%s' is not translated: domxml "
                         "has no storage pools, use a file, block or network disk",
                         dxNullStr(src->pool), dxNullStr(src->poolVolume));
        return -1;
    case DX_STORAGE_TYPE_VHOST_USER:
    case DX_STORAGE_TYPE_NONE:
    case DX_STORAGE_TYPE_LAST:
        break;
    }
    dxErrorReportLoc(DX_ERR_INTERNAL, &disk->info.loc, "no block node for this disk type");
    return -1;
}

static dxJSON *
dxQemuStorageProps(const dxDiskDef *disk, const dxStorageSource *src)
{
    dxJSON *props = dxJSONNewObject();
    char *name;

    if (dxQemuStorageTypeProps(disk, src, props) < 0) {
        dxJSONFree(props);
        return NULL;
    }
    name = dxQemuNodeName(src, "storage");
    dxJSONAddString(props, "node-name", name);
    free(name);
    dxQemuCacheProps(props, disk);
    dxJSONAddBool(props, "auto-read-only", true);
    dxJSONAddString(props, "discard", "unmap");
    return props;
}

/* ---- format nodes ------------------------------------------------------------------------- */

static void
dxQemuEncryptProps(dxJSON *props, const dxStorageSource *src)
{
    dxJSON *enc = dxJSONNewObject();
    char *secret = dxQemuSecretAlias(src, "format", "encryption");
    dxJSONAddString(enc, "format", "luks");
    dxJSONAddString(enc, "key-secret", secret);
    dxJSONAdd(props, "encrypt", enc);
    free(secret);
}

static bool
dxQemuQemuEncryption(const dxStorageSource *src)
{
    return src->encryption && src->encryption->engine == DX_STORAGE_ENCRYPTION_ENGINE_QEMU;
}

static int
dxQemuFormatDriverProps(const dxDiskDef *disk, const dxStorageSource *src, dxJSON *props)
{
    char *secret;

    switch (src->format) {
    case DX_STORAGE_FORMAT_RAW:
    case DX_STORAGE_FORMAT_FAT:
        if (dxQemuQemuEncryption(src)) {
            secret = dxQemuSecretAlias(src, "format", "encryption");
            dxJSONAddString(props, "driver", "luks");
            dxJSONAddString(props, "key-secret", secret);
            free(secret);
        } else {
            dxJSONAddString(props, "driver", "raw");
        }
        break;
    case DX_STORAGE_FORMAT_QCOW2:
    case DX_STORAGE_FORMAT_QCOW:
        dxJSONAddString(props, "driver", dxStorageFormatTypeToString(src->format));
        if (dxQemuQemuEncryption(src))
            dxQemuEncryptProps(props, src);
        if (src->format == DX_STORAGE_FORMAT_QCOW2 && src->metadataCacheMaxSize)
            dxJSONAddUInt(props, "cache-size", src->metadataCacheMaxSize);
        break;
    case DX_STORAGE_FORMAT_PLOOP:
        dxJSONAddString(props, "driver", "parallels");
        break;
    case DX_STORAGE_FORMAT_VHD:
        dxJSONAddString(props, "driver", "vhdx");
        break;
    case DX_STORAGE_FORMAT_BOCHS:
    case DX_STORAGE_FORMAT_CLOOP:
    case DX_STORAGE_FORMAT_DMG:
    case DX_STORAGE_FORMAT_VDI:
    case DX_STORAGE_FORMAT_VPC:
    case DX_STORAGE_FORMAT_QED:
    case DX_STORAGE_FORMAT_VMDK:
        dxJSONAddString(props, "driver", dxStorageFormatTypeToString(src->format));
        break;
    default:
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &disk->info.loc,
                         "storage format '%s' cannot be opened by QEMU",
                         dxStorageFormatTypeToString(src->format));
        return -1;
    }
    return 0;
}

/* detect-zeroes 'unmap' only means it when discards are passed down */
static dxDiskDetectZeroes
dxQemuDetectZeroes(const dxDiskDef *disk)
{
    if (disk->driver.detectZeroes == DX_DISK_DETECT_ZEROES_UNMAP &&
        disk->driver.discard != DX_DISK_DISCARD_UNMAP)
        return DX_DISK_DETECT_ZEROES_ON;
    return disk->driver.detectZeroes;
}

static dxJSON *
dxQemuFormatProps(const dxDiskDef *disk, const dxStorageSource *src)
{
    dxJSON *props = dxJSONNewObject();
    const dxStorageSource *b = src->backingStore;
    char *name = dxQemuNodeName(src, "format");

    dxJSONAddString(props, "node-name", name);
    free(name);
    dxJSONAddBool(props, "read-only", src->readonly || src != disk->src);
    if (disk->driver.discard)
        dxJSONAddString(props, "discard", dxDiskDiscardTypeToString(disk->driver.discard));
    if (src == disk->src && dxQemuDetectZeroes(disk))
        dxJSONAddString(props, "detect-zeroes", dxDiskDetectZeroesTypeToString(dxQemuDetectZeroes(disk)));
    dxQemuCacheProps(props, disk);
    if (dxQemuFormatDriverProps(disk, src, props) < 0) {
        dxJSONFree(props);
        return NULL;
    }
    name = dxQemuNodeName(src, "storage");
    dxJSONAddString(props, "file", name);
    free(name);
    if (b && src->format >= DX_STORAGE_FORMAT_BACKING) {
        if (dxStorageSourceIsBacking(b)) {
            name = dxQemuNodeName(b, "format");
            dxJSONAddString(props, "backing", name);
            free(name);
        } else {
            /* the chain ends here: QEMU must not look for a backing file */
            dxJSONAdd(props, "backing", dxJSONNewNull());
        }
    }
    return props;
}

/* ---- objects of one image ------------------------------------------------------------------ */

static char *
dxQemuCookieString(const dxStorageSource *src)
{
    dxBuf buf = DX_BUF_INIT;
    size_t i;
    for (i = 0; i < src->ncookies; i++)
        dxBufAddf(&buf, "%s%s=%s", i ? "; " : "", src->cookies[i].name,
                  dxNullStr(src->cookies[i].value));
    return dxBufSteal(&buf);
}

static void
dxQemuNBDTLSObjects(dxQemuBuildCtx *ctx, const dxStorageSource *src)
{
    char *id = dxAsprintf("objlibvirt-%u-storage_tls0", src->nodeIndex);
    char *secretId = dxAsprintf("%s-secret0", id);
    dxSecretLookup lookup = { .hasUUID = false, .usage = (char *)DX_QEMU_CONF_NBD_TLS_KEY_SECRET };
    dxJSON *props;

    dxArgvAddJSON(ctx->argv, "-object", dxQemuSecretLookupProps(ctx, secretId, &lookup));
    props = dxQemuTLSx509Props(id, DX_QEMU_CONF_NBD_TLS_DIR, false, true, secretId);
    dxArgvAddJSON(ctx->argv, "-object", props);
    free(secretId);
    free(id);
}

/* pr-manager, secrets and TLS credentials, in libvirt's order, before the
 * nodes of SRC. */
static void
dxQemuImageObjects(dxQemuBuildCtx *ctx, const dxDiskDef *disk, const dxStorageSource *src)
{
    char *id;

    if (src->pr && !dxQemuDiskManagedPR(disk)) {
        dxJSON *props = dxJSONNewObject();
        id = dxAsprintf("pr-helper-libvirt-%u-storage", src->nodeIndex);
        dxJSONAddString(props, "qom-type", "pr-manager-helper");
        dxJSONAddString(props, "id", id);
        dxJSONAddString(props, "path", src->pr->path);
        dxArgvAddJSON(ctx->argv, "-object", props);
        free(id);
    }
    if (src->auth) {
        id = dxQemuSecretAlias(src, "storage", "auth");
        dxArgvAddJSON(ctx->argv, "-object", dxQemuSecretLookupProps(ctx, id, &src->auth->secret));
        free(id);
    }
    if (src->encryption && src->encryption->nsecrets) {
        id = dxQemuSecretAlias(src, "format", "encryption");
        dxArgvAddJSON(ctx->argv, "-object",
                      dxQemuSecretLookupProps(ctx, id, &src->encryption->secrets[0]));
        free(id);
    }
    if (src->ncookies) {
        char *cookies = dxQemuCookieString(src);
        id = dxQemuSecretAlias(src, "storage", "httpcookie");
        dxArgvAddJSON(ctx->argv, "-object",
                      dxQemuSecretValueProps(ctx, id, (const unsigned char *)cookies,
                                             strlen(cookies)));
        free(id);
        free(cookies);
    }
    if (src->type == DX_STORAGE_TYPE_NETWORK && src->haveTLS == DX_TRISTATE_BOOL_YES)
        dxQemuNBDTLSObjects(ctx, src);
}

/* The chain of DISK, bottom image first. */
static int
dxQemuBuildDiskChain(dxQemuBuildCtx *ctx, const dxDiskDef *disk)
{
    const dxStorageSource *chain[256];
    const dxStorageSource *src;
    size_t n = 0;

    for (src = disk->src; dxStorageSourceIsBacking(src) && n < DX_ARRAY_CARDINALITY(chain);
         src = src->backingStore)
        chain[n++] = src;
    while (n > 0) {
        dxJSON *storage, *format;
        src = chain[--n];
        dxQemuImageObjects(ctx, disk, src);
        if (!(storage = dxQemuStorageProps(disk, src)))
            return -1;
        if (!(format = dxQemuFormatProps(disk, src))) {
            dxJSONFree(storage);
            return -1;
        }
        dxArgvAddJSON(ctx->argv, "-blockdev", storage);
        dxArgvAddJSON(ctx->argv, "-blockdev", format);
    }
    /* copy_on_read: a filter node on top of the chain */
    if (disk->driver.copyOnRead == DX_TRISTATE_SWITCH_ON) {
        dxJSON *cor = dxJSONNewObject();
        char *name = dxQemuNodeName(disk->src, "format");
        char *id = dxAsprintf("libvirt-CoR-%s", disk->dst);
        dxJSONAddString(cor, "driver", "copy-on-read");
        dxJSONAddString(cor, "node-name", id);
        dxJSONAddString(cor, "file", name);
        dxJSONAddString(cor, "discard", "unmap");
        dxArgvAddJSON(ctx->argv, "-blockdev", cor);
        free(name);
        free(id);
    }
    return 0;
}

/* vhost-user disks talk to their backend over a socket chardev. */
static void
dxQemuBuildVhostUserChardev(dxQemuBuildCtx *ctx, const dxDiskDef *disk)
{
    dxBuf buf = DX_BUF_INIT;

    dxBufAddf(&buf, "socket,id=chr-vu-%s,path=", disk->info.alias);
    dxBufEscapeComma(&buf, disk->src->path);
    if (disk->src->vhostReconnect.enabled == DX_TRISTATE_BOOL_YES)
        dxBufAddf(&buf, ",reconnect=%u", disk->src->vhostReconnect.timeout);
    dxArgvAddBuf(ctx->argv, "-chardev", &buf);
}

/* ---- -device ---------------------------------------------------------------------------------- */

/* bus/unit, bus/channel/scsi-id/lun, ... of a drive address. */
static int
dxQemuDriveAddressProps(dxQemuBuildCtx *ctx, const dxDiskDef *disk, dxJSON *props)
{
    const dxDriveAddress *a = &disk->info.addr.drive;
    const dxDomainDef *def = ctx->def;
    const dxControllerDef *cont;
    char *bus = NULL;

    switch (disk->bus) {
    case DX_DISK_BUS_IDE:
        bus = dxAsprintf("%s.%u", dxNullStr(dxQemuDiskControllerName(def, DX_CONTROLLER_TYPE_IDE,
                                                                      (int)a->controller)),
                         a->bus);
        dxJSONAddString(props, "bus", bus);
        dxJSONAddUInt(props, "unit", a->unit);
        break;
    case DX_DISK_BUS_SATA:
        bus = dxAsprintf("%s.%u", dxNullStr(dxQemuDiskControllerName(def, DX_CONTROLLER_TYPE_SATA,
                                                                      (int)a->controller)),
                         a->unit);
        dxJSONAddString(props, "bus", bus);
        break;
    case DX_DISK_BUS_FDC:
        dxJSONAddUInt(props, "unit", a->unit);
        break;
    case DX_DISK_BUS_SCSI:
        if (!(cont = dxDomainControllerGet(def, DX_CONTROLLER_TYPE_SCSI, (int)a->controller))) {
            dxErrorReportLoc(DX_ERR_INTERNAL, &disk->info.loc,
                             "unable to find a SCSI controller for idx=%u", a->controller);
            return -1;
        }
        if (cont->model == DX_CONTROLLER_MODEL_SCSI_LSILOGIC ||
            cont->model == DX_CONTROLLER_MODEL_SCSI_NCR53C90 ||
            cont->model == DX_CONTROLLER_MODEL_SCSI_DC390 ||
            cont->model == DX_CONTROLLER_MODEL_SCSI_AM53C974) {
            bus = dxAsprintf("%s.%u", cont->info.alias,
                             cont->model == DX_CONTROLLER_MODEL_SCSI_LSILOGIC ? 0 : a->bus);
            dxJSONAddString(props, "bus", bus);
            dxJSONAddUInt(props, "scsi-id", a->unit);
        } else {
            bus = dxAsprintf("%s.0", cont->info.alias);
            dxJSONAddString(props, "bus", bus);
            dxJSONAddUInt(props, "channel", a->bus);
            dxJSONAddUInt(props, "scsi-id", a->target);
            dxJSONAddUInt(props, "lun", a->unit);
        }
        break;
    default:
        break;
    }
    free(bus);
    return 0;
}

static const char *
dxQemuDiskDriver(const dxDiskDef *disk)
{
    switch (disk->bus) {
    case DX_DISK_BUS_IDE:
    case DX_DISK_BUS_SATA:
        return disk->device == DX_DISK_DEVICE_CDROM ? "ide-cd" : "ide-hd";
    case DX_DISK_BUS_SCSI:
        if (disk->device == DX_DISK_DEVICE_LUN)
            return "scsi-block";
        return disk->device == DX_DISK_DEVICE_CDROM ? "scsi-cd" : "scsi-hd";
    case DX_DISK_BUS_USB:
        return "usb-storage";
    case DX_DISK_BUS_FDC:
        return "floppy";
    default:
        return NULL;
    }
}

static dxQemuVirtioFlavour
dxQemuDiskFlavour(const dxDiskDef *disk)
{
    if (disk->model == DX_DISK_MODEL_VIRTIO_TRANSITIONAL)
        return DX_QEMU_VIRTIO_TRANSITIONAL;
    if (disk->model == DX_DISK_MODEL_VIRTIO_NON_TRANSITIONAL)
        return DX_QEMU_VIRTIO_NON_TRANSITIONAL;
    return DX_QEMU_VIRTIO_PLAIN;
}

static dxJSON *
dxQemuVirtioDiskProps(const dxDiskDef *disk)
{
    bool vhost = disk->src->type == DX_STORAGE_TYPE_VHOST_USER;
    dxJSON *props = dxQemuVirtioDeviceProps(vhost ? "vhost-user-blk" : "virtio-blk",
                                            dxQemuDiskFlavour(disk), &disk->info,
                                            &disk->driver.virtio);
    char *iothread;

    if (disk->driver.iothread) {
        iothread = dxAsprintf("iothread%u", disk->driver.iothread);
        dxJSONAddString(props, "iothread", iothread);
        free(iothread);
    }
    if (disk->driver.ioeventfd)
        dxJSONAddBool(props, "ioeventfd", disk->driver.ioeventfd == DX_TRISTATE_SWITCH_ON);
    if (disk->driver.eventIdx)
        dxJSONAddBool(props, "event_idx", disk->driver.eventIdx == DX_TRISTATE_SWITCH_ON);
    /* SG_IO passthrough of virtio-blk: on for LUNs, QEMU's default (off) else */
    if (!vhost && disk->device == DX_DISK_DEVICE_LUN)
        dxJSONAddBool(props, "scsi", true);
    if (disk->driver.queues)
        dxJSONAddUInt(props, "num-queues", disk->driver.queues);
    if (disk->driver.queueSize)
        dxJSONAddUInt(props, "queue-size", disk->driver.queueSize);
    return props;
}

/* The frontend properties every bus shares, after the address. */
static void
dxQemuDiskCommonProps(dxQemuBuildCtx *ctx, const dxDiskDef *disk, dxJSON *props)
{
    bool wb, direct, noflush;
    unsigned int boot;
    char *tmp;

    if (disk->bus == DX_DISK_BUS_SCSI && disk->device != DX_DISK_DEVICE_LUN) {
        /* the VPD device id QEMU once derived from the -drive name */
        tmp = disk->serial ? dxStrdup(disk->serial) : dxAsprintf("drive-%s", disk->info.alias);
        dxJSONAddString(props, "device_id", tmp);
        free(tmp);
    }
    if (disk->src->shared)
        dxJSONAddBool(props, "share-rw", true);
    if (disk->src->type == DX_STORAGE_TYPE_VHOST_USER) {
        tmp = dxAsprintf("chr-vu-%s", disk->info.alias);
        dxJSONAddString(props, "chardev", tmp);
        free(tmp);
    } else if (!dxStorageSourceIsEmpty(disk->src)) {
        if (disk->driver.copyOnRead == DX_TRISTATE_SWITCH_ON)
            tmp = dxAsprintf("libvirt-CoR-%s", disk->dst);
        else
            tmp = dxQemuNodeName(disk->src, "format");
        dxJSONAddString(props, "drive", tmp);
        free(tmp);
    }
    dxJSONAddString(props, "id", disk->info.alias);
    /* floppies boot through the floppy controller */
    if (disk->device != DX_DISK_DEVICE_FLOPPY && (boot = dxQemuDiskBootIndex(ctx->def, disk)))
        dxJSONAddUInt(props, "bootindex", boot);
    if (disk->logicalBlockSize)
        dxJSONAddUInt(props, "logical_block_size", disk->logicalBlockSize);
    if (disk->physicalBlockSize)
        dxJSONAddUInt(props, "physical_block_size", disk->physicalBlockSize);
    if (disk->wwn)
        dxJSONAddUInt(props, "wwn", strtoull(disk->wwn, NULL, 16));
    if (disk->rotationRate)
        dxJSONAddUInt(props, "rotation_rate", disk->rotationRate);
    dxQemuAddStr(props, "vendor", disk->vendor);
    dxQemuAddStr(props, "product", disk->product);
    if (disk->bus == DX_DISK_BUS_USB)
        dxJSONAddBool(props, "removable", disk->removable == DX_TRISTATE_SWITCH_ON);
    else if (disk->removable && disk->bus == DX_DISK_BUS_SCSI && disk->device == DX_DISK_DEVICE_DISK)
        dxJSONAddBool(props, "removable", disk->removable == DX_TRISTATE_SWITCH_ON);
    if (disk->device != DX_DISK_DEVICE_LUN &&
        dxQemuCacheFlags(dxQemuDiskCache(disk), &wb, &direct, &noflush))
        dxJSONAddString(props, "write-cache", wb ? "on" : "off");
}

static void
dxQemuDiskTailProps(const dxDiskDef *disk, dxJSON *props)
{
    const char *werror = NULL, *rerror = NULL;
    dxBuf serial = DX_BUF_INIT;
    const char *p;

    if (disk->cyls)
        dxJSONAddUInt(props, "cyls", disk->cyls);
    if (disk->heads)
        dxJSONAddUInt(props, "heads", disk->heads);
    if (disk->secs)
        dxJSONAddUInt(props, "secs", disk->secs);
    if (disk->trans)
        dxJSONAddString(props, "bios-chs-trans", dxDiskGeometryTransTypeToString(disk->trans));
    if (disk->serial) {
        /* QEMU splits properties at spaces in its legacy syntax */
        for (p = disk->serial; *p; p++) {
            if (*p == ' ')
                dxBufAddChar(&serial, '\\');
            dxBufAddChar(&serial, *p);
        }
        dxJSONAddString(props, "serial", dxBufContent(&serial));
        dxBufClear(&serial);
    }
    if (disk->driver.errorPolicy)
        werror = dxDiskErrorPolicyTypeToString(disk->driver.errorPolicy);
    if (disk->driver.rerrorPolicy)
        rerror = dxDiskErrorPolicyTypeToString(disk->driver.rerrorPolicy);
    if (disk->driver.errorPolicy == DX_DISK_ERROR_POLICY_ENOSPACE)
        werror = "enospc";
    else if (!rerror)
        rerror = werror;
    dxQemuAddStr(props, "werror", werror);
    dxQemuAddStr(props, "rerror", rerror);
}

static dxJSON *
dxQemuDiskDeviceProps(dxQemuBuildCtx *ctx, const dxDiskDef *disk)
{
    const char *driver = dxQemuDiskDriver(disk);
    dxJSON *props;

    if (disk->bus == DX_DISK_BUS_VIRTIO) {
        props = dxQemuVirtioDiskProps(disk);
    } else if (driver) {
        props = dxJSONNewObject();
        dxJSONAddString(props, "driver", driver);
    } else {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &disk->info.loc,
                         "unsupported disk bus '%s' with device setup",
                         dxDiskBusTypeToString(disk->bus));
        return NULL;
    }
    if (disk->info.type == DX_ADDRESS_TYPE_DRIVE) {
        if (dxQemuDriveAddressProps(ctx, disk, props) < 0) {
            dxJSONFree(props);
            return NULL;
        }
    } else {
        dxQemuBuildDeviceAddressProps(ctx, props, &disk->info);
    }
    dxQemuDiskCommonProps(ctx, disk, props);
    dxQemuDiskTailProps(disk, props);
    return props;
}

/* ---- the floppy controller -------------------------------------------------------------------- */

/* q35 (from 2.4 on) has no floppy controller unless one is added. */
static bool
dxQemuNeedsExplicitFDC(const dxDomainDef *def)
{
    const char *m = def->os.machine;
    if (!dxQemuMachineIsQ35(m))
        return false;
    return !(strncmp(m, "pc-q35-1.", 9) == 0 || strcmp(m, "pc-q35-2.0") == 0 ||
             strcmp(m, "pc-q35-2.1") == 0 || strcmp(m, "pc-q35-2.2") == 0 ||
             strcmp(m, "pc-q35-2.3") == 0);
}

static void
dxQemuBuildFloppyController(dxQemuBuildCtx *ctx)
{
    unsigned int bootA = 0, bootB = 0;
    bool any = false;
    size_t i;

    for (i = 0; i < ctx->def->ndisks; i++) {
        const dxDiskDef *disk = ctx->def->disks[i];
        if (disk->bus != DX_DISK_BUS_FDC)
            continue;
        any = true;
        if (disk->info.addr.drive.unit)
            bootB = dxQemuDiskBootIndex(ctx->def, disk);
        else
            bootA = dxQemuDiskBootIndex(ctx->def, disk);
    }
    if (!any)
        return;
    if (dxQemuNeedsExplicitFDC(ctx->def)) {
        dxJSON *props = dxJSONNewObject();
        dxJSONAddString(props, "driver", "isa-fdc");
        if (bootA)
            dxJSONAddUInt(props, "bootindexA", bootA);
        if (bootB)
            dxJSONAddUInt(props, "bootindexB", bootB);
        dxArgvAddJSON(ctx->argv, "-device", props);
        return;
    }
    if (bootA) {
        dxArgvAdd(ctx->argv, "-global");
        dxArgvAddf(ctx->argv, "isa-fdc.bootindexA=%u", bootA);
    }
    if (bootB) {
        dxArgvAdd(ctx->argv, "-global");
        dxArgvAddf(ctx->argv, "isa-fdc.bootindexB=%u", bootB);
    }
}

/* An SD card: QEMU has no -device for it, only the legacy -drive. */
static void
dxQemuBuildSDDrive(dxQemuBuildCtx *ctx, const dxDiskDef *disk)
{
    dxBuf buf = DX_BUF_INIT;

    if (!dxStorageSourceIsEmpty(disk->src)) {
        dxBufAddStr(&buf, "file=");
        dxBufEscapeComma(&buf, disk->src->path);
        dxBufAddf(&buf, ",format=%s,", dxStorageFormatTypeToString(disk->src->format));
    }
    dxBufAddf(&buf, "if=sd,index=%d", dxDiskNameToIndex(disk->dst));
    if (disk->src->readonly)
        dxBufAddStr(&buf, ",readonly=on");
    dxArgvAddBuf(ctx->argv, "-drive", &buf);
}

/* ---- all disks --------------------------------------------------------------------------------- */

int
dxQemuBuildDisks(dxQemuBuildCtx *ctx)
{
    size_t i;

    dxQemuBuildFloppyController(ctx);
    for (i = 0; i < ctx->def->ndisks; i++) {
        const dxDiskDef *disk = ctx->def->disks[i];
        dxJSON *props;

        if (disk->bus == DX_DISK_BUS_SD) {
            dxQemuBuildSDDrive(ctx, disk);
            continue;
        }
        /* libvirt hotplugs a transient disk sharing its backing image once
           QEMU runs: it is not on the command line (its node numbers are
           taken all the same) */
        if (disk->transient && disk->transientShareBacking == DX_TRISTATE_BOOL_YES)
            continue;
        if (disk->src->type == DX_STORAGE_TYPE_VHOST_USER)
            dxQemuBuildVhostUserChardev(ctx, disk);
        else if (!dxStorageSourceIsEmpty(disk->src) && dxQemuBuildDiskChain(ctx, disk) < 0)
            return -1;
        if (!(props = dxQemuDiskDeviceProps(ctx, disk)))
            return -1;
        dxArgvAddJSON(ctx->argv, "-device", props);
    }
    return 0;
}
