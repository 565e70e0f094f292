/* qemu_cmd_panic.c: the pvpanic devices.  (A hyperv panic is a CPU flag,
 * hv-crash, added where -cpu is built; pseries and s390 ones are part of
 * the machine.) */
#include "qemu_cmd_devices.h"
#include "conf/panic_conf.h"

int
dxQemuBuildPanics(dxQemuBuildCtx *ctx)
{
    size_t i;

    for (i = 0; i < ctx->def->npanics; i++) {
        const dxPanicDef *panic = ctx->def->panics[i];
        dxJSON *props;

        switch (panic->model) {
        case DX_PANIC_MODEL_ISA:
            props = dxJSONNewObject();
            dxJSONAddString(props, "driver", "pvpanic");
            /* pvpanic names its port "ioport", not the generic "iobase" */
            if (panic->info.type == DX_ADDRESS_TYPE_ISA)
                dxJSONAddUInt(props, "ioport", panic->info.addr.isa.iobase);
            dxArgvAddJSON(ctx->argv, "-device", props);
            break;
        case DX_PANIC_MODEL_PVPANIC:
            props = dxJSONNewObject();
            dxJSONAddString(props, "driver", "pvpanic-pci");
            dxJSONAddString(props, "id", panic->info.alias);
            dxQemuBuildDeviceAddressProps(ctx, props, &panic->info);
            dxArgvAddJSON(ctx->argv, "-device", props);
            break;
        case DX_PANIC_MODEL_DEFAULT:
        case DX_PANIC_MODEL_PSERIES:
        case DX_PANIC_MODEL_HYPERV:
        case DX_PANIC_MODEL_S390:
        case DX_PANIC_MODEL_LAST:
            break;
        }
    }
    return 0;
}
