#!/usr/bin/env python3
"""Turn docs/domxml.1.md (a small Markdown subset) into a roff man page.

Supported: '# title(1)', '## SECTION', paragraphs, indented code blocks,
definition lists ('term' line followed by ':   text' lines), `code`.
Usage: md2man.py INPUT.md OUTPUT.1 VERSION
"""
import re
import sys


def inline(text):
    text = text.replace('\\', '\\e').replace('-', '\\-')
    return re.sub(r'`([^`]*)`', r'\\fB\1\\fR', text)


def main():
    src, dst, version = sys.argv[1], sys.argv[2], sys.argv[3]
    lines = open(src, encoding='utf-8').read().splitlines()
    out = []
    title = re.match(r'# (\S+)\((\d)\)', lines[0])
    out.append('.TH %s %s "" "domxml %s" "User Commands"' %
               (title.group(1).upper(), title.group(2), version))
    i = 1
    while i < len(lines):
        line = lines[i]
        if line.startswith('## '):
            out.append('.SH ' + line[3:])
        elif line.startswith('    '):
            out.append('.PP\n.nf\n.RS 4')
            while i < len(lines) and (lines[i].startswith('    ') or not lines[i].strip()):
                if lines[i].strip():
                    out.append(inline(lines[i][4:]))
                i += 1
            out.append('.RE\n.fi')
            continue
        elif i + 1 < len(lines) and lines[i + 1].startswith(':   '):
            out.append('.TP\n' + inline(line))
            i += 1
            body = []
            while i < len(lines) and (lines[i].startswith(':   ') or lines[i].startswith('    ')) \
                    and lines[i].strip():
                body.append(lines[i][4:])
                i += 1
            out.append(inline(' '.join(body)))
            continue
        elif line.strip():
            para = [line]
            while i + 1 < len(lines) and lines[i + 1].strip() and not lines[i + 1].startswith(('#', '    ', ':   ')):
                i += 1
                para.append(lines[i])
            out.append('.PP\n' + inline(' '.join(para)))
        i += 1
    open(dst, 'w', encoding='utf-8').write('\n'.join(out) + '\n')


if __name__ == '__main__':
    main()
