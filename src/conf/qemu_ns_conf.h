/* qemu_ns_conf.h: the QEMU namespace (xmlns:qemu=
 * 'http://libvirt.org/schemas/domain/qemu/1.0'): extra command line
 * arguments and environment, capability overrides, the deprecation
 * policy, and device property overrides.  Elements are matched by
 * namespace URI, whatever prefix the input uses. */
#pragma once

#include "domain_def.h"
#include "util/dxjson.h"

#define DX_QEMU_NS_URI "http://libvirt.org/schemas/domain/qemu/1.0"

typedef enum {
    DX_QEMU_DEPRECATION_NONE = 0,
    DX_QEMU_DEPRECATION_OMIT,
    DX_QEMU_DEPRECATION_REJECT,
    DX_QEMU_DEPRECATION_CRASH,
    DX_QEMU_DEPRECATION_LAST
} dxQemuDeprecation;
DX_ENUM_DECL(dxQemuDeprecation);

typedef enum {
    DX_QEMU_PROP_STRING = 0,
    DX_QEMU_PROP_SIGNED,
    DX_QEMU_PROP_UNSIGNED,
    DX_QEMU_PROP_BOOL,
    DX_QEMU_PROP_REMOVE,
    DX_QEMU_PROP_LAST
} dxQemuPropType;
DX_ENUM_DECL(dxQemuPropType);

typedef struct {
    char *name;
    char *value;                     /* NULL: unset (only legal for env) */
} dxQemuNsPair;

typedef struct {
    char *name;
    int type;                        /* dxQemuPropType */
    char *value;
} dxQemuNsProperty;

typedef struct {
    char *alias;
    dxQemuNsProperty *props;
    size_t nprops;
} dxQemuNsDevice;

struct _dxDomainQemuNamespace {
    char **args;
    size_t nargs;
    dxQemuNsPair *env;
    size_t nenv;
    bool hasCommandline;
    char **capsAdd;
    size_t ncapsAdd;
    char **capsDel;
    size_t ncapsDel;
    int deprecation;                 /* dxQemuDeprecation */
    bool hasDeprecation;
    dxQemuNsDevice *devices;
    size_t ndevices;
};

bool dxDomainQemuNsIs(const xmlNode *node);
int dxDomainQemuNsParse(dxDomainDef *def, xmlNodePtr node);
void dxDomainQemuNsFormat(dxBuf *buf, const dxDomainDef *def);
void dxDomainQemuNsFree(dxDomainQemuNamespace *ns);
/* For device builders: apply <qemu:override> frontend properties of the
 * device with alias ALIAS to its -device PROPS. */
void dxDomainQemuNsApplyOverride(const dxDomainDef *def, const char *alias, dxJSON *props);
