#!/usr/bin/env python3
"""QEMU reads hostile values back unchanged (TAP; skipped without QEMU).

The complement of injection.py: the command lines domxml builds for domains
with commas, '=', quotes, newlines and shell characters in their strings
are started for real (`qemu-system-x86_64 -S`, paused, TCG), and each value
is read back over QMP from where QEMU stored it: the guest name, the VNC
socket, the kernel, initrd and command line, a virtio-serial port name, a
9p mount tag, an RNG device file and a disk image's file name.  Paths are
created first, so QEMU can open them.

usage: qemu_readback.py DOMXML
"""
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tap import Tap, WRAPPER, run  # noqa: E402

DOMXML = os.path.abspath(sys.argv[1])
QEMU = shutil.which('qemu-system-x86_64')

HOSTILE = ['a,b', ',id=evil,', 'x,server=on', 'new\nline', 'eq=ual', 'dq"sq\'',
           "x' -S '", '$(id);&|', 'back\\slash', '{"a":1}', ' sp ace ', 'ünï ☃']
if WRAPPER:
    # each run costs a second under valgrind: one string with everything
    HOSTILE = ['a,,b,id=x\n"q\'$(id)\\{"a":1} é']


def xml_value(s):
    from xml.sax.saxutils import escape
    return escape(s, {'"': '&quot;', "'": '&apos;', '\n': '&#10;', '\t': '&#9;'})


def domain(name='rb', os_extra='', devices=''):
    return ("<domain type='qemu'><name>%s</name>"
            "<uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid><memory unit='MiB'>64</memory>"
            "<os><type arch='x86_64' machine='pc'>hvm</type>%s</os>"
            "<devices>%s</devices></domain>" % (name, os_extra, devices))


def linux_kernel(path):
    """Just enough of a bzImage for QEMU's Linux loader (boot protocol
    2.06): the "HdrS" header, loaded high, 4 setup sectors, room for an
    initrd and a command line.  (A multiboot image would not do: QEMU reads
    its -initrd as a comma-separated module list.)"""
    img = bytearray(64 * 1024)
    img[0x1f1] = 4                                  # setup_sects
    img[0x1fe:0x200] = b'\x55\xaa'
    img[0x202:0x206] = b'HdrS'
    struct.pack_into('<H', img, 0x206, 0x0206)      # protocol version
    img[0x211] = 0x01                               # LOADED_HIGH
    struct.pack_into('<I', img, 0x22c, 0x37ffffff)  # initrd_addr_max
    struct.pack_into('<I', img, 0x238, 0x7ff)       # cmdline_size
    with open(path, 'wb') as f:
        f.write(img)


class Qmp:
    def __init__(self, path):
        # the socket file appears at bind(), a moment before listen()
        for _ in range(200):
            self.sock = socket.socket(socket.AF_UNIX)
            try:
                self.sock.connect(path)
                break
            except (ConnectionRefusedError, FileNotFoundError):
                self.sock.close()
                time.sleep(0.05)
        else:
            raise AssertionError('QEMU never listened on %s' % path)
        self.f = self.sock.makefile('rw')
        json.loads(self.f.readline())          # greeting
        self.cmd('qmp_capabilities')

    def cmd(self, name, **args):
        self.f.write(json.dumps({'execute': name, 'arguments': args} if args
                                else {'execute': name}) + '\n')
        self.f.flush()
        while True:
            r = json.loads(self.f.readline())
            if 'return' in r:
                return r['return']
            if 'error' in r:
                raise AssertionError('QMP %s: %s' % (name, r['error']))

    def close(self):
        try:
            self.cmd('quit')
        except Exception:
            pass
        self.sock.close()


def start(tmp, xml):
    path = os.path.join(tmp, 'd.xml')
    with open(path, 'w') as f:
        f.write(xml)
    state = os.path.join(tmp, 'state')
    os.makedirs(state, exist_ok=True)
    r = run(DOMXML, 'to-argv', '--format=json', '--state-dir', state, path)
    assert r.rc == 0, r
    argv = json.loads(r.out)
    argv[0] = QEMU
    argv = ['tcg' if a == 'kvm' else a for a in argv] + ['-S']
    mon = os.path.join(state, 'monitor.sock')
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(300):
        if os.path.exists(mon) or proc.poll() is not None:
            break
        time.sleep(0.05)
    if proc.poll() is not None:
        raise AssertionError('QEMU refused the command line: %s\n%r'
                             % (proc.stderr.read().decode(), argv))
    try:
        return proc, Qmp(mon)
    except Exception:
        proc.kill()
        raise


