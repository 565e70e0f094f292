/* memdev_conf.c: parse, format and checks of <memory> devices. */
#include "memdev_conf.h"
#include "util/dxalloc.h"
#include "util/dxuuid.h"
#include "util/dxxml.h"

#include <stdlib.h>

DX_ENUM_IMPL(dxMemdevModel, DX_MEMDEV_MODEL_LAST,
             "", "dimm", "nvdimm", "virtio-pmem", "virtio-mem", "sgx-epc");
DX_ENUM_IMPL(dxMemdevAccess, DX_MEMDEV_ACCESS_LAST, "default", "shared", "private");

void
dxMemoryDeviceFree(dxMemoryDef *mem)
{
    if (!mem)
        return;
    dxBitmapFree(mem->nodemask);
    free(mem->path);
    dxDeviceInfoClear(&mem->info);
    free(mem);
}

bool
dxMemoryDeviceNeedsSlot(const dxMemoryDef *mem)
{
    return mem->model == DX_MEMDEV_MODEL_DIMM || mem->model == DX_MEMDEV_MODEL_NVDIMM;
}

bool
dxMemoryDeviceIsVirtio(const dxMemoryDef *mem)
{
    return mem->model == DX_MEMDEV_MODEL_VIRTIO_PMEM || mem->model == DX_MEMDEV_MODEL_VIRTIO_MEM;
}

unsigned long long
dxMemoryDevicesTotalKiB(const dxDomainDef *def)
{
    unsigned long long total = 0;
    size_t i;
    for (i = 0; i < def->nmems; i++)
        total += def->mems[i]->sizeKiB;
    return total;
}

static int
dxMemdevParseNodemask(dxMemoryDef *mem, xmlNodePtr node)
{
    char *text = dxXMLContent(node);
    int rc = 0;

    mem->nodemask = dxBitmapParse(text);
    if (!mem->nodemask || dxBitmapIsEmpty(mem->nodemask)) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "invalid nodemask '%s': expected a list of host NUMA nodes like '0-1,3'",
                      text);
        rc = -1;
    }
    free(text);
    return rc;
}

/* Which <source> and <target> children each model accepts: the others
 * are left unread, so they are reported instead of silently ignored. */
static int
dxMemdevParseSource(dxMemoryDef *mem, xmlNodePtr source)
{
    xmlNodePtr child;
    bool pages = mem->model == DX_MEMDEV_MODEL_DIMM || mem->model == DX_MEMDEV_MODEL_VIRTIO_MEM;
    bool nodes = pages || mem->model == DX_MEMDEV_MODEL_SGX_EPC;
    bool file = mem->model == DX_MEMDEV_MODEL_NVDIMM || mem->model == DX_MEMDEV_MODEL_VIRTIO_PMEM;

    if (pages && (child = dxXMLChild(source, "pagesize")) &&
        dxParseMemorySize(child, &mem->pagesizeKiB) < 0)
        return -1;
    if (nodes && (child = dxXMLChild(source, "nodemask")) &&
        dxMemdevParseNodemask(mem, child) < 0)
        return -1;
    if (file) {
        if (!(child = dxXMLChild(source, "path"))) {
            dxErrorReport(DX_ERR_INVALID, source,
                          "missing <path> in the <source> of a '%s' memory device",
                          dxMemdevModelTypeToString(mem->model));
            return -1;
        }
        mem->path = dxXMLContent(child);
    }
    if (mem->model == DX_MEMDEV_MODEL_NVDIMM) {
        if ((child = dxXMLChild(source, "alignsize")) &&
            dxParseMemorySize(child, &mem->alignsizeKiB) < 0)
            return -1;
        if (dxXMLChild(source, "pmem"))
            mem->pmem = true;
    }
    return 0;
}

static int
dxMemdevParseTargetNode(dxMemoryDef *mem, xmlNodePtr node)
{
    unsigned int val;
    if (dxXMLContentUInt(node, &val) < 0)
        return -1;
    mem->targetNode = (int)val;
    return 0;
}

static int
dxMemdevParseTarget(dxMemoryDef *mem, xmlNodePtr target)
{
    xmlNodePtr child, size;

    if (!(child = dxXMLChild(target, "size"))) {
        dxErrorReport(DX_ERR_INVALID, target, "missing <size> in memory device <target>");
        return -1;
    }
    if (dxParseMemorySize(child, &mem->sizeKiB) < 0)
        return -1;
    if ((child = dxXMLChild(target, "node")) && dxMemdevParseTargetNode(mem, child) < 0)
        return -1;
    if (mem->model == DX_MEMDEV_MODEL_NVDIMM) {
        if ((child = dxXMLChild(target, "label"))) {
            if (!(size = dxXMLChild(child, "size"))) {
                dxErrorReport(DX_ERR_INVALID, child, "missing <size> in NVDIMM <label>");
                return -1;
            }
            if (dxParseMemorySize(size, &mem->labelsizeKiB) < 0)
                return -1;
        }
        if (dxXMLChild(target, "readonly"))
            mem->readonly = true;
    }
    if (mem->model == DX_MEMDEV_MODEL_VIRTIO_MEM &&
        (((child = dxXMLChild(target, "block")) && dxParseMemorySize(child, &mem->blocksizeKiB) < 0) ||
         ((child = dxXMLChild(target, "requested")) && dxParseMemorySize(child, &mem->requestedKiB) < 0) ||
         ((child = dxXMLChild(target, "current")) && dxParseMemorySize(child, &mem->currentKiB) < 0)))
        return -1;
    return 0;
}

