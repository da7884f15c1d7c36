"""Cells of many layers, plants and ramp-up, read from the Dataset: per-point tables the report and users plot.

- :func:`layer_table`: per sweep point, the unit layers per cell, the layer
  yield, the cell yield and what the layer yield alone predicts (``y^N``),
  and the levelized cost per good kWh;
- :func:`cost_breakdown_at_scale`: the levelized cost per good kWh by cost
  type and by station, and the cost of one percentage point of scrap per
  station (means over points and replicates);
- :func:`ramp_curve`: yield, scrap, throughput and cost against the time in
  production, for a sweep of ``ramp_up.time_in_production``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import xarray as xr

from .grouping import normalised, sweep_coords

__all__ = ["layer_table", "cost_breakdown_at_scale", "ramp_curve", "layers_per_point"]


def layers_per_point(ds: xr.Dataset) -> np.ndarray:
    """Unit layers per cell at each point: the swept ``cell_layers`` coordinate, else the ``cell_layers`` attribute."""
    ds = normalised(ds)
    if "cell_layers" in ds.coords and ds["cell_layers"].dims == ("point",):
        return np.asarray(ds["cell_layers"].values, dtype=int)
    return np.full(ds.sizes["point"], int(ds.attrs.get("cell_layers", 1)))


def layer_table(ds: xr.Dataset) -> pd.DataFrame:
    """One row per point: swept settings, ``layers``, ``layer_yield``, ``cell_yield``, ``predicted`` (layer
    yield ^ layers) [-] and ``cost_per_kwh`` (levelized at plant scale) [USD/kWh], means over replicates."""
    ds = normalised(ds)
    out = pd.DataFrame({c: np.asarray(ds[c].values) for c in sweep_coords(ds)})
    out["layers"] = layers_per_point(ds)
    out["layer_yield"] = ds["layer_yield"].mean("replicate").values
    out["cell_yield"] = ds["yield"].mean("replicate").values
    out["predicted"] = out["layer_yield"] ** out["layers"]
    if "plant_cost_per_kwh" in ds:
        out["cost_per_kwh"] = ds["plant_cost_per_kwh"].mean("replicate").values
    return out


def cost_breakdown_at_scale(ds: xr.Dataset) -> dict[str, pd.Series]:
    """``by_type`` and ``by_station`` levelized cost, and ``scrap_point`` cost per station [USD per good kWh]."""
    red = ("point", "replicate")
    return {"by_type": ds["plant_cost_by_type"].mean(red).to_pandas(),
            "by_station": ds["plant_cost_by_station"].mean(red).to_pandas(),
            "scrap_point": ds["scrap_point_cost"].mean(red).to_pandas()}


def ramp_curve(ds: xr.Dataset) -> pd.DataFrame | None:
    """Yield, scrap, throughput [s-1] and cost per kWh against ``years`` in production (None without that sweep)."""
    ds = normalised(ds)
    name = "ramp_up_time_in_production"
    if name not in ds.coords:
        return None
    out = pd.DataFrame({"years": np.asarray(ds[name].values, float) / (365.25 * 86400.0)})
    out["yield"] = ds["yield"].mean("replicate").values
    out["scrap"] = 1.0 - out["yield"]
    out["throughput"] = ds["throughput"].mean("replicate").values
    if "plant_cost_per_kwh" in ds:
        out["cost_per_kwh"] = ds["plant_cost_per_kwh"].mean("replicate").values
    return out.sort_values("years").reset_index(drop=True)
