"""Ramp-up: a line early in production has wider process scatter and more defects than in steady state.

``ramp_up: {params: ffb-2024, time_in_production: "1 year"}`` makes the
scenario the line as it runs that long after the start of production: every
process distribution's spread and the cells' interface scatter are
multiplied by the scatter multiplier ``k(t)``, every machine's mean time
between failures divided by the scrap multiplier ``m(t)``, the steps raise
their defect probabilities (cracks, pinholes) from ``p`` to
``1 - (1 - p)^m(t)``, and the end-of-line test scraps the line's immaturity
on top (handling, contamination, set-up faults a steady-state process model
does not carry: ``1 - (1 - s(t))/(1 - s_inf)``, failure mode
``ramp_up_defect``)
(:mod:`process_models.ramp_up`: fitted to the FFB/PEM and Porsche scrap
anchors, 30 % at the start of production falling to 5-12 % in steady state).
Sweep ``ramp_up.time_in_production`` for a ramp-up curve.
"""

from __future__ import annotations

from pydantic import BaseModel, Field, field_validator

from .distributions import Distribution
from .process import Model
from .quantity import Q

__all__ = ["RampUp", "ramped", "multipliers", "excess_scrap"]


class RampUp(Model):
    """Where the line is on its ramp-up curve."""

    params: str = Field("none", description="Ramp-up set (process_models.ramp_up.RAMP_UP_PARAMETERS): 'none' (steady state), 'ffb-2024' (time), 'wright-ffb-2024' (cumulative output).")
    time_in_production: Q("time", distributions=False, ge=0, le=1.6e9, doc="Time since the start of production (the ramp-up's clock; for an output-based set, the plant's cumulative output is taken at its nameplate rate).", default="0 s")

    @field_validator("params")
    @classmethod
    def _known(cls, v: str) -> str:
        from process_models.ramp_up import RAMP_UP_PARAMETERS

        if v not in RAMP_UP_PARAMETERS:
            raise ValueError(f"unknown ramp-up set {v!r}; valid: {', '.join(sorted(RAMP_UP_PARAMETERS))}")
        return v


def multipliers(scenario) -> tuple[float, float]:
    """(scrap multiplier m, scatter multiplier k) of the scenario's ramp-up state (1, 1 in steady state)."""
    from process_models import ramp_up

    if scenario.ramp_up.params == "none":
        return 1.0, 1.0
    x, p = _clock(scenario)
    return float(ramp_up.scrap_multiplier(x, params=p)), float(ramp_up.scatter_multiplier(x, params=p))


def _clock(scenario) -> tuple[float, object]:
    """(ramp-up clock value: time [s] or cumulative output [J], the ramp-up set)."""
    from process_models import plant, ramp_up

    r = scenario.ramp_up
    p = ramp_up.get_ramp_up_params(r.params)
    x = float(r.time_in_production)
    if p.basis != "time":  # cumulative output at the plant's nameplate rate [J]
        x *= plant.get_plant_parameters(scenario.plant.params).capacity / plant.YEAR
    return x, p


def excess_scrap(scenario) -> float:
    """Probability that an item is scrapped for the line's immaturity, beyond its steady-state process (0: steady)."""
    from process_models import ramp_up

    if scenario.ramp_up.params == "none":
        return 0.0
    x, p = _clock(scenario)
    return float(ramp_up.excess_scrap(x, params=p))


def _widen(model: BaseModel, k: float) -> BaseModel:
    update = {}
    for name in type(model).model_fields:
        v = getattr(model, name)
        if isinstance(v, Distribution):
            update[name] = v.widened(k)
        elif isinstance(v, BaseModel):
            update[name] = _widen(v, k)
    return model.model_copy(update=update) if update else model


def ramped(scenario):
    """The scenario as its line runs at ``ramp_up.time_in_production`` (itself in steady state)."""
    m, k = multipliers(scenario)
    if m == 1.0 and k == 1.0:
        return scenario
    stations = tuple(s.model_copy(update={"mtbf": s.mtbf / m}) if s.mtbf else s for s in scenario.line.stations)
    return scenario.model_copy(update={"process": _widen(scenario.process, k),
                                       "line": scenario.line.model_copy(update={"stations": stations})})
