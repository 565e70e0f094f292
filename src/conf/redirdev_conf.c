/* redirdev_conf.c: parse and format of <redirdev>. */
#include "redirdev_conf.h"
#include "util/dxalloc.h"
#include "util/dxxml.h"

#include <stdlib.h>

DX_ENUM_IMPL(dxRedirdevBus, DX_REDIRDEV_BUS_LAST, "usb");

void
dxRedirdevFree(dxRedirdevDef *redir)
{
    if (!redir)
        return;
    dxChrSourceDefClear(&redir->source);
    dxDeviceInfoClear(&redir->info);
    free(redir);
}

int
dxRedirdevParse(dxDomainDef *def, xmlNodePtr node)
{
    dxRedirdevDef *redir = dxNew(dxRedirdevDef);
    int bus = 0, type = 0;

    dxSourceLocSet(&redir->info.loc, node);
    if (dxXMLPropEnum(node, "bus", &dxRedirdevBusTable, DX_PROP_REQUIRED, &bus) < 0 ||
        dxXMLPropEnum(node, "type", &dxChrTypeTable, DX_PROP_REQUIRED, &type) < 0)
        goto error;
    redir->bus = bus;
    redir->source.type = type;
    if (type == DX_CHR_TYPE_SPICEVMC)
        redir->source.spicevmc = DX_CHR_SPICEVMC_USBREDIR;
    if (dxChrSourceParse(&redir->source, node, 0) < 0 ||
        dxChrSourceValidate(&redir->source, &redir->info.loc, false) < 0 ||
        dxDeviceInfoParse(&redir->info, node, DX_INFO_ALLOW_BOOT) < 0)
        goto error;
    DX_APPEND(def->redirdevs, def->nredirdevs, redir);
    return 0;
 error:
    dxRedirdevFree(redir);
    return -1;
}

void
dxRedirdevFormat(dxBuf *buf, const dxRedirdevDef *redir)
{
    dxBuf child = DX_BUF_INIT_CHILD(buf);

    dxBufAddf(buf, "<redirdev bus='%s' type='%s'>\n",
              dxRedirdevBusTypeToString(redir->bus), dxChrTypeTypeToString(redir->source.type));
    dxChrSourceFormat(&child, &redir->source);
    dxDeviceInfoFormat(&child, &redir->info, DX_INFO_ALLOW_BOOT);
    dxBufAddBuf(buf, &child);
    dxBufAddStr(buf, "</redirdev>\n");
}
