/* qemu_controller.c: what the QEMU driver does with controllers before
 * any argv exists: the machine's own controllers, default models, the
 * kind of slot each controller needs, and their ids. */
#include "qemu_controller.h"
#include "qemu_address.h"
#include "qemu_target.h"
#include "conf/controller_conf.h"
#include "conf/numa_conf.h"
#include "conf/tune_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"

#include <stdlib.h>
#include <string.h>

/* ---- the machine's own controllers ------------------------------------------- */

static int
dxQemuCheckPCIRoot(dxDomainDef *def, int wantModel)
{
    int pos = dxDomainControllerFind(def, DX_CONTROLLER_TYPE_PCI, 0);
    const dxControllerDef *root;

    if (pos < 0) {
        dxDomainDefAddController(def, DX_CONTROLLER_TYPE_PCI, 0, wantModel);
        return 0;
    }
    root = def->controllers[pos];
    if (root->model != wantModel) {
        dxErrorReportLoc(DX_ERR_INVALID, &root->info.loc,
                         "The PCI controller with index='0' must be model='%s' for this "
                         "machine type, but model='%s' was found instead",
                         dxControllerModelPCITypeToString(wantModel),
                         dxNullStr(dxControllerModelPCITypeToString(root->model)));
        return -1;
    }
    return 0;
}

/* libvirt adds the machine's controllers before the implicit ones that
 * devices imply, so those are taken out and appended again after. */
static size_t
dxQemuTakeImplicitControllers(dxDomainDef *def, dxControllerDef ***out)
{
    size_t i, n = 0, kept = 0;

    *out = NULL;
    for (i = 0; i < def->ncontrollers; i++) {
        dxControllerDef *cont = def->controllers[i];
        if (cont->implicit)
            DX_APPEND(*out, n, cont);
        else
            def->controllers[kept++] = cont;
    }
    def->ncontrollers = kept;
    return n;
}

static void
dxQemuPutBackImplicitControllers(dxDomainDef *def, dxControllerDef **list, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        dxControllerDef *cont = list[i];
        if (dxDomainControllerFind(def, cont->type, cont->idx) >= 0)
            dxControllerDefFree(cont);
        else
            DX_APPEND(def->controllers, def->ncontrollers, cont);
    }
    free(list);
}

static int
dxQemuAddMachineControllers(dxDomainDef *def)
{
    dxQemuMachineFamily family = dxQemuMachineFamilyOf(def->os.machine);
    bool usb = family != DX_QEMU_MACHINE_ISAPC && family != DX_QEMU_MACHINE_MICROVM;
    /* QEMU 7.2 has qemu-xhci: the USB controller q35 gets by default */
    int usbModel = family == DX_QEMU_MACHINE_Q35 ? DX_CONTROLLER_MODEL_USB_QEMU_XHCI :
                   DX_CONTROLLER_MODEL_USB_DEFAULT;

    if (usb && dxDomainControllerFind(def, DX_CONTROLLER_TYPE_USB, 0) < 0)
        dxDomainDefAddController(def, DX_CONTROLLER_TYPE_USB, 0, usbModel);
    if (family == DX_QEMU_MACHINE_Q35)
        dxDomainDefMaybeAddController(def, DX_CONTROLLER_TYPE_SATA, 0, 0);
    if (family == DX_QEMU_MACHINE_I440FX)
        return dxQemuCheckPCIRoot(def, DX_CONTROLLER_MODEL_PCI_ROOT);
    if (family == DX_QEMU_MACHINE_Q35)
        return dxQemuCheckPCIRoot(def, DX_CONTROLLER_MODEL_PCIE_ROOT);
    return 0;
}

int
dxQemuExpandMachineControllers(dxDomainDef *def)
{
    dxControllerDef **implicit;
    size_t n;
    int rc;

    /* other architectures' machines are not described (qemu_target.h) */
    if (!dxQemuArchIsX86(def->os.arch))
        return 0;
    n = dxQemuTakeImplicitControllers(def, &implicit);
    rc = dxQemuAddMachineControllers(def);

    dxQemuPutBackImplicitControllers(def, implicit, n);
    return rc;
}

/* ---- default models -------------------------------------------------------------- */

