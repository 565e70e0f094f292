/* qemu_cmd_usbdev.c: the USB families: hubs, smartcards (on their CCID
 * bus) and redirected USB devices. */
#include "qemu_cmd_devices.h"
#include "qemu_cmd_chr.h"
#include "conf/controller_conf.h"
#include "conf/hub_conf.h"
#include "conf/redirdev_conf.h"
#include "conf/redirfilter_conf.h"
#include "conf/smartcard_conf.h"
#include "util/dxalloc.h"

#include <stdlib.h>

int
dxQemuBuildHubs(dxQemuBuildCtx *ctx)
{
    size_t i;

    for (i = 0; i < ctx->def->nhubs; i++) {
        const dxHubDef *hub = ctx->def->hubs[i];
        dxJSON *props = dxJSONNewObject();
        dxJSONAddString(props, "driver", "usb-hub");
        dxJSONAddString(props, "id", hub->info.alias);
        dxQemuBuildDeviceAddressProps(ctx, props, &hub->info);
        dxArgvAddJSON(ctx->argv, "-device", props);
    }
    return 0;
}

static void
dxQemuSmartcardEmulatedProps(dxJSON *props, const dxSmartcardDef *card)
{
    char key[] = "certN";
    size_t i;

    dxJSONAddString(props, "driver", "ccid-card-emulated");
    if (card->mode == DX_SMARTCARD_MODE_HOST) {
        dxJSONAddString(props, "backend", "nss-emulated");
        return;
    }
    dxJSONAddString(props, "backend", "certificates");
    for (i = 0; i < DX_SMARTCARD_NUM_CERTIFICATES; i++) {
        key[4] = (char)('1' + i);
        dxJSONAddString(props, key, card->certificates[i]);
    }
    dxJSONAddString(props, "db", card->database ? card->database : DX_SMARTCARD_DEFAULT_DATABASE);
}

static int
dxQemuBuildSmartcard(dxQemuBuildCtx *ctx, const dxSmartcardDef *card)
{
    char *charAlias = dxAsprintf("char%s", card->info.alias);
    char *bus = dxQemuControllerBusName(ctx->def, DX_CONTROLLER_TYPE_CCID,
                                        card->info.addr.ccid.controller, "ccid", false);
    dxJSON *props = dxJSONNewObject();
    int rc = 0;

    if (card->mode == DX_SMARTCARD_MODE_PASSTHROUGH) {
        dxQemuChardev chr = { 0 };
        chr.src = card->passthru;
        chr.charAlias = charAlias;
        chr.devAlias = card->info.alias;
        chr.loc = &card->info.loc;
        if ((rc = dxQemuBuildChardev(ctx, &chr)) < 0)
            goto cleanup;
        dxJSONAddString(props, "driver", "ccid-card-passthru");
        dxJSONAddString(props, "chardev", charAlias);
    } else {
        dxQemuSmartcardEmulatedProps(props, card);
    }
    dxJSONAddString(props, "id", card->info.alias);
    /* the card sits on the CCID controller's bus; the slot is implicit */
    dxJSONAddString(props, "bus", bus);
    dxArgvAddJSON(ctx->argv, "-device", props);
    props = NULL;
 cleanup:
    dxJSONFree(props);
    free(bus);
    free(charAlias);
    return rc;
}

int
dxQemuBuildSmartcards(dxQemuBuildCtx *ctx)
{
    size_t i;
    for (i = 0; i < ctx->def->nsmartcards; i++) {
        if (dxQemuBuildSmartcard(ctx, ctx->def->smartcards[i]) < 0)
            return -1;
    }
    return 0;
}

static int
dxQemuBuildRedirdev(dxQemuBuildCtx *ctx, const dxRedirdevDef *redir)
{
    char *charAlias = dxAsprintf("char%s", redir->info.alias);
    char *filter = NULL;
    dxQemuChardev chr = { 0 };
    dxJSON *props;

    chr.src = &redir->source;
    chr.charAlias = charAlias;
    chr.devAlias = redir->info.alias;
    chr.loc = &redir->info.loc;
    if (dxQemuBuildChardev(ctx, &chr) < 0) {
        free(charAlias);
        return -1;
    }
    if (ctx->def->redirfilter && ctx->def->redirfilter->nusbdevs)
        filter = dxRedirFilterQemuString(ctx->def->redirfilter);
    props = dxJSONNewObject();
    dxJSONAddString(props, "driver", "usb-redir");
    dxJSONAddString(props, "chardev", charAlias);
    dxJSONAddString(props, "id", redir->info.alias);
    dxJSONAddString(props, "filter", filter);
    if (redir->info.bootIndex)
        dxJSONAddUInt(props, "bootindex", redir->info.bootIndex);
    dxQemuBuildDeviceAddressProps(ctx, props, &redir->info);
    dxArgvAddJSON(ctx->argv, "-device", props);
    free(filter);
    free(charAlias);
    return 0;
}

int
dxQemuBuildRedirdevs(dxQemuBuildCtx *ctx)
{
    size_t i;
    for (i = 0; i < ctx->def->nredirdevs; i++) {
        if (dxQemuBuildRedirdev(ctx, ctx->def->redirdevs[i]) < 0)
            return -1;
    }
    return 0;
}
