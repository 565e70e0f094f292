/* features_conf.h: the structured members of <features> (hyperv, kvm,
 * smm, gic, ioapic, hpt, msrs, capabilities, tcg, xen, cfpc/sbbc/ibs). */
#pragma once

#include "domain_def.h"

typedef enum {
    DX_HYPERV_RELAXED = 0,
    DX_HYPERV_VAPIC,
    DX_HYPERV_SPINLOCKS,
    DX_HYPERV_VPINDEX,
    DX_HYPERV_RUNTIME,
    DX_HYPERV_SYNIC,
    DX_HYPERV_STIMER,
    DX_HYPERV_RESET,
    DX_HYPERV_VENDOR_ID,
    DX_HYPERV_FREQUENCIES,
    DX_HYPERV_REENLIGHTENMENT,
    DX_HYPERV_TLBFLUSH,
    DX_HYPERV_IPI,
    DX_HYPERV_EVMCS,
    DX_HYPERV_AVIC,
    DX_HYPERV_LAST
} dxHypervFeature;
DX_ENUM_DECL(dxHypervFeature);

typedef enum {
    DX_HYPERV_MODE_CUSTOM = 0,
    DX_HYPERV_MODE_PASSTHROUGH,
    DX_HYPERV_MODE_LAST
} dxHypervMode;
DX_ENUM_DECL(dxHypervMode);

typedef enum {
    DX_KVM_HIDDEN = 0,
    DX_KVM_HINT_DEDICATED,
    DX_KVM_POLL_CONTROL,
    DX_KVM_PV_IPI,
    DX_KVM_DIRTY_RING,
    DX_KVM_LAST
} dxKVMFeature;
DX_ENUM_DECL(dxKVMFeature);

typedef enum {
    DX_IOAPIC_NONE = 0,
    DX_IOAPIC_KVM,
    DX_IOAPIC_QEMU,
    DX_IOAPIC_LAST
} dxIOAPICDriver;
DX_ENUM_DECL(dxIOAPICDriver);

typedef enum {
    DX_GIC_NONE = 0,
    DX_GIC_2,
    DX_GIC_3,
    DX_GIC_HOST,
    DX_GIC_LAST
} dxGICVersion;
DX_ENUM_DECL(dxGICVersion);

typedef enum {
    DX_HPT_RESIZING_NONE = 0,
    DX_HPT_RESIZING_ENABLED,
    DX_HPT_RESIZING_DISABLED,
    DX_HPT_RESIZING_REQUIRED,
    DX_HPT_RESIZING_LAST
} dxHPTResizing;
DX_ENUM_DECL(dxHPTResizing);

typedef enum {
    DX_MSRS_UNKNOWN_IGNORE = 0,
    DX_MSRS_UNKNOWN_FAULT,
    DX_MSRS_UNKNOWN_LAST
} dxMsrsUnknown;
DX_ENUM_DECL(dxMsrsUnknown);

typedef enum {
    DX_CAPS_POLICY_DEFAULT = 0,
    DX_CAPS_POLICY_ALLOW,
    DX_CAPS_POLICY_DENY,
    DX_CAPS_POLICY_LAST
} dxCapsPolicy;
DX_ENUM_DECL(dxCapsPolicy);

typedef enum {
    DX_XEN_PASSTHROUGH_MODE_NONE = 0,
    DX_XEN_PASSTHROUGH_MODE_SYNC_PT,
    DX_XEN_PASSTHROUGH_MODE_SHARE_PT,
    DX_XEN_PASSTHROUGH_MODE_LAST
} dxXenPassthroughMode;
DX_ENUM_DECL(dxXenPassthroughMode);

typedef struct {
    char *name;
    dxTristateSwitch state;
} dxCapability;

struct _dxDomainFeaturesExtra {
    int hypervMode;                       /* dxHypervMode */
    dxTristateSwitch hyperv[DX_HYPERV_LAST];
    unsigned int hypervSpinlocks;         /* retries */
    char *hypervVendorId;
    dxTristateSwitch hypervStimerDirect;

    dxTristateSwitch kvm[DX_KVM_LAST];
    unsigned int kvmDirtyRingSize;

    unsigned long long tsegKiB;           /* 0: not given */

    int ioapic;                           /* dxIOAPICDriver */
    int gic;                              /* dxGICVersion */

    int hptResizing;                      /* dxHPTResizing */
    unsigned long long hptMaxPageKiB;

    int msrsUnknown;                      /* dxMsrsUnknown */

    int capsPolicy;                       /* dxCapsPolicy */
    dxCapability *caps;
    size_t ncaps;

    unsigned long long tbCacheKiB;        /* 0: not given */

    dxTristateSwitch xenE820Host;
    dxTristateSwitch xenPassthrough;
    int xenPassthroughMode;               /* dxXenPassthroughMode */

    char *cfpc;                           /* ppc64 spectre knobs */
    char *sbbc;
    char *ibs;
};

/* Whether features_extra.c understands feature F. */
bool dxFeaturesExtraSupported(dxDomainFeature f);
int dxFeaturesExtraParse(dxDomainFeatures *features, dxDomainFeature f, xmlNodePtr node);
void dxFeaturesExtraFormat(dxBuf *buf, const dxDomainFeatures *features, dxDomainFeature f);
void dxFeaturesExtraFree(dxDomainFeaturesExtra *extra);
/* The extra state of FEATURES, allocated on first use. */
dxDomainFeaturesExtra *dxFeaturesExtra(dxDomainFeatures *features);
