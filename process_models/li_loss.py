"""Li loss of a fired oxide body: Li2O volatilisation through its exposed faces, and the secondary phase it leaves.

* **Li loss** -- Li2O volatilisation flux per exposed area
  ``J = k0 exp(-E/(R T)) (1 - p/p_eq)``; the Li lost per Li inventory scales
  with ``∫J dt * A/V`` (``A/V = 2/h`` free tape, ``1/h`` on a setter,
  ``2/h + 2/r`` pellet). A cover (mother) powder raises ``p`` toward ``p_eq``.
* **Secondary phase** -- once the loss exceeds the excess Li of the powder,
  the Li deficit decomposes garnet to La2Zr2O7 + La2O3 (lever rule).

Parameters: :data:`process_models.sintering_params.SINTERING_PARAMS`. SI units.
"""

from __future__ import annotations

import numpy as np

from process_models.materials import get_electrolyte
from .firing_profile import equivalent_time
from .sintering_params import check_geometry as _check_geometry
from .sintering_params import get_sintering_params

__all__ = ["surface_to_volume", "li_loss_fraction", "secondary_phase_fraction"]


def surface_to_volume(thickness, geometry="free", *, params="Ga-LLZO-tape"):
    """Exposed area per volume of a fired body.

    ``A/V = 2/h`` (free tape, both faces), ``1/h`` (tape on a setter, one
    face), ``2/h + 2/r`` (pellet of radius ``r``: both faces and the rim).

    Parameters
    ----------
    thickness : array_like
        Body thickness [m].
    geometry : {"free", "setter", "pellet"}
        Exposure geometry.
    params : str or SinteringParams
        Supplies the pellet radius.

    Returns
    -------
    numpy.ndarray
        A/V [m-1].
    """
    p = get_sintering_params(params)
    h = np.asarray(thickness, dtype=float)
    geometry = _check_geometry(geometry)
    if geometry == "free":
        return 2.0 / h
    if geometry == "setter":
        return 1.0 / h
    return 2.0 / h + 2.0 / p.pellet_radius


def li_loss_fraction(green_thickness, green_density, dwell_temperature, dwell_time, *,
                     ramp_rate=5 / 60, cooling_rate=5 / 60, excess_li=0.10, cover_powder=True,
                     geometry="free", material="Ga-LLZO", params="Ga-LLZO-tape"):
    """Li lost by Li2O volatilisation, per stoichiometric Li content.

    Flux per exposed area (Hertz-Knudsen form, undersaturation driven):

    .. math::

        J = J_\\mathrm{ref}\\, e^{\\frac{E}{R}\\left(\\frac{1}{T_\\mathrm{ref}}-\\frac{1}{T}\\right)}
        \\left(1 - \\frac{p}{p_\\mathrm{eq}}\\right)

    integrated over the whole profile (closed form, :func:`equivalent_time`
    with ``k = 0``). The linear loss per stoichiometric Li inventory of the
    green body is

    .. math::

        L_\\mathrm{lin} = \\frac{\\int J dt \\; (A/V)}{c_\\mathrm{Li}},\\qquad
        c_\\mathrm{Li} = \\frac{\\rho_g \\rho_\\mathrm{th} n_\\mathrm{Li}}{M}

    and the loss saturates at the whole Li content ``1 + excess_li``:
    ``L = (1 + e)(1 - exp(-L_lin/(1 + e)))``. ``p/p_eq`` is
    ``cover_saturation`` under a cover powder, ``open_saturation`` otherwise.
    Areas and volumes are those of the green body (the in-plane shrinkage of
    free bodies, which would lower ``A`` by a few tens of percent late in the
    firing, is neglected).

    Parameters
    ----------
    green_thickness : array_like
        Green thickness [m].
    green_density : array_like
        Green relative density [-].
    dwell_temperature : array_like
        Dwell temperature [K].
    dwell_time : array_like
        Dwell time [s].
    ramp_rate, cooling_rate : array_like
        Heating and cooling rates [K s-1].
    excess_li : array_like
        Molar excess Li of the starting powder over stoichiometry [-].
    cover_powder : bool or array_like of bool
        Fired under a sacrificial cover (mother) powder.
    geometry : {"free", "setter", "pellet"}
        Exposure geometry (:func:`surface_to_volume`).
    material : str or ElectrolyteMaterial
        Electrolyte (density, molar mass, Li per formula).
    params : str or SinteringParams
        Supplies ``J_ref``, ``E`` and the saturations.

    Returns
    -------
    numpy.ndarray
        Li lost / stoichiometric Li [-] in [0, 1 + excess_li).

    References
    ----------
    Model form: physics.md §3 (Li loss worst in thin tapes [seed]); ``E``
    from the Li2O sublimation enthalpy (Kudo, Wu & Ihle, J. Nucl. Mater. 78,
    380, 1978); ``J_ref`` and the cover factor assumed (see sources).
    """
    p = get_sintering_params(params)
    mat = get_electrolyte(material)
    t_j = equivalent_time(dwell_temperature, dwell_time, p.li_activation_energy,
                          ramp_rate=ramp_rate, cooling_rate=cooling_rate,
                          reference_temperature=p.reference_temperature,
                          room_temperature=p.room_temperature)
    saturation = np.where(np.asarray(cover_powder, dtype=bool), p.cover_saturation, p.open_saturation)
    lost_per_area = p.li_flux_ref * t_j * (1.0 - saturation)  # [mol Li m-2]
    c_li = np.asarray(green_density, dtype=float) * mat.theoretical_density * mat.li_per_formula / mat.molar_mass
    linear = lost_per_area * surface_to_volume(green_thickness, geometry, params=p) / c_li
    total = 1.0 + np.asarray(excess_li, dtype=float)
    return total * -np.expm1(-linear / total)


def secondary_phase_fraction(li_loss_fraction, excess_li=0.10, *, material="Ga-LLZO",
                             params="Ga-LLZO-tape"):
    """Volume fraction of La2Zr2O7 (+ La2O3) formed by the Li deficit.

    The excess Li (present as Li2O/Li2CO3) is lost first; only the deficit
    ``delta = max(0, L - e)`` below stoichiometry decomposes garnet. By the
    lever rule a fraction ``x = delta`` of formula units decomposes,
    ``Li7La3Zr2O12 -> La2Zr2O7 + 1/2 La2O3 + 7/2 Li2O(g)``, and its volume
    fraction in the solid is

    .. math:: \\phi = \\frac{x\\, r}{1 - x + x\\, r},\\qquad
              r = \\frac{V_\\mathrm{products}}{M/\\rho_\\mathrm{th}}

    Parameters
    ----------
    li_loss_fraction : array_like
        Li lost / stoichiometric Li [-].
    excess_li : array_like
        Molar excess Li of the starting powder [-].
    material : str or ElectrolyteMaterial
        Electrolyte (molar volume of the garnet).
    params : str or SinteringParams
        Supplies the molar volume of the decomposition products.

    Returns
    -------
    numpy.ndarray
        Secondary-phase volume fraction [-] in [0, 1]; exactly 0 while the
        loss does not exceed the excess.
    """
    p = get_sintering_params(params)
    mat = get_electrolyte(material)
    x = np.clip(np.asarray(li_loss_fraction, dtype=float) - np.asarray(excess_li, dtype=float), 0.0, 1.0)
    r = p.decomposed_molar_volume / (mat.molar_mass / mat.theoretical_density)
    return x * r / (1.0 - x + x * r)
