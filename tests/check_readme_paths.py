#!/usr/bin/env python3
"""Every path of the tree the README names exists: core/, bindings/, repl/, policies/, scripts/,
tests/ and .ci/ paths, and in the "where things go" block each layer's files. A name that goes on
with a placeholder ("verb_<name>.cpp") must match some file; an example path in an error message is
listed in EXAMPLES. Usage: check_readme_paths.py SOURCE_DIR."""
import pathlib
import re
import sys

PATH = re.compile(r"(?<![\w/.-])((?:core|bindings|repl|policies|scripts|tests|\.ci)/[A-Za-z0-9_./-]*[A-Za-z0-9_])(<?)")
EXAMPLES = {"policies/x.lua"}  # "Errors read `policies/x.lua:42: message`": the shape of a message


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    text = (root / "README.md").read_text(encoding="utf-8")
    missing = []
    for m in PATH.finditer(text):
        path, placeholder = m.group(1), m.group(2)
        if path in EXAMPLES:
            continue
        line = text.count("\n", 0, m.start()) + 1
        if placeholder:
            parent, prefix = (root / path).parent, pathlib.Path(path).name
            if not any(p.name.startswith(prefix) for p in parent.glob("*")):
                missing.append(f"README.md:{line}: no file {path}<...>")
        elif not (root / path).exists():
            missing.append(f"README.md:{line}: {path} does not exist")
    for problem in missing:
        print(problem)
    print(f"check_readme_paths: {len(missing)} path(s) the README names are missing")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
