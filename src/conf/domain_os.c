/* domain_os.c: <os>: guest type, machine, boot order, firmware, kernel. */
#include "domain_def.h"
#include "os_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

#include <stdlib.h>
#include <string.h>

DX_ENUM_IMPL(dxDomainOsType, DX_DOMAIN_OS_TYPE_LAST,
             "hvm", "linux", "xen", "exe");
DX_ENUM_IMPL(dxDomainBootDevice, DX_DOMAIN_BOOT_LAST,
             "fd", "cdrom", "hd", "network");
DX_ENUM_IMPL(dxDomainLoaderType, DX_DOMAIN_LOADER_TYPE_LAST,
             "none", "rom", "pflash");
DX_ENUM_IMPL(dxDomainOsFirmware, DX_DOMAIN_OS_FIRMWARE_LAST,
             "none", "bios", "efi");
DX_ENUM_IMPL(dxDomainSmbiosMode, DX_DOMAIN_SMBIOS_LAST,
             "none", "emulate", "host", "sysinfo");

/* SeaBIOS' reboot timeout is a signed 16-bit number of milliseconds;
 * -1 disables rebooting after a failed boot. */
#define DX_BIOS_REBOOT_TIMEOUT_MIN -1
#define DX_BIOS_REBOOT_TIMEOUT_MAX 65535

void
dxDomainOsClear(dxDomainOsDef *os)
{
    free(os->type);
    free(os->arch);
    free(os->machine);
    dxDomainLoaderDefFree(os->loader);
    free(os->kernel);
    free(os->initrd);
    free(os->cmdline);
    free(os->dtb);
    free(os->root);
    dxDomainOsExtraFree(os->extra);
}

static dxDomainLoaderDef *
dxDomainOsLoader(dxDomainOsDef *os)
{
    if (!os->loader)
        os->loader = dxNew(dxDomainLoaderDef);
    return os->loader;
}

/* The architecture names libvirt 9.0 accepts (case matters; "none" and
 * "loongarch64" are not among them yet); schemas/domain.rng lists the same. */
static const char *const dxDomainArchNames[] = {
    "alpha", "armv6l", "armv7l", "armv7b", "aarch64", "cris", "i686", "ia64",
    "lm32", "m68k", "microblaze", "microblazeel", "mips", "mipsel", "mips64",
    "mips64el", "openrisc", "parisc", "parisc64", "ppc", "ppcle", "ppc64",
    "ppc64le", "ppcemb", "riscv32", "riscv64", "s390", "s390x", "sh4", "sh4eb",
    "sparc", "sparc64", "unicore32", "x86_64", "xtensa", "xtensaeb"
};
static const dxEnumTable dxDomainArchTable = {
    "architecture", dxDomainArchNames, sizeof(dxDomainArchNames) / sizeof(dxDomainArchNames[0])
};

#define DX_MACHINE_NAME_CHARS \
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-"

static int
dxDomainOsTypeParse(dxDomainOsDef *os, xmlNodePtr node)
{
    int type, arch;

    os->type = dxXMLContent(node);
    os->arch = dxXMLPropString(node, "arch");
    if (dxXMLPropEnum(node, "arch", &dxDomainArchTable, 0, &arch) < 0)
        return -1;
    os->machine = dxXMLPropString(node, "machine");
    if (!*os->type) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "missing OS type: write <type>hvm</type>");
        return -1;
    }
    /* QEMU machine type names are plain words; anything else could be read
     * as more than a name on the command line */
    if (os->machine &&
        (!*os->machine || os->machine[strspn(os->machine, DX_MACHINE_NAME_CHARS)])) {
        dxErrorReportFlags(DX_ERR_INVALID, DX_SEVERITY_ERROR, DX_ERROR_FLAG_GRAMMAR,
                           (const dxXMLNode *)xmlHasProp(node, BAD_CAST "machine"),
                           "invalid machine type '%s': use letters, digits, '_', '.' and '-'",
                           os->machine);
        return -1;
    }
    return dxXMLContentEnum(node, &dxDomainOsTypeTable, &type);
}

static int
dxDomainLoaderParse(dxDomainOsDef *os, xmlNodePtr node)
{
    dxDomainLoaderDef *l = dxDomainOsLoader(os);
    int type = 0;
    char *path;

    if (dxXMLPropTristateBool(node, "readonly", 0, &l->readonly) < 0 ||
        dxXMLPropTristateBool(node, "secure", 0, &l->secure) < 0 ||
        dxXMLPropTristateBool(node, "stateless", 0, &l->stateless) < 0 ||
        dxXMLPropEnum(node, "type", &dxDomainLoaderTypeTable, DX_PROP_NONZERO, &type) < 0)
        return -1;
    l->type = type;
    path = dxXMLContent(node);
    if (*path)
        l->path = path;
    else
        free(path);
    return 0;
}

