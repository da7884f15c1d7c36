"""Yield and losses: pooled yields, the gate each lost cell was scrapped at, the loss waterfall."""

from __future__ import annotations

import numpy as np
import xarray as xr

from ..contract import FAILURE_MODES
from .grouping import failure_modes, group_by, normalised

__all__ = ["final_yield", "mode_gates", "cell_gate", "cell_gate_index", "waterfall"]


def final_yield(ds: xr.Dataset, by=None, *, first_pass: bool = False) -> xr.DataArray:
    """Pooled final (or first-pass) yield [-] (good cells / released), one value per group.

    Parameters
    ----------
    by : str or list of str, optional
        Coordinate(s) on ``point`` to group by: a swept setting, several, or
        ``"point"``. None pools the whole study.
    first_pass : bool
        Good cells that were never reworked, instead of all good cells.
    """

    def f(d: xr.Dataset, dims) -> xr.DataArray:
        red = [x for x in dims if x in d["cells_released"].dims]
        released = d["cells_released"].sum(red)
        # good items (the layers of good stacked cells): yield x released, so the ratio is the cells' yield
        good = ((d["first_pass_yield"] if first_pass else d["yield"]) * d["cells_released"]).sum(red)
        return good / released

    out = group_by(ds, f, by, ["cells_released", "yield", "first_pass_yield"])
    out.name = "first_pass_yield" if first_pass else "yield"
    out.attrs = {"units": "1", "long_name": ("first-pass yield" if first_pass else "final yield") + " (pooled: good cells / released)"}
    return out


def mode_gates(ds: xr.Dataset) -> dict[str, str]:
    """Failure mode -> kind of gate that decides it (``inspection``, ``breakdown``, ``eol``; ``none`` for 0).

    From the ``flag_gates`` attribute of ``failure_mode`` (results contract),
    or, for a Dataset without it, from the contract's modes by name.
    """
    modes = failure_modes(ds)
    gates = ds["failure_mode"].attrs.get("flag_gates")
    if gates:
        return dict(zip(modes, str(gates).split()))
    known = {m.name: m.gate or "none" for m in FAILURE_MODES}
    return {m: known.get(m, "eol") for m in modes}


def cell_gate(ds: xr.Dataset) -> xr.DataArray:
    """Gate at which each lost cell was scrapped (``""`` for good cells), dims (point, replicate, cell).

    Breakdown scrap goes to ``breakdown``, crack/density rejects to the
    inspection gate (with several inspection stations, the last station the
    cell left, from ``station_exit_time``), everything decided at the
    end-of-line test to the last gate.
    """
    ds = normalised(ds)
    gates = [str(g) for g in ds["gate"].values]
    idx = cell_gate_index(ds)
    names = np.array(gates + [""], dtype=object)[np.where(idx >= 0, idx, len(gates))]
    dims = ds["failure_mode"].dims
    return xr.DataArray(names, dims=dims, coords={k: ds[k] for k in dims},
                        name="gate_of_loss", attrs={"units": "1", "long_name": "gate at which the cell was scrapped"})


def cell_gate_index(ds: xr.Dataset) -> np.ndarray:
    """Index on ``gate`` where each cell was lost (-1: not lost), shape of ``failure_mode``."""
    gates = [str(g) for g in ds["gate"].values]
    fm = ds["failure_mode"].values.astype(int)
    out = np.full(fm.shape, -1, dtype=np.int16)
    inspection = [i for i, g in enumerate(gates) if g != "breakdown" and i != len(gates) - 1]
    kinds = mode_gates(ds)
    for code, mode in enumerate(failure_modes(ds)):
        sel = fm == code
        if code == 0 or not sel.any():
            continue
        if kinds.get(mode) == "breakdown" and "breakdown" in gates:
            out[sel] = gates.index("breakdown")
        elif kinds.get(mode) == "inspection" and inspection:
            out[sel] = inspection[0]
            if len(inspection) > 1 and "station_exit_time" in ds:
                _last_inspection(ds, gates, inspection, sel, out)
        else:
            out[sel] = len(gates) - 1
    return out


def _last_inspection(ds, gates, inspection, sel, out) -> None:
    """With several inspection gates: the last one the cell left (from the station exit times)."""
    stations = [str(x) for x in ds["station"].values]
    seen = np.isfinite(ds["station_exit_time"].values)  # (point, replicate, cell, station)
    last = seen.shape[-1] - 1 - np.argmax(seen[..., ::-1], axis=-1)
    station_to_gate = np.array([gates.index(n) if n in gates else -1 for n in stations])
    g = np.where(seen.any(-1), station_to_gate[last], -1)
    hit = sel & np.isin(g, inspection)
    out[hit] = g[hit]


def waterfall(ds: xr.Dataset, by=None) -> xr.Dataset:
    """Where cells are lost: counts per gate and failure mode.

    Returns
    -------
    xarray.Dataset
        ``released`` (cells released), ``good`` (cells passing every gate),
        ``lost`` (gate, failure_mode) cells lost at each gate for each
        reason (counts are of items: unit layers when cells have several;
        the layers of a failed stacked cell are lost with it), ``lost_at_gate`` (gate) from the line's own ``scrapped``
        counter, ``lost_by_mode`` (failure_mode), ``remaining`` (gate) cells
        still in the line after each gate. All counts [cells]; with ``by``,
        one value per group. ``released == good + lost.sum()`` and
        ``lost.sum("failure_mode") == lost_at_gate``.
    """
    ds = normalised(ds)
    modes = failure_modes(ds)
    gates = [str(g) for g in ds["gate"].values]
    gate_of = xr.DataArray(cell_gate_index(ds), dims=ds["failure_mode"].dims, coords={"point": ds["point"]})

    def f(d: xr.Dataset, dims) -> xr.Dataset:
        fm = d["failure_mode"].values.astype(np.int64).ravel()
        g = gate_of.sel(point=d["point"]).values.astype(np.int64).ravel()
        lost = g >= 0
        counts = np.bincount(g[lost] * len(modes) + fm[lost], minlength=len(gates) * len(modes))
        table = counts.reshape(len(gates), len(modes))[:, 1:].astype(np.int64)
        released = float(d["cells_released"].sum())
        at_gate = d["scrapped"].sum(("point", "replicate")).values.astype(np.int64) if "scrapped" in d else table.sum(1)
        return xr.Dataset(
            {"released": ((), released), "good": ((), float((d["yield"] * d["cells_released"]).sum())),
             "lost": (("gate", "failure_mode"), table), "lost_at_gate": (("gate",), at_gate),
             "lost_by_mode": (("failure_mode",), table.sum(0)), "remaining": (("gate",), released - np.cumsum(at_gate))},
            coords={"gate": gates, "failure_mode": modes[1:]},
        )

    out = group_by(ds, f, by, ["failure_mode", "cells_released", "yield", "scrapped"], vectorised=False)
    return _waterfall_attrs(out)


def _waterfall_attrs(out: xr.Dataset) -> xr.Dataset:
    long = {"released": "cells released into the line", "good": "cells that passed every gate",
            "lost": "cells lost at each gate, by failure mode", "lost_at_gate": "cells scrapped at each gate",
            "lost_by_mode": "cells lost, by failure mode", "remaining": "cells still in the line after each gate",
            "gate": "where cells are scrapped", "failure_mode": "why the cell was lost"}
    for k, v in long.items():
        out[k].attrs = {"units": "1", "long_name": v}
    return out
