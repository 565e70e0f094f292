/* domain_conf.c: <domain> itself: identity, dispatch of its children to
 * the per-part parsers, and the canonical element order when formatting. */
#include "domain_def.h"
#include "clock_conf.h"
#include "cpu_conf.h"
#include "memory_conf.h"
#include "misc_conf.h"
#include "numa_conf.h"
#include "qemu_ns_conf.h"
#include "seclabel_conf.h"
#include "sysinfo_conf.h"
#include "tune_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

#include <string.h>

DX_ENUM_IMPL(dxDomainVirt, DX_DOMAIN_VIRT_LAST,
             "none", "qemu", "kqemu", "kvm", "xen", "lxc", "uml", "openvz",
             "test", "vmware", "hyperv", "vbox", "phyp", "parallels", "bhyve",
             "vz", "hvf");

dxDomainDef *
dxDomainDefNew(void)
{
    return dxNew(dxDomainDef);
}

void
dxDomainDefFree(dxDomainDef *def)
{
    if (!def)
        return;
    dxSourceLocClear(&def->loc);
    free(def->name);
    free(def->title);
    free(def->description);
    if (def->metadata)
        xmlFreeDoc(def->metadata);
    dxDomainVcpusClear(&def->vcpu);
    dxDomainOsClear(&def->os);
    dxDomainFeaturesClear(&def->features);
    dxDomainClockFree(def->clock);
    dxDomainCPUDefFree(def->cpu);
    dxDomainNumaDefFree(def->numa);
    dxDomainTuneDefFree(def->tune);
    dxDomainMemoryBackingDefFree(def->memoryBacking);
    dxDomainSysinfoDefFree(def->sysinfo);
    dxDomainMiscDefFree(def->misc);
    free(def->perf);
    dxDomainSeclabelDefFree(def->seclabels);
    dxDomainQemuNsFree(def->qemuNs);
    free(def->emulator);
    dxDomainDevicesClear(def);
    free(def);
}

/* ---- identity ------------------------------------------------------------ */

static int
dxDomainNameParse(dxDomainDef *def, xmlNodePtr node)
{
    char *name = dxXMLContent(node);
    if (!*name) {
        dxErrorReport(DX_ERR_INVALID, node, "domain name must not be empty");
        free(name);
        return -1;
    }
    /* libvirt refuses '/' because the name becomes a file name */
    if (strchr(name, '/')) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "name '%s' cannot contain '/'", name);
        free(name);
        return -1;
    }
    free(def->name);
    def->name = name;
    return 0;
}

static int
dxDomainUUIDParse(dxDomainDef *def, xmlNodePtr node)
{
    char *text = dxXMLContent(node);
    int rc = 0;
    def->uuidGenerated = false;
    if (dxUUIDParse(text, def->uuid) < 0) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "malformed uuid '%s': expected 32 hexadecimal digits "
                      "such as c7a5fdbd-edaf-9455-926a-d65c16db1809", text);
        rc = -1;
    }
    free(text);
    return rc;
}

static int
dxDomainGenidParse(dxDomainDef *def, xmlNodePtr node)
{
    char *text = dxXMLContent(node);
    int rc = 0;
    def->genid.present = true;
    /* an empty <genid/> asks for a generated id */
    if (*text && dxUUIDParse(text, def->genid.uuid) < 0) {
        dxErrorReport(DX_ERR_INVALID, node, "malformed genid '%s'", text);
        rc = -1;
    }
    free(text);
    return rc;
}

static int
dxDomainTextParse(char **field, xmlNodePtr node)
{
    free(*field);
    *field = dxXMLContent(node);
    return 0;
}

static int
dxDomainTitleParse(dxDomainDef *def, xmlNodePtr node)
{
    char *text = dxXMLContent(node);
    if (strchr(text, '\n')) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "title must not contain newlines");
        free(text);
        return -1;
    }
    free(def->title);
    def->title = text;
    return 0;
}

static int
dxDomainDescriptionParse(dxDomainDef *def, xmlNodePtr node)
{
    return dxDomainTextParse(&def->description, node);
}

static int
dxDomainEmulatorParse(dxDomainDef *def, xmlNodePtr node)
{
    return dxDomainTextParse(&def->emulator, node);
}

