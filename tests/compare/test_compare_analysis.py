"""twin.analysis.compare on the real runs of conftest.py, and its statistics on numbers worked by hand."""

import numpy as np
import pandas as pd
import pytest
import xarray as xr

from twin.analysis.compare import compare, findings, sweep_points
from twin.analysis.compare_distributions import distributions
from twin.analysis.compare_losses import line_losses, wilson_interval
from twin.analysis.line_export import as_line_data
from twin.contract import FAILURE_CODES
from twin.data import read_line_data

from .conftest import finite


def test_a_run_written_as_line_data_reads_back_exactly(files):
    """as_line_data -> CSV -> read_line_data gives the run's values (SI, flags by name, NaN as empty)."""
    line = read_line_data(files.line)
    with xr.open_dataset(files.line.with_name("line_run.nc")) as ds:
        for name in ("cell_asr", "electrolyte_thickness", "time_to_short", "passed", "failure_mode", "tape_lot"):
            want = ds[name].isel(point=0).values.ravel()
            assert np.array_equal(line[name].to_numpy(), want, equal_nan=want.dtype.kind == "f"), name
        assert len(line) == ds.sizes["replicate"] * ds.sizes["cell"]
    assert line.attrs["units"]["cell_asr"] == "ohm m2"
    assert line["cell"].is_unique and set(line["lot"]) == {"R0", "R1"}


def test_as_line_data_refuses_a_column_that_is_not_per_cell(files):
    with xr.open_dataset(files.twin) as ds, pytest.raises(ValueError, match="not a per-cell variable.*yield.*valid: "):
        as_line_data(ds, columns=["cell_asr", "yield"])


def test_asr_half_as_high_again_in_numbers(files):
    """The line's cell_asr is the run's x 1.5, its high_asr losses the run's plus the cells moved over the limit."""
    line = read_line_data(files.line)
    asr = read_line_data(files.line_asr)
    with xr.open_dataset(files.twin) as ds:
        cmp = compare(ds, asr)
        released = int(ds["cells_released"].sum())
        twin_high = int((ds["failure_mode"].values == FAILURE_CODES["high_asr"]).sum())
    row = cmp.distributions.set_index("variable").loc["cell_asr"]
    assert row["line_q50"] == pytest.approx(1.5 * np.nanmedian(line["cell_asr"]), rel=1e-12)
    assert row["median_shift"] < -0.25 and row["ks_p"] < 1e-6 and row["flagged"]
    high = cmp.losses.set_index("name").loc["high_asr"]
    assert high["line_lost"] == (line["failure_mode"] == FAILURE_CODES["high_asr"]).sum() + files.extra_high_asr
    assert (high["twin_lost"], high["twin_cells"]) == (twin_high, released)
    assert high["twin_share"] < high["line_low"] and high["p_value"] < 1e-6
    assert list(findings(cmp)["name"]) == ["high_asr", "eol", "all losses", "cell_asr"]


def test_draws_of_the_chosen_sweep_point_are_pooled(files):
    line = read_line_data(files.line)
    with xr.open_dataset(files.draws) as ds:
        groups = sweep_points(ds)
        assert [list(g) for g in groups] == [[0, 2, 4], [1, 3, 5]], "draws are the outer loop of the points"
        cmp = compare(ds, line, point=1)
        assert cmp.positions == (1, 3, 5)
        assert cmp.distributions.set_index("variable").loc["cell_asr", "n_twin"] == \
            finite(ds["cell_asr"].isel(point=[1, 3, 5]).values)
        with pytest.raises(ValueError, match="2 sweep points"):
            compare(ds, line)


def test_points_without_draws_are_each_a_sweep_point(files):
    with xr.open_dataset(files.twin) as ds:
        two = xr.concat([ds, ds], dim="point").assign_coords(point=[0, 1])
    assert [list(g) for g in sweep_points(two)] == [[0], [1]]


