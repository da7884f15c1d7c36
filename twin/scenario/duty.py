"""The duty each finished cell is put through: a formation protocol (the end-of-line test) and an optional cycling block.

Steps are PyBaMM-style strings (:mod:`twin.scenario.protocol`)::

    duty:
      temperature: 25 degC
      formation:
        - Charge at C/20 until 4.3 V
        - Rest for 1 hour
        - Discharge at C/20 until 2.5 V
      cycling:
        repeat: 100
        steps:
          - Charge at C/3 until 4.3 V
          - Discharge at C/3 until 2.5 V

A C-rate is a multiple of the cell's nominal capacity (the cathode's
practical capacity, NMC811 200 mAh/g as in Cao et al. 2023) per hour. The
end-of-line decision is taken on the formation protocol; the cycling block
gives the field-life estimate (cycles to failure, fade).
"""

from __future__ import annotations

from pydantic import Field, model_validator

from .process import Model
from .protocol import ProtocolSteps
from .quantity import Q

__all__ = ["Duty", "Cycling", "DEFAULT_FORMATION", "check_duty_window"]

#: formation when a scenario gives none [assumed]: a C/10 charge-rest-discharge, a common first-cycle protocol
DEFAULT_FORMATION = ("Charge at C/10 until 4.3 V", "Rest for 1 hour", "Discharge at C/10 until 2.5 V")


class Cycling(Model):
    """A block of steps repeated ``repeat`` times after formation (one repeat = one cycle)."""

    steps: ProtocolSteps = Field(description="Steps of one cycle, e.g. ['Charge at C/3 until 4.3 V', 'Discharge at C/3 until 2.5 V'].")
    repeat: int = Field(100, ge=1, le=100_000, description="Number of cycles.")
    end_of_life_retention: Q("dimensionless", distributions=False, gt=0, lt=1, doc="A cycled cell has failed when a cycle's discharge capacity falls below this fraction of its first cycle's.", default=0.80)

    @model_validator(mode="after")
    def _has_discharge(self) -> "Cycling":
        if not any(s.kind == "discharge" for s in self.steps):
            raise ValueError("a cycle needs a 'Discharge at ...' step (cycles are counted by their discharges)")
        return self


class Duty(Model):
    """End-of-line test (formation) and field duty (cycling) of every finished cell."""

    temperature: Q("temperature", distributions=False, gt=200, lt=450, doc="Test temperature.", default="25 degC")
    current_scale: Q("dimensionless", distributions=False, gt=0, le=100, doc="Multiplies every current of the protocol (formation and cycling); sweep it to map failure against current density.", default=1.0)
    formation: ProtocolSteps = Field(DEFAULT_FORMATION, description="Formation protocol run at the end-of-line test; the end-of-line decision uses it.")
    cycling: Cycling | None = Field(None, description="Optional cycling block after formation (field-life estimate).")

    @model_validator(mode="after")
    def _formation_charges_and_discharges(self) -> "Duty":
        kinds = {s.kind for s in self.formation}
        if "charge" not in kinds or "discharge" not in kinds:
            raise ValueError("formation needs a 'Charge at ...' and a 'Discharge at ...' step: the end-of-line test "
                             "measures the capacity the cell gives back")
        return self


def check_duty_window(duty: Duty, v_min: float, v_max: float) -> list[tuple[tuple, str]]:
    """Steps whose voltage limits the cathode cannot reach: (path, message) pairs.

    A charge must stop above the cathode's discharged voltage ``v_min`` [V]
    and at most 0.2 V above its charged voltage ``v_max`` [V]; a discharge
    must stop below ``v_max`` and at most 0.5 V below ``v_min``.
    """
    blocks = [(("duty", "formation"), duty.formation)]
    if duty.cycling is not None:
        blocks.append((("duty", "cycling", "steps"), duty.cycling.steps))
    out = []
    for path, steps in blocks:
        for i, s in enumerate(steps):
            bad = _window_problem(s, v_min, v_max)
            if bad:
                out.append((path + (i,), f"{s.text!r}: {bad}"))
    return out


def _window_problem(step, v_min: float, v_max: float) -> str:
    v = step.voltage
    if v is None:
        return ""
    if step.kind in ("charge", "hold") and not (v_min < v <= v_max + 0.2):
        return f"a charge must stop between {v_min:g} V and {v_max + 0.2:g} V for this cathode"
    if step.kind == "discharge" and not (v_min - 0.5 <= v < v_max):
        return f"a discharge must stop between {v_min - 0.5:g} V and {v_max:g} V for this cathode"
    return ""
