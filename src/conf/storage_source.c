/* storage_source.c: <source>, <backingStore> and their children. */
#include "storage_source.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxunits.h"
#include "util/dxuuid.h"
#include "util/dxxml.h"

#include <stdlib.h>
#include <string.h>

DX_ENUM_IMPL(dxStorageType, DX_STORAGE_TYPE_LAST,
             "", "file", "block", "dir", "network", "volume", "nvme", "vhostuser");

DX_ENUM_IMPL(dxStorageNetProtocol, DX_STORAGE_NET_PROTOCOL_LAST,
             "none", "nbd", "rbd", "sheepdog", "gluster", "iscsi", "http", "https",
             "ftp", "ftps", "tftp", "ssh", "vxhs", "nfs");

DX_ENUM_IMPL(dxStorageNetTransport, DX_STORAGE_NET_TRANSPORT_LAST,
             "tcp", "unix", "rdma");

DX_ENUM_IMPL(dxStorageFormat, DX_STORAGE_FORMAT_LAST,
             "none", "raw", "dir", "bochs", "cloop", "dmg", "iso", "vpc", "vdi", "fat",
             "vhd", "ploop", "cow", "qcow", "qcow2", "qed", "vmdk");

DX_ENUM_IMPL(dxStorageStartupPolicy, DX_STORAGE_STARTUP_POLICY_LAST,
             "", "mandatory", "requisite", "optional");

DX_ENUM_IMPL(dxStoragePoolMode, DX_STORAGE_POOL_MODE_LAST,
             "", "host", "direct");

DX_ENUM_IMPL(dxStorageSecretType, DX_STORAGE_SECRET_TYPE_LAST,
             "none", "iscsi", "ceph");

DX_ENUM_IMPL(dxStorageEncryptionFormat, DX_STORAGE_ENCRYPTION_FORMAT_LAST,
             "default", "qcow", "luks", "luks2", "luks-any");

DX_ENUM_IMPL(dxStorageEncryptionEngine, DX_STORAGE_ENCRYPTION_ENGINE_LAST,
             "default", "qemu", "librbd");

/* ---- lifetime ------------------------------------------------------------------ */

dxStorageSource *
dxStorageSourceNew(void)
{
    return dxNew(dxStorageSource);
}

static void
dxStorageAuthFree(dxStorageAuth *auth)
{
    if (!auth)
        return;
    free(auth->username);
    free(auth->authType);
    free(auth->secret.usage);
    free(auth);
}

static void
dxStorageEncryptionFree(dxStorageEncryption *enc)
{
    size_t i;
    if (!enc)
        return;
    for (i = 0; i < enc->nsecrets; i++)
        free(enc->secrets[i].usage);
    free(enc->secrets);
    if (enc->cipher) {
        free(enc->cipher->name);
        free(enc->cipher->mode);
        free(enc->cipher->hash);
        free(enc->cipher);
    }
    free(enc->ivgenName);
    free(enc->ivgenHash);
    free(enc);
}

static void
dxStorageReservationsFree(dxStorageReservations *pr)
{
    if (!pr)
        return;
    free(pr->path);
    free(pr);
}

static void
dxStorageNetFree(dxStorageSource *src)
{
    size_t i;
    for (i = 0; i < src->nhosts; i++) {
        free(src->hosts[i].name);
        free(src->hosts[i].socket);
    }
    free(src->hosts);
    for (i = 0; i < src->ncookies; i++) {
        free(src->cookies[i].name);
        free(src->cookies[i].value);
    }
    free(src->cookies);
    free(src->volume);
    free(src->query);
    free(src->tlsHostname);
    free(src->snapshot);
    free(src->configFile);
    free(src->initiatorIqn);
    free(src->nfsUser);
    free(src->nfsGroup);
}

void
dxStorageSourceFree(dxStorageSource *src)
{
    if (!src)
        return;
    dxStorageSourceFree(src->backingStore);
    free(src->path);
    dxStorageNetFree(src);
    free(src->pool);
    free(src->poolVolume);
    free(src->nvme);
    dxDeviceSeclabelsFree(src->seclabels, src->nseclabels);
    dxStorageAuthFree(src->auth);
    dxStorageEncryptionFree(src->encryption);
    dxStorageReservationsFree(src->pr);
    free(src);
}

bool
dxStorageSourceIsBacking(const dxStorageSource *src)
{
    return src && src->type != DX_STORAGE_TYPE_NONE;
}

bool
dxStorageSourceIsEmpty(const dxStorageSource *src)
{
    if (src->type == DX_STORAGE_TYPE_NETWORK)
        return src->protocol == DX_STORAGE_NET_PROTOCOL_NONE;
    if (src->type == DX_STORAGE_TYPE_VOLUME)
        return !src->pool && !src->poolVolume;
    if (src->type == DX_STORAGE_TYPE_NVME || src->type == DX_STORAGE_TYPE_VHOST_USER)
        return false;
    return !src->path;
}

bool
dxStorageSourceIsBlockLocal(const dxStorageSource *src)
{
    return src->type == DX_STORAGE_TYPE_BLOCK;
}

