#!/usr/bin/env python3
"""No value can inject an option (TAP property test).

For every string field that reaches the QEMU command line, a domain is
built twice: once with a harmless marker in that field, once with a hostile
string (commas, doubled commas, '=', quotes, newlines, shell and JSON
metacharacters, ...).  Each command line is parsed the way QEMU parses it
(JSON for JSON option values, QemuOpts key=value lists where ',,' is a
literal comma, raw strings for raw options).  The property:

  * domxml either refuses the hostile value with an error (exit 1), or
    ignores it with a warning (it then appears nowhere), or
  * the hostile command line has exactly the options, keys and values of
    the harmless one with the marker replaced by the hostile string:
    nothing added, nothing split, every value read back unchanged;
  * and the --format=shell text, parsed by a real /bin/sh, gives the same
    words as --format=json.

A field whose marker never reaches the command line is a broken template
and fails the test, so the property cannot hold vacuously.

With QEMU installed (qemu_readback.py) the hostile command lines are also
started (paused) and the values read back over QMP.

usage: injection.py DOMXML
"""
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tap import Tap, WRAPPER, run  # noqa: E402

DOMXML = os.path.abspath(sys.argv[1])
MARK = 'Zbenign0Z'

HOSTILE = [
    'a,b',
    'a,,b,',
    ',id=evil,',
    'x,server=on,wait=off',
    'new\nline',
    'eq=ual',
    'dq"sq\'',
    "x' -device 'e1000",
    '$(id)`id`;&|<>*?~#!',
    'back\\slash\\',
    '{"a":1}',
    ' lead and trail ',
    'tab\there',
    'ünïcödé ☃',
]
if WRAPPER:
    # each run costs a second under valgrind: one string with everything
    HOSTILE = ['a,,b,id=x\n"q\'$(id)\\{"a":1} é']

# Options QEMU does not parse as key=value lists.
RAW = {'-append', '-kernel', '-initrd', '-uuid', '-k', '-watchdog-action', '-bios',
       '-dtb', '-pidfile', '-incoming', '-L', '-cpu'}

BASE_OS = "<os><type arch='x86_64' machine='pc'>hvm</type></os>"


def domain(devices='', os_=BASE_OS, extra='', name='inj'):
    return ("<domain type='kvm'><name>%s</name>"
            "<uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>"
            "<memory unit='MiB'>256</memory>%s%s<devices>%s</devices></domain>"
            % (name, os_, extra, devices))


