/* fs_conf.c: parse and format of <filesystem>. */
#include "fs_conf.h"
#include "util/dxalloc.h"
#include "util/dxunits.h"
#include "util/dxxml.h"

#include <stdlib.h>

DX_ENUM_IMPL(dxFSType, DX_FS_TYPE_LAST,
             "mount", "block", "file", "template", "ram", "bind", "volume");
DX_ENUM_IMPL(dxFSDriver, DX_FS_DRIVER_LAST,
             "default", "path", "handle", "loop", "nbd", "ploop", "virtiofs");
DX_ENUM_IMPL(dxFSAccessMode, DX_FS_ACCESS_LAST,
             "default", "passthrough", "mapped", "squash");
DX_ENUM_IMPL(dxFSModel, DX_FS_MODEL_LAST,
             "default", "virtio", "virtio-transitional", "virtio-non-transitional");
DX_ENUM_IMPL(dxFSMultidevs, DX_FS_MULTIDEVS_LAST, "default", "remap", "forbid", "warn");
DX_ENUM_IMPL(dxFSWrpolicy, DX_FS_WRPOLICY_LAST, "default", "immediate");
DX_ENUM_IMPL(dxFSCacheMode, DX_FS_CACHE_LAST, "default", "none", "always");
DX_ENUM_IMPL(dxFSSandboxMode, DX_FS_SANDBOX_LAST, "default", "namespace", "chroot");

void
dxFSFree(dxFSDef *fs)
{
    if (!fs)
        return;
    free(fs->format);
    free(fs->binary.path);
    free(fs->src);
    free(fs->sock);
    free(fs->pool);
    free(fs->volume);
    free(fs->dst);
    dxDeviceInfoClear(&fs->info);
    free(fs);
}

/* fmode/dmode: octal permission bits. */
static int
dxFSParseMode(xmlNodePtr node, const char *name, unsigned int *mode)
{
    int rc = dxXMLPropUInt(node, name, 8, 0, mode);
    if (rc == 1 && *mode > 0777) {
        dxErrorReport(DX_ERR_INVALID, node, "invalid %s: '0%o': at most 0777", name, *mode);
        return -1;
    }
    return rc < 0 ? -1 : 0;
}

static int
dxFSParseAttrs(dxFSDef *fs, xmlNodePtr node)
{
    int type = 0, access = 0, model = 0, multidevs = 0;

    if (dxXMLPropEnum(node, "type", &dxFSTypeTable, 0, &type) < 0 ||
        dxXMLPropEnum(node, "accessmode", &dxFSAccessModeTable, DX_PROP_NONZERO, &access) < 0 ||
        dxXMLPropEnum(node, "model", &dxFSModelTable, DX_PROP_NONZERO, &model) < 0 ||
        dxXMLPropEnum(node, "multidevs", &dxFSMultidevsTable, DX_PROP_NONZERO, &multidevs) < 0 ||
        dxFSParseMode(node, "fmode", &fs->fmode) < 0 ||
        dxFSParseMode(node, "dmode", &fs->dmode) < 0)
        return -1;
    fs->type = type;
    fs->accessmode = access;
    fs->model = model;
    fs->multidevs = multidevs;
    return 0;
}

static int
dxFSParseDriver(dxFSDef *fs, xmlNodePtr driver)
{
    int type = 0, wrpolicy = 0;

    if (dxXMLPropEnum(driver, "type", &dxFSDriverTable, DX_PROP_NONZERO, &type) < 0 ||
        dxXMLPropEnum(driver, "wrpolicy", &dxFSWrpolicyTable, DX_PROP_NONZERO, &wrpolicy) < 0 ||
        dxXMLPropUInt(driver, "queue", 10, 0, &fs->queueSize) < 0 ||
        dxVirtioOptionsParse(driver, &fs->virtio) < 0)
        return -1;
    fs->driver = type;
    fs->wrpolicy = wrpolicy;
    fs->format = dxXMLPropString(driver, "format");
    return 0;
}