unsigned int
dxStorageNetDefaultPort(dxStorageNetProtocol protocol)
{
    switch (protocol) {
    case DX_STORAGE_NET_PROTOCOL_HTTP:
        return 80;
    case DX_STORAGE_NET_PROTOCOL_HTTPS:
        return 443;
    case DX_STORAGE_NET_PROTOCOL_FTP:
        return 21;
    case DX_STORAGE_NET_PROTOCOL_FTPS:
        return 990;
    case DX_STORAGE_NET_PROTOCOL_TFTP:
        return 69;
    case DX_STORAGE_NET_PROTOCOL_SHEEPDOG:
        return 7000;
    case DX_STORAGE_NET_PROTOCOL_NBD:
        return 10809;
    case DX_STORAGE_NET_PROTOCOL_SSH:
        return 22;
    case DX_STORAGE_NET_PROTOCOL_ISCSI:
        return 3260;
    case DX_STORAGE_NET_PROTOCOL_GLUSTER:
        return 24007;
    case DX_STORAGE_NET_PROTOCOL_VXHS:
        return 9999;
    case DX_STORAGE_NET_PROTOCOL_RBD:
    case DX_STORAGE_NET_PROTOCOL_NFS:
    case DX_STORAGE_NET_PROTOCOL_NONE:
    case DX_STORAGE_NET_PROTOCOL_LAST:
        break;
    }
    return 0;
}

/* ---- secrets, auth, encryption --------------------------------------------------- */

static int
dxSecretLookupParse(xmlNodePtr node, dxSecretLookup *lookup)
{
    int rc = dxXMLPropUUID(node, "uuid", 0, lookup->uuid);

    if (rc < 0)
        return -1;
    lookup->hasUUID = rc == 1;
    lookup->usage = dxXMLPropString(node, "usage");
    if (lookup->hasUUID == !!lookup->usage) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "<secret> needs exactly one of 'uuid' and 'usage'");
        return -1;
    }
    return 0;
}

static void
dxSecretLookupFormat(dxBuf *attrs, const dxSecretLookup *lookup)
{
    char uuid[DX_UUID_STRING_BUFLEN];
    if (lookup->hasUUID) {
        dxUUIDFormat(lookup->uuid, uuid);
        dxBufAttr(attrs, "uuid", uuid);
    }
    dxBufAttr(attrs, "usage", lookup->usage);
}

int
dxStorageAuthParse(xmlNodePtr node, dxStorageAuth **out)
{
    dxStorageAuth *auth = dxNew(dxStorageAuth);
    xmlNodePtr secret;
    int type = 0;

    if (dxXMLPropStringRequired(node, "username", &auth->username) < 0)
        goto error;
    auth->authType = dxXMLPropString(node, "type");
    if (!(secret = dxXMLChild(node, "secret"))) {
        dxErrorReport(DX_ERR_INVALID, node, "missing <secret> element in <auth>");
        goto error;
    }
    if (dxXMLPropEnum(secret, "type", &dxStorageSecretTypeTable, DX_PROP_NONZERO, &type) < 0 ||
        dxSecretLookupParse(secret, &auth->secret) < 0)
        goto error;
    auth->secretType = type;
    *out = auth;
    return 0;
 error:
    dxStorageAuthFree(auth);
    return -1;
}

void
dxStorageAuthFormatXML(dxBuf *buf, const dxStorageAuth *auth)
{
    dxBuf attrs = DX_BUF_INIT;

    dxBufAddStr(buf, "<auth");
    dxBufAttr(buf, "type", auth->authType);
    dxBufAttr(buf, "username", auth->username);
    dxBufAddStr(buf, ">\n");
    dxBufAdjustIndent(buf, 2);
    if (auth->secretType)
        dxBufAttr(&attrs, "type", dxStorageSecretTypeTypeToString(auth->secretType));
    dxSecretLookupFormat(&attrs, &auth->secret);
    dxBufElementAlways(buf, "secret", &attrs, NULL);
    dxBufAdjustIndent(buf, -2);
    dxBufAddStr(buf, "</auth>\n");
}

static int
dxStorageCipherParse(dxStorageEncryption *enc, xmlNodePtr node)
{
    enc->cipher = dxNew(dxStorageCipher);
    if (dxXMLPropStringRequired(node, "name", &enc->cipher->name) < 0 ||
        dxXMLPropUInt(node, "size", 10, DX_PROP_REQUIRED, &enc->cipher->size) < 0)
        return -1;
    enc->cipher->mode = dxXMLPropString(node, "mode");
    enc->cipher->hash = dxXMLPropString(node, "hash");
    return 0;
}

static int
dxStorageEncryptionChildrenParse(dxStorageEncryption *enc, xmlNodePtr node)
{
    xmlNodePtr child;

    DX_XML_FOREACH_CHILD(node, sec) {
        dxSecretLookup lookup = { 0 };
        char *type;
        if (sec->ns || !dxXMLNameIs(sec, "secret"))
            continue;
        dxXMLMarkUsed(sec);
        if (dxXMLPropStringRequired(sec, "type", &type) < 0)
            return -1;
        if (strcmp(type, "passphrase") != 0) {
            dxErrorReport(DX_ERR_INVALID, sec,
                          "unknown volume encryption secret type '%s': use 'passphrase'",
                          type);
            free(type);
            return -1;
        }
        free(type);
        if (dxSecretLookupParse(sec, &lookup) < 0) {
            free(lookup.usage);
            return -1;
        }
        DX_APPEND(enc->secrets, enc->nsecrets, lookup);
    }
    if ((child = dxXMLChild(node, "cipher")) && dxStorageCipherParse(enc, child) < 0)
        return -1;
    if ((child = dxXMLChild(node, "ivgen"))) {
        if (dxXMLPropStringRequired(child, "name", &enc->ivgenName) < 0)
            return -1;
        enc->ivgenHash = dxXMLPropString(child, "hash");
    }
    return 0;
}

