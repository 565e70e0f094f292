/* tpm_conf.c: parse and format of <tpm>. */
#include "tpm_conf.h"
#include "util/dxalloc.h"
#include "util/dxuuid.h"
#include "util/dxxml.h"

#include <stdlib.h>

DX_ENUM_IMPL(dxTPMModel, DX_TPM_MODEL_LAST,
             "default", "tpm-tis", "tpm-crb", "tpm-spapr", "spapr-tpm-proxy");
DX_ENUM_IMPL(dxTPMBackend, DX_TPM_BACKEND_LAST, "passthrough", "emulator", "external");
DX_ENUM_IMPL(dxTPMVersion, DX_TPM_VERSION_LAST, "default", "1.2", "2.0");
DX_ENUM_IMPL(dxTPMPcrBank, DX_TPM_PCR_BANK_LAST, "sha1", "sha256", "sha384", "sha512");

static void
dxTPMExternalSourceFree(dxChrSourceDef *src)
{
    if (!src)
        return;
    dxChrSourceDefClear(src);
    free(src);
}

/* <source type='unix' mode='connect' path='...'/>: the socket of a TPM
 * emulator started outside libvirt.  Only UNIX sockets make sense here. */
static int
dxTPMExternalSourceParse(dxTPMDef *tpm, xmlNodePtr backend)
{
    xmlNodePtr source = dxXMLChild(backend, "source");
    int type = 0;

    if (!source) {
        dxErrorReport(DX_ERR_INVALID, backend, "missing external TPM backend source");
        return -1;
    }
    if (dxXMLPropEnum(source, "type", &dxChrTypeTable, DX_PROP_REQUIRED, &type) < 0)
        return -1;
    if (type != DX_CHR_TYPE_UNIX) {
        dxErrorReport(DX_ERR_UNSUPPORTED, source,
                      "unsupported external TPM backend source type '%s': only 'unix' works",
                      dxChrTypeTypeToString(type));
        return -1;
    }
    tpm->source = dxNew(dxChrSourceDef);
    tpm->source->type = type;
    if (dxChrSourceParse(tpm->source, backend, 0) < 0)
        return -1;
    if (!tpm->source->path) {
        dxErrorReport(DX_ERR_INVALID, source, "missing socket path for the external TPM backend");
        return -1;
    }
    if (tpm->source->listen) {
        dxErrorReport(DX_ERR_UNSUPPORTED, source,
                      "the external TPM backend must be reached in mode='connect'");
        return -1;
    }
    return 0;
}

static void
dxTPMExternalSourceFormat(dxBuf *buf, const dxTPMDef *tpm)
{
    dxBufAddStr(buf, "<source type='unix' mode='connect'");
    dxBufAttr(buf, "path", tpm->source->path);
    dxBufAddStr(buf, "/>\n");
}

void
dxTPMFree(dxTPMDef *tpm)
{
    if (!tpm)
        return;
    free(tpm->devicePath);
    dxTPMExternalSourceFree(tpm->source);
    dxDeviceInfoClear(&tpm->info);
    free(tpm);
}

static int
dxTPMParsePcrBanks(dxTPMDef *tpm, xmlNodePtr banks)
{
    tpm->hasPcrBanks = true;
    DX_XML_FOREACH_CHILD(banks, bank) {
        int b = dxTPMPcrBankTypeFromString((const char *)bank->name);
        if (b < 0) {
            dxErrorReport(DX_ERR_INVALID, bank,
                          "unsupported PCR bank '%s': use sha1, sha256, sha384 or sha512",
                          (const char *)bank->name);
            return -1;
        }
        dxXMLMarkUsed(bank);
        tpm->pcrBanks |= 1u << b;
    }
    return 0;
}

static int
dxTPMParseEmulator(dxTPMDef *tpm, xmlNodePtr backend)
{
    dxTristateBool persistent = DX_TRISTATE_BOOL_ABSENT;
    xmlNodePtr child;

    if (dxXMLPropTristateBool(backend, "persistent_state", 0, &persistent) < 0)
        return -1;
    tpm->persistentState = persistent == DX_TRISTATE_BOOL_YES;
    if ((child = dxXMLChild(backend, "encryption"))) {
        if (dxXMLPropUUID(child, "secret", DX_PROP_REQUIRED, tpm->secret) < 0)
            return -1;
        tpm->hasSecret = true;
    }
    if ((child = dxXMLChild(backend, "active_pcr_banks")) && dxTPMParsePcrBanks(tpm, child) < 0)
        return -1;
    return 0;
}

