"""Li filaments through the separator: growth while plating, retraction while stripping, and the short they make.

A cell's leading filament starts at its largest flaw
(:func:`flaws.largest_flaw`) and advances toward the cathode while the anode
plates. Two routes (physics.md sections 7 and 11):

* **pore network** (porous, pressed separators above the percolation
  porosity ``phi_c`` of their open pores): Li plates into connected pores and
  its front advances at

  ``v = (Omega/F) * j_loc * g(phi)``,  ``g(phi) = g_ref ((phi - phi_c)/(phi_ref - phi_c))^t``  (0 below ``phi_c``)

  ``g`` is the current focusing onto the filament front (interface area
  feeding one front per front cross-section). It makes a **threshold
  capacity**: a separator of thickness ``L`` shorts once ``L F / (Omega g)``
  has been plated in one go, whatever the current, even below the critical
  plating current (ChemRxiv 2021, "The role of areal capacity in determining
  short circuiting of sulfide-based SSBs" [read]). ``g_ref`` is fitted to
  Cao et al. 2023 (below);
* **crack** (any separator): where the local current exceeds the critical
  plating current of the largest flaw (:func:`plating.critical_plating_current`)
  the flaw propagates and Li follows the crack tip at the same law with the
  crack's focusing ``g_crack``; a crack does not heal.

Stripping pulls a connected filament back at the same rate (its Li is
stripped first; fully reversible below the severing pressure, which keeps
Li | LPSCl | Li cycling at 5 MPa for > 1000 h, Doux et al. 2020 [read]).

**Severing and the short mode.** Under stack pressure the porous separator
squeezes the pores a filament runs through: the skeleton carries
``p / (1 - phi)``, the pore wall strains by ``K_t p / ((1 - phi) E_SE(phi))``
(hole stress concentration ``K_t``; ``E_SE(phi) = E_0 (1 - phi)^2``), and the
Li in the pore, elastic up to its size-dependent strength, carries
``sigma = E_Li K_t p / ((1 - phi) E_SE(phi))``. If that exceeds the flow
stress of Li at the filament's diameter (:func:`creep.size_dependent_strength`,
Xu et al. 2017) the filament necks and breaks into dead Li: a fractured
filament bridges only intermittently, a **soft short** (fluctuating voltage,
Faradaic charge continues); an intact one a **hard short** (voltage collapses).
Cao et al. 2023 [seed]: phase field 0 MPa -> connected filaments, hard short;
10 MPa -> filaments fracture into dead Li, soft short; experiment at 10 MPa
soft. Fractured segments do not retract on stripping: a fraction ``xi`` of
each plating step's growth stays, so filaments of cells above their
severing pressure accumulate cycle by cycle and cells fail at a cumulative
capacity.

Units: m, s, A m-2, Pa, [-].
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

import numpy as np

from .constants import FARADAY
from .creep import get_creep_params, size_dependent_strength
from .registry import lookup

__all__ = [
    "FilamentParams",
    "FILAMENT_PARAMETERS",
    "get_filament_params",
    "network_focusing",
    "front_velocity",
    "threshold_capacity",
    "filament_stress",
    "severs",
]

_LI_MOLAR_VOLUME = 1.30e-5  # m3 mol-1 [read]


@dataclass(frozen=True)
class FilamentParams:
    """Parameters of filament growth and severing.

    Attributes
    ----------
    name : str
        Registry name.
    network_focusing : float
        ``g_ref``: focusing of pore-network growth at ``reference_porosity`` [-] (fitted).
    reference_porosity : float
        ``phi_ref`` [-].
    percolation_porosity : float
        ``phi_c``: porosity below which the pores are closed (no network) [-].
    percolation_exponent : float
        ``t`` [-].
    crack_focusing : float
        ``g_crack`` [-].
    stress_concentration : float
        ``K_t`` at a pore wall [-].
    modulus_exponent : float
        ``E_SE(phi) = E_0 (1 - phi)^m`` [-].
    fractured_retention : float
        ``xi``: fraction of a fractured filament's growth that stays when it is stripped [-].
    creep_params : str
        Li parameter set (Young's modulus, size-dependent strength).
    sources : Mapping[str, str]
        Source of each value.
    """

    name: str
    network_focusing: float
    reference_porosity: float
    percolation_porosity: float
    percolation_exponent: float
    crack_focusing: float
    stress_concentration: float
    modulus_exponent: float
    fractured_retention: float
    creep_params: str = "Li-LePage2019"
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)


# Cao et al. 2023 [seed]: 1.2 mm pellet, ~16.25 % porosity, C/20 = 0.2 mA/cm2, soft short after 3 h (XCT)
# and 4.5 h (neutron cell): the front crossed 1.2 mm with 0.2 mA/cm2 x 3.75 h = 0.75 mAh/cm2 plated.
_CAO = {"thickness": 1.2e-3, "porosity": 0.1625, "capacity": 0.2 * 3.75 * 36000.0}  # C m-2 (1 mAh/cm2 = 36 000 C/m2)


def _fit_network_focusing() -> float:
    """``g_ref = L F / (Omega Q)`` at Cao's pellet (thickness, porosity, capacity to short)."""
    return _CAO["thickness"] * FARADAY / (_LI_MOLAR_VOLUME * _CAO["capacity"])


def _fit_retention(g_ref, phi_c, t) -> float:
    """``xi`` from Doux et al. 2020 at 15 MPa: Li | Li6PS5Cl | Li, 0.075 mA/cm2, 1 h half-cycles,
    ~1 mm pellet of 18 % porosity, short after 272 h (136 cycles).

    Each half-cycle one side plates ``D = (Omega/F) j t g`` and the other strips; a fractured
    filament keeps ``xi D`` per plating of its side, so it crosses on the plating after ``n``
    cycles when ``n xi D + D = L``.
    """
    g = g_ref * ((0.18 - phi_c) / (_CAO["porosity"] - phi_c)) ** t
    d = _LI_MOLAR_VOLUME / FARADAY * 0.75 * 3600.0 * g
    return (1.0e-3 - d) / (136 * d)


_G_REF = _fit_network_focusing()
_PHI_C, _T_PERC = 0.08, 2.0

FILAMENT_PARAMETERS: Mapping[str, FilamentParams] = MappingProxyType(
    {
        "default": FilamentParams(
            name="default",
            network_focusing=_G_REF,
            reference_porosity=_CAO["porosity"],
            percolation_porosity=_PHI_C,
            percolation_exponent=_T_PERC,
            crack_focusing=1.0e4,
            stress_concentration=3.0,
            modulus_exponent=2.0,
            fractured_retention=_fit_retention(_G_REF, _PHI_C, _T_PERC),
            sources={
                "network_focusing": (
                    f"g_ref = {_G_REF:.0f}, fitted: the front crosses Cao et al. 2023's 1.2 mm pellet (16.25 % "
                    "porosity) after 0.75 mAh/cm2 (C/20 = 0.2 mA/cm2 for the mean of their 3 h and 4.5 h soft-short "
                    "onsets) [seed]"
                ),
                "reference_porosity": "16.25 %, Cao 2023's phase-field pellet [seed]",
                "percolation_porosity": (
                    "8 % [assumed], range 5-10 %: pores pinch off into closed ones near 92 % relative density "
                    "(final-stage sintering); same value as shorts.closed_porosity"
                ),
                "percolation_exponent": "2 [assumed]: the 3-D conductivity exponent of percolation (Stauffer & Aharony), range 1-2.5",
                "crack_focusing": (
                    "1e4 [assumed], range 1e3-1e5: a propagating crack-tip filament crosses a mm-thick pellet within "
                    "minutes at ~1 mA/cm2, so a critical-current test shorts within the step where the current "
                    "passes the critical plating current (Singh 2022 [read])"
                ),
                "stress_concentration": "3 [assumed]: hoop stress concentration at a cylindrical hole in a loaded plate (Kirsch), 2 for a sphere",
                "modulus_exponent": "2 [assumed]: Gibson-Ashby E ~ (1 - phi)^2 for the porous skeleton, range 1.5-3",
                "fractured_retention": (
                    f"xi = {_fit_retention(_G_REF, _PHI_C, _T_PERC):.3f}, fitted: Doux et al. 2020 Li | LPSCl | Li at 15 MPa, "
                    "0.075 mA/cm2, 1 h half-cycles, ~1 mm 18 % porous pellet shorted after 272 h [read, via the "
                    "project's literature notes]; at 10, 20 and 25 MPa the model misses their 474, 190 and 48 h "
                    "(docs/validation.md)"
                ),
                "creep_params": "LePage 2019 Li set: E_Li = 7.82 GPa [seed], size-dependent strength (Xu 2017) [read]",
            },
        ),
    }
)


def get_filament_params(name: str | FilamentParams) -> FilamentParams:
    """Return the filament parameter set ``name``; a wrong name raises ``KeyError`` listing the valid ones."""
    return lookup(FILAMENT_PARAMETERS, name, "filament parameter set")


def network_focusing(porosity, *, interlayer=False, params="default") -> np.ndarray:
    """``g(phi) = g_ref ((phi - phi_c)/(phi_ref - phi_c))^t`` for ``phi > phi_c``, else 0 [-].

    An interlayer between the Li and the separator (Ag-C, LiF-rich or ALD
    layers) keeps Li out of the separator's surface pores: no pore network
    (g = 0) [assumed: Lee et al., Nat. Energy 5, 299, 2020, Ag-C layers let
    thin argyrodite separators cycle > 1000 times where bare Li shorts].

    Parameters
    ----------
    porosity : array_like
        Separator porosity ``1 - relative density`` [-].
    interlayer : array_like of bool
        Interlayer between Li and separator.
    params : str or FilamentParams
        Parameter set.

    Returns
    -------
    ndarray
        Focusing factor [-], >= 0.
    """
    fp = get_filament_params(params)
    x = np.maximum(np.asarray(porosity, dtype=float) - fp.percolation_porosity, 0.0)
    g = fp.network_focusing * (x / (fp.reference_porosity - fp.percolation_porosity)) ** fp.percolation_exponent
    return np.where(np.asarray(interlayer, dtype=bool), 0.0, g)


def front_velocity(local_current, focusing) -> np.ndarray:
    """Filament front speed ``v = (Omega/F) j_loc g`` [m s-1].

    Parameters
    ----------
    local_current : array_like
        Plating current density on the contacted interface [A m-2].
    focusing : array_like
        Focusing factor ``g`` [-].
    """
    return _LI_MOLAR_VOLUME / FARADAY * np.asarray(local_current, dtype=float) * np.asarray(focusing, dtype=float)


def threshold_capacity(thickness, porosity, *, interlayer=False, params="default") -> np.ndarray:
    """Capacity plated in one go that takes a pore-network filament across: ``L F / (Omega g(phi))`` [C m-2].

    ``inf`` below the percolation porosity. Cao's pellet (1.2 mm, 16.25 %):
    0.75 mAh/cm2 = 27 000 C m-2 by construction of the fit.
    """
    g = network_focusing(porosity, interlayer=interlayer, params=params)
    L = np.asarray(thickness, dtype=float)
    return np.divide(L * FARADAY / _LI_MOLAR_VOLUME, g, out=np.full(np.broadcast(L, g).shape, np.inf), where=g > 0)


def filament_stress(stack_pressure, porosity, youngs_modulus, *, params="default") -> np.ndarray:
    """Stress the squeezed pore puts on the Li filament in it [Pa].

    ``sigma = E_Li K_t p / ((1 - phi) E_0 (1 - phi)^m)``

    Parameters
    ----------
    stack_pressure : array_like
        Stack pressure [Pa].
    porosity : array_like
        Separator porosity [-].
    youngs_modulus : array_like
        Dense separator Young's modulus ``E_0`` [Pa] (:mod:`materials`).
    params : str or FilamentParams
        Parameter set.
    """
    fp = get_filament_params(params)
    e_li = get_creep_params(fp.creep_params).youngs_modulus
    solid = np.clip(1.0 - np.asarray(porosity, dtype=float), 1e-3, 1.0)
    p = np.maximum(np.asarray(stack_pressure, dtype=float), 0.0)
    e_se = np.asarray(youngs_modulus, dtype=float) * solid**fp.modulus_exponent
    return e_li * fp.stress_concentration * p / (solid * e_se)


def severs(stack_pressure, porosity, youngs_modulus, filament_diameter, temperature=298.15, *, params="default") -> np.ndarray:
    """Whether a filament of the given diameter breaks into dead Li under the stack pressure (soft short).

    ``filament_stress(p, phi, E_0) >= sigma_Li(d_f, T)`` (:func:`creep.size_dependent_strength`).
    Cao 2023's pellet (16.25 %, 22 GPa argyrodite, a ~16 um leading pore) severs
    above ~9 MPa: soft at 10 MPa, hard at 0 MPa, as they observed.

    Returns
    -------
    ndarray of bool
    """
    fp = get_filament_params(params)
    strength = size_dependent_strength(filament_diameter, temperature, params=fp.creep_params)
    return filament_stress(stack_pressure, porosity, youngs_modulus, params=fp) >= strength