int
dxStorageEncryptionParse(xmlNodePtr node, dxStorageEncryption **out)
{
    dxStorageEncryption *enc = dxNew(dxStorageEncryption);
    int format = 0, engine = 0;

    if (dxXMLPropEnum(node, "format", &dxStorageEncryptionFormatTable,
                      DX_PROP_REQUIRED, &format) < 0 ||
        dxXMLPropEnum(node, "engine", &dxStorageEncryptionEngineTable,
                      DX_PROP_NONZERO, &engine) < 0 ||
        dxStorageEncryptionChildrenParse(enc, node) < 0) {
        dxStorageEncryptionFree(enc);
        return -1;
    }
    enc->format = format;
    enc->engine = engine;
    *out = enc;
    return 0;
}

void
dxStorageEncryptionFormatXML(dxBuf *buf, const dxStorageEncryption *enc)
{
    size_t i;

    dxBufAddf(buf, "<encryption format='%s'",
              dxStorageEncryptionFormatTypeToString(enc->format));
    if (enc->engine)
        dxBufAttr(buf, "engine", dxStorageEncryptionEngineTypeToString(enc->engine));
    if (!enc->nsecrets && !enc->cipher && !enc->ivgenName) {
        dxBufAddStr(buf, "/>\n");
        return;
    }
    dxBufAddStr(buf, ">\n");
    dxBufAdjustIndent(buf, 2);
    for (i = 0; i < enc->nsecrets; i++) {
        dxBuf attrs = DX_BUF_INIT;
        dxBufAttr(&attrs, "type", "passphrase");
        dxSecretLookupFormat(&attrs, &enc->secrets[i]);
        dxBufElementAlways(buf, "secret", &attrs, NULL);
    }
    if (enc->cipher) {
        dxBufAddStr(buf, "<cipher");
        dxBufAttr(buf, "name", enc->cipher->name);
        dxBufAttrf(buf, "size", "%u", enc->cipher->size);
        dxBufAttr(buf, "mode", enc->cipher->mode);
        dxBufAttr(buf, "hash", enc->cipher->hash);
        dxBufAddStr(buf, "/>\n");
    }
    if (enc->ivgenName) {
        dxBufAddStr(buf, "<ivgen");
        dxBufAttr(buf, "name", enc->ivgenName);
        dxBufAttr(buf, "hash", enc->ivgenHash);
        dxBufAddStr(buf, "/>\n");
    }
    dxBufAdjustIndent(buf, -2);
    dxBufAddStr(buf, "</encryption>\n");
}

/* ---- reservations ------------------------------------------------------------------ */

static int
dxStorageReservationsParse(dxStorageSource *src, xmlNodePtr node)
{
    dxStorageReservations *pr = dxNew(dxStorageReservations);
    xmlNodePtr source;
    char *type = NULL, *mode = NULL;
    int rc = -1;

    src->pr = pr;
    if (dxXMLPropTristateBool(node, "managed", DX_PROP_REQUIRED, &pr->managed) < 0)
        return -1;
    if (!(source = dxXMLChild(node, "source"))) {
        if (pr->managed == DX_TRISTATE_BOOL_NO) {
            dxErrorReport(DX_ERR_INVALID, node,
                          "unmanaged <reservations> need a <source type='unix'> "
                          "naming the pr-helper socket");
            return -1;
        }
        return 0;
    }
    pr->hasSource = true;
    if (dxXMLPropStringRequired(source, "type", &type) < 0 ||
        dxXMLPropStringRequired(source, "path", &pr->path) < 0 ||
        dxXMLPropStringRequired(source, "mode", &mode) < 0)
        goto cleanup;
    if (strcmp(type, "unix") != 0) {
        dxErrorReport(DX_ERR_INVALID, source, "unsupported reservations source type '%s'", type);
        goto cleanup;
    }
    if (strcmp(mode, "client") != 0 && strcmp(mode, "server") != 0) {
        dxErrorReport(DX_ERR_INVALID, source,
                      "invalid reservations source mode '%s': use 'client' or 'server'", mode);
        goto cleanup;
    }
    pr->listen = strcmp(mode, "server") == 0;
    rc = 0;
 cleanup:
    free(type);
    free(mode);
    return rc;
}

static void
dxStorageReservationsFormat(dxBuf *buf, const dxStorageReservations *pr)
{
    dxBufAddf(buf, "<reservations managed='%s'", dxTristateBoolTypeToString(pr->managed));
    if (!pr->hasSource) {
        dxBufAddStr(buf, "/>\n");
        return;
    }
    dxBufAddStr(buf, ">\n");
    dxBufAdjustIndent(buf, 2);
    dxBufAddStr(buf, "<source type='unix'");
    dxBufAttr(buf, "path", pr->path);
    dxBufAttr(buf, "mode", pr->listen ? "server" : "client");
    dxBufAddStr(buf, "/>\n");
    dxBufAdjustIndent(buf, -2);
    dxBufAddStr(buf, "</reservations>\n");
}

