"""Distributions of each measured variable, twin next to line: quantiles, a two-sample test, an effect size, a flag.

Variables: the per-cell float variables of the contract that the line data
and the results both hold (identifiers, genealogy, booleans and flags are
not distributions; ``passed`` and ``failure_mode`` are compared as losses).
Cells: those with a finite value on each side, which is the contract's
meaning of "measured" (a variable of the end-of-line test has a value for
every cell that reached the test; ``time_to_short`` for every cell that
shorted); with ``cells="passed"``, only the cells that passed on each side
(for a line that keeps values of good cells only).

For each variable: the 5/25/50/75/95 % quantiles of both; the two-sample
Kolmogorov-Smirnov test (``scipy.stats.ks_2samp``: are the two samples
drawn from one distribution?); and two effect sizes in the line's own
spread, the interquartile range (IQR):

* ``median_shift`` = (twin median - line median) / line IQR [-];
* ``spread_ratio`` = twin IQR / line IQR [-].

A variable is **flagged** when KS p < ``ALPHA`` (0.01) *and* the difference
is material: ``|median_shift| > MEDIAN_SHIFT`` (0.25, about a third of a
standard deviation of a normal variable) or ``spread_ratio`` outside
[1 / ``SPREAD_RATIO``, ``SPREAD_RATIO``] (1.5). The test alone is not
enough: with thousands of cells it finds differences no one would act on,
and cells of one furnace load or tape lot share their process scatter, so
the cells are not independent and its p-values are too small (two seeds of
the same twin give KS p = 0.005 for a separator ASR whose medians differ by
0.09 IQR). So the KS p-value is taken at each side's effective sample size,
the cells divided by the design effect of their clusters
(:mod:`.compare_clusters`), and the test is only one half of the rule. The
effect alone is not enough either: with tens of cells a
median moves by a quarter IQR by chance. When the line's IQR is 0 (a value
held constant) the shift is measured in the pooled IQR of both, and if
that is 0 too, any shift is material.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import xarray as xr

from ..contract import CELL, FLAGS, variables
from .compare_clusters import design_effect, line_groupings, real_items, twin_groupings
from .compare_losses import ALPHA

__all__ = ["distributions", "common_variables", "QUANTILES", "MEDIAN_SHIFT", "SPREAD_RATIO", "CELLS"]

QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
MEDIAN_SHIFT = 0.25
SPREAD_RATIO = 1.5
CELLS = ("tested", "passed")
_Q_COLS = [f"q{round(100 * q):02d}" for q in QUANTILES]


def common_variables(ds: xr.Dataset, line: pd.DataFrame) -> tuple[list[str], dict[str, str]]:
    """(per-cell float variables both hold, in contract order; line column -> why it is not compared)."""
    floats = [v.name for v in variables(CELL) if v.dtype == "float64" and v.name not in FLAGS]
    common = [n for n in floats if n in line.columns and n in ds]
    skipped = {}
    for col in line.columns:
        if col in common or col in ("cell", "lot", "sheet", "passed", "failure_mode"):
            continue
        if col not in floats:
            skipped[col] = "not a distribution (identifier, genealogy, flag or boolean)"
        else:
            skipped[col] = "not in the results file"
    return common, skipped


class _Sample:
    """Finite values [SI] of one variable on one side, with the cluster label of each (grouping -> labels)."""

    def __init__(self, values: np.ndarray, keep: np.ndarray, groupings: dict[str, np.ndarray]):
        self.values = values[keep]
        self.groupings = {g: lab[keep] for g, lab in groupings.items()}

    @property
    def size(self) -> int:
        return self.values.size


def _samples(ds: xr.Dataset, line: pd.DataFrame, name: str, cells: str) -> tuple[_Sample, _Sample]:
    """The twin's (every item released at the positions and replicates of ``ds``) and the line's finite values."""
    t = np.asarray(ds[name].values, float).ravel()
    lv = line[name].to_numpy(dtype=float)
    keep_t = np.isfinite(t) & real_items(ds).ravel()
    keep_l = np.isfinite(lv)
    if cells == "passed":
        keep_t &= np.asarray(ds["passed"].values, bool).ravel()
        keep_l &= line["passed"].to_numpy(dtype=bool)
    return _Sample(t, keep_t, twin_groupings(ds)), _Sample(lv, keep_l, line_groupings(line))


def _effects(t: np.ndarray, lv: np.ndarray, qt: np.ndarray, ql: np.ndarray) -> tuple[float, float]:
    """(median shift in the line's IQR, twin IQR / line IQR) from the quantiles (rows q05..q95)."""
    iqr_t, iqr_l = qt[3] - qt[1], ql[3] - ql[1]
    shift = qt[2] - ql[2]
    scale = iqr_l
    if scale <= 0:
        both = np.concatenate([t, lv])
        scale = float(np.subtract(*np.quantile(both, [0.75, 0.25])))
    if scale > 0:
        return shift / scale, (iqr_t / iqr_l if iqr_l > 0 else np.nan)
    return (0.0 if shift == 0 else float(np.sign(shift)) * np.inf), np.nan


def _material(shift: float, ratio: float) -> bool:
    return bool(abs(shift) > MEDIAN_SHIFT or (np.isfinite(ratio) and not 1 / SPREAD_RATIO <= ratio <= SPREAD_RATIO))


def _ks(t: _Sample, lv: _Sample) -> tuple[float, float, float, float]:
    """(KS statistic, p-value at the effective sample sizes, twin and line design effects)."""
    from scipy.stats import ks_2samp, kstwo

    with warnings.catch_warnings():  # "exact calculation unsuccessful, switching to asymp": the asymptotic p is right here
        warnings.simplefilter("ignore", RuntimeWarning)
        ks = ks_2samp(t.values, lv.values)
    dt, dl = design_effect(t.values, t.groupings), design_effect(lv.values, lv.groupings)
    if dt == 1.0 and dl == 1.0:
        return float(ks.statistic), float(ks.pvalue), dt, dl
    nt, nl = t.size / dt, lv.size / dl
    en = max(round(nt * nl / (nt + nl)), 1)  # as ks_2samp's asymptotic p, at the effective sizes
    return float(ks.statistic), float(kstwo.sf(float(ks.statistic), en)), dt, dl


def _row(name: str, t: _Sample, lv: _Sample) -> dict:
    qt, ql = np.quantile(t.values, QUANTILES), np.quantile(lv.values, QUANTILES)
    d, p, dt, dl = _ks(t, lv)
    shift, ratio = _effects(t.values, lv.values, qt, ql)
    row = {"variable": name, "n_twin": t.size, "n_line": lv.size}
    row.update({f"twin_{c}": float(v) for c, v in zip(_Q_COLS, qt)})
    row.update({f"line_{c}": float(v) for c, v in zip(_Q_COLS, ql)})
    row.update(median_shift=shift, spread_ratio=ratio, ks_statistic=d, twin_deff=dt, line_deff=dl, ks_p=p,
               flagged=bool(p < ALPHA and _material(shift, ratio)))
    return row


def distributions(ds: xr.Dataset, line: pd.DataFrame, *, cells: str = "tested"
                  ) -> tuple[pd.DataFrame, dict[str, tuple[np.ndarray, np.ndarray]], dict[str, str]]:
    """Quantiles, KS test, effect sizes and flag of each per-cell variable the line and the twin both hold.

    Parameters
    ----------
    ds : xarray.Dataset
        The results of one sweep point (replicates and draws pooled).
    line : pandas.DataFrame
        Line data (:func:`twin.data.read_line_data`).
    cells : {"tested", "passed"}
        Every cell with a value, or only cells that passed (both sides).

    Returns
    -------
    table : pandas.DataFrame
        One row per variable: ``variable``, ``units`` (SI), ``cells``, ``n_twin``,
        ``n_line``, ``twin_q05`` ... ``twin_q95`` and ``line_q05`` ... ``line_q95``
        [the variable's SI unit], ``median_shift`` and ``spread_ratio`` [-],
        ``ks_statistic`` [-], ``twin_deff`` and ``line_deff`` (design effects
        [-]), ``ks_p`` [-] (at the effective sample sizes), ``flagged``. ``attrs["units"]``: variable -> SI unit.
    samples : dict
        Variable -> (twin values, line values) [SI], the finite values compared.
    skipped : dict
        Line column -> why it was not compared (no finite value on a side, not
        a distribution, not in the results).

    Raises
    ------
    ValueError
        ``cells`` unknown, or ``"passed"`` with line data that have no ``passed`` column.
    """
    if cells not in CELLS:
        raise ValueError(f"cells must be one of {', '.join(CELLS)}, got {cells!r}")
    if cells == "passed" and "passed" not in line:
        raise ValueError("cells='passed' needs a `passed` column in the line data")
    common, skipped = common_variables(ds, line)
    rows, samples = [], {}
    for name in common:
        t, lv = _samples(ds, line, name, cells)
        if t.size == 0 or lv.size == 0:
            skipped[name] = f"no {'twin' if t.size == 0 else 'line'} cell with a finite value ({cells} cells)"
            continue
        samples[name] = (t.values, lv.values)
        rows.append({**_row(name, t, lv), "units": str(ds[name].attrs.get("units", "1")), "cells": cells})
    cols = ["variable", "units", "cells", "n_twin", "n_line"] + [f"twin_{c}" for c in _Q_COLS] + \
        [f"line_{c}" for c in _Q_COLS] + ["median_shift", "spread_ratio", "ks_statistic", "twin_deff", "line_deff", "ks_p",
                                          "flagged"]
    table = pd.DataFrame(rows, columns=cols)
    table.attrs.update(units={r["variable"]: r["units"] for r in rows}, alpha=ALPHA, median_shift=MEDIAN_SHIFT,
                       spread_ratio=SPREAD_RATIO, quantiles=QUANTILES)
    return table, samples, skipped
