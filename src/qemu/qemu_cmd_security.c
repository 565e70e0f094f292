/* qemu_cmd_security.c: launch security (-object sev-guest), the
 * deprecation policy (-compat) and the QEMU namespace's extra
 * arguments. */
#include "qemu_command_priv.h"
#include "conf/misc_conf.h"
#include "conf/qemu_ns_conf.h"
#include "util/dxalloc.h"

#include <stdlib.h>
#include <string.h>

/* SEV parameters of the reference host when the XML leaves them out */
#define DX_QEMU_SEV_CBITPOS 47
#define DX_QEMU_SEV_REDUCED_PHYS_BITS 1

const char *
dxQemuLaunchSecurityId(const dxDomainDef *def)
{
    const dxLaunchSecurity *ls = def->misc ? def->misc->launchSecurity : NULL;
    return ls && ls->type == DX_LAUNCH_SECURITY_SEV ? "lsec0" : NULL;
}

static char *
dxQemuStateFile(dxQemuBuildCtx *ctx, const char *name)
{
    return dxAsprintf("%s/%s", ctx->stateDir, name);
}

int
dxQemuBuildLaunchSecurity(dxQemuBuildCtx *ctx)
{
    const dxLaunchSecurity *ls = ctx->def->misc ? ctx->def->misc->launchSecurity : NULL;
    dxJSON *props;

    if (!ls || ls->type != DX_LAUNCH_SECURITY_SEV)
        return 0;
    props = dxJSONNewObject();
    dxJSONAddString(props, "qom-type", "sev-guest");
    dxJSONAddString(props, "id", "lsec0");
    dxJSONAddUInt(props, "cbitpos", ls->hasCbitpos ? ls->cbitpos : DX_QEMU_SEV_CBITPOS);
    dxJSONAddUInt(props, "reduced-phys-bits",
                  ls->hasReducedPhysBits ? ls->reducedPhysBits : DX_QEMU_SEV_REDUCED_PHYS_BITS);
    dxJSONAddUInt(props, "policy", ls->policy);
    /* certificates reach QEMU as files libvirt writes at start */
    if (ls->dhCert) {
        char *f = dxQemuStateFile(ctx, "dh_cert.base64");
        dxJSONAddString(props, "dh-cert-file", f);
        free(f);
    }
    if (ls->session) {
        char *f = dxQemuStateFile(ctx, "session.base64");
        dxJSONAddString(props, "session-file", f);
        free(f);
    }
    if (ls->kernelHashes)
        dxJSONAddBool(props, "kernel-hashes", ls->kernelHashes == DX_TRISTATE_BOOL_YES);
    dxArgvAddJSON(ctx->argv, "-object", props);
    return 0;
}

int
dxQemuBuildCompat(dxQemuBuildCtx *ctx)
{
    const dxDomainQemuNamespace *ns = ctx->def->qemuNs;
    dxJSON *props;

    if (!ns || !ns->hasDeprecation || ns->deprecation == DX_QEMU_DEPRECATION_NONE)
        return 0;
    props = dxJSONNewObject();
    dxJSONAddString(props, "deprecated-output", "hide");
    if (ns->deprecation == DX_QEMU_DEPRECATION_REJECT)
        dxJSONAddString(props, "deprecated-input", "reject");
    else if (ns->deprecation == DX_QEMU_DEPRECATION_CRASH)
        dxJSONAddString(props, "deprecated-input", "crash");
    dxArgvAddJSON(ctx->argv, "-compat", props);
    return 0;
}

/* <qemu:arg> values, verbatim: the user asked for exactly these words */
int
dxQemuBuildQemuNsArgs(dxQemuBuildCtx *ctx)
{
    const dxDomainQemuNamespace *ns = ctx->def->qemuNs;
    size_t i;

    for (i = 0; ns && i < ns->nargs; i++)
        dxArgvAdd(ctx->argv, ns->args[i]);
    return 0;
}

/* <qemu:override>: the frontend properties of a device, by its "id". */
static void
dxQemuNsOverrideHook(void *opaque, const char *opt, dxJSON *props)
{
    const dxDomainDef *def = opaque;
    if (strcmp(opt, "-device") == 0)
        dxDomainQemuNsApplyOverride(def, dxJSONGetString(props, "id"), props);
}

void
dxQemuInstallOverrides(dxQemuBuildCtx *ctx)
{
    if (!ctx->def->qemuNs || !ctx->def->qemuNs->ndevices)
        return;
    ctx->argv->jsonHook = dxQemuNsOverrideHook;
    ctx->argv->jsonHookOpaque = ctx->def;
}
