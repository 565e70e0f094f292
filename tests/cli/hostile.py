#!/usr/bin/env python3
"""Hostile inputs through the CLI, end to end (TAP).

Each input must end in exit 1 with one clear `FILE:LINE: error:` line, an
empty stdout, no crash, no hang, and must never read anything outside the
file it was given.

usage: hostile.py DOMXML
"""
import os
import resource
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tap import Tap, WRAPPER, run, write, expect_error  # noqa: E402

DOMXML = os.path.abspath(sys.argv[1])
LIMIT = 16 * 1024 * 1024

HEAD = "<domain type='kvm'>\n  <name>hostile</name>\n"
OS = "  <os>\n    <type arch='x86_64' machine='pc'>hvm</type>\n  </os>\n"


def domain(body='', memory="  <memory unit='MiB'>256</memory>\n", prolog=''):
    return prolog + HEAD + memory + body + OS + '</domain>\n'


def all_commands(path):
    """The same file through every command that reads one (under a
    wrapper such as valgrind, only the one that runs the whole pipeline:
    each run costs a second there)."""
    if WRAPPER:
        return [('to-argv', path)]
    return [('validate', path), ('format', path), ('format', '--expand', path),
            ('to-argv', path), ('to-argv', '--format=json', path)]


def expect_refused(tmp, data, *fragments, name='in.xml'):
    path = write(os.path.join(tmp, name), data)
    for args in all_commands(path):
        r = run(DOMXML, *args)
        try:
            expect_error(r, *fragments)
        except AssertionError as e:
            raise AssertionError('domxml %s: %s' % (' '.join(args), e))
    return path


# ---- entities and external resources ----------------------------------------

SECRET = 'TOP-SECRET-%d' % os.getpid()


def secret_file(tmp):
    return write(os.path.join(tmp, 'secret.txt'), SECRET + '\n')


def assert_secret_not_read(tmp, data):
    path = write(os.path.join(tmp, 'in.xml'), data)
    for args in all_commands(path):
        r = run(DOMXML, *args)
        assert SECRET.encode() not in r.out and SECRET not in r.err, \
            'domxml %s leaked the file: %r' % (' '.join(args), r)
        assert r.rc == 1 and r.out == b'', 'domxml %s: %r' % (' '.join(args), r)


def xxe_general_entity(tmp):
    sec = secret_file(tmp)
    data = domain(prolog="<?xml version='1.0'?>\n<!DOCTYPE domain [\n"
                  "  <!ENTITY xxe SYSTEM 'file://%s'>\n]>\n" % sec,
                  body='  <description>&xxe;</description>\n')
    assert_secret_not_read(tmp, data)
    expect_refused(tmp, data, 'in.xml:3:', 'entity declarations are not allowed', "'xxe'")


def xxe_parameter_entity(tmp):
    sec = secret_file(tmp)
    write(os.path.join(tmp, 'evil.dtd'), '<!ENTITY leak "%s">\n' % SECRET)
    data = domain(prolog="<!DOCTYPE domain [<!ENTITY %% p SYSTEM 'file://%s/evil.dtd'> %%p;]>\n"
                  % tmp, body='  <description>&leak;</description>\n')
    assert_secret_not_read(tmp, data)
    expect_refused(tmp, data, 'in.xml:1:', 'entity declarations are not allowed', "'p'")
    assert os.path.exists(sec)


def xxe_external_dtd(tmp):
    write(os.path.join(tmp, 'evil.dtd'), '<!ENTITY leak "%s">\n' % SECRET)
    data = domain(prolog="<!DOCTYPE domain SYSTEM '%s/evil.dtd'>\n" % tmp)
    assert_secret_not_read(tmp, data)
    expect_refused(tmp, data, 'in.xml:1:', 'external DTD', 'never loaded')
    # the same with an entity from that DTD actually used
    data = domain(prolog="<!DOCTYPE domain SYSTEM '%s/evil.dtd'>\n" % tmp,
                  body='  <description>&leak;</description>\n')
    assert_secret_not_read(tmp, data)


