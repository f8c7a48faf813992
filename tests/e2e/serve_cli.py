#!/usr/bin/env python3
"""`inkoop serve` as a process: the README's curl lines, SIGHUP, SIGTERM while a request is in flight,
the decision log, and the token rule. Loopback only.

1. Every `curl` line of the README's *Serving decisions* section runs against a live server (its
   port put in for 8080) and answers what the README says (checked per route).
2. SIGHUP after a policy file changed: the new version serves, the generation is 2.
3. A list of 60,000 providers uploaded, SIGTERM sent while the upload is in flight (half its body
   read by the server, the rest sent after the signal): the answer is complete (200, every row),
   the process exits 0, and the decision log holds a line for every decision. Every wait in this
   file polls for what it waits for; its bound is for a broken server, never a speed.
4. Beyond loopback without --token-file: refused (exit 2); with one: requests need the token.

Usage: serve_cli.py INKOOP_BIN SOURCE_DIR
"""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request


def check(cond, what):
    if not cond:
        raise AssertionError(what)
    print("ok:", what)


def start(inkoop, args, tmp, name):
    err_path = os.path.join(tmp, name + ".err")
    err = open(err_path, "w")
    proc = subprocess.Popen([inkoop] + args, stderr=err, stdout=subprocess.DEVNULL)
    for _ in range(6000):  # a bound for a server that never starts, not a speed: the loop ends when it has
        text = open(err_path).read()
        m = re.search(r"http://[^:]+:(\d+)/", text)
        if m:
            return proc, int(m.group(1)), err_path
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    raise RuntimeError("inkoop serve did not start: " + open(err_path).read())


def get(port, path, token=None):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def post(port, path, body, ctype="application/json"):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, method="POST", headers={"Content-Type": ctype})
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def unread_by_server(port, client_port):
    """Bytes in the receive queue of the server's side of the connection from client_port, from
    /proc/net/tcp (None while the kernel has no such socket)."""
    with open("/proc/net/tcp") as f:
        for line in f.readlines()[1:]:
            fields = line.split()
            local, remote, queues = fields[1], fields[2], fields[4]
            if int(local.split(":")[1], 16) == port and int(remote.split(":")[1], 16) == client_port:
                return int(queues.split(":")[1], 16)
    return None


def readme_curls(source_dir):
    text = open(os.path.join(source_dir, "README.md")).read()
    section = text[text.index("### Serving decisions"):]
    section = section[:section.index("\n### ", 5)]
    return [line for line in section.split("\n") if line.startswith("curl ")]


def readme_examples(inkoop, source_dir, tmp):
    server, port, _ = start(inkoop, ["--policies", os.path.join(source_dir, "policies"), "serve", "--listen", "127.0.0.1:0", "--jobs", "2"],
                            tmp, "readme")
    try:
        lines = readme_curls(source_dir)
        check(len(lines) == 10, "the README shows ten curl calls")
        out = {}
        for line in lines:
            cmd = line.replace("127.0.0.1:8080", f"127.0.0.1:{port}")
            r = subprocess.run(["bash", "-c", cmd], cwd=source_dir, capture_output=True, text=True, timeout=120)
            check(r.returncode == 0 and r.stdout, f"runs: {line[:100]}")
            out[line] = r.stdout
        policies, policy, decide, flip, explain, diff, batch, ready, metrics, openapi = (out[l] for l in lines)
        check(len(json.loads(policies)["policies"]) == 5, "GET /v1/policies: the five policies")
        check(json.loads(policy)["id"] == "salland/ggz-2024", "GET /v1/policies/{id}: the policy")
        d = json.loads(decide)
        check(d["records"][0]["outcome"] == "offer" and d["records"][0]["policy_version"] == d["policy_version"], "decide: an offer, with its version")
        f = json.loads(flip)
        check(f["records"][0]["outcome"] == "refuse" and f["flips"][0]["outcome"] == "offer", "decide with set. and flip: a refusal and its flip")
        check(len(json.loads(explain)["records"][0]["trace"]) > 10, "decide with explain: the trace")
        check(json.loads(diff)["policies"] == ["zorg-en-zekerheid/ggz-2024", "zorg-en-zekerheid/ggz-2027"], "diff: both policies")
        lines = batch.strip().split("\n")
        s = json.loads(lines[-1])["summary"]
        check(s["rows"] == 2000 and s["decided"] + s["rejected"] == 2000, "batch: every row accounted for")
        check(len(lines) == 2001 and all("agb" in json.loads(l) for l in lines[:-1]), "batch: a record per row as it was decided, the summary last")
        check(json.loads(ready)["status"] == "ready", "readyz")
        check('inkoop_http_requests_total{route="decide",status="200"} 3' in metrics, "metrics: the decide calls counted")
        o = json.loads(openapi)
        check(o["openapi"] == "3.0.3" and "/v1/policies/{id}/decide" in o["paths"], "openapi: the routes described")
        check(len(o["paths"]["/v1/policies/{id}"]["get"]["parameters"][0]["schema"]["enum"]) == 5, "openapi: {id} takes the five policies")
    finally:
        server.send_signal(signal.SIGTERM)
        check(server.wait(timeout=60) == 0, "SIGTERM: exit 0")


