"""Tidy measurements: check every row against the vocabulary, convert to SI.

One row is one measurement: ``quantity`` (a name of
:data:`~twin.data.vocabulary.QUANTITIES`), ``value`` in ``unit`` (pint-readable,
of the quantity's dimension), ``source``, optionally ``relation`` (eq, approx,
or a bound), ``uncertainty`` (same unit), identifiers and notes, and one
column per condition of :data:`~twin.data.vocabulary.CONDITIONS` whose unit
the sidecar gives (a condition cell may be empty: not stated).

The returned frame adds ``value_si``, ``si_unit`` and ``uncertainty_si`` and
holds every condition column in SI (its unit in ``df.attrs["units"]``).
"""

from __future__ import annotations

import pandas as pd

from .convert import UnitConverter, parse_number
from .problems import Problems, quote
from .sidecar import Sidecar
from .tables import Table
from .vocabulary import CONDITIONS, OPTIONAL_COLUMNS, QUANTITIES, RELATIONS, REQUIRED_COLUMNS, TAGS, TEXT_COLUMNS, suggest

__all__ = ["build_measurements", "VALID_COLUMNS"]

VALID_COLUMNS: tuple[str, ...] = REQUIRED_COLUMNS + OPTIONAL_COLUMNS + tuple(CONDITIONS)


def build_measurements(table: Table, sidecar: Sidecar | None, problems: Problems,
                       units: dict[str, str] | None = None) -> pd.DataFrame | None:
    """Validate a measurement table and convert it to SI.

    Parameters
    ----------
    table : Table
        The file's text cells.
    sidecar : Sidecar or None
        Its sidecar (condition units, known sources, column descriptions).
    problems : Problems
        Collector; nothing is raised here.
    units : dict, optional
        Condition column -> unit, overriding the sidecar (for files without one).

    Returns
    -------
    pandas.DataFrame or None
        None if the header or a condition unit is unusable (rows are still checked
        where possible so that all problems are reported together).
    """
    conv = UnitConverter()
    _check_header(table.header, problems)
    conds = [c for c in table.header if c in CONDITIONS]
    cond_units = _condition_units(conds, sidecar, units or {}, conv, problems)
    if sidecar is not None:
        _check_described(table.header, sidecar, problems)
    if not table.rows:
        problems.add("no measurements: the file has a header but no data rows", row=2)
    records = [r for r in (_row(i, cells, cond_units, sidecar, conv, problems) for i, cells in table.rows) if r]
    if problems:
        return None
    df = pd.DataFrame.from_records(records, columns=_output_columns(conds))
    df.attrs["units"] = {"value_si": "si_unit column", "uncertainty_si": "si_unit column",
                         **{c: CONDITIONS[c].si_unit for c in conds}}
    return df


def _check_header(header: list[str], problems: Problems) -> None:
    """Missing required and unknown columns (the rows are still checked on the columns there are)."""
    for col in REQUIRED_COLUMNS:
        if col not in header:
            problems.add(f"required column missing (the header has: {', '.join(header)})", row=1, column=col)
    for col in header:
        if col not in VALID_COLUMNS:
            problems.add(f"unknown column{suggest(col, VALID_COLUMNS)}; valid: {', '.join(VALID_COLUMNS)}",
                         row=1, column=col)


def _condition_units(conds: list[str], sidecar: Sidecar | None, override: dict[str, str], conv: UnitConverter,
                     problems: Problems) -> dict[str, str]:
    """Unit of each condition column (sidecar or override), checked against the condition's dimension."""
    out = {}
    lines = sidecar.lines if sidecar else {}
    for c in conds:
        spec = CONDITIONS[c]
        unit = override.get(c) or (sidecar.units.get(c) if sidecar else None)
        if not unit:
            problems.add(f"no unit for this condition: give it in the sidecar YAML as columns.{c}.unit "
                         f"(a unit of {spec.kind.replace('_', ' ')}, e.g. {spec.example!r})", row=1, column=c)
            continue
        res = conv.affine(unit, spec.kind)
        if isinstance(res, str):
            if c in override or sidecar is None:
                problems.add(res, row=1, column=c)
            else:
                problems.add(res, row=lines.get(("columns", c, "unit")), column=f"columns.{c}.unit",
                             file=str(sidecar.path))
            continue
        out[c] = unit
    return out