def xinclude_is_not_processed(tmp):
    sec = secret_file(tmp)
    data = ("<domain type='kvm' xmlns:xi='http://www.w3.org/2001/XInclude'>\n"
            "  <name>x</name>\n  <memory>1024</memory>\n"
            "  <description><xi:include href='%s' parse='text'/></description>\n" % sec
            + OS + '</domain>\n')
    path = write(os.path.join(tmp, 'in.xml'), data)
    for args in all_commands(path):
        r = run(DOMXML, *args)
        assert SECRET.encode() not in r.out and SECRET not in r.err, r
        assert 'AddressSanitizer' not in r.err


def billion_laughs(tmp):
    ents = ['<!ENTITY l0 "lol">'] + ['<!ENTITY l%d "%s">' % (i, ('&l%d;' % (i - 1)) * 10)
                                     for i in range(1, 10)]
    data = domain(prolog='<!DOCTYPE domain [\n%s\n]>\n' % '\n'.join(ents),
                  body='  <description>&l9;</description>\n')
    t = time.monotonic()
    expect_refused(tmp, data, 'in.xml:2:', 'entity declarations are not allowed')
    assert time.monotonic() - t < 30, 'too slow: %.1fs' % (time.monotonic() - t)


def parameter_entity_laughs(tmp):
    ents = ['<!ENTITY %% p%d "%s">' % (i, ('%%p%d;' % (i - 1)) * 10 if i else 'lol')
            for i in range(10)]
    data = domain(prolog='<!DOCTYPE domain [\n%s\n%%p9;\n]>\n' % '\n'.join(ents))
    expect_refused(tmp, data, 'in.xml:2:', 'entity declarations are not allowed')


