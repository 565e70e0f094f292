/* dxcrypto.c: AES-256-CBC encryption and base64 (see dxcrypto.h). */
#include "dxcrypto.h"
#include "dxalloc.h"

#include <stdint.h>
#include <string.h>

#define DX_AES256_ROUNDS 14
#define DX_AES256_WORDS (4 * (DX_AES256_ROUNDS + 1))

typedef struct {
    uint8_t sbox[256];
    uint8_t roundKeys[DX_AES256_WORDS * 4];
} dxAESContext;

static uint8_t
dxRotl8(uint8_t x, int shift)
{
    return (uint8_t)((x << shift) | (x >> (8 - shift)));
}

/* The S-box: the multiplicative inverse in GF(2^8), then the affine
 * transform.  P runs over the field by multiplying by 3; Q over the
 * inverses by dividing by 3. */
static void
dxAESInitSbox(uint8_t sbox[256])
{
    uint8_t p = 1, q = 1;

    do {
        p = (uint8_t)(p ^ (p << 1) ^ ((p & 0x80) ? 0x1B : 0));
        q ^= (uint8_t)(q << 1);
        q ^= (uint8_t)(q << 2);
        q ^= (uint8_t)(q << 4);
        if (q & 0x80)
            q ^= 0x09;
        sbox[p] = (uint8_t)(q ^ dxRotl8(q, 1) ^ dxRotl8(q, 2) ^ dxRotl8(q, 3) ^
                            dxRotl8(q, 4) ^ 0x63);
    } while (p != 1);
    sbox[0] = 0x63;
}

static void
dxAESExpandKey(dxAESContext *ctx, const unsigned char key[DX_AES256_KEY_LEN])
{
    uint8_t *w = ctx->roundKeys;
    uint8_t rcon = 1;
    size_t i;

    memcpy(w, key, DX_AES256_KEY_LEN);
    for (i = 8; i < DX_AES256_WORDS; i++) {
        uint8_t t[4];
        memcpy(t, w + 4 * (i - 1), 4);
        if (i % 8 == 0) {
            uint8_t first = t[0];
            t[0] = (uint8_t)(ctx->sbox[t[1]] ^ rcon);
            t[1] = ctx->sbox[t[2]];
            t[2] = ctx->sbox[t[3]];
            t[3] = ctx->sbox[first];
            rcon = (uint8_t)((rcon << 1) ^ ((rcon & 0x80) ? 0x1B : 0));
        } else if (i % 8 == 4) {
            t[0] = ctx->sbox[t[0]];
            t[1] = ctx->sbox[t[1]];
            t[2] = ctx->sbox[t[2]];
            t[3] = ctx->sbox[t[3]];
        }
        w[4 * i] = w[4 * (i - 8)] ^ t[0];
        w[4 * i + 1] = w[4 * (i - 8) + 1] ^ t[1];
        w[4 * i + 2] = w[4 * (i - 8) + 2] ^ t[2];
        w[4 * i + 3] = w[4 * (i - 8) + 3] ^ t[3];
    }
}

static uint8_t
dxAESTimes2(uint8_t x)
{
    return (uint8_t)((x << 1) ^ ((x & 0x80) ? 0x1B : 0));
}

static void
dxAESMixColumns(uint8_t s[16])
{
    int c;
    for (c = 0; c < 4; c++) {
        uint8_t *a = s + 4 * c;
        uint8_t a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
        a[0] = (uint8_t)(dxAESTimes2(a0) ^ dxAESTimes2(a1) ^ a1 ^ a2 ^ a3);
        a[1] = (uint8_t)(a0 ^ dxAESTimes2(a1) ^ dxAESTimes2(a2) ^ a2 ^ a3);
        a[2] = (uint8_t)(a0 ^ a1 ^ dxAESTimes2(a2) ^ dxAESTimes2(a3) ^ a3);
        a[3] = (uint8_t)(dxAESTimes2(a0) ^ a0 ^ a1 ^ a2 ^ dxAESTimes2(a3));
    }
}

/* SubBytes and ShiftRows together: byte (row r, column c) comes from
 * column c + r. */
static void
dxAESSubShift(const dxAESContext *ctx, uint8_t s[16])
{
    uint8_t t[16];
    int r, c;
    for (c = 0; c < 4; c++) {
        for (r = 0; r < 4; r++)
            t[4 * c + r] = ctx->sbox[s[4 * ((c + r) % 4) + r]];
    }
    memcpy(s, t, 16);
}

static void
dxAESAddRoundKey(const dxAESContext *ctx, uint8_t s[16], int round)
{
    int i;
    for (i = 0; i < 16; i++)
        s[i] ^= ctx->roundKeys[16 * round + i];
}

static void
dxAESEncryptBlock(const dxAESContext *ctx, uint8_t s[16])
{
    int round;
    dxAESAddRoundKey(ctx, s, 0);
    for (round = 1; round < DX_AES256_ROUNDS; round++) {
        dxAESSubShift(ctx, s);
        dxAESMixColumns(s);
        dxAESAddRoundKey(ctx, s, round);
    }
    dxAESSubShift(ctx, s);
    dxAESAddRoundKey(ctx, s, DX_AES256_ROUNDS);
}

unsigned char *
dxAES256CBCEncrypt(const unsigned char key[DX_AES256_KEY_LEN],
                   const unsigned char iv[DX_AES_BLOCK_LEN],
                   const unsigned char *data, size_t len, size_t *outlen)
{
    dxAESContext ctx;
    size_t pad = DX_AES_BLOCK_LEN - len % DX_AES_BLOCK_LEN;
    size_t total = len + pad, off, i;
    unsigned char *out = dxNewN(unsigned char, total);
    uint8_t chain[DX_AES_BLOCK_LEN];

    dxAESInitSbox(ctx.sbox);
    dxAESExpandKey(&ctx, key);
    memcpy(out, data, len);
    memset(out + len, (int)pad, pad);           /* PKCS#7 */
    memcpy(chain, iv, DX_AES_BLOCK_LEN);
    for (off = 0; off < total; off += DX_AES_BLOCK_LEN) {
        for (i = 0; i < DX_AES_BLOCK_LEN; i++)
            out[off + i] ^= chain[i];
        dxAESEncryptBlock(&ctx, out + off);
        memcpy(chain, out + off, DX_AES_BLOCK_LEN);
    }
    *outlen = total;
    return out;
}

char *
dxBase64Encode(const unsigned char *data, size_t len)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char *out = dxNewN(char, 4 * ((len + 2) / 3) + 1);
    size_t i, o = 0;

    for (i = 0; i < len; i += 3) {
        uint32_t v = (uint32_t)data[i] << 16;
        if (i + 1 < len)
            v |= (uint32_t)data[i + 1] << 8;
        if (i + 2 < len)
            v |= data[i + 2];
        out[o++] = alphabet[(v >> 18) & 63];
        out[o++] = alphabet[(v >> 12) & 63];
        out[o++] = i + 1 < len ? alphabet[(v >> 6) & 63] : '=';
        out[o++] = i + 2 < len ? alphabet[v & 63] : '=';
    }
    out[o] = '\0';
    return out;
}
