"""Identifiability, the full study (issue 11, Validation): the twin calibrates itself back.

Line data are made by the twin itself (scenarios/lab_cell.yaml, Cao's lab
cells) with the cold-pressed cathode interface's ``asr_ref`` set to a hidden
value, and calibrated back with ABC-SMC from the per-cell cathode interface
ASR. The CI test (tests/calibration/test_abc.py) does one hidden value at 12
and 48 cells; this study does three hidden values (15, 30 and 50 ohm cm2,
inside the prior's 90 % range 6.2-64) at 12, 48 and 192 cells, each with
its own line seed, and reports whether the hidden value lies inside the 90 %
credible interval and how the interval narrows (1/sqrt(n) would halve it for
each 4x more cells).

    python benchmarks/bench_identifiability.py            # ~2-3 min on one core

It asserts nothing; it prints the table (and the coverage count).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import xarray as xr

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

KEY = ("CATHODE_INTERFACES", "cold_pressed", "asr_ref")
HIDDEN = (0.0015, 0.003, 0.005)  # ohm m2 = 15, 30, 50 ohm cm2
CELLS = (12, 48, 192)


def line_data(path: Path, cells: int, value: float, seed: int) -> Path:
    """Per-cell cathode interface ASR of lab cells made by the twin with ``asr_ref = value``, as line data."""
    from process_models.overrides import overridden
    from twin.scenario import load_scenario
    from twin.simulation.replicate import simulate_replicate

    sc = load_scenario(ROOT / "scenarios" / "lab_cell.yaml").model_copy(update={"cells": cells, "seed": seed})
    with overridden({KEY: value}):
        c = simulate_replicate(sc, 0, 0).cells
    pd.DataFrame({"cell": [f"c{i:04d}" for i in range(cells)], "cathode_interface_asr": c["cathode_interface_asr"],
                  "passed": c["passed"]}).to_csv(path, index=False)
    return path


def config(data: Path) -> str:
    return f"""name: identifiability
seed: 5
method: abc-smc
parameters:
  - parameter: {'.'.join(KEY)}
data:
  - path: {data}
    observation: line
    scenario: {ROOT / 'scenarios' / 'lab_cell.yaml'}
    variable: cathode_interface_asr
abc_smc: {{particles: 100, generations: 5, quantile: 0.5}}
"""


def fit(d: Path, value: float, cells: int, seed: int) -> dict:
    from twin.calibration import calibrate

    data = line_data(d / f"line_{value}_{cells}.csv", cells, value, seed)
    cfg = d / f"cfg_{value}_{cells}.yaml"
    cfg.write_text(config(data))
    t0 = time.perf_counter()
    out = calibrate(cfg, d / f"post_{value}_{cells}.nc")
    with xr.open_dataset(out) as ds:
        a = ds[".".join(KEY)].attrs
        lo, med, hi = a["posterior_ci90_low"], a["posterior_median"], a["posterior_ci90_high"]
    return {"hidden [ohm cm2]": value * 1e4, "cells": cells, "median": med * 1e4, "ci90 low": lo * 1e4,
            "ci90 high": hi * 1e4, "width": (hi - lo) * 1e4, "inside": lo < value < hi,
            "seconds": round(time.perf_counter() - t0, 1)}


def main() -> int:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, value in enumerate(HIDDEN):
            for cells in CELLS:
                rows.append(fit(Path(tmp), value, cells, seed=1000 + 10 * i + cells))
    t = pd.DataFrame(rows)
    with pd.option_context("display.width", 160, "display.precision", 3):
        print(t.to_string(index=False))
    ratio = t.pivot(index="hidden [ohm cm2]", columns="cells", values="width")
    print("\ninterval width relative to 12 cells:")
    print((ratio.div(ratio[CELLS[0]], axis=0)).round(2).to_string())
    print(f"\nhidden value inside the 90 % interval: {int(t['inside'].sum())} of {len(t)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
