/* domain_sound.c: <sound>: parse, format, checks. */
#include "sound_conf.h"
#include "audio_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

#include <stdlib.h>

DX_ENUM_IMPL(dxSoundModel, DX_SOUND_MODEL_LAST,
             "sb16", "es1370", "pcspk", "ac97", "ich6", "ich7", "ich9", "usb");

DX_ENUM_IMPL(dxSoundCodec, DX_SOUND_CODEC_LAST,
             "duplex", "micro", "output");

bool
dxSoundModelIsHDA(dxSoundModel model)
{
    return model == DX_SOUND_MODEL_ICH6 || model == DX_SOUND_MODEL_ICH7 ||
           model == DX_SOUND_MODEL_ICH9;
}

void
dxSoundDefFree(dxSoundDef *sound)
{
    if (!sound)
        return;
    free(sound->codecs);
    dxDeviceInfoClear(&sound->info);
    free(sound);
}

void
dxSoundDefsClear(dxDomainDef *def)
{
    size_t i;
    for (i = 0; i < def->nsounds; i++)
        dxSoundDefFree(def->sounds[i]);
    free(def->sounds);
    def->sounds = NULL;
    def->nsounds = 0;
}

static int
dxSoundCodecsParse(dxSoundDef *sound, xmlNodePtr node)
{
    DX_XML_FOREACH_CHILD(node, child) {
        int type;
        if (child->ns || !dxXMLNameIs(child, "codec"))
            continue;
        dxXMLMarkUsed(child);
        if (dxXMLPropEnum(child, "type", &dxSoundCodecTable, DX_PROP_REQUIRED, &type) < 0)
            return -1;
        DX_APPEND(sound->codecs, sound->ncodecs, (dxSoundCodecType)type);
    }
    return 0;
}

int
dxSoundDefParse(dxDomainDef *def, xmlNodePtr node)
{
    dxSoundDef *sound = dxNew(dxSoundDef);
    int model;

    dxSourceLocSet(&sound->info.loc, node);
    if (dxXMLPropEnum(node, "model", &dxSoundModelTable, DX_PROP_REQUIRED, &model) < 0)
        goto error;
    sound->model = model;
    /* only HDA controllers have codecs; libvirt ignores them elsewhere */
    if (dxSoundModelIsHDA(sound->model) && dxSoundCodecsParse(sound, node) < 0)
        goto error;
    if (dxAudioRefParse(node, &sound->audioId) < 0 ||
        dxDeviceInfoParse(&sound->info, node, DX_INFO_ALLOW_ACPI) < 0)
        goto error;
    DX_APPEND(def->sounds, def->nsounds, sound);
    return 0;

 error:
    dxSoundDefFree(sound);
    return -1;
}

void
dxSoundDefsFormat(dxBuf *buf, const dxDomainDef *def)
{
    size_t i, j;
    for (i = 0; i < def->nsounds; i++) {
        const dxSoundDef *sound = def->sounds[i];
        dxBuf attrs = DX_BUF_INIT;
        dxBuf child = DX_BUF_INIT_CHILD(buf);

        dxBufAttr(&attrs, "model", dxSoundModelTypeToString(sound->model));
        for (j = 0; j < sound->ncodecs; j++)
            dxBufAddf(&child, "<codec type='%s'/>\n",
                      dxSoundCodecTypeToString(sound->codecs[j]));
        dxAudioRefFormat(&child, sound->audioId);
        dxDeviceInfoFormat(&child, &sound->info, DX_INFO_ALLOW_ACPI);
        dxBufElementAlways(buf, "sound", &attrs, &child);
    }
}

int
dxSoundDefsValidate(const dxDomainDef *def)
{
    size_t i;
    int rc = 0;
    for (i = 0; i < def->nsounds; i++) {
        const dxSoundDef *sound = def->sounds[i];
        if (sound->audioId && !dxAudioDefFind(def, sound->audioId)) {
            dxErrorReportLoc(DX_ERR_INVALID, &sound->info.loc,
                             "no audio device with ID %u", sound->audioId);
            rc = -1;
        }
    }
    return rc;
}
