/* domain_devices.c: <devices>: dispatch each child to its family and
 * format the families in libvirt's fixed order. */
#include "domain_def.h"
#include "devices.h"
#include "hostdev_conf.h"
#include "net_conf.h"
#include "chr_conf.h"
#include "controller_conf.h"
#include "disk_conf.h"
#include "audio_conf.h"
#include "graphics_conf.h"
#include "input_conf.h"
#include "sound_conf.h"
#include "video_conf.h"
#include "crypto_conf.h"
#include "fs_conf.h"
#include "hub_conf.h"
#include "iommu_conf.h"
#include "lease_conf.h"
#include "memballoon_conf.h"
#include "memdev_conf.h"
#include "nvram_conf.h"
#include "panic_conf.h"
#include "redirdev_conf.h"
#include "redirfilter_conf.h"
#include "rng_conf.h"
#include "shmem_conf.h"
#include "smartcard_conf.h"
#include "tpm_conf.h"
#include "vsock_conf.h"
#include "watchdog_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

#include <stdlib.h>

/* One row per device element, under its comment.  Each family's parser
 * appends what it read to the domain's array for that family. */
static const dxDeviceParser dxDeviceParsers[] = {
    /* <disk> */
    { "disk", dxDiskDefParse },

    /* <controller> */
    { "controller", dxControllerDefParse },

    /* <lease> */
    { "lease", dxLeaseParse },

    /* <filesystem> */
    { "filesystem", dxFSParse },

    /* <interface> */
    { "interface", dxNetParse },

    /* <smartcard> */
    { "smartcard", dxSmartcardParse },

    /* <serial> */
    { "serial", dxChrDefParse },

    /* <parallel> */
    { "parallel", dxChrDefParse },

    /* <console> */
    { "console", dxChrDefParse },

    /* <channel> */
    { "channel", dxChrDefParse },

    /* <input> */
    { "input", dxInputDefParse },

    /* <tpm> */
    { "tpm", dxTPMParse },

    /* <graphics> */
    { "graphics", dxGraphicsDefParse },

    /* <sound> */
    { "sound", dxSoundDefParse },

    /* <audio> */
    { "audio", dxAudioDefParse },

    /* <video> */
    { "video", dxVideoDefParse },

    /* <hostdev> */
    { "hostdev", dxHostdevParse },

    /* <redirdev> */
    { "redirdev", dxRedirdevParse },

    /* <redirfilter> */
    { "redirfilter", dxRedirFilterParse },

    /* <hub> */
    { "hub", dxHubParse },

    /* <watchdog> */
    { "watchdog", dxWatchdogParse },

    /* <memballoon> */
    { "memballoon", dxMemballoonParse },

    /* <rng> */
    { "rng", dxRNGParse },

    /* <nvram> */
    { "nvram", dxNVRAMParse },

    /* <panic> */
    { "panic", dxPanicParse },

    /* <shmem> */
    { "shmem", dxShmemParse },

    /* <memory> */
    { "memory", dxMemoryDeviceParse },

    /* <iommu> */
    { "iommu", dxIOMMUParse },

    /* <vsock> */
    { "vsock", dxVsockParse },

    /* <crypto> */
    { "crypto", dxCryptoParse },

    { NULL, NULL },
};

static const dxDeviceParser *
dxDeviceParserFind(const xmlNode *node)
{
    size_t i;
    if (node->ns)
        return NULL;
    for (i = 0; dxDeviceParsers[i].element; i++) {
        if (dxXMLNameIs(node, dxDeviceParsers[i].element))
            return &dxDeviceParsers[i];
    }
    return NULL;
}

int
dxDomainDevicesParse(dxDomainDef *def, xmlNodePtr node, unsigned int flags)
{
    int failed = 0;
    (void)flags;
    DX_XML_FOREACH_CHILD(node, child) {
        const dxDeviceParser *p = dxDeviceParserFind(child);
        if (!p)
            continue;   /* unknown: left unread and reported */
        dxXMLMarkUsed(child);
        /* keep going: one run reports every broken device */
        if (p->parse(def, child) < 0)
            failed = 1;
    }
    return failed ? -1 : 0;
}

