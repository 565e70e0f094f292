/* domain_def.h: the domain model (dxDomainDef) and its domain-wide parts.
 *
 * Devices live in counted pointer arrays, one per family, each family's
 * struct declared in its own header (disk_conf.h, net_conf.h, ...).  Parts
 * outside <devices> that are large enough to deserve a file of their own
 * (CPU, NUMA, tuning, sysinfo, ...) hang off pointers declared here and are
 * defined in their family header.
 */
#pragma once

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/dxbitmap.h"
#include "util/dxbuf.h"
#include "util/dxenum.h"
#include "util/dxerror.h"
#include "util/dxuuid.h"

/* ---- domain type -------------------------------------------------------- */
typedef enum {
    DX_DOMAIN_VIRT_NONE = 0,
    DX_DOMAIN_VIRT_QEMU,
    DX_DOMAIN_VIRT_KQEMU,
    DX_DOMAIN_VIRT_KVM,
    DX_DOMAIN_VIRT_XEN,
    DX_DOMAIN_VIRT_LXC,
    DX_DOMAIN_VIRT_UML,
    DX_DOMAIN_VIRT_OPENVZ,
    DX_DOMAIN_VIRT_TEST,
    DX_DOMAIN_VIRT_VMWARE,
    DX_DOMAIN_VIRT_HYPERV,
    DX_DOMAIN_VIRT_VBOX,
    DX_DOMAIN_VIRT_PHYP,
    DX_DOMAIN_VIRT_PARALLELS,
    DX_DOMAIN_VIRT_BHYVE,
    DX_DOMAIN_VIRT_VZ,
    DX_DOMAIN_VIRT_HVF,
    DX_DOMAIN_VIRT_LAST
} dxDomainVirtType;
DX_ENUM_DECL(dxDomainVirt);

/* ---- lifecycle ------------------------------------------------------------ */
typedef enum {
    DX_DOMAIN_LIFECYCLE_ACTION_DEFAULT = 0,
    DX_DOMAIN_LIFECYCLE_ACTION_DESTROY,
    DX_DOMAIN_LIFECYCLE_ACTION_RESTART,
    DX_DOMAIN_LIFECYCLE_ACTION_RESTART_RENAME,
    DX_DOMAIN_LIFECYCLE_ACTION_PRESERVE,
    DX_DOMAIN_LIFECYCLE_ACTION_COREDUMP_DESTROY,
    DX_DOMAIN_LIFECYCLE_ACTION_COREDUMP_RESTART,
    DX_DOMAIN_LIFECYCLE_ACTION_LAST
} dxDomainLifecycleAction;
DX_ENUM_DECL(dxDomainLifecycleAction);

typedef enum {
    DX_DOMAIN_LOCK_FAILURE_DEFAULT = 0,
    DX_DOMAIN_LOCK_FAILURE_POWEROFF,
    DX_DOMAIN_LOCK_FAILURE_RESTART,
    DX_DOMAIN_LOCK_FAILURE_PAUSE,
    DX_DOMAIN_LOCK_FAILURE_IGNORE,
    DX_DOMAIN_LOCK_FAILURE_LAST
} dxDomainLockFailureAction;
DX_ENUM_DECL(dxDomainLockFailure);

/* ---- memory --------------------------------------------------------------- */
typedef struct {
    unsigned long long totalKiB;     /* <memory>, 0 when absent */
    unsigned long long currentKiB;   /* <currentMemory>, 0 when absent */
    unsigned long long maxKiB;       /* <maxMemory>, 0 when absent */
    unsigned int maxSlots;           /* <maxMemory slots=> */
    dxTristateSwitch dumpCore;       /* <memory dumpCore=> */
} dxDomainMemory;

/* ---- vcpus ---------------------------------------------------------------- */
typedef enum {
    DX_DOMAIN_CPU_PLACEMENT_DEFAULT = 0,
    DX_DOMAIN_CPU_PLACEMENT_STATIC,
    DX_DOMAIN_CPU_PLACEMENT_AUTO,
    DX_DOMAIN_CPU_PLACEMENT_LAST
} dxDomainCPUPlacement;
DX_ENUM_DECL(dxDomainCPUPlacement);

