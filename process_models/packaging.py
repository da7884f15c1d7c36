"""Cell and module mass and volume budgets: tabs, pouch or can, headspace, stack-pressure hardware.

A cell is ``n`` unit layers (repeat units: composite cathode | separator | Li
with half of each shared current collector, :func:`electrochem.stack_metrics`)
stacked into a housing. This module adds what the stack alone does not carry
(physics.md section 12; research notes ``cost_scale.md`` sections 6 and 7):

* **tabs**: one Al (+) and one Ni (-) strip of thickness ``t_tab``, width
  ``f_tab w`` and length ``l_tab`` [assumed];
* **headspace**: ``h_end`` of empty length at each tab end where the tabs are
  welded to the collectors [assumed];
* **pouch**: laminate of areal mass ``m''_lam`` and thickness ``t_lam`` over
  twice the cell footprint, the stack plus a seal margin ``s`` on each side::

      W = w + 2 s,  L = l + 2 s + n_ends h_end,  m_pouch = 2 W L m''_lam
      T = n t_layer + 2 t_lam,  V = W L T

* **prismatic can**: an Al box of wall ``t_w`` around the stack with a
  clearance ``c`` on every side (tab end: the headspace)::

      inner = (w + 2c) x (l + n_ends h_end) x (n t_layer + 2c),  outer = inner + 2 t_w
      m_can = rho_Al (V_outer - V_inner),  V = V_outer

The stack footprint ``w x l`` has area ``A`` and aspect ratio ``l/w`` (``l``
along the tabs). The outermost half-collectors of the stack, tab welds and
lid terminals are not counted (each < 1 % of a 20-layer cell's mass).

**Stack-pressure hardware** (notes section 6 [derived]): two steel end plates
per module, each a beam of span ``L`` (the footprint width, between tie rods)
and width ``b`` under uniform pressure ``p``; the plate thickness is the larger
of the strength-limited and the stiffness-limited value::

    t_sigma = L sqrt(3 p / (4 sigma))                  (max bending stress sigma)
    t_delta = (5 * 12 p L^4 / (384 E delta))^(1/3)       (mid-span deflection delta)
    m_plates = 2 rho L b t,   tie rods: A_rod = p L b / sigma_rod

shared by the ``N`` cells of the module. Units: SI (kg, m, m2, m3, Pa, J).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping, NamedTuple

import numpy as np

from .registry import lookup

__all__ = ["PackagingParams", "PACKAGING_PARAMETERS", "get_packaging_params", "CellBudget", "cell_budget",
           "HardwareParams", "HARDWARE_PARAMETERS", "get_hardware_params", "PressureHardware",
           "plate_thickness_strength", "plate_thickness_stiffness", "pressure_hardware", "EnergyMetrics",
           "energy_metrics"]

_AL_DENSITY = 2700.0  # kg m-3, handbook
_NI_DENSITY = 8900.0  # kg m-3, handbook (8.88 g/cm3 in the BatPaC-derived CMU defaults [read], notes s7)


@dataclass(frozen=True)
class PackagingParams:
    """Housing of one cell (pouch or prismatic can).

    Attributes
    ----------
    name : str
        Registry name.
    format : str
        Default housing of the set: ``"pouch"`` or ``"prismatic"``. Every set
        carries both housings' values, so either can be chosen.
    laminate_thickness : float
        Pouch laminate (nylon / Al / CPP) thickness [m].
    laminate_areal_mass : float
        Pouch laminate mass per area [kg m-2].
    seal_margin : float
        Seal flange on each side of the stack [m].
    headspace : float
        Empty length at each tab end (tab welds, seal) [m].
    tab_ends : int
        Ends carrying tabs: 2 (tabs on opposite ends) or 1 [-].
    tab_thickness, tab_length : float
        Tab strip thickness and length (protrusion plus weld zone) [m].
    tab_width_fraction : float
        Tab width over the stack width [-].
    tab_densities : tuple of float
        Positive (Al) and negative (Ni) tab densities [kg m-3].
    can_wall : float
        Prismatic can wall thickness [m].
    can_density : float
        Can material density (Al) [kg m-3].
    can_clearance : float
        Gap between stack and can wall on the sides and faces [m].
    sources : Mapping[str, str]
        Source of each value.
    """

    name: str
    format: str
    laminate_thickness: float
    laminate_areal_mass: float
    seal_margin: float
    headspace: float
    tab_ends: int
    tab_thickness: float
    tab_length: float
    tab_width_fraction: float
    tab_densities: tuple[float, float]
    can_wall: float
    can_density: float
    can_clearance: float
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)


_TAB_SOURCES = {
    "tab_thickness": "0.2 mm [assumed], range 0.1-0.4 mm: EV pouch practice (notes s7, not verified)",
    "tab_length": "25 mm [assumed], range 15-40 mm: protrusion plus weld zone",
    "tab_width_fraction": "0.3 [assumed], range 0.2-0.8 of the stack width; 40-80 mm on EV cells (notes s7)",
    "tab_densities": "Al 2700, Ni 8900 kg/m3 (handbook; Ni 8.88 g/cm3 in the BatPaC-derived CMU defaults [read])",
    "can_density": "Al 2700 kg/m3 (handbook)",
}

PACKAGING_PARAMETERS: Mapping[str, PackagingParams] = MappingProxyType({
    "pouch-2025": PackagingParams(
        name="pouch-2025", format="pouch",
        laminate_thickness=153e-6, laminate_areal_mass=0.220, seal_margin=12e-3, headspace=10e-3, tab_ends=2,
        tab_thickness=0.2e-3, tab_length=25e-3, tab_width_fraction=0.3, tab_densities=(_AL_DENSITY, _NI_DENSITY),
        can_wall=0.8e-3, can_density=_AL_DENSITY, can_clearance=0.5e-3,
        sources={
            **_TAB_SOURCES,
            "laminate_thickness": "153 um: a standard pouch-film gauge (88/113/122/153 um) [read] (tobmachine.com, "
                                  "notes s7)",
            "laminate_areal_mass": "220 g/m2 [derived] for 153 um (215-230 g/m2 from nylon/Al/CPP build, notes s7)",
            "seal_margin": "12 mm [assumed], range 10-15 mm per side (notes s7)",
            "headspace": "10 mm [assumed], range 5-15 mm per tab end (notes s7)",
            "tab_ends": "2 [assumed]: tabs on opposite ends, usual for EV pouch cells",
            "can_wall": "0.8 mm [assumed], range 0.6-1 mm Al (used only with format='prismatic')",
            "can_clearance": "0.5 mm [assumed], range 0.2-1 mm (used only with format='prismatic')",
        },
    ),
    "pouch-thin-2030": PackagingParams(
        name="pouch-thin-2030", format="pouch",
        laminate_thickness=113e-6, laminate_areal_mass=0.180, seal_margin=10e-3, headspace=8e-3, tab_ends=2,
        tab_thickness=0.2e-3, tab_length=25e-3, tab_width_fraction=0.3, tab_densities=(_AL_DENSITY, _NI_DENSITY),
        can_wall=0.6e-3, can_density=_AL_DENSITY, can_clearance=0.3e-3,
        sources={
            **_TAB_SOURCES,
            "laminate_thickness": "113 um: a standard pouch-film gauge [read] (tobmachine.com, notes s7)",
            "laminate_areal_mass": "180 g/m2 [derived] (nylon 25 / Al 40 / CPP 40 um + adhesive, notes s7)",
            "seal_margin": "10 mm [assumed], the low end of 10-15 mm (notes s7)",
            "headspace": "8 mm [assumed], range 5-15 mm per tab end (notes s7)",
            "tab_ends": "2 [assumed]: tabs on opposite ends",
            "can_wall": "0.6 mm [assumed], the low end of 0.6-1 mm",
            "can_clearance": "0.3 mm [assumed], range 0.2-1 mm",
        },
    ),
    "prismatic-2025": PackagingParams(
        name="prismatic-2025", format="prismatic",
        laminate_thickness=153e-6, laminate_areal_mass=0.220, seal_margin=12e-3, headspace=10e-3, tab_ends=1,
        tab_thickness=0.2e-3, tab_length=25e-3, tab_width_fraction=0.3, tab_densities=(_AL_DENSITY, _NI_DENSITY),
        can_wall=0.8e-3, can_density=_AL_DENSITY, can_clearance=0.5e-3,
        sources={
            **_TAB_SOURCES,
            "laminate_thickness": "153 um [read] gauge (used only with format='pouch')",
            "laminate_areal_mass": "220 g/m2 [derived] (used only with format='pouch')",
            "seal_margin": "12 mm [assumed] (used only with format='pouch')",
            "headspace": "10 mm [assumed], range 5-15 mm at the lid (terminal) end (notes s7)",
            "tab_ends": "1 [assumed]: both terminals on the lid",
            "can_wall": "0.8 mm [assumed], range 0.6-1 mm Al deep-drawn can",
            "can_clearance": "0.5 mm [assumed], range 0.2-1 mm (insulation film and assembly gap)",
        },
    ),
})


def get_packaging_params(name: str | PackagingParams) -> PackagingParams:
    """Packaging set by name; a wrong name lists the valid ones."""
    return lookup(PACKAGING_PARAMETERS, name, "packaging parameter set")


class CellBudget(NamedTuple):
    """Mass and size of a finished cell.

    Attributes
    ----------
    mass : numpy.ndarray
        Cell mass: stack + tabs + pouch or can [kg].
    volume : numpy.ndarray
        Envelope volume (seal flanges at full thickness; tab protrusion excluded) [m3].
    thickness : numpy.ndarray
        Cell thickness [m].
    footprint : numpy.ndarray
        Cell footprint area [m2].
    """

    mass: np.ndarray
    volume: np.ndarray
    thickness: np.ndarray
    footprint: np.ndarray


def cell_budget(layer_mass, layer_thickness, layer_area, n_layers, *, format=None, params="pouch-2025",
                aspect_ratio=1.0) -> CellBudget:
    """Mass, volume, thickness and footprint of a cell of ``n_layers`` unit layers.

    See the module docstring for the pouch and can geometry.

    Parameters
    ----------
    layer_mass : array_like
        Mass of one unit layer (repeat unit incl. its share of the collectors) [kg],
        e.g. ``stack_metrics(...).areal_mass * layer_area``.
    layer_thickness : array_like
        Thickness of one unit layer [m] (``stack_metrics(...).thickness``).
    layer_area : array_like
        Electrode (stack) footprint area [m2].
    n_layers : array_like
        Number of unit layers in the cell [-].
    format : {"pouch", "prismatic"}, optional
        Housing; default the parameter set's own ``format``.
    params : str or PackagingParams
        Packaging set (:data:`PACKAGING_PARAMETERS`).
    aspect_ratio : array_like
        Stack length (along the tabs) over width [-].

    Returns
    -------
    CellBudget
        ``mass`` [kg], ``volume`` [m3], ``thickness`` [m], ``footprint`` [m2].

    Examples
    --------
    >>> b = cell_budget(4.7e-3, 164e-6, 0.01, 20)   # 20 layers of 10 x 10 cm in a 153 um pouch
    >>> round(float(b.mass) * 1e3, 1), round(float(b.thickness) * 1e3, 2)
    (103.6, 3.59)
    """
    p = get_packaging_params(params)
    fmt = p.format if format is None else format
    if fmt not in ("pouch", "prismatic"):
        raise KeyError(f"unknown cell format {fmt!r}; valid names: pouch, prismatic")
    area = np.asarray(layer_area, dtype=float)
    ar = np.asarray(aspect_ratio, dtype=float)
    w = np.sqrt(area / ar)
    length = ar * w
    n = np.asarray(n_layers, dtype=float)
    stack_mass = n * np.asarray(layer_mass, dtype=float)
    stack_h = n * np.asarray(layer_thickness, dtype=float)
    tabs = p.tab_thickness * p.tab_width_fraction * w * p.tab_length * sum(p.tab_densities)
    ends = p.tab_ends * p.headspace
    if fmt == "pouch":
        width, long = w + 2.0 * p.seal_margin, length + 2.0 * p.seal_margin + ends
        thickness = stack_h + 2.0 * p.laminate_thickness
        housing = 2.0 * width * long * p.laminate_areal_mass
    else:
        iw, il, ih = w + 2.0 * p.can_clearance, length + ends, stack_h + 2.0 * p.can_clearance
        width, long, thickness = iw + 2.0 * p.can_wall, il + 2.0 * p.can_wall, ih + 2.0 * p.can_wall
        housing = p.can_density * (width * long * thickness - iw * il * ih)
    footprint = width * long
    return CellBudget(stack_mass + tabs + housing, footprint * thickness, np.asarray(thickness, dtype=float),
                      np.asarray(footprint, dtype=float))


# ------------------------------------------------------------------ stack-pressure hardware

@dataclass(frozen=True)
class HardwareParams:
    """End plates and tie rods that hold a module's stack pressure.

    Attributes
    ----------
    name : str
        Registry name.
    density : float
        Plate and rod material density [kg m-3].
    modulus : float
        Young's modulus of the plates [Pa].
    allowable_stress : float
        Allowable bending stress of the plates [Pa].
    max_deflection : float
        Allowed mid-span deflection of a plate [m] (pressure uniformity).
    rod_stress : float
        Allowable tensile stress of the tie rods [Pa].
    rod_allowance : float
        Rod length beyond the plates at each end (nuts, washers) [m].
    sources : Mapping[str, str]
        Source of each value.
    """

    name: str
    density: float
    modulus: float
    allowable_stress: float
    max_deflection: float
    rod_stress: float
    rod_allowance: float
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)


HARDWARE_PARAMETERS: Mapping[str, HardwareParams] = MappingProxyType({
    "steel-plates": HardwareParams(
        name="steel-plates", density=7850.0, modulus=200e9, allowable_stress=250e6, max_deflection=0.1e-3,
        rod_stress=400e6, rod_allowance=10e-3,
        sources={
            "density": "7850 kg/m3 structural steel (handbook; notes s6)",
            "modulus": "200 GPa steel (handbook; notes s6)",
            "allowable_stress": "250 MPa [assumed] (structural steel yield ~250-355 MPa; notes s6)",
            "max_deflection": "0.1 mm [assumed] (notes s6 table): keeps the pressure uniform over the span; "
                              "range 0.05-0.5 mm",
            "rod_stress": "400 MPa [derived] from notes s6 (30 kN carried by ~75 mm2 of rod); grade 8.8 bolts "
                          "yield at 640 MPa",
            "rod_allowance": "10 mm per end [assumed], range 5-20 mm (nut and washer)",
        },
    ),
})


def get_hardware_params(name: str | HardwareParams) -> HardwareParams:
    """Hardware set by name; a wrong name lists the valid ones."""
    return lookup(HARDWARE_PARAMETERS, name, "pressure hardware parameter set")


class PressureHardware(NamedTuple):
    """Stack-pressure hardware per cell (the module's hardware shared by its cells).

    Attributes
    ----------
    mass : numpy.ndarray
        Plates + tie rods per cell [kg].
    volume : numpy.ndarray
        Plate and rod material volume per cell [m3].
    plate_thickness : numpy.ndarray
        Thickness of each end plate [m].
    plate_mass : numpy.ndarray
        Plates per cell [kg].
    rod_mass : numpy.ndarray
        Tie rods per cell [kg].
    """

    mass: np.ndarray
    volume: np.ndarray
    plate_thickness: np.ndarray
    plate_mass: np.ndarray
    rod_mass: np.ndarray


def plate_thickness_strength(stack_pressure, span, allowable_stress=250e6) -> np.ndarray:
    """Strength-limited end-plate thickness [m]: ``t = L sqrt(3 p / (4 sigma))``.

    Simply supported beam of span ``L`` [m] under uniform pressure ``p`` [Pa]:
    ``M = p b L^2 / 8`` and ``sigma = 6 M / (b t^2)``; ``sigma`` [Pa].

    >>> round(float(plate_thickness_strength(5e6, 0.1)) * 1e3, 1)
    12.2
    """
    p = np.maximum(np.asarray(stack_pressure, dtype=float), 0.0)
    return np.asarray(span, dtype=float) * np.sqrt(3.0 * p / (4.0 * np.asarray(allowable_stress, dtype=float)))


def plate_thickness_stiffness(stack_pressure, span, modulus=200e9, max_deflection=0.1e-3) -> np.ndarray:
    """Stiffness-limited end-plate thickness [m]: ``t = (5 * 12 p L^4 / (384 E delta))^(1/3)``.

    Mid-span deflection of a simply supported beam, ``delta = 5 q L^4 / (384 E I)``
    with ``q = p b``, ``I = b t^3 / 12``. ``p`` [Pa], ``L`` [m], ``E`` [Pa], ``delta`` [m].

    >>> round(float(plate_thickness_stiffness(5e6, 0.1)) * 1e3, 1)
    15.7
    """
    p = np.maximum(np.asarray(stack_pressure, dtype=float), 0.0)
    span = np.asarray(span, dtype=float)
    return np.cbrt(60.0 * p * span**4 / (384.0 * np.asarray(modulus, dtype=float)
                                         * np.asarray(max_deflection, dtype=float)))


def pressure_hardware(stack_pressure, footprint_width, footprint_length, cells_per_module, cell_thickness, *,
                      params="steel-plates") -> PressureHardware:
    """Mass and volume per cell of the end plates and tie rods that hold a module's stack pressure.

    Two plates of ``footprint_width x footprint_length`` span the width between
    tie rods (see the module docstring); thickness ``max(t_sigma, t_delta)``.
    Tie rods carry ``F = p w l`` at ``rod_stress`` over the module length
    ``N t_cell + 2 t + 2 allowance``. Everything is shared by the ``N`` cells
    of the module. Zero pressure needs no hardware.

    Parameters
    ----------
    stack_pressure : array_like
        Stack pressure held [Pa].
    footprint_width : array_like
        Cell footprint width = plate span between tie rods [m].
    footprint_length : array_like
        Cell footprint length = plate (beam) width [m].
    cells_per_module : array_like
        Cells stacked between one pair of plates [-].
    cell_thickness : array_like
        Thickness of one cell [m] (:func:`cell_budget` ``.thickness``).
    params : str or HardwareParams
        Hardware set (:data:`HARDWARE_PARAMETERS`).

    Returns
    -------
    PressureHardware
        Per cell: ``mass`` [kg], ``volume`` [m3], ``plate_mass`` [kg], ``rod_mass``
        [kg]; ``plate_thickness`` [m].

    References
    ----------
    Research notes cost_scale.md s6 [derived]: for a 10 x 30 cm footprint with a
    0.1 m span at 5 MPa, 12.2 mm plates (strength) or 15.7 mm (0.1 mm
    deflection), 5.8 or 7.4 kg of plates per module.

    Examples
    --------
    >>> h = pressure_hardware(5e6, 0.1, 0.3, 1, 0.0)
    >>> round(float(h.plate_thickness) * 1e3, 1), round(float(h.plate_mass), 1)
    (15.7, 7.4)
    """
    hp = get_hardware_params(params)
    p = np.maximum(np.asarray(stack_pressure, dtype=float), 0.0)
    w = np.asarray(footprint_width, dtype=float)
    length = np.asarray(footprint_length, dtype=float)
    n = np.asarray(cells_per_module, dtype=float)
    t = np.maximum(plate_thickness_strength(p, w, hp.allowable_stress),
                   plate_thickness_stiffness(p, w, hp.modulus, hp.max_deflection))
    plate_volume = 2.0 * w * length * t
    rod_area = p * w * length / hp.rod_stress
    rod_length = n * np.asarray(cell_thickness, dtype=float) + 2.0 * t + 2.0 * hp.rod_allowance
    rod_volume = np.where(p > 0.0, rod_area * rod_length, 0.0)
    volume = (plate_volume + rod_volume) / n
    return PressureHardware(hp.density * volume, volume, t, hp.density * plate_volume / n,
                            hp.density * rod_volume / n)


class EnergyMetrics(NamedTuple):
    """Specific energy and energy density of a cell and, with hardware, of a module.

    Attributes
    ----------
    specific_energy : numpy.ndarray
        Cell level [J kg-1] (1 Wh/kg = 3600 J/kg).
    energy_density : numpy.ndarray
        Cell level [J m-3] (1 Wh/L = 3.6e6 J/m3).
    module_specific_energy : numpy.ndarray
        Including the stack-pressure hardware per cell [J kg-1]; NaN without hardware.
    module_energy_density : numpy.ndarray
        Including the hardware's material volume per cell [J m-3]; NaN without hardware.
    """

    specific_energy: np.ndarray
    energy_density: np.ndarray
    module_specific_energy: np.ndarray
    module_energy_density: np.ndarray


def energy_metrics(energy, cell, hardware=None) -> EnergyMetrics:
    """Specific energy and energy density at cell and (with ``hardware``) module level.

    Parameters
    ----------
    energy : array_like
        Energy of one cell [J] (e.g. areal energy x layer area x layers).
    cell : CellBudget
        From :func:`cell_budget`.
    hardware : PressureHardware, optional
        From :func:`pressure_hardware` (per cell).

    Returns
    -------
    EnergyMetrics
        Cell and module values [J kg-1], [J m-3].

    Examples
    --------
    >>> c = cell_budget(4.7e-3, 164e-6, 0.01, 20)
    >>> e = energy_metrics(20 * 0.01 * 9e5, c, pressure_hardware(1e6, 0.1, 0.1, 20, c.thickness))
    >>> round(float(e.specific_energy) / 3600), round(float(e.module_specific_energy) / 3600)
    (483, 283)
    """
    e = np.asarray(energy, dtype=float)
    cs, cd = e / cell.mass, e / cell.volume
    if hardware is None:
        nan = np.full(np.broadcast(cs, cd).shape, np.nan)
        return EnergyMetrics(cs, cd, nan, nan.copy())
    return EnergyMetrics(cs, cd, e / (cell.mass + hardware.mass), e / (cell.volume + hardware.volume))
