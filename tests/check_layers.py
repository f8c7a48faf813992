#!/usr/bin/env python3
"""The layers of core/, and the one door from repl/ into bindings/, as a build step.

core/ holds the domain and the engine in layer folders (LAYERS). A file in a layer includes only
files of its own layer and of the layers ALLOWED names for it, an explicit table that must stay a
DAG, so that each intended edge, sideways ones too, is written down; always by the path that names
the layer ("core/model/schema.hpp"), never a Lua header, nothing from bindings/ or repl/. bindings/
does not include repl/. repl/ reaches the engine only through bindings/host.hpp and the
analyst's session (bindings/analyst_session.hpp), and includes no Lua header.

Every C and C++ source and header is read (SOURCES: .c .cc .cpp .cxx .h .hh .hpp .hxx .inl .ipp
.tpp), and both include forms: "core/run/batch.hpp" and <core/run/batch.hpp> are the same include.
A Lua header is one whose file name is a Lua header, whatever its folder (<lua5.4/lua.h>).

Usage: check_layers.py SOURCE_DIR [STAMP]. Prints every violation as file:line and exits 1.
"""
import pathlib
import re
import sys

LAYERS = ["base", "model", "engine", "formats", "run", "analysis", "report", "letters", "authoring", "serve"]
# What each layer may include besides itself. Not a straight line: formats (reading and writing
# records) knows nothing of the engine; analysis (every possible provider) reads no files and
# writes no runs; authoring (scaffolds, stubs, policy tests) needs the engine only; report renders
# runs and analyses but decides nothing itself; letters (templates, rendering, PDF) write a run's
# decisions as letters, beside the report and not on it; serve puts run and analysis on the network.
ALLOWED = {
    "base": set(),
    "model": {"base"},
    "engine": {"base", "model"},
    "formats": {"base", "model"},
    "run": {"base", "model", "engine", "formats"},
    "analysis": {"base", "model", "engine"},
    "report": {"base", "model", "formats", "run", "analysis"},
    "letters": {"base", "model", "formats", "run"},
    "authoring": {"base", "model", "engine"},
    "serve": {"base", "model", "engine", "formats", "run", "analysis"},
}
SOURCES = {".c", ".cc", ".cpp", ".cxx", ".h", ".hh", ".hpp", ".hxx", ".inl", ".ipp", ".tpp"}
PROJECT = ("core/", "bindings/", "repl/")
DOORS = {"bindings/host.hpp", "bindings/analyst_session.hpp"}
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
LUA = re.compile(r"(^|/)(lua\.h|lua\.hpp|lauxlib\.h|lualib\.h|luaconf\.h)$")


def cycle(allowed):
    """A cycle in the table of allowed edges, as a list of layers, or None."""
    state = {}

    def visit(layer, path):
        state[layer] = "open"
        for below in sorted(allowed.get(layer, ())):
            if state.get(below) == "open":
                return path + [layer, below]
            if below not in state:
                found = visit(below, path + [layer])
                if found:
                    return found
        state[layer] = "done"
        return None

    for layer in sorted(allowed):
        if layer not in state:
            found = visit(layer, [])
            if found:
                return found
    return None


def check(root: pathlib.Path, allowed=None):
    allowed = ALLOWED if allowed is None else allowed
    problems = []
    loop = cycle(allowed)
    if loop:
        problems.append(f"tests/check_layers.py: the allowed dependencies have a cycle: {' -> '.join(loop)}")
    for layer in LAYERS:
        if layer not in allowed:
            problems.append(f"tests/check_layers.py: layer {layer} has no row in ALLOWED")
    for path in sorted(root.glob("core/*")):
        if path.is_file():
            problems.append(f"{path.relative_to(root)}: a file of core/ outside a layer folder ({', '.join(LAYERS)})")
        elif path.name not in LAYERS:
            problems.append(f"{path.relative_to(root)}: not a layer of core/ ({', '.join(LAYERS)})")
    for top in ("core", "bindings", "repl"):
        for path in sorted((root / top).rglob("*")):
            if path.suffix not in SOURCES or not path.is_file():
                continue
            rel = path.relative_to(root).as_posix()
            layer = rel.split("/")[1] if top == "core" and rel.count("/") >= 2 else None
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                m = INCLUDE.match(line)
                if not m:
                    continue
                angle, target = m.group(1) == "<", m.group(2)
                where = f"{rel}:{n}: #include {m.group(1)}{target}{'>' if angle else chr(34)}"
                if LUA.search(target):
                    if top != "bindings":
                        problems.append(f"{where}: only bindings/ talks to Lua")
                    continue
                if angle and not target.startswith(PROJECT):
                    continue  # a system or library header
                if top == "core":
                    parts = target.split("/")
                    if parts[0] != "core" or len(parts) != 3 or parts[1] not in LAYERS:
                        problems.append(f"{where}: core/ includes core/<layer>/<file> only")
                    elif layer in LAYERS and parts[1] != layer and parts[1] not in allowed.get(layer, set()):
                        problems.append(f"{where}: {layer} may include only {', '.join(sorted(allowed.get(layer, set()))) or 'itself'}")
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
