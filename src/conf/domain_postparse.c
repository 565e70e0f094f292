/* domain_postparse.c: defaults that do not depend on the hypervisor.
 *
 * These are the values libvirt's own parser fills in whatever driver is
 * used: the balloon target, vCPU placement, the default boot device,
 * lifecycle actions, the UTC clock.  Device families add their own
 * defaults through dxDomainDevicesPostParse().
 */
#include "domain_postparse.h"
#include "clock_conf.h"
#include "controller_conf.h"
#include "memdev_conf.h"
#include "misc_conf.h"
#include "numa_conf.h"
#include "os_conf.h"
#include "tune_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"

#include <string.h>

static void
dxDomainMemoryPostParse(dxDomainDef *def)
{
    /* without <memory>, the NUMA cells say how much there is */
    if (def->mem.totalKiB == 0 && dxDomainNumaTotalMemory(def))
        def->mem.totalKiB = dxDomainNumaTotalMemory(def) + dxMemoryDevicesTotalKiB(def);
    if (def->mem.currentKiB == 0 || def->mem.currentKiB > def->mem.totalKiB)
        def->mem.currentKiB = def->mem.totalKiB;
}

static void
dxDomainOsPostParse(dxDomainDef *def)
{
    if (!def->os.type)
        def->os.type = dxStrdup("hvm");
    if (!def->os.arch && strcmp(def->os.type, "hvm") == 0)
        def->os.arch = dxStrdup("x86_64");
}

/* Enrolled Secure Boot keys mean Secure Boot. */
static void
dxDomainFirmwarePostParse(dxDomainDef *def)
{
    dxDomainOsExtra *x = def->os.extra;
    if (x && x->fwFeatures[DX_OS_FW_FEATURE_ENROLLED_KEYS] == DX_TRISTATE_BOOL_YES &&
        !x->fwFeatures[DX_OS_FW_FEATURE_SECURE_BOOT])
        x->fwFeatures[DX_OS_FW_FEATURE_SECURE_BOOT] = DX_TRISTATE_BOOL_YES;
}

static void
dxDomainLifecyclePostParse(dxDomainDef *def)
{
    if (!def->onPoweroff)
        def->onPoweroff = DX_DOMAIN_LIFECYCLE_ACTION_DESTROY;
    if (!def->onReboot)
        def->onReboot = DX_DOMAIN_LIFECYCLE_ACTION_RESTART;
    if (!def->onCrash)
        def->onCrash = DX_DOMAIN_LIFECYCLE_ACTION_DESTROY;
}

/* Without <boot dev> and without per-device <boot order>, guests boot from
 * their first disk. */
static void
dxDomainBootPostParse(dxDomainDef *def)
{
    /* a host boot loader (<bootloader>) picks the boot device itself */
    if (def->os.nBootDevs == 0 && !dxDomainDefHasDeviceBoot(def) &&
        strcmp(def->os.type, "hvm") == 0 && !(def->misc && def->misc->bootloader)) {
        def->os.bootDevs[0] = DX_DOMAIN_BOOT_DISK;
        def->os.nBootDevs = 1;
    }
}

int
dxDomainDefPostParse(dxDomainDef *def)
{
    /* an empty <genid/> asks for a fresh generation id */
    if (def->genid.present && dxUUIDIsNull(def->genid.uuid)) {
        dxUUIDGenerate(def->genid.uuid);
        def->genid.generated = true;
    }
    dxDomainMemoryPostParse(def);
    if (def->vcpu.max == 0)
        def->vcpu.max = 1;
    if (dxDomainNumaPostParse(def) < 0 || dxDomainIOThreadsPostParse(def) < 0)
        return -1;
    if (!def->vcpu.placement)
        def->vcpu.placement = DX_DOMAIN_CPU_PLACEMENT_STATIC;
    dxDomainOsPostParse(def);
    dxDomainFirmwarePostParse(def);
    dxDomainLifecyclePostParse(def);
    if (!def->clock)
        def->clock = dxNew(dxDomainClockDef);
    if (dxDomainDevicesPostParse(def) < 0)
        return -1;
    /* after every device's defaults: they decide which buses are needed */
    dxDomainDefAddImplicitControllers(def);
    dxDomainBootPostParse(def);
    return 0;
}
