"""Unit strings at the YAML boundary, SI floats everywhere else.

Scenario quantities are strings such as ``"25 um"``, ``"1130 degC"``,
``"20 min"``, ``"5 MPa"`` or ``"0.5 mA/cm^2"``, or bare numbers already in the
documented SI unit. :func:`to_si` parses one with pint and returns a float in
SI base units, checking its dimension. pint is used here only; nothing inside
the models sees a unit object.
"""

from __future__ import annotations

import functools
import math
import re

import pint

from ..errors import UnitError

__all__ = ["UnitError", "to_si", "DIMENSIONS", "si_unit"]


@functools.lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    ureg = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
    return ureg


#: Named physical dimensions used by the scenario schema -> (pint dimension
#: string, SI unit printed in messages and on Dataset variables).
DIMENSIONS: dict[str, tuple[str, str]] = {
    "length": ("[length]", "m"),
    "time": ("[time]", "s"),
    "temperature": ("[temperature]", "K"),
    "pressure": ("[mass] / [length] / [time] ** 2", "Pa"),
    "velocity": ("[length] / [time]", "m s-1"),
    "viscosity": ("[mass] / [length] / [time]", "Pa s"),
    "current_density": ("[current] / [length] ** 2", "A m-2"),
    "asr": ("[mass] * [length] ** 4 / [time] ** 3 / [current] ** 2", "ohm m2"),
    "heating_rate": ("[temperature] / [time]", "K s-1"),
    "mass_flow": ("[mass] / [time]", "kg s-1"),
    "areal_capacity": ("[current] * [time] / [length] ** 2", "C m-2"),
    "conductivity": ("[current] ** 2 * [time] ** 3 / [mass] / [length] ** 3", "S m-1"),
    "area": ("[length] ** 2", "m2"),
    "areal_mass": ("[mass] / [length] ** 2", "kg m-2"),
    "line_load": ("[mass] / [time] ** 2", "N m-1"),
    "power": ("[mass] * [length] ** 2 / [time] ** 3", "W"),
    "dimensionless": ("", "1"),
}

_NUMBER = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$")
_OFFSET_UNITS = {"degC": "delta_degC", "degF": "delta_degF", "°C": "delta_degC", "celsius": "delta_degC"}


def si_unit(kind: str) -> str:
    """SI unit string (CF/UDUNITS form) of a named dimension."""
    return DIMENSIONS[kind][1]


def to_si(value: object, kind: str, *, difference: bool = False) -> float:
    """Convert a scenario quantity to a float in SI base units.

    Parameters
    ----------
    value : str or float or int
        ``"12 um"``-style string, or a bare number taken to be in SI already.
    kind : str
        Expected dimension, a key of :data:`DIMENSIONS`.
    difference : bool
        The quantity is a difference or spread (a standard deviation); a
        temperature given in degC then means kelvin of difference, not an
        absolute temperature.

    Returns
    -------
    float
        The value in SI units (see :func:`si_unit`).

    Raises
    ------
    UnitError
        Malformed string, unknown unit, or wrong dimension; the message says
        what was expected.
    """
    dim, unit = DIMENSIONS[kind]
    if isinstance(value, bool):
        raise UnitError(f"expected a quantity in {unit}, got a boolean {value!r}")
    if isinstance(value, (int, float)):
        x = float(value)
    elif isinstance(value, str):
        m = _NUMBER.match(value)
        if not m:
            raise UnitError(f"cannot read quantity {value!r}: expected a number and a unit, e.g. '12 um'")
        number, ustr = float(m.group(1)), m.group(2)
        if not ustr:
            x = number
        else:
            if ustr == "%":
                ustr = "percent"
            if difference and ustr in _OFFSET_UNITS:
                ustr = _OFFSET_UNITS[ustr]
            ureg = registry()
            try:
                q = ureg.Quantity(number, ustr)
            except Exception:
                raise UnitError(f"unknown unit {ustr!r} in {value!r}") from None
            want = ureg.get_dimensionality(dim) if dim else ureg.get_dimensionality("")
            if q.dimensionality != want:
                raise UnitError(
                    f"{value!r} has dimension {_fmt_dim(q.dimensionality)}, "
                    f"expected {kind} (SI unit {unit})"
                )
            x = float(q.to_base_units().magnitude)
    else:
        raise UnitError(f"expected a quantity in {unit} (a string like '12 um' or a number), got {type(value).__name__}")
    if not math.isfinite(x):
        raise UnitError(f"{value!r} is not a finite number")
    return x


def _fmt_dim(d) -> str:
    s = str(d)
    return "dimensionless" if s in ("", "dimensionless") else s
