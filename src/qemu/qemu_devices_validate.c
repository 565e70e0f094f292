/* qemu_devices_validate.c: what QEMU 7.2 (x86) cannot run among the
 * watchdog, balloon, rng, tpm, panic, shmem, memory, iommu, vsock,
 * filesystem and nvram devices. */
#include "qemu_devices.h"
#include "qemu_target.h"
#include "conf/controller_conf.h"
#include "conf/fs_conf.h"
#include "conf/iommu_conf.h"
#include "conf/memballoon_conf.h"
#include "conf/memdev_conf.h"
#include "conf/memory_conf.h"
#include "conf/numa_conf.h"
#include "conf/nvram_conf.h"
#include "conf/hub_conf.h"
#include "conf/panic_conf.h"
#include "conf/redirdev_conf.h"
#include "conf/smartcard_conf.h"
#include "conf/shmem_conf.h"
#include "conf/tpm_conf.h"
#include "conf/vsock_conf.h"
#include "conf/watchdog_conf.h"
#include "util/dxerror.h"

#include <string.h>

/* Device models tied to one architecture are checked against the guest's
 * (command lines are built for x86 only, but other guests still parse,
 * expand and validate). */
static bool
dxArchIsPPC64(const char *arch)
{
    return arch && strncmp(arch, "ppc64", 5) == 0;
}

static bool
dxArchIsS390(const char *arch)
{
    return arch && strncmp(arch, "s390", 4) == 0;
}

static bool
dxArchIsARM(const char *arch)
{
    return arch && (strcmp(arch, "aarch64") == 0 || strncmp(arch, "armv", 4) == 0);
}

static int
dxQemuValidateWatchdog(const dxDomainDef *def, const dxWatchdogDef *wd)
{
    const char *model = dxWatchdogModelTypeToString(wd->model);

    switch (wd->model) {
    case DX_WATCHDOG_MODEL_I6300ESB:
        if (wd->info.type != DX_ADDRESS_TYPE_NONE && wd->info.type != DX_ADDRESS_TYPE_PCI) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &wd->info.loc,
                             "%s model of watchdog can go only on PCI bus", model);
            return -1;
        }
        return 0;
    case DX_WATCHDOG_MODEL_IB700:
        if (!dxQemuArchIsX86(def->os.arch)) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &wd->info.loc,
                             "%s model of watchdog is only available on x86", model);
            return -1;
        }
        break;
    case DX_WATCHDOG_MODEL_DIAG288:
        if (!dxArchIsS390(def->os.arch)) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &wd->info.loc,
                             "%s model of watchdog is only available on s390", model);
            return -1;
        }
        break;
    case DX_WATCHDOG_MODEL_LAST:
        break;
    }
    if (wd->info.type != DX_ADDRESS_TYPE_NONE) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &wd->info.loc,
                         "%s model of watchdog is part of the machine and cannot have "
                         "any address set", model);
        return -1;
    }
    return 0;
}

static int
dxQemuValidateMemballoon(const dxMemballoonDef *mb)
{
    if (mb && mb->model == DX_MEMBALLOON_MODEL_XEN) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &mb->info.loc,
                         "Memory balloon device type 'xen' is not supported by QEMU");
        return -1;
    }
    return 0;
}

