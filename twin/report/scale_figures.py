"""Report figures of cells, plants and ramp-up: yield over layers, the layer-test trade-off, levelized cost, ramp-up.

Each function takes a results Dataset and returns a matplotlib figure, or
``(None, reason)`` when it does not apply. Data from :mod:`twin.analysis.scale`.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

from ..analysis.scale import cost_breakdown_at_scale, layer_table, ramp_curve
from ..analysis.display import unit_for
from .plotting import GOOD, LIMIT, LOST, NEUTRAL, _plt, coord_values, fmt

__all__ = ["fig_layer_yield", "fig_layer_test", "fig_cost_at_scale", "fig_ramp_up", "SCALE_FIGURES"]


def fig_layer_yield(ds: xr.Dataset):
    if "layer_yield" not in ds:
        return None, "the Dataset has no layer yields"
    t = layer_table(ds)
    if t["layers"].max() <= 1:
        return None, "every cell has one layer"
    if "layer_test_enabled" in t:  # tested layers are sorted before stacking: y^N does not apply to them
        t = t[~t["layer_test_enabled"].astype(bool)]
    plt = _plt()
    fig, ax = plt.subplots(figsize=(7.5, 4.8))
    n = np.arange(1, int(t["layers"].max()) + 1)
    for y in sorted(set(np.round(t["layer_yield"], 3)))[:6]:
        ax.plot(n, 100 * y ** n, color=NEUTRAL, lw=0.8, alpha=0.6)
    ax.scatter(t["layers"], 100 * t["cell_yield"], color=GOOD, zorder=3, label="cell yield (simulated)")
    ax.scatter(t["layers"], 100 * t["predicted"], marker="x", color=LIMIT, zorder=3, label="layer yield ^ layers")
    ax.set_xlabel("unit layers per cell")
    ax.set_ylabel("yield [%]")
    ax.set_title("one bad layer kills the cell: cell yield against layers (grey: y^N for the layer yields seen)", fontsize=10)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def fig_layer_test(ds: xr.Dataset):
    t = layer_table(ds)
    if "layer_test_enabled" not in t or "cost_per_kwh" not in t or t["layers"].nunique() < 2:
        return None, "needs a sweep of cell.layers and process.layer_test.enabled"
    others = [c for c in t.columns if c not in ("layer_test_enabled", "cell_layers", "layers", "layer_yield",
                                               "cell_yield", "predicted", "cost_per_kwh")]
    nds = ds.twin.ds
    for c in others:  # display units (degC, MPa, ...) for the panel titles
        t[c] = coord_values(nds, c)
    units = {c: unit_for(c, nds[c].attrs.get("units")).symbol for c in others}
    groups = list(t.groupby(others)) if others else [((), t)]
    plt = _plt()
    fig, axes = plt.subplots(1, len(groups[:4]), figsize=(4.2 * len(groups[:4]), 4.2), squeeze=False, sharey=True)
    for ax, (key, g) in zip(axes[0], groups[:4]):
        for on, colour in ((False, LOST), (True, GOOD)):
            s = g[g["layer_test_enabled"] == on].sort_values("layers")
            ax.plot(s["layers"], s["cost_per_kwh"], "o-", color=colour, label="layer test" if on else "no layer test")
        ax.set_yscale("log")
        ax.set_xlabel("unit layers per cell")
        ax.set_title(", ".join(f"{c} {fmt(v)} {units[c]}" for c, v in zip(others, np.atleast_1d(key))) or "all points",
                     fontsize=9)
        ax.grid(alpha=0.3)
    axes[0][0].set_ylabel("levelized cost per good kWh [USD]")
    axes[0][0].legend(fontsize=8)
    fig.suptitle("does testing unit layers before stacking pay for itself?", fontsize=11)
    fig.tight_layout()
    return fig


def fig_cost_at_scale(ds: xr.Dataset):
    if "plant_cost_by_station" not in ds or not np.isfinite(ds["plant_cost_per_kwh"].values).any():
        return None, "no levelized cost (nothing good came out of the line)"
    c = cost_breakdown_at_scale(ds)
    plt = _plt()
    fig, axes = plt.subplots(1, 3, figsize=(15, 4.4))
    c["by_type"].plot.bar(ax=axes[0], color=NEUTRAL)
    axes[0].set_ylabel("USD per good kWh")
    axes[0].set_title(f"by cost type (total {fmt(float(np.nanmean(ds['plant_cost_per_kwh'].values)))} USD/kWh, "
                      f"plant set {ds.attrs.get('plant_params', '?')})", fontsize=9)
    c["by_station"].plot.bar(ax=axes[1], color=GOOD)
    axes[1].set_title("conversion cost by station (materials and site apart)", fontsize=9)
    c["scrap_point"].plot.bar(ax=axes[2], color=LOST)
    axes[2].set_title("cost of one percentage point more scrap at each station", fontsize=9)
    axes[2].set_ylabel("USD per good kWh")
    for ax in axes:
        ax.tick_params(axis="x", labelrotation=60, labelsize=8)
    fig.tight_layout()
    return fig


def fig_ramp_up(ds: xr.Dataset):
    r = ramp_curve(ds)
    if r is None or len(r) < 2:
        return None, "needs a sweep of ramp_up.time_in_production"
    plt = _plt()
    fig, ax = plt.subplots(figsize=(8, 4.6))
    ax.plot(r["years"], 100 * r["scrap"], "o-", color=LOST, label="scrap (simulated line)")
    ax.axhspan(5, 12, color=GOOD, alpha=0.12, label="steady-state plants: 5-12 % (Porsche 2025)")
    ax.axhline(30, color=LIMIT, ls="--", lw=1, label="start of production: > 30 % (Porsche 2025)")
    ax.set_xlabel("time in production [years]")
    ax.set_ylabel("scrap [%]")
    if "cost_per_kwh" in r:
        ax2 = ax.twinx()
        ax2.plot(r["years"], r["cost_per_kwh"], "s--", color=NEUTRAL, label="levelized cost")
        ax2.set_ylabel("levelized cost per good kWh [USD]")
    ax.legend(fontsize=8, loc="upper right")
    ax.set_title("ramp-up: scrap and cost from the start of production", fontsize=10)
    fig.tight_layout()
    return fig


#: name -> (title, caption, function), in page order
SCALE_FIGURES = {
    "layer_yield": ("Yield over layers", "Cell yield against the unit layers per cell, with what the layer yield alone predicts (y^N): in a stacked cell one bad layer kills the cell.", fig_layer_yield),
    "layer_test": ("Layer testing", "Levelized cost per good kWh against layers per cell, with and without testing unit layers before stacking, for each value of the other swept settings.", fig_layer_test),
    "cost_at_scale": ("Cost at scale", "Levelized cost per good kWh of a plant running this line at its nameplate capacity: by cost type, conversion cost by station, and the cost of one percentage point more scrap at each station.", fig_cost_at_scale),
    "ramp_up": ("Ramp-up", "Scrap (and levelized cost) against the time since the start of production, with the published anchors.", fig_ramp_up),
}
