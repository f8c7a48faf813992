#!/usr/bin/python3
"""inkoop sweep over Dask workers: a grid of scenarios too large for one machine.

    scripts/sweep_dask.py --inkoop build/inkoop --policies policies \\
        --policy salland/ggz-2024 --input scripts/samples/providers.csv \\
        --vary max_fte_vrijgevestigde=6..12:0.5 --vary aanmeld_deadline=2023-05-01..2023-07-01:7 \\
        --shards 16 --output sweep.csv [--scheduler tcp://HOST:8786] [--workers 2] [--by kind]

The grid is split into --shards shards (scenario i goes to shard i mod N); each shard is one
`inkoop sweep --shard K/N --format csv` run on a Dask worker; the shards' rows are put back in
grid order, so the table is byte for byte the one a single `inkoop sweep --format csv` prints.

Without --scheduler a LocalCluster of --workers processes on this machine (loopback only) is used.
With --scheduler tcp://HOST:8786 the shards go to a running cluster (dask-scheduler and
dask-worker, Debian's python3-distributed). Each worker machine needs only:
  - the inkoop binary at the path given by --inkoop (same path on every machine), and
  - the policy tree at the path given by --policies (copy it with rsync, or a shared folder).
The provider list is sent to the workers by the scheduler (it is read once here, and held in the
task graph, so a worker lost with it costs a copy, not the sweep); nothing else.
Check that every machine has the same binary and policy tree: the version each shard reports is
compared, and a shard decided under another policy version is an error.

A shard whose worker dies is run again on another worker (Dask reschedules it); a shard whose
inkoop run fails (exit 2 or more) is retried up to --retries times, then the sweep fails. The
output is written whole under a temporary name and renamed, or not at all. Exit status: 0, or 1
when the list has rejected rows (as inkoop's), 2 on errors.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile


def run_shard(inkoop, policies, sweep_args, shard, shards, list_bytes, list_name):
    """One `inkoop sweep --shard` run on this worker: its CSV, exit status and policy version."""
    with tempfile.TemporaryDirectory(prefix="inkoop-shard-") as d:
        path = os.path.join(d, list_name)
        with open(path, "wb") as f:
            f.write(list_bytes)
        version = subprocess.run([inkoop, "--policies", policies, "sweep", *sweep_args, "--input", path, "--plan"],
                                 capture_output=True, check=False)
        if version.returncode != 0:
            raise RuntimeError(f"shard {shard}/{shards}: inkoop --plan exited {version.returncode}: {version.stderr.decode()[-2000:]}")
        run = subprocess.run([inkoop, "--policies", policies, "sweep", *sweep_args, "--input", path,
                              "--shard", f"{shard}/{shards}", "--format", "csv"], capture_output=True, check=False)
        if run.returncode not in (0, 1):
            raise RuntimeError(f"shard {shard}/{shards}: inkoop exited {run.returncode}: {run.stderr.decode()[-2000:]}")
        return {"shard": shard, "status": run.returncode, "csv": run.stdout.decode("utf-8"), "host": os.uname().nodename,
                "policy_version": json.loads(version.stdout)["policy_version"]}


def list_source(list_bytes):
    """The provider list, as a task the scheduler can run again when every copy is lost."""
    return list_bytes


def merge(results, grid, shards):
    """The shards' rows in grid order (scenario i is row block i // shards of shard i % shards)."""
    header = None
    blocks = {}
    for r in results:
        lines = r["csv"].splitlines(keepends=True)
        if header is None:
            header = lines[0]
        elif lines[0] != header:
            raise RuntimeError(f"shard {r['shard']}: another header: {lines[0]!r}")
        rows = lines[1:]
        scenarios = len(range(r["shard"], grid, shards))
        if scenarios == 0:
            continue
        if len(rows) % scenarios:
            raise RuntimeError(f"shard {r['shard']}: {len(rows)} rows for {scenarios} scenarios")
        per = len(rows) // scenarios
        blocks[r["shard"]] = [rows[i * per:(i + 1) * per] for i in range(scenarios)]
    out = [header]
    for i in range(grid):
        out.extend(blocks[i % shards][i // shards])
    return "".join(out)


def write_whole(path, text):
    d = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", dir=d)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--inkoop", required=True, help="the inkoop binary (the same path on every worker)")
    p.add_argument("--policies", required=True, help="the policy tree (the same path on every worker)")
    p.add_argument("--policy", required=True)
    p.add_argument("--input", required=True, help="the provider list, read here and sent to the workers")
    p.add_argument("--vary", action="append", required=True, help="as inkoop sweep --vary")
    p.add_argument("--set", action="append", default=[], help="a base parameter NAME=VALUE")
    p.add_argument("--by", choices=["kind", "region"])
    p.add_argument("--shards", type=int, default=0, help="how many shards (default: 4 per worker)")
    p.add_argument("--output", required=True, help="the merged table (CSV)")
    p.add_argument("--scheduler", help="tcp://HOST:8786 of a running cluster; default a LocalCluster")
    p.add_argument("--workers", type=int, default=2, help="LocalCluster: worker processes")
    p.add_argument("--retries", type=int, default=2, help="runs again of a shard whose inkoop run fails")
    a = p.parse_args(argv)

    from dask.distributed import Client, LocalCluster  # Debian: python3-distributed

    sweep_args = ["--policy", a.policy, "--jobs", "1"]
    for v in a.vary:
        sweep_args += ["--vary", v]
    for s in a.set:
        sweep_args += ["--set", s]
    if a.by:
        sweep_args += ["--by", a.by]
    plan = subprocess.run([a.inkoop, "--policies", a.policies, "sweep", *sweep_args, "--input", a.input, "--plan"],
                          capture_output=True, check=False)
    if plan.returncode != 0:
        sys.stderr.write(plan.stderr.decode())
        return 2
    planned = json.loads(plan.stdout)
    grid = planned["grid"]
    with open(a.input, "rb") as f:
        list_bytes = f.read()

    cluster = None
    if a.scheduler:
        client = Client(a.scheduler)
    else:
        cluster = LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None)
        client = Client(cluster)
    try:
        shards = a.shards or max(1, 4 * len(client.scheduler_info()["workers"]))
        shards = min(shards, grid)
        # The list as a task's result, not scattered data: a worker that dies holding the only copy
        # (one that joined after a scatter, or a copy still on its way) loses nothing, the
        # scheduler computes it again from the graph.
        data = client.submit(list_source, list_bytes, key="inkoop-provider-list", pure=False)
        futures = [client.submit(run_shard, a.inkoop, a.policies, sweep_args, k, shards, data, os.path.basename(a.input),
                                 key=f"inkoop-shard-{k}-of-{shards}", retries=a.retries, pure=False)
                   for k in range(shards)]
        results = client.gather(futures)
    finally:
        client.close()
        if cluster:
            cluster.close()
    for r in results:
        if r["policy_version"] != planned["policy_version"]:
            sys.stderr.write(f"sweep_dask: shard {r['shard']} on {r['host']} decided under {r['policy_version']}, "
                             f"not {planned['policy_version']}: the workers' policy trees differ\n")
            return 2
    write_whole(a.output, merge(results, grid, shards))
    hosts = sorted({r["host"] for r in results})
    sys.stderr.write(f"sweep_dask: {grid} scenarios in {shards} shards on {', '.join(hosts)} -> {a.output}\n")
    return max(r["status"] for r in results)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except SystemExit:
        raise
    except BaseException as e:  # pylint: disable=broad-except (asyncio's CancelledError is no Exception)
        # Python's own exit status for an uncaught exception is 1, which here means "the list has
        # rejected rows" (a complete table); a sweep that failed says so and exits 2.
        sys.stderr.write(f"sweep_dask: failed, no table written: {type(e).__name__}: {e}\n")
        sys.exit(2)
