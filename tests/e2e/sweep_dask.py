#!/usr/bin/python3
"""scripts/sweep_dask.py on a LocalCluster of two workers (loopback only):
1. its table is byte for byte the one `inkoop sweep --format csv` prints in one process (and the
   same after sorting);
2. a worker killed while it runs a shard: the shard runs again elsewhere, the table is the same.

    tests/e2e/sweep_dask.py INKOOP INKOOP_SAMPLE
"""
import os
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(ROOT, "scripts", "sweep_dask.py")


def fail(msg):
    sys.stderr.write("FAIL: " + msg + "\n")
    sys.exit(1)


def single(inkoop, args):
    r = subprocess.run([inkoop, "--policies", os.path.join(ROOT, "policies"), "sweep", *args, "--format", "csv"],
                       capture_output=True, check=False)
    if r.returncode not in (0, 1):
        fail(f"inkoop sweep exited {r.returncode}: {r.stderr.decode()}")
    return r.stdout.decode()


def compare(name, got, want):
    if sorted(got.splitlines()) != sorted(want.splitlines()):
        fail(f"{name}: the rows differ from the single-process sweep's")
    if got != want:
        fail(f"{name}: the same rows, in another order")
    print(f"ok: {name}: {len(want.splitlines()) - 1} rows, byte for byte the single-process table")


def main():
    inkoop, sample = sys.argv[1], sys.argv[2]
    from dask.distributed import Client, LocalCluster

    with tempfile.TemporaryDirectory(prefix="inkoop-dask-") as d:
        # 1. The sample list, a grid of 7 x 5, two local workers started by the script.
        args = ["--policy", "salland/ggz-2024", "--vary", "max_fte_vrijgevestigde=6..12:1",
                "--vary", "aanmeld_deadline=2023-05-01..2023-07-01:15", "--by", "kind"]
        lst = os.path.join(ROOT, "scripts", "samples", "providers.csv")
        out = os.path.join(d, "local.csv")
        r = subprocess.run(["/usr/bin/python3", SCRIPT, "--inkoop", inkoop, "--policies", os.path.join(ROOT, "policies"),
                            "--input", lst, "--output", out, "--workers", "2", "--shards", "6", *args],
                           capture_output=True, check=False, timeout=240)
        if r.returncode != 1:  # the sample list's five bad rows, as inkoop says
            fail(f"sweep_dask.py exited {r.returncode}: {r.stderr.decode()[-3000:]}")
        with open(out) as f:
            compare("LocalCluster, 2 workers, 6 shards", f.read(), single(inkoop, [*args, "--input", lst]))

        # 2. A heavier grid over 20,000 generated providers, on a cluster of our own; one worker is
        # killed while it runs a shard.
        big = os.path.join(d, "providers.csv")
        with open(big, "w") as f:
            subprocess.run([sample, "--rows", "20000", "--seed", "7"], stdout=f, check=True)
        args = ["--policy", "salland/ggz-2024", "--vary", "max_fte_vrijgevestigde=6..15.9:0.1"]
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None)
        client = Client(cluster)
        try:
            out = os.path.join(d, "killed.csv")
            driver = subprocess.Popen(["/usr/bin/python3", SCRIPT, "--inkoop", inkoop, "--policies", os.path.join(ROOT, "policies"),
                                       "--input", big, "--output", out, "--scheduler", cluster.scheduler_address, "--shards", "10",
                                       *args], stderr=subprocess.PIPE)
            pids = client.run(os.getpid)
            killed = None
            deadline = time.time() + 120
            while killed is None and time.time() < deadline and driver.poll() is None:
                for worker, tasks in client.processing().items():
                    if any(str(t).startswith("inkoop-shard-") for t in tasks) and worker in pids:
                        time.sleep(0.2)  # well inside the shard's run
                        os.kill(pids[worker], signal.SIGKILL)
                        killed = (worker, list(tasks))
                        break
                time.sleep(0.02)
            if killed is None:
                fail("no worker was seen running a shard")
            print(f"killed worker {killed[0]} (pid {pids[killed[0]]}) while it ran {killed[1]}")
            _, err = driver.communicate(timeout=240)
            if driver.returncode != 1:
                fail(f"sweep_dask.py exited {driver.returncode} after the kill: {err.decode()[-3000:]}")
            after = client.run(os.getpid)
            if pids[killed[0]] in after.values():
                fail("the killed worker is still there")
            with open(out) as f:
                compare("a worker killed mid-run", f.read(), single(inkoop, [*args, "--input", big]))
        finally:
            client.close()
            cluster.close()


if __name__ == "__main__":
    main()
