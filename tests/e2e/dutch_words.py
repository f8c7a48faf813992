#!/usr/bin/env python3
"""The Dutch of every person-facing output of the shipped (Dutch) policies, checked with
Debian's dictionaries: a word that wamerican or wbritish knows and wdutch does not is English,
unless tests/data/dutch_allowlist.txt names it (names, acronyms, Dutch words the list lacks).
The letters and the report's running text also hold no snake_case code.

Usage: dutch_words.py INKOOP SOURCE_DIR
Prints, per output, the English words and codes it found, and exits 1 when a checked output has any."""
import glob, html, html.parser, json, os, re, shutil, subprocess, sys, tempfile, zipfile

inkoop, src = sys.argv[1], sys.argv[2]
os.chdir(src)


def words_of(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return {w.strip().lower() for w in f if w.strip()}


dutch = words_of("/usr/share/dict/dutch")
english = words_of("/usr/share/dict/american-english") | words_of("/usr/share/dict/british-english")
allow = set()
with open("tests/data/dutch_allowlist.txt", encoding="utf-8") as f:
    for line in f:
        line = line.split("#", 1)[0].strip().lower()
        if line:
            allow.add(line)


def is_english(word):
    w = word.lower()
    if w in allow or w in dutch or len(w) < 2:
        return False
    # Dutch compounds and inflections the list lacks are not English words either: only a word
    # that English knows as it stands counts.
    return w in english


WORD = re.compile(r"[A-Za-zÀ-ÿ]+(?:['’][a-z]+)?")
# What no person reads as words: hashes (the policy version in a page's title), command-line
# options named in a hint (--include-out-of-scope), the REPL's commands (:load, :use, :analyze diff
# A B), inkoop's commands named in a hint ("inkoop analyze --diff lists them"), a format's name.
NOT_WORDS = re.compile(r"sha256:[0-9a-f]+|\b[0-9a-f]{16,}\b|--[a-z][a-z-]*|(?<![\w]):[a-z]+(?: diff)?|\bdiff A B\b|\binkoop [a-z]+|JSON Lines", re.M)

# The codes of the policies and the schema: an analyst's output may show them beside their labels.
schema = json.loads(subprocess.run([inkoop, "schema", "--format", "json"], capture_output=True, text=True, check=True).stdout)
identifiers = set()
for g in schema["groups"]:
    for f in g["fields"]:
        identifiers.add(f["name"])
        identifiers.update(f.get("values", []))
identifiers.update(["nza_percentage", "fixed", "negotiated", "budget_per_insured", "reference_prices"])  # tariff bases
for lua in glob.glob("policies/**/*.lua", recursive=True):
    identifiers.update(re.findall(r'(?:rule|replace_rule|param) \{ "([a-z0-9_]+)"', open(lua, encoding="utf-8").read()))
IDENT = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, identifiers), key=len, reverse=True)) + r")\b")
CODE = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b")


class Text(html.parser.HTMLParser):
    """The text of an HTML page a person reads: no scripts, styles or attributes but alt/title/
    aria-label/placeholder. With `codes` False, no <code> either: a table's code column stands
    beside the text it codes."""

    def __init__(self, codes=True):
        super().__init__()
        self.parts, self.skip, self.hidden = [], 0, ("script", "style") if codes else ("script", "style", "code")

    def handle_starttag(self, tag, attrs):
        if tag in self.hidden:
            self.skip += 1
        for k, v in attrs:
            if k in ("alt", "title", "aria-label", "placeholder") and v:
                self.parts.append(v)

    def handle_endtag(self, tag):
        if tag in self.hidden:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(path, codes=True):
    t = Text(codes)
    t.feed(open(path, encoding="utf-8").read())
    return "\n".join(t.parts)


def xlsx_strings(path):
    with zipfile.ZipFile(path) as z:
        names = [n for n in z.namelist() if n == "xl/sharedStrings.xml" or n.startswith("xl/worksheets/")]
        text = "\n".join(z.read(n).decode("utf-8") for n in names)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


# Each output: its name, its text, and whether codes are forbidden in it.
outputs = []


def run(name, args, stdin=None, codes=False, stderr_too=True):
    p = subprocess.run([inkoop] + args, input=stdin, capture_output=True, text=True)
    # The REPL echoes what the analyst typed after its prompt: that is input, not the REPL's words.
    out = "\n".join(line for line in p.stdout.splitlines() if not line.startswith("inkoop> "))
    outputs.append((name, out + ("\n" + p.stderr if stderr_too else ""), codes))
    return p


tmp = tempfile.mkdtemp(prefix="inkoop-dutch-")
listing = "scripts/samples/providers.csv"
policies = ["salland/ggz-2024", "zorg-en-zekerheid/ggz-2024", "zorg-en-zekerheid/ggz-2027", "zorg-en-zekerheid/mdz-2024",
            "zorg-en-zekerheid/msz-2024"]
pol_args = [a for p in policies for a in ("--policy", p)]

for p in policies:
    run(f"eval {p} --explain --flip", ["eval", "--policy", p, "--format", "text", "--explain", "--flip",
                                       "scripts/samples/practice-9fte-fraud.json"])
run("eval (a list, one provider)", ["eval", "--policy", "salland/ggz-2024", "--format", "text", "--explain", "--input", listing,
                                    "--agb", "42680052"])
