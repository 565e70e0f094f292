#!/usr/bin/env python3
"""How the CLI writes its results (TAP): `-o FILE` is atomic (temporary
file + rename, nothing left behind, sane permissions), and on any error
nothing at all reaches stdout or the output file.

usage: output.py DOMXML SOURCE_ROOT
"""
import os
import stat
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tap import Tap, run, write, expect_error  # noqa: E402

DOMXML = os.path.abspath(sys.argv[1])
SRC = os.path.abspath(sys.argv[2])
# the example with a fixed uuid, so that two runs give the same output
GOOD_XML = open(os.path.join(SRC, 'examples', 'minimal.xml')).read().replace(
    '</name>', '</name>\n  <uuid>4d92ba2d-3c5c-4b1a-9d39-3c8a0c2f1e67</uuid>', 1)
GOOD = None
BAD = ("<domain type='kvm'>\n  <name>bad</name>\n  <memory unit='MiB'>256</memory>\n"
       "  <vcpu>0</vcpu>\n  <os><type>hvm</type></os>\n</domain>\n")

COMMANDS = [('format',), ('format', '--expand'), ('to-argv',), ('to-argv', '--format=json')]


def listing(d):
    return sorted(os.listdir(d))


def with_umask(mask, fn):
    old = os.umask(mask)
    try:
        return fn()
    finally:
        os.umask(old)


def output_equals_stdout(tmp):
    for cmd in COMMANDS:
        out = os.path.join(tmp, 'out')
        r = run(DOMXML, *cmd, GOOD)
        assert r.rc == 0 and r.out, r
        r2 = run(DOMXML, *cmd, '-o', out, GOOD)
        assert r2.rc == 0 and r2.out == b'', r2
        with open(out, 'rb') as f:
            got = f.read()
        want = r.out
        assert got == want, cmd
        os.unlink(out)


def new_file_mode_follows_umask(tmp):
    for mask, want in [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)]:
        out = os.path.join(tmp, 'out-%o' % mask)
        r = with_umask(mask, lambda: run(DOMXML, 'format', '-o', out, GOOD))
        assert r.rc == 0, r
        mode = stat.S_IMODE(os.stat(out).st_mode)
        assert mode == want, 'umask %o: mode %o, want %o' % (mask, mode, want)


def replaced_file_keeps_its_mode(tmp):
    out = write(os.path.join(tmp, 'out'), 'old\n')
    os.chmod(out, 0o640)
    r = with_umask(0o077, lambda: run(DOMXML, 'to-argv', '-o', out, GOOD))
    assert r.rc == 0, r
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o640
    assert open(out).read().startswith('/usr/bin/qemu-system-x86_64')


def replace_is_atomic(tmp):
    """The target is replaced by rename: a reader holding the old file
    keeps the old content, and the inode changes."""
    out = write(os.path.join(tmp, 'out'), 'old\n')
    before = os.stat(out).st_ino
    with open(out) as held:
        r = run(DOMXML, 'format', '-o', out, GOOD)
        assert r.rc == 0, r
        assert held.read() == 'old\n'
    assert os.stat(out).st_ino != before
    assert listing(tmp) == ['out'], listing(tmp)


def invalid_input_leaves_no_file(tmp):
    bad = write(os.path.join(tmp, 'bad.xml'), BAD)
    out = os.path.join(tmp, 'out')
    for cmd in COMMANDS:
        r = run(DOMXML, *cmd, '-o', out, bad)
        expect_error(r, 'bad.xml:4:', 'vcpu')
        assert not os.path.exists(out), cmd
        assert listing(tmp) == ['bad.xml'], listing(tmp)


def invalid_input_keeps_old_file(tmp):
    bad = write(os.path.join(tmp, 'bad.xml'), BAD)
    out = write(os.path.join(tmp, 'out'), 'previous result\n')
    for cmd in COMMANDS:
        r = run(DOMXML, *cmd, '-o', out, bad)
        expect_error(r, 'bad.xml:4:')
        assert open(out).read() == 'previous result\n'
        assert listing(tmp) == ['bad.xml', 'out'], listing(tmp)


def missing_input_is_an_io_error(tmp):
    out = os.path.join(tmp, 'out')
    for cmd in COMMANDS:
        r = run(DOMXML, *cmd, '-o', out, os.path.join(tmp, 'nope.xml'))
        expect_error(r, 'nope.xml: error: cannot open', code=2)
        assert listing(tmp) == []


def unwritable_destination(tmp):
    for out, why in [(os.path.join(tmp, 'no', 'such', 'dir', 'out'), 'No such file'),
                     (tmp, None)]:          # a directory: rename() refuses
        r = run(DOMXML, 'format', '-o', out, GOOD)
        assert r.rc == 2 and r.out == b'', r
        assert 'cannot write %s' % out in r.err, r.err
        if why:
            assert why in r.err, r.err
    assert listing(tmp) == [], listing(tmp)


def read_only_directory(tmp):
    if os.geteuid() == 0:
        # root ignores directory permissions; use a read-only bind instead:
        # /proc/self is never writable
        out = '/proc/self/domxml-out'
    else:
        os.chmod(tmp, 0o555)
        out = os.path.join(tmp, 'out')
    try:
        r = run(DOMXML, 'to-argv', '-o', out, GOOD)
        assert r.rc == 2 and r.out == b'', r
        assert 'cannot write %s' % out in r.err, r.err
    finally:
        os.chmod(tmp, 0o755)


def stdout_write_error(tmp):
    """A full disk on stdout is an I/O error (exit 2), not a silent success."""
    with open('/dev/full', 'wb') as full:
        import subprocess
        from tap import WRAPPER
        p = subprocess.run(WRAPPER + [DOMXML, 'format', GOOD], stdout=full,
                           stderr=subprocess.PIPE)
    assert p.returncode == 2, p
    assert b'cannot write to stdout' in p.stderr, p.stderr


def warnings_do_not_reach_stdout(tmp):
    data = GOOD_XML.replace('</domain>', '  <bogus/>\n</domain>')
    path = write(os.path.join(tmp, 'warn.xml'), data)
    r = run(DOMXML, 'format', path)
    assert r.rc == 0, r
    assert b'bogus' not in r.out and 'warning:' in r.err and 'bogus' in r.err, r


def usage_errors(tmp):
    for args in [('format',), ('format', '-o'), ('to-argv', '--format=xml', GOOD),
                 ('frobnicate', GOOD), ('format', GOOD, GOOD)]:
        r = run(DOMXML, *args)
        assert r.rc == 2 and r.out == b'', (args, r)
        assert r.err, args


def main():
    global GOOD
    import tempfile
    keep = tempfile.TemporaryDirectory(prefix='domxml-cli-')
    GOOD = write(os.path.join(keep.name, 'good.xml'), GOOD_XML)
    t = Tap()
    for fn in [output_equals_stdout, new_file_mode_follows_umask, replaced_file_keeps_its_mode,
               replace_is_atomic, invalid_input_leaves_no_file, invalid_input_keeps_old_file,
               missing_input_is_an_io_error, unwritable_destination, read_only_directory,
               stdout_write_error, warnings_do_not_reach_stdout, usage_errors]:
        t.case(fn)
    t.done()


if __name__ == '__main__':
    main()
