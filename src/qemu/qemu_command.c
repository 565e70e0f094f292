/* qemu_command.c: the command line, step by step, in libvirt's order.
 *
 * Each device family contributes steps from its own qemu_cmd_*.c file;
 * this file only fixes their order and builds the few options that belong
 * to no family.  Values from the XML reach key=value options only through
 * dxBufEscapeComma() and JSON options only through dxjson, so no value
 * can start another option.
 */
#include "qemu_command_priv.h"
#include "conf/controller_conf.h"
#include "qemu_alias.h"
#include "qemu_address.h"
#include "qemu_cmd_devices.h"
#include "qemu_net.h"
#include "qemu_cmd_chr.h"
#include "qemu_cmd_display.h"
#include "qemu_cmd_disk.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"

#include <stdlib.h>

#define DX_QEMU_STATE_ROOT "/var/lib/domxml"

char *
dxQemuDefaultStateDir(const dxDomainDef *def)
{
    return dxAsprintf("%s/domain-%s", DX_QEMU_STATE_ROOT, def->name);
}

int
dxQemuBuildName(dxQemuBuildCtx *ctx)
{
    dxBuf buf = DX_BUF_INIT;
    dxBufAddStr(&buf, "guest=");
    dxBufEscapeComma(&buf, ctx->def->name);
    dxBufAddStr(&buf, ",debug-threads=on");
    dxArgvAddBuf(ctx->argv, "-name", &buf);
    return 0;
}

/* libvirt passes every secret encrypted with a per-domain master key. */
int
dxQemuBuildMasterKey(dxQemuBuildCtx *ctx)
{
    dxJSON *props;
    char *path;

    if (!ctx->needMasterKey)
        return 0;
    path = dxAsprintf("%s/master-key.aes", ctx->stateDir);
    props = dxJSONNewObject();
    dxJSONAddString(props, "qom-type", "secret");
    dxJSONAddString(props, "id", "masterKey0");
    dxJSONAddString(props, "format", "raw");
    dxJSONAddString(props, "file", path);
    dxArgvAddJSON(ctx->argv, "-object", props);
    free(path);
    return 0;
}

int
dxQemuBuildUUID(dxQemuBuildCtx *ctx)
{
    char uuid[DX_UUID_STRING_BUFLEN];
    dxUUIDFormat(ctx->def->uuid, uuid);
    dxArgvAddPair(ctx->argv, "-uuid", uuid);
    return 0;
}

int
dxQemuBuildDisplayNone(dxQemuBuildCtx *ctx)
{
    /* with no <graphics> QEMU must not open a window of its own */
    if (ctx->def->ngraphics == 0)
        dxArgvAddPair(ctx->argv, "-display", "none");
    return 0;
}

int
dxQemuBuildDefaults(dxQemuBuildCtx *ctx)
{
    /* every device is explicit: no config files, no default devices */
    dxArgvAdd(ctx->argv, "-no-user-config");
    dxArgvAdd(ctx->argv, "-nodefaults");
    return 0;
}

int
dxQemuBuildMonitor(dxQemuBuildCtx *ctx)
{
    dxBuf buf = DX_BUF_INIT;
    dxBufAddStr(&buf, "socket,id=charmonitor,path=");
    dxBufEscapeComma(&buf, ctx->stateDir);
    dxBufAddStr(&buf, "/monitor.sock,server=on,wait=off");
    dxArgvAddBuf(ctx->argv, "-chardev", &buf);
    dxArgvAddPair(ctx->argv, "-mon", "chardev=charmonitor,id=monitor,mode=control");
    return 0;
}

int
dxQemuBuildSandbox(dxQemuBuildCtx *ctx)
{
    dxArgvAddPair(ctx->argv, "-sandbox",
                  "on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny");
    return 0;
}

int
dxQemuBuildMsg(dxQemuBuildCtx *ctx)
{
    dxArgvAddPair(ctx->argv, "-msg", "timestamp=on");
    return 0;
}

unsigned int
dxQemuBuildAddFd(dxQemuBuildCtx *ctx, int fd, const char *opaque)
{
    dxBuf buf = DX_BUF_INIT;
    unsigned int set = ctx->nextFdSet++;
    dxBufAddf(&buf, "set=%u,fd=%d,opaque=", set, fd);
    dxBufEscapeComma(&buf, opaque);
    dxArgvAddBuf(ctx->argv, "-add-fd", &buf);
    return set;
}

dxJSON *
dxQemuTLSx509Props(const char *id, const char *dir, bool listen,
                   bool verifyPeer, const char *passwordid)
{
    dxJSON *props = dxJSONNewObject();
    dxJSONAddString(props, "qom-type", "tls-creds-x509");
    dxJSONAddString(props, "id", id);
    dxJSONAddString(props, "dir", dir);
    dxJSONAddString(props, "endpoint", listen ? "server" : "client");
    /* a client always checks the server it talks to */
    dxJSONAddBool(props, "verify-peer", listen ? verifyPeer : true);
    dxJSONAddString(props, "passwordid", passwordid);
    return props;
}

