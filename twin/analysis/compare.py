"""The twin next to measured line data (``twin compare``): losses, distributions, and what the twin gets wrong.

:func:`compare` takes a results Dataset and line data (one row per cell,
the contract's per-cell names and SI units: :func:`twin.data.read_line_data`)
and puts them side by side at one **sweep point**:

* the share of cells lost per failure mode, per kind of gate and overall,
  with the line's binomial interval and a flag (:mod:`.compare_losses`);
* the distribution of each variable both hold: quantiles, the two-sample
  Kolmogorov-Smirnov test, the median shift and spread ratio in the line's
  interquartile range, and a flag (:mod:`.compare_distributions`).

A line runs one setting, so the twin is taken at one sweep point: the only
one, or the one chosen. A study over parameter draws (coordinate ``draw``
on ``point``, :mod:`.uncertainty`) holds each sweep point once per draw;
the draws of the chosen sweep point are pooled, so the twin's side is its
predictive distribution (process scatter and parameter uncertainty
together), not one parameter set's. Replicates are always pooled.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import xarray as xr

from .compare_clusters import GROUPINGS
from .compare_distributions import CELLS, MEDIAN_SHIFT, SPREAD_RATIO, common_variables, distributions
from .compare_losses import loss_shares
from .display import unit_for
from .grouping import normalised, sweep_coords
from .uncertainty import has_draws

__all__ = ["Comparison", "compare", "sweep_points", "findings", "GATE_NAMES"]


@dataclass(frozen=True)
class Comparison:
    """The twin at one sweep point next to line data (see :func:`compare`)."""

    losses: pd.DataFrame  #: :func:`~.compare_losses.loss_shares`
    distributions: pd.DataFrame  #: :func:`~.compare_distributions.distributions`
    samples: dict = field(repr=False)  #: variable -> (twin values, line values) [SI]
    skipped: dict  #: line column -> why it was not compared
    point: int  #: the sweep point compared (position in :func:`sweep_points`)
    settings: dict  #: swept setting -> its value at that point [SI]
    positions: tuple  #: positions on ``point`` pooled (one per parameter draw; one without draws)
    replicates: int  #: replicates per point
    line_cells: int  #: rows of the line data
    cells: str  #: "tested" or "passed"

    @property
    def flagged(self) -> bool:
        """Whether anything is flagged."""
        return bool(self.losses["flagged"].any() or self.distributions["flagged"].any())


def sweep_points(ds: xr.Dataset) -> list[np.ndarray]:
    """Positions on ``point`` of each sweep point, in study order: one each, or one per draw in a study over draws."""
    ds = normalised(ds)
    n = ds.sizes["point"]
    if not has_draws(ds):
        return [np.array([i]) for i in range(n)]
    keys = sweep_coords(ds)
    if not keys:
        return [np.arange(n)]
    frame = pd.DataFrame({k: np.asarray(ds[k].values) for k in keys})
    codes = frame.groupby(keys, sort=False, dropna=False).ngroup().to_numpy()
    return [np.flatnonzero(codes == g) for g in range(int(codes.max()) + 1)]


def _choose(ds: xr.Dataset, point: int | None) -> tuple[int, np.ndarray]:
    groups = sweep_points(ds)
    if point is None:
        if len(groups) > 1:
            raise ValueError(f"the results hold {len(groups)} sweep points: choose the one the line ran at "
                             f"(0 to {len(groups) - 1})")
        point = 0
    if not 0 <= point < len(groups):
        raise ValueError(f"no sweep point {point}: the results hold {len(groups)} (0 to {len(groups) - 1})")
    return int(point), groups[point]


def compare(ds: xr.Dataset, line: pd.DataFrame, point: int | None = None, *, cells: str = "tested") -> Comparison:
    """The twin at one sweep point next to line data.

    Parameters
    ----------
    ds : xarray.Dataset
        A results Dataset.
    line : pandas.DataFrame
        Line data (:func:`twin.data.read_line_data`).
    point : int, optional
        The sweep point the line ran at (position in :func:`sweep_points`);
        required when the study has several.
    cells : {"tested", "passed"}
        Distributions over every cell with a value, or over cells that passed.

    Raises
    ------
    ValueError
        Several sweep points and no ``point``, or a ``point`` out of range;
        line data whose ``passed`` and ``failure_mode`` disagree; nothing to
        compare (no ``passed`` or ``failure_mode``, and no variable both hold
        with values on both sides).
    """
    if cells not in CELLS:
        raise ValueError(f"cells must be one of {', '.join(CELLS)}, got {cells!r}")
    ds = normalised(ds)
    point, positions = _choose(ds, point)
    common, _ = common_variables(ds, line)
    keep = ["failure_mode", "passed", "cells_released", *GROUPINGS] + common
    sub = ds[[v for v in keep if v in ds]].isel(point=positions).load()
    losses = loss_shares(sub, line)
    table, samples, skipped = distributions(sub, line, cells=cells)
    if losses.empty and table.empty:
        why = "; ".join(f"{k}: {v}" for k, v in skipped.items()) or "the file has identifiers only"
        raise ValueError("nothing to compare: the line data have neither passed nor failure_mode, and no per-cell "
                         f"variable of the results with values on both sides ({why})")
    settings = {k: float(ds[k].values[positions[0]]) for k in sweep_coords(ds)}
    return Comparison(losses, table, samples, skipped, point, settings, tuple(int(p) for p in positions),
                      ds.sizes["replicate"], len(line), cells)


def _pct(x: float) -> str:
    return f"{100 * x:.3g} %"


#: kind of gate -> how the findings name it
GATE_NAMES = {"inspection": "inspection gates", "breakdown": "machine breakdowns", "eol": "end-of-line test"}


def _num(x, symbol: str) -> str:
    return f"{float(x):.4g} {symbol}".rstrip()


def _loss_text(r) -> str:
    gate = GATE_NAMES.get(r["gate"], r["gate"])
    where = {"failure mode": f"{r['name']} ({gate})", "gate": f"{gate}, all modes"}.get(r["level"], "all losses")
    more = "more" if r["twin_share"] > r["line_share"] else "fewer"
    return (f"{where}: the twin loses {more} cells, {_pct(r['twin_share'])} of those made, the line "
            f"{_pct(r['line_share'])} [{_pct(r['line_low'])} to {_pct(r['line_high'])}] (Fisher p = {r['p_value']:.2g})")


def _variable_text(r) -> str:
    u = unit_for(r["variable"], r["units"])
    what = []
    if abs(r["median_shift"]) > MEDIAN_SHIFT:
        what.append(f"median {_num(u(r['twin_q50']), u.symbol)} vs the line's {_num(u(r['line_q50']), u.symbol)} "
                    f"({r['median_shift']:+.2f} line IQR)")
    if np.isfinite(r["spread_ratio"]) and not 1 / SPREAD_RATIO <= r["spread_ratio"] <= SPREAD_RATIO:
        what.append(f"spread (IQR) {r['spread_ratio']:.2f} x the line's")
    return f"{r['variable']}: " + ", ".join(what) + f" (KS p = {r['ks_p']:.2g})"


def findings(cmp: Comparison) -> pd.DataFrame:
    """What the twin gets wrong: one row per flagged loss share or variable (``kind``, ``name``, ``message``).

    Messages are in display units (%, µm, Ω cm², ...); an empty frame when nothing is flagged.
    """
    rows = [{"kind": "loss", "name": r["name"], "message": _loss_text(r)}
            for _, r in cmp.losses[cmp.losses["flagged"]].iterrows()]
    rows += [{"kind": "variable", "name": r["variable"], "message": _variable_text(r)}
             for _, r in cmp.distributions[cmp.distributions["flagged"]].iterrows()]
    return pd.DataFrame(rows, columns=["kind", "name", "message"])
