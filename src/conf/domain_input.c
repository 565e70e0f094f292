/* domain_input.c: <input>: parse, format, generic defaults and checks. */
#include "input_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

#include <stdlib.h>

DX_ENUM_IMPL(dxInputType, DX_INPUT_TYPE_LAST,
             "mouse", "tablet", "keyboard", "passthrough", "evdev");

DX_ENUM_IMPL(dxInputBus, DX_INPUT_BUS_LAST,
             "default", "ps2", "usb", "xen", "parallels", "virtio", "none");

DX_ENUM_IMPL(dxInputModel, DX_INPUT_MODEL_LAST,
             "default", "virtio", "virtio-transitional", "virtio-non-transitional");

DX_ENUM_IMPL(dxInputGrab, DX_INPUT_GRAB_LAST, "default", "all");

DX_ENUM_IMPL(dxInputGrabToggle, DX_INPUT_GRAB_TOGGLE_LAST,
             "default", "ctrl-ctrl", "alt-alt", "shift-shift", "meta-meta",
             "scrolllock", "ctrl-scrolllock");

dxInputDef *
dxInputDefNew(dxInputType type, dxInputBus bus)
{
    dxInputDef *input = dxNew(dxInputDef);
    input->type = type;
    input->bus = bus;
    return input;
}

void
dxInputDefFree(dxInputDef *input)
{
    if (!input)
        return;
    free(input->evdev);
    dxDeviceInfoClear(&input->info);
    free(input);
}

void
dxInputDefsClear(dxDomainDef *def)
{
    size_t i;
    for (i = 0; i < def->ninputs; i++)
        dxInputDefFree(def->inputs[i]);
    free(def->inputs);
    def->inputs = NULL;
    def->ninputs = 0;
}

const dxInputDef *
dxInputDefFind(const dxDomainDef *def, dxInputType type, dxInputBus bus)
{
    size_t i;
    for (i = 0; i < def->ninputs; i++) {
        if (def->inputs[i]->type == type && def->inputs[i]->bus == bus)
            return def->inputs[i];
    }
    return NULL;
}

/* ---- parse ---------------------------------------------------------------- */

static int
dxInputSourceParse(dxInputDef *input, xmlNodePtr source)
{
    int val = 0;

    if (input->type == DX_INPUT_TYPE_PASSTHROUGH)
        return dxXMLPropStringRequired(source, "evdev", &input->evdev) < 0 ? -1 : 0;
    if (dxXMLPropStringRequired(source, "dev", &input->evdev) < 0 ||
        dxXMLPropEnum(source, "grab", &dxInputGrabTable, DX_PROP_NONZERO, &val) < 0)
        return -1;
    input->grab = val;
    val = 0;
    if (dxXMLPropEnum(source, "grabToggle", &dxInputGrabToggleTable,
                      DX_PROP_NONZERO, &val) < 0 ||
        dxXMLPropTristateSwitch(source, "repeat", 0, &input->repeat) < 0)
        return -1;
    input->grabToggle = val;
    return 0;
}

/* Without bus=, a tablet is a USB tablet and mice and keyboards are PS/2
 * devices; evdev inputs are on no guest bus at all. */
static dxInputBus
dxInputDefaultBus(dxInputType type)
{
    switch (type) {
    case DX_INPUT_TYPE_TABLET:
        return DX_INPUT_BUS_USB;
    case DX_INPUT_TYPE_PASSTHROUGH:
        return DX_INPUT_BUS_VIRTIO;
    case DX_INPUT_TYPE_EVDEV:
        return DX_INPUT_BUS_NONE;
    case DX_INPUT_TYPE_MOUSE:
    case DX_INPUT_TYPE_KBD:
    case DX_INPUT_TYPE_LAST:
        break;
    }
    return DX_INPUT_BUS_PS2;
}

static int
dxInputDefParseNode(dxInputDef *input, xmlNodePtr node)
{
    xmlNodePtr child;
    int val = 0;

    if (dxXMLPropEnum(node, "type", &dxInputTypeTable, DX_PROP_REQUIRED, &val) < 0)
        return -1;
    input->type = val;
    val = 0;
    if (dxXMLPropEnum(node, "bus", &dxInputBusTable, DX_PROP_NONZERO, &val) < 0)
        return -1;
    input->bus = val ? (dxInputBus)val : dxInputDefaultBus(input->type);
    val = 0;
    if (dxXMLPropEnum(node, "model", &dxInputModelTable, DX_PROP_NONZERO, &val) < 0)
        return -1;
    input->model = val;

    if (input->type == DX_INPUT_TYPE_PASSTHROUGH || input->type == DX_INPUT_TYPE_EVDEV) {
        if (!(child = dxXMLChild(node, "source"))) {
            dxErrorReport(DX_ERR_INVALID, node,
                          "missing <source> for input device of type '%s'",
                          dxInputTypeTypeToString(input->type));
            return -1;
        }
        if (dxInputSourceParse(input, child) < 0)
            return -1;
    }
    if ((child = dxXMLChild(node, "driver")) && dxVirtioOptionsParse(child, &input->virtio) < 0)
        return -1;
    return dxDeviceInfoParse(&input->info, node, DX_INFO_ALLOW_ACPI);
}

