/* domain_audio.c: <audio> backends: parse, format, checks. */
#include "audio_conf.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

#include <stdlib.h>
#include <string.h>

DX_ENUM_IMPL(dxAudioType, DX_AUDIO_TYPE_LAST,
             "none", "alsa", "coreaudio", "jack", "oss", "pulseaudio", "sdl",
             "spice", "file", "dbus");

DX_ENUM_IMPL(dxAudioFormat, DX_AUDIO_FORMAT_LAST,
             "", "u8", "s8", "u16", "s16", "u32", "s32", "f32");

DX_ENUM_IMPL(dxAudioSDLDriver, DX_AUDIO_SDL_DRIVER_LAST,
             "", "esd", "alsa", "arts", "pulseaudio");

/* QEMU numbers audio backends with 8 bits */
#define DX_AUDIO_MAX_ID 255

dxAudioDef *
dxAudioDefNew(void)
{
    return dxNew(dxAudioDef);
}

static void
dxAudioIOClear(dxAudioIODef *io)
{
    free(io->dev);
    free(io->serverName);
    free(io->clientName);
    free(io->connectPorts);
    free(io->streamName);
    free(io->name);
}

void
dxAudioDefFree(dxAudioDef *audio)
{
    if (!audio)
        return;
    dxSourceLocClear(&audio->loc);
    dxAudioIOClear(&audio->input);
    dxAudioIOClear(&audio->output);
    free(audio->serverName);
    free(audio->path);
    free(audio);
}

void
dxAudioDefsClear(dxDomainDef *def)
{
    size_t i;
    for (i = 0; i < def->naudios; i++)
        dxAudioDefFree(def->audios[i]);
    free(def->audios);
    def->audios = NULL;
    def->naudios = 0;
}

const dxAudioDef *
dxAudioDefFind(const dxDomainDef *def, unsigned int id)
{
    size_t i;
    for (i = 0; i < def->naudios; i++) {
        if (def->audios[i]->id == id)
            return def->audios[i];
    }
    return NULL;
}

/* ---- parse ---------------------------------------------------------------- */

static int
dxAudioSettingsParse(dxAudioIODef *io, xmlNodePtr settings)
{
    int format = 0;
    if (dxXMLPropUInt(settings, "frequency", 10, 0, &io->frequency) < 0 ||
        dxXMLPropUInt(settings, "channels", 10, 0, &io->channels) < 0 ||
        dxXMLPropEnum(settings, "format", &dxAudioFormatTable, DX_PROP_NONZERO, &format) < 0)
        return -1;
    io->format = format;
    return 0;
}

/* Attributes only some backends have on <input>/<output>. */
static int
dxAudioIOBackendParse(dxAudioType type, dxAudioIODef *io, xmlNodePtr node)
{
    switch (type) {
    case DX_AUDIO_TYPE_ALSA:
        io->dev = dxXMLPropString(node, "dev");
        break;
    case DX_AUDIO_TYPE_COREAUDIO:
    case DX_AUDIO_TYPE_SDL:
        return dxXMLPropUInt(node, "bufferCount", 10, 0, &io->bufferCount) < 0 ? -1 : 0;
    case DX_AUDIO_TYPE_JACK:
        io->serverName = dxXMLPropString(node, "serverName");
        io->clientName = dxXMLPropString(node, "clientName");
        io->connectPorts = dxXMLPropString(node, "connectPorts");
        return dxXMLPropTristateBool(node, "exactName", 0, &io->exactName) < 0 ? -1 : 0;
    case DX_AUDIO_TYPE_OSS:
        io->dev = dxXMLPropString(node, "dev");
        if (dxXMLPropUInt(node, "bufferCount", 10, 0, &io->bufferCount) < 0 ||
            dxXMLPropTristateBool(node, "tryPoll", 0, &io->tryPoll) < 0)
            return -1;
        break;
    case DX_AUDIO_TYPE_PULSEAUDIO:
        io->name = dxXMLPropString(node, "name");
        io->streamName = dxXMLPropString(node, "streamName");
        return dxXMLPropUInt(node, "latency", 10, 0, &io->latency) < 0 ? -1 : 0;
    case DX_AUDIO_TYPE_NONE:
    case DX_AUDIO_TYPE_SPICE:
    case DX_AUDIO_TYPE_FILE:
    case DX_AUDIO_TYPE_DBUS:
    case DX_AUDIO_TYPE_LAST:
        break;
    }
    return 0;
}

