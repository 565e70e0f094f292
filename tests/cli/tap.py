"""Shared helpers for the CLI tests: run domxml, report TAP.

DOMXML_WRAPPER (environment) runs every domxml call under a wrapper, e.g.
valgrind; the CI's valgrind leg sets it (see .ci/run).
"""
import os
import shlex
import subprocess
import sys
import tempfile
import traceback

WRAPPER = shlex.split(os.environ.get('DOMXML_WRAPPER', ''))


class Result:
    def __init__(self, rc, out, err):
        self.rc, self.out, self.err = rc, out, err

    def __repr__(self):
        return 'exit %s, stdout %d bytes, stderr %r' % (self.rc, len(self.out), self.err[:600])


def run(domxml, *args, stdin=None, timeout=120, cwd=None):
    """domxml ARGS -> Result with bytes stdout and str stderr."""
    p = subprocess.run(WRAPPER + [domxml] + list(args), input=stdin,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=timeout, cwd=cwd)
    return Result(p.returncode, p.stdout, p.stderr.decode('utf-8', 'replace'))


class Tap:
    """Collects named checks; each test function gets a fresh temp dir."""

    def __init__(self):
        self.n = 0
        self.failed = 0

    def case(self, fn, *args):
        self.n += 1
        name = fn.__name__ + (' ' + str(args[0]) if args else '')
        with tempfile.TemporaryDirectory(prefix='domxml-cli-') as tmp:
            try:
                fn(tmp, *args)
            except Exception:
                self.failed += 1
                print('not ok %d %s' % (self.n, name))
                for line in traceback.format_exc().splitlines():
                    print('  # ' + line)
                return
        print('ok %d %s' % (self.n, name))
        sys.stdout.flush()

    def done(self):
        print('1..%d' % self.n)
        sys.exit(1 if self.failed else 0)


def write(path, data):
    mode = 'wb' if isinstance(data, bytes) else 'w'
    with open(path, mode) as f:
        f.write(data)
    return path


def expect_error(r, *fragments, code=1):
    """Exit CODE, nothing on stdout, and every FRAGMENT in one stderr line
    of the form FILE[:LINE]: error: ..."""
    assert r.rc == code, 'want exit %d: %r' % (code, r)
    assert r.out == b'', 'stdout must stay empty on error: %r' % r.out[:200]
    lines = [l for l in r.err.splitlines() if ': error: ' in l]
    assert lines, 'no error line: %r' % r
    assert any(all(f in l for f in fragments) for l in lines), \
        'no error line containing %r: %r' % (fragments, r.err)
    assert 'AddressSanitizer' not in r.err and 'runtime error' not in r.err, r.err
