"""Report figures: one function per figure, each taking a results Dataset and returning a matplotlib figure.

A function returns ``(None, reason)`` instead when its figure does not apply
to the study (a process window without two swept settings, say). All axes
are labelled from ``long_name`` and ``units`` in display units
(:mod:`twin.analysis.display`). Plotting uses the non-interactive Agg
backend. :data:`FIGURES` lists them with their titles and captions; the page
(:mod:`twin.report.page`) draws them in that order.

Figures (file names):

- ``yield_waterfall.png`` — released -> lost at each gate (by failure mode) -> good;
- ``yield_by_setting.png`` — pooled yield against each swept setting;
- ``stations.png`` — utilisation and item flow per station, bottleneck highlighted;
- ``separator.png`` — thickness, relative density (inspection limit), conductivity;
- ``cell_asr.png`` — cell and Li-interface ASR (end-of-line limit);
- ``critical_currents.png`` — stripping and plating critical currents against the duty currents;
- ``energy.png`` — specific energy, energy density, delivered capacity (end-of-line limit);
- ``failure_map.png`` — share of soft / hard / no shorts over stack pressure x charge current;
- ``weibull.png`` — Weibull plot of capacity to short (suspensions counted), by mode, with a fit;
- ``time_to_short.png`` — when cells shorted under the duty, by mode;
- ``layer_yield.png``, ``layer_test.png`` — cell yield over layers, and the layer-test trade-off;
- ``cost_at_scale.png`` — levelized cost at plant scale by type, station and scrap point;
- ``ramp_up.png`` — scrap and cost against the time in production;
- ``credible.png``, ``variance_shares.png`` — answers with credible intervals over parameter draws, and the share
  of their variance from each uncertain parameter and from process scatter;
- ``process_window_<x>__<y>.png`` — yield, first-pass yield, throughput, cost over two swept settings;
- ``sensitivity.png`` — tornado: Sobol indices (Sobol designs) or main effects (other sweeps);
- ``pareto.png`` — energy density vs yield vs cost per point, Pareto front marked;
- ``cost_breakdown.png`` — cost per good cell by category.
"""

from __future__ import annotations

import itertools
from typing import Callable

import numpy as np
import xarray as xr

from .. import analysis  # noqa: F401  (registers ds.twin)
from ..analysis.display import label, to_display, unit_for
from .failure_figures import FAILURE_FIGURES
from .scale_figures import SCALE_FIGURES
from .uncertainty_figures import UNCERTAINTY_FIGURES
from .plotting import BOTTLENECK, GOOD, LIMIT, LOST, NEUTRAL, _compact, _disp, _hist, _plt, coord_values, finite_mean, fmt

__all__ = ["FIGURES", "window_pairs", "fig_process_window", "png_bytes", "fmt", "coord_values"]

# --------------------------------------------------------------------------- figures


