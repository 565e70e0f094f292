/* qemu_cmd_controller.c: -global and -device for controllers. */
#include "qemu_command_priv.h"
#include "qemu_virtio.h"
#include "conf/controller_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"

#include <stdlib.h>

/* The QEMU device of each USB controller model. */
static const char *const dxQemuUSBDevices[DX_CONTROLLER_MODEL_USB_LAST] = {
    [DX_CONTROLLER_MODEL_USB_PIIX3_UHCI] = "piix3-usb-uhci",
    [DX_CONTROLLER_MODEL_USB_PIIX4_UHCI] = "piix4-usb-uhci",
    [DX_CONTROLLER_MODEL_USB_EHCI] = "usb-ehci",
    [DX_CONTROLLER_MODEL_USB_ICH9_EHCI1] = "ich9-usb-ehci1",
    [DX_CONTROLLER_MODEL_USB_ICH9_UHCI1] = "ich9-usb-uhci1",
    [DX_CONTROLLER_MODEL_USB_ICH9_UHCI2] = "ich9-usb-uhci2",
    [DX_CONTROLLER_MODEL_USB_ICH9_UHCI3] = "ich9-usb-uhci3",
    /* no VT82C686B: x86 QEMU is built without that MIPS/PPC southbridge */
    [DX_CONTROLLER_MODEL_USB_PCI_OHCI] = "pci-ohci",
    [DX_CONTROLLER_MODEL_USB_NEC_XHCI] = "nec-usb-xhci",
    [DX_CONTROLLER_MODEL_USB_QEMU_XHCI] = "qemu-xhci",
};

/* The QEMU device of the SCSI models that are plain devices. */
static const char *const dxQemuSCSIDevices[DX_CONTROLLER_MODEL_SCSI_LAST] = {
    [DX_CONTROLLER_MODEL_SCSI_LSILOGIC] = "lsi",
    [DX_CONTROLLER_MODEL_SCSI_IBMVSCSI] = "spapr-vscsi",
    [DX_CONTROLLER_MODEL_SCSI_LSISAS1068] = "mptsas1068",
    [DX_CONTROLLER_MODEL_SCSI_LSISAS1078] = "megasas",
    [DX_CONTROLLER_MODEL_SCSI_VMPVSCSI] = "pvscsi",
    [DX_CONTROLLER_MODEL_SCSI_AM53C974] = "am53c974",
    [DX_CONTROLLER_MODEL_SCSI_DC390] = "dc-390",
};

static dxQemuVirtioFlavour
dxQemuSCSIVirtioFlavour(const dxControllerDef *cont)
{
    if (cont->model == DX_CONTROLLER_MODEL_SCSI_VIRTIO_TRANSITIONAL)
        return DX_QEMU_VIRTIO_TRANSITIONAL;
    if (cont->model == DX_CONTROLLER_MODEL_SCSI_VIRTIO_NON_TRANSITIONAL)
        return DX_QEMU_VIRTIO_NON_TRANSITIONAL;
    return DX_QEMU_VIRTIO_PLAIN;
}

static dxJSON *
dxQemuSCSIControllerProps(const dxControllerDef *cont)
{
    const dxControllerDriver *drv = &cont->driver;
    dxJSON *props;
    char *iothread;

    if (cont->model == DX_CONTROLLER_MODEL_SCSI_VIRTIO_SCSI ||
        cont->model == DX_CONTROLLER_MODEL_SCSI_VIRTIO_TRANSITIONAL ||
        cont->model == DX_CONTROLLER_MODEL_SCSI_VIRTIO_NON_TRANSITIONAL) {
        props = dxQemuVirtioDeviceProps("virtio-scsi", dxQemuSCSIVirtioFlavour(cont),
                                        &cont->info, &drv->virtio);
        if (drv->iothread) {
            iothread = dxAsprintf("iothread%u", drv->iothread);
            dxJSONAddString(props, "iothread", iothread);
            free(iothread);
        }
        dxJSONAddString(props, "id", cont->info.alias);
        if (drv->queues)
            dxJSONAddUInt(props, "num_queues", drv->queues);
        if (drv->cmdPerLun)
            dxJSONAddUInt(props, "cmd_per_lun", drv->cmdPerLun);
        if (drv->maxSectors)
            dxJSONAddUInt(props, "max_sectors", drv->maxSectors);
        if (drv->ioeventfd)
            dxJSONAddBool(props, "ioeventfd", drv->ioeventfd == DX_TRISTATE_SWITCH_ON);
        return props;
    }
    if (!dxQemuSCSIDevices[cont->model]) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &cont->info.loc,
                         "Unsupported controller model: %s",
                         dxNullStr(dxControllerModelToString(cont)));
        return NULL;
    }
    props = dxJSONNewObject();
    dxJSONAddString(props, "driver", dxQemuSCSIDevices[cont->model]);
    dxJSONAddString(props, "id", cont->info.alias);
    return props;
}

