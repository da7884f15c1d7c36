"""Report figures of a study over parameter draws: answers with credible intervals, and what they depend on.

Each function takes a results Dataset and returns a matplotlib figure, or
``(None, reason)`` when the study has no parameter draws. Data from
:mod:`twin.analysis.uncertainty`.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

from ..analysis.uncertainty import credible_intervals, credible_level, has_draws, per_draw, variance_shares
from .credible_summary import ANSWERS, available as _available
from .plotting import GOOD, LIMIT, NEUTRAL, _plt

__all__ = ["fig_credible", "fig_variance_shares", "UNCERTAINTY_FIGURES"]

_PANELS = ("yield", "shorted", "discharge_capacity", "specific_energy", "cost_per_kwh")
_NO_DRAWS = "the study has no parameter draws (add `uncertainty:` to the scenario)"


def _labels(t) -> list[str]:
    keys = [c for c in t.columns if c not in ("median", "low", "high", "draws")]
    return [", ".join(f"{k}={r[k]:.3g}" for k in keys) or "study" for _, r in t.iterrows()]


def fig_credible(ds: xr.Dataset):
    if not has_draws(ds):
        return None, _NO_DRAWS
    panels = [v for v in _PANELS if _available(ds, v)]
    plt = _plt()
    fig, axes = plt.subplots(1, len(panels), figsize=(3.6 * len(panels), 4.2), squeeze=False)
    level = credible_level(ds)
    for ax, var in zip(axes[0], panels):
        title, stat, f, unit = ANSWERS[var]
        t = credible_intervals(ds, var, stat)
        est = per_draw(ds, var, stat).values * f
        x = np.arange(len(t))
        for i, (_, r) in enumerate(t.iterrows()):
            pts = _points_of(ds, t, i)
            ax.scatter(np.full(pts.size, i) + np.linspace(-0.15, 0.15, pts.size), est[pts], s=10, color=NEUTRAL, alpha=0.6)
        ax.errorbar(x, t["median"] * f, yerr=[(t["median"] - t["low"]) * f, (t["high"] - t["median"]) * f],
                    fmt="o", color=GOOD, capsize=5, lw=2, label=f"median, {100 * level:.0f} % credible interval")
        ax.set_xticks(x, _labels(t), rotation=30 if len(t) > 1 else 0, ha="right" if len(t) > 1 else "center", fontsize=7)
        ax.set_ylabel(f"{title} [{unit}]")
        ax.set_xlim(-0.6, len(t) - 0.4)
        if var.endswith("cost_per_kwh"):  # a draw that scraps nearly everything costs orders of magnitude more
            ax.set_yscale("log")
        ax.grid(alpha=0.3, axis="y")
    axes[0][0].legend(fontsize=7, loc="best")
    fig.suptitle(f"answers over {int(ds.attrs.get('uncertainty_draws', 0))} parameter draws "
                 f"({ds.attrs.get('uncertainty_source', '')}); grey: one dot per draw", fontsize=10)
    fig.tight_layout()
    return fig


def _points_of(ds: xr.Dataset, t, i: int) -> np.ndarray:
    """Positions of the points (draws) at row ``i``'s sweep point."""
    keys = [c for c in t.columns if c not in ("median", "low", "high", "draws")]
    mask = np.ones(ds.sizes["point"], bool)
    for k in keys:
        mask &= np.asarray(ds[k].values) == t[k].iloc[i]
    return np.flatnonzero(mask)


def fig_variance_shares(ds: xr.Dataset):
    if not has_draws(ds):
        return None, _NO_DRAWS
    panels = [v for v in ("yield", "shorted", "cost_per_kwh") if _available(ds, v)]
    plt = _plt()
    fig, axes = plt.subplots(1, len(panels), figsize=(4.6 * len(panels), 0.9 + 0.45 * (2 + len(_sources(ds)))),
                             squeeze=False, sharey=True)
    for ax, var in zip(axes[0], panels):
        s = variance_shares(ds, var)
        s = s.groupby("source", sort=False)[["share", "low", "high"]].mean()  # pooled over sweep points
        y = np.arange(len(s))
        colours = [LIMIT if src == "process scatter" else GOOD if src == "parameters (all)" else NEUTRAL for src in s.index]
        ax.barh(y, 100 * s["share"].fillna(0), color=colours)
        err = np.vstack([(s["share"] - s["low"]).clip(lower=0), (s["high"] - s["share"]).clip(lower=0)]) * 100
        ax.errorbar(100 * s["share"], y, xerr=np.nan_to_num(err), fmt="none", color="k", capsize=3, lw=1)
        ax.set_yticks(y, [str(i) for i in s.index], fontsize=7)
        ax.set_xlim(0, 100)
        ax.set_xlabel(f"share of the variance of {ANSWERS[var][0]} [%]")
        ax.grid(alpha=0.3, axis="x")
    axes[0][0].invert_yaxis()
    fig.suptitle("what the answer depends on: first-order share of each uncertain parameter, all parameters, and the "
                 "line's process scatter (bars: bootstrap intervals)", fontsize=9)
    fig.tight_layout()
    return fig


def _sources(ds: xr.Dataset) -> list[str]:
    return [k for k in ds.coords if "uncertain_parameter" in ds[k].attrs]


#: name -> (title, caption, function), in page order
UNCERTAINTY_FIGURES = {
    "credible": ("Credible intervals", "Yield, share shorted under the duty, capacity, specific energy and cost per kWh at each sweep point: one dot per parameter draw (its estimate over the replicates), the median and the credible interval over the draws.", fig_credible),
    "variance_shares": ("What the answer depends on", "Share of the variance of each answer from each uncertain parameter (first-order Sobol index over the draws, given data), from all parameters together, and from the line's process scatter (replicate to replicate, cell to cell).", fig_variance_shares),
}