/* ---- network sources --------------------------------------------------------------- */

static int
dxStorageHostParse(xmlNodePtr node, dxStorageNetHost *host)
{
    int transport = DX_STORAGE_NET_TRANSPORT_TCP;

    if (dxXMLPropEnum(node, "transport", &dxStorageNetTransportTable, 0, &transport) < 0)
        return -1;
    host->transport = transport;
    if (transport == DX_STORAGE_NET_TRANSPORT_UNIX) {
        if (dxXMLPropStringRequired(node, "socket", &host->socket) < 0)
            return -1;
        if (dxXMLHasProp(node, "name")) {
            dxErrorReport(DX_ERR_INVALID, node,
                          "a 'unix' transport host has a 'socket', not a 'name'");
            return -1;
        }
        return 0;
    }
    if (dxXMLPropStringRequired(node, "name", &host->name) < 0)
        return -1;
    if (dxXMLHasProp(node, "socket")) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "'socket' attribute is only valid with transport='unix'");
        return -1;
    }
    return dxXMLPropUInt(node, "port", 10, 0, &host->port) < 0 ? -1 : 0;
}

static int
dxStorageHostsParse(dxStorageSource *src, xmlNodePtr source)
{
    unsigned int defport = dxStorageNetDefaultPort(src->protocol);

    DX_XML_FOREACH_CHILD(source, child) {
        dxStorageNetHost host = { 0 };
        if (child->ns || !dxXMLNameIs(child, "host"))
            continue;
        dxXMLMarkUsed(child);
        if (dxStorageHostParse(child, &host) < 0) {
            free(host.name);
            free(host.socket);
            return -1;
        }
        /* a TCP host without port uses the protocol's well-known one */
        if (host.transport == DX_STORAGE_NET_TRANSPORT_TCP && !host.port)
            host.port = defport;
        DX_APPEND(src->hosts, src->nhosts, host);
    }
    return 0;
}

static int
dxStorageCookiesParse(dxStorageSource *src, xmlNodePtr node)
{
    DX_XML_FOREACH_CHILD(node, child) {
        dxStorageCookie cookie = { 0 };
        size_t i;
        if (child->ns || !dxXMLNameIs(child, "cookie"))
            continue;
        dxXMLMarkUsed(child);
        if (dxXMLPropStringRequired(child, "name", &cookie.name) < 0)
            return -1;
        cookie.value = dxXMLContent(child);
        for (i = 0; i < src->ncookies; i++) {
            if (strcmp(src->cookies[i].name, cookie.name) == 0) {
                dxErrorReport(DX_ERR_INVALID, child, "duplicate cookie '%s'", cookie.name);
                free(cookie.name);
                free(cookie.value);
                return -1;
            }
        }
        DX_APPEND(src->cookies, src->ncookies, cookie);
    }
    return 0;
}

/* gluster and rbd keep "volume/image" in name=; split at the first '/'. */
static int
dxStorageSplitVolume(dxStorageSource *src, xmlNodePtr node)
{
    char *slash = src->path ? strchr(src->path, '/') : NULL;

    if (!src->path)
        return 0;
    if (!slash || slash == src->path) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "can't split path '%s' into pool name and image name", src->path);
        return -1;
    }
    src->volume = dxStrndup(src->path, slash - src->path);
    memmove(src->path, slash + 1, strlen(slash + 1) + 1);
    return 0;
}

static bool
dxStorageIsCurl(dxStorageNetProtocol p)
{
    return p == DX_STORAGE_NET_PROTOCOL_HTTP || p == DX_STORAGE_NET_PROTOCOL_HTTPS ||
           p == DX_STORAGE_NET_PROTOCOL_FTP || p == DX_STORAGE_NET_PROTOCOL_FTPS ||
           p == DX_STORAGE_NET_PROTOCOL_TFTP;
}

