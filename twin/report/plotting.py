"""Plotting helpers shared by the report figures: matplotlib set-up, display-unit data, histograms, number formats."""

from __future__ import annotations

import numpy as np
import xarray as xr

from ..analysis.display import label, to_display

__all__ = ["GOOD", "LOST", "LIMIT", "BOTTLENECK", "NEUTRAL", "fmt", "coord_values", "finite_mean"]

GOOD, LOST, LIMIT, BOTTLENECK, NEUTRAL = "#2b8cbe", "#e6550d", "#b30000", "#d7301f", "#7f9fbf"


# --------------------------------------------------------------------------- helpers


def _plt():
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def _disp(ds: xr.Dataset, var: str, mask=None) -> np.ndarray:
    """Finite values of ``var`` (optionally where ``mask``) in display units, flattened."""
    da = ds[var]
    v = np.asarray(to_display(da, var).values, float)
    if mask is not None:
        v = v[np.broadcast_to(np.asarray(mask, bool), v.shape)]
    v = v.ravel()
    return v[np.isfinite(v)]


def _hist(ax, ds: xr.Dataset, var: str, *, limits: list[tuple[float, str]] = (), logx: bool | None = None,
          values: tuple[np.ndarray, np.ndarray] | None = None, xlabel: str | None = None) -> bool:
    """Stacked histogram good / lost cells of ``var`` with gate limits (display units). False if no data."""
    if values is None:
        passed = ds["passed"].values.astype(bool)
        good = _disp(ds, var, passed)
        lost = _disp(ds, var, ~passed)
    else:
        good, lost = values
    allv = np.concatenate([good, lost])
    if allv.size == 0:
        ax.text(0.5, 0.5, "no cells measured", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return False
    lo, hi = float(np.min(allv)), float(np.max(allv))
    span = hi - lo if hi > lo else max(abs(hi), 1.0) * 0.05
    if logx is None:
        logx = lo > 0 and hi / lo > 30
    # a limit far from the data would squeeze the histogram: draw it only if it is near, else point to it
    near, far = [], []
    for x, text in limits:
        if not np.isfinite(x):
            continue
        ok = (lo / 10 <= x <= hi * 10) if logx and x > 0 else (lo - span <= x <= hi + span)
        (near if ok else far).append((x, text))
    edges_lo, edges_hi = min([lo] + [x for x, _ in near]), max([hi] + [x for x, _ in near])
    if logx:
        edges = np.geomspace(max(edges_lo, lo * 1e-3), edges_hi, 41)
        ax.set_xscale("log")
    else:
        if edges_hi == edges_lo:
            edges_lo, edges_hi = edges_lo - 0.5, edges_hi + 0.5
        edges = np.linspace(edges_lo, edges_hi, 41)
    ax.hist([good, lost], bins=edges, stacked=True, color=[GOOD, LOST], label=[f"good ({good.size})", f"lost ({lost.size})"])
    for x, text in near:
        ax.axvline(x, color=LIMIT, ls="--", lw=1.5)
        ax.annotate(text, xy=(x, 1.0), xycoords=("data", "axes fraction"), xytext=(3, -12), textcoords="offset points",
                    color=LIMIT, fontsize=8, va="top", rotation=90)
    for i, (x, text) in enumerate(far):
        right = x > hi
        ax.annotate(f"{text}: {fmt(x)} " + ("→" if right else "←"), xy=(0.98 if right else 0.02, 0.55 - 0.08 * i),
                    xycoords="axes fraction", ha="right" if right else "left", color=LIMIT, fontsize=8)
    ax.set_xlabel(_wrap(xlabel or label(ds[var], var)))
    ax.set_ylabel("cells")
    ax.legend(fontsize=8, loc="best")
    return True


def finite_mean(values) -> float:
    """Mean of the finite values (NaN, without a warning, if there are none: e.g. no good cell, no cost per kWh)."""
    v = np.asarray(values, float).ravel()
    v = v[np.isfinite(v)]
    return float(v.mean()) if v.size else float("nan")


def fmt(x: float) -> str:
    """A number for a table or a tick: no exponent, no trailing zeros, at most 3-4 significant digits."""
    x = float(x)
    if not np.isfinite(x):
        return "–"
    ax = abs(x)
    if ax >= 100 or x == round(x):
        return f"{x:.0f}"
    if ax >= 10:
        return f"{x:.1f}"
    return f"{x:.3g}"


def _compact(x: float) -> str:
    """A number inside a heatmap cell: 3 significant digits, thousands as k."""
    x = float(x)
    if np.isfinite(x) and abs(x) >= 1e4:
        return f"{x / 1e3:.0f}k"
    return fmt(x)


def _wrap(text: str, width: int = 48) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) if len(text) > width else text


def coord_values(ds: xr.Dataset, name: str) -> np.ndarray:
    return np.asarray(to_display(ds[name], name).values, float)
