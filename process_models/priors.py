"""Every numeric parameter of every parameter set, with its unit, status and prior (issue 11).

The parameter sets stay where they are: each module keeps its read-only
registry of frozen dataclasses, each value with its source. This module finds
those registries (every module-level ``Mapping`` of dataclass instances in the
package, so a new registry is seen without being listed here) and joins every
numeric field with its entry in :data:`process_models.prior_table.ENTRIES`:
the unit (SI), the status and a prior whose centre is the current value, so a
run that does not draw parameters is unchanged.

Statuses
--------
``measured``
    A literature value ([read], [seed], [code read], [verify]).
``fitted``
    Fitted or anchored by this project to one or more data points.
``assumed``
    A judgement ([assumed]); its prior is never ``fixed``.
``derived``
    Computed from other values or fixed by a definition: molar masses and
    volumes, reference conditions a value is quoted at, unit conventions,
    normalisations absorbed by a fit, structural zeros (an effect a set does
    not have, e.g. no interphase for an interface that is not co-fired).

Priors
------
``normal``
    ``value`` is the mean and median, ``scale`` the standard deviation [unit].
``lognormal``
    ``value`` is the median, ``scale`` the standard deviation of ``ln x`` [-].
``uniform``
    On ``[low, high]``; ``value`` (the current value) lies inside.
``fixed``
    Exactly ``value``.

Examples
--------
>>> p = get_prior("VOID_PARAMETERS", "default", "refill_efficiency")
>>> p.kind, p.low, p.high
('uniform', 0.2, 1.0)
>>> rows = parameter_table()
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import math
import numbers
import pkgutil
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
from scipy.special import ndtr, ndtri

from . import prior_table, prior_table_cells, prior_table_plant
from .prior_table import STATUSES, Shape, Spec
from .registry import lookup

__all__ = [
    "KINDS", "STATUSES", "Prior", "ParameterInfo", "registries", "numeric_fields", "parameter_table",
    "get_prior", "get_info", "missing_entries", "stale_entries", "ENTRIES",
]

KINDS = ("normal", "lognormal", "uniform", "fixed")


def _merge(*tables: Mapping) -> Mapping:
    out: dict = {}
    for t in tables:
        twice = sorted(set(out) & set(t))
        if twice:
            raise RuntimeError(f"prior table entries given twice: {twice}")
        out.update(t)
    return out


#: every entry of the table, (registry, set or "*", field) -> Spec
ENTRIES: Mapping[tuple[str, str, str], Spec] = MappingProxyType(
    _merge(prior_table.ENTRIES, prior_table_cells.ENTRIES, prior_table_plant.ENTRIES))
_Z95 = 1.959963984540054  # standard-normal 97.5 % quantile: a 95 % interval is median -/+ 1.96 sd


@dataclass(frozen=True)
class Prior:
    """A distribution over the plausible value of one parameter.

    Attributes
    ----------
    kind : {"normal", "lognormal", "uniform", "fixed"}
    value : float
        The parameter's current value [unit]: mean of a normal, median of a
        lognormal, the value of a fixed prior, a point inside a uniform's range.
    scale : float
        Standard deviation [unit] (normal) or of ``ln x`` [-] (lognormal); 0 otherwise.
    low, high : float or None
        Bounds of a uniform prior [unit]; None otherwise.
    basis : str
        One line: where the width comes from.
    """

    kind: str
    value: float
    scale: float = 0.0
    low: float | None = None
    high: float | None = None
    basis: str = ""

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown prior kind {self.kind!r}; valid kinds: {', '.join(KINDS)}")
        if not math.isfinite(self.value):
            raise ValueError(f"prior value must be finite; got {self.value}")
        if self.kind in ("normal", "lognormal") and not (self.scale > 0 and math.isfinite(self.scale)):
            raise ValueError(f"a {self.kind} prior needs a finite scale > 0; got {self.scale}")
        if self.kind == "lognormal" and not self.value > 0:
            raise ValueError(f"a lognormal prior needs a median > 0; got {self.value}")
        if self.kind == "uniform" and not (self.low is not None and self.high is not None
                                           and self.low < self.high and self.low <= self.value <= self.high):
            raise ValueError(f"a uniform prior needs low < high with the value inside; got "
                             f"[{self.low}, {self.high}] and {self.value}")

    @property
    def median(self) -> float:
        """Median of the distribution [unit] (the value itself except for a uniform prior)."""
        return 0.5 * (self.low + self.high) if self.kind == "uniform" else self.value

    def ppf(self, u) -> np.ndarray:
        """Quantile function: the value below which a fraction ``u`` of the prior lies [unit]."""
        u = np.asarray(u, dtype=float)
        if np.any((u < 0) | (u > 1) | np.isnan(u)):
            raise ValueError("ppf needs probabilities in [0, 1]")
        if self.kind == "normal":
            return self.value + self.scale * ndtri(u)
        if self.kind == "lognormal":
            return self.value * np.exp(self.scale * ndtri(u))
        if self.kind == "uniform":
            return self.low + (self.high - self.low) * u
        return np.full(u.shape, self.value)

    def cdf(self, x) -> np.ndarray:
        """Fraction of the prior at or below ``x`` [-]."""
        x = np.asarray(x, dtype=float)
        if self.kind == "normal":
            return ndtr((x - self.value) / self.scale)
        if self.kind == "lognormal":
            with np.errstate(divide="ignore"):
                return np.where(x > 0, ndtr(np.log(np.maximum(x, 0.0) / self.value) / self.scale), 0.0)
        if self.kind == "uniform":
            return np.clip((x - self.low) / (self.high - self.low), 0.0, 1.0)
        return (x >= self.value).astype(float)

    def sample(self, rng, n: int) -> np.ndarray:
        """``n`` independent draws [unit]; ``rng`` is a ``numpy.random.Generator`` or a seed."""
        rng = np.random.default_rng(rng)
        if self.kind == "normal":
            return rng.normal(self.value, self.scale, n)
        if self.kind == "lognormal":
            return rng.lognormal(math.log(self.value), self.scale, n)
        if self.kind == "uniform":
            return rng.uniform(self.low, self.high, n)
        return np.full(n, self.value)

    def interval(self, level: float = 0.95) -> tuple[float, float]:
        """Central interval holding ``level`` of the prior [unit]."""
        lo, hi = self.ppf([(1 - level) / 2, (1 + level) / 2])
        return float(lo), float(hi)

    def describe(self) -> str:
        """Short text, e.g. ``lognormal(sigma=0.35)`` or ``uniform(0.2, 1)``."""
        if self.kind == "normal":
            return f"normal(sd={self.scale:.3g})"
        if self.kind == "lognormal":
            return f"lognormal(sigma={self.scale:.3g})"
        if self.kind == "uniform":
            return f"uniform({self.low:.4g}, {self.high:.4g})"
        return "fixed"

    def to_dict(self) -> dict:
        """Plain dict (JSON-safe: unused fields are left out)."""
        d = {"kind": self.kind, "value": self.value}
        if self.kind in ("normal", "lognormal"):
            d["scale"] = self.scale
        if self.kind == "uniform":
            d["low"], d["high"] = self.low, self.high
        d["basis"] = self.basis
        return d

    @classmethod
    def from_dict(cls, d: Mapping) -> "Prior":
        """Inverse of :meth:`to_dict`."""
        low, high = d.get("low"), d.get("high")
        return cls(kind=d["kind"], value=float(d["value"]), scale=float(d.get("scale", 0.0)),
                   low=None if low is None else float(low), high=None if high is None else float(high),
                   basis=d.get("basis", ""))


@dataclass(frozen=True)
class ParameterInfo:
    """One numeric field of one parameter set, with what is known about it.

    ``value`` [unit] is the set's current value; ``source`` the set's own
    source text for the field ("" where the set gives none).
    """

    registry: str
    set_name: str
    field: str
    value: float
    unit: str
    status: str
    source: str
    prior: Prior
    module: str = ""

    def to_dict(self) -> dict:
        """Plain dict with the prior as a nested dict."""
        return {"registry": self.registry, "set": self.set_name, "field": self.field, "value": self.value,
                "unit": self.unit, "status": self.status, "prior": self.prior.to_dict(), "source": self.source,
                "module": self.module}


# --- finding the registries ----------------------------------------------------

def _is_registry(obj) -> bool:
    return (isinstance(obj, Mapping) and len(obj) > 0 and all(isinstance(k, str) for k in obj)
            and all(dataclasses.is_dataclass(v) and not isinstance(v, type) for v in obj.values()))


@functools.lru_cache(maxsize=1)
def _registries() -> tuple[tuple[str, str, Mapping], ...]:
    package = importlib.import_module(__package__)
    found: dict[int, tuple[str, str, Mapping]] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        mod = importlib.import_module(f"{package.__name__}.{info.name}")
        for name, obj in vars(mod).items():
            if name.startswith("_") or not _is_registry(obj):
                continue
            home = type(next(iter(obj.values()))).__module__  # a re-export is named where its dataclass lives
            if id(obj) not in found or mod.__name__ == home:
                found[id(obj)] = (name, mod.__name__, obj)
    names = [n for n, _, _ in found.values()]
    clash = sorted({n for n in names if names.count(n) > 1})
    if clash:
        raise RuntimeError(f"two different parameter registries share the name(s) {clash}; rename one")
    return tuple(sorted(found.values(), key=lambda t: t[0]))


def registries() -> dict[str, Mapping]:
    """Every parameter registry of ``process_models`` by name (re-exports counted once)."""
    return {name: reg for name, _, reg in _registries()}


def _module_of(registry: str) -> str:
    return next(m for n, m, _ in _registries() if n == registry)


def _is_number(v) -> bool:
    return isinstance(v, numbers.Real) and not isinstance(v, bool)


def numeric_fields(params) -> list[str]:
    """Names of the numeric fields of a parameter set (strings, mappings, booleans and ``sources`` skipped)."""
    return [f.name for f in dataclasses.fields(params) if f.name != "sources" and _is_number(getattr(params, f.name))]


def _fields():
    """Every (registry, set, field, value, source text) in the package."""
    for reg_name, reg in registries().items():
        for set_name, params in reg.items():
            sources = getattr(params, "sources", None) or {}
            for f in numeric_fields(params):
                yield reg_name, set_name, f, float(getattr(params, f)), str(sources.get(f, ""))


# --- joining them with the table -----------------------------------------------

def _spec(registry: str, set_name: str, field: str) -> Spec | None:
    return ENTRIES.get((registry, set_name, field)) or ENTRIES.get((registry, "*", field))


def _make_prior(shape: Shape, value: float, basis: str) -> Prior:
    """The prior of ``shape`` centred on the current ``value``."""
    kind = shape.kind
    if kind == "fixed":
        return Prior("fixed", value, basis=basis)
    if kind == "normal_rel":
        return Prior("normal", value, shape.a * abs(value), basis=basis)
    if kind == "normal":
        return Prior("normal", value, shape.a, basis=basis)
    if kind == "lognormal":
        return Prior("lognormal", value, shape.a, basis=basis)
    if kind == "factor":
        return Prior("lognormal", value, math.log(shape.a) / _Z95, basis=basis)
    if kind == "log_range":
        sigma = max(math.log(value / shape.a), math.log(shape.b / value)) / _Z95
        return Prior("lognormal", value, sigma, basis=basis)
    if kind == "uniform":
        return Prior("uniform", value, low=shape.a, high=shape.b, basis=basis)
    raise ValueError(f"unknown shape kind {kind!r} in the prior table")


def _info(registry, set_name, field, value, source) -> ParameterInfo:
    spec = _spec(registry, set_name, field)
    if spec is None:
        raise KeyError(f"no prior for {registry}[{set_name!r}].{field} (add it to process_models/prior_table*.py)")
    if spec.status not in STATUSES:
        raise ValueError(f"{registry}[{set_name!r}].{field}: unknown status {spec.status!r}")
    try:
        prior = _make_prior(spec.shape, value, spec.basis)
    except ValueError as exc:
        raise ValueError(f"{registry}[{set_name!r}].{field}: {exc}") from None
    return ParameterInfo(registry, set_name, field, value, spec.unit, spec.status, source, prior, _module_of(registry))


@functools.lru_cache(maxsize=1)
def _table() -> tuple[ParameterInfo, ...]:
    return tuple(_info(*row) for row in _fields() if _spec(*row[:3]) is not None)


def parameter_table(strict: bool = True) -> list[ParameterInfo]:
    """One row per (registry, set, numeric field), in registry, set and field order.

    With ``strict`` a parameter the prior table does not cover raises
    ``KeyError`` listing them all; otherwise such parameters are left out
    (:func:`missing_entries` names them).
    """
    missing = missing_entries() if strict else []
    if missing:
        shown = ", ".join(f"{r}[{s!r}].{f}" for r, s, f in missing[:20])
        raise KeyError(f"{len(missing)} parameter(s) have no unit/status/prior in process_models/prior_table*.py: "
                       f"{shown}{' ...' if len(missing) > 20 else ''}")
    return list(_table())


def get_info(registry: str, set_name: str, field: str) -> ParameterInfo:
    """The :class:`ParameterInfo` of one parameter; wrong names raise ``KeyError`` listing the valid ones."""
    params = lookup(lookup(registries(), registry, "parameter registry"), set_name, f"{registry} set")
    valid = numeric_fields(params)
    if field not in valid:
        raise KeyError(f"unknown numeric field {field!r} of {registry}[{set_name!r}]; valid fields: {', '.join(valid)}")
    source = str((getattr(params, "sources", None) or {}).get(field, ""))
    return _info(registry, set_name, field, float(getattr(params, field)), source)


def get_prior(registry: str, set_name: str, field: str) -> Prior:
    """The prior of one parameter (centred on its current value)."""
    return get_info(registry, set_name, field).prior


def missing_entries() -> list[tuple[str, str, str]]:
    """(registry, set, field) of every numeric parameter the prior table does not cover."""
    return [(r, s, f) for r, s, f, _, _ in _fields() if _spec(r, s, f) is None]


def stale_entries() -> list[tuple[str, str, str]]:
    """Keys of the prior table that name no numeric parameter (a renamed field or set, a typo)."""
    live = {(r, s, f) for r, s, f, _, _ in _fields()}
    live_fields = {(r, f) for r, _, f in live}
    return sorted(k for k in ENTRIES if (k not in live if k[1] != "*" else (k[0], k[2]) not in live_fields))
