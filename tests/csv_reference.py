#!/usr/bin/env python3
"""Checks inkoop's CSV reader against Python's csv module, an independent reader, on tricky files:
quoted separators, quotes and line ends, CRLF, bare CR, blank lines, empty fields, UTF-8, long
fields, a BOM — hand-written cases and seeded random ones. For every well-formed file the rows
(with the row numbers a spreadsheet shows) and their fields must be the same, whatever the read
buffer size.

    csv_reference.py INKOOP_CSVDUMP
"""
import csv
import io
import json
import os
import random
import subprocess
import sys
import tempfile

DUMP = sys.argv[1]

HAND = [
    'agb,name,x_note\r\n12345678,"De Brug, ""Oost""",a\r\n23456789,"two\nlines",\r\n',
    'agb,name\n1,a\n\n2,b\n\n\n3,c',
    'agb,name\r1,a\r2,"b\rc"\r3,d\r',
    'agb,name\r\n1,a\r\n\r\n2,b\r\n',
    'agb;name;x\n1;"a;b";\n2;;"x""y"\n',
    'agb,name\n1,""\n2,""""\n3,"""a"""\n',
    'agb,name\n1,"multi\r\nline\r\nfield"\n2,"ends with newline\n"\n',
    '\ufeffagb,name\n1,a\n',
    'agb,name\n1,Één ß ñ 😀\n2,"Praktijk ""Één"""\n',
    'agb,name\n1,' + 'x' * 65000 + '\n2,y\n',
    'agb,name\n1,"' + 'y,' * 32000 + '"\n2,z\n',
    'agb\n\n\n',
    'agb,name\n,\n,,\n',
]

def random_field(rng):
    kind = rng.random()
    alphabet = 'ab ,;"\r\n\tÉé12'
    text = ''.join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
    if kind < 0.5:  # quoted: any text, quotes doubled
        return '"' + text.replace('"', '""') + '"'
    # unquoted: no separators, quotes or line ends
    return ''.join(c for c in text if c not in ',"\r\n')

def random_file(rng):
    ncols = rng.randint(1, 6)
    lines = []
    for _ in range(rng.randint(1, 40)):
        if rng.random() < 0.1:
            lines.append('')
            continue
        lines.append(','.join(random_field(rng) for _ in range(ncols)))
    ends = [rng.choice(['\n', '\r\n', '\r']) for _ in lines]
    text = 'agb' + ''.join(',c%d' % i for i in range(1, ncols)) + rng.choice(['\n', '\r\n'])
    text += ''.join(l + e for l, e in zip(lines, ends))
    if rng.random() < 0.3:
        text = text.rstrip('\r\n')
    return text

def python_rows(text):
    if text.startswith('\ufeff'):
        text = text[1:]
    first = text.split('\n')[0]
    delimiter = ';' if first.count(';') > first.count(',') else ','
    rows = []
    for number, row in enumerate(csv.reader(io.StringIO(text, newline=''), delimiter=delimiter, strict=True), 1):
        if row:
            rows.append((number, row))
    return rows

def inkoop_rows(path, step):
    out = subprocess.run([DUMP, path, str(step)], capture_output=True, check=True).stdout.decode('utf-8')
    rows = []
    for line in out.splitlines():
        rec = json.loads(line)
        if rec['problem']:
            raise AssertionError('%s: row %d reported as malformed: %s' % (path, rec['row'], rec['problem']))
        rows.append((rec['row'], rec['fields']))
    return rows

def main():
    rng = random.Random(20261124)
    cases = HAND + [random_file(rng) for _ in range(400)]
    checked = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i, text in enumerate(cases):
            expected = python_rows(text)
            if not expected:
                continue
            path = os.path.join(tmp, 'case%d.csv' % i)
            with open(path, 'w', encoding='utf-8', newline='') as f:
                f.write(text)
            for step in (1, 3, 1 << 20):
                got = inkoop_rows(path, step)
                if got != expected:
                    print('MISMATCH in case %d (step %d): %r' % (i, step, text[:200]))
                    print('python:', expected[:5])
                    print('inkoop:', got[:5])
                    return 1
            checked += 1
    print('%d files read alike by Python csv and inkoop, at three buffer sizes' % checked)
    return 0

sys.exit(main())
