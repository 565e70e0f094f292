/* qemu_cmd_input.c: input devices: USB and virtio -device, evdev
 * passthrough as an input-linux object.  PS/2 devices are part of the
 * machine and need no option. */
#include "qemu_cmd_display.h"
#include "conf/input_conf.h"
#include "conf/virtio_options.h"
#include "util/dxerror.h"

static const char *
dxQemuInputUSBDriver(dxInputType type)
{
    switch (type) {
    case DX_INPUT_TYPE_MOUSE:
        return "usb-mouse";
    case DX_INPUT_TYPE_TABLET:
        return "usb-tablet";
    case DX_INPUT_TYPE_KBD:
        return "usb-kbd";
    default:
        return NULL;
    }
}

static const char *
dxQemuInputVirtioDriver(dxInputType type)
{
    switch (type) {
    case DX_INPUT_TYPE_MOUSE:
        return "virtio-mouse-pci";
    case DX_INPUT_TYPE_TABLET:
        return "virtio-tablet-pci";
    case DX_INPUT_TYPE_KBD:
        return "virtio-keyboard-pci";
    case DX_INPUT_TYPE_PASSTHROUGH:
        return "virtio-input-host-pci";
    default:
        return NULL;
    }
}

static void
dxQemuBuildInputLinux(dxQemuBuildCtx *ctx, const dxInputDef *input)
{
    dxJSON *props = dxJSONNewObject();
    dxJSONAddString(props, "qom-type", "input-linux");
    dxJSONAddString(props, "id", input->info.alias);
    dxJSONAddString(props, "evdev", input->evdev);
    if (input->repeat)
        dxJSONAddBool(props, "repeat", input->repeat == DX_TRISTATE_SWITCH_ON);
    if (input->grab == DX_INPUT_GRAB_ALL)
        dxJSONAddBool(props, "grab_all", true);
    if (input->grabToggle)
        dxJSONAddString(props, "grab-toggle", dxInputGrabToggleTypeToString(input->grabToggle));
    dxArgvAddJSON(ctx->argv, "-object", props);
}

static int
dxQemuBuildInputDevice(dxQemuBuildCtx *ctx, const dxInputDef *input)
{
    const char *driver = input->bus == DX_INPUT_BUS_USB ? dxQemuInputUSBDriver(input->type)
                                                        : dxQemuInputVirtioDriver(input->type);
    dxJSON *props;

    if (!driver) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &input->info.loc,
                         "input type '%s' is not supported on bus '%s'",
                         dxInputTypeTypeToString(input->type),
                         dxInputBusTypeToString(input->bus));
        return -1;
    }
    props = dxJSONNewObject();
    dxJSONAddString(props, "driver", driver);
    dxVirtioOptionsToProps(props, &input->virtio);
    dxJSONAddString(props, "id", input->info.alias);
    if (input->type == DX_INPUT_TYPE_PASSTHROUGH)
        dxJSONAddString(props, "evdev", input->evdev);
    dxQemuBuildDeviceAddressProps(ctx, props, &input->info);
    dxArgvAddJSON(ctx->argv, "-device", props);
    return 0;
}

int
dxQemuBuildInputs(dxQemuBuildCtx *ctx)
{
    size_t i;
    for (i = 0; i < ctx->def->ninputs; i++) {
        const dxInputDef *input = ctx->def->inputs[i];
        if (input->type == DX_INPUT_TYPE_EVDEV) {
            dxQemuBuildInputLinux(ctx, input);
            continue;
        }
        if (input->bus != DX_INPUT_BUS_USB && input->bus != DX_INPUT_BUS_VIRTIO)
            continue;
        if (dxQemuBuildInputDevice(ctx, input) < 0)
            return -1;
    }
    return 0;
}
