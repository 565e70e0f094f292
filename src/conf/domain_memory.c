/* domain_memory.c: <maxMemory>, <memory>, <currentMemory>. */
#include "domain_def.h"
#include "util/dxerror.h"
#include "util/dxunits.h"
#include "util/dxxml.h"

#include <limits.h>
#include <stdlib.h>

/* Memory is kept in KiB; libvirt refuses sizes whose byte count does not
 * fit a signed 64-bit integer. */
#define DX_MEMORY_MAX_BYTES ((unsigned long long)LLONG_MAX)

/* Read "<elem unit='U'>N</elem>" into KiB, rounding bytes up. */
int
dxParseMemorySize(xmlNodePtr node, unsigned long long *kib)
{
    char *unit = dxXMLPropString(node, "unit");
    unsigned long long value;
    const char *why = NULL;
    int rc = -1;

    if (dxXMLContentULongLong(node, &value) < 0)
        goto cleanup;
    if (dxScaleInteger(&value, unit, 1024, DX_MEMORY_MAX_BYTES, &why) < 0) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "invalid size in <%s>: %s (unit '%s'); units are b, KB, KiB, "
                      "MB, MiB, GB, GiB, TB, TiB, PB, PiB, EB, EiB",
                      (const char *)node->name, why, unit ? unit : "KiB");
        goto cleanup;
    }
    *kib = value / 1024 + (value % 1024 != 0);
    rc = 0;
 cleanup:
    free(unit);
    return rc;
}

int
dxDomainMemoryParse(dxDomainDef *def, xmlNodePtr node)
{
    if (dxXMLNameIs(node, "memory")) {
        if (dxXMLPropTristateSwitch(node, "dumpCore", 0, &def->mem.dumpCore) < 0)
            return -1;
        return dxParseMemorySize(node, &def->mem.totalKiB);
    }
    if (dxXMLNameIs(node, "currentMemory"))
        return dxParseMemorySize(node, &def->mem.currentKiB);
    /* <maxMemory slots='N'> */
    if (dxXMLPropUInt(node, "slots", 10, 0, &def->mem.maxSlots) < 0)
        return -1;
    return dxParseMemorySize(node, &def->mem.maxKiB);
}

void
dxDomainMemoryFormat(dxBuf *buf, const dxDomainDef *def)
{
    if (def->mem.maxKiB)
        dxBufAddf(buf, "<maxMemory slots='%u' unit='KiB'>%llu</maxMemory>\n",
                  def->mem.maxSlots, def->mem.maxKiB);
    dxBufAddStr(buf, "<memory");
    if (def->mem.dumpCore)
        dxBufAttr(buf, "dumpCore", dxTristateSwitchTypeToString(def->mem.dumpCore));
    dxBufAddf(buf, " unit='KiB'>%llu</memory>\n", def->mem.totalKiB);
    if (def->mem.currentKiB)
        dxBufAddf(buf, "<currentMemory unit='KiB'>%llu</currentMemory>\n",
                  def->mem.currentKiB);
}
