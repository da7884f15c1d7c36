"""Doctor-blade tape casting of oxide electrolyte green tapes.

A slurry of ceramic powder in a solvent/binder vehicle is dragged under a
doctor blade by the moving carrier and pushed by the head of slurry in the
reservoir; the wet film dries to a green tape, which may crack on drying.

* **Wet thickness** (Chou, Ko & Yan, J. Am. Ceram. Soc. 70, C-280, 1987):
  plane Couette (drag) plus Poiseuille (head pressure) flow through the
  blade channel of gap ``h0`` and land length ``L``; flow rate per width
  ``q = U h0/2 + h0^3 dP/(12 eta L)``, so
  ``h_wet = alpha * q/U = (alpha h0/2)(1 + h0^2 dP/(6 eta U L))``.
  The slurry is shear thinning: ``eta`` is the power-law apparent viscosity
  at the channel shear rate ``U/h0`` (Joshi et al., J. Mater. Process.
  Technol. 120, 215, 2002).
* **Green thickness**: conservation of solids volume,
  ``h_green = h_wet * phi_wet / phi_green``.
* **Drying cracks**: maximum crack-free thickness (Singh & Tirumkudulu,
  PRL 98, 218302, 2007; Tirumkudulu & Russel, Langmuir 21, 4938, 2005)
  ``h_max = 0.64 (G M phi_rcp/(2 gamma))^0.5 (2 gamma/(-p_max))^1.5``
  with ``-p_max = k gamma/R``, hence ``h_max ∝ R^1.5``; a Weibull-like crack
  probability in ``h_green/h_max``.

Slurry/tape parameters are data (:data:`SLURRY_PARAMS`), each with its
source; see ``docs/models/tape_casting.md``. SI units throughout.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping, NamedTuple

import numpy as np

from process_models.materials import get_electrolyte
from .constants import STANDARD_GRAVITY
from .registry import lookup

__all__ = [
    "SlurryParams",
    "SLURRY_PARAMS",
    "get_slurry_params",
    "CastTape",
    "cast_tape",
    "slurry_density",
    "apparent_viscosity",
    "wet_thickness",
    "green_thickness",
    "max_crack_free_thickness",
    "drying_crack_probability",
]

#: Standard gravity [m s-2] (process_models.constants).
G_STANDARD = STANDARD_GRAVITY


@dataclass(frozen=True)
class SlurryParams:
    """Slurry, blade and drying parameters of one tape-casting system.

    Attributes
    ----------
    name : str
        Registry name.
    particle_radius : float
        Mean ceramic particle radius ``R`` [m].
    solvent_surface_tension : float
        Surface tension ``gamma`` of the solvent [N m-1].
    vehicle_density : float
        Density of the solvent + dissolved binder/plasticiser [kg m-3].
    blade_land_length : float
        Length ``L`` of the blade channel in the casting direction [m].
    alpha : float
        Empirical correction of the wet thickness (side flow, exit effects) [-].
    flow_index : float
        Power-law index ``n`` of the shear-thinning slurry [-].
    reference_shear_rate : float
        Shear rate at which ``slurry_viscosity`` is quoted [s-1].
    green_density : float
        Relative density (ceramic volume fraction) of the dried green tape [-].
    coordination_number : float
        Mean particle coordination number ``M`` in the consolidated film [-].
    phi_rcp : float
        Random close packing fraction in the Singh-Tirumkudulu criterion [-].
    capillary_pressure_factor : float
        ``k`` in the maximum capillary pressure ``-p_max = k gamma/R`` [-].
    crack_weibull_modulus : float
        Weibull modulus ``m`` of the drying-crack probability [-].
    sources : Mapping[str, str]
        Source of each value, keyed by attribute name.
    """

    name: str
    particle_radius: float
    solvent_surface_tension: float
    vehicle_density: float
    blade_land_length: float
    alpha: float
    flow_index: float
    reference_shear_rate: float
    green_density: float
    coordination_number: float
    phi_rcp: float
    capillary_pressure_factor: float
    crack_weibull_modulus: float
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)


SLURRY_PARAMS: Mapping[str, SlurryParams] = MappingProxyType(
    {
        "LLZO-slurry": SlurryParams(
            name="LLZO-slurry",
            particle_radius=0.5e-6,
            solvent_surface_tension=0.0224,
            vehicle_density=880.0,
            blade_land_length=2e-3,
            alpha=1.0,
            flow_index=0.7,
            reference_shear_rate=100.0,
            green_density=0.55,
            coordination_number=6.0,
            phi_rcp=0.64,
            capillary_pressure_factor=5.3,
            crack_weibull_modulus=6.0,
            sources={
                "particle_radius": (
                    "0.5 um [assumed]: d50 ~ 1 um, typical of calcined and milled garnet powders for "
                    "tape casting; sets h_max ~ 120 um green"
                ),
                "solvent_surface_tension": "22.4 mN/m: ethanol at 20 degC (CRC Handbook) [assumed solvent]",
                "vehicle_density": (
                    "880 kg/m3 [assumed]: ethanol/toluene (789/867 kg/m3) with dissolved PVB binder "
                    "(~1080 kg/m3)"
                ),
                "blade_land_length": "2 mm [assumed]: land (thickness) of a lab doctor blade",
                "alpha": (
                    "1.0 [assumed]: ideal Couette-Poiseuille limit, upper end of the 0.6-1.0 range of "
                    "physics.md [verify]; the range could not be confirmed. Calibrate against a "
                    "measured wet thickness (Berni, Mennig & Schmidt report practical wet layers of "
                    "60-70 % of the blade gap for doctor-bladed sols)"
                ),
                "flow_index": (
                    "0.7 [assumed]: shear-thinning ceramic slurry, power law as in Joshi et al., "
                    "J. Mater. Process. Technol. 120, 215 (2002) [read]"
                ),
                "reference_shear_rate": (
                    "100 1/s [assumed]: the channel shear rate U/h0 of a typical cast (1 cm/s under a "
                    "100 um gap), so the input viscosity is used unchanged there"
                ),
                "green_density": (
                    "0.55 [assumed]: ceramic volume fraction of dried tapes with binder, typically "
                    "0.5-0.6"
                ),
                "coordination_number": "6 [read via physics.md]: Singh & Tirumkudulu, PRL 2007",
                "phi_rcp": "0.64 [read via physics.md]: Singh & Tirumkudulu, PRL 2007",
                "capillary_pressure_factor": (
                    "5.3 [assumed]: -p_max ~ 5.3 gamma/R, the value usually quoted from "
                    "Tirumkudulu & Russel (Langmuir 2005) for random close packed spheres; not "
                    "re-read here. Any constant keeps h_max ∝ R^1.5"
                ),
                "crack_weibull_modulus": (
                    "6 [assumed]: crack probability 50 % at h_max, ~1 % at h_max/2, ~97 % at "
                    "1.3 h_max (scatter of local packing and flaws)"
                ),
            },
        ),
    }
)


def get_slurry_params(name: str | SlurryParams) -> SlurryParams:
    """Return the slurry parameter set called ``name``.

    Parameters
    ----------
    name : str or SlurryParams
        Registry name, or a parameter set (returned unchanged).

    Raises
    ------
    KeyError
        If the name is unknown; the message lists the valid names.
    """
    return lookup(SLURRY_PARAMS, name, "slurry parameter set")


def slurry_density(solids_fraction, *, material="Ga-LLZO", params="LLZO-slurry"):
    """Slurry density from its composition (rule of mixtures).

    ``rho_slurry = phi rho_ceramic + (1 - phi) rho_vehicle``

    Parameters
    ----------
    solids_fraction : array_like
        Volume fraction of ceramic in the wet slurry [-].
    material : str or ElectrolyteMaterial
        Ceramic (theoretical density).
    params : str or SlurryParams
        Supplies the vehicle density.

    Returns
    -------
    numpy.ndarray
        Slurry density [kg m-3].
    """
    p = get_slurry_params(params)
    phi = np.asarray(solids_fraction, dtype=float)
    return phi * get_electrolyte(material).theoretical_density + (1.0 - phi) * p.vehicle_density


def apparent_viscosity(shear_rate, slurry_viscosity, *, params="LLZO-slurry"):
    """Power-law (shear-thinning) apparent viscosity.

    ``eta(gamma_dot) = eta_ref (gamma_dot / gamma_dot_ref)^(n - 1)``

    Parameters
    ----------
    shear_rate : array_like
        Shear rate [s-1].
    slurry_viscosity : array_like
        Apparent viscosity ``eta_ref`` at the reference shear rate [Pa s].
    params : str or SlurryParams
        Supplies ``n`` and ``gamma_dot_ref``.

    Returns
    -------
    numpy.ndarray
        Apparent viscosity [Pa s].

    References
    ----------
    Joshi, Lam, Boey & Tok, J. Mater. Process. Technol. 120, 215 (2002).
    """
    p = get_slurry_params(params)
    ratio = np.asarray(shear_rate, dtype=float) / p.reference_shear_rate
    return np.asarray(slurry_viscosity, dtype=float) * ratio ** (p.flow_index - 1.0)


def wet_thickness(blade_gap, casting_speed, slurry_viscosity, reservoir_height, solids_fraction, *,
                  material="Ga-LLZO", params="LLZO-slurry"):
    """Wet tape thickness behind a doctor blade (Chou, Ko & Yan 1987).

    .. math::

        h_\\mathrm{wet} = \\frac{\\alpha h_0}{2}
        \\left(1 + \\frac{h_0^2\\, \\Delta P}{6\\, \\eta\\, U L}\\right),\\qquad
        \\Delta P = \\rho_\\mathrm{slurry}\\, g H

    the flow rate per unit width of plane Couette (drag, ``U h0/2``) plus
    Poiseuille (head, ``h0^3 dP/(12 eta L)``) flow through the blade channel,
    divided by the carrier speed. ``eta`` is the power-law apparent viscosity
    at the drag shear rate ``U/h0`` (:func:`apparent_viscosity`); using one
    apparent viscosity for both terms is the usual reduced-order
    approximation of the exact power-law solution (Joshi et al. 2002).

    Parameters
    ----------
    blade_gap : array_like
        Blade gap ``h0`` [m].
    casting_speed : array_like
        Carrier (or blade) speed ``U`` [m s-1].
    slurry_viscosity : array_like
        Apparent viscosity at the reference shear rate [Pa s].
    reservoir_height : array_like
        Slurry height ``H`` in the reservoir [m].
    solids_fraction : array_like
        Ceramic volume fraction of the wet slurry [-] (sets the slurry density).
    material : str or ElectrolyteMaterial
        Ceramic.
    params : str or SlurryParams
        Supplies ``alpha``, ``L``, ``n``, vehicle density.

    Returns
    -------
    numpy.ndarray
        Wet thickness [m].

    References
    ----------
    Y. T. Chou, Y. T. Ko & M. F. Yan, J. Am. Ceram. Soc. 70, C-280 (1987);
    S. C. Joshi et al., J. Mater. Process. Technol. 120, 215 (2002).
    """
    p = get_slurry_params(params)
    h0 = np.asarray(blade_gap, dtype=float)
    u = np.asarray(casting_speed, dtype=float)
    rho = slurry_density(solids_fraction, material=material, params=p)
    dp = rho * G_STANDARD * np.asarray(reservoir_height, dtype=float)
    eta = apparent_viscosity(u / h0, slurry_viscosity, params=p)
    return 0.5 * p.alpha * h0 * (1.0 + h0**2 * dp / (6.0 * eta * u * p.blade_land_length))


def green_thickness(wet_thickness, solids_fraction, *, green_density=None, params="LLZO-slurry"):
    """Dried (green) tape thickness from conservation of the ceramic volume.

    ``h_green = h_wet * phi_wet / phi_green``  (drying shrinks the tape in
    thickness only; it is pinned to the carrier in-plane).

    Parameters
    ----------
    wet_thickness : array_like
        Wet thickness [m].
    solids_fraction : array_like
        Ceramic volume fraction of the wet slurry ``phi_wet`` [-].
    green_density : array_like, optional
        Ceramic volume fraction of the dried tape ``phi_green`` [-]; default
        from the parameter set.
    params : str or SlurryParams
        Parameter set.

    Returns
    -------
    numpy.ndarray
        Green thickness [m].
    """
    p = get_slurry_params(params)
    phi_g = p.green_density if green_density is None else np.asarray(green_density, dtype=float)
    return np.asarray(wet_thickness, dtype=float) * np.asarray(solids_fraction, dtype=float) / phi_g


def max_crack_free_thickness(particle_radius=None, *, shear_modulus=None, surface_tension=None,
                             coordination_number=None, phi_rcp=None, capillary_pressure_factor=None,
                             material="Ga-LLZO", params="LLZO-slurry"):
    """Maximum crack-free thickness of a drying particle film.

    .. math::

        h_\\max = 0.64 \\left(\\frac{G M \\phi_\\mathrm{rcp}}{2\\gamma}\\right)^{1/2}
        \\left(\\frac{2\\gamma}{-p_\\max}\\right)^{3/2},\\qquad
        -p_\\max = k \\frac{\\gamma}{R}

    so ``h_max = 0.64 (G M phi_rcp/(2 gamma))^0.5 (2R/k)^1.5 ∝ R^1.5``.

    Parameters
    ----------
    particle_radius : array_like, optional
        Particle radius ``R`` [m]; default from the parameter set.
    shear_modulus : array_like, optional
        Particle shear modulus ``G`` [Pa]; default the material's.
    surface_tension : array_like, optional
        Solvent surface tension ``gamma`` [N m-1]; default from the set.
    coordination_number, phi_rcp, capillary_pressure_factor : array_like, optional
        ``M`` [-], ``phi_rcp`` [-], ``k`` [-]; defaults from the set.
    material : str or ElectrolyteMaterial
        Ceramic (shear modulus).
    params : str or SlurryParams
        Parameter set.

    Returns
    -------
    numpy.ndarray
        Maximum crack-free (consolidated film) thickness [m].

    References
    ----------
    K. B. Singh & M. S. Tirumkudulu, Phys. Rev. Lett. 98, 218302 (2007);
    M. S. Tirumkudulu & W. B. Russel, Langmuir 21, 4938 (2005).
    """
    p = get_slurry_params(params)

    def pick(value, default):
        return np.asarray(default if value is None else value, dtype=float)

    r = pick(particle_radius, p.particle_radius)
    g = pick(shear_modulus, get_electrolyte(material).shear_modulus)
    gamma = pick(surface_tension, p.solvent_surface_tension)
    m = pick(coordination_number, p.coordination_number)
    phi = pick(phi_rcp, p.phi_rcp)
    k = pick(capillary_pressure_factor, p.capillary_pressure_factor)
    minus_p_max = k * gamma / r
    return 0.64 * np.sqrt(g * m * phi / (2.0 * gamma)) * (2.0 * gamma / minus_p_max) ** 1.5


def drying_crack_probability(green_thickness, max_crack_free_thickness, *, weibull_modulus=None,
                             params="LLZO-slurry"):
    """Probability that a sheet cracks on drying.

    ``P = 1 - exp(-ln 2 * (h / h_max)^m)``

    Assumption: the critical thickness scatters from sheet to sheet (local
    packing, agglomerates, flaws) with a Weibull distribution whose median is
    the Singh-Tirumkudulu ``h_max``: P = 1/2 at ``h = h_max``, rising
    smoothly and steeply through it.

    Parameters
    ----------
    green_thickness : array_like
        Consolidated (green) film thickness ``h`` [m].
    max_crack_free_thickness : array_like
        ``h_max`` [m] (:func:`max_crack_free_thickness`).
    weibull_modulus : float, optional
        ``m`` [-]; default from the parameter set.
    params : str or SlurryParams
        Parameter set.

    Returns
    -------
    numpy.ndarray
        Crack probability [-] in [0, 1].
    """
    p = get_slurry_params(params)
    m = p.crack_weibull_modulus if weibull_modulus is None else weibull_modulus
    x = np.asarray(green_thickness, dtype=float) / np.asarray(max_crack_free_thickness, dtype=float)
    return -np.expm1(-np.log(2.0) * x**m)


class CastTape(NamedTuple):
    """Result of casting and drying one tape (arrays broadcast over the inputs).

    Attributes
    ----------
    wet_thickness : numpy.ndarray
        Wet film thickness [m].
    green_thickness : numpy.ndarray
        Dried (green) tape thickness [m].
    green_density : numpy.ndarray
        Relative density of the dried green tape [-].
    max_crack_free_thickness : numpy.ndarray
        Singh-Tirumkudulu maximum crack-free thickness [m].
    crack_probability : numpy.ndarray
        Probability the sheet cracks on drying [-].
    """

    wet_thickness: np.ndarray
    green_thickness: np.ndarray
    green_density: np.ndarray
    max_crack_free_thickness: np.ndarray
    crack_probability: np.ndarray


def cast_tape(blade_gap, casting_speed, slurry_viscosity, reservoir_height, solids_fraction, *,
              material="Ga-LLZO", params="LLZO-slurry") -> CastTape:
    """Cast and dry a green tape with a doctor blade.

    Composition of :func:`wet_thickness` (Chou, Ko & Yan 1987 with a
    power-law slurry), :func:`green_thickness` (solids conservation),
    :func:`max_crack_free_thickness` (Singh & Tirumkudulu 2007) and
    :func:`drying_crack_probability` evaluated at the green thickness.

    Parameters
    ----------
    blade_gap : array_like
        Blade gap [m].
    casting_speed : array_like
        Casting speed [m s-1].
    slurry_viscosity : array_like
        Apparent slurry viscosity at the reference shear rate [Pa s].
    reservoir_height : array_like
        Slurry height in the reservoir [m] (head pressure rho g H).
    solids_fraction : array_like
        Ceramic volume fraction of the wet slurry [-].
    material : str or ElectrolyteMaterial
        Ceramic (density, shear modulus).
    params : str or SlurryParams
        Slurry/tape parameter set (:data:`SLURRY_PARAMS`).

    Returns
    -------
    CastTape
        ``wet_thickness`` [m], ``green_thickness`` [m], ``green_density`` [-],
        ``max_crack_free_thickness`` [m], ``crack_probability`` [-].
    """
    p = get_slurry_params(params)
    h_wet = wet_thickness(blade_gap, casting_speed, slurry_viscosity, reservoir_height, solids_fraction,
                          material=material, params=p)
    h_green = green_thickness(h_wet, solids_fraction, params=p)
    h_max = max_crack_free_thickness(material=material, params=p)
    prob = drying_crack_probability(h_green, h_max, params=p)
    rho_g = np.asarray(p.green_density, dtype=float)
    shape = np.broadcast_shapes(h_wet.shape, h_green.shape, prob.shape)
    return CastTape(*(np.broadcast_to(a, shape).copy() for a in (h_wet, h_green, rho_g, h_max, prob)))
