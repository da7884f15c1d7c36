"""The production line of a scenario: stations in route order, checked against the route.

A station applies one step of the catalogue (:data:`twin.scenario.routes.STEP_CATALOGUE`)
in a unit station or a batch furnace, with its machines, times, buffer,
breakdowns, setups, planned downtime and atmosphere. :class:`Line` checks
what the route needs: its steps present and in order, the end-of-line test
last, furnace steps in furnaces, rework only from gates, unique names.
"""

from __future__ import annotations

import math
from typing import Literal

from pydantic import Field, field_validator, model_validator

from ..contract import BREAKDOWN_GATE
from .process import Model
from .distributions import location
from .quantity import Q
from .routes import ROUTES, STEP_CATALOGUE

__all__ = ["Station", "Line", "NAME_PATTERN"]

#: station names: safe in file names, HTML and the `station` coordinate
NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$"


class Station(Model):
    """One station of the route (a unit station or a batch furnace)."""

    name: str = Field(pattern=NAME_PATTERN, description="Unique station name (used on the `station` dimension): "
                      "letters, digits, '_', '-' or '.', starting with a letter or digit, at most 64 characters.")
    step: str = Field(description="Step applied here; one of twin.scenario.routes.STEP_CATALOGUE (see the steps table above).")
    kind: Literal["unit", "furnace"] = Field("unit", description="'unit': machines process one item at a time; 'furnace': batch furnace.")
    machines: int = Field(1, ge=1, le=1000, description="Parallel machines (unit) or furnaces (furnace).")
    process_time: Q("time", gt=0, le=3.2e7, doc="Time one item occupies a machine (unit stations).", default="1 min")
    buffer: int | None = Field(None, ge=1, le=1_000_000, description="Input buffer capacity; upstream blocks when full. None: unbounded.")
    mtbf: Q("time", ge=60, le=1e10, distributions=False, doc="Mean time between failures per machine (exponential). None: no breakdowns.", default=None)
    mttr: Q("time", gt=0, le=3.2e7, doc="Time to repair.", default="1 h")
    on_failure: Literal["scrap", "rework"] = Field("scrap", description="Item on a machine that breaks down: scrapped, or processed again after the repair.")
    setup_time: Q("time", ge=0, le=6.1e5, distributions=False, doc="Changeover time when the tape lot changes (unit stations).", default=0.0)
    downtime_every: Q("time", ge=600, le=3.2e7, distributions=False, doc="Planned downtime (shift end, maintenance) recurs this often per machine. None: none.", default=None)
    downtime_duration: Q("time", gt=0, le=3.2e7, distributions=False, doc="Length of each planned downtime.", default="1 h")
    rework_to: str | None = Field(None, description="Gate stations: name of the earlier station a reworkable reject returns to (e.g. the furnace to re-fire).")
    atmosphere: Literal["ambient", "dry_room", "inert"] = Field("ambient", description="Atmosphere of the station and its input buffer.")
    load_capacity: int = Field(40, ge=1, le=100_000, description="Sheets per furnace load (furnace).")
    load_policy: Literal["full", "timeout"] = Field("timeout", description="Fire when full, or when the first sheet has waited load_timeout (furnace).")
    load_timeout: Q("time", gt=0, le=3.2e7, distributions=False, doc="Longest wait of the first sheet of a load before firing (furnace, policy timeout).", default="2 h")
    handling_time: Q("time", ge=0, le=6.1e5, distributions=False, doc="Loading + unloading time per load, added to the firing profile (furnace).", default="30 min")
    temperature_nonuniformity: Q("temperature", ge=0, lt=200, distributions=False, doc="Standard deviation of the temperature offset across load positions (furnace) [K of difference].", default=0.0)

    @field_validator("name")
    @classmethod
    def _not_reserved(cls, v: str) -> str:
        if v == BREAKDOWN_GATE:
            raise ValueError(f"{v!r} is reserved (the gate of breakdown scrap); choose another station name")
        return v

    @field_validator("step")
    @classmethod
    def _known_step(cls, v: str) -> str:
        if v not in STEP_CATALOGUE:
            raise ValueError(f"unknown step {v!r}; valid: {', '.join(STEP_CATALOGUE)}")
        return v



