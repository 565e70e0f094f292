/* qemu_chr.c: what the QEMU driver adds to character devices (target
 * types and models), their aliases, and the ones QEMU cannot run. */
#include "qemu_chr.h"
#include "qemu_address.h"
#include "qemu_target.h"
#include "conf/chr_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"

#include <stdlib.h>
#include <string.h>

/* ---- expand --------------------------------------------------------------- */

/* An x86 serial port without target type is the bus its address names,
 * or the classic ISA UART. */
static dxChrSerialTargetType
dxQemuSerialDefaultTarget(const dxChrDef *chr)
{
    switch (chr->info.type) {
    case DX_ADDRESS_TYPE_USB:
        return DX_CHR_SERIAL_TARGET_USB;
    case DX_ADDRESS_TYPE_PCI:
        return DX_CHR_SERIAL_TARGET_PCI;
    default:
        return DX_CHR_SERIAL_TARGET_ISA;
    }
}

static dxChrSerialModel
dxQemuSerialDefaultModel(dxChrSerialTargetType target)
{
    switch (target) {
    case DX_CHR_SERIAL_TARGET_ISA:
        return DX_CHR_SERIAL_MODEL_ISA_SERIAL;
    case DX_CHR_SERIAL_TARGET_USB:
        return DX_CHR_SERIAL_MODEL_USB_SERIAL;
    case DX_CHR_SERIAL_TARGET_PCI:
        return DX_CHR_SERIAL_MODEL_PCI_SERIAL;
    case DX_CHR_SERIAL_TARGET_SPAPR_VIO:
        return DX_CHR_SERIAL_MODEL_SPAPR_VTY;
    case DX_CHR_SERIAL_TARGET_SYSTEM:
        return DX_CHR_SERIAL_MODEL_PL011;
    case DX_CHR_SERIAL_TARGET_SCLP:
        return DX_CHR_SERIAL_MODEL_SCLPCONSOLE;
    case DX_CHR_SERIAL_TARGET_ISA_DEBUG:
        return DX_CHR_SERIAL_MODEL_ISA_DEBUGCON;
    case DX_CHR_SERIAL_TARGET_NONE:
    case DX_CHR_SERIAL_TARGET_LAST:
        break;
    }
    return DX_CHR_SERIAL_MODEL_NONE;
}

/* A unix socket without a path gets one from the driver, and then QEMU
 * is the side that listens. */
static void
dxQemuChrUnixDefaults(dxChrDef **list, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (list[i]->source.type == DX_CHR_TYPE_UNIX && !list[i]->source.path)
            list[i]->source.listen = true;
    }
}

int
dxQemuExpandChr(dxDomainDef *def)
{
    size_t i;
    dxQemuChrUnixDefaults(def->serials, def->nserials);
    dxQemuChrUnixDefaults(def->parallels, def->nparallels);
    dxQemuChrUnixDefaults(def->channels, def->nchannels);
    dxQemuChrUnixDefaults(def->consoles, def->nconsoles);
    for (i = 0; i < def->nserials; i++) {
        dxChrDef *chr = def->serials[i];
        if (chr->targetType == DX_CHR_SERIAL_TARGET_NONE)
            chr->targetType = dxQemuSerialDefaultTarget(chr);
        if (chr->targetModel == DX_CHR_SERIAL_MODEL_NONE)
            chr->targetModel = dxQemuSerialDefaultModel(chr->targetType);
    }
    return 0;
}

/* ---- address hooks ------------------------------------------------------ */

unsigned int
dxQemuSerialPCIConnect(const dxDomainDef *def, dxDeviceRef dev)
{
    const dxChrDef *chr = dev.ptr;
    (void)def;
    if (chr->deviceType == DX_CHR_DEVICE_SERIAL && chr->targetType == DX_CHR_SERIAL_TARGET_PCI)
        return dxQemuPCIConnectPCI();
    return 0;
}

dxQemuUSBKind
dxQemuSerialUSBKind(const dxDomainDef *def, dxDeviceRef dev)
{
    const dxChrDef *chr = dev.ptr;
    (void)def;
    if (chr->deviceType == DX_CHR_DEVICE_SERIAL && chr->targetType == DX_CHR_SERIAL_TARGET_USB)
        return DX_QEMU_USB_DEVICE;
    return DX_QEMU_USB_NONE;
}

