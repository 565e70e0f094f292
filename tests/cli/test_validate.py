#!/usr/bin/env python3
"""`domxml validate` as CI uses it: files and directories, -j, the three
output formats, exit codes.

usage: test_validate.py DOMXML DATADIR   (DATADIR = tests/cli/validate)
"""
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

DOMXML, DATA = sys.argv[1], sys.argv[2]
failures = []


def run(*args):
    p = subprocess.run([DOMXML, 'validate'] + list(args), capture_output=True, text=True,
                       timeout=60)
    return p.returncode, p.stdout, p.stderr


def check(cond, what):
    if not cond:
        failures.append(what)
        print('FAIL:', what)


def data(*parts):
    return os.path.join(DATA, *parts)


# a valid directory, recursively, non-*.xml files ignored
rc, out, err = run('-v', data('good'))
check(rc == 0, 'good/ is valid: rc=%d %s' % (rc, err))
check(out.splitlines() == [data('good', 'nested', 'serial.xml') + ': valid',
                           data('good', 'small.xml') + ': valid'],
      'good/ lists both files in sorted order with -v: %r' % out)
check('2 files, 2 valid, 0 invalid' in err, 'summary line: %r' % err)

# FILE:LINE:COL, the innermost culprit, the hint, every error of the file
rc, out, err = run(data('bad', 'typos.xml'))
check(rc == 1, 'typos.xml is invalid (exit 1): rc=%d' % rc)
lines = err.splitlines()
bad = data('bad', 'typos.xml')
expect = [
    bad + ":3:11: error: unknown attribute 'unti' in <memory> (did you mean 'unit'?) [/domain/memory]",
    bad + ":4:9: error: invalid value 'statc' for attribute 'placement' in element 'vcpu' "
          "(did you mean 'static'?)",
    bad + ":8:3: error: invalid <on_crash> action 'destory' (did you mean 'destroy'?)",
]
check(len(lines) == 3, 'typos.xml: three errors, no more: %r' % lines)
for want, got in zip(expect, lines):
    check(got.startswith(want), 'diagnostic %r starts with %r' % (got, want))

# without the schema the unknown attribute is only a warning; --strict
# makes it an error again
rc, out, err = run('--no-schema', data('bad', 'typos.xml'))
check(rc == 1 and "3:11: warning: unknown attribute 'unti' in <memory> (did you mean 'unit'?) "
      "is ignored" in err, '--no-schema warns about unti: %r' % err)
rc, out, err = run('--no-schema', '--strict', data('bad', 'typos.xml'))
check("3:11: error: unknown attribute 'unti'" in err, '--strict: %r' % err)

# malformed XML: libxml2's message with line and column
rc, out, err = run(data('bad', 'malformed.xml'))
check(rc == 1 and err.startswith(data('bad', 'malformed.xml') + ':4:1: error: '),
      'malformed.xml: %r' % err)

# exit 2 for a missing file, also when other files are fine
rc, out, err = run(data('good'), data('nothere.xml'))
check(rc == 2 and 'nothere.xml: error: cannot open' in err, 'missing file: rc=%d %r' % (rc, err))
rc, out, err = run('--format=yaml', data('good'))
check(rc == 2, 'unknown format is a usage error')
rc, out, err = run('-j', '0', data('good'))
check(rc == 2, '-j 0 is a usage error')

# the order of results does not depend on the number of workers
outs = set()
for j in ('1', '3', '8'):
    rc, out, err = run('-j', j, '--format=json', DATA)
    outs.add(out)
    check(rc == 1, '-j %s: rc=%d' % (j, rc))
check(len(outs) == 1, 'same output with -j 1, 3 and 8')

# JSON lines: one object per file, input order
rc, out, err = run('--format=json', DATA)
objs = [json.loads(l) for l in out.splitlines()]
check([o['file'] for o in objs] == [data('bad', 'malformed.xml'), data('bad', 'typos.xml'),
                                    data('good', 'nested', 'serial.xml'),
                                    data('good', 'small.xml')],
      'json: files in order: %r' % [o['file'] for o in objs])
check([o['valid'] for o in objs] == [False, False, True, True], 'json: verdicts')
typos = objs[1]
check(typos['errors'] == 3 and typos['warnings'] == 0, 'json: counts %r' % typos)
d = typos['diagnostics'][0]
check(d['line'] == 3 and d['column'] == 11 and d['path'] == '/domain/memory'
      and d['severity'] == 'error' and d['code'] == 'schema' and 'unti' in d['message'],
      'json: first diagnostic %r' % d)