static int
dxQemuControllerPCIDefaults(const dxDomainDef *def, const dxControllerDef *cont)
{
    dxQemuMachineFamily family = dxQemuMachineFamilyOf(def->os.machine);

    if (cont->model == DX_CONTROLLER_MODEL_PCI_EXPANDER_BUS &&
        family != DX_QEMU_MACHINE_I440FX) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &cont->info.loc,
                         "pci-expander-bus controllers are only supported on "
                         "440fx-based machinetypes");
        return -1;
    }
    if (cont->model == DX_CONTROLLER_MODEL_PCIE_EXPANDER_BUS && family != DX_QEMU_MACHINE_Q35) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &cont->info.loc,
                         "pcie-expander-bus controllers are not supported with this "
                         "machine type");
        return -1;
    }
    return 0;
}

int
dxQemuExpandControllerDefaults(dxDomainDef *def)
{
    size_t i;
    int rc = 0;

    if (!dxQemuArchIsX86(def->os.arch))
        return 0;
    for (i = 0; i < def->ncontrollers; i++) {
        dxControllerDef *cont = def->controllers[i];
        switch (cont->type) {
        case DX_CONTROLLER_TYPE_SCSI:
            /* QEMU's own default SCSI HBA on x86 is the LSI 53C895A; 'auto'
             * asks for that same default */
            if (!cont->model || cont->model == DX_CONTROLLER_MODEL_SCSI_AUTO)
                cont->model = DX_CONTROLLER_MODEL_SCSI_LSILOGIC;
            break;
        case DX_CONTROLLER_TYPE_USB:
            if (!cont->model)
                cont->model = DX_CONTROLLER_MODEL_USB_PIIX3_UHCI;
            break;
        case DX_CONTROLLER_TYPE_PCI:
            if (dxQemuControllerPCIDefaults(def, cont) < 0)
                rc = -1;
            break;
        default:
            break;
        }
    }
    return rc;
}

/* ---- checks ------------------------------------------------------------------------ */

/* Models QEMU has no x86 device for, refused when the domain is defined
 * (vt82c686b-uhci is only refused on the command line, see qemu_cmd_controller.c). */
static int
dxQemuValidateControllerModel(const dxDomainDef *def, const dxControllerDef *cont)
{
    if (cont->type == DX_CONTROLLER_TYPE_SCSI &&
        cont->model == DX_CONTROLLER_MODEL_SCSI_BUSLOGIC) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &cont->info.loc,
                         "Unsupported controller model: buslogic");
        return -1;
    }
    if (cont->type == DX_CONTROLLER_TYPE_SCSI &&
        cont->model == DX_CONTROLLER_MODEL_SCSI_NCR53C90) {
        /* the ESP is built into SPARC/m68k boards only */
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &cont->info.loc,
                         "ncr53c90 SCSI controller is not a built-in for this machine");
        return -1;
    }
    if (cont->type == DX_CONTROLLER_TYPE_USB &&
        (cont->model == DX_CONTROLLER_MODEL_USB_QUSB1 ||
         cont->model == DX_CONTROLLER_MODEL_USB_QUSB2)) {
        /* Qualcomm USB controllers exist only in Xen's device model */
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &cont->info.loc,
                         "USB controller model type 'qusb1' or 'qusb2' is not supported in %s",
                         dxDomainVirtTypeToString(def->virtType));
        return -1;
    }
    return 0;
}

static int
dxQemuValidateController(const dxDomainDef *def, const dxControllerDef *cont)
{
    if (cont->type == DX_CONTROLLER_TYPE_XENBUS) {
        /* libvirt looks for a PCI slot for it, and none fits */
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &cont->info.loc,
                         "Cannot automatically add a new PCI bus for a device with connect "
                         "flags 00");
        return -1;
    }
    if (cont->type == DX_CONTROLLER_TYPE_IDE) {
        if (dxQemuMachineIsQ35(def->os.machine)) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &cont->info.loc,
                             "IDE controllers are unsupported for this QEMU binary or machine "
                             "type");
            return -1;
        }
        if (cont->idx != 0) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &cont->info.loc,
                             "Only a single IDE controller is supported for this machine type");
            return -1;
        }
    }
    if (dxQemuValidateControllerModel(def, cont) < 0)
        return -1;
    if (cont->driver.iothread && !dxDomainIOThreadFind(def, cont->driver.iothread)) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &cont->info.loc,
                         "controller iothread '%u' not defined in iothreadid",
                         cont->driver.iothread);
        return -1;
    }
    if (cont->type == DX_CONTROLLER_TYPE_USB &&
        (cont->model == DX_CONTROLLER_MODEL_USB_NEC_XHCI ||
         cont->model == DX_CONTROLLER_MODEL_USB_QEMU_XHCI) && cont->ports > 15) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &cont->info.loc,
                         "'%s' controller only supports up to '%u' ports",
                         dxControllerModelUSBTypeToString(cont->model), 15);
        return -1;
    }
    return 0;
}

