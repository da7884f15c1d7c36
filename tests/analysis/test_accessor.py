"""The ``ds.twin`` accessor on hand-built Datasets whose answers are known by construction."""

import numpy as np
import pytest
import xarray as xr
from numpy.testing import assert_allclose

import twin.analysis  # noqa: F401  (registers ds.twin)
from twin.analysis import pareto_mask

from .conftest import FM, hand_dataset

T, D = "sintering_dwell_temperature", "sintering_dwell_time"


def test_yield_overall_and_by_sweep_coordinate(grid_ds):
    """Good cells per replicate are 8, 8, 7, 6, 5, 3 at points 0..5 (see the fixture): pooled yields follow."""
    t = grid_ds.twin
    assert t.sweep_coords == [T, D]
    assert_allclose(float(t.final_yield()), 74 / 120, rtol=1e-12)
    by_t = t.final_yield(by=T)
    assert_allclose(by_t.sel({T: 1373.15}).item(), 46 / 60)
    assert_allclose(by_t.sel({T: 1403.15}).item(), 28 / 60)
    assert by_t[T].attrs["units"] == "K"
    by_d = t.final_yield(by=D)
    assert_allclose(by_d.values, [28 / 40, 26 / 40, 20 / 40])
    both = t.final_yield(by=[T, D])
    assert both.dims == (T, D)
    assert_allclose(both.values, np.array([[8, 8, 7], [6, 5, 3]]) / 10)
    assert_allclose(t.final_yield(by="point").values, np.array([8, 8, 7, 6, 5, 3]) / 10)
    with pytest.raises(ValueError, match="cannot group by"):
        t.final_yield(by="nonsense")


def test_waterfall_sums_to_the_total(grid_ds):
    w = grid_ds.twin.waterfall()
    assert float(w.released) == 120 and float(w.good) == 74
    assert float(w.good) + int(w.lost.sum()) == float(w.released)
    # the per-cell cross-table agrees with the line's own scrap counter at every gate
    assert np.array_equal(w.lost.sum("failure_mode").values, w.lost_at_gate.values)
    assert int(w.lost.sel(gate="breakdown", failure_mode="breakdown_scrap")) == 2
    assert int(w.lost.sel(gate="inspection", failure_mode="low_density")) == 30
    assert int(w.lost.sel(gate="inspection", failure_mode="drying_crack")) == 2
    assert int(w.lost.sel(gate="eol_test", failure_mode="hard_short")) == 12
    assert int(w.lost.sel(gate="eol_test", failure_mode="low_density")) == 0
    assert_allclose(w.remaining.values, [118, 86, 74])
    assert w.lost_by_mode.sel(failure_mode="low_density") == 30


def test_waterfall_by_coordinate_adds_up(grid_ds):
    w = grid_ds.twin.waterfall(by=T)
    total = grid_ds.twin.waterfall()
    assert_allclose(w.released.sum(T), total.released)
    assert np.array_equal(w.lost.sum(T).values, total.lost.values)
    assert_allclose(w.good + w.lost.sum(("gate", "failure_mode")), w.released)


def test_quantiles_of_a_metric_in_si_and_display_units(grid_ds):
    """Point 0: tested cells 1..9 have ASR 2..10 mohm m2; the good ones (1..8) 2..9 mohm m2."""
    one = grid_ds.isel(point=[0])
    q = one.twin.quantiles("cell_asr", [0.0, 0.5, 1.0])
    assert_allclose(q.values, [2e-3, 6e-3, 10e-3])
    assert q.attrs["units"] == "ohm m2"
    good = one.twin.quantiles("cell_asr", 0.5, cells="passed")
    assert_allclose(float(good), 5.5e-3)
    disp = one.twin.quantiles("cell_asr", 0.5, display=True)
    assert disp.attrs["units"] == "Ω cm²"
    assert_allclose(float(disp), 60.0)
    by = grid_ds.twin.quantiles("cell_asr", [0.5], by=T)
    assert by.dims == (T, "quantile")
    util = grid_ds.twin.quantiles("utilisation", 0.5)
    assert util.dims == ("station",)
    with pytest.raises(ValueError, match="cells must be"):
        grid_ds.twin.quantiles("cell_asr", cells="some")
    with pytest.raises(KeyError):
        grid_ds.twin.quantiles("no_such_variable")


