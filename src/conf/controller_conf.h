/* controller_conf.h: <controller>: the buses other devices plug into
 * (IDE, SATA, SCSI, USB, PCI, virtio-serial, CCID, ...).
 *
 * Other families look controllers up (dxDomainControllerFind) and add
 * the ones their devices imply (dxDomainDefAddImplicitController) through
 * the functions declared here.
 */
#pragma once

#include <libxml/tree.h>
#include <stdbool.h>

#include "device_info.h"
#include "domain_def.h"
#include "virtio_options.h"
#include "util/dxbuf.h"
#include "util/dxenum.h"

typedef enum {
    DX_CONTROLLER_TYPE_IDE = 0,
    DX_CONTROLLER_TYPE_FDC,
    DX_CONTROLLER_TYPE_SCSI,
    DX_CONTROLLER_TYPE_SATA,
    DX_CONTROLLER_TYPE_VIRTIO_SERIAL,
    DX_CONTROLLER_TYPE_CCID,
    DX_CONTROLLER_TYPE_USB,
    DX_CONTROLLER_TYPE_PCI,
    DX_CONTROLLER_TYPE_XENBUS,
    DX_CONTROLLER_TYPE_ISA,
    DX_CONTROLLER_TYPE_LAST
} dxControllerType;
DX_ENUM_DECL(dxControllerType);

/* Models, one enum per controller type; 0 is "not given" everywhere so a
 * fresh controller has the default model of its type. */
typedef enum {
    DX_CONTROLLER_MODEL_PCI_DEFAULT = 0,
    DX_CONTROLLER_MODEL_PCI_ROOT,
    DX_CONTROLLER_MODEL_PCIE_ROOT,
    DX_CONTROLLER_MODEL_PCI_BRIDGE,
    DX_CONTROLLER_MODEL_DMI_TO_PCI_BRIDGE,
    DX_CONTROLLER_MODEL_PCIE_ROOT_PORT,
    DX_CONTROLLER_MODEL_PCIE_SWITCH_UPSTREAM_PORT,
    DX_CONTROLLER_MODEL_PCIE_SWITCH_DOWNSTREAM_PORT,
    DX_CONTROLLER_MODEL_PCI_EXPANDER_BUS,
    DX_CONTROLLER_MODEL_PCIE_EXPANDER_BUS,
    DX_CONTROLLER_MODEL_PCIE_TO_PCI_BRIDGE,
    DX_CONTROLLER_MODEL_PCI_LAST
} dxControllerModelPCI;
DX_ENUM_DECL(dxControllerModelPCI);

/* <model name=>: the QEMU device implementing a PCI controller */
typedef enum {
    DX_CONTROLLER_PCI_MODEL_NAME_NONE = 0,
    DX_CONTROLLER_PCI_MODEL_NAME_PCI_BRIDGE,
    DX_CONTROLLER_PCI_MODEL_NAME_I82801B11_BRIDGE,
    DX_CONTROLLER_PCI_MODEL_NAME_IOH3420,
    DX_CONTROLLER_PCI_MODEL_NAME_X3130_UPSTREAM,
    DX_CONTROLLER_PCI_MODEL_NAME_XIO3130_DOWNSTREAM,
    DX_CONTROLLER_PCI_MODEL_NAME_PXB,
    DX_CONTROLLER_PCI_MODEL_NAME_PXB_PCIE,
    DX_CONTROLLER_PCI_MODEL_NAME_PCIE_ROOT_PORT,
    DX_CONTROLLER_PCI_MODEL_NAME_SPAPR_PCI_HOST_BRIDGE,
    DX_CONTROLLER_PCI_MODEL_NAME_PCIE_PCI_BRIDGE,
    DX_CONTROLLER_PCI_MODEL_NAME_LAST
} dxControllerPCIModelName;
DX_ENUM_DECL(dxControllerPCIModelName);

