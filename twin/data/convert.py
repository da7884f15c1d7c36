"""Numbers and units of data cells: parse, check the dimension, convert to SI.

Units are read by :func:`twin.scenario.units.to_si` (pint lives there). A
unit is converted once per file, not once per row: ``to_si`` of 0 and of 1 in
that unit give the offset and the scale of an affine map ``si = offset +
scale * value``, exact for linear units and for the offset temperature units
(degC, degF). Composite dimensions (:data:`~twin.data.vocabulary.COMPOSITE_KINDS`)
are checked by multiplying with their SI factor unit.
"""

from __future__ import annotations

import math
import re

from ..errors import UnitError
from ..scenario.units import to_si
from .problems import quote
from .vocabulary import COMPOSITE_KINDS, kind_label, si_unit_of_kind

__all__ = ["parse_number", "UnitConverter"]

_HAS_DIMENSION = re.compile(r"has dimension (.*?), expected")


def parse_number(text: str) -> tuple[float | None, str | None]:
    """Read a finite number from a cell.

    Parameters
    ----------
    text : str
        The cell's text (already stripped).

    Returns
    -------
    (float or None, str or None)
        The number and None, or None and what is wrong with the text.
    """
    if text == "":
        return None, "is empty: expected a number"
    try:
        x = float(text)
    except ValueError:
        hint = " (put the unit in its own column)" if re.match(r"^\s*[-+]?[\d.]", text) else ""
        return None, f"{quote(text)} is not a number{hint}"
    if not math.isfinite(x):
        return None, f"{quote(text)} is not a finite number"
    return x, None


class UnitConverter:
    """Affine SI conversions per (unit, dimension), computed once and cached."""

    def __init__(self):
        self._cache: dict[tuple[str, str], tuple[float, float] | str] = {}

    def affine(self, unit: str, kind: str) -> tuple[float, float] | str:
        """``(offset, scale)`` with ``si = offset + scale * value``, or a message saying what is wrong.

        Parameters
        ----------
        unit : str
            A pint-readable unit string ("mA/cm^2", "degC", "%", "1").
        kind : str
            A dimension name: a key of ``twin.scenario.units.DIMENSIONS`` or of
            :data:`~twin.data.vocabulary.COMPOSITE_KINDS`.
        """
        key = (unit, kind)
        if key not in self._cache:
            self._cache[key] = self._compute(unit, kind)
        return self._cache[key]

    def _compute(self, unit: str, kind: str) -> tuple[float, float] | str:
        si = si_unit_of_kind(kind)
        if not unit:
            return f"no unit given: expected a unit of {kind_label(kind)} (SI unit {si}; '1' if dimensionless)"
        if kind in COMPOSITE_KINDS:
            base, factor, _ = COMPOSITE_KINDS[kind]
            expr, check = f"({unit}) * ({factor})", base
        else:
            expr, check = unit, kind
        try:
            a = to_si(f"0 {expr}", check)
            b = to_si(f"1 {expr}", check)
        except UnitError as e:
            m = _HAS_DIMENSION.search(e.message)
            if m and kind not in COMPOSITE_KINDS:
                return f"{quote(unit)} has dimension {m.group(1)}, expected {kind_label(kind)} (SI unit {si})"
            if m:
                return f"{quote(unit)} is not a unit of {kind_label(kind)} (SI unit {si})"
            return f"unknown unit {quote(unit)}: expected a pint unit of {kind_label(kind)} (SI unit {si})"
        return a, b - a

    def to_si(self, value: float, unit: str, kind: str, *, difference: bool = False) -> float:
        """One value in SI (the unit must have been checked with :meth:`affine`).

        Parameters
        ----------
        value : float
            The number in ``unit``.
        unit, kind : str
            As for :meth:`affine`.
        difference : bool
            A spread or uncertainty: scale only, no offset (1 degC of spread is 1 K).
        """
        a, s = self.affine(unit, kind)
        return s * value if difference else a + s * value