/* PCI bus N is the controller of index N: "pci.N", except the root bus
 * of a q35 machine ("pcie.0"). */
static char *
dxQemuPCIBusName(const dxQemuBuildCtx *ctx, unsigned int bus)
{
    if (bus == 0 && dxQemuMachineIsQ35(ctx->def->os.machine))
        return dxStrdup("pcie.0");
    return dxAsprintf("pci.%u", bus);
}

static void
dxQemuPCIAddressProps(dxQemuBuildCtx *ctx, dxJSON *props, const dxPCIAddress *pci)
{
    char *bus = dxQemuPCIBusName(ctx, pci->bus);
    dxJSONAddString(props, "bus", bus);
    free(bus);
    if (pci->multi == DX_TRISTATE_SWITCH_ON)
        dxJSONAddBool(props, "multifunction", true);
    else if (pci->multi == DX_TRISTATE_SWITCH_OFF)
        dxJSONAddBool(props, "multifunction", false);
    if (pci->function)
        bus = dxAsprintf("0x%x.0x%x", pci->slot, pci->function);
    else
        bus = dxAsprintf("0x%x", pci->slot);
    dxJSONAddString(props, "addr", bus);
    free(bus);
}

/* "ALIAS.0": the bus a controller of TYPE and index IDX provides, named
 * after the controller's alias; without one, PREFIX followed by IDX
 * (no number for index 0 when UNNUMBEREDZERO, like "usb"). */
char *
dxQemuControllerBusName(const dxDomainDef *def, int type, unsigned int idx,
                        const char *prefix, bool unnumberedZero)
{
    const dxControllerDef *cont = dxDomainControllerGet(def, type, (int)idx);

    if (cont && cont->info.alias)
        return dxAsprintf("%s.0", cont->info.alias);
    if (idx == 0 && unnumberedZero)
        return dxAsprintf("%s.0", prefix);
    return dxAsprintf("%s%u.0", prefix, idx);
}

void
dxQemuBuildDeviceAddressProps(dxQemuBuildCtx *ctx, dxJSON *props,
                              const dxDeviceInfo *info)
{
    char *tmp;

    switch (info->type) {
    case DX_ADDRESS_TYPE_PCI:
        dxQemuPCIAddressProps(ctx, props, &info->addr.pci);
        if (info->acpiIndex)
            dxJSONAddUInt(props, "acpi-index", info->acpiIndex);
        break;
    case DX_ADDRESS_TYPE_USB:
        /* the bus of USB controller N is its alias ("usb", "usbN" or a
         * user alias) with ".0" */
        tmp = dxQemuControllerBusName(ctx->def, DX_CONTROLLER_TYPE_USB, info->addr.usb.bus,
                                      "usb", true);
        dxJSONAddString(props, "bus", tmp);
        free(tmp);
        if (dxUSBPortIsSet(info->addr.usb.port)) {
            tmp = dxUSBPortFormat(info->addr.usb.port);
            dxJSONAddString(props, "port", tmp);
            free(tmp);
        }
        break;
    case DX_ADDRESS_TYPE_VIRTIO_SERIAL:
        tmp = dxAsprintf("virtio-serial%u.%u", info->addr.vioserial.controller,
                         info->addr.vioserial.bus);
        dxJSONAddString(props, "bus", tmp);
        free(tmp);
        dxJSONAddUInt(props, "nr", info->addr.vioserial.port);
        break;
    case DX_ADDRESS_TYPE_CCID:
        tmp = dxQemuControllerBusName(ctx->def, DX_CONTROLLER_TYPE_CCID,
                                      info->addr.ccid.controller, "ccid", false);
        dxJSONAddString(props, "bus", tmp);
        free(tmp);
        dxJSONAddUInt(props, "slot", info->addr.ccid.slot);
        break;
    case DX_ADDRESS_TYPE_ISA:
        if (info->addr.isa.iobase)
            dxJSONAddUInt(props, "iobase", info->addr.isa.iobase);
        if (info->addr.isa.irq)
            dxJSONAddUInt(props, "irq", info->addr.isa.irq);
        break;
    case DX_ADDRESS_TYPE_CCW:
        tmp = dxAsprintf("%x.%x.%04x", info->addr.ccw.cssid, info->addr.ccw.ssid,
                         info->addr.ccw.devno);
        dxJSONAddString(props, "devno", tmp);
        free(tmp);
        break;
    case DX_ADDRESS_TYPE_SPAPRVIO:
        if (info->addr.spaprvio.hasReg)
            dxJSONAddUInt(props, "reg", info->addr.spaprvio.reg);
        break;
    case DX_ADDRESS_TYPE_NONE:
    case DX_ADDRESS_TYPE_DRIVE:
    case DX_ADDRESS_TYPE_VIRTIO_S390:
    case DX_ADDRESS_TYPE_VIRTIO_MMIO:
    case DX_ADDRESS_TYPE_DIMM:
    case DX_ADDRESS_TYPE_UNASSIGNED:
    case DX_ADDRESS_TYPE_LAST:
        break;
    }
}