# (field, template): {S} is replaced by the XML-escaped value.  Every
# template must work with the marker.
FIELDS = [
    ('domain name', domain(name='{S}')),
    # (file-backed chardevs, TPM passthrough and tap interfaces get file
    # descriptors from libvirt: their paths never reach the argv)
    ('serial pipe path', domain("<serial type='pipe'><source path='/tmp/{S}'/></serial>")),
    ('serial dev path', domain("<serial type='dev'><source path='/dev/{S}'/></serial>")),
    ('serial tcp host', domain(
        "<serial type='tcp'><source mode='connect' host='{S}' service='4555'/></serial>")),
    ('serial udp host', domain(
        "<serial type='udp'><source mode='bind' host='{S}' service='4556'/>"
        "<source mode='connect' host='127.0.0.1' service='4557'/></serial>")),
    ('parallel dev path', domain("<parallel type='dev'><source path='/dev/{S}'/></parallel>")),
    ('channel name', domain(
        "<channel type='unix'><source mode='bind' path='/tmp/ch.sock'/>"
        "<target type='virtio' name='{S}'/></channel>")),
    ('channel unix path', domain(
        "<channel type='unix'><source mode='connect' path='/tmp/{S}'/>"
        "<target type='virtio' name='org.qemu.guest_agent.0'/></channel>")),
    ('console pipe path', domain("<console type='pipe'><source path='/tmp/{S}'/></console>")),
    ('user alias', domain("<serial type='pty'><alias name='ua-{S}'/></serial>")),
    ('smbios system entry', domain(
        os_="<os><type arch='x86_64' machine='pc'>hvm</type><smbios mode='sysinfo'/></os>",
        extra="<sysinfo type='smbios'><system><entry name='manufacturer'>{S}</entry>"
              "<entry name='serial'>{S}</entry></system></sysinfo>")),
    ('smbios bios vendor', domain(
        os_="<os><type arch='x86_64' machine='pc'>hvm</type><smbios mode='sysinfo'/></os>",
        extra="<sysinfo type='smbios'><bios><entry name='vendor'>{S}</entry></bios></sysinfo>")),
    ('smbios oem string', domain(
        os_="<os><type arch='x86_64' machine='pc'>hvm</type><smbios mode='sysinfo'/></os>",
        extra="<sysinfo type='smbios'><oemStrings><entry>{S}</entry></oemStrings></sysinfo>")),
    ('fw_cfg string', domain(
        extra="<sysinfo type='fwcfg'><entry name='opt/com.example/v'>{S}</entry></sysinfo>")),
    ('fw_cfg file', domain(
        extra="<sysinfo type='fwcfg'><entry name='opt/com.example/f' file='/tmp/{S}'/></sysinfo>")),
    ('kernel, initrd, cmdline', domain(
        os_="<os><type arch='x86_64' machine='pc'>hvm</type><kernel>/tmp/k{S}</kernel>"
            "<initrd>/tmp/i{S}</initrd><cmdline>console=ttyS0 {S}</cmdline></os>")),
    ('pflash loader and nvram', domain(
        extra="<features><acpi/></features>",
        os_="<os><type arch='x86_64' machine='q35'>hvm</type>"
            "<loader readonly='yes' type='pflash'>/tmp/l{S}</loader>"
            "<nvram>/tmp/n{S}</nvram></os>")),
    ('emulator', domain("<emulator>/usr/bin/{S}</emulator>")),
    ('rng random device', domain(
        "<rng model='virtio'><backend model='random'>/dev/{S}</backend></rng>")),
    ('rng egd unix path', domain(
        "<rng model='virtio'><backend model='egd' type='unix'>"
        "<source mode='connect' path='/tmp/{S}'/></backend></rng>")),
    ('shmem name', domain(
        "<shmem name='{S}'><model type='ivshmem-plain'/><size unit='M'>4</size></shmem>")),
    ('filesystem source and tag', domain(
        "<filesystem type='mount' accessmode='passthrough'><source dir='/tmp/{S}'/>"
        "<target dir='{S}'/></filesystem>")),
    ('input evdev', domain("<input type='evdev'><source dev='/dev/input/{S}'/></input>")),
    ('mcast interface address', domain(
        "<interface type='mcast'><mac address='52:54:00:11:22:33'/>"
        "<source address='{S}' port='5558'/><model type='virtio'/></interface>")),
    ('vhostuser socket', domain(
        "<interface type='vhostuser'><mac address='52:54:00:11:22:33'/>"
        "<source type='unix' path='/tmp/{S}' mode='client'/><model type='virtio'/></interface>")),
    ('udp interface address', domain(
        "<interface type='udp'><mac address='52:54:00:11:22:33'/>"
        "<source address='{S}' port='5555'><local address='127.0.0.1' port='5556'/></source>"
        "<model type='virtio'/></interface>")),
    ('vnc socket', domain("<graphics type='vnc' socket='/tmp/{S}'/>")),
    ('vnc keymap', domain("<graphics type='vnc' port='5900' keymap='{S}'/>")),
    ('spice listen address', domain("<graphics type='spice' port='5901' listen='{S}'/>")),
    ('audio file path', domain(
        "<sound model='ich9'><audio id='1'/></sound><audio id='1' type='file' path='/tmp/{S}'/>")),
    ('disk file path', domain(
        "<disk type='file' device='disk'><driver name='qemu' type='raw'/>"
        "<source file='/tmp/{S}'/><target dev='vda' bus='virtio'/></disk>")),
    ('disk block device path', domain(
        "<disk type='block' device='disk'><driver name='qemu' type='raw'/>"
        "<source dev='/dev/{S}'/><target dev='vda' bus='virtio'/></disk>")),
    ('cdrom file path', domain(
        "<disk type='file' device='cdrom'><source file='/tmp/{S}.iso'/>"
        "<target dev='hdc' bus='ide'/><readonly/></disk>")),
    # (a serial refuses all but letters, digits and "_ .+-", as libvirt
    # does; a space is escaped as '\\ ', libvirt's spelling, see
    # SERIAL_SPACES)
    ('disk serial', domain(
        "<disk type='file' device='disk'><source file='/tmp/d.img'/>"
        "<target dev='vda' bus='virtio'/><serial>{S}</serial></disk>")),
    ('disk alias', domain(
        "<disk type='file' device='disk'><source file='/tmp/d.img'/>"
        "<target dev='vda' bus='virtio'/><alias name='ua-{S}'/></disk>")),
    ('nbd export and host', domain(
        "<disk type='network' device='disk'><driver name='qemu' type='raw'/>"
        "<source protocol='nbd' name='{S}'><host name='h{S}' port='10809'/></source>"
        "<target dev='vda' bus='virtio'/></disk>")),
    ('smartcard database', domain(
        "<controller type='ccid' index='0'/><smartcard mode='host-certificates'>"
        "<certificate>c1{S}</certificate><certificate>c2</certificate>"
        "<certificate>c3</certificate><database>/tmp/{S}</database></smartcard>")),
]


