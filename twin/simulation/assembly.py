"""Unit layers into cells, after the line: the layer test, the stacking order, and each cell's fate and metrics.

A cell of ``cell.layers`` unit layers works only if every layer does. The
stages, each a short function:

1. :func:`layer_test`: at a ``layer_test`` station, a layer that would fail
   the end-of-line test for a reason (its own evaluated failure mode) is
   caught with that reason's detection probability, a good layer with the
   false-reject probability (``process.layer_test``); caught layers are
   discarded (failure mode ``layer_reject``) and never stacked;
2. :func:`stack_order`: the remaining layers that reached the stacker, in the
   order it took them, are cut into cells of ``layers`` each; the last,
   short group is ``incomplete_cell``;
3. :func:`cell_fate`: a cell fails with its worst layer's failure mode (the
   end-of-line precedence); every layer of a failed cell is lost with it;
4. :func:`stack_metrics`: capacity and energy add up over the layers in
   parallel, their conductances too; the cell's first short is its first
   layer's; mass and volume from the layers plus tabs and packaging, and the
   module's share of the stack-pressure hardware
   (:mod:`process_models.packaging`).

With one layer per cell this reproduces the single-cell results exactly: each
item is its own cell.
"""

from __future__ import annotations

import numpy as np

from process_models import packaging

from ..contract import FAILURE_CODES, STACK, variables
from .eol import EOL_CHECKS

__all__ = ["StackResult", "layer_test", "stack_order", "cell_fate", "stack_metrics", "assemble_cells", "DECIDED_HERE"]

#: end-of-line failure modes decided here rather than by an end-of-line check
DECIDED_HERE = frozenset({"incomplete_cell"})

#: end-of-line precedence of the failure modes (a later one wins), for the worst layer of a cell
_RANK = {FAILURE_CODES[c.mode]: r + 1 for r, c in enumerate(EOL_CHECKS)}
_RANK_OF_CODE = np.zeros(256, np.int64)
for _code, _r in _RANK.items():
    _RANK_OF_CODE[_code] = _r
_DETECT = {"hard_short": "detect_hard_short", "assembly_short": "detect_hard_short", "soft_short": "detect_soft_short",
           "voiding": "detect_voiding", "high_asr": "detect_high_asr", "low_capacity": "detect_low_capacity"}


class StackResult(dict):
    """The per-stacked-cell variables of the contract (name -> array of shape (cells,)) and the replicate's counts."""


def layer_test(scenario, cells, reached: np.ndarray, rng) -> np.ndarray:
    """Indices of the layers a layer test discards (none without a ``layer_test`` station)."""
    lt = scenario.process.layer_test
    if not lt.enabled or not any(s.step == "layer_test" for s in scenario.line.stations):
        return np.arange(0)
    fm = cells["failure_mode"]
    p = np.full(cells.n, float(lt.false_reject))
    for mode, attr in _DETECT.items():
        p[fm == FAILURE_CODES[mode]] = float(getattr(lt, attr))
    u = rng.random(cells.n)
    return np.flatnonzero(reached & (u < p))