run("batch summary and input errors", ["batch", "--summary-only"] + pol_args + ["--input", listing])
run("diff", ["diff", "--policy", "zorg-en-zekerheid/ggz-2024", "--policy", "zorg-en-zekerheid/ggz-2027", "--input", listing])
run("sweep", ["sweep", "--policy", "salland/ggz-2024", "--input", listing, "--vary", "max_fte_vrijgevestigde=6..10:2"])
run("analyze", ["analyze", "salland/ggz-2024"])
run("analyze --diff", ["analyze", "--diff", "zorg-en-zekerheid/ggz-2024", "zorg-en-zekerheid/ggz-2027"])
run("repl", ["repl"], stdin=open("scripts/sessions/fte-what-if.txt", encoding="utf-8").read())
# Every other command of the session, with its errors.
run("repl (every command)", ["repl"], stdin="\n".join([
    ":help", ":show 41174651", ":load scripts/samples/providers.csv", ":eval", ":use salland/ggz-2024", ":show 41174651", ":explain",
    ":params", ":params max_fte_vrijgevestigde=10", ":analyze", ":new", ":set kind vrijgevestigde", ":set locations drie",
    ":set lokaties 3", ":unset locations", ":reload", ":flip",
    ":use salland/ggz-2024 zorg-en-zekerheid/ggz-2024", ":show 41174651", ":diff", ":analyze diff", ":whatif locations +1",
    ":bogus", ":quit"]) + "\n")

subprocess.run([inkoop, "report"] + pol_args + ["--input", listing, "--output", f"{tmp}/report.html"], capture_output=True)
outputs.append(("report", html_text(f"{tmp}/report.html", codes=False), True))
subprocess.run([inkoop, "report", "--diff", "--policy", "zorg-en-zekerheid/ggz-2024", "--policy", "zorg-en-zekerheid/ggz-2027",
                "--input", listing, "--output", f"{tmp}/diff.html"], capture_output=True)
outputs.append(("report --diff", html_text(f"{tmp}/diff.html", codes=False), True))
swept = subprocess.run([inkoop, "sweep", "--policy", "salland/ggz-2024", "--input", listing, "--vary", "max_fte_vrijgevestigde=6..10:2",
                        "--format", "json", "--output", f"{tmp}/sweep.json"], capture_output=True, text=True)
outputs.append(("sweep (the run's messages)", swept.stderr, False))
subprocess.run([inkoop, "report", "--sweep", f"{tmp}/sweep.json", "--output", f"{tmp}/sweep.html"], capture_output=True)
outputs.append(("report --sweep", html_text(f"{tmp}/sweep.html", codes=False), True))
for p, date in (("salland/ggz-2024", "2023-10-01"), ("zorg-en-zekerheid/ggz-2027", "2026-10-01")):
    d = f"{tmp}/letters-{p.replace('/', '-')}"
    made = subprocess.run([inkoop, "letters", "--policy", p, "--input", listing, "--date", date, "--output", d], capture_output=True,
                          text=True)
    outputs.append((f"letters {p} (the run's messages)", made.stderr, False))
    for f in sorted(glob.glob(d + "/*.html")):
        # The index is the analyst's list of the letters (a rejected row's problem names its field's
        # code); the letters go to providers.
        index = os.path.basename(f) == "index.html"
        outputs.append((f"letters {p} {os.path.basename(f)}", html_text(f), not index))
subprocess.run([inkoop, "batch", "--quiet"] + pol_args + ["--input", listing, "--output", f"{tmp}/decisions.xlsx", "--keep",
                                                          "name,region"], capture_output=True)
outputs.append(("workbook", xlsx_strings(f"{tmp}/decisions.xlsx"), False))

# The service's page: its static text (the labels, questions and results come from the schema and
# the decisions, checked above as the same texts).
outputs.append(("page (static text)", html_text("core/serve/page/index.html"), False))

# The check itself sees English: the same summary in English is full of it.
english_summary = subprocess.run([inkoop, "--lang", "en", "batch", "--summary-only", "--policy", "salland/ggz-2024", "--input", listing],
                                 capture_output=True, text=True).stdout
seen = sorted({w.lower() for w in WORD.findall(english_summary) if is_english(w)})
assert {"rows", "decided", "rejected", "refuse", "failed"} <= set(seen), seen

# Every output is held to zero.
found = {}
for name, text, codes in outputs:
    text = NOT_WORDS.sub(" ", text.replace(tmp, " "))  # the test's own folder is no word of inkoop's
    snake = sorted(set(CODE.findall(text))) if codes else []
    if not codes:  # an analyst's output: codes are allowed (beside their labels), their words are not prose
        text = IDENT.sub(" ", text)
    bad = sorted({w for w in WORD.findall(text) if is_english(w)})
    if bad or snake:
        found[name] = (bad, snake)

total, failing = set(), []
for name, (bad, snake) in found.items():
    total |= {w.lower() for w in bad}
    failing.append(name)
    print(f"{name}: {len(bad)} English word(s){': ' + ', '.join(bad) if bad else ''}"
          f"{'; ' + str(len(snake)) + ' code(s): ' + ', '.join(snake[:20]) if snake else ''}")
print(f"dutch_words: {len(outputs)} outputs checked, {len(failing)} with English or codes; "
      f"over all outputs {len(total)} distinct English-only words, {sum(len(s) for _, s in found.values())} code(s) in running text")
shutil.rmtree(tmp, ignore_errors=True)
sys.exit(1 if failing else 0)