static int
dxAudioIOParse(dxAudioType type, dxAudioIODef *io, xmlNodePtr node)
{
    xmlNodePtr settings;
    if (!node)
        return 0;
    io->present = true;
    if (dxXMLPropTristateBool(node, "mixingEngine", 0, &io->mixingEngine) < 0 ||
        dxXMLPropTristateBool(node, "fixedSettings", 0, &io->fixedSettings) < 0 ||
        dxXMLPropUInt(node, "voices", 10, 0, &io->voices) < 0 ||
        dxXMLPropUInt(node, "bufferLength", 10, 0, &io->bufferLength) < 0 ||
        dxAudioIOBackendParse(type, io, node) < 0)
        return -1;
    if ((settings = dxXMLChild(node, "settings")) && dxAudioSettingsParse(io, settings) < 0)
        return -1;
    return 0;
}

static int
dxAudioBackendParse(dxAudioDef *audio, xmlNodePtr node)
{
    int val = 0, rc;

    switch (audio->type) {
    case DX_AUDIO_TYPE_OSS:
        if (dxXMLPropTristateBool(node, "tryMMap", 0, &audio->tryMMap) < 0 ||
            dxXMLPropTristateBool(node, "exclusive", 0, &audio->exclusive) < 0 ||
            (rc = dxXMLPropInt(node, "dspPolicy", 10, 0, &audio->dspPolicy)) < 0)
            return -1;
        audio->dspPolicySet = rc == 1;
        if (audio->dspPolicySet && audio->dspPolicy < 0) {
            dxErrorReport(DX_ERR_INVALID, node,
                          "'dspPolicy' must be between 0 and %d, got '%d'",
                          0x7fffffff, audio->dspPolicy);
            return -1;
        }
        break;
    case DX_AUDIO_TYPE_PULSEAUDIO:
        audio->serverName = dxXMLPropString(node, "serverName");
        break;
    case DX_AUDIO_TYPE_SDL:
        if (dxXMLPropEnum(node, "driver", &dxAudioSDLDriverTable, DX_PROP_NONZERO, &val) < 0)
            return -1;
        audio->sdlDriver = val;
        break;
    case DX_AUDIO_TYPE_FILE:
        audio->path = dxXMLPropString(node, "path");
        break;
    case DX_AUDIO_TYPE_NONE:
    case DX_AUDIO_TYPE_ALSA:
    case DX_AUDIO_TYPE_COREAUDIO:
    case DX_AUDIO_TYPE_JACK:
    case DX_AUDIO_TYPE_SPICE:
    case DX_AUDIO_TYPE_DBUS:
    case DX_AUDIO_TYPE_LAST:
        break;
    }
    return 0;
}

static int
dxAudioDefParseNode(dxAudioDef *audio, xmlNodePtr node)
{
    int type;
    if (dxXMLPropUInt(node, "id", 10, DX_PROP_REQUIRED, &audio->id) < 0 ||
        dxXMLPropEnum(node, "type", &dxAudioTypeTable, DX_PROP_REQUIRED, &type) < 0)
        return -1;
    audio->type = type;
    if (audio->id == 0 || audio->id > DX_AUDIO_MAX_ID) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "audio id must be between 1 and %d, got '%u'",
                      DX_AUDIO_MAX_ID, audio->id);
        return -1;
    }
    if (dxXMLPropUInt(node, "timerPeriod", 10, 0, &audio->timerPeriod) < 0 ||
        dxAudioBackendParse(audio, node) < 0 ||
        dxAudioIOParse(audio->type, &audio->input, dxXMLChild(node, "input")) < 0 ||
        dxAudioIOParse(audio->type, &audio->output, dxXMLChild(node, "output")) < 0)
        return -1;
    return 0;
}