def stack_order(first_cell_station: int, line, eligible: np.ndarray, layers: int) -> tuple[np.ndarray, np.ndarray]:
    """(layer indices in the order the stacker took them, cell number of each) for the ``eligible`` layers.

    The last group, if short of ``layers``, gets cell number -1.
    """
    ids = np.flatnonzero(eligible & np.isfinite(line.start[:, first_cell_station]))
    order = ids[np.lexsort((ids, line.start[ids, first_cell_station]))]
    cell = np.arange(order.size) // layers
    cell[cell >= order.size // layers] = -1
    return order, cell


def cell_fate(layer_modes: np.ndarray, cell_of_layer: np.ndarray, n_cells: int) -> np.ndarray:
    """Failure mode of each cell: its worst layer's (end-of-line precedence; 0 if every layer passed)."""
    rank = _RANK_OF_CODE[layer_modes.astype(np.int64)]
    worst_rank = np.zeros(n_cells, np.int64)
    worst_mode = np.zeros(n_cells, np.int8)
    ok = cell_of_layer >= 0
    np.maximum.at(worst_rank, cell_of_layer[ok], rank[ok])
    for code, r in _RANK.items():
        worst_mode[worst_rank == r] = code
    return worst_mode


def stack_metrics(scenario, cells, order, cell_of_layer, n_cells: int) -> dict[str, np.ndarray]:
    """Capacity, energy, resistance, first short, mass, volume and cell/module energy of each stacked cell."""
    area = float(scenario.process.stacking.cell_area)
    ok = cell_of_layer >= 0
    idx, c = order[ok], cell_of_layer[ok]
    out = {"stack_layers": np.bincount(c, minlength=n_cells).astype(np.int64)}
    out["stack_capacity"] = _sum(c, np.nan_to_num(cells["discharge_capacity"][idx]) * area, n_cells)
    out["stack_energy"] = _sum(c, np.nan_to_num(cells["discharge_energy"][idx]) * area, n_cells)
    conductance = _sum(c, np.where(cells["cell_asr"][idx] > 0, area / cells["cell_asr"][idx], 0.0), n_cells)
    out["stack_resistance"] = np.divide(1.0, conductance, out=np.full(n_cells, np.inf), where=conductance > 0)
    out["stack_time_to_short"] = _min(c, cells["time_to_short"][idx], n_cells)
    out["stack_cycles_to_failure"] = _min(c, cells["cycles_to_failure"][idx], n_cells)
    out.update(_budget(scenario, cells, idx, c, n_cells, out["stack_energy"]))
    return out


def _budget(scenario, cells, idx, c, n_cells, energy) -> dict[str, np.ndarray]:
    """Mass, volume and energy per mass and volume at cell and module level."""
    design, area = scenario.cell, float(scenario.process.stacking.cell_area)
    layer_mass = _sum(c, np.nan_to_num(cells["layer_areal_mass"][idx]) * area, n_cells)
    thickness = _sum(c, np.nan_to_num(cells["layer_thickness"][idx]), n_cells)
    n = np.maximum(np.bincount(c, minlength=n_cells), 1)
    cell = packaging.cell_budget(layer_mass / n, thickness / n, area, n, format=design.format, params=design.packaging)
    hardware = None
    if design.module.pressure_hardware == "plates":
        p = _mean(c, np.nan_to_num(cells["stack_pressure"][idx]), n_cells)
        side = float(np.sqrt(area))
        hardware = packaging.pressure_hardware(p, side, side, design.module.cells_per_module, cell.thickness)
    e = packaging.energy_metrics(energy, cell, hardware)
    return {"stack_mass": cell.mass, "stack_volume": cell.volume, "stack_specific_energy": e.specific_energy,
            "stack_energy_density": e.energy_density, "module_specific_energy": e.module_specific_energy,
            "module_energy_density": e.module_energy_density}


def _sum(groups, values, n):
    return np.bincount(groups, weights=values, minlength=n)[:n]


def _min(groups, values, n):
    out = np.full(n, np.inf)
    np.minimum.at(out, groups, np.where(np.isfinite(values), values, np.inf))
    return np.where(np.isfinite(out), out, np.nan)


def _mean(groups, values, n):
    return _sum(groups, values, n) / np.maximum(np.bincount(groups, minlength=n)[:n], 1)


def assemble_cells(scenario, cells, line, first_cell_station: int | None, reached: np.ndarray, rng) -> StackResult:
    """Run the layer test, form the cells, decide their fate and write it back onto their layers.

    ``reached`` marks the layers evaluated at the end-of-line test. With one
    layer per cell (``first_cell_station`` None) every evaluated item is its
    own cell. Returns the per-stacked-cell variables and the counts
    (``cells_built``, ``layers_rejected``, ``layer_yield``).
    """
    layers, n_cells = scenario.cell.layers, scenario.cells
    own_modes = cells["failure_mode"].copy()
    rejected = layer_test(scenario, cells, reached, rng)
    cells["failure_mode"][rejected] = FAILURE_CODES["layer_reject"]
    eligible = reached.copy()
    eligible[rejected] = False
    k = first_cell_station if first_cell_station is not None else len(scenario.line.stations) - 1
    order, cell_of = stack_order(k, line, eligible, layers)
    res = StackResult({v.name: np.full(n_cells, v.fill, dtype=v.dtype) for v in variables(STACK)})
    res.update(stack_metrics(scenario, cells, order, cell_of, n_cells))
    fate = cell_fate(own_modes[order], cell_of, n_cells)
    built = np.bincount(cell_of[cell_of >= 0], minlength=n_cells)[:n_cells] > 0
    res["stack_failure_mode"] = np.where(built, fate, res["stack_failure_mode"]).astype(np.int8)
    res["stack_passed"] = built & (fate == 0)
    _write_back(cells, order, cell_of, fate)
    res.counts = {"cells_built": float(built.sum()), "layers_rejected": float(rejected.size),
                  "layer_yield": float(np.mean(own_modes[reached] == 0)) if reached.any() else np.nan}
    return res


def _write_back(cells, order, cell_of, fate) -> None:
    """Each stacked layer takes its cell's number and fate; the layers of a short last group are incomplete."""
    stacked = cell_of >= 0
    cells["stacked_cell_index"][order[stacked]] = cell_of[stacked]
    lost = stacked & (fate[np.maximum(cell_of, 0)] != 0)
    cells["failure_mode"][order[lost]] = fate[cell_of[lost]]
    leftover = order[~stacked]
    cells["failure_mode"][leftover[cells["failure_mode"][leftover] == 0]] = FAILURE_CODES["incomplete_cell"]