static int
dxDomainNvramParse(dxDomainOsDef *os, xmlNodePtr node)
{
    dxDomainLoaderDef *l = dxDomainOsLoader(os);
    char *path;

    l->nvramPresent = true;
    l->nvramTemplate = dxXMLPropString(node, "template");
    if (dxXMLPropEnum(node, "type", &dxNvramTypeTable, DX_PROP_NONZERO, &l->nvramType) < 0)
        return -1;
    if (l->nvramType)
        return dxNvramSourceParse(l, node);
    path = dxXMLContent(node);
    if (*path)
        l->nvramPath = path;
    else
        free(path);
    return 0;
}

static int
dxDomainBootParse(dxDomainOsDef *os, xmlNodePtr node)
{
    int dev;
    if (dxXMLPropEnum(node, "dev", &dxDomainBootDeviceTable, DX_PROP_REQUIRED, &dev) < 0)
        return -1;
    if (os->nBootDevs >= DX_DOMAIN_BOOT_LAST) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "too many <boot> elements: at most %d are allowed",
                      DX_DOMAIN_BOOT_LAST);
        return -1;
    }
    os->bootDevs[os->nBootDevs++] = dev;
    return 0;
}

static int
dxDomainBootmenuParse(dxDomainOsDef *os, xmlNodePtr node)
{
    int rc;
    if (dxXMLPropTristateBool(node, "enable", 0, &os->bootmenu) < 0)
        return -1;
    /* libvirt reads the timeout of an enabled menu only */
    if (os->bootmenu != DX_TRISTATE_BOOL_YES) {
        xmlAttrPtr timeout = xmlHasProp(node, BAD_CAST "timeout");
        if (timeout)
            dxXMLMarkUsed((xmlNodePtr)timeout);
        return 0;
    }
    rc = dxXMLPropUInt(node, "timeout", 10, 0, &os->bootmenuTimeout);
    if (rc < 0)
        return -1;
    if (rc == 1) {
        /* SeaBIOS takes the menu timeout as a 16-bit millisecond count */
        if (os->bootmenuTimeout > 65535) {
            dxErrorReport(DX_ERR_INVALID, node,
                          "invalid value for boot menu timeout, must be in range [0,65535]");
            return -1;
        }
        os->bootmenuTimeoutSet = true;
    }
    return 0;
}

static int
dxDomainBiosParse(dxDomainOsDef *os, xmlNodePtr node)
{
    int rc;
    if (dxXMLPropTristateBool(node, "useserial", 0, &os->biosUseserial) < 0)
        return -1;
    rc = dxXMLPropInt(node, "rebootTimeout", 10, 0, &os->biosRebootTimeout);
    if (rc < 0)
        return -1;
    if (rc == 1) {
        if (os->biosRebootTimeout < DX_BIOS_REBOOT_TIMEOUT_MIN ||
            os->biosRebootTimeout > DX_BIOS_REBOOT_TIMEOUT_MAX) {
            dxErrorReport(DX_ERR_INVALID, node,
                          "invalid value for rebootTimeout, must be in range [-1,65535]");
            return -1;
        }
        os->biosRebootTimeoutSet = true;
    }
    return 0;
}

static int
dxDomainSmbiosParse(dxDomainOsDef *os, xmlNodePtr node)
{
    int mode;
    if (dxXMLPropEnum(node, "mode", &dxDomainSmbiosModeTable,
                      DX_PROP_REQUIRED | DX_PROP_NONZERO, &mode) < 0)
        return -1;
    os->smbios = mode;
    return 0;
}

static int
dxDomainOsStringChild(char **field, xmlNodePtr node)
{
    free(*field);
    *field = dxXMLContent(node);
    return 0;
}

int
dxDomainOsParse(dxDomainDef *def, xmlNodePtr node)
{
    dxDomainOsDef *os = &def->os;
    int firmware = 0;

    if (dxXMLPropEnum(node, "firmware", &dxDomainOsFirmwareTable,
                      DX_PROP_NONZERO, &firmware) < 0)
        return -1;
    os->firmware = firmware;

    DX_XML_FOREACH_CHILD(node, child) {
        int rc = 0;
        if (child->ns)
            continue;
        if (dxXMLNameIs(child, "type") && !os->type)
            rc = dxDomainOsTypeParse(os, child);
        else if (dxXMLNameIs(child, "loader") && !(os->loader && (os->loader->type || os->loader->path)))
            rc = dxDomainLoaderParse(os, child);
        else if (dxXMLNameIs(child, "nvram") && !(os->loader && os->loader->nvramPresent))
            rc = dxDomainNvramParse(os, child);
        else if (dxXMLNameIs(child, "boot"))
            rc = dxDomainBootParse(os, child);
        else if (dxXMLNameIs(child, "bootmenu"))
            rc = dxDomainBootmenuParse(os, child);
        else if (dxXMLNameIs(child, "bios"))
            rc = dxDomainBiosParse(os, child);
        else if (dxXMLNameIs(child, "smbios"))
            rc = dxDomainSmbiosParse(os, child);
        else if (dxXMLNameIs(child, "kernel"))
            rc = dxDomainOsStringChild(&os->kernel, child);
        else if (dxXMLNameIs(child, "initrd"))
            rc = dxDomainOsStringChild(&os->initrd, child);
        else if (dxXMLNameIs(child, "cmdline"))
            rc = dxDomainOsStringChild(&os->cmdline, child);
        else if (dxXMLNameIs(child, "dtb"))
            rc = dxDomainOsStringChild(&os->dtb, child);
        else if (dxXMLNameIs(child, "root"))
            rc = dxDomainOsStringChild(&os->root, child);
        else if ((rc = dxDomainOsExtraParse(os, child)) == 1)
            continue;
        dxXMLMarkUsed(child);
        if (rc < 0)
            return -1;
    }
    if (!os->type) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "missing <type> in <os>: write <type>hvm</type>");
        return -1;
    }
    return 0;
}

