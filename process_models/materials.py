"""Solid-electrolyte material parameter sets (data, each value with its source).

Parameter sets are registered by name (``ELECTROLYTES["Ga-LLZO"]``) and selected
from scenario YAML by that name; :func:`get_electrolyte` raises a ``KeyError``
listing the valid names when a name is wrong.

All values are SI: density [kg m-3], conductivity [S m-1], moduli [Pa],
fracture toughness [Pa m^0.5], molar mass [kg mol-1].

Confidence tags follow ``shared/reference/physics.md``: [seed] stated in the
founding documents (Pasta et al., J. Phys. Energy 2, 032008, 2020; Cao et al.,
Adv. Funct. Mater. 2023, 2307998); [read] confirmed from the cited paper;
[assumed] chosen here, with the reason given in ``sources``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping
from .registry import lookup

__all__ = [
    "ElectrolyteMaterial", "ELECTROLYTES", "get_electrolyte", "by_family"]


@dataclass(frozen=True)
class ElectrolyteMaterial:
    """Bulk properties of one solid electrolyte.

    Attributes
    ----------
    name : str
        Registry name.
    family : {"oxide", "sulphide"}
        Processing family: oxides are sintered, sulphides are cold pressed or
        sprayed in a dry room.
    theoretical_density : float
        Fully dense density [kg m-3].
    bulk_ionic_conductivity : float
        Ionic conductivity of phase-pure material at 298 K and relative
        density ``conductivity_reference_density`` [S m-1].
    electronic_conductivity : float
        Electronic conductivity at 298 K [S m-1].
    shear_modulus : float
        Shear modulus [Pa].
    youngs_modulus : float
        Young's modulus [Pa].
    fracture_toughness : float
        Mode-I fracture toughness K_IC [Pa m^0.5].
    molar_mass : float
        Molar mass of one formula unit [kg mol-1].
    li_per_formula : float
        Li atoms per formula unit [-].
    conductivity_reference_density : float
        Relative density at which ``bulk_ionic_conductivity`` was measured
        [-]: 1 for a dense (bulk) value, the pellet's density for a value
        measured on a cold-pressed pellet (so it is not derated twice).
    sources : Mapping[str, str]
        Source of each value, keyed by attribute name.
    """

    name: str
    family: str
    theoretical_density: float
    bulk_ionic_conductivity: float
    electronic_conductivity: float
    shear_modulus: float
    youngs_modulus: float
    fracture_toughness: float
    molar_mass: float
    li_per_formula: float
    conductivity_reference_density: float = 1.0
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)


_LLZO_COMMON_SOURCES = {
    "electronic_conductivity": "1e-8 S/cm, low end of 1e-8..1e-7 S/cm [seed] (Pasta 2020 roadmap)",
    "shear_modulus": "~60 GPa [seed] (Pasta 2020 roadmap)",
    "youngs_modulus": "~150 GPa; Ni et al., J. Mater. Sci. 47, 7978 (2012) report 149.8 GPa for Al-LLZO [assumed: not re-read here]",
    "fracture_toughness": "~1 MPa m^0.5; Wolfenstine et al. (2013) report 0.86-1.63 MPa m^0.5 [assumed: not re-read here]",
    "theoretical_density": "5.1 g/cm3 from the cubic Ia-3d cell (a = 12.97 A, 8 f.u./cell) [assumed: computed, not measured]",
    "molar_mass": "Li7La3Zr2O12, 839.7 g/mol (atomic masses)",
    "li_per_formula": "stoichiometry of the doped formula",
}

ELECTROLYTES: Mapping[str, ElectrolyteMaterial] = MappingProxyType(
    {
        "Ga-LLZO": ElectrolyteMaterial(
            name="Ga-LLZO",
            family="oxide",
            theoretical_density=5.10e3,
            bulk_ionic_conductivity=0.14,  # 1.4 mS/cm dense
            electronic_conductivity=1e-6,
            shear_modulus=60e9,
            youngs_modulus=150e9,
            fracture_toughness=1.0e6,
            molar_mass=0.8265,  # Li6.25Ga0.25La3Zr2O12
            li_per_formula=6.25,
            sources={
                **_LLZO_COMMON_SOURCES,
                "bulk_ionic_conductivity": (
                    "1.4 mS/cm fully dense [assumed]: chosen so that the 95 % dense tape of "
                    "Yi et al., J. Power Sources 2017 (1.3 mS/cm measured) is reproduced; "
                    "within the Ga/Ta-doped ~1 mS/cm of the roadmap [seed]"
                ),
                "molar_mass": "Li6.25Ga0.25La3Zr2O12 from atomic masses",
            },
        ),
        "Ta-LLZO": ElectrolyteMaterial(
            name="Ta-LLZO",
            family="oxide",
            theoretical_density=5.35e3,
            bulk_ionic_conductivity=0.10,
            electronic_conductivity=1e-6,
            shear_modulus=60e9,
            youngs_modulus=150e9,
            fracture_toughness=1.0e6,
            molar_mass=0.8850,  # Li6.4La3Zr1.4Ta0.6O12
            li_per_formula=6.4,
            sources={
                **_LLZO_COMMON_SOURCES,
                "bulk_ionic_conductivity": "~1 mS/cm for Ta-doped LLZO [seed] (Pasta 2020 roadmap)",
                "theoretical_density": "5.35 g/cm3 [assumed]: Ta raises density over Ga-LLZO",
                "molar_mass": "Li6.4La3Zr1.4Ta0.6O12 from atomic masses",
            },
        ),
        "Al-LLZO": ElectrolyteMaterial(
            name="Al-LLZO",
            family="oxide",
            theoretical_density=5.07e3,
            bulk_ionic_conductivity=0.04,
            electronic_conductivity=1e-6,
            shear_modulus=60e9,
            youngs_modulus=150e9,
            fracture_toughness=1.0e6,
            molar_mass=0.8158,  # Li6.25Al0.25La3Zr2O12
            li_per_formula=6.25,
            sources={
                **_LLZO_COMMON_SOURCES,
                "bulk_ionic_conductivity": "0.4 mS/cm, inside the 0.1-1 mS/cm garnet range [seed] (Pasta 2020 roadmap)",
                "molar_mass": "Li6.25Al0.25La3Zr2O12 from atomic masses",
            },
        ),
        "Li6PS5Cl": ElectrolyteMaterial(
            name="Li6PS5Cl",
            family="sulphide",
            theoretical_density=1.86e3,
            bulk_ionic_conductivity=0.30,  # 3 mS/cm
            electronic_conductivity=1e-7,
            shear_modulus=8e9,
            youngs_modulus=22e9,
            fracture_toughness=0.25e6,
            molar_mass=0.2684,
            li_per_formula=6.0,
            sources={
                "bulk_ionic_conductivity": "3 mS/cm, inside 1-10 mS/cm [seed] (Pasta 2020 roadmap)",
                "conductivity_reference_density": (
                    "1: the 3 mS/cm acts as the dense value of the pellet-conductivity fit (conductivity.py, "
                    "percolation_threshold: Yan 2026 pellets at 250/625 MPa)"
                ),
                "electronic_conductivity": "1e-9 S/cm [assumed]: argyrodites are 1e-9..1e-8 S/cm; Cao 2023 measured 3.2e-9 S/cm for Li5.4PS4.4Cl1.6 [seed]",
                "shear_modulus": "~8 GPa [seed] (Pasta 2020 roadmap)",
                "youngs_modulus": "22 GPa [assumed]: E = 2G(1+nu) with G = 8 GPa, nu = 0.37",
                "fracture_toughness": "0.25 MPa m^0.5 [assumed]: sulphide glass-ceramics are reported 0.2-0.3 MPa m^0.5",
                "theoretical_density": (
                    "1.86 g/cm3, computed: cubic F-43m, a = 9.86 A, 4 f.u. of 268.4 g/mol per cell "
                    "(corrected from 1.64, which came from a doubled molar mass)"
                ),
                "molar_mass": "Li6PS5Cl, 268.4 g/mol from atomic masses (corrected from 539.5)",
                "li_per_formula": "stoichiometry",
            },
        ),
        "Li5.4PS4.4Cl1.6": ElectrolyteMaterial(
            name="Li5.4PS4.4Cl1.6",
            family="sulphide",
            theoretical_density=1.88e3,
            bulk_ionic_conductivity=0.78,  # 7.8 mS/cm
            electronic_conductivity=3.2e-7,  # 3.2e-9 S/cm
            shear_modulus=8e9,
            youngs_modulus=22e9,
            fracture_toughness=0.25e6,
            molar_mass=0.2662,
            li_per_formula=5.4,
            conductivity_reference_density=0.84,
            sources={
                "bulk_ionic_conductivity": "7.8 mS/cm [seed] (Cao et al., Adv. Funct. Mater. 2023), measured on their pressed pellet",
                "conductivity_reference_density": (
                    "0.84: Cao 2023's pellet, 60 mg in 0.317 cm2 x 1.2 mm = 1.58 g/cm3 of 1.88 g/cm3 [seed]; their "
                    "phase field uses 16.25 % porosity [seed]"
                ),
                "electronic_conductivity": "3.2e-9 S/cm by DC polarisation [seed] (Cao et al. 2023)",
                "shear_modulus": "~8 GPa as for Li6PS5Cl [seed] (Pasta 2020 roadmap)",
                "youngs_modulus": "22 GPa [assumed]: as Li6PS5Cl",
                "fracture_toughness": "0.25 MPa m^0.5 [assumed]: as Li6PS5Cl",
                "theoretical_density": (
                    "1.88 g/cm3 [assumed]: 4 f.u. of 266.2 g/mol in a cubic cell of a = 9.80 A (Cl-rich argyrodites "
                    "have a slightly smaller cell than Li6PS5Cl)"
                ),
                "molar_mass": "Li5.4PS4.4Cl1.6, 266.2 g/mol from atomic masses (corrected from 528.7)",
                "li_per_formula": "stoichiometry",
            },
        ),
    }
)


def get_electrolyte(name: str | ElectrolyteMaterial) -> ElectrolyteMaterial:
    """Return the electrolyte parameter set called ``name``.

    Parameters
    ----------
    name : str or ElectrolyteMaterial
        Registry name, or a parameter set (returned unchanged).

    Raises
    ------
    KeyError
        If the name is unknown; the message lists the valid names.
    """
    return lookup(ELECTROLYTES, name, "electrolyte")


def by_family(electrolyte, *, oxide: str, sulphide: str) -> str:
    """The parameter-set name for ``electrolyte``'s family: ``oxide`` for garnets, ``sulphide`` for argyrodites."""
    return oxide if get_electrolyte(electrolyte).family == "oxide" else sulphide