static int
dxFSParseBinary(dxFSBinary *bin, xmlNodePtr node)
{
    xmlNodePtr child;
    int mode = 0;

    bin->path = dxXMLPropString(node, "path");
    if (dxXMLPropTristateSwitch(node, "xattr", 0, &bin->xattr) < 0)
        return -1;
    if ((child = dxXMLChild(node, "cache"))) {
        if (dxXMLPropEnum(child, "mode", &dxFSCacheModeTable, DX_PROP_NONZERO, &mode) < 0)
            return -1;
        bin->cache = mode;
    }
    if ((child = dxXMLChild(node, "sandbox"))) {
        if (dxXMLPropEnum(child, "mode", &dxFSSandboxModeTable, DX_PROP_NONZERO, &mode) < 0)
            return -1;
        bin->sandbox = mode;
    }
    if ((child = dxXMLChild(node, "lock")) &&
        (dxXMLPropTristateSwitch(child, "posix", 0, &bin->posixLock) < 0 ||
         dxXMLPropTristateSwitch(child, "flock", 0, &bin->flock) < 0))
        return -1;
    if ((child = dxXMLChild(node, "thread_pool")) &&
        dxXMLPropInt(child, "size", 10, DX_PROP_REQUIRED, &bin->threadPoolSize) < 0)
        return -1;
    return 0;
}

static int
dxFSParseRamUsage(dxFSDef *fs, xmlNodePtr source)
{
    char *units = dxXMLPropString(source, "units");
    unsigned long long bytes = 0;
    const char *why = NULL;
    int rc = dxXMLPropULongLong(source, "usage", 10, DX_PROP_REQUIRED, &bytes);

    if (rc == 1 && dxScaleInteger(&bytes, units, 1024, (unsigned long long)-1, &why) < 0) {
        dxErrorReport(DX_ERR_INVALID, source, "invalid ram filesystem usage: %s", why);
        rc = -1;
    }
    fs->usageKiB = bytes / 1024 + (bytes % 1024 != 0);
    free(units);
    return rc < 0 ? -1 : 0;
}

static int
dxFSParseSource(dxFSDef *fs, xmlNodePtr source)
{
    switch (fs->type) {
    case DX_FS_TYPE_MOUNT:
    case DX_FS_TYPE_BIND:
        if (fs->driver == DX_FS_DRIVER_VIRTIOFS)
            fs->sock = dxXMLPropString(source, "socket");
        if (!fs->sock)
            fs->src = dxXMLPropString(source, "dir");
        return 0;
    case DX_FS_TYPE_BLOCK:
        fs->src = dxXMLPropString(source, "dev");
        return 0;
    case DX_FS_TYPE_FILE:
        fs->src = dxXMLPropString(source, "file");
        return 0;
    case DX_FS_TYPE_TEMPLATE:
        fs->src = dxXMLPropString(source, "name");
        return 0;
    case DX_FS_TYPE_RAM:
        return dxFSParseRamUsage(fs, source);
    case DX_FS_TYPE_VOLUME:
        if (dxXMLPropStringRequired(source, "pool", &fs->pool) < 0 ||
            dxXMLPropStringRequired(source, "volume", &fs->volume) < 0)
            return -1;
        return 0;
    case DX_FS_TYPE_LAST:
        break;
    }
    return 0;
}

static int
dxFSParseLimit(xmlNodePtr node, unsigned long long *bytes)
{
    char *unit = dxXMLPropString(node, "unit");
    const char *why = NULL;
    int rc = 0;

    if (dxXMLContentULongLong(node, bytes) < 0) {
        rc = -1;
    } else if (dxScaleInteger(bytes, unit, 1, (unsigned long long)-1, &why) < 0) {
        dxErrorReport(DX_ERR_INVALID, node, "invalid <%s>: %s",
                      (const char *)node->name, why);
        rc = -1;
    }
    free(unit);
    return rc;
}