int
dxQemuValidateControllers(const dxDomainDef *def)
{
    size_t i;
    int rc = 0;

    if (!dxQemuArchIsX86(def->os.arch))
        return 0;
    for (i = 0; i < def->ncontrollers; i++) {
        if (dxQemuValidateController(def, def->controllers[i]) < 0)
            rc = -1;
    }
    return rc;
}

/* ---- addresses ---------------------------------------------------------------------- */

unsigned int
dxQemuControllerPCIConnectBridge(const dxDomainDef *def, dxDeviceRef dev)
{
    const dxControllerDef *cont = dev.ptr;
    (void)def;
    if (cont->type != DX_CONTROLLER_TYPE_PCI)
        return 0;
    switch ((dxControllerModelPCI)cont->model) {
    case DX_CONTROLLER_MODEL_PCI_BRIDGE:
        return DX_PCI_CONNECT_TYPE_PCI_BRIDGE;
    case DX_CONTROLLER_MODEL_PCI_EXPANDER_BUS:
        return DX_PCI_CONNECT_TYPE_PCI_EXPANDER_BUS;
    case DX_CONTROLLER_MODEL_PCIE_EXPANDER_BUS:
        return DX_PCI_CONNECT_TYPE_PCIE_EXPANDER_BUS;
    case DX_CONTROLLER_MODEL_PCIE_TO_PCI_BRIDGE:
        return DX_PCI_CONNECT_TYPE_PCIE_TO_PCI_BRIDGE;
    case DX_CONTROLLER_MODEL_DMI_TO_PCI_BRIDGE:
        return DX_PCI_CONNECT_TYPE_DMI_TO_PCI_BRIDGE;
    case DX_CONTROLLER_MODEL_PCIE_ROOT_PORT:
        /* root ports fill the functions of one slot before the next */
        return DX_PCI_CONNECT_TYPE_PCIE_ROOT_PORT | DX_PCI_CONNECT_AGGREGATE_SLOT;
    case DX_CONTROLLER_MODEL_PCIE_SWITCH_UPSTREAM_PORT:
        return DX_PCI_CONNECT_TYPE_PCIE_SWITCH_UPSTREAM_PORT;
    case DX_CONTROLLER_MODEL_PCIE_SWITCH_DOWNSTREAM_PORT:
        return DX_PCI_CONNECT_TYPE_PCIE_SWITCH_DOWNSTREAM_PORT;
    case DX_CONTROLLER_MODEL_PCI_DEFAULT:
    case DX_CONTROLLER_MODEL_PCI_ROOT:
    case DX_CONTROLLER_MODEL_PCIE_ROOT:
    case DX_CONTROLLER_MODEL_PCI_LAST:
        break;
    }
    return 0;
}

static unsigned int
dxQemuSCSIControllerPCIConnect(const dxDomainDef *def, const dxControllerDef *cont)
{
    switch ((dxControllerModelSCSI)cont->model) {
    case DX_CONTROLLER_MODEL_SCSI_VIRTIO_SCSI:
    case DX_CONTROLLER_MODEL_SCSI_VIRTIO_NON_TRANSITIONAL:
        return dxQemuPCIConnectVirtio(def);
    case DX_CONTROLLER_MODEL_SCSI_IBMVSCSI:
    case DX_CONTROLLER_MODEL_SCSI_NCR53C90:
        return 0;
    default:
        return dxQemuPCIConnectPCI();
    }
}

static unsigned int
dxQemuUSBControllerPCIConnect(const dxDomainDef *def, const dxControllerDef *cont)
{
    switch ((dxControllerModelUSB)cont->model) {
    case DX_CONTROLLER_MODEL_USB_NEC_XHCI:
    case DX_CONTROLLER_MODEL_USB_QEMU_XHCI:
        return dxQemuPCIConnectPCIe(def);
    case DX_CONTROLLER_MODEL_USB_QUSB1:
    case DX_CONTROLLER_MODEL_USB_QUSB2:
    case DX_CONTROLLER_MODEL_USB_NONE:
    case DX_CONTROLLER_MODEL_USB_LAST:
        return 0;
    default:
        return dxQemuPCIConnectPCI();
    }
}

