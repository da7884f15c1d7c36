"""Failure in time as distributions: Weibull analysis of capacity (or time) to short, and failure-mode maps.

Reads only the Dataset. Cells that did not short under their duty are
right-censored at the end of it: they count in the ranks (Johnson's adjusted
ranks with Bernard's median-rank approximation, the usual practice for
reliability data with suspensions) but carry no failure point.

``F_i = (r_i - 0.3) / (n + 0.4)`` with the adjusted rank ``r_i`` of the i-th
failure; the Weibull fit is the least-squares line of
``ln(-ln(1 - F))`` on ``ln(x)``: slope = shape ``beta``, intercept
``-beta ln(eta)`` (eta = scale, the 63.2 % life).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import xarray as xr

from ..contract import SHORT_MODES
from .grouping import require

__all__ = ["WeibullFit", "weibull_points", "weibull_fit", "failure_map"]


class WeibullFit(NamedTuple):
    """Weibull shape [-], scale (units of the data), failures and cells in the fit."""

    shape: float
    scale: float
    failures: int
    cells: int


def weibull_points(values: np.ndarray, failed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Failure values (sorted) and their median-rank probabilities, suspensions included in the ranks.

    Parameters
    ----------
    values : ndarray
        Capacity or time to short of the failed cells (anything for the others).
    failed : ndarray of bool
        Which cells failed; the others are suspended (censored) beyond every failure.

    Returns
    -------
    (x, F) : tuple of ndarray
        Sorted failure values and their cumulative failure probabilities [-].
    """
    failed = np.asarray(failed, bool)
    x = np.sort(np.asarray(values, float)[failed])
    n = failed.size
    # suspensions all lie beyond the last failure (censored at the duty's end): adjusted ranks are the plain ones
    ranks = np.arange(1, x.size + 1, dtype=float)
    return x, (ranks - 0.3) / (n + 0.4)


def weibull_fit(values: np.ndarray, failed: np.ndarray) -> WeibullFit:
    """Least-squares Weibull fit on median ranks (NaN shape and scale with fewer than 3 failures)."""
    x, F = weibull_points(values, failed)
    ok = x > 0
    x, F = x[ok], F[ok]
    n = int(np.asarray(failed).size)
    if x.size < 3:
        return WeibullFit(float("nan"), float("nan"), int(x.size), n)
    beta, c = np.polyfit(np.log(x), np.log(-np.log1p(-F)), 1)
    return WeibullFit(float(beta), float(np.exp(-c / beta)), int(x.size), n)


def _tested(ds: xr.Dataset) -> np.ndarray:
    return np.isfinite(np.asarray(ds["cell_asr"].values, float))


def failure_map(ds: xr.Dataset) -> xr.Dataset:
    """Short modes per sweep point against its stack pressure and charge current density.

    Returns
    -------
    xarray.Dataset
        On ``point``: ``stack_pressure`` [Pa] and ``charge_current_density``
        [A m-2] (medians of the tested cells), and the fraction of tested cells
        with each short mode (``fraction``, dims ``point`` x ``short_mode``).
    """
    for v in ("short_mode", "stack_pressure", "charge_current_density", "cell_asr"):
        require(ds, v)
    npt = ds.sizes["point"]
    frac = np.full((npt, len(SHORT_MODES)), np.nan)
    p, j = np.full(npt, np.nan), np.full(npt, np.nan)
    for i in range(npt):
        d = ds.isel(point=i)
        t = _tested(d)
        if not t.any():
            continue
        mode = np.asarray(d["short_mode"].values)[t]
        frac[i] = [np.mean(mode == k) for k in range(len(SHORT_MODES))]
        p[i] = np.median(np.asarray(d["stack_pressure"].values)[t])
        j[i] = np.median(np.asarray(d["charge_current_density"].values)[t])
    return xr.Dataset(
        {"fraction": (("point", "short_mode"), frac, {"units": "1", "long_name": "fraction of tested cells"}),
         "stack_pressure": ("point", p, {"units": "Pa", "long_name": "median stack pressure"}),
         "charge_current_density": ("point", j, {"units": "A m-2", "long_name": "median charge current density"})},
        coords={"point": ds["point"].values, "short_mode": list(SHORT_MODES)},
    )