static int
dxQemuValidateTPMs(const dxDomainDef *def)
{
    size_t i;
    size_t nproxies = 0;

    for (i = 0; i < def->ntpms; i++) {
        const dxTPMDef *tpm = def->tpms[i];
        /* the proxy forwards the host's TPM to a pSeries guest; there is one */
        if (tpm->model == DX_TPM_MODEL_SPAPR_PROXY && ++nproxies > 1) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &tpm->info.loc,
                             "only a single TPM Proxy device is supported: remove this one");
            return -1;
        }
        /* a pSeries guest may add the TPM proxy to its own TPM */
        if (i > 0 && tpm->model != DX_TPM_MODEL_SPAPR_PROXY &&
            def->tpms[0]->model != DX_TPM_MODEL_SPAPR_PROXY) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &tpm->info.loc,
                             "only a single TPM device is supported");
            return -1;
        }
        if ((tpm->model == DX_TPM_MODEL_SPAPR || tpm->model == DX_TPM_MODEL_SPAPR_PROXY) &&
            !dxArchIsPPC64(def->os.arch)) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &tpm->info.loc,
                             "TPM model '%s' is only available for PPC64 guests",
                             dxTPMModelTypeToString(tpm->model));
            return -1;
        }
        if (tpm->model == DX_TPM_MODEL_CRB && tpm->version == DX_TPM_VERSION_1_2) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &tpm->info.loc,
                             "TPM 1.2 is not supported with the 'tpm-crb' model: use version='2.0'");
            return -1;
        }
        /* QEMU's ARM boards only emulate a TPM 2.0 (tpm-tis-device) */
        if (tpm->version == DX_TPM_VERSION_1_2 && dxArchIsARM(def->os.arch)) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &tpm->info.loc,
                             "TPM 1.2 is not supported on ARM: use version='2.0'");
            return -1;
        }
        if (tpm->backend == DX_TPM_BACKEND_PASSTHROUGH && tpm->pcrBanks) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &tpm->info.loc,
                             "active PCR banks only apply to an emulated TPM");
            return -1;
        }
    }
    return 0;
}

/* The architecture each panic model exists on (NULL: any). */
static bool
dxQemuPanicModelFitsArch(dxPanicModel model, const char *arch)
{
    switch (model) {
    case DX_PANIC_MODEL_ISA:
    case DX_PANIC_MODEL_HYPERV:
        return dxQemuArchIsX86(arch);
    case DX_PANIC_MODEL_PSERIES:
        return dxArchIsPPC64(arch);
    case DX_PANIC_MODEL_S390:
        return dxArchIsS390(arch);
    case DX_PANIC_MODEL_DEFAULT:
    case DX_PANIC_MODEL_PVPANIC:
    case DX_PANIC_MODEL_LAST:
        break;
    }
    return true;
}

static int
dxQemuValidatePanic(const dxDomainDef *def, const dxPanicDef *panic)
{
    dxAddressType want = DX_ADDRESS_TYPE_NONE;

    if (!dxQemuPanicModelFitsArch(panic->model, def->os.arch)) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &panic->info.loc,
                         "panic model '%s' is not available for architecture '%s'",
                         dxPanicModelTypeToString(panic->model), def->os.arch);
        return -1;
    }
    /* these two are part of the machine: nothing to place on a bus */
    if ((panic->model == DX_PANIC_MODEL_S390 || panic->model == DX_PANIC_MODEL_HYPERV) &&
        panic->info.type != DX_ADDRESS_TYPE_NONE) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &panic->info.loc,
                         "setting the panic device address is not supported for model "
                         "'%s': remove its <address>",
                         dxPanicModelTypeToString(panic->model));
        return -1;
    }
    if (panic->model == DX_PANIC_MODEL_ISA)
        want = DX_ADDRESS_TYPE_ISA;
    else if (panic->model == DX_PANIC_MODEL_PVPANIC)
        want = DX_ADDRESS_TYPE_PCI;
    else
        return 0;
    if (panic->info.type != DX_ADDRESS_TYPE_NONE && panic->info.type != want) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &panic->info.loc,
                         "panic device of model '%s' must use %s address",
                         dxPanicModelTypeToString(panic->model),
                         want == DX_ADDRESS_TYPE_ISA ? "ISA" : "PCI");
        return -1;
    }
    return 0;
}

static int
dxQemuValidatePanics(const dxDomainDef *def)
{
    size_t i;
    for (i = 0; i < def->npanics; i++) {
        if (dxQemuValidatePanic(def, def->panics[i]) < 0)
            return -1;
    }
    return 0;
}

