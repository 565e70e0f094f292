/* qemu_address_priv.h: internals of the address assignment, shared by
 * qemu_address*.c only. */
#pragma once

#include "qemu_address.h"

/* ---- hook tables (qemu_address.c) -------------------------------------------- */

typedef struct _dxPCIAddressSet dxPCIAddressSet;

typedef struct {
    dxDeviceType type;
    dxQemuPCIConnectHook connect;
    /* places DEV (which needs FLAGS) when the default "next free slot"
     * does not fit; NULL for the default */
    int (*place)(dxPCIAddressSet *set, dxDomainDef *def, dxDeviceRef dev,
                 dxDeviceInfo *info, unsigned int flags);
} dxQemuPCIAssignStep;

typedef struct {
    dxDeviceType type;
    dxQemuUSBHook kind;
} dxQemuUSBAssignStep;

typedef struct {
    dxDeviceType type;
    dxQemuVirtioSerialHook kind;
} dxQemuVirtioSerialAssignStep;

extern const dxQemuPCIAssignStep dxQemuPCIAssignOrder[];
extern const dxQemuUSBAssignStep dxQemuUSBAssignOrder[];
extern const dxQemuVirtioSerialAssignStep dxQemuVirtioSerialAssignOrder[];
extern dxDeviceInfo *(*const dxQemuUSBAddHub)(dxDomainDef *def);

/* Call FN on each device of TYPE, in domain order; stops at a non-zero
 * return (negative = error). */
int dxQemuForEachDeviceOfType(dxDomainDef *def, dxDeviceType type,
                              int (*fn)(dxDomainDef *, dxDeviceRef, dxDeviceInfo *, void *),
                              void *opaque);
/* The slot kind DEV asks for, from the first row of its type that
 * answers; 0 = none. */
unsigned int dxQemuDevicePCIConnectFlags(const dxDomainDef *def, dxDeviceRef dev);

/* ---- the PCI address set (qemu_address_pci.c) ------------------------------------- */

#define DX_PCI_SLOTS 32

typedef struct {
    unsigned char functions;          /* bit N: function N in use */
    bool aggregate;                   /* functions 1-7 free for aggregating devices */
} dxPCISlotState;

typedef struct {
    int model;                        /* dxControllerModelPCI; 0 = no bus */
    unsigned int flags;               /* what the bus accepts */
    unsigned int minSlot;
    unsigned int maxSlot;
    dxPCISlotState slots[DX_PCI_SLOTS];
} dxPCIBus;

struct _dxPCIAddressSet {
    dxPCIBus *buses;
    size_t nbuses;
    /* first pass: counts the buses needed, growing the set instead of
     * failing, and writes nothing into the domain */
    bool dryRun;
    const dxSourceLoc *loc;           /* the device being placed, for messages */
};

/* Reserve ADDR for a device of kind FLAGS written in the configuration. */
int dxPCIAddressReserveAddr(dxPCIAddressSet *set, const dxPCIAddress *addr,
                            unsigned int flags);
/* Find the next free slot for FLAGS (FUNCTION -1 = any), reserve it and,
 * outside the dry run, store it in INFO. */
int dxPCIAddressReserveNextAddr(dxPCIAddressSet *set, dxDeviceInfo *info,
                                unsigned int flags, int function);
bool dxPCIAddressSlotInUse(const dxPCIAddressSet *set, const dxPCIAddress *addr);

/* The "other controllers" row places ICH9 USB2 sets in one slot. */
int dxQemuPCIPlaceController(dxPCIAddressSet *set, dxDomainDef *def, dxDeviceRef dev,
                             dxDeviceInfo *info, unsigned int flags);
/* The sounds row puts an ICH9 HDA controller of a Q35 machine where the
 * chipset has it, 00:1b.0 (qemu_address_sound.c). */
int dxQemuPCIPlaceSound(dxPCIAddressSet *set, dxDomainDef *def, dxDeviceRef dev,
                        dxDeviceInfo *info, unsigned int flags);

int dxQemuAssignPCIAddresses(dxDomainDef *def);

/* ---- USB and virtio-serial (qemu_address_usb.c) --------------------------------- */

int dxQemuAssignVirtioSerialAddresses(dxDomainDef *def);
int dxQemuAssignUSBAddresses(dxDomainDef *def, bool newDomain);
