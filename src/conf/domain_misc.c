/* domain_misc.c: <resource>, <bootloader>/<bootloader_args> and <idmap>:
 * host-side placement and container settings. */
#include "misc_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

#include <stdlib.h>
#include <string.h>

/* Fibre Channel application ids are at most 128 printable characters */
#define DX_FC_APPID_MAX 128

dxDomainMiscDef *
dxDomainMisc(dxDomainDef *def)
{
    if (!def->misc)
        def->misc = dxNew(dxDomainMiscDef);
    return def->misc;
}

void
dxDomainMiscDefFree(dxDomainMiscDef *misc)
{
    if (!misc)
        return;
    free(misc->partition);
    free(misc->fcAppid);
    free(misc->bootloader);
    free(misc->bootloaderArgs);
    free(misc->uids);
    free(misc->gids);
    if (misc->launchSecurity) {
        free(misc->launchSecurity->dhCert);
        free(misc->launchSecurity->session);
        free(misc->launchSecurity);
    }
    free(misc);
}

/* ---- <resource> ---------------------------------------------------------------- */

int
dxDomainResourceParse(dxDomainDef *def, xmlNodePtr node)
{
    dxDomainMiscDef *misc = dxDomainMisc(def);
    xmlNodePtr fc;

    misc->hasResource = true;
    misc->partition = dxXMLChildContent(node, "partition");
    if (misc->partition && misc->partition[0] != '/') {
        dxErrorReport(DX_ERR_INVALID, node,
                      "resource partition '%s' must start with '/'", misc->partition);
        return -1;
    }
    if ((fc = dxXMLChild(node, "fibrechannel"))) {
        size_t i, len;
        if (dxXMLPropStringRequired(fc, "appid", &misc->fcAppid) < 0)
            return -1;
        len = strlen(misc->fcAppid);
        for (i = 0; i < len && misc->fcAppid[i] > 0x20 && misc->fcAppid[i] < 0x7f; i++)
            ;
        if (len == 0 || len > DX_FC_APPID_MAX || i < len) {
            dxErrorReport(DX_ERR_INVALID, fc,
                          "Fibre Channel 'appid' must be 1 to %d printable characters "
                          "without spaces", DX_FC_APPID_MAX);
            return -1;
        }
    }
    return 0;
}

void
dxDomainResourceFormat(dxBuf *buf, const dxDomainDef *def)
{
    dxBuf child = DX_BUF_INIT_CHILD(buf);

    if (!def->misc || !def->misc->hasResource)
        return;
    dxBufTextElement(&child, "partition", def->misc->partition);
    if (def->misc->fcAppid) {
        dxBufAddStr(&child, "<fibrechannel");
        dxBufAttr(&child, "appid", def->misc->fcAppid);
        dxBufAddStr(&child, "/>\n");
    }
    dxBufElement(buf, "resource", NULL, &child);
}

/* ---- <bootloader> ---------------------------------------------------------------- */

int
dxDomainBootloaderParse(dxDomainDef *def, xmlNodePtr node)
{
    dxDomainMiscDef *misc = dxDomainMisc(def);
    char **field = dxXMLNameIs(node, "bootloader") ? &misc->bootloader : &misc->bootloaderArgs;

    free(*field);
    *field = dxXMLContent(node);
    return 0;
}

void
dxDomainBootloaderFormat(dxBuf *buf, const dxDomainDef *def)
{
    if (!def->misc)
        return;
    dxBufTextElement(buf, "bootloader", def->misc->bootloader);
    dxBufTextElement(buf, "bootloader_args", def->misc->bootloaderArgs);
}

/* ---- <idmap> ----------------------------------------------------------------- */

static int
dxIdmapEntryParse(xmlNodePtr node, dxIdmapEntry **list, size_t *n)
{
    dxIdmapEntry e;

    if (dxXMLPropUInt(node, "start", 10, DX_PROP_REQUIRED, &e.start) < 0 ||
        dxXMLPropUInt(node, "target", 10, DX_PROP_REQUIRED, &e.target) < 0 ||
        dxXMLPropUInt(node, "count", 10, DX_PROP_REQUIRED | DX_PROP_NONZERO, &e.count) < 0)
        return -1;
    DX_APPEND(*list, *n, e);
    return 0;
}

int
dxDomainIdmapParse(dxDomainDef *def, xmlNodePtr node)
{
    dxDomainMiscDef *misc = dxDomainMisc(def);

    DX_XML_FOREACH_CHILD(node, child) {
        int rc;
        if (child->ns)
            continue;
        if (dxXMLNameIs(child, "uid"))
            rc = dxIdmapEntryParse(child, &misc->uids, &misc->nuids);
        else if (dxXMLNameIs(child, "gid"))
            rc = dxIdmapEntryParse(child, &misc->gids, &misc->ngids);
        else
            continue;
        dxXMLMarkUsed(child);
        if (rc < 0)
            return -1;
    }
    /* the map must start at id 0 or the container has no root */
    if ((misc->nuids && misc->uids[0].start != 0) ||
        (misc->ngids && misc->gids[0].start != 0)) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "You must map the root user of container");
        return -1;
    }
    return 0;
}

static void
dxIdmapEntriesFormat(dxBuf *buf, const char *name, const dxIdmapEntry *list, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        dxBufAddf(buf, "<%s start='%u' target='%u' count='%u'/>\n",
                  name, list[i].start, list[i].target, list[i].count);
}

void
dxDomainIdmapFormat(dxBuf *buf, const dxDomainDef *def)
{
    dxBuf child = DX_BUF_INIT_CHILD(buf);

    if (!def->misc)
        return;
    dxIdmapEntriesFormat(&child, "uid", def->misc->uids, def->misc->nuids);
    dxIdmapEntriesFormat(&child, "gid", def->misc->gids, def->misc->ngids);
    dxBufElement(buf, "idmap", NULL, &child);
}
