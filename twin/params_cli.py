"""``twin params [SET] [--format table|csv|json]``: every model parameter with its unit, status, source and prior.

The data are :func:`process_models.priors.parameter_table`; this module only
filters and prints them. ``SET`` keeps the rows whose registry, set name or
module contains it (case-insensitive); a ``SET`` that matches nothing lists the
registries on stderr and returns 2.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys

from process_models.priors import ParameterInfo, missing_entries, parameter_table

__all__ = ["add_params_parser", "params_command", "select"]

EXIT_OK, EXIT_BAD_INPUT = 0, 2
SOURCE_WIDTH = 60
CSV_COLUMNS = ["registry", "set", "field", "value", "unit", "status", "prior", "prior_kind", "prior_value",
               "prior_scale", "prior_low", "prior_high", "basis", "source", "module"]


def add_params_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``params`` on an argparse sub-parser collection; returns the new parser."""
    p = subparsers.add_parser(
        "params", help="list the model parameters: value, unit, status, source and prior",
        description="Every numeric parameter of every parameter set of the physics: its value, SI unit, status "
                    "(measured, fitted, assumed, derived), source and prior (the distribution of its plausible "
                    "value, with the basis of its width).")
    p.add_argument("set", nargs="?", default=None, metavar="SET",
                   help="show only parameters whose registry, set or module name contains SET (case-insensitive), "
                        "e.g. CATHODE_INTERFACES, cold_pressed, voids")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="table (default, source shortened), or csv/json with every column and the full source")
    p.set_defaults(handler=params_command)
    return p


def select(rows: list[ParameterInfo], pattern: str | None) -> list[ParameterInfo]:
    """Rows whose registry, set name or module (without the package) contains ``pattern``, ignoring case."""
    if not pattern:
        return list(rows)
    pat = pattern.lower()
    return [r for r in rows if pat in r.registry.lower() or pat in r.set_name.lower()
            or pat in r.module.rpartition(".")[2].lower()]


def params_command(args: argparse.Namespace) -> int:
    """Run ``twin params``; returns the exit status (2 when ``SET`` matches nothing)."""
    rows = parameter_table(strict=False)
    missing = missing_entries()
    if missing:
        sys.stderr.write(f"twin params: {len(missing)} parameter(s) have no unit, status or prior yet and are not "
                         f"shown: {', '.join(f'{r}[{s!r}].{f}' for r, s, f in missing)}\n")
    chosen = select(rows, args.set)
    if not chosen:
        registries = ", ".join(sorted({r.registry for r in rows}))
        sys.stderr.write(f"twin params: no parameter registry, set or module matches {args.set!r}; "
                         f"registries: {registries}\n")
        return EXIT_BAD_INPUT
    fmt = getattr(args, "format", "table")
    if fmt == "csv":
        _write_csv(chosen, sys.stdout)
    elif fmt == "json":
        json.dump([r.to_dict() for r in chosen], sys.stdout, indent=1)
        sys.stdout.write("\n")
    else:
        _print_table(chosen)
    return EXIT_OK


def _csv_row(r: ParameterInfo) -> dict:
    p = r.prior
    return {"registry": r.registry, "set": r.set_name, "field": r.field, "value": repr(r.value), "unit": r.unit,
            "status": r.status, "prior": p.describe(), "prior_kind": p.kind, "prior_value": repr(p.value),
            "prior_scale": repr(p.scale) if p.kind in ("normal", "lognormal") else "",
            "prior_low": repr(p.low) if p.kind == "uniform" else "",
            "prior_high": repr(p.high) if p.kind == "uniform" else "",
            "basis": p.basis, "source": r.source, "module": r.module}


def _write_csv(rows: list[ParameterInfo], out) -> None:
    w = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow(_csv_row(r))


def _short(text: str, width: int = SOURCE_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _print_table(rows: list[ParameterInfo]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not console.is_terminal:  # piped: do not squeeze the table into 80 columns
        console = Console(width=220)
    table = Table(title=f"{len(rows)} parameters", title_justify="left", header_style="bold")
    for name, kw in [("registry", {}), ("set", {}), ("field", {"no_wrap": True}), ("value", {"justify": "right"}),
                     ("unit", {}), ("status", {}), ("prior", {}), ("source", {})]:
        table.add_column(name, **kw)
    for r in rows:
        table.add_row(*_cells(r))
    console.print(table, markup=False, highlight=False)


def _cells(r: ParameterInfo) -> list:
    """Plain-text cells (Text, so a source's "[read]" is not taken for console markup)."""
    from rich.text import Text

    return [Text(s) for s in (r.registry, r.set_name, r.field, f"{r.value:.4g}", r.unit, r.status,
                              r.prior.describe(), _short(r.source) if r.source else "-")]
