/* cmd_check.h: domxml check [--emulator PATH] [--timeout S] [--argv] [-v]
 *              [--keep] FILE...
 * Exit: 0 accepted (or QEMU not installed: skipped), 1 refused,
 * 2 usage or I/O error, 3 inconclusive (a host resource was missing, or
 * QEMU did not answer in time). */
#pragma once

int dxCmdCheck(int argc, char **argv);
