/* domain_validate.c: driver-independent semantic rules.
 *
 * Parsing checks each value on its own; the rules here relate values to
 * one another.  Every rule reports its own error and validation goes on,
 * so one run lists every problem of a file.
 */
#include "domain_validate.h"
#include "hostdev_conf.h"
#include "net_conf.h"
#include "chr_conf.h"
#include "controller_conf.h"
#include "disk_conf.h"
#include "memory_conf.h"
#include "numa_conf.h"
#include "os_conf.h"
#include "seclabel_conf.h"
#include "sysinfo_conf.h"
#include "tune_conf.h"
#include "audio_conf.h"
#include "graphics_conf.h"
#include "input_conf.h"
#include "sound_conf.h"
#include "video_conf.h"
#include "memballoon_conf.h"
#include "panic_conf.h"
#include "watchdog_conf.h"
#include "util/dxerror.h"

static int
dxDomainValidateMemory(const dxDomainDef *def)
{
    if (def->mem.totalKiB == 0) {
        dxErrorReportLoc(DX_ERR_INVALID, &def->loc,
                      "Memory size must be specified via <memory> or in the "
                      "<numa> configuration");
        return -1;
    }
    if (def->mem.maxKiB && def->mem.maxKiB < def->mem.totalKiB) {
        dxErrorReportLoc(DX_ERR_INVALID, &def->loc,
                      "maximum memory size must be equal or greater than "
                      "the actual memory size");
        return -1;
    }
    if (def->mem.maxKiB && def->mem.maxSlots == 0) {
        dxErrorReportLoc(DX_ERR_INVALID, &def->loc,
                      "both maximum memory size and memory slot count must be specified");
        return -1;
    }
    return 0;
}

static int
dxDomainValidateBoot(const dxDomainDef *def)
{
    if (def->os.nBootDevs > 0 && dxDomainDefHasDeviceBoot(def)) {
        dxErrorReportLoc(DX_ERR_INVALID, &def->loc,
                      "per-device boot elements cannot be used together with "
                      "os/boot elements");
        return -1;
    }
    return 0;
}

typedef int (*dxDomainRule)(const dxDomainDef *def);

static const dxDomainRule dxDomainRules[] = {
    dxDomainValidateMemory,
    dxDomainValidateBoot,

    /* storage rules */
    dxDiskDefsValidate,
    dxControllerDefsValidate,

    /* network rules */
    dxNetsValidate,
    dxHostdevsValidate,

    /* character device, graphics, video, input, sound, audio rules */
    dxChrDefsValidate,
    dxInputDefsValidate,
    dxGraphicsDefsValidate,
    dxSoundDefsValidate,
    dxAudioDefsValidate,
    dxVideoDefsValidate,

    /* other device rules */
    dxWatchdogValidate,
    dxMemballoonValidate,
    dxPanicValidate,

    /* domain-wide rules (cpu, numa, tuning, ...) */
    dxDomainOsValidate,
    dxDomainLifecycleValidate,
    dxDomainNumaValidate,
    dxDomainMemoryBackingValidate,
    dxDomainCputuneValidate,
    dxDomainSysinfoValidate,
    dxDomainSeclabelValidate,
};

int
dxDomainDefValidate(const dxDomainDef *def)
{
    size_t i;
    int rc = 0;
    for (i = 0; i < sizeof(dxDomainRules) / sizeof(dxDomainRules[0]); i++) {
        if (dxDomainRules[i](def) < 0)
            rc = -1;
    }
    return rc;
}
