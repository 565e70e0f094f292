/* qemu_conf.h: the libvirt QEMU driver settings (qemu.conf) domxml
 * assumes.
 *
 * libvirt reads these from /etc/libvirt/qemu.conf; domxml has no such
 * file and uses the values libvirt 9.0's reference command lines were
 * produced with.  Only what changes a command line or an expanded domain
 * is listed.  Settings libvirt's tests switch on for single cases only
 * (VNC/SPICE SASL, VNC TLS, TLS for every TCP chardev, host audio with
 * VNC or without graphics, automatic VNC unix sockets) stay at their
 * qemu.conf defaults: off.
 */
#pragma once

/* vnc_listen / spice_listen */
#define DX_QEMU_CONF_VNC_LISTEN "127.0.0.1"
#define DX_QEMU_CONF_SPICE_LISTEN "127.0.0.1"

/* vnc_tls_x509_cert_dir, spice_tls_x509_cert_dir, chardev_tls_x509_cert_dir */
#define DX_QEMU_CONF_VNC_TLS_DIR "/etc/pki/libvirt-vnc"
#define DX_QEMU_CONF_SPICE_TLS_DIR "/etc/pki/libvirt-spice"
#define DX_QEMU_CONF_CHARDEV_TLS_DIR "/etc/pki/libvirt-chardev"

/* spice_tls = 1: a SPICE TLS port is used when the domain asks for one */
#define DX_QEMU_CONF_SPICE_TLS 1
/* chardev_tls_x509_verify / vnc_tls_x509_verify */
#define DX_QEMU_CONF_CHARDEV_TLS_VERIFY 1
#define DX_QEMU_CONF_VNC_TLS_VERIFY 1

/* Descriptors.  libvirt opens files and listening sockets itself and
 * hands QEMU their descriptors; the numbers are those of libvirt's
 * reference command lines, and whoever starts QEMU provides them. */
#define DX_QEMU_LISTEN_SOCKET_FD 1729
#define DX_QEMU_FIRST_CHARDEV_FILE_FD 1750
