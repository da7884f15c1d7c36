"""Arrhenius integrals over one firing profile (ramp, dwell, cooling), in closed form.

Every thermally activated process of a firing (densification, grain growth,
degassing, Li loss) is an integral of an Arrhenius rate over the whole
profile: heat from room temperature at ``ramp_rate``, hold ``dwell_time`` at
``dwell_temperature``, cool back at ``cooling_rate``. :func:`equivalent_time`
evaluates it exactly with the exponential integral ``E1`` (no time
stepping), vectorised. SI units.
"""

from __future__ import annotations

import numpy as np
from scipy.special import exp1

from .constants import GAS_CONSTANT
from .sintering_params import T_YI

__all__ = ["equivalent_time", "R_GAS"]

#: Molar gas constant [J mol-1 K-1] (process_models.constants).
R_GAS = GAS_CONSTANT


def _ramp_integral(t_lo, t_hi, energy, t_ref, inverse_t):
    """``∫_{t_lo}^{t_hi} (T_ref/T)^k exp(E/R (1/T_ref - 1/T)) dT`` [K], k = 0 or 1.

    With ``u = E/(R T)``: for k = 1 the integral is
    ``T_ref e^{u_ref} (E1(u_hi) - E1(u_lo))``; for k = 0 it is
    ``(E/R) e^{u_ref} (g(u_hi) - g(u_lo))`` with ``g(u) = e^{-u}/u - E1(u)``.
    """
    u_ref = energy / (R_GAS * t_ref)
    u_hi = energy / (R_GAS * t_hi)
    u_lo = energy / (R_GAS * t_lo)
    if inverse_t:
        return t_ref * np.exp(u_ref) * (exp1(u_hi) - exp1(u_lo))

    def g(u):
        return np.exp(-u) / u - exp1(u)

    return (energy / R_GAS) * np.exp(u_ref) * (g(u_hi) - g(u_lo))


def equivalent_time(dwell_temperature, dwell_time, activation_energy, *, ramp_rate=5 / 60,
                    cooling_rate=5 / 60, reference_temperature=T_YI, room_temperature=298.15,
                    inverse_temperature=False):
    """Arrhenius-equivalent time at a reference temperature of a whole firing.

    .. math::

        t_\\mathrm{ref} = \\int \\left(\\frac{T_\\mathrm{ref}}{T}\\right)^k
        \\exp\\left[\\frac{E}{R}\\left(\\frac{1}{T_\\mathrm{ref}} - \\frac{1}{T(t)}\\right)\\right] dt

    over the profile room temperature -> ``dwell_temperature`` at
    ``ramp_rate``, ``dwell_time`` hold, -> room temperature at
    ``cooling_rate``. ``k = 1`` (``inverse_temperature=True``) is the MSC
    integrand. The ramps are integrated exactly with the exponential integral
    ``E1`` (substitution ``u = E/(R T)``), so the result is exact and
    vectorised.

    Parameters
    ----------
    dwell_temperature : array_like
        Dwell temperature [K]; below room temperature the ramps vanish.
    dwell_time : array_like
        Dwell time [s], >= 0.
    activation_energy : float or array_like
        Activation energy ``E`` [J mol-1], > 0.
    ramp_rate, cooling_rate : array_like
        Heating and cooling rates [K s-1], > 0.
    reference_temperature : float
        ``T_ref`` [K].
    room_temperature : float
        Start and end temperature of the profile [K].
    inverse_temperature : bool
        Include the ``T_ref/T`` factor (MSC work of sintering).

    Returns
    -------
    numpy.ndarray
        Equivalent time at ``T_ref`` [s].

    References
    ----------
    Su & Johnson, J. Am. Ceram. Soc. 79, 3211 (1996) (work of sintering).
    """
    t_d = np.asarray(dwell_temperature, dtype=float)
    t_lo = np.minimum(room_temperature, t_d)
    span = _ramp_integral(t_lo, t_d, activation_energy, reference_temperature, inverse_temperature)
    u_ref = activation_energy / (R_GAS * reference_temperature)
    u_d = activation_energy / (R_GAS * t_d)
    dwell = np.asarray(dwell_time, dtype=float) * np.exp(u_ref - u_d)
    if inverse_temperature:
        dwell = dwell * (reference_temperature / t_d)
    return span / np.asarray(ramp_rate, dtype=float) + dwell + span / np.asarray(cooling_rate, dtype=float)
