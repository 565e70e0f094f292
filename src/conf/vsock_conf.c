/* vsock_conf.c: parse and format of <vsock>. */
#include "vsock_conf.h"
#include "util/dxalloc.h"
#include "util/dxxml.h"

#include <stdlib.h>

DX_ENUM_IMPL(dxVsockModel, DX_VSOCK_MODEL_LAST,
             "default", "virtio", "virtio-transitional", "virtio-non-transitional");

/* CIDs 0-2 are reserved (hypervisor, local, host); guests start at 3. */
#define DX_VSOCK_MIN_GUEST_CID 3

void
dxVsockFree(dxVsockDef *vsock)
{
    if (!vsock)
        return;
    dxDeviceInfoClear(&vsock->info);
    free(vsock);
}

static int
dxVsockParseCid(dxVsockDef *vsock, xmlNodePtr cid)
{
    int rc;

    if (dxXMLPropTristateBool(cid, "auto", 0, &vsock->autoCid) < 0)
        return -1;
    if ((rc = dxXMLPropUInt(cid, "address", 10, 0, &vsock->cid)) < 0)
        return -1;
    if (rc == 1 && vsock->cid < DX_VSOCK_MIN_GUEST_CID) {
        dxErrorReport(DX_ERR_INVALID, cid,
                      "vsock CID %u is reserved: guest CIDs start at %d",
                      vsock->cid, DX_VSOCK_MIN_GUEST_CID);
        return -1;
    }
    return 0;
}

int
dxVsockParse(dxDomainDef *def, xmlNodePtr node)
{
    dxVsockDef *vsock = dxNew(dxVsockDef);
    xmlNodePtr child;
    int model = 0;

    if (def->vsock) {
        dxErrorReport(DX_ERR_INVALID, node, "only a single vsock device is supported");
        dxVsockFree(vsock);
        return -1;
    }
    if (dxXMLPropEnum(node, "model", &dxVsockModelTable, DX_PROP_NONZERO, &model) < 0 ||
        ((child = dxXMLChild(node, "cid")) && dxVsockParseCid(vsock, child) < 0) ||
        ((child = dxXMLChild(node, "driver")) && dxVirtioOptionsParse(child, &vsock->virtio) < 0) ||
        dxDeviceInfoParse(&vsock->info, node, 0) < 0) {
        dxVsockFree(vsock);
        return -1;
    }
    vsock->model = model;
    def->vsock = vsock;
    return 0;
}

void
dxVsockFormat(dxBuf *buf, const dxVsockDef *vsock)
{
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    dxBuf cid = DX_BUF_INIT;
    dxBuf driver = DX_BUF_INIT;

    if (vsock->model)
        dxBufAttr(&attrs, "model", dxVsockModelTypeToString(vsock->model));
    if (vsock->autoCid)
        dxBufAttr(&cid, "auto", dxTristateBoolTypeToString(vsock->autoCid));
    if (vsock->cid)
        dxBufAttrf(&cid, "address", "%u", vsock->cid);
    dxBufElement(&child, "cid", &cid, NULL);
    dxDeviceInfoFormat(&child, &vsock->info, 0);
    dxVirtioOptionsFormat(&driver, &vsock->virtio);
    dxBufElement(&child, "driver", &driver, NULL);
    /* like libvirt, written even when empty */
    dxBufElementAlways(buf, "vsock", &attrs, &child);
}