def xml_value(s):
    # entities for quotes, references for whitespace the parser would fold
    return escape(s, {'"': '&quot;', "'": '&apos;', '\n': '&#10;', '\t': '&#9;'})


# ---- QEMU's parsers ------------------------------------------------------------

def qemu_opts(value):
    """QemuOpts: 'k=v,k2=v2' with ',,' a literal comma -> [(key, value)]."""
    parts, cur, i = [], '', 0
    while i < len(value):
        c = value[i]
        if c == ',':
            if value[i + 1:i + 2] == ',':
                cur += ','
                i += 2
                continue
            parts.append(cur)
            cur = ''
        else:
            cur += c
        i += 1
    parts.append(cur)
    return [tuple(p.split('=', 1)) if '=' in p else (p,) for p in parts]


def parse_argv(argv):
    """[emulator, -opt, value, ...] -> comparable structure."""
    out = [('emulator', argv[0])]
    i = 1
    while i < len(argv):
        opt = argv[i]
        assert opt.startswith('-'), 'option expected, got %r at %d' % (opt, i)
        val = argv[i + 1] if i + 1 < len(argv) and not argv[i + 1].startswith('-') else None
        if val is None:
            out.append((opt,))
            i += 1
            continue
        if opt in RAW:
            parsed = val
        elif opt == '-global':
            # driver.prop=value: the value is taken whole (commas and all)
            k, _, v = val.partition('=')
            parsed = (k, v)
        elif val.startswith('{'):
            parsed = json.loads(val)
        else:
            parsed = qemu_opts(val)
        out.append((opt, parsed))
        i += 2
    return out


def substitute(obj, new):
    if isinstance(obj, str):
        return obj.replace(MARK, new)
    if isinstance(obj, (list, tuple)):
        return type(obj)(substitute(x, new) for x in obj)
    if isinstance(obj, dict):
        return {substitute(k, new): substitute(v, new) for k, v in obj.items()}
    return obj


def contains(obj, s):
    if isinstance(obj, str):
        return s in obj
    if isinstance(obj, (list, tuple)):
        return any(contains(x, s) for x in obj)
    if isinstance(obj, dict):
        return any(contains(k, s) or contains(v, s) for k, v in obj.items())
    return False


def shell_words(text):
    """What a real POSIX shell makes of the --format=shell output."""
    with tempfile.NamedTemporaryFile('w', suffix='.args', delete=False) as f:
        f.write(text)
    try:
        p = subprocess.run(['sh', '-c', 'eval "set -- $(cat "$1")"; for a; do printf "%s\\0" "$a"; done',
                            'sh', f.name], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=30)
    finally:
        os.unlink(f.name)
    assert p.returncode == 0, p.stderr
    return p.stdout.decode().split('\0')[:-1]


# The shell form is quoted by one generic function: checking it on the
# fields that reach raw, key=value and JSON options is enough.
# libvirt refuses a drive serial with anything but these (QEMU driver,
# "driver serial '...' contains unsafe characters"); so does domxml.
SERIAL_SAFE = set('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_ .+-')
REFUSES_UNSAFE = {'disk serial'}


def SERIAL_SPACES(value):
    return value.replace(' ', '\\ ')


SHELL_FIELDS = {'domain name', 'kernel, initrd, cmdline', 'smbios system entry'}
POOL = ThreadPoolExecutor(4)
ACCEPTED = {}