static int
dxQemuValidateShmem(const dxShmemDef *shmem)
{
    const char *model = dxShmemModelTypeToString(shmem->model);

    if (shmem->info.type != DX_ADDRESS_TYPE_NONE && shmem->info.type != DX_ADDRESS_TYPE_PCI) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &shmem->info.loc,
                         "only 'pci' addresses are supported for the shared memory device");
        return -1;
    }
    if (shmem->model == DX_SHMEM_MODEL_IVSHMEM_DOORBELL && !shmem->server) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &shmem->info.loc,
                         "shmem model '%s' is supported only with server option enabled", model);
        return -1;
    }
    if (shmem->model == DX_SHMEM_MODEL_IVSHMEM_PLAIN && shmem->server) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &shmem->info.loc,
                         "shmem model '%s' is supported only with server option disabled", model);
        return -1;
    }
    if (shmem->model == DX_SHMEM_MODEL_IVSHMEM_DOORBELL && shmem->size) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &shmem->info.loc,
                         "shmem model '%s' does not support size setting: the server decides",
                         model);
        return -1;
    }
    if (shmem->size & (shmem->size - 1)) {
        dxErrorReportLoc(DX_ERR_INVALID, &shmem->info.loc, "shmem size must be a power of two");
        return -1;
    }
    if (shmem->size && shmem->size < 1024 * 1024) {
        dxErrorReportLoc(DX_ERR_INVALID, &shmem->info.loc,
                         "shmem size must be at least 1 MiB (1024 KiB)");
        return -1;
    }
    return 0;
}

static int
dxQemuValidateShmems(const dxDomainDef *def)
{
    size_t i;
    for (i = 0; i < def->nshmems; i++) {
        if (dxQemuValidateShmem(def->shmems[i]) < 0)
            return -1;
    }
    return 0;
}

static int
dxQemuValidateIOMMU(const dxDomainDef *def)
{
    const dxIOMMUDef *iommu = def->iommu;
    const char *model;

    if (!iommu)
        return 0;
    model = dxIOMMUModelTypeToString(iommu->model);
    switch (iommu->model) {
    case DX_IOMMU_MODEL_VIRTIO:
        if (dxArchIsARM(def->os.arch))
            break;
        /* fall through */
    case DX_IOMMU_MODEL_INTEL:
        if (!dxQemuMachineIsQ35(def->os.machine)) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &iommu->info.loc,
                             "IOMMU device: '%s' is only supported with Q35 machines", model);
            return -1;
        }
        break;
    case DX_IOMMU_MODEL_SMMUV3:
        if (dxArchIsARM(def->os.arch))
            return 0;
        /* fall through */
    case DX_IOMMU_MODEL_LAST:
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &iommu->info.loc,
                         "IOMMU device: '%s' is only supported with ARM Virt machines", model);
        return -1;
    }
    if (iommu->model == DX_IOMMU_MODEL_VIRTIO) {
        if (dxQemuArchIsX86(def->os.arch) &&
            def->features.state[DX_DOMAIN_FEATURE_ACPI] != DX_TRISTATE_SWITCH_ON) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &iommu->info.loc,
                             "IOMMU device: '%s' requires ACPI", model);
            return -1;
        }
        if (iommu->info.type != DX_ADDRESS_TYPE_NONE && iommu->info.type != DX_ADDRESS_TYPE_PCI) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &iommu->info.loc,
                             "IOMMU device: '%s' needs a PCI address", model);
            return -1;
        }
    } else if (iommu->info.type != DX_ADDRESS_TYPE_NONE) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &iommu->info.loc,
                         "IOMMU device: '%s' does not support an address", model);
        return -1;
    }
    return 0;
}

static int
dxQemuValidateVsock(const dxDomainDef *def)
{
    const dxVsockDef *vsock = def->vsock;

    if (!vsock || vsock->autoCid == DX_TRISTATE_BOOL_YES || vsock->cid)
        return 0;
    dxErrorReportLoc(DX_ERR_INVALID, &vsock->info.loc,
                     "vsock needs a guest CID: <cid address='N'/> (N >= 3) or <cid auto='yes'/>");
    return -1;
}

