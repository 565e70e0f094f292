/* hostdev_conf.h: <hostdev> (host devices given to the guest) and the
 * host-device half of <interface type='hostdev'>.
 *
 * An SR-IOV interface is one object seen from two sides: an <interface>
 * (MAC, VLAN, virtualport, formatting) whose dxNetDef owns a dxHostdevDef
 * describing the PCI passthrough.  That hostdev is ALSO listed in the
 * domain's hostdevs array (not owned there, recognisable by parentnet),
 * so address assignment and the command line treat it as a hostdev, as
 * libvirt does; formatting of <hostdev>s skips it, and device walks
 * (dxDomainDeviceInfoIterate) visit it once, as a DX_DEVICE_HOSTDEV.
 */
#pragma once

#include "device_info.h"
#include "domain_def.h"
#include "netdev_conf.h"

typedef enum {
    DX_HOSTDEV_MODE_SUBSYS = 0,
    DX_HOSTDEV_MODE_CAPABILITIES,
    DX_HOSTDEV_MODE_LAST
} dxHostdevMode;
DX_ENUM_DECL(dxHostdevMode);

typedef enum {
    DX_HOSTDEV_SUBSYS_USB = 0,
    DX_HOSTDEV_SUBSYS_PCI,
    DX_HOSTDEV_SUBSYS_SCSI,
    DX_HOSTDEV_SUBSYS_SCSI_HOST,
    DX_HOSTDEV_SUBSYS_MDEV,
    DX_HOSTDEV_SUBSYS_LAST
} dxHostdevSubsysType;
DX_ENUM_DECL(dxHostdevSubsys);

typedef enum {
    DX_HOSTDEV_CAPS_STORAGE = 0,
    DX_HOSTDEV_CAPS_MISC,
    DX_HOSTDEV_CAPS_NET,
    DX_HOSTDEV_CAPS_LAST
} dxHostdevCapsType;
DX_ENUM_DECL(dxHostdevCaps);

/* <driver name=> of a PCI hostdev */
typedef enum {
    DX_HOSTDEV_PCI_BACKEND_DEFAULT = 0,
    DX_HOSTDEV_PCI_BACKEND_KVM,
    DX_HOSTDEV_PCI_BACKEND_VFIO,
    DX_HOSTDEV_PCI_BACKEND_XEN,
    DX_HOSTDEV_PCI_BACKEND_LAST
} dxHostdevPCIBackend;
DX_ENUM_DECL(dxHostdevPCIBackend);

typedef enum {
    DX_HOSTDEV_STARTUP_DEFAULT = 0,
    DX_HOSTDEV_STARTUP_MANDATORY,
    DX_HOSTDEV_STARTUP_REQUISITE,
    DX_HOSTDEV_STARTUP_OPTIONAL,
    DX_HOSTDEV_STARTUP_LAST
} dxHostdevStartupPolicy;
DX_ENUM_DECL(dxHostdevStartupPolicy);

typedef enum {
    DX_HOSTDEV_USB_RESET_DEFAULT = 0,
    DX_HOSTDEV_USB_RESET_OFF,
    DX_HOSTDEV_USB_RESET_UNINITIALIZED,
    DX_HOSTDEV_USB_RESET_ON,
    DX_HOSTDEV_USB_RESET_LAST
} dxHostdevUSBGuestReset;
DX_ENUM_DECL(dxHostdevUSBGuestReset);

typedef enum {
    DX_HOSTDEV_SCSI_PROTOCOL_ADAPTER = 0,
    DX_HOSTDEV_SCSI_PROTOCOL_ISCSI,
    DX_HOSTDEV_SCSI_PROTOCOL_LAST
} dxHostdevSCSIProtocol;
DX_ENUM_DECL(dxHostdevSCSIProtocol);

typedef enum {
    DX_HOSTDEV_SGIO_DEFAULT = 0,
    DX_HOSTDEV_SGIO_FILTERED,
    DX_HOSTDEV_SGIO_UNFILTERED,
    DX_HOSTDEV_SGIO_LAST
} dxHostdevSgio;
DX_ENUM_DECL(dxHostdevSgio);

typedef enum {
    DX_HOSTDEV_SCSI_HOST_MODEL_DEFAULT = 0,
    DX_HOSTDEV_SCSI_HOST_MODEL_VIRTIO,
    DX_HOSTDEV_SCSI_HOST_MODEL_VIRTIO_TRANSITIONAL,
    DX_HOSTDEV_SCSI_HOST_MODEL_VIRTIO_NON_TRANSITIONAL,
    DX_HOSTDEV_SCSI_HOST_MODEL_LAST
} dxHostdevSCSIHostModel;
DX_ENUM_DECL(dxHostdevSCSIHostModel);

typedef enum {
    DX_MDEV_MODEL_VFIO_PCI = 0,
    DX_MDEV_MODEL_VFIO_CCW,
    DX_MDEV_MODEL_VFIO_AP,
    DX_MDEV_MODEL_LAST
} dxMdevModel;
DX_ENUM_DECL(dxMdevModel);

