"""The end-of-line test: run the formation protocol on the cells that reached it, then decide each one's fate.

The decision is a list of checks (:data:`EOL_CHECKS`), each a failure mode of
the contract (gate kind ``eol``) and the test that fails a cell for it, on
what the tester sees in formation: a later check takes precedence, so the
order, from last to first, is: assembly short, hard short (voltage
collapse), soft short (voltage plateau), misalignment (a layer placed off by
more than the anode overhang plates Li at the cathode edge), voiding (the formation discharge
polarised as the anode lost contact; with ``require_ccs_margin`` also a
stripping limit below the duty's largest discharge current), high ASR, low
capacity (formation discharge below the gate's fraction of the nominal
capacity). Shorts later in the cycling block are field-life results, not
end-of-line rejects. Limits come from the scenario's ``gates.eol``. A new
end-of-line failure mode is one contract row and one entry here
(``docs/extending.md``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from ..contract import FAILURE_CODES, VOLTAGE_SIGNATURES
from ..scenario.ramp import excess_scrap
from .cell import STATE_FIELDS, CellSetup, evaluate_cells

__all__ = ["EolCheck", "EOL_CHECKS", "eol_decision", "run_eol_test"]


@dataclass(frozen=True)
class EolCheck:
    """One end-of-line check: the failure mode and ``fails(metrics, gate) -> bool array``."""

    mode: str
    fails: Callable[[dict, object], np.ndarray]


_SIG = {name: i for i, name in enumerate(VOLTAGE_SIGNATURES)}


def _low_capacity(m, g):
    return m["discharge_capacity"] < g.min_capacity_fraction * m["cathode_areal_capacity"]


def _voiding(m, g):
    polarised = m["voltage_signature"] == _SIG["polarisation"]
    if not g.require_ccs_margin:
        return polarised
    return polarised | (m["critical_stripping_current"] < m["duty_discharge_current_density"])


#: the checks, lowest precedence first (a later check overrides an earlier one)
EOL_CHECKS: tuple[EolCheck, ...] = (
    EolCheck("ramp_up_defect", lambda m, g: m["ramp_defect"]),
    EolCheck("low_capacity", _low_capacity),
    EolCheck("high_asr", lambda m, g: m["cell_asr"] > g.max_cell_asr),
    EolCheck("voiding", _voiding),
    EolCheck("misalignment", lambda m, g: m["misaligned"]),
    EolCheck("soft_short", lambda m, g: m["voltage_signature"] == _SIG["plateau"]),
    EolCheck("hard_short", lambda m, g: m["voltage_signature"] == _SIG["collapse"]),
    EolCheck("assembly_short", lambda m, g: m["assembly_short"]),
)


def eol_decision(m: dict[str, np.ndarray], gate) -> np.ndarray:
    """failure_mode code per cell at the end-of-line test (0: passed).

    Parameters
    ----------
    m : dict of ndarray
        Cell metrics (:func:`twin.simulation.cell.evaluate_cells`).
    gate
        The limits: ``max_cell_asr`` [ohm m2], ``min_capacity_fraction`` [-],
        ``require_ccs_margin`` [bool] (the scenario's ``gates.eol``).
    """
    fm = np.zeros(m["cell_asr"].shape[0], dtype=np.int8)
    for check in EOL_CHECKS:
        fm[check.fails(m, gate)] = FAILURE_CODES[check.mode]
    return fm


def run_eol_test(scenario, cells, tested: np.ndarray) -> None:
    """Evaluate the cells at index ``tested`` and write their metrics and end-of-line failure codes."""
    if not tested.size:
        return
    metrics = evaluate_cells(cells.take(STATE_FIELDS, tested), CellSetup.of(scenario))
    cells.put(metrics, tested)
    metrics["duty_discharge_current_density"] = duty_discharge_current(scenario.duty, metrics["cathode_areal_capacity"],
                                                                       scenario.process.stacking.cell_area)
    metrics["ramp_defect"] = cells["ramp_draw"][tested] < excess_scrap(scenario)
    error = cells["placement_error"][tested]
    metrics["misaligned"] = np.isfinite(error) & (error > float(scenario.cell.anode_overhang))
    cells["failure_mode"][tested] = eol_decision(metrics, scenario.gates.eol)


def duty_discharge_current(duty, nominal_capacity, cell_area) -> np.ndarray:
    """Largest discharge current density of the duty (formation and cycling) per cell [A m-2]."""
    steps = list(duty.formation) + (list(duty.cycling.steps) if duty.cycling is not None else [])
    j = np.zeros(np.shape(nominal_capacity))
    for s in steps:
        if s.kind == "discharge":
            j = np.maximum(j, s.current_density_for(nominal_capacity, cell_area))
    return float(duty.current_scale) * j