typedef struct {
    unsigned int id;
    dxTristateBool enabled;
    dxTristateBool hotpluggable;
    unsigned int order;
} dxDomainVcpuDef;

typedef struct {
    unsigned int max;                /* <vcpu>N</vcpu> */
    unsigned int current;            /* <vcpu current=>, 0 = same as max */
    dxDomainCPUPlacement placement;
    dxBitmap *cpuset;                /* <vcpu cpuset=> */
    dxDomainVcpuDef **vcpus;         /* <vcpus><vcpu .../></vcpus> */
    size_t nvcpus;
} dxDomainVcpus;

/* ---- os ------------------------------------------------------------------- */
/* What <os><type> may say; the model keeps the string (drivers compare it). */
typedef enum {
    DX_DOMAIN_OS_TYPE_HVM = 0,
    DX_DOMAIN_OS_TYPE_LINUX,
    DX_DOMAIN_OS_TYPE_XEN,
    DX_DOMAIN_OS_TYPE_EXE,
    DX_DOMAIN_OS_TYPE_LAST
} dxDomainOsType;
DX_ENUM_DECL(dxDomainOsType);

typedef enum {
    DX_DOMAIN_BOOT_FLOPPY = 0,
    DX_DOMAIN_BOOT_CDROM,
    DX_DOMAIN_BOOT_DISK,
    DX_DOMAIN_BOOT_NET,
    DX_DOMAIN_BOOT_LAST
} dxDomainBootDevice;
DX_ENUM_DECL(dxDomainBootDevice);

typedef enum {
    DX_DOMAIN_LOADER_TYPE_NONE = 0,
    DX_DOMAIN_LOADER_TYPE_ROM,
    DX_DOMAIN_LOADER_TYPE_PFLASH,
    DX_DOMAIN_LOADER_TYPE_LAST
} dxDomainLoaderType;
DX_ENUM_DECL(dxDomainLoaderType);

typedef enum {
    DX_DOMAIN_OS_FIRMWARE_NONE = 0,
    DX_DOMAIN_OS_FIRMWARE_BIOS,
    DX_DOMAIN_OS_FIRMWARE_EFI,
    DX_DOMAIN_OS_FIRMWARE_LAST
} dxDomainOsFirmware;
DX_ENUM_DECL(dxDomainOsFirmware);

typedef enum {
    DX_DOMAIN_SMBIOS_NONE = 0,
    DX_DOMAIN_SMBIOS_EMULATE,
    DX_DOMAIN_SMBIOS_HOST,
    DX_DOMAIN_SMBIOS_SYSINFO,
    DX_DOMAIN_SMBIOS_LAST
} dxDomainSmbiosMode;
DX_ENUM_DECL(dxDomainSmbiosMode);

typedef struct _dxDomainLoaderDef dxDomainLoaderDef;      /* os_conf.h */
typedef struct _dxDomainOsExtra dxDomainOsExtra;          /* os_conf.h */

typedef struct {
    char *type;                       /* hvm, xen, linux, exe */
    char *arch;                       /* x86_64, i686, ... */
    char *machine;
    dxDomainOsFirmware firmware;
    dxDomainLoaderDef *loader;        /* <loader> and <nvram> */
    char *kernel;
    char *initrd;
    char *cmdline;
    char *dtb;
    char *root;
    dxDomainBootDevice bootDevs[DX_DOMAIN_BOOT_LAST];
    size_t nBootDevs;
    dxTristateBool bootmenu;
    unsigned int bootmenuTimeout;
    bool bootmenuTimeoutSet;
    dxTristateBool biosUseserial;
    int biosRebootTimeout;
    bool biosRebootTimeoutSet;
    dxDomainSmbiosMode smbios;
    dxDomainOsExtra *extra;           /* firmware features, acpi tables, init... */
} dxDomainOsDef;

