"""The end-of-line test: evaluate the cells that reached it, then decide each one's fate.

Decision, in order of precedence (the first that applies is the cell's
``failure_mode``): assembly short, hard short, soft short, voiding (critical
stripping current below the duty's discharge current density), high ASR,
low capacity. Limits come from the scenario's ``gates.eol``.
"""

from __future__ import annotations

import numpy as np

from ..contract import FAILURE_CODES
from .cell import STATE_FIELDS, CellSetup, evaluate_cells

__all__ = ["eol_decision", "run_eol_test"]


def eol_decision(m: dict[str, np.ndarray], *, max_cell_asr: float, min_capacity_fraction: float,
                 require_ccs_margin: bool) -> np.ndarray:
    """failure_mode code per cell at the end-of-line test (0: passed)."""
    n = m["cell_asr"].shape[0]
    fm = np.zeros(n, dtype=np.int8)
    checks = [
        ("low_capacity", m["discharge_capacity"] < min_capacity_fraction * m["cathode_areal_capacity"]),
        ("high_asr", m["cell_asr"] > max_cell_asr),
        ("voiding", (m["critical_stripping_current"] < m["discharge_current_density"]) if require_ccs_margin else np.zeros(n, bool)),
        ("soft_short", m["short_mode"] == 1),
        ("hard_short", m["short_mode"] == 2),
        ("assembly_short", m["assembly_short"]),
    ]
    for name, bad in checks:  # later entries take precedence
        fm[bad] = FAILURE_CODES[name]
    return fm


def run_eol_test(scenario, cells, tested: np.ndarray) -> None:
    """Evaluate the cells at index ``tested`` and write their metrics and end-of-line failure codes."""
    if not tested.size:
        return
    metrics = evaluate_cells(cells.take(STATE_FIELDS, tested), CellSetup.of(scenario))
    g = scenario.gates.eol
    cells.put(metrics, tested)
    cells["failure_mode"][tested] = eol_decision(metrics, max_cell_asr=g.max_cell_asr,
                                                 min_capacity_fraction=g.min_capacity_fraction,
                                                 require_ccs_margin=g.require_ccs_margin)
