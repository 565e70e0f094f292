/* controller_conf.c: <controller>: parse, format, generic defaults and
 * checks, and the lookup/insert helpers other families use. */
#include "controller_conf.h"
#include "disk_conf.h"
#include "smartcard_conf.h"
#include "chr_conf.h"
#include "hostdev_conf.h"
#include "hub_conf.h"
#include "input_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

#include <stdlib.h>
#include <string.h>

DX_ENUM_IMPL(dxControllerType, DX_CONTROLLER_TYPE_LAST,
             "ide", "fdc", "scsi", "sata", "virtio-serial", "ccid", "usb",
             "pci", "xenbus", "isa");

DX_ENUM_IMPL(dxControllerModelPCI, DX_CONTROLLER_MODEL_PCI_LAST,
             "", "pci-root", "pcie-root", "pci-bridge", "dmi-to-pci-bridge",
             "pcie-root-port", "pcie-switch-upstream-port",
             "pcie-switch-downstream-port", "pci-expander-bus",
             "pcie-expander-bus", "pcie-to-pci-bridge");

DX_ENUM_IMPL(dxControllerPCIModelName, DX_CONTROLLER_PCI_MODEL_NAME_LAST,
             "", "pci-bridge", "i82801b11-bridge", "ioh3420", "x3130-upstream",
             "xio3130-downstream", "pxb", "pxb-pcie", "pcie-root-port",
             "spapr-pci-host-bridge", "pcie-pci-bridge");

DX_ENUM_IMPL(dxControllerModelSCSI, DX_CONTROLLER_MODEL_SCSI_LAST,
             "", "auto", "buslogic", "lsilogic", "lsisas1068", "vmpvscsi",
             "ibmvscsi", "virtio-scsi", "lsisas1078", "virtio-transitional",
             "virtio-non-transitional", "ncr53c90", "am53c974", "dc390");

DX_ENUM_IMPL(dxControllerModelUSB, DX_CONTROLLER_MODEL_USB_LAST,
             "", "piix3-uhci", "piix4-uhci", "ehci", "ich9-ehci1", "ich9-uhci1",
             "ich9-uhci2", "ich9-uhci3", "vt82c686b-uhci", "pci-ohci", "nec-xhci",
             "qusb1", "qusb2", "qemu-xhci", "none");

DX_ENUM_IMPL(dxControllerModelIDE, DX_CONTROLLER_MODEL_IDE_LAST,
             "", "piix3", "piix4", "ich6");

DX_ENUM_IMPL(dxControllerModelVirtioSerial, DX_CONTROLLER_MODEL_VIRTIO_SERIAL_LAST,
             "", "virtio", "virtio-transitional", "virtio-non-transitional");

/* The model table of controllers of TYPE; NULL for types without models. */
static const dxEnumTable *
dxControllerModelTable(dxControllerType type)
{
    switch (type) {
    case DX_CONTROLLER_TYPE_PCI:
        return &dxControllerModelPCITable;
    case DX_CONTROLLER_TYPE_SCSI:
        return &dxControllerModelSCSITable;
    case DX_CONTROLLER_TYPE_USB:
        return &dxControllerModelUSBTable;
    case DX_CONTROLLER_TYPE_IDE:
        return &dxControllerModelIDETable;
    case DX_CONTROLLER_TYPE_VIRTIO_SERIAL:
        return &dxControllerModelVirtioSerialTable;
    case DX_CONTROLLER_TYPE_FDC:
    case DX_CONTROLLER_TYPE_SATA:
    case DX_CONTROLLER_TYPE_CCID:
    case DX_CONTROLLER_TYPE_XENBUS:
    case DX_CONTROLLER_TYPE_ISA:
    case DX_CONTROLLER_TYPE_LAST:
        break;
    }
    return NULL;
}

const char *
dxControllerModelToString(const dxControllerDef *cont)
{
    const dxEnumTable *table = dxControllerModelTable(cont->type);
    if (!table || cont->model <= 0)
        return NULL;
    return dxEnumToString(table, cont->model);
}

