"""Line KPIs of one replicate: yield, throughput, WIP, lead time, utilisation, scrap per gate."""

from __future__ import annotations

import numpy as np

from ..contract import BREAKDOWN_GATE
from ..scenario.routes import STEP_CATALOGUE
from .genealogy import reached_test
from .line import SCRAP_BREAKDOWN, SCRAP_GATE, LineResult

__all__ = ["gate_names", "line_kpis", "scrapped_per_gate", "utilisation"]


def gate_names(scenario) -> list[str]:
    """Names on the ``gate`` dimension: breakdown scrap, each gate station, the end-of-line test."""
    st = scenario.line.stations
    return [BREAKDOWN_GATE] + [s.name for s in st[:-1] if STEP_CATALOGUE[s.step].gate] + [st[-1].name]


def horizon(line: LineResult) -> float:
    """Length of the run [s]: until the last item left the line (NaN if nothing happened)."""
    return line.makespan if line.makespan > 0 else np.nan


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
    out[stations[-1].name] = int((reached_test(line) & ~cells["passed"]).sum())
    return out


def line_kpis(cells, line: LineResult, tally, util: np.ndarray) -> dict[str, float]:
    """Per-replicate KPIs of the contract (everything but cost)."""
    n = cells.n
    passed, lead = cells["passed"], cells["lead_time"]
    T = horizon(line)
    done = line.completed
    good = int(passed.sum())
    return {
        "cells_released": float(n),
        "cells_completed": float(done.sum()),
        "good_cells": float(good),
        "yield": good / n,
        "first_pass_yield": float((passed & ~line.reworked).sum()) / n,
        "reworked": float(line.reworked.sum()),
        "false_rejects": float(tally.false_rejects),
        "false_accepts": float(tally.false_accepts),
        "throughput": good / T,
        "makespan": T,
        "wip_mean": float(np.nansum(lead)) / T,
        "lead_time_mean": float(np.nanmean(lead[done])) if done.any() else np.nan,
        "furnace_loads": float(line.n_batches),
        "bottleneck": float(np.argmax(util)),
    }
