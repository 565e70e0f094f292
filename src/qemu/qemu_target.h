/* qemu_target.h: the one QEMU domxml builds for.
 *
 * libvirt probes the QEMU binary for its capabilities; domxml instead
 * describes, in this one place, QEMU 7.2 for x86 as Debian 12 ships it
 * (the capability set of libvirt 9.0's newest x86_64 test data).  Code
 * that depends on "what this QEMU can do" asks here, never guesses.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#define DX_QEMU_TARGET_VERSION "7.2"
#define DX_QEMU_DEFAULT_EMULATOR "/usr/bin/qemu-system-x86_64"
/* QEMU's default CPU model for x86 machines when <cpu> says nothing */
#define DX_QEMU_DEFAULT_CPU_MODEL "qemu64"
/* the id libvirt gives the main RAM backend on x86 */
#define DX_QEMU_MAIN_RAM_ID "pc.ram"

typedef enum {
    DX_QEMU_MACHINE_I440FX,
    DX_QEMU_MACHINE_Q35,
    DX_QEMU_MACHINE_ISAPC,
    DX_QEMU_MACHINE_MICROVM,
    DX_QEMU_MACHINE_OTHER,
} dxQemuMachineFamily;

/* pc, pc-i440fx-*, pc-1.x ... → I440FX; q35, pc-q35-* → Q35. */
dxQemuMachineFamily dxQemuMachineFamilyOf(const char *machine);
bool dxQemuMachineIsI440fx(const char *machine);
bool dxQemuMachineIsQ35(const char *machine);
/* True for architectures this target builds command lines for. */
bool dxQemuArchIsX86(const char *arch);

/* ---- CPU ------------------------------------------------------------------ */
/* The default model of a binary: qemu32 for qemu-system-i386, else qemu64. */
const char *dxQemuDefaultCPUModel(const char *emulator);
/* Whether host-passthrough/maximum CPUs default to migratable='on'. */
bool dxQemuHostCPUMigratable(const char *emulator);
/* Whether this QEMU knows CPU model NAME (`-cpu help`, x86). */
bool dxQemuCPUModelKnown(const char *name);
/* The QEMU property name of a CPU feature as libvirt names it
 * ("ds_cpl" → "ds-cpl", "pclmuldq" → "pclmulqdq"); caller frees. */
char *dxQemuCPUFeatureName(const char *name);
/* What host-model expands to at start: the host CPU of the reference
 * capability set (libvirt 9.0's newest x86_64 test data). */
#define DX_QEMU_HOST_MODEL_CPU "EPYC-Rome"
extern const char *const dxQemuHostModelFeatures[];

/* ---- memory --------------------------------------------------------------- */
#define DX_QEMU_SYSTEM_PAGE_KIB 4ULL          /* normal pages: no hugetlbfs */
#define DX_QEMU_DEFAULT_HUGEPAGE_KIB 2048ULL  /* the host's default huge page */
/* Where guest RAM files live when memory is shared or file-backed. */
#define DX_QEMU_MEMORY_BACKING_DIR "/var/lib/libvirt/qemu/ram"
/* The hugetlbfs mount for pages of SIZE KiB, or NULL when the host has
 * none: one mount per size, /dev/hugepages2M and /dev/hugepages1G. */
const char *dxQemuHugetlbfsMount(unsigned long long sizeKiB);

/* ---- firmware ------------------------------------------------------------- */
typedef enum {
    DX_QEMU_FW_UEFI_FLASH,           /* split code + variables in pflash */
    DX_QEMU_FW_UEFI_STATELESS,       /* code only, in pflash */
    DX_QEMU_FW_BIOS,                 /* a ROM image for -bios */
} dxQemuFirmwareKind;

/* A firmware image this host offers (QEMU's firmware descriptors), in
 * the order autoselection tries them. */
typedef struct {
    dxQemuFirmwareKind kind;
    const char *code;
    const char *varsTemplate;        /* NULL for stateless and BIOS */
    bool q35Only;                    /* needs SMM, which i440fx lacks */
    bool secureBoot;
    bool enrolledKeys;
    bool requiresSMM;
} dxQemuFirmware;

extern const dxQemuFirmware dxQemuFirmwares[];
extern const size_t dxQemuNFirmwares;
/* Where libvirt keeps per-domain UEFI variable stores. */
#define DX_QEMU_NVRAM_DIR "/var/lib/libvirt/qemu/nvram"
/* The system emulator for guests of ARCH; caller frees. */
char *dxQemuEmulatorForArch(const char *arch);

/* ---- host ----------------------------------------------------------------- */
/* Host NUMA nodes of the reference host: 0 .. DX_QEMU_HOST_NUMA_NODES-1. */
#define DX_QEMU_HOST_NUMA_NODES 8