static int
dxQemuValidateFS(const dxFSDef *fs)
{
    if (fs->type != DX_FS_TYPE_MOUNT) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &fs->info.loc,
                         "only supports mount filesystem type");
        return -1;
    }
    switch (fs->driver) {
    case DX_FS_DRIVER_DEFAULT:
    case DX_FS_DRIVER_PATH:
    case DX_FS_DRIVER_HANDLE:
        if (fs->queueSize) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &fs->info.loc,
                             "only virtiofs supports a queue size");
            return -1;
        }
        if (fs->info.bootIndex) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &fs->info.loc,
                             "boot order is only supported with virtiofs");
            return -1;
        }
        if (fs->driver == DX_FS_DRIVER_HANDLE && fs->accessmode != DX_FS_ACCESS_PASSTHROUGH) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &fs->info.loc,
                             "only supports passthrough accessmode for the 'handle' driver");
            return -1;
        }
        return 0;
    case DX_FS_DRIVER_VIRTIOFS:
        if (fs->readonly) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &fs->info.loc,
                             "virtiofs does not yet support read-only mode");
            return -1;
        }
        if (fs->wrpolicy || fs->multidevs || fs->fmode || fs->dmode) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &fs->info.loc,
                             "wrpolicy, multidevs, fmode and dmode are 9p options, not virtiofs ones");
            return -1;
        }
        return 0;
    case DX_FS_DRIVER_LOOP:
    case DX_FS_DRIVER_NBD:
    case DX_FS_DRIVER_PLOOP:
    case DX_FS_DRIVER_LAST:
        break;
    }
    dxErrorReportLoc(DX_ERR_UNSUPPORTED, &fs->info.loc,
                     "Filesystem driver type '%s' is not supported by QEMU",
                     dxFSDriverTypeToString(fs->driver));
    return -1;
}

static int
dxQemuValidateFilesystems(const dxDomainDef *def)
{
    size_t i;
    for (i = 0; i < def->nfss; i++) {
        const dxFSDef *fs = def->fss[i];
        if (dxQemuValidateFS(fs) < 0)
            return -1;
        if (fs->driver == DX_FS_DRIVER_VIRTIOFS && !dxDomainGuestMemoryIsShared(def)) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &fs->info.loc,
                             "'virtiofs' requires shared memory");
            return -1;
        }
    }
    return 0;
}

static int
dxQemuValidateMemoryDevice(const dxDomainDef *def, const dxMemoryDef *mem)
{
    const char *model = dxMemdevModelTypeToString(mem->model);

    if (mem->model == DX_MEMDEV_MODEL_SGX_EPC) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &mem->info.loc,
                         "sgx epc isn't supported by this QEMU binary");
        return -1;
    }
    if (mem->hasUuid && !dxArchIsPPC64(def->os.arch)) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &mem->info.loc,
                         "UUID is not supported for NVDIMM device");
        return -1;
    }
    if (dxMemoryDeviceNeedsSlot(mem)) {
        if (!def->mem.maxKiB) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &mem->info.loc,
                             "cannot use/hotplug a memory device when domain 'maxMemory' "
                             "is not defined");
            return -1;
        }
        if (mem->info.type != DX_ADDRESS_TYPE_NONE && mem->info.type != DX_ADDRESS_TYPE_DIMM) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &mem->info.loc,
                             "only 'dimm' addresses are supported for the '%s' memory device",
                             model);
            return -1;
        }
        if (mem->info.type == DX_ADDRESS_TYPE_DIMM && mem->info.addr.dimm.slot >= def->mem.maxSlots) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &mem->info.loc,
                             "memory device slot '%u' exceeds slots count '%u'",
                             mem->info.addr.dimm.slot, def->mem.maxSlots);
            return -1;
        }
    } else if (mem->info.type != DX_ADDRESS_TYPE_NONE && mem->info.type != DX_ADDRESS_TYPE_PCI) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &mem->info.loc,
                         "only 'pci' addresses are supported for the %s device", model);
        return -1;
    }
    return 0;
}

