"""Stacking: Li | electrolyte and cathode | electrolyte interfaces.

The anode interface is modelled in two steps (physics.md sections 6 and 8):

1. *Contact*: the true contact area fraction grows when the Li is pressed
   onto the rough electrolyte surface. An instantaneous plastic part (Tabor
   hardness ``H = 3 sigma_y``) is followed by creep of the Li into the
   surface valleys over the lamination hold (the creep law of
   :mod:`creep`). Evaporated Li conforms to the surface where it wets it.
   A Li2CO3 layer from air exposure is not wetted by Li (Sharafi et al.
   2017 [read]) and caps the contact that can be reached.
2. *Resistance*: charge transfer through the contacts (area-specific value
   falling as ``p^-0.5`` with the stack pressure, arXiv 2501.00600 [read])
   in series with ion transport through the Li2CO3 layer, both divided by
   the contact fraction (``ASR ~ 1/contact``, same source).

1 ohm cm2 = 1e-4 ohm m2. All functions are vectorised, SI units.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping, NamedTuple

import numpy as np

from .constants import GAS_CONSTANT
from .creep import creep_coefficient, get_creep_params
from .materials import get_electrolyte
from .registry import lookup

__all__ = [
    "AnodeInterface",
    "AnodeInterfaceParams",
    "ANODE_INTERFACES",
    "get_anode_interface_params",
    "CathodeInterfaceParams",
    "CATHODE_INTERFACES",
    "get_cathode_interface_params",
    "cathode_process",
    "anode_contact_fraction",
    "anode_interface",
    "cathode_interface_asr",
    "DEFAULT_CATHODE_PROCESS",
    "default_cathode_process",
    "stack_pressure_from_fixture",
]

_OHM_CM2 = 1e-4  # ohm m2


class AnodeInterface(NamedTuple):
    """Result of :func:`anode_interface`."""

    contact_fraction: np.ndarray  #: true contact area fraction [-] in (0, 1]
    asr: np.ndarray  #: Li | electrolyte interface area-specific resistance [ohm m2]


@dataclass(frozen=True)
class AnodeInterfaceParams:
    """Li | electrolyte interface parameters for one electrolyte family.

    Attributes
    ----------
    name : str
        Registry name (``"Li|oxide"``, ``"Li|sulphide"``).
    asr_clean : float
        Charge-transfer ASR of a clean, fully bonded surface (full contact) [ohm m2].
    asr_interlayer : float
        Same with a wetting interlayer (ALD Al2O3, Au, ...) [ohm m2].
    carbonate_conductivity : float
        Li+ conductivity of the Li2CO3 surface layer [S m-1].
    coverage_thickness : float
        Li2CO3 thickness for ~63 % surface coverage [m].
    touch_contact : float
        Contact fraction of a foil merely laid on the surface [-].
    evaporated_contact : float
        Contact fraction of evaporated Li on a clean surface [-].
    interlayer_contact : float
        Contact fraction with a wetting interlayer [-].
    nonwetting_contact_foil, nonwetting_contact_evaporated : float
        Largest contact reachable on a fully carbonate-covered surface [-].
    hardness_factor : float
        Tabor factor ``H / sigma_y`` [-].
    creep_geometry_factor : float
        ``lambda`` in the creep contact-growth law [-].
    activation_energy : float
        Activation energy of the interface resistances [J mol-1].
    creep_params : str
        Metal creep parameter set (:mod:`creep`).
    sources : Mapping[str, str]
        Source of each value.
    """

    name: str
    asr_clean: float
    asr_interlayer: float
    carbonate_conductivity: float = 1.0e-6
    coverage_thickness: float = 1.0e-9
    touch_contact: float = 0.01
    evaporated_contact: float = 0.9
    interlayer_contact: float = 0.99
    nonwetting_contact_foil: float = 0.5
    nonwetting_contact_evaporated: float = 0.1
    hardness_factor: float = 3.0
    creep_geometry_factor: float = 1.0
    activation_energy: float = 35e3
    creep_params: str = "Li-LePage2019"
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)


_COMMON_ANODE_SOURCES = {
    "carbonate_conductivity": "1e-8 S/cm [assumed]: Li2CO3 is a poor Li+ conductor (1e-9..1e-8 S/cm at room temperature is the range usually quoted; not confirmed here); a 50 nm layer then adds 500 ohm cm2",
    "coverage_thickness": "1 nm [assumed]: a few monolayers cover the surface",
    "touch_contact": "1 % [assumed]: foil resting on a ceramic touches at asperity tips only",
    "evaporated_contact": "90 % [assumed]: vapour-deposited Li conforms to a clean surface; evaporated Li needs good wetting [seed]",
    "interlayer_contact": "99 % [assumed]: an interlayer makes the surface lithiophilic (Han et al., Nat. Mater. 16, 572, 2017 [read]: ALD Al2O3 enables Li wetting of garnet)",
    "nonwetting_contact_foil": "50 % [assumed]: pressed foil touches but does not bond on Li2CO3/LiOH, which Li does not wet (Sharafi et al. 2017 [read], MRS abstract); chosen so 50 nm Li2CO3 gives ~1e3 ohm cm2 (Han 2017: 1710 ohm cm2 untreated)",
    "nonwetting_contact_evaporated": "10 % [assumed]: evaporated Li islands on a non-wetting carbonate surface",
    "hardness_factor": "Tabor H = 3 sigma_y with sigma_y = 0.8 MPa bulk Li [seed]",
    "creep_geometry_factor": (
        "lambda = 1 [assumed]: surface valleys of aspect ratio ~1. With LePage creep it gives 0.89 contact after "
        "1 h at 1 MPa, 0.26 at 0.1 MPa and ~1 at >= 2 MPa"
    ),
    "activation_energy": "35 kJ/mol [assumed]: typical Li|solid-electrolyte interface activation energy; not confirmed here",
}

ANODE_INTERFACES: Mapping[str, AnodeInterfaceParams] = MappingProxyType(
    {
        "Li|oxide": AnodeInterfaceParams(
            name="Li|oxide",
            asr_clean=2.0 * _OHM_CM2,
            asr_interlayer=1.0 * _OHM_CM2,
            sources={
                **_COMMON_ANODE_SOURCES,
                "asr_clean": (
                    "2 ohm cm2 after removing Li2CO3/LiOH [read] Sharafi et al. 2017 (MRS abstract); 2 ohm cm2 "
                    "for Ga-LLZO tapes [read] Yi et al. 2017; ~5 ohm cm2 well-conditioned [read via Roy]"
                ),
                "asr_interlayer": "1 ohm cm2 with ALD Al2O3 (from 1710 ohm cm2) [read] Han et al., Nat. Mater. 16, 572 (2017)",
            },
        ),
        "Li|sulphide": AnodeInterfaceParams(
            name="Li|sulphide",
            asr_clean=10.0 * _OHM_CM2,
            asr_interlayer=3.0 * _OHM_CM2,
            sources={
                **_COMMON_ANODE_SOURCES,
                "asr_clean": (
                    "10 ohm cm2 at full contact [assumed]: Li reduces argyrodites to a Li2S/Li3P/LiCl interphase, "
                    "so Li|LPSCl is more resistive than clean Li|LLZO; order of magnitude of symmetric-cell "
                    "values, not confirmed here"
                ),
                "asr_interlayer": "3 ohm cm2 [assumed]: interlayers (e.g. Ag-C, LiF-rich) suppress the interphase",
            },
        ),
    }
)


def get_anode_interface_params(name) -> AnodeInterfaceParams:
    """Return the anode interface set ``name``, or the one for an electrolyte's family.

    ``name`` may be a registry name (``"Li|oxide"``, ``"Li|sulphide"``), an
    electrolyte name (``"Ga-LLZO"``), an :class:`ElectrolyteMaterial` or an
    :class:`AnodeInterfaceParams`.

    Raises
    ------
    KeyError
        If the name is neither; the message lists the valid names.
    """
    if isinstance(name, AnodeInterfaceParams):
        return name
    if isinstance(name, str) and name in ANODE_INTERFACES:
        return ANODE_INTERFACES[name]
    try:
        mat = get_electrolyte(name)
    except KeyError:
        from .materials import ELECTROLYTES

        valid = ", ".join(sorted(ANODE_INTERFACES) + sorted(ELECTROLYTES))
        raise KeyError(f"unknown anode interface or electrolyte {name!r}; valid names: {valid}") from None
    return ANODE_INTERFACES["Li|oxide" if mat.family == "oxide" else "Li|sulphide"]


_METHODS = ("foil", "evaporated", "anode_free")


def anode_contact_fraction(
    pressure,
    li2co3_thickness=0.0,
    *,
    hold_time=3600.0,
    temperature=298.15,
    method="foil",
    interlayer=False,
    electrolyte="Ga-LLZO",
) -> np.ndarray:
    """True contact area fraction of a Li anode pressed onto an electrolyte.

    Contact measure ``s`` (contact = ``1 - exp(-s)`` on a wettable surface):

    * initial: ``s0 = max(-ln(1 - w0), p / H)`` with ``w0`` the contact made
      without pressure (foil: touching; evaporated: conformal deposit;
      interlayer: wetting) and ``H = 3 sigma_y`` (Tabor);
    * creep: the mean stress on the contacts is ``p / s``, and the contact
      grows as ``ds/dt = lambda * A exp(-Q/RT) * (p / (s sigma_ref))^n``, so
      ``s^(n+1) = s0^(n+1) + (n+1) * lambda * A exp(-Q/RT) * (p/sigma_ref)^n * t``
      (creep law of :func:`creep.strain_rate`, LePage 2019 constants);
    * Li2CO3 cap: coverage ``c = 1 - exp(-t_carb / t_cov)`` limits contact to
      ``1 - (1 - w_nw) * c`` (Li does not wet the carbonate; Sharafi 2017).
      An interlayer process removes/converts it (``c = 0``).

    ``contact = (1 - (1 - w_nw) c) * (1 - exp(-s))``.

    Parameters
    ----------
    pressure : array_like
        Pressure holding the Li on the electrolyte during ``hold_time`` [Pa].
    li2co3_thickness : array_like
        Li2CO3 surface layer thickness [m].
    hold_time : array_like
        Time under pressure [s].
    temperature : array_like
        Temperature during the hold [K].
    method : {"foil", "evaporated", "anode_free"}
        Anode deposition method. ``anode_free``: the Li is plated in situ on
        the first charge; it conforms like a deposited layer, so its contact
        is taken as evaporated Li's [assumed].
    interlayer : array_like of bool
        Whether a wetting interlayer is present.
    electrolyte : str or ElectrolyteMaterial or AnodeInterfaceParams
        Selects the interface parameter set.

    Returns
    -------
    ndarray
        Contact fraction [-] in (0, 1].
    """
    if method not in _METHODS:
        raise KeyError(f"unknown anode method {method!r}; valid names: {', '.join(_METHODS)}")
    ip = get_anode_interface_params(electrolyte)
    cp = get_creep_params(ip.creep_params)
    p = np.maximum(np.asarray(pressure, dtype=float), 0.0)
    t = np.maximum(np.asarray(hold_time, dtype=float), 0.0)
    il = np.asarray(interlayer, dtype=bool)
    tc = np.maximum(np.asarray(li2co3_thickness, dtype=float), 0.0)

    w_plain = ip.touch_contact if method == "foil" else ip.evaporated_contact
    w_nw = ip.nonwetting_contact_foil if method == "foil" else ip.nonwetting_contact_evaporated
    w0 = np.where(il, ip.interlayer_contact, w_plain)
    s_wet = -np.log1p(-w0)
    s_plastic = p / (ip.hardness_factor * cp.yield_strength)
    s0 = np.maximum(s_wet, s_plastic)
    n = cp.stress_exponent
    k = creep_coefficient(temperature, params=cp)
    growth = (n + 1.0) * ip.creep_geometry_factor * k * (p / cp.reference_stress) ** n * t
    # (s0^(n+1) + growth)^(1/(n+1)) evaluated in a scaled form to avoid overflow
    s = s0 * (1.0 + growth / s0 ** (n + 1.0)) ** (1.0 / (n + 1.0))
    coverage = np.where(il, 0.0, -np.expm1(-tc / ip.coverage_thickness))
    cap = 1.0 - (1.0 - w_nw) * coverage
    return cap * (-np.expm1(-s))


def anode_interface(
    stack_pressure,
    li2co3_thickness,
    *,
    lamination_pressure=None,
    hold_time=3600.0,
    temperature=298.15,
    method="foil",
    interlayer=False,
    electrolyte="Ga-LLZO",
) -> AnodeInterface:
    """Contact fraction and ASR of the Li | electrolyte interface.

    ``contact = anode_contact_fraction(max(p_lam, p_stack), t_carb, hold_time, ...)``

    ``ASR = [ ASR_ct + t_carb / sigma_carb ] * a(T) / contact``

    with ``a(T) = exp(E_a/R (1/T - 1/298.15))`` and ``ASR_ct`` the clean
    (2 ohm cm2, Sharafi 2017 / Yi 2017) or interlayer (1 ohm cm2, Han 2017)
    value for garnets, 10 / 3 ohm cm2 for sulphides [assumed], each for a fully
    bonded interface. Stack pressure acts only through the contact it makes
    and keeps: a bonded interface does not get more resistive when the
    pressure drops (interfacial resistance ~ (contact area)^-1, arXiv
    2501.00600 [read]; their ~p^-0.5 is the contact growing with pressure, so
    it is not applied a second time). The Li2CO3 term
    is dropped with an interlayer (its process cleans the surface; Han 2017:
    1710 -> 1 ohm cm2 on the same garnet). Untreated garnet with ~50 nm Li2CO3
    gives ~1e3 ohm cm2 (Han 2017: 1710 ohm cm2).

    Parameters
    ----------
    stack_pressure : array_like
        Operating stack pressure [Pa].
    li2co3_thickness : array_like
        Li2CO3 layer thickness from air exposure [m].
    lamination_pressure : array_like, optional
        Lamination pressure [Pa]; defaults to the stack pressure. Contact grows
        under the larger of the two.
    hold_time : array_like
        Lamination hold time for creep-driven contact growth [s].
    temperature : array_like
        Temperature [K] (lamination and operation).
    method : {"foil", "evaporated"}
        Li foil lamination or evaporation (needs wetting).
    interlayer : array_like of bool
        Wetting interlayer (ALD Al2O3 / Au) present.
    electrolyte : str or ElectrolyteMaterial or AnodeInterfaceParams
        Electrolyte; its family selects the interface parameters.

    Returns
    -------
    AnodeInterface
        ``contact_fraction`` [-], ``asr`` [ohm m2].

    References
    ----------
    Han et al., Nat. Mater. 16, 572 (2017); Sharafi et al. (2017); Yi et al.,
    J. Power Sources (2017); arXiv 2501.00600; LePage et al. JES 2019.
    """
    ip = get_anode_interface_params(electrolyte)
    p = np.maximum(np.asarray(stack_pressure, dtype=float), 0.0)
    p_lam = p if lamination_pressure is None else np.maximum(np.asarray(lamination_pressure, dtype=float), 0.0)
    tc = np.maximum(np.asarray(li2co3_thickness, dtype=float), 0.0)
    il = np.asarray(interlayer, dtype=bool)
    T = np.asarray(temperature, dtype=float)
    contact = anode_contact_fraction(
        np.maximum(p_lam, p), tc, hold_time=hold_time, temperature=T,
        method=method, interlayer=il, electrolyte=ip,
    )
    arrh = np.exp(ip.activation_energy / GAS_CONSTANT * (1.0 / T - 1.0 / 298.15))
    asr_ct = np.where(il, ip.asr_interlayer, ip.asr_clean) * arrh
    r_carb = np.where(il, 0.0, tc / ip.carbonate_conductivity) * arrh
    asr = (asr_ct + r_carb) / contact
    contact, asr = np.broadcast_arrays(contact, asr)
    return AnodeInterface(np.array(contact, dtype=float), np.array(asr, dtype=float))


@dataclass(frozen=True)
class CathodeInterfaceParams:
    """Composite cathode | electrolyte interface parameters (see :func:`cathode_interface_asr`).

    Attributes
    ----------
    name : str
        Registry name (the way the composite was made).
    family : str
        Electrolyte family the route applies to.
    asr_ref : float
        ``ASR_0``: the interface made at the reference conditions, without
        interdiffusion [ohm m2].
    reference_pressing_pressure : float
        Pressing pressure at which ``asr_ref`` holds [Pa]; 0 for an
        interface not made by pressing.
    pressing_exponent : float
        ``m`` in ``(P_ref / P)^m`` [-].
    interphase_resistivity : float
        ``rho_int``: resistivity of the cross-diffused interphase [ohm m]; 0
        for an interface not co-fired.
    diffusion_coefficient : float
        Cation (Co) interdiffusion coefficient at ``diffusion_reference_temperature`` [m2 s-1].
    diffusion_activation_energy : float
        [J mol-1].
    diffusion_reference_temperature : float
        [K].
    activation_energy : float
        Of the interface resistance in operation [J mol-1].
    scatter : float
        Cell-to-cell log-standard deviation of the ASR [-].
    sources : Mapping[str, str]
        Source of each value.
    """

    name: str
    family: str
    asr_ref: float
    reference_pressing_pressure: float = 0.0
    pressing_exponent: float = 0.0
    interphase_resistivity: float = 0.0
    diffusion_coefficient: float = 9.46e-18
    diffusion_activation_energy: float = 1.65 * 96485.33212
    diffusion_reference_temperature: float = 973.15
    activation_energy: float = 0.40 * 96485.33212
    scatter: float = 0.3
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)


_COMMON_CATHODE_SOURCES = {
    "activation_energy": (
        "0.40 eV [assumed], range 0.30-0.60: no value found for cathode | argyrodite or cathode | LLZO; between the "
        "Chen2020 NMC kinetics (0.18 eV) and Li | LLZO interface values (0.37-0.43 eV, Eckhardt 2023 [secondary])"
    ),
    "scatter": (
        "0.3 [assumed]: log-sd for well-pressed, high-contact interfaces; constriction resistance scatters "
        "intrinsically with the interface morphology (Eckhardt 2023 [read])"
    ),
}

CATHODE_INTERFACES: Mapping[str, CathodeInterfaceParams] = MappingProxyType(
    {
        "spray_sintered": CathodeInterfaceParams(
            name="spray_sintered",
            family="oxide",
            asr_ref=10.0 * _OHM_CM2,
            interphase_resistivity=7.4e4,
            sources={
                **_COMMON_CATHODE_SOURCES,
                "asr_ref": (
                    "10 ohm cm2 [assumed]: the oxide interface without interdiffusion; a Nb2O5 barrier brings "
                    "LLZO | LCO to ~50 ohm cm2, 3x below earlier co-fired values [read] (ACS AMI 2020)"
                ),
                "interphase_resistivity": (
                    "7.4e6 ohm cm, anchored: an un-barriered LCO | LLZO co-fired ~1 h at 700 degC (sqrt(D t) = "
                    "0.19 um) has ~150 ohm cm2 [derived from the ACS AMI 2020 3-fold reduction to 50]"
                ),
                "diffusion_coefficient": "Co in LLZO: D(700 degC) = 9.46e-14 cm2/s, Ea 1.65 eV [read] (ChemRxiv 2023, 642050a491074bccd04fa1b6)",
            },
        ),
        "cold_pressed": CathodeInterfaceParams(
            name="cold_pressed",
            family="sulphide",
            asr_ref=20.0 * _OHM_CM2,
            reference_pressing_pressure=100e6,
            pressing_exponent=0.5,
            sources={
                **_COMMON_CATHODE_SOURCES,
                "asr_ref": (
                    "20 ohm cm2 for a composite pressed at 100 MPa (Cao 2023's cathode [seed]) [assumed]: inside the "
                    "5-50 ohm cm2 of well-made coated-NMC | argyrodite composites after formation [recalled, verify]"
                ),
                "pressing_exponent": (
                    "0.5: interface resistance ~ (applied pressure)^-0.5, i.e. the contact made [read] arXiv "
                    "2501.00600; applied to the pressing pressure that makes the contact, not again to the stack "
                    "pressure"
                ),
            },
        ),
        "sprayed_sulphide": CathodeInterfaceParams(
            name="sprayed_sulphide",
            family="sulphide",
            asr_ref=12.0 * _OHM_CM2,
            sources={
                **_COMMON_CATHODE_SOURCES,
                "asr_ref": (
                    "12 ohm cm2 [assumed]: solution-sprayed, re-precipitated Li6PS5Cl improves "
                    "electrolyte/active contact [seed] (roadmap Fig. 17); lower than cold pressed"
                ),
            },
        ),
    }
)


def get_cathode_interface_params(name) -> CathodeInterfaceParams:
    """Return the cathode interface set ``name``; a wrong name raises ``KeyError`` listing the valid ones."""
    return lookup(CATHODE_INTERFACES, name, "cathode process")


#: cathode | electrolyte interface set of a composite made on each electrolyte family's usual route [assumed]:
#: oxide composites are sprayed and flash-sintered (roadmap Fig. 16), sulphide composites cold pressed (Cao 2023)
DEFAULT_CATHODE_PROCESS: Mapping[str, str] = MappingProxyType({"oxide": "spray_sintered", "sulphide": "cold_pressed"})


def default_cathode_process(electrolyte) -> str:
    """Name of the cathode-interface set for a composite cathode with ``electrolyte`` (by its family)."""
    return DEFAULT_CATHODE_PROCESS[get_electrolyte(electrolyte).family]


def cathode_process(method: str, electrolyte) -> str:
    """Cathode-interface set of a composite made by ``method`` ("spray" or "press") with ``electrolyte``.

    Pressed composites are ``cold_pressed``; sprayed ones are co-fired
    (``spray_sintered``) on oxides and re-precipitated (``sprayed_sulphide``)
    on sulphides.
    """
    if method == "press":
        return "cold_pressed"
    if method != "spray":
        raise KeyError(f"unknown cathode method {method!r}; valid names: press, spray")
    return "spray_sintered" if get_electrolyte(electrolyte).family == "oxide" else "sprayed_sulphide"


def cathode_interface_asr(
    *,
    cathode_process="spray_sintered",
    electrolyte="Ga-LLZO",
    pressing_pressure=None,
    firing_temperature=973.15,
    firing_time=0.0,
    temperature=298.15,
    scatter=0.0,
) -> np.ndarray:
    """Area-specific resistance of the composite cathode | electrolyte interface, from how it was made.

    ``ASR = [ASR_0 (P_ref / P)^m + rho_int sqrt(D(T_f) t_f)] * exp(E_a/R (1/T - 1/298.15)) * exp(s z)``

    * pressed composites: contact made at the pressing pressure ``P``
      (``m = 0.5``, arXiv 2501.00600 [read]); stack pressure is not counted
      again;
    * co-fired oxide composites: a cross-diffused interphase grows as
      ``sqrt(D t)`` with Co in LLZO ``D(T) = D_700 exp(-E_D/R (1/T - 1/973.15))``
      (ChemRxiv 2023 [read]) during firing at ``T_f`` for ``t_f``;
    * ``z`` is the cell's standard-normal draw, ``s`` the log-scatter.

    Parameters
    ----------
    cathode_process : str
        ``"spray_sintered"``, ``"cold_pressed"`` or ``"sprayed_sulphide"``.
    electrolyte : str or ElectrolyteMaterial
        Electrolyte name (validated; the process set carries the values).
    pressing_pressure : array_like, optional
        Pressure the composite was pressed at [Pa]; default the set's reference.
    firing_temperature : array_like
        Co-firing temperature [K] (co-fired sets only).
    firing_time : array_like
        Time at the firing temperature [s] (co-fired sets only).
    temperature : array_like
        Operating temperature [K].
    scatter : array_like
        The cell's standard-normal draw ``z`` [-].

    Returns
    -------
    ndarray
        Cathode interface ASR [ohm m2].
    """
    get_electrolyte(electrolyte)
    cp = get_cathode_interface_params(cathode_process)
    asr = np.asarray(cp.asr_ref, dtype=float)
    if cp.reference_pressing_pressure > 0:
        p = cp.reference_pressing_pressure if pressing_pressure is None else np.asarray(pressing_pressure, dtype=float)
        asr = asr * (cp.reference_pressing_pressure / np.maximum(p, 1.0)) ** cp.pressing_exponent
    if cp.interphase_resistivity > 0:
        tf = np.asarray(firing_temperature, dtype=float)
        d = cp.diffusion_coefficient * np.exp(
            -cp.diffusion_activation_energy / GAS_CONSTANT * (1.0 / tf - 1.0 / cp.diffusion_reference_temperature))
        asr = asr + cp.interphase_resistivity * np.sqrt(d * np.maximum(np.asarray(firing_time, dtype=float), 0.0))
    T = np.asarray(temperature, dtype=float)
    arrh = np.exp(cp.activation_energy / GAS_CONSTANT * (1.0 / T - 1.0 / 298.15))
    return asr * arrh * np.exp(cp.scatter * np.asarray(scatter, dtype=float))


def stack_pressure_from_fixture(nominal_pressure, fixture_error) -> np.ndarray:
    """Stack pressure a fixture actually applies.

    ``p = max(p_nominal * (1 + e), 0)``

    Parameters
    ----------
    nominal_pressure : array_like
        Set-point stack pressure [Pa].
    fixture_error : array_like
        Relative error of the fixture [-] (e.g. drawn from a normal
        distribution with sd 0.1 for a +/-10 % fixture).

    Returns
    -------
    ndarray
        Applied stack pressure [Pa], >= 0.
    """
    p = np.asarray(nominal_pressure, dtype=float) * (1.0 + np.asarray(fixture_error, dtype=float))
    return np.maximum(p, 0.0)