def to_argv(path, fmt):
    return run(DOMXML, 'to-argv', '--format=' + fmt, '--state-dir', '/tmp/inj-state', path)


def check_shell(path, argv):
    sh = to_argv(path, 'shell')
    assert sh.rc == 0, sh
    words = shell_words(sh.out.decode())
    assert words == argv, 'shell form differs from JSON form:\n%r\n%r' % (words, argv)


def field_case(tmp, field, template):
    values = [MARK] + HOSTILE
    paths = []
    for i, v in enumerate(values):
        path = os.path.join(tmp, '%d.xml' % i)
        with open(path, 'w') as f:
            f.write(template.replace('{S}', xml_value(v)))
        paths.append(path)
    results = list(POOL.map(lambda p: to_argv(p, 'json'), paths))

    r = results[0]
    assert r.rc == 0, 'template refused with the marker: %r' % r
    want_base = parse_argv(json.loads(r.out))
    assert contains(want_base, MARK), 'the field never reaches the command line: %r' % r.out
    accepted = 0
    for h, path, r in zip(HOSTILE, paths[1:], results[1:]):
        if field in REFUSES_UNSAFE:
            safe = all(c in SERIAL_SAFE for c in h)
            assert (r.rc == 0) == safe, 'hostile %r: %s' % (
                h, 'refused although safe' if safe else 'not refused: %r' % r)
            assert safe or 'contains unsafe characters' in r.err, r
        if r.rc != 0:
            assert r.rc == 1 and r.out == b'' and ': error: ' in r.err, \
                'hostile %r: neither accepted nor refused cleanly: %r' % (h, r)
            continue
        argv = json.loads(r.out)
        want = substitute(want_base, SERIAL_SPACES(h) if field == 'disk serial' else h)
        have = parse_argv(argv)
        if have != want and ': warning: ' in r.err and not contains(have, h) \
                and len(have) == len(want):
            continue        # ignored with a warning, as libvirt ignores it
        accepted += 1
        if have != want:
            diff = [(a, b) for a, b in zip(have, want) if a != b][:3]
            raise AssertionError('hostile %r changed the command line:\n  got  %r\n  want %r%s'
                                 % (h, diff[0][0] if diff else have, diff[0][1] if diff else want,
                                    '' if len(have) == len(want) else
                                    '\n  %d options instead of %d' % (len(have), len(want))))
        if field in SHELL_FIELDS:
            check_shell(path, argv)
    ACCEPTED[field] = accepted


# Passwords never reach the command line (QEMU gets them over the
# monitor, as from libvirt): the command line must be the same whatever
# the password, and must not contain it.
SECRET_FIELDS = [
    ('vnc password', domain("<graphics type='vnc' port='5900' passwd='{S}'/>")),
    ('spice password', domain("<graphics type='spice' port='5901' passwd='{S}'/>")),
]


def secret_case(tmp, field, template):
    values = [MARK] + HOSTILE
    paths = []
    for i, v in enumerate(values):
        path = os.path.join(tmp, '%d.xml' % i)
        with open(path, 'w') as f:
            f.write(template.replace('{S}', xml_value(v)))
        paths.append(path)
    results = list(POOL.map(lambda p: to_argv(p, 'json'), paths))
    assert results[0].rc == 0, 'template refused with the marker: %r' % results[0]
    base = json.loads(results[0].out)
    assert not contains(base, MARK), 'the password is on the command line: %r' % base
    for h, r in zip(HOSTILE, results[1:]):
        if r.rc != 0:
            assert r.rc == 1 and r.out == b'' and ': error: ' in r.err, \
                'hostile %r: neither accepted nor refused cleanly: %r' % (h, r)
            continue
        assert json.loads(r.out) == base, \
            'hostile password %r changed the command line: %r' % (h, r.out)


def main():
    t = Tap()
    for field, template in FIELDS:
        t.case(field_case, field, template)
    for field, template in SECRET_FIELDS:
        t.case(secret_case, field, template)
    POOL.shutdown()
    # what was refused is fine, but say so: a field that refuses everything
    # is safe, not tested
    for field, n in ACCEPTED.items():
        print('# %-28s %2d/%d hostile values accepted and read back unchanged'
              % (field, n, len(HOSTILE)))
    t.done()


if __name__ == '__main__':
    main()
