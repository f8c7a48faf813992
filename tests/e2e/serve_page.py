#!/usr/bin/env python3
"""The page of `inkoop serve`, in headless Chromium driven over the DevTools protocol.

1. The form: typed into as a person does (keys into the fields, choices in the selects), then
   Beslissen: the page shows the decision (aanbod, the contract) for a complete practice, and for
   a practice over the fte limit the refusal with its section and code apart, and the flip.
2. The upload: the sample list (2000 rows) chosen in the file input and decided: the counts,
   the outcomes with out of scope apart, and a download of the records.
3. Hostile text in a list comes out as text: a row whose AGB is markup shows the markup literally.
Screenshots of the form and the decisions go to OUT_DIR (form.png, decision.png, refusal.png, upload.png).

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
                             "--remote-debugging-port=0", f"--user-data-dir={profile}", "--window-size=1400,1000", "about:blank"],
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


def fill_practice(page, fte):
    """The practice of scripts/samples/practice-ok.json, typed into the form."""
    practice = {"agb": "94012345", "name": "Praktijk De Linde", "kind": "vrijgevestigde", "discipline": "gz_psycholoog",
                "region": "Midden IJssel", "established_in_nl": True, "delivers_abroad": False, "contracted_last_year": True,
                "kwaliteitsstatuut": True, "kwaliteitsstatuut_section": "II", "personal_agb": True, "regiebehandelaar_presence": 0.85,
                "fte_regiebehandelaren": fte, "locations": 2, "waiting_times_reported": True, "follows_referral_rules": True,
                "declares_via_vecozo": True, "training_place": True, "diagnostics_only": False, "fraud_investigation": False,
                "negative_statements": False, "failed_controls": False, "external_findings": False,
                "meets_profession_requirements": True, "kwaliteitsstatuut_published": True, "kwaliteitsstatuut_observed": True,
                "mdo": "geen_mdo", "offers_long_stay": False, "green_deal_committed": True, "sustainability_in_strategy": True,
                "owns_property": False, "addiction_care": "geen", "detox": "geen"}
    for name, value in practice.items():
        kind = page.js(f"document.getElementById('f-{name}').tagName")
        if kind == "SELECT":
            page.choose(f"f-{name}", ("true" if value else "false") if isinstance(value, bool) else value)
        elif name == "regiebehandelaar_presence":  # a share is asked as a percentage: 85 for 0.85
            page.type_into(f"f-{name}", str(round(value * 100)))
        else:
            page.type_into(f"f-{name}", str(value))


def main():
    inkoop, source_dir, out_dir = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
    os.makedirs(out_dir, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="inkoop-page-")
    server, port = start_server(inkoop, source_dir, tmp)
    browser = None
    try:
        browser, ws_url = start_chromium(tmp)
        page = Page(ws_url)
        page.call("Page.enable")
        page.call("Emulation.setDeviceMetricsOverride", width=1400, height=1000, deviceScaleFactor=1, mobile=False)
        page.call("Page.navigate", url=f"http://127.0.0.1:{port}/")
        page.wait("document.body && document.body.dataset.ready === 'true'", "the page to load the schema and the policies")
        check(page.js("document.getElementById('policy').value") == "salland/ggz-2024", "the first policy is chosen")
        check(page.js("document.querySelector('label[for=f-fte_regiebehandelaren] span').firstChild.textContent") == "Fte regiebehandelaren",
              "the form's labels are Dutch, from the schema")
        check(page.js("document.getElementById('f-established_in_nl').options[0].text") == "onbekend",
              "a yes/no question starts as unknown, not as no")
        check(page.js("document.querySelector('#form legend').textContent") == "Identiteit en voorgeschiedenis",
              "the groups are named in Dutch, from the schema")
        check(page.js("[...document.getElementById('f-kind').options].slice(0, 3).map(o => [o.value, o.text])") ==
              [["", "onbekend"], ["vrijgevestigde", "Vrijgevestigde praktijk (GGZ)"], ["ggz_instelling", "GGZ-instelling"]],
              "a choice shows its Dutch label and sends the schema's value")
        check(page.js("document.querySelector('#f-discipline option[value=gz_psycholoog]').text") == "GZ-psycholoog",
              "the disciplines are named in Dutch")
        check(page.js("document.getElementById('f-application_date').type") == "date", "a date field is a date input")
        check(page.js("document.getElementById('f-fte_regiebehandelaren').type") == "number", "a number field is a number input")
        check(page.js("[document.getElementById('f-regiebehandelaar_presence').min, document.getElementById('f-regiebehandelaar_presence').max]")
              == ["0", "100"], "a share is asked as a percentage, 0 to 100")

        fill_practice(page, 6.5)
        page.js("window.scrollTo(0, 0)")
        page.screenshot(os.path.join(out_dir, "form.png"), full=False)
        page.js("document.getElementById('decide').click()")
        page.wait("document.getElementById('outcome') !== null", "the decision")
        check(page.js("document.getElementById('outcome').textContent") == "aanbod", "the complete practice is offered a contract")
        check(page.js("document.getElementById('contract').textContent").startswith("Contract vrijgevestigde van 2024-01-01 tot en met 2024-12-31"),
              "the contract and its dates are shown")
        check(page.js("document.querySelector('#tariff code').textContent") == "fixed",
              "the tariff basis is shown as the code it is")
        check(page.js("document.querySelectorAll('#trace tr').length") > 10, "the rules evaluated are listed with their sections")
        page.js("document.querySelector('#result details').open = true; window.scrollTo(0, 0)")
        page.screenshot(os.path.join(out_dir, "decision.png"), full=False)

        page.type_into("f-fte_regiebehandelaren", "9")
        page.js("document.getElementById('decide').click()")
        page.wait("document.getElementById('outcome') && document.getElementById('outcome').textContent === 'afwijzing'", "the refusal")
        rows = page.js("[...document.querySelectorAll('#result table')[0].querySelectorAll('tr')].slice(1).map(r => [...r.cells].map(c => c.textContent))")
        check(rows == [["3.1", "max_fte_regiebehandelaren", "Een vrijgevestigde praktijk heeft maximaal 8 fte regiebehandelaren"]],
              "the refusal ground with its section and code apart")
        flips = page.js("document.getElementById('flips').textContent")
        check("Fte regiebehandelaren = 8" in flips and "3.1" in flips, "the flip: at most 8 fte makes it an offer")
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
        check(re.fullmatch(r"2000 invoerregels: (\d+) beslist, (\d+) afgekeurd wegens onjuiste invoer", counts) is not None, "every row is accounted for: " + counts)
        m = re.fullmatch(r"2000 invoerregels: (\d+) beslist, (\d+) afgekeurd wegens onjuiste invoer", counts)
        check(int(m.group(1)) + int(m.group(2)) == 2000, "decided + rejected = rows")
        outcomes = page.js("[...document.querySelectorAll('#outcomes tr')].map(r => [r.cells[0].textContent, Number(r.cells[1].textContent)])")
        check([o[0] for o in outcomes] == ["aanbod", "nadere beoordeling", "afwijzing", "onvolledig", "buiten het inkoopdomein"],
              "the outcomes, out of scope apart from refusals")
        check(sum(o[1] for o in outcomes) == int(m.group(1)), "the outcomes add up to the decided rows")
        check(page.js("document.getElementById('download').href").startswith("blob:"), "the decisions can be downloaded")
        records = page.js("fetch(document.getElementById('download').href).then(r => r.text())")
        check(len(records.strip().split("\n")) == 2000, "the download holds a record per row")
        page.js("window.scrollTo(0, 0)")
        page.screenshot(os.path.join(out_dir, "upload.png"), full=False)

        hostile = os.path.join(tmp, "hostile.csv")
        with open(hostile, "w") as f:
            f.write("agb,kind\n<img src=x onerror=alert(1)>,vrijgevestigde\n12345678,=HYPERLINK(\"x\")\n")
        page.call("DOM.setFileInputFiles", nodeId=node, files=[hostile])
        check(page.js("document.getElementById('file').files[0].size") == os.path.getsize(hostile), "the hostile list is chosen")
        page.js("document.getElementById('summary').replaceChildren(); document.getElementById('upload').click()")
        page.wait("document.getElementById('counts') !== null", "the summary of the hostile list")
        check(page.js("document.querySelectorAll('#summary img').length") == 0, "markup in a list is not markup in the page")
        check("<img src=x onerror=alert(1)>" in page.js("document.getElementById('summary').textContent"), "it shows as the text it is")
        print("screenshots:", ", ".join(os.path.join(out_dir, n) for n in ("form.png", "decision.png", "refusal.png", "upload.png")))
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
