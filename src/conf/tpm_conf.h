/* tpm_conf.h: <tpm>, the guest TPM and its host backend. */
#pragma once

#include "chr_conf.h"
#include "device_info.h"
#include "domain_def.h"

typedef enum {
    DX_TPM_MODEL_DEFAULT = 0,
    DX_TPM_MODEL_TIS,
    DX_TPM_MODEL_CRB,
    DX_TPM_MODEL_SPAPR,
    DX_TPM_MODEL_SPAPR_PROXY,
    DX_TPM_MODEL_LAST
} dxTPMModel;
DX_ENUM_DECL(dxTPMModel);

typedef enum {
    DX_TPM_BACKEND_PASSTHROUGH = 0,
    DX_TPM_BACKEND_EMULATOR,
    DX_TPM_BACKEND_EXTERNAL,
    DX_TPM_BACKEND_LAST
} dxTPMBackend;
DX_ENUM_DECL(dxTPMBackend);

typedef enum {
    DX_TPM_VERSION_DEFAULT = 0,
    DX_TPM_VERSION_1_2,
    DX_TPM_VERSION_2_0,
    DX_TPM_VERSION_LAST
} dxTPMVersion;
DX_ENUM_DECL(dxTPMVersion);

typedef enum {
    DX_TPM_PCR_BANK_SHA1 = 0,
    DX_TPM_PCR_BANK_SHA256,
    DX_TPM_PCR_BANK_SHA384,
    DX_TPM_PCR_BANK_SHA512,
    DX_TPM_PCR_BANK_LAST
} dxTPMPcrBank;
DX_ENUM_DECL(dxTPMPcrBank);

/* The host TPM a passthrough backend uses when the XML names none. */
#define DX_TPM_DEFAULT_DEVICE "/dev/tpm0"

struct _dxTPMDef {
    dxTPMModel model;
    dxTPMBackend backend;
    /* passthrough */
    char *devicePath;
    /* emulator */
    dxTPMVersion version;
    bool persistentState;
    bool hasSecret;                   /* <encryption secret=> */
    unsigned char secret[16];
    unsigned int pcrBanks;            /* bit per dxTPMPcrBank */
    bool hasPcrBanks;                 /* <active_pcr_banks> given */
    /* external */
    dxChrSourceDef *source;
    dxDeviceInfo info;
};

int dxTPMParse(dxDomainDef *def, xmlNodePtr node);
void dxTPMFormat(dxBuf *buf, const dxTPMDef *tpm);
void dxTPMFree(dxTPMDef *tpm);
