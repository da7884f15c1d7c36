"""Line data: a plant's own per-cell records, in the results contract's names and SI units.

One row per cell. Columns are identifiers (:data:`~twin.data.vocabulary.LINE_ID_COLUMNS`:
``cell`` required, ``lot`` and ``sheet`` optional, kept as text) and any per-cell
variable of :mod:`twin.contract` (``electrolyte_relative_density``,
``cell_asr``, ``passed``, ...), in that variable's SI unit, so a line's records
sit next to a run variable by variable. Cells by dtype:

* float: a finite number; empty (or ``nan``) means not measured;
* bool: ``true``/``false``, ``1``/``0``, ``yes``/``no``;
* flags (``failure_mode``, ``short_mode``, ...): a flag name or its code;
* other integers (genealogy): an integer; empty means the contract's fill.
"""

from __future__ import annotations

import pandas as pd

from ..contract import CELL, FLAGS, variables
from .convert import parse_number
from .problems import Problems, quote
from .sidecar import Sidecar
from .tables import Table
from .vocabulary import LINE_ID_COLUMNS, suggest

__all__ = ["build_line_data", "LINE_VARIABLES"]

#: per-cell contract variables a line-data file may hold, by name
LINE_VARIABLES = {v.name: v for v in variables(CELL)}
_TRUE, _FALSE = ("true", "1", "yes", "1.0"), ("false", "0", "no", "0.0")


def build_line_data(table: Table, sidecar: Sidecar | None, problems: Problems) -> pd.DataFrame | None:
    """Validate a line-data table against the contract and type its columns.

    Parameters
    ----------
    table : Table
        The file's text cells.
    sidecar : Sidecar or None
        Its sidecar: a unit given for a contract column must be the contract's.
    problems : Problems
        Collector; nothing is raised here.

    Returns
    -------
    pandas.DataFrame or None
        One row per cell, identifiers as text, contract variables typed as the
        contract says; ``df.attrs["units"]`` holds each column's unit.
    """
    usable = _check_header(table.header, problems)
    if sidecar is not None:
        _check_units(table.header, sidecar, problems)
    if not table.rows:
        problems.add("no cells: the file has a header but no data rows", row=2)
    seen: dict[str, int] = {}
    cols: dict[str, list] = {c: [] for c in usable}
    for i, cells in table.rows:
        cid = cells.get("cell")
        if cid == "":
            problems.add("is empty: every row needs a cell identifier", row=i, column="cell")
        elif cid is not None and cid in seen:  # no `cell` column at all is one problem of the header
            problems.add(f"cell {quote(cid)} repeats row {seen[cid]}", row=i, column="cell")
        seen.setdefault(cid, i)
        for c in usable:
            cols[c].append(cells[c] if c in LINE_ID_COLUMNS else _cell_value(cells[c], c, i, problems))
    if problems:
        return None
    df = pd.DataFrame({c: _typed(c, v) for c, v in cols.items()})
    df.attrs["units"] = {c: LINE_VARIABLES[c].units for c in usable if c in LINE_VARIABLES}
    df.attrs["kind"] = "line"
    return df


def _check_header(header: list[str], problems: Problems) -> list[str]:
    """The columns whose cells can be checked; the others are located problems."""
    if "cell" not in header:
        problems.add(f"required column missing (the header has: {', '.join(header)})", row=1, column="cell")
    valid = list(LINE_ID_COLUMNS) + list(LINE_VARIABLES)
    other = {v.name for v in variables()} - set(LINE_VARIABLES)
    usable = []
    for col in header:
        if col in LINE_ID_COLUMNS or col in LINE_VARIABLES:
            usable.append(col)
        elif col in other:
            problems.add("is not a per-cell variable of the results (it is per replicate, station or gate); "
                         f"valid: {', '.join(valid)}", row=1, column=col)
        else:
            problems.add(f"unknown column{suggest(col, valid)}: line data use the results' per-cell variable "
                         f"names; valid: {', '.join(valid)}", row=1, column=col)
    return usable


def _check_units(header: list[str], sidecar: Sidecar, problems: Problems) -> None:
    """Line data are in the contract's SI units: a sidecar unit must be that unit."""
    for col, unit in sidecar.units.items():
        var = LINE_VARIABLES.get(col)
        if var is not None and unit != var.units:
            problems.add(f"line data are in the results' SI units: {col} is in {var.units!r}, not {quote(unit)}",
                         row=sidecar.lines.get(("columns", col, "unit")), column=f"columns.{col}.unit",
                         file=str(sidecar.path))


def _cell_value(text: str, col: str, i: int, problems: Problems):
    """One cell of a contract column, typed by the contract (None where the cell is bad)."""
    var = LINE_VARIABLES[col]
    low = text.lower()
    if var.dtype == "bool":
        if low in _TRUE or low in _FALSE:
            return low in _TRUE
        problems.add(f"{quote(text)} is not a boolean: expected true or false (1 or 0)", row=i, column=col)
        return None
    if col in FLAGS:
        return _flag(text, col, i, problems)
    if var.dtype.startswith("int"):
        if text == "":
            return var.fill
        x, err = parse_number(text)
        if err is None and x != int(x):
            err = f"{quote(text)} is not an integer"
        if err:
            problems.add(err, row=i, column=col)
            return None
        return int(x)
    if text == "" or low == "nan":
        return float("nan")
    x, err = parse_number(text)
    if err:
        problems.add(err + f" (in {var.units})", row=i, column=col)
    return x


def _flag(text: str, col: str, i: int, problems: Problems):
    names = FLAGS[col]
    if text in names:
        return names.index(text)
    x, err = parse_number(text)
    if err is None and x == int(x) and 0 <= x < len(names):
        return int(x)
    problems.add(f"{quote(text)} is not a {col}: expected one of {', '.join(names)} (or its code 0-{len(names) - 1})",
                 row=i, column=col)
    return None


def _typed(col: str, values: list) -> pd.Series:
    if col in LINE_ID_COLUMNS:
        return pd.Series(values, dtype=object)
    return pd.Series(values, dtype=LINE_VARIABLES[col].dtype)
