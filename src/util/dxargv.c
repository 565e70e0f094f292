#include "dxargv.h"
#include "dxalloc.h"

#include <stdarg.h>
#include <stdio.h>

dxArgv *
dxArgvNew(void)
{
    return dxNew(dxArgv);
}

void
dxArgvFree(dxArgv *argv)
{
    size_t i;
    if (!argv)
        return;
    for (i = 0; i < argv->nargs; i++)
        free(argv->args[i]);
    free(argv->args);
    free(argv);
}

void
dxArgvAdd(dxArgv *argv, const char *arg)
{
    char *copy = dxStrdup(arg);
    DX_APPEND(argv->args, argv->nargs, copy);
}

void
dxArgvAddf(dxArgv *argv, const char *fmt, ...)
{
    va_list ap;
    char *s = NULL;
    va_start(ap, fmt);
    if (vasprintf(&s, fmt, ap) < 0)
        abort();
    va_end(ap);
    DX_APPEND(argv->args, argv->nargs, s);
}

void
dxArgvAddPair(dxArgv *argv, const char *opt, const char *value)
{
    dxArgvAdd(argv, opt);
    dxArgvAdd(argv, value);
}

void
dxArgvAddBuf(dxArgv *argv, const char *opt, dxBuf *value)
{
    char *s = dxBufSteal(value);
    dxArgvAdd(argv, opt);
    DX_APPEND(argv->args, argv->nargs, s);
}

void
dxArgvAddJSON(dxArgv *argv, const char *opt, dxJSON *props)
{
    char *s;
    if (argv->jsonHook)
        argv->jsonHook(argv->jsonHookOpaque, opt, props);
    s = dxJSONFormat(props);
    dxJSONFree(props);
    dxArgvAdd(argv, opt);
    DX_APPEND(argv->args, argv->nargs, s);
}

char *
dxArgvFormatShell(const dxArgv *argv)
{
    dxBuf buf = DX_BUF_INIT;
    size_t i;

    for (i = 0; i < argv->nargs; i++) {
        const char *a = argv->args[i];
        if (i > 0)
            dxBufAddStr(&buf, a[0] == '-' ? " \\\n" : " ");
        dxBufEscapeShell(&buf, a);
    }
    dxBufAddChar(&buf, '\n');
    return dxBufSteal(&buf);
}

char *
dxArgvFormatJSON(const dxArgv *argv)
{
    dxBuf buf = DX_BUF_INIT;
    size_t i;

    dxBufAddChar(&buf, '[');
    for (i = 0; i < argv->nargs; i++) {
        if (i)
            dxBufAddStr(&buf, ",\n ");
        dxBufAddChar(&buf, '"');
        dxBufEscapeJSON(&buf, argv->args[i]);
        dxBufAddChar(&buf, '"');
    }
    dxBufAddStr(&buf, "]\n");
    return dxBufSteal(&buf);
}
