"""Ramp-up: process capability that improves with time or cumulative output.

A new plant scraps far more than a mature one: > 30 % at start of production
and up to 90 % during ramp-up, 5-12 % after years of steady production
(Porsche Consulting, "Strong Together", 2025 [read]); 15-30 % early and about
10 % after five years (Fraunhofer FFB / RWTH PEM, "Mastering Ramp-up of
Battery Production", 2024 [secondary], via zoniax.com; primary PDF [not found]).
No published fit of scrap against time or output was found for battery
plants [not found]; the forms below are fitted to those anchors [derived].

Plant scrap at progress ``x`` (time ``t`` [s] or cumulative output ``Q``)::

    s(x) = s_inf + (s0 - s_inf) g(x),   g = exp(-t / tau)   or   g = (1 + Q/Q0)^(-b)

"ffb-2024": ``s0`` = 30 %, ``s(5 yr)`` = 10 %, ``s_inf`` = 5 % give
``tau = 5 yr / ln((s0 - s_inf) / (s5 - s_inf)) = 3.1 yr`` (notes s5 [derived]).

The ramp acts on every step's steady-state defect probability ``p`` as a
multiplier ``m`` of its hazard (its ``-ln(1 - p)``)::

    p_ramped = 1 - (1 - p)^m,        m(x) = ln(1 - s(x)) / ln(1 - s_inf)

Why hazard and not ``p m`` clipped: a cell survives its steps and layers
independently, ``Y = prod_j (1 - p_j)``, so scaling every hazard by ``m``
turns ``Y`` into ``Y^m`` whatever the number of steps or unit layers; ``p m``
would not compose (20 layers at ``p m`` do not give the plant-level ``s m``)
and needs a clip at 1. With ``p = s_inf`` it returns ``s(x)`` exactly.

Process scatter ramps by the factor that turns a centred normal variable
with symmetric limits from ``s_inf`` out of limits into ``s(x)`` out of limits::

    k(x) = z(s_inf) / z(s(x)),   z(s) = Phi^-1(1 - s/2)

(1.89 at start for "ffb-2024" [derived]; an equivalence, not a measurement).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

import numpy as np
from scipy.special import ndtri

from .registry import lookup

__all__ = ["YEAR", "RampUpParams", "RAMP_UP_PARAMETERS", "get_ramp_up_params", "progress", "scrap_fraction",
           "scrap_multiplier", "scatter_multiplier", "defect_rate", "spread", "excess_scrap"]

YEAR = 365.25 * 86400.0  # s (Julian year)


@dataclass(frozen=True)
class RampUpParams:
    """A ramp-up curve.

    Attributes
    ----------
    name : str
        Registry name.
    basis : str
        ``"time"`` (progress = time since start of production [s]) or
        ``"output"`` (cumulative output, in the unit of ``reference_output``).
    initial_scrap : float
        Plant scrap at start of production ``s0`` [-].
    steady_scrap : float
        Plant scrap in steady state ``s_inf`` [-].
    time_constant : float
        ``tau`` [s] (time basis).
    reference_output : float
        ``Q0`` (output basis) [J of cells shipped, or the caller's unit].
    exponent : float
        ``b`` (output basis) [-].
    sources : Mapping[str, str]
        Source of each value.
    """

    name: str
    basis: str
    initial_scrap: float
    steady_scrap: float
    time_constant: float
    reference_output: float
    exponent: float
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)


def _fit_time_constant(s0: float, s_at: float, at: float, s_inf: float) -> float:
    """``tau`` [s] such that ``s(at) = s_at`` [derived]."""
    return at / np.log((s0 - s_inf) / (s_at - s_inf))


def _fit_reference_output(s0: float, s_at: float, q_at: float, s_inf: float, b: float) -> float:
    """``Q0`` such that ``s(q_at) = s_at`` with ``g = (1 + Q/Q0)^-b`` [derived]."""
    g = (s_at - s_inf) / (s0 - s_inf)
    return q_at / (g ** (-1.0 / b) - 1.0)


_S0, _S5, _SINF = 0.30, 0.10, 0.05
_TAU = _fit_time_constant(_S0, _S5, 5.0 * YEAR, _SINF)
_B = float(-np.log2(0.80))
_Q5 = 5.0 * 1e10 * 3600.0  # J: five years of a 10 GWh/yr plant
_FFB = {
    "initial_scrap": "30 % at start of production: FFB/PEM 2024 15-30 % early [secondary]; Porsche 2025 "
                     "'exceeding 30 %' [read]",
    "steady_scrap": "5 % [assumed] from Porsche 2025 steady state 5-12 % [read] (low end; notes s5 fit)",
}

RAMP_UP_PARAMETERS: Mapping[str, RampUpParams] = MappingProxyType({
    "ffb-2024": RampUpParams(
        name="ffb-2024", basis="time", initial_scrap=_S0, steady_scrap=_SINF, time_constant=_TAU,
        reference_output=1.0, exponent=1.0,
        sources={**_FFB,
                 "time_constant": f"{_TAU / YEAR:.2f} yr [derived]: fitted to 30 % at start and ~10 % after five "
                                  "years (FFB/PEM 2024 [secondary]) with s_inf 5 % (notes s5); 2.5-4.6 yr for "
                                  "s_inf 7-0 %",
                 "reference_output": "unused (time basis)", "exponent": "unused (time basis)"}),
    "wright-ffb-2024": RampUpParams(
        name="wright-ffb-2024", basis="output", initial_scrap=_S0, steady_scrap=_SINF, time_constant=_TAU,
        reference_output=_fit_reference_output(_S0, _S5, _Q5, _SINF, _B), exponent=_B,
        sources={**_FFB,
                 "time_constant": "unused (output basis)",
                 "exponent": "0.322 = -log2(0.80): the cost learning rate of Li-ion cells, 20 % per doubling "
                             "[read] (Ziegler & Trancik 2021), borrowed for scrap [assumed]",
                 "reference_output": "0.34 GWh shipped [derived]: puts 10 % scrap at 50 GWh (five years of a "
                                     "10 GWh/yr plant) as FFB/PEM 2024 [secondary]; J of cells shipped"}),
    "none": RampUpParams(
        name="none", basis="time", initial_scrap=_SINF, steady_scrap=_SINF, time_constant=_TAU,
        reference_output=1.0, exponent=1.0,
        sources={"initial_scrap": "equal to steady_scrap: no ramp-up (steady state from the start)",
                 "steady_scrap": "5 % (any value in (0, 1) gives multipliers of 1)",
                 "time_constant": "unused", "reference_output": "unused", "exponent": "unused"}),
})


def get_ramp_up_params(name: str | RampUpParams) -> RampUpParams:
    """Ramp-up set by name; a wrong name lists the valid ones."""
    return lookup(RAMP_UP_PARAMETERS, name, "ramp-up parameter set")


def progress(x, *, params="ffb-2024") -> np.ndarray:
    """Share of the initial excess scrap still present, ``g(x)`` in (0, 1] [-].

    ``exp(-t/tau)`` for ``t`` [s] (time basis) or ``(1 + Q/Q0)^(-b)`` (output basis);
    negative ``x`` counts as 0.
    """
    p = get_ramp_up_params(params)
    x = np.maximum(np.asarray(x, dtype=float), 0.0)
    if p.basis == "time":
        return np.exp(-x / p.time_constant)
    return np.power(1.0 + x / p.reference_output, -p.exponent)


def scrap_fraction(x, *, params="ffb-2024") -> np.ndarray:
    """Plant scrap ``s(x) = s_inf + (s0 - s_inf) g(x)`` [-] at time [s] or cumulative output ``x``.

    >>> [round(float(scrap_fraction(t * YEAR)), 3) for t in (0, 5)]
    [0.3, 0.1]
    """
    p = get_ramp_up_params(params)
    return p.steady_scrap + (p.initial_scrap - p.steady_scrap) * progress(x, params=p)


def excess_scrap(x, *, params="ffb-2024") -> np.ndarray:
    """Scrap a plant has on top of its steady state at ``x``: ``1 - (1 - s(x)) / (1 - s_inf)`` [-].

    The immaturity of a young line (handling, contamination, set-up faults,
    operator learning) that a model of the steady-state process does not
    carry: a line that scraps ``X`` in steady state scraps
    ``1 - (1 - X)(1 - excess)`` during its ramp-up, which reproduces the
    anchors when ``X = s_inf``.

    >>> round(float(excess_scrap(0.0)), 3), round(float(excess_scrap(50 * YEAR)), 6)
    (0.263, 0.0)
    """
    p = get_ramp_up_params(params)
    return 1.0 - (1.0 - scrap_fraction(x, params=p)) / (1.0 - p.steady_scrap)


def scrap_multiplier(x, *, params="ffb-2024") -> np.ndarray:
    """Hazard multiplier ``m(x) = ln(1 - s(x)) / ln(1 - s_inf)`` [-] (>= 1, -> 1 in steady state).

    Parameters
    ----------
    x : array_like
        Time since start of production [s] (time basis) or cumulative output (output basis).
    params : str or RampUpParams
        Ramp-up set (:data:`RAMP_UP_PARAMETERS`).

    Returns
    -------
    ndarray
        Multiplier for :func:`defect_rate` [-].

    >>> round(float(scrap_multiplier(0.0)), 2), round(float(scrap_multiplier(100 * YEAR)), 6)
    (6.95, 1.0)
    """
    p = get_ramp_up_params(params)
    return np.log1p(-scrap_fraction(x, params=p)) / np.log1p(-p.steady_scrap)


def scatter_multiplier(x, *, params="ffb-2024") -> np.ndarray:
    """Factor on process standard deviations ``k(x) = z(s_inf) / z(s(x))``, ``z(s) = Phi^-1(1 - s/2)`` [-].

    ``x``: time [s] or cumulative output, as :func:`scrap_multiplier`.

    >>> round(float(scatter_multiplier(0.0)), 2)
    1.89
    """
    p = get_ramp_up_params(params)
    return ndtri(1.0 - 0.5 * p.steady_scrap) / ndtri(1.0 - 0.5 * scrap_fraction(x, params=p))


def defect_rate(base_rate, multiplier) -> np.ndarray:
    """Ramped per-item defect probability ``1 - (1 - p)^m`` [-].

    ``base_rate`` ``p`` is the steady-state probability [-] in [0, 1];
    ``multiplier`` ``m`` from :func:`scrap_multiplier` [-], >= 0.

    >>> round(float(defect_rate(0.05, scrap_multiplier(0.0))), 3)
    0.3
    """
    p = np.clip(np.asarray(base_rate, dtype=float), 0.0, 1.0)
    m = np.maximum(np.asarray(multiplier, dtype=float), 0.0)
    certain = p >= 1.0  # (1 - 1)^m: 0 for m > 0, 1 for m = 0
    ramped = -np.expm1(m * np.log1p(-np.where(certain, 0.0, p)))
    return np.where(certain, (m > 0.0).astype(float), ramped)


def spread(base_sd, multiplier) -> np.ndarray:
    """Ramped standard deviation ``sd * k`` [unit of ``base_sd``]; ``k`` from :func:`scatter_multiplier`."""
    return np.asarray(base_sd, dtype=float) * np.asarray(multiplier, dtype=float)
