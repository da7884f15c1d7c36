"""ABC-SMC identifiability on the twin itself (issue 11, Validation): line data made by the twin with a hidden
parameter value are calibrated back; the true value lies inside the 90 % credible interval, and the interval
narrows when 4x more cells are given."""

import numpy as np
import pytest
import xarray as xr

from twin.calibration import calibrate
from twin.calibration.abc_smc import distances, simulation_seed, summary_scale

from .conftest import abc_config, twin_line_data, write

KEY = ("CATHODE_INTERFACES", "cold_pressed", "asr_ref")
NAME = ".".join(KEY)
HIDDEN = 0.003  # ohm m2 = 30 ohm cm2 (the prior: lognormal around 20 ohm cm2, sigma 0.707)


def _fit(d, cells):
    data = twin_line_data(d / f"line{cells}.csv", cells, {KEY: HIDDEN})
    out = calibrate(write(d / f"abc{cells}.yaml", abc_config(data)), d / f"post{cells}.nc")
    with xr.open_dataset(out) as ds:
        return ds.load()


@pytest.fixture(scope="module")
def fits(tmp_path_factory):
    d = tmp_path_factory.mktemp("abc")
    return {n: _fit(d, n) for n in (12, 48)}


def test_the_hidden_value_lies_inside_the_90_percent_interval(fits):
    for n, ds in fits.items():
        a = ds[NAME].attrs
        assert a["posterior_ci90_low"] < HIDDEN < a["posterior_ci90_high"], (n, a)
        assert a["units"] == "ohm m2"


def test_the_interval_narrows_with_4x_more_cells(fits):
    width = {n: ds[NAME].attrs["posterior_ci90_high"] - ds[NAME].attrs["posterior_ci90_low"] for n, ds in fits.items()}
    assert width[48] < 0.75 * width[12], width


def test_diagnostics_per_generation(fits):
    ds = fits[12]
    assert ds.sizes["generation"] == 5 and ds.sizes["sample"] == 100
    tol = ds.tolerance.values
    assert np.isinf(tol[0]) and np.all(np.diff(tol[1:]) < 0)  # the tolerance schedule shrinks
    assert np.all((ds.acceptance_rate.values > 0) & (ds.acceptance_rate.values <= 1))
    assert np.all(ds.ess.values > 30)
    assert ds.weight.sum() == pytest.approx(1.0)
    assert np.all(ds.distance.values <= tol[-1])


def test_seeds_and_distances():
    assert simulation_seed(5, 1, 7) == simulation_seed(5, 1, 7) != simulation_seed(5, 1, 8)
    assert 0 <= simulation_seed(2**63 - 1, 99, 10**6) < 2**63
    s = np.array([[1.0, 0.0, 5.0], [3.0, 0.0, 5.0], [2.0, 0.0, np.nan], [2.0, 0.0, 6.0]])
    scale = summary_scale(s)
    assert np.isinf(scale[1])  # a statistic that never varies is left out
    d = distances(s, np.array([2.0, 1.0, 5.0]), scale)
    assert d[0] == pytest.approx(d[1]) and np.isinf(d[2])  # a missing simulated statistic is infinitely far
