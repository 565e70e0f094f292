/* memballoon_conf.c: parse, format and checks of <memballoon>. */
#include "memballoon_conf.h"
#include "util/dxalloc.h"
#include "util/dxxml.h"

#include <stdlib.h>

DX_ENUM_IMPL(dxMemballoonModel, DX_MEMBALLOON_MODEL_LAST,
             "virtio", "xen", "none", "virtio-transitional",
             "virtio-non-transitional");

dxMemballoonDef *
dxMemballoonNew(dxMemballoonModel model)
{
    dxMemballoonDef *mb = dxNew(dxMemballoonDef);
    mb->model = model;
    return mb;
}

void
dxMemballoonFree(dxMemballoonDef *mb)
{
    if (!mb)
        return;
    dxDeviceInfoClear(&mb->info);
    free(mb);
}

bool
dxMemballoonIsVirtio(const dxMemballoonDef *mb)
{
    return mb->model == DX_MEMBALLOON_MODEL_VIRTIO ||
           mb->model == DX_MEMBALLOON_MODEL_VIRTIO_TRANSITIONAL ||
           mb->model == DX_MEMBALLOON_MODEL_VIRTIO_NON_TRANSITIONAL;
}

static int
dxMemballoonParseChildren(dxMemballoonDef *mb, xmlNodePtr node)
{
    xmlNodePtr child;

    if ((child = dxXMLChild(node, "stats"))) {
        if (dxXMLPropInt(child, "period", 10, 0, &mb->period) < 0)
            return -1;
        /* a negative period means "never collect", like no period */
        if (mb->period < 0)
            mb->period = 0;
    }
    if ((child = dxXMLChild(node, "driver")) &&
        dxVirtioOptionsParse(child, &mb->virtio) < 0)
        return -1;
    return dxDeviceInfoParse(&mb->info, node, 0);
}

int
dxMemballoonParse(dxDomainDef *def, xmlNodePtr node)
{
    dxMemballoonDef *mb = dxNew(dxMemballoonDef);
    int model = 0;

    if (def->memballoon) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "only a single memory balloon device is supported");
        dxMemballoonFree(mb);
        return -1;
    }
    if (dxXMLPropEnum(node, "model", &dxMemballoonModelTable, DX_PROP_REQUIRED, &model) < 0 ||
        dxXMLPropTristateSwitch(node, "autodeflate", 0, &mb->autodeflate) < 0 ||
        dxXMLPropTristateSwitch(node, "freePageReporting", 0, &mb->freePageReporting) < 0 ||
        dxMemballoonParseChildren(mb, node) < 0) {
        dxMemballoonFree(mb);
        return -1;
    }
    mb->model = model;
    def->memballoon = mb;
    return 0;
}

void
dxMemballoonFormat(dxBuf *buf, const dxMemballoonDef *mb)
{
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    dxBuf driver = DX_BUF_INIT;

    dxBufAttr(&attrs, "model", dxMemballoonModelTypeToString(mb->model));
    if (mb->autodeflate)
        dxBufAttr(&attrs, "autodeflate", dxTristateSwitchTypeToString(mb->autodeflate));
    if (mb->freePageReporting)
        dxBufAttr(&attrs, "freePageReporting",
                  dxTristateSwitchTypeToString(mb->freePageReporting));
    if (mb->period)
        dxBufAddf(&child, "<stats period='%d'/>\n", mb->period);
    dxDeviceInfoFormat(&child, &mb->info, 0);
    /* libvirt writes <driver> after the address for this device */
    dxVirtioOptionsFormat(&driver, &mb->virtio);
    dxBufElement(&child, "driver", &driver, NULL);
    dxBufElement(buf, "memballoon", &attrs, &child);
}

int
dxMemballoonValidate(const dxDomainDef *def)
{
    const dxMemballoonDef *mb = def->memballoon;

    if (!mb || dxMemballoonIsVirtio(mb))
        return 0;
    if (mb->autodeflate) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &mb->info.loc,
                         "autodeflate is only supported with a virtio memballoon");
        return -1;
    }
    if (mb->freePageReporting) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &mb->info.loc,
                         "freePageReporting is only supported with a virtio memballoon");
        return -1;
    }
    return 0;
}