/* Channels take virtio-serial ports from 1 up; virtio consoles are left
 * for QEMU to place (libvirt gives them no address). */
dxQemuVirtioSerialKind
dxQemuChrVirtioSerialKind(const dxDomainDef *def, dxDeviceRef dev)
{
    const dxChrDef *chr = dev.ptr;
    (void)def;
    if (chr->deviceType == DX_CHR_DEVICE_CHANNEL &&
        chr->targetType == DX_CHR_CHANNEL_TARGET_VIRTIO)
        return DX_QEMU_VIRTIO_SERIAL_PORT;
    return DX_QEMU_VIRTIO_SERIAL_NONE;
}

/* ---- aliases -------------------------------------------------------------- */

static void
dxQemuChrListAliases(dxChrDef **list, size_t n, const char *prefix)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (list[i]->info.alias)
            continue;
        list[i]->info.alias = dxAsprintf("%s%zu", prefix, i);
    }
}

int
dxQemuAssignChrAliases(dxDomainDef *def)
{
    dxQemuChrListAliases(def->serials, def->nserials, "serial");
    dxQemuChrListAliases(def->parallels, def->nparallels, "parallel");
    dxQemuChrListAliases(def->channels, def->nchannels, "channel");
    dxQemuChrListAliases(def->consoles, def->nconsoles, "console");
    return 0;
}

/* ---- checks --------------------------------------------------------------- */

static int
dxQemuValidateSerial(const dxChrDef *chr)
{
    dxChrSerialModel expected = dxQemuSerialDefaultModel(chr->targetType);
    const char *target = dxChrSerialTargetTypeToString(chr->targetType);

    switch (chr->targetType) {
    case DX_CHR_SERIAL_TARGET_ISA:
    case DX_CHR_SERIAL_TARGET_ISA_DEBUG:
        if (chr->info.type != DX_ADDRESS_TYPE_NONE &&
            chr->info.type != DX_ADDRESS_TYPE_ISA) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &chr->info.loc,
                             "Target type '%s' requires address type 'isa'", target);
            return -1;
        }
        break;
    case DX_CHR_SERIAL_TARGET_USB:
        if (chr->info.type != DX_ADDRESS_TYPE_NONE &&
            chr->info.type != DX_ADDRESS_TYPE_USB) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &chr->info.loc,
                             "Target type '%s' requires address type 'usb'", target);
            return -1;
        }
        break;
    case DX_CHR_SERIAL_TARGET_PCI:
        if (chr->info.type != DX_ADDRESS_TYPE_NONE &&
            chr->info.type != DX_ADDRESS_TYPE_PCI) {
            dxErrorReportLoc(DX_ERR_UNSUPPORTED, &chr->info.loc,
                             "Target type '%s' requires address type 'pci'", target);
            return -1;
        }
        break;
    default:
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &chr->info.loc,
                         "serial target type '%s' is not supported on x86 machines",
                         target);
        return -1;
    }
    if (chr->targetModel != expected) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &chr->info.loc,
                         "Target model '%s' cannot be used with target type '%s'",
                         dxChrSerialModelTypeToString(chr->targetModel), target);
        return -1;
    }
    return 0;
}

static int
dxQemuValidateChrSource(const dxChrDef *chr)
{
    if (chr->source.type == DX_CHR_TYPE_NMDM) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &chr->info.loc,
                         "unsupported chardev 'nmdm'");
        return -1;
    }
    /* without a path, QEMU listens on a socket the driver creates
     * (dxQemuChrUnixDefaults), whatever the mode said */
    if (chr->source.type == DX_CHR_TYPE_UNIX && !chr->source.path &&
        chr->source.reconnect.enabled == DX_TRISTATE_BOOL_YES) {
        dxErrorReportLoc(DX_ERR_INVALID, &chr->info.loc,
                         "chardev reconnect is possible only for connect mode: a unix "
                         "socket without a path is one QEMU listens on; give the path "
                         "to connect to");
        return -1;
    }
    return 0;
}

/* A parallel port is an ISA device: s390 and pSeries machines have no
 * ISA bus to plug it into. */