static int
dxStorageNetChildrenParse(dxStorageSource *src, xmlNodePtr source)
{
    dxStorageNetProtocol p = src->protocol;
    xmlNodePtr child;

    if (p == DX_STORAGE_NET_PROTOCOL_RBD) {
        if ((child = dxXMLChild(source, "snapshot")) &&
            dxXMLPropStringRequired(child, "name", &src->snapshot) < 0)
            return -1;
        if ((child = dxXMLChild(source, "config")) &&
            dxXMLPropStringRequired(child, "file", &src->configFile) < 0)
            return -1;
    }
    if (p == DX_STORAGE_NET_PROTOCOL_ISCSI && (child = dxXMLChild(source, "initiator"))) {
        xmlNodePtr iqn = dxXMLChild(child, "iqn");
        if (!iqn || dxXMLPropStringRequired(iqn, "name", &src->initiatorIqn) < 0) {
            if (!iqn)
                dxErrorReport(DX_ERR_INVALID, child, "missing <iqn name=> in <initiator>");
            return -1;
        }
    }
    if ((p == DX_STORAGE_NET_PROTOCOL_HTTPS || p == DX_STORAGE_NET_PROTOCOL_FTPS) &&
        (child = dxXMLChild(source, "ssl")) &&
        dxXMLPropTristateBool(child, "verify", DX_PROP_REQUIRED, &src->sslverify) < 0)
        return -1;
    if ((p == DX_STORAGE_NET_PROTOCOL_HTTP || p == DX_STORAGE_NET_PROTOCOL_HTTPS) &&
        (child = dxXMLChild(source, "cookies")) && dxStorageCookiesParse(src, child) < 0)
        return -1;
    if (dxStorageIsCurl(p) && p != DX_STORAGE_NET_PROTOCOL_TFTP) {
        if ((child = dxXMLChild(source, "readahead")) &&
            dxXMLPropULongLong(child, "size", 10, DX_PROP_REQUIRED, &src->readahead) < 0)
            return -1;
        if ((child = dxXMLChild(source, "timeout")) &&
            dxXMLPropULongLong(child, "seconds", 10, DX_PROP_REQUIRED, &src->timeout) < 0)
            return -1;
    }
    if (p == DX_STORAGE_NET_PROTOCOL_NFS && (child = dxXMLChild(source, "identity"))) {
        src->nfsUser = dxXMLPropString(child, "user");
        src->nfsGroup = dxXMLPropString(child, "group");
    }
    return 0;
}

static int
dxStorageNetworkParse(dxStorageSource *src, xmlNodePtr source)
{
    int protocol;

    if (dxXMLPropEnum(source, "protocol", &dxStorageNetProtocolTable,
                      DX_PROP_REQUIRED | DX_PROP_NONZERO, &protocol) < 0)
        return -1;
    src->protocol = protocol;
    src->path = dxXMLPropString(source, "name");
    if (!src->path && protocol != DX_STORAGE_NET_PROTOCOL_NBD) {
        dxErrorReport(DX_ERR_INVALID, source, "missing name for disk source");
        return -1;
    }
    if ((protocol == DX_STORAGE_NET_PROTOCOL_GLUSTER || protocol == DX_STORAGE_NET_PROTOCOL_RBD) &&
        dxStorageSplitVolume(src, source) < 0)
        return -1;
    if (dxXMLPropTristateBool(source, "tls", 0, &src->haveTLS) < 0)
        return -1;
    src->tlsHostname = dxXMLPropString(source, "tlsHostname");
    if (protocol == DX_STORAGE_NET_PROTOCOL_HTTP || protocol == DX_STORAGE_NET_PROTOCOL_HTTPS)
        src->query = dxXMLPropString(source, "query");
    if (dxStorageHostsParse(src, source) < 0)
        return -1;
    return dxStorageNetChildrenParse(src, source);
}

static void
dxStorageNetworkFormat(dxBuf *attrs, dxBuf *child, const dxStorageSource *src)
{
    size_t i;

    dxBufAttr(attrs, "protocol", dxStorageNetProtocolTypeToString(src->protocol));
    if (src->volume)
        dxBufAttrf(attrs, "name", "%s/%s", src->volume, dxNullStr(src->path));
    else
        dxBufAttr(attrs, "name", src->path);
    dxBufAttr(attrs, "query", src->query);
    if (src->haveTLS)
        dxBufAttr(attrs, "tls", dxTristateBoolTypeToString(src->haveTLS));
    dxBufAttr(attrs, "tlsHostname", src->tlsHostname);
    for (i = 0; i < src->nhosts; i++) {
        const dxStorageNetHost *h = &src->hosts[i];
        dxBufAddStr(child, "<host");
        dxBufAttr(child, "name", h->name);
        if (h->port)
            dxBufAttrf(child, "port", "%u", h->port);
        if (h->transport != DX_STORAGE_NET_TRANSPORT_TCP)
            dxBufAttr(child, "transport", dxStorageNetTransportTypeToString(h->transport));
        dxBufAttr(child, "socket", h->socket);
        dxBufAddStr(child, "/>\n");
    }
    if (src->nfsUser || src->nfsGroup) {
        dxBufAddStr(child, "<identity");
        dxBufAttr(child, "user", src->nfsUser);
        dxBufAttr(child, "group", src->nfsGroup);
        dxBufAddStr(child, "/>\n");
    }
    if (src->snapshot) {
        dxBufAddStr(child, "<snapshot");
        dxBufAttr(child, "name", src->snapshot);
        dxBufAddStr(child, "/>\n");
    }
    if (src->configFile) {
        dxBufAddStr(child, "<config");
        dxBufAttr(child, "file", src->configFile);
        dxBufAddStr(child, "/>\n");
    }
    if (src->initiatorIqn) {
        dxBufAddStr(child, "<initiator>\n");
        dxBufAdjustIndent(child, 2);
        dxBufAddStr(child, "<iqn");
        dxBufAttr(child, "name", src->initiatorIqn);
        dxBufAddStr(child, "/>\n");
        dxBufAdjustIndent(child, -2);
        dxBufAddStr(child, "</initiator>\n");
    }
    if (src->sslverify)
        dxBufAddf(child, "<ssl verify='%s'/>\n", dxTristateBoolTypeToString(src->sslverify));
    if (src->ncookies) {
        dxBufAddStr(child, "<cookies>\n");
        dxBufAdjustIndent(child, 2);
        for (i = 0; i < src->ncookies; i++) {
            dxBufAddStr(child, "<cookie");
            dxBufAttr(child, "name", src->cookies[i].name);
            dxBufAddStr(child, ">");
            dxBufEscapeXML(child, src->cookies[i].value);
            dxBufAddStr(child, "</cookie>\n");
        }
        dxBufAdjustIndent(child, -2);
        dxBufAddStr(child, "</cookies>\n");
    }
    if (src->readahead)
        dxBufAddf(child, "<readahead size='%llu'/>\n", src->readahead);
    if (src->timeout)
        dxBufAddf(child, "<timeout seconds='%llu'/>\n", src->timeout);
}

