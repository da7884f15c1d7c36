"""Report figures of failure in time: Weibull plot of capacity to short, time-to-short histogram, failure-mode map.

Each function takes a results Dataset and returns a matplotlib figure, or
``(None, reason)`` when it does not apply (no cell shorted, say). Data come
from :mod:`twin.analysis.reliability` (Weibull fits with suspensions,
failure-mode fractions per sweep point).
"""

from __future__ import annotations

import numpy as np
import xarray as xr

from ..analysis.reliability import failure_map, weibull_fit, weibull_points
from ..contract import SHORT_MODES
from .plotting import GOOD, LIMIT, LOST, NEUTRAL, _plt, fmt

__all__ = ["fig_weibull", "fig_time_to_short", "fig_failure_map", "FAILURE_FIGURES"]

_MODE_COLOURS = {"none": GOOD, "soft": "#fdae6b", "hard": LOST}
_MAH_CM2 = 36000.0  # C m-2 per mAh cm-2


def _tested(ds: xr.Dataset) -> np.ndarray:
    return np.isfinite(np.asarray(ds["cell_asr"].values, float)).ravel()


def _shorts(ds: xr.Dataset):
    """(capacity to short [mAh/cm2], time to short [h], mode) of tested cells, and which shorted."""
    t = _tested(ds)
    q = np.asarray(ds["capacity_to_short"].values, float).ravel()[t] / _MAH_CM2
    h = np.asarray(ds["time_to_short"].values, float).ravel()[t] / 3600.0
    mode = np.asarray(ds["short_mode"].values).ravel()[t]
    return q, h, mode, np.isfinite(q) & (mode > 0)


