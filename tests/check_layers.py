#!/usr/bin/env python3
"""The layers of core/, and the one door from repl/ into bindings/, as a build step.

core/ holds the domain and the engine in layer folders, lowest first (LAYERS). A file in a layer
includes only files of its own layer and the layers below it, always by the path that names the
layer ("core/model/schema.hpp"), never a Lua header, nothing from bindings/ or repl/. bindings/
does not include repl/. repl/ reaches the engine only through bindings/engine.hpp and the
analyst's session (bindings/analyst_session.hpp), and includes no Lua header.

Usage: check_layers.py SOURCE_DIR [STAMP]. Prints every violation as file:line and exits 1.
"""
import pathlib
import re
import sys

LAYERS = ["base", "model", "engine", "formats", "run", "analysis", "report", "authoring", "serve"]
DOORS = {"bindings/engine.hpp", "bindings/analyst_session.hpp"}
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
LUA = re.compile(r"^(lua\.h|lua\.hpp|lauxlib\.h|lualib\.h|luaconf\.h)$")


def check(root: pathlib.Path):
    problems = []
    for path in sorted(root.glob("core/*")):
        if path.is_file():
            problems.append(f"{path.relative_to(root)}: a file of core/ outside a layer folder ({', '.join(LAYERS)})")
        elif path.name not in LAYERS:
            problems.append(f"{path.relative_to(root)}: not a layer of core/ ({', '.join(LAYERS)})")
    for top in ("core", "bindings", "repl"):
        for path in sorted((root / top).rglob("*")):
            if path.suffix not in (".cpp", ".hpp"):
                continue
            rel = path.relative_to(root).as_posix()
            layer = rel.split("/")[1] if top == "core" and rel.count("/") >= 2 else None
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                m = INCLUDE.match(line)
                if not m:
                    continue
                angle, target = m.group(1) == "<", m.group(2)
                where = f"{rel}:{n}: #include {m.group(1)}{target}{'>' if angle else chr(34)}"
                if angle:
                    if LUA.match(target) and top != "bindings":
                        problems.append(f"{where}: only bindings/ talks to Lua")
                    continue
                if top == "core":
                    parts = target.split("/")
                    if parts[0] != "core" or len(parts) != 3 or parts[1] not in LAYERS:
                        problems.append(f"{where}: core/ includes core/<layer>/<file> only")
                    elif layer in LAYERS and LAYERS.index(parts[1]) > LAYERS.index(layer):
                        problems.append(f"{where}: {layer} is below {parts[1]}; a layer includes only the layers below it")
                elif top == "bindings" and target.startswith("repl/"):
                    problems.append(f"{where}: bindings/ does not include repl/")
                elif top == "repl" and target.startswith("bindings/") and target not in DOORS:
                    problems.append(f"{where}: repl/ enters bindings/ only by {' or '.join(sorted(DOORS))}")
    return problems


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    problems = check(root)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"check_layers: {len(problems)} include(s) against the layering (README, Architecture)", file=sys.stderr)
        return 1
    if len(sys.argv) > 2:
        pathlib.Path(sys.argv[2]).write_text("ok\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
