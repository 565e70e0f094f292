/* cmd_validate.h: the commands of the CLI that live in their own files. */
#pragma once

#define DX_EXIT_OK 0
#define DX_EXIT_INVALID 1
#define DX_EXIT_USAGE 2

/* domxml validate [--no-schema] [--strict] [-v] [-j N]
 *                 [--format=text|json|junit] [-o OUT] FILE|DIR... */
int dxCmdValidate(int argc, char **argv);