/* Driver-independent defaults of each family, in format order. */
int
dxDomainDevicesPostParse(dxDomainDef *def)
{
    int rc = 0;
    /* <disk> */
    if (dxDiskDefsPostParse(def) < 0)
        rc = -1;

    /* <controller> */
    if (dxControllerDefsPostParse(def) < 0)
        rc = -1;

    /* <lease> */

    /* <filesystem> */
    for (size_t i = 0; i < def->nfss; i++)
        dxFSPostParse(def->fss[i]);

    /* <interface> */

    /* <smartcard> */

    /* <serial> */
    if (dxChrDefsPostParse(def) < 0)
        rc = -1;

    /* <parallel> */

    /* <console> */

    /* <channel> */

    /* <input> */

    /* <tpm> */

    /* <graphics> */

    /* <sound> */

    /* <audio> */

    /* <video> */
    if (dxVideoDefsPostParse(def) < 0)
        rc = -1;

    /* <hostdev> */
    if (dxHostdevsPostParse(def) < 0)
        rc = -1;

    /* <redirdev> */

    /* <redirfilter> */

    /* <hub> */

    /* <watchdog> */

    /* <memballoon> */

    /* <rng> */
    for (size_t i = 0; i < def->nrngs; i++) {
        dxRNGDef *rng = def->rngs[i];
        if (rng->backend == DX_RNG_BACKEND_RANDOM && !rng->file)
            rng->file = dxStrdup(DX_RNG_DEFAULT_SOURCE);
    }

    /* <nvram> */

    /* <panic> */

    /* <shmem> */

    /* <memory> */

    /* <iommu> */

    /* <vsock> */

    /* <crypto> */

    return rc;
}

DX_ENUM_IMPL(dxDeviceType, DX_DEVICE_LAST,
             "disk", "controller", "lease", "filesystem", "interface",
             "smartcard", "chr", "input", "tpm", "graphics", "sound", "audio",
             "video", "hostdev", "redirdev", "hub", "watchdog", "memballoon",
             "rng", "nvram", "panic", "shmem", "memory", "iommu", "vsock",
             "crypto");

/* Whether the walk visits devices of TYPE (WANT is DX_DEVICE_LAST for all). */
#define DX_ITERATE_WANTS(devtype) (want == DX_DEVICE_LAST || want == (devtype))

/* Call CB on every INFO of ARRAY's devices (an array of TYPE pointers with
 * an "info" member). */
#define DX_ITERATE_ARRAY(devtype, array, count) \
    for (i = 0; DX_ITERATE_WANTS(devtype) && i < (count); i++) { \
        dxDeviceRef ref = { devtype, (array)[i] }; \
        if ((rc = cb(def, ref, &(array)[i]->info, opaque)) != 0) \
            return rc; \
    }

/* The same for a singleton device pointer that may be NULL. */
#define DX_ITERATE_ONE(devtype, ptr) \
    if (DX_ITERATE_WANTS(devtype) && (ptr)) { \
        dxDeviceRef ref = { devtype, (ptr) }; \
        if ((rc = cb(def, ref, &(ptr)->info, opaque)) != 0) \
            return rc; \
    }