/* ---- features ------------------------------------------------------------- */
typedef enum {
    DX_DOMAIN_FEATURE_ACPI = 0,
    DX_DOMAIN_FEATURE_APIC,
    DX_DOMAIN_FEATURE_PAE,
    DX_DOMAIN_FEATURE_HAP,
    DX_DOMAIN_FEATURE_VIRIDIAN,
    DX_DOMAIN_FEATURE_PRIVNET,
    DX_DOMAIN_FEATURE_HYPERV,
    DX_DOMAIN_FEATURE_KVM,
    DX_DOMAIN_FEATURE_PVSPINLOCK,
    DX_DOMAIN_FEATURE_CAPABILITIES,
    DX_DOMAIN_FEATURE_PMU,
    DX_DOMAIN_FEATURE_VMPORT,
    DX_DOMAIN_FEATURE_GIC,
    DX_DOMAIN_FEATURE_SMM,
    DX_DOMAIN_FEATURE_IOAPIC,
    DX_DOMAIN_FEATURE_HPT,
    DX_DOMAIN_FEATURE_VMCOREINFO,
    DX_DOMAIN_FEATURE_HTM,
    DX_DOMAIN_FEATURE_NESTED_HV,
    DX_DOMAIN_FEATURE_MSRS,
    DX_DOMAIN_FEATURE_CCF_ASSIST,
    DX_DOMAIN_FEATURE_XEN,
    DX_DOMAIN_FEATURE_CFPC,
    DX_DOMAIN_FEATURE_SBBC,
    DX_DOMAIN_FEATURE_IBS,
    DX_DOMAIN_FEATURE_TCG,
    DX_DOMAIN_FEATURE_LAST
} dxDomainFeature;
DX_ENUM_DECL(dxDomainFeature);

typedef struct _dxDomainFeaturesExtra dxDomainFeaturesExtra;   /* features_conf.h */

typedef struct {
    /* per feature: absent/on/off (dxTristateSwitch) or, for features with
     * a value of their own (gic version, ioapic driver, ...), that value */
    int state[DX_DOMAIN_FEATURE_LAST];
    dxTristateSwitch apicEoi;
    dxDomainFeaturesExtra *extra;     /* hyperv, kvm, smm tseg, ... */
} dxDomainFeatures;

/* ---- clock ---------------------------------------------------------------- */
typedef struct _dxDomainClockDef dxDomainClockDef;         /* clock_conf.h */

/* ---- power management ----------------------------------------------------- */
typedef struct {
    dxTristateBool s3;                /* <suspend-to-mem enabled=> */
    dxTristateBool s4;                /* <suspend-to-disk enabled=> */
} dxDomainPM;

/* ---- generation id -------------------------------------------------------- */
typedef struct {
    bool present;                     /* <genid> element given */
    bool generated;                   /* value filled in by domxml */
    unsigned char uuid[DX_UUID_BUFLEN];
} dxDomainGenid;

/* ---- parts defined in their own family files ------------------------------ */
typedef struct _dxDomainCPUDef dxDomainCPUDef;             /* cpu_conf.h */
typedef struct _dxDomainNumaDef dxDomainNumaDef;           /* numa_conf.h */
typedef struct _dxDomainTuneDef dxDomainTuneDef;           /* tune_conf.h */
typedef struct _dxDomainMemoryBackingDef dxDomainMemoryBackingDef; /* memory_conf.h */
typedef struct _dxDomainSysinfoDef dxDomainSysinfoDef;     /* sysinfo_conf.h */
typedef struct _dxDomainSeclabelDef dxDomainSeclabelDef;   /* seclabel_conf.h */
typedef struct _dxDomainPerfDef dxDomainPerfDef;           /* perf_conf.h */
typedef struct _dxDomainQemuNamespace dxDomainQemuNamespace; /* qemu_ns_conf.h */
typedef struct _dxDomainMiscDef dxDomainMiscDef;           /* misc_conf.h */

