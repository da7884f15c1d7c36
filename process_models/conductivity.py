"""Effective ionic and electronic conductivity of a porous polycrystalline electrolyte.

The conductivity of a processed electrolyte layer is built from the dense,
phase-pure bulk value of :mod:`process_models.materials` by independent
multiplicative factors::

    sigma = sigma_bulk(T) * F_sec(x_sec) * F_por(phi) * F_gb(d, T) * r

* ``sigma_bulk(T)``: Arrhenius law about 298.15 K,
  ``sigma_bulk(T) = sigma_298 * exp(-(E_a/k_B) * (1/T - 1/298.15))``.
* ``F_sec``: blocking secondary phase (La2Zr2O7 / tetragonal LLZO for garnets,
  hydrolysis or decomposition products for argyrodites) mixed with the
  conducting phase by the symmetric Bruggeman effective-medium approximation.
* ``F_por``: density dependence, the generalised percolation law
  ``((phi - phi_c) / (1 - phi_c))**t`` (zero below ``phi_c``).  Sintered oxides
  use ``phi_c = 0, t = 1.5`` (the Bruggeman / differential-effective-medium
  result for isolated insulating pores); cold-pressed sulphides use ``t = 2``
  with a fitted ``phi_c`` (conduction through particle-contact necks).
* ``F_gb``: brick-layer grain-boundary series resistance,
  ``1 / (1 + d_star(T) / d)`` with grain size ``d``.
* ``r``: ``retained_fraction``, degradation multipliers computed elsewhere
  (sulphide hydrolysis, solvent re-precipitation penalty).

Per-material parameters are data (:data:`CONDUCTION_PARAMETERS`), each value
with its source; see ``docs/models/conductivity.md`` for the derivations and
fits.  SI units throughout: conductivity [S m-1], temperature [K], lengths [m].
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

import numpy as np

from process_models.materials import ElectrolyteMaterial, get_electrolyte
from .constants import BOLTZMANN_EV, ROOM_TEMPERATURE
from .registry import lookup
from .validation import fraction as _check_fraction
from .validation import positive as _check_positive

__all__ = [
    "ConductionParameters",
    "CONDUCTION_PARAMETERS",
    "get_conduction_parameters",
    "ionic_conductivity",
    "electronic_conductivity",
    "arrhenius_factor",
    "porosity_factor",
    "secondary_phase_factor",
    "grain_boundary_factor",
]

#: Boltzmann constant [eV K-1] (process_models.constants).
K_B_EV = BOLTZMANN_EV
#: Reference temperature of the bulk values in materials.py [K].
T_REF = ROOM_TEMPERATURE


@dataclass(frozen=True)
class ConductionParameters:
    """Transport parameters of one electrolyte (besides the bulk values).

    Attributes
    ----------
    activation_energy : float
        Bulk ionic activation energy [eV].
    percolation_threshold : float
        ``phi_c`` of the density law [-]; 0 with ``exponent = 1.5`` is Bruggeman.
    percolation_exponent : float
        ``t`` of the density law [-].
    gb_length : float
        Brick-layer characteristic grain size ``d_star = delta * sigma_bulk /
        sigma_gb`` at 298.15 K [m]; grain-boundary resistance equals the bulk
        resistance at grain size ``d_star``.
    gb_extra_activation_energy : float
        ``E_a,gb - E_a,bulk`` [eV], the temperature dependence of ``d_star``.
    secondary_phase_ratio : float
        Conductivity of the secondary phase over the bulk conductivity [-].
    electronic_activation_energy : float
        Activation energy of the electronic conductivity [eV].
    li_loss_electronic_coefficient : float
        ``beta`` in ``sigma_e ∝ exp(beta * li_loss_fraction)`` [-].
    sources : Mapping[str, str]
        Source of each value, keyed by attribute name.
    """

    activation_energy: float
    percolation_threshold: float
    percolation_exponent: float
    gb_length: float
    gb_extra_activation_energy: float
    secondary_phase_ratio: float
    electronic_activation_energy: float
    li_loss_electronic_coefficient: float
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)


_OXIDE_SOURCES = {
    "percolation_threshold": (
        "0 with t = 1.5: Bruggeman sigma*phi^1.5 [read, physics.md §5]; chosen for sintered "
        "garnets because above ~85 % density their pores are isolated inclusions in a connected "
        "matrix, the case the Bruggeman/differential-effective-medium result describes. "
        "Reproduces Yi et al. 2017 (95 %, 1.2 um grains -> 1.3 mS/cm) within 2 %."
    ),
    "percolation_exponent": "1.5, Bruggeman exponent for spherical pores [read, physics.md §5]",
    "gb_length": (
        "2e-8 m [assumed]: with the 1.4 mS/cm dense bulk of materials.py the 95 % dense, 1.2 um "
        "grained tape of Yi et al. 2017 (1.3 mS/cm) leaves <= ~3 % of the resistance to grain "
        "boundaries; d_star = 20 nm gives 1.7 % at 1.2 um grains"
    ),
    "gb_extra_activation_energy": (
        "0.1 eV [assumed]: garnet grain boundaries are commonly reported with a higher activation "
        "energy than the bulk; value not confirmed here"
    ),
    "secondary_phase_ratio": (
        "1e-3 [assumed within a read bound]: cubic LLZO conducts 'more than two orders of magnitude' "
        "better than tetragonal/low-temperature-cubic LLZO (Ghorbanzade et al., J. Mater. Chem. A "
        "2023, read); La2Zr2O7 conducts Li+ even less, so a mixed secondary phase is taken 1e-3"
    ),
    "electronic_activation_energy": (
        "0.5 eV [assumed]: no value found; only the 298 K electronic conductivity (materials.py) is "
        "sourced"
    ),
    "li_loss_electronic_coefficient": (
        "0 [not sourced]: no quantitative source for the rise of LLZO electronic conductivity with "
        "Li loss was found, so by default the electronic conductivity is the bulk value scaled by "
        "density; pass li_loss_coefficient to explore the effect"
    ),
}

_SULPHIDE_SOURCES = {
    "percolation_threshold": (
        "0.524 [fitted]: with t = 2 and sigma_bulk = 3 mS/cm (materials.py) chosen jointly with the "
        "Heckel parameters of cold_pressing.py so that Li6PS5Cl pressed at 250/625 MPa gives "
        "1.02/1.54 mS/cm (Yan et al., J. Colloid Interface Sci. 2026, read via summary) and "
        "400 MPa gives 83 % density (Nat. Energy 2025, doi 10.1038/s41560-025-01847-0, read). "
        "0.52 is close to loose random packing: below it particles touch at points only and no "
        "ion-conducting neck network exists. physics.md's phi_c ~ 0.2-0.3 [verify] could not be "
        "reconciled with these data (it gives ~0.9 of bulk at 85 % density)"
    ),
    "percolation_exponent": (
        "2.0: universal conductivity exponent of 3D percolation (t ~ 2, physics.md §5 [verify]; "
        "textbook value, not re-read here)"
    ),
    "gb_length": (
        "0 [assumed]: for cold-pressed argyrodites the particle-contact (grain-boundary) resistance "
        "is lumped into the fitted percolation threshold, so grain_size has no effect"
    ),
    "gb_extra_activation_energy": "0 (unused, gb_length = 0)",
    "secondary_phase_ratio": (
        "1e-4 [assumed]: hydrolysis/decomposition products (Li3PO4, LiOH, Li2S, LiCl) conduct Li+ "
        "orders of magnitude worse than argyrodite; treated as nearly blocking"
    ),
    "electronic_activation_energy": "0.5 eV [assumed]: no value found",
    "li_loss_electronic_coefficient": "0 [not applicable]: sulphides are not fired",
}

CONDUCTION_PARAMETERS: Mapping[str, ConductionParameters] = MappingProxyType(
    {
        "Ga-LLZO": ConductionParameters(
            activation_energy=0.25,
            percolation_threshold=0.0,
            percolation_exponent=1.5,
            gb_length=2e-8,
            gb_extra_activation_energy=0.1,
            secondary_phase_ratio=1e-3,
            electronic_activation_energy=0.5,
            li_loss_electronic_coefficient=0.0,
            sources={
                **_OXIDE_SOURCES,
                "activation_energy": (
                    "0.25 eV [read]: Li6.4Ga0.2La3Zr2O12 pellets, Arrhenius activation energies "
                    "0.23-0.27 eV ('Empirical decay relationship between ionic conductivity and "
                    "porosity of garnet-type inorganic solid-state electrolytes', abstract read)"
                ),
            },
        ),
        "Ta-LLZO": ConductionParameters(
            activation_energy=0.35,
            percolation_threshold=0.0,
            percolation_exponent=1.5,
            gb_length=2e-8,
            gb_extra_activation_energy=0.1,
            secondary_phase_ratio=1e-3,
            electronic_activation_energy=0.5,
            li_loss_electronic_coefficient=0.0,
            sources={
                **_OXIDE_SOURCES,
                "activation_energy": "0.35 eV [assumed]: typical of Ta-doped garnets, not confirmed here",
            },
        ),
        "Al-LLZO": ConductionParameters(
            activation_energy=0.33,
            percolation_threshold=0.0,
            percolation_exponent=1.5,
            gb_length=2e-8,
            gb_extra_activation_energy=0.1,
            secondary_phase_ratio=1e-3,
            electronic_activation_energy=0.5,
            li_loss_electronic_coefficient=0.0,
            sources={
                **_OXIDE_SOURCES,
                "activation_energy": "0.33 eV [assumed]: typical of Al-doped garnets, not confirmed here",
            },
        ),
        "Li6PS5Cl": ConductionParameters(
            activation_energy=0.30,
            percolation_threshold=0.524,
            percolation_exponent=2.0,
            gb_length=0.0,
            gb_extra_activation_energy=0.0,
            secondary_phase_ratio=1e-4,
            electronic_activation_energy=0.5,
            li_loss_electronic_coefficient=0.0,
            sources={
                **_SULPHIDE_SOURCES,
                "activation_energy": (
                    "0.30 eV [assumed]: between 0.22 eV of liquid-phase Li6PS5Cl (Rosero-Navarro et "
                    "al., Bol. Soc. Esp. Ceram. Vidr. 62, 187, 2023, read) and ~0.4 eV often quoted "
                    "for ball-milled Li6PS5Cl (not confirmed here)"
                ),
            },
        ),
        "Li5.4PS4.4Cl1.6": ConductionParameters(
            activation_energy=0.28,
            percolation_threshold=0.524,
            percolation_exponent=2.0,
            gb_length=0.0,
            gb_extra_activation_energy=0.0,
            secondary_phase_ratio=1e-4,
            electronic_activation_energy=0.5,
            li_loss_electronic_coefficient=0.0,
            sources={
                **_SULPHIDE_SOURCES,
                "percolation_threshold": (
                    "0.524 [assumed]: the Li6PS5Cl fit (same argyrodite compaction assumed)"
                ),
                "activation_energy": (
                    "0.28 eV [assumed]: Cl-rich argyrodites have slightly lower barriers than "
                    "Li6PS5Cl; not confirmed here"
                ),
            },
        ),
    }
)


def get_conduction_parameters(material: str | ElectrolyteMaterial) -> ConductionParameters:
    """Return the transport parameters of ``material``.

    Parameters
    ----------
    material : str or ElectrolyteMaterial
        Registry name, or a parameter set whose ``name`` is registered.

    Raises
    ------
    KeyError
        If the name is unknown; the message lists the valid names.
    """
    name = material.name if isinstance(material, ElectrolyteMaterial) else material
    return lookup(CONDUCTION_PARAMETERS, name, "conduction parameters")


def arrhenius_factor(temperature, activation_energy, reference_temperature=T_REF):
    """Arrhenius multiplier relative to a reference temperature.

    ``exp(-(E_a / k_B) * (1/T - 1/T_ref))``

    Parameters
    ----------
    temperature : array_like
        Temperature [K].
    activation_energy : float or array_like
        Activation energy [eV].
    reference_temperature : float
        Temperature at which the factor is 1 [K]; default 298.15 K.

    Returns
    -------
    numpy.ndarray
        Multiplier [-].
    """
    temperature = _check_positive("temperature", temperature)
    return np.exp(-(np.asarray(activation_energy) / K_B_EV) * (1.0 / temperature - 1.0 / reference_temperature))


def porosity_factor(relative_density, percolation_threshold, exponent):
    """Density factor of the generalised percolation law.

    ``F = ((phi - phi_c) / (1 - phi_c))**t`` for ``phi > phi_c``, else 0.
    With ``phi_c = 0, t = 1.5`` this is the Bruggeman law ``phi**1.5``.

    Parameters
    ----------
    relative_density : array_like
        Solid volume fraction ``phi`` [-] in [0, 1].
    percolation_threshold : float
        ``phi_c`` [-] in [0, 1).
    exponent : float
        ``t`` [-].

    Returns
    -------
    numpy.ndarray
        Multiplier in [0, 1] [-].

    References
    ----------
    physics.md §5 (Bruggeman [read]; percolation t ~ 2 [verify]).
    """
    phi = _check_fraction("relative_density", relative_density)
    u = np.clip((phi - percolation_threshold) / (1.0 - percolation_threshold), 0.0, 1.0)
    return u**exponent


def secondary_phase_factor(secondary_phase_fraction, conductivity_ratio):
    """Effective-medium factor of a poorly conducting second phase.

    Symmetric Bruggeman effective-medium approximation for spherical grains of
    the main phase (conductivity 1) and a secondary phase (conductivity
    ``s``) of volume fraction ``x``::

        x (s - F)/(s + 2F) + (1 - x)(1 - F)/(1 + 2F) = 0
        F = (b + sqrt(b**2 + 8 s)) / 4,   b = (2 - 3x) + (3x - 1) s

    ``F(0) = 1``, ``F(1) = s``; for ``s -> 0`` the conducting phase stops
    percolating at ``x = 2/3``.

    Parameters
    ----------
    secondary_phase_fraction : array_like
        Volume fraction ``x`` of the secondary phase in the solid [-], [0, 1].
    conductivity_ratio : float
        ``s``, secondary-phase over main-phase conductivity [-].

    Returns
    -------
    numpy.ndarray
        Multiplier in [s, 1] [-].

    References
    ----------
    D. A. G. Bruggeman, Ann. Phys. 416, 636 (1935) (standard EMA; not re-read here).
    """
    x = _check_fraction("secondary_phase_fraction", secondary_phase_fraction)
    s = float(conductivity_ratio)
    b = (2.0 - 3.0 * x) + (3.0 * x - 1.0) * s
    return (b + np.sqrt(b * b + 8.0 * s)) / 4.0


def grain_boundary_factor(grain_size, gb_length):
    """Brick-layer grain-boundary factor.

    Grains of size ``d`` in series with boundaries of thickness ``delta`` and
    specific conductivity ``sigma_gb``::

        1/sigma = 1/sigma_g + (delta/d)/sigma_gb   =>   F = 1 / (1 + d_star/d),
        d_star = delta * sigma_g / sigma_gb

    Parameters
    ----------
    grain_size : array_like or None
        Mean grain size ``d`` [m]; None means no grain-boundary term (F = 1).
    gb_length : float or array_like
        ``d_star`` [m].

    Returns
    -------
    numpy.ndarray
        Multiplier in (0, 1] [-].

    References
    ----------
    Brick-layer model, e.g. Haile, West & Campbell, J. Mater. Res. 13, 1576
    (1998) (standard form; not re-read here).
    """
    if grain_size is None:
        return np.asarray(1.0)
    d = _check_positive("grain_size", grain_size)
    return 1.0 / (1.0 + np.asarray(gb_length) / d)


def ionic_conductivity(
    relative_density,
    *,
    secondary_phase_fraction=0.0,
    grain_size=None,
    retained_fraction=1.0,
    temperature=298.15,
    material="Ga-LLZO",
) -> np.ndarray:
    """Effective Li+ conductivity of a porous polycrystalline electrolyte.

    ``sigma = sigma_298 * A(T) * F_sec(x) * F_por(phi) / F_por(phi_ref) * F_gb(d, T) * r``

    with ``A(T) = exp(-(E_a/k_B)(1/T - 1/298.15))``, ``F_sec`` the symmetric
    Bruggeman effective-medium factor of the secondary phase
    (:func:`secondary_phase_factor`), ``F_por = ((phi-phi_c)/(1-phi_c))**t``
    (:func:`porosity_factor`; oxides phi_c = 0, t = 1.5 = Bruggeman; sulphides
    t = 2, phi_c = 0.524 fitted to cold-pressed Li6PS5Cl), ``phi_ref`` the
    relative density at which the material's conductivity was measured
    (1 for a dense value; Cao 2023's 7.8 mS/cm is a pellet value at 0.84, so
    a pellet of that density has 7.8 mS/cm, not 7.8 derated again), ``F_gb = 1/(1 +
    d_star(T)/d)`` (brick layer, :func:`grain_boundary_factor`) and ``r`` the
    retained fraction from degradation models.

    Parameters
    ----------
    relative_density : array_like
        Relative density ``phi`` [-] in [0, 1].
    secondary_phase_fraction : array_like, optional
        Volume fraction of La2Zr2O7 / tetragonal LLZO (oxides) or of
        decomposition products (sulphides) in the solid [-], [0, 1]. Default 0.
    grain_size : array_like or None, optional
        Mean grain size [m]; None (default) omits the grain-boundary term.
        Has no effect for sulphides (contact resistance is in their fitted phi_c).
    retained_fraction : array_like, optional
        Degradation multiplier [-] in [0, 1] (e.g. from
        :func:`process_models.air_exposure.sulphide_retained_conductivity` or
        the spray re-precipitation penalty). Default 1.
    temperature : array_like, optional
        Temperature [K]. Default 298.15 K.
    material : str or ElectrolyteMaterial, optional
        Electrolyte name in :data:`process_models.materials.ELECTROLYTES`.

    Returns
    -------
    numpy.ndarray
        Ionic conductivity [S m-1] (0 below the percolation threshold).

    References
    ----------
    Bulk values: :mod:`process_models.materials`. Checks: Yi, Wang, Kieffer &
    Laine, J. Power Sources 2017 (95 % dense Ga-LLZO, 1.2 um grains ->
    1.3 mS/cm; model 1.275 mS/cm); Cao et al., Adv. Funct. Mater. 2023
    (Li5.4PS4.4Cl1.6, 7.8 mS/cm). Parameter sources:
    :data:`CONDUCTION_PARAMETERS`.

    Examples
    --------
    >>> round(float(ionic_conductivity(0.95, grain_size=1.2e-6)) * 10, 3)  # mS/cm
    1.275
    """
    mat = get_electrolyte(material)
    par = get_conduction_parameters(mat)
    r = _check_fraction("retained_fraction", retained_fraction)
    temperature = _check_positive("temperature", temperature)
    # a value measured on a pellet already carries its pellet's porosity: scale from there, not from dense
    reference = porosity_factor(mat.conductivity_reference_density, par.percolation_threshold, par.percolation_exponent)
    sigma = (
        mat.bulk_ionic_conductivity
        * arrhenius_factor(temperature, par.activation_energy)
        * secondary_phase_factor(secondary_phase_fraction, par.secondary_phase_ratio)
        * porosity_factor(relative_density, par.percolation_threshold, par.percolation_exponent) / reference
        * r
    )
    if grain_size is not None and par.gb_length > 0.0:
        d_star = par.gb_length / arrhenius_factor(temperature, par.gb_extra_activation_energy)
        sigma = sigma * grain_boundary_factor(grain_size, d_star)
    return np.asarray(sigma, dtype=float)


def electronic_conductivity(
    relative_density,
    *,
    li_loss_fraction=0.0,
    temperature=298.15,
    material="Ga-LLZO",
    li_loss_coefficient=None,
) -> np.ndarray:
    """Electronic conductivity of a porous electrolyte.

    ``sigma_e = sigma_e,298 * exp(-(E_e/k_B)(1/T - 1/298.15)) * F_por(phi) * exp(beta * f_Li)``

    Electrons use the same solid skeleton as the ions, so the same density
    factor ``F_por`` applies. ``beta`` (enhancement by Li loss ``f_Li``, e.g.
    through Li2O/oxygen loss on firing) is 0 by default because no
    quantitative source was found; the default is therefore the bulk value
    scaled by density, as the brief allows.

    Parameters
    ----------
    relative_density : array_like
        Relative density [-] in [0, 1].
    li_loss_fraction : array_like, optional
        Fraction of the formula Li lost on firing [-], >= 0. Default 0.
    temperature : array_like, optional
        Temperature [K]. Default 298.15 K.
    material : str or ElectrolyteMaterial, optional
        Electrolyte name.
    li_loss_coefficient : float, optional
        Override of ``beta`` [-] (assumption, for sensitivity studies).

    Returns
    -------
    numpy.ndarray
        Electronic conductivity [S m-1].

    References
    ----------
    298 K bulk values: :mod:`process_models.materials` (LLZO 1e-8..1e-7 S/cm
    [seed]; Li5.4PS4.4Cl1.6 3.2e-9 S/cm, Cao et al. 2023 [seed]).
    """
    mat = get_electrolyte(material)
    par = get_conduction_parameters(mat)
    f_li = np.asarray(li_loss_fraction, dtype=float)
    if np.any(~(f_li >= 0)) or np.any(~np.isfinite(f_li)):
        raise ValueError(f"li_loss_fraction must be >= 0; got {f_li}")
    beta = par.li_loss_electronic_coefficient if li_loss_coefficient is None else float(li_loss_coefficient)
    sigma = (
        mat.electronic_conductivity
        * arrhenius_factor(temperature, par.electronic_activation_energy)
        * porosity_factor(relative_density, par.percolation_threshold, par.percolation_exponent)
        * np.exp(beta * f_li)
    )
    return np.asarray(sigma, dtype=float)
