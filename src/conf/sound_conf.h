/* sound_conf.h: <sound> devices (the emulated sound card) and their
 * <codec> children. */
#pragma once

#include <libxml/tree.h>

#include "device_info.h"
#include "domain_def.h"
#include "util/dxenum.h"

typedef enum {
    DX_SOUND_MODEL_SB16 = 0,
    DX_SOUND_MODEL_ES1370,
    DX_SOUND_MODEL_PCSPK,
    DX_SOUND_MODEL_AC97,
    DX_SOUND_MODEL_ICH6,
    DX_SOUND_MODEL_ICH7,
    DX_SOUND_MODEL_ICH9,
    DX_SOUND_MODEL_USB,
    DX_SOUND_MODEL_LAST
} dxSoundModel;
DX_ENUM_DECL(dxSoundModel);

typedef enum {
    DX_SOUND_CODEC_DUPLEX = 0,
    DX_SOUND_CODEC_MICRO,
    DX_SOUND_CODEC_OUTPUT,
    DX_SOUND_CODEC_LAST
} dxSoundCodecType;
DX_ENUM_DECL(dxSoundCodec);

struct _dxSoundDef {
    dxSoundModel model;
    dxSoundCodecType *codecs;
    size_t ncodecs;
    unsigned int audioId;            /* <audio id=>, 0 = the first backend */
    dxDeviceInfo info;
};

void dxSoundDefFree(dxSoundDef *sound);
int dxSoundDefParse(dxDomainDef *def, xmlNodePtr node);
void dxSoundDefsFormat(dxBuf *buf, const dxDomainDef *def);
void dxSoundDefsClear(dxDomainDef *def);
int dxSoundDefsValidate(const dxDomainDef *def);
/* HDA controllers (ich6/7/9) carry codecs. */
bool dxSoundModelIsHDA(dxSoundModel model);