static void
dxDomainLoaderFormat(dxBuf *buf, const dxDomainLoaderDef *l)
{
    dxBufAddStr(buf, "<loader");
    if (l->readonly)
        dxBufAttr(buf, "readonly", dxTristateBoolTypeToString(l->readonly));
    if (l->secure)
        dxBufAttr(buf, "secure", dxTristateBoolTypeToString(l->secure));
    if (l->type)
        dxBufAttr(buf, "type", dxDomainLoaderTypeTypeToString(l->type));
    if (l->stateless)
        dxBufAttr(buf, "stateless", dxTristateBoolTypeToString(l->stateless));
    if (l->path) {
        dxBufAddChar(buf, '>');
        dxBufEscapeXML(buf, l->path);
        dxBufAddStr(buf, "</loader>\n");
    } else {
        dxBufAddStr(buf, "/>\n");
    }
}

static void
dxDomainNvramFormat(dxBuf *buf, const dxDomainLoaderDef *l)
{
    if (l->nvramType) {
        dxNvramSourceFormat(buf, l);
        return;
    }
    dxBufAddStr(buf, "<nvram");
    dxBufAttr(buf, "template", l->nvramTemplate);
    if (l->nvramPath) {
        dxBufAddChar(buf, '>');
        dxBufEscapeXML(buf, l->nvramPath);
        dxBufAddStr(buf, "</nvram>\n");
    } else {
        dxBufAddStr(buf, "/>\n");
    }
}

static void
dxDomainOsBootFormat(dxBuf *buf, const dxDomainOsDef *os)
{
    size_t i;
    for (i = 0; i < os->nBootDevs; i++)
        dxBufAddf(buf, "<boot dev='%s'/>\n", dxDomainBootDeviceTypeToString(os->bootDevs[i]));
    if (os->bootmenu || os->bootmenuTimeoutSet) {
        dxBufAddStr(buf, "<bootmenu");
        if (os->bootmenu)
            dxBufAttr(buf, "enable", dxTristateBoolTypeToString(os->bootmenu));
        if (os->bootmenuTimeoutSet)
            dxBufAddf(buf, " timeout='%u'", os->bootmenuTimeout);
        dxBufAddStr(buf, "/>\n");
    }
    if (os->biosUseserial || os->biosRebootTimeoutSet) {
        dxBufAddStr(buf, "<bios");
        if (os->biosUseserial)
            dxBufAttr(buf, "useserial", dxTristateBoolTypeToString(os->biosUseserial));
        if (os->biosRebootTimeoutSet)
            dxBufAddf(buf, " rebootTimeout='%d'", os->biosRebootTimeout);
        dxBufAddStr(buf, "/>\n");
    }
    if (os->smbios)
        dxBufAddf(buf, "<smbios mode='%s'/>\n", dxDomainSmbiosModeTypeToString(os->smbios));
}

void
dxDomainOsFormat(dxBuf *buf, const dxDomainDef *def)
{
    const dxDomainOsDef *os = &def->os;

    if (!os->type)
        return;
    dxBufAddStr(buf, "<os");
    if (os->firmware)
        dxBufAttr(buf, "firmware", dxDomainOsFirmwareTypeToString(os->firmware));
    dxBufAddStr(buf, ">\n");
    dxBufAdjustIndent(buf, 2);
    dxBufAddStr(buf, "<type");
    dxBufAttr(buf, "arch", os->arch);
    dxBufAttr(buf, "machine", os->machine);
    dxBufAddChar(buf, '>');
    dxBufEscapeXML(buf, os->type);
    dxBufAddStr(buf, "</type>\n");
    dxDomainOsFirmwareFormat(buf, os);
    if (os->loader && (os->loader->path || os->loader->type || os->loader->readonly ||
                       os->loader->secure || os->loader->stateless))
        dxDomainLoaderFormat(buf, os->loader);
    if (os->loader && os->loader->nvramPresent)
        dxDomainNvramFormat(buf, os->loader);
    dxDomainOsInitFormat(buf, os);
    dxBufTextElement(buf, "kernel", os->kernel);
    dxBufTextElement(buf, "initrd", os->initrd);
    dxBufTextElement(buf, "cmdline", os->cmdline);
    dxBufTextElement(buf, "dtb", os->dtb);
    dxBufTextElement(buf, "root", os->root);
    dxDomainOsAcpiFormat(buf, os);
    dxDomainOsBootFormat(buf, os);
    dxBufAdjustIndent(buf, -2);
    dxBufAddStr(buf, "</os>\n");
}