/* ---- the other types ------------------------------------------------------------------ */

static int
dxStorageVolumeParse(dxStorageSource *src, xmlNodePtr source)
{
    int mode = 0;
    src->pool = dxXMLPropString(source, "pool");
    src->poolVolume = dxXMLPropString(source, "volume");
    if (dxXMLPropEnum(source, "mode", &dxStoragePoolModeTable, DX_PROP_NONZERO, &mode) < 0)
        return -1;
    src->poolMode = mode;
    if (!src->pool != !src->poolVolume) {
        dxErrorReport(DX_ERR_INVALID, source,
                      "'pool' and 'volume' must be specified together for 'pool' type source");
        return -1;
    }
    return 0;
}

static int
dxStorageNVMeParse(dxStorageSource *src, xmlNodePtr source)
{
    dxStorageNVMe *nvme = dxNew(dxStorageNVMe);
    xmlNodePtr address;
    char *type = NULL;
    int rc = -1;

    src->nvme = nvme;
    if (dxXMLPropStringRequired(source, "type", &type) < 0)
        return -1;
    if (strcmp(type, "pci") != 0) {
        dxErrorReport(DX_ERR_INVALID, source, "unsupported source type '%s' for NVMe disk", type);
        goto cleanup;
    }
    if (dxXMLPropULongLong(source, "namespace", 10, DX_PROP_REQUIRED,
                           &nvme->namespc) < 0 ||
        dxXMLPropTristateBool(source, "managed", 0, &nvme->managed) < 0)
        goto cleanup;
    if (!(address = dxXMLChild(source, "address"))) {
        dxErrorReport(DX_ERR_INVALID, source, "NVMe disk source is missing address");
        goto cleanup;
    }
    rc = dxPCIAddressParseXML(address, &nvme->addr);
 cleanup:
    free(type);
    return rc;
}

static int
dxStorageVhostUserParse(dxStorageSource *src, xmlNodePtr source)
{
    xmlNodePtr reconnect;
    char *type = NULL;
    int rc = -1;

    if (dxXMLPropStringRequired(source, "type", &type) < 0)
        return -1;
    if (strcmp(type, "unix") != 0) {
        dxErrorReport(DX_ERR_INVALID, source,
                      "invalid source type '%s' for vhostuser disk: use 'unix'", type);
        goto cleanup;
    }
    if (dxXMLPropStringRequired(source, "path", &src->path) < 0)
        goto cleanup;
    if ((reconnect = dxXMLChild(source, "reconnect"))) {
        if (dxXMLPropTristateBool(reconnect, "enabled", DX_PROP_REQUIRED,
                                  &src->vhostReconnect.enabled) < 0 ||
            dxXMLPropUInt(reconnect, "timeout", 10, 0, &src->vhostReconnect.timeout) < 0)
            goto cleanup;
    }
    rc = 0;
 cleanup:
    free(type);
    return rc;
}

static int
dxStorageSlicesParse(dxStorageSource *src, xmlNodePtr source)
{
    xmlNodePtr slices = dxXMLChild(source, "slices");
    xmlNodePtr slice;
    char *type;
    int rc;

    if (!slices || !(slice = dxXMLChild(slices, "slice")))
        return 0;
    if (dxXMLPropStringRequired(slice, "type", &type) < 0)
        return -1;
    rc = strcmp(type, "storage") == 0 ? 0 : -1;
    if (rc < 0)
        dxErrorReport(DX_ERR_INVALID, slice, "unknown slice type '%s': use 'storage'", type);
    free(type);
    if (rc < 0 ||
        dxXMLPropULongLong(slice, "offset", 10, DX_PROP_REQUIRED, &src->sliceOffset) < 0 ||
        dxXMLPropULongLong(slice, "size", 10, DX_PROP_REQUIRED, &src->sliceSize) < 0)
        return -1;
    src->hasSlice = true;
    return 0;
}

/* The children every type of <source> may have. */
static int
dxStorageSourceCommonParse(dxStorageSource *src, xmlNodePtr source)
{
    xmlNodePtr child;

    if (dxDeviceSeclabelsParse(source, &src->seclabels, &src->nseclabels) < 0 ||
        dxStorageSlicesParse(src, source) < 0)
        return -1;
    if ((child = dxXMLChild(source, "auth"))) {
        if (src->auth) {
            dxErrorReport(DX_ERR_UNSUPPORTED, child,
                          "an <auth> definition already found for disk source");
            return -1;
        }
        if (dxStorageAuthParse(child, &src->auth) < 0)
            return -1;
    }
    if ((child = dxXMLChild(source, "encryption"))) {
        if (src->encryption) {
            dxErrorReport(DX_ERR_UNSUPPORTED, child,
                          "an <encryption> definition already found for disk source");
            return -1;
        }
        if (dxStorageEncryptionParse(child, &src->encryption) < 0)
            return -1;
    }
    if ((child = dxXMLChild(source, "reservations")) && dxStorageReservationsParse(src, child) < 0)
        return -1;
    return 0;
}