static int
dxTPMParseBackend(dxTPMDef *tpm, xmlNodePtr backend)
{
    xmlNodePtr child;
    int type = 0, version = 0;

    if (dxXMLPropEnum(backend, "type", &dxTPMBackendTable, DX_PROP_REQUIRED, &type) < 0 ||
        dxXMLPropEnum(backend, "version", &dxTPMVersionTable, DX_PROP_NONZERO, &version) < 0)
        return -1;
    tpm->backend = type;
    tpm->version = version;
    /* libvirt's grammar allows version= on every backend, but only an
     * emulated TPM has one: libvirt forgets it for the others */
    if (version && tpm->backend != DX_TPM_BACKEND_EMULATOR) {
        dxWarningReport(DX_ERR_UNKNOWN, backend,
                        "version='%s' only applies to backend type='emulator': ignored "
                        "for type '%s'", dxTPMVersionTypeToString(version),
                        dxTPMBackendTypeToString(type));
        tpm->version = DX_TPM_VERSION_DEFAULT;
    }
    switch (tpm->backend) {
    case DX_TPM_BACKEND_PASSTHROUGH:
        if ((child = dxXMLChild(backend, "device")))
            tpm->devicePath = dxXMLPropString(child, "path");
        if (!tpm->devicePath)
            tpm->devicePath = dxStrdup(DX_TPM_DEFAULT_DEVICE);
        return 0;
    case DX_TPM_BACKEND_EMULATOR:
        return dxTPMParseEmulator(tpm, backend);
    case DX_TPM_BACKEND_EXTERNAL:
        return dxTPMExternalSourceParse(tpm, backend);
    case DX_TPM_BACKEND_LAST:
        break;
    }
    return 0;
}

int
dxTPMParse(dxDomainDef *def, xmlNodePtr node)
{
    dxTPMDef *tpm = dxNew(dxTPMDef);
    xmlNodePtr backend;
    int model = 0;

    if (dxXMLPropEnum(node, "model", &dxTPMModelTable, DX_PROP_NONZERO, &model) < 0)
        goto error;
    tpm->model = model;
    if (!(backend = dxXMLChild(node, "backend"))) {
        dxErrorReport(DX_ERR_INVALID, node, "missing TPM device backend");
        goto error;
    }
    if (dxTPMParseBackend(tpm, backend) < 0 || dxDeviceInfoParse(&tpm->info, node, 0) < 0)
        goto error;
    DX_APPEND(def->tpms, def->ntpms, tpm);
    return 0;
 error:
    dxTPMFree(tpm);
    return -1;
}

static void
dxTPMFormatEmulator(dxBuf *attrs, dxBuf *child, const dxTPMDef *tpm)
{
    char uuid[DX_UUID_STRING_BUFLEN];
    size_t i;

    if (tpm->version)
        dxBufAttr(attrs, "version", dxTPMVersionTypeToString(tpm->version));
    if (tpm->persistentState)
        dxBufAttr(attrs, "persistent_state", "yes");
    if (tpm->hasSecret) {
        dxUUIDFormat(tpm->secret, uuid);
        dxBufAddf(child, "<encryption secret='%s'/>\n", uuid);
    }
    if (tpm->pcrBanks) {
        dxBufAddStr(child, "<active_pcr_banks>\n");
        dxBufAdjustIndent(child, 2);
        for (i = 0; i < DX_TPM_PCR_BANK_LAST; i++) {
            if (tpm->pcrBanks & (1u << i))
                dxBufAddf(child, "<%s/>\n", dxTPMPcrBankTypeToString(i));
        }
        dxBufAdjustIndent(child, -2);
        dxBufAddStr(child, "</active_pcr_banks>\n");
    }
}

static void
dxTPMFormatBackend(dxBuf *buf, const dxTPMDef *tpm)
{
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);

    dxBufAttr(&attrs, "type", dxTPMBackendTypeToString(tpm->backend));
    switch (tpm->backend) {
    case DX_TPM_BACKEND_PASSTHROUGH:
        dxBufAddStr(&child, "<device");
        dxBufAttr(&child, "path", tpm->devicePath);
        dxBufAddStr(&child, "/>\n");
        break;
    case DX_TPM_BACKEND_EMULATOR:
        dxTPMFormatEmulator(&attrs, &child, tpm);
        break;
    case DX_TPM_BACKEND_EXTERNAL:
        dxTPMExternalSourceFormat(&child, tpm);
        break;
    case DX_TPM_BACKEND_LAST:
        break;
    }
    dxBufElement(buf, "backend", &attrs, &child);
}

void
dxTPMFormat(dxBuf *buf, const dxTPMDef *tpm)
{
    dxBuf child = DX_BUF_INIT_CHILD(buf);

    dxBufAddStr(buf, "<tpm");
    if (tpm->model)
        dxBufAttr(buf, "model", dxTPMModelTypeToString(tpm->model));
    dxBufAddStr(buf, ">\n");
    dxTPMFormatBackend(&child, tpm);
    dxDeviceInfoFormat(&child, &tpm->info, 0);
    dxBufAddBuf(buf, &child);
    dxBufAddStr(buf, "</tpm>\n");
}
