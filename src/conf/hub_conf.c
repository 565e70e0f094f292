/* hub_conf.c: parse and format of <hub>. */
#include "hub_conf.h"
#include "util/dxalloc.h"
#include "util/dxxml.h"

#include <stdlib.h>

DX_ENUM_IMPL(dxHubType, DX_HUB_TYPE_LAST, "usb");

void
dxHubFree(dxHubDef *hub)
{
    if (!hub)
        return;
    dxDeviceInfoClear(&hub->info);
    free(hub);
}

int
dxHubParse(dxDomainDef *def, xmlNodePtr node)
{
    dxHubDef *hub = dxNew(dxHubDef);
    int type = 0;

    if (dxXMLPropEnum(node, "type", &dxHubTypeTable, DX_PROP_REQUIRED, &type) < 0 ||
        dxDeviceInfoParse(&hub->info, node, 0) < 0) {
        dxHubFree(hub);
        return -1;
    }
    hub->type = type;
    DX_APPEND(def->hubs, def->nhubs, hub);
    return 0;
}

void
dxHubFormat(dxBuf *buf, const dxHubDef *hub)
{
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);

    dxBufAttr(&attrs, "type", dxHubTypeTypeToString(hub->type));
    dxDeviceInfoFormat(&child, &hub->info, 0);
    dxBufElement(buf, "hub", &attrs, &child);
}
