"""Electrochemistry speed: vectorised reduced-order discharge vs PyBaMM SPMe and DFN.

Measures, in the same run and process:

* **reduced**: :func:`process_models.electrochem.discharge` on ``--cells`` cells
  with scattered thickness, volume fractions, catholyte conductivity and series
  ASR, at 1C, in one call (best of ``--repeat``), three ways: the
  single-particle model (``layers=1``), the default (``layers="auto"``: cells
  with an ionic drop above 0.3 V also run the 8-layer model) and the 8-layer
  model for every cell (on ``--cells // 10`` cells);
* **PyBaMM SPMe / DFN**, per cell, two ways:

  - *build+solve*: a new ``pybamm.Simulation`` for a cell with its own
    geometry (what a new manufactured cell needs: thickness and volume
    fractions change the mesh and the discretised model);
  - *re-solve*: solving an already built and discretised model again (the
    floor of PyBaMM's cost, reachable only when just the current or other
    input parameters change).

Prints cells/s and the speed-up of the reduced model over each PyBaMM figure
(issue 4 aims for >= 1000x over the DFN).  Machines are shared and noisy: each
figure is the best of ``--repeat`` runs.

    python benchmarks/bench_electrochem.py [--cells 10000] [--pybamm-cells 3] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from process_models import electrochem as ec  # noqa: E402


def cells(n: int, seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    return dict(
        cathode_thickness=rng.uniform(40e-6, 150e-6, n),
        active_fraction=rng.uniform(0.5, 0.7, n),
        cathode_porosity=rng.uniform(0.03, 0.15, n),
        electrolyte_conductivity=rng.uniform(0.1, 1.0, n),
        series_asr=rng.uniform(1e-5, 5e-4, n),
    )


def time_reduced(n: int, repeat: int, layers) -> float:
    kw = cells(n)
    ec.discharge(**{k: v[:10] for k, v in kw.items()}, c_rate=1.0, layers=layers)  # warm-up
    best = np.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        ec.discharge(**kw, c_rate=1.0, layers=layers)
        best = min(best, time.perf_counter() - t0)
    return best


def time_pybamm(model: str, n: int, repeat: int) -> tuple[float, float]:
    """Best per-cell (build+solve, re-solve) times [s] over ``n`` cells."""
    import pybamm  # noqa: F401  (test-only dependency)

    from tests.validation.pybamm_reference import Case, run

    kw = cells(n, seed=1)
    build, resolve = np.inf, np.inf
    for i in range(n):
        case = Case(
            f"bench {i}",
            cathode_thickness=float(kw["cathode_thickness"][i]),
            active_fraction=float(kw["active_fraction"][i]),
            cathode_porosity=float(kw["cathode_porosity"][i]),
            electrolyte_conductivity=float(kw["electrolyte_conductivity"][i]),
            c_rate=1.0,
        )
        for _ in range(repeat):
            ref = run(case, model)
            build = min(build, ref.build_and_solve_time)
            resolve = min(resolve, ref.resolve_time)
    return build, resolve


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cells", type=int, default=10_000)
    ap.add_argument("--pybamm-cells", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    frac = float(np.mean(ec.discharge(**cells(args.cells), c_rate=1.0, layers=1).ionic_drop > ec._AUTO_BLEND[0]))
    runs = [("layers=1", args.cells, 1), ('layers="auto"', args.cells, "auto"), ("layers=8", max(args.cells // 10, 1), 8)]
    out = {}
    for label, n, layers in runs:
        t = time_reduced(n, args.repeat, layers)
        out[label] = t / n
        extra = f" ({frac:.1%} of these cells above 0.3 V ionic drop)" if layers == "auto" else ""
        print(f"ssb-twin {label:14s}: {n} cells in {t * 1e3:8.1f} ms -> {n / t:>10,.0f} cells/s "
              f"({t / n * 1e6:8.2f} us/cell){extra}")
    for model in ("SPMe", "DFN"):
        build, resolve = time_pybamm(model, args.pybamm_cells, args.repeat)
        out[model] = (build, resolve)
        ratios = ", ".join(f"{label} x{build / out[label]:,.0f} / x{resolve / out[label]:,.0f}" for label, _, _ in runs)
        print(f"PyBaMM {model:5s}: build+solve {build * 1e3:7.1f} ms/cell, re-solve {resolve * 1e3:6.1f} ms/cell; "
              f"speed-up (build / re-solve): {ratios}")
    for label, _, _ in runs:
        dfn_ratio = out["DFN"][1] / out[label]
        print(f"speed-up of {label} over the DFN re-solve (conservative): {dfn_ratio:,.0f}x "
              f"({'meets' if dfn_ratio >= 1000 else 'misses'} the >= 1000x aim)")
    return out


if __name__ == "__main__":
    main()
