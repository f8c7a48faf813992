#!/usr/bin/env python3
"""No function longer than LIMIT lines in core/, bindings/ and repl/ (a flat table is data, not a function).

A function is a definition whose body opens with '{' at the end of its signature line(s), outside
any other function body; its length is the lines from the signature's first line to the closing
brace. Strings, character literals, raw strings and comments are skipped when braces are counted.
Usage: function_lengths.py SOURCE_DIR [LIMIT]. Prints each function over the limit; exits 1 if any.
"""
import pathlib
import re
import sys

CONTROL = re.compile(r"^\s*(if|for|while|switch|catch|do|else|try)\b")
NOT_FUNCTION = re.compile(r"^\s*(namespace|struct|class|enum|union|extern)\b|=\s*\{?$|\]\s*\(")


def strip_code(text):
    """The text with comments and the contents of string and character literals blanked (lines kept)."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("\n" * text.count("\n", i, j))
            i = j
        elif c == "R" and text.startswith('R"', i) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            d = text.index("(", i)
            close = ")" + text[i + 2:d] + '"'
            j = text.find(close, d)
            j = n if j < 0 else j + len(close)
            out.append('""' + "\n" * text.count("\n", i, j))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(c + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def functions(text):
    """(first line, last line, signature) of every top-level function body in `text`."""
    lines = strip_code(text).split("\n")
    depth, found, stack = 0, [], []
    for no, line in enumerate(lines, 1):
        for k, ch in enumerate(line):
            if ch == "{":
                head = line[:k]
                start = no
                # the signature may span lines: walk back to the line after the previous ';', '{' or '}'
                back = no - 1
                sig = head
                while back >= 1 and "(" not in sig and not re.search(r"[;{}]\s*$", lines[back - 1]):
                    sig = lines[back - 1] + " " + sig
                    start = back
                    back -= 1
                while back >= 1 and sig.count("(") > sig.count(")") + 0 and not re.search(r"[;{}]\s*$", lines[back - 1]):
                    sig = lines[back - 1] + " " + sig
                    start = back
                    back -= 1
                is_fn = ")" in sig and not CONTROL.match(sig) and not NOT_FUNCTION.search(sig.strip()) and not stack_in_function(stack)
                stack.append((is_fn, start, sig.strip()))
                depth += 1
            elif ch == "}" and stack:
                is_fn, start, sig = stack.pop()
                depth -= 1
                if is_fn:
                    found.append((start, no, sig))
    return found


def stack_in_function(stack):
    return any(entry[0] for entry in stack)


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 80
    long = []
    for top in ("core", "bindings", "repl"):
        for path in sorted((root / top).rglob("*")):
            if path.suffix not in (".cpp", ".hpp"):
                continue
            for start, end, sig in functions(path.read_text(encoding="utf-8")):
                if end - start + 1 > limit:
                    long.append((end - start + 1, f"{path.relative_to(root)}:{start}", sig[:110]))
    for n, where, sig in sorted(long, reverse=True):
        print(f"{where}: {n} lines: {sig}")
    if long:
        print(f"function_lengths: {len(long)} function(s) over {limit} lines", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
