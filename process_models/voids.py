"""Voids at the Li | electrolyte interface: contact lost on stripping, regained on plating and at rest.

A reduced-order balance for the contact fraction ``c`` of the anode
interface (physics.md sections 7 and 11):

* stripping at ``j`` removes Li from the interface; creep and self-diffusion
  resupply it at most at ``c * s`` per unit area, where ``s`` is the
  intrinsic resupply current (the critical stripping current at full
  contact, :func:`stripping.critical_stripping_current`). The deficit
  ``j - c s`` leaves voids; voids of depth ``delta`` take away contact at
  ``(Omega/F) (j - c s) / delta`` per unit time:

  ``dc/dt = -k (j - c s)``,  ``k = Omega / (F delta)``

  Above ``j = c s`` the contact shrinks, the current on the remaining contact
  rises and the deficit grows: the loss runs away (Kasemchainan et al., Nat.
  Mater. 18, 1105, 2019: voids, then current focusing, then failure);
* at rest (``j = 0``) the same law closes voids at ``k c s`` (creep keeps
  pushing Li into them);
* plating refills voids: ``j -> -eta_fill j_plating``;
* the contact never exceeds the contact made at assembly, ``c0``
  (:func:`stacking.anode_contact_fraction`), nor drops below 0.

The ODE is linear at constant current, so each protocol step is advanced in
closed form (:func:`contact_after`) and the time at which the contact falls
to a given level is explicit (:func:`time_to_contact`): no time stepping.
With ``x = k s t``:

``c(t) = c_i e^x - k j t expm1(x)/x``   (-> ``c_i - k j t`` as ``s -> 0``)

Units: A m-2, s, m, [-].
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

import numpy as np

from .constants import FARADAY
from .registry import lookup

__all__ = ["VoidParams", "VOID_PARAMETERS", "get_void_params", "void_rate_constant", "contact_after", "time_to_contact"]

_LI_MOLAR_VOLUME = 1.30e-5  # m3 mol-1 [read] (physics.md section 6)


@dataclass(frozen=True)
class VoidParams:
    """Parameters of the interface void balance.

    Attributes
    ----------
    name : str
        Registry name.
    void_depth : float
        ``delta``: depth of the voids that strip contact away [m] (fitted).
    refill_efficiency : float
        ``eta_fill``: fraction of the plating current that refills voids [-].
    lost_contact : float
        Contact fraction at which the interface is lost: the overpotential
        on the remaining contact has risen ``1/lost_contact``-fold and the
        step ends at its voltage limit [-].
    sources : Mapping[str, str]
        Source of each value.
    """

    name: str
    void_depth: float
    refill_efficiency: float
    lost_contact: float
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)


def _fit_void_depth(lost_contact: float) -> float:
    """``delta`` such that a Li | Li6PS5Cl interface at zero stack pressure loses its contact
    after exactly one 0.3 mAh/cm2 strip at 0.4 mA/cm2, starting from full contact.

    Singh et al., Cell Rep. Phys. Sci. 3, 101043 (2022) [read]: Li attached at
    20 MPa, cycled without stack pressure at 0.3 mAh/cm2 per half-cycle;
    contact loss dominates from ~0.4 mA/cm2. The resupply at zero pressure is
    the self-diffusion term of the Li-LPSCl stripping set, 0.1 mA/cm2.
    """
    j, s, q = 4.0, 1.0, 0.3 * 36000.0  # A m-2, A m-2, C m-2 (0.3 mAh/cm2)
    t = q / j
    # c(t) = lost: e^{kst} = (j - lost s) / (j - s)
    k = np.log((j - lost_contact * s) / (j - s)) / (s * t)
    return float(_LI_MOLAR_VOLUME / (FARADAY * k))


_LOST = 0.1
VOID_PARAMETERS: Mapping[str, VoidParams] = MappingProxyType(
    {
        "default": VoidParams(
            name="default",
            void_depth=_fit_void_depth(_LOST),
            refill_efficiency=0.5,
            lost_contact=_LOST,
            sources={
                "void_depth": (
                    f"{_fit_void_depth(_LOST) * 1e9:.0f} nm, fitted: Singh et al. 2022 (Li6PS5Cl, Li attached at "
                    "20 MPa, no stack pressure, 0.3 mAh/cm2 per half-cycle) lose contact from ~0.4 mA/cm2 [read]; "
                    "the fit makes one such strip at 0.4 mA/cm2 take a fully contacted interface to the lost "
                    "contact. Of the order of interface roughness to grain size; range 0.3-5 um (the fit moves with the assumed "
                    "lost-contact level and the zero-pressure resupply)"
                ),
                "refill_efficiency": (
                    "0.5 [assumed], range 0.2-1: plated Li fills voids only where it nucleates at their rims; "
                    "Kasemchainan 2019 see voids accumulate over cycles (refill incomplete)"
                ),
                "lost_contact": (
                    "0.1 [assumed], range 0.02-0.3: the interface overpotential has risen tenfold, which ends a "
                    "step at any practical voltage limit"
                ),
            },
        ),
    }
)


def get_void_params(name: str | VoidParams) -> VoidParams:
    """Return the void parameter set ``name``; a wrong name raises ``KeyError`` listing the valid ones."""
    return lookup(VOID_PARAMETERS, name, "void parameter set")


def void_rate_constant(params="default") -> float:
    """``k = Omega / (F delta)`` [m2 C-1]: contact fraction lost per unit of stripping deficit."""
    vp = get_void_params(params)
    return _LI_MOLAR_VOLUME / (FARADAY * vp.void_depth)


def contact_after(contact, max_contact, strip_current, resupply_current, duration, *, params="default") -> np.ndarray:
    """Contact fraction after a constant-current step.

    ``c(t) = c_i e^x - k j t expm1(x)/x``,  ``x = k s t``, clipped to ``[0, c0]``
    (the solution is monotone in time, so clipping the end value is exact).

    Parameters
    ----------
    contact : array_like
        Contact fraction at the start of the step ``c_i`` [-].
    max_contact : array_like
        Contact made at assembly ``c0`` [-].
    strip_current : array_like
        Stripping current density [A m-2]; 0 at rest; a plating step passes
        ``-eta_fill * j_plating`` (see :func:`effective_strip_current`).
    resupply_current : array_like
        Intrinsic resupply current ``s`` (CCS at full contact) [A m-2], >= 0.
    duration : array_like
        Step duration [s], >= 0.
    params : str or VoidParams
        Parameter set.

    Returns
    -------
    ndarray
        Contact fraction [-].
    """
    k = void_rate_constant(params)
    j = np.asarray(strip_current, dtype=float)
    t = np.maximum(np.asarray(duration, dtype=float), 0.0)
    x = np.minimum(k * np.asarray(resupply_current, dtype=float) * t, 700.0)
    growth = np.where(x > 1e-12, np.expm1(x) / np.where(x > 1e-12, x, 1.0), 1.0 + 0.5 * x)
    c = np.asarray(contact, dtype=float) * np.exp(x) - k * j * t * growth
    return np.clip(c, 0.0, np.asarray(max_contact, dtype=float))


def time_to_contact(contact, target, strip_current, resupply_current, *, params="default") -> np.ndarray:
    """Time for stripping at ``j`` to bring the contact from ``c_i`` down to ``target``.

    ``t = ln((j - c_t s) / (j - c_i s)) / (k s)`` for ``j > c_i s`` (``(c_i -
    c_t) / (k j)`` as ``s -> 0``); ``inf`` if the contact does not fall
    (``j <= c_i s``) and 0 if it is already at or below ``target``.

    Parameters
    ----------
    contact : array_like
        Contact at the start ``c_i`` [-].
    target : array_like
        Contact level ``c_t`` [-].
    strip_current : array_like
        Stripping current density ``j`` [A m-2].
    resupply_current : array_like
        ``s`` [A m-2].
    params : str or VoidParams
        Parameter set.

    Returns
    -------
    ndarray
        Time [s], in ``[0, inf]``.
    """
    k = void_rate_constant(params)
    c, ct = np.asarray(contact, dtype=float), np.asarray(target, dtype=float)
    j, s = np.asarray(strip_current, dtype=float), np.asarray(resupply_current, dtype=float)
    deficit = j - c * s
    falls = deficit > 0.0
    y = np.where(falls, (c - ct) * s / np.where(falls, deficit, 1.0), 0.0)
    shape = np.where(y > 1e-12, np.log1p(np.maximum(y, 0.0)) / np.where(y > 1e-12, y, 1.0), 1.0)
    t = (c - ct) / (k * np.where(falls, deficit, 1.0)) * shape
    t = np.where(c <= ct, 0.0, np.where(falls, t, np.inf))
    return t
