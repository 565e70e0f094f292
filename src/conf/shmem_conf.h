/* shmem_conf.h: <shmem>, inter-VM shared memory (ivshmem). */
#pragma once

#include "device_info.h"
#include "domain_def.h"

typedef enum {
    DX_SHMEM_MODEL_IVSHMEM = 0,       /* the legacy device, also the default */
    DX_SHMEM_MODEL_IVSHMEM_PLAIN,
    DX_SHMEM_MODEL_IVSHMEM_DOORBELL,
    DX_SHMEM_MODEL_LAST
} dxShmemModel;
DX_ENUM_DECL(dxShmemModel);

typedef enum {
    DX_SHMEM_ROLE_DEFAULT = 0,
    DX_SHMEM_ROLE_MASTER,
    DX_SHMEM_ROLE_PEER,
    DX_SHMEM_ROLE_LAST
} dxShmemRole;
DX_ENUM_DECL(dxShmemRole);

/* Where libvirt expects ivshmem-server's socket when <server> names none. */
#define DX_SHMEM_SERVER_DIR "/var/lib/libvirt"

struct _dxShmemDef {
    char *name;
    dxShmemRole role;
    dxShmemModel model;
    unsigned long long size;         /* bytes, 0 = not given */
    bool server;                     /* <server> present */
    char *serverPath;                /* <server path=> */
    bool msi;                        /* <msi> present (or implied) */
    unsigned int msiVectors;
    dxTristateSwitch msiIoeventfd;
    dxDeviceInfo info;
};

int dxShmemParse(dxDomainDef *def, xmlNodePtr node);
void dxShmemFormat(dxBuf *buf, const dxShmemDef *shmem);
void dxShmemFree(dxShmemDef *shmem);