dxControllerDef *
dxControllerDefNew(dxControllerType type)
{
    dxControllerDef *cont = dxNew(dxControllerDef);
    cont->type = type;
    cont->idx = -1;
    cont->ports = -1;
    cont->vectors = -1;
    cont->maxGrantFrames = -1;
    cont->maxEventChannels = -1;
    cont->pci.chassisNr = -1;
    cont->pci.chassis = -1;
    cont->pci.port = -1;
    cont->pci.busNr = -1;
    cont->pci.targetIndex = -1;
    cont->pci.numaNode = -1;
    return cont;
}

void
dxControllerDefFree(dxControllerDef *cont)
{
    if (!cont)
        return;
    dxDeviceInfoClear(&cont->info);
    free(cont);
}

void
dxControllerDefsClear(dxDomainDef *def)
{
    size_t i;
    for (i = 0; i < def->ncontrollers; i++)
        dxControllerDefFree(def->controllers[i]);
    free(def->controllers);
    def->controllers = NULL;
    def->ncontrollers = 0;
}

bool
dxControllerIsUSB2(const dxControllerDef *cont)
{
    return cont->type == DX_CONTROLLER_TYPE_USB &&
           (cont->model == DX_CONTROLLER_MODEL_USB_ICH9_EHCI1 ||
            cont->model == DX_CONTROLLER_MODEL_USB_ICH9_UHCI1 ||
            cont->model == DX_CONTROLLER_MODEL_USB_ICH9_UHCI2 ||
            cont->model == DX_CONTROLLER_MODEL_USB_ICH9_UHCI3);
}

bool
dxControllerIsPCIRoot(const dxControllerDef *cont)
{
    return cont->type == DX_CONTROLLER_TYPE_PCI &&
           (cont->model == DX_CONTROLLER_MODEL_PCI_ROOT ||
            cont->model == DX_CONTROLLER_MODEL_PCIE_ROOT);
}

/* ---- lookup and insertion -------------------------------------------------- */

int
dxDomainControllerFind(const dxDomainDef *def, dxControllerType type, int idx)
{
    size_t i;
    for (i = 0; i < def->ncontrollers; i++) {
        if (def->controllers[i]->type == type && def->controllers[i]->idx == idx)
            return (int)i;
    }
    return -1;
}

dxControllerDef *
dxDomainControllerGet(const dxDomainDef *def, dxControllerType type, int idx)
{
    int pos = dxDomainControllerFind(def, type, idx);
    return pos < 0 ? NULL : def->controllers[pos];
}

const char *
dxDomainControllerAlias(const dxDomainDef *def, dxControllerType type, int idx)
{
    dxControllerDef *cont = dxDomainControllerGet(def, type, idx);
    return cont ? cont->info.alias : NULL;
}

int
dxDomainControllerMaxIndex(const dxDomainDef *def, dxControllerType type)
{
    int max = -1;
    size_t i;
    for (i = 0; i < def->ncontrollers; i++) {
        if (def->controllers[i]->type == type && def->controllers[i]->idx > max)
            max = def->controllers[i]->idx;
    }
    return max;
}

bool
dxDomainDefHasUSB(const dxDomainDef *def)
{
    size_t i;
    for (i = 0; i < def->ncontrollers; i++) {
        if (def->controllers[i]->type == DX_CONTROLLER_TYPE_USB &&
            def->controllers[i]->model != DX_CONTROLLER_MODEL_USB_NONE)
            return true;
    }
    return false;
}

dxControllerDef *
dxDomainDefAddController(dxDomainDef *def, dxControllerType type, int idx, int model)
{
    dxControllerDef *cont = dxControllerDefNew(type);
    cont->idx = idx;
    cont->model = model;
    DX_APPEND(def->controllers, def->ncontrollers, cont);
    return cont;
}

dxControllerDef *
dxDomainDefMaybeAddController(dxDomainDef *def, dxControllerType type, int idx, int model)
{
    if (dxDomainControllerFind(def, type, idx) >= 0)
        return NULL;
    return dxDomainDefAddController(def, type, idx, model);
}

dxControllerDef *
dxDomainDefAddImplicitController(dxDomainDef *def, dxControllerType type, int idx)
{
    dxControllerDef *cont = dxDomainDefMaybeAddController(def, type, idx, 0);
    if (cont)
        cont->implicit = true;
    return cont;
}

/* Devices name controllers by index, and a disk name such as `sdbexe` can
 * imply thousands of them: mark the indexes present in one pass rather
 * than searching the list once per index, which was quadratic. */