static dxJSON *
dxQemuUSBControllerProps(const dxDomainDef *def, const dxControllerDef *cont)
{
    const char *driver = cont->model > 0 && cont->model < DX_CONTROLLER_MODEL_USB_LAST ?
                         dxQemuUSBDevices[cont->model] : NULL;
    dxJSON *props;

    if (!driver) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &cont->info.loc,
                         "USB controller model '%s' not supported in this QEMU binary",
                         dxNullStr(dxControllerModelToString(cont)));
        return NULL;
    }
    if (cont->ports != -1 && cont->model != DX_CONTROLLER_MODEL_USB_NEC_XHCI &&
        cont->model != DX_CONTROLLER_MODEL_USB_QEMU_XHCI) {
        /* only the xHCI controllers have a port count property */
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &cont->info.loc,
                         "usb controller type '%s' doesn't support 'ports' with this QEMU binary",
                         dxNullStr(dxControllerModelToString(cont)));
        return NULL;
    }
    props = dxJSONNewObject();
    dxJSONAddString(props, "driver", driver);
    if (cont->ports != -1) {
        dxJSONAddInt(props, "p2", cont->ports);
        dxJSONAddInt(props, "p3", cont->ports);
    }
    if (cont->info.hasMaster) {
        /* a UHCI companion serves ports of its EHCI master */
        const char *master = dxDomainControllerAlias(def, DX_CONTROLLER_TYPE_USB, cont->idx);
        char *bus = dxAsprintf("%s.0", dxNullStr(master));
        dxJSONAddString(props, "masterbus", bus);
        dxJSONAddInt(props, "firstport", cont->info.masterStartport);
        free(bus);
    } else {
        dxJSONAddString(props, "id", cont->info.alias);
    }
    return props;
}

static dxJSON *
dxQemuPCIControllerProps(const dxControllerDef *cont)
{
    const dxControllerPCIOpts *pci = &cont->pci;
    dxJSON *props = dxJSONNewObject();

    dxJSONAddString(props, "driver", dxControllerPCIModelNameTypeToString(pci->modelName));
    switch ((dxControllerModelPCI)cont->model) {
    case DX_CONTROLLER_MODEL_PCI_BRIDGE:
        dxJSONAddInt(props, "chassis_nr", pci->chassisNr);
        dxJSONAddString(props, "id", cont->info.alias);
        break;
    case DX_CONTROLLER_MODEL_PCI_EXPANDER_BUS:
    case DX_CONTROLLER_MODEL_PCIE_EXPANDER_BUS:
        dxJSONAddInt(props, "bus_nr", pci->busNr);
        dxJSONAddString(props, "id", cont->info.alias);
        if (pci->numaNode != -1)
            dxJSONAddInt(props, "numa_node", pci->numaNode);
        break;
    case DX_CONTROLLER_MODEL_PCIE_ROOT_PORT:
    case DX_CONTROLLER_MODEL_PCIE_SWITCH_DOWNSTREAM_PORT:
        dxJSONAddInt(props, "port", pci->port);
        dxJSONAddInt(props, "chassis", pci->chassis);
        dxJSONAddString(props, "id", cont->info.alias);
        if (pci->hotplug)
            dxJSONAddBool(props, "hotplug", pci->hotplug == DX_TRISTATE_SWITCH_ON);
        break;
    default:
        dxJSONAddString(props, "id", cont->info.alias);
        break;
    }
    return props;
}

/* The -device of CONT, or NULL (with an error) when QEMU has none. */
static dxJSON *
dxQemuControllerProps(dxQemuBuildCtx *ctx, const dxControllerDef *cont)
{
    const dxDomainDef *def = ctx->def;
    dxJSON *props = NULL;

    switch (cont->type) {
    case DX_CONTROLLER_TYPE_SCSI:
        props = dxQemuSCSIControllerProps(cont);
        break;
    case DX_CONTROLLER_TYPE_VIRTIO_SERIAL:
        props = dxQemuVirtioDeviceProps(
            "virtio-serial",
            cont->model == DX_CONTROLLER_MODEL_VIRTIO_SERIAL_VIRTIO_TRANSITIONAL ?
            DX_QEMU_VIRTIO_TRANSITIONAL :
            cont->model == DX_CONTROLLER_MODEL_VIRTIO_SERIAL_VIRTIO_NON_TRANSITIONAL ?
            DX_QEMU_VIRTIO_NON_TRANSITIONAL : DX_QEMU_VIRTIO_PLAIN,
            &cont->info, &cont->driver.virtio);
        dxJSONAddString(props, "id", cont->info.alias);
        if (cont->ports != -1)
            dxJSONAddInt(props, "max_ports", cont->ports);
        if (cont->vectors != -1)
            dxJSONAddInt(props, "vectors", cont->vectors);
        break;
    case DX_CONTROLLER_TYPE_CCID:
        props = dxJSONNewObject();
        dxJSONAddString(props, "driver", "usb-ccid");
        dxJSONAddString(props, "id", cont->info.alias);
        break;
    case DX_CONTROLLER_TYPE_SATA:
        props = dxJSONNewObject();
        dxJSONAddString(props, "driver", "ahci");
        dxJSONAddString(props, "id", cont->info.alias);
        break;
    case DX_CONTROLLER_TYPE_USB:
        props = dxQemuUSBControllerProps(def, cont);
        break;
    case DX_CONTROLLER_TYPE_PCI:
        props = dxQemuPCIControllerProps(cont);
        break;
    default:
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &cont->info.loc, "Unsupported controller type: %s",
                         dxControllerTypeTypeToString(cont->type));
        return NULL;
    }
    if (props)
        dxQemuBuildDeviceAddressProps(ctx, props, &cont->info);
    return props;
}