int
dxDomainDeviceInfoIterateType(dxDomainDef *def, dxDeviceType want,
                              dxDeviceInfoCallback cb, void *opaque)
{
    size_t i;
    int rc = 0;
    (void)i;
    (void)cb;
    (void)opaque;
    (void)def;

    /* <disk> */
    DX_ITERATE_ARRAY(DX_DEVICE_DISK, def->disks, def->ndisks);

    /* <controller> */
    DX_ITERATE_ARRAY(DX_DEVICE_CONTROLLER, def->controllers, def->ncontrollers);

    /* <lease> */

    /* <filesystem> */
    DX_ITERATE_ARRAY(DX_DEVICE_FS, def->fss, def->nfss);

    /* <interface> */
    /* an SR-IOV interface is visited once, as the hostdev it also is (its
       info is shared): address assignment handles it with the hostdevs,
       as libvirt does */
    for (i = 0; DX_ITERATE_WANTS(DX_DEVICE_NET) && i < def->nnets; i++) {
        dxDeviceRef ref = { DX_DEVICE_NET, def->nets[i] };
        if (def->nets[i]->hostdev)
            continue;
        if ((rc = cb(def, ref, &def->nets[i]->info, opaque)) != 0)
            return rc;
    }

    /* <smartcard> */
    DX_ITERATE_ARRAY(DX_DEVICE_SMARTCARD, def->smartcards, def->nsmartcards);

    /* <serial> */
    DX_ITERATE_ARRAY(DX_DEVICE_CHR, def->serials, def->nserials);

    /* <parallel> */
    DX_ITERATE_ARRAY(DX_DEVICE_CHR, def->parallels, def->nparallels);

    /* <console> */
    /* a console standing for a serial port is that port: skip it */
    for (i = 0; DX_ITERATE_WANTS(DX_DEVICE_CHR) && i < def->nconsoles; i++) {
        dxDeviceRef ref = { DX_DEVICE_CHR, def->consoles[i] };
        if (dxChrConsoleIsSerialAlias(def, i))
            continue;
        if ((rc = cb(def, ref, &def->consoles[i]->info, opaque)) != 0)
            return rc;
    }

    /* <channel> */
    DX_ITERATE_ARRAY(DX_DEVICE_CHR, def->channels, def->nchannels);

    /* <input> */
    DX_ITERATE_ARRAY(DX_DEVICE_INPUT, def->inputs, def->ninputs);

    /* <tpm> */
    DX_ITERATE_ARRAY(DX_DEVICE_TPM, def->tpms, def->ntpms);

    /* <graphics> */

    /* <sound> */
    DX_ITERATE_ARRAY(DX_DEVICE_SOUND, def->sounds, def->nsounds);

    /* <video> */
    DX_ITERATE_ARRAY(DX_DEVICE_VIDEO, def->videos, def->nvideos);

    /* <hostdev> */
    /* includes SR-IOV interfaces (parentnet set, info shared with it) */
    for (i = 0; DX_ITERATE_WANTS(DX_DEVICE_HOSTDEV) && i < def->nhostdevs; i++) {
        dxDeviceRef ref = { DX_DEVICE_HOSTDEV, def->hostdevs[i] };
        if ((rc = cb(def, ref, def->hostdevs[i]->info, opaque)) != 0)
            return rc;
    }

    /* <redirdev> */
    DX_ITERATE_ARRAY(DX_DEVICE_REDIRDEV, def->redirdevs, def->nredirdevs);

    /* <hub> */
    DX_ITERATE_ARRAY(DX_DEVICE_HUB, def->hubs, def->nhubs);

    /* <watchdog> */
    DX_ITERATE_ARRAY(DX_DEVICE_WATCHDOG, def->watchdogs, def->nwatchdogs);

    /* <memballoon> */
    DX_ITERATE_ONE(DX_DEVICE_MEMBALLOON, def->memballoon);

    /* <rng> */
    DX_ITERATE_ARRAY(DX_DEVICE_RNG, def->rngs, def->nrngs);

    /* <nvram> */
    DX_ITERATE_ONE(DX_DEVICE_NVRAM, def->nvram);

    /* <panic> */
    DX_ITERATE_ARRAY(DX_DEVICE_PANIC, def->panics, def->npanics);

    /* <shmem> */
    DX_ITERATE_ARRAY(DX_DEVICE_SHMEM, def->shmems, def->nshmems);

    /* <memory> */
    DX_ITERATE_ARRAY(DX_DEVICE_MEMORY, def->mems, def->nmems);

    /* <iommu> */
    DX_ITERATE_ONE(DX_DEVICE_IOMMU, def->iommu);

    /* <vsock> */
    DX_ITERATE_ONE(DX_DEVICE_VSOCK, def->vsock);

    /* <crypto> */
    DX_ITERATE_ARRAY(DX_DEVICE_CRYPTO, def->cryptos, def->ncryptos);

    return rc;
}

int
dxDomainDeviceInfoIterate(dxDomainDef *def, dxDeviceInfoCallback cb, void *opaque)
{
    return dxDomainDeviceInfoIterateType(def, DX_DEVICE_LAST, cb, opaque);
}

static int
dxDeviceHasBootCallback(dxDomainDef *def, dxDeviceRef dev, dxDeviceInfo *info, void *opaque)
{
    (void)def;
    (void)dev;
    (void)opaque;
    return info->bootIndex ? 1 : 0;
}

