"""Sobol indices from a Sobol sweep, checked on the Ishigami function.

Ishigami & Homma (1990): f = sin x1 + a sin^2 x2 + b x3^4 sin x1 on [-pi, pi]^3,
a = 7, b = 0.1. Analytic indices (Saltelli et al., Global Sensitivity
Analysis: The Primer, 2008, section 4.3 / SALib's test values):
S1 = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437).
"""

import numpy as np
import pytest
import xarray as xr
from numpy.testing import assert_allclose

import twin.analysis  # noqa: F401
from twin.results.dataset import global_attrs
from twin.scenario import scenario_from_text
from twin.scenario.sweep import coord_name, expand

PATHS = {  # three dimensionless settings and their ranges: mapped linearly onto [-pi, pi]
    "process.sintering.excess_li": (0.0, 0.3),
    "process.cathode.active_fraction": (0.5, 0.7),
    "process.exposure.ambient_relative_humidity": (0.2, 0.8),
}
S1 = np.array([0.3139, 0.4424, 0.0])
ST = np.array([0.5576, 0.4424, 0.2437])


def _scenario_text(samples: int, design: str = "sobol") -> str:
    ranges = "\n".join(f"    {p}: [{lo}, {hi}]" for p, (lo, hi) in PATHS.items())
    return f"name: ishigami\nseed: 11\ncells: 1\nsweep:\n  design: {design}\n  samples: {samples}\n  ranges:\n{ranges}\n"


def ishigami_dataset(samples: int, *, reverse_coords: bool = False, design: str = "sobol") -> xr.Dataset:
    """The points :func:`twin.scenario.sweep.expand` makes for a Sobol design, with the Ishigami function as the metric."""
    text = _scenario_text(samples, design)
    points = expand(scenario_from_text(text))
    x = np.array([[pt[p] for p in PATHS] for pt in points])
    lo = np.array([r[0] for r in PATHS.values()])
    hi = np.array([r[1] for r in PATHS.values()])
    u = -np.pi + 2 * np.pi * (x - lo) / (hi - lo)
    f = np.sin(u[:, 0]) + 7 * np.sin(u[:, 1]) ** 2 + 0.1 * u[:, 2] ** 4 * np.sin(u[:, 0])
    items = list(PATHS)[::-1] if reverse_coords else list(PATHS)
    coords = {"point": np.arange(len(points)), "replicate": [0]}
    for p in items:
        coords[coord_name(p)] = ("point", x[:, list(PATHS).index(p)], {"units": "1", "long_name": p, "sweep_path": p})
    ds = xr.Dataset({"metric": (("point", "replicate"), f[:, None], {"units": "1", "long_name": "Ishigami function"})}, coords=coords)
    if not reverse_coords:  # the sweep's attributes as the results contract writes them
        ds.attrs.update({k: v for k, v in global_attrs(scenario_from_text(text)).items() if k.startswith("sweep_")})
    return ds


def test_sobol_indices_of_ishigami_within_tolerance():
    ds = ishigami_dataset(1024)
    assert ds.twin.design == "sobol"
    s = ds.twin.sobol("metric", stat="mean", num_resamples=200, seed=1)
    names = [coord_name(p) for p in PATHS]
    assert s.parameter.values.tolist() == names
    assert_allclose(s.S1.sel(parameter=names).values, S1, atol=0.05)
    assert_allclose(s.ST.sel(parameter=names).values, ST, atol=0.05)
    assert np.all(s.S1_conf.values > 0) and np.all(s.ST_conf.values < 0.2)
    assert s.attrs["base_samples"] == 1024


def test_the_order_of_the_settings_is_read_from_the_points():
    """Coordinates stored in another order than the sweep lists them (no scenario text): same indices per setting."""
    a = ishigami_dataset(256).twin.sobol("metric", stat="mean", num_resamples=50, seed=2)
    b = ishigami_dataset(256, reverse_coords=True).twin.sobol("metric", stat="mean", num_resamples=50, seed=2)
    for k in ("S1", "ST"):
        assert_allclose(a[k].sel(parameter=b.parameter).values, b[k].values, rtol=1e-12)


def test_not_a_sobol_design_is_refused():
    ds = ishigami_dataset(16)
    shuffled = ds.isel(point=np.random.default_rng(0).permutation(ds.sizes["point"])).assign_coords(point=np.arange(ds.sizes["point"]))
    with pytest.raises(ValueError, match="not a Saltelli design"):
        shuffled.twin.sobol("metric", stat="mean")
    with pytest.raises(ValueError, match="not a Saltelli design"):
        ds.isel(point=slice(0, 7)).twin.sobol("metric", stat="mean")
    lhs = ishigami_dataset(16, design="lhs")
    with pytest.raises(ValueError, match="lhs sweep"):
        lhs.twin.sobol("metric")
    nan = ds.copy(deep=True)
    nan["metric"][3] = np.nan
    with pytest.raises(ValueError, match="undefined"):
        nan.twin.sobol("metric", stat="mean")
