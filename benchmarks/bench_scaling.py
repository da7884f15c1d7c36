"""Scaling of a Monte Carlo study on local Ray, and what Ray and the store cost per chunk.

Measures, in the same run and process, on the baseline scenario (``--cells``
cells per replicate, replicates chosen so the serial run takes at least
``--serial-seconds``):

* **in-memory**: :func:`twin.study.work.simulate_study` (no store, no backend), the
  floor;
* **serial**: ``run_study(backend="serial")``: the same work streamed chunk by
  chunk into a zarr store (so the store's cost is in-memory vs serial);
* **ray**: ``run_study(backend="ray", workers=W)`` on a private local Ray
  with ``--workers`` workers (default: every core), same chunk plan;
* **Ray per-task overhead**: ``--tasks`` empty tasks through the same
  bounded-in-flight ``ray.wait`` loop the backend uses.

Reports the scaling efficiency ``serial / (W x parallel)`` (excluding and
including Ray's start-up), the overhead per chunk
``(W x parallel - sum of chunk compute times) / chunks`` and the empty-task
round trip. Machines are shared and noisy: the load average is printed with
the numbers.

    python benchmarks/bench_scaling.py [--serial-seconds 30] [--cells 400] [--workers N] [--chunks-per-worker 4]
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from twin.study.runner import run_study
from twin.study.work import run_unit, simulate_study  # noqa: E402
from twin.scenario import load_scenario  # noqa: E402


def _ray_task_overhead(workers: int, n: int) -> float:
    """Seconds per empty task: submit with at most 2 x workers in flight, collect with ray.wait."""
    from twin.study.ray_backend import RayBackend

    with RayBackend(workers=workers) as be:
        ray = be._ray

        @ray.remote
        def noop(x):
            return x

        ray.get([noop.remote(i) for i in range(4 * workers)])  # warm the workers
        t0 = time.perf_counter()
        pending, left = [], n
        while left or pending:
            while left and len(pending) < be.max_in_flight:
                pending.append(noop.remote(left))
                left -= 1
            ready, pending = ray.wait(pending, num_returns=1)
            ray.get(ready)
        return (time.perf_counter() - t0) / n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--serial-seconds", type=float, default=30.0, help="target serial run time [s]")
    ap.add_argument("--cells", type=int, default=400, help="cells per replicate")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--chunks-per-worker", type=int, default=4)
    ap.add_argument("--tasks", type=int, default=2000, help="empty tasks for the per-task overhead")
    args = ap.parse_args()

    base = load_scenario(ROOT / "scenarios" / "baseline.yaml")
    sc = base.model_copy(update={"cells": args.cells, "replicates": 4})
    run_unit(sc, [(0, 0)])  # warm imports and caches
    t0 = time.perf_counter()
    run_unit(sc, [(0, r) for r in range(1, 5)])
    per_rep = (time.perf_counter() - t0) / 4
    R = max(args.workers * args.chunks_per_worker, math.ceil(args.serial_seconds / per_rep))
    sc = base.model_copy(update={"cells": args.cells, "replicates": R})
    chunk = math.ceil(R / (args.workers * args.chunks_per_worker))
    print(f"study: baseline, 1 point x {R} replicates x {args.cells} cells = {R * args.cells} cells; "
          f"{per_rep * 1e3:.0f} ms per replicate; chunks of {chunk} replicates; load average {os.getloadavg()[0]:.2f} "
          f"on {os.cpu_count()} cores", flush=True)

    tmp = Path(tempfile.mkdtemp(prefix="bench_scaling"))
    try:
        t0 = time.perf_counter()
        simulate_study(sc)
        t_mem = time.perf_counter() - t0
        print(f"in-memory serial     {t_mem:8.2f} s", flush=True)

        s = run_study(sc, tmp / "serial.zarr", backend="serial", chunk_size=chunk)
        t_ser = s.seconds
        print(f"serial + store       {t_ser:8.2f} s   ({s.chunks_run} chunks; store costs {100 * (t_ser / t_mem - 1):+.1f} %, "
              f"{(t_ser - t_mem) / s.chunks_run * 1e3:.0f} ms per chunk)", flush=True)

        r = run_study(sc, tmp / "ray.zarr", backend="ray", workers=args.workers, chunk_size=chunk)
        t_par = r.seconds - r.startup_seconds
        eff = t_ser / (r.workers * t_par)
        eff_all = t_ser / (r.workers * r.seconds)
        print(f"ray, {r.workers} workers        {t_par:8.2f} s   (+ {r.startup_seconds:.1f} s Ray start-up; {r.chunks_run} chunks)",
              flush=True)
        print(f"scaling efficiency   {100 * eff:7.1f} %   serial / (workers x parallel), Ray running; "
              f"{100 * eff_all:.1f} % with start-up", flush=True)
        print(f"overhead per chunk   {r.overhead_per_chunk * 1e3:8.1f} ms  (workers x wall - compute) / chunks; "
              f"mean chunk compute {r.compute_seconds / r.chunks_run * 1e3:.0f} ms", flush=True)
        t_task = _ray_task_overhead(args.workers, args.tasks)
        print(f"Ray empty task       {t_task * 1e3:8.2f} ms  per task round trip ({args.tasks} tasks, "
              f"{2 * args.workers} in flight) = {100 * t_task / (r.compute_seconds / r.chunks_run):.2f} % of a chunk",
              flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