void
dxDomainDefAddImplicitControllersUpTo(dxDomainDef *def, dxControllerType type,
                                      int maxIdx, int model)
{
    bool *present;
    size_t i;
    int idx;

    if (maxIdx < 0)
        return;
    /* parsing refuses larger indexes; this only bounds the allocation */
    if (maxIdx > DX_CONTROLLER_INDEX_MAX)
        maxIdx = DX_CONTROLLER_INDEX_MAX;
    present = dxAllocZero((size_t)maxIdx + 1, sizeof(*present));
    for (i = 0; i < def->ncontrollers; i++) {
        const dxControllerDef *cont = def->controllers[i];
        if (cont->type == type && cont->idx >= 0 && cont->idx <= maxIdx)
            present[cont->idx] = true;
    }
    for (idx = 0; idx <= maxIdx; idx++) {
        if (!present[idx])
            dxDomainDefAddController(def, type, idx, model)->implicit = true;
    }
    free(present);
}

/* Where a controller read from the XML goes: after the last controller of
 * its type with a lower index (so each type stays sorted by index), and a
 * USB2 master before its companions. */
static void
dxControllerInsertSorted(dxDomainDef *def, dxControllerDef *cont)
{
    int insertAt = -1;
    int i;

    for (i = (int)def->ncontrollers - 1; i >= 0; i--) {
        const dxControllerDef *cur = def->controllers[i];
        if (cur->type != cont->type)
            continue;
        if (cont->idx == -1) {
            insertAt = i + 1;
            break;
        }
        /* each type's indexed controllers are sorted: nothing before a
         * lower index can move the insertion point, and not scanning on
         * keeps thousands of controllers linear */
        if (cur->idx >= 0 && cur->idx < cont->idx) {
            if (insertAt == -1)
                insertAt = i + 1;
            break;
        }
        if (cur->idx > cont->idx)
            insertAt = i;
        else if (!cont->info.hasMaster && cur->info.hasMaster && cur->idx == cont->idx)
            insertAt = i;
        else if (insertAt == -1)
            insertAt = i + 1;
    }
    if (insertAt < 0)
        insertAt = (int)def->ncontrollers;
    def->controllers = dxReallocArray(def->controllers, def->ncontrollers + 1,
                                      sizeof(*def->controllers));
    memmove(def->controllers + insertAt + 1, def->controllers + insertAt,
            (def->ncontrollers - insertAt) * sizeof(*def->controllers));
    def->controllers[insertAt] = cont;
    def->ncontrollers++;
}

/* ---- parse ------------------------------------------------------------------ */

static int
dxControllerDriverParse(dxControllerDef *cont, xmlNodePtr node)
{
    dxControllerDriver *drv = &cont->driver;
    if (dxXMLPropUInt(node, "queues", 10, 0, &drv->queues) < 0 ||
        dxXMLPropUInt(node, "cmd_per_lun", 10, 0, &drv->cmdPerLun) < 0 ||
        dxXMLPropUInt(node, "max_sectors", 10, 0, &drv->maxSectors) < 0 ||
        dxXMLPropTristateSwitch(node, "ioeventfd", 0, &drv->ioeventfd) < 0 ||
        dxXMLPropUInt(node, "iothread", 10, 0, &drv->iothread) < 0)
        return -1;
    return dxVirtioOptionsParse(node, &drv->virtio);
}

/* An int attribute in [MIN, MAX]; -1 stays when absent. */
static int
dxControllerRangeProp(xmlNodePtr node, const char *name, int base, int min, int max,
                      int *out)
{
    int val;
    int rc = dxXMLPropInt(node, name, base, 0, &val);
    if (rc <= 0)
        return rc;
    if (val < min || val > max) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "PCI controller %s '%d' out of range - must be %d-%d",
                      name, val, min, max);
        return -1;
    }
    *out = val;
    return 1;
}

