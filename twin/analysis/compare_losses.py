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

Cells lost together are one sample, not many: the counts behind the interval
and the test are divided by each side's design effect
(:mod:`.compare_clusters`: the unit layers of a stacked cell that shorted,
the sheets of a furnace load fired too cold, the cells of one parameter
draw), so a stacked-cell line of 80 cells of 20 layers counts as about 80
samples of its losses, not 1 600.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import xarray as xr

from ..contract import FAILURE_MODES, GATE_KINDS
from .compare_clusters import design_effect, line_groupings, real_items, twin_groupings
from .grouping import failure_modes
from .losses import mode_gates

__all__ = ["loss_shares", "line_losses", "wilson_interval", "ALPHA", "LEVEL", "LOSS_COLUMNS"]

ALPHA = 0.01
LEVEL = 0.95
LOSS_COLUMNS = ("level", "name", "gate", "twin_lost", "twin_cells", "twin_share", "line_lost", "line_cells",
                "line_share", "line_low", "line_high", "twin_deff", "line_deff", "p_value", "flagged")
_CONTRACT_GATE = {m.name: m.gate or "none" for m in FAILURE_MODES}


def wilson_interval(k: float, n: float, level: float = LEVEL) -> tuple[float, float]:
    """Wilson score interval [-] of a binomial share ``k / n`` (NaN, NaN when ``n`` is 0).

    ``k`` and ``n`` may be effective (non-integer) counts. The interval always
    holds ``k / n`` (rounding would leave 0 of ``n`` a hair above 0).
    """
    from scipy.stats import norm

    if n <= 0:
        return float("nan"), float("nan")
    z = float(norm.ppf(0.5 + level / 2))
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return float(min(max(0.0, centre - half), p)), float(max(min(1.0, centre + half), p))


def _fisher_p(k1: int, n1: int, k2: int, n2: int) -> float:
    from scipy.stats import fisher_exact

    if n1 <= 0 or n2 <= 0:
        return float("nan")
    return float(fisher_exact([[k1, n1 - k1], [k2, n2 - k2]]).pvalue)


def _check_line(line: pd.DataFrame) -> None:
    """``ValueError`` naming the rows (header = row 1) where ``passed`` and ``failure_mode`` disagree."""
    if "failure_mode" not in line or "passed" not in line:
        return
    codes = line["failure_mode"].to_numpy(dtype=np.int64)
    bad = np.flatnonzero(line["passed"].to_numpy(dtype=bool) != (codes == 0))
    if bad.size:
        rows = ", ".join(str(i + 2) for i in bad[:10]) + (f" and {bad.size - 10} more" if bad.size > 10 else "")
        raise ValueError(f"passed and failure_mode disagree in rows {rows}: a cell passed exactly when its "
                         "failure_mode is none")


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
    _check_line(line)
    n = len(line)
    if "failure_mode" in line:
        codes = line["failure_mode"].to_numpy(dtype=np.int64)
        counts = np.bincount(codes, minlength=len(FAILURE_MODES))
        by_mode = {m.name: int(counts[i]) for i, m in enumerate(FAILURE_MODES) if i and counts[i]}
        return n, by_mode, int((codes != 0).sum())
    if "passed" in line:
        return n, None, int((~line["passed"].to_numpy(dtype=bool)).sum())
    return n, None, None


class _Side:
    """One side's lost-with-a-mode indicator per cell (names of the modes each cell was lost with) and its groupings."""

    def __init__(self, modes: np.ndarray, groupings: dict[str, np.ndarray]):
        self.modes, self.groupings = modes, groupings

    def count(self, names) -> tuple[np.ndarray, int, int]:
        """(0/1 indicator of the cells lost with one of ``names``, cells lost, cells)."""
        lost = np.isin(self.modes, list(names))
        return lost, int(lost.sum()), lost.size


def _twin_side(ds: xr.Dataset) -> _Side:
    """Items released over every position on ``point`` and replicate of ``ds``, each with its failure mode's name."""
    real = real_items(ds).ravel()
    names = np.array(failure_modes(ds), dtype=object)
    modes = names[ds["failure_mode"].values.astype(np.int64).ravel()[real]]
    return _Side(modes, {g: lab[real] for g, lab in twin_groupings(ds).items()})


def _line_side(line: pd.DataFrame) -> _Side:
    """Rows of line data with the name of the mode each was lost with (``lost`` where only ``passed`` is known)."""
    if "failure_mode" in line:
        names = np.array([m.name for m in FAILURE_MODES], dtype=object)
        modes = names[line["failure_mode"].to_numpy(dtype=np.int64)]
    elif "passed" in line:
        modes = np.where(line["passed"].to_numpy(dtype=bool), "none", "lost").astype(object)
    else:
        modes = np.full(len(line), "none", dtype=object)
    return _Side(modes, line_groupings(line))


def _row(level: str, name: str, gate: str, twin: _Side, line: _Side, t_names, l_names) -> dict:
    (t_ind, tk, tn), (l_ind, lk, ln) = twin.count(t_names), line.count(l_names)
    dt = design_effect(t_ind, twin.groupings, ranks=False)
    dl = design_effect(l_ind, line.groupings, ranks=False)
    ts, ls = (tk / tn if tn else np.nan), (lk / ln if ln else np.nan)
    lo, hi = wilson_interval(lk / dl, ln / dl)
    p = _fisher_p(round(tk / dt), max(round(tn / dt), 1), round(lk / dl), max(round(ln / dl), 1))
    flagged = bool(np.isfinite(ts) and (ts < lo or ts > hi) and p < ALPHA)
    return {"level": level, "name": name, "gate": gate, "twin_lost": tk, "twin_cells": tn, "twin_share": ts,
            "line_lost": lk, "line_cells": ln, "line_share": ls, "line_low": lo, "line_high": hi,
            "twin_deff": dt, "line_deff": dl, "p_value": p, "flagged": flagged}


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
        each side's design effect [-] (the interval and Fisher's test use the
        counts divided by it), Fisher's p [-] and ``flagged``. Empty when the line records neither
        ``passed`` nor ``failure_mode``. ``attrs``: ``units``, ``alpha``, ``level``.
    """
    _, line_modes, line_all = line_losses(line)
    twin, ln = _twin_side(ds), _line_side(line)
    twin_modes = {m: k for m, k in zip(*np.unique(twin.modes[twin.modes != "none"], return_counts=True))}
    gate_of = {**_CONTRACT_GATE, **mode_gates(ds)}
    rows = []
    if line_modes is not None:
        for mode in [m.name for m in FAILURE_MODES[1:]] + [m for m in twin_modes if m not in _CONTRACT_GATE]:
            if twin_modes.get(mode) or line_modes.get(mode):
                rows.append(_row("failure mode", mode, gate_of.get(mode, "eol"), twin, ln, [mode], [mode]))
        for gate in GATE_KINDS:
            t_names = [m for m in twin_modes if gate_of.get(m, "eol") == gate]
            l_names = [m for m in line_modes if gate_of.get(m) == gate]
            if t_names or l_names:
                rows.append(_row("gate", gate, gate, twin, ln, t_names, l_names))
    if line_all is not None:
        rows.append(_row("all", "all losses", "all", twin, ln, list(twin_modes), [m for m in set(ln.modes) if m != "none"]))
    out = pd.DataFrame(rows, columns=list(LOSS_COLUMNS))
    out.attrs.update(units={c: "1" for c in LOSS_COLUMNS if c not in ("level", "name", "gate", "flagged")},
                     alpha=ALPHA, level=LEVEL)
    return out
