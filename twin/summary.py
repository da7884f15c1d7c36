"""Terminal summary of a results Dataset, in the units engineers use.

Yield and throughput per sweep point, medians of the key cell metrics over
all cells that reached the end-of-line test, and where cells were lost.
"""

from __future__ import annotations

import numpy as np
import xarray as xr
from rich.console import Console
from rich.table import Table

from .performance import FAILURE_MODES

__all__ = ["summary_rows", "print_summary"]

#: Dataset variable -> (column title, factor from SI, unit shown)
METRICS = {
    "cell_asr": ("cell ASR", 1e4, "ohm cm2"),
    "critical_stripping_current": ("CCS", 0.1, "mA/cm2"),
    "discharge_capacity": ("capacity", 1 / 36.0 / 1000.0, "mAh/cm2"),
    "specific_energy": ("spec. energy", 1 / 3600.0, "Wh/kg"),
    "energy_density": ("energy dens.", 1 / 3.6e6, "Wh/L"),
}


def summary_rows(ds: xr.Dataset) -> list[dict]:
    """One dict per sweep point: yield [-], throughput [cells/h], metric medians in display units, losses."""
    rows = []
    coords = [c for c in ds.coords if ds[c].dims == ("point",) and c != "point"]
    for p in ds["point"].values:
        d = ds.sel(point=p)
        row = {"point": int(p)}
        for c in coords:
            row[c] = float(d[c].values)
        row["yield"] = float(d["good_cells"].sum() / d["cells_released"].sum())
        row["throughput_per_h"] = float(d["throughput"].mean()) * 3600.0
        tested = np.isfinite(d["cell_asr"].values)
        for var, (_, f, _) in METRICS.items():
            vals = d[var].values[tested]
            row[var] = float(np.median(vals)) * f if vals.size else float("nan")
        fm = d["failure_mode"].values.ravel()
        row["losses"] = {FAILURE_MODES[k]: int((fm == k).sum()) for k in range(1, len(FAILURE_MODES)) if (fm == k).any()}
        rows.append(row)
    return rows


def print_summary(ds: xr.Dataset, console: Console | None = None) -> None:
    console = console or Console()
    rows = summary_rows(ds)
    coords = [c for c in ds.coords if ds[c].dims == ("point",) and c != "point"]
    t = Table(title=f"{ds.attrs.get('title', 'ssb-twin study')}  ({ds.sizes['replicate']} replicates x {ds.sizes['cell']} cells per point)")
    t.add_column("point", justify="right")
    for c in coords:
        t.add_column(f"{c} [{ds[c].attrs.get('units', '')}]", justify="right")
    t.add_column("yield", justify="right")
    t.add_column("good cells/h", justify="right")
    for var, (title, _, unit) in METRICS.items():
        t.add_column(f"{title} [{unit}]", justify="right")
    t.add_column("main losses")
    for r in rows:
        losses = ", ".join(f"{k} {v}" for k, v in sorted(r["losses"].items(), key=lambda kv: -kv[1])[:3]) or "-"
        t.add_row(
            str(r["point"]),
            *[f"{r[c]:.4g}" for c in coords],
            f"{100 * r['yield']:.1f} %",
            f"{r['throughput_per_h']:.1f}",
            *[f"{r[v]:.3g}" for v in METRICS],
            losses,
        )
    console.print(t)
