"""Read a data file (CSV or Parquet) with its sidecar: measurements or line data, validated.

The only entry points users need are :func:`read_measurements` (either kind)
and :func:`read_line_data`; :func:`read_literature` reads the shipped sets.
"""

from __future__ import annotations

from os import PathLike
from pathlib import Path

import pandas as pd

from .line import build_line_data
from .measurements import build_measurements
from .problems import Problems
from .sidecar import KINDS, read_sidecar, sidecar_path
from .tables import read_table

__all__ = ["read_measurements", "read_line_data", "read_literature", "literature_datasets", "literature_path",
           "LITERATURE_DIR"]

#: the literature datasets shipped with the repository (``data/literature`` at its root)
LITERATURE_DIR = Path(__file__).resolve().parents[2] / "data" / "literature"


def read_measurements(path: str | PathLike, *, kind: str | None = None,
                      units: dict[str, str] | None = None) -> pd.DataFrame:
    """Read and validate a tidy data file; every problem of the file is reported at once.

    Parameters
    ----------
    path : str or path-like
        A ``.csv`` (UTF-8) or ``.parquet`` file. A sidecar ``<same name>.yaml``
        next to it, if present, is read and checked too.
    kind : {"measurements", "line"}, optional
        What the file holds. Default: the sidecar's ``kind``, else
        ``"measurements"`` if the header has a ``quantity`` column, else ``"line"``.
    units : dict, optional
        Condition column -> unit, for measurement files without a sidecar
        (overrides the sidecar's units).

    Returns
    -------
    pandas.DataFrame
        Measurements: the file's columns plus ``value_si`` [SI], ``si_unit``,
        ``uncertainty_si`` and ``row`` (the row it came from), condition columns
        in SI. Line data: one row per cell, contract variables typed as the
        contract says. ``df.attrs`` holds ``file``, ``kind``, ``units`` and the
        sidecar's content (``metadata``).

    Raises
    ------
    DataError
        Listing every problem with file, row (header = row 1) and column: an
        unreadable file, missing or unknown columns, unknown quantities,
        units of the wrong dimension, values that are not finite numbers, a
        sidecar that does not describe the file.
    """
    path = Path(path)
    problems = Problems(str(path))
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    sc = sidecar_path(path) if path.suffix.lower() != ".yaml" else None
    sidecar = read_sidecar(sc, problems) if sc else None
    table = read_table(path, problems)
    if table is None:
        problems.raise_if_any()
    stated = sidecar.meta.get("kind") if sidecar else None
    if kind and stated and kind != stated:
        problems.add(f"the sidecar says kind: {stated}, but the file was read as {kind}", file=str(sidecar.path))
    kind = kind or stated or ("measurements" if "quantity" in table.header else "line")
    if kind == "line":
        df = build_line_data(table, sidecar, problems)
    else:
        df = build_measurements(table, sidecar, problems, units)
    problems.raise_if_any()
    df.attrs.update(file=str(path), kind=kind, metadata=sidecar.meta if sidecar else {})
    return df


def read_line_data(path: str | PathLike) -> pd.DataFrame:
    """Read a line-data file (one row per cell, contract variable names, SI units).

    Parameters
    ----------
    path : str or path-like
        A ``.csv`` or ``.parquet`` file.

    Returns
    -------
    pandas.DataFrame
        See :func:`read_measurements` (``kind="line"``).
    """
    return read_measurements(path, kind="line")


def literature_datasets() -> list[str]:
    """Names of the shipped literature datasets (file stems under ``data/literature``)."""
    return sorted(p.stem for p in LITERATURE_DIR.glob("*.csv"))


def literature_path(name: str) -> Path:
    """The CSV of one shipped dataset; a wrong name lists the valid ones.

    Parameters
    ----------
    name : str
        A name from :func:`literature_datasets`.

    Raises
    ------
    KeyError
        Unknown name.
    """
    p = LITERATURE_DIR / f"{name}.csv"
    if not p.is_file():
        raise KeyError(f"no literature dataset {name!r}; valid: {', '.join(literature_datasets())}")
    return p


def read_literature(names: list[str] | None = None) -> pd.DataFrame:
    """Every (or the named) shipped dataset in one frame, with a ``dataset`` column.

    Parameters
    ----------
    names : list of str, optional
        Dataset names (default: all).

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`read_measurements` of each dataset, stacked;
        conditions a dataset does not use are NaN.
    """
    frames = []
    for name in names or literature_datasets():
        df = read_measurements(literature_path(name))
        frames.append(df.assign(dataset=name))
    out = pd.concat(frames, ignore_index=True)
    out.attrs["units"] = {k: v for f in frames for k, v in f.attrs.get("units", {}).items()}
    return out
