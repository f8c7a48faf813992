#!/usr/bin/env python3
"""`inkoop serve` against hostile clients, on loopback, every wait bounded.

1. 100 slow clients (a header byte every 0.2 s) leave normal requests answered within 250 ms each,
   and are cut off by the head deadline.
2. A body that stops is cut off; a body slower than the minimum rate gets 408.
3. A 100 MiB chunked upload gets 413 with under 100 MB of memory growth (the server's peak RSS).
4. 300,000 header fields get 431, and so, at once, does a head over the limit that stops midway. A client that goes on trickling after a refusal is closed once
   the drain's one deadline passes (a trickle does not extend it).
5. Two pipelined requests get two answers, in order.
6. A POST without a length gets its answer (411) in under 1 s.
7. Two Content-Lengths, and Content-Length with chunked, get 400.
8. Host: evil.example gets 421; a text/plain POST 415; a CORS preflight for no route 404; the
   Bearer scheme in any case.
9. A 600,000-provider list uploaded: under 150 MB of memory growth, and the records streamed back
   are byte for byte what `inkoop batch` writes for the same list.
10. /metrics counts the refusals by reason.

The memory bounds hold for the build users run (Release, CI's first stage). A sanitizer build
(INKOOP_SANITIZED=1, CI's second stage) prints its figures without bounding them: AddressSanitizer
keeps freed memory in quarantine (256 MB by default) and adds redzones and shadow memory, so its
peak RSS says nothing about the server's.

Usage: serve_hostile.py INKOOP_BIN INKOOP_SAMPLE_BIN SOURCE_DIR
"""
import csv as pycsv
import json
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time


def check(cond, what):
    if not cond:
        raise AssertionError(what)
    print("ok:", what, flush=True)


def start(inkoop, args, tmp, name):
    err_path = os.path.join(tmp, name + ".err")
    err = open(err_path, "w")
    proc = subprocess.Popen([inkoop] + args, stderr=err, stdout=subprocess.DEVNULL)
    for _ in range(6000):  # a bound for a server that never starts, not a speed
        m = re.search(r"http://[^:]+:(\d+)/", open(err_path).read())
        if m:
            return proc, int(m.group(1))
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    raise RuntimeError("inkoop serve did not start: " + open(err_path).read())


def peak_kb(pid):
    """The process's peak resident memory (VmHWM), KiB."""
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def reset_peak(pid):
    """Resets VmHWM to the current RSS (Linux: write 5 to clear_refs)."""
    with open(f"/proc/{pid}/clear_refs", "w") as f:
        f.write("5")


def memory_bound(growth, limit, what):
    """Asserts a memory growth bound, except in a sanitizer build (see the module's text)."""
    if os.environ.get("INKOOP_SANITIZED") == "1":
        print(f"figure: {what}: {growth:.0f} MB of memory growth (a sanitizer build: bounded in the Release build, < {limit} MB)")
        return
    check(growth < limit, f"{what}: {growth:.0f} MB of memory growth (< {limit} MB)")


def read_response(sock, timeout=30.0):
    """One HTTP/1.1 response from sock: (status, headers dict, body bytes), chunked decoded."""
    sock.settimeout(timeout)
    buf = bytearray()
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            raise EOFError("closed before a response head: " + buf[:200].decode(errors="replace"))
        buf += chunk
    head, rest = bytes(buf).split(b"\r\n\r\n", 1)
    lines = head.decode().split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for l in lines[1:]:
        k, v = l.split(":", 1)
        headers[k.strip().lower()] = v.strip()
    rest = bytearray(rest)

    def need(n):
        while len(rest) < n:
            chunk = sock.recv(1 << 20)
            if not chunk:
                raise EOFError("closed inside a body")
            rest.extend(chunk)

    if headers.get("transfer-encoding") == "chunked":
        body = bytearray()
        while True:
            while b"\r\n" not in rest:
                need(len(rest) + 1)
            line, tail = bytes(rest).split(b"\r\n", 1)
            size = int(line, 16)
            rest[:] = tail
            need(size + 2)
            body += rest[:size]
            del rest[:size + 2]
            if size == 0:
                break
        return status, headers, bytes(body), rest
    n = int(headers.get("content-length", "0"))
    need(n)
    return status, headers, bytes(rest[:n]), rest[n:]


def request(port, raw, timeout=30.0):
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(raw)
        status, headers, body, _ = read_response(s, timeout)
        return status, headers, body


def get(port, path, extra=""):
    return request(port, f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{extra}Connection: close\r\n\r\n".encode())


def post(port, path, body, ctype="application/json", extra=""):
    head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n"
            f"{extra}Connection: close\r\n\r\n").encode()
    return request(port, head + body)


