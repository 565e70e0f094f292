/* qemu_command_priv.h: shared state of the per-family argv builders. */
#pragma once

#include "qemu_command.h"
#include "qemu_target.h"
#include "conf/device_info.h"

/* The firmware a domain boots, once <os> is resolved (qemu_cmd_firmware.c). */
typedef struct {
    const char *code;          /* firmware image; NULL: QEMU's default */
    bool pflash;               /* in pflash (else -bios) */
    bool codeReadonly;
    bool secure;               /* secure boot: SMM-only flash writes */
    bool needSMM;              /* the image requires SMM */
    char *nvramPath;           /* variable store file, NULL: none */
    int nvramType;             /* dxNvramType */
    /* the <nvram> source of network stores */
    const struct _dxStorageSource *nvramSource;
} dxQemuFirmwareChoice;

typedef struct {
    dxDomainDef *def;
    dxArgv *argv;
    const char *stateDir;
    bool needMasterKey;        /* some secret is encrypted with masterKey0 */
    const char *pflash0;       /* -machine pflash0=: firmware code node */
    const char *pflash1;       /* -machine pflash1=: firmware variables node */
    dxQemuFirmwareChoice fw;   /* resolved by dxQemuPrepareFirmware */
    unsigned int nextFdSet;    /* -add-fd set= numbers handed out so far */
    int nextChardevFd;         /* descriptor for the next file a chardev uses */
    /* N of the next "libvirt-N-..." block node: disks take 1..D (see
     * dxQemuPrepareDisks), other block users (SCSI hostdevs) follow */
    unsigned int nextNodeIndex;
} dxQemuBuildCtx;

/* One memory backend object (-object memory-backend-*), the way libvirt
 * builds them for main RAM, NUMA cells and memory devices. */
typedef struct {
    const char *id;            /* "pc.ram", "ram-node0", "memdimm0" */
    const char *fileName;      /* file name in the memory backing dir; NULL = id */
    const char *memPath;       /* an explicit backing file (nvdimm) */
    unsigned long long sizeKiB;
    long cell;                 /* guest NUMA cell, -1 for none */
    bool mainRam;              /* the machine's own RAM */
    bool skipCellDefaults;     /* do not inherit the cell's discard */
    unsigned long long pageKiB;    /* explicit page size; 0 = from <memoryBacking> */
    int access;                /* dxMemoryAccess; 0 = from cell/<memoryBacking> */
    dxTristateBool discard;    /* 0 = from cell/<memoryBacking> */
    const dxBitmap *hostNodes; /* explicit host nodes; NULL = from <numatune> */
    int hostNodesMode;         /* dxNumatuneMode of HOSTNODES */
    unsigned long long alignKiB;   /* 0 = none */
    dxTristateBool pmem;
    dxTristateBool prealloc;   /* 0 = from huge pages / <allocation> */
    bool noReserve;            /* reserve=false: no swap reserved up front */
} dxQemuMemBackendSpec;

/* One step of the command line; returns 0 or -1 with an error reported.
 * Steps run in the order libvirt emits options. */
typedef int (*dxQemuBuildStep)(dxQemuBuildCtx *ctx);

/* qemu_command.c */
int dxQemuBuildName(dxQemuBuildCtx *ctx);
int dxQemuBuildMasterKey(dxQemuBuildCtx *ctx);
int dxQemuBuildUUID(dxQemuBuildCtx *ctx);
int dxQemuBuildDisplayNone(dxQemuBuildCtx *ctx);
int dxQemuBuildDefaults(dxQemuBuildCtx *ctx);
int dxQemuBuildMonitor(dxQemuBuildCtx *ctx);
int dxQemuBuildSandbox(dxQemuBuildCtx *ctx);
int dxQemuBuildMsg(dxQemuBuildCtx *ctx);
/* "-add-fd set=N,fd=FD,opaque=OPAQUE"; returns N (sets are numbered in
 * command line order). */
unsigned int dxQemuBuildAddFd(dxQemuBuildCtx *ctx, int fd, const char *opaque);
/* Properties of a tls-creds-x509 object for a server (LISTEN) or client
 * endpoint; PASSWORDID names the secret object of the key, or NULL. */
