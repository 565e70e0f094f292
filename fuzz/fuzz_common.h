/* fuzz_common.h: helpers shared by the libFuzzer targets and their replay
 * driver.  A target reports a broken property with dxFuzzFail(), which
 * prints what it found and aborts, so libFuzzer keeps the input. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Inputs larger than this are skipped: the interesting structure of a
 * domain fits well below it, and big inputs only slow the search down. */
#define DX_FUZZ_MAX_INPUT (64 * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* DATA as a NUL-terminated string (caller frees). */
char *dxFuzzString(const uint8_t *data, size_t size);
/* Print every recorded error/warning to stderr (and keep them). */
void dxFuzzPrintErrors(const char *what);
/* Print the message and abort(). */
void dxFuzzFail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/* Print where two texts first differ, then abort. */
void dxFuzzFailDiff(const char *what, const char *a, const char *b)
    __attribute__((noreturn));

/* Is S one well-formed JSON value (RFC 8259, no trailing text)? */
bool dxFuzzIsJSON(const char *s);
/* Is S valid UTF-8 (no overlongs, surrogates or values past U+10FFFF)? */
bool dxFuzzIsUTF8(const char *s);
