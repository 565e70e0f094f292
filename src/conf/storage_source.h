/* storage_source.h: where a disk's data lives: a file, a block device, a
 * directory, a network export, a pool volume, an NVMe namespace or a
 * vhost-user socket, with its format and backing chain (<source>,
 * <backingStore>, <format>, and their <auth>, <encryption>, ...). */
#pragma once

#include <libxml/tree.h>
#include <stdbool.h>

#include "chr_conf.h"
#include "device_info.h"
#include "seclabel_conf.h"
#include "util/dxbuf.h"
#include "util/dxenum.h"

typedef enum {
    DX_STORAGE_TYPE_NONE = 0,
    DX_STORAGE_TYPE_FILE,
    DX_STORAGE_TYPE_BLOCK,
    DX_STORAGE_TYPE_DIR,
    DX_STORAGE_TYPE_NETWORK,
    DX_STORAGE_TYPE_VOLUME,
    DX_STORAGE_TYPE_NVME,
    DX_STORAGE_TYPE_VHOST_USER,
    DX_STORAGE_TYPE_LAST
} dxStorageType;
DX_ENUM_DECL(dxStorageType);

typedef enum {
    DX_STORAGE_NET_PROTOCOL_NONE = 0,
    DX_STORAGE_NET_PROTOCOL_NBD,
    DX_STORAGE_NET_PROTOCOL_RBD,
    DX_STORAGE_NET_PROTOCOL_SHEEPDOG,
    DX_STORAGE_NET_PROTOCOL_GLUSTER,
    DX_STORAGE_NET_PROTOCOL_ISCSI,
    DX_STORAGE_NET_PROTOCOL_HTTP,
    DX_STORAGE_NET_PROTOCOL_HTTPS,
    DX_STORAGE_NET_PROTOCOL_FTP,
    DX_STORAGE_NET_PROTOCOL_FTPS,
    DX_STORAGE_NET_PROTOCOL_TFTP,
    DX_STORAGE_NET_PROTOCOL_SSH,
    DX_STORAGE_NET_PROTOCOL_VXHS,
    DX_STORAGE_NET_PROTOCOL_NFS,
    DX_STORAGE_NET_PROTOCOL_LAST
} dxStorageNetProtocol;
DX_ENUM_DECL(dxStorageNetProtocol);

typedef enum {
    DX_STORAGE_NET_TRANSPORT_TCP = 0,
    DX_STORAGE_NET_TRANSPORT_UNIX,
    DX_STORAGE_NET_TRANSPORT_RDMA,
    DX_STORAGE_NET_TRANSPORT_LAST
} dxStorageNetTransport;
DX_ENUM_DECL(dxStorageNetTransport);

/* Image formats (<driver type=>, <format type=>).  Formats from COW on
 * can have a backing image. */
typedef enum {
    DX_STORAGE_FORMAT_NONE = 0,
    DX_STORAGE_FORMAT_RAW,
    DX_STORAGE_FORMAT_DIR,
    DX_STORAGE_FORMAT_BOCHS,
    DX_STORAGE_FORMAT_CLOOP,
    DX_STORAGE_FORMAT_DMG,
    DX_STORAGE_FORMAT_ISO,
    DX_STORAGE_FORMAT_VPC,
    DX_STORAGE_FORMAT_VDI,
    DX_STORAGE_FORMAT_FAT,
    DX_STORAGE_FORMAT_VHD,
    DX_STORAGE_FORMAT_PLOOP,
    DX_STORAGE_FORMAT_COW,
    DX_STORAGE_FORMAT_QCOW,
    DX_STORAGE_FORMAT_QCOW2,
    DX_STORAGE_FORMAT_QED,
    DX_STORAGE_FORMAT_VMDK,
    DX_STORAGE_FORMAT_LAST
} dxStorageFormat;
DX_ENUM_DECL(dxStorageFormat);
#define DX_STORAGE_FORMAT_BACKING DX_STORAGE_FORMAT_COW