int
dxAudioDefParse(dxDomainDef *def, xmlNodePtr node)
{
    dxAudioDef *audio = dxAudioDefNew();
    dxSourceLocSet(&audio->loc, node);
    if (dxAudioDefParseNode(audio, node) < 0) {
        dxAudioDefFree(audio);
        return -1;
    }
    DX_APPEND(def->audios, def->naudios, audio);
    return 0;
}

int
dxAudioRefParse(xmlNodePtr parent, unsigned int *id)
{
    xmlNodePtr node = dxXMLChild(parent, "audio");
    if (!node)
        return 0;
    if (dxXMLPropUInt(node, "id", 10, DX_PROP_REQUIRED, id) < 0)
        return -1;
    if (*id == 0 || *id > DX_AUDIO_MAX_ID) {
        dxErrorReport(DX_ERR_INVALID, node,
                      "audio id must be between 1 and %d, got '%u'",
                      DX_AUDIO_MAX_ID, *id);
        return -1;
    }
    return 0;
}

/* ---- format --------------------------------------------------------------- */

void
dxAudioRefFormat(dxBuf *buf, unsigned int id)
{
    if (id)
        dxBufAddf(buf, "<audio id='%u'/>\n", id);
}

static void
dxBufAttrUInt(dxBuf *attrs, const char *name, unsigned int value)
{
    if (value)
        dxBufAttrf(attrs, name, "%u", value);
}

static void
dxBufAttrYesNo(dxBuf *attrs, const char *name, dxTristateBool value)
{
    if (value)
        dxBufAttr(attrs, name, dxTristateBoolTypeToString(value));
}

