/* qemu_alias.h: device aliases (ids on the QEMU command line). */
#pragma once

#include "conf/domain_def.h"

/* Give every device the alias libvirt would: "net0", "virtio-disk0",
 * "hostdev0", ...  User aliases (ua-*) are kept. */
int dxQemuAssignAliases(dxDomainDef *def);
