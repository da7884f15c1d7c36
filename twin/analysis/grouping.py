"""What a results Dataset says about its own study, and grouping over sweep points.

Everything here reads the Dataset only (its variables and the attributes the
results contract puts on it: :data:`twin.contract.ANALYSIS_ATTRS`), never the
scenario. Swept settings are recognised by their ``sweep_path`` attribute,
whether they are stored as coordinates or as plain variables on ``point``.

Pooled yields
-------------
A yield over several replicates or points is *pooled*: good cells summed
over the group divided by cells released summed over the group, so groups
of different sizes combine correctly.
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np
import pandas as pd
import xarray as xr

from ..contract import FLAGS

__all__ = ["normalised", "sweep_coords", "design", "gate_limits", "failure_modes", "group_by", "cell_mask",
           "require", "CELL_SELECTIONS", "as_list"]

CELL_SELECTIONS = ("tested", "passed", "lost", "all")

#: global attribute -> gate_limits() key
_LIMITS = {
    "gate_min_relative_density": "min_relative_density",
    "gate_max_cell_asr": "max_cell_asr",
    "gate_min_capacity_fraction": "min_capacity_fraction",
    "gate_require_ccs_margin": "require_ccs_margin",
    "duty_temperature": "temperature",
    "duty_cycles": "cycles",
}


def as_list(by) -> list[str]:
    return [by] if isinstance(by, str) else list(by)


def normalised(ds: xr.Dataset) -> xr.Dataset:
    """The Dataset with every swept setting as a coordinate on ``point``."""
    sw = [k for k in ds.data_vars if "sweep_path" in ds[k].attrs and ds[k].dims == ("point",)]
    return ds.set_coords(sw) if sw else ds


def sweep_coords(ds: xr.Dataset) -> list[str]:
    """Names of the swept settings (coordinates on ``point``), in the order the sweep lists them.

    Parameter draws (``draw``, ``theta_*``: :mod:`twin.analysis.uncertainty`) are not swept settings.
    """
    ds = normalised(ds)
    names = [k for k in ds.coords if k != "point" and ds[k].dims == ("point",)
             and not {"uncertain_parameter", "uncertainty_draw"} & set(ds[k].attrs)]
    tagged = [k for k in names if "sweep_path" in ds[k].attrs]
    if not tagged:
        return names
    rank = {p: i for i, p in enumerate(str(ds.attrs.get("sweep_paths", "")).split())}
    return sorted(tagged, key=lambda k: rank.get(ds[k].attrs["sweep_path"], len(rank)))


def design(ds: xr.Dataset) -> str | None:
    """``"grid"``, ``"lhs"``, ``"sobol"`` or None (no sweep)."""
    d = ds.attrs.get("sweep_design")
    return None if d in (None, "", "none") else str(d)


def gate_limits(ds: xr.Dataset) -> dict[str, float | bool]:
    """Gate limits and duty of the study in SI (empty if the Dataset carries none).

    Returns
    -------
    dict
        ``min_relative_density`` [-], ``max_cell_asr`` [ohm m2],
        ``min_capacity_fraction`` [-], ``require_ccs_margin`` [bool],
        ``temperature`` [K] and ``cycles`` [-] of the duty.
    """
    out = {}
    for attr, key in _LIMITS.items():
        if attr in ds.attrs:
            v = ds.attrs[attr]
            out[key] = bool(v) if key == "require_ccs_margin" else float(v)
    return out


def failure_modes(ds: xr.Dataset) -> list[str]:
    """Failure-mode names in flag order (``failure_mode`` ``flag_meanings``; index 0 is ``none``)."""
    meanings = ds["failure_mode"].attrs.get("flag_meanings")
    return str(meanings).split() if meanings else list(FLAGS["failure_mode"])


def require(ds: xr.Dataset, var: str) -> None:
    if var not in ds.variables:
        raise KeyError(f"no variable {var!r} in the Dataset; e.g. cell_asr, critical_plating_current, energy_density, throughput")


def cell_mask(ds: xr.Dataset, cells: str) -> xr.DataArray | None:
    """Which cells of a per-cell variable a statistic covers (None: every cell with a value)."""
    if cells not in CELL_SELECTIONS:
        raise ValueError(f"cells must be one of {', '.join(CELL_SELECTIONS)}, got {cells!r}")
    if cells == "passed":
        return ds["passed"].astype(bool)
    if cells == "lost":
        return ~ds["passed"].astype(bool)
    return None  # tested: variables measured at the end-of-line test are NaN for cells that never got there


def group_by(ds: xr.Dataset, func: Callable[..., xr.DataArray | xr.Dataset], by, variables: Sequence[str] | None = None,
             *, vectorised: bool = True) -> xr.DataArray | xr.Dataset:
    """Apply ``func`` to the whole Dataset (``by=None``) or to each group of points.

    ``func(d, dims)`` reduces ``d`` over ``dims`` (a subset of point,
    replicate, cell). ``by`` names one or more coordinates on ``point``
    (``"point"`` itself gives one group per point). Groups of several keys
    are unstacked into one dimension per key (missing combinations are
    NaN). When every group is a single point and ``vectorised``, ``func``
    is called once, reducing over replicate and cell only. ``variables``
    restricts the Dataset ``func`` sees (faster on large studies).
    """
    ds = normalised(ds)
    if variables is not None:
        ds = ds[[v for v in dict.fromkeys(variables) if v in ds.variables]]
    if by is None:
        return func(ds, ("point", "replicate", "cell"))
    keys = as_list(by)
    for k in keys:
        if k not in ds.coords or ds[k].dims != ("point",):
            valid = ", ".join(["point"] + sweep_coords(ds))
            raise ValueError(f"cannot group by {k!r}: not a coordinate on `point`; valid: {valid}")
    groups = pd.DataFrame({k: np.asarray(ds[k].values) for k in keys}).groupby(keys, sort=True).indices
    if vectorised and len(groups) == ds.sizes["point"]:  # one point per group: no loop
        out = _per_point(func(ds, ("replicate", "cell")), keys)
    else:
        out = _per_group(ds, func, keys, groups)
    for k in keys:
        out[k].attrs.update(ds[k].attrs)
    return out


def _per_point(out, keys: list[str]):
    keep = [k for k in keys if k != "point"]
    if not keep:
        return out.sortby("point")
    out = out.drop_vars([c for c in out.coords if c not in keys and out[c].dims == ("point",)])
    out = out.set_index(point=keep).unstack("point") if len(keep) > 1 else out.swap_dims(point=keep[0]).drop_vars("point", errors="ignore")
    return out.sortby(keep)


def _per_group(ds, func, keys: list[str], groups):
    labels, parts = [], []
    for lab, idx in groups.items():
        labels.append(lab if isinstance(lab, tuple) else (lab,))
        parts.append(func(ds.isel(point=np.sort(idx)), ("point", "replicate", "cell")))
    out = xr.concat(parts, dim="_group", coords="minimal", compat="override", join="outer")
    if len(keys) == 1:
        return out.rename({"_group": keys[0]}).assign_coords({keys[0]: [lab[0] for lab in labels]})
    mi = pd.MultiIndex.from_tuples(labels, names=keys)
    return out.assign_coords(xr.Coordinates.from_pandas_multiindex(mi, "_group")).unstack("_group")
