/* qemu_cmd_audio.c: -audiodev for every <audio> backend. */
#include "qemu_cmd_display.h"
#include "conf/audio_conf.h"
#include "util/dxalloc.h"

#include <stdlib.h>

/* QEMU's -audiodev driver name for each backend */
static const char *
dxQemuAudioDriver(dxAudioType type)
{
    switch (type) {
    case DX_AUDIO_TYPE_PULSEAUDIO:
        return "pa";
    case DX_AUDIO_TYPE_FILE:
        return "wav";
    default:
        return dxAudioTypeTypeToString(type);
    }
}

static void
dxJSONAddTristate(dxJSON *obj, const char *key, dxTristateBool v)
{
    if (v)
        dxJSONAddBool(obj, key, v == DX_TRISTATE_BOOL_YES);
}

static void
dxJSONAddNonZero(dxJSON *obj, const char *key, unsigned int v)
{
    if (v)
        dxJSONAddUInt(obj, key, v);
}

static void
dxQemuAudioIOBackendProps(dxJSON *obj, dxAudioType type, const dxAudioIODef *io)
{
    switch (type) {
    case DX_AUDIO_TYPE_ALSA:
        dxJSONAddString(obj, "dev", io->dev);
        break;
    case DX_AUDIO_TYPE_COREAUDIO:
    case DX_AUDIO_TYPE_SDL:
        dxJSONAddNonZero(obj, "buffer-count", io->bufferCount);
        break;
    case DX_AUDIO_TYPE_JACK:
        dxJSONAddString(obj, "server-name", io->serverName);
        dxJSONAddString(obj, "client-name", io->clientName);
        dxJSONAddString(obj, "connect-ports", io->connectPorts);
        dxJSONAddTristate(obj, "exact-name", io->exactName);
        break;
    case DX_AUDIO_TYPE_OSS:
        dxJSONAddString(obj, "dev", io->dev);
        dxJSONAddNonZero(obj, "buffer-count", io->bufferCount);
        dxJSONAddTristate(obj, "try-poll", io->tryPoll);
        break;
    case DX_AUDIO_TYPE_PULSEAUDIO:
        dxJSONAddString(obj, "name", io->name);
        dxJSONAddString(obj, "stream-name", io->streamName);
        dxJSONAddNonZero(obj, "latency", io->latency);
        break;
    case DX_AUDIO_TYPE_NONE:
    case DX_AUDIO_TYPE_SPICE:
    case DX_AUDIO_TYPE_FILE:
    case DX_AUDIO_TYPE_DBUS:
    case DX_AUDIO_TYPE_LAST:
        break;
    }
}

static void
dxQemuAudioIOProps(dxJSON *props, const char *key, dxAudioType type,
                   const dxAudioIODef *io)
{
    dxJSON *obj = dxJSONNewObject();

    dxJSONAddTristate(obj, "mixing-engine", io->mixingEngine);
    dxJSONAddTristate(obj, "fixed-settings", io->fixedSettings);
    dxJSONAddNonZero(obj, "voices", io->voices);
    dxJSONAddNonZero(obj, "buffer-length", io->bufferLength);
    dxJSONAddNonZero(obj, "frequency", io->frequency);
    dxJSONAddNonZero(obj, "channels", io->channels);
    if (io->format)
        dxJSONAddString(obj, "format", dxAudioFormatTypeToString(io->format));
    dxQemuAudioIOBackendProps(obj, type, io);
    if (dxJSONSize(obj) == 0) {
        dxJSONFree(obj);
        return;
    }
    dxJSONAdd(props, key, obj);
}

static void
dxQemuAudioBackendProps(dxJSON *props, const dxAudioDef *audio)
{
    switch (audio->type) {
    case DX_AUDIO_TYPE_OSS:
        dxJSONAddTristate(props, "try-mmap", audio->tryMMap);
        dxJSONAddTristate(props, "exclusive", audio->exclusive);
        if (audio->dspPolicySet)
            dxJSONAddInt(props, "dsp-policy", audio->dspPolicy);
        break;
    case DX_AUDIO_TYPE_PULSEAUDIO:
        dxJSONAddString(props, "server", audio->serverName);
        break;
    case DX_AUDIO_TYPE_FILE:
        dxJSONAddString(props, "path", audio->path);
        break;
    default:
        break;
    }
}

int
dxQemuBuildAudios(dxQemuBuildCtx *ctx)
{
    size_t i;
    for (i = 0; i < ctx->def->naudios; i++) {
        const dxAudioDef *audio = ctx->def->audios[i];
        dxJSON *props = dxJSONNewObject();
        char *id = dxAsprintf("audio%u", audio->id);

        dxJSONAddString(props, "id", id);
        dxJSONAddString(props, "driver", dxQemuAudioDriver(audio->type));
        dxJSONAddNonZero(props, "timer-period", audio->timerPeriod);
        dxQemuAudioBackendProps(props, audio);
        dxQemuAudioIOProps(props, "in", audio->type, &audio->input);
        dxQemuAudioIOProps(props, "out", audio->type, &audio->output);
        dxArgvAddJSON(ctx->argv, "-audiodev", props);
        free(id);
    }
    return 0;
}

char *
dxQemuAudiodevId(const dxDomainDef *def, unsigned int id)
{
    /* a device without <audio id> plays through the first backend */
    if (id == 0) {
        if (def->naudios == 0)
            return NULL;
        id = def->audios[0]->id;
    }
    return dxAsprintf("audio%u", id);
}