def fig_waterfall(ds: xr.Dataset):
    plt = _plt()
    w = ds.twin.waterfall()
    released = float(w.released)
    gates = [str(g) for g in w.gate.values]
    modes = [str(m) for m in w.failure_mode.values]
    cmap = plt.get_cmap("tab10")
    palette = [cmap(k) for k in range(1, 10)] + ["0.35"]  # no blue: blue is for good cells
    colour = {m: palette[i % len(palette)] for i, m in enumerate(modes)}
    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(12, 4.6), gridspec_kw={"width_ratios": [1.6, 1]})
    labels = ["released"] + [f"lost at\n{g}" for g in gates] + ["good"]
    x = np.arange(len(labels))
    ax.bar(0, 100.0, color=NEUTRAL, width=0.6)
    ax.text(0, 100.0, f"{released:.0f}", ha="center", va="bottom", fontsize=9)
    level = 100.0
    for i, g in enumerate(gates, start=1):
        top = level
        for m in modes:
            n = float(w.lost.sel(gate=g, failure_mode=m))
            if n <= 0:
                continue
            h = 100.0 * n / released
            ax.bar(i, h, bottom=top - h, color=colour[m], width=0.6)
            top -= h
        n_gate = float(w.lost_at_gate.sel(gate=g))
        ax.text(i, level, f"−{n_gate:.0f}\n({100 * n_gate / released:.1f} %)", ha="center", va="bottom", fontsize=8)
        ax.plot([i - 1.3, i + 0.3], [level, level], color="0.5", lw=0.8)
        level -= 100.0 * n_gate / released
    good = float(w.good)
    ax.bar(len(labels) - 1, 100.0 * good / released, color=GOOD, width=0.6)
    ax.text(len(labels) - 1, 100.0 * good / released, f"{good:.0f}\n({100 * good / released:.1f} %)", ha="center", va="bottom", fontsize=9)
    ax.set_xticks(x, labels, fontsize=9)
    # zoom on the losses when they are small (a yield waterfall is read at the top)
    final = 100 * good / released
    bottom = 0.0 if final < 60 else max(0.0, 10 * np.floor((final - max(2 * (100 - final), 2)) / 10))
    ax.set_ylim(bottom, 100 + 0.12 * (100 - bottom))
    ax.set_ylabel("cells [% of released]" + (f" (axis starts at {bottom:.0f} %)" if bottom > 0 else ""))
    ax.set_title(f"yield waterfall: {released:.0f} released, final yield {final:.1f} %")
    by_mode = w.lost_by_mode.to_series().sort_values()
    by_mode = by_mode[by_mode > 0]
    if by_mode.size:
        ax2.barh(np.arange(by_mode.size), 100.0 * by_mode.values / released, color=[colour[m] for m in by_mode.index])
        ax2.set_yticks(np.arange(by_mode.size), by_mode.index, fontsize=9)
        for i, v in enumerate(by_mode.values):
            ax2.text(100.0 * v / released, i, f" {v:.0f}", va="center", fontsize=8)
        ax2.set_xlabel("cells lost [% of released]")
        ax2.set_title("losses by failure mode (colours as on the left)")
    else:
        ax2.text(0.5, 0.5, "no cells lost", ha="center", va="center", transform=ax2.transAxes)
        ax2.set_axis_off()
    fig.tight_layout()
    return fig


def fig_yield_by_setting(ds: xr.Dataset):
    coords = ds.twin.sweep_coords
    if not coords:
        return None, "the study has no sweep"
    plt = _plt()
    shown = coords[:4]
    fig, axes = plt.subplots(1, len(shown), figsize=(4.2 * len(shown), 3.8), squeeze=False)
    many = ds.sizes["point"] > 40 and ds.twin.design in ("lhs", "sobol")
    for ax, c in zip(axes[0], shown):
        if many:  # space-filling designs: yield per point against the setting
            y = ds.twin.final_yield(by="point")
            xv = coord_values(ds.twin.ds.sortby("point"), c)
            ax.scatter(xv, 100 * y.values, s=12, color=GOOD)
        else:
            y = ds.twin.final_yield(by=c)
            fp = ds.twin.final_yield(by=c, first_pass=True)
            xv = coord_values(y.to_dataset(), c)
            ax.plot(xv, 100 * y.values, "o-", color=GOOD, label="final yield")
            ax.plot(xv, 100 * fp.values, "s--", color=NEUTRAL, label="first-pass yield", ms=4)
            ax.legend(fontsize=8)
        ax.set_xlabel(label(ds.twin.ds[c], c))
        ax.set_ylabel("yield [%]")
        ax.grid(alpha=0.3)
    fig.suptitle("yield of each sweep point against each swept setting" if many
                 else "yield against each swept setting (pooled over the other settings)", fontsize=11)
    fig.tight_layout()
    return fig