def test_process_window_over_two_swept_settings(grid_ds):
    w = grid_ds.twin.process_window(T, D)
    assert w.dims == (T, D) and w.shape == (2, 3)
    assert_allclose(w.values, np.array([[8, 8, 7], [6, 5, 3]]) / 10)
    asr = grid_ds.twin.process_window(T, D, "cell_asr", stat="max", cells="tested")
    assert_allclose(asr.values, 10e-3)
    # a space-filling design: missing combinations are NaN; binning puts points together
    lhs = grid_ds.isel(point=[0, 4])
    sparse = lhs.twin.process_window(T, D)
    assert sparse.shape == (2, 2) and np.isnan(sparse.values).sum() == 2
    binned = grid_ds.twin.process_window(T, D, bins=1)
    assert binned.shape == (1, 1)
    assert_allclose(binned.item(), 74 / 120)
    with pytest.raises(ValueError, match="not a swept setting"):
        grid_ds.twin.process_window(T, "cell")


def test_pareto_front():
    assert pareto_mask(np.array([[1, 1], [2, 0], [0, 0], [2, 1]])).tolist() == [False, False, False, True]
    assert pareto_mask(np.array([[1, 0], [0, 1], [np.nan, 5]])).tolist() == [True, True, False]
    fm = np.zeros((3, 1, 10), int)
    fm[1, :, :5] = FM["hard_short"]  # point 1: half the yield, otherwise identical -> dominated
    ds = hand_dataset(fm)
    ds["cost_per_kwh"][2] = 50.0  # point 2: cheaper, same yield and energy -> dominates point 0
    p = ds.twin.pareto()
    assert p.on_front.values.tolist() == [False, False, True]
    assert_allclose(p["yield"].values, [1.0, 0.5, 1.0])


def test_stations_and_cost(grid_ds):
    st = grid_ds.twin.stations()
    assert st.station.values[st.bottleneck.values].tolist() == ["furnace"]
    assert_allclose(st.bottleneck_share.sel(station="furnace"), 1.0)
    c = grid_ds.twin.cost_breakdown()
    assert_allclose([float(c.materials), float(c.energy), float(c.equipment)], np.array([12, 24, 36]) / 74)
    assert_allclose(float(c.total), 72 / 74)
    assert c.total.attrs["units"] == "USD"


def test_swept_settings_stored_as_plain_variables_are_found():
    """A results file whose swept settings lost their coordinate status (e.g. via a store export) still groups."""
    fm = np.zeros((6, 1, 4), int)
    ds = hand_dataset(fm, temps=[1373.15, 1403.15], times=[600.0, 1200.0, 1800.0], as_coords=False)
    assert T in ds.data_vars
    assert ds.twin.sweep_coords == [T, D]
    assert ds.twin.final_yield(by=T).sizes[T] == 2


def test_cell_gate_uses_the_failure_mode(grid_ds):
    g = grid_ds.twin.cell_gate()
    assert g.isel(point=0, replicate=0, cell=0).item() == "breakdown"
    assert g.isel(point=3, replicate=1, cell=2).item() == "inspection"
    assert g.isel(point=3, replicate=1, cell=9).item() == "eol_test"
    assert g.isel(point=3, replicate=1, cell=7).item() == ""


def test_losses_at_two_inspection_gates_are_told_apart_by_where_the_cell_stopped():
    """Cell 0 rejected at the first inspection, cell 1 at the second, cell 2 shorted at the end-of-line test."""
    stations = ["casting", "insp_a", "furnace", "insp_b", "eol_test"]
    gates = ["breakdown", "insp_a", "insp_b", "eol_test"]
    fm = np.array([FM["drying_crack"], FM["low_density"], FM["hard_short"], 0], np.int8)[None, None, :]
    exit_ = np.full((1, 1, 4, 5), np.nan)
    exit_[0, 0, 0, :2] = [1.0, 2.0]          # left insp_a (rejected there)
    exit_[0, 0, 1, :4] = [1.0, 2.0, 3.0, 4.0]  # left insp_b
    exit_[0, 0, 2:, :] = 1.0                 # reached the end
    ds = xr.Dataset(
        {
            "failure_mode": (("point", "replicate", "cell"), fm, {"flag_meanings": " ".join(FM)}),
            "station_exit_time": (("point", "replicate", "cell", "station"), exit_),
            "cells_released": (("point", "replicate"), [[4.0]]),
            "yield": (("point", "replicate"), [[0.25]]),
            "scrapped": (("point", "replicate", "gate"), [[[0, 1, 1, 1]]]),
        },
        coords={"point": [0], "replicate": [0], "cell": np.arange(4), "station": stations, "gate": gates},
    )
    w = ds.twin.waterfall()
    assert int(w.lost.sel(gate="insp_a", failure_mode="drying_crack")) == 1
    assert int(w.lost.sel(gate="insp_b", failure_mode="low_density")) == 1
    assert int(w.lost.sel(gate="eol_test", failure_mode="hard_short")) == 1
    assert np.array_equal(w.lost.sum("failure_mode").values, w.lost_at_gate.values)
    assert ds.twin.cell_gate().values.ravel().tolist() == ["insp_a", "insp_b", "eol_test", ""]
