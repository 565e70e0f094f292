/* crypto_conf.h: <crypto>, a virtio crypto accelerator.  Not in libvirt
 * 9.0: modelled on the element libvirt 9.1 introduced. */
#pragma once

#include "device_info.h"
#include "domain_def.h"
#include "virtio_options.h"

typedef enum {
    DX_CRYPTO_MODEL_VIRTIO = 0,
    DX_CRYPTO_MODEL_LAST
} dxCryptoModel;
DX_ENUM_DECL(dxCryptoModel);

typedef enum {
    DX_CRYPTO_TYPE_QEMU = 0,
    DX_CRYPTO_TYPE_LAST
} dxCryptoType;
DX_ENUM_DECL(dxCryptoType);

typedef enum {
    DX_CRYPTO_BACKEND_BUILTIN = 0,   /* QEMU's own ciphers */
    DX_CRYPTO_BACKEND_LKCF,          /* the host kernel's crypto API */
    DX_CRYPTO_BACKEND_LAST
} dxCryptoBackend;
DX_ENUM_DECL(dxCryptoBackend);

struct _dxCryptoDef {
    dxCryptoModel model;
    dxCryptoType type;
    dxCryptoBackend backend;
    unsigned int queues;             /* 0 = QEMU's default */
    dxVirtioOptions virtio;
    dxDeviceInfo info;
};

int dxCryptoParse(dxDomainDef *def, xmlNodePtr node);
void dxCryptoFormat(dxBuf *buf, const dxCryptoDef *crypto);
void dxCryptoFree(dxCryptoDef *crypto);
