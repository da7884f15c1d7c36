"""Terminal tables of ``twin compare``: losses and distributions, twin next to line, and what the twin gets wrong."""

from __future__ import annotations

import numpy as np
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..analysis.compare import GATE_NAMES, Comparison, findings
from ..analysis.display import unit_for
from .plotting import fmt

__all__ = ["print_comparison", "FLAG_TEXT"]

FLAG_TEXT = "WRONG"
_SAY = dict(markup=False, highlight=False, soft_wrap=True)


def _pct(x: float) -> str:
    return "–" if not np.isfinite(x) else f"{100 * x:.2f} %"


def _p(p: float) -> str:
    return "–" if not np.isfinite(p) else f"{p:.2g}"


def _flag(flagged: bool) -> Text:
    return Text(FLAG_TEXT, style="bold red") if flagged else Text("ok")


def _loss_table(cmp: Comparison) -> Table:
    t = cmp.losses
    level = 100 * t.attrs.get("level", 0.95)
    table = Table(title="Cells lost, as a share of cells made", title_justify="left", header_style="bold")
    for col, kw in [("gate", {}), ("failure mode", {}), ("twin", {"justify": "right"}),
                    (f"line [{level:.0f} % interval]", {"justify": "right"}), ("Fisher p", {"justify": "right"}),
                    ("flag", {})]:
        table.add_column(Text(col), **kw)
    for _, r in t.iterrows():
        mode = r["name"] if r["level"] == "failure mode" else ("all modes" if r["level"] == "gate" else "")
        gate = "all gates" if r["level"] == "all" else GATE_NAMES.get(r["gate"], r["gate"])
        line = f"{_pct(r['line_share'])} [{_pct(r['line_low'])}, {_pct(r['line_high'])}]"
        table.add_row(Text(gate), Text(mode), Text(f"{_pct(r['twin_share'])} ({r['twin_lost']}/{r['twin_cells']})"),
                      Text(f"{line} ({r['line_lost']}/{r['line_cells']})"), Text(_p(r["p_value"])), _flag(r["flagged"]))
    return table


def _median_iqr(u, q25: float, q50: float, q75: float) -> str:
    return f"{fmt(float(u(q50)))} ({fmt(float(u(q75)) - float(u(q25)))})"


def _distribution_table(cmp: Comparison) -> Table:
    cells = "cells that passed" if cmp.cells == "passed" else "cells with a value"
    table = Table(title=f"Distributions over {cells}: median (IQR)", title_justify="left", header_style="bold")
    for col, kw in [("variable [unit]", {}), ("cells twin/line", {"justify": "right"}), ("twin", {"justify": "right"}),
                    ("line", {"justify": "right"}), ("median shift [line IQR]", {"justify": "right"}),
                    ("IQR ratio", {"justify": "right"}), ("KS p", {"justify": "right"}), ("flag", {})]:
        table.add_column(Text(col), **kw)
    for _, r in cmp.distributions.iterrows():
        u = unit_for(r["variable"], r["units"])
        name = f"{r['variable']} [{u.symbol}]" if u.symbol else r["variable"]
        table.add_row(Text(name), Text(f"{r['n_twin']}/{r['n_line']}"),
                      Text(_median_iqr(u, r["twin_q25"], r["twin_q50"], r["twin_q75"])),
                      Text(_median_iqr(u, r["line_q25"], r["line_q50"], r["line_q75"])),
                      Text(f"{r['median_shift']:+.2f}"), Text(fmt(r["spread_ratio"])), Text(_p(r["ks_p"])),
                      _flag(r["flagged"]))
    return table


def _head(cmp: Comparison, results: str, line: str) -> str:
    settings = ", ".join(f"{k} = {v:.4g}" for k, v in cmp.settings.items())
    draws = f", {len(cmp.positions)} parameter draws pooled" if len(cmp.positions) > 1 else ""
    return (f"twin: {results}, sweep point {cmp.point}" + (f" ({settings})" if settings else "")
            + f", {cmp.replicates} replicate(s){draws}\nline: {line}, {cmp.line_cells} cells")


def print_comparison(cmp: Comparison, console: Console, *, results: str, line: str) -> None:
    """Print the head (what is compared), both tables, what the twin gets wrong and what was not compared."""
    console.print(_head(cmp, results, line), **_SAY)
    if cmp.losses.empty:
        console.print("no losses compared: the line data have neither passed nor failure_mode", **_SAY)
    else:
        console.print(_loss_table(cmp))
    if cmp.distributions.empty:
        console.print("no distributions compared: no per-cell variable with values on both sides", **_SAY)
    else:
        console.print(_distribution_table(cmp))
    found = findings(cmp)
    if found.empty:
        console.print("What the twin gets wrong: nothing flagged (the rules: docs/compare.md)", **_SAY)
    else:
        console.print(f"What the twin gets wrong ({len(found)}):", **_SAY)
        for msg in found["message"]:
            console.print(f"  - {msg}", **_SAY)
    by_reason: dict[str, list[str]] = {}
    for col, why in cmp.skipped.items():
        by_reason.setdefault(why, []).append(col)
    for why, cols in by_reason.items():
        console.print(f"not compared: {', '.join(cols)}: {why}", **_SAY)
