/* qemu_devices_expand.c: QEMU driver defaults of the watchdog, balloon,
 * rng, tpm, panic, shmem, memory, iommu, vsock and filesystem devices. */
#include "qemu_devices.h"
#include "qemu_target.h"
#include "conf/memballoon_conf.h"
#include "conf/memdev_conf.h"
#include "conf/panic_conf.h"
#include "conf/shmem_conf.h"
#include "conf/tpm_conf.h"
#include "conf/vsock_conf.h"
#include "util/dxalloc.h"
#include "util/dxbitmap.h"

#include <stdlib.h>
#include <string.h>

/* ivshmem's region when the XML gives no size */
#define DX_QEMU_SHMEM_DEFAULT_SIZE (4ULL << 20)

/* The QEMU driver gives every guest a virtio balloon unless the XML
 * says otherwise (model='none'). */
int
dxQemuExpandDefaultMemballoon(dxDomainDef *def)
{
    if (!def->memballoon)
        def->memballoon = dxMemballoonNew(DX_MEMBALLOON_MODEL_VIRTIO);
    return 0;
}

static void
dxQemuExpandPanic(const dxDomainDef *def, dxPanicDef *panic)
{
    if (panic->model != DX_PANIC_MODEL_DEFAULT)
        return;
    if (dxQemuArchIsX86(def->os.arch))
        panic->model = DX_PANIC_MODEL_ISA;
    else if (def->os.arch && strncmp(def->os.arch, "ppc64", 5) == 0)
        panic->model = DX_PANIC_MODEL_PSERIES;
    else if (def->os.arch && strcmp(def->os.arch, "s390x") == 0)
        panic->model = DX_PANIC_MODEL_S390;
}

/* TPM 1.2 and 2.0 are different devices to the guest, so an emulator
 * gets a definite version: 2.0 for the models that only speak it. */
static void
dxQemuExpandTPM(dxTPMDef *tpm)
{
    if (tpm->model == DX_TPM_MODEL_DEFAULT)
        tpm->model = DX_TPM_MODEL_TIS;
    if (tpm->backend != DX_TPM_BACKEND_EMULATOR || tpm->version)
        return;
    if (tpm->model == DX_TPM_MODEL_CRB || tpm->model == DX_TPM_MODEL_SPAPR)
        tpm->version = DX_TPM_VERSION_2_0;
    else
        tpm->version = DX_TPM_VERSION_1_2;
}

/* ivshmem-doorbell always signals through MSI; its ioeventfd is on
 * unless the XML turns it off.  Only shared memory has a size. */
static void
dxQemuExpandShmem(dxShmemDef *shmem)
{
    if (shmem->model != DX_SHMEM_MODEL_IVSHMEM_DOORBELL && !shmem->size)
        shmem->size = DX_QEMU_SHMEM_DEFAULT_SIZE;
    if (shmem->model == DX_SHMEM_MODEL_IVSHMEM_DOORBELL && shmem->server) {
        shmem->msi = true;
        if (!shmem->msiIoeventfd)
            shmem->msiIoeventfd = DX_TRISTATE_SWITCH_ON;
    }
}

int
dxQemuExpandOtherDevices(dxDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->npanics; i++)
        dxQemuExpandPanic(def, def->panics[i]);
    for (i = 0; i < def->ntpms; i++)
        dxQemuExpandTPM(def->tpms[i]);
    for (i = 0; i < def->nshmems; i++)
        dxQemuExpandShmem(def->shmems[i]);
    if (def->vsock && def->vsock->model == DX_VSOCK_MODEL_DEFAULT)
        def->vsock->model = DX_VSOCK_MODEL_VIRTIO;
    return 0;
}

/* DIMMs and NVDIMMs each take one of the <maxMemory slots=>: keep the
 * slots the XML gives, then hand out the lowest free ones in order. */
int
dxQemuAssignMemorySlots(dxDomainDef *def)
{
    dxBitmap *used;
    size_t i;
    long slot = -1;

    if (!def->mem.maxKiB || !def->mem.maxSlots)
        return 0;
    used = dxBitmapNew();
    for (i = 0; i < def->nmems; i++) {
        const dxDeviceInfo *info = &def->mems[i]->info;
        if (info->type == DX_ADDRESS_TYPE_DIMM)
            dxBitmapSet(used, info->addr.dimm.slot);
    }
    for (i = 0; i < def->nmems; i++) {
        dxMemoryDef *mem = def->mems[i];
        if (!dxMemoryDeviceNeedsSlot(mem) || mem->info.type != DX_ADDRESS_TYPE_NONE)
            continue;
        do {
            slot++;
        } while (dxBitmapIsSet(used, (size_t)slot));
        if ((unsigned long)slot >= def->mem.maxSlots)
            break;          /* the checks report it */
        dxBitmapSet(used, (size_t)slot);
        mem->info.type = DX_ADDRESS_TYPE_DIMM;
        mem->info.addr.dimm.slot = (unsigned int)slot;
    }
    dxBitmapFree(used);
    return 0;
}
