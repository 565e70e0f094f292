/* qemu_net.h: what the QEMU driver does with <interface> and <hostdev>:
 * defaults (expand), rules (validate), aliases and command-line steps. */
#pragma once

#include "conf/device_info.h"
#include "conf/domain_def.h"
#include "qemu_command_priv.h"

/* Placeholders where libvirt passes file descriptors it opened itself
 * (tap devices, /dev/vhost-net, /dev/vhost-scsi, vhost-vdpa): domxml does
 * not open host devices, so it writes the numbers libvirt's own test
 * suite uses and keeps the shape of the options (fd=, vhostfd=, -add-fd).
 * Whoever launches QEMU must pass descriptors under these numbers. */
#define DX_QEMU_FD_TAP "3"
#define DX_QEMU_FD_VHOST_NET "44"
#define DX_QEMU_FD_VHOST_SCSI "3"
#define DX_QEMU_FD_VDPA 1732
/* The SCSI generic node of an adapter-attached SCSI hostdev: libvirt
 * looks it up in the host's sysfs when the guest starts. */
#define DX_QEMU_SCSI_SG_PLACEHOLDER "/dev/sg0"

/* expand steps */
int dxQemuExpandNets(dxDomainDef *def);
int dxQemuExpandHostdevs(dxDomainDef *def);

/* validate rules */
int dxQemuValidateNets(const dxDomainDef *def);
int dxQemuValidateHostdevs(const dxDomainDef *def);

/* aliases: net0, hostdev0, ... */
int dxQemuAssignNetHostdevAliases(dxDomainDef *def);

/* ROM properties of a NIC or host device, after its address: rombar,
 * romfile (an empty romfile for <rom enabled='no'/>). */
void dxQemuNetRomProps(dxJSON *props, const dxDeviceInfo *info);

/* command-line steps */
int dxQemuBuildInterfaces(dxQemuBuildCtx *ctx);
int dxQemuBuildHostdevs(dxQemuBuildCtx *ctx);