check(err == '', 'json: nothing on stderr: %r' % err)

# JUnit: a failure per invalid file, an error per unreadable one
report = os.path.join(os.environ.get('TMPDIR', '/tmp'), 'domxml-junit-%d.xml' % os.getpid())
rc, out, err = run('--format=junit', '-o', report, DATA, data('nothere.xml'))
check(rc == 2 and out == '', 'junit to a file: rc=%d' % rc)
root = ET.parse(report).getroot()
os.unlink(report)
suite = root.find('testsuite')
check(root.tag == 'testsuites' and suite.get('tests') == '5' and suite.get('failures') == '2'
      and suite.get('errors') == '1', 'junit counts %r' % suite.attrib)
cases = {c.get('name'): c for c in suite.findall('testcase')}
check(cases[data('good', 'small.xml')].find('failure') is None, 'junit: valid file passes')
f = cases[data('bad', 'typos.xml')].find('failure')
check(f is not None and f.get('message').startswith("line 3: unknown attribute 'unti'")
      and f.text.count('\n') == 3, 'junit: failure text %r' % (f.attrib if f is not None else None))
check(cases[data('nothere.xml')].find('error') is not None, 'junit: missing file is an error')

# the realistic mistakes of docs/validation.md: the table's last column is
# read from the document itself, so it cannot drift from what domxml prints
mistakes = os.path.join(os.path.dirname(DATA), 'mistakes')
doc = os.path.join(os.path.dirname(DATA), '..', '..', 'docs', 'validation.md')
section = open(doc).read().split('## Ten mistakes', 1)[1].split('\n## ', 1)[0]
rows = [l for l in section.splitlines() if l.startswith('| ') and '.xml:' in l]
check(len(rows) >= 10, 'docs/validation.md: %d mistakes in the table, want >= 10' % len(rows))
documented = set()
for row in rows:
    cell = row.rstrip(' |').rsplit(' | ', 1)[1].strip().strip('`')
    name = cell.split(':', 1)[0]
    documented.add(name)
    f = os.path.join(mistakes, name)
    rc, out, err = run(f)
    check(rc == 1 and os.path.join(mistakes, cell) in err.splitlines(),
          'docs/validation.md says %r; domxml printed %r' % (cell, err))
check(documented == set(x for x in os.listdir(mistakes) if x.endswith('.xml')),
      'every file of tests/cli/mistakes has a row in docs/validation.md: %r' % documented)

# the full grammar's verdict names the innermost culprit, where libxml2
# itself blames the enclosing interleave ("Extra element devices")
rc, out, err = run('--format=json', os.path.join(mistakes, 'typo-element.xml'))
diags = json.loads(out)['diagnostics']
check([(d['code'], d['path'], d['line']) for d in diags] ==
      [('schema', '/domain/devices/interface/modle', 11)], 'innermost schema culprit: %r' % diags)

# nothing is dropped silently: what format would drop is a warning
f = os.path.join(os.path.dirname(DATA), 'warnings', 'metadata-dropped.xml')
rc, out, err = run(f)
check(rc == 0 and err.splitlines() == [
    f + ":5:5: warning: <inventory> in <metadata> has no namespace and is dropped, as libvirt "
        "drops it: put it in your application's namespace [/domain/metadata/inventory]",
    f + ":7:5: warning: a second element of namespace 'urn:example:app' in <metadata> is "
        "dropped, as libvirt drops it: one element per namespace [/domain/metadata/owner[2]]"],
      'metadata warnings: %d %r' % (rc, err))

# what libvirt's grammar allows but libvirt ignores is a warning, not an
# error (the schema allows it, as libvirt's does) and not a silent drop
f = os.path.join(os.path.dirname(DATA), 'warnings', 'tpm-version-ignored.xml')
rc, out, err = run(f)
check(rc == 0 and err.splitlines() == [
    f + ":9:7: warning: version='1.2' only applies to backend type='emulator': ignored for "
        "type 'passthrough' [/domain/devices/tpm/backend]"],
      'tpm version warning: %d %r' % (rc, err))

print('%d failure(s)' % len(failures))
sys.exit(1 if failures else 0)