def send_watching(sock, data, piece=1 << 20):
    """Sends data while watching for an early answer; the answer's status (None if none came)."""
    sock.setblocking(False)
    sent = 0
    got = bytearray()
    deadline = time.time() + 120
    while time.time() < deadline:
        r, w, _ = select.select([sock], [sock] if sent < len(data) else [], [], 1.0)
        if r:
            try:
                chunk = sock.recv(65536)
            except (ConnectionResetError, BlockingIOError):
                chunk = b""
            if chunk:
                got += chunk
                if b"\r\n\r\n" in got:
                    return int(got[9:12]), sent
            elif not got:
                return None, sent
        if w and sent < len(data):
            try:
                sent += sock.send(data[sent:sent + piece])
            except (BrokenPipeError, ConnectionResetError):
                pass
        if sent >= len(data) and not r:
            continue
    return None, sent


def slow_clients(port):
    stop = threading.Event()
    socks = []
    for _ in range(100):
        s = socket.create_connection(("127.0.0.1", port))
        socks.append(s)
    head = f"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Slow: {'a' * 200}\r\n\r\n".encode()

    def trickle():
        i = 0
        while not stop.is_set() and i < len(head):
            for s in socks:
                try:
                    s.send(head[i:i + 1])
                except OSError:
                    pass
            i += 1
            stop.wait(0.2)

    t = threading.Thread(target=trickle)
    t.start()
    time.sleep(1.0)  # every slow client has started its head
    practice = open(os.path.join(SOURCE, "scripts/samples/practice-ok.json"), "rb").read()
    worst = 0.0
    for i in range(20):
        t0 = time.perf_counter()
        status, _, body = post(port, "/v1/policies/salland/ggz-2024/decide", practice)
        worst = max(worst, time.perf_counter() - t0)
        check(status == 200 and json.loads(body)["records"][0]["outcome"] == "offer", f"decide {i + 1} answered while 100 clients trickle") if i == 19 else None
    check(worst < 0.25, f"100 slow clients: the slowest of 20 normal requests took {worst * 1000:.0f} ms (< 250 ms)")
    # The head deadline (2 s here) cuts them off: each connection is closed.
    closed = 0
    deadline = time.time() + 30
    for s in socks:
        s.settimeout(max(0.1, deadline - time.time()))
        try:
            if s.recv(4096) == b"":
                closed += 1
        except ConnectionResetError:
            closed += 1
        except OSError:
            pass
    stop.set()
    t.join()
    for s in socks:
        s.close()
    check(closed == 100, f"the head deadline cut off every slow client ({closed} of 100 closed)")


def slow_bodies(port):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(f"POST /v1/policies/salland/ggz-2024/decide HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
              f"Content-Length: 100\r\n\r\n{{\"agb\"".encode())
    s.settimeout(30)
    t0 = time.time()
    try:
        closed = s.recv(4096) == b""
    except ConnectionResetError:
        closed = True
    check(closed and time.time() - t0 < 10, f"a body that stops is cut off after the idle timeout ({time.time() - t0:.1f} s)")
    s.close()
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(f"POST /v1/policies/salland/ggz-2024/decide HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
              f"Content-Length: 100000\r\n\r\n".encode())
    status = None
    for _ in range(300):  # a byte every 0.1 s: far below the minimum rate, never silent for long
        try:
            s.send(b" ")
        except OSError:
            break
        r, _, _ = select.select([s], [], [], 0.1)
        if r:
            status = read_response(s, 5)[0]
            break
    check(status == 408, "a body slower than the minimum rate: 408")
    s.close()


def big_chunked(port, pid):
    reset_peak(pid)
    before = peak_kb(pid)
    s = socket.create_connection(("127.0.0.1", port))
    head = (f"POST /v1/policies/salland/ggz-2024/batch HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: text/csv\r\n"
            f"Transfer-Encoding: chunked\r\n\r\n").encode()
    piece = b"x" * (1 << 20)
    chunk = b"%x\r\n" % len(piece) + piece + b"\r\n"
    data = head + chunk * 100 + b"0\r\n\r\n"
    status, sent = send_watching(s, data)
    s.close()
    growth = (peak_kb(pid) - before) / 1024
    check(status == 413, f"a 100 MiB chunked upload: 413 after {sent / (1 << 20):.0f} MiB sent")
    memory_bound(growth, 100, "a 100 MiB chunked upload")


def trickle_after_refusal(port):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(f"POST /v1/policies/salland/ggz-2024/decide HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: text/plain\r\n"
              f"Content-Length: 100000\r\n\r\n".encode())
    status = read_response(s, 5)[0]
    t0 = time.time()
    closed = False
    while time.time() - t0 < 10:  # a byte every 0.1 s: never idle long enough for a per-read timeout
        try:  # the answer's end (the server's FIN) is read as an empty recv; the close shows as a failed send
            s.send(b" ")
        except OSError:
            closed = True
            break
        time.sleep(0.1)
    s.close()
    check(status == 415 and closed and time.time() - t0 < 3,
          f"a client trickling after its refusal (415) is closed after {time.time() - t0:.1f} s (< 3 s)")


