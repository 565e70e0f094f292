/* seclabel_conf.h: security labels: the domain's <seclabel> elements
 * (one per security driver model) and the per-device overrides. */
#pragma once

#include "domain_def.h"

typedef enum {
    DX_SECLABEL_DEFAULT = 0,         /* no type= given */
    DX_SECLABEL_NONE,
    DX_SECLABEL_DYNAMIC,
    DX_SECLABEL_STATIC,
    DX_SECLABEL_LAST
} dxSeclabelType;
DX_ENUM_DECL(dxSeclabelType);

typedef struct {
    char *model;
    int type;                        /* dxSeclabelType */
    dxTristateBool relabel;
    char *label;
    char *imagelabel;
    char *baselabel;
} dxSeclabel;

struct _dxDomainSeclabelDef {
    dxSeclabel **labels;
    size_t n;
    dxSourceLoc loc;
};

/* A device's <seclabel model= relabel=><label/></seclabel> (labelskip is
 * live state, dropped when parsed). */
typedef struct {
    char *model;
    dxTristateBool relabel;           /* YES unless relabel='no' */
    char *label;
} dxDeviceSeclabel;

int dxDomainSeclabelParse(dxDomainDef *def, xmlNodePtr node);
void dxDomainSeclabelFormat(dxBuf *buf, const dxDomainDef *def);
void dxDomainSeclabelDefFree(dxDomainSeclabelDef *sec);
int dxDomainSeclabelValidate(const dxDomainDef *def);

/* For device families: parse the <seclabel> children of NODE into a
 * list; format them back; free the list. */
int dxDeviceSeclabelsParse(xmlNodePtr node, dxDeviceSeclabel **list, size_t *n);
void dxDeviceSeclabelsFormat(dxBuf *buf, const dxDeviceSeclabel *list, size_t n);
void dxDeviceSeclabelsFree(dxDeviceSeclabel *list, size_t n);
