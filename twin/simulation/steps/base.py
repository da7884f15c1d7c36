"""The step abstraction: what a station does to the cells that pass it.

A station's ``step:`` names a :class:`Step` class in the registry
(:mod:`twin.simulation.steps`). A step overrides the hooks it needs,
SimPy-style (a small core with override hooks):

- :meth:`Step.prepare` ``(cells, ctx)``: physics that does not depend on the
  line's timing, vectorised over every cell before the line runs (what the
  station will do to each item: tape casting, pressing, spraying);
- :meth:`Step.fire` ``(cells, ids, ctx) -> duration``: batch stations (a
  furnace load), one physics call per load when it fires;
- :meth:`Step.inspect` ``(cells, i, attempt, ctx) -> PASS | SCRAP | REWORK``:
  gates, for each item leaving the station.

Class flags tell the rest of the replicate what the step means without
naming it: where the electrolyte surface is formed or cleaned (the exposure
clocks start there) and where the Li anode seals it (the clocks stop), which
cell fields only exist once a cell has left this station (``masked``), which
fields describe the electrolyte as formed (its material cost), and which
working fields the step keeps in the cell state.

Each hook draws from ``ctx.rng(hook)``, the stream of that hook at that
station (:class:`twin.simulation.streams.Streams`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from ..line import PASS
from ..state import CellState, Field

__all__ = ["Step", "StepContext", "Tally"]


@dataclass
class Tally:
    """What the steps count during one replicate (read by the KPIs and the cost)."""

    false_rejects: int = 0
    false_accepts: int = 0
    rework: int = 0
    firing_times: list[float] = field(default_factory=list)  # [s] per furnace load, in firing order


@dataclass
class StepContext:
    """What a step's hooks see of the replicate: the scenario, its station, materials, streams, tallies."""

    scenario: object  # the Scenario, with this point's settings applied
    station: object  # the Station settings of this station
    index: int  # station index on the route
    n: int  # cells (items) released in this replicate
    electrolyte: object  # process_models.materials.ElectrolyteMaterial
    cathode: object  # process_models.electrodes.CathodeMaterial
    streams: object  # twin.simulation.streams.Streams
    tally: Tally
    scrap_multiplier: float = 1.0  # ramp-up hazard multiplier (1: steady state)
    scatter_multiplier: float = 1.0  # ramp-up factor on process spreads (1: steady state)

    def defect(self, probability) -> np.ndarray:
        """A steady-state defect probability as the line ramps up: ``1 - (1 - p)^m`` (:mod:`process_models.ramp_up`)."""
        from process_models.ramp_up import defect_rate

        return defect_rate(probability, self.scrap_multiplier) if self.scrap_multiplier != 1.0 else np.asarray(probability)

    def rng(self, hook: str) -> np.random.Generator:
        """The random stream of ``hook`` (``prepare``, ``fire``, ``inspect``, ``line``) at this station."""
        return self.streams.for_hook(hook, self.station.name)


class Step:
    """A process step; subclasses override the hooks they need (see the module docstring)."""

    #: registry name (the ``step:`` of a station)
    name: ClassVar[str] = ""
    #: the electrolyte surface exists from the moment an item leaves this station (exposure clocks start)
    forms_electrolyte: ClassVar[bool] = False
    #: the station removes the air-grown surface layer (exposure clocks restart when the item leaves)
    clears_surface: ClassVar[bool] = False
    #: the Li anode covers the electrolyte surface here (exposure clocks stop when the item starts)
    seals_surface: ClassVar[bool] = False
    #: fields that only exist for a cell that has left this station (reset to their fill otherwise)
    masked: ClassVar[tuple[str, ...]] = ()
    #: (thickness field, relative-density field) of the electrolyte as this step forms it (its material cost)
    electrolyte_as_formed: ClassVar[tuple[str, str] | None] = None
    #: working fields this step keeps in the cell state (not results): name -> Field
    working_fields: ClassVar[dict[str, Field]] = {}

    def prepare(self, cells: CellState, ctx: StepContext) -> None:
        """Timing-independent physics, vectorised over all cells before the line runs (default: nothing)."""

    def fire(self, cells: CellState, ids: np.ndarray, ctx: StepContext) -> float:
        """Process one batch (``ids``) when it fires; return how long it occupies the station [s]."""
        raise TypeError(f"step {self.name!r} does not run in a batch station")

    def inspect(self, cells: CellState, i: int, attempt: int, ctx: StepContext) -> int:
        """Gate decision for item ``i`` leaving the station (``attempt``: earlier inspections here)."""
        return PASS