def test_wilson_interval_by_hand():
    """Wilson (1927) score interval, z = 1.96: 0 of 400 -> [0, z^2 / (n + z^2)]; 20 of 100 -> [0.1333, 0.2888]."""
    lo, hi = wilson_interval(0, 400)
    assert lo == 0 and hi == pytest.approx(1.959964**2 / (400 + 1.959964**2), rel=1e-6)
    assert wilson_interval(20, 100) == pytest.approx((0.13333, 0.28878), abs=1e-4)


def test_line_losses_from_failure_mode_or_passed_alone():
    modes = pd.Series([0, 0, FAILURE_CODES["high_asr"], FAILURE_CODES["low_density"]], dtype="int8")
    assert line_losses(pd.DataFrame({"failure_mode": modes})) == (4, {"low_density": 1, "high_asr": 1}, 2)
    assert line_losses(pd.DataFrame({"passed": [True, False, False]})) == (3, None, 2)
    assert line_losses(pd.DataFrame({"cell_asr": [0.01]})) == (1, None, None)
    with pytest.raises(ValueError, match="disagree in rows 3, 5"):
        line_losses(pd.DataFrame({"passed": [True, False, True, True], "failure_mode": [0, 0, 0, 9]}))


def _frame(name: str, values) -> tuple[xr.Dataset, pd.DataFrame]:
    """A one-point, one-replicate Dataset of one variable (the twin) and line data of it."""
    v = np.asarray(values[0], float)
    ds = xr.Dataset({name: (("point", "replicate", "cell"), v[None, None, :], {"units": "m"}),
                     "passed": (("point", "replicate", "cell"), np.ones((1, 1, v.size), bool))})
    return ds, pd.DataFrame({"cell": [str(i) for i in range(len(values[1]))], name: values[1]})


def test_a_small_shift_in_large_samples_is_significant_but_not_flagged():
    """KS finds a 0.1 IQR shift in 20 000 cells (p << 0.01), but it is not material: not flagged."""
    rng = np.random.default_rng(1)
    ds, line = _frame("electrolyte_thickness", (rng.normal(25.1, 1, 20_000), rng.normal(25.0, 1, 20_000)))
    row = distributions(ds, line)[0].iloc[0]
    assert row["ks_p"] < 1e-4 and abs(row["median_shift"]) < 0.25 and not row["flagged"]


def test_a_large_shift_in_tiny_samples_is_not_flagged():
    """Half an IQR apart, but five cells each: KS p > 0.01, not flagged."""
    ds, line = _frame("electrolyte_thickness", ([25.5, 24.0, 26.9, 25.2, 26.1], [25.0, 23.6, 26.4, 24.8, 25.7]))
    row = distributions(ds, line)[0].iloc[0]
    assert abs(row["median_shift"]) > 0.25 and row["ks_p"] > 0.01 and not row["flagged"]


def test_a_wider_spread_is_flagged_and_a_constant_line_uses_the_pooled_iqr():
    rng = np.random.default_rng(2)
    ds, line = _frame("electrolyte_thickness", (rng.normal(25, 2, 2000), rng.normal(25, 1, 2000)))
    row = distributions(ds, line)[0].iloc[0]
    assert row["spread_ratio"] == pytest.approx(2, rel=0.1) and row["flagged"]
    ds, line = _frame("stack_pressure", (np.full(50, 5e6), np.full(50, 5e6)))
    row = distributions(ds, line)[0].iloc[0]
    assert row["median_shift"] == 0 and np.isnan(row["spread_ratio"]) and not row["flagged"]
    ds, line = _frame("stack_pressure", (np.full(50, 6e6), np.full(50, 5e6)))
    row = distributions(ds, line)[0].iloc[0]
    assert row["median_shift"] == 1.0 and row["flagged"], "1 MPa in the pooled IQR (5 to 6 MPa)"
    ds, line = _frame("stack_pressure", (np.r_[np.full(51, 6e6), np.full(49, 5e6)], np.full(1000, 5e6)))
    row = distributions(ds, line)[0].iloc[0]
    assert row["median_shift"] == np.inf and row["flagged"], "pooled IQR 0 too: any shift is material"