def reload_and_drain(inkoop, source_dir, tmp):
    tree = os.path.join(tmp, "policies")
    shutil.copytree(os.path.join(source_dir, "policies"), tree)
    log = os.path.join(tmp, "decisions.jsonl")
    server, port, err = start(inkoop, ["--policies", tree, "serve", "--listen", "127.0.0.1:0", "--jobs", "1", "--policy", "salland/ggz-2024",
                                       "--decision-log", log], tmp, "drain")
    try:
        v1 = json.loads(get(port, "/v1/policies")[1])["policies"][0]["policy_version"]
        with open(os.path.join(tree, "salland/ggz-2024.lua"), "a") as f:
            f.write("\n-- changed\n")
        server.send_signal(signal.SIGHUP)
        for _ in range(6000):  # until the reload is reported (a bound, not a speed)
            if "reloaded" in open(err).read():
                break
            time.sleep(0.1)
        j = json.loads(get(port, "/v1/policies")[1])
        check(j["generation"] == 2 and j["policies"][0]["policy_version"] != v1, "SIGHUP: the changed policy serves, generation 2")

        csv = open(os.path.join(source_dir, "scripts/samples/providers.csv"), "rb").read()
        header, rows = csv.split(b"\n", 1)
        big = header + b"\n" + rows * 30  # 60,000 rows
        # The upload is in flight when SIGTERM comes, on any machine: its headers and half its body
        # are sent, the test waits until the server has read all of that (the server side of the
        # connection has nothing left unread in /proc/net/tcp: it is inside the request, waiting
        # for the rest), then sends SIGTERM, then the rest of the body. A stop must answer it.
        sock = socket.create_connection(("127.0.0.1", port))
        head = (f"POST /v1/policies/salland/ggz-2024/batch HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: text/csv\r\n"
                f"Content-Length: {len(big)}\r\nConnection: close\r\n\r\n").encode()
        half = len(big) // 2
        sock.sendall(head + big[:half])
        client_port = sock.getsockname()[1]
        for _ in range(60000):  # a bound for a server that never reads, not a speed
            if unread_by_server(port, client_port) == 0:
                break
            time.sleep(0.01)
        check(unread_by_server(port, client_port) == 0, "the server has read the headers and half the body")
        server.send_signal(signal.SIGTERM)
        for _ in range(6000):
            if "stopping: answering the requests in flight" in open(err).read():
                break
            time.sleep(0.01)
        sock.sendall(big[half:])
        answer = bytearray()
        while True:
            chunk = sock.recv(1 << 20)
            if not chunk:
                break
            answer += chunk
        sock.close()
        code = server.wait(timeout=600)
        head_end = answer.index(b"\r\n\r\n")
        status = int(answer[9:12])
        check(b"transfer-encoding: chunked" in answer[:head_end].lower(), "the list's records stream back chunked")
        rest, body = answer[head_end + 4:], bytearray()
        while True:  # the chunks, put together
            line, rest = rest.split(b"\r\n", 1)
            size = int(line, 16)
            body += rest[:size]
            rest = rest[size + 2:]
            if size == 0:
                break
        s = json.loads(body.decode().strip().split("\n")[-1])["summary"]
        check(status == 200 and s["rows"] == 60000, "SIGTERM while a list is decided: the answer is complete (60,000 rows)")
        check(code == 0, "and the process exits 0")
        lines = open(log).read().split("\n")
        check(lines[-1] == "" and len(lines) - 1 == s["decided"] - s["failed"],
              f"the decision log holds a line per decision ({len(lines) - 1})")
        check("stopping: answering the requests in flight" in open(err).read(), "the server said it was draining")
    finally:
        if server.poll() is None:
            server.kill()


def token_rule(inkoop, source_dir, tmp):
    r = subprocess.run([inkoop, "--policies", os.path.join(source_dir, "policies"), "serve", "--listen", "0.0.0.0:0"],
                       capture_output=True, text=True, timeout=60)
    check(r.returncode == 2 and "serving beyond this machine needs --token-file" in r.stderr, "beyond loopback without a token: refused")
    token = os.path.join(tmp, "token")
    with open(token, "w") as f:
        f.write("s3cret-token-of-some-length\n")
    os.chmod(token, 0o600)
    server, port, _ = start(inkoop, ["--policies", os.path.join(source_dir, "policies"), "serve", "--listen", "0.0.0.0:0",
                                     "--token-file", token, "--jobs", "1"], tmp, "token")
    try:
        check(get(port, "/v1/policies")[0] == 401, "no token: 401")
        check(get(port, "/v1/policies", "s3cret-token-of-some-length")[0] == 200, "the token: 200")
        check(get(port, "/healthz")[0] == 200, "health needs none")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)


def main():
    inkoop, source_dir = sys.argv[1], os.path.abspath(sys.argv[2])
    tmp = tempfile.mkdtemp(prefix="inkoop-serve-cli-")
    try:
        readme_examples(inkoop, source_dir, tmp)
        reload_and_drain(inkoop, source_dir, tmp)
        token_rule(inkoop, source_dir, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
