"""Sobol sensitivity indices of a metric over a Saltelli design (``design: sobol`` sweeps)."""

from __future__ import annotations

import numpy as np
import xarray as xr

from .grouping import design, normalised, sweep_coords
from .statistics import reduce

__all__ = ["sobol", "saltelli_layout"]


def sobol(ds: xr.Dataset, var: str = "yield", *, stat: str = "median", cells: str = "passed", num_resamples: int = 1000,
          conf_level: float = 0.95, seed: int | None = 0) -> xr.Dataset:
    """First- and total-order Sobol indices of a metric (Sobol sweeps only).

    The points must be Saltelli's design as :func:`twin.scenario.sweep.expand`
    lays it out for ``design: sobol``: per base sample the rows A,
    AB_1..AB_D, B (N (D + 2) points; AB_j is A with setting j taken from B).
    The order of the settings is read from the points themselves and checked
    for every block. Indices are estimated with SALib (``sobol.analyze``,
    ``calc_second_order=False``; Saltelli et al. 2010, Comput. Phys. Commun.
    181, 259; Jansen 1999 for the total order), confidence intervals by bootstrap.

    Parameters
    ----------
    var : str
        Metric per point (see :func:`twin.analysis.statistics.reduce`): ``yield`` by default.
    stat, cells
        How a per-cell variable becomes one number per point.
    num_resamples : int
        Bootstrap resamples for the confidence intervals.
    conf_level : float
        Confidence level of the intervals (0.95: 95 %).
    seed : int or None
        Seed of the bootstrap (None: not reproducible).

    Returns
    -------
    xarray.Dataset over ``parameter``
        ``S1``, ``S1_conf``, ``ST``, ``ST_conf`` [-]; ``S1_conf`` is the
        half-width of the interval.

    Raises
    ------
    ValueError
        If the study is not a Sobol design, or the metric is missing (NaN) at some point.
    """
    if design(ds) not in (None, "sobol"):
        raise ValueError(f"Sobol indices need a `design: sobol` sweep; this study is a {design(ds)} sweep")
    names, order = saltelli_layout(ds)
    Y = np.asarray(reduce(ds, var, stat, by="point", cells=cells).sortby("point").values, float)
    if not np.all(np.isfinite(Y)):
        bad = int(np.sum(~np.isfinite(Y)))
        raise ValueError(f"{var!r} is undefined (NaN) at {bad} of {Y.size} points (e.g. no good cells there); "
                         "choose another metric or cells='tested'")
    s, note = _indices(normalised(ds).sortby("point"), names, Y, num_resamples, conf_level, seed)
    out = xr.Dataset({k: ("parameter", np.asarray(s[k], float)) for k in ("S1", "S1_conf", "ST", "ST_conf")},
                     coords={"parameter": names})
    long = {"S1": "first-order Sobol index", "ST": "total-order Sobol index"}
    for k in ("S1", "ST"):
        out[k].attrs = {"units": "1", "long_name": long[k]}
        out[f"{k}_conf"].attrs = {"units": "1", "long_name": f"{long[k]}: half-width of the {100 * conf_level:g} % confidence interval"}
    out["parameter"].attrs = {"units": "1", "long_name": "swept setting"}
    out.attrs = {"metric": var, "base_samples": Y.size // (len(names) + 2), "conf_level": conf_level,
                 "column_order": " ".join(map(str, order))}
    if note:
        out.attrs["note"] = note
    return out


def _indices(ds, names, Y, num_resamples, conf_level, seed) -> tuple[dict, str]:
    """SALib's estimates (or zeros for a constant metric, with a note)."""
    from SALib.analyze import sobol as sa_sobol

    if np.ptp(Y) == 0:
        z = np.zeros(len(names))
        return {"S1": z, "S1_conf": z, "ST": z, "ST_conf": z}, "the metric is constant over the design: every index is zero"
    problem = {"num_vars": len(names), "names": names, "bounds": [[float(ds[n].min()), float(ds[n].max())] for n in names]}
    return sa_sobol.analyze(problem, Y, calc_second_order=False, num_resamples=int(num_resamples),
                            conf_level=float(conf_level), print_to_console=False, seed=seed), ""


def saltelli_layout(ds: xr.Dataset) -> tuple[list[str], list[int]]:
    """Settings in the order of AB_1..AB_D, checked on every block of the points."""
    ds = normalised(ds).sortby("point")
    names = sweep_coords(ds)
    d = len(names)
    if d == 0:
        raise ValueError("Sobol indices need swept settings; this study has no sweep")
    X = np.stack([np.asarray(ds[n].values, float) for n in names], axis=1)
    p, step = X.shape[0], d + 2
    if p % step or p < step:
        raise ValueError(f"{p} points is not a Saltelli design over {d} settings (needs N x {step} points)")
    blocks = X.reshape(p // step, step, d)
    a, ab, b = blocks[:, 0], blocks[:, 1:-1], blocks[:, -1]
    order = [_varied_column(ab[:, k], a, k) for k in range(d)]
    if sorted(order) != list(range(d)):
        raise ValueError("not a Saltelli design: the AB rows do not vary each setting once")
    for k, j in enumerate(order):
        expect = a.copy()
        expect[:, j] = b[:, j]
        if not np.allclose(ab[:, k], expect, rtol=1e-12, atol=0):
            raise ValueError(f"not a Saltelli design: AB_{k + 1} is not A with {names[j]!r} from B")
    return [names[j] for j in order], order


def _varied_column(ab_k: np.ndarray, a: np.ndarray, k: int) -> int:
    """The one setting row AB_k changes from A (the same in every block)."""
    diff = ab_k != a  # (blocks, d)
    one = diff.sum(axis=1) == 1
    if not one.any():
        raise ValueError(f"not a Saltelli design: row AB_{k + 1} never differs from A in exactly one setting")
    cols = np.argmax(diff[one], axis=1)
    if np.any(cols != cols[0]):
        raise ValueError(f"not a Saltelli design: row AB_{k + 1} varies different settings in different blocks")
    return int(cols[0])
