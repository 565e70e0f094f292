/* device_info.h: what every device carries: guest address, alias, boot
 * order, ROM settings, ACPI index (the common tail of each device element).
 */
#pragma once

#include <libxml/tree.h>
#include <stdbool.h>

#include "util/dxbuf.h"
#include "util/dxenum.h"
#include "util/dxerror.h"

typedef enum {
    DX_ADDRESS_TYPE_NONE = 0,
    DX_ADDRESS_TYPE_PCI,
    DX_ADDRESS_TYPE_DRIVE,
    DX_ADDRESS_TYPE_VIRTIO_SERIAL,
    DX_ADDRESS_TYPE_CCID,
    DX_ADDRESS_TYPE_USB,
    DX_ADDRESS_TYPE_SPAPRVIO,
    DX_ADDRESS_TYPE_VIRTIO_S390,
    DX_ADDRESS_TYPE_CCW,
    DX_ADDRESS_TYPE_VIRTIO_MMIO,
    DX_ADDRESS_TYPE_ISA,
    DX_ADDRESS_TYPE_DIMM,
    DX_ADDRESS_TYPE_UNASSIGNED,
    DX_ADDRESS_TYPE_LAST
} dxAddressType;
DX_ENUM_DECL(dxAddressType);

#define DX_PCI_MAX_BUS 0xFF
#define DX_PCI_MAX_SLOT 0x1F
#define DX_PCI_MAX_FUNCTION 7
#define DX_USB_MAX_PORT_DEPTH 4
/* Highest controller index (<controller index>, and the controller of a
 * drive, virtio-serial or CCID address): QEMU 7.2's PCI topology has room
 * for 256 buses of 32 slots, so no guest can have more controllers of a
 * type.  The bound also keeps the implicit controllers libvirt adds up to
 * the highest index referenced from growing without limit. */
#define DX_CONTROLLER_INDEX_MAX 8191

typedef struct {
    unsigned int domain;
    unsigned int bus;
    unsigned int slot;
    unsigned int function;
    dxTristateSwitch multi;
    bool hasZpci;                    /* s390 <zpci uid fid> */
    unsigned int zpciUid;
    unsigned int zpciFid;
} dxPCIAddress;

typedef struct {
    unsigned int controller;
    unsigned int bus;
    unsigned int target;
    unsigned int unit;
} dxDriveAddress;

typedef struct {
    unsigned int controller;
    unsigned int bus;
    unsigned int port;
} dxVirtioSerialAddress;

typedef struct {
    unsigned int controller;
    unsigned int slot;
} dxCCIDAddress;

typedef struct {
    unsigned int bus;
    unsigned int port[DX_USB_MAX_PORT_DEPTH];   /* 0 terminates the path */
} dxUSBAddress;

typedef struct {
    unsigned long long reg;
    bool hasReg;
} dxSpaprVioAddress;

typedef struct {
    unsigned int cssid;
    unsigned int ssid;
    unsigned int devno;
} dxCCWAddress;

typedef struct {
    unsigned int iobase;
    unsigned int irq;
} dxISAAddress;

typedef struct {
    unsigned int slot;
    unsigned long long base;
} dxDimmAddress;

typedef struct {
    dxSourceLoc loc;                  /* the device element, for diagnostics */
    char *alias;                      /* <alias name=> */
    dxAddressType type;
    union {
        dxPCIAddress pci;
        dxDriveAddress drive;
        dxVirtioSerialAddress vioserial;
        dxCCIDAddress ccid;
        dxUSBAddress usb;
        dxSpaprVioAddress spaprvio;
        dxCCWAddress ccw;
        dxISAAddress isa;
        dxDimmAddress dimm;
    } addr;
    unsigned int bootIndex;           /* <boot order=>, 0 = none */
    char *loadparm;                   /* <boot loadparm=> (s390) */
    bool hasMaster;                   /* <master startport=> (USB companions) */
    unsigned int masterStartport;
    dxTristateBool romEnabled;        /* <rom enabled=> */
    dxTristateSwitch romBar;          /* <rom bar=> */
    char *romFile;                    /* <rom file=> */
    unsigned int acpiIndex;           /* <acpi index=> */
} dxDeviceInfo;

/* Which optional parts of the common tail a device family accepts. */
typedef enum {
    DX_INFO_ALLOW_BOOT = 1 << 0,
    DX_INFO_ALLOW_ROM = 1 << 1,
    DX_INFO_ALLOW_ACPI = 1 << 2,
} dxDeviceInfoFlags;

void dxDeviceInfoClear(dxDeviceInfo *info);
void dxDeviceInfoCopy(dxDeviceInfo *dst, const dxDeviceInfo *src);
/* Read <alias>, <boot>, <master>, <rom>, <acpi> and <address> children of
 * NODE (and mark them used). */
int dxDeviceInfoParse(dxDeviceInfo *info, xmlNodePtr node, unsigned int flags);
/* Read one <address> element. */
int dxDeviceAddressParse(dxDeviceInfo *info, xmlNodePtr address);
/* Write the common tail in libvirt's order: boot, alias (user aliases
 * only), master, rom, acpi, address. */
void dxDeviceInfoFormat(dxBuf *buf, const dxDeviceInfo *info, unsigned int flags);

/* Host-side PCI address <address domain= bus= slot= function=/> as used in
 * hostdev sources; WITHTYPE adds type='pci'. */
int dxPCIAddressParseXML(xmlNodePtr node, dxPCIAddress *addr);
void dxPCIAddressFormatXML(dxBuf *buf, const dxPCIAddress *addr, bool withType);

bool dxPCIAddressIsEmpty(const dxPCIAddress *addr);
bool dxPCIAddressEqual(const dxPCIAddress *a, const dxPCIAddress *b);
/* An explicit PCI address was requested but left all-zero: "pick one". */
bool dxDeviceInfoWantsPCIAddress(const dxDeviceInfo *info);
bool dxDeviceInfoHasPCIAddress(const dxDeviceInfo *info);

/* "1.2.3" for a USB port path; caller frees. */
char *dxUSBPortFormat(const unsigned int port[DX_USB_MAX_PORT_DEPTH]);
bool dxUSBPortIsSet(const unsigned int port[DX_USB_MAX_PORT_DEPTH]);

/* user aliases are "ua-" + [A-Za-z0-9_-]+ and survive formatting */
bool dxDeviceAliasIsUser(const char *alias);
