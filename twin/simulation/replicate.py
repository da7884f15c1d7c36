"""One Monte Carlo replicate: steps -> line -> exposure -> end-of-line test -> cells from layers -> fate -> KPIs and cost.

:func:`simulate_replicate` is the unit of work of every study; it only
sequences named stages (:mod:`twin.simulation.factory`, ``exposure``,
``eol``, ``genealogy``, ``kpis``, ``cost``). It depends on (scenario, point,
replicate) only, through the random streams of
:mod:`twin.simulation.streams`, so its numbers do not depend on who runs it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from process_models.overrides import overridden, parse_key

from ..contract import CELL, variables
from .assembly import assemble_cells
from .cost import replicate_cost
from .plant_cost import plant_cost
from .eol import run_eol_test
from .exposure import expose
from .factory import assemble, cell_stations, mask_unmade, new_cells, prepare, run_line
from .genealogy import reached_test, record_fate, record_genealogy
from .kpis import Run, line_kpis, scrapped_per_gate, utilisation

__all__ = ["ReplicateResult", "simulate_replicate"]


@dataclass
class ReplicateResult:
    """Per-cell arrays (shape (n,)) and per-replicate KPIs of one replicate (the contract's variables)."""

    cells: dict[str, np.ndarray]
    kpis: dict[str, float]
    cell_station: dict[str, np.ndarray]  # per cell and station, shape (n, n_stations)
    utilisation: np.ndarray  # per station [-]
    scrapped: dict[str, int]  # per gate
    stacks: dict[str, np.ndarray]  # per stacked cell, shape (cells,)
    plant: dict[str, np.ndarray]  # plant-scale cost per station or per cost type


def simulate_replicate(scenario, point: int, replicate: int) -> ReplicateResult:
    """Simulate one replicate of one sweep point (``scenario`` has the point's settings applied).

    ``point`` and ``replicate`` key the random streams. The physics runs with the scenario's
    ``parameter_values`` (a draw of the uncertain parameters) in place of the defaults.
    """
    if not scenario.parameter_values:
        return _simulate(scenario, point, replicate)
    with overridden({parse_key(k): v for k, v in scenario.parameter_values}):
        return _simulate(scenario, point, replicate)


def _simulate(scenario, point: int, replicate: int) -> ReplicateResult:
    rep = assemble(scenario, point, replicate)
    cells = new_cells(rep)
    prepare(rep, cells)
    line = run_line(rep, cells)
    mask_unmade(rep, cells, line)
    expose(rep, cells, line)
    reached = reached_test(line)
    run_eol_test(scenario, cells, np.flatnonzero(reached))
    stacks = assemble_cells(scenario, cells, line, cell_stations(scenario), reached, _layer_test_rng(rep))
    record_fate(cells, line)
    record_genealogy(cells, line)
    util = utilisation(scenario, line)
    run = Run(cells, line, rep.tally, util, scenario.cell.layers)
    kpis = {**replicate_cost(rep, cells, line), **line_kpis(run), **stacks.counts}
    at_scale = plant_cost(rep.scenario, cells, line, stacks, run.good, kpis["cost_materials"])
    kpis.update(at_scale["kpis"])
    return ReplicateResult(
        cells={v.name: cells[v.name] for v in variables(CELL)},
        kpis=kpis,
        cell_station={"station_start_time": line.start, "station_exit_time": line.exit},
        utilisation=util,
        scrapped=scrapped_per_gate(scenario, cells, line),
        stacks=dict(stacks),
        plant={**at_scale["station"], **at_scale["cost_type"]},
    )


def _layer_test_rng(rep) -> np.random.Generator:
    """The layer test's decision stream (its station's inspect stream; unused without a layer test)."""
    name = next((s.name for s in rep.stations if s.step == "layer_test"), rep.stations[-1].name)
    return rep.streams.for_hook("inspect", name)
