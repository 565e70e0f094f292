/* cli_output.h: how the CLI prints and writes its results. */
#pragma once

/* Write TEXT to PATH atomically (temporary file + rename), or to stdout
 * when PATH is NULL or "-".  0 or -1 (message printed). */
int dxWriteOutput(const char *path, const char *text);
/* A NULL-terminated argv as libvirt's .args text / as a JSON array. */
char *dxFormatArgvShell(char **args);
char *dxFormatArgvJSON(char **args);
/* Shell form preceded by one NAME=value line per entry of ENV. */
char *dxFormatArgvShellEnv(char **env, char **args);