def many_headers(port):
    s = socket.create_connection(("127.0.0.1", port))
    data = f"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n".encode() + b"X-A: b\r\n" * 300000 + b"\r\n"
    status, _ = send_watching(s, data, 65536)
    s.close()
    check(status == 431, "300,000 header fields: 431")
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(f"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n".encode() + b"X-A: b\r\n" * 2500)  # 20 KB, then nothing
    t0 = time.time()
    status = read_response(s, 5)[0]
    s.close()
    check(status == 431 and time.time() - t0 < 1, f"a head over the limit that stops midway: 431 in {time.time() - t0:.3f} s (< 1 s)")
    s = socket.create_connection(("127.0.0.1", port))
    data = f"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n".encode() + b"A: b\r\n" * 101 + b"\r\n"
    s.sendall(data)
    check(read_response(s)[0] == 431, "101 short header fields: 431")
    s.close()


def pipelined(port):
    s = socket.create_connection(("127.0.0.1", port))
    practice = open(os.path.join(SOURCE, "scripts/samples/practice-ok.json"), "rb").read()
    two = (f"POST /v1/policies/salland/ggz-2024/decide HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
           f"Content-Length: {len(practice)}\r\n\r\n").encode() + practice + f"GET /readyz HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()
    t0 = time.perf_counter()
    s.sendall(two)
    first = read_response(s, 10)
    sock_buf = bytes(first[3])  # the second answer may already be in what was read after the first

    class Prefixed:
        def __init__(self, sock, prefix):
            self.sock, self.prefix = sock, prefix

        def settimeout(self, t):
            self.sock.settimeout(t)

        def recv(self, n):
            if self.prefix:
                out, self.prefix = self.prefix[:n], self.prefix[n:]
                return out
            return self.sock.recv(n)

    second = read_response(Prefixed(s, sock_buf), 10)
    took = time.perf_counter() - t0
    s.close()
    check(first[0] == 200 and json.loads(first[2])["records"][0]["outcome"] == "offer" and second[0] == 200
          and json.loads(second[2])["status"] == "ready", f"two pipelined requests: two answers, in order ({took * 1000:.0f} ms)")


