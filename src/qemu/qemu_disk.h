/* qemu_disk.h: disks in the QEMU driver (expand step, aliases, checks;
 * the address hooks are declared in qemu_address.h). */
#pragma once

#include "conf/domain_def.h"

/* driver name='qemu', format raw, encryption engine qemu. */
int dxQemuExpandDiskDefaults(dxDomainDef *def);
/* ide0-0-0, sata0-0-0, scsi0-0-0-0, virtio-disk0, usb-disk1, fdc0-0-1 */
int dxQemuAssignDiskAliases(dxDomainDef *def);
/* What QEMU 7.2 refuses in disks and their images. */
int dxQemuValidateDisks(const dxDomainDef *def);
