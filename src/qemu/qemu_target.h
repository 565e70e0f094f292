/* qemu_target.h: the one QEMU domxml builds for.
 *
 * libvirt probes the QEMU binary for its capabilities; domxml instead
 * describes, in this one place, QEMU 7.2 for x86 as Debian 12 ships it
 * (the capability set of libvirt 9.0's newest x86_64 test data).  Code
 * that depends on "what this QEMU can do" asks here, never guesses.
 */
#pragma once

#include <stdbool.h>

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