def framing(port):
    t0 = time.perf_counter()
    status, _, body = request(port, f"POST /v1/policies/salland/ggz-2024/decide HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                                    f"Content-Type: application/json\r\n\r\n".encode(), timeout=5)
    took = time.perf_counter() - t0
    check(status == 411 and took < 1.0, f"a POST without a length: 411 in {took * 1000:.0f} ms (< 1 s)")
    status, _, _ = request(port, f"POST /v1/policies/salland/ggz-2024/decide HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                                 f"Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{{}}".encode())
    check(status == 400, "two Content-Lengths: 400")
    status, _, _ = request(port, f"POST /v1/policies/salland/ggz-2024/decide HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                                 f"Content-Type: application/json\r\nContent-Length: 7\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{{}}\r\n0\r\n\r\n".encode())
    check(status == 400, "Content-Length with chunked: 400")
    status, _, _ = request(port, f"BREW /healthz HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode(), timeout=5)
    check(status in (400, 405), f"an unknown method: answered at once ({status})")


def browsers(port):
    status, _, body = request(port, b"GET /v1/policies HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
    check(status == 421, "Host: evil.example: 421")
    status, _, _ = request(port, f"GET /v1/policies HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n".encode())
    check(status == 200, "Host: localhost: 200")
    status, _, body = post(port, "/v1/policies/salland/ggz-2024/decide", b'{"agb":"12345678"}', "text/plain")
    check(status == 415 and "application/json" in json.loads(body)["error"]["message"], "a text/plain POST: 415")
    status, _, _ = post(port, "/v1/policies/salland/ggz-2024/decide", b'{"agb":"12345678"}', "application/x-www-form-urlencoded")
    check(status == 415, "a form POST: 415")


def cors_and_bearer(inkoop, tmp):
    token = os.path.join(tmp, "token")
    with open(token, "w") as f:
        f.write("0123456789abcdef-token\n")
    os.chmod(token, 0o600)
    proc, port = start(inkoop, ["--policies", os.path.join(SOURCE, "policies"), "serve", "--listen", "127.0.0.1:0", "--jobs", "1",
                                "--cors", "https://portal.example", "--token-file", token], tmp, "cors")
    try:
        status, h, _ = request(port, f"OPTIONS /v1/policies/salland/ggz-2024/decide HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                                     f"Origin: https://portal.example\r\nConnection: close\r\n\r\n".encode())
        check(status == 204 and h.get("access-control-allow-origin") == "https://portal.example", "a preflight for a route: 204")
        status, _, _ = request(port, f"OPTIONS /v1/nothing-here HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
        check(status == 404, "a preflight for no route: 404")
        for scheme in ("Bearer", "bearer", "BEARER"):
            status = get(port, "/v1/policies", f"Authorization: {scheme} 0123456789abcdef-token\r\n")[0]
            check(status == 200, f"the token with the scheme written {scheme}: 200")
        check(get(port, "/v1/policies", "Authorization: Basic 0123456789abcdef-token\r\n")[0] == 401, "another scheme: 401")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)


def big_list(inkoop, sample, port, pid, tmp):
    # A list as an export with the columns an analyst pulls (the generator writes every schema
    # field: 195 MiB for 600,000 rows, over the upload limit): about 25 MiB.
    wide = os.path.join(tmp, "wide.csv")
    with open(wide, "wb") as f:
        subprocess.run([sample, "--rows", "600000"], stdout=f, check=True, timeout=600)
    keep = ["agb", "kind", "discipline", "established_in_nl", "contracted_last_year", "fte_regiebehandelaren", "locations", "personal_agb"]
    csv = os.path.join(tmp, "upload")  # named as the server names an upload, so that error records agree
    with open(wide, newline="") as src, open(csv, "w", newline="") as dst:
        rows = pycsv.reader(src)
        header = next(rows)
        at = [header.index(k) for k in keep]
        out = pycsv.writer(dst, lineterminator="\n")
        out.writerow(keep)
        for row in rows:
            out.writerow([row[i] if i < len(row) else "" for i in at])
    os.remove(wide)
    size = os.path.getsize(csv)
    r = subprocess.run([inkoop, "--policies", os.path.join(SOURCE, "policies"), "batch", "--policy", "salland/ggz-2024", "--input", "upload",
                        "--output", "expected.jsonl", "--quiet"], cwd=tmp, capture_output=True, timeout=900)
    check(r.returncode in (0, 1), f"inkoop batch decided the 600,000 providers ({size / (1 << 20):.1f} MiB)")
    expected = open(os.path.join(tmp, "expected.jsonl"), "rb").read()
    reset_peak(pid)
    before = peak_kb(pid)
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(f"POST /v1/policies/salland/ggz-2024/batch HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: text/csv\r\n"
              f"Content-Length: {size}\r\nConnection: close\r\n\r\n".encode())
    with open(csv, "rb") as f:
        while True:
            block = f.read(1 << 20)
            if not block:
                break
            s.sendall(block)
    status, headers, body, _ = read_response(s, 900)
    s.close()
    growth = (peak_kb(pid) - before) / 1024
    lines = body.split(b"\n")
    summary = json.loads(lines[-2])
    records = b"\n".join(lines[:-2]) + b"\n"
    check(status == 200 and headers.get("transfer-encoding") == "chunked", "the upload's records stream back (chunked)")
    check(summary["summary"]["rows"] == 600000, "every one of the 600,000 rows is accounted for")
    check(records == expected, f"the records are byte for byte those of inkoop batch ({len(records)} bytes)")
    memory_bound(growth, 150, "a 600,000-provider upload")


def metrics(port):
    _, _, body = get(port, "/metrics")
    text = body.decode()
    counts = dict(re.findall(r'inkoop_http_refusals_total\{reason="([a-z_]+)"\} (\d+)', text))
    for reason in ("head_timeout", "slow_body", "header_too_large", "body_too_large", "length_required", "bad_framing", "wrong_host",
                   "content_type"):
        check(int(counts.get(reason, 0)) > 0, f"/metrics counts the refusals for {reason} ({counts.get(reason)})")


SOURCE = ""


def main():
    global SOURCE
    inkoop, sample, SOURCE = sys.argv[1], sys.argv[2], os.path.abspath(sys.argv[3])
    tmp = tempfile.mkdtemp(prefix="inkoop-serve-hostile-")
    proc = None
    try:
        proc, port = start(inkoop, ["--policies", os.path.join(SOURCE, "policies"), "serve", "--listen", "127.0.0.1:0", "--jobs", "2",
                                    "--head-timeout-ms", "2000", "--timeout-ms", "1000"], tmp, "hostile")
        slow_clients(port)
        slow_bodies(port)
        big_chunked(port, proc.pid)
        many_headers(port)
        trickle_after_refusal(port)
        pipelined(port)
        framing(port)
        browsers(port)
        metrics(port)
        big_list(inkoop, sample, port, proc.pid, tmp)
        cors_and_bearer(inkoop, tmp)
    finally:
        if proc and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=60)
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