def stop(proc, qmp):
    qmp.close()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def qom(qmp, path, prop):
    return qmp.cmd('qom-get', path=path, property=prop)


# field -> (domain for value S in directory D, setup(D, S), [(what, read(qmp), want(D, S))])
CASES = [
    ('guest name',
     lambda d, s: domain(name=xml_value(s)), None,
     [('query-name', lambda q: q.cmd('query-name')['name'], lambda d, s: s)]),
    ('vnc socket',
     lambda d, s: domain(devices="<graphics type='vnc' socket='%s'/>" % xml_value(d + '/v' + s)),
     None,
     [('query-vnc service', lambda q: q.cmd('query-vnc')['service'], lambda d, s: d + '/v' + s)]),
    ('kernel, initrd and command line',
     lambda d, s: domain(os_extra='<kernel>%s</kernel><initrd>%s</initrd><cmdline>%s</cmdline>'
                         % (xml_value(d + '/k' + s), xml_value(d + '/i' + s), xml_value(s))),
     lambda d, s: (linux_kernel(d + '/k' + s), open(d + '/i' + s, 'w').close()),
     [('machine kernel', lambda q: qom(q, '/machine', 'kernel'), lambda d, s: d + '/k' + s),
      ('machine initrd', lambda q: qom(q, '/machine', 'initrd'), lambda d, s: d + '/i' + s),
      ('machine append', lambda q: qom(q, '/machine', 'append'), lambda d, s: s)]),
    ('virtio-serial port name',
     lambda d, s: domain(devices="<channel type='pty'><target type='virtio' name='%s'/></channel>"
                         % xml_value(s)), None,
     [('port name', lambda q: qom(q, '/machine/peripheral/channel0', 'name'), lambda d, s: s)]),
    ('9p mount tag',
     lambda d, s: domain(devices="<filesystem type='mount' accessmode='passthrough'>"
                         "<source dir='%s'/><target dir='%s'/></filesystem>"
                         % (xml_value(d + '/f' + s), xml_value(s))),
     lambda d, s: os.makedirs(d + '/f' + s),
     [('mount_tag', lambda q: qom(q, '/machine/peripheral/fs0/virtio-backend', 'mount_tag'),
       lambda d, s: s)]),
    ('disk file path',
     lambda d, s: domain(devices="<disk type='file' device='disk'><driver name='qemu' type='raw'/>"
                         "<source file='%s'/><target dev='vda' bus='virtio'/></disk>"
                         % xml_value(d + '/d' + s)),
     lambda d, s: open(d + '/d' + s, 'wb').write(b'\0' * 512),
     [('block node filename',
       lambda q: [n['file'] for n in q.cmd('query-named-block-nodes')
                  if n['node-name'] == 'libvirt-1-storage'][0],
       lambda d, s: d + '/d' + s)]),
    ('rng file',
     lambda d, s: domain(devices="<rng model='virtio'><backend model='random'>%s</backend></rng>"
                         % xml_value(d + '/r' + s)),
     lambda d, s: open(d + '/r' + s, 'w').close(),
     [('rng-random filename', lambda q: qom(q, '/objects/objrng0', 'filename'),
       lambda d, s: d + '/r' + s)]),
]


def readback(tmp, field, make, setup, checks):
    tried = 0
    for i, s in enumerate(HOSTILE):
        d = os.path.join(tmp, str(i))
        os.makedirs(d)
        if setup:
            setup(d, s)
        xml = make(d, s)
        path = os.path.join(d, 'probe.xml')
        with open(path, 'w') as f:
            f.write(xml)
        if run(DOMXML, 'validate', '--no-schema', path).rc != 0:
            continue            # refused: nothing can be injected
        tried += 1
        proc, qmp = start(d, xml)
        try:
            for what, read, want in checks:
                got = read(qmp)
                assert got == want(d, s), '%s: QEMU read %r, want %r' % (what, got, want(d, s))
        finally:
            stop(proc, qmp)
    assert tried, 'every hostile value was refused: the field is not tested'


def main():
    if not QEMU:
        print('1..0 # SKIP qemu-system-x86_64 is not installed')
        sys.exit(0)
    t = Tap()
    for field, make, setup, checks in CASES:
        t.case(readback, field, make, setup, checks)
    t.done()


if __name__ == '__main__':
    main()