typedef enum {
    DX_STORAGE_STARTUP_POLICY_DEFAULT = 0,
    DX_STORAGE_STARTUP_POLICY_MANDATORY,
    DX_STORAGE_STARTUP_POLICY_REQUISITE,
    DX_STORAGE_STARTUP_POLICY_OPTIONAL,
    DX_STORAGE_STARTUP_POLICY_LAST
} dxStorageStartupPolicy;
DX_ENUM_DECL(dxStorageStartupPolicy);

typedef enum {
    DX_STORAGE_POOL_MODE_DEFAULT = 0,
    DX_STORAGE_POOL_MODE_HOST,
    DX_STORAGE_POOL_MODE_DIRECT,
    DX_STORAGE_POOL_MODE_LAST
} dxStoragePoolMode;
DX_ENUM_DECL(dxStoragePoolMode);

typedef enum {
    DX_STORAGE_SECRET_TYPE_NONE = 0,
    DX_STORAGE_SECRET_TYPE_ISCSI,
    DX_STORAGE_SECRET_TYPE_CEPH,
    DX_STORAGE_SECRET_TYPE_LAST
} dxStorageSecretType;
DX_ENUM_DECL(dxStorageSecretType);

typedef enum {
    DX_STORAGE_ENCRYPTION_FORMAT_DEFAULT = 0,
    DX_STORAGE_ENCRYPTION_FORMAT_QCOW,
    DX_STORAGE_ENCRYPTION_FORMAT_LUKS,
    DX_STORAGE_ENCRYPTION_FORMAT_LUKS2,
    DX_STORAGE_ENCRYPTION_FORMAT_LUKS_ANY,
    DX_STORAGE_ENCRYPTION_FORMAT_LAST
} dxStorageEncryptionFormatType;
DX_ENUM_DECL(dxStorageEncryptionFormat);

typedef enum {
    DX_STORAGE_ENCRYPTION_ENGINE_DEFAULT = 0,
    DX_STORAGE_ENCRYPTION_ENGINE_QEMU,
    DX_STORAGE_ENCRYPTION_ENGINE_LIBRBD,
    DX_STORAGE_ENCRYPTION_ENGINE_LAST
} dxStorageEncryptionEngine;
DX_ENUM_DECL(dxStorageEncryptionEngine);

/* A reference to a libvirt secret: by UUID or by usage name. */
typedef struct {
    bool hasUUID;
    unsigned char uuid[16];
    char *usage;
} dxSecretLookup;

typedef struct {
    char *username;
    char *authType;                   /* <auth type=> (chap, ...) */
    dxStorageSecretType secretType;   /* <secret type=> */
    dxSecretLookup secret;
} dxStorageAuth;

typedef struct {
    char *name;                       /* <cipher name size mode hash> */
    unsigned int size;
    char *mode;
    char *hash;
} dxStorageCipher;

typedef struct {
    dxStorageEncryptionFormatType format;
    dxStorageEncryptionEngine engine;
    dxSecretLookup *secrets;          /* <secret type='passphrase'> */
    size_t nsecrets;
    dxStorageCipher *cipher;
    char *ivgenName;                  /* <ivgen name hash> */
    char *ivgenHash;
} dxStorageEncryption;

typedef struct {
    dxTristateBool managed;           /* <reservations managed=> */
    /* the pr-helper socket of unmanaged reservations */
    char *path;
    bool hasSource;
    bool listen;                      /* mode='server' */
} dxStorageReservations;

typedef struct {
    char *name;
    unsigned int port;                /* 0 = not given */
    dxStorageNetTransport transport;
    char *socket;                     /* unix transport */
} dxStorageNetHost;

typedef struct {
    char *name;
    char *value;
} dxStorageCookie;

typedef struct {
    dxPCIAddress addr;                /* host PCI address of the controller */
    unsigned long long namespc;
    dxTristateBool managed;
} dxStorageNVMe;

typedef struct _dxStorageSource dxStorageSource;
struct _dxStorageSource {
    dxStorageType type;
    dxStorageFormat format;
    char *path;                       /* file, dev, dir; network: image name */
    unsigned int id;                  /* index= (kept only while parsing) */

