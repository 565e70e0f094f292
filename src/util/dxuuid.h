/* dxuuid.h: UUID parse/format/generate over libuuid. */
#pragma once

#include <stdbool.h>

#define DX_UUID_BUFLEN 16
#define DX_UUID_STRING_BUFLEN 37

/* Accepts 32 hex digits, optionally separated by '-' (as libvirt does),
 * with surrounding blanks.  Returns 0 or -1. */
int dxUUIDParse(const char *str, unsigned char uuid[DX_UUID_BUFLEN]);
/* Lower-case 8-4-4-4-12 form into OUT (DX_UUID_STRING_BUFLEN bytes). */
void dxUUIDFormat(const unsigned char uuid[DX_UUID_BUFLEN], char out[DX_UUID_STRING_BUFLEN]);
void dxUUIDGenerate(unsigned char uuid[DX_UUID_BUFLEN]);
bool dxUUIDIsNull(const unsigned char uuid[DX_UUID_BUFLEN]);