def fig_stations(ds: xr.Dataset):
    plt = _plt()
    st = ds.twin.stations()
    names = [str(s) for s in st.station.values]
    util = 100 * st.utilisation.values
    colours = [BOTTLENECK if b else NEUTRAL for b in st.bottleneck.values]
    has_flow = "items_per_hour" in st
    fig, axes = plt.subplots(1, 2 if has_flow else 1, figsize=(12 if has_flow else 7, 4.2), squeeze=False)
    ax = axes[0, 0]
    y = np.arange(len(names))[::-1]
    ax.barh(y, util, color=colours)
    for yi, u, sh in zip(y, util, st.bottleneck_share.values):
        ax.text(u, yi, f" {u:.0f} %" + (f"  (bottleneck in {100 * sh:.0f} % of runs)" if sh > 0 else ""), va="center", fontsize=8)
    ax.set_yticks(y, names, fontsize=9)
    ax.set_xlabel(label(st.utilisation, "utilisation"))
    ax.set_xlim(0, 118)
    b = names[int(np.argmax(st.bottleneck.values))]
    tput = 3600 * float(ds["throughput"].mean()) if "throughput" in ds else float("nan")
    ax.set_title(f"utilisation per station; bottleneck: {b}")
    if has_flow:
        ax2 = axes[0, 1]
        flow = np.asarray(to_display(st.items_per_hour, "items_per_hour").values, float)
        ax2.barh(y, flow, color=colours)
        for yi, f in zip(y, flow):
            ax2.text(f, yi, f" {f:.2f}", va="center", fontsize=8)
        ax2.set_yticks(y, names, fontsize=9)
        ax2.set_xlabel(label(to_display(st.items_per_hour, "items_per_hour")))
        ax2.set_xlim(0, 1.2 * max(float(np.nanmax(flow)), 1e-9))
        ax2.set_title(f"item flow per station; good cells out: {tput:.2f} /h")
    fig.tight_layout()
    return fig


def fig_separator(ds: xr.Dataset):
    plt = _plt()
    lim = ds.twin.gate_limits()
    fig, axes = plt.subplots(1, 3, figsize=(14, 4))
    _hist(axes[0], ds, "electrolyte_thickness")
    dens = []
    if "min_relative_density" in lim:
        dens = [(100 * lim["min_relative_density"], "inspection: min density")]
    _hist(axes[1], ds, "electrolyte_relative_density", limits=dens)
    _hist(axes[2], ds, "electrolyte_conductivity")
    fig.suptitle("separator as made (every item that has one; colours: fate of the item)", fontsize=11)
    fig.tight_layout()
    return fig


def fig_asr(ds: xr.Dataset):
    plt = _plt()
    lim = ds.twin.gate_limits()
    fig, axes = plt.subplots(1, 2, figsize=(12, 4))
    limits = [(1e4 * lim["max_cell_asr"], "EOL: max cell ASR")] if "max_cell_asr" in lim else []
    ok = _hist(axes[0], ds, "cell_asr", limits=limits)
    _hist(axes[1], ds, "anode_interface_asr")
    if not ok:
        return None, "no cell reached the end-of-line test"
    fig.suptitle("area-specific resistance of the cells at the end-of-line test", fontsize=11)
    fig.tight_layout()
    return fig


def fig_critical_currents(ds: xr.Dataset):
    plt = _plt()
    lim = ds.twin.gate_limits()
    fig, axes = plt.subplots(1, 2, figsize=(12, 4))
    ccs_lim = []
    if "discharge_current_density" in ds:
        j = _disp(ds, "discharge_current_density")
        if j.size and lim.get("require_ccs_margin", True):
            ccs_lim = [(float(np.median(j)), "discharge current (voiding gate)")]
    ok = _hist(axes[0], ds, "critical_stripping_current", limits=ccs_lim)
    _hist(axes[1], ds, "critical_plating_current")
    if not ok:
        return None, "no cell reached the end-of-line test"
    fig.suptitle("critical currents at the stack pressure of each cell, against the duty", fontsize=11)
    fig.tight_layout()
    return fig


def fig_energy(ds: xr.Dataset):
    plt = _plt()
    lim = ds.twin.gate_limits()
    fig, axes = plt.subplots(1, 3, figsize=(14, 4))
    ok = _hist(axes[0], ds, "specific_energy")
    _hist(axes[1], ds, "energy_density")
    if "discharge_capacity" in ds and "cathode_areal_capacity" in ds:
        frac = 100 * (ds["discharge_capacity"] / ds["cathode_areal_capacity"]).values
        passed = ds["passed"].values.astype(bool)
        good, lost = frac[passed], frac[~passed]
        limits = [(100 * lim["min_capacity_fraction"], "EOL: min capacity")] if "min_capacity_fraction" in lim else []
        _hist(axes[2], ds, "discharge_capacity", values=(good[np.isfinite(good)], lost[np.isfinite(lost)]), limits=limits,
              xlabel="delivered / nominal capacity at the duty C-rate [%]")
    else:
        axes[2].set_axis_off()
    if not ok:
        return None, "no cell reached the end-of-line test"
    fig.suptitle("stack-level energy and delivered capacity at the end-of-line duty", fontsize=11)
    fig.tight_layout()
    return fig


