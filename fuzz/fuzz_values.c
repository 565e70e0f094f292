/* fuzz_values: the value parsers on their own, fed from "key=value" lines.
 *
 *   size=N / unit=U / scale=N / limit=N   dxScaleInteger (sizes with units)
 *   int=S                                 the dxStrTo* number parsers
 *   bitmap=S                              cpuset-style range lists
 *   uuid=S                                UUIDs
 *   ELEM@ATTR=V, ELEM/CHILD@ATTR=V        attributes of the children of a
 *                                         device element (<address>, <boot>,
 *                                         <alias>, <rom>, <acpi>, <master>,
 *                                         <address><zpci>), read by the
 *                                         common device-info parser
 *
 * Properties: no crash or undefined behaviour; a scaled size is exact
 * and within its limit; numbers, bitmaps, UUIDs and device info survive
 * format -> parse unchanged. */
#include "fuzz_common.h"

#include "conf/device_info.h"
#include "util/dxbitmap.h"
#include "util/dxbuf.h"
#include "util/dxerror.h"
#include "util/dxunits.h"
#include "util/dxuuid.h"
#include "util/dxxml.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *size, *unit, *scale, *limit;
} dxFuzzSize;

static void
dxFuzzCheckSize(const dxFuzzSize *in)
{
    unsigned long long value, scale = 1024, limit = ULLONG_MAX, orig;
    unsigned __int128 exact;
    const char *why = NULL;

    if (!in->size || dxStrToULongLong(in->size, 10, &value) < 0)
        return;
    if (in->scale && dxStrToULongLong(in->scale, 10, &scale) < 0)
        return;
    if (in->limit && dxStrToULongLong(in->limit, 10, &limit) < 0)
        return;
    orig = value;
    if (dxScaleInteger(&value, in->unit, scale, limit, &why) < 0) {
        if (!why)
            dxFuzzFail("dxScaleInteger failed without a reason");
        return;
    }
    scale = (in->unit && *in->unit) ? dxUnitScale(in->unit) : scale;
    exact = (unsigned __int128)orig * scale;
    if (exact != value || value > limit)
        dxFuzzFail("%s %s scaled to %llu (scale %llu, limit %llu)",
                   in->size, in->unit ? in->unit : "-", value, scale, limit);
}

static void
dxFuzzCheckInt(const char *s)
{
    static const int bases[] = { 0, 10, 16 };
    unsigned long long u, u2;
    long long l, l2;
    unsigned int ui;
    int i, b;
    char buf[64];

    for (b = 0; b < 3; b++) {
        if (dxStrToULongLong(s, bases[b], &u) == 0) {
            snprintf(buf, sizeof(buf), "%llu", u);
            if (dxStrToULongLong(buf, 10, &u2) < 0 || u2 != u)
                dxFuzzFail("unsigned %s -> %llu does not read back", s, u);
        }
        if (dxStrToLongLong(s, bases[b], &l) == 0) {
            snprintf(buf, sizeof(buf), "%lld", l);
            if (dxStrToLongLong(buf, 10, &l2) < 0 || l2 != l)
                dxFuzzFail("signed %s -> %lld does not read back", s, l);
        }
        if (dxStrToUInt(s, bases[b], &ui) == 0 &&
            (dxStrToULongLong(s, bases[b], &u) < 0 || u != ui))
            dxFuzzFail("uint %s -> %u disagrees with the 64-bit parser", s, ui);
        if (dxStrToInt(s, bases[b], &i) == 0 &&
            (dxStrToLongLong(s, bases[b], &l) < 0 || l != i))
            dxFuzzFail("int %s -> %d disagrees with the 64-bit parser", s, i);
    }
}

static void
dxFuzzCheckBitmap(const char *s)
{
    dxBitmap *map = dxBitmapParse(s), *again;
    char *text;

    if (!map)
        return;
    text = dxBitmapFormat(map);
    if (!dxBitmapIsEmpty(map)) {
        if (!(again = dxBitmapParse(text)) || !dxBitmapEqual(map, again))
            dxFuzzFail("bitmap '%s' formats as '%s', which reads back differently", s, text);
        dxBitmapFree(again);
    }
    free(text);
    dxBitmapFree(map);
}

static void
dxFuzzCheckUUID(const char *s)
{
    unsigned char uuid[DX_UUID_BUFLEN], again[DX_UUID_BUFLEN];
    char text[DX_UUID_STRING_BUFLEN];

    if (dxUUIDParse(s, uuid) < 0)
        return;
    dxUUIDFormat(uuid, text);
    if (dxUUIDParse(text, again) < 0 || memcmp(uuid, again, sizeof(uuid)) != 0)
        dxFuzzFail("uuid '%s' formats as '%s', which reads back differently", s, text);
}

