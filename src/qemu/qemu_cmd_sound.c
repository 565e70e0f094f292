/* qemu_cmd_sound.c: sound cards, and the codecs of HDA controllers.
 * The PC speaker is part of the machine: -soundhw enables it. */
#include "qemu_cmd_display.h"
#include "conf/sound_conf.h"
#include "util/dxalloc.h"

#include <stdlib.h>

static const char *
dxQemuSoundDriver(dxSoundModel model)
{
    switch (model) {
    case DX_SOUND_MODEL_SB16:
        return "sb16";
    case DX_SOUND_MODEL_ES1370:
        return "ES1370";
    case DX_SOUND_MODEL_AC97:
        return "AC97";
    case DX_SOUND_MODEL_ICH6:
        return "intel-hda";
    case DX_SOUND_MODEL_ICH9:
        return "ich9-intel-hda";
    case DX_SOUND_MODEL_USB:
        return "usb-audio";
    case DX_SOUND_MODEL_ICH7:      /* refused by qemu_validate */
    case DX_SOUND_MODEL_PCSPK:
    case DX_SOUND_MODEL_LAST:
        break;
    }
    return NULL;
}

/* One hda-* codec on the controller's bus; "cad" is its codec address. */
static void
dxQemuBuildSoundCodec(dxQemuBuildCtx *ctx, const dxSoundDef *sound, const char *audiodev,
                      dxSoundCodecType codec, size_t cad)
{
    dxJSON *props = dxJSONNewObject();
    char *driver = dxAsprintf("hda-%s", dxSoundCodecTypeToString(codec));
    char *id = dxAsprintf("%s-codec%zu", sound->info.alias, cad);
    char *bus = dxAsprintf("%s.0", sound->info.alias);

    dxJSONAddString(props, "driver", driver);
    dxJSONAddString(props, "id", id);
    dxJSONAddString(props, "bus", bus);
    dxJSONAddUInt(props, "cad", cad);
    dxJSONAddString(props, "audiodev", audiodev);
    dxArgvAddJSON(ctx->argv, "-device", props);
    free(driver);
    free(id);
    free(bus);
}

static void
dxQemuBuildSound(dxQemuBuildCtx *ctx, const dxSoundDef *sound)
{
    char *audiodev = dxQemuAudiodevId(ctx->def, sound->audioId);
    bool hda = dxSoundModelIsHDA(sound->model);
    dxJSON *props = dxJSONNewObject();
    size_t i;

    dxJSONAddString(props, "driver", dxQemuSoundDriver(sound->model));
    dxJSONAddString(props, "id", sound->info.alias);
    /* an HDA controller plays nothing itself: its codecs do */
    if (!hda)
        dxJSONAddString(props, "audiodev", audiodev);
    dxQemuBuildDeviceAddressProps(ctx, props, &sound->info);
    dxArgvAddJSON(ctx->argv, "-device", props);
    if (hda) {
        for (i = 0; i < sound->ncodecs; i++)
            dxQemuBuildSoundCodec(ctx, sound, audiodev, sound->codecs[i], i);
        /* without <codec>, a duplex codec (line in and out) */
        if (sound->ncodecs == 0)
            dxQemuBuildSoundCodec(ctx, sound, audiodev, DX_SOUND_CODEC_DUPLEX, 0);
    }
    free(audiodev);
}

int
dxQemuBuildSounds(dxQemuBuildCtx *ctx)
{
    size_t i;
    for (i = 0; i < ctx->def->nsounds; i++) {
        /* the PC speaker is a machine device, not a -device */
        if (ctx->def->sounds[i]->model == DX_SOUND_MODEL_PCSPK)
            dxArgvAddPair(ctx->argv, "-soundhw", "pcspk");
        else
            dxQemuBuildSound(ctx, ctx->def->sounds[i]);
    }
    return 0;
}