#: process-window panels: (variable, title, colour map, statistic, cells)
_WINDOW_PANELS = (
    ("yield", "final yield", "viridis", "mean", "passed"),
    ("first_pass_yield", "first-pass yield (never reworked)", "viridis", "mean", "passed"),
    ("throughput", "good cells out of the line", "cividis", "mean", "passed"),
    ("cost_per_kwh", "cost per kWh", "magma_r", "mean", "passed"),
    ("electrolyte_relative_density", "median separator density (all items)", "viridis", "median", "all"),
    ("electrolyte_conductivity", "median ionic conductivity (good cells)", "viridis", "median", "passed"),
)


def window_pairs(ds: xr.Dataset) -> list[tuple[str, str]]:
    return list(itertools.combinations(ds.twin.sweep_coords, 2))[:3]


def fig_process_window(ds: xr.Dataset, x: str, y: str):
    plt = _plt()
    bins = None if ds.twin.design in (None, "grid") else 5
    fig, axes = plt.subplots(3, 2, figsize=(12, 13))
    for ax, (var, title, cmap, stat, cells) in zip(axes.ravel(), _WINDOW_PANELS):
        if var not in ("yield", "first_pass_yield") and var not in ds:
            ax.set_axis_off()
            continue
        da = ds.twin.process_window(x, y, var, stat=stat, cells=cells, bins=bins).transpose(y, x)
        disp = to_display(da, var)
        vals = np.asarray(disp.values, float)
        xv = coord_values(da.to_dataset(name="_v"), x)
        yv = coord_values(da.to_dataset(name="_v"), y)
        im = ax.imshow(vals, origin="lower", aspect="auto", cmap=cmap)
        ax.set_xticks(np.arange(xv.size), [fmt(v) for v in xv], fontsize=8, rotation=45 if xv.size > 5 else 0)
        ax.set_yticks(np.arange(yv.size), [fmt(v) for v in yv], fontsize=8)
        finite = vals[np.isfinite(vals)]
        mid = 0.5 * (finite.min() + finite.max()) if finite.size else 0
        for (i, j), v in np.ndenumerate(vals):
            if np.isfinite(v):
                ax.text(j, i, _compact(v), ha="center", va="center", fontsize=8, color="w" if (v < mid) != (cmap.endswith("_r")) else "k")
        if var == "yield" and finite.size:
            i, j = np.unravel_index(np.nanargmax(vals), vals.shape)
            ax.plot(j, i, marker="s", ms=18, mfc="none", mec="red", mew=2)
        cb = fig.colorbar(im, ax=ax, fraction=0.046, pad=0.04)
        cb.set_label(f"[{disp.attrs['units']}]" if disp.attrs["units"] else "", fontsize=8)
        ax.set_xlabel(label(ds.twin.ds[x], x), fontsize=9)
        ax.set_ylabel(label(ds.twin.ds[y], y), fontsize=9)
        ax.set_title(title + (" (binned)" if bins else ""), fontsize=10)
    fig.suptitle("process window (red square: highest yield)", fontsize=11)
    fig.tight_layout()
    return fig


