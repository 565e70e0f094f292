/* smartcard_conf.c: parse and format of <smartcard>. */
#include "smartcard_conf.h"
#include "controller_conf.h"
#include "util/dxalloc.h"
#include "util/dxxml.h"

#include <stdlib.h>

DX_ENUM_IMPL(dxSmartcardMode, DX_SMARTCARD_MODE_LAST,
             "host", "host-certificates", "passthrough");

void
dxSmartcardFree(dxSmartcardDef *card)
{
    size_t i;
    if (!card)
        return;
    for (i = 0; i < DX_SMARTCARD_NUM_CERTIFICATES; i++)
        free(card->certificates[i]);
    free(card->database);
    if (card->passthru) {
        dxChrSourceDefClear(card->passthru);
        free(card->passthru);
    }
    dxDeviceInfoClear(&card->info);
    free(card);
}

static int
dxSmartcardParseCertificates(dxSmartcardDef *card, xmlNodePtr node)
{
    size_t n = 0;
    xmlNodePtr db;

    DX_XML_FOREACH_CHILD(node, child) {
        if (child->ns || !dxXMLNameIs(child, "certificate"))
            continue;
        if (n == DX_SMARTCARD_NUM_CERTIFICATES)
            break;
        card->certificates[n++] = dxXMLContent(child);
    }
    if (n != DX_SMARTCARD_NUM_CERTIFICATES ||
        dxXMLChildCount(node, "certificate") != DX_SMARTCARD_NUM_CERTIFICATES) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "host-certificates mode needs exactly three certificates");
        return -1;
    }
    if ((db = dxXMLChild(node, "database"))) {
        card->database = dxXMLContent(db);
        if (card->database[0] != '/') {
            dxErrorReport(DX_ERR_INVALID, db,
                          "expecting absolute path for the smartcard database: '%s'",
                          card->database);
            return -1;
        }
    }
    return 0;
}

static int
dxSmartcardParsePassthrough(dxSmartcardDef *card, xmlNodePtr node)
{
    int type = 0;

    if (dxXMLPropEnum(node, "type", &dxChrTypeTable, DX_PROP_REQUIRED, &type) < 0)
        return -1;
    card->passthru = dxNew(dxChrSourceDef);
    card->passthru->type = type;
    if (type == DX_CHR_TYPE_SPICEVMC)
        card->passthru->spicevmc = DX_CHR_SPICEVMC_SMARTCARD;
    return dxChrSourceParse(card->passthru, node, 0);
}

static int
dxSmartcardParseBody(dxSmartcardDef *card, xmlNodePtr node)
{
    switch (card->mode) {
    case DX_SMARTCARD_MODE_HOST:
        break;
    case DX_SMARTCARD_MODE_HOST_CERTIFICATES:
        if (dxSmartcardParseCertificates(card, node) < 0)
            return -1;
        break;
    case DX_SMARTCARD_MODE_PASSTHROUGH:
        if (dxSmartcardParsePassthrough(card, node) < 0 ||
            dxChrSourceValidate(card->passthru, &card->info.loc, false) < 0)
            return -1;
        break;
    case DX_SMARTCARD_MODE_LAST:
        break;
    }
    return 0;
}

int
dxSmartcardParse(dxDomainDef *def, xmlNodePtr node)
{
    dxSmartcardDef *card = dxNew(dxSmartcardDef);
    int mode = 0;

    dxSourceLocSet(&card->info.loc, node);
    if (dxXMLPropEnum(node, "mode", &dxSmartcardModeTable, DX_PROP_REQUIRED, &mode) < 0)
        goto error;
    card->mode = mode;
    if (dxSmartcardParseBody(card, node) < 0 || dxDeviceInfoParse(&card->info, node, 0) < 0)
        goto error;
    if (card->info.type != DX_ADDRESS_TYPE_NONE && card->info.type != DX_ADDRESS_TYPE_CCID) {
        dxErrorReportLoc(DX_ERR_INVALID, &card->info.loc,
                         "Controllers must use the 'ccid' address type");
        goto error;
    }
    DX_APPEND(def->smartcards, def->nsmartcards, card);
    return 0;
 error:
    dxSmartcardFree(card);
    return -1;
}

void
dxSmartcardFormat(dxBuf *buf, const dxSmartcardDef *card)
{
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    size_t i;

    dxBufAttr(&attrs, "mode", dxSmartcardModeTypeToString(card->mode));
    switch (card->mode) {
    case DX_SMARTCARD_MODE_HOST:
        break;
    case DX_SMARTCARD_MODE_HOST_CERTIFICATES:
        for (i = 0; i < DX_SMARTCARD_NUM_CERTIFICATES; i++)
            dxBufTextElement(&child, "certificate", card->certificates[i]);
        dxBufTextElement(&child, "database", card->database);
        break;
    case DX_SMARTCARD_MODE_PASSTHROUGH:
        dxBufAttr(&attrs, "type", dxChrTypeTypeToString(card->passthru->type));
        dxChrSourceFormat(&child, card->passthru);
        break;
    case DX_SMARTCARD_MODE_LAST:
        break;
    }
    dxDeviceInfoFormat(&child, &card->info, 0);
    dxBufElement(buf, "smartcard", &attrs, &child);
}

/* A smartcard without an address takes the next slot of CCID bus 0. */
static void
dxSmartcardsAssignCCID(dxDomainDef *def)
{
    size_t i, j;

    for (i = 0; i < def->nsmartcards; i++) {
        dxDeviceInfo *info = &def->smartcards[i]->info;
        int max = -1;

        if (info->type != DX_ADDRESS_TYPE_NONE)
            continue;
        for (j = 0; j < def->nsmartcards; j++) {
            const dxDeviceInfo *other = &def->smartcards[j]->info;
            if (j != i && other->type == DX_ADDRESS_TYPE_CCID &&
                other->addr.ccid.controller == 0 && (int)other->addr.ccid.slot > max)
                max = other->addr.ccid.slot;
        }
        info->type = DX_ADDRESS_TYPE_CCID;
        info->addr.ccid.controller = 0;
        info->addr.ccid.slot = max + 1;
    }
}

/* Every smartcard sits on a CCID controller: give the cards their slots,
 * then add the controllers they name (libvirt does this whatever the
 * driver, so plain `format` shows them). */
void
dxSmartcardsAddImplicitControllers(dxDomainDef *def)
{
    size_t i;

    dxSmartcardsAssignCCID(def);
    for (i = 0; i < def->nsmartcards; i++) {
        const dxDeviceInfo *info = &def->smartcards[i]->info;
        if (info->type == DX_ADDRESS_TYPE_CCID)
            dxDomainDefAddImplicitController(def, DX_CONTROLLER_TYPE_CCID,
                                             (int)info->addr.ccid.controller);
    }
}