/* Controllers that are part of the machine get no -device. */
static bool
dxQemuControllerIsBuiltin(const dxDomainDef *def, const dxControllerDef *cont)
{
    dxQemuMachineFamily family = dxQemuMachineFamilyOf(def->os.machine);

    if (dxControllerIsPCIRoot(cont))
        return true;
    if (cont->type == DX_CONTROLLER_TYPE_SATA && cont->idx == 0 && family == DX_QEMU_MACHINE_Q35)
        return true;
    if (cont->type == DX_CONTROLLER_TYPE_IDE && cont->idx == 0 &&
        family == DX_QEMU_MACHINE_I440FX)
        return true;
    return cont->type == DX_CONTROLLER_TYPE_USB && cont->model == DX_CONTROLLER_MODEL_USB_NONE;
}

static int
dxQemuBuildControllersOfType(dxQemuBuildCtx *ctx, dxControllerType type)
{
    size_t i;

    for (i = 0; i < ctx->def->ncontrollers; i++) {
        const dxControllerDef *cont = ctx->def->controllers[i];
        dxJSON *props;

        if (cont->type != type || dxQemuControllerIsBuiltin(ctx->def, cont))
            continue;
        if (!(props = dxQemuControllerProps(ctx, cont)))
            return -1;
        dxArgvAddJSON(ctx->argv, "-device", props);
    }
    return 0;
}

/* libvirt emits controllers type by type in this order; CCID controllers
 * come later, after USB hubs (dxQemuBuildCCIDControllers). */
int
dxQemuBuildControllers(dxQemuBuildCtx *ctx)
{
    static const dxControllerType order[] = {
        DX_CONTROLLER_TYPE_PCI, DX_CONTROLLER_TYPE_USB, DX_CONTROLLER_TYPE_SCSI,
        DX_CONTROLLER_TYPE_IDE, DX_CONTROLLER_TYPE_SATA, DX_CONTROLLER_TYPE_VIRTIO_SERIAL,
    };
    size_t i;

    for (i = 0; i < DX_ARRAY_CARDINALITY(order); i++) {
        if (dxQemuBuildControllersOfType(ctx, order[i]) < 0)
            return -1;
    }
    return 0;
}

int
dxQemuBuildCCIDControllers(dxQemuBuildCtx *ctx)
{
    return dxQemuBuildControllersOfType(ctx, DX_CONTROLLER_TYPE_CCID);
}

/* Properties of the machine's host bridge: the 64-bit PCI hole, ACPI
 * hot-plug on the root bus. */
int
dxQemuBuildControllersGlobal(dxQemuBuildCtx *ctx)
{
    size_t i;

    for (i = 0; i < ctx->def->ncontrollers; i++) {
        const dxControllerDef *cont = ctx->def->controllers[i];
        const char *host;

        if (cont->type != DX_CONTROLLER_TYPE_PCI)
            continue;
        /* hot-plug on i440fx's root bus is PIIX4's ACPI feature */
        if (cont->model == DX_CONTROLLER_MODEL_PCI_ROOT && cont->pci.hotplug) {
            dxArgvAdd(ctx->argv, "-global");
            dxArgvAddf(ctx->argv, "PIIX4_PM.acpi-root-pci-hotplug=%s",
                       dxTristateSwitchTypeToString(cont->pci.hotplug));
        }
        if (!cont->pci.pcihole64)
            continue;
        if (cont->model == DX_CONTROLLER_MODEL_PCI_ROOT) {
            host = "i440FX-pcihost";
        } else if (cont->model == DX_CONTROLLER_MODEL_PCIE_ROOT) {
            host = "q35-pcihost";
        } else {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &cont->info.loc,
                             "64-bit PCI hole setting is only for root PCI controllers");
            return -1;
        }
        dxArgvAdd(ctx->argv, "-global");
        dxArgvAddf(ctx->argv, "%s.pci-hole64-size=%lluK", host, cont->pci.pcihole64KiB);
    }
    return 0;
}
