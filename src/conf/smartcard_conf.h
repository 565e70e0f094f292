/* smartcard_conf.h: <smartcard>, a CCID smartcard reader in the guest. */
#pragma once

#include "chr_conf.h"
#include "device_info.h"
#include "domain_def.h"

typedef enum {
    DX_SMARTCARD_MODE_HOST = 0,           /* the host's own reader, via NSS */
    DX_SMARTCARD_MODE_HOST_CERTIFICATES,  /* three certificates from an NSS db */
    DX_SMARTCARD_MODE_PASSTHROUGH,        /* a remote reader behind a chardev */
    DX_SMARTCARD_MODE_LAST
} dxSmartcardMode;
DX_ENUM_DECL(dxSmartcardMode);

#define DX_SMARTCARD_NUM_CERTIFICATES 3
/* The NSS database QEMU reads when <database> names none. */
#define DX_SMARTCARD_DEFAULT_DATABASE "/etc/pki/nssdb"

struct _dxSmartcardDef {
    dxSmartcardMode mode;
    char *certificates[DX_SMARTCARD_NUM_CERTIFICATES];
    char *database;
    dxChrSourceDef *passthru;             /* passthrough */
    dxDeviceInfo info;
};

int dxSmartcardParse(dxDomainDef *def, xmlNodePtr node);
void dxSmartcardFormat(dxBuf *buf, const dxSmartcardDef *card);
void dxSmartcardFree(dxSmartcardDef *card);
/* Generic post-parse: every smartcard gets a CCID slot, and the CCID
 * controllers the cards need are added. */
void dxSmartcardsAddImplicitControllers(dxDomainDef *def);
