"""Answers with credible intervals, and what they depend on: a study run over parameter draws.

A study with ``uncertainty:`` runs every draw of the uncertain physics
parameters at every sweep point (coordinates ``draw`` and ``theta_*`` on
``point``, tagged ``uncertainty_draw`` / ``uncertain_parameter``). For a
sweep point, each draw gives one estimate of an answer (the pooled yield,
the median capacity of good cells, the mean cost per kWh over the
replicates): the spread of those estimates over the draws is the model's
uncertainty, and the central ``level`` interval of them is the credible
interval (:func:`credible_intervals`).

What the answer depends on (:func:`variance_shares`): with ``Y`` the value
of one replicate (a KPI) or one good cell (a cell variable) at draw ``θ``,
the law of total variance splits

    Var(Y) = Var_θ(E[Y | θ]) + E_θ[Var(Y | θ)]

into the parameters' share and the process scatter's share (replicate to
replicate, or cell to cell). The parameters' share splits further by
first-order Sobol indices ``S_i = Var(E[Y | θ_i]) / Var_θ(E[Y | θ])``,
estimated from the draws as given data (no special design): the variance of
the draw means over equal-count bins of each parameter's draws (Plischke
2010, Reliab. Eng. Syst. Saf. 95, 354; Plischke, Borgonovo & Smith 2013,
Eur. J. Oper. Res. 226, 536), less the value it takes by chance when the
answer does not depend on the parameter, with bootstrap intervals (seeded:
the same numbers every time). With few draws the intervals are wide: read
them as such, or draw more. Every draw meets the same process
scatter (common random numbers, :func:`twin.scenario.sweep.stream_point`),
so the between-draw variance is the parameters' alone. Posterior draws may
be correlated; their ``S_i`` then overlap and need not sum to at most 1.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import xarray as xr

from .grouping import normalised, sweep_coords
from .statistics import reduce

__all__ = ["uncertain_parameters", "has_draws", "per_draw", "shorted_share", "credible_intervals", "variance_shares",
           "credible_level", "DEFAULT_LEVEL"]

DEFAULT_LEVEL = 0.90
_BOOTSTRAP = 200


def uncertain_parameters(ds: xr.Dataset) -> list[str]:
    """Coordinates of the uncertain parameters (``theta_*``), in the order the scenario drew them."""
    return [k for k in ds.coords if "uncertain_parameter" in ds[k].attrs and ds[k].dims == ("point",)]


def has_draws(ds: xr.Dataset) -> bool:
    """Whether the study ran over parameter draws."""
    return "draw" in ds.coords and ds["draw"].dims == ("point",)


def credible_level(ds: xr.Dataset) -> float:
    """The credible level the study asked for (``credible_level`` attribute, else 0.90)."""
    return float(ds.attrs.get("credible_level", DEFAULT_LEVEL))


def _require_draws(ds: xr.Dataset) -> None:
    if not has_draws(ds):
        raise ValueError("the study has no parameter draws: add `uncertainty:` to the scenario (see docs/uncertainty.md)")


def shorted_share(ds: xr.Dataset, dims=("replicate", "cell")) -> xr.DataArray:
    """Share of the cells that reached the end-of-line test which shorted under the duty [-], reduced over ``dims``."""
    tested = np.isfinite(ds["cell_asr"])
    out = ((ds["short_mode"] > 0) & tested).sum(dims) / tested.sum(dims)
    return out.assign_attrs(units="1", long_name="share of tested cells that shorted under the duty")


def per_draw(ds: xr.Dataset, var: str, stat: str = "median", *, cells: str = "passed") -> xr.DataArray:
    """The estimate of ``var`` at each point (each draw at each sweep point) [SI]: pooled yield, the share of
    tested cells that shorted (``var="shorted"``), or ``stat`` over the replicates (and the selected cells)."""
    if var == "shorted":
        return shorted_share(normalised(ds))
    return reduce(ds, var, stat, by="point", cells=cells)


def _groups(ds: xr.Dataset) -> dict:
    """Sweep setting values -> positions of the points (one per draw) at that sweep point."""
    keys = sweep_coords(ds)
    if not keys:
        return {(): np.arange(ds.sizes["point"])}
    frame = pd.DataFrame({k: np.asarray(ds[k].values) for k in keys})
    return {(k if isinstance(k, tuple) else (k,)): v for k, v in frame.groupby(keys, sort=True).indices.items()}


def credible_intervals(ds: xr.Dataset, var: str, stat: str = "median", *, cells: str = "passed",
                       level: float | None = None) -> pd.DataFrame:
    """One row per sweep point: the swept settings, ``median``, ``low``, ``high`` over the draws [SI] and ``draws``.

    ``low``/``high`` bound the central ``level`` (default: the study's ``credible_level``) of the draws'
    estimates (:func:`per_draw`).
    """
    ds = normalised(ds)
    _require_draws(ds)
    level = credible_level(ds) if level is None else float(level)
    est = per_draw(ds, var, stat, cells=cells).values
    rows = []
    for key, idx in _groups(ds).items():
        v = est[idx][np.isfinite(est[idx])]
        q = np.quantile(v, [0.5, (1 - level) / 2, (1 + level) / 2]) if v.size else [np.nan] * 3
        rows.append({**dict(zip(sweep_coords(ds), key)), "median": q[0], "low": q[1], "high": q[2], "draws": int(v.size)})
    out = pd.DataFrame(rows)
    out.attrs.update({"variable": var, "level": level, "units": ds[var].attrs.get("units", "1") if var in ds.data_vars else "1"})
    return out


# --------------------------------------------------------------------------- variance shares

def _samples(ds: xr.Dataset, var: str, idx: np.ndarray) -> list[np.ndarray]:
    """Per draw (point in ``idx``): the replicate values of a KPI, or the good cells' values of a cell variable."""
    if var == "yield":
        return [np.asarray(ds["yield"].isel(point=int(p)).values, float) for p in idx]
    if var == "shorted":
        share = shorted_share(ds, "cell")
        return [np.asarray(share.isel(point=int(p)).values, float) for p in idx]
    da = ds[var]
    if "cell" in da.dims:
        good = ds["passed"].astype(bool)
        return [np.asarray(da.isel(point=int(p)).values[good.isel(point=int(p)).values], float) for p in idx]
    return [np.asarray(da.isel(point=int(p)).values, float).ravel() for p in idx]


def _split(samples: list[np.ndarray]) -> tuple[float, float, np.ndarray]:
    """(between-draw variance of the draw means, mean within-draw variance, the draw means)."""
    kept = [s[np.isfinite(s)] for s in samples]
    means = np.array([s.mean() if s.size else np.nan for s in kept])
    within = np.array([s.var(ddof=1) if s.size > 1 else np.nan for s in kept])
    ok = np.isfinite(means)
    between = float(np.var(means[ok], ddof=1)) if ok.sum() > 1 else float("nan")
    return between, float(np.nanmean(within)) if np.isfinite(within).any() else 0.0, means


def binned_first_order(x: np.ndarray, y: np.ndarray) -> float:
    """Given-data first-order index of ``y`` in ``x`` [-]: the variance of ``y``'s means over equal-count bins of
    ``x`` (``M = round(sqrt(N))`` bins) over the variance of ``y``, less its expected value when ``y`` does not
    depend on ``x`` (``(M - 1)/(N - 1)``), rescaled to [0, 1]."""
    n = y.size
    m = max(2, int(round(np.sqrt(n))))
    order = np.argsort(x, kind="stable")
    var = np.var(y)
    if var == 0:
        return 0.0
    between = sum(b.size * (b.mean() - y.mean()) ** 2 for b in np.array_split(y[order], m)) / n
    bias = (m - 1) / (n - 1)
    return float(np.clip((between / var - bias) / (1 - bias), 0.0, 1.0))


def _first_order(theta: np.ndarray, y: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """First-order indices of ``y`` over the columns of ``theta`` and the half-widths of their 95 % bootstrap
    intervals (NaN with fewer than 8 draws)."""
    ok = np.isfinite(y)
    theta, y = theta[ok], y[ok]
    k = theta.shape[1]
    if y.size < 8:
        return np.full(k, np.nan), np.full(k, np.nan)
    s1 = np.array([binned_first_order(theta[:, j], y) for j in range(k)])
    rng = np.random.default_rng([seed, 0x5331])
    boot = np.empty((_BOOTSTRAP, k))
    for b in range(_BOOTSTRAP):
        pick = rng.integers(0, y.size, y.size)
        boot[b] = [binned_first_order(theta[pick, j], y[pick]) for j in range(k)]
    lo, hi = np.quantile(boot, [0.025, 0.975], axis=0)
    return s1, np.maximum(s1 - lo, hi - s1)


def _share_ci(samples: list[np.ndarray], level: float, seed: int) -> tuple[float, float]:
    """Bootstrap interval (over draws) of the parameters' share of the variance."""
    rng = np.random.default_rng(seed)
    shares = []
    for _ in range(_BOOTSTRAP):
        pick = rng.integers(0, len(samples), len(samples))
        b, w, _ = _split([samples[i] for i in pick])
        if np.isfinite(b) and b + w > 0:
            shares.append(b / (b + w))
    if not shares:
        return float("nan"), float("nan")
    lo, hi = np.quantile(shares, [(1 - level) / 2, (1 + level) / 2])
    return float(lo), float(hi)


def variance_shares(ds: xr.Dataset, var: str = "yield", *, seed: int = 0) -> pd.DataFrame:
    """Where the variance of ``var`` comes from, per sweep point.

    Rows: one per uncertain parameter (its first-order share of the total variance), ``parameters (all)``
    and ``process scatter``; columns: the swept settings, ``source``, ``share`` [-] and ``low``/``high`` (the
    95 % bootstrap interval for a parameter's share, the study's credible level for the split), and
    ``variance`` [units of ``var`` squared] for the two totals.
    """
    ds = normalised(ds)
    _require_draws(ds)
    thetas = uncertain_parameters(ds)
    level = credible_level(ds)
    rows = []
    for key, idx in _groups(ds).items():
        settings = dict(zip(sweep_coords(ds), key))
        samples = _samples(ds, var, idx)
        between, within, means = _split(samples)
        total = between + within
        p_share = between / total if total > 0 else float("nan")
        lo, hi = _share_ci(samples, level, seed)
        theta = np.column_stack([np.asarray(ds[t].values, float)[idx] for t in thetas])
        s1, conf = _first_order(theta, means, seed)
        for t, s, c in zip(thetas, s1, conf):
            rows.append({**settings, "source": ds[t].attrs["uncertain_parameter"], "share": s * p_share,
                         "low": max(0.0, (s - c) * p_share), "high": (s + c) * p_share, "variance": np.nan})
        rows.append({**settings, "source": "parameters (all)", "share": p_share, "low": lo, "high": hi, "variance": between})
        rows.append({**settings, "source": "process scatter", "share": 1 - p_share, "low": 1 - hi, "high": 1 - lo,
                     "variance": within})
    out = pd.DataFrame(rows)
    out.attrs.update({"variable": var, "level": level})
    return out
