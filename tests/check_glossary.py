#!/usr/bin/env python3
"""One Dutch term per concept: reads the table of core/base/i18n/GLOSSARY.md and fails on any word
or phrase of its 'not' column in the Dutch texts a person reads: the catalogue's translations
(nl.po msgstr), the service's page, the Dutch letter templates and the schema's Dutch labels.
Whole words, any case. Usage: check_glossary.py SOURCE_DIR"""
import glob
import json
import os
import re
import sys

src = sys.argv[1]
rows = []
for line in open(os.path.join(src, "core/base/i18n/GLOSSARY.md"), encoding="utf-8"):
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) == 3 and cells[0] not in ("concept", "---"):
        for bad in filter(None, (w.strip() for w in cells[2].split(","))):
            rows.append((bad, cells[1], cells[0]))
if len(rows) < 10:
    sys.exit(f"check_glossary: the glossary's table gave only {len(rows)} forbidden words")
patterns = [(re.compile(r"(?<![\w-])" + re.escape(bad) + r"(?![\w-])", re.IGNORECASE), bad, term, concept)
            for bad, term, concept in rows]


def texts():
    """(place, text) for every Dutch text a person reads."""
    po = os.path.join(src, "core/base/i18n/nl.po")
    in_msgstr = False
    for n, line in enumerate(open(po, encoding="utf-8"), 1):
        if line.startswith("msgstr"):
            in_msgstr = True
            yield f"{po}:{n}", line[len("msgstr"):]
        elif line.startswith('"') and in_msgstr:
            yield f"{po}:{n}", line
        else:
            in_msgstr = False
    page = os.path.join(src, "core/serve/page/index.html")
    for n, line in enumerate(open(page, encoding="utf-8"), 1):
        yield f"{page}:{n}", line
    for path in sorted(glob.glob(os.path.join(src, "policies/letters/nl/*.md")) +
                       glob.glob(os.path.join(src, "policies/*/letters/nl/*.md"))):
        for n, line in enumerate(open(path, encoding="utf-8"), 1):
            yield f"{path}:{n}", line

    def labels(value, where):
        if isinstance(value, dict):
            for k, v in value.items():
                if k == "nl" and isinstance(v, str):
                    yield where, v
                else:
                    yield from labels(v, where)
        elif isinstance(value, list):
            for v in value:
                yield from labels(v, where)
    schema = os.path.join(src, "policies/schema.json")
    yield from labels(json.load(open(schema, encoding="utf-8")), schema)


found = 0
checked = 0
for place, text in texts():
    checked += 1
    for pattern, bad, term, concept in patterns:
        if pattern.search(text):
            found += 1
            print(f"{place}: '{bad}' for {concept}: the glossary's term is '{term}'\n    {text.strip()[:160]}")
if found:
    sys.exit(f"check_glossary: {found} word(s) against core/base/i18n/GLOSSARY.md")
print(f"check_glossary: {checked} Dutch texts, {len(rows)} forbidden words, none found")
