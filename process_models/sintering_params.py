"""Parameter sets of oxide (garnet) firing: densification, grain growth, degassing, Li loss.

Each set is data (:data:`SINTERING_PARAMS`), each value with its source or the
fit that produced it (``docs/models/sintering.md``); the physics that uses them
is in :mod:`process_models.sintering`, :mod:`process_models.li_loss` and
:mod:`process_models.firing_profile`. SI units.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from .registry import lookup

__all__ = ["GEOMETRIES", "SinteringParams", "SINTERING_PARAMS", "get_sintering_params", "check_geometry", "T_YI"]

#: Valid ``geometry`` names: exposed faces and shrinkage mode.
GEOMETRIES = ("free", "setter", "pellet")


@dataclass(frozen=True)
class SinteringParams:
    """Firing parameters of one oxide electrolyte powder/tape system.

    Attributes
    ----------
    name : str
        Registry name.
    activation_energy : float
        Apparent activation energy of densification ``Q`` of the MSC [J mol-1].
    msc_log_work_mid : float
        ``a``: ``ln Theta`` at the sigmoid midpoint, Theta in [s K-1] [-].
    msc_width : float
        ``b``: width of the sigmoid in ``ln Theta`` [-].
    max_density : float
        Upper asymptote of the MSC sigmoid [-].
    reference_temperature : float
        Temperature at which "equivalent times" are expressed [K].
    room_temperature : float
        Start and end temperature of the firing profile [K].
    initial_grain_size : float
        Grain (crystallite) size of the green body ``G0`` [m].
    grain_growth_rate : float
        ``K_G``: rate of ``G^2`` per second of equivalent time at the
        reference temperature, fully switched on [m2 s-1].
    grain_growth_onset_density : float
        Relative density at which pores stop pinning boundaries (centre of the
        logistic switch ``psi``) [-].
    grain_growth_onset_width : float
        Width of that switch in relative density [-].
    li_flux_ref : float
        ``J_ref``: Li atom loss flux per exposed area at the reference
        temperature into a Li2O-free atmosphere (``p = 0``) [mol m-2 s-1].
    li_activation_energy : float
        ``E`` of the Li2O volatilisation flux [J mol-1].
    open_saturation : float
        ``p/p_eq`` of Li2O above an uncovered body [-].
    cover_saturation : float
        ``p/p_eq`` of Li2O under a cover (mother) powder [-].
    degas_rate_ref : float
        ``k_d``: rate of the squared degassing-front depth per second of
        equivalent time at the reference temperature [m2 s-1].
    degas_activation_energy : float
        Activation energy of the degassing front ``E_d`` [J mol-1].
    core_work_factor : float
        ``beta``: work-of-sintering multiplier of the undegassed core [-].
    front_sharpness : float
        Exponent ``n`` of the smooth minimum ``min(1, x/l)`` [-].
    pellet_radius : float
        Radius of a "pellet" (its rim adds ``2/r`` to A/V) [m].
    decomposed_molar_volume : float
        Volume of the products of one fully delithiated formula unit,
        La2Zr2O7 + 1/2 La2O3 [m3 mol-1].
    sources : Mapping[str, str]
        Source or fit of each value, keyed by attribute name.
    """

    name: str
    activation_energy: float
    msc_log_work_mid: float
    msc_width: float
    max_density: float
    reference_temperature: float
    room_temperature: float
    initial_grain_size: float
    grain_growth_rate: float
    grain_growth_onset_density: float
    grain_growth_onset_width: float
    li_flux_ref: float
    li_activation_energy: float
    open_saturation: float
    cover_saturation: float
    degas_rate_ref: float
    degas_activation_energy: float
    core_work_factor: float
    front_sharpness: float
    pellet_radius: float
    decomposed_molar_volume: float
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)


# --- The Ga-LLZO tape set --------------------------------------------------
# Fits (docs/models/sintering.md, "Fits"): the reference firing is Yi et al.
# 2017: 5 K/min up and down, 1130 degC (1403.15 K), 0.3 h dwell, free tape of
# 30 um green thickness (25 um fired) at green density 0.55.
T_YI = 1403.15
_Q = 450e3

SINTERING_PARAMS: Mapping[str, SinteringParams] = MappingProxyType(
    {
        "Ga-LLZO-tape": SinteringParams(
            name="Ga-LLZO-tape",
            activation_energy=_Q,
            msc_log_work_mid=-42.17429,
            msc_width=1.88587,
            max_density=1.0,
            reference_temperature=T_YI,
            room_temperature=298.15,
            initial_grain_size=0.1e-6,
            grain_growth_rate=1.07092e-15,
            grain_growth_onset_density=0.90,
            grain_growth_onset_width=0.02,
            li_flux_ref=8.27582e-06,
            li_activation_energy=420e3,
            open_saturation=0.0,
            cover_saturation=0.9,
            degas_rate_ref=8.43163e-12,
            degas_activation_energy=225e3,
            core_work_factor=0.05,
            front_sharpness=4.0,
            pellet_radius=5e-3,
            decomposed_molar_volume=1.196e-4,
            sources={
                "activation_energy": (
                    "450 kJ/mol [assumed]: no MSC activation energy for LLZO was found (searched); "
                    "one data point cannot fix Q, so a value typical of cation-diffusion-controlled "
                    "oxide sintering (400-600 kJ/mol) was taken. MSC form: Su & Johnson, J. Am. "
                    "Ceram. Soc. 79, 3211 (1996) [form confirmed: 'sigmoid relationship between the "
                    "natural logarithm of the work of sintering and the relative density', J. Am. "
                    "Ceram. Soc. 92, 1403 (2009), abstract read]"
                ),
                "msc_log_work_mid": (
                    "[fitted] so that the reference firing (Yi et al., J. Power Sources 2017: 25 um "
                    "Ga-LLZO film, 1130 degC/0.3 h -> 95 +- 1 %, abstract read) gives 0.950 with "
                    "green density 0.55"
                ),
                "msc_width": (
                    "[fitted/assumed] with the second anchor 'strong pore removal at >= 1000 degC' "
                    "(J. Mater. Chem. A 10, 9080, 2022, abstract read): the same profile at "
                    "1000 degC reaches the sigmoid midpoint (0.775 for green density 0.55)"
                ),
                "max_density": "1 (MSC convention: the sigmoid runs from green density to full density)",
                "reference_temperature": "1130 degC, the Yi et al. 2017 dwell temperature (a normalisation only)",
                "room_temperature": "25 degC",
                "initial_grain_size": (
                    "0.1 um [assumed]: crystallite size of flame-made / fine milled garnet powder "
                    "(Yi et al. use liquid-feed flame spray pyrolysis nanopowders)"
                ),
                "grain_growth_rate": (
                    "[fitted] so that the reference firing gives 1.2 um mean grain size (Yi et al. "
                    "2017: 1.2 +- 0.2 um, abstract read)"
                ),
                "grain_growth_onset_density": (
                    "0.90 [assumed]: pores pin grain boundaries until the final stage (pore closure "
                    "at ~0.9-0.92 relative density, standard sintering-stage boundary)"
                ),
                "grain_growth_onset_width": "0.02 [assumed]: width of the pinning-to-free switch",
                "li_flux_ref": (
                    "[fitted/assumed]: chosen so that the reference firing, free tape without cover "
                    "powder, loses 5 % of the stoichiometric Li, i.e. less than a 10 % excess, so the "
                    "film stays phase-pure cubic as Yi et al. observed (1.3 mS/cm). Equivalent to a "
                    "Li2O loss of 0.45 g m-2 h-1 at 1130 degC"
                ),
                "li_activation_energy": (
                    "420 kJ/mol [derived]: sublimation enthalpy Li2O(s) -> Li2O(g) from "
                    "dHf(Li2O,g) = -42.3 kcal/mol (Kudo, Wu & Ihle, J. Nucl. Mater. 78, 380, 1978, "
                    "abstract read) and dHf(Li2O,s) = -595.8 kJ/mol; the equilibrium Li2O pressure, "
                    "and so the loss flux, scales as exp(-dH_sub/(R T))"
                ),
                "open_saturation": "0 [assumed]: a flowing furnace atmosphere carries the Li2O vapour away",
                "cover_saturation": (
                    "0.9 [assumed]: a sacrificial cover (mother) powder of the same garnet keeps the "
                    "Li2O pressure at 90 % of equilibrium, cutting the loss tenfold; mitigation named "
                    "in the roadmap [seed], factor not sourced"
                ),
                "degas_rate_ref": (
                    "[assumed] so that the reference firing degasses to a depth of 150 um: thin tapes "
                    "(<= ~100 um, the tape-cast membranes sintered dense in the literature) are "
                    "degassed through, a 1 mm pellet is not. Order of magnitude of a shrinking-core "
                    "estimate x^2 = 2 D_K c_eq t / n_gas with Knudsen diffusion in the open pores"
                ),
                "degas_activation_energy": (
                    "225 kJ/mol [derived]: enthalpy of Li2CO3 -> Li2O + CO2 from standard formation "
                    "enthalpies (-1216.0, -597.9, -393.5 kJ/mol), which sets the equilibrium CO2 "
                    "pressure driving the front"
                ),
                "core_work_factor": (
                    "0.05 [assumed]: the undegassed core lacks the reaction-driven densification of "
                    "decomposed nanopowder (Yi et al. 2017) and sinters like a conventional powder; "
                    "chosen so a 1 mm pellet fired like the Yi tape reaches ~85 %"
                ),
                "front_sharpness": "4 [assumed]: smooth minimum of x/l and 1 (a real front is diffuse)",
                "pellet_radius": "5 mm [assumed]: 10 mm lab die; hot-pressed pellets are < 5 cm across [seed]",
                "decomposed_molar_volume": (
                    "1.196e-4 m3/mol [computed]: La2Zr2O7 572.25 g/mol at 6.05 g/cm3 (pyrochlore, "
                    "a = 10.79 A) plus 1/2 La2O3 325.81 g/mol at 6.51 g/cm3"
                ),
            },
        ),
    }
)


def get_sintering_params(name: str | SinteringParams) -> SinteringParams:
    """Return the sintering parameter set called ``name``.

    Parameters
    ----------
    name : str or SinteringParams
        Registry name, or a parameter set (returned unchanged).

    Raises
    ------
    KeyError
        If the name is unknown; the message lists the valid names.
    """
    return lookup(SINTERING_PARAMS, name, "sintering parameter set")


def check_geometry(geometry: str) -> str:
    if geometry not in GEOMETRIES:
        raise ValueError(f"unknown geometry {geometry!r}; valid: {', '.join(GEOMETRIES)}")
    return geometry