/* Could VALUE come out of parsing XML?  libxml2 guarantees UTF-8 without
 * the characters XML forbids; tab and carriage return are possible as
 * character references (&#9; &#13;). */
static bool
dxFuzzIsXMLValue(const char *value)
{
    const unsigned char *p;
    if (!dxFuzzIsUTF8(value))
        return false;
    for (p = (const unsigned char *)value; *p; p++) {
        if (*p < 0x20 && *p != '\t' && *p != '\r')
            return false;
        /* U+FFFE and U+FFFF */
        if (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))
            return false;
    }
    return true;
}

/* ELEM[/CHILD]@ATTR=VALUE: find or make the element, set the attribute. */
static void
dxFuzzSetAttr(xmlNodePtr device, char *path, const char *value)
{
    char *at = strchr(path, '@'), *slash;
    xmlNodePtr node = device;

    if (!at || at == path || !at[1] || !dxFuzzIsXMLValue(value))
        return;
    *at = '\0';
    while (path && *path) {
        xmlNodePtr child;
        if ((slash = strchr(path, '/')))
            *slash = '\0';
        for (child = node->children; child; child = child->next) {
            if (xmlStrEqual(child->name, (const xmlChar *)path))
                break;
        }
        if (!child && !(child = xmlNewChild(node, NULL, (const xmlChar *)path, NULL)))
            return;
        node = child;
        path = slash ? slash + 1 : NULL;
    }
    xmlSetProp(node, (const xmlChar *)(at + 1), (const xmlChar *)value);
}

static char *
dxFuzzFormatInfo(const dxDeviceInfo *info, unsigned int flags)
{
    dxBuf buf = DX_BUF_INIT;
    dxBufAddStr(&buf, "<device>\n");
    dxBufAdjustIndent(&buf, 2);
    dxDeviceInfoFormat(&buf, info, flags);
    dxBufAdjustIndent(&buf, -2);
    dxBufAddStr(&buf, "</device>\n");
    return dxBufSteal(&buf);
}

static void
dxFuzzCheckDeviceInfo(xmlNodePtr device)
{
    const unsigned int flags = DX_INFO_ALLOW_BOOT | DX_INFO_ALLOW_ROM | DX_INFO_ALLOW_ACPI;
    dxDeviceInfo info, again;
    xmlDocPtr doc;
    char *first, *second;

    memset(&info, 0, sizeof(info));
    memset(&again, 0, sizeof(again));
    if (dxDeviceInfoParse(&info, device, flags) < 0) {
        dxDeviceInfoClear(&info);
        return;
    }
    first = dxFuzzFormatInfo(&info, flags);
    if (!(doc = dxXMLParseString(first, "formatted.xml")) ||
        dxDeviceInfoParse(&again, xmlDocGetRootElement(doc), flags) < 0) {
        dxFuzzPrintErrors("re-parse");
        dxFuzzFail("formatted device info was refused:\n%s", first);
    }
    second = dxFuzzFormatInfo(&again, flags);
    if (strcmp(first, second) != 0)
        dxFuzzFailDiff("device info format(parse(format(x))) != format(x)", first, second);
    free(first);
    free(second);
    xmlFreeDoc(doc);
    dxDeviceInfoClear(&again);
    dxDeviceInfoClear(&info);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dxFuzzSize sz = { NULL, NULL, NULL, NULL };
    xmlDocPtr doc;
    xmlNodePtr device;
    char *text, *line, *next;

    if (size > 4096)
        return 0;
    text = dxFuzzString(data, size);
    dxXMLInit();
    doc = xmlNewDoc((const xmlChar *)"1.0");
    device = xmlNewDocNode(doc, NULL, (const xmlChar *)"device", NULL);
    xmlDocSetRootElement(doc, device);

    for (line = text; line; line = next) {
        char *eq;
        if ((next = strchr(line, '\n')))
            *next++ = '\0';
        if (!(eq = strchr(line, '=')))
            continue;
        *eq++ = '\0';
        if (strcmp(line, "size") == 0)
            sz.size = eq;
        else if (strcmp(line, "unit") == 0)
            sz.unit = eq;
        else if (strcmp(line, "scale") == 0)
            sz.scale = eq;
        else if (strcmp(line, "limit") == 0)
            sz.limit = eq;
        else if (strcmp(line, "int") == 0)
            dxFuzzCheckInt(eq);
        else if (strcmp(line, "bitmap") == 0)
            dxFuzzCheckBitmap(eq);
        else if (strcmp(line, "uuid") == 0)
            dxFuzzCheckUUID(eq);
        else
            dxFuzzSetAttr(device, line, eq);
    }
    dxFuzzCheckSize(&sz);
    if (device->children)
        dxFuzzCheckDeviceInfo(device);
    dxErrorClear();
    xmlFreeDoc(doc);
    free(text);
    return 0;
}
