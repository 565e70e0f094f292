/* qemu_devices_alias.c: libvirt's aliases for the watchdog, balloon, rng,
 * tpm, shmem, memory, iommu, vsock, filesystem and USB device families.
 * A device that already has an alias (a user alias, ua-*) keeps it. */
#include "qemu_devices.h"
#include "conf/crypto_conf.h"
#include "conf/fs_conf.h"
#include "conf/hub_conf.h"
#include "conf/iommu_conf.h"
#include "conf/memballoon_conf.h"
#include "conf/memdev_conf.h"
#include "conf/panic_conf.h"
#include "conf/redirdev_conf.h"
#include "conf/rng_conf.h"
#include "conf/shmem_conf.h"
#include "conf/smartcard_conf.h"
#include "conf/tpm_conf.h"
#include "conf/vsock_conf.h"
#include "conf/watchdog_conf.h"
#include "util/dxalloc.h"
#include "util/dxxml.h"

#include <string.h>

static void
dxQemuSetAlias(dxDeviceInfo *info, const char *prefix, unsigned int idx)
{
    if (!info->alias)
        info->alias = dxAsprintf("%s%u", prefix, idx);
}

/* N when ALIAS is PREFIX followed by the number N, else -1. */
static long
dxQemuAliasIndex(const char *alias, const char *prefix)
{
    size_t len = strlen(prefix);
    unsigned int idx;

    if (!alias || strncmp(alias, prefix, len) != 0 || dxStrToUInt(alias + len, 10, &idx) < 0)
        return -1;
    return idx;
}

/* One past the highest PREFIXN alias among INFOS: families whose aliases
 * do not follow the array index (a user alias takes no number). */
#define DX_NEXT_ALIAS_INDEX(array, count, prefix, out) \
    do { \
        size_t j_; \
        (out) = 0; \
        for (j_ = 0; j_ < (count); j_++) { \
            long n_ = dxQemuAliasIndex((array)[j_]->info.alias, (prefix)); \
            if (n_ >= (long)(out)) \
                (out) = (unsigned int)n_ + 1; \
        } \
    } while (0)

static const char *
dxQemuMemoryAliasPrefix(const dxMemoryDef *mem)
{
    switch (mem->model) {
    case DX_MEMDEV_MODEL_DIMM:
        return "dimm";
    case DX_MEMDEV_MODEL_NVDIMM:
        return "nvdimm";
    case DX_MEMDEV_MODEL_VIRTIO_PMEM:
        return "virtiopmem";
    case DX_MEMDEV_MODEL_VIRTIO_MEM:
        return "virtiomem";
    case DX_MEMDEV_MODEL_SGX_EPC:
        return "epc";
    case DX_MEMDEV_MODEL_NONE:
    case DX_MEMDEV_MODEL_LAST:
        break;
    }
    return "mem";
}

/* Slot-based for DIMMs (the alias survives hotplug), counted per model
 * otherwise. */
static void
dxQemuAssignMemoryAliases(dxDomainDef *def)
{
    size_t i, j;

    for (i = 0; i < def->nmems; i++) {
        dxMemoryDef *mem = def->mems[i];
        const char *prefix = dxQemuMemoryAliasPrefix(mem);
        unsigned int idx = 0;

        if (mem->info.alias)
            continue;
        if (mem->info.type == DX_ADDRESS_TYPE_DIMM) {
            idx = mem->info.addr.dimm.slot;
        } else {
            for (j = 0; j < def->nmems; j++) {
                long n = dxQemuAliasIndex(def->mems[j]->info.alias, prefix);
                if (n >= (long)idx)
                    idx = (unsigned int)n + 1;
            }
        }
        dxQemuSetAlias(&mem->info, prefix, idx);
    }
}

static void
dxQemuAssignUSBDeviceAliases(dxDomainDef *def)
{
    size_t i;
    for (i = 0; i < def->nredirdevs; i++)
        dxQemuSetAlias(&def->redirdevs[i]->info, "redir", i);
    for (i = 0; i < def->nsmartcards; i++)
        dxQemuSetAlias(&def->smartcards[i]->info, "smartcard", i);
    for (i = 0; i < def->nhubs; i++)
        dxQemuSetAlias(&def->hubs[i]->info, "hub", i);
}

void
dxQemuAssignOtherAliases(dxDomainDef *def)
{
    unsigned int next;
    size_t i;

    for (i = 0; i < def->nfss; i++)
        dxQemuSetAlias(&def->fss[i]->info, "fs", i);
    dxQemuAssignUSBDeviceAliases(def);
    for (i = 0; i < def->nshmems; i++)
        dxQemuSetAlias(&def->shmems[i]->info, "shmem", i);
    for (i = 0; i < def->nwatchdogs; i++)
        dxQemuSetAlias(&def->watchdogs[i]->info, "watchdog", i);
    if (def->memballoon)
        dxQemuSetAlias(&def->memballoon->info, "balloon", 0);
    for (i = 0; i < def->nrngs; i++) {
        if (def->rngs[i]->info.alias)
            continue;
        DX_NEXT_ALIAS_INDEX(def->rngs, def->nrngs, "rng", next);
        dxQemuSetAlias(&def->rngs[i]->info, "rng", next);
    }
    for (i = 0; i < def->ntpms; i++)
        dxQemuSetAlias(&def->tpms[i]->info, "tpm", i);
    for (i = 0; i < def->npanics; i++)
        dxQemuSetAlias(&def->panics[i]->info, "panic", i);
    dxQemuAssignMemoryAliases(def);
    if (def->vsock)
        dxQemuSetAlias(&def->vsock->info, "vsock", 0);
    if (def->iommu)
        dxQemuSetAlias(&def->iommu->info, "iommu", 0);
    for (i = 0; i < def->ncryptos; i++)
        dxQemuSetAlias(&def->cryptos[i]->info, "crypto", i);
}
