"""Pydantic field types for SI quantities that may be distributions.

``Q("length", gt=0, doc="...")`` is a field type accepting ``"25 um"``, a bare
number in SI, or a distribution mapping (see :mod:`twin.distributions`), and
storing a float [SI] or a :class:`~twin.distributions.Distribution`. The
dimension and bounds are checked at load; the metadata feeds the generated
scenario reference (``docs/scenario_reference.md``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from .distributions import Distribution, location, parse_distribution
from .units import UnitError, si_unit, to_si

__all__ = ["Q", "QSpec"]


@dataclass(frozen=True)
class QSpec:
    kind: str
    gt: float | None = None
    ge: float | None = None
    lt: float | None = None
    le: float | None = None
    distributions: bool = True
    optional: bool = False

    @property
    def unit(self) -> str:
        return si_unit(self.kind)

    def bounds_text(self) -> str:
        parts = []
        if self.gt is not None:
            parts.append(f"> {self.gt:g}")
        if self.ge is not None:
            parts.append(f">= {self.ge:g}")
        if self.lt is not None:
            parts.append(f"< {self.lt:g}")
        if self.le is not None:
            parts.append(f"<= {self.le:g}")
        return " and ".join(parts)

    def _check_value(self, x: float, what: str) -> None:
        bad = (
            (self.gt is not None and not x > self.gt)
            or (self.ge is not None and not x >= self.ge)
            or (self.lt is not None and not x < self.lt)
            or (self.le is not None and not x <= self.le)
        )
        if bad:
            raise ValueError(f"{what} {x:g} {self.unit} is out of range: must be {self.bounds_text()} {self.unit}")

    def check_distribution(self, d: Distribution) -> None:
        """Raise ``ValueError`` unless the distribution's centre and the values it can draw lie in the bounds."""
        self._check_value(location(d), "central value")
        lo, hi = d.bounds()
        if d.dist == "normal":
            m, s = d.p("mean"), d.p("sd")
            try:
                self._check_value(m - 5 * s, "mean - 5 sd =")
                self._check_value(m + 5 * s, "mean + 5 sd =")
            except ValueError as exc:
                raise ValueError(f"{exc}; a normal this wide gives unphysical draws, use truncnormal with low/high") from None
            return
        for x, w in ((lo, "lower end of the distribution"), (hi, "upper end of the distribution")):
            if d.dist == "lognormal" and x == 0.0 and (self.gt == 0.0 or self.ge == 0.0):
                continue  # lognormal draws are > 0
            if math.isfinite(x):
                self._check_value(x, w)

    def __call__(self, v: Any) -> float | Distribution | None:
        if v is None and self.optional:
            return None
        if isinstance(v, Distribution):
            return v
        if isinstance(v, dict):
            if not self.distributions:
                raise ValueError("this setting must be a single value, not a distribution")
            d = parse_distribution(v, self.kind)
            if d.dist == "fixed":
                self._check_value(d.p("value"), "value")
                return d.p("value")
            self.check_distribution(d)
            return d
        try:
            x = to_si(v, self.kind)
        except UnitError as exc:
            raise ValueError(str(exc)) from None
        self._check_value(x, "value")
        return x


def Q(kind: str, *, gt=None, ge=None, lt=None, le=None, distributions: bool = True, doc: str = "", default: Any = ...):
    """Annotated field type for a quantity of dimension ``kind`` (see twin.units.DIMENSIONS)."""
    spec = QSpec(kind, gt, ge, lt, le, distributions, optional=default is None)
    field = Field(default, description=doc, json_schema_extra={"unit": spec.unit, "kind": kind, "bounds": spec.bounds_text(), "distribution": distributions})
    return Annotated[Any, BeforeValidator(spec), spec, field]
