#!/usr/bin/env python3
"""The page of `inkoop serve`, in headless Chromium driven over the DevTools protocol.

1. Accessibility: axe-core (npm's, installed by .ci/setup) finds no critical or serious violation,
   on the questions, on a decision and on an uploaded list; the first Tab reaches the skip link,
   which takes the keyboard to the questions.
2. The questions: a Salland practice is filled in through the questions the page asks, answering
   the one it marks as next each time (counted), until it is offered a contract; the insurer's own
   fact is set in the insurer's panel, never asked among the provider's questions; no question the
   policy does not read for a practice is asked (Wbmv, protonentherapie).
3. The decision: over the fte limit the refusal with its section and code apart, and the flip.
4. The upload: the sample list (2000 rows) decided as it streams: the counts, the outcomes with out
   of scope apart, downloads as JSON Lines, CSV and Excel.
5. Hostile text in a list comes out as text.
Screenshots go to OUT_DIR (questions.png, offer.png, refusal.png, upload.png).

Usage: serve_page.py INKOOP_BIN SOURCE_DIR OUT_DIR
"""
import base64
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket  # python3-websocket (websocket-client)


class Page:
    def __init__(self, ws_url):
        self.ws = websocket.create_connection(ws_url, timeout=600, suppress_origin=True)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        mine = self.next_id
        self.ws.send(json.dumps({"id": mine, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == mine:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})

    def js(self, expression):
        r = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            raise RuntimeError(f"{expression}: {r['exceptionDetails']}")
        return r["result"].get("value")

    def wait(self, expression, what, seconds=300):  # a bound for a page that never gets there, not a speed
        """Wait in the page (a promise DevTools awaits: headless Chromium lets a file read or a
        fetch go on while one is awaited) until `expression` holds."""
        ok = self.js(f"new Promise(done => {{ const end = Date.now() + {seconds * 1000};"
                     f" const t = setInterval(() => {{ let v = false; try {{ v = ({expression}); }} catch (e) {{}}"
                     f" if (v || Date.now() > end) {{ clearInterval(t); done(!!v); }} }}, 50); }})")
        if not ok:
            raise AssertionError(f"timed out waiting for {what}")

    def type_into(self, element_id, text):
        """Focus the field, clear it and type `text` as keystrokes would."""
        self.js(f"(e => {{ e.focus(); e.value = ''; }})(document.getElementById({json.dumps(element_id)}))")
        self.call("Input.insertText", text=text)

    def choose(self, element_id, value):
        """Pick an option of a select, as a person does, and let the page hear the change."""
        self.js(f"(e => {{ e.focus(); e.value = {json.dumps(value)}; e.dispatchEvent(new Event('change', {{bubbles: true}})); }})"
                f"(document.getElementById({json.dumps(element_id)}))")

    def screenshot(self, path, full=True):
        metrics = self.call("Page.getLayoutMetrics")
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        params = {"format": "png"}
        if full:
            params["clip"] = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 4000), "scale": 1}
            params["captureBeyondViewport"] = True
        data = self.call("Page.captureScreenshot", **params)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))


def check(cond, what):
    if not cond:
        raise AssertionError(what)
    print("ok:", what)


def start_server(inkoop, source_dir, tmp):
    err = open(os.path.join(tmp, "serve.err"), "w+")
    proc = subprocess.Popen([inkoop, "--policies", os.path.join(source_dir, "policies"), "serve", "--listen", "127.0.0.1:0", "--jobs", "1"],
                            stderr=err, stdout=subprocess.DEVNULL)
    for _ in range(6000):  # a bound for a start that never comes, not a speed
        err.seek(0)
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", err.read())
        if m:
            return proc, int(m.group(1))
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    err.seek(0)
    raise RuntimeError("inkoop serve did not start: " + err.read())