static int
dxControllerTargetParse(dxControllerDef *cont, xmlNodePtr node)
{
    dxControllerPCIOpts *pci = &cont->pci;
    xmlNodePtr numa;

    if (dxControllerRangeProp(node, "chassisNr", 10, 1, 255, &pci->chassisNr) < 0 ||
        dxControllerRangeProp(node, "chassis", 10, 0, 255, &pci->chassis) < 0 ||
        dxControllerRangeProp(node, "port", 0, 0, 255, &pci->port) < 0 ||
        dxControllerRangeProp(node, "busNr", 10, 1, 254, &pci->busNr) < 0 ||
        dxControllerRangeProp(node, "index", 10, 0, 30, &pci->targetIndex) < 0 ||
        dxXMLPropTristateSwitch(node, "hotplug", 0, &pci->hotplug) < 0)
        return -1;
    if ((numa = dxXMLChild(node, "node"))) {
        unsigned int n;
        if (dxXMLContentUInt(numa, &n) < 0)
            return -1;
        if (n > 0x7fffffff) {
            dxErrorReport(DX_ERR_INVALID, numa, "invalid NUMA node '%u' in PCI controller target", n);
            return -1;
        }
        pci->numaNode = (int)n;
    }
    return 0;
}

static int
dxControllerPCIParse(dxControllerDef *cont, xmlNodePtr node)
{
    xmlNodePtr child;
    int val;

    if ((child = dxXMLChild(node, "model"))) {
        if (dxXMLPropEnum(child, "name", &dxControllerPCIModelNameTable,
                          DX_PROP_NONZERO, &val) < 0)
            return -1;
        if (dxXMLHasProp(child, "name"))
            cont->pci.modelName = val;
    }
    if ((child = dxXMLChild(node, "target")) && dxControllerTargetParse(cont, child) < 0)
        return -1;
    /* the 64-bit PCI hole belongs to the root bus only */
    if (dxControllerIsPCIRoot(cont) && (child = dxXMLChild(node, "pcihole64"))) {
        if (dxParseMemorySize(child, &cont->pci.pcihole64KiB) < 0)
            return -1;
        cont->pci.pcihole64 = true;
    }
    return 0;
}

static int
dxControllerCountProp(xmlNodePtr node, const char *name, int *out)
{
    int val;
    int rc = dxXMLPropInt(node, name, 10, 0, &val);
    if (rc <= 0)
        return rc;
    if (val < 0) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "Invalid value for attribute '%s' in element 'controller': "
                      "'%d'. Expected non-negative value", name, val);
        return -1;
    }
    *out = val;
    return 1;
}

static int
dxControllerTypeAttrsParse(dxControllerDef *cont, xmlNodePtr node)
{
    switch (cont->type) {
    case DX_CONTROLLER_TYPE_USB:
        return dxControllerCountProp(node, "ports", &cont->ports) < 0 ? -1 : 0;
    case DX_CONTROLLER_TYPE_VIRTIO_SERIAL:
        if (dxControllerCountProp(node, "ports", &cont->ports) < 0 ||
            dxControllerCountProp(node, "vectors", &cont->vectors) < 0)
            return -1;
        return 0;
    case DX_CONTROLLER_TYPE_XENBUS:
        if (dxControllerCountProp(node, "maxGrantFrames", &cont->maxGrantFrames) < 0 ||
            dxControllerCountProp(node, "maxEventChannels", &cont->maxEventChannels) < 0)
            return -1;
        return 0;
    case DX_CONTROLLER_TYPE_IDE:
    case DX_CONTROLLER_TYPE_FDC:
    case DX_CONTROLLER_TYPE_SCSI:
    case DX_CONTROLLER_TYPE_SATA:
    case DX_CONTROLLER_TYPE_CCID:
    case DX_CONTROLLER_TYPE_PCI:
    case DX_CONTROLLER_TYPE_ISA:
    case DX_CONTROLLER_TYPE_LAST:
        break;
    }
    return 0;
}

/* The UHCI companions of an ICH9 EHCI use ports 0-1, 2-3 and 4-5 of it. */
static void
dxControllerCompanionDefaults(dxControllerDef *cont)
{
    if (cont->type != DX_CONTROLLER_TYPE_USB || cont->info.hasMaster)
        return;
    switch (cont->model) {
    case DX_CONTROLLER_MODEL_USB_ICH9_UHCI1:
        cont->info.hasMaster = true;
        cont->info.masterStartport = 0;
        break;
    case DX_CONTROLLER_MODEL_USB_ICH9_UHCI2:
        cont->info.hasMaster = true;
        cont->info.masterStartport = 2;
        break;
    case DX_CONTROLLER_MODEL_USB_ICH9_UHCI3:
        cont->info.hasMaster = true;
        cont->info.masterStartport = 4;
        break;
    default:
        break;
    }
}