typedef enum {
    DX_CONTROLLER_MODEL_SCSI_DEFAULT = 0,
    DX_CONTROLLER_MODEL_SCSI_AUTO,
    DX_CONTROLLER_MODEL_SCSI_BUSLOGIC,
    DX_CONTROLLER_MODEL_SCSI_LSILOGIC,
    DX_CONTROLLER_MODEL_SCSI_LSISAS1068,
    DX_CONTROLLER_MODEL_SCSI_VMPVSCSI,
    DX_CONTROLLER_MODEL_SCSI_IBMVSCSI,
    DX_CONTROLLER_MODEL_SCSI_VIRTIO_SCSI,
    DX_CONTROLLER_MODEL_SCSI_LSISAS1078,
    DX_CONTROLLER_MODEL_SCSI_VIRTIO_TRANSITIONAL,
    DX_CONTROLLER_MODEL_SCSI_VIRTIO_NON_TRANSITIONAL,
    DX_CONTROLLER_MODEL_SCSI_NCR53C90,
    DX_CONTROLLER_MODEL_SCSI_AM53C974,
    DX_CONTROLLER_MODEL_SCSI_DC390,
    DX_CONTROLLER_MODEL_SCSI_LAST
} dxControllerModelSCSI;
DX_ENUM_DECL(dxControllerModelSCSI);

typedef enum {
    DX_CONTROLLER_MODEL_USB_DEFAULT = 0,
    DX_CONTROLLER_MODEL_USB_PIIX3_UHCI,
    DX_CONTROLLER_MODEL_USB_PIIX4_UHCI,
    DX_CONTROLLER_MODEL_USB_EHCI,
    DX_CONTROLLER_MODEL_USB_ICH9_EHCI1,
    DX_CONTROLLER_MODEL_USB_ICH9_UHCI1,
    DX_CONTROLLER_MODEL_USB_ICH9_UHCI2,
    DX_CONTROLLER_MODEL_USB_ICH9_UHCI3,
    DX_CONTROLLER_MODEL_USB_VT82C686B_UHCI,
    DX_CONTROLLER_MODEL_USB_PCI_OHCI,
    DX_CONTROLLER_MODEL_USB_NEC_XHCI,
    DX_CONTROLLER_MODEL_USB_QUSB1,
    DX_CONTROLLER_MODEL_USB_QUSB2,
    DX_CONTROLLER_MODEL_USB_QEMU_XHCI,
    DX_CONTROLLER_MODEL_USB_NONE,
    DX_CONTROLLER_MODEL_USB_LAST
} dxControllerModelUSB;
DX_ENUM_DECL(dxControllerModelUSB);

typedef enum {
    DX_CONTROLLER_MODEL_IDE_DEFAULT = 0,
    DX_CONTROLLER_MODEL_IDE_PIIX3,
    DX_CONTROLLER_MODEL_IDE_PIIX4,
    DX_CONTROLLER_MODEL_IDE_ICH6,
    DX_CONTROLLER_MODEL_IDE_LAST
} dxControllerModelIDE;
DX_ENUM_DECL(dxControllerModelIDE);

typedef enum {
    DX_CONTROLLER_MODEL_VIRTIO_SERIAL_DEFAULT = 0,
    DX_CONTROLLER_MODEL_VIRTIO_SERIAL_VIRTIO,
    DX_CONTROLLER_MODEL_VIRTIO_SERIAL_VIRTIO_TRANSITIONAL,
    DX_CONTROLLER_MODEL_VIRTIO_SERIAL_VIRTIO_NON_TRANSITIONAL,
    DX_CONTROLLER_MODEL_VIRTIO_SERIAL_LAST
} dxControllerModelVirtioSerial;
DX_ENUM_DECL(dxControllerModelVirtioSerial);

typedef enum {
    DX_CONTROLLER_MODEL_ISA_DEFAULT = 0,
    DX_CONTROLLER_MODEL_ISA_LAST
} dxControllerModelISA;

/* <target> of PCI controllers; -1 = not given. */
typedef struct {
    int chassisNr;
    int chassis;
    int port;
    int busNr;
    int targetIndex;
    int numaNode;                     /* <target><node> */
    dxTristateSwitch hotplug;
    dxControllerPCIModelName modelName;
    unsigned long long pcihole64KiB;  /* pci-root/pcie-root only */
    bool pcihole64;
} dxControllerPCIOpts;

