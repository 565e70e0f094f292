/* shmem_conf.c: parse and format of <shmem>. */
#include "shmem_conf.h"
#include "util/dxalloc.h"
#include "util/dxunits.h"
#include "util/dxxml.h"

#include <stdlib.h>
#include <string.h>

DX_ENUM_IMPL(dxShmemModel, DX_SHMEM_MODEL_LAST,
             "ivshmem", "ivshmem-plain", "ivshmem-doorbell");
DX_ENUM_IMPL(dxShmemRole, DX_SHMEM_ROLE_LAST, "default", "master", "peer");

void
dxShmemFree(dxShmemDef *shmem)
{
    if (!shmem)
        return;
    free(shmem->name);
    free(shmem->serverPath);
    dxDeviceInfoClear(&shmem->info);
    free(shmem);
}

/* <size unit='U'>N</size> in bytes (the unit defaults to bytes here). */
static int
dxShmemParseSize(dxShmemDef *shmem, xmlNodePtr node)
{
    char *unit = dxXMLPropString(node, "unit");
    const char *why = NULL;
    int rc = 0;

    if (dxXMLContentULongLong(node, &shmem->size) < 0) {
        rc = -1;
    } else if (dxScaleInteger(&shmem->size, unit, 1, (unsigned long long)-1, &why) < 0) {
        dxErrorReport(DX_ERR_INVALID, node, "invalid shmem size: %s", why);
        rc = -1;
    }
    free(unit);
    return rc;
}

static int
dxShmemParseChildren(dxShmemDef *shmem, xmlNodePtr node)
{
    xmlNodePtr child;
    int model = 0;

    if ((child = dxXMLChild(node, "model"))) {
        if (dxXMLPropEnum(child, "type", &dxShmemModelTable, DX_PROP_REQUIRED, &model) < 0)
            return -1;
        shmem->model = model;
    }
    if ((child = dxXMLChild(node, "size")) && dxShmemParseSize(shmem, child) < 0)
        return -1;
    if ((child = dxXMLChild(node, "server"))) {
        shmem->server = true;
        shmem->serverPath = dxXMLPropString(child, "path");
    }
    if ((child = dxXMLChild(node, "msi"))) {
        if (!shmem->server) {
            dxErrorReport(DX_ERR_INVALID, child, "msi option is only supported with a server");
            return -1;
        }
        shmem->msi = true;
        if (dxXMLPropUInt(child, "vectors", 10, 0, &shmem->msiVectors) < 0 ||
            dxXMLPropTristateSwitch(child, "ioeventfd", 0, &shmem->msiIoeventfd) < 0)
            return -1;
    }
    return dxDeviceInfoParse(&shmem->info, node, 0);
}

int
dxShmemParse(dxDomainDef *def, xmlNodePtr node)
{
    dxShmemDef *shmem = dxNew(dxShmemDef);
    int role = 0;

    if (dxXMLPropStringRequired(node, "name", &shmem->name) < 0 ||
        dxXMLPropEnum(node, "role", &dxShmemRoleTable, DX_PROP_NONZERO, &role) < 0)
        goto error;
    shmem->role = role;
    /* the name becomes a file name under /dev/shm and in socket paths */
    if (strchr(shmem->name, '/') || strcmp(shmem->name, ".") == 0 ||
        strcmp(shmem->name, "..") == 0 || !*shmem->name) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "shmem name '%s' must be a plain file name (no '/', not '.' or '..')",
                      shmem->name);
        goto error;
    }
    if (dxShmemParseChildren(shmem, node) < 0)
        goto error;
    DX_APPEND(def->shmems, def->nshmems, shmem);
    return 0;
 error:
    dxShmemFree(shmem);
    return -1;
}

void
dxShmemFormat(dxBuf *buf, const dxShmemDef *shmem)
{
    dxBuf child = DX_BUF_INIT_CHILD(buf);

    dxBufAddStr(buf, "<shmem");
    dxBufAttr(buf, "name", shmem->name);
    if (shmem->role)
        dxBufAttr(buf, "role", dxShmemRoleTypeToString(shmem->role));
    dxBufAddStr(buf, ">\n");
    dxBufAddf(&child, "<model type='%s'/>\n", dxShmemModelTypeToString(shmem->model));
    if (shmem->size)
        dxBufAddf(&child, "<size unit='M'>%llu</size>\n", shmem->size >> 20);
    if (shmem->server) {
        dxBufAddStr(&child, "<server");
        dxBufAttr(&child, "path", shmem->serverPath);
        dxBufAddStr(&child, "/>\n");
    }
    if (shmem->msi) {
        dxBufAddStr(&child, "<msi");
        if (shmem->msiVectors)
            dxBufAddf(&child, " vectors='%u'", shmem->msiVectors);
        if (shmem->msiIoeventfd)
            dxBufAttr(&child, "ioeventfd", dxTristateSwitchTypeToString(shmem->msiIoeventfd));
        dxBufAddStr(&child, "/>\n");
    }
    dxDeviceInfoFormat(&child, &shmem->info, 0);
    dxBufAddBuf(buf, &child);
    dxBufAddStr(buf, "</shmem>\n");
}