unsigned int
dxQemuControllerPCIConnectOther(const dxDomainDef *def, dxDeviceRef dev)
{
    const dxControllerDef *cont = dev.ptr;

    switch (cont->type) {
    case DX_CONTROLLER_TYPE_SCSI:
        return dxQemuSCSIControllerPCIConnect(def, cont);
    case DX_CONTROLLER_TYPE_USB:
        return dxQemuUSBControllerPCIConnect(def, cont);
    case DX_CONTROLLER_TYPE_VIRTIO_SERIAL:
        if (cont->model == DX_CONTROLLER_MODEL_VIRTIO_SERIAL_VIRTIO_TRANSITIONAL)
            return dxQemuPCIConnectPCI();
        return dxQemuPCIConnectVirtio(def);
    case DX_CONTROLLER_TYPE_SATA:
        return dxQemuPCIConnectPCI();
    case DX_CONTROLLER_TYPE_IDE:
        /* the first IDE controller is part of the machine (PIIX3) */
        return cont->idx == 0 ? 0 : dxQemuPCIConnectPCI();
    case DX_CONTROLLER_TYPE_PCI:
    case DX_CONTROLLER_TYPE_FDC:
    case DX_CONTROLLER_TYPE_CCID:
    case DX_CONTROLLER_TYPE_XENBUS:
    case DX_CONTROLLER_TYPE_ISA:
    case DX_CONTROLLER_TYPE_LAST:
        break;
    }
    return 0;
}

dxQemuUSBKind
dxQemuControllerUSBKind(const dxDomainDef *def, dxDeviceRef dev)
{
    const dxControllerDef *cont = dev.ptr;
    (void)def;
    /* the smartcard reader hosting <smartcard> devices is a USB device */
    return cont->type == DX_CONTROLLER_TYPE_CCID ? DX_QEMU_USB_DEVICE : DX_QEMU_USB_NONE;
}

/* ---- aliases ---------------------------------------------------------------------------- */

static bool
dxQemuMachineHasMultiPCIBus(const dxDomainDef *def)
{
    dxQemuMachineFamily family = dxQemuMachineFamilyOf(def->os.machine);
    return family == DX_QEMU_MACHINE_I440FX || family == DX_QEMU_MACHINE_Q35;
}

/* Disk controllers built into the machine have the name QEMU gave them,
 * whatever alias the user chose: the IDE function of i440fx's PIIX3 and
 * q35's own AHCI are both "ide". */
const char *
dxQemuControllerBuiltinName(const dxDomainDef *def, dxControllerType type, int idx)
{
    dxQemuMachineFamily family = dxQemuMachineFamilyOf(def->os.machine);

    if (idx != 0)
        return NULL;
    if (type == DX_CONTROLLER_TYPE_IDE && family == DX_QEMU_MACHINE_I440FX)
        return "ide";
    if (type == DX_CONTROLLER_TYPE_SATA && family == DX_QEMU_MACHINE_Q35)
        return "ide";
    return NULL;
}

/* The controller name a disk on controller TYPE/IDX uses in its "bus". */
const char *
dxQemuDiskControllerName(const dxDomainDef *def, dxControllerType type, int idx)
{
    const char *builtin = dxQemuControllerBuiltinName(def, type, idx);
    return builtin ? builtin : dxDomainControllerAlias(def, type, idx);
}

static char *
dxQemuControllerAlias(const dxDomainDef *def, const dxControllerDef *cont)
{
    const char *prefix = dxControllerTypeTypeToString(cont->type);

    switch (cont->type) {
    case DX_CONTROLLER_TYPE_PCI:
        /* QEMU names its root buses itself: pci.0 / pcie.0 */
        if (!dxQemuMachineHasMultiPCIBus(def))
            return dxStrdup("pci");
        if (cont->model == DX_CONTROLLER_MODEL_PCIE_ROOT)
            return dxAsprintf("pcie.%d", cont->idx);
        return dxAsprintf("pci.%d", cont->idx);
    case DX_CONTROLLER_TYPE_IDE:
    case DX_CONTROLLER_TYPE_SATA:
        if (dxQemuControllerBuiltinName(def, cont->type, cont->idx))
            return dxStrdup(dxQemuControllerBuiltinName(def, cont->type, cont->idx));
        break;
    case DX_CONTROLLER_TYPE_USB:
        if (cont->idx == 0)
            return dxStrdup("usb");
        break;
    default:
        break;
    }
    return dxAsprintf("%s%d", prefix, cont->idx);
}

int
dxQemuAssignControllerAliases(dxDomainDef *def)
{
    size_t i;
    for (i = 0; i < def->ncontrollers; i++) {
        dxControllerDef *cont = def->controllers[i];
        if (!cont->info.alias)
            cont->info.alias = dxQemuControllerAlias(def, cont);
    }
    return 0;
}