def fig_weibull(ds: xr.Dataset):
    if "capacity_to_short" not in ds:
        return None, "the Dataset has no time-resolved failure outputs"
    q, _, mode, failed = _shorts(ds)
    ok = failed & (q > 0)
    if ok.sum() < 3:
        return None, "fewer than 3 cells shorted after plating any Li: no Weibull plot"
    plt = _plt()
    fig, ax = plt.subplots(figsize=(7.5, 5))
    for k, name in enumerate(SHORT_MODES[1:], start=1):
        sel = ok & (mode == k)
        if sel.any():
            x, F = weibull_points(np.where(sel, q, np.nan), sel)
            ax.plot(np.log(x), np.log(-np.log1p(-F)), "o", ms=4, color=_MODE_COLOURS[name], label=f"{name} shorts ({sel.sum()})")
    fit = weibull_fit(np.where(ok, q, np.nan), ok)
    if np.isfinite(fit.shape):
        xs = np.linspace(np.log(q[ok].min()), np.log(q[ok].max()), 20)
        ax.plot(xs, fit.shape * (xs - np.log(fit.scale)), "--", color=LIMIT,
                label=f"Weibull fit: shape {fmt(fit.shape)}, scale {fmt(fit.scale)} mAh/cm²")
    ticks = np.array([0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300])
    ticks = ticks[(ticks >= q[ok].min() / 2) & (ticks <= q[ok].max() * 2)]
    if ticks.size < 3:  # a narrow spread: ticks across the data instead
        ticks = np.array([float(f"{v:.2g}") for v in np.geomspace(q[ok].min(), q[ok].max(), 4)])
    ax.set_xticks(np.log(ticks), [fmt(t) for t in ticks])
    probs = np.array([0.01, 0.05, 0.2, 0.5, 0.9, 0.99])
    ax.set_yticks(np.log(-np.log1p(-probs)), [f"{100 * p:g} %" for p in probs])
    ax.set_xlabel("Li plated until the short (capacity to short) [mAh/cm²]")
    ax.set_ylabel("cumulative fraction of tested cells shorted")
    ax.set_title(f"capacity to short: {ok.sum()} of {q.size} tested cells (the rest suspended at the duty's end)", fontsize=10)
    ax.legend(fontsize=8, loc="upper left")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def fig_time_to_short(ds: xr.Dataset):
    if "time_to_short" not in ds:
        return None, "the Dataset has no time-resolved failure outputs"
    _, h, mode, failed = _shorts(ds)
    if not failed.any():
        return None, "no tested cell shorted under its duty"
    plt = _plt()
    fig, ax = plt.subplots(figsize=(8, 4.2))
    pos = h[failed] > 0
    lo = max(float(np.min(h[failed][pos])) if pos.any() else 1e-3, 1e-3)
    edges = np.geomspace(lo / 1.5, max(float(np.max(h[failed])), lo * 2) * 1.5, 41)
    data = [np.clip(h[failed & (mode == k)], edges[0], None) for k in (1, 2)]
    ax.hist(data, bins=edges, stacked=True, color=[_MODE_COLOURS["soft"], _MODE_COLOURS["hard"]],
            label=[f"soft ({data[0].size})", f"hard ({data[1].size})"])
    ax.set_xscale("log")
    ax.set_xlabel("time from the start of formation to the short [h] (assembly shorts at the left edge)")
    ax.set_ylabel("cells")
    ax.set_title(f"{failed.sum()} of {h.size} tested cells shorted under the duty; "
                 f"{(~failed).sum()} did not", fontsize=10)
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def fig_failure_map(ds: xr.Dataset):
    need = ("short_mode", "stack_pressure", "charge_current_density", "cell_asr")
    if not all(v in ds for v in need):
        return None, "the Dataset has no short modes with stack pressure and charge current"
    m = failure_map(ds)
    ok = np.isfinite(m.stack_pressure.values)
    if ok.sum() < 2:
        return None, "a map needs at least two sweep points with tested cells (sweep stack pressure and duty.current_scale)"
    plt = _plt()
    fig, ax = plt.subplots(figsize=(9, 5))
    p = m.stack_pressure.values[ok] / 1e6
    j = m.charge_current_density.values[ok] / 10.0
    frac = m.fraction.values[ok]
    colours = np.array([[0.17, 0.55, 0.75], [0.99, 0.68, 0.42], [0.90, 0.33, 0.05]])
    rgb = np.clip(frac @ colours, 0, 1)
    ax.scatter(p, j, s=60 + 240 * (1 - frac[:, 0]), c=rgb, edgecolors="0.3", linewidths=0.5)
    for xi, yi, f in zip(p, j, frac):
        if f[0] < 0.995:
            ax.annotate(f"{100 * (1 - f[0]):.0f} %", (xi, yi), xytext=(6, 4), textcoords="offset points", fontsize=7)
    for name in SHORT_MODES:
        ax.scatter([], [], c=[_MODE_COLOURS[name]], label=f"{name}" + (" (no short)" if name == "none" else " short"))
    ax.set_xlabel("stack pressure (median of the point) [MPa]")
    ax.set_ylabel("highest charge current of the duty [mA/cm²]")
    if j.min() > 0 and j.max() / j.min() > 8:
        ax.set_yscale("log")
    ax.set_title("failure-mode map: colour mixes the share of each mode at each sweep point;\n"
                 "size and label: the share of tested cells that shorted", fontsize=10)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.grid(alpha=0.3, color=NEUTRAL)
    fig.tight_layout()
    return fig


#: name -> (title, caption, function), in page order
FAILURE_FIGURES = {
    "failure_map": ("Failure-mode map", "Share of tested cells that short softly, hard or not at all, at each sweep point's stack pressure and highest charge current density (sweep both to map the plane).", fig_failure_map),
    "weibull": ("Capacity to short", "Weibull plot of the Li plated until each cell shorted (median ranks, cells that did not short counted as suspended at the duty's end), by short mode, with the least-squares Weibull fit.", fig_weibull),
    "time_to_short": ("Time to short", "When the cells shorted, from the start of formation, by mode (log scale).", fig_time_to_short),
}