def quadratic_blowup_attribute(tmp):
    # no entities: one huge attribute value repeated is just a big file,
    # bounded by the size limit (fast, no amplification possible)
    data = domain(body="  <description>%s</description>\n" % ('x' * (LIMIT // 2)))
    path = write(os.path.join(tmp, 'in.xml'), data)
    t = time.monotonic()
    r = run(DOMXML, 'format', path)
    assert r.rc == 0 and len(r.out) > LIMIT // 2, r
    assert time.monotonic() - t < 30


# ---- structure and size -------------------------------------------------------

def deep_nesting(tmp, depth):
    data = domain(body='  <metadata>' + '<a>' * depth + '</a>' * depth + '</metadata>\n')
    expect_refused(tmp, data, 'in.xml:4:', 'nested deeper than the limit of 256 levels')


def nesting_under_the_limit_is_fine(tmp):
    # <domain><metadata> + 250 levels: within libxml2's and our limit
    depth = 250
    data = domain(body="  <metadata><x:a xmlns:x='urn:x'>" + '<x:a>' * depth + '</x:a>' * depth
                  + '</x:a></metadata>\n')
    path = write(os.path.join(tmp, 'in.xml'), data)
    r = run(DOMXML, 'format', path)
    assert r.rc == 0, r
    assert r.out.count(b'<x:a') == depth + 1, r.out[:300]


def one_line_document(tmp):
    """A whole domain on one line (minified XML): 200,000 elements, each
    placed at its column.  Finding a column by scanning back to the start
    of the line made this quadratic (hours), and so did libxml2's check of
    <metadata>'s long lists; it must take about a second."""
    n = 20 if WRAPPER else 4000
    group = "<x:c>" + "<x:b k='v'/>" * 50 + "</x:c>"
    data = domain(body="<metadata><x:a xmlns:x='urn:x'>" + group * n +
                  "</x:a></metadata>").replace('\n', '')
    path = write(os.path.join(tmp, 'in.xml'), data)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    r = run(DOMXML, 'validate', path)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    assert r.rc == 0, r
    assert WRAPPER or cpu < 15, '%.1f CPU seconds for %d elements on one line' % (cpu, n)
    # an error before and one after the long stretch: the first at its
    # column, the second on its line (columns past 65,535 are not kept)
    bad = data.replace("</name>", "</name><oops/>").replace("</metadata>", "</metadata><oops/>")
    path = write(os.path.join(tmp, 'in.xml'), bad)
    col = bad.index('<oops/>') + 1
    r = run(DOMXML, 'validate', path)
    assert r.rc == 1 and ('in.xml:1:%d: error: unknown element' % col) in r.err, (col, r.err[:300])
    assert 'in.xml:1: error: unknown element' in r.err, r.err[:300]


def too_many_children(tmp):
    """More child elements under one element than the limit: refused while
    parsing (libxml2's schema check is quadratic in them); the limit itself
    is fine."""
    # (under a wrapper such as valgrind, only the refusal: its error path)
    for n, ok in ((65537, False),) if WRAPPER else ((65536, True), (65537, False)):
        data = domain(body="<metadata><x:a xmlns:x='urn:x'>" + "<x:b/>" * n +
                      "</x:a></metadata>\n")
        if ok:
            path = write(os.path.join(tmp, 'in.xml'), data)
            r = run(DOMXML, 'format', path)
            assert r.rc == 0, r
            # the schema check leaves <metadata>'s content (any XML) out:
            # libxml2 would take seconds over a list this long
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            r = run(DOMXML, 'validate', path)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            assert r.rc == 0, r
            assert WRAPPER or cpu < 1.5, '%.1f CPU seconds to validate' % cpu
        else:
            expect_refused(tmp, data, 'in.xml:4:',
                           'element <x:a> has more than the limit of 65536 child elements')


def file_of_100mb(tmp):
    path = os.path.join(tmp, 'huge.xml')
    with open(path, 'wb') as f:
        f.write(domain().encode())
        f.truncate(100 * 1024 * 1024)
    for args in all_commands(path):
        t = time.monotonic()
        r = run(DOMXML, *args)
        expect_error(r, 'huge.xml: error:', 'larger than the 16777216 byte limit')
        assert time.monotonic() - t < 10


def stream_of_100mb(tmp):
    """A pipe has no size: domxml must stop reading at the limit."""
    chunk = b' ' * (1024 * 1024)
    p = subprocess.Popen(WRAPPER + [DOMXML, 'validate', '/dev/stdin'], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    sent = 0
    try:
        p.stdin.write(domain().encode())
        for _ in range(100):
            p.stdin.write(chunk)
            sent += 1
        p.stdin.close()
    except BrokenPipeError:
        pass
    p.stdin = None
    out, err = p.communicate(timeout=120)
    err = err.decode()
    assert p.returncode == 1 and out == b'', (p.returncode, err)
    assert '/dev/stdin: error: input is larger than the 16777216 byte limit' in err, err
    assert sent < 100, 'domxml read all 100 MB instead of stopping at the limit'


def exactly_at_the_limit(tmp):
    """A file of exactly 16 MiB is read; one byte more is refused."""
    item = "<x:i>%s</x:i>\n" % ('y' * 1000)
    head = domain(body="  <metadata><x:m xmlns:x='urn:x'>\n").encode()
    tail = "</x:m></metadata>\n".encode()
    n = (LIMIT - len(head) - len(tail) - len(domain())) // len(item) - 1
    body = domain(body="  <metadata><x:m xmlns:x='urn:x'>\n" + item * n + "</x:m></metadata>\n").encode()
    data = body + b' ' * (LIMIT - len(body) - 1) + b'\n'
    path = write(os.path.join(tmp, 'limit.xml'), data)
    assert os.path.getsize(path) == LIMIT
    r = run(DOMXML, 'validate', '--no-schema', path)
    assert r.rc == 0, r
    with open(path, 'ab') as f:
        f.write(b' ')
    expect_error(run(DOMXML, 'validate', path), 'larger than the 16777216 byte limit')


def long_text_is_fine(tmp):
    """libxml2's own 10 MB cap on one text node is not ours: under 16 MiB
    a long description is data like any other."""
    data = domain(body='  <description>%s</description>\n' % ('z' * 12000000))
    path = write(os.path.join(tmp, 'in.xml'), data)
    r = run(DOMXML, 'format', path)
    assert r.rc == 0 and r.out.count(b'z') == 12000000, r


# ---- bytes that are not text --------------------------------------------------

def nul_bytes(tmp):
    for where, data in [
            ('content', domain(body='  <description>a\0b</description>\n')),
            ('attribute', domain(memory="  <memory unit='Mi\0B'>256</memory>\n")),
            ('first byte', '\0' + domain()),
            ('after the root', domain() + '\0')]:
        try:
            expect_refused(tmp, data.encode(), 'in.xml:', 'NUL byte')
        except AssertionError as e:
            raise AssertionError('%s: %s' % (where, e))
    expect_refused(tmp, domain(body='  <description>a\0b</description>\n').encode(),
                   'in.xml:4:', 'NUL byte')


def invalid_utf8(tmp):
    utf8 = 'not valid UTF-8'
    cases = {
        'lone continuation': (b'\x80', utf8),
        'overlong slash': (b'\xc0\xaf', utf8),
        'surrogate': (b'\xed\xa0\x80', 'character U+D800 is not allowed in XML'),
        'beyond U+10FFFF': (b'\xf4\x90\x80\x80', 'character U+110000 is not allowed in XML'),
        'truncated': (b'\xe2\x82', utf8),
        'ff fe': (b'\xff\xfe', utf8),
        'control character': (b'\x01', 'character U+0001 is not allowed in XML'),
    }
    for what, (bad, msg) in cases.items():
        data = domain(body='  <description>x</description>\n').encode().replace(b'>x<', b'>x' + bad + b'<')
        try:
            expect_refused(tmp, data, 'in.xml:4:', msg)
        except AssertionError as e:
            raise AssertionError('%s: %s' % (what, e))
    # the same characters written as references
    for ref, msg in [('&#1;', 'U+0001'), ('&#0;', 'U+0000'), ('&#xD800;', 'U+D800')]:
        data = domain(body='  <description>x%s</description>\n' % ref)
        expect_refused(tmp, data, 'in.xml:4:', 'character %s is not allowed in XML' % msg)
    # in a name that reaches the argv
    data = domain().encode().replace(b'hostile', b'host\xc3ile')
    expect_refused(tmp, data, 'in.xml:2:', 'not valid UTF-8')


def declared_encoding_is_honoured(tmp):
    data = ("<?xml version='1.0' encoding='ISO-8859-1'?>\n" +
            domain(body='  <description>caf\xe9</description>\n')).encode('latin-1')
    path = write(os.path.join(tmp, 'in.xml'), data)
    r = run(DOMXML, 'format', path)
    assert r.rc == 0, r
    assert 'caf\u00e9'.encode() in r.out, r.out


# ---- numbers ------------------------------------------------------------------

def overflowing_numbers(tmp):
    serial = ("  <devices>\n    <serial type='pty'>\n      <target type='pci-serial'/>\n"
              "      <address type='pci' %s/>\n    </serial>\n  </devices>\n")
    pci = "domain='0x0000' bus='0x00' slot='0x05' function='0x0'"
    cases = [
        # memory: 2^64 bytes and beyond, and past what a byte count can hold
        ("memory 16 EiB", dict(memory="  <memory unit='EiB'>16</memory>\n"), ('in.xml:3:', 'memory', 'too large')),
        ("memory 8 EiB", dict(memory="  <memory unit='EiB'>8</memory>\n"), ('in.xml:3:', 'memory', 'too large')),
        ("memory 2^64 KiB", dict(memory="  <memory unit='KiB'>18446744073709551616</memory>\n"), ('in.xml:3:', 'memory')),
        ("memory 10^23", dict(memory="  <memory>99999999999999999999999</memory>\n"), ('in.xml:3:', 'memory')),
        ("memory negative", dict(memory="  <memory>-1</memory>\n"), ('in.xml:3:', 'memory')),
        ("memory hex", dict(memory="  <memory>0x10</memory>\n"), ('in.xml:3:', 'memory')),
        ("memory exponent", dict(memory="  <memory>1e30</memory>\n"), ('in.xml:3:', 'memory')),
        ("currentMemory 2^64 KiB", dict(body="  <currentMemory>18446744073709551615</currentMemory>\n"),
         ('in.xml:4:', 'currentMemory')),
        ("memory slots 2^32", dict(body="  <maxMemory slots='4294967296' unit='GiB'>4</maxMemory>\n"),
         ('in.xml:4:', 'slots')),
        # vcpus: 2^32, UINT_MAX, and merely absurd
        ("vcpu 2^32", dict(body="  <vcpu>4294967296</vcpu>\n"), ('in.xml:4:', 'vcpu')),
        ("vcpu 2^64", dict(body="  <vcpu>18446744073709551616</vcpu>\n"), ('in.xml:4:', 'vcpu')),
        ("vcpu UINT_MAX", dict(body="  <vcpu>4294967295</vcpu>\n"), ('in.xml:4:', 'vcpu')),
        ("vcpu 100000", dict(body="  <vcpu>100000</vcpu>\n"), ('in.xml:4:', 'vcpu')),
        ("vcpu current 2^32", dict(body="  <vcpu current='4294967296'>2</vcpu>\n"), ('in.xml:4:', 'current')),
        ("vcpu cpuset 2^32", dict(body="  <vcpu cpuset='0-4294967296'>2</vcpu>\n"), ('in.xml:4:', 'cpuset')),
        # PCI address fields: one past the maximum, 2^32 and 2^64
        ("pci domain", dict(body=serial % pci.replace("domain='0x0000'", "domain='0x10000'")), ('in.xml:', 'domain')),
        ("pci bus", dict(body=serial % pci.replace("bus='0x00'", "bus='0x100'")), ('in.xml:', 'bus')),
        ("pci slot", dict(body=serial % pci.replace("slot='0x05'", "slot='0x20'")), ('in.xml:', 'slot')),
        ("pci function", dict(body=serial % pci.replace("function='0x0'", "function='0x8'")), ('in.xml:', 'function')),
        ("pci slot 2^32", dict(body=serial % pci.replace("slot='0x05'", "slot='0x100000000'")), ('in.xml:', 'slot')),
        ("pci bus 2^64", dict(body=serial % pci.replace("bus='0x00'", "bus='0x10000000000000000'")), ('in.xml:', 'bus')),
        ("pci bus negative", dict(body=serial % pci.replace("bus='0x00'", "bus='-1'")), ('in.xml:', 'bus')),
    ]
    for what, parts, fragments in cases:
        try:
            expect_refused(tmp, domain(**parts), *fragments)
        except AssertionError as e:
            raise AssertionError('%s: %s' % (what, e))


def largest_memory_is_exact(tmp):
    """Just below the limit the size must survive the unit conversion exactly."""
    path = write(os.path.join(tmp, 'in.xml'), domain(memory="  <memory unit='EiB'>7</memory>\n"))
    r = run(DOMXML, 'format', path)
    assert r.rc == 0, r
    assert b"<memory unit='KiB'>%d</memory>" % (7 << 50) in r.out, r.out


def main():
    t = Tap()
    for fn in [xxe_general_entity, xxe_parameter_entity, xxe_external_dtd,
               xinclude_is_not_processed, billion_laughs, parameter_entity_laughs,
               quadratic_blowup_attribute]:
        t.case(fn)
    for depth in (257, 10000):
        t.case(deep_nesting, depth)
    for fn in [nesting_under_the_limit_is_fine, one_line_document, too_many_children,
               file_of_100mb, stream_of_100mb,
               exactly_at_the_limit, long_text_is_fine, nul_bytes, invalid_utf8, declared_encoding_is_honoured,
               overflowing_numbers, largest_memory_is_exact]:
        t.case(fn)
    t.done()


if __name__ == '__main__':
    main()
