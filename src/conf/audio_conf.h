/* audio_conf.h: <audio> backends (where guest sound goes on the host),
 * referenced by id from <sound> and <graphics> devices. */
#pragma once

#include <libxml/tree.h>
#include <stdbool.h>

#include "domain_def.h"
#include "util/dxenum.h"

typedef enum {
    DX_AUDIO_TYPE_NONE = 0,
    DX_AUDIO_TYPE_ALSA,
    DX_AUDIO_TYPE_COREAUDIO,
    DX_AUDIO_TYPE_JACK,
    DX_AUDIO_TYPE_OSS,
    DX_AUDIO_TYPE_PULSEAUDIO,
    DX_AUDIO_TYPE_SDL,
    DX_AUDIO_TYPE_SPICE,
    DX_AUDIO_TYPE_FILE,
    DX_AUDIO_TYPE_DBUS,
    DX_AUDIO_TYPE_LAST
} dxAudioType;
DX_ENUM_DECL(dxAudioType);

typedef enum {
    DX_AUDIO_FORMAT_DEFAULT = 0,
    DX_AUDIO_FORMAT_U8,
    DX_AUDIO_FORMAT_S8,
    DX_AUDIO_FORMAT_U16,
    DX_AUDIO_FORMAT_S16,
    DX_AUDIO_FORMAT_U32,
    DX_AUDIO_FORMAT_S32,
    DX_AUDIO_FORMAT_F32,
    DX_AUDIO_FORMAT_LAST
} dxAudioFormat;
DX_ENUM_DECL(dxAudioFormat);

typedef enum {
    DX_AUDIO_SDL_DRIVER_DEFAULT = 0,
    DX_AUDIO_SDL_DRIVER_ESD,
    DX_AUDIO_SDL_DRIVER_ALSA,
    DX_AUDIO_SDL_DRIVER_ARTS,
    DX_AUDIO_SDL_DRIVER_PULSEAUDIO,
    DX_AUDIO_SDL_DRIVER_LAST
} dxAudioSDLDriver;
DX_ENUM_DECL(dxAudioSDLDriver);

/* One direction (<input> or <output>); unsigned values are 0 when absent. */
typedef struct {
    bool present;                     /* the element was given */
    dxTristateBool mixingEngine;
    dxTristateBool fixedSettings;
    unsigned int voices;
    unsigned int bufferLength;        /* microseconds */
    /* <settings> */
    unsigned int frequency;
    unsigned int channels;
    dxAudioFormat format;
    /* per backend */
    char *dev;                        /* alsa, oss */
    unsigned int bufferCount;         /* coreaudio, oss, sdl */
    dxTristateBool tryPoll;           /* oss */
    char *serverName;                 /* jack */
    char *clientName;                 /* jack */
    char *connectPorts;               /* jack */
    dxTristateBool exactName;         /* jack */
    char *streamName;                 /* pulseaudio */
    char *name;                       /* pulseaudio */
    unsigned int latency;             /* pulseaudio */
} dxAudioIODef;

struct _dxAudioDef {
    dxSourceLoc loc;
    unsigned int id;
    dxAudioType type;
    unsigned int timerPeriod;         /* microseconds, 0 = absent */
    dxAudioIODef input;
    dxAudioIODef output;
    /* oss */
    dxTristateBool tryMMap;
    dxTristateBool exclusive;
    bool dspPolicySet;
    int dspPolicy;
    /* pulseaudio */
    char *serverName;
    /* sdl */
    dxAudioSDLDriver sdlDriver;
    /* file */
    char *path;
};

dxAudioDef *dxAudioDefNew(void);
void dxAudioDefFree(dxAudioDef *audio);
int dxAudioDefParse(dxDomainDef *def, xmlNodePtr node);
void dxAudioDefsFormat(dxBuf *buf, const dxDomainDef *def);
void dxAudioDefsClear(dxDomainDef *def);
/* Unique ids, and every <audio id> reference of sound and graphics
 * devices names an existing backend. */
int dxAudioDefsValidate(const dxDomainDef *def);
const dxAudioDef *dxAudioDefFind(const dxDomainDef *def, unsigned int id);

/* The <audio id='N'/> child sound and graphics devices use to pick their
 * backend: 0 when absent. */
int dxAudioRefParse(xmlNodePtr parent, unsigned int *id);
void dxAudioRefFormat(dxBuf *buf, unsigned int id);
