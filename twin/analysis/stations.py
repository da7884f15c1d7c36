"""The line seen from its stations, and what its cells cost."""

from __future__ import annotations

import numpy as np
import xarray as xr

from .grouping import group_by, normalised

__all__ = ["stations", "cost_breakdown"]


def stations(ds: xr.Dataset) -> xr.Dataset:
    """Utilisation and item flow per station, with the bottleneck.

    Returns
    -------
    xarray.Dataset over ``station``
        ``utilisation`` [-] (mean over points and replicates),
        ``items_per_hour`` [s-1] items leaving the station per unit time
        (needs ``station_exit_time``), ``bottleneck`` (bool, the most
        utilised station) and ``bottleneck_share`` [-]: fraction of
        replicates whose most utilised station it is.
    """
    ds = normalised(ds)
    util = ds["utilisation"].mean(("point", "replicate"))
    out = xr.Dataset({"utilisation": util})
    out["utilisation"].attrs = dict(ds["utilisation"].attrs)
    if "station_exit_time" in ds and "makespan" in ds:
        n = np.isfinite(ds["station_exit_time"]).sum("cell")
        out["items_per_hour"] = (n / ds["makespan"]).mean(("point", "replicate"))
        out["items_per_hour"].attrs = {"units": "s-1", "long_name": "items leaving the station per unit time"}
    nst = ds.sizes["station"]
    share = np.zeros(nst)
    if "bottleneck" in ds:
        b = ds["bottleneck"].values.ravel()
        b = b[np.isfinite(b)].astype(int)
        share = np.bincount(b, minlength=nst)[:nst] / max(b.size, 1)
    out["bottleneck_share"] = ("station", share, {"units": "1", "long_name": "fraction of replicates where this station is the most utilised"})
    top = np.zeros(nst, bool)
    if np.any(np.isfinite(util.values)):
        top[int(np.nanargmax(util.values))] = True
    out["bottleneck"] = ("station", top, {"units": "1", "long_name": "most utilised station (mean utilisation)"})
    return out


def cost_breakdown(ds: xr.Dataset, by=None) -> xr.Dataset:
    """Cost per good cell by category [USD] (pooled: total cost / total good cells); NaN where no good cell.

    Returns ``materials``, ``energy``, ``equipment`` and ``total``.
    """

    def f(d: xr.Dataset, dims) -> xr.Dataset:
        red = [x for x in dims if x in d["good_cells"].dims]
        good = d["good_cells"].sum(red)
        parts = {k: (d[f"cost_{k}"].sum(red) / good).where(good > 0) for k in ("materials", "energy", "equipment")}
        parts["total"] = parts["materials"] + parts["energy"] + parts["equipment"]
        return xr.Dataset(parts)

    out = group_by(ds, f, by, ["good_cells", "cost_materials", "cost_energy", "cost_equipment"])
    long = {"materials": "materials (scrap included)", "energy": "furnace electricity",
            "equipment": "equipment depreciation and labour", "total": "total"}
    for k, v in long.items():
        out[k].attrs = {"units": "USD", "long_name": f"cost per good cell: {v}"}
    return out
