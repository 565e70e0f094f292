/* domain_devices.c: <devices>: dispatch each child to its family and
 * format the families in libvirt's fixed order. */
#include "domain_def.h"
#include "devices.h"
#include "chr_conf.h"
#include "controller_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

#include <stdlib.h>

/* One row per device element, under its comment.  Each family's parser
 * appends what it read to the domain's array for that family. */
static const dxDeviceParser dxDeviceParsers[] = {
    /* <disk> */

    /* <controller> */
    { "controller", dxControllerDefParse },

    /* <lease> */

    /* <filesystem> */

    /* <interface> */

    /* <smartcard> */

    /* <serial> */
    { "serial", dxChrDefParse },

    /* <parallel> */
    { "parallel", dxChrDefParse },

    /* <console> */
    { "console", dxChrDefParse },

    /* <channel> */
    { "channel", dxChrDefParse },

    /* <input> */

    /* <tpm> */

    /* <graphics> */

    /* <sound> */

    /* <audio> */

    /* <video> */

    /* <hostdev> */

    /* <redirdev> */

    /* <redirfilter> */

    /* <hub> */

    /* <watchdog> */

    /* <memballoon> */

    /* <rng> */

    /* <nvram> */

    /* <panic> */

    /* <shmem> */

    /* <memory> */

    /* <iommu> */

    /* <vsock> */

    /* <crypto> */

    { NULL, NULL },
};

static const dxDeviceParser *
dxDeviceParserFind(const xmlNode *node)
{
    size_t i;
    if (node->ns)
        return NULL;
    for (i = 0; dxDeviceParsers[i].element; i++) {
        if (dxXMLNameIs(node, dxDeviceParsers[i].element))
            return &dxDeviceParsers[i];
    }
    return NULL;
}

int
dxDomainDevicesParse(dxDomainDef *def, xmlNodePtr node, unsigned int flags)
{
    int failed = 0;
    (void)flags;
    DX_XML_FOREACH_CHILD(node, child) {
        const dxDeviceParser *p = dxDeviceParserFind(child);
        if (!p)
            continue;   /* unknown: left unread and reported */
        dxXMLMarkUsed(child);
        /* keep going: one run reports every broken device */
        if (p->parse(def, child) < 0)
            failed = 1;
    }
    return failed ? -1 : 0;
}

/* Driver-independent defaults of each family, in format order. */
int
dxDomainDevicesPostParse(dxDomainDef *def)
{
    int rc = 0;
    /* <disk> */

    /* <controller> */
    if (dxControllerDefsPostParse(def) < 0)
        rc = -1;

    /* <lease> */

    /* <filesystem> */

    /* <interface> */

    /* <smartcard> */

    /* <serial> */
    if (dxChrDefsPostParse(def) < 0)
        rc = -1;

    /* <parallel> */

    /* <console> */

    /* <channel> */

    /* <input> */

    /* <tpm> */

    /* <graphics> */

    /* <sound> */

    /* <audio> */

    /* <video> */

    /* <hostdev> */

    /* <redirdev> */

    /* <redirfilter> */

    /* <hub> */

    /* <watchdog> */

    /* <memballoon> */

    /* <rng> */

    /* <nvram> */

    /* <panic> */

    /* <shmem> */

    /* <memory> */

    /* <iommu> */

    /* <vsock> */

    /* <crypto> */

    return rc;
}

DX_ENUM_IMPL(dxDeviceType, DX_DEVICE_LAST,
             "disk", "controller", "lease", "filesystem", "interface",
             "smartcard", "chr", "input", "tpm", "graphics", "sound", "audio",
             "video", "hostdev", "redirdev", "hub", "watchdog", "memballoon",
             "rng", "nvram", "panic", "shmem", "memory", "iommu", "vsock",
             "crypto");

/* Call CB on every INFO of ARRAY's devices (an array of TYPE pointers with
 * an "info" member). */
#define DX_ITERATE_ARRAY(devtype, array, count) \
    for (i = 0; i < (count); i++) { \
        dxDeviceRef ref = { devtype, (array)[i] }; \
        if ((rc = cb(def, ref, &(array)[i]->info, opaque)) != 0) \
            return rc; \
    }