bool
dxDomainDefHasDeviceBoot(const dxDomainDef *def)
{
    /* the walk does not modify DEF; it takes it non-const for other users */
    return dxDomainDeviceInfoIterate((dxDomainDef *)def, dxDeviceHasBootCallback, NULL) > 0;
}

void
dxDomainDevicesClear(dxDomainDef *def)
{
    size_t i;
    (void)i;
    (void)def;

    /* <disk> */
    dxDiskDefsClear(def);

    /* <controller> */
    dxControllerDefsClear(def);

    /* <lease> */
    for (i = 0; i < def->nleases; i++)
        dxLeaseFree(def->leases[i]);
    DX_CLEAR(def->leases, free);
    def->nleases = 0;

    /* <filesystem> */
    for (i = 0; i < def->nfss; i++)
        dxFSFree(def->fss[i]);
    DX_CLEAR(def->fss, free);
    def->nfss = 0;

    /* <interface> */
    for (i = 0; i < def->nnets; i++) {
        /* the interface owns its hostdev: unlist it before freeing */
        dxDomainHostdevRemove(def, def->nets[i]->hostdev);
        dxNetDefFree(def->nets[i]);
    }
    DX_CLEAR(def->nets, free);
    def->nnets = 0;

    /* <smartcard> */
    for (i = 0; i < def->nsmartcards; i++)
        dxSmartcardFree(def->smartcards[i]);
    DX_CLEAR(def->smartcards, free);
    def->nsmartcards = 0;

    /* <serial> */
    dxChrDefsClear(def);

    /* <parallel> */

    /* <console> */

    /* <channel> */

    /* <input> */
    dxInputDefsClear(def);

    /* <tpm> */
    for (i = 0; i < def->ntpms; i++)
        dxTPMFree(def->tpms[i]);
    DX_CLEAR(def->tpms, free);
    def->ntpms = 0;

    /* <graphics> */
    dxGraphicsDefsClear(def);

    /* <sound> */
    dxSoundDefsClear(def);

    /* <audio> */
    dxAudioDefsClear(def);

    /* <video> */
    dxVideoDefsClear(def);

    /* <hostdev> */
    for (i = 0; i < def->nhostdevs; i++)
        dxHostdevDefFree(def->hostdevs[i]);
    DX_CLEAR(def->hostdevs, free);
    def->nhostdevs = 0;

    /* <redirdev> */
    for (i = 0; i < def->nredirdevs; i++)
        dxRedirdevFree(def->redirdevs[i]);
    DX_CLEAR(def->redirdevs, free);
    def->nredirdevs = 0;

    /* <redirfilter> */
    DX_CLEAR(def->redirfilter, dxRedirFilterFree);

    /* <hub> */
    for (i = 0; i < def->nhubs; i++)
        dxHubFree(def->hubs[i]);
    DX_CLEAR(def->hubs, free);
    def->nhubs = 0;

    /* <watchdog> */
    for (i = 0; i < def->nwatchdogs; i++)
        dxWatchdogFree(def->watchdogs[i]);
    DX_CLEAR(def->watchdogs, free);
    def->nwatchdogs = 0;

    /* <memballoon> */
    DX_CLEAR(def->memballoon, dxMemballoonFree);

    /* <rng> */
    for (i = 0; i < def->nrngs; i++)
        dxRNGFree(def->rngs[i]);
    DX_CLEAR(def->rngs, free);
    def->nrngs = 0;

    /* <nvram> */
    DX_CLEAR(def->nvram, dxNVRAMFree);

    /* <panic> */
    for (i = 0; i < def->npanics; i++)
        dxPanicFree(def->panics[i]);
    DX_CLEAR(def->panics, free);
    def->npanics = 0;

    /* <shmem> */
    for (i = 0; i < def->nshmems; i++)
        dxShmemFree(def->shmems[i]);
    DX_CLEAR(def->shmems, free);
    def->nshmems = 0;

    /* <memory> */
    for (i = 0; i < def->nmems; i++)
        dxMemoryDeviceFree(def->mems[i]);
    DX_CLEAR(def->mems, free);
    def->nmems = 0;

    /* <iommu> */
    DX_CLEAR(def->iommu, dxIOMMUFree);

    /* <vsock> */
    DX_CLEAR(def->vsock, dxVsockFree);

    /* <crypto> */
    for (i = 0; i < def->ncryptos; i++)
        dxCryptoFree(def->cryptos[i]);
    DX_CLEAR(def->cryptos, free);
    def->ncryptos = 0;
}

