"""Electrode parameter sets (data, each value with its source) and the cathode OCP.

Three registries, each a read-only mapping of frozen dataclasses selected by name
(a wrong name raises ``KeyError`` listing the valid names):

* :data:`CATHODES` -- active-material sets for the composite cathode.
  ``"NMC811"`` carries the PyBaMM ``Chen2020`` (LG M50) positive-electrode values
  (code read: ``pybamm/input/parameters/lithium_ion/Chen2020.py``, PyBaMM 26.10)
  plus densities for the mass balance.
* :data:`LITHIUM` -- the lithium-metal anode (molar volume, density, capacity).
* :data:`COLLECTORS` -- current-collector sets for the stack mass/volume balance.

And two functions: :func:`cathode_ocp` (the open-circuit potential ``U(x)``) and
:func:`lithium_areal_capacity` (charge held by a Li foil of given thickness).

SI units throughout: concentration [mol m-3], lengths [m], diffusivity [m2 s-1],
density [kg m-3], conductivity [S m-1], energy [J mol-1], potential [V].

Confidence tags follow ``shared/reference/physics.md``: [read]/[code read]
confirmed from the paper or from code; [verify] quoted but not re-read here;
[assumed] chosen here, with the reason in ``sources``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

import numpy as np
from .constants import FARADAY, GAS_CONSTANT
from .registry import lookup

__all__ = [
    "FARADAY",
    "GAS_CONSTANT",
    "CathodeMaterial",
    "CATHODES",
    "get_cathode",
    "LithiumMetal",
    "LITHIUM",
    "CurrentCollectors",
    "COLLECTORS",
    "get_collectors",
    "cathode_ocp",
    "lithium_areal_capacity",
]



@dataclass(frozen=True)
class CathodeMaterial:
    """Parameters of one cathode active material in a solid-state composite.

    Attributes
    ----------
    name : str
        Registry name.
    ocp : str
        Name of the OCP fit in :data:`_OCP_FUNCTIONS` (see :func:`cathode_ocp`).
    c_max : float
        Maximum Li concentration in the active particles [mol m-3].
    diffusivity : float
        Solid-state Li diffusivity in the particles [m2 s-1] (constant).
    particle_radius : float
        Particle radius [m].
    rate_constant : float
        Butler-Volmer rate constant ``k`` at ``reference_temperature`` with
        ``i0 = k * c_e**0.5 * c_s**0.5 * (c_max - c_s)**0.5``
        [(A m-2)(m3 mol-1)**1.5].
    activation_energy : float
        Arrhenius activation energy of ``k`` [J mol-1].
    transfer_coefficient : float
        Symmetric charge-transfer coefficient ``alpha`` [-].
    electrolyte_concentration : float
        Li-ion concentration ``c_e`` used in the exchange current [mol m-3].
        For a single-ion solid electrolyte it is fixed; the Chen2020 ``k`` is
        quoted with ``c_e`` in mol m-3 so the liquid reference value is kept.
    electronic_conductivity : float
        Effective electronic conductivity of the composite [S m-1].
    bruggeman : float
        Bruggeman exponent ``b`` of the ionic phase, ``kappa_eff = kappa * eps**b`` [-].
    electronic_bruggeman : float
        Bruggeman exponent of the electronic phase, applied to the solid volume
        fraction [-] (0: the measured composite value is used as is).
    stoich_100 : float
        Stoichiometry ``x = c/c_max`` at 100 % state of charge [-].
    stoich_0 : float
        Stoichiometry at 0 % state of charge [-].
    v_min : float
        Lower cut-off voltage of a Li-metal cell [V vs Li/Li+].
    v_max : float
        Upper cut-off voltage of a Li-metal cell [V vs Li/Li+].
    reference_temperature : float
        Temperature of ``rate_constant`` [K].
    density : float
        Crystallographic density of the active material [kg m-3].
    molar_mass : float
        Molar mass of the lithiated active material [kg mol-1].
    carbon_density : float
        Density of the conductive carbon [kg m-3].
    binder_density : float
        Density of the binder [kg m-3].
    carbon_fraction : float
        Volume fraction of conductive carbon in the composite [-].
    practical_capacity : float
        Capacity the active material delivers at slow rate in a solid-state
        cell, the basis of the C-rate [C kg-1] (200 mAh/g = 720 000 C/kg).
    first_cycle_efficiency : float
        First discharge over first charge capacity [-].
    sources : Mapping[str, str]
        Source of each value, keyed by attribute name.
    """

    name: str
    ocp: str
    c_max: float
    diffusivity: float
    particle_radius: float
    rate_constant: float
    activation_energy: float
    transfer_coefficient: float
    electrolyte_concentration: float
    electronic_conductivity: float
    bruggeman: float
    electronic_bruggeman: float
    stoich_100: float
    stoich_0: float
    v_min: float
    v_max: float
    reference_temperature: float
    density: float
    molar_mass: float
    carbon_density: float
    binder_density: float
    carbon_fraction: float
    practical_capacity: float = 7.2e5
    first_cycle_efficiency: float = 0.85
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)

    @property
    def utilisation(self) -> float:
        """Practical over model capacity: the fraction of the active material the cell uses [-].

        ``practical_capacity / usable_specific_capacity``; the electrochemistry
        runs on ``utilisation * active_fraction`` so its capacity is the practical one.
        """
        return self.practical_capacity / self.usable_specific_capacity

    @property
    def usable_specific_capacity(self) -> float:
        """Charge per kg of active material over the stoichiometry window [C kg-1].

        ``F * c_max * (stoich_0 - stoich_100) / density``.
        """
        return FARADAY * self.c_max * (self.stoich_0 - self.stoich_100) / self.density


_CHEN2020 = "Chen et al., J. Electrochem. Soc. 167, 080534 (2020), via PyBaMM Chen2020 [code read]"

CATHODES: Mapping[str, CathodeMaterial] = MappingProxyType(
    {
        "NMC811": CathodeMaterial(
            name="NMC811",
            ocp="nmc_LGM50_Chen2020",
            c_max=63104.0,
            diffusivity=4e-15,
            particle_radius=5.22e-6,
            rate_constant=3.42e-6,
            activation_energy=17800.0,
            transfer_coefficient=0.5,
            electrolyte_concentration=1000.0,
            electronic_conductivity=0.18,
            bruggeman=1.5,
            electronic_bruggeman=0.0,
            stoich_100=0.2661,
            stoich_0=0.9084,
            v_min=2.5,
            v_max=4.3,
            reference_temperature=298.15,
            density=4780.0,
            molar_mass=0.09728,
            carbon_density=1900.0,
            binder_density=1780.0,
            carbon_fraction=0.02,
            sources={
                "ocp": f"U(x) fit of the LG M50 NMC811 positive electrode, {_CHEN2020}",
                "c_max": f"63104 mol/m3, {_CHEN2020}. NOTE: above the crystallographic "
                "rho/M = 4780/0.09728 = 49 100 mol/m3; Chen2020 fitted c_max together with "
                "the active fraction 0.665, so eps*c_max (the capacity) is what is constrained",
                "diffusivity": f"4e-15 m2/s, constant, {_CHEN2020}",
                "particle_radius": f"5.22 um, {_CHEN2020}",
                "rate_constant": f"3.42e-6 (A/m2)(m3/mol)^1.5, {_CHEN2020}",
                "activation_energy": f"17.8 kJ/mol, {_CHEN2020}",
                "transfer_coefficient": f"0.5, {_CHEN2020}",
                "electrolyte_concentration": "1000 mol/m3 [assumed]: PyBaMM Chen2020 initial "
                "electrolyte concentration [code read]; the NMC|solid-electrolyte kinetics are "
                "taken equal to NMC|liquid at this reference (no SE-specific value found)",
                "electronic_conductivity": f"0.18 S/m measured composite value, {_CHEN2020}",
                "bruggeman": f"1.5 (electrolyte phase), {_CHEN2020}",
                "electronic_bruggeman": f"0 (electrode phase), {_CHEN2020}",
                "stoich_100": "0.2661 at 100 % SOC, Chen et al. 2020 stoichiometry table [verify]; "
                "PyBaMM Chen2020 starts at 17038/63104 = 0.270 and its electrode-SOH solver "
                "gives 0.2638 (computed here with PyBaMM 26.10)",
                "stoich_0": "0.9084 at 0 % SOC, Chen et al. 2020 stoichiometry table [verify]; "
                "PyBaMM's electrode-SOH solver gives 0.854 for the Chen2020 full cell, whose "
                "0 % SOC is set by the graphite's Li inventory, not by the cathode",
                "v_min": f"2.5 V, lower cut-off of the Chen2020 window 2.5-4.2 V, {_CHEN2020}",
                "v_max": "4.3 V vs Li [assumed]: Chen2020's full-cell 4.2 V upper cut-off puts the "
                "cathode at x = 0.2661, U = 4.285 V vs Li (graphite ~0.085 V), so a Li-metal cell "
                "reaching the same cathode state needs a 4.3 V cut-off",
                "reference_temperature": f"298.15 K, {_CHEN2020}",
                "density": "4780 kg/m3 [computed]: R-3m cell a = 2.872 A, c = 14.20 A, Z = 3, "
                "M = 97.28 g/mol (lattice constants of pristine NCM811, e.g. Kondrakov et al., "
                "J. Phys. Chem. C 121, 3286 (2017) [verify])",
                "molar_mass": "LiNi0.8Mn0.1Co0.1O2 from atomic masses, 97.28 g/mol",
                "carbon_density": "1.9 g/cm3 for Super P carbon black [assumed: typical value used "
                "in cell-design calculators, e.g. M. Orzech's cell calculator, code read]",
                "binder_density": "1.78 g/cm3 for PVDF [assumed: typical handbook value]",
                "carbon_fraction": "0.02 [assumed]: a typical 1-3 vol% conductive-carbon additive in "
                "sulphide composite cathodes (Cao 2023: NMC811:SE:VGCF = 80:20:2 by mass, ~2-3 vol% carbon); "
                "plausible range 0.01-0.05",
                "practical_capacity": (
                    "200 mAh/g: Cao 2023 take 1C = 200 mA/g NMC811 in their sulphide cell [seed]; NMC811 | halide "
                    "~210 mAh/g at 0.2C, like liquid cells [read] (DOE BMR FY2023 Q4). The Chen2020 window gives "
                    "227 mAh/g at this density (c_max was fitted with the liquid cell's active fraction), so the "
                    "model runs on 0.88 of the active material. Tagged sulphide cells deliver 150-190 mAh/g at C/10 "
                    "[read] (Zhang 2025, Nat. Mater.): range 150-210"
                ),
                "first_cycle_efficiency": (
                    "0.85 [assumed], range 0.70-0.88: coated Ni-rich cathodes in argyrodite cells, ICE ~0.75-0.88; "
                    "uncoated 0.60-0.75 [read, literature notes]; liquid NMC811 half-cells 0.88-0.91"
                ),
            },
        ),
    }
)


def get_cathode(name: str | CathodeMaterial) -> CathodeMaterial:
    """Return the cathode parameter set called ``name``.

    Parameters
    ----------
    name : str or CathodeMaterial
        Registry name, or a parameter set (returned unchanged).

    Raises
    ------
    KeyError
        If the name is unknown; the message lists the valid names.
    """
    return lookup(CATHODES, name, "cathode")


@dataclass(frozen=True)
class LithiumMetal:
    """Lithium-metal anode properties.

    Attributes
    ----------
    molar_volume : float
        Molar volume of Li metal [m3 mol-1].
    density : float
        Density [kg m-3].
    molar_mass : float
        Molar mass [kg mol-1].
    specific_capacity : float
        Theoretical specific capacity [C kg-1] (3860 mAh/g = 1.3896e7 C/kg).
    sources : Mapping[str, str]
        Source of each value.
    """

    molar_volume: float
    density: float
    molar_mass: float
    specific_capacity: float
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)


LITHIUM = LithiumMetal(
    molar_volume=1.30e-5,
    density=534.0,
    molar_mass=6.941e-3,
    specific_capacity=3860.0 * 3.6e3,  # 3860 mAh/g -> C/kg
    sources=MappingProxyType(
        {
            "molar_volume": "1.3e-5 m3/mol, PyBaMM Xu2019 'Lithium metal partial molar volume' "
            "[code read]; = M/rho = 6.941e-3/534",
            "density": "534 kg/m3 at 20 degC, handbook value [read]",
            "molar_mass": "6.941 g/mol (IUPAC conventional atomic weight)",
            "specific_capacity": "3860 mAh/g = F/M [computed]: 96485/6.941e-3 C/kg",
        }
    ),
)


@dataclass(frozen=True)
class CurrentCollectors:
    """Current-collector set of one cell repeat unit.

    Attributes
    ----------
    name : str
        Registry name.
    cathode_material, anode_material : str
        Collector metals ("none" for no anode collector: the Li foil carries current).
    cathode_thickness, anode_thickness : float
        Foil thicknesses [m].
    cathode_density, anode_density : float
        Foil densities [kg m-3].
    shared_fraction : float
        Fraction of each foil assigned to one cell repeat unit [-]: 0.5 for
        double-sided electrodes (each foil serves two cells), 1 for single-sided.
    sources : Mapping[str, str]
        Source of each value.
    """

    name: str
    cathode_material: str
    cathode_thickness: float
    cathode_density: float
    anode_material: str
    anode_thickness: float
    anode_density: float
    shared_fraction: float
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)

    @property
    def areal_mass(self) -> float:
        """Collector mass per cell repeat unit [kg m-2]."""
        return self.shared_fraction * (
            self.cathode_thickness * self.cathode_density + self.anode_thickness * self.anode_density
        )

    @property
    def thickness(self) -> float:
        """Collector thickness per cell repeat unit [m]."""
        return self.shared_fraction * (self.cathode_thickness + self.anode_thickness)


_CC_SOURCES = {
    "cathode_thickness": f"Al 16 um, positive current collector of {_CHEN2020}",
    "cathode_density": f"Al 2700 kg/m3, {_CHEN2020}",
    "anode_thickness": f"Cu 12 um, negative current collector of {_CHEN2020}",
    "anode_density": f"Cu 8960 kg/m3, {_CHEN2020}",
    "shared_fraction": "0.5 [assumed]: double-sided electrodes in a stacked cell, each foil "
    "serves two repeat units",
}

COLLECTORS: Mapping[str, CurrentCollectors] = MappingProxyType(
    {
        "default": CurrentCollectors(
            name="default",
            cathode_material="Al",
            cathode_thickness=16e-6,
            cathode_density=2700.0,
            anode_material="Cu",
            anode_thickness=12e-6,
            anode_density=8960.0,
            shared_fraction=0.5,
            sources=_CC_SOURCES,
        ),
        "no_anode_collector": CurrentCollectors(
            name="no_anode_collector",
            cathode_material="Al",
            cathode_thickness=16e-6,
            cathode_density=2700.0,
            anode_material="none",
            anode_thickness=0.0,
            anode_density=8960.0,
            shared_fraction=0.5,
            sources={
                **_CC_SOURCES,
                "anode_thickness": "0 [assumed]: the Li foil is its own current collector",
            },
        ),
        "single_sided": CurrentCollectors(
            name="single_sided",
            cathode_material="Al",
            cathode_thickness=16e-6,
            cathode_density=2700.0,
            anode_material="Cu",
            anode_thickness=12e-6,
            anode_density=8960.0,
            shared_fraction=1.0,
            sources={
                **_CC_SOURCES,
                "shared_fraction": "1 [assumed]: single-sided lab/pouch cell, each foil belongs "
                "to one cell",
            },
        ),
    }
)


def get_collectors(name: str | CurrentCollectors) -> CurrentCollectors:
    """Return the current-collector set called ``name``.

    Raises
    ------
    KeyError
        If the name is unknown; the message lists the valid names.
    """
    return lookup(COLLECTORS, name, "collector set")


def _ocp_nmc_lgm50_chen2020(x):
    return (
        -0.8090 * x
        + 4.4875
        - 0.0428 * np.tanh(18.5138 * (x - 0.5542))
        - 17.7326 * np.tanh(15.7890 * (x - 0.3117))
        + 17.5842 * np.tanh(15.9308 * (x - 0.3120))
    )


_OCP_FUNCTIONS = MappingProxyType({"nmc_LGM50_Chen2020": _ocp_nmc_lgm50_chen2020})


def cathode_ocp(stoichiometry, cathode="NMC811") -> np.ndarray:
    """Open-circuit potential of the cathode active material vs Li/Li+.

    For ``"NMC811"`` (Chen et al. 2020, PyBaMM ``nmc_LGM50_ocp_Chen2020``, code read)::

        U(x) = -0.8090 x + 4.4875 - 0.0428 tanh(18.5138 (x - 0.5542))
               - 17.7326 tanh(15.7890 (x - 0.3117)) + 17.5842 tanh(15.9308 (x - 0.3120))

    Parameters
    ----------
    stoichiometry : array_like
        Li stoichiometry ``x = c / c_max`` [-]; the fit is meant for 0.2 <= x <= 1.
    cathode : str or CathodeMaterial
        Cathode parameter set.

    Returns
    -------
    numpy.ndarray
        Open-circuit potential [V vs Li/Li+]. No entropic term (Chen2020 sets it to 0).

    References
    ----------
    Chen et al., J. Electrochem. Soc. 167, 080534 (2020).
    """
    params = get_cathode(cathode)
    return np.asarray(_OCP_FUNCTIONS[params.ocp](np.asarray(stoichiometry, dtype=float)), dtype=float)


def lithium_areal_capacity(thickness) -> np.ndarray:
    """Charge stored in a dense Li-metal foil per unit area.

    ``Q = rho_Li * L * q_Li`` with ``q_Li = F / M_Li`` = 3860 mAh/g.
    20 um of Li holds 4.12 mAh/cm2 = 1.48e5 C/m2 (physics.md section 9).

    Parameters
    ----------
    thickness : array_like
        Li foil thickness [m].

    Returns
    -------
    numpy.ndarray
        Areal capacity [C m-2] (1 mAh/cm2 = 36 000 C/m2).
    """
    return np.asarray(thickness, dtype=float) * LITHIUM.density * LITHIUM.specific_capacity


def composite_solid_density(active_fraction, porosity, catholyte_density, *, cathode="NMC811") -> np.ndarray:
    """Density of the solid part of a composite cathode (active material + catholyte + carbon).

    ``eps_SE = clip(1 - eps_am - eps_pore - eps_C, 0, 1)``,
    ``rho_solid = (eps_am rho_am + eps_SE rho_SE + eps_C rho_C) / (eps_am + eps_SE + eps_C)``
    (rule of mixtures by volume; the pores carry no mass).

    Parameters
    ----------
    active_fraction, porosity : array_like
        Volume fractions of active material and of voids in the composite [-].
    catholyte_density : array_like
        Theoretical density of the solid electrolyte in the composite [kg m-3].
    cathode : str or CathodeMaterial
        Parameter set (active-material and carbon densities, carbon fraction).

    Returns
    -------
    numpy.ndarray
        Solid density [kg m-3]: what a deposited or pressed layer of given
        areal mass and porosity is made of (thickness = areal mass /
        (rho_solid (1 - porosity))).
    """
    p = get_cathode(cathode)
    ea = np.asarray(active_fraction, dtype=float)
    carbon = p.carbon_fraction
    se_fraction = np.clip(1.0 - ea - np.asarray(porosity, dtype=float) - carbon, 0.0, 1.0)
    solid = ea + se_fraction + carbon
    return (ea * p.density + se_fraction * np.asarray(catholyte_density, dtype=float) + carbon * p.carbon_density) / solid