static int
dxControllerDefParseNode(dxControllerDef *cont, xmlNodePtr node)
{
    const dxEnumTable *models = dxControllerModelTable(cont->type);
    xmlNodePtr child;
    int idx = -1;

    if (dxXMLPropInt(node, "index", 10, 0, &idx) < 0)
        return -1;
    if (dxXMLHasProp(node, "index") && idx < 0) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "Invalid value for attribute 'index' in element 'controller': "
                      "'%d'. Expected non-negative value", idx);
        return -1;
    }
    if (idx > DX_CONTROLLER_INDEX_MAX) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "controller index '%d' is out of range: must be 0..%d",
                      idx, DX_CONTROLLER_INDEX_MAX);
        return -1;
    }
    cont->idx = idx;
    if (models) {
        if (dxXMLPropEnum(node, "model", models, DX_PROP_NONZERO, &cont->model) < 0)
            return -1;
    }
    if (dxControllerTypeAttrsParse(cont, node) < 0)
        return -1;
    if ((child = dxXMLChild(node, "driver")) && dxControllerDriverParse(cont, child) < 0)
        return -1;
    if (cont->type == DX_CONTROLLER_TYPE_PCI && dxControllerPCIParse(cont, node) < 0)
        return -1;
    if (dxDeviceInfoParse(&cont->info, node, 0) < 0)
        return -1;
    dxControllerCompanionDefaults(cont);
    return 0;
}

/* USB model='none' disables USB: no other USB controller may exist. */
static int
dxControllerCheckUSBNone(const dxDomainDef *def, const dxControllerDef *cont, xmlNodePtr node)
{
    size_t i;
    if (cont->type != DX_CONTROLLER_TYPE_USB)
        return 0;
    /* 'none' disables USB as a whole; as another index it would sit beside
     * the USB controller 0 every PC machine gets (libvirt adds that one too,
     * and then refuses its own output) */
    if (cont->model == DX_CONTROLLER_MODEL_USB_NONE && cont->idx > 0) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "USB controller model 'none' disables USB: it must be the only USB "
                      "controller, with index 0");
        return -1;
    }
    for (i = 0; i < def->ncontrollers; i++) {
        const dxControllerDef *other = def->controllers[i];
        if (other->type != DX_CONTROLLER_TYPE_USB)
            continue;
        if (other->model == DX_CONTROLLER_MODEL_USB_NONE ||
            cont->model == DX_CONTROLLER_MODEL_USB_NONE) {
            dxErrorReport(DX_ERR_INVALID, node,
                          "Can't add another USB controller: USB is disabled for this domain");
            return -1;
        }
    }
    return 0;
}

int
dxControllerDefParse(dxDomainDef *def, xmlNodePtr node)
{
    int type = DX_CONTROLLER_TYPE_IDE;
    dxControllerDef *cont;

    /* libvirt reads a controller without type= as IDE */
    if (dxXMLPropEnum(node, "type", &dxControllerTypeTable, 0, &type) < 0)
        return -1;
    cont = dxControllerDefNew(type);
    dxSourceLocSet(&cont->info.loc, node);
    if (dxControllerDefParseNode(cont, node) < 0 ||
        dxControllerCheckUSBNone(def, cont, node) < 0) {
        dxControllerDefFree(cont);
        return -1;
    }
    dxControllerInsertSorted(def, cont);
    return 0;
}

/* ---- format ----------------------------------------------------------------- */

static void
dxControllerDriverFormat(dxBuf *buf, const dxControllerDriver *drv)
{
    dxBuf attrs = DX_BUF_INIT;
    if (drv->queues)
        dxBufAttrf(&attrs, "queues", "%u", drv->queues);
    if (drv->cmdPerLun)
        dxBufAttrf(&attrs, "cmd_per_lun", "%u", drv->cmdPerLun);
    if (drv->maxSectors)
        dxBufAttrf(&attrs, "max_sectors", "%u", drv->maxSectors);
    if (drv->ioeventfd)
        dxBufAttr(&attrs, "ioeventfd", dxTristateSwitchTypeToString(drv->ioeventfd));
    if (drv->iothread)
        dxBufAttrf(&attrs, "iothread", "%u", drv->iothread);
    dxVirtioOptionsFormat(&attrs, &drv->virtio);
    dxBufElement(buf, "driver", &attrs, NULL);
}