def fig_sensitivity(ds: xr.Dataset):
    coords = ds.twin.sweep_coords
    if not coords:
        return None, "the study has no sweep"
    plt = _plt()
    if ds.twin.design == "sobol":
        try:
            s = ds.twin.sobol("yield")
        except ValueError as exc:
            return None, f"Sobol indices not available: {exc}"
        except ImportError:
            return None, "Sobol indices need SALib (pip install 'ssb-twin[report]')"
        order = np.argsort(s.ST.values)
        names = [str(p) for p in s.parameter.values[order]]
        labels_ = [label(ds.twin.ds[n], n, short=True) for n in names]
        y = np.arange(len(names))
        fig, ax = plt.subplots(figsize=(9, 1.2 + 0.7 * len(names)))
        ax.barh(y + 0.18, s.ST.values[order], height=0.36, xerr=s.ST_conf.values[order], color=LOST, label="total order ST", capsize=3)
        ax.barh(y - 0.18, s.S1.values[order], height=0.36, xerr=s.S1_conf.values[order], color=GOOD, label="first order S1", capsize=3)
        ax.set_yticks(y, labels_, fontsize=9)
        ax.axvline(0, color="0.3", lw=0.8)
        ax.set_xlabel(f"Sobol index of the yield [-] (bars: {100 * s.attrs['conf_level']:g} % confidence interval)")
        ax.set_title(f"sensitivity of the yield: Sobol indices, {s.attrs['base_samples']} base samples")
        ax.legend(fontsize=8)
        fig.tight_layout()
        return fig
    effects = ds.twin.main_effects("yield")
    overall = 100 * float(ds.twin.final_yield())
    rows = []
    for c, da in effects.items():
        v = 100 * np.asarray(da.values, float)
        xv = coord_values(da.to_dataset(), c)
        if v.size < 2 or not np.any(np.isfinite(v)):
            continue
        i_lo, i_hi = int(np.nanargmin(v)), int(np.nanargmax(v))
        rows.append((c, v[i_lo], v[i_hi], xv[i_lo], xv[i_hi], unit_for(c, ds.twin.ds[c].attrs.get("units")).symbol))
    if not rows:
        return None, "every swept setting has a single value"
    rows.sort(key=lambda r: r[2] - r[1])
    fig, ax = plt.subplots(figsize=(9, 1.4 + 0.7 * len(rows)))
    for i, (c, lo, hi, x_lo, x_hi, u) in enumerate(rows):
        ax.barh(i, lo - overall, left=overall, color=LOST, height=0.5)
        ax.barh(i, hi - overall, left=overall, color=GOOD, height=0.5)
        ax.text(lo, i, f"{fmt(x_lo)} {u} ", ha="right", va="center", fontsize=8)
        ax.text(hi, i, f" {fmt(x_hi)} {u}", ha="left", va="center", fontsize=8)
    ax.set_yticks(np.arange(len(rows)), [label(ds.twin.ds[r[0]], r[0], short=True) for r in rows], fontsize=9)
    ax.axvline(overall, color="0.3", lw=0.8)
    lo_all = min(r[1] for r in rows)
    hi_all = max(r[2] for r in rows)
    pad = max(hi_all - lo_all, 1.0) * 0.45
    ax.set_xlim(lo_all - pad, hi_all + pad)
    ax.set_xlabel("pooled final yield [%] at the worst (orange) and best (blue) value of each setting")
    ax.set_title(f"tornado: main effect of each swept setting on the yield (study: {overall:.1f} %)")
    fig.tight_layout()
    return fig