/* Every slot once, and no more slot users than slots. */
static int
dxQemuValidateMemorySlots(const dxDomainDef *def)
{
    size_t i, j, nslots = 0;

    for (i = 0; i < def->nmems; i++) {
        const dxDeviceInfo *info = &def->mems[i]->info;
        if (!dxMemoryDeviceNeedsSlot(def->mems[i]))
            continue;
        nslots++;
        for (j = 0; j < i && info->type == DX_ADDRESS_TYPE_DIMM; j++) {
            const dxDeviceInfo *other = &def->mems[j]->info;
            if (other->type == DX_ADDRESS_TYPE_DIMM && other->addr.dimm.slot == info->addr.dimm.slot) {
                dxErrorReportLoc(DX_ERR_INVALID, &info->loc,
                                 "memory device slot '%u' is already being used by another "
                                 "memory device", info->addr.dimm.slot);
                return -1;
            }
        }
    }
    if (def->mem.maxKiB && nslots > def->mem.maxSlots) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &def->loc,
                         "count of memory devices requiring memory slots '%zu' exceeds "
                         "slots count '%u'", nslots, def->mem.maxSlots);
        return -1;
    }
    return 0;
}

static int
dxQemuValidateMemoryDevices(const dxDomainDef *def)
{
    size_t i;
    for (i = 0; i < def->nmems; i++) {
        if (dxQemuValidateMemoryDevice(def, def->mems[i]) < 0)
            return -1;
    }
    return dxQemuValidateMemorySlots(def);
}

static int
dxQemuValidateNVRAM(const dxDomainDef *def)
{
    if (def->nvram && !dxArchIsPPC64(def->os.arch)) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &def->nvram->info.loc,
                         "nvram device is only supported for PPC64");
        return -1;
    }
    return 0;
}

static int
dxQemuValidateWatchdogs(const dxDomainDef *def)
{
    size_t i;
    int rc = 0;
    for (i = 0; i < def->nwatchdogs; i++) {
        if (dxQemuValidateWatchdog(def, def->watchdogs[i]) < 0)
            rc = -1;
    }
    return rc;
}

static int
dxQemuValidateBalloon(const dxDomainDef *def)
{
    return dxQemuValidateMemballoon(def->memballoon);
}

/* QEMU's CCID bus takes a single card. */
static int
dxQemuValidateSmartcards(const dxDomainDef *def)
{
    if (def->nsmartcards > 1) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &def->smartcards[1]->info.loc,
                         "this QEMU binary lacks multiple smartcard support");
        return -1;
    }
    return 0;
}

/* Redirected devices and hubs plug into USB ports. */
static int
dxQemuValidateUSBDevices(const dxDomainDef *def)
{
    if (dxDomainDefHasUSB(def))
        return 0;
    if (def->nredirdevs) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &def->redirdevs[0]->info.loc,
                         "cannot add redirected USB device: USB is disabled for this domain");
        return -1;
    }
    if (def->nhubs) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &def->hubs[0]->info.loc,
                         "cannot add a USB hub: USB is disabled for this domain");
        return -1;
    }
    return 0;
}

typedef int (*dxQemuDeviceRule)(const dxDomainDef *def);

/* Every family is checked, so one run reports every problem. */
static const dxQemuDeviceRule dxQemuDeviceRules[] = {
    dxQemuValidateWatchdogs,
    dxQemuValidateBalloon,
    dxQemuValidateTPMs,
    dxQemuValidatePanics,
    dxQemuValidateShmems,
    dxQemuValidateMemoryDevices,
    dxQemuValidateIOMMU,
    dxQemuValidateVsock,
    dxQemuValidateFilesystems,
    dxQemuValidateNVRAM,
    dxQemuValidateUSBDevices,
    dxQemuValidateSmartcards,
};

int
dxQemuValidateOtherDevices(const dxDomainDef *def)
{
    size_t i;
    int rc = 0;

    for (i = 0; i < sizeof(dxQemuDeviceRules) / sizeof(dxQemuDeviceRules[0]); i++) {
        if (dxQemuDeviceRules[i](def) < 0)
            rc = -1;
    }
    return rc;
}