typedef enum {
    DX_HOSTDEV_TEAMING_NONE = 0,
    DX_HOSTDEV_TEAMING_PERSISTENT,
    DX_HOSTDEV_TEAMING_TRANSIENT,
    DX_HOSTDEV_TEAMING_LAST
} dxTeamingType;
DX_ENUM_DECL(dxTeaming);

/* <teaming type= persistent=>: virtio failover pairs. */
typedef struct {
    dxTeamingType type;
    char *persistent;                 /* alias of the persistent partner */
} dxTeaming;

typedef struct {
    bool hasVendor;                   /* <vendor>/<product> given */
    unsigned int vendor;
    unsigned int product;
    bool hasAddress;                  /* <address bus device> given */
    unsigned int bus;
    unsigned int device;
    dxHostdevUSBGuestReset guestReset;
} dxHostdevUSB;

typedef struct {
    dxPCIAddress addr;                /* host address */
    dxHostdevPCIBackend backend;
} dxHostdevPCI;

typedef struct {
    char *name;
    char *port;
} dxHostdevISCSIHost;

typedef struct {
    dxHostdevSCSIProtocol protocol;
    /* adapter: */
    char *adapter;                    /* scsi_hostN */
    unsigned int bus;
    unsigned int target;
    unsigned long long unit;
    /* iscsi: */
    char *iqn;                        /* <source name=> "target/lun" */
    dxHostdevISCSIHost host;
    char *authUsername;
    char *secretUsage;                /* <secret usage=> or ... */
    bool hasSecretUUID;               /* ... <secret uuid=> */
    unsigned char secretUUID[DX_UUID_BUFLEN];
    char *initiatorIqn;
    dxHostdevSgio sgio;
    dxTristateBool rawio;
} dxHostdevSCSI;

typedef struct {
    char *wwpn;                       /* naa.<16 hex digits> */
    dxHostdevSCSIHostModel model;
} dxHostdevSCSIHost;

typedef struct {
    dxMdevModel model;
    unsigned char uuid[DX_UUID_BUFLEN];
    dxTristateSwitch display;
    dxTristateSwitch ramfb;
} dxHostdevMdev;

struct _dxHostdevDef {
    dxNetDef *parentnet;              /* set: part of an <interface type='hostdev'> */
    dxDeviceInfo *info;               /* &ownInfo, or the parent interface's info */
    dxDeviceInfo ownInfo;
    dxHostdevMode mode;
    bool managed;
    bool readonly;
    bool shareable;
    dxHostdevStartupPolicy startupPolicy;   /* usb */
    dxTristateBool writeFiltering;          /* pci, Xen only */
    dxTeaming teaming;
    /* mode='subsystem' */
    dxHostdevSubsysType subsys;
    dxHostdevUSB usb;
    dxHostdevPCI pci;
    dxHostdevSCSI scsi;
    dxHostdevSCSIHost scsiHost;
    dxHostdevMdev mdev;
    /* mode='capabilities' */
    dxHostdevCapsType caps;
    char *capsPath;                   /* <block> or <char> */
    char *capsIfname;                 /* <interface> */
    dxNetIPInfo capsIP;
};

dxHostdevDef *dxHostdevDefNew(void);
void dxHostdevDefFree(dxHostdevDef *hostdev);

/* <hostdev> in <devices>: appends to def->hostdevs. */
int dxHostdevParse(dxDomainDef *def, xmlNodePtr node);
void dxHostdevFormat(dxBuf *buf, const dxHostdevDef *hostdev);

/* The subsystem part shared with <interface type='hostdev'>: managed on
 * NODE, <driver>, <source>.  TYPE is already known. */
int dxHostdevSubsysParse(dxHostdevDef *hostdev, xmlNodePtr node);
/* <driver> and <source> of a subsystem hostdev; INIFACE: as written
 * inside <interface> (type='pci' on the source address). */
void dxHostdevSubsysSourceFormat(dxBuf *buf, const dxHostdevDef *hostdev, bool iniface);

void dxTeamingFormat(dxBuf *buf, const dxTeaming *teaming);
int dxTeamingParse(xmlNodePtr node, dxTeaming *teaming);

/* List the hostdev of an SR-IOV interface in def->hostdevs: after the
 * other interfaces' ones, before every <hostdev> (libvirt's order). */
void dxDomainHostdevInsertNet(dxDomainDef *def, dxHostdevDef *hostdev);
/* Take HOSTDEV out of def->hostdevs (does not free it). */
void dxDomainHostdevRemove(dxDomainDef *def, const dxHostdevDef *hostdev);

/* Driver-independent defaults (SCSI hostdev drive addresses). */
int dxHostdevsPostParse(dxDomainDef *def);
/* The SCSI controllers SCSI host devices imply (a hook of
 * dxDomainDefAddImplicitControllers). */
void dxHostdevsAddImplicitControllers(dxDomainDef *def);
/* Cross-device rules: the same host device twice, ... */
int dxHostdevsValidate(const dxDomainDef *def);

/* "0000:03:07.1" for a host PCI address; OUT has room for 13 bytes. */
#define DX_PCI_HOST_ADDR_BUFLEN 16
void dxPCIHostAddrFormat(const dxPCIAddress *addr, char out[DX_PCI_HOST_ADDR_BUFLEN]);
