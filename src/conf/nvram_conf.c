/* nvram_conf.c: parse and format of the <nvram> device (not the <os>
 * <nvram> firmware store). */
#include "nvram_conf.h"
#include "util/dxalloc.h"
#include "util/dxxml.h"

#include <stdlib.h>

void
dxNVRAMFree(dxNVRAMDef *nvram)
{
    if (!nvram)
        return;
    dxDeviceInfoClear(&nvram->info);
    free(nvram);
}

int
dxNVRAMParse(dxDomainDef *def, xmlNodePtr node)
{
    dxNVRAMDef *nvram = dxNew(dxNVRAMDef);

    if (def->nvram) {
        dxErrorReport(DX_ERR_INVALID, node, "only a single nvram device is supported");
        dxNVRAMFree(nvram);
        return -1;
    }
    if (dxDeviceInfoParse(&nvram->info, node, 0) < 0) {
        dxNVRAMFree(nvram);
        return -1;
    }
    def->nvram = nvram;
    return 0;
}

void
dxNVRAMFormat(dxBuf *buf, const dxNVRAMDef *nvram)
{
    /* libvirt writes an open and a close tag even with nothing inside */
    dxBufAddStr(buf, "<nvram>\n");
    dxBufAdjustIndent(buf, 2);
    dxDeviceInfoFormat(buf, &nvram->info, 0);
    dxBufAdjustIndent(buf, -2);
    dxBufAddStr(buf, "</nvram>\n");
}