/* ---- devices -------------------------------------------------------------- */
typedef struct _dxDiskDef dxDiskDef;
typedef struct _dxControllerDef dxControllerDef;
typedef struct _dxLeaseDef dxLeaseDef;
typedef struct _dxFSDef dxFSDef;
typedef struct _dxNetDef dxNetDef;
typedef struct _dxSmartcardDef dxSmartcardDef;
typedef struct _dxChrDef dxChrDef;
typedef struct _dxInputDef dxInputDef;
typedef struct _dxTPMDef dxTPMDef;
typedef struct _dxGraphicsDef dxGraphicsDef;
typedef struct _dxSoundDef dxSoundDef;
typedef struct _dxAudioDef dxAudioDef;
typedef struct _dxVideoDef dxVideoDef;
typedef struct _dxHostdevDef dxHostdevDef;
typedef struct _dxRedirdevDef dxRedirdevDef;
typedef struct _dxRedirFilterDef dxRedirFilterDef;
typedef struct _dxHubDef dxHubDef;
typedef struct _dxWatchdogDef dxWatchdogDef;
typedef struct _dxMemballoonDef dxMemballoonDef;
typedef struct _dxRNGDef dxRNGDef;
typedef struct _dxNVRAMDef dxNVRAMDef;
typedef struct _dxPanicDef dxPanicDef;
typedef struct _dxShmemDef dxShmemDef;
typedef struct _dxMemoryDef dxMemoryDef;
typedef struct _dxIOMMUDef dxIOMMUDef;
typedef struct _dxVsockDef dxVsockDef;
typedef struct _dxCryptoDef dxCryptoDef;

#define DX_DEVICE_ARRAY(type, name) type **name; size_t n##name

typedef struct _dxDomainDef {
    bool expanded;                    /* the QEMU driver defaults are applied */
    dxSourceLoc loc;                  /* the <domain> element */
    dxDomainVirtType virtType;
    bool hasId;                       /* <domain id=> of a running domain */
    int id;
    char *name;
    unsigned char uuid[DX_UUID_BUFLEN];
    bool uuidGenerated;
    dxDomainGenid genid;
    char *title;
    char *description;
    xmlDocPtr metadata;               /* private copy of <metadata> */

    dxDomainMemory mem;
    dxDomainMemoryBackingDef *memoryBacking;
    dxDomainVcpus vcpu;
    dxDomainTuneDef *tune;            /* iothreads, cputune, blkiotune, memtune, ... */
    dxDomainNumaDef *numa;            /* numatune + cpu/numa cells */
    dxDomainSysinfoDef *sysinfo;
    dxDomainOsDef os;
    dxDomainFeatures features;
    dxDomainCPUDef *cpu;
    dxDomainClockDef *clock;
    dxDomainLifecycleAction onPoweroff;
    dxDomainLifecycleAction onReboot;
    dxDomainLifecycleAction onCrash;
    dxDomainLockFailureAction onLockFailure;
    dxDomainPM pm;
    dxDomainPerfDef *perf;
    dxDomainSeclabelDef *seclabels;
    dxDomainMiscDef *misc;            /* resource, idmap, keywrap, launchSecurity, ... */
    dxDomainQemuNamespace *qemuNs;    /* <qemu:commandline> and friends */

    char *emulator;
    DX_DEVICE_ARRAY(dxDiskDef, disks);
    DX_DEVICE_ARRAY(dxControllerDef, controllers);
    DX_DEVICE_ARRAY(dxLeaseDef, leases);
    DX_DEVICE_ARRAY(dxFSDef, fss);
    DX_DEVICE_ARRAY(dxNetDef, nets);
    DX_DEVICE_ARRAY(dxSmartcardDef, smartcards);
    DX_DEVICE_ARRAY(dxChrDef, serials);
    DX_DEVICE_ARRAY(dxChrDef, parallels);
    DX_DEVICE_ARRAY(dxChrDef, consoles);
    DX_DEVICE_ARRAY(dxChrDef, channels);
    DX_DEVICE_ARRAY(dxInputDef, inputs);
    DX_DEVICE_ARRAY(dxTPMDef, tpms);
    DX_DEVICE_ARRAY(dxGraphicsDef, graphics);
    DX_DEVICE_ARRAY(dxSoundDef, sounds);
    DX_DEVICE_ARRAY(dxAudioDef, audios);
    DX_DEVICE_ARRAY(dxVideoDef, videos);
    DX_DEVICE_ARRAY(dxHostdevDef, hostdevs);   /* includes <interface type='hostdev'> */
    DX_DEVICE_ARRAY(dxRedirdevDef, redirdevs);
    dxRedirFilterDef *redirfilter;
    DX_DEVICE_ARRAY(dxHubDef, hubs);
    DX_DEVICE_ARRAY(dxWatchdogDef, watchdogs);
    dxMemballoonDef *memballoon;
    DX_DEVICE_ARRAY(dxRNGDef, rngs);
    dxNVRAMDef *nvram;
    DX_DEVICE_ARRAY(dxPanicDef, panics);
    DX_DEVICE_ARRAY(dxShmemDef, shmems);
    DX_DEVICE_ARRAY(dxMemoryDef, mems);
    dxIOMMUDef *iommu;
    dxVsockDef *vsock;
    DX_DEVICE_ARRAY(dxCryptoDef, cryptos);
} dxDomainDef;