/* The order of options, as libvirt 9.0's qemu driver emits them.  Device
 * families insert their steps at their place in this list. */
static const dxQemuBuildStep dxQemuBuildSteps[] = {
    dxQemuBuildName,
    dxQemuBuildCompat,

    /* disks: block node numbers, secrets (before the master key) */
    dxQemuPrepareDisks,

    /* hostdevs: SCSI block node numbers after the disks', iSCSI secrets */
    dxQemuPrepareHostdevs,

    /* firmware: resolve, network NVRAM secrets (before the master key) */
    dxQemuPrepareFirmware,

    dxQemuBuildMasterKey,

    /* pr-manager objects (disk reservations) */
    dxQemuBuildPRManager,

    /* pflash -blockdev (firmware) */
    dxQemuBuildPflash,

    dxQemuBuildMachine,
    dxQemuBuildAccel,

    /* tseg -global */
    dxQemuBuildTseg,

    dxQemuBuildCPU,

    /* loader: -bios */
    dxQemuBuildLoader,

    dxQemuBuildMemory,
    dxQemuBuildOvercommit,
    dxQemuBuildSmp,

    /* iothreads */
    dxQemuBuildIOThreads,

    /* -numa */
    dxQemuBuildNuma,

    dxQemuBuildUUID,

    /* -smbios / sysinfo */
    dxQemuBuildSysinfo,

    /* vmgenid */
    dxQemuBuildVmgenid,

    dxQemuBuildDisplayNone,
    dxQemuBuildDefaults,
    dxQemuBuildMonitor,
    dxQemuBuildClock,
    dxQemuBuildPM,
    dxQemuBuildBoot,
    dxQemuBuildKernel,
    dxQemuBuildAcpiTables,

    /* iommu */
    dxQemuBuildIOMMU,

    /* controllers (-global and -device) */
    dxQemuBuildControllersGlobal,
    dxQemuBuildControllers,

    /* memory devices */
    dxQemuBuildMemoryDevices,

    /* hubs */
    dxQemuBuildHubs,

    /* ccid controllers (smartcard bus) */
    dxQemuBuildCCIDControllers,

    /* disks */
    dxQemuBuildDisks,

    /* filesystems */
    dxQemuBuildFilesystems,

    /* interfaces */
    dxQemuBuildInterfaces,

    /* smartcards */
    dxQemuBuildSmartcards,

    /* serials */
    dxQemuBuildSerials,

    /* parallels */
    dxQemuBuildParallels,

    /* channels */
    dxQemuBuildChannels,

    /* consoles */
    dxQemuBuildConsoles,

    /* tpms */
    dxQemuBuildTPMs,

    /* inputs */
    dxQemuBuildInputs,

    /* audiodev */
    dxQemuBuildAudios,

    /* graphics */
    dxQemuBuildGraphics,

    /* videos */
    dxQemuBuildVideos,

    /* sounds */
    dxQemuBuildSounds,

    /* watchdogs */
    dxQemuBuildWatchdogs,

    /* redirdevs */
    dxQemuBuildRedirdevs,

    /* hostdevs */
    dxQemuBuildHostdevs,

    /* memballoon */
    dxQemuBuildMemballoon,

    /* rngs */
    dxQemuBuildRNGs,

    /* nvram */

    /* vmcoreinfo */

    /* launch security */
    dxQemuBuildLaunchSecurity,

    /* qemu:commandline */
    dxQemuBuildQemuNsArgs,

    dxQemuBuildSandbox,

    /* panic */
    dxQemuBuildPanics,

    /* shmem */
    dxQemuBuildShmems,

    /* vsock */
    dxQemuBuildVsock,

    /* crypto */
    dxQemuBuildCryptos,

    dxQemuBuildMsg,
};

dxArgv *
dxQemuBuildCommandLine(dxDomainDef *def, const dxQemuBuildOptions *opts)
{
    dxQemuBuildCtx ctx = { .def = def };
    char *stateDir = NULL;
    size_t i;

    if (opts && opts->stateDir)
        ctx.stateDir = opts->stateDir;
    else
        ctx.stateDir = stateDir = dxQemuDefaultStateDir(def);
    if (dxQemuAssignStartAddresses(def) < 0 || dxQemuAssignAliases(def) < 0) {
        free(stateDir);
        return NULL;
    }
    ctx.argv = dxArgvNew();
    dxQemuInstallOverrides(&ctx);
    dxArgvAdd(ctx.argv, def->emulator ? def->emulator : DX_QEMU_DEFAULT_EMULATOR);
    for (i = 0; i < DX_ARRAY_CARDINALITY(dxQemuBuildSteps); i++) {
        if (dxQemuBuildSteps[i](&ctx) < 0) {
            dxArgvFree(ctx.argv);
            dxQemuFirmwareChoiceClear(&ctx.fw);
            free(stateDir);
            return NULL;
        }
    }
    dxQemuFirmwareChoiceClear(&ctx.fw);
    free(stateDir);
    return ctx.argv;
}
