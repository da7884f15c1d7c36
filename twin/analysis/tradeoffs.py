"""Process windows, main effects and Pareto fronts over sweep points."""

from __future__ import annotations

from typing import Iterable

import numpy as np
import xarray as xr

from .grouping import normalised, sweep_coords
from .statistics import reduce

__all__ = ["process_window", "main_effects", "pareto", "pareto_mask"]

#: objectives averaged per point rather than reduced with ``stat`` (they are per-replicate rates and costs)
_MEAN_OBJECTIVES = ("cost_per_kwh", "cost_per_good_cell", "throughput")


def process_window(ds: xr.Dataset, x: str, y: str, var: str = "yield", *, stat: str = "median",
                   cells: str = "passed", bins: int | None = None) -> xr.DataArray:
    """A metric over two swept settings (pooled over any other swept setting), dims (x, y); NaN where no point falls.

    Parameters
    ----------
    x, y : str
        Swept settings (coordinates on ``point``).
    var : str
        ``yield`` (default), ``first_pass_yield`` or any variable (see :func:`twin.analysis.statistics.reduce`).
    stat, cells
        Statistic and cell selection for variables other than yields.
    bins : int, optional
        Bin ``x`` and ``y`` into this many equal-width intervals (for LHS
        and Sobol designs, whose points do not repeat values). The
        coordinates are then the bin centres. Default: the swept values as they are.
    """
    ds = normalised(ds)
    swept = sweep_coords(ds)
    for k in (x, y):
        if k not in swept:
            raise ValueError(f"{k!r} is not a swept setting; swept: {', '.join(swept) or 'none'}")
    if x == y:
        raise ValueError("x and y must be different swept settings")
    if bins is None:
        return reduce(ds, var, stat, by=[x, y], cells=cells)
    binned = ds.copy()
    for k in (x, y):
        v = np.asarray(ds[k].values, float)
        edges = np.linspace(v.min(), v.max(), int(bins) + 1)
        idx = np.clip(np.searchsorted(edges, v, side="right") - 1, 0, int(bins) - 1)
        centres = 0.5 * (edges[:-1] + edges[1:])
        binned = binned.assign_coords({k: ("point", centres[idx], dict(ds[k].attrs))})
    return reduce(binned, var, stat, by=[x, y], cells=cells)


def main_effects(ds: xr.Dataset, var: str = "yield", *, stat: str = "median", cells: str = "passed") -> dict[str, xr.DataArray]:
    """The metric per value of each swept setting, pooled over the others (a tornado chart reads the spread)."""
    return {k: reduce(ds, var, stat, by=k, cells=cells) for k in sweep_coords(ds)}


def pareto(ds: xr.Dataset, maximize: Iterable[str] = ("energy_density", "yield"), minimize: Iterable[str] = ("cost_per_kwh",),
           *, stat: str = "median", cells: str = "passed") -> xr.Dataset:
    """Pareto front over sweep points (default: energy density vs yield vs cost).

    Returns
    -------
    xarray.Dataset over ``point``
        One variable per objective (SI) and ``on_front`` (bool): True where
        no other point is at least as good in every objective and better in
        one. Points with a missing objective (e.g. no good cells) are never
        on the front.
    """
    maximize, minimize = list(maximize), list(minimize)
    if not maximize + minimize:
        raise ValueError("give at least one objective")
    ds = normalised(ds)
    out = xr.Dataset({v: reduce(ds, v, "mean" if v in _MEAN_OBJECTIVES else stat, by="point", cells=cells)
                      for v in maximize + minimize})
    score = np.stack([out[v].values * (1.0 if v in maximize else -1.0) for v in maximize + minimize], axis=1)
    out["on_front"] = ("point", pareto_mask(score))
    out["on_front"].attrs = {"units": "1", "long_name": "on the Pareto front (not dominated by another point)"}
    for k in sweep_coords(ds):
        out = out.assign_coords({k: ds[k]})
    out.attrs.update({"maximize": " ".join(maximize), "minimize": " ".join(minimize)})
    return out


def pareto_mask(score: np.ndarray) -> np.ndarray:
    """Non-dominated rows of ``score`` (n, k), every objective to be maximised.

    A row with a non-finite entry is never on the front (and dominates nothing).

    Examples
    --------
    >>> pareto_mask(np.array([[1, 1], [2, 0], [0, 0], [2, 1]])).tolist()
    [False, False, False, True]
    """
    score = np.asarray(score, float)
    ok = np.all(np.isfinite(score), axis=1)
    front = ok.copy()
    for i in np.flatnonzero(ok):
        others = score[ok]
        dominated = np.any(np.all(others >= score[i], axis=1) & np.any(others > score[i], axis=1))
        front[i] = not dominated
    return front
