/* dxargv.h: a command line under construction and its two printed forms. */
#pragma once

#include <stddef.h>

#include "dxjson.h"

typedef struct {
    char **args;
    size_t nargs;
    /* Called with every JSON option before it is written; may edit PROPS
     * (the QEMU namespace's per-device property overrides use it). */
    void (*jsonHook)(void *opaque, const char *opt, dxJSON *props);
    void *jsonHookOpaque;
} dxArgv;

dxArgv *dxArgvNew(void);
void dxArgvFree(dxArgv *argv);
void dxArgvAdd(dxArgv *argv, const char *arg);
void dxArgvAddf(dxArgv *argv, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* OPT followed by VALUE. */
void dxArgvAddPair(dxArgv *argv, const char *opt, const char *value);
/* OPT followed by the buffer's content (the buffer is cleared). */
void dxArgvAddBuf(dxArgv *argv, const char *opt, dxBuf *value);
/* OPT followed by compact JSON of PROPS (PROPS is freed). */
void dxArgvAddJSON(dxArgv *argv, const char *opt, dxJSON *props);

/* libvirt's .args layout: each option on its own line ending in " \",
 * its value on the same line, every word shell-quoted when needed. */
char *dxArgvFormatShell(const dxArgv *argv);
/* A JSON array of strings, emulator first. */
char *dxArgvFormatJSON(const dxArgv *argv);
