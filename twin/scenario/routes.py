"""Steps a station may apply, and routes as compositions of steps (data only).

:data:`STEP_CATALOGUE` lists every step with what it does, the station kind
it runs in and whether it is a gate; the simulation's step registry
(:mod:`twin.simulation.steps`) implements exactly these names. A route is the
ordered list of steps it requires and a template line used when a scenario
gives no stations. This is the only place where a route is named: the
simulation never branches on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["StepInfo", "Route", "STEP_CATALOGUE", "ROUTES", "ROUTE_STEPS", "ROUTE_TEMPLATES", "STEPS"]


@dataclass(frozen=True)
class StepInfo:
    """What the scenario needs to know of a step to validate a line."""

    description: str
    kind: str = "unit"  # the station kind it runs in: "unit" or "furnace"
    gate: bool = False  # a gate: may reject items and send them back (rework_to)
    requires: tuple[str, ...] = ()  # steps an earlier station must apply (what this step works on)
    electrolytes: tuple[str, ...] = ()  # electrolyte families the step can make or process (empty: any)


STEP_CATALOGUE: dict[str, StepInfo] = {
    "casting": StepInfo("tape casting: wet/green thickness, drying-crack risk (per tape lot)", electrolytes=("oxide",)),
    "drying": StepInfo("solvent removal; no physics beyond time and atmosphere"),
    "cutting": StepInfo("cutting the tape into sheets"),
    "sintering": StepInfo("batch firing: densification, grain growth, Li loss (one call per furnace load)", kind="furnace",
                          electrolytes=("oxide",)),
    "inspection": StepInfo("quality gate on density and cracks", gate=True),
    "separator": StepInfo("sulphide separator by cold pressing or spray", electrolytes=("sulphide",)),
    "cathode": StepInfo("composite cathode deposition"),
    "calendering": StepInfo("calendering of the composite cathode: porosity and thickness after the nip, spring-back, "
                            "catholyte cracking", requires=("cathode",)),
    "surface_treatment": StepInfo("heat treatment removing Li2CO3/LiOH from the electrolyte (Sharafi et al. 2017); "
                                  "the air-exposure clock restarts when the item leaves"),
    "anode": StepInfo("Li anode lamination/evaporation (air exposure clock stops here)"),
    "layer_test": StepInfo("unit-layer test before stacking: catches layers that would fail (process.layer_test)",
                           gate=True, requires=("anode",)),
    "stacking": StepInfo("stacking unit layers into cells (cell.layers per cell; placement error) and the fixture pressure"),
    "eol_test": StepInfo("end-of-line test against the gates"),
}

#: step name -> what it does (for messages and the scenario reference)
STEPS: dict[str, str] = {name: info.description for name, info in STEP_CATALOGUE.items()}


@dataclass(frozen=True)
class Route:
    """A route: the steps it needs, in order, and a template line."""

    description: str
    steps: tuple[str, ...]
    template: tuple[dict[str, Any], ...]


_LAB = (
    {"name": "pellet_press", "step": "separator", "process_time": "20 min", "atmosphere": "inert"},
    {"name": "cathode_press", "step": "cathode", "process_time": "15 min", "atmosphere": "inert"},
    {"name": "li_attach", "step": "anode", "process_time": "10 min", "atmosphere": "inert"},
    {"name": "cell_fixture", "step": "stacking", "process_time": "15 min", "atmosphere": "inert"},
    {"name": "cycler", "step": "eol_test", "process_time": "20 h", "machines": 16, "atmosphere": "inert"},
)
_SULPHIDE = (
    {"name": "separator_press", "step": "separator", "process_time": "12 min", "machines": 2, "atmosphere": "dry_room"},
    {"name": "inspection", "step": "inspection", "process_time": "1 min", "atmosphere": "dry_room"},
    {"name": "cathode_press", "step": "cathode", "process_time": "8 min", "machines": 2, "atmosphere": "dry_room"},
    {"name": "li_lamination", "step": "anode", "process_time": "3 min", "atmosphere": "dry_room"},
    {"name": "stacking", "step": "stacking", "process_time": "4 min", "atmosphere": "dry_room"},
    {"name": "eol_test", "step": "eol_test", "process_time": "20 min", "machines": 4, "atmosphere": "inert"},
)
_OXIDE_TAPE = (
    {"name": "tape_casting", "step": "casting", "process_time": "2 min"},
    {"name": "drying", "step": "drying", "process_time": "4 min", "machines": 2},
    {"name": "sintering_furnace", "step": "sintering", "kind": "furnace", "machines": 2, "load_capacity": 40},
    {"name": "inspection", "step": "inspection", "process_time": "1 min"},
    {"name": "cathode_spray", "step": "cathode", "process_time": "5 min", "machines": 2},
    {"name": "li_lamination", "step": "anode", "process_time": "3 min", "atmosphere": "dry_room"},
    {"name": "stacking", "step": "stacking", "process_time": "4 min", "atmosphere": "dry_room"},
    {"name": "eol_test", "step": "eol_test", "process_time": "20 min", "machines": 8, "atmosphere": "dry_room"},
)

ROUTES: dict[str, Route] = {
    "oxide_tape": Route("tape-cast, sintered LLZO", ("casting", "sintering", "cathode", "anode", "stacking", "eol_test"), _OXIDE_TAPE),
    "sulphide": Route("dry-room pressed/sprayed separators", ("separator", "cathode", "anode", "stacking", "eol_test"), _SULPHIDE),
    "lab_cell": Route("die-pressed pellets in a glovebox, as Cao et al. 2023",
                      ("separator", "cathode", "anode", "stacking", "eol_test"), _LAB),
}
ROUTE_STEPS: dict[str, tuple[str, ...]] = {name: r.steps for name, r in ROUTES.items()}
ROUTE_TEMPLATES: dict[str, list[dict[str, Any]]] = {name: [dict(s) for s in r.template] for name, r in ROUTES.items()}
