"""Cycling-protocol steps in the PyBaMM experiment-string style, read at the YAML boundary.

A protocol is a list of step strings such as::

    - Charge at C/20 until 4.3 V
    - Hold at 4.3 V until C/50
    - Rest for 1 hour
    - Discharge at 0.2 mA/cm2 for 10 hours or until 3.0 V

:func:`parse_step` reads one into a frozen :class:`ProtocolStep` holding SI
floats; :func:`parse_protocol` reads a list; :data:`ProtocolSteps` is the
pydantic field type of the scenario schema (a YAML list of strings in, the same
list of strings out).

Grammar (case-insensitive, runs of whitespace count as one space)::

    Charge|Discharge at <current> until <voltage>
    Charge|Discharge at <current> for <duration> [or] [until <voltage>]
    Rest for <duration>
    Hold at <voltage> [for <duration> [or]] until <current>

``<current>`` is a C-rate (``C/20``, ``0.05C``, ``2 C``), a current per area
(``0.2 mA/cm2``, ``0.2 mA/cm^2``, ``0.2 mA cm-2``, ``2 A/m2``) or an absolute
current (``0.063 mA``, ``1 A``, ``63 uA``); ``<voltage>`` is ``4.3 V`` or
``4300 mV``; ``<duration>`` is any time pint reads (``1 hour``, ``30 min``,
``2 h``, ``90 s``). Units are case-insensitive too, so ``MA`` is read as
milliampere (a cell protocol has no megaampere). Currents are magnitudes: the
sign comes from the step's kind.

The step is split into words and keyword clauses (``at``, ``for``, ``or``,
``until``) by plain string operations; each value is then matched by a short
anchored regular expression without nested quantifiers, so reading is linear in
the length of the string, which is at most :data:`MAX_STEP_CHARS` characters
(checked before anything else).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Annotated, Any

import numpy as np
from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

from ..errors import ProtocolError
from .units import UnitError, to_si

__all__ = ["MAX_STEPS", "MAX_STEP_CHARS", "ProtocolError", "ProtocolStep", "ProtocolSteps", "parse_protocol", "parse_step"]

#: Longest step string read [characters]; longer ones are refused unread.
MAX_STEP_CHARS = 200
#: Most steps in one protocol.
MAX_STEPS = 1000
#: Largest C-rate accepted [h-1].
MAX_C_RATE = 100.0
#: Voltages must be below this [V].
MAX_VOLTAGE = 10.0
#: Longest duration accepted [s]: 10 Julian years.
MAX_DURATION = 10 * 365.25 * 86400.0

KINDS = ("charge", "discharge", "rest", "hold")

#: Absolute current units [A per unit]: units.DIMENSIONS has no bare current,
#: so absolute currents are read by this table (``µA``/``μA`` are ``uA``).
AMPERES = {"a": 1.0, "ma": 1e-3, "ua": 1e-6, "µa": 1e-6, "μa": 1e-6, "na": 1e-9}
#: Voltage units [V per unit]: units.DIMENSIONS has no voltage.
VOLTS = {"v": 1.0, "mv": 1e-3}
#: pint spelling of each current unit, for per-area currents read by to_si.
_PINT_AMPERE = {"a": "A", "ma": "mA", "ua": "uA", "µa": "uA", "μa": "uA", "na": "nA"}

_FORMS = ("expected 'Charge|Discharge at <current> [for <duration>] [or] [until <voltage>]', "
          "'Rest for <duration>' or 'Hold at <voltage> [for <duration> or] until <current>'; "
          "a current is 'C/20', '0.5C', '0.2 mA/cm2' or '0.063 mA'; "
          "a voltage is '4.3 V' or '4300 mV'; a duration is '2 hours', '30 min' or '90 s'")

_NUM = r"(?P<num>[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:e[-+]?[0-9]+)?|[-+]?(?:nan|inf(?:inity)?))"
_AMP = r"(?P<amp>a|ma|ua|µa|μa|na)"
_AREA = r"(?P<area>cm|mm|m)"
_C_OVER = re.compile(r"c ?/ ?" + _NUM)
_C_TIMES = re.compile(_NUM + r" ?c")
_PER_AREA = re.compile(_NUM + " ?" + _AMP + r"(?: ?/ ?" + _AREA + r"(?:\^?2|\*\*2|²)| ?" + _AREA.replace("area", "area2")
                       + r"(?:\^?-2|\*\*-2|⁻²))")
_ABSOLUTE = re.compile(_NUM + " ?" + _AMP)
_VOLTAGE = re.compile(_NUM + r" ?(?P<unit>v|mv)")
_DURATION = re.compile(_NUM + r" ?(?P<unit>[a-z]+)")

_KEYWORDS = frozenset({"at", "for", "or", "until"})
_CHARGE_FORMS = {("at", "until"), ("at", "for"), ("at", "for", "until"), ("at", "for", "or", "until")}
_FORMS_OF = {"charge": _CHARGE_FORMS, "discharge": _CHARGE_FORMS, "rest": {("for",)},
             "hold": {("at", "until"), ("at", "for", "until"), ("at", "for", "or", "until")}}

#: What each clause of each kind of step gives: a duration, a voltage, a current
#: ("" prefix: the step's current; "end_": the current that ends a hold), or nothing ("or").
_ROLES = {
    **{(k, kw): role for k in ("charge", "discharge")
       for kw, role in (("at", ""), ("for", "duration"), ("until", "voltage"), ("or", None))},
    ("rest", "for"): "duration",
    ("hold", "at"): "voltage", ("hold", "for"): "duration", ("hold", "until"): "end_", ("hold", "or"): None,
}


@dataclass(frozen=True)
class ProtocolStep:
    """One step of a cycling protocol, in SI.

    Exactly one of ``c_rate``, ``current_density``, ``current`` is set for a
    charge or discharge, none for a rest or hold; exactly one of the ``end_*``
    fields is set for a hold, none otherwise. Currents are magnitudes (> 0).

    Attributes
    ----------
    kind : str
        ``"charge"``, ``"discharge"``, ``"rest"`` or ``"hold"``.
    text : str
        The step string as written, stripped (what the step serialises back to).
    c_rate : float or None
        Current as a C-rate [h-1] (``C/20`` -> 0.05).
    current_density : float or None
        Current per cell area [A m-2] (``0.2 mA/cm2`` -> 2.0).
    current : float or None
        Absolute current [A] (``0.063 mA`` -> 6.3e-5).
    voltage : float or None
        Cut-off voltage of a charge or discharge, or the held voltage of a hold [V].
    duration : float or None
        Duration of a rest, or the longest a charge, discharge or hold may last [s].
    end_c_rate, end_current_density, end_current : float or None
        Hold only: the current that ends the hold, as a C-rate [h-1], per area
        [A m-2] or absolute [A].
    """

    kind: str
    text: str
    c_rate: float | None = None
    current_density: float | None = None
    current: float | None = None
    voltage: float | None = None
    duration: float | None = None
    end_c_rate: float | None = None
    end_current_density: float | None = None
    end_current: float | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ProtocolError(f"unknown kind of protocol step {self.kind!r}; valid: {', '.join(KINDS)}")

    def current_density_for(self, nominal_capacity: Any, cell_area: Any) -> float | np.ndarray:
        """Current per area of a charge or discharge [A m-2], whichever way it was given.

        Parameters
        ----------
        nominal_capacity : float or array_like
            Nominal areal capacity of the cell(s) [C m-2]; used by a C-rate.
        cell_area : float or array_like
            Active cell area(s) [m2], > 0; used by an absolute current.

        Returns
        -------
        float or numpy.ndarray
            ``nominal_capacity * c_rate / 3600``, ``current_density`` or
            ``current / cell_area`` [A m-2], broadcast to the shape of the two
            inputs (a float if both are scalars); 0 for a rest.

        Raises
        ------
        ProtocolError
            For a hold, which is voltage-controlled (see :meth:`end_current_density_for`).
        """
        if self.kind == "hold":
            raise ProtocolError(f"{self.text!r} is a voltage hold: it has no set current, only an end current")
        return _density(self.c_rate, self.current_density, self.current, nominal_capacity, cell_area)

    def end_current_density_for(self, nominal_capacity: Any, cell_area: Any) -> float | np.ndarray:
        """Current per area that ends a hold [A m-2], whichever way it was given.

        Arguments and broadcasting as in :meth:`current_density_for`; raises
        :class:`ProtocolError` for a step other than a hold.
        """
        if self.kind != "hold":
            raise ProtocolError(f"{self.text!r} is not a hold: it has no end current")
        return _density(self.end_c_rate, self.end_current_density, self.end_current, nominal_capacity, cell_area)


def _density(c_rate: float | None, density: float | None, current: float | None,
             nominal_capacity: Any, cell_area: Any) -> float | np.ndarray:
    """Current per area [A m-2] from a C-rate [h-1], a current density [A m-2] or a current [A]; 0 if none."""
    q = np.asarray(nominal_capacity, dtype=float)
    area = np.asarray(cell_area, dtype=float)
    shape = np.broadcast_shapes(q.shape, area.shape)
    if c_rate is not None:
        out = np.broadcast_to(q * (c_rate / 3600.0), shape)
    elif density is not None:
        out = np.full(shape, density)
    elif current is not None:
        out = np.broadcast_to(current / area, shape)
    else:
        out = np.zeros(shape)
    return float(out) if out.ndim == 0 else np.array(out)


def _cannot_read(text: str, detail: str = "") -> ProtocolError:
    """The error for a string that does not match the grammar (``detail``: which part failed)."""
    return ProtocolError(f"cannot read {text!r}: {_FORMS}" + (f" ({detail})" if detail else ""))


def _number(m: re.Match, what: str, value: str, text: str) -> float:
    """The finite, positive number of a value match [the value's own unit]."""
    x = float(m.group("num"))
    if not math.isfinite(x):
        raise ProtocolError(f"in {text!r}: the {what} {value!r} is not a finite number")
    if not x > 0:
        raise ProtocolError(f"in {text!r}: the {what} {value!r} must be > 0")
    return x


def _current(value: str, low: str, text: str) -> tuple[str, float]:
    """Read a current: (``"c_rate"`` [h-1] | ``"current_density"`` [A m-2] | ``"current"`` [A], value)."""
    if m := _C_OVER.fullmatch(low):
        rate = 1.0 / _number(m, "C-rate divisor", value, text)
    elif m := _C_TIMES.fullmatch(low):
        rate = _number(m, "C-rate", value, text)
    elif m := _PER_AREA.fullmatch(low):
        x = _number(m, "current", value, text)
        area = m.group("area") or m.group("area2")
        try:
            density = to_si(f"{x!r} {_PINT_AMPERE[m.group('amp')]}/{area}^2", "current_density")
        except UnitError:
            density = math.inf  # the only failure left: overflow to inf
        if not (math.isfinite(density) and density > 0):
            raise ProtocolError(f"in {text!r}: the current {value!r} is not a finite number > 0 in A m-2")
        return "current_density", density
    elif m := _ABSOLUTE.fullmatch(low):
        amperes = _number(m, "current", value, text) * AMPERES[m.group("amp")]
        if not (math.isfinite(amperes) and amperes > 0):
            raise ProtocolError(f"in {text!r}: the current {value!r} is not a finite number > 0 in A")
        return "current", amperes
    else:
        raise _cannot_read(text, f"{value!r} is not a current")
    if not (math.isfinite(rate) and 0 < rate <= MAX_C_RATE):
        raise ProtocolError(f"in {text!r}: the C-rate {value!r} = {rate:g} h-1 is out of range: must be > 0 and <= {MAX_C_RATE:g}C")
    return "c_rate", rate


def _voltage(value: str, low: str, text: str) -> float:
    """Read a voltage [V], > 0 and below :data:`MAX_VOLTAGE`."""
    m = _VOLTAGE.fullmatch(low)
    if m is None:
        raise _cannot_read(text, f"{value!r} is not a voltage")
    volts = _number(m, "voltage", value, text) * VOLTS[m.group("unit")]
    if not (volts > 0 and volts < MAX_VOLTAGE):
        raise ProtocolError(f"in {text!r}: the voltage {value!r} is out of range: must be > 0 and < {MAX_VOLTAGE:g} V")
    return volts


def _duration(value: str, low: str, text: str) -> float:
    """Read a duration [s] (any pint time unit), > 0 and at most :data:`MAX_DURATION`."""
    m = _DURATION.fullmatch(low)
    if m is None:
        raise _cannot_read(text, f"{value!r} is not a duration")
    x = _number(m, "duration", value, text)
    try:
        seconds = x * to_si(f"1 {m.group('unit')}", "time")  # the unit alone: a huge x is out of range, not "not a time"
    except UnitError:
        raise ProtocolError(f"in {text!r}: the duration {value!r} is not a time: use a time unit such as "
                            "'s', 'min', 'h' or 'days' ('m' is metre)") from None
    if not (seconds > 0 and seconds <= MAX_DURATION):
        raise ProtocolError(f"in {text!r}: the duration {value!r} is out of range: must be > 0 and at most 10 years")
    return seconds


def _clauses(words: list[str], text: str) -> list[tuple[str, str, str]]:
    """Split the words after the verb into (keyword, value as written, value lower-cased) clauses."""
    clauses: list[tuple[str, list[str]]] = []
    for word in words:
        if word.lower() in _KEYWORDS:
            clauses.append((word.lower(), []))
        elif clauses:
            clauses[-1][1].append(word)
        else:
            raise _cannot_read(text)
    out = []
    for keyword, value in clauses:
        if bool(value) == (keyword == "or"):
            raise _cannot_read(text)
        joined = " ".join(value)
        out.append((keyword, joined, joined.lower()))
    return out


def _check_form(kind: str, keywords: tuple[str, ...], text: str) -> None:
    """Raise unless the clause keywords make an accepted form for this kind of step."""
    if keywords in _FORMS_OF[kind]:
        return
    if kind in ("charge", "discharge") and keywords == ("at",):
        raise ProtocolError(f"{text!r}: a {kind} needs 'until <voltage>' or 'for <duration>'")
    if kind == "hold" and keywords in (("at",), ("at", "for")):
        raise ProtocolError(f"{text!r}: a hold needs 'until <current>' (e.g. 'until C/50')")
    raise _cannot_read(text)


def parse_step(text: Any) -> ProtocolStep:
    """Read one protocol step string.

    Parameters
    ----------
    text : str
        A step such as ``"Charge at C/20 until 4.3 V"`` (see the module docstring
        for the grammar), at most :data:`MAX_STEP_CHARS` characters.

    Returns
    -------
    ProtocolStep
        The step, every value in SI (C-rate [h-1], current density [A m-2],
        current [A], voltage [V], duration [s]).

    Raises
    ------
    ProtocolError
        Not a string, empty, too long, not in the grammar, or a value that is
        not finite, not positive or out of range; the message quotes the string.
    """
    if not isinstance(text, str):
        raise ProtocolError(f"a protocol step must be a string such as 'Rest for 1 hour', got {type(text).__name__}")
    if len(text) > MAX_STEP_CHARS:
        raise ProtocolError(f"a protocol step must be at most {MAX_STEP_CHARS} characters, got {len(text)}: {text[:40]!r}...")
    stripped = text.strip()
    words = stripped.split()
    if not words:
        raise ProtocolError("a protocol step must not be empty: expected e.g. 'Charge at C/20 until 4.3 V' or 'Rest for 1 hour'")
    kind = words[0].lower()
    if kind not in KINDS:
        raise _cannot_read(stripped, f"a step starts with Charge, Discharge, Rest or Hold, not {words[0]!r}")
    clauses = _clauses(words[1:], stripped)
    _check_form(kind, tuple(keyword for keyword, _, _ in clauses), stripped)
    fields: dict[str, float] = {}
    for keyword, value, low in clauses:
        role = _ROLES[kind, keyword]
        if role == "duration":
            fields["duration"] = _duration(value, low, stripped)
        elif role == "voltage":
            fields["voltage"] = _voltage(value, low, stripped)
        elif role is not None:
            name, x = _current(value, low, stripped)
            fields[role + name] = x
    return ProtocolStep(kind=kind, text=stripped, **fields)


def parse_protocol(steps: Any) -> tuple[ProtocolStep, ...]:
    """Read a list of protocol step strings.

    Parameters
    ----------
    steps : list of str
        The steps in order, 1 to :data:`MAX_STEPS` of them; an item may also be
        a :class:`ProtocolStep` already read (kept as it is).

    Returns
    -------
    tuple of ProtocolStep
        The steps in SI (see :func:`parse_step`).

    Raises
    ------
    ProtocolError
        Not a list, empty, too long, or a step that cannot be read; the message
        of a bad step starts with its index (counting from 0, as in the YAML
        path ``protocol[2]``).
    """
    if not isinstance(steps, (list, tuple)):
        raise ProtocolError(f"a protocol must be a list of step strings such as ['Rest for 1 hour'], got {type(steps).__name__}")
    if not steps:
        raise ProtocolError("a protocol must have at least one step")
    if len(steps) > MAX_STEPS:
        raise ProtocolError(f"a protocol must have at most {MAX_STEPS} steps, got {len(steps)}")
    out = []
    for i, step in enumerate(steps):
        if isinstance(step, ProtocolStep):
            out.append(step)
            continue
        try:
            out.append(parse_step(step))
        except ProtocolError as exc:
            raise ProtocolError(f"step {i}: {exc.message}") from None
    return tuple(out)


def _serialise(steps: tuple[ProtocolStep, ...]) -> list[str]:
    """The step strings as written (what :func:`parse_protocol` reads back)."""
    return [step.text for step in steps]


#: Pydantic field type of a protocol: a YAML list of step strings in, the tuple
#: of :class:`ProtocolStep` inside, the list of strings out again.
ProtocolSteps = Annotated[
    tuple[ProtocolStep, ...],
    BeforeValidator(parse_protocol),
    PlainSerializer(_serialise, return_type=list[str]),
    WithJsonSchema({"type": "array", "items": {"type": "string", "maxLength": MAX_STEP_CHARS},
                    "minItems": 1, "maxItems": MAX_STEPS,
                    "description": "Cycling-protocol steps, e.g. 'Charge at C/20 until 4.3 V', 'Rest for 1 hour'."}),
]
