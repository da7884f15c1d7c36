"""Peak memory of a streamed study as it grows: 10^4 -> 10^6 cells.

Runs, in a fresh process per study size, what ``twin run`` does, phase by
phase, on the baseline scenario with ``--cells-per-replicate`` cells per
replicate and as many replicates as each size needs:

1. **study**: :func:`twin.study.runner.run_study` (chunks streamed into the zarr store);
2. **export**: the store exported to netCDF block by block;
3. **summary**: the terminal summary table (:func:`twin.report.summary.print_summary`).

and reports the process's peak resident memory (``ru_maxrss``) after each
phase (a running maximum), and its ratio to the smallest study's. With
``--backend ray`` it also samples the summed resident memory of the process
and every Ray process it started (every 0.2 s, from /proc). A flat profile
(ratio ~1 while the study grows 100x) is the aim.

    python benchmarks/bench_memory.py [--sizes 1e4 1e5 1e6] [--cells-per-replicate 200] [--backend serial|ray]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _tree(root: int) -> list[int]:
    kids: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            kids.setdefault(ppid, []).append(int(d.name))
    out, todo = [], [root]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


PHASES = r"""
import io, resource, sys
def peak():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
from rich.console import Console
from twin.study.runner import run_study
from twin.scenario import load_scenario
from twin.results.store import ResultsStore
from twin.report.summary import print_summary
sc = load_scenario(sys.argv[1])
run_study(sc, sys.argv[2], backend=sys.argv[3])
print("study", peak(), flush=True)
st = ResultsStore.open(sys.argv[2])
st.export_netcdf(sys.argv[2] + ".nc")
print("export", peak(), flush=True)
print_summary(st.dataset(), Console(file=io.StringIO()))
print("summary", peak(), flush=True)
"""


def run_one(yaml: Path, store: Path, backend: str) -> tuple[float, dict[str, int], int]:
    """(seconds, peak RSS of the process after each phase [B], peak summed RSS of its process tree [B])."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    t0 = time.perf_counter()
    p = subprocess.Popen([sys.executable, "-c", PHASES, str(yaml), str(store), backend],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    tree_peak = 0
    while p.poll() is None:
        if backend != "serial":
            tree_peak = max(tree_peak, sum(_rss(q) for q in _tree(p.pid)))
        time.sleep(0.2)
    out, err = p.communicate()
    if p.returncode != 0:
        raise RuntimeError(f"study failed:\n{err[-3000:]}")
    peaks = {k: int(v) for k, v in (line.split() for line in out.splitlines() if line.strip())}
    return time.perf_counter() - t0, peaks, tree_peak


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[1e4, 1e5, 1e6], help="cells per study")
    ap.add_argument("--cells-per-replicate", type=int, default=200)
    ap.add_argument("--backend", choices=("serial", "ray"), default="serial")
    args = ap.parse_args()

    text = (ROOT / "scenarios" / "baseline.yaml").read_text()
    tmp = Path(tempfile.mkdtemp(prefix="bench_memory"))
    print(f"baseline scenario, {args.cells_per_replicate} cells per replicate, backend {args.backend}; "
          f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores", flush=True)
    print("peak RSS [MB] of the process after each phase; ratios to the smallest study, same phase", flush=True)
    print(f"{'cells':>10} {'replicates':>10} {'time [s]':>9} {'study':>8} {'export':>8} {'summary':>8}   ratios"
          + ("           Ray processes + driver [MB]" if args.backend != "serial" else ""), flush=True)
    first = None
    try:
        for size in args.sizes:
            reps = max(1, round(size / args.cells_per_replicate))
            y = tmp / f"m{reps}.yaml"
            t = re.sub(r"(?m)^cells: \d+", f"cells: {args.cells_per_replicate}", text)
            y.write_text(re.sub(r"(?m)^replicates: \d+", f"replicates: {reps}", t))
            secs, peaks, tree = run_one(y, tmp / f"m{reps}.zarr", args.backend)
            shutil.rmtree(tmp / f"m{reps}.zarr", ignore_errors=True)
            (tmp / f"m{reps}.zarr.nc").unlink(missing_ok=True)
            first = first or peaks
            mb = [peaks[k] / 2**20 for k in ("study", "export", "summary")]
            ratios = " ".join(f"{peaks[k] / first[k]:.2f}" for k in ("study", "export", "summary"))
            line = (f"{reps * args.cells_per_replicate:>10d} {reps:>10d} {secs:>9.1f} {mb[0]:>8.0f} {mb[1]:>8.0f} "
                    f"{mb[2]:>8.0f}   {ratios}")
            if args.backend != "serial":
                line += f"   {tree / 2**20:>8.0f}"
            print(line, flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
