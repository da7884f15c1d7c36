"""Line KPIs of one replicate: yield, throughput, WIP, lead time, utilisation, scrap per gate.

Each per-replicate KPI of the contract is one entry of :data:`KPIS`: a name
and a function of the finished replicate (:class:`Run`). A new KPI is one
contract row and one entry here (``docs/extending.md``); the cost stage
(:mod:`twin.simulation.cost`) adds the cost KPIs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from ..contract import BREAKDOWN_GATE, FAILURE_CODES
from ..scenario.routes import STEP_CATALOGUE
from .genealogy import reached_test
from .line import SCRAP_BREAKDOWN, SCRAP_GATE, LineResult

__all__ = ["Run", "KPIS", "gate_names", "horizon", "line_kpis", "scrapped_per_gate", "utilisation"]


def horizon(line: LineResult) -> float:
    """Length of the run [s]: until the last item left the line (NaN if nothing happened)."""
    return line.makespan if line.makespan > 0 else np.nan


@dataclass(frozen=True)
class Run:
    """A finished replicate as the KPIs see it."""

    cells: object  # CellState
    line: LineResult
    tally: object  # steps.Tally
    utilisation: np.ndarray  # per station [-]
    layers: int = 1  # unit layers per cell

    @property
    def n(self) -> int:
        return self.cells.n

    @property
    def good(self) -> float:
        """Good cells (the layers of a good stacked cell all pass)."""
        return float(self.cells["passed"].sum()) / self.layers

    @property
    def horizon(self) -> float:
        return horizon(self.line)


def _lead_time_mean(r: Run) -> float:
    done = r.line.completed
    return float(np.nanmean(r.cells["lead_time"][done])) if done.any() else np.nan


#: per-replicate KPIs of the contract (cost excepted): name -> function of the run
KPIS: dict[str, Callable[[Run], float]] = {
    "cells_released": lambda r: float(r.n),
    "cells_completed": lambda r: float(r.line.completed.sum()),
    "good_cells": lambda r: float(r.good),
    "yield": lambda r: r.good * r.layers / r.n,
    "first_pass_yield": lambda r: float((r.cells["passed"] & ~r.line.reworked).sum()) / r.n,
    "reworked": lambda r: float(r.line.reworked.sum()),
    "false_rejects": lambda r: float(r.tally.false_rejects),
    "false_accepts": lambda r: float(r.tally.false_accepts),
    "throughput": lambda r: r.good / r.horizon,
    "makespan": lambda r: r.horizon,
    "wip_mean": lambda r: float(np.nansum(r.cells["lead_time"])) / r.horizon,
    "lead_time_mean": _lead_time_mean,
    "furnace_loads": lambda r: float(r.line.n_batches),
    "bottleneck": lambda r: float(np.argmax(r.utilisation)),
}


def line_kpis(run: Run) -> dict[str, float]:
    """Every KPI of :data:`KPIS` for one finished replicate."""
    return {name: f(run) for name, f in KPIS.items()}


def gate_names(scenario) -> list[str]:
    """Names on the ``gate`` dimension: breakdown scrap, each gate station, the end-of-line test."""
    st = scenario.line.stations
    return [BREAKDOWN_GATE] + [s.name for s in st[:-1] if STEP_CATALOGUE[s.step].gate] + [st[-1].name]


def utilisation(scenario, line: LineResult) -> np.ndarray:
    """Fraction of time each station's machines were processing [-]."""
    machines = np.array([s.machines for s in scenario.line.stations], float)
    return line.busy_time / (machines * horizon(line))


def scrapped_per_gate(scenario, cells, line: LineResult) -> dict[str, int]:
    """Cells scrapped at each gate, in the order of :func:`gate_names`."""
    stations = scenario.line.stations
    out = {g: 0 for g in gate_names(scenario)}
    out[BREAKDOWN_GATE] = int((line.scrap_code == SCRAP_BREAKDOWN).sum())
    for k, st in enumerate(stations[:-1]):
        if STEP_CATALOGUE[st.step].gate:
            out[st.name] = int(((line.scrap_code == SCRAP_GATE) & (line.scrap_station == k)).sum())
    for k, st in enumerate(stations[:-1]):
        if st.step == "layer_test":  # decided after the line (twin.simulation.assembly)
            out[st.name] += int((cells["failure_mode"] == FAILURE_CODES["layer_reject"]).sum())
    out[stations[-1].name] = int((reached_test(line) & ~cells["passed"]
                                  & (cells["failure_mode"] != FAILURE_CODES["layer_reject"])).sum())
    return out
