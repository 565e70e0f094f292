/* crypto_conf.c: parse and format of <crypto>. */
#include "crypto_conf.h"
#include "util/dxalloc.h"
#include "util/dxxml.h"

#include <stdlib.h>

DX_ENUM_IMPL(dxCryptoModel, DX_CRYPTO_MODEL_LAST, "virtio");
DX_ENUM_IMPL(dxCryptoType, DX_CRYPTO_TYPE_LAST, "qemu");
DX_ENUM_IMPL(dxCryptoBackend, DX_CRYPTO_BACKEND_LAST, "builtin", "lkcf");

void
dxCryptoFree(dxCryptoDef *crypto)
{
    if (!crypto)
        return;
    dxDeviceInfoClear(&crypto->info);
    free(crypto);
}

static int
dxCryptoParseChildren(dxCryptoDef *crypto, xmlNodePtr node)
{
    xmlNodePtr child;
    int backend = 0;

    if (!(child = dxXMLChild(node, "backend"))) {
        dxErrorReport(DX_ERR_INVALID, node, "missing <backend> element in <crypto>");
        return -1;
    }
    if (dxXMLPropEnum(child, "model", &dxCryptoBackendTable, DX_PROP_REQUIRED, &backend) < 0 ||
        dxXMLPropUInt(child, "queues", 10, DX_PROP_NONZERO, &crypto->queues) < 0)
        return -1;
    crypto->backend = backend;
    if ((child = dxXMLChild(node, "driver")) && dxVirtioOptionsParse(child, &crypto->virtio) < 0)
        return -1;
    return dxDeviceInfoParse(&crypto->info, node, 0);
}

int
dxCryptoParse(dxDomainDef *def, xmlNodePtr node)
{
    dxCryptoDef *crypto = dxNew(dxCryptoDef);
    int model = 0, type = 0;

    if (dxXMLPropEnum(node, "model", &dxCryptoModelTable, DX_PROP_REQUIRED, &model) < 0 ||
        dxXMLPropEnum(node, "type", &dxCryptoTypeTable, DX_PROP_REQUIRED, &type) < 0 ||
        dxCryptoParseChildren(crypto, node) < 0) {
        dxCryptoFree(crypto);
        return -1;
    }
    crypto->model = model;
    crypto->type = type;
    DX_APPEND(def->cryptos, def->ncryptos, crypto);
    return 0;
}

void
dxCryptoFormat(dxBuf *buf, const dxCryptoDef *crypto)
{
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    dxBuf driver = DX_BUF_INIT;

    dxBufAddf(buf, "<crypto model='%s' type='%s'>\n",
              dxCryptoModelTypeToString(crypto->model), dxCryptoTypeTypeToString(crypto->type));
    dxBufAddf(&child, "<backend model='%s'", dxCryptoBackendTypeToString(crypto->backend));
    if (crypto->queues)
        dxBufAddf(&child, " queues='%u'", crypto->queues);
    dxBufAddStr(&child, "/>\n");
    dxVirtioOptionsFormat(&driver, &crypto->virtio);
    dxBufElement(&child, "driver", &driver, NULL);
    dxDeviceInfoFormat(&child, &crypto->info, 0);
    dxBufAddBuf(buf, &child);
    dxBufAddStr(buf, "</crypto>\n");
}