/* <driver> */
typedef struct {
    unsigned int queues;              /* 0 = not given */
    unsigned int cmdPerLun;
    unsigned int maxSectors;
    dxTristateSwitch ioeventfd;
    unsigned int iothread;
    dxVirtioOptions virtio;
} dxControllerDriver;

struct _dxControllerDef {
    dxControllerType type;
    int idx;                          /* index=; -1 until assigned */
    int model;                        /* dxControllerModel<Type> value */
    int ports;                        /* usb / virtio-serial ports=, -1 = default */
    int vectors;                      /* virtio-serial vectors=, -1 = default */
    int maxGrantFrames;               /* xenbus, -1 = default */
    int maxEventChannels;             /* xenbus, -1 = default */
    dxControllerPCIOpts pci;
    dxControllerDriver driver;
    /* added because devices need it (libvirt's "implicit controllers"),
     * not written by the user: the QEMU driver's own defaults go before
     * these, as libvirt adds them first */
    bool implicit;
    dxDeviceInfo info;
};

dxControllerDef *dxControllerDefNew(dxControllerType type);
void dxControllerDefFree(dxControllerDef *cont);

/* The <controller> parser (registered in domain_devices.c). */
int dxControllerDefParse(dxDomainDef *def, xmlNodePtr node);
void dxControllerDefsFormat(dxBuf *buf, const dxDomainDef *def);
void dxControllerDefsClear(dxDomainDef *def);
/* Generic defaults: indexes of controllers given without one, the
 * controllers that other devices imply. */
int dxControllerDefsPostParse(dxDomainDef *def);
int dxControllerDefsValidate(const dxDomainDef *def);
/* Add the controllers that devices imply and nobody wrote (libvirt's
 * implicit controllers), after every device's generic post-parse. */
void dxDomainDefAddImplicitControllers(dxDomainDef *def);

/* The model of CONT as text (NULL when not given). */
const char *dxControllerModelToString(const dxControllerDef *cont);

/* Position in def->controllers of the controller TYPE/IDX, or -1. */
int dxDomainControllerFind(const dxDomainDef *def, dxControllerType type, int idx);
dxControllerDef *dxDomainControllerGet(const dxDomainDef *def, dxControllerType type, int idx);
/* The alias of that controller (NULL when missing or not yet named). */
const char *dxDomainControllerAlias(const dxDomainDef *def, dxControllerType type, int idx);
/* Append a new controller (libvirt appends controllers it adds itself).
 * MODEL is a dxControllerModel<Type> value (0 = default). */
dxControllerDef *dxDomainDefAddController(dxDomainDef *def, dxControllerType type,
                                          int idx, int model);
/* Add TYPE/IDX unless it exists; returns the new controller or NULL when
 * one was already there. */
dxControllerDef *dxDomainDefMaybeAddController(dxDomainDef *def, dxControllerType type,
                                               int idx, int model);
/* Like dxDomainDefMaybeAddController, for a controller that some device
 * implies (IDE for an IDE disk, virtio-serial for a virtio console, CCID
 * for a smartcard, ...): marked implicit, see dxControllerDef.implicit. */
dxControllerDef *dxDomainDefAddImplicitController(dxDomainDef *def,
                                                  dxControllerType type, int idx);
/* Add the implicit TYPE controllers 0..MAXIDX that are missing, each with
 * MODEL; linear in controllers + MAXIDX (MAXIDX < 0 adds none). */
void dxDomainDefAddImplicitControllersUpTo(dxDomainDef *def, dxControllerType type,
                                           int maxIdx, int model);

/* The ICH9 USB2 set (EHCI + its UHCI companions) shares one index and
 * one PCI slot. */
bool dxControllerIsUSB2(const dxControllerDef *cont);
/* A PCI controller that is the machine's root bus. */
bool dxControllerIsPCIRoot(const dxControllerDef *cont);
/* Highest index of TYPE controllers, -1 when there are none. */
int dxDomainControllerMaxIndex(const dxDomainDef *def, dxControllerType type);
/* Whether the domain has a USB controller other than model='none'. */
bool dxDomainDefHasUSB(const dxDomainDef *def);
