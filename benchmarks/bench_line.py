"""Line speed: simulated cells per second per core, full twin vs a bare SimPy model.

Measures, in the same run and process:

* **full**: :func:`twin.simulation.replicate.simulate_replicate` on the baseline scenario
  (line + process physics + vectorised cell evaluation + KPIs), with the baseline's duty
  (C/10 formation and 100 cycles at C/5, added to the baseline by issue 10);
* **full, formation only**: the same without the 100 cycles: the twin as issue 14
  measured it (the cycling is cell physics that no SimPy model of the line carries;
  its own cost is in bench_duty.py);
* **line only**: :func:`twin.simulation.line.simulate_line` with the same stations and
  pre-drawn times, no physics;
* **bare SimPy**: a minimal hand-written SimPy model of the same stations
  (Resource per station, one process per item, a batch furnace as a Store),
  the floor of what any SimPy model of this line costs.

Reports cells/s for each and the ratios full/bare and line/bare (issue 14 asks
for full >= 60 % of bare, after the house was rebuilt). Machines are shared and noisy: each variant is run
``--repeat`` times interleaved and the best time is kept.

    python benchmarks/bench_line.py [--cells 2000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

import numpy as np
import simpy

from twin.scenario.distributions import sample
from twin.simulation.line import StationSpec, simulate_line
from twin.simulation.replicate import simulate_replicate
from twin.scenario import scenario_from_text

ROOT = Path(__file__).resolve().parents[1]


def baseline(cells: int):
    text = (ROOT / "scenarios" / "baseline.yaml").read_text()
    text = re.sub(r"(?m)^cells: \d+", f"cells: {cells}", text)
    return scenario_from_text(text)


def bare_simpy(sc, rng) -> float:
    """Minimal SimPy model of the same stations: returns makespan [s]."""
    n = sc.cells
    env = simpy.Environment()
    st = sc.line.stations
    # Python floats (not numpy scalars) on SimPy's clock: the fastest a hand-written model gets, as the twin's line
    times = [None if s.kind == "furnace" else np.maximum(sample(s.process_time, rng, n), 0.0).tolist() for s in st]
    res = [simpy.Resource(env, capacity=s.machines) for s in st]
    release = np.cumsum(sample(sc.line.release_interval, rng, n)).tolist()
    waiting: dict[int, list] = {k: [] for k, s in enumerate(st) if s.kind == "furnace"}

    def fire(k, load):
        with res[k].request() as req:
            yield req
            yield env.timeout(4 * 3600.0)
        for ev in load:
            ev.succeed()

    def item(i):
        yield env.timeout(release[i])
        for k, s in enumerate(st):
            if s.kind == "furnace":
                ev = env.event()
                waiting[k].append(ev)
                if len(waiting[k]) == s.load_capacity or i == n - 1:
                    env.process(fire(k, waiting[k]))
                    waiting[k] = []
                yield ev
            else:
                with res[k].request() as req:
                    yield req
                    yield env.timeout(times[k][i])

    for i in range(n):
        env.process(item(i))
    env.run()
    return env.now


def line_only(sc, rng) -> float:
    n = sc.cells
    specs = [StationSpec(s.name, s.kind, s.machines, None if s.kind == "furnace" else np.maximum(sample(s.process_time, rng, n), 0.0),
                         load_capacity=s.load_capacity, load_policy=s.load_policy, load_timeout=s.load_timeout)
             for s in sc.line.stations]
    r = simulate_line(specs, np.cumsum(sample(sc.line.release_interval, rng, n)), rng, on_batch=lambda k, ids, b: 4 * 3600.0)
    return r.makespan


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cells", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args(argv)
    sc = baseline(a.cells)
    formation = sc.model_copy(update={"duty": sc.duty.model_copy(update={"cycling": None})})
    best = {"bare": np.inf, "line": np.inf, "full": np.inf, "formation": np.inf}
    for rep in range(a.repeat):
        for name, fn in (("bare", lambda: bare_simpy(sc, np.random.default_rng(rep))),
                         ("line", lambda: line_only(sc, np.random.default_rng(rep))),
                         ("full", lambda: simulate_replicate(sc, 0, rep)),
                         ("formation", lambda: simulate_replicate(formation, 0, rep))):
            t0 = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - t0)
    rate = {k: a.cells / v for k, v in best.items()}
    print(f"cells per replicate: {a.cells}, best of {a.repeat}")
    for k in ("bare", "line", "formation", "full"):
        print(f"  {k:9s}: {rate[k]:10.0f} cells/s  ({best[k] * 1e3:8.1f} ms)")
    print(f"  ratio line/bare: {rate['line'] / rate['bare']:.2f}")
    print(f"  ratio full (formation only)/bare: {rate['formation'] / rate['bare']:.2f}   (issue 14 target >= 0.60)")
    print(f"  ratio full (formation + 100 cycles)/bare: {rate['full'] / rate['bare']:.2f}")
    return rate


if __name__ == "__main__":
    main()