def start_chromium(tmp):
    profile = os.path.join(tmp, "profile")
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    proc = subprocess.Popen([browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                             "--remote-debugging-port=0", f"--user-data-dir={profile}", "--lang=nl", "--window-size=1400,1000", "about:blank"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    port_file = os.path.join(profile, "DevToolsActivePort")
    for _ in range(6000):  # a bound for a start that never comes, not a speed
        if os.path.exists(port_file):
            lines = open(port_file).read().split("\n")
            if lines and lines[0].strip():
                port = int(lines[0])
                targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
                pages = [t for t in targets if t["type"] == "page"]
                if pages:
                    return proc, pages[0]["webSocketDebuggerUrl"]
        time.sleep(0.1)
    raise RuntimeError("chromium did not start")


AXE = os.environ.get("INKOOP_AXE", "/usr/local/lib/inkoop-test-tools/node_modules/axe-core/axe.min.js")


def axe(page, where):
    """axe-core's violations of impact critical or serious on the page as it is."""
    if not page.js("typeof axe !== 'undefined'"):
        page.js(open(AXE).read() + "; true")
    found = page.js("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations"
                    ".filter(v => v.impact === 'critical' || v.impact === 'serious')"
                    ".map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', ')))")
    check(found == [], f"axe-core: no critical or serious violation {where}" + ("" if not found else ": " + "; ".join(found)))


def key(page, name, code, vk):
    for kind in ("keyDown", "keyUp"):
        page.call("Input.dispatchKeyEvent", type=kind, key=name, code=code, windowsVirtualKeyCode=vk, nativeVirtualKeyCode=vk)


def answer(page, field, value):
    """Answers one question as a person does: a choice picked, or the value typed and the field left."""
    element = f"f-{field}"
    if page.js(f"document.getElementById('{element}').tagName") == "SELECT":
        page.choose(element, ("true" if value else "false") if isinstance(value, bool) else value)
    else:
        text = str(round(value * 100)) if field == "regiebehandelaar_presence" else str(value)  # a share: a percentage
        page.type_into(element, text)
        page.js(f"document.getElementById('{element}').dispatchEvent(new Event('change', {{bubbles: true}}))")


def main():
    inkoop, source_dir, out_dir = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
    os.makedirs(out_dir, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="inkoop-page-")
    server, port = start_server(inkoop, source_dir, tmp)
    browser = None
    practice = json.load(open(os.path.join(source_dir, "scripts/samples/practice-ok.json")))
    try:
        browser, ws_url = start_chromium(tmp)
        page = Page(ws_url)
        page.call("Page.enable")
        page.call("Emulation.setDeviceMetricsOverride", width=1400, height=1000, deviceScaleFactor=1, mobile=False)
        page.call("Page.navigate", url=f"http://127.0.0.1:{port}/")
        page.wait("document.body && document.body.dataset.ready === 'true'", "the page to load the schema and the policies")
        check(page.js("document.getElementById('policy').value") == "salland/ggz-2024", "the first policy is chosen")
        page.wait("document.getElementById('f-kind') !== null", "the first question")
        check(page.js("[...document.querySelectorAll('#questions .q')].map(q => q.id)") == ["q-kind"],
              "before the kind is known the page asks the kind alone")
        check(page.js("document.querySelector('label[for=f-kind]').firstChild.textContent") == "Wat voor soort zorgaanbieder bent u?",
              "the question is asked in Dutch, from the schema")
        check(page.js("[...document.getElementById('f-kind').options].slice(0, 3).map(o => [o.value, o.text])") ==
              [["", "onbekend"], ["vrijgevestigde", "Vrijgevestigde praktijk (GGZ)"], ["ggz_instelling", "GGZ-instelling"]],
              "a choice shows its Dutch label, and starts as unknown")
        axe(page, "on the first question")

        # The keyboard: the first Tab reaches the skip link, Enter takes the focus to the questions.
        page.js("document.activeElement.blur(); window.scrollTo(0, 0)")
        key(page, "Tab", "Tab", 9)
        check(page.js("document.activeElement.className") == "skip", "the first Tab reaches the skip link")
        key(page, "Enter", "Enter", 13)
        page.wait("document.activeElement && document.activeElement.id === 'questions'", "the skip link to take the focus to the questions")
        check(True, "the skip link takes the keyboard to the questions")

        answer(page, "kind", "vrijgevestigde")
        page.wait("document.querySelectorAll('#questions .q').length > 1", "the practice's questions")
        asked = page.js("[...document.querySelectorAll('#questions .q')].map(q => q.id.slice(2))")
        check(len(asked) == 32, f"a practice under Salland is asked the {len(asked)} questions the policy reads for it, of 119")
        for never in ("wbmv_license", "fraud_investigation", "contracted_last_year", "application_date"):
            check(never not in asked, f"not asked: {never}")
        check(page.js("document.querySelector('#questions .q.next').id") == "q-meets_profession_requirements",
              "the next question is marked")
        check(page.js("document.getElementById('progress').textContent") == "Nog 20 vragen die de beslissing bepalen (1 beantwoord).",
              "the page says how many questions still decide")
        page.js("window.scrollTo(0, 0)")
        page.screenshot(os.path.join(out_dir, "questions.png"), full=False)
        axe(page, "on the practice's questions")

        answered = 1  # the kind
        for _ in range(60):  # a bound for a page that never finishes, not a speed
            field = page.js("(q => q ? q.id.slice(2) : null)(document.querySelector('#questions .q.next'))")
            if field is None:
                break
            before = page.js("document.getElementById('progress').textContent")
            answer(page, field, practice[field])
            answered += 1
            page.wait(f"document.getElementById('progress').textContent !== {json.dumps(before)}", f"the page to take the answer to {field}")
        check(page.js("document.getElementById('result').dataset.outcome") == "incomplete", "the provider's answers are in; the insurer's fact is not")
        check(page.js("document.getElementById('waiting').textContent") ==
              "Wacht op interne controle: Contract vorig jaar. Daarvoor hoeft de zorgaanbieder niets te doen.",
              "the decision waits for the insurer's own fact, and says so")
        check(not page.js("document.getElementById('insurer').hidden") and page.js("document.getElementById('f-contracted_last_year') !== null"),
              "the insurer's fact is in the insurer's panel, apart from the provider's questions")
        answer(page, "contracted_last_year", True)
        page.wait("document.getElementById('result').dataset.outcome === 'offer'", "the offer")
        check(answered == 21, f"the practice reached an offer through {answered} questions the page asked (the kind and 20 requirements)")
        check(page.js("document.getElementById('progress').textContent") ==
              "Nog 4 vragen die bepalen wat de overeenkomst omvat (21 beantwoord).", "what is still open is about the contract's content")
        check(page.js("document.getElementById('outcome').textContent") == "aanbod", "the page shows: aanbod")
        check(page.js("document.getElementById('contract').textContent") ==
              "Overeenkomst: Vrijgevestigde praktijk (GGZ), van 1 januari 2024 tot en met 31 december 2024 (paragraaf 10.2); "
              "uiterlijk ondertekenen op 9 november 2023", "the contract in words: its kind by label, Dutch dates")
        page.js("window.scrollTo(0, 0)")
        page.screenshot(os.path.join(out_dir, "offer.png"), full=False)
        axe(page, "on an offer")

        answer(page, "fte_regiebehandelaren", 9)
        page.wait("document.getElementById('outcome') && document.getElementById('outcome').textContent === 'afwijzing'", "the refusal")
        page.js("document.getElementById('decide').click()")
        page.wait("document.getElementById('flips') !== null", "the decision with its explanation")
        rows = page.js("[...document.querySelectorAll('#result table')[0].querySelectorAll('tr')].slice(1).map(r => [...r.cells].map(c => c.textContent))")
        check(rows == [["3.1", "max_fte_regiebehandelaren",
                         "Een vrijgevestigde praktijk heeft maximaal 8 fte regiebehandelarenFte regiebehandelaren: 9 (eis: maximaal 8)"]],
              f"the refusal ground with its section and code apart: {rows}")
        check(page.js("document.querySelector('#result table small.found').textContent") == "Fte regiebehandelaren: 9 (eis: maximaal 8)",
              "the ground says what was found against the limit in force")
        flips = page.js("document.getElementById('flips').textContent")
        check("Fte regiebehandelaren = 8" in flips and "3.1" in flips, "the flip: at most 8 fte makes it an offer")
        check(page.js("document.querySelectorAll('#trace tr').length") > 10, "the rules evaluated are listed with their sections")
        page.js("window.scrollTo(0, 0)")
        page.screenshot(os.path.join(out_dir, "refusal.png"), full=False)

        doc = page.call("DOM.getDocument")
        node = page.call("DOM.querySelector", nodeId=doc["root"]["nodeId"], selector="#file")["nodeId"]
        sample = os.path.join(source_dir, "scripts/samples/providers.csv")
        page.call("DOM.setFileInputFiles", nodeId=node, files=[sample])
        size = page.js("document.getElementById('file').files.length ? document.getElementById('file').files[0].size : -1")
        check(size == os.path.getsize(sample), f"the sample list is chosen ({size} bytes)")
        page.js("document.getElementById('upload').click()")
        page.wait("document.getElementById('counts') !== null", "the summary of the uploaded list")
        counts = page.js("document.getElementById('counts').textContent")
        m = re.fullmatch(r"2000 invoerregels: (\d+) beslist, (\d+) afgekeurd wegens onjuiste invoer", counts)
        check(m is not None and int(m.group(1)) + int(m.group(2)) == 2000, "every row is accounted for: " + counts)
        outcomes = page.js("[...document.querySelectorAll('#outcomes tr')].map(r => [r.cells[0].textContent, Number(r.cells[1].textContent)])")
        check([o[0] for o in outcomes] == ["aanbod", "nadere beoordeling", "afwijzing", "onvolledig", "buiten het inkoopdomein"],
              "the outcomes, out of scope apart from refusals")
        check(sum(o[1] for o in outcomes) == int(m.group(1)), "the outcomes add up to the decided rows")
        records = page.js("fetch(document.getElementById('download').href).then(r => r.text())")
        check(len(records.strip().split("\n")) == 2000, "the JSON Lines download holds a record per row")
        csv = page.js("fetch('/v1/policies/salland/ggz-2024/batch?format=csv', {method: 'POST', headers: {'Content-Type': 'text/csv'},"
                      " body: document.getElementById('file').files[0]}).then(r => r.text())")
        check(len(csv.strip().split("\n")) == 2001 and csv.startswith("agb,"), "the CSV download: a header and a row per provider")
        xlsx = page.js("fetch('/v1/policies/salland/ggz-2024/batch?format=xlsx', {method: 'POST', headers: {'Content-Type': 'text/csv'},"
                       " body: document.getElementById('file').files[0]}).then(r => r.arrayBuffer()).then(b => [b.byteLength, ...new Uint8Array(b.slice(0, 2))])")
        check(xlsx[0] > 10000 and xlsx[1:] == [0x50, 0x4B], f"the Excel download: a workbook ({xlsx[0]} bytes)")
        check(page.js("[document.getElementById('download-csv').textContent, document.getElementById('download-xlsx').textContent]") ==
              ["CSV", "Excel (.xlsx)"], "the page offers CSV and Excel beside JSON Lines")
        page.js("window.scrollTo(0, 0)")
        page.screenshot(os.path.join(out_dir, "upload.png"), full=False)
        axe(page, "on an uploaded list")

        hostile = os.path.join(tmp, "hostile.csv")
        with open(hostile, "w") as f:
            f.write("agb,kind\n<img src=x onerror=alert(1)>,vrijgevestigde\n12345678,=HYPERLINK(\"x\")\n")
        page.call("DOM.setFileInputFiles", nodeId=node, files=[hostile])
        check(page.js("document.getElementById('file').files[0].size") == os.path.getsize(hostile), "the hostile list is chosen")
        page.js("document.getElementById('summary').replaceChildren(); document.getElementById('upload').click()")
        page.wait("document.getElementById('counts') !== null", "the summary of the hostile list")
        check(page.js("document.querySelectorAll('#summary img').length") == 0, "markup in a list is not markup in the page")
        check("<img src=x onerror=alert(1)>" in page.js("document.getElementById('summary').textContent"), "it shows as the text it is")
        print("screenshots:", ", ".join(os.path.join(out_dir, n) for n in ("questions.png", "offer.png", "refusal.png", "upload.png")))
    finally:
        if browser:
            browser.kill()
            browser.wait()
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=120)
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