static void
dxControllerTargetFormat(dxBuf *buf, const dxControllerPCIOpts *pci)
{
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);

    if (pci->chassisNr != -1)
        dxBufAttrf(&attrs, "chassisNr", "%d", pci->chassisNr);
    if (pci->chassis != -1)
        dxBufAttrf(&attrs, "chassis", "%d", pci->chassis);
    if (pci->port != -1)
        dxBufAttrf(&attrs, "port", "0x%x", pci->port);
    if (pci->busNr != -1)
        dxBufAttrf(&attrs, "busNr", "%d", pci->busNr);
    if (pci->targetIndex != -1)
        dxBufAttrf(&attrs, "index", "%d", pci->targetIndex);
    if (pci->hotplug)
        dxBufAttr(&attrs, "hotplug", dxTristateSwitchTypeToString(pci->hotplug));
    if (pci->numaNode != -1)
        dxBufAddf(&child, "<node>%d</node>\n", pci->numaNode);
    dxBufElement(buf, "target", &attrs, &child);
}

static void
dxControllerTypeAttrsFormat(dxBuf *attrs, const dxControllerDef *cont)
{
    switch (cont->type) {
    case DX_CONTROLLER_TYPE_USB:
        if (cont->ports != -1)
            dxBufAttrf(attrs, "ports", "%d", cont->ports);
        break;
    case DX_CONTROLLER_TYPE_VIRTIO_SERIAL:
        if (cont->ports != -1)
            dxBufAttrf(attrs, "ports", "%d", cont->ports);
        if (cont->vectors != -1)
            dxBufAttrf(attrs, "vectors", "%d", cont->vectors);
        break;
    case DX_CONTROLLER_TYPE_XENBUS:
        if (cont->maxGrantFrames != -1)
            dxBufAttrf(attrs, "maxGrantFrames", "%d", cont->maxGrantFrames);
        if (cont->maxEventChannels != -1)
            dxBufAttrf(attrs, "maxEventChannels", "%d", cont->maxEventChannels);
        break;
    default:
        break;
    }
}

static void
dxControllerDefFormat(dxBuf *buf, const dxControllerDef *cont)
{
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);

    dxBufAttr(&attrs, "type", dxControllerTypeTypeToString(cont->type));
    dxBufAttrf(&attrs, "index", "%d", cont->idx);
    dxBufAttr(&attrs, "model", dxControllerModelToString(cont));
    dxControllerTypeAttrsFormat(&attrs, cont);

    if (cont->type == DX_CONTROLLER_TYPE_PCI) {
        if (cont->pci.modelName)
            dxBufAddf(&child, "<model name='%s'/>\n",
                      dxControllerPCIModelNameTypeToString(cont->pci.modelName));
        dxControllerTargetFormat(&child, &cont->pci);
    }
    dxControllerDriverFormat(&child, &cont->driver);
    if (cont->pci.pcihole64)
        dxBufAddf(&child, "<pcihole64 unit='KiB'>%llu</pcihole64>\n", cont->pci.pcihole64KiB);
    dxDeviceInfoFormat(&child, &cont->info, 0);
    dxBufElementAlways(buf, "controller", &attrs, &child);
}

void
dxControllerDefsFormat(dxBuf *buf, const dxDomainDef *def)
{
    size_t i;
    for (i = 0; i < def->ncontrollers; i++)
        dxControllerDefFormat(buf, def->controllers[i]);
}

/* ---- generic defaults --------------------------------------------------------- */

/* Lowest index not used by a controller of TYPE. */
static int
dxControllerUnusedIndex(const dxDomainDef *def, dxControllerType type)
{
    int idx = 0;
    while (dxDomainControllerFind(def, type, idx) >= 0)
        idx++;
    return idx;
}

/* Whether the USB2 set IDX already has a member of MODEL. */
static bool
dxControllerUSB2SetHas(const dxDomainDef *def, int idx, int model)
{
    size_t i;
    for (i = 0; i < def->ncontrollers; i++) {
        const dxControllerDef *c = def->controllers[i];
        if (c->type == DX_CONTROLLER_TYPE_USB && c->idx == idx && c->model == model)
            return true;
    }
    return false;
}

