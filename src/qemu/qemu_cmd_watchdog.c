/* qemu_cmd_watchdog.c: the watchdog device and -watchdog-action. */
#include "qemu_cmd_devices.h"
#include "conf/watchdog_conf.h"

int
dxQemuBuildWatchdogs(dxQemuBuildCtx *ctx)
{
    size_t i;

    for (i = 0; i < ctx->def->nwatchdogs; i++) {
        const dxWatchdogDef *wd = ctx->def->watchdogs[i];
        dxWatchdogAction action = wd->action;
        dxJSON *props = dxJSONNewObject();

        dxJSONAddString(props, "driver", dxWatchdogModelTypeToString(wd->model));
        dxJSONAddString(props, "id", wd->info.alias);
        dxQemuBuildDeviceAddressProps(ctx, props, &wd->info);
        dxArgvAddJSON(ctx->argv, "-device", props);
        /* QEMU cannot dump: it pauses, and the management layer that
         * watches for the event takes the dump */
        if (action == DX_WATCHDOG_ACTION_DUMP)
            action = DX_WATCHDOG_ACTION_PAUSE;
        dxArgvAddPair(ctx->argv, "-watchdog-action", dxWatchdogActionTypeToString(action));
    }
    return 0;
}