class Line(Model):
    """The production line: route and stations in order."""

    route: Literal["oxide_tape", "sulphide", "lab_cell"] = Field("oxide_tape", description="Route family: 'oxide_tape' (tape-cast, sintered LLZO), 'sulphide' (dry-room pressed/sprayed separators), 'lab_cell' (die-pressed pellets in a glovebox, as Cao et al. 2023).")
    release_interval: Q("time", gt=0, le=3.2e7, doc="Time between cell starts released into the line.", default="3 min")
    stations: tuple[Station, ...] | None = Field(None, description="Stations in route order; omitted: the route's template (twin.scenario.routes.ROUTE_TEMPLATES).")

    @model_validator(mode="after")
    def _check_route(self) -> "Line":
        if self.stations is None:
            object.__setattr__(self, "stations", tuple(Station(**s) for s in ROUTES[self.route].template))
        _check_names(self.stations)
        _check_steps(self.route, [s.step for s in self.stations])
        for i, s in enumerate(self.stations):
            _check_station(s, [t.name for t in self.stations[:i]])
        return self


def _check_names(stations) -> None:
    names = [s.name for s in stations]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise ValueError(f"station names must be unique; repeated: {dup}")


def _check_steps(route: str, steps: list[str]) -> None:
    needed = ROUTES[route].steps
    missing = [s for s in needed if s not in steps]
    if missing:
        raise ValueError(f"route {route!r} needs stations for steps {missing}")
    order = [steps.index(s) for s in needed]
    if order != sorted(order):
        raise ValueError(f"route {route!r} needs its steps in the order {list(needed)}")
    if steps[-1] != "eol_test":
        raise ValueError("the last station must be the end-of-line test (step eol_test)")
    for i, s in enumerate(steps):
        missing = [r for r in STEP_CATALOGUE[s].requires if r not in steps[:i]]
        if missing:
            raise ValueError(f"the {s} step needs an earlier station applying {missing}")


def _check_station(s: Station, earlier: list[str]) -> None:
    info = STEP_CATALOGUE[s.step]
    if s.rework_to is not None:
        if not info.gate:
            raise ValueError(f"station {s.name!r}: only gate stations ({', '.join(_gates())}) send items to rework")
        if s.rework_to not in earlier:
            raise ValueError(f"station {s.name!r}: rework_to must name an earlier station, one of {earlier}")
    if s.downtime_every is not None and s.downtime_duration >= s.downtime_every:
        raise ValueError(f"station {s.name!r}: downtime_duration must be shorter than downtime_every")
    _check_rework_can_finish(s)
    if info.kind == "furnace" and s.kind != "furnace":
        raise ValueError(f"station {s.name!r}: the {s.step} step needs kind: furnace")
    if s.kind == "furnace" and info.kind != "furnace":
        raise ValueError(f"station {s.name!r}: only batch steps ({', '.join(_furnace_steps())}) run in a furnace")


def _gates() -> list[str]:
    return [k for k, v in STEP_CATALOGUE.items() if v.gate]


def _furnace_steps() -> list[str]:
    return [k for k, v in STEP_CATALOGUE.items() if v.kind == "furnace"]


#: most attempts a job may need on average before it escapes the breakdowns (rework policy)
MAX_EXPECTED_ATTEMPTS = 100.0


def _check_rework_can_finish(s: Station) -> None:
    """With on_failure: rework, a job restarts after every breakdown: it finishes only if it outlasts the
    exponential time between failures, on average after exp(t / mtbf) attempts."""
    if s.mtbf is None or s.on_failure != "rework" or s.kind == "furnace":
        return
    t = location(s.process_time) + s.setup_time
    if t / s.mtbf > math.log(MAX_EXPECTED_ATTEMPTS):
        raise ValueError(f"station {s.name!r}: a {t:g} s job on machines that break down every {s.mtbf:g} s on "
                         f"average restarts exp({t / s.mtbf:.3g}) times before it finishes under on_failure: rework; "
                         "raise mtbf, shorten the job, or scrap on failure")