/* Controllers written without index=: root buses get 0, a USB2 set member
 * the index of the set it follows (unless that set has its model
 * already), anything else the lowest free one. */
static void
dxControllerAssignIndexes(dxDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        dxControllerDef *cont = def->controllers[i];
        const dxControllerDef *prev = i > 0 ? def->controllers[i - 1] : NULL;

        if (cont->idx != -1)
            continue;
        if (prev && dxControllerIsUSB2(cont) && dxControllerIsUSB2(prev) &&
            !dxControllerUSB2SetHas(def, prev->idx, cont->model)) {
            cont->idx = prev->idx;
            continue;
        }
        if (dxControllerIsPCIRoot(cont)) {
            cont->idx = 0;
            continue;
        }
        cont->idx = dxControllerUnusedIndex(def, cont->type);
    }
}

int
dxControllerDefsPostParse(dxDomainDef *def)
{
    size_t i;
    int rc = 0;

    dxControllerAssignIndexes(def);
    for (i = 0; i < def->ncontrollers; i++) {
        const dxControllerDef *cont = def->controllers[i];
        if (cont->driver.iothread && cont->type == DX_CONTROLLER_TYPE_SCSI &&
            cont->model != DX_CONTROLLER_MODEL_SCSI_VIRTIO_SCSI &&
            cont->model != DX_CONTROLLER_MODEL_SCSI_VIRTIO_TRANSITIONAL &&
            cont->model != DX_CONTROLLER_MODEL_SCSI_VIRTIO_NON_TRANSITIONAL) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &cont->info.loc,
                             "'iothread' attribute only supported for virtio scsi controllers");
            rc = -1;
        }
    }
    return rc;
}

/* ---- generic checks ------------------------------------------------------------- */

static int
dxControllerPCIValidate(const dxControllerDef *cont)
{
    if (dxControllerIsPCIRoot(cont)) {
        /* a pSeries PHB's target index is its number in the guest: 0 is
         * the default PHB, which is controller 0 */
        if (cont->pci.targetIndex != -1 && (cont->idx == 0) != (cont->pci.targetIndex == 0)) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &cont->info.loc,
                             "Only the PCI controller with index 0 can have target index 0, "
                             "and vice versa (index '%d', target index '%d')",
                             cont->idx, cont->pci.targetIndex);
            return -1;
        }
        if (cont->info.type != DX_ADDRESS_TYPE_NONE) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &cont->info.loc,
                             "pci-root and pcie-root controllers should not have an address");
            return -1;
        }
        if (cont->idx > 0) {
            dxErrorReportLoc(DX_ERR_INVALID, &cont->info.loc,
                             "pci-root and pcie-root controllers should have index 0");
            return -1;
        }
    }
    if ((cont->model == DX_CONTROLLER_MODEL_PCI_EXPANDER_BUS ||
         cont->model == DX_CONTROLLER_MODEL_PCIE_EXPANDER_BUS) && cont->idx == 0) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &cont->info.loc,
                         "pci-expander-bus and pcie-expander-bus controllers should "
                         "not have index 0");
        return -1;
    }
    return 0;
}

typedef struct {
    const dxControllerDef *cont;
    size_t pos; /* in def->controllers */
} dxControllerAtPos;