/* Parse flags. */
typedef enum {
    DX_PARSE_STRICT = 1 << 0,        /* unknown elements/attributes are errors */
} dxParseFlags;

dxDomainDef *dxDomainDefNew(void);
void dxDomainDefFree(dxDomainDef *def);

/* Parse a <domain> root node (already checked to be <domain>). */
dxDomainDef *dxDomainDefParseNode(xmlNodePtr root, unsigned int flags);
/* Format in libvirt's canonical layout. */
char *dxDomainDefFormatXML(const dxDomainDef *def);

/* Per-part parse/format, in domain_*.c files. */
int dxDomainMemoryParse(dxDomainDef *def, xmlNodePtr node);
void dxDomainMemoryFormat(dxBuf *buf, const dxDomainDef *def);
int dxDomainVcpuParse(dxDomainDef *def, xmlNodePtr node);
int dxDomainVcpusParse(dxDomainDef *def, xmlNodePtr node);
void dxDomainVcpuFormat(dxBuf *buf, const dxDomainDef *def);
void dxDomainVcpusClear(dxDomainVcpus *vcpu);
int dxDomainOsParse(dxDomainDef *def, xmlNodePtr node);
void dxDomainOsFormat(dxBuf *buf, const dxDomainDef *def);
void dxDomainOsClear(dxDomainOsDef *os);
int dxDomainFeaturesParse(dxDomainDef *def, xmlNodePtr node);
void dxDomainFeaturesFormat(dxBuf *buf, const dxDomainDef *def);
void dxDomainFeaturesClear(dxDomainFeatures *features);
int dxDomainClockParse(dxDomainDef *def, xmlNodePtr node);
void dxDomainClockFormat(dxBuf *buf, const dxDomainDef *def);
void dxDomainClockFree(dxDomainClockDef *clock);
int dxDomainLifecycleParse(dxDomainDef *def, xmlNodePtr node);
int dxDomainLifecycleValidate(const dxDomainDef *def);
void dxDomainLifecycleFormat(dxBuf *buf, const dxDomainDef *def);
int dxDomainPMParse(dxDomainDef *def, xmlNodePtr node);
void dxDomainPMFormat(dxBuf *buf, const dxDomainDef *def);
int dxDomainMetadataParse(dxDomainDef *def, xmlNodePtr node);
void dxDomainMetadataFormat(dxBuf *buf, const dxDomainDef *def);
int dxDomainDevicesParse(dxDomainDef *def, xmlNodePtr node, unsigned int flags);
void dxDomainDevicesFormat(dxBuf *buf, const dxDomainDef *def);
void dxDomainDevicesClear(dxDomainDef *def);
/* Driver-independent per-device defaults (domain_devices.c). */
int dxDomainDevicesPostParse(dxDomainDef *def);
/* Whether any device carries <boot order>. */
bool dxDomainDefHasDeviceBoot(const dxDomainDef *def);

/* "<elem unit='U'>N</elem>" as KiB (bytes rounded up); shared by every
 * element that carries a memory size. */
int dxParseMemorySize(xmlNodePtr node, unsigned long long *kib);
