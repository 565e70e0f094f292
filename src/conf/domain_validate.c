/* domain_validate.c: driver-independent semantic rules.
 *
 * Parsing checks each value on its own; the rules here relate values to
 * one another.  Every rule reports its own error and validation goes on,
 * so one run lists every problem of a file.
 */
#include "domain_validate.h"
#include "devices.h"
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
#include "iommu_conf.h"
#include "memballoon_conf.h"
#include "panic_conf.h"
#include "watchdog_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"

#include <string.h>

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

/* ---- rules over every device's common tail ------------------------------ */

typedef struct {
    const dxDeviceInfo **v;
    size_t n;
} dxInfoList;

static int
dxCollectInfo(dxDomainDef *def, dxDeviceRef dev, dxDeviceInfo *info, void *opaque)
{
    dxInfoList *list = opaque;
    (void)def;
    (void)dev;
    DX_APPEND(list->v, list->n, info);
    return 0;
}

static dxInfoList
dxDeviceInfos(const dxDomainDef *def)
{
    dxInfoList list = { NULL, 0 };
    /* the walk does not modify DEF; it takes it non-const for other users */
    dxDomainDeviceInfoIterate((dxDomainDef *)def, dxCollectInfo, &list);
    return list;
}

/* " (also used by the <interface> on line N)" when the first one has a line */
static char *
dxAlsoUsed(const dxDeviceInfo *first)
{
    const char *name = first->loc.path ? strrchr(first->loc.path, '/') : NULL;
    if (first->loc.line <= 0)
        return dxStrdup("");
    name = name ? name + 1 : "device";
    return dxAsprintf(" (also used by the <%.*s> on line %d)",
                      (int)strcspn(name, "["), name, first->loc.line);
}

static int
dxDomainValidateBoot(const dxDomainDef *def)
{
    dxInfoList list = dxDeviceInfos(def);
    size_t i, j;
    int rc = 0;

    for (i = 0; i < list.n; i++) {
        const dxDeviceInfo *info = list.v[i];
        if (!info->bootIndex)
            continue;
        if (def->os.nBootDevs > 0 && rc == 0) {
            dxErrorReportLoc(DX_ERR_INVALID, &info->loc,
                             "per-device boot elements cannot be used together with "
                             "os/boot elements: remove <boot order='%u'/> here or the "
                             "<boot dev=...> elements of <os>", info->bootIndex);
            rc = -1;
        }
        for (j = 0; j < i; j++) {
            if (list.v[j]->bootIndex == info->bootIndex) {
                char *also = dxAlsoUsed(list.v[j]);
                dxErrorReportLoc(DX_ERR_INVALID, &info->loc,
                                 "boot order '%u' used for more than one device%s",
                                 info->bootIndex, also);
                free(also);
                rc = -1;
                break;
            }
        }
    }
    free(list.v);
    return rc;
}

/* Two devices at one CCW address (s390 channel subsystem). */
static int
dxDomainValidateCCWAddresses(const dxDomainDef *def)
{
    dxInfoList list = dxDeviceInfos(def);
    size_t i, j;
    int rc = 0;

    for (i = 0; i < list.n; i++) {
        const dxCCWAddress *a = &list.v[i]->addr.ccw;
        if (list.v[i]->type != DX_ADDRESS_TYPE_CCW)
            continue;
        for (j = 0; j < i; j++) {
            const dxCCWAddress *b = &list.v[j]->addr.ccw;
            if (list.v[j]->type == DX_ADDRESS_TYPE_CCW && a->cssid == b->cssid &&
                a->ssid == b->ssid && a->devno == b->devno) {
                char *also = dxAlsoUsed(list.v[j]);
                dxErrorReportLoc(DX_ERR_INVALID, &list.v[i]->loc,
                                 "The CCW devno '%x.%x.%04x' is in use already%s",
                                 a->cssid, a->ssid, a->devno, also);
                free(also);
                rc = -1;
                break;
            }
        }
    }
    free(list.v);
    return rc;
}

/* A PCI expander bus placed on a guest NUMA node: the node must exist
 * (the controller and the <cpu><numa> cells are two families' parts). */
static int
dxDomainValidateControllerNumaNodes(const dxDomainDef *def)
{
    size_t i, cells = dxDomainNumaCellCount(def);
    int rc = 0;

    for (i = 0; i < def->ncontrollers; i++) {
        const dxControllerDef *cont = def->controllers[i];
        if (cont->type != DX_CONTROLLER_TYPE_PCI || cont->pci.numaNode < 0 ||
            (size_t)cont->pci.numaNode < cells)
            continue;
        dxErrorReportLoc(DX_ERR_INVALID, &cont->info.loc,
                         "%s with index %d is configured for a NUMA node (%d) not present "
                         "in the domain's <cpu><numa> array (%zu)",
                         dxNullStr(dxControllerModelPCITypeToString(cont->model)),
                         cont->idx, cont->pci.numaNode, cells);
        rc = -1;
    }
    return rc;
}

/* User aliases ("ua-...") name devices for management tools: one each. */
static int
dxDomainValidateAliases(const dxDomainDef *def)
{
    dxInfoList list = dxDeviceInfos(def);
    size_t i, j;
    int rc = 0;

    for (i = 0; i < list.n; i++) {
        const char *alias = list.v[i]->alias;
        if (!alias)
            continue;
        for (j = 0; j < i; j++) {
            if (list.v[j]->alias && strcmp(list.v[j]->alias, alias) == 0) {
                char *also = dxAlsoUsed(list.v[j]);
                dxErrorReportLoc(DX_ERR_INVALID, &list.v[i]->loc,
                                 "non unique alias detected: %s%s", alias, also);
                free(also);
                rc = -1;
                break;
            }
        }
    }
    free(list.v);
    return rc;
}

typedef int (*dxDomainRule)(const dxDomainDef *def);

static const dxDomainRule dxDomainRules[] = {
    dxDomainValidateMemory,
    dxDomainValidateBoot,
    dxDomainValidateAliases,
    dxDomainValidateCCWAddresses,
    dxDomainValidateControllerNumaNodes,

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
    dxIOMMUValidate,

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
