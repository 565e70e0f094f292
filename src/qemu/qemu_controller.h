/* qemu_controller.h: controllers in the QEMU driver (expand steps,
 * aliases; the address hooks are declared in qemu_address.h). */
#pragma once

#include "conf/controller_conf.h"
#include "conf/domain_def.h"

/* The controllers the machine has by itself: USB (piix3-uhci on i440fx,
 * qemu-xhci on q35), q35's SATA, the PCI root bus. */
int dxQemuExpandMachineControllers(dxDomainDef *def);
/* Default models (SCSI lsilogic, USB piix3-uhci) and machine checks. */
int dxQemuExpandControllerDefaults(dxDomainDef *def);
/* What QEMU cannot do with a controller (xenbus, iothreads, xHCI port count). */
int dxQemuValidateControllers(const dxDomainDef *def);
/* ide, usb, pci.N, pcie.0, scsi0, virtio-serial0, ... */
int dxQemuAssignControllerAliases(dxDomainDef *def);

const char *dxQemuControllerBuiltinName(const dxDomainDef *def, dxControllerType type, int idx);
const char *dxQemuDiskControllerName(const dxDomainDef *def, dxControllerType type, int idx);
