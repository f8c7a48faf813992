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
        if r.returncode != 1 or not os.path.exists(out):  # the sample list's five bad rows, as inkoop says
            fail(f"sweep_dask.py exited {r.returncode}: {r.stderr.decode()[-3000:]}")
        with open(out) as f:
            compare("LocalCluster, 2 workers, 6 shards", f.read(), single(inkoop, [*args, "--input", lst]))

        # 2. A heavier grid over 20,000 generated providers, on a cluster of our own; one worker is
        # killed while it runs a shard. The shard is held, not timed: the first shard run goes
        # through a wrapper that records its worker's pid and its own, then waits until it is
        # killed; the test kills that worker (and the waiting wrapper) once the record is there.
        # Every later run of the wrapper is inkoop itself. So the kill lands inside a shard's run
        # on any machine, however fast it decides.
        big = os.path.join(d, "providers.csv")
        with open(big, "w") as f:
            subprocess.run([sample, "--rows", "20000", "--seed", "7"], stdout=f, check=True)
        args = ["--policy", "salland/ggz-2024", "--vary", "max_fte_vrijgevestigde=6..15.9:0.1"]
        held = os.path.join(d, "held-shard")
        wrapper = os.path.join(d, "inkoop-held-once")
        with open(wrapper, "w") as f:
            f.write("#!/bin/bash\n"
                    "# The first shard run (not a --plan) is held until killed; every other run is inkoop.\n"
                    'case " $* " in *" --shard "*) case " $* " in *" --plan "*) ;; *)\n'
                    f'  if (set -o noclobber; echo "$PPID $$" > "{held}") 2>/dev/null; then exec sleep 600; fi ;; esac ;; esac\n'
                    f'exec "{inkoop}" "$@"\n')
        os.chmod(wrapper, 0o755)
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None)
        client = Client(cluster)
        try:
            out = os.path.join(d, "killed.csv")
            driver = subprocess.Popen(["/usr/bin/python3", SCRIPT, "--inkoop", wrapper, "--policies", os.path.join(ROOT, "policies"),
                                       "--input", big, "--output", out, "--scheduler", cluster.scheduler_address, "--shards", "10",
                                       *args], stderr=subprocess.PIPE)
            pids = client.run(os.getpid)
            record = None
            for _ in range(6000):  # a bound for a broken driver, not a speed: the loop ends when the shard is held
                if os.path.exists(held):
                    text = open(held).read().split()
                    if len(text) == 2:
                        record = text
                        break
                if driver.poll() is not None:
                    break
                time.sleep(0.05)
            if record is None:
                fail("no shard run was seen")
            worker_pid, wrapper_pid = int(record[0]), int(record[1])
            workers = [w for w, p in pids.items() if p == worker_pid]
            if not workers:
                fail(f"the held shard runs in process {worker_pid}, which is no worker of the cluster ({pids})")
            tasks = client.processing().get(workers[0], ())
            if not any(str(t).startswith("inkoop-shard-") for t in tasks):
                fail(f"the worker holding the shard runs no shard task: {tasks}")
            os.kill(worker_pid, signal.SIGKILL)
            os.kill(wrapper_pid, signal.SIGKILL)
            killed = (workers[0], list(tasks))
            print(f"killed worker {killed[0]} (pid {worker_pid}) while it ran {killed[1]}")
            _, err = driver.communicate(timeout=600)
            if driver.returncode != 1 or not os.path.exists(out):
                fail(f"sweep_dask.py exited {driver.returncode} after the kill"
                     f"{'' if os.path.exists(out) else ', and wrote no table'}: {err.decode()[-3000:]}")
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
