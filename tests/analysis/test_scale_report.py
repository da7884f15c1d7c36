"""The report of the issue-12 studies, through the CLI: yield over layers, the layer-test trade-off, cost at scale
and the ramp-up curve are drawn (not skipped), and the tables behind them say what the figures show."""

import numpy as np
import pytest
import xarray as xr

from tests.conftest import SCENARIOS, run_twin, shrink
from twin.analysis.scale import cost_breakdown_at_scale, layer_table, ramp_curve
from twin.report import make_report


def _run(tmp_path_factory, name, cells, sweep_text=None):
    d = tmp_path_factory.mktemp(name)
    text = shrink((SCENARIOS / f"{name}.yaml").read_text(), cells=cells, replicates=1)
    if sweep_text is not None:
        text = text.split("\nsweep:")[0] + "\n" + sweep_text
    (d / f"{name}.yaml").write_text(text)
    r = run_twin("run", d / f"{name}.yaml", "-o", d / f"{name}.nc")
    assert r.returncode == 0, r.stderr
    return d / f"{name}.nc"


@pytest.fixture(scope="module")
def layer_run(tmp_path_factory):
    """layer_test.yaml at 725 degC: 1, 5 and 10 layers x test off/on, 10 cells per point."""
    return _run(tmp_path_factory, "layer_test", 10, (
        "sweep:\n  grid:\n    cell.layers: [1, 5, 10]\n    process.layer_test.enabled: [false, true]\n"
        '    process.cathode.firing_temperature: ["725 degC"]\n'))


@pytest.fixture(scope="module")
def ramp_run(tmp_path_factory):
    """ramp_up.yaml at 0, 2 and 8 years, 60 cells per point."""
    return _run(tmp_path_factory, "ramp_up", 60, (
        'sweep:\n  grid:\n    ramp_up.time_in_production: ["0 year", "2 year", "8 year"]\n'))


def test_layer_study_report_draws_the_scale_figures(layer_run, tmp_path):
    r = run_twin("report", layer_run, "-o", tmp_path / "rep")
    assert r.returncode == 0, r.stderr
    rep = make_report(layer_run, tmp_path / "again")
    for name in ("layer_yield", "layer_test", "cost_at_scale"):
        assert name not in rep.skipped, rep.skipped
        data = (tmp_path / "rep" / f"{name}.png").read_bytes()
        assert len(data) > 5000, name
    assert "ramp_up" in rep.skipped  # no ramp-up sweep in this study


def test_layer_table_shows_the_multiplication_and_the_test(layer_run):
    t = layer_table(xr.load_dataset(layer_run))
    assert sorted(set(t["layers"])) == [1, 5, 10]
    untested = t[~t["layer_test_enabled"].astype(bool)].sort_values("layers")
    # one bad layer kills the cell: the cell yield falls with the layer count
    assert np.all(np.diff(untested["cell_yield"].to_numpy()) <= 1e-12)
    tested = t[t["layer_test_enabled"].astype(bool)].set_index("layers")
    # the test discards layers, so the cells built from tested layers pass at least as often
    assert tested.loc[10, "cell_yield"] >= untested.set_index("layers").loc[10, "cell_yield"]


def test_cost_breakdown_adds_up(layer_run):
    ds = xr.load_dataset(layer_run)
    b = cost_breakdown_at_scale(ds)
    assert b["by_type"].sum() == pytest.approx(float(ds["plant_cost_per_kwh"].mean()), rel=1e-9)
    assert set(b["by_station"].index) == set(ds["station"].values)


def test_ramp_report_draws_the_curve_and_scrap_falls(ramp_run, tmp_path):
    rep = make_report(ramp_run, tmp_path / "rep")
    assert "ramp_up" not in rep.skipped, rep.skipped
    c = ramp_curve(xr.load_dataset(ramp_run))
    assert list(c["years"].round(6)) == [0.0, 2.0, 8.0]
    assert c["scrap"].iloc[0] > c["scrap"].iloc[-1]
