/* qemu_address_hub.c: USB hubs in the USB port assignment: a hub takes a
 * port and brings eight more, and libvirt adds hubs of its own when the
 * devices outnumber the ports. */
#include "qemu_address.h"
#include "conf/hub_conf.h"
#include "util/dxalloc.h"

dxQemuUSBKind
dxQemuHubUSBKind(const dxDomainDef *def, dxDeviceRef dev)
{
    const dxHubDef *hub = dev.ptr;
    (void)def;
    return hub->type == DX_HUB_TYPE_USB ? DX_QEMU_USB_HUB : DX_QEMU_USB_NONE;
}

dxDeviceInfo *
dxQemuHubAdd(dxDomainDef *def)
{
    dxHubDef *hub = dxNew(dxHubDef);
    hub->type = DX_HUB_TYPE_USB;
    dxSourceLocCopy(&hub->info.loc, &def->loc);
    DX_APPEND(def->hubs, def->nhubs, hub);
    return &hub->info;
}
