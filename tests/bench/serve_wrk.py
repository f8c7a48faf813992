#!/usr/bin/env python3
"""inkoop serve under wrk (Debian's HTTP benchmark), loopback only, bounded in time: single-provider
decide requests (salland/ggz-2024, scripts/samples/practice-ok.json) at 16 and 64 connections,
next to the two floors in the same run (inkoop-serve-floor: a minimal Boost.Beast server, the
library inkoop serve uses, and a minimal cpp-httplib server, the library it used before), each
answering the same POST with a fixed JSON. Best of three rounds by throughput; for each the p99
latency wrk measured and the server's CPU time per 10,000 requests (from /proc, the server
process alone).

Usage: serve_wrk.py INKOOP_BIN FLOOR_BIN SOURCE_DIR [--seconds S] [--rounds R]
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def start_inkoop(inkoop, source, tmp):
    err = os.path.join(tmp, "serve.err")
    proc = subprocess.Popen([inkoop, "--policies", os.path.join(source, "policies"), "serve", "--listen", "127.0.0.1:0", "--jobs", "2",
                             "--policy", "salland/ggz-2024"], stderr=open(err, "w"), stdout=subprocess.DEVNULL)
    for _ in range(600):  # a bound for a server that never starts
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", open(err).read())
        if m:
            return proc, int(m.group(1))
        time.sleep(0.1)
    raise RuntimeError("inkoop serve did not start")


def start_floor(floor, kind):
    proc = subprocess.Popen([floor, kind, "--threads", "2"], stdout=subprocess.PIPE, text=True)
    return proc, int(proc.stdout.readline())


def wrk(port, connections, seconds, script):
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s", "-s", script,
                          f"http://127.0.0.1:{port}/v1/policies/salland/ggz-2024/decide"],
                         capture_output=True, text=True, timeout=seconds + 60).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return rate, p99_ms, total, int(errors.group(1)) if errors else 0, socket_errors.group(1) if socket_errors else ""


def main():
    inkoop, floor, source = sys.argv[1], sys.argv[2], os.path.abspath(sys.argv[3])
    seconds = int(sys.argv[sys.argv.index("--seconds") + 1]) if "--seconds" in sys.argv else 5
    rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 3
    if not shutil.which("wrk"):
        print("wrk is not installed (Debian: apt install wrk)")
        return 2
    tmp = tempfile.mkdtemp(prefix="inkoop-wrk-")
    body = open(os.path.join(source, "scripts/samples/practice-ok.json")).read()
    script = os.path.join(tmp, "post.lua")
    with open(script, "w") as f:
        f.write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [==[' + body + ']==]\n')
    servers = {}
    try:
        servers["inkoop serve (Beast)"] = start_inkoop(inkoop, source, tmp)
        servers["floor: Boost.Beast"] = start_floor(floor, "beast")
        servers["floor: cpp-httplib"] = start_floor(floor, "httplib")
        results = {}
        for connections in (16, 64):
            for name, (proc, port) in servers.items():
                wrk(port, connections, 1, script)  # warm up
                best = None
                for _ in range(rounds):
                    before = cpu_seconds(proc.pid)
                    rate, p99, total, non2xx, sock = wrk(port, connections, seconds, script)
                    cpu = cpu_seconds(proc.pid) - before
                    row = (rate, p99, cpu / max(total, 1) * 10000, non2xx, sock)
                    if best is None or rate > best[0]:
                        best = row
                results[(name, connections)] = best
        print(f"wrk -t2, {seconds} s per round, best of {rounds}; POST /v1/policies/salland/ggz-2024/decide (practice-ok.json)")
        print("| server | connections | requests/s | p99 ms | server CPU s per 10k requests | throughput vs Beast floor | vs cpp-httplib floor | non-2xx |")
        print("|---|---|---|---|---|---|---|---|")
        for connections in (16, 64):
            beast = results[("floor: Boost.Beast", connections)][0]
            httplib = results[("floor: cpp-httplib", connections)][0]
            for name in servers:
                rate, p99, cpu, non2xx, sock = results[(name, connections)]
                print(f"| {name} | {connections} | {rate:,.0f} | {p99:.2f} | {cpu:.2f} | {beast / rate:.2f}x | {httplib / rate:.2f}x | "
                      f"{non2xx}{' ' + sock if sock else ''} |")
    finally:
        for proc, _ in servers.values():
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
