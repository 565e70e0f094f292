/* qemu_secret.h: secrets handed to QEMU (passwords of network disks, LUKS
 * passphrases, HTTP cookies, TLS key passwords).
 *
 * libvirt passes every secret as a "secret" object encrypted with the
 * per-domain master key (AES-256-CBC, base64), the key itself being the
 * file DIR/master-key.aes QEMU reads.  domxml has no libvirt secret store:
 *
 *  - the value of a secret is read from DIR/secrets/<uuid> (or
 *    DIR/secrets/<usage> with '/' replaced by '_'); when that file does
 *    not exist domxml warns and uses DX_QEMU_SECRET_STANDIN, the value
 *    every secret has in the environment libvirt's reference command
 *    lines were produced in (see qemu_conf.h for the same choice about
 *    qemu.conf);
 *  - the master key is DIR/master-key.aes when that file exists, else the
 *    stand-in key of that environment (bytes 0x00..0x1f);
 *  - the IV is fixed (bytes 0x00..0x0f) so the command line is the same
 *    every time, as in libvirt's reference command lines.
 */
#pragma once

#include "qemu_command_priv.h"
#include "conf/storage_source.h"
#include "util/dxjson.h"

#define DX_QEMU_SECRET_STANDIN "AQCVn5hO6HzFAhAAq0NCv8jtJcIcE+HOBlMQ1A"

/* The -object secret carrying the value of LOOKUP under ID. */
dxJSON *dxQemuSecretLookupProps(dxQemuBuildCtx *ctx, const char *id,
                                const dxSecretLookup *lookup);
/* The -object secret carrying VALUE (LEN bytes) under ID. */
dxJSON *dxQemuSecretValueProps(dxQemuBuildCtx *ctx, const char *id,
                               const unsigned char *value, size_t len);