static int
dxQemuValidateParallel(const dxDomainDef *def, const dxChrDef *chr)
{
    const char *arch = def->os.arch;
    const char *machine = def->os.machine;

    const char *where = NULL;

    if (arch && strncmp(arch, "s390", 4) == 0)
        where = arch;
    else if (arch && strncmp(arch, "ppc64", 5) == 0 && machine &&
             strncmp(machine, "pseries", 7) == 0)
        where = "pSeries";
    if (!where)
        return 0;
    dxErrorReportLoc(DX_ERR_UNSUPPORTED, &chr->info.loc,
                     "parallel ports are not supported on %s guests: remove "
                     "<parallel> or use a <serial> port", where);
    return -1;
}

/* A virtio channel's socket at DIR/domain-SOMETHING/NAME, NAME being the
 * channel's own target name, is a path the driver generated for an earlier
 * run of the domain: libvirt drops it and generates a new socket that QEMU
 * listens on, so the channel is no longer a client and cannot reconnect
 * (checked against libvirt 9.0's QEMU driver). */
static bool
dxQemuChannelPathIsGenerated(const dxChrDef *chr)
{
    const char *path = chr->source.path;
    const char *base;
    const char *dir;

    if (chr->targetType != DX_CHR_CHANNEL_TARGET_VIRTIO ||
        chr->source.type != DX_CHR_TYPE_UNIX || !path || !chr->name ||
        !(base = strrchr(path, '/')) || strcmp(base + 1, chr->name) != 0)
        return false;
    for (dir = base; dir > path && dir[-1] != '/'; dir--)
        ;
    return dir > path && strncmp(dir, "domain-", 7) == 0 && base - dir > 7;
}

static int
dxQemuValidateChannelReconnect(const dxChrDef *chr)
{
    if (chr->source.reconnect.enabled != DX_TRISTATE_BOOL_YES ||
        !dxQemuChannelPathIsGenerated(chr))
        return 0;
    dxErrorReportLoc(DX_ERR_UNSUPPORTED, &chr->info.loc,
                     "chardev reconnect is possible only for connect mode: '%s' is a "
                     "socket path libvirt generates (and listens on); use another "
                     "path or remove <reconnect>", chr->source.path);
    return -1;
}

static int
dxQemuValidateConsole(const dxDomainDef *def, size_t i)
{
    const dxChrDef *chr = def->consoles[i];
    if (dxChrConsoleIsSerialAlias(def, i) ||
        chr->targetType == DX_CHR_CONSOLE_TARGET_VIRTIO)
        return 0;
    dxErrorReportLoc(DX_ERR_UNSUPPORTED, &chr->info.loc,
                     "unsupported console target type %s",
                     dxNullStr(dxChrConsoleTargetTypeToString(chr->targetType)));
    return -1;
}

static int
dxQemuValidateChannel(const dxChrDef *chr)
{
    if (chr->targetType == DX_CHR_CHANNEL_TARGET_GUESTFWD ||
        chr->targetType == DX_CHR_CHANNEL_TARGET_VIRTIO)
        return 0;
    dxErrorReportLoc(DX_ERR_UNSUPPORTED, &chr->info.loc,
                     "unsupported channel target type %s",
                     dxChrChannelTargetTypeToString(chr->targetType));
    return -1;
}

int
dxQemuValidateChr(const dxDomainDef *def)
{
    size_t i;
    int rc = 0;

    for (i = 0; i < def->nserials; i++) {
        if (dxQemuValidateSerial(def->serials[i]) < 0 ||
            dxQemuValidateChrSource(def->serials[i]) < 0)
            rc = -1;
    }
    for (i = 0; i < def->nparallels; i++) {
        if (dxQemuValidateParallel(def, def->parallels[i]) < 0 ||
            dxQemuValidateChrSource(def->parallels[i]) < 0)
            rc = -1;
    }
    for (i = 0; i < def->nchannels; i++) {
        if (dxQemuValidateChannel(def->channels[i]) < 0 ||
            dxQemuValidateChannelReconnect(def->channels[i]) < 0 ||
            dxQemuValidateChrSource(def->channels[i]) < 0)
            rc = -1;
    }
    for (i = 0; i < def->nconsoles; i++) {
        if (dxQemuValidateConsole(def, i) < 0 ||
            (!dxChrConsoleIsSerialAlias(def, i) &&
             dxQemuValidateChrSource(def->consoles[i]) < 0))
            rc = -1;
    }
    return rc;
}
