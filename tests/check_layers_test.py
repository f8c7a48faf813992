#!/usr/bin/env python3
"""Tests of check_layers.py: a clean tree passes, and each kind of violation, planted in a tree of
its own, is found with its file and line. Usage: check_layers_test.py (no arguments)."""
import pathlib
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import check_layers  # noqa: E402


def tree(files):
    """A temporary source tree with every layer folder, plus `files` (path -> text)."""
    root = pathlib.Path(tempfile.mkdtemp(prefix="inkoop-layers-"))
    for layer in check_layers.LAYERS:
        (root / "core" / layer).mkdir(parents=True)
    (root / "bindings").mkdir()
    (root / "repl").mkdir()
    (root / "core/model/schema.hpp").write_text('#include "core/base/text.hpp"\n#include <string>\n')
    (root / "core/base/text.hpp").write_text("#include <vector>\n")
    (root / "core/serve/service.hpp").write_text('#include <core/run/batch.hpp>\n#include "core/analysis/analyze.hpp"\n')
    (root / "bindings/host.hpp").write_text("#include <lua.hpp>\n")
    (root / "repl/main.cpp").write_text('#include "bindings/host.hpp"\n#include <fmt/format.h>\n')
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    return root


CASES = [
    ("an upward include in quotes", {"core/model/bad.cpp": '#include "core/run/batch.hpp"\n'},
     'core/model/bad.cpp:1: #include "core/run/batch.hpp": model may include only base'),
    ("an upward include in angle brackets", {"core/model/bad.hpp": "#include <string>\n#include <core/serve/service.hpp>\n"},
     "core/model/bad.hpp:2: #include <core/serve/service.hpp>: model may include only base"),
    ("an upward include in an .inl file", {"core/base/detail.inl": '#include "core/engine/decide.hpp"\n'},
     'core/base/detail.inl:1: #include "core/engine/decide.hpp": base may include only itself'),
    ("an upward include in a .h file", {"core/formats/old.h": "#include <core/engine/catalog.hpp>\n"},
     "core/formats/old.h:1: #include <core/engine/catalog.hpp>: formats may include only base, model"),
    ("a sideways include the table does not allow", {"core/analysis/x.cpp": '#include "core/formats/input.hpp"\n'},
     'core/analysis/x.cpp:1: #include "core/formats/input.hpp": analysis may include only base, engine, model'),
    ("a Lua header in quotes outside bindings", {"core/engine/x.cpp": '#include "lua.h"\n'},
     'core/engine/x.cpp:1: #include "lua.h": only bindings/ talks to Lua'),
    ("a Lua header in a folder, in angle brackets", {"repl/x.cpp": "#include <lua5.4/lauxlib.h>\n"},
     "repl/x.cpp:1: #include <lua5.4/lauxlib.h>: only bindings/ talks to Lua"),
    ("core including bindings", {"core/run/x.hpp": "#include <bindings/host.hpp>\n"},
     "core/run/x.hpp:1: #include <bindings/host.hpp>: core/ includes core/<layer>/<file> only"),
    ("repl entering bindings by another door", {"repl/y.cpp": "#include <bindings/policy_runtime.hpp>\n"},
     "repl/y.cpp:1: #include <bindings/policy_runtime.hpp>: repl/ enters bindings/ only by"),
    ("bindings including repl", {"bindings/z.cc": '#include "repl/commands.hpp"\n'},
     'bindings/z.cc:1: #include "repl/commands.hpp": bindings/ does not include repl/'),
    ("a file of core outside a layer", {"core/loose.hpp": "\n"}, "core/loose.hpp: a file of core/ outside a layer folder"),
]


def main():
    failures = 0
    clean = check_layers.check(tree({}))
    if clean:
        print(f"FAIL a clean tree: {clean}")
        failures += 1
    for name, files, expected in CASES:
        problems = check_layers.check(tree(files))
        if len(problems) != 1 or not problems[0].startswith(expected):
            print(f"FAIL {name}: expected one problem starting {expected!r}, got {problems}")
            failures += 1
    cyclic = dict(check_layers.ALLOWED, base={"serve"})
    problems = check_layers.check(tree({}), cyclic)
    if not any("have a cycle: " in p and "base -> serve" in p for p in problems):
        print(f"FAIL a cycle in ALLOWED: {problems}")
        failures += 1
    print(f"check_layers_test: {len(CASES) + 2 - failures} of {len(CASES) + 2} cases passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