def _check_described(header: list[str], sidecar: Sidecar, problems: Problems) -> None:
    """Every CSV column has a sidecar entry and every sidecar entry a CSV column; units only on conditions."""
    file, cols, lines = str(sidecar.path), sidecar.columns, sidecar.lines
    for col in header:
        if col not in cols:
            problems.add(f"the data file's column {col!r} is not described: add columns.{col} with a description",
                         row=lines.get(("columns",)), column="columns", file=file)
    for col in cols:
        if col not in header:
            problems.add("describes a column the data file does not have", row=lines.get(("columns", col)),
                         column=f"columns.{col}", file=file)
        elif col in sidecar.units and col not in CONDITIONS:
            problems.add("only condition columns take a unit here: the value's unit is in each row's 'unit' column",
                         row=lines.get(("columns", col, "unit")), column=f"columns.{col}.unit", file=file)


def _row(i: int, cells: dict[str, str], cond_units: dict[str, str], sidecar: Sidecar | None, conv: UnitConverter,
         problems: Problems) -> dict | None:
    """One row checked and converted, or None (its problems recorded)."""
    n0 = len(problems)
    name, unit = cells.get("quantity"), cells.get("unit")
    spec = QUANTITIES.get(name)
    if spec is None and name is not None:
        what = "is empty" if not name else f"{quote(name)} is not a known quantity{suggest(name, QUANTITIES)}"
        problems.add(f"{what}; valid: {', '.join(QUANTITIES)}", row=i, column="quantity")
    value, err = parse_number(cells.get("value", ""))
    if err and "value" in cells:
        problems.add(err, row=i, column="value")
    unc = _optional_number(cells, "uncertainty", i, problems)
    if unc is not None and unc < 0:
        problems.add(f"{quote(cells['uncertainty'])} is negative: an uncertainty is a spread (>= 0)", row=i,
                     column="uncertainty")
    if spec is not None and unit is not None:
        res = conv.affine(unit, spec.kind)
        if isinstance(res, str):
            problems.add(f"{res}, as {name} needs (e.g. {spec.example!r})", row=i, column="unit")
    _check_words(cells, i, sidecar, problems)
    conds = {c: _optional_number(cells, c, i, problems) for c in cond_units}
    if len(problems) > n0 or spec is None or value is None or unit is None:
        return None
    rec = {k: cells.get(k, "") for k in TEXT_COLUMNS}
    rec.update(quantity=name, value=value, unit=unit, row=i, relation=cells.get("relation") or "eq",
               tag=cells.get("tag", ""), value_si=conv.to_si(value, unit, spec.kind), si_unit=spec.si_unit,
               uncertainty=float("nan") if unc is None else unc,
               uncertainty_si=float("nan") if unc is None else conv.to_si(unc, unit, spec.kind, difference=True))
    for c, x in conds.items():
        rec[c] = float("nan") if x is None else conv.to_si(x, cond_units[c], CONDITIONS[c].kind)
    return rec


def _optional_number(cells: dict[str, str], col: str, i: int, problems: Problems) -> float | None:
    text = cells.get(col, "")
    if text == "":
        return None
    x, err = parse_number(text)
    if err:
        problems.add(err, row=i, column=col)
    return x


def _check_words(cells: dict[str, str], i: int, sidecar: Sidecar | None, problems: Problems) -> None:
    """relation and tag from their vocabularies; source non-empty and, with a sidecar listing sources, known."""
    rel, tag, src = cells.get("relation", ""), cells.get("tag", ""), cells.get("source")
    if rel and rel not in RELATIONS:
        problems.add(f"{quote(rel)} is not a relation: expected one of {', '.join(RELATIONS)} (empty: eq)", row=i,
                     column="relation")
    if tag and tag not in TAGS:
        problems.add(f"{quote(tag)} is not a tag: expected one of {', '.join(TAGS)}", row=i, column="tag")
    if src == "":
        problems.add("is empty: name the source (a key of the sidecar's sources, or the line and date)", row=i,
                     column="source")
    elif src is not None and sidecar is not None and sidecar.sources and src not in sidecar.sources:
        problems.add(f"{quote(src)} is not among the sidecar's sources{suggest(src, sidecar.sources)}: "
                     f"{', '.join(map(str, sidecar.sources))}", row=i, column="source")


def _output_columns(conds: list[str]) -> list[str]:
    return (["quantity", "value", "unit", "value_si", "si_unit", "relation", "uncertainty", "uncertainty_si"]
            + conds + ["sample", "cell", "lot", "date", "source", "tag", "figure", "note", "row"])
