/* rng_conf.h: <rng>, the virtio random number generator and its host
 * entropy source. */
#pragma once

#include "chr_conf.h"
#include "device_info.h"
#include "domain_def.h"
#include "virtio_options.h"

typedef enum {
    DX_RNG_MODEL_VIRTIO = 0,
    DX_RNG_MODEL_VIRTIO_TRANSITIONAL,
    DX_RNG_MODEL_VIRTIO_NON_TRANSITIONAL,
    DX_RNG_MODEL_LAST
} dxRNGModel;
DX_ENUM_DECL(dxRNGModel);

typedef enum {
    DX_RNG_BACKEND_RANDOM = 0,     /* a host device file */
    DX_RNG_BACKEND_EGD,            /* an EGD daemon behind a character device */
    DX_RNG_BACKEND_BUILTIN,        /* QEMU's own generator */
    DX_RNG_BACKEND_LAST
} dxRNGBackend;
DX_ENUM_DECL(dxRNGBackend);

/* The host file a random backend reads when the XML names none. */
#define DX_RNG_DEFAULT_SOURCE "/dev/random"

struct _dxRNGDef {
    dxRNGModel model;
    dxRNGBackend backend;
    char *file;                    /* random: the host device */
    dxChrSourceDef *egd;           /* egd: where the daemon listens */
    unsigned int rateBytes;        /* <rate bytes=>, 0 = unlimited */
    unsigned int ratePeriod;       /* <rate period=> in ms, 0 = not given */
    dxVirtioOptions virtio;
    dxDeviceInfo info;
};

int dxRNGParse(dxDomainDef *def, xmlNodePtr node);
void dxRNGFormat(dxBuf *buf, const dxRNGDef *rng);
void dxRNGFree(dxRNGDef *rng);