int
dxDomainDeviceInfoIterate(dxDomainDef *def, dxDeviceInfoCallback cb, void *opaque)
{
    size_t i;
    int rc = 0;
    (void)i;
    (void)cb;
    (void)opaque;
    (void)def;

    /* <disk> */

    /* <controller> */
    DX_ITERATE_ARRAY(DX_DEVICE_CONTROLLER, def->controllers, def->ncontrollers);

    /* <lease> */

    /* <filesystem> */

    /* <interface> */

    /* <smartcard> */

    /* <serial> */
    DX_ITERATE_ARRAY(DX_DEVICE_CHR, def->serials, def->nserials);

    /* <parallel> */
    DX_ITERATE_ARRAY(DX_DEVICE_CHR, def->parallels, def->nparallels);

    /* <console> */
    /* a console standing for a serial port is that port: skip it */
    for (i = 0; i < def->nconsoles; i++) {
        dxDeviceRef ref = { DX_DEVICE_CHR, def->consoles[i] };
        if (dxChrConsoleIsSerialAlias(def, i))
            continue;
        if ((rc = cb(def, ref, &def->consoles[i]->info, opaque)) != 0)
            return rc;
    }

    /* <channel> */
    DX_ITERATE_ARRAY(DX_DEVICE_CHR, def->channels, def->nchannels);

    /* <input> */

    /* <tpm> */

    /* <graphics> */

    /* <sound> */

    /* <video> */

    /* <hostdev> */

    /* <redirdev> */

    /* <hub> */

    /* <watchdog> */

    /* <memballoon> */

    /* <rng> */

    /* <nvram> */

    /* <panic> */

    /* <shmem> */

    /* <memory> */

    /* <iommu> */

    /* <vsock> */

    /* <crypto> */

    return rc;
}

static int
dxDeviceHasBootCallback(dxDomainDef *def, dxDeviceRef dev, dxDeviceInfo *info, void *opaque)
{
    (void)def;
    (void)dev;
    (void)opaque;
    return info->bootIndex ? 1 : 0;
}

bool
dxDomainDefHasDeviceBoot(const dxDomainDef *def)
{
    /* the walk does not modify DEF; it takes it non-const for other users */
    return dxDomainDeviceInfoIterate((dxDomainDef *)def, dxDeviceHasBootCallback, NULL) > 0;
}

void
dxDomainDevicesClear(dxDomainDef *def)
{
    size_t i;
    (void)i;
    (void)def;

    /* <disk> */

    /* <controller> */
    dxControllerDefsClear(def);

    /* <lease> */

    /* <filesystem> */

    /* <interface> */

    /* <smartcard> */

    /* <serial> */
    dxChrDefsClear(def);

    /* <parallel> */

    /* <console> */

    /* <channel> */

    /* <input> */

    /* <tpm> */

    /* <graphics> */

    /* <sound> */

    /* <audio> */

    /* <video> */

    /* <hostdev> */

    /* <redirdev> */

    /* <redirfilter> */

    /* <hub> */

    /* <watchdog> */

    /* <memballoon> */

    /* <rng> */

    /* <nvram> */

    /* <panic> */

    /* <shmem> */

    /* <memory> */

    /* <iommu> */

    /* <vsock> */

    /* <crypto> */
}

void
dxDomainDevicesFormat(dxBuf *buf, const dxDomainDef *def)
{
    dxBufAddStr(buf, "<devices>\n");
    dxBufAdjustIndent(buf, 2);
    dxBufTextElement(buf, "emulator", def->emulator);

    /* <disk> */

    /* <controller> */
    dxControllerDefsFormat(buf, def);

    /* <lease> */

    /* <filesystem> */

    /* <interface> */

    /* <smartcard> */

    /* <serial> */
    dxChrDefsFormat(buf, def, DX_CHR_DEVICE_SERIAL);

    /* <parallel> */
    dxChrDefsFormat(buf, def, DX_CHR_DEVICE_PARALLEL);

    /* <console> */
    dxChrDefsFormat(buf, def, DX_CHR_DEVICE_CONSOLE);

    /* <channel> */
    dxChrDefsFormat(buf, def, DX_CHR_DEVICE_CHANNEL);

    /* <input> */

    /* <tpm> */

    /* <graphics> */

    /* <sound> */

    /* <audio> */

    /* <video> */

    /* <hostdev> */

    /* <redirdev> */

    /* <redirfilter> */

    /* <hub> */

    /* <watchdog> */

    /* <memballoon> */

    /* <rng> */

    /* <nvram> */

    /* <panic> */

    /* <shmem> */

    /* <memory> */

    /* <iommu> */

    /* <vsock> */

    /* <crypto> */

    dxBufAdjustIndent(buf, -2);
    dxBufAddStr(buf, "</devices>\n");
}
