"""One Monte Carlo replicate: steps -> line -> exposure -> end-of-line test -> fate -> KPIs and cost.

:func:`simulate_replicate` is the unit of work of every study; it only
sequences named stages (:mod:`twin.simulation.factory`, ``exposure``,
``eol``, ``genealogy``, ``kpis``, ``cost``). It depends on (scenario, point,
replicate) only, through the random streams of
:mod:`twin.simulation.streams`, so its numbers do not depend on who runs it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..contract import CELL, variables
from .cost import replicate_cost
from .eol import run_eol_test
from .exposure import expose
from .factory import assemble, mask_unmade, new_cells, prepare, run_line
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


def simulate_replicate(scenario, point: int, replicate: int) -> ReplicateResult:
    """Simulate one replicate of one sweep point (``scenario`` has the point's settings applied)."""
    rep = assemble(scenario, point, replicate)
    cells = new_cells(rep)
    prepare(rep, cells)
    line = run_line(rep, cells)
    mask_unmade(rep, cells, line)
    expose(rep, cells, line)
    run_eol_test(scenario, cells, np.flatnonzero(reached_test(line)))
    record_fate(cells, line)
    record_genealogy(cells, line)
    util = utilisation(scenario, line)
    kpis = {**replicate_cost(rep, cells, line), **line_kpis(Run(cells, line, rep.tally, util))}
    return ReplicateResult(
        cells={v.name: cells[v.name] for v in variables(CELL)},
        kpis=kpis,
        cell_station={"station_start_time": line.start, "station_exit_time": line.exit},
        utilisation=util,
        scrapped=scrapped_per_gate(scenario, cells, line),
    )