static int
dxMemdevParseUUID(dxMemoryDef *mem, xmlNodePtr node)
{
    char *text = dxXMLContent(node);
    int rc = 0;
    if (dxUUIDParse(text, mem->uuid) < 0) {
        dxErrorReport(DX_ERR_INVALID, node, "malformed uuid '%s'", text);
        rc = -1;
    }
    mem->hasUuid = true;
    free(text);
    return rc;
}

static int
dxMemdevParseBody(dxMemoryDef *mem, xmlNodePtr node)
{
    xmlNodePtr child;

    if (mem->model == DX_MEMDEV_MODEL_NVDIMM && (child = dxXMLChild(node, "uuid")) &&
        dxMemdevParseUUID(mem, child) < 0)
        return -1;
    if ((child = dxXMLChild(node, "source"))) {
        if (dxMemdevParseSource(mem, child) < 0)
            return -1;
    } else if (mem->model == DX_MEMDEV_MODEL_NVDIMM || mem->model == DX_MEMDEV_MODEL_VIRTIO_PMEM) {
        dxErrorReport(DX_ERR_INVALID, node, "missing <source> for a '%s' memory device",
                      dxMemdevModelTypeToString(mem->model));
        return -1;
    }
    if (!(child = dxXMLChild(node, "target"))) {
        dxErrorReport(DX_ERR_INVALID, node, "missing <target> element for memory device");
        return -1;
    }
    if (dxMemdevParseTarget(mem, child) < 0)
        return -1;
    return dxDeviceInfoParse(&mem->info, node, 0);
}

int
dxMemoryDeviceParse(dxDomainDef *def, xmlNodePtr node)
{
    dxMemoryDef *mem = dxNew(dxMemoryDef);
    int model = 0, access = 0;

    mem->targetNode = -1;
    if (dxXMLPropEnum(node, "model", &dxMemdevModelTable,
                      DX_PROP_REQUIRED | DX_PROP_NONZERO, &model) < 0 ||
        dxXMLPropEnum(node, "access", &dxMemdevAccessTable, DX_PROP_NONZERO, &access) < 0 ||
        dxXMLPropTristateBool(node, "discard", 0, &mem->discard) < 0)
        goto error;
    mem->model = model;
    mem->access = access;
    if (dxMemdevParseBody(mem, node) < 0)
        goto error;
    DX_APPEND(def->mems, def->nmems, mem);
    return 0;
 error:
    dxMemoryDeviceFree(mem);
    return -1;
}

static void
dxMemdevFormatSource(dxBuf *buf, const dxMemoryDef *mem)
{
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    char *nodes;

    if (mem->nodemask) {
        nodes = dxBitmapFormat(mem->nodemask);
        dxBufTextElement(&child, "nodemask", nodes);
        free(nodes);
    }
    if (mem->pagesizeKiB)
        dxBufAddf(&child, "<pagesize unit='KiB'>%llu</pagesize>\n", mem->pagesizeKiB);
    dxBufTextElement(&child, "path", mem->path);
    if (mem->alignsizeKiB)
        dxBufAddf(&child, "<alignsize unit='KiB'>%llu</alignsize>\n", mem->alignsizeKiB);
    if (mem->pmem)
        dxBufAddStr(&child, "<pmem/>\n");
    dxBufElement(buf, "source", NULL, &child);
}

static void
dxMemdevFormatTarget(dxBuf *buf, const dxMemoryDef *mem)
{
    dxBuf child = DX_BUF_INIT_CHILD(buf);

    dxBufAddf(&child, "<size unit='KiB'>%llu</size>\n", mem->sizeKiB);
    if (mem->targetNode >= 0)
        dxBufAddf(&child, "<node>%d</node>\n", mem->targetNode);
    if (mem->labelsizeKiB) {
        dxBufAddStr(&child, "<label>\n");
        dxBufAdjustIndent(&child, 2);
        dxBufAddf(&child, "<size unit='KiB'>%llu</size>\n", mem->labelsizeKiB);
        dxBufAdjustIndent(&child, -2);
        dxBufAddStr(&child, "</label>\n");
    }
    if (mem->readonly)
        dxBufAddStr(&child, "<readonly/>\n");
    if (mem->blocksizeKiB)
        dxBufAddf(&child, "<block unit='KiB'>%llu</block>\n", mem->blocksizeKiB);
    if (mem->requestedKiB)
        dxBufAddf(&child, "<requested unit='KiB'>%llu</requested>\n", mem->requestedKiB);
    /* <current> is live state: never part of the configuration */
    dxBufElement(buf, "target", NULL, &child);
}

void
dxMemoryDeviceFormat(dxBuf *buf, const dxMemoryDef *mem)
{
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    char uuid[DX_UUID_STRING_BUFLEN];

    dxBufAddf(buf, "<memory model='%s'", dxMemdevModelTypeToString(mem->model));
    if (mem->access)
        dxBufAttr(buf, "access", dxMemdevAccessTypeToString(mem->access));
    if (mem->discard)
        dxBufAttr(buf, "discard", dxTristateBoolTypeToString(mem->discard));
    dxBufAddStr(buf, ">\n");
    if (mem->hasUuid) {
        dxUUIDFormat(mem->uuid, uuid);
        dxBufTextElement(&child, "uuid", uuid);
    }
    dxMemdevFormatSource(&child, mem);
    dxMemdevFormatTarget(&child, mem);
    dxDeviceInfoFormat(&child, &mem->info, 0);
    dxBufAddBuf(buf, &child);
    dxBufAddStr(buf, "</memory>\n");
}
