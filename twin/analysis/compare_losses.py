"""Where cells are lost, twin next to line: the share of cells lost at each failure mode, gate and overall.

A share is cells lost / cells made (the twin: items released at the chosen
sweep point, pooled over replicates and draws; the line: rows of its
file). Failure modes are matched by name; a mode's gate is the kind of gate
the contract says decides it (``inspection``, ``breakdown``, ``eol``), so a
line that names its stations differently still lines up.

The line's share carries a Wilson score interval (``LEVEL``, 95 %): the
range of true loss rates its count is consistent with. A row is **flagged**
when the twin's share lies outside that interval *and* Fisher's exact test of
the two counts (a two-sided two-proportion test that is exact for small
counts and accounts for the twin's own sampling noise) gives p < ``ALPHA``
(0.01). The interval alone flags one mode in twenty by chance even when the
twin is right, more when the twin's own run is small; the test alone flags
differences of a tenth of a percentage point when both sides hold 10^5
cells. Both are needed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import xarray as xr

from ..contract import FAILURE_MODES, GATE_KINDS
from .grouping import failure_modes
from .losses import mode_gates

__all__ = ["loss_shares", "line_losses", "wilson_interval", "ALPHA", "LEVEL", "LOSS_COLUMNS"]

ALPHA = 0.01
LEVEL = 0.95
LOSS_COLUMNS = ("level", "name", "gate", "twin_lost", "twin_cells", "twin_share", "line_lost", "line_cells",
                "line_share", "line_low", "line_high", "p_value", "flagged")
_CONTRACT_GATE = {m.name: m.gate or "none" for m in FAILURE_MODES}


def wilson_interval(k: int, n: int, level: float = LEVEL) -> tuple[float, float]:
    """Wilson score interval [-] of a binomial share ``k / n`` (NaN, NaN when ``n`` is 0)."""
    from scipy.stats import norm

    if n <= 0:
        return float("nan"), float("nan")
    z = float(norm.ppf(0.5 + level / 2))
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def _fisher_p(k1: int, n1: int, k2: int, n2: int) -> float:
    from scipy.stats import fisher_exact

    if n1 <= 0 or n2 <= 0:
        return float("nan")
    return float(fisher_exact([[k1, n1 - k1], [k2, n2 - k2]]).pvalue)


def line_losses(line: pd.DataFrame) -> tuple[int, dict[str, int] | None, int | None]:
    """(cells, cells lost per failure mode or None, cells lost in all or None) of line data.

    From ``failure_mode`` (codes of :data:`twin.contract.FAILURE_MODES`) where
    the file has it, else from ``passed``.

    Raises
    ------
    ValueError
        Rows where ``passed`` and ``failure_mode`` disagree (a cell that passed
        with a failure mode, or failed with ``none``); rows are numbered as in
        the file (header = row 1).
    """
    n = len(line)
    if "failure_mode" in line:
        codes = line["failure_mode"].to_numpy(dtype=np.int64)
        if "passed" in line:
            bad = np.flatnonzero(line["passed"].to_numpy(dtype=bool) != (codes == 0))
            if bad.size:
                rows = ", ".join(str(i + 2) for i in bad[:10]) + (f" and {bad.size - 10} more" if bad.size > 10 else "")
                raise ValueError(f"passed and failure_mode disagree in rows {rows}: a cell passed exactly when its "
                                 "failure_mode is none")
        counts = np.bincount(codes, minlength=len(FAILURE_MODES))
        by_mode = {m.name: int(counts[i]) for i, m in enumerate(FAILURE_MODES) if i and counts[i]}
        return n, by_mode, int((codes != 0).sum())
    if "passed" in line:
        return n, None, int((~line["passed"].to_numpy(dtype=bool)).sum())
    return n, None, None


def _twin_losses(ds: xr.Dataset) -> tuple[int, dict[str, int]]:
    """(items released, items lost per failure mode) over every point and replicate of ``ds``."""
    modes = failure_modes(ds)
    counts = np.bincount(ds["failure_mode"].values.astype(np.int64).ravel(), minlength=len(modes))
    released = round(float(ds["cells_released"].sum()))
    return released, {m: int(counts[i]) for i, m in enumerate(modes) if i and counts[i]}


def _row(level: str, name: str, gate: str, twin: tuple[int, int], line: tuple[int, int]) -> dict:
    (tk, tn), (lk, ln) = twin, line
    ts, ls = (tk / tn if tn else np.nan), (lk / ln if ln else np.nan)
    lo, hi = wilson_interval(lk, ln)
    p = _fisher_p(tk, tn, lk, ln)
    flagged = bool(np.isfinite(ts) and (ts < lo or ts > hi) and p < ALPHA)
    return {"level": level, "name": name, "gate": gate, "twin_lost": tk, "twin_cells": tn, "twin_share": ts,
            "line_lost": lk, "line_cells": ln, "line_share": ls, "line_low": lo, "line_high": hi, "p_value": p,
            "flagged": flagged}


def loss_shares(ds: xr.Dataset, line: pd.DataFrame) -> pd.DataFrame:
    """Share of cells lost per failure mode, per kind of gate and overall, twin next to line, with flags.

    Parameters
    ----------
    ds : xarray.Dataset
        The results of one sweep point (every replicate and draw is pooled).
    line : pandas.DataFrame
        Line data (:func:`twin.data.read_line_data`): ``failure_mode`` gives
        the rows per mode and gate, ``passed`` alone only the overall row.

    Returns
    -------
    pandas.DataFrame
        One row per failure mode lost by either side (``level`` "failure mode"),
        per kind of gate (``level`` "gate") and overall (``level`` "all"), columns
        :data:`LOSS_COLUMNS`: counts [cells], shares and the line's interval [-],
        Fisher's p [-] and ``flagged``. Empty when the line records neither
        ``passed`` nor ``failure_mode``. ``attrs``: ``units``, ``alpha``, ``level``.
    """
    n_line, line_modes, line_all = line_losses(line)
    released, twin_modes = _twin_losses(ds)
    gate_of = {**_CONTRACT_GATE, **mode_gates(ds)}
    rows = []
    if line_modes is not None:
        for mode in [m.name for m in FAILURE_MODES[1:]] + [m for m in twin_modes if m not in _CONTRACT_GATE]:
            if twin_modes.get(mode) or line_modes.get(mode):
                rows.append(_row("failure mode", mode, gate_of.get(mode, "eol"), (twin_modes.get(mode, 0), released),
                                 (line_modes.get(mode, 0), n_line)))
        for gate in GATE_KINDS:
            tk = sum(k for m, k in twin_modes.items() if gate_of.get(m, "eol") == gate)
            lk = sum(k for m, k in line_modes.items() if gate_of.get(m) == gate)
            if tk or lk:
                rows.append(_row("gate", gate, gate, (tk, released), (lk, n_line)))
    if line_all is not None:
        rows.append(_row("all", "all losses", "all", (sum(twin_modes.values()), released), (line_all, n_line)))
    out = pd.DataFrame(rows, columns=list(LOSS_COLUMNS))
    out.attrs.update(units={c: "1" for c in LOSS_COLUMNS if c not in ("level", "name", "gate", "flagged")},
                     alpha=ALPHA, level=LEVEL)
    return out