static int
dxFSParseChildren(dxFSDef *fs, xmlNodePtr node)
{
    xmlNodePtr child;

    if ((child = dxXMLChild(node, "driver")) && dxFSParseDriver(fs, child) < 0)
        return -1;
    fs->binary.threadPoolSize = -1;
    if (fs->driver == DX_FS_DRIVER_VIRTIOFS && (child = dxXMLChild(node, "binary")) &&
        dxFSParseBinary(&fs->binary, child) < 0)
        return -1;
    if ((child = dxXMLChild(node, "source")) && dxFSParseSource(fs, child) < 0)
        return -1;
    /* a volume names its pool and volume instead (both required when the
     * <source> is there); libvirt 9.0 crashes on a volume without one */
    if (!fs->src && !fs->sock && !fs->pool && fs->type != DX_FS_TYPE_RAM) {
        /* the schema says so too: a grammar error */
        dxErrorReportFlags(DX_ERR_INVALID, DX_SEVERITY_ERROR, DX_ERROR_FLAG_GRAMMAR,
                           (const dxXMLNode *)node, "missing source element in filesystem");
        return -1;
    }
    if (!(child = dxXMLChild(node, "target")) ||
        !(fs->dst = dxXMLPropString(child, "dir"))) {
        dxErrorReport(DX_ERR_INVALID, child ? child : node, "missing target dir in filesystem");
        return -1;
    }
    if (dxXMLChild(node, "readonly"))
        fs->readonly = true;
    if (((child = dxXMLChild(node, "space_hard_limit")) && dxFSParseLimit(child, &fs->spaceHardLimit) < 0) ||
        ((child = dxXMLChild(node, "space_soft_limit")) && dxFSParseLimit(child, &fs->spaceSoftLimit) < 0))
        return -1;
    return dxDeviceInfoParse(&fs->info, node, DX_INFO_ALLOW_BOOT);
}

int
dxFSParse(dxDomainDef *def, xmlNodePtr node)
{
    dxFSDef *fs = dxNew(dxFSDef);

    if (dxFSParseAttrs(fs, node) < 0 || dxFSParseChildren(fs, node) < 0) {
        dxFSFree(fs);
        return -1;
    }
    DX_APPEND(def->fss, def->nfss, fs);
    return 0;
}

/* Generic default: passthrough access, except for a virtiofs daemon
 * started outside libvirt, whose access mode is its own business. */
void
dxFSPostParse(dxFSDef *fs)
{
    if (!fs->accessmode && !fs->sock)
        fs->accessmode = DX_FS_ACCESS_PASSTHROUGH;
}

static void
dxFSFormatBinary(dxBuf *buf, const dxFSDef *fs)
{
    const dxFSBinary *bin = &fs->binary;
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    dxBuf lock = DX_BUF_INIT;

    dxBufAttr(&attrs, "path", bin->path);
    if (bin->xattr)
        dxBufAttr(&attrs, "xattr", dxTristateSwitchTypeToString(bin->xattr));
    if (bin->cache)
        dxBufAddf(&child, "<cache mode='%s'/>\n", dxFSCacheModeTypeToString(bin->cache));
    if (bin->sandbox)
        dxBufAddf(&child, "<sandbox mode='%s'/>\n", dxFSSandboxModeTypeToString(bin->sandbox));
    if (bin->posixLock)
        dxBufAttr(&lock, "posix", dxTristateSwitchTypeToString(bin->posixLock));
    if (bin->flock)
        dxBufAttr(&lock, "flock", dxTristateSwitchTypeToString(bin->flock));
    dxBufElement(&child, "lock", &lock, NULL);
    if (bin->threadPoolSize >= 0)
        dxBufAddf(&child, "<thread_pool size='%d'/>\n", bin->threadPoolSize);
    dxBufElement(buf, "binary", &attrs, &child);
}