/* The <source> attribute holding a local source's path ("file", "dev" or
 * "dir"), NULL for the other types: parse, format and the checks share it. */
static const char *
dxStorageLocalPathAttr(dxStorageType type)
{
    switch (type) {
    case DX_STORAGE_TYPE_FILE:
        return "file";
    case DX_STORAGE_TYPE_BLOCK:
        return "dev";
    case DX_STORAGE_TYPE_DIR:
        return "dir";
    default:
        return NULL;
    }
}

int
dxStorageSourceParse(dxStorageSource *src, xmlNodePtr source,
                     dxStorageStartupPolicy *startupPolicy)
{
    int rc = 0, policy = 0;

    if (!source)
        return 0;
    switch (src->type) {
    case DX_STORAGE_TYPE_FILE:
    case DX_STORAGE_TYPE_BLOCK:
    case DX_STORAGE_TYPE_DIR:
        src->path = dxXMLPropString(source, dxStorageLocalPathAttr(src->type));
        break;
    case DX_STORAGE_TYPE_NETWORK:
        rc = dxStorageNetworkParse(src, source);
        break;
    case DX_STORAGE_TYPE_VOLUME:
        rc = dxStorageVolumeParse(src, source);
        break;
    case DX_STORAGE_TYPE_NVME:
        rc = dxStorageNVMeParse(src, source);
        break;
    case DX_STORAGE_TYPE_VHOST_USER:
        rc = dxStorageVhostUserParse(src, source);
        break;
    case DX_STORAGE_TYPE_NONE:
    case DX_STORAGE_TYPE_LAST:
        break;
    }
    /* libvirt reads an empty path as no path (a CD-ROM without medium
       written as <source file=''/>) */
    if (src->path && !*src->path) {
        free(src->path);
        src->path = NULL;
    }
    if (rc < 0 || dxXMLPropUInt(source, "index", 10, 0, &src->id) < 0)
        return -1;
    if (startupPolicy) {
        if (dxXMLPropEnum(source, "startupPolicy", &dxStorageStartupPolicyTable,
                          DX_PROP_NONZERO, &policy) < 0)
            return -1;
        *startupPolicy = policy;
    }
    return dxStorageSourceCommonParse(src, source);
}

/* ---- backing chains ------------------------------------------------------------------------ */

int
dxStorageMetadataCacheParse(xmlNodePtr node, unsigned long long *bytes)
{
    xmlNodePtr cache = dxXMLChild(node, "metadata_cache");
    xmlNodePtr max;
    char *unit;
    const char *why = NULL;
    int rc = 0;

    if (!cache || !(max = dxXMLChild(cache, "max_size")))
        return 0;
    if (dxXMLContentULongLong(max, bytes) < 0)
        return -1;
    unit = dxXMLPropString(max, "unit");
    if (dxScaleInteger(bytes, unit, 1, ~0ULL, &why) < 0) {
        dxErrorReport(DX_ERR_INVALID, max, "invalid metadata cache size: %s", why);
        rc = -1;
    }
    free(unit);
    return rc;
}

static int
dxStorageBackingStoreParseOne(dxStorageSource *parent, xmlNodePtr node)
{
    dxStorageSource *src = dxStorageSourceNew();
    xmlNodePtr format, source;
    int type, fmt;

    parent->backingStore = src;
    /* <backingStore/> without type: the chain ends here */
    if (!dxXMLHasProp(node, "type"))
        return 0;
    if (dxXMLPropEnum(node, "type", &dxStorageTypeTable, DX_PROP_NONZERO, &type) < 0 ||
        dxXMLPropUInt(node, "index", 10, 0, &src->id) < 0)
        return -1;
    src->type = type;
    if (!(format = dxXMLChild(node, "format"))) {
        dxErrorReport(DX_ERR_INVALID, node, "missing backing store format");
        return -1;
    }
    if (dxXMLPropEnum(format, "type", &dxStorageFormatTable,
                      DX_PROP_REQUIRED | DX_PROP_NONZERO, &fmt) < 0 ||
        dxStorageMetadataCacheParse(format, &src->metadataCacheMaxSize) < 0)
        return -1;
    src->format = fmt;
    if (!(source = dxXMLChild(node, "source"))) {
        dxErrorReport(DX_ERR_INVALID, node, "missing disk backing store source");
        return -1;
    }
    if (dxStorageSourceParse(src, source, NULL) < 0)
        return -1;
    /* a local backing image must say where it is: an empty <source/> is
     * not written back, and the store could not be read again */
    if (dxStorageLocalPathAttr(src->type) && !src->path) {
        dxErrorReport(DX_ERR_INVALID, source,
                      "backing store source of type '%s' needs its '%s' attribute",
                      dxStorageTypeTypeToString(src->type),
                      dxStorageLocalPathAttr(src->type));
        return -1;
    }
    return dxStorageBackingStoreParse(src, node);
}

