"""The factory floor of one replicate: a step per station, their contexts, the cell state, the line run.

:func:`assemble` turns a scenario's stations into step instances with their
contexts (materials, random streams, tallies); :func:`new_cells` allocates
the cell state every step writes into; :func:`prepare` runs the
timing-independent physics of every step, vectorised; :func:`run_line` runs
the SimPy line with the batch and gate hooks wired to the steps.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from process_models.electrodes import get_cathode
from process_models.materials import get_electrolyte

from ..scenario.distributions import sample
from ..scenario.ramp import multipliers, ramped
from ..scenario.routes import STEP_CATALOGUE
from .line import LineResult, StationSpec, simulate_line
from .state import CONTRACT_FIELDS, WORKING_FIELDS, CellState
from .steps import Step, StepContext, Tally, make_step
from .streams import RELEASE, Streams

__all__ = ["Replicate", "assemble", "new_cells", "prepare", "run_line", "mask_unmade", "cell_stations"]


@dataclass
class Replicate:
    """One replicate's scenario, steps (one per station) and their contexts."""

    scenario: object
    n: int
    streams: Streams
    steps: list[Step]
    contexts: list[StepContext]
    tally: Tally

    @property
    def stations(self):
        return self.scenario.line.stations

    @property
    def electrolyte(self):
        return self.contexts[0].electrolyte

    def first(self, flag: str) -> int:
        """Index of the first station whose step has the class flag ``flag``."""
        return next(k for k, s in enumerate(self.steps) if getattr(s, flag))


def assemble(scenario, point: int, replicate: int) -> Replicate:
    """The steps and contexts of one replicate of ``scenario`` (this point's settings applied)."""
    m, k = multipliers(scenario)
    scenario = ramped(scenario)  # the line as it runs at this point of its ramp-up (itself in steady state)
    streams = Streams(scenario.seed, point, replicate)
    tally = Tally()
    electrolyte = get_electrolyte(scenario.materials.electrolyte)
    cathode = get_cathode(scenario.materials.cathode)
    stations = scenario.line.stations
    steps = [make_step(st.step) for st in stations]
    contexts = [StepContext(scenario, st, i, scenario.items, electrolyte, cathode, streams, tally, m, k)
                for i, st in enumerate(stations)]
    return Replicate(scenario, scenario.items, streams, steps, contexts, tally)


def new_cells(rep: Replicate) -> CellState:
    """The cell state of the replicate: contract fields, shared working fields, the steps' working fields."""
    fields = {**CONTRACT_FIELDS, **WORKING_FIELDS}
    for step in rep.steps:
        fields.update(step.working_fields)
    return CellState(rep.n, fields)


def prepare(rep: Replicate, cells: CellState) -> None:
    """Every step's timing-independent physics, in route order."""
    for step, ctx in zip(rep.steps, rep.contexts):
        step.prepare(cells, ctx)


def cell_stations(scenario) -> int | None:
    """Index of the first station that handles whole cells (the stacker), if cells have several layers."""
    steps = [s.step for s in scenario.line.stations]
    return steps.index("stacking") if scenario.cell.layers > 1 and "stacking" in steps else None


def _spec(k: int, st, ctx: StepContext, families: np.ndarray) -> StationSpec:
    names = [s.name for s in ctx.scenario.line.stations]
    first_cell = cell_stations(ctx.scenario)
    per_cell = first_cell is not None and k >= first_cell  # the layers of one cell travel together from the stacker on
    times = None if st.kind == "furnace" else np.maximum(sample(st.process_time, ctx.rng("line"), ctx.n), 0.0)
    return StationSpec(
        name=st.name, kind="furnace" if per_cell else st.kind, machines=st.machines, process_times=times,
        buffer=st.buffer, mtbf=st.mtbf, repair_times=(lambda r, d=st.mttr: float(max(sample(d, r, 1)[0], 0.0))),
        on_failure=st.on_failure, setup_time=st.setup_time, families=families,
        downtime_period=st.downtime_every, downtime_duration=st.downtime_duration,
        is_gate=STEP_CATALOGUE[st.step].gate and not per_cell, rework_to=names.index(st.rework_to) if st.rework_to else None,
        load_capacity=ctx.scenario.cell.layers if per_cell else st.load_capacity,
        load_policy="full" if per_cell else st.load_policy, load_timeout=st.load_timeout,
        records_genealogy=not per_cell, rng=ctx.rng("failures"),
    )


def _cell_duration(spec: StationSpec, ids: np.ndarray, stacker: bool) -> float:
    """How long a cell's layers occupy a per-cell station: the stacker places each layer; later stations take one time per cell."""
    return float(np.sum(spec.process_times[ids])) if stacker else float(spec.process_times[ids[0]])


def run_line(rep: Replicate, cells: CellState) -> LineResult:
    """Run the SimPy line; furnace loads fire through ``Step.fire``, gates decide through ``Step.inspect``."""
    specs = [_spec(k, st, ctx, cells["tape_lot"]) for k, (st, ctx) in enumerate(zip(rep.stations, rep.contexts))]
    rng = rep.streams.purpose(RELEASE)
    release = np.cumsum(np.maximum(sample(rep.scenario.line.release_interval, rng, rep.n), 0.0))
    release -= release[0]  # the first item starts at t = 0
    steps, ctxs = rep.steps, rep.contexts
    first_cell = cell_stations(rep.scenario)

    def on_batch(k, ids, b):
        if first_cell is not None and k >= first_cell:
            return _cell_duration(specs[k], ids, stacker=k == first_cell)
        return steps[k].fire(cells, ids, ctxs[k])

    return simulate_line(specs, release, rng, on_batch=on_batch,
                         inspect=lambda k, i, attempt: steps[k].inspect(cells, i, attempt, ctxs[k]))


def mask_unmade(rep: Replicate, cells: CellState, line: LineResult) -> None:
    """Reset the fields a step makes (``Step.masked``) for the cells that never left its station in working order."""
    for k, step in enumerate(rep.steps):
        if step.masked:
            missing = ~line.left(k)
            for name in step.masked:
                cells.reset(name, missing)
