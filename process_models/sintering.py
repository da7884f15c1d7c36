"""Pressure-less sintering of oxide (garnet) electrolyte tapes and pellets with Li loss.

One furnace firing is a profile: heat from room temperature at ``ramp_rate``,
hold ``dwell_time`` at ``dwell_temperature``, cool back at ``cooling_rate``.
Every thermally activated process here is an Arrhenius integral over that
whole profile, evaluated in closed form with the exponential integral
``E1`` (no time stepping), so all functions are exact, vectorised and cheap:

* **Densification** -- master sintering curve (MSC; Su & Johnson, J. Am.
  Ceram. Soc. 79, 3211, 1996): work of sintering
  ``Theta = ∫ (1/T) exp(-Q/(R T)) dt`` [s K-1]; relative density is a
  logistic sigmoid in ``ln Theta`` between the green density and 1.
* **Grain growth** -- a master grain-growth curve driven by the same
  ``Theta``, switched on at the final stage (pores pin boundaries until they
  close): ``d(G^2) = K_G * psi(rho) * dt_ref``.
* **Reaction degassing (thickness effect on densification)** -- fine garnet
  powders carry Li2CO3/LiOH and protonated LLZO; their decomposition
  (700-870 degC) drives the "reaction-driven densification" of Yi et al.
  (J. Power Sources 2017) but needs the CO2/H2O to leave the body. A
  diffusion-limited decomposition front advances from the exposed faces as
  ``x^2 = k_d * t_ref,d``; the degassed shell follows the full MSC, the core
  behind the front a slowed MSC (``Theta * core_work_factor``). Thin tapes
  are degassed through, a 1 mm pellet is not, so the pellet densifies less.
* **Li loss** -- Li2O volatilisation flux per exposed area
  ``J = k0 exp(-E/(R T)) (1 - p/p_eq)``; the Li lost per Li inventory scales
  with ``∫J dt * A/V`` (``A/V = 2/h`` free tape, ``1/h`` on a setter,
  ``2/h + 2/r`` pellet). A cover (mother) powder raises ``p`` toward
  ``p_eq``.
* **Secondary phase** -- once the loss exceeds the excess Li of the powder,
  the Li deficit decomposes garnet to La2Zr2O7 + La2O3 (lever rule).
* **Shrinkage** -- mass conservation: isotropic for free tapes and pellets,
  through-thickness only on a setter.

Parameter sets are data (:mod:`process_models.sintering_params`), each value
with its source or the fit that produced it; ``docs/models/sintering.md``
documents the fits. The Arrhenius integrals are in
:mod:`process_models.firing_profile`, Li loss and the secondary phase in
:mod:`process_models.li_loss` (re-exported here). SI units throughout: temperature [K], time [s], rates [K s-1],
lengths [m], energies [J mol-1].
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .firing_profile import R_GAS, equivalent_time
from .li_loss import li_loss_fraction, secondary_phase_fraction, surface_to_volume
from .sintering_params import GEOMETRIES, SINTERING_PARAMS, SinteringParams, get_sintering_params
from .sintering_params import check_geometry as _check_geometry

__all__ = [
    "R_GAS",
    "GEOMETRIES",
    "SinteringParams",
    "SINTERING_PARAMS",
    "get_sintering_params",
    "Sintered",
    "sinter",
    "equivalent_time",
    "work_of_sintering",
    "msc_density",
    "grain_size",
    "degassed_fraction",
    "surface_to_volume",
    "li_loss_fraction",
    "secondary_phase_fraction",
    "fired_thickness",
]

# Gauss-Legendre nodes for the master grain-growth integral (fixed, so the
# result is an elementwise deterministic function of its inputs).
_GL_X, _GL_W = np.polynomial.legendre.leggauss(64)
# Width of the ln(t) window of that integral [-]: the integrand carries a
# factor exp(s), so the part below ln(t) - 40 is < 4e-18 of the total.
_GL_SPAN = 40.0


def _log_work_from_teq(t_eq, p: SinteringParams):
    """``ln Theta`` from the MSC equivalent time at T_ref [-]."""
    u_ref = p.activation_energy / (R_GAS * p.reference_temperature)
    return np.log(np.maximum(t_eq, 1e-300)) - u_ref - np.log(p.reference_temperature)


def work_of_sintering(dwell_temperature, dwell_time, *, ramp_rate=5 / 60, cooling_rate=5 / 60,
                      params="Ga-LLZO-tape"):
    """Work of sintering ``Theta`` of a whole firing (Su & Johnson 1996).

    .. math:: \\Theta = \\int_\\mathrm{profile} \\frac{1}{T} \\exp\\left(-\\frac{Q}{R T}\\right) dt

    over ramp up from room temperature, dwell and cool-down, in closed form
    (see :func:`equivalent_time`).

    Parameters
    ----------
    dwell_temperature : array_like
        Dwell temperature [K].
    dwell_time : array_like
        Dwell time [s].
    ramp_rate, cooling_rate : array_like
        Heating and cooling rates [K s-1].
    params : str or SinteringParams
        Parameter set (supplies ``Q`` and room temperature).

    Returns
    -------
    numpy.ndarray
        ``Theta`` [s K-1] (very small numbers: ~1e-21 for 1130 degC firings).

    References
    ----------
    H. Su & D. L. Johnson, J. Am. Ceram. Soc. 79, 3211 (1996).
    """
    p = get_sintering_params(params)
    t_eq = equivalent_time(dwell_temperature, dwell_time, p.activation_energy, ramp_rate=ramp_rate,
                           cooling_rate=cooling_rate, reference_temperature=p.reference_temperature,
                           room_temperature=p.room_temperature, inverse_temperature=True)
    return np.exp(_log_work_from_teq(t_eq, p))


def _msc_from_log_work(log_work, green_density, p: SinteringParams):
    z = (np.asarray(log_work, dtype=float) - p.msc_log_work_mid) / p.msc_width
    s = 0.5 * (1.0 + np.tanh(0.5 * z))  # logistic 1/(1+exp(-z)), overflow-free
    rho_g = np.asarray(green_density, dtype=float)
    return rho_g + (p.max_density - rho_g) * s


def msc_density(work, green_density, *, params="Ga-LLZO-tape"):
    """Relative density on the master sintering curve.

    .. math::

        \\rho = \\rho_g + \\frac{\\rho_\\max - \\rho_g}
        {1 + \\exp\\left(-\\frac{\\ln\\Theta - a}{b}\\right)}

    Parameters
    ----------
    work : array_like
        Work of sintering ``Theta`` [s K-1] (:func:`work_of_sintering`).
    green_density : array_like
        Green relative density ``rho_g`` [-] in (0, 1).
    params : str or SinteringParams
        Supplies ``a`` (``msc_log_work_mid``), ``b`` (``msc_width``) and
        ``rho_max``.

    Returns
    -------
    numpy.ndarray
        Relative density [-] in [rho_g, rho_max].

    References
    ----------
    Su & Johnson, J. Am. Ceram. Soc. 79, 3211 (1996); sigmoid fitted to Yi et
    al., J. Power Sources (2017) (see :data:`SINTERING_PARAMS` sources).
    """
    p = get_sintering_params(params)
    log_work = np.log(np.maximum(np.asarray(work, dtype=float), 1e-300))
    return _msc_from_log_work(log_work, green_density, p)


def _grain_size_from_teq(t_eq, green_density, p: SinteringParams):
    """Master grain-growth integral, in MSC equivalent time at T_ref."""
    t_eq = np.asarray(t_eq, dtype=float)
    rho_g = np.asarray(green_density, dtype=float)
    top = np.log(np.maximum(t_eq, 1e-300))[..., None]
    s = top + 0.5 * _GL_SPAN * (_GL_X - 1.0)  # nodes on [top - span, top]
    u_ref = p.activation_energy / (R_GAS * p.reference_temperature)
    log_work = s - u_ref - np.log(p.reference_temperature)
    rho = _msc_from_log_work(log_work, rho_g[..., None], p)
    psi = 0.5 * (1.0 + np.tanh(0.5 * (rho - p.grain_growth_onset_density) / p.grain_growth_onset_width))
    integral = 0.5 * _GL_SPAN * np.sum(_GL_W * np.exp(s) * psi, axis=-1)
    return np.sqrt(p.initial_grain_size**2 + p.grain_growth_rate * integral)


def grain_size(work, green_density, *, params="Ga-LLZO-tape"):
    """Mean grain size from a master grain-growth curve driven by ``Theta``.

    Parabolic growth, with the densification kinetics (same ``Q``) and pore
    pinning until the final stage::

        G^2 = G0^2 + K_G ∫_0^{t_ref} psi(rho(t')) dt',
        psi(rho) = 1 / (1 + exp(-(rho - rho_c)/w)),

    where ``t_ref = Theta T_ref exp(Q/(R T_ref))`` is the MSC equivalent time
    at ``T_ref`` and ``rho(t')`` the MSC density after equivalent time
    ``t'``. Because both depend on the profile only through ``Theta``, the
    grain size is a function of ``Theta`` (a master grain-growth curve); the
    integral is evaluated with a fixed 64-point Gauss-Legendre rule in
    ``ln t'``.

    Parameters
    ----------
    work : array_like
        Work of sintering ``Theta`` [s K-1].
    green_density : array_like
        Green relative density [-].
    params : str or SinteringParams
        Supplies ``G0``, ``K_G``, ``rho_c``, ``w`` and the MSC.

    Returns
    -------
    numpy.ndarray
        Mean grain size [m] (>= ``G0``).

    References
    ----------
    Parabolic grain growth (Burke & Turnbull); ``K_G`` fitted to the 1.2 um
    grains of Yi et al., J. Power Sources (2017).
    """
    p = get_sintering_params(params)
    u_ref = p.activation_energy / (R_GAS * p.reference_temperature)
    t_eq = np.asarray(work, dtype=float) * p.reference_temperature * np.exp(u_ref)
    return _grain_size_from_teq(t_eq, green_density, p)


def _diffusion_length(thickness, geometry):
    """Distance from the farthest point to an exposed face [m]."""
    h = np.asarray(thickness, dtype=float)
    return h if geometry == "setter" else 0.5 * h


def degassed_fraction(green_thickness, dwell_temperature, dwell_time, *, ramp_rate=5 / 60,
                      cooling_rate=5 / 60, geometry="free", params="Ga-LLZO-tape"):
    """Volume fraction of the body the decomposition/degassing front has crossed.

    Shrinking-core (equilibrium-limited) decomposition of the carbonate and
    hydroxide of fine garnet powder: the front depth grows as

    .. math::

        x^2 = k_d \\int \\exp\\left[\\frac{E_d}{R}\\left(\\frac{1}{T_\\mathrm{ref}}
        - \\frac{1}{T}\\right)\\right] dt

    over the whole profile (``x^2 = 2 D_eff c_eq(T) t / n_gas``: Knudsen
    diffusion of CO2/H2O out through the degassed shell at the equilibrium
    concentration ``c_eq ∝ exp(-E_d/(R T))``). With the diffusion length
    ``l`` (``h/2`` for two exposed faces, ``h`` on a setter) the degassed
    fraction is the smooth minimum
    ``f = (x/l) / (1 + (x/l)^n)^(1/n)``.

    Parameters
    ----------
    green_thickness : array_like
        Green thickness [m].
    dwell_temperature : array_like
        Dwell temperature [K].
    dwell_time : array_like
        Dwell time [s].
    ramp_rate, cooling_rate : array_like
        Heating and cooling rates [K s-1].
    geometry : {"free", "setter", "pellet"}
        Exposure geometry.
    params : str or SinteringParams
        Supplies ``k_d``, ``E_d`` and ``n``.

    Returns
    -------
    numpy.ndarray
        Degassed volume fraction [-] in [0, 1).

    Notes
    -----
    The pore closure that eventually stops the front is not modelled; the
    front depth is an assumed scale (see the ``degas_rate_ref`` source).
    """
    p = get_sintering_params(params)
    geometry = _check_geometry(geometry)
    t_d = equivalent_time(dwell_temperature, dwell_time, p.degas_activation_energy,
                          ramp_rate=ramp_rate, cooling_rate=cooling_rate,
                          reference_temperature=p.reference_temperature,
                          room_temperature=p.room_temperature)
    depth = np.sqrt(p.degas_rate_ref * t_d)
    r = depth / _diffusion_length(green_thickness, geometry)
    n = p.front_sharpness
    return r / (1.0 + r**n) ** (1.0 / n)


def fired_thickness(green_thickness, green_density, relative_density, *, geometry="free"):
    """Fired thickness from mass conservation.

    Free tapes and pellets shrink isotropically,
    ``h = h_g (rho_g/rho)^(1/3)``; a tape on a setter is taken as fully
    constrained in-plane (friction), so all shrinkage is through the
    thickness, ``h = h_g rho_g/rho``.

    Parameters
    ----------
    green_thickness : array_like
        Green thickness [m].
    green_density : array_like
        Green relative density [-].
    relative_density : array_like
        Fired relative density [-].
    geometry : {"free", "setter", "pellet"}
        Shrinkage mode.

    Returns
    -------
    numpy.ndarray
        Fired thickness [m].
    """
    geometry = _check_geometry(geometry)
    ratio = np.asarray(green_density, dtype=float) / np.asarray(relative_density, dtype=float)
    exponent = 1.0 if geometry == "setter" else 1.0 / 3.0
    return np.asarray(green_thickness, dtype=float) * ratio**exponent


class Sintered(NamedTuple):
    """Result of one firing (arrays broadcast over the inputs).

    Attributes
    ----------
    relative_density : numpy.ndarray
        Mean relative density [-] in (0, 1].
    grain_size : numpy.ndarray
        Volume-mean grain size [m].
    li_loss_fraction : numpy.ndarray
        Li lost / stoichiometric Li content [-].
    secondary_phase_fraction : numpy.ndarray
        Volume fraction of La2Zr2O7 (+ La2O3) [-].
    fired_thickness : numpy.ndarray
        Fired thickness [m].
    degassed_fraction : numpy.ndarray
        Volume fraction crossed by the degassing front [-] (diagnostic).
    """

    relative_density: np.ndarray
    grain_size: np.ndarray
    li_loss_fraction: np.ndarray
    secondary_phase_fraction: np.ndarray
    fired_thickness: np.ndarray
    degassed_fraction: np.ndarray


def sinter(green_thickness, green_density, dwell_temperature, dwell_time, *, ramp_rate=5 / 60,
           cooling_rate=5 / 60, excess_li=0.10, cover_powder=True, geometry="free",
           material="Ga-LLZO", params="Ga-LLZO-tape") -> Sintered:
    """Fire a green oxide tape or pellet: density, grains, Li loss, phases, shrinkage.

    Composition of the building blocks:

    1. ``t_ref`` = MSC equivalent time of the profile (:func:`equivalent_time`,
       ``k = 1``); ``Theta = t_ref exp(-Q/(R T_ref)) / T_ref``.
    2. Degassed fraction ``f`` (:func:`degassed_fraction`); shell density
       ``rho_s = MSC(Theta)``, core density ``rho_c = MSC(beta Theta)``,
       ``rho = f rho_s + (1 - f) rho_c``; grain size likewise
       volume-averaged.
    3. Li loss (:func:`li_loss_fraction`) and secondary phase
       (:func:`secondary_phase_fraction`).
    4. Fired thickness by mass conservation (:func:`fired_thickness`).

    Parameters
    ----------
    green_thickness : array_like
        Green thickness [m].
    green_density : array_like
        Green relative density [-] in (0, 1).
    dwell_temperature : array_like
        Dwell (part) temperature [K].
    dwell_time : array_like
        Dwell time [s].
    ramp_rate : array_like
        Heating rate from room temperature [K s-1]; default 5 K/min.
    cooling_rate : array_like
        Cooling rate to room temperature [K s-1]; default 5 K/min.
    excess_li : array_like
        Molar excess Li of the starting powder over stoichiometry [-].
    cover_powder : bool or array_like of bool
        Fired under a sacrificial cover (mother) powder.
    geometry : {"free", "setter", "pellet"}
        "free": both faces exposed (A/V = 2/h), isotropic shrinkage;
        "setter": one face exposed (A/V = 1/h), constrained in-plane;
        "pellet": both faces and rim exposed, isotropic shrinkage.
    material : str or ElectrolyteMaterial
        Electrolyte parameter set (:mod:`process_models.materials`).
    params : str or SinteringParams
        Sintering parameter set (:data:`SINTERING_PARAMS`).

    Returns
    -------
    Sintered
        ``relative_density`` [-], ``grain_size`` [m], ``li_loss_fraction``
        [-], ``secondary_phase_fraction`` [-], ``fired_thickness`` [m],
        ``degassed_fraction`` [-].

    References
    ----------
    Su & Johnson, J. Am. Ceram. Soc. 79, 3211 (1996); Yi, Wang, Kieffer &
    Laine, J. Power Sources (2017) (fit data: 25 um Ga-LLZO, 1130 degC,
    0.3 h -> 95 +- 1 %, 1.2 +- 0.2 um); physics.md §3.
    """
    p = get_sintering_params(params)
    geometry = _check_geometry(geometry)
    h_g = np.asarray(green_thickness, dtype=float)
    rho_g = np.asarray(green_density, dtype=float)

    t_eq = equivalent_time(dwell_temperature, dwell_time, p.activation_energy, ramp_rate=ramp_rate,
                           cooling_rate=cooling_rate, reference_temperature=p.reference_temperature,
                           room_temperature=p.room_temperature, inverse_temperature=True)
    f = degassed_fraction(h_g, dwell_temperature, dwell_time, ramp_rate=ramp_rate,
                          cooling_rate=cooling_rate, geometry=geometry, params=p)
    t_core = p.core_work_factor * t_eq
    rho_shell = _msc_from_log_work(_log_work_from_teq(t_eq, p), rho_g, p)
    rho_core = _msc_from_log_work(_log_work_from_teq(t_core, p), rho_g, p)
    rho = f * rho_shell + (1.0 - f) * rho_core
    grains = f * _grain_size_from_teq(t_eq, rho_g, p) + (1.0 - f) * _grain_size_from_teq(t_core, rho_g, p)

    loss = li_loss_fraction(h_g, rho_g, dwell_temperature, dwell_time, ramp_rate=ramp_rate,
                            cooling_rate=cooling_rate, excess_li=excess_li, cover_powder=cover_powder,
                            geometry=geometry, material=material, params=p)
    secondary = secondary_phase_fraction(loss, excess_li, material=material, params=p)
    h_f = fired_thickness(h_g, rho_g, rho, geometry=geometry)

    shape = np.broadcast_shapes(rho.shape, grains.shape, loss.shape, secondary.shape, h_f.shape, f.shape)
    return Sintered(*(np.broadcast_to(a, shape).copy() for a in (rho, grains, loss, secondary, h_f, f)))
