/* qemu_command.h: domain → QEMU 7.2 command line. */
#pragma once

#include "conf/domain_def.h"
#include "util/dxargv.h"

typedef struct {
    const char *stateDir;      /* per-domain runtime files; NULL = default */
} dxQemuBuildOptions;

/* The default state directory for DEF: /var/lib/domxml/domain-NAME.
 * Caller frees. */
char *dxQemuDefaultStateDir(const dxDomainDef *def);

/* DEF must have been expanded (dxQemuDomainExpand) first.  Assigns device
 * aliases in DEF, then builds the argv; NULL with an error reported when
 * the configuration cannot run. */
dxArgv *dxQemuBuildCommandLine(dxDomainDef *def, const dxQemuBuildOptions *opts);
