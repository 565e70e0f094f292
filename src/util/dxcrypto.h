/* dxcrypto.h: the little cryptography QEMU secret objects need: AES-256
 * in CBC mode with PKCS#7 padding (QEMU's "keyid"/"iv" secrets), and
 * base64.  Written from FIPS-197 and RFC 4648; not constant-time. */
#pragma once

#include <stddef.h>

#define DX_AES256_KEY_LEN 32
#define DX_AES_BLOCK_LEN 16

/* Encrypt LEN bytes of DATA; returns a new buffer of *OUTLEN bytes (a
 * multiple of the block size, always padded). */
unsigned char *dxAES256CBCEncrypt(const unsigned char key[DX_AES256_KEY_LEN],
                                  const unsigned char iv[DX_AES_BLOCK_LEN],
                                  const unsigned char *data, size_t len, size_t *outlen);
/* Standard base64 with padding; caller frees. */
char *dxBase64Encode(const unsigned char *data, size_t len);