static void
dxFSFormatSource(dxBuf *buf, const dxFSDef *fs)
{
    dxBufAddStr(buf, "<source");
    switch (fs->type) {
    case DX_FS_TYPE_MOUNT:
    case DX_FS_TYPE_BIND:
        if (fs->sock)
            dxBufAttr(buf, "socket", fs->sock);
        else
            dxBufAttr(buf, "dir", fs->src);
        break;
    case DX_FS_TYPE_BLOCK:
        dxBufAttr(buf, "dev", fs->src);
        break;
    case DX_FS_TYPE_FILE:
        dxBufAttr(buf, "file", fs->src);
        break;
    case DX_FS_TYPE_TEMPLATE:
        dxBufAttr(buf, "name", fs->src);
        break;
    case DX_FS_TYPE_RAM:
        dxBufAddf(buf, " usage='%llu' units='KiB'", fs->usageKiB);
        break;
    case DX_FS_TYPE_VOLUME:
        dxBufAttr(buf, "pool", fs->pool);
        dxBufAttr(buf, "volume", fs->volume);
        break;
    case DX_FS_TYPE_LAST:
        break;
    }
    dxBufAddStr(buf, "/>\n");
}

static void
dxFSFormatAttrs(dxBuf *buf, const dxFSDef *fs)
{
    dxBufAddf(buf, "<filesystem type='%s'", dxFSTypeTypeToString(fs->type));
    if (fs->accessmode)
        dxBufAttr(buf, "accessmode", dxFSAccessModeTypeToString(fs->accessmode));
    if (fs->model)
        dxBufAttr(buf, "model", dxFSModelTypeToString(fs->model));
    if (fs->multidevs)
        dxBufAttr(buf, "multidevs", dxFSMultidevsTypeToString(fs->multidevs));
    if (fs->fmode)
        dxBufAddf(buf, " fmode='%04o'", fs->fmode);
    if (fs->dmode)
        dxBufAddf(buf, " dmode='%04o'", fs->dmode);
    dxBufAddStr(buf, ">\n");
}

void
dxFSFormat(dxBuf *buf, const dxFSDef *fs)
{
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    dxBuf driver = DX_BUF_INIT;

    dxFSFormatAttrs(buf, fs);
    if (fs->driver)
        dxBufAttr(&driver, "type", dxFSDriverTypeToString(fs->driver));
    dxBufAttr(&driver, "format", fs->format);
    if (fs->queueSize)
        dxBufAttrf(&driver, "queue", "%u", fs->queueSize);
    if (fs->wrpolicy)
        dxBufAttr(&driver, "wrpolicy", dxFSWrpolicyTypeToString(fs->wrpolicy));
    dxVirtioOptionsFormat(&driver, &fs->virtio);
    dxBufElement(&child, "driver", &driver, NULL);
    if (fs->driver == DX_FS_DRIVER_VIRTIOFS)
        dxFSFormatBinary(&child, fs);
    dxFSFormatSource(&child, fs);
    dxBufAddStr(&child, "<target");
    dxBufAttr(&child, "dir", fs->dst);
    dxBufAddStr(&child, "/>\n");
    if (fs->readonly)
        dxBufAddStr(&child, "<readonly/>\n");
    dxDeviceInfoFormat(&child, &fs->info, DX_INFO_ALLOW_BOOT);
    if (fs->spaceHardLimit)
        dxBufAddf(&child, "<space_hard_limit unit='bytes'>%llu</space_hard_limit>\n",
                  fs->spaceHardLimit);
    if (fs->spaceSoftLimit)
        dxBufAddf(&child, "<space_soft_limit unit='bytes'>%llu</space_soft_limit>\n",
                  fs->spaceSoftLimit);
    dxBufAddBuf(buf, &child);
    dxBufAddStr(buf, "</filesystem>\n");
}
