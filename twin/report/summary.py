"""Terminal summary of a results Dataset, in the units engineers use.

Yield and throughput per sweep point, medians of the key cell metrics over
all cells that reached the end-of-line test, and where cells were lost.
"""

from __future__ import annotations

import numpy as np
import xarray as xr
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..analysis.uncertainty import has_draws
from ..contract import FLAGS
from .credible_summary import print_credible_summary

FAILURE_MODES = FLAGS["failure_mode"]

__all__ = ["summary_rows", "print_summary"]

#: Dataset variable -> (column title, factor from SI, unit shown)
METRICS = {
    "cell_asr": ("cell ASR", 1e4, "ohm cm2"),
    "anode_interface_asr": ("Li interface ASR", 1e4, "ohm cm2"),
    "critical_stripping_current": ("CCS", 0.1, "mA/cm2"),
    "critical_plating_current": ("CCP", 0.1, "mA/cm2"),
    "discharge_capacity": ("capacity", 1 / 36.0 / 1000.0, "mAh/cm2"),
    "specific_energy": ("spec. energy", 1 / 3600.0, "Wh/kg"),
    "energy_density": ("energy dens.", 1 / 3.6e6, "Wh/L"),
}


#: medians in the summary use at most this many cells per point (whole replicates, first ones
#: first), so the summary's memory stays bounded however large the study; the table says so.
MAX_MEDIAN_CELLS = 200_000


def summary_rows(ds: xr.Dataset) -> list[dict]:
    """One dict per sweep point: yield [-], throughput [cells/h], metric medians in display units, losses.

    Loss counts cover every cell (read one block of replicates at a time); metric
    medians cover the first ``median_replicates`` replicates of each point (all of
    them unless a point has more than :data:`MAX_MEDIAN_CELLS` cells).
    """
    rows = []
    coords = [c for c in ds.coords if ds[c].dims == ("point",) and c != "point"]
    n_rep, n_cell = ds.sizes["replicate"], ds.sizes["cell"]
    block = max(1, MAX_MEDIAN_CELLS // max(n_cell, 1))
    for p in ds["point"].values:
        d = ds.sel(point=p)
        row = {"point": int(p), "median_replicates": min(block, n_rep)}
        for c in coords:
            row[c] = float(d[c].values)
        row["yield"] = float((d["yield"] * d["cells_released"]).sum() / d["cells_released"].sum())
        row["throughput_per_h"] = float(d["throughput"].mean()) * 3600.0
        head = d.isel(replicate=slice(0, block))
        tested = np.isfinite(head["cell_asr"].values)
        for var, (_, f, _) in METRICS.items():
            vals = head[var].values[tested]
            row[var] = float(np.median(vals)) * f if vals.size else float("nan")
        row.update(_duty_rows(head, tested))
        counts = np.zeros(len(FAILURE_MODES), np.int64)
        for r0 in range(0, n_rep, block):
            fm = d["failure_mode"].isel(replicate=slice(r0, r0 + block)).values.ravel()
            counts += np.bincount(fm, minlength=len(FAILURE_MODES))[: len(FAILURE_MODES)]
        row["losses"] = {FAILURE_MODES[k]: int(counts[k]) for k in range(1, len(FAILURE_MODES)) if counts[k]}
        rows.append(row)
    return rows


def _duty_rows(head: xr.Dataset, tested: np.ndarray) -> dict:
    """Share of tested cells that short under the duty, their median time to short [h], median cycles to failure."""
    if "short_mode" not in head or not tested.any():
        return {"shorted": float("nan"), "time_to_short_h": float("nan"), "cycles_to_failure": float("nan")}
    mode = head["short_mode"].values[tested]
    t = head["time_to_short"].values[tested] / 3600.0 if "time_to_short" in head else np.array([np.nan])
    t = t[np.isfinite(t)]
    cyc = head["cycles_to_failure"].values[tested] if "cycles_to_failure" in head else np.array([np.nan])
    return {"shorted": float(np.mean(mode > 0)), "time_to_short_h": float(np.median(t)) if t.size else float("nan"),
            "cycles_to_failure": float(np.median(cyc)) if cyc.size else float("nan")}


def print_summary(ds: xr.Dataset, console: Console | None = None, max_points: int = 8) -> None:
    """Print one column per sweep point (up to ``max_points``), one row per KPI/metric.

    A study run over parameter draws prints each answer with its credible interval instead
    (:func:`twin.report.credible_summary.print_credible_summary`).
    """
    console = console or Console()
    if has_draws(ds):
        print_credible_summary(ds, console)
        return
    rows = summary_rows(ds)
    shown = rows[:max_points]
    coords = [c for c in ds.coords if ds[c].dims == ("point",) and c != "point"]
    t = Table(title=f"{ds.attrs.get('title', 'ssb-twin study')}: {ds.sizes['replicate']} replicates x {ds.sizes['cell']} cells per point")
    t.add_column("", no_wrap=True)
    for r in shown:
        t.add_column(f"point {r['point']}", justify="right", no_wrap=True)
    for c in coords:
        t.add_row(escape(f"{c} [{ds[c].attrs.get('units', '')}]"), *[f"{r[c]:.4g}" for r in shown])
    t.add_row("yield", *[f"{100 * r['yield']:.1f} %" for r in shown])
    t.add_row("good cells per hour", *[f"{r['throughput_per_h']:.2f}" for r in shown])
    for var, (title, _, unit) in METRICS.items():
        t.add_row(escape(f"median {title} [{unit}]"), *[f"{r[var]:.3g}" for r in shown])
    t.add_row("shorted under the duty", *[f"{100 * r['shorted']:.1f} %" for r in shown])
    t.add_row(escape("median time to short [h]"), *[f"{r['time_to_short_h']:.3g}" for r in shown])
    if ds.attrs.get("duty_cycles", 0):
        t.add_row(escape("median cycles to failure"), *[f"{r['cycles_to_failure']:.0f}" for r in shown])
    names = sorted({k for r in shown for k in r["losses"]}, key=lambda k: -sum(r["losses"].get(k, 0) for r in shown))
    for k in names:
        t.add_row(f"lost: {k}", *[str(r["losses"].get(k, 0)) for r in shown])
    console.print(t)
    if shown and shown[0]["median_replicates"] < ds.sizes["replicate"]:
        console.print(f"(medians over the first {shown[0]['median_replicates']} of {ds.sizes['replicate']} replicates per point; losses over all)")
    if len(rows) > max_points:
        console.print(f"({len(rows) - max_points} more points in the results file)")