dxJSON *dxQemuTLSx509Props(const char *id, const char *dir, bool listen,
                           bool verifyPeer, const char *passwordid);
/* The guest address of INFO as device properties (bus/addr, bus/port,
 * bus/nr, iobase/irq, ...), in libvirt's order. */
/* "ALIAS.0", the bus of controller TYPE (a dxControllerType) index IDX:
 * named after its alias, else PREFIX + IDX ("usb.0" for USB 0). */
char *dxQemuControllerBusName(const dxDomainDef *def, int type, unsigned int idx,
                              const char *prefix, bool unnumberedZero);
void dxQemuBuildDeviceAddressProps(dxQemuBuildCtx *ctx, dxJSON *props,
                                   const dxDeviceInfo *info);
/* qemu_cmd_machine.c */
int dxQemuBuildMachine(dxQemuBuildCtx *ctx);
int dxQemuBuildAccel(dxQemuBuildCtx *ctx);
int dxQemuBuildTseg(dxQemuBuildCtx *ctx);
/* qemu_cmd_cpu.c */
int dxQemuBuildCPU(dxQemuBuildCtx *ctx);
/* qemu_cmd_memory.c */
int dxQemuBuildMemory(dxQemuBuildCtx *ctx);
int dxQemuBuildOvercommit(dxQemuBuildCtx *ctx);
int dxQemuBuildNuma(dxQemuBuildCtx *ctx);
/* Adds the backend (and its thread-context when preallocation is bound
 * to host nodes) to the argv; 0 or -1 with an error reported. */
int dxQemuBuildMemoryBackend(dxQemuBuildCtx *ctx, const dxQemuMemBackendSpec *spec);
/* Initial RAM as QEMU gets it (NUMA cells or <memory>, MiB-aligned). */
unsigned long long dxQemuAlignedMemoryKiB(const dxDomainDef *def);
/* "-1-NAME" (NAME cut to 20 characters): libvirt's per-domain host path
 * component; caller frees. */
char *dxQemuDomainShortName(const dxDomainDef *def);
/* qemu_cmd_firmware.c */
int dxQemuFirmwareResolve(const dxDomainDef *def, dxQemuFirmwareChoice *fw);
void dxQemuFirmwareChoiceClear(dxQemuFirmwareChoice *fw);
int dxQemuPrepareFirmware(dxQemuBuildCtx *ctx);
int dxQemuBuildPflash(dxQemuBuildCtx *ctx);
int dxQemuBuildLoader(dxQemuBuildCtx *ctx);
/* qemu_cmd_sysinfo.c */
int dxQemuBuildSysinfo(dxQemuBuildCtx *ctx);
int dxQemuBuildVmgenid(dxQemuBuildCtx *ctx);
int dxQemuBuildAcpiTables(dxQemuBuildCtx *ctx);
/* qemu_cmd_security.c */
const char *dxQemuLaunchSecurityId(const dxDomainDef *def);
int dxQemuBuildLaunchSecurity(dxQemuBuildCtx *ctx);
int dxQemuBuildCompat(dxQemuBuildCtx *ctx);
int dxQemuBuildQemuNsArgs(dxQemuBuildCtx *ctx);
/* Make every -device of the argv honour <qemu:override>. */
void dxQemuInstallOverrides(dxQemuBuildCtx *ctx);
/* qemu_cmd_smp.c */
int dxQemuBuildSmp(dxQemuBuildCtx *ctx);
int dxQemuBuildIOThreads(dxQemuBuildCtx *ctx);
/* qemu_cmd_clock.c */
int dxQemuBuildClock(dxQemuBuildCtx *ctx);
/* qemu_cmd_controller.c */
int dxQemuBuildControllersGlobal(dxQemuBuildCtx *ctx);
int dxQemuBuildControllers(dxQemuBuildCtx *ctx);
int dxQemuBuildCCIDControllers(dxQemuBuildCtx *ctx);
/* qemu_cmd_boot.c */
int dxQemuBuildPM(dxQemuBuildCtx *ctx);
int dxQemuBuildBoot(dxQemuBuildCtx *ctx);
int dxQemuBuildKernel(dxQemuBuildCtx *ctx);
