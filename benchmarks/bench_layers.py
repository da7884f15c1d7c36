"""Multi-layer cells: time per unit layer of a 20-layer line against time per cell of the single-layer line.

Measures, in the same run and process, :func:`twin.simulation.replicate.simulate_replicate` on

* **single-layer**: scenarios/baseline.yaml with ``--items`` cells (each cell one 100 cm2 layer);
* **20-layer**: scenarios/pouch_oxide_pilot.yaml with ``--items / 20`` cells of 20 layers, i.e. the same
  number of unit layers through the same stations (the stacker and the stations after it handle the 20
  layers of a cell together, as one batch of the SimPy line).

Both run formation only (the baseline's cycling block is dropped) so the comparison is the line, the
per-layer physics and the assembly into cells. Reports microseconds per unit layer for each and their ratio
(issue 12 asks for the 20-layer line to cost no more per unit layer than the single-layer line per cell).
Machines are shared and noisy: each variant is run ``--repeat`` times interleaved and the best is kept.

    python benchmarks/bench_layers.py [--items 2000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from twin.scenario import scenario_from_text
from twin.simulation.replicate import simulate_replicate

ROOT = Path(__file__).resolve().parents[1]


def _scenario(name: str, cells: int):
    text = (ROOT / "scenarios" / f"{name}.yaml").read_text()
    text = re.sub(r"(?m)^cells: \d+", f"cells: {cells}", text)
    text = re.sub(r"(?ms)^  cycling:.*?(?=^\S)", "", text)  # formation only
    return scenario_from_text(text)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--items", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    variants = {"single-layer": _scenario("baseline", args.items),
                "20-layer": _scenario("pouch_oxide_pilot", args.items // 20)}
    best = dict.fromkeys(variants, float("inf"))
    for rep in range(args.repeat):
        for name, sc in variants.items():
            t = time.perf_counter()
            simulate_replicate(sc, 0, rep)
            best[name] = min(best[name], (time.perf_counter() - t) / sc.items)
    for name, t in best.items():
        print(f"  {name:14s} {1e6 * t:8.1f} us per unit layer")
    ratio = best["20-layer"] / best["single-layer"]
    print(f"20-layer / single-layer time per unit layer: {ratio:.2f} ({'meets' if ratio <= 1.0 else 'MISSES'} <= 1)")


if __name__ == "__main__":
    main()
