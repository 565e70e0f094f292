/* redirfilter_conf.c: parse and format of <redirfilter>. */
#include "redirfilter_conf.h"
#include "util/dxalloc.h"
#include "util/dxxml.h"

#include <stdlib.h>
#include <string.h>

void
dxRedirFilterFree(dxRedirFilterDef *filter)
{
    size_t i;
    if (!filter)
        return;
    for (i = 0; i < filter->nusbdevs; i++)
        free(filter->usbdevs[i]);
    free(filter->usbdevs);
    dxSourceLocClear(&filter->loc);
    free(filter);
}

/* A hexadecimal id limited to MAX, or "-1" for "any". */
static int
dxRedirFilterParseId(xmlNodePtr node, const char *name, int max, int *out)
{
    char *v = dxXMLPropString(node, name);
    unsigned int val;
    int rc = 0;

    *out = -1;
    if (!v || strcmp(v, "-1") == 0)
        goto cleanup;
    if (dxStrToUInt(v, 16, &val) < 0 || val > (unsigned int)max) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "invalid USB %s '%s': a hexadecimal number up to 0x%X, or -1",
                      name, v, max);
        rc = -1;
        goto cleanup;
    }
    *out = (int)val;
 cleanup:
    free(v);
    return rc;
}

/* "major.minor" in decimal, stored as USB's BCD (1.10 -> 0x0110). */
static int
dxRedirFilterParseVersion(xmlNodePtr node, int *out)
{
    char *v = dxXMLPropString(node, "version");
    char *dot;
    unsigned int major = 0, minor = 0;
    int rc = 0;

    *out = -1;
    if (!v || strcmp(v, "-1") == 0)
        goto cleanup;
    dot = strchr(v, '.');
    if (dot)
        *dot = '\0';
    if (dxStrToUInt(v, 10, &major) < 0 || major > 99 ||
        (dot && (dxStrToUInt(dot + 1, 10, &minor) < 0 || minor > 99))) {
        if (dot)
            *dot = '.';
        dxErrorReport(DX_ERR_INVALID, node,
                      "invalid USB version '%s': expected 'major.minor' like '2.00', or -1", v);
        rc = -1;
        goto cleanup;
    }
    *out = ((major / 10) << 12) | ((major % 10) << 8) | ((minor / 10) << 4) | (minor % 10);
 cleanup:
    free(v);
    return rc;
}

static int
dxRedirFilterParseUSBDev(dxRedirFilterDef *filter, xmlNodePtr node)
{
    dxRedirFilterUSBDev *dev = dxNew(dxRedirFilterUSBDev);
    dxTristateBool allow = DX_TRISTATE_BOOL_ABSENT;

    if (dxRedirFilterParseId(node, "class", 0xFF, &dev->usbClass) < 0 ||
        dxRedirFilterParseId(node, "vendor", 0xFFFF, &dev->vendor) < 0 ||
        dxRedirFilterParseId(node, "product", 0xFFFF, &dev->product) < 0 ||
        dxRedirFilterParseVersion(node, &dev->version) < 0 ||
        dxXMLPropTristateBool(node, "allow", DX_PROP_REQUIRED, &allow) < 0) {
        free(dev);
        return -1;
    }
    dev->allow = allow == DX_TRISTATE_BOOL_YES;
    DX_APPEND(filter->usbdevs, filter->nusbdevs, dev);
    return 0;
}

int
dxRedirFilterParse(dxDomainDef *def, xmlNodePtr node)
{
    dxRedirFilterDef *filter = dxNew(dxRedirFilterDef);

    dxSourceLocSet(&filter->loc, node);
    if (def->redirfilter) {
        dxErrorReport(DX_ERR_INVALID, node, "only one set of redirection filters is supported");
        goto error;
    }
    DX_XML_FOREACH_CHILD(node, child) {
        if (!dxXMLNameIs(child, "usbdev"))
            continue;
        dxXMLMarkUsed(child);
        if (dxRedirFilterParseUSBDev(filter, child) < 0)
            goto error;
    }
    def->redirfilter = filter;
    return 0;
 error:
    dxRedirFilterFree(filter);
    return -1;
}

static void
dxRedirFilterFormatUSBDev(dxBuf *buf, const dxRedirFilterUSBDev *dev)
{
    dxBufAddStr(buf, "<usbdev");
    if (dev->usbClass >= 0)
        dxBufAddf(buf, " class='0x%02X'", dev->usbClass);
    if (dev->vendor >= 0)
        dxBufAddf(buf, " vendor='0x%04X'", dev->vendor);
    if (dev->product >= 0)
        dxBufAddf(buf, " product='0x%04X'", dev->product);
    if (dev->version >= 0)
        dxBufAddf(buf, " version='%d.%02d'",
                  ((dev->version >> 12) & 0xF) * 10 + ((dev->version >> 8) & 0xF),
                  ((dev->version >> 4) & 0xF) * 10 + (dev->version & 0xF));
    dxBufAttr(buf, "allow", dev->allow ? "yes" : "no");
    dxBufAddStr(buf, "/>\n");
}

void
dxRedirFilterFormat(dxBuf *buf, const dxRedirFilterDef *filter)
{
    size_t i;

    /* an empty filter says nothing: libvirt drops it */
    if (filter->nusbdevs == 0)
        return;
    dxBufAddStr(buf, "<redirfilter>\n");
    dxBufAdjustIndent(buf, 2);
    for (i = 0; i < filter->nusbdevs; i++)
        dxRedirFilterFormatUSBDev(buf, filter->usbdevs[i]);
    dxBufAdjustIndent(buf, -2);
    dxBufAddStr(buf, "</redirfilter>\n");
}

/* One field of a rule: -1 for "any", else hexadecimal with WIDTH digits. */
static void
dxRedirFilterQemuId(dxBuf *buf, int val, int width)
{
    if (val < 0)
        dxBufAddStr(buf, "-1");
    else
        dxBufAddf(buf, "0x%0*X", width, val);
}

char *
dxRedirFilterQemuString(const dxRedirFilterDef *filter)
{
    dxBuf buf = DX_BUF_INIT;
    size_t i;

    for (i = 0; i < filter->nusbdevs; i++) {
        const dxRedirFilterUSBDev *dev = filter->usbdevs[i];
        if (i)
            dxBufAddChar(&buf, '|');
        dxRedirFilterQemuId(&buf, dev->usbClass, 2);
        dxBufAddChar(&buf, ':');
        dxRedirFilterQemuId(&buf, dev->vendor, 4);
        dxBufAddChar(&buf, ':');
        dxRedirFilterQemuId(&buf, dev->product, 4);
        dxBufAddChar(&buf, ':');
        dxRedirFilterQemuId(&buf, dev->version, 4);
        dxBufAddf(&buf, ":%d", dev->allow ? 1 : 0);
    }
    return dxBufSteal(&buf);
}