    /* network */
    dxStorageNetProtocol protocol;
    char *volume;                     /* gluster volume, rbd pool */
    char *query;                      /* http(s) query string */
    dxStorageNetHost *hosts;
    size_t nhosts;
    dxTristateBool haveTLS;
    char *tlsHostname;
    char *snapshot;                   /* rbd <snapshot name> */
    char *configFile;                 /* rbd <config file> */
    char *initiatorIqn;               /* iscsi <initiator><iqn name> */
    dxTristateBool sslverify;
    dxStorageCookie *cookies;
    size_t ncookies;
    unsigned long long readahead;     /* bytes, 0 = not given */
    unsigned long long timeout;       /* seconds, 0 = not given */
    unsigned int reconnectDelay;      /* nbd <reconnect delay> */
    char *nfsUser;                    /* nfs <identity user group> */
    char *nfsGroup;

    /* volume */
    char *pool;
    char *poolVolume;
    dxStoragePoolMode poolMode;

    /* nvme */
    dxStorageNVMe *nvme;

    /* vhostuser: <source type='unix' path=><reconnect/></source> */
    dxChrReconnect vhostReconnect;

    /* <slices><slice type='storage' offset size/></slices> */
    bool hasSlice;
    unsigned long long sliceOffset;
    unsigned long long sliceSize;

    dxDeviceSeclabel *seclabels;
    size_t nseclabels;
    dxStorageAuth *auth;
    dxStorageEncryption *encryption;
    dxStorageReservations *pr;
    unsigned long long metadataCacheMaxSize;   /* bytes, qcow2 metadata cache */

    /* copied from the disk so every layer of the chain knows them */
    bool readonly;
    bool shared;

    /* QEMU driver, runtime: N of the "libvirt-N-storage/format" node names */
    unsigned int nodeIndex;

    /* <backingStore>: NULL = not described (QEMU probes the image),
     * a source of type NONE = <backingStore/>, the end of the chain */
    dxStorageSource *backingStore;
};

dxStorageSource *dxStorageSourceNew(void);
void dxStorageSourceFree(dxStorageSource *src);
/* A real image (not the end marker of a chain). */
bool dxStorageSourceIsBacking(const dxStorageSource *src);
/* No image at all: a CD-ROM or floppy drive with no medium. */
bool dxStorageSourceIsEmpty(const dxStorageSource *src);
/* A local block device (not a regular file). */
bool dxStorageSourceIsBlockLocal(const dxStorageSource *src);
/* The port a network protocol uses when <host> gives none (0: none). */
unsigned int dxStorageNetDefaultPort(dxStorageNetProtocol protocol);

/* Flags of dxStorageSourceParse. */
typedef enum {
    /* attributes and children of <disk><source> only (startupPolicy) */
    DX_STORAGE_PARSE_DISK_TOP = 1 << 0,
} dxStorageParseFlags;

/* Read the <source> element SOURCE (may be NULL for an empty drive) of a
 * source of SRC->type. */
int dxStorageSourceParse(dxStorageSource *src, xmlNodePtr source,
                         dxStorageStartupPolicy *startupPolicy);
/* Read the <backingStore> children of NODE (a <disk> or <backingStore>)
 * into SRC->backingStore. */
int dxStorageBackingStoreParse(dxStorageSource *src, xmlNodePtr node);
int dxStorageAuthParse(xmlNodePtr node, dxStorageAuth **out);
int dxStorageEncryptionParse(xmlNodePtr node, dxStorageEncryption **out);
int dxStorageMetadataCacheParse(xmlNodePtr node, unsigned long long *bytes);

/* <source ...>, and the <backingStore> chain. */
void dxStorageSourceFormat(dxBuf *buf, const dxStorageSource *src,
                           dxStorageStartupPolicy startupPolicy,
                           bool skipAuth, bool skipEncryption);
void dxStorageBackingStoreFormat(dxBuf *buf, const dxStorageSource *src);
void dxStorageAuthFormatXML(dxBuf *buf, const dxStorageAuth *auth);
void dxStorageEncryptionFormatXML(dxBuf *buf, const dxStorageEncryption *enc);
