"""A run's cells as line data: the table a plant would keep, made from the twin (to test ``twin compare``).

Line data (``docs/data.md``, "Bring your own line data") are one row per
cell, columns named as the results contract's per-cell variables, in its SI
units, plus the identifiers ``cell``, ``lot`` and ``sheet``.
:func:`as_line_data` writes the cells of one sweep point of a results
Dataset in that form, so a run can stand in for a line: compare a run with
another seed (an independent sample of the same process) and ``twin
compare`` should find nothing wrong; change a column and it should find
that::

    line = as_line_data(xr.open_dataset("results/line_like.nc"))
    line.to_csv("line.csv", index=False)         # twin compare results/baseline.nc line.csv

Values are SI as stored; not measured (NaN) is an empty cell, and so is an
infinite value (``threshold_capacity`` of a cell no filament can cross: line
data hold finite numbers only, and ``twin compare`` reads finite values
only); flags are written by name (``high_asr``), booleans as ``True``/``False``.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd
import xarray as xr

from ..contract import CELL, FLAGS, variables

__all__ = ["as_line_data", "LINE_COLUMNS"]

#: per-cell contract variables line data may hold (the identifier ``sheet`` is a text column of its own)
LINE_COLUMNS = tuple(v.name for v in variables(CELL) if v.name != "sheet")


def as_line_data(ds: xr.Dataset, point: int = 0, replicates: Sequence[int] | None = None,
                 columns: Sequence[str] | None = None) -> pd.DataFrame:
    """The cells of one point of a results Dataset as a line-data table (one row per cell, SI).

    Parameters
    ----------
    ds : xarray.Dataset
        A results Dataset.
    point : int
        Position on ``point`` of the cells to write.
    replicates : sequence of int, optional
        Positions on ``replicate`` (default: all); each replicate is one lot.
    columns : sequence of str, optional
        Per-cell variables to write (default: every per-cell variable of the
        contract the Dataset holds).

    Returns
    -------
    pandas.DataFrame
        One row per item the replicates released (padding of a study whose
        points release different numbers of items is left out):
        ``cell`` (``P<point>-R<replicate>-C<cell>``), ``lot`` (``R<replicate>``),
        ``sheet`` (``<tape lot>-<sheet>`` where the route casts tape) and the
        variables; ``attrs["units"]`` maps each variable to its SI unit. Write
        it with ``to_csv(path, index=False)``.

    Raises
    ------
    ValueError
        A column that is not a per-cell variable of the Dataset (the valid ones are listed).
    """
    names = list(columns) if columns is not None else [c for c in LINE_COLUMNS if c in ds]
    bad = [c for c in names if c not in LINE_COLUMNS or c not in ds]
    if bad:
        valid = ", ".join(c for c in LINE_COLUMNS if c in ds)
        raise ValueError(f"not a per-cell variable of the results: {', '.join(map(str, bad))}; valid: {valid}")
    reps = list(range(ds.sizes["replicate"])) if replicates is None else [int(r) for r in replicates]
    d = ds.isel(point=int(point), replicate=reps)
    n_cell = d.sizes["cell"]
    r_idx, c_idx = np.repeat(reps, n_cell), np.tile(np.arange(n_cell), len(reps))
    real = _released(d)
    out = {"cell": [f"P{int(point)}-R{r}-C{c:05d}" for r, c in zip(r_idx, c_idx)],
           "lot": [f"R{r}" for r in r_idx], "sheet": _sheets(d)}
    for name in names:
        out[name] = _column(d[name], name)
    frame = pd.DataFrame(out)[real].reset_index(drop=True)
    frame.attrs["units"] = {n: str(ds[n].attrs.get("units", "1")) for n in names}
    return frame


def _released(d: xr.Dataset) -> np.ndarray:
    """Mask over (replicate, cell), flattened: the items each replicate released (a swept layer count pads the rest)."""
    if "cells_released" not in d:
        return np.ones(d.sizes["replicate"] * d.sizes["cell"], dtype=bool)
    released = np.asarray(d["cells_released"].values, float)[:, None]
    return (np.arange(d.sizes["cell"])[None, :] < released).ravel()


def _sheets(d: xr.Dataset) -> list[str]:
    """``<tape lot>-<sheet>`` per cell, empty where the route casts no tape (genealogy -1)."""
    if "sheet" not in d or "tape_lot" not in d:
        return [""] * (d.sizes["replicate"] * d.sizes["cell"])
    lots, sheets = d["tape_lot"].values.ravel(), d["sheet"].values.ravel()
    return [f"{lot}-{s}" if lot >= 0 and s >= 0 else "" for lot, s in zip(lots, sheets)]


def _column(da: xr.DataArray, name: str) -> np.ndarray:
    """One variable, flattened over (replicate, cell): flags as names, infinite floats as NaN, the rest as stored."""
    v = da.values.ravel()
    if name in FLAGS:
        meanings = str(da.attrs.get("flag_meanings", " ".join(FLAGS[name]))).split()
        return np.array([meanings[int(k)] for k in v], dtype=object)
    return np.where(np.isinf(v), np.nan, v) if v.dtype.kind == "f" else v
