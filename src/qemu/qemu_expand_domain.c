/* qemu_expand_domain.c: the QEMU driver's defaults for the domain-wide
 * parts: the guest CPU, NUMA cells, features and firmware. */
#include "qemu_expand_priv.h"
#include "qemu_target.h"
#include "conf/cpu_conf.h"
#include "conf/numa_conf.h"
#include "conf/os_conf.h"
#include "conf/seclabel_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"

/* Without a CPU model, QEMU runs its default model; libvirt writes that
 * choice down, and how strictly the host is checked for each mode. */
int
dxQemuExpandCPU(dxDomainDef *def)
{
    dxDomainCPUDef *cpu = def->cpu;

    if (!dxQemuArchIsX86(def->os.arch))
        return 0;
    if (!cpu) {
        cpu = def->cpu = dxNew(dxDomainCPUDef);
        cpu->cacheLevel = -1;
        cpu->maxPhysAddrBits = -1;
    }
    if (cpu->mode == DX_CPU_MODE_CUSTOM && !cpu->model) {
        cpu->model = dxStrdup(dxQemuDefaultCPUModel(def->emulator));
        cpu->fallback = DX_CPU_FALLBACK_FORBID;
        cpu->match = DX_CPU_MATCH_EXACT;
        if (!cpu->check)
            cpu->check = DX_CPU_CHECK_NONE;
    }
    if (!cpu->check) {
        switch ((dxCPUMode)cpu->mode) {
        case DX_CPU_MODE_HOST_PASSTHROUGH:
        case DX_CPU_MODE_MAXIMUM:
            cpu->check = DX_CPU_CHECK_NONE;
            break;
        case DX_CPU_MODE_HOST_MODEL:
            cpu->check = DX_CPU_CHECK_PARTIAL;
            break;
        case DX_CPU_MODE_CUSTOM:
        case DX_CPU_MODE_LAST:
            /* TCG emulates any model: nothing to compare with the host */
            cpu->check = def->virtType == DX_DOMAIN_VIRT_QEMU ?
                         DX_CPU_CHECK_NONE : DX_CPU_CHECK_PARTIAL;
            break;
        }
    }
    /* QEMU 7.2 keeps host CPUs migratable unless asked not to */
    if ((cpu->mode == DX_CPU_MODE_HOST_PASSTHROUGH || cpu->mode == DX_CPU_MODE_MAXIMUM) &&
        !cpu->migratable)
        cpu->migratable = dxQemuHostCPUMigratable(def->emulator) ?
                          DX_TRISTATE_SWITCH_ON : DX_TRISTATE_SWITCH_OFF;
    return 0;
}

/* vCPUs that no cell lists end up in cell 0, as QEMU would put them. */
int
dxQemuExpandNuma(dxDomainDef *def)
{
    dxDomainNumaDef *numa = def->numa;
    dxBitmap *covered;
    unsigned int i;
    size_t c;

    if (!numa || numa->ncells == 0)
        return 0;
    covered = dxBitmapNew();
    for (c = 0; c < numa->ncells; c++) {
        long bit = -1;
        while (numa->cells[c].cpus && (bit = dxBitmapNext(numa->cells[c].cpus, bit)) >= 0)
            dxBitmapSet(covered, (size_t)bit);
    }
    for (i = 0; i < def->vcpu.max; i++) {
        if (dxBitmapIsSet(covered, i))
            continue;
        if (!numa->cells[0].cpus)
            numa->cells[0].cpus = dxBitmapNew();
        dxBitmapSet(numa->cells[0].cpus, i);
    }
    dxBitmapFree(covered);
    return 0;
}

/* A loader given by path alone is a ROM; a read-only flash image gets a
 * variable store of its own unless it is stateless. */
int
dxQemuExpandFirmware(dxDomainDef *def)
{
    dxDomainLoaderDef *l = def->os.loader;

    if (!l || def->os.firmware)
        return 0;
    if (l->path && !l->type)
        l->type = DX_DOMAIN_LOADER_TYPE_ROM;
    if (l->type == DX_DOMAIN_LOADER_TYPE_PFLASH && l->readonly == DX_TRISTATE_BOOL_YES &&
        l->stateless != DX_TRISTATE_BOOL_YES && !l->nvramPath && !l->nvramType) {
        l->nvramPresent = true;
        l->nvramPath = dxAsprintf("%s/%s_VARS.fd", DX_QEMU_NVRAM_DIR, def->name);
    }
    return 0;
}

/* A label with no model goes to the host's security driver; the
 * reference host has none, so the label becomes type='none'. */
int
dxQemuExpandSeclabels(dxDomainDef *def)
{
    size_t i;

    for (i = 0; def->seclabels && i < def->seclabels->n; i++) {
        dxSeclabel *l = def->seclabels->labels[i];
        if (l->model || l->type == DX_SECLABEL_DEFAULT)
            continue;
        l->model = dxStrdup("none");
        l->type = DX_SECLABEL_NONE;
        l->relabel = DX_TRISTATE_BOOL_NO;
    }
    return 0;
}
