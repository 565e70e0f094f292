/* qemu_cmd_memdev.c: <memory> devices: a memory backend object each,
 * then the pc-dimm, nvdimm, virtio-pmem-pci or virtio-mem-pci device. */
#include "qemu_cmd_devices.h"
#include "conf/memdev_conf.h"
#include "util/dxalloc.h"
#include "util/dxuuid.h"

#include <stdlib.h>
#include <string.h>

static const char *
dxQemuMemoryDeviceDriver(const dxMemoryDef *mem)
{
    switch (mem->model) {
    case DX_MEMDEV_MODEL_DIMM:
        return "pc-dimm";
    case DX_MEMDEV_MODEL_NVDIMM:
        return "nvdimm";
    case DX_MEMDEV_MODEL_VIRTIO_PMEM:
        return "virtio-pmem-pci";
    case DX_MEMDEV_MODEL_VIRTIO_MEM:
        return "virtio-mem-pci";
    case DX_MEMDEV_MODEL_SGX_EPC:
    case DX_MEMDEV_MODEL_NONE:
    case DX_MEMDEV_MODEL_LAST:
        break;
    }
    return NULL;
}

/* QEMU wants memory modules in whole 2 MiB (x86) or 256 MiB (ppc64)
 * units; libvirt rounds the size up when it starts the guest. */
static unsigned long long
dxQemuMemoryDeviceSizeKiB(const dxDomainDef *def, const dxMemoryDef *mem)
{
    unsigned long long align = 2048;

    if (def->os.arch && strncmp(def->os.arch, "ppc64", 5) == 0)
        align = 256 * 1024;
    return (mem->sizeKiB + align - 1) / align * align;
}

static int
dxQemuBuildMemoryDeviceBackend(dxQemuBuildCtx *ctx, const dxMemoryDef *mem, const char *id)
{
    dxQemuMemBackendSpec spec = { 0 };

    spec.id = id;
    /* a file of its own in the memory backing directory, named after
     * the device */
    spec.fileName = mem->info.alias;
    spec.sizeKiB = dxQemuMemoryDeviceSizeKiB(ctx->def, mem);
    spec.cell = mem->targetNode;
    spec.memPath = mem->path;
    spec.pageKiB = mem->pagesizeKiB;
    spec.access = mem->access;
    spec.discard = mem->discard;
    spec.hostNodes = mem->nodemask;
    spec.alignKiB = mem->alignsizeKiB;
    if (mem->pmem)
        spec.pmem = DX_TRISTATE_BOOL_YES;
    /* a file QEMU maps is preallocated, unless it is real persistent
     * memory (wearing it out for nothing) or a virtio-pmem image */
    if (mem->path)
        spec.prealloc = mem->model == DX_MEMDEV_MODEL_NVDIMM && !mem->pmem ?
                        DX_TRISTATE_BOOL_YES : DX_TRISTATE_BOOL_NO;
    /* virtio-mem plugs memory in as the guest asks: reserve none up front */
    spec.noReserve = mem->model == DX_MEMDEV_MODEL_VIRTIO_MEM;
    return dxQemuBuildMemoryBackend(ctx, &spec);
}

static void
dxQemuMemoryDeviceProps(dxQemuBuildCtx *ctx, dxJSON *props, const dxMemoryDef *mem,
                        const char *memdev)
{
    char uuid[DX_UUID_STRING_BUFLEN];

    dxJSONAddString(props, "driver", dxQemuMemoryDeviceDriver(mem));
    if (mem->targetNode >= 0)
        dxJSONAddUInt(props, "node", (unsigned int)mem->targetNode);
    if (mem->labelsizeKiB)
        dxJSONAddUInt(props, "label-size", mem->labelsizeKiB * 1024);
    if (mem->blocksizeKiB)
        dxJSONAddUInt(props, "block-size", mem->blocksizeKiB * 1024);
    if (mem->requestedKiB)
        dxJSONAddUInt(props, "requested-size", mem->requestedKiB * 1024);
    if (mem->hasUuid) {
        dxUUIDFormat(mem->uuid, uuid);
        dxJSONAddString(props, "uuid", uuid);
    }
    if (mem->readonly)
        dxJSONAddBool(props, "unarmed", true);
    dxJSONAddString(props, "memdev", memdev);
    dxJSONAddString(props, "id", mem->info.alias);
    if (mem->info.type == DX_ADDRESS_TYPE_DIMM) {
        dxJSONAddUInt(props, "slot", mem->info.addr.dimm.slot);
        if (mem->info.addr.dimm.base)
            dxJSONAddUInt(props, "addr", mem->info.addr.dimm.base);
    } else {
        dxQemuBuildDeviceAddressProps(ctx, props, &mem->info);
    }
}

int
dxQemuBuildMemoryDevices(dxQemuBuildCtx *ctx)
{
    size_t i;

    for (i = 0; i < ctx->def->nmems; i++) {
        const dxMemoryDef *mem = ctx->def->mems[i];
        char *memdev = dxAsprintf("mem%s", mem->info.alias);
        dxJSON *props;

        if (dxQemuBuildMemoryDeviceBackend(ctx, mem, memdev) < 0) {
            free(memdev);
            return -1;
        }
        props = dxJSONNewObject();
        dxQemuMemoryDeviceProps(ctx, props, mem, memdev);
        dxArgvAddJSON(ctx->argv, "-device", props);
        free(memdev);
    }
    return 0;
}
