/* qemu_validate.c: what QEMU 7.2 cannot run, refused before any argv is
 * built, with the same cause libvirt gives. */
#include "qemu_validate.h"
#include "qemu_devices.h"
#include "qemu_net.h"
#include "qemu_target.h"
#include "qemu_validate_priv.h"
#include "qemu_chr.h"
#include "qemu_display.h"
#include "qemu_disk.h"
#include "qemu_controller.h"
#include "qemu_address.h"
#include "conf/panic_conf.h"
#include "util/dxerror.h"

static int
dxQemuValidateVirtType(const dxDomainDef *def)
{
    if (def->virtType != DX_DOMAIN_VIRT_QEMU && def->virtType != DX_DOMAIN_VIRT_KVM) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &def->loc,
                         "domain type '%s' cannot run on QEMU: use type='kvm' or type='qemu'",
                         dxDomainVirtTypeToString(def->virtType));
        return -1;
    }
    return 0;
}

typedef int (*dxQemuRule)(const dxDomainDef *def);

static const dxQemuRule dxQemuRules[] = {
    dxQemuValidateVirtType,

    /* addresses, then storage rules */
    dxQemuValidateAddresses,
    dxQemuValidateDisks,
    dxQemuValidateControllers,

    /* network rules */
    dxQemuValidateNets,
    dxQemuValidateHostdevs,

    /* character device, graphics, video, input, sound, audio rules */
    dxQemuValidateChr,
    dxQemuValidateDisplay,

    /* other device rules */
    dxQemuValidateOtherDevices,
    dxPanicValidate,        /* again: expand gave default panics their model */

    /* domain-wide rules (cpu, numa, tuning, ...) */
    dxQemuValidateCPU,
    dxQemuValidateFirmware,
    dxQemuValidateFeatures,
    dxQemuValidateArch,
    dxQemuValidateCPUArch,
    dxQemuValidateFeatureArch,
    dxQemuValidateMemory,
    dxQemuValidateBootloader,
    dxQemuValidateLifecycle,
    dxQemuValidateHostNodes,
    dxQemuValidateTimers,
};

int
dxQemuDomainValidate(const dxDomainDef *def)
{
    size_t i;
    int rc = 0;
    for (i = 0; i < sizeof(dxQemuRules) / sizeof(dxQemuRules[0]); i++) {
        if (dxQemuRules[i](def) < 0)
            rc = -1;
    }
    return rc;
}
