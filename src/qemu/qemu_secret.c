/* qemu_secret.c: secret objects (see qemu_secret.h). */
#include "qemu_secret.h"
#include "util/dxalloc.h"
#include "util/dxcrypto.h"
#include "util/dxerror.h"
#include "util/dxuuid.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The whole content of PATH, or NULL when it cannot be read. */
static unsigned char *
dxQemuReadSmallFile(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    unsigned char *data;
    long n;

    if (!fp)
        return NULL;
    if (fseek(fp, 0, SEEK_END) < 0 || (n = ftell(fp)) < 0 || n > 65536 ||
        fseek(fp, 0, SEEK_SET) < 0) {
        fclose(fp);
        return NULL;
    }
    data = dxNewN(unsigned char, (size_t)n + 1);
    if (fread(data, 1, (size_t)n, fp) != (size_t)n) {
        free(data);
        data = NULL;
    }
    fclose(fp);
    *len = (size_t)n;
    return data;
}

static void
dxQemuMasterKey(const dxQemuBuildCtx *ctx, unsigned char key[DX_AES256_KEY_LEN])
{
    char *path = dxAsprintf("%s/master-key.aes", ctx->stateDir);
    size_t len = 0, i;
    unsigned char *file = dxQemuReadSmallFile(path, &len);

    if (file && len == DX_AES256_KEY_LEN) {
        memcpy(key, file, DX_AES256_KEY_LEN);
    } else {
        for (i = 0; i < DX_AES256_KEY_LEN; i++)
            key[i] = (unsigned char)i;
    }
    free(file);
    free(path);
}

dxJSON *
dxQemuSecretValueProps(dxQemuBuildCtx *ctx, const char *id,
                       const unsigned char *value, size_t len)
{
    unsigned char key[DX_AES256_KEY_LEN], iv[DX_AES_BLOCK_LEN];
    unsigned char *enc;
    char *data, *ivstr;
    dxJSON *props;
    size_t enclen, i;

    dxQemuMasterKey(ctx, key);
    for (i = 0; i < DX_AES_BLOCK_LEN; i++)
        iv[i] = (unsigned char)i;
    enc = dxAES256CBCEncrypt(key, iv, value, len, &enclen);
    data = dxBase64Encode(enc, enclen);
    ivstr = dxBase64Encode(iv, sizeof(iv));
    props = dxJSONNewObject();
    dxJSONAddString(props, "qom-type", "secret");
    dxJSONAddString(props, "id", id);
    dxJSONAddString(props, "data", data);
    dxJSONAddString(props, "keyid", "masterKey0");
    dxJSONAddString(props, "iv", ivstr);
    dxJSONAddString(props, "format", "base64");
    ctx->needMasterKey = true;
    free(enc);
    free(data);
    free(ivstr);
    return props;
}

dxJSON *
dxQemuSecretLookupProps(dxQemuBuildCtx *ctx, const char *id, const dxSecretLookup *lookup)
{
    char name[DX_UUID_STRING_BUFLEN];
    char *file, *path, *p;
    unsigned char *value;
    size_t len = 0;
    dxJSON *props;

    if (lookup->hasUUID) {
        dxUUIDFormat(lookup->uuid, name);
        file = dxStrdup(name);
    } else {
        file = dxStrdup(dxNullStr(lookup->usage));
        for (p = file; *p; p++) {
            if (*p == '/')
                *p = '_';
        }
    }
    path = dxAsprintf("%s/secrets/%s", ctx->stateDir, file);
    if (!(value = dxQemuReadSmallFile(path, &len))) {
        dxWarningReport(DX_ERR_UNSUPPORTED, NULL,
                        "no value for secret '%s' (%s): using a stand-in value",
                        file, path);
        props = dxQemuSecretValueProps(ctx, id, (const unsigned char *)DX_QEMU_SECRET_STANDIN,
                                       strlen(DX_QEMU_SECRET_STANDIN));
    } else {
        props = dxQemuSecretValueProps(ctx, id, value, len);
    }
    free(value);
    free(path);
    free(file);
    return props;
}
