#!/usr/bin/env python3
"""`domxml check`: the installed QEMU accepts the command line of every
example and every xml2argv success fixture, and refuses a broken one with
its own message.  Skipped (77) when qemu-system-x86_64 is not installed.

usage: test_check.py DOMXML SOURCE_ROOT KNOWN_REFUSALS
KNOWN_REFUSALS lists fixtures (paths from the source root) QEMU refuses
today, with the reason, while their family fixes them; a listed fixture
that passes is reported so the line can go.
"""
import concurrent.futures as cf
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

DOMXML, ROOT, KNOWN = sys.argv[1], sys.argv[2], sys.argv[3]
if not shutil.which('qemu-system-x86_64'):
    print('qemu-system-x86_64 is not installed: skipped')
    sys.exit(77)

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print('FAIL:', what)


def run(*args, env=None):
    p = subprocess.run([DOMXML, 'check'] + list(args), capture_output=True, text=True,
                       timeout=120, env=env)
    return p.returncode, p.stdout, p.stderr


known = set()
for line in open(KNOWN):
    line = line.strip()
    if line and not line.startswith('#'):
        known.add(line.split()[0])

inputs = sorted(glob.glob(os.path.join(ROOT, 'examples', '*.xml')))
inputs += sorted(f for f in glob.glob(os.path.join(ROOT, 'tests', 'xml2argv', '*.xml'))
                 if os.path.exists(f[:-4] + '.args'))
with cf.ThreadPoolExecutor(4) as ex:
    results = list(ex.map(lambda f: (f,) + run('--timeout', '20', f), inputs))
for f, rc, out, err in results:
    rel = os.path.relpath(f, ROOT)
    if rc == 0 and rel in known:
        print('PASSES NOW %s: remove it from %s' % (rel, os.path.basename(KNOWN)))
    elif rc != 0 and rel not in known:
        msg = '\n    '.join(l for l in err.splitlines() if 'warning:' not in l)
        check(False, '%s: exit %d\n    %s' % (rel, rc, msg))
print('# %d files checked against QEMU' % len(results))

# a deliberately broken command line is refused with QEMU's own words
tmp = tempfile.mkdtemp(prefix='domxml-test-check-')
try:
    p = subprocess.run([DOMXML, 'to-argv', '--format=json',
                        os.path.join(ROOT, 'examples', 'minimal.xml')],
                       capture_output=True, text=True, check=True)
    argv = json.loads(p.stdout)
    good = os.path.join(tmp, 'good.json')
    json.dump(argv, open(good, 'w'))
    rc, out, err = run('--argv', '-v', good)
    check(rc == 0 and out.strip().endswith('accepted by ' + shutil.which('qemu-system-x86_64')),
          'the unchanged argv is accepted: %d %r %r' % (rc, out, err))
    bad = os.path.join(tmp, 'bad.json')
    json.dump(argv + ['-device', '{"driver":"virtio-net-pcx","id":"net0"}'], open(bad, 'w'))
    rc, out, err = run('--argv', bad)
    check(rc == 1 and "'virtio-net-pcx' is not a valid device model name" in err,
          'a bad device model is refused with QEMU\'s message: %d %r' % (rc, err))
    clash = os.path.join(tmp, 'clash.json')
    json.dump(argv + ['-device', '{"driver":"e1000","id":"n1","bus":"pci.0","addr":"0x5"}',
                      '-device', '{"driver":"e1000","id":"n2","bus":"pci.0","addr":"0x5"}'],
              open(clash, 'w'))
    rc, out, err = run('--argv', clash)
    check(rc == 1 and 'slot 5 function 0 not available' in err, 'a PCI slot clash: %r' % err)
    notjson = os.path.join(tmp, 'x.json')
    open(notjson, 'w').write('-m 1024\n')
    rc, out, err = run('--argv', notjson)
    check(rc == 1 and 'not a JSON array' in err, 'a non-JSON argv file: %d %r' % (rc, err))
    # what only a real host has is stood in for, and said so with -v
    standins = os.path.join(ROOT, 'tests', 'cli', 'check', 'stand-ins.xml')
    rc, out, err = run('-v', standins)
    check(rc == 0, 'stand-ins.xml is accepted: %d %r' % (rc, err))
    for what in ("storage node 'libvirt-2-storage' (file /srv/images/stand-ins.qcow2) -> "
                 "stand-in qcow2 image",
                 "storage node 'libvirt-1-storage' (nbd (remote))",
                 "nvram/stand-ins_VARS.fd",
                 "network backend hostnet0 (tap) -> user-mode networking",
                 "PCI passthrough hostdev0 (host 0000:3b:02.1) -> emulated e1000",
                 "USB host device hostdev1",
                 "chardev charserial0: TCP peer -> 127.0.0.1:",
                 "VNC server -> unix socket",
                 "vhost-vsock-pci vsock0 needs the host's backend"):
        check(what in err, 'stand-in note %r in %r' % (what, err))
    check(not os.path.exists('/srv/images/stand-ins.qcow2') and
          not os.path.exists('/var/lib/libvirt/qemu/nvram/stand-ins_VARS.fd'),
          'nothing is created outside the temporary directory')

    # without QEMU the check is skipped, not failed
    rc, out, err = run('--emulator', os.path.join(tmp, 'no-such-qemu'),
                       os.path.join(ROOT, 'examples', 'minimal.xml'))
    check(rc == 0 and 'is not installed: skipped' in err, 'skipped without QEMU: %d %r' % (rc, err))
finally:
    shutil.rmtree(tmp)

print('%d failure(s)' % len(failures))
sys.exit(1 if failures else 0)