static void
dxAudioIOBackendFormat(dxBuf *attrs, dxAudioType type, const dxAudioIODef *io)
{
    switch (type) {
    case DX_AUDIO_TYPE_ALSA:
        dxBufAttr(attrs, "dev", io->dev);
        break;
    case DX_AUDIO_TYPE_COREAUDIO:
    case DX_AUDIO_TYPE_SDL:
        dxBufAttrUInt(attrs, "bufferCount", io->bufferCount);
        break;
    case DX_AUDIO_TYPE_JACK:
        dxBufAttr(attrs, "serverName", io->serverName);
        dxBufAttr(attrs, "clientName", io->clientName);
        dxBufAttr(attrs, "connectPorts", io->connectPorts);
        dxBufAttrYesNo(attrs, "exactName", io->exactName);
        break;
    case DX_AUDIO_TYPE_OSS:
        dxBufAttr(attrs, "dev", io->dev);
        dxBufAttrUInt(attrs, "bufferCount", io->bufferCount);
        dxBufAttrYesNo(attrs, "tryPoll", io->tryPoll);
        break;
    case DX_AUDIO_TYPE_PULSEAUDIO:
        dxBufAttr(attrs, "name", io->name);
        dxBufAttr(attrs, "streamName", io->streamName);
        dxBufAttrUInt(attrs, "latency", io->latency);
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
dxAudioIOFormat(dxBuf *buf, const char *elem, dxAudioType type, const dxAudioIODef *io)
{
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);
    dxBuf settings = DX_BUF_INIT;
    dxBuf none = DX_BUF_INIT;

    dxBufAttrYesNo(&attrs, "mixingEngine", io->mixingEngine);
    dxBufAttrYesNo(&attrs, "fixedSettings", io->fixedSettings);
    dxBufAttrUInt(&attrs, "voices", io->voices);
    dxBufAttrUInt(&attrs, "bufferLength", io->bufferLength);
    dxAudioIOBackendFormat(&attrs, type, io);
    dxBufAttrUInt(&settings, "frequency", io->frequency);
    dxBufAttrUInt(&settings, "channels", io->channels);
    if (io->format)
        dxBufAttr(&settings, "format", dxAudioFormatTypeToString(io->format));
    /* fixed settings are always written out, even when all are defaults */
    if (io->fixedSettings == DX_TRISTATE_BOOL_YES)
        dxBufElementAlways(&child, "settings", &settings, &none);
    else
        dxBufElement(&child, "settings", &settings, &none);
    dxBufElement(buf, elem, &attrs, &child);
}

static void
dxAudioDefFormat(dxBuf *buf, const dxAudioDef *audio)
{
    dxBuf attrs = DX_BUF_INIT;
    dxBuf child = DX_BUF_INIT_CHILD(buf);

    dxBufAttrf(&attrs, "id", "%u", audio->id);
    dxBufAttr(&attrs, "type", dxAudioTypeTypeToString(audio->type));
    dxBufAttrUInt(&attrs, "timerPeriod", audio->timerPeriod);
    switch (audio->type) {
    case DX_AUDIO_TYPE_OSS:
        dxBufAttrYesNo(&attrs, "tryMMap", audio->tryMMap);
        dxBufAttrYesNo(&attrs, "exclusive", audio->exclusive);
        if (audio->dspPolicySet)
            dxBufAttrf(&attrs, "dspPolicy", "%d", audio->dspPolicy);
        break;
    case DX_AUDIO_TYPE_PULSEAUDIO:
        dxBufAttr(&attrs, "serverName", audio->serverName);
        break;
    case DX_AUDIO_TYPE_SDL:
        if (audio->sdlDriver)
            dxBufAttr(&attrs, "driver", dxAudioSDLDriverTypeToString(audio->sdlDriver));
        break;
    case DX_AUDIO_TYPE_FILE:
        dxBufAttr(&attrs, "path", audio->path);
        break;
    default:
        break;
    }
    dxAudioIOFormat(&child, "input", audio->type, &audio->input);
    dxAudioIOFormat(&child, "output", audio->type, &audio->output);
    dxBufElementAlways(buf, "audio", &attrs, &child);
}

void
dxAudioDefsFormat(dxBuf *buf, const dxDomainDef *def)
{
    size_t i;
    for (i = 0; i < def->naudios; i++)
        dxAudioDefFormat(buf, def->audios[i]);
}

/* ---- checks --------------------------------------------------------------- */

/* QEMU can only hold settings fixed when it mixes the streams itself,
 * and settings mean nothing unless they are fixed. */
static int
dxAudioIOValidate(const dxAudioDef *audio, const dxAudioIODef *io)
{
    if (io->fixedSettings == DX_TRISTATE_BOOL_YES &&
        io->mixingEngine != DX_TRISTATE_BOOL_YES) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &audio->loc,
                         "fixed audio settings requires mixing engine");
        return -1;
    }
    if (io->fixedSettings != DX_TRISTATE_BOOL_YES &&
        (io->frequency || io->channels || io->format)) {
        dxErrorReportLoc(DX_ERR_UNSUPPORTED, &audio->loc,
                         "audio settings specified without fixed settings flag");
        return -1;
    }
    return 0;
}

int
dxAudioDefsValidate(const dxDomainDef *def)
{
    size_t i, j;
    for (i = 0; i < def->naudios; i++) {
        if (dxAudioIOValidate(def->audios[i], &def->audios[i]->input) < 0 ||
            dxAudioIOValidate(def->audios[i], &def->audios[i]->output) < 0)
            return -1;
        for (j = 0; j < i; j++) {
            if (def->audios[i]->id == def->audios[j]->id) {
                dxErrorReportLoc(DX_ERR_INVALID, &def->audios[i]->loc,
                                 "audio ID %u is used multiple times",
                                 def->audios[i]->id);
                return -1;
            }
        }
    }
    return 0;
}