void
dxDomainDevicesFormat(dxBuf *buf, const dxDomainDef *def)
{
    dxBufAddStr(buf, "<devices>\n");
    dxBufAdjustIndent(buf, 2);
    dxBufTextElement(buf, "emulator", def->emulator);

    /* <disk> */
    dxDiskDefsFormat(buf, def);

    /* <controller> */
    dxControllerDefsFormat(buf, def);

    /* <lease> */
    for (size_t i = 0; i < def->nleases; i++)
        dxLeaseFormat(buf, def->leases[i]);

    /* <filesystem> */
    for (size_t i = 0; i < def->nfss; i++)
        dxFSFormat(buf, def->fss[i]);

    /* <interface> */
    for (size_t i = 0; i < def->nnets; i++)
        dxNetFormat(buf, def->nets[i]);

    /* <smartcard> */
    for (size_t i = 0; i < def->nsmartcards; i++)
        dxSmartcardFormat(buf, def->smartcards[i]);

    /* <serial> */
    dxChrDefsFormat(buf, def, DX_CHR_DEVICE_SERIAL);

    /* <parallel> */
    dxChrDefsFormat(buf, def, DX_CHR_DEVICE_PARALLEL);

    /* <console> */
    dxChrDefsFormat(buf, def, DX_CHR_DEVICE_CONSOLE);

    /* <channel> */
    dxChrDefsFormat(buf, def, DX_CHR_DEVICE_CHANNEL);

    /* <input> */
    dxInputDefsFormat(buf, def);

    /* <tpm> */
    for (size_t i = 0; i < def->ntpms; i++)
        dxTPMFormat(buf, def->tpms[i]);

    /* <graphics> */
    dxGraphicsDefsFormat(buf, def);

    /* <sound> */
    dxSoundDefsFormat(buf, def);

    /* <audio> */
    dxAudioDefsFormat(buf, def);

    /* <video> */
    dxVideoDefsFormat(buf, def);

    /* <hostdev> */
    for (size_t i = 0; i < def->nhostdevs; i++)
        dxHostdevFormat(buf, def->hostdevs[i]);

    /* <redirdev> */
    for (size_t i = 0; i < def->nredirdevs; i++)
        dxRedirdevFormat(buf, def->redirdevs[i]);

    /* <redirfilter> */
    if (def->redirfilter)
        dxRedirFilterFormat(buf, def->redirfilter);

    /* <hub> */
    for (size_t i = 0; i < def->nhubs; i++)
        dxHubFormat(buf, def->hubs[i]);

    /* <watchdog> */
    for (size_t i = 0; i < def->nwatchdogs; i++)
        dxWatchdogFormat(buf, def->watchdogs[i]);

    /* <memballoon> */
    if (def->memballoon)
        dxMemballoonFormat(buf, def->memballoon);

    /* <rng> */
    for (size_t i = 0; i < def->nrngs; i++)
        dxRNGFormat(buf, def->rngs[i]);

    /* <nvram> */
    if (def->nvram)
        dxNVRAMFormat(buf, def->nvram);

    /* <panic> */
    for (size_t i = 0; i < def->npanics; i++)
        dxPanicFormat(buf, def->panics[i]);

    /* <shmem> */
    for (size_t i = 0; i < def->nshmems; i++)
        dxShmemFormat(buf, def->shmems[i]);

    /* <memory> */
    for (size_t i = 0; i < def->nmems; i++)
        dxMemoryDeviceFormat(buf, def->mems[i]);

    /* <iommu> */
    if (def->iommu)
        dxIOMMUFormat(buf, def->iommu);

    /* <vsock> */
    if (def->vsock)
        dxVsockFormat(buf, def->vsock);

    /* <crypto> */
    for (size_t i = 0; i < def->ncryptos; i++)
        dxCryptoFormat(buf, def->cryptos[i]);

    dxBufAdjustIndent(buf, -2);
    dxBufAddStr(buf, "</devices>\n");
}
