"""Distributions of any variable over cells and replicates: quantiles and one-number statistics."""

from __future__ import annotations

from typing import Sequence

import xarray as xr

from .display import to_display
from .grouping import cell_mask, group_by, require
from .losses import final_yield

__all__ = ["quantiles", "reduce"]

STATS = ("median", "mean", "min", "max", "std")


def quantiles(ds: xr.Dataset, var: str, q: float | Sequence[float] = (0.05, 0.5, 0.95), by=None, *,
              cells: str = "tested", display: bool = False) -> xr.DataArray:
    """Quantiles of any variable over cells and replicates (NaN skipped).

    Parameters
    ----------
    var : str
        A per-cell variable (``cell_asr``, ``critical_plating_current``, ...)
        or a per-replicate one (``throughput``, ``utilisation``, ...).
    q : float or sequence of float
        Quantiles in [0, 1].
    by : str or list of str, optional
        Coordinate(s) on ``point`` to group by.
    cells : {"tested", "passed", "lost", "all"}
        Which cells of a per-cell variable: every cell with a value
        (``tested`` and ``all``: NaN, i.e. never measured, is skipped),
        good cells only, or lost cells only.
    display : bool
        Return display units (µm, Ω cm², mA/cm², Wh/kg, ...) instead of SI.

    Returns
    -------
    xarray.DataArray
        Dimension ``quantile`` (plus the groups, plus any dimension of
        ``var`` other than point/replicate/cell, e.g. ``station``).
    """
    require(ds, var)

    def f(d: xr.Dataset, red) -> xr.DataArray:
        da = _masked(d, var, cells)
        return da.quantile(q, dim=[x for x in da.dims if x in red], skipna=True)

    out = group_by(ds, f, by, [var, "passed"])
    out.name = var
    out.attrs = _plain_attrs(ds[var])
    return to_display(out, var) if display else out


def reduce(ds: xr.Dataset, var: str, stat: str | float = "median", by=None, *, cells: str = "passed") -> xr.DataArray:
    """One number per group: pooled yield, or a statistic of a variable, in SI with ``units`` and ``long_name``.

    Parameters
    ----------
    var : str
        ``yield`` / ``first_pass_yield`` (pooled), or any per-replicate or per-cell variable.
    stat : {"median", "mean", "min", "max", "std"} or float
        Statistic over cells and replicates (a float is a quantile in [0, 1]).
    by : str or list of str, optional
        Coordinate(s) on ``point`` to group by.
    cells : {"tested", "passed", "lost", "all"}
        Cells of a per-cell variable (see :func:`quantiles`).
    """
    if var in ("yield", "first_pass_yield"):
        return final_yield(ds, by, first_pass=var == "first_pass_yield")
    require(ds, var)
    if not (isinstance(stat, (int, float)) and not isinstance(stat, bool)) and stat not in STATS:
        raise ValueError(f"stat must be median, mean, min, max, std or a quantile in [0, 1], got {stat!r}")

    def f(d: xr.Dataset, red) -> xr.DataArray:
        da = _masked(d, var, cells)
        dims = [x for x in da.dims if x in red]
        if isinstance(stat, (int, float)):
            return da.quantile(float(stat), dim=dims, skipna=True).drop_vars("quantile")
        return getattr(da, stat)(dim=dims, skipna=True)

    out = group_by(ds, f, by, [var, "passed"])
    out.name = var
    attrs = _plain_attrs(ds[var])
    if "cell" in ds[var].dims:
        attrs["long_name"] = f"{stat} {attrs.get('long_name', var)}" + ("" if cells in ("tested", "all") else f" ({cells} cells)")
    elif stat != "mean":
        attrs["long_name"] = f"{stat} {attrs.get('long_name', var)}"
    out.attrs = attrs
    return out


def _masked(d: xr.Dataset, var: str, cells: str) -> xr.DataArray:
    da = d[var].astype(float)
    mask = cell_mask(d, cells) if "cell" in da.dims else None
    return da.where(mask) if mask is not None else da


def _plain_attrs(da: xr.DataArray) -> dict:
    attrs = dict(da.attrs)
    for k in ("flag_values", "flag_meanings", "flag_gates"):
        attrs.pop(k, None)
    return attrs