int
dxInputDefParse(dxDomainDef *def, xmlNodePtr node)
{
    dxInputDef *input = dxInputDefNew(DX_INPUT_TYPE_MOUSE, DX_INPUT_BUS_DEFAULT);
    dxSourceLocSet(&input->info.loc, node);
    if (dxInputDefParseNode(input, node) < 0) {
        dxInputDefFree(input);
        return -1;
    }
    DX_APPEND(def->inputs, def->ninputs, input);
    return 0;
}

/* ---- format --------------------------------------------------------------- */

static void
dxInputDefFormat(dxBuf *buf, const dxInputDef *input)
{
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    dxBuf driver = DX_BUF_INIT;
    dxBuf none = DX_BUF_INIT;

    dxBufAttr(&attrs, "type", dxInputTypeTypeToString(input->type));
    if (input->bus != DX_INPUT_BUS_NONE)
        dxBufAttr(&attrs, "bus", dxInputBusTypeToString(input->bus));
    if (input->model)
        dxBufAttr(&attrs, "model", dxInputModelTypeToString(input->model));

    dxVirtioOptionsFormat(&driver, &input->virtio);
    dxBufElement(&child, "driver", &driver, &none);
    if (input->type == DX_INPUT_TYPE_PASSTHROUGH) {
        dxBufAddStr(&child, "<source");
        dxBufAttr(&child, "evdev", input->evdev);
        dxBufAddStr(&child, "/>\n");
    } else if (input->type == DX_INPUT_TYPE_EVDEV) {
        dxBufAddStr(&child, "<source");
        dxBufAttr(&child, "dev", input->evdev);
        if (input->grab)
            dxBufAttr(&child, "grab", dxInputGrabTypeToString(input->grab));
        if (input->grabToggle)
            dxBufAttr(&child, "grabToggle", dxInputGrabToggleTypeToString(input->grabToggle));
        if (input->repeat)
            dxBufAttr(&child, "repeat", dxTristateSwitchTypeToString(input->repeat));
        dxBufAddStr(&child, "/>\n");
    }
    dxDeviceInfoFormat(&child, &input->info, DX_INFO_ALLOW_ACPI);
    dxBufElementAlways(buf, "input", &attrs, &child);
}

void
dxInputDefsFormat(dxBuf *buf, const dxDomainDef *def)
{
    size_t i;
    for (i = 0; i < def->ninputs; i++)
        dxInputDefFormat(buf, def->inputs[i]);
}

/* ---- checks --------------------------------------------------------------- */

static int
dxInputDefValidate(const dxInputDef *input)
{
    const char *type = dxInputTypeTypeToString(input->type);

    if (input->bus == DX_INPUT_BUS_PS2 && input->type != DX_INPUT_TYPE_MOUSE &&
        input->type != DX_INPUT_TYPE_KBD) {
        dxErrorReportLoc(DX_ERR_INVALID, &input->info.loc,
                         "ps2 bus does not support %s input device", type);
        return -1;
    }
    if (input->type == DX_INPUT_TYPE_PASSTHROUGH && input->bus != DX_INPUT_BUS_VIRTIO) {
        dxErrorReportLoc(DX_ERR_INVALID, &input->info.loc,
                         "passthrough input devices must be on the virtio bus");
        return -1;
    }
    if (input->type == DX_INPUT_TYPE_EVDEV && input->bus != DX_INPUT_BUS_NONE) {
        dxErrorReportLoc(DX_ERR_INVALID, &input->info.loc,
                         "evdev input devices are not on a guest bus: remove bus=");
        return -1;
    }
    if (input->model && input->bus != DX_INPUT_BUS_VIRTIO) {
        dxErrorReportLoc(DX_ERR_INVALID, &input->info.loc,
                         "only bus 'virtio' supports model='%s'",
                         dxInputModelTypeToString(input->model));
        return -1;
    }
    if (dxVirtioOptionsAnySet(&input->virtio) && input->bus != DX_INPUT_BUS_VIRTIO) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &input->info.loc,
                         "virtio driver options are only supported for virtio devices");
        return -1;
    }
    return 0;
}

int
dxInputDefsValidate(const dxDomainDef *def)
{
    size_t i;
    int rc = 0;
    for (i = 0; i < def->ninputs; i++) {
        if (dxInputDefValidate(def->inputs[i]) < 0)
            rc = -1;
    }
    return rc;
}