static int
dxDomainDevicesElementParse(dxDomainDef *def, xmlNodePtr node)
{
    DX_XML_FOREACH_CHILD(node, child) {
        if (dxXMLNameIs(child, "emulator") && !child->ns) {
            dxXMLMarkUsed(child);
            if (dxDomainEmulatorParse(def, child) < 0)
                return -1;
        }
    }
    return dxDomainDevicesParse(def, node, 0);
}

/* ---- dispatch ------------------------------------------------------------ */

typedef struct {
    const char *element;
    int (*parse)(dxDomainDef *def, xmlNodePtr node);
    bool repeatable;                 /* may occur more than once */
} dxDomainChildParser;

/* Children of <domain>, each parsed by the file that owns it.  The first
 * occurrence wins; a repeated element stays unread and is reported. */
static const dxDomainChildParser dxDomainChildren[] = {
    { "name", dxDomainNameParse, false },
    { "uuid", dxDomainUUIDParse, false },
    { "genid", dxDomainGenidParse, false },
    { "title", dxDomainTitleParse, false },
    { "description", dxDomainDescriptionParse, false },
    { "metadata", dxDomainMetadataParse, false },
    { "maxMemory", dxDomainMemoryParse, false },
    { "memory", dxDomainMemoryParse, false },
    { "currentMemory", dxDomainMemoryParse, false },
    { "blkiotune", dxDomainBlkiotuneParse, false },
    { "memtune", dxDomainMemtuneParse, false },
    { "memoryBacking", dxDomainMemoryBackingParse, false },
    { "vcpu", dxDomainVcpuParse, false },
    { "vcpus", dxDomainVcpusParse, false },
    { "iothreads", dxDomainIOThreadsParse, false },
    { "iothreadids", dxDomainIOThreadIdsParse, false },
    { "defaultiothread", dxDomainDefaultIOThreadParse, false },
    { "cputune", dxDomainCputuneParse, false },
    { "numatune", dxDomainNumatuneParse, false },
    { "resource", dxDomainResourceParse, false },
    { "sysinfo", dxDomainSysinfoParse, true },
    { "bootloader", dxDomainBootloaderParse, false },
    { "bootloader_args", dxDomainBootloaderParse, false },
    { "os", dxDomainOsParse, false },
    { "idmap", dxDomainIdmapParse, false },
    { "features", dxDomainFeaturesParse, false },
    { "cpu", dxDomainCPUParse, false },
    { "clock", dxDomainClockParse, false },
    { "on_poweroff", dxDomainLifecycleParse, false },
    { "on_reboot", dxDomainLifecycleParse, false },
    { "on_crash", dxDomainLifecycleParse, false },
    { "on_lockfailure", dxDomainLifecycleParse, false },
    { "pm", dxDomainPMParse, false },
    { "perf", dxDomainPerfParse, false },
    { "devices", dxDomainDevicesElementParse, false },
    { "seclabel", dxDomainSeclabelParse, true },
    { "keywrap", dxDomainKeywrapParse, false },
    { "launchSecurity", dxDomainLaunchSecurityParse, false },
};

static int
dxDomainChildParserFind(const xmlNode *node)
{
    size_t i;
    if (node->ns)
        return -1;
    for (i = 0; i < DX_ARRAY_CARDINALITY(dxDomainChildren); i++) {
        if (dxXMLNameIs(node, dxDomainChildren[i].element))
            return (int)i;
    }
    return -1;
}

static int
dxDomainRootParse(dxDomainDef *def, xmlNodePtr root)
{
    int type;
    if (dxXMLPropEnum(root, "type", &dxDomainVirtTable,
                      DX_PROP_REQUIRED | DX_PROP_NONZERO, &type) < 0)
        return -1;
    def->virtType = type;
    /* the runtime id of a running domain: kept for the plain round trip,
     * dropped from the (inactive) QEMU definition */
    if (dxXMLPropInt(root, "id", 10, 0, &def->id) < 0)
        return -1;
    def->hasId = dxXMLHasProp(root, "id");
    return 0;
}

