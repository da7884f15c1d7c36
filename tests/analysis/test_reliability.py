"""Weibull analysis with suspensions and failure-mode maps (twin.analysis.reliability)."""

import numpy as np
import pytest
import xarray as xr

from twin.analysis.reliability import failure_map, weibull_fit, weibull_points


def test_weibull_fit_recovers_shape_and_scale_with_suspensions():
    """Synthetic Weibull(shape 3, scale 2) lives, suspended at 2.2 (about 70 % fail): the median-rank
    least-squares fit returns the shape and scale within 10 %."""
    rng = np.random.default_rng(7)
    life = 2.0 * rng.weibull(3.0, 4000)
    failed = life < 2.2
    fit = weibull_fit(np.where(failed, life, np.nan), failed)
    assert fit.failures == failed.sum() and fit.cells == 4000
    assert fit.shape == pytest.approx(3.0, rel=0.1)
    assert fit.scale == pytest.approx(2.0, rel=0.1)


def test_median_ranks_are_bernards():
    x, F = weibull_points(np.array([3.0, 1.0, np.nan, 2.0]), np.array([True, True, False, True]))
    np.testing.assert_array_equal(x, [1.0, 2.0, 3.0])
    np.testing.assert_allclose(F, (np.arange(1, 4) - 0.3) / 4.4)


def test_too_few_failures_give_nan():
    fit = weibull_fit(np.array([1.0, np.nan]), np.array([True, False]))
    assert np.isnan(fit.shape) and np.isnan(fit.scale)


def test_failure_map_fractions():
    modes = np.array([[[0, 1, 2, 2]], [[0, 0, 0, 1]]], dtype=np.int8)  # point x replicate x cell
    shape = modes.shape
    ds = xr.Dataset({
        "short_mode": (("point", "replicate", "cell"), modes),
        "stack_pressure": (("point", "replicate", "cell"), np.full(shape, 5e6)),
        "charge_current_density": (("point", "replicate", "cell"), np.full(shape, 2.0)),
        "cell_asr": (("point", "replicate", "cell"), np.where(np.arange(4) < 4, 1e-3, np.nan) * np.ones(shape)),
    }, coords={"point": [0, 1]})
    m = failure_map(ds)
    np.testing.assert_allclose(m.fraction.sel(point=0).values, [0.25, 0.25, 0.5])
    np.testing.assert_allclose(m.fraction.sum("short_mode").values, 1.0)
    assert float(m.stack_pressure[1]) == 5e6