def fig_pareto(ds: xr.Dataset):
    if ds.sizes["point"] < 2:
        return None, "the study has a single point"
    plt = _plt()
    p = ds.twin.pareto()
    ed = np.asarray(to_display(p.energy_density, "energy_density").values, float)
    yv = 100 * p["yield"].values
    cost = p.cost_per_kwh.values
    front = p.on_front.values
    fig, ax = plt.subplots(figsize=(7.5, 5))
    sc = ax.scatter(ed, yv, c=cost, cmap="magma_r", s=40, edgecolors="0.3", linewidths=0.5)
    if front.any():
        ax.scatter(ed[front], yv[front], s=160, facecolors="none", edgecolors=LIMIT, linewidths=1.5, label="Pareto front")
        coords = ds.twin.sweep_coords[:3]
        key = []
        for k, i in enumerate(np.flatnonzero(front)[:12], start=1):
            text = ", ".join(f"{fmt(coord_values(p, c)[i])} {unit_for(c, p[c].attrs.get('units')).symbol}".strip() for c in coords)
            ax.annotate(str(k), (ed[i], yv[i]), xytext=(7, 5), textcoords="offset points", fontsize=8, color=LIMIT)
            key.append(f"{k}: {text or 'point ' + str(int(p.point.values[i]))}")
        ax.legend(fontsize=8, loc="lower right", title="\n".join(key), title_fontsize=7)
    cb = fig.colorbar(sc, ax=ax)
    cb.set_label("cost per kWh delivered by good cells [USD/kWh]")
    ax.set_xlabel(label(p.energy_density, "energy_density"))
    ax.set_ylabel("final yield [%]")
    ax.set_title("trade-off per sweep point: energy density vs yield vs cost")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def fig_cost(ds: xr.Dataset):
    if not all(f"cost_{k}" in ds for k in ("materials", "energy", "equipment")):
        return None, "the Dataset has no cost variables"
    plt = _plt()
    coords = ds.twin.sweep_coords
    if not coords:
        c = ds.twin.cost_breakdown()
        xlabels = ["study"]
        parts = {k: np.atleast_1d(c[k].values) for k in ("materials", "energy", "equipment")}
        xlabel = ""
    else:
        by = coords[0]
        c = ds.twin.cost_breakdown(by=by)
        xv = coord_values(c, by)
        xlabels = [fmt(v) for v in xv]
        parts = {k: np.asarray(c[k].values, float) for k in ("materials", "energy", "equipment")}
        xlabel = label(ds.twin.ds[by], by) + (" (pooled over the other settings)" if len(coords) > 1 else "")
    fig, ax = plt.subplots(figsize=(max(6, 0.8 * len(xlabels) + 3), 4.2))
    bottom = np.zeros(len(xlabels))
    colours = {"materials": "#8c6bb1", "energy": "#fdae6b", "equipment": "#74a9cf"}
    x = np.arange(len(xlabels))
    for k, v in parts.items():
        v = np.nan_to_num(v)
        ax.bar(x, v, bottom=bottom, color=colours[k], label=k, width=0.6)
        bottom += v
    for xi, tot in zip(x, bottom):
        ax.text(xi, tot, fmt(tot), ha="center", va="bottom", fontsize=8)
    ax.set_xticks(x, xlabels, fontsize=8)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("cost per good cell [USD]")
    kwh = finite_mean(ds["cost_per_kwh"].values) if "cost_per_kwh" in ds else float("nan")
    ax.set_title(f"cost per good cell by category (study mean: {fmt(kwh)} USD/kWh)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


#: name -> (title, caption, function)
FIGURES: dict[str, tuple[str, str, Callable]] = {
    "yield_waterfall": ("Yield waterfall", "Cells released, lost at each gate (coloured by failure mode) and good, pooled over the study; right: losses by failure mode.", fig_waterfall),
    "yield_by_setting": ("Yield by swept setting", "Pooled final and first-pass yield at each value of each swept setting.", fig_yield_by_setting),
    "stations": ("Stations", "Mean utilisation and item flow per station; the most utilised station (the bottleneck) in red.", fig_stations),
    "separator": ("Separator", "Thickness, relative density and ionic conductivity of every separator made, good cells vs lost; dashed: the inspection limit.", fig_separator),
    "cell_asr": ("Area-specific resistance", "Cell and Li | electrolyte interface ASR of the cells that reached the end-of-line test; dashed: the end-of-line limit.", fig_asr),
    "critical_currents": ("Critical currents", "Critical stripping (voiding) and plating (dendrite) current densities; dashed: the duty's discharge and charge currents.", fig_critical_currents),
    "energy": ("Energy", "Stack-level specific energy and energy density (at the charged state), and delivered/nominal capacity in formation with the end-of-line limit.", fig_energy),
    **FAILURE_FIGURES,
    **SCALE_FIGURES,
    **UNCERTAINTY_FIGURES,
    "sensitivity": ("Sensitivity", "Which swept settings move the yield: Sobol indices for a Sobol design, otherwise the spread of the yield between the worst and best value of each setting.", fig_sensitivity),
    "pareto": ("Trade-offs", "Each sweep point's median energy density of good cells, yield and cost per kWh; ringed: the Pareto front.", fig_pareto),
    "cost_breakdown": ("Cost", "Cost per good cell split into materials (scrap included), furnace energy and equipment time.", fig_cost),
}


def png_bytes(fig) -> bytes:
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    _plt().close(fig)
    return buf.getvalue()