dxDomainDef *
dxDomainDefParseNode(xmlNodePtr root, unsigned int flags)
{
    dxDomainDef *def = dxDomainDefNew();
    bool seen[DX_ARRAY_CARDINALITY(dxDomainChildren)] = { false };
    int failed = 0;

    (void)flags;
    dxSourceLocSet(&def->loc, root);
    def->uuidGenerated = true;   /* until a <uuid> is read */
    if (dxDomainRootParse(def, root) < 0)
        failed = 1;
    DX_XML_FOREACH_CHILD(root, child) {
        int idx;
        if (dxDomainQemuNsIs(child)) {
            int rc = dxDomainQemuNsParse(def, child);
            if (rc != 1)
                dxXMLMarkUsed(child);
            if (rc < 0)
                failed = 1;
            continue;
        }
        idx = dxDomainChildParserFind(child);
        /* a repeated element is left unread, so it is reported */
        if (idx < 0 || (seen[idx] && !dxDomainChildren[idx].repeatable))
            continue;
        seen[idx] = true;
        dxXMLMarkUsed(child);
        /* keep going after an error so one run reports every problem */
        if (dxDomainChildren[idx].parse(def, child) < 0)
            failed = 1;
    }
    if (def->uuidGenerated)
        dxUUIDGenerate(def->uuid);
    if (!def->name && !failed) {
        dxErrorReport(DX_ERR_INVALID, root, "missing domain name: add <name>");
        failed = 1;
    }
    if (failed) {
        dxDomainDefFree(def);
        return NULL;
    }
    return def;
}

/* ---- format -------------------------------------------------------------- */

static void
dxDomainIdentityFormat(dxBuf *buf, const dxDomainDef *def)
{
    char uuid[DX_UUID_STRING_BUFLEN];

    dxBufTextElement(buf, "name", def->name);
    dxUUIDFormat(def->uuid, uuid);
    dxBufTextElement(buf, "uuid", uuid);
    if (def->genid.present) {
        if (dxUUIDIsNull(def->genid.uuid)) {
            dxBufAddStr(buf, "<genid/>\n");
        } else {
            dxUUIDFormat(def->genid.uuid, uuid);
            dxBufTextElement(buf, "genid", uuid);
        }
    }
    dxBufTextElement(buf, "title", def->title);
    dxBufTextElement(buf, "description", def->description);
}

char *
dxDomainDefFormatXML(const dxDomainDef *def)
{
    dxBuf buf = DX_BUF_INIT;

    dxBufAddf(&buf, "<domain type='%s'", dxDomainVirtTypeToString(def->virtType));
    if (def->hasId && !def->expanded && def->id >= 0)
        dxBufAddf(&buf, " id='%d'", def->id);
    if (def->qemuNs)
        dxBufAttr(&buf, "xmlns:qemu", DX_QEMU_NS_URI);
    dxBufAddStr(&buf, ">\n");
    dxBufAdjustIndent(&buf, 2);
    dxDomainIdentityFormat(&buf, def);
    dxDomainMetadataFormat(&buf, def);
    dxDomainMemoryFormat(&buf, def);
    dxDomainBlkiotuneFormat(&buf, def);
    dxDomainMemtuneFormat(&buf, def);
    dxDomainMemoryBackingFormat(&buf, def);
    dxDomainVcpuFormat(&buf, def);
    dxDomainIOThreadsFormat(&buf, def);
    dxDomainCputuneFormat(&buf, def);
    dxDomainNumatuneFormat(&buf, def);
    dxDomainResourceFormat(&buf, def);
    dxDomainSysinfoFormat(&buf, def);
    dxDomainBootloaderFormat(&buf, def);
    dxDomainOsFormat(&buf, def);
    dxDomainIdmapFormat(&buf, def);
    dxDomainFeaturesFormat(&buf, def);
    dxDomainCPUFormat(&buf, def);
    dxDomainClockFormat(&buf, def);
    dxDomainLifecycleFormat(&buf, def);
    dxDomainPMFormat(&buf, def);
    dxDomainPerfFormat(&buf, def);
    dxDomainDevicesFormat(&buf, def);
    dxDomainSeclabelFormat(&buf, def);
    dxDomainKeywrapFormat(&buf, def);
    dxDomainLaunchSecurityFormat(&buf, def);
    dxDomainQemuNsFormat(&buf, def);
    dxBufAdjustIndent(&buf, -2);
    dxBufAddStr(&buf, "</domain>\n");
    return dxBufSteal(&buf);
}