int
dxStorageBackingStoreParse(dxStorageSource *src, xmlNodePtr node)
{
    xmlNodePtr child = dxXMLChild(node, "backingStore");
    if (!child)
        return 0;
    return dxStorageBackingStoreParseOne(src, child);
}

/* ---- format ---------------------------------------------------------------------------------- */

static void
dxStorageTypeAttrsFormat(dxBuf *attrs, dxBuf *child, const dxStorageSource *src)
{
    switch (src->type) {
    case DX_STORAGE_TYPE_FILE:
    case DX_STORAGE_TYPE_BLOCK:
    case DX_STORAGE_TYPE_DIR:
        dxBufAttr(attrs, dxStorageLocalPathAttr(src->type), src->path);
        break;
    case DX_STORAGE_TYPE_NETWORK:
        dxStorageNetworkFormat(attrs, child, src);
        break;
    case DX_STORAGE_TYPE_VOLUME:
        dxBufAttr(attrs, "pool", src->pool);
        dxBufAttr(attrs, "volume", src->poolVolume);
        if (src->poolMode)
            dxBufAttr(attrs, "mode", dxStoragePoolModeTypeToString(src->poolMode));
        break;
    case DX_STORAGE_TYPE_NVME:
        dxBufAttr(attrs, "type", "pci");
        if (src->nvme->managed)
            dxBufAttr(attrs, "managed", dxTristateBoolTypeToString(src->nvme->managed));
        dxBufAttrf(attrs, "namespace", "%llu", src->nvme->namespc);
        dxPCIAddressFormatXML(child, &src->nvme->addr, false);
        break;
    case DX_STORAGE_TYPE_VHOST_USER:
        dxBufAttr(attrs, "type", "unix");
        dxBufAttr(attrs, "path", src->path);
        if (src->vhostReconnect.enabled) {
            dxBufAddf(child, "<reconnect enabled='%s'",
                      dxTristateBoolTypeToString(src->vhostReconnect.enabled));
            if (src->vhostReconnect.timeout)
                dxBufAttrf(child, "timeout", "%u", src->vhostReconnect.timeout);
            dxBufAddStr(child, "/>\n");
        }
        break;
    case DX_STORAGE_TYPE_NONE:
    case DX_STORAGE_TYPE_LAST:
        break;
    }
}

void
dxStorageSourceFormat(dxBuf *buf, const dxStorageSource *src,
                      dxStorageStartupPolicy startupPolicy,
                      bool skipAuth, bool skipEncryption)
{
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);

    dxStorageTypeAttrsFormat(&attrs, &child, src);
    if (src->hasSlice) {
        dxBufAddStr(&child, "<slices>\n");
        dxBufAdjustIndent(&child, 2);
        dxBufAddf(&child, "<slice type='storage' offset='%llu' size='%llu'/>\n",
                  src->sliceOffset, src->sliceSize);
        dxBufAdjustIndent(&child, -2);
        dxBufAddStr(&child, "</slices>\n");
    }
    if (src->type != DX_STORAGE_TYPE_NETWORK)
        dxDeviceSeclabelsFormat(&child, src->seclabels, src->nseclabels);
    /* a volume's credentials belong to its pool */
    if (src->auth && !skipAuth && src->type != DX_STORAGE_TYPE_VOLUME)
        dxStorageAuthFormatXML(&child, src->auth);
    if (src->encryption && !skipEncryption)
        dxStorageEncryptionFormatXML(&child, src->encryption);
    if (src->pr)
        dxStorageReservationsFormat(&child, src->pr);
    if (startupPolicy && src->type != DX_STORAGE_TYPE_NETWORK)
        dxBufAttr(&attrs, "startupPolicy", dxStorageStartupPolicyTypeToString(startupPolicy));
    dxBufElement(buf, "source", &attrs, &child);
}

void
dxStorageBackingStoreFormat(dxBuf *buf, const dxStorageSource *src)
{
    const dxStorageSource *b = src->backingStore;
    dxBuf child = DX_BUF_INIT_CHILD(buf);

    if (!b)
        return;
    if (b->type == DX_STORAGE_TYPE_NONE) {
        dxBufAddStr(buf, "<backingStore/>\n");
        return;
    }
    dxBufAddf(buf, "<backingStore type='%s'>\n", dxStorageTypeTypeToString(b->type));
    if (b->metadataCacheMaxSize) {
        dxBufAddf(&child, "<format type='%s'>\n", dxStorageFormatTypeToString(b->format));
        dxBufAdjustIndent(&child, 2);
        dxBufAddStr(&child, "<metadata_cache>\n");
        dxBufAddf(&child, "  <max_size unit='bytes'>%llu</max_size>\n", b->metadataCacheMaxSize);
        dxBufAddStr(&child, "</metadata_cache>\n");
        dxBufAdjustIndent(&child, -2);
        dxBufAddStr(&child, "</format>\n");
    } else {
        dxBufAddf(&child, "<format type='%s'/>\n", dxStorageFormatTypeToString(b->format));
    }
    dxStorageSourceFormat(&child, b, 0, false, false);
    dxStorageBackingStoreFormat(&child, b);
    dxBufAddBuf(buf, &child);
    dxBufAddStr(buf, "</backingStore>\n");
}