static int
dxControllerAtPosCompare(const void *a, const void *b)
{
    const dxControllerAtPos *x = a, *y = b;
    if (x->cont->type != y->cont->type)
        return x->cont->type < y->cont->type ? -1 : 1;
    if (x->cont->idx != y->cont->idx)
        return x->cont->idx < y->cont->idx ? -1 : 1;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Two controllers of one type may not share an index, except USB ones (a
 * USB2 set shares it; duplicates are found when USB ports are laid out). */
static int
dxControllerRejectDuplicates(const dxDomainDef *def)
{
    dxControllerAtPos *sorted = dxAllocZero(def->ncontrollers + 1, sizeof(*sorted));
    const dxControllerDef *dup = NULL;
    size_t i, n = 0, dupPos = 0;

    /* sorting by type and index puts duplicates side by side (a pairwise
     * search was quadratic); the one reported is the first in document
     * order that repeats an earlier one */
    for (i = 0; i < def->ncontrollers; i++) {
        if (def->controllers[i]->type == DX_CONTROLLER_TYPE_USB)
            continue;
        sorted[n].cont = def->controllers[i];
        sorted[n++].pos = i;
    }
    qsort(sorted, n, sizeof(*sorted), dxControllerAtPosCompare);
    for (i = 1; i < n; i++) {
        const dxControllerAtPos *prev = &sorted[i - 1], *cur = &sorted[i];
        if (cur->cont->type == prev->cont->type && cur->cont->idx == prev->cont->idx &&
            (!dup || cur->pos < dupPos)) {
            dup = cur->cont;
            dupPos = cur->pos;
        }
    }
    free(sorted);
    if (dup) {
        dxErrorReportLoc(DX_ERR_INVALID, &dup->info.loc,
                         "Multiple '%s' controllers with index '%d'",
                         dxControllerTypeTypeToString(dup->type), dup->idx);
        return -1;
    }
    return 0;
}

/* USB companion controllers (with <master>) need a controller that is
 * not one to be the master of their bus. */
static int
dxControllerCheckUSBMaster(const dxDomainDef *def)
{
    const dxControllerDef *companion = NULL;
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        const dxControllerDef *c = def->controllers[i];
        if (c->type != DX_CONTROLLER_TYPE_USB)
            continue;
        if (!c->info.hasMaster)
            return 0;
        if (!companion)
            companion = c;
    }
    if (companion) {
        dxErrorReportLoc(DX_ERR_INVALID, &companion->info.loc,
                         "No master USB controller specified");
        return -1;
    }
    return 0;
}

/* With <controller type='usb' model='none'>, USB input devices and hubs
 * have nowhere to plug in (other USB devices are found when the QEMU
 * driver lays out the USB ports). */
static int
dxControllerCheckUSBDisabled(const dxDomainDef *def)
{
    size_t i;

    if (dxDomainControllerFind(def, DX_CONTROLLER_TYPE_USB, 0) < 0 || dxDomainDefHasUSB(def))
        return 0;
    for (i = 0; i < def->ninputs; i++) {
        if (def->inputs[i]->bus == DX_INPUT_BUS_USB) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &def->inputs[i]->info.loc,
                             "Can't add USB input device. USB bus is disabled");
            return -1;
        }
    }
    for (i = 0; i < def->nhubs; i++) {
        if (def->hubs[i]->type == DX_HUB_TYPE_USB) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &def->hubs[i]->info.loc,
                             "Can't add USB hub: USB is disabled for this domain");
            return -1;
        }
    }
    return 0;
}

int
dxControllerDefsValidate(const dxDomainDef *def)
{
    size_t i;
    int rc = 0;

    for (i = 0; i < def->ncontrollers; i++) {
        if (def->controllers[i]->type == DX_CONTROLLER_TYPE_PCI &&
            dxControllerPCIValidate(def->controllers[i]) < 0)
            rc = -1;
    }
    if (dxControllerRejectDuplicates(def) < 0 || dxControllerCheckUSBMaster(def) < 0 ||
        dxControllerCheckUSBDisabled(def) < 0)
        rc = -1;
    return rc;
}

/* ---- implicit controllers ------------------------------------------------------ */

typedef void (*dxImplicitControllerHook)(dxDomainDef *def);

/* Families whose devices imply a controller, in libvirt's order; each
 * family adds one line under its comment and calls
 * dxDomainDefAddImplicitController() for what it needs. */
static const dxImplicitControllerHook dxImplicitControllerHooks[] = {
    /* disks: scsi, fdc, ide, sata */
    dxDiskDefsAddImplicitControllers,

    /* virtio consoles and channels: virtio-serial */
    dxChrAddImplicitVirtioSerial,

    /* smartcards: ccid */
    dxSmartcardsAddImplicitControllers,

    /* SCSI hostdevs: scsi */
    dxHostdevsAddImplicitControllers,

    NULL,
};

void
dxDomainDefAddImplicitControllers(dxDomainDef *def)
{
    size_t i;
    for (i = 0; dxImplicitControllerHooks[i]; i++)
        dxImplicitControllerHooks[i](def);
}
