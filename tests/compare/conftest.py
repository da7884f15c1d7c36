"""Real runs for `twin compare`: a small baseline (the twin), the same line with another seed (the line), and a
sweep over parameter draws; line data made from a run with `twin.analysis.line_export.as_line_data`."""

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import xarray as xr

from ..conftest import SCENARIOS, run_twin, shrink

CELLS, REPLICATES = 200, 2
LINE_SEED = 7  # the shipped baseline's seed is 20261122: the line is an independent sample of the same process
INTERPHASE = "CATHODE_INTERFACES.spray_sintered.interphase_resistivity"


@dataclass(frozen=True)
class Files:
    twin: Path  #: results of the baseline (shipped seed)
    line: Path  #: line data: the baseline run with another seed, every per-cell variable
    line_asr: Path  #: the same line data with cell_asr x 1.5 and the cells this takes over the ASR limit lost as high_asr
    draws: Path  #: results of a 2-point sweep x 3 parameter draws
    extra_high_asr: int  #: cells the x 1.5 turned into high_asr losses


def baseline_text(cells=CELLS, replicates=REPLICATES, seed=None, block="") -> str:
    text = shrink((SCENARIOS / "baseline.yaml").read_text(), cells=cells, replicates=replicates)
    if seed is not None:
        text = text.replace("seed: 20261122", f"seed: {seed}")
    return text + "\n" + block


def _run(folder: Path, name: str, text: str) -> Path:
    sc, out = folder / f"{name}.yaml", folder / f"{name}.nc"
    sc.write_text(text)
    r = run_twin("run", sc, "-o", out, "--workers", "1")
    assert r.returncode == 0, r.stderr
    return out


def raise_asr(line: pd.DataFrame, limit: float, factor: float = 1.5) -> tuple[pd.DataFrame, int]:
    """cell_asr x ``factor``; cells that passed and are now above ``limit`` [ohm m2] are lost as high_asr."""
    out = line.copy()
    out["cell_asr"] = out["cell_asr"] * factor
    hit = (out["cell_asr"] > limit) & out["passed"]
    out.loc[hit, "passed"] = False
    out.loc[hit, "failure_mode"] = "high_asr"
    return out, int(hit.sum())


@pytest.fixture(scope="session")
def files(tmp_path_factory) -> Files:
    from twin.analysis.line_export import as_line_data

    folder = tmp_path_factory.mktemp("compare")
    twin = _run(folder, "twin", baseline_text())
    line_run = _run(folder, "line_run", baseline_text(seed=LINE_SEED))
    sweep = "sweep:\n  grid:\n    process.stacking.stack_pressure: [\"3 MPa\", \"5 MPa\"]\n"
    draws = f"uncertainty:\n  parameters: priors\n  draws: 3\n  names:\n    - {INTERPHASE}\n"
    draws_nc = _run(folder, "draws", baseline_text(cells=60, replicates=1, block=sweep + draws))
    with xr.open_dataset(line_run) as ds:
        line = as_line_data(ds)
        limit = float(ds.attrs["gate_max_cell_asr"])
    line.to_csv(folder / "line.csv", index=False)
    asr, extra = raise_asr(line, limit)
    asr.to_csv(folder / "line_asr.csv", index=False)
    assert extra > 20, "the x 1.5 must move cells over the limit for the test to mean anything"
    return Files(twin, folder / "line.csv", folder / "line_asr.csv", draws_nc, extra)


def finite(values) -> int:
    return int(np.isfinite(np.asarray(values, float)).sum())
