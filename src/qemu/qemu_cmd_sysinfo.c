/* qemu_cmd_sysinfo.c: -smbios and -fw_cfg from <sysinfo>, the vmgenid
 * device of <genid>, and -acpitable from <os><acpi>. */
#include "qemu_command_priv.h"
#include "conf/os_conf.h"
#include "conf/sysinfo_conf.h"
#include "util/dxalloc.h"
#include "util/dxuuid.h"

#include <stdlib.h>
#include <string.h>

static void
dxQemuSmbiosField(dxBuf *buf, const char *name, const char *value, bool always)
{
    if (!value && !always)
        return;
    dxBufAddf(buf, ",%s=", name);
    if (value)
        dxBufEscapeComma(buf, value);
}

/* One -smbios type=N option with the fields of TABLE in SECTION's order. */
static void
dxQemuSmbiosTable(dxQemuBuildCtx *ctx, dxSmbiosSection section, const dxSmbiosTable *t)
{
    static const int types[] = { 0, 1, 2, 3 };
    const char *const *fields = dxSmbiosSectionFields(section);
    dxBuf buf = DX_BUF_INIT;
    size_t i;

    dxBufAddf(&buf, "type=%d", types[section]);
    for (i = 0; fields[i]; i++) {
        /* the chassis structure always names its manufacturer */
        bool always = section == DX_SMBIOS_CHASSIS && i == 0;
        dxQemuSmbiosField(&buf, fields[i], t->values[i], always);
    }
    dxArgvAddBuf(ctx->argv, "-smbios", &buf);
}

static void
dxQemuSmbios(dxQemuBuildCtx *ctx, const dxSysinfo *si)
{
    size_t i;

    if (si->tables[DX_SMBIOS_BIOS])
        dxQemuSmbiosTable(ctx, DX_SMBIOS_BIOS, si->tables[DX_SMBIOS_BIOS]);
    if (si->tables[DX_SMBIOS_SYSTEM])
        dxQemuSmbiosTable(ctx, DX_SMBIOS_SYSTEM, si->tables[DX_SMBIOS_SYSTEM]);
    for (i = 0; i < si->nbaseBoards; i++)
        dxQemuSmbiosTable(ctx, DX_SMBIOS_BASEBOARD, si->baseBoards[i]);
    if (si->tables[DX_SMBIOS_CHASSIS])
        dxQemuSmbiosTable(ctx, DX_SMBIOS_CHASSIS, si->tables[DX_SMBIOS_CHASSIS]);
    if (si->noemStrings) {
        dxBuf buf = DX_BUF_INIT;
        dxBufAddStr(&buf, "type=11");
        for (i = 0; i < si->noemStrings; i++)
            dxQemuSmbiosField(&buf, "value", si->oemStrings[i], true);
        dxArgvAddBuf(ctx->argv, "-smbios", &buf);
    }
}

static void
dxQemuFwcfg(dxQemuBuildCtx *ctx, const dxSysinfo *si)
{
    size_t i;
    for (i = 0; i < si->nfwcfg; i++) {
        dxBuf buf = DX_BUF_INIT;
        dxBufAddStr(&buf, "name=");
        dxBufEscapeComma(&buf, si->fwcfg[i].name);
        if (si->fwcfg[i].file) {
            dxBufAddStr(&buf, ",file=");
            dxBufEscapeComma(&buf, si->fwcfg[i].file);
        } else {
            dxBufAddStr(&buf, ",string=");
            dxBufEscapeComma(&buf, dxNullStr(si->fwcfg[i].value));
        }
        dxArgvAddBuf(ctx->argv, "-fw_cfg", &buf);
    }
}

int
dxQemuBuildSysinfo(dxQemuBuildCtx *ctx)
{
    const dxDomainDef *def = ctx->def;
    size_t i;

    if (!def->sysinfo)
        return 0;
    /* SMBIOS tables from <sysinfo> only with <smbios mode='sysinfo'/> */
    for (i = 0; i < def->sysinfo->n; i++) {
        if (def->sysinfo->list[i]->type == DX_SYSINFO_SMBIOS &&
            def->os.smbios == DX_DOMAIN_SMBIOS_SYSINFO)
            dxQemuSmbios(ctx, def->sysinfo->list[i]);
    }
    for (i = 0; i < def->sysinfo->n; i++) {
        if (def->sysinfo->list[i]->type == DX_SYSINFO_FWCFG)
            dxQemuFwcfg(ctx, def->sysinfo->list[i]);
    }
    return 0;
}

int
dxQemuBuildVmgenid(dxQemuBuildCtx *ctx)
{
    char uuid[DX_UUID_STRING_BUFLEN];
    dxJSON *props;

    if (!ctx->def->genid.present)
        return 0;
    dxUUIDFormat(ctx->def->genid.uuid, uuid);
    props = dxJSONNewObject();
    dxJSONAddString(props, "driver", "vmgenid");
    dxJSONAddString(props, "guid", uuid);
    dxJSONAddString(props, "id", "vmgenid0");
    dxArgvAddJSON(ctx->argv, "-device", props);
    return 0;
}

int
dxQemuBuildAcpiTables(dxQemuBuildCtx *ctx)
{
    const dxDomainOsExtra *x = ctx->def->os.extra;
    size_t i;

    for (i = 0; x && i < x->nacpiTables; i++) {
        dxBuf buf = DX_BUF_INIT;
        /* the table type is the ACPI signature, in capitals */
        dxBufAddStr(&buf, "sig=SLIC,file=");
        dxBufEscapeComma(&buf, x->acpiTables[i].path);
        dxArgvAddBuf(ctx->argv, "-acpitable", &buf);
    }
    return 0;
}
