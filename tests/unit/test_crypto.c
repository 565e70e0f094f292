/* test_crypto.c: AES-256-CBC and base64 against published vectors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "util/dxcrypto.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *
hex(const unsigned char *p, size_t n)
{
    char *s = malloc(2 * n + 1);
    size_t i;
    for (i = 0; i < n; i++)
        sprintf(s + 2 * i, "%02x", p[i]);
    return s;
}

/* FIPS-197 appendix C.3: one block with a zero IV is plain AES-256. */
static void
test_aes256_fips197(void **state)
{
    unsigned char key[32], iv[16] = { 0 };
    static const unsigned char pt[16] = {
        0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
        0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,
    };
    unsigned char *ct;
    size_t n, i;
    char *h;

    (void)state;
    for (i = 0; i < 32; i++)
        key[i] = (unsigned char)i;
    ct = dxAES256CBCEncrypt(key, iv, pt, sizeof(pt), &n);
    assert_int_equal(n, 32);        /* a full padding block follows */
    h = hex(ct, 16);
    assert_string_equal(h, "8ea2b7ca516745bfeafc49904b496089");
    free(h);
    free(ct);
}

/* CBC chaining and padding, checked against `openssl enc -aes-256-cbc`. */
static void
test_aes256_cbc_padding(void **state)
{
    unsigned char key[32], iv[16];
    const char *msg = "test=testcookievalue; test2=\"blurb\"";
    unsigned char *ct;
    char *b64;
    size_t n, i;

    (void)state;
    for (i = 0; i < 32; i++)
        key[i] = (unsigned char)i;
    for (i = 0; i < 16; i++)
        iv[i] = (unsigned char)i;
    ct = dxAES256CBCEncrypt(key, iv, (const unsigned char *)msg, strlen(msg), &n);
    assert_int_equal(n, 48);
    b64 = dxBase64Encode(ct, n);
    assert_string_equal(b64, "DrPR9NA6GKJb7qi1KbjHaealKEMVtOWUl2h3yvO5lgIh6cyLHemmlg+h9fcgwREA");
    free(b64);
    free(ct);
}

/* RFC 4648 section 10. */
static void
test_base64(void **state)
{
    static const char *const in[] = { "", "f", "fo", "foo", "foob", "fooba", "foobar" };
    static const char *const out[] = { "", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy" };
    size_t i;

    (void)state;
    for (i = 0; i < 7; i++) {
        char *s = dxBase64Encode((const unsigned char *)in[i], strlen(in[i]));
        assert_string_equal(s, out[i]);
        free(s);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_aes256_fips197),
        cmocka_unit_test(test_aes256_cbc_padding),
        cmocka_unit_test(test_base64),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
