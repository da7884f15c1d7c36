"""Unit, status and prior of every numeric parameter, as data (read through :mod:`process_models.priors`).

One entry per ``(registry, set, field)``; set ``"*"`` covers the field in every
set of the registry, and an entry naming a set overrides it. A prior's shape is
given relative to the current value, so its centre is always the value in the
registry:

``rel(f)``          normal, sd = ``f * |value|``
``normal(sd)``      normal, sd in the parameter's unit
``lognormal(s)``    lognormal, median = value, sd of ``ln x`` = ``s``
``factor(f)``       lognormal, the value within a factor ``f`` at 95 % (``s = ln f / 1.96``)
``log_range(a, b)`` lognormal, median = value, wide enough to hold ``[a, b]`` at 95 %
``uniform(a, b)``   uniform on ``[a, b]`` (a range the source states); the value lies inside
``FIXED``           exact (definitions, atomic-mass and M/rho values, reference conditions)

Each ``basis`` says where the width comes from; a width the source gave no
ground for says ``default``. Statuses are defined in :mod:`process_models.priors`.
This module holds the shapes and the registries of air exposure, anode
cycling, calendering, cold pressing, conductivity, cost, creep, plating and
stripping; :mod:`process_models.prior_table_cells` holds the rest.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping, NamedTuple

STATUSES = ("measured", "fitted", "assumed", "derived")
M, F, A, D = STATUSES


class Shape(NamedTuple):
    """How a prior spreads around the current value (see the module docstring)."""

    kind: str
    a: float = 0.0
    b: float = 0.0


class Spec(NamedTuple):
    """One entry of the table: SI unit, status, prior shape and the basis of its width."""

    unit: str
    status: str
    shape: Shape
    basis: str


def rel(f: float) -> Shape:
    return Shape("normal_rel", f)


def normal(sd: float) -> Shape:
    return Shape("normal", sd)


def lognormal(sigma: float) -> Shape:
    return Shape("lognormal", sigma)


def factor(f: float) -> Shape:
    return Shape("factor", f)


def log_range(low: float, high: float) -> Shape:
    return Shape("log_range", low, high)


def uniform(low: float, high: float) -> Shape:
    return Shape("uniform", low, high)


FIXED = Shape("fixed")

# default widths, used where the source states no scatter or range
LIT10 = "literature value, no scatter given: default 10 %"
APPROX20 = "approximate ('~') literature value, no scatter given: default 20 %"
RATE2 = "kinetic/transport coefficient from one study: default factor 2 (95 %)"
ASSUMED2 = "assumed, no range given: default factor 2 (95 %)"
ASSUMED3 = "assumed, no range given: default factor 3 (95 %)"
EA25 = "assumed activation energy, no range given: default 25 %"
REF_T = "temperature the values are quoted at: a condition, exact"
ATOMIC = "from atomic masses: exact"
LI_VM = "M/rho of Li (6.94 g/mol, 0.534 g/cm3): exact"


def stated(unit: str, low: float, high: float, text: str, status: str = A) -> Spec:
    return Spec(unit, status, uniform(low, high), f"stated range {text}")


_E = {
    # --- air_exposure ------------------------------------------------------------------------------------------
    ("CARBONATE_GROWTH_PARAMETERS", "*", "dry_saturation_thickness"): Spec(
        "m", A, factor(3), "'a few monolayers' (stated): default factor 3 (95 %)"),
    ("CARBONATE_GROWTH_PARAMETERS", "*", "dry_time_constant"): Spec(
        "s", A, factor(3), "Li2CO3 seen within 3 min (Sahal 2024) bounds it above: default factor 3 (95 %)"),
    ("CARBONATE_GROWTH_PARAMETERS", "*", "linear_constant"): Spec(
        "m", A, factor(3), "'up to a few nm' (stated): default factor 3 (95 %)"),
    ("CARBONATE_GROWTH_PARAMETERS", "*", "parabolic_constant"): Spec(
        "m2 s-1", A, factor(10), "order of magnitude (stated), maybe high (Xia 2017 caveat): factor 10 (95 %)"),
    ("CARBONATE_GROWTH_PARAMETERS", "*", "reference_humidity"): Spec(
        "1", D, FIXED, "relative humidity B is quoted at: a definition"),
    ("CARBONATE_GROWTH_PARAMETERS", "*", "reference_co2_fraction"): Spec(
        "1", D, FIXED, "CO2 fraction tau is quoted at (420 ppm): a definition"),
    ("CARBONATE_GROWTH_PARAMETERS", "*", "activation_energy"): Spec(
        "eV", A, factor(2), "no data (stated): default factor 2 (95 %), stays positive"),
    ("HYDROLYSIS_PARAMETERS", "*", "half_dose"): Spec(
        "s", F, factor(3), "one dose on an LPS-LiI glass (>50 % loss) transferred to argyrodites: default factor 3 (95 %)"),
    ("HYDROLYSIS_PARAMETERS", "*", "activation_energy"): Spec(
        "eV", A, factor(2), "no temperature data (stated): default factor 2 (95 %), stays positive"),
    # --- anode_cycling -----------------------------------------------------------------------------------------
    ("CYCLING_PARAMETERS", "*", "coulombic_efficiency"): stated("1", 0.99, 0.9999, "0.99-0.9999"),
    # --- calendering -------------------------------------------------------------------------------------------
    ("CALENDER_PARAMETERS", "sulphide-composite", "min_porosity"): stated("1", 0.03, 0.20, "0.03-0.20"),
    ("CALENDER_PARAMETERS", "sulphide-composite", "compaction_pressure"): stated("Pa", 60e6, 250e6, "60-250 MPa"),
    ("CALENDER_PARAMETERS", "sulphide-composite", "spring_back"): stated("1", 0.02, 0.08, "0.02-0.08"),
    ("CALENDER_PARAMETERS", "sulphide-composite", "crack_pressure"): stated("Pa", 300e6, 750e6, "300-750 MPa"),
    ("CALENDER_PARAMETERS", "sulphide-composite", "crack_modulus"): stated("1", 2.0, 8.0, "2-8"),
    ("CALENDER_PARAMETERS", "sulphide-composite", "cracked_retained"): stated("1", 0.2, 0.9, "0.2-0.9"),
    ("CALENDER_PARAMETERS", "oxide-composite", "min_porosity"): stated("1", 0.30, 0.45, "0.30-0.45"),
    ("CALENDER_PARAMETERS", "oxide-composite", "compaction_pressure"): stated("Pa", 150e6, 600e6, "150-600 MPa"),
    ("CALENDER_PARAMETERS", "oxide-composite", "spring_back"): stated("1", 0.01, 0.04, "0.01-0.04"),
    ("CALENDER_PARAMETERS", "oxide-composite", "crack_pressure"): stated("Pa", 100e6, 500e6, "100-500 MPa"),
    ("CALENDER_PARAMETERS", "oxide-composite", "crack_modulus"): stated("1", 3.0, 12.0, "3-12"),
    ("CALENDER_PARAMETERS", "oxide-composite", "cracked_retained"): stated("1", 0.1, 0.7, "0.1-0.7"),
    # --- cold_pressing -----------------------------------------------------------------------------------------
    ("HECKEL_PARAMETERS", "*", "heckel_k"): Spec(
        "Pa-1", F, lognormal(0.2), "fitted to two pellet conductivities (Yan 2026, via a summary): default 20 %"),
    ("HECKEL_PARAMETERS", "Li5.4PS4.4Cl1.6", "heckel_k"): Spec(
        "Pa-1", A, lognormal(0.3), "the Li6PS5Cl fit transferred (no data for this argyrodite): default 30 %"),
    ("HECKEL_PARAMETERS", "*", "heckel_a"): Spec(
        "1", F, normal(0.1), "fitted to one density (83 % at 400 MPa): default sd 0.1 (1.6 points of density there)"),
    ("HECKEL_PARAMETERS", "Li5.4PS4.4Cl1.6", "heckel_a"): Spec(
        "1", A, normal(0.15), "the Li6PS5Cl fit transferred (no data for this argyrodite): default sd 0.15"),
    ("HECKEL_PARAMETERS", "*", "hold_coefficient"): Spec("1", A, factor(3), "no data (stated): " + ASSUMED3),
    ("HECKEL_PARAMETERS", "*", "hold_time_scale"): Spec("s", A, factor(3), ASSUMED3),
    ("HECKEL_PARAMETERS", "*", "reference_hold_time"): Spec(
        "s", A, factor(3), "hold of the fitted data not reported (stated), Cao's 10 min taken: default factor 3 (95 %)"),
    ("HECKEL_PARAMETERS", "*", "crack_pressure"): Spec(
        "Pa", F, normal(40e6), "between a crack-free pellet at 625 MPa and a fractured one at 750 MPa (Yan 2026): sd 40 MPa"),
    ("HECKEL_PARAMETERS", "Li5.4PS4.4Cl1.6", "crack_pressure"): Spec(
        "Pa", A, normal(60e6), "the Li6PS5Cl 625-750 MPa bracket transferred: default sd 60 MPa"),
    ("HECKEL_PARAMETERS", "*", "crack_modulus"): Spec("1", A, factor(2), "steep rise assumed, no data: " + ASSUMED2),
    # --- conductivity (oxides by "*", sulphides overridden) --------------------------------------------------
    ("CONDUCTION_PARAMETERS", "Ga-LLZO", "activation_energy"): Spec(
        "eV", M, normal(0.01), "read range 0.23-0.27 eV taken as +/- 2 sd"),
    ("CONDUCTION_PARAMETERS", "*", "activation_energy"): Spec(
        "eV", A, normal(0.05), "typical value, not confirmed (stated): default sd 0.05 eV"),
    ("CONDUCTION_PARAMETERS", "Li6PS5Cl", "activation_energy"): Spec(
        "eV", A, uniform(0.22, 0.40), "stated bracket: 0.22 eV (liquid-phase, read) to ~0.4 eV (ball-milled)"),
    ("CONDUCTION_PARAMETERS", "*", "percolation_threshold"): Spec(
        "1", D, FIXED, "Bruggeman law (phi_c = 0 by its form): a model choice, not a free value"),
    ("CONDUCTION_PARAMETERS", "Li6PS5Cl", "percolation_threshold"): Spec(
        "1", F, normal(0.02), "joint fit to three read numbers (Yan 2026, Nat. Energy 2025): default sd 0.02"),
    ("CONDUCTION_PARAMETERS", "Li5.4PS4.4Cl1.6", "percolation_threshold"): Spec(
        "1", A, normal(0.03), "the Li6PS5Cl fit transferred: default sd 0.03"),
    ("CONDUCTION_PARAMETERS", "*", "percolation_exponent"): Spec(
        "1", D, normal(0.1), "Bruggeman 1.5 for spherical pores (theory): default sd 0.1"),
    ("CONDUCTION_PARAMETERS", "Li6PS5Cl", "percolation_exponent"): Spec(
        "1", D, normal(0.2), "3-D percolation t ~ 2 (textbook, [verify]): default sd 0.2"),
    ("CONDUCTION_PARAMETERS", "Li5.4PS4.4Cl1.6", "percolation_exponent"): Spec(
        "1", D, normal(0.2), "3-D percolation t ~ 2 (textbook, [verify]): default sd 0.2"),
    ("CONDUCTION_PARAMETERS", "*", "gb_length"): Spec(
        "m", A, uniform(0.0, 3.6e-8), "Yi 2017 leaves <= ~3 % of the resistance to 1.2 um grain boundaries: 0-36 nm"),
    ("CONDUCTION_PARAMETERS", "Li6PS5Cl", "gb_length"): Spec(
        "m", D, FIXED, "structural zero: contact resistance is lumped into the fitted percolation threshold"),
    ("CONDUCTION_PARAMETERS", "Li5.4PS4.4Cl1.6", "gb_length"): Spec(
        "m", D, FIXED, "structural zero: contact resistance is lumped into the fitted percolation threshold"),
    ("CONDUCTION_PARAMETERS", "*", "gb_extra_activation_energy"): Spec(
        "eV", A, factor(2), "'commonly reported higher', value not confirmed: default factor 2 (95 %)"),
    ("CONDUCTION_PARAMETERS", "Li6PS5Cl", "gb_extra_activation_energy"): Spec(
        "eV", D, FIXED, "unused (gb_length = 0)"),
    ("CONDUCTION_PARAMETERS", "Li5.4PS4.4Cl1.6", "gb_extra_activation_energy"): Spec(
        "eV", D, FIXED, "unused (gb_length = 0)"),
    ("CONDUCTION_PARAMETERS", "*", "secondary_phase_ratio"): Spec(
        "1", A, factor(10), "read bound <= 1e-2 (cubic > 100x tetragonal, Ghorbanzade 2023): factor 10 (95 %)"),
    ("CONDUCTION_PARAMETERS", "Li6PS5Cl", "secondary_phase_ratio"): Spec(
        "1", A, factor(10), "'orders of magnitude worse' (stated): default factor 10 (95 %)"),
    ("CONDUCTION_PARAMETERS", "Li5.4PS4.4Cl1.6", "secondary_phase_ratio"): Spec(
        "1", A, factor(10), "'orders of magnitude worse' (stated): default factor 10 (95 %)"),
    ("CONDUCTION_PARAMETERS", "*", "electronic_activation_energy"): Spec(
        "eV", A, factor(2), "no value found (stated): default factor 2 (95 %), stays positive"),
    ("CONDUCTION_PARAMETERS", "*", "li_loss_electronic_coefficient"): Spec(
        "1", A, uniform(0.0, 30.0), "not sourced (stated): default 0 (off) to 30, sigma_e x20 at 10 % Li loss"),
    ("CONDUCTION_PARAMETERS", "Li6PS5Cl", "li_loss_electronic_coefficient"): Spec(
        "1", D, FIXED, "not applicable: sulphides are not fired"),
    ("CONDUCTION_PARAMETERS", "Li5.4PS4.4Cl1.6", "li_loss_electronic_coefficient"): Spec(
        "1", D, FIXED, "not applicable: sulphides are not fired"),
    # --- cost --------------------------------------------------------------------------------------------------
    ("COST_PARAMETERS", "*", "li_bulk_price"): Spec("USD kg-1", A, factor(2), "order of 2023-2025 quotes: " + ASSUMED2),
    ("COST_PARAMETERS", "*", "li_reference_thickness"): Spec(
        "m", M, factor(1.5), "a supplier threshold ('few below 50 um'), not a measurement: default factor 1.5 (95 %)"),
    ("COST_PARAMETERS", "*", "li_premium_exponent"): Spec(
        "1", A, uniform(1.0, 2.0), "no confirmed data (stated): default 1-2, 20 um foil at 2.5-6x the bulk price"),
    ("COST_PARAMETERS", "*", "cathode_active_price"): Spec(
        "USD kg-1", A, factor(1.5), "order of 2024 market prices: default factor 1.5 (95 %)"),
    ("COST_PARAMETERS", "*", "electricity_price"): Spec("USD J-1", A, factor(2), "one industrial tariff: " + ASSUMED2),
    ("COST_PARAMETERS", "*", "furnace_power"): Spec("W", A, factor(2), ASSUMED2),
    ("COST_PARAMETERS", "*", "station_rate"): Spec("USD h-1", A, factor(2), ASSUMED2),
    ("COST_PARAMETERS", "*", "furnace_rate"): Spec("USD h-1", A, factor(2), ASSUMED2),
    # --- creep -------------------------------------------------------------------------------------------------
    ("CREEP_PARAMETERS", "*", "prefactor"): Spec(
        "s-1", M, factor(1.4), "[verify]; the LePage and Roy laws differ by a factor 1.4 at 1 MPa (stated): 95 %"),
    ("CREEP_PARAMETERS", "Li-Roy2021", "prefactor"): Spec(
        "s-1", D, factor(1.4), "back-computed from Roy 2021's 1e-2 s-1 at 1 MPa; LePage differs by 1.4: factor 1.4 (95 %)"),
    ("CREEP_PARAMETERS", "*", "stress_exponent"): Spec(
        "1", M, rel(0.05), "[verify] 6.6, Masias 2019 6.56: default 5 %"),
    ("CREEP_PARAMETERS", "Li-Roy2021", "stress_exponent"): Spec("1", M, rel(0.1), LIT10),
    ("CREEP_PARAMETERS", "*", "activation_energy"): Spec("J mol-1", M, rel(0.1), "[verify] LePage/Masias 2019: " + LIT10),
    ("CREEP_PARAMETERS", "*", "reference_stress"): Spec("Pa", D, FIXED, "unit convention of A (MPa^-n s^-1)"),
    ("CREEP_PARAMETERS", "*", "youngs_modulus"): Spec(
        "Pa", M, log_range(3.1e9, 21.4e9), "orientation range 3.1-21.4 GPa (Herbert 2018) as the 95 % interval"),
    ("CREEP_PARAMETERS", "*", "yield_strength"): Spec("Pa", M, rel(0.2), APPROX20),
    ("CREEP_PARAMETERS", "*", "pillar_strength_1um"): Spec("Pa", M, rel(0.1), LIT10),
    ("CREEP_PARAMETERS", "*", "pillar_size_exponent"): Spec("1", M, rel(0.1), LIT10),
    ("CREEP_PARAMETERS", "*", "pillar_strength_1um_hot"): Spec("Pa", M, rel(0.1), LIT10),
    ("CREEP_PARAMETERS", "*", "pillar_size_exponent_hot"): Spec("1", M, rel(0.1), LIT10),
    ("CREEP_PARAMETERS", "*", "hot_temperature"): Spec("K", D, FIXED, "test temperature of Xu 2017's hot data: a condition"),
    ("CREEP_PARAMETERS", "*", "molar_volume"): Spec("m3 mol-1", D, FIXED, LI_VM),
    ("CREEP_PARAMETERS", "*", "self_diffusivity"): Spec(
        "m2 s-1", M, factor(2), "[verify], not re-read, informational only: default factor 2 (95 %)"),
    ("CREEP_PARAMETERS", "*", "reference_temperature"): Spec("K", D, FIXED, REF_T),
    # --- plating -----------------------------------------------------------------------------------------------
    ("PLATING_PARAMETERS", "*", "molar_volume"): Spec("m3 mol-1", D, FIXED, LI_VM),
    ("PLATING_PARAMETERS", "*", "porosity_exponent"): Spec(
        "1", F, uniform(4.0, 7.0), "fitted; b ~ 4-7 is the usual range for porous ceramics (Rice, stated)"),
    ("PLATING_PARAMETERS", "Li-LLZO", "porosity_exponent"): Spec(
        "1", A, uniform(4.0, 7.0), "the Li-LPSCl fit transferred; b ~ 4-7 the usual range (Rice, stated)"),
    ("PLATING_PARAMETERS", "*", "geometry_factor"): Spec(
        "1", A, uniform(0.64, 1.12), "crack shapes from an embedded penny (2/pi) to an edge crack (1.12): default"),
    ("PLATING_PARAMETERS", "Li-LPSCl", "surface_flaw_size"): Spec(
        "m", D, FIXED, "structural zero: pressed-argyrodite flaws are the porosity's (the CCP calibration)"),
    ("PLATING_PARAMETERS", "Li-LLZO", "surface_flaw_size"): Spec(
        "m", M, factor(2), "one value via a citation (Porz 2017), no scatter given: default factor 2 (95 %)"),
    ("PLATING_PARAMETERS", "*", "effective_resistance"): Spec(
        "ohm m2", F, factor(2), "fitted to one plating limit (Nat. Energy 2025): default factor 2 (95 %)"),
    ("PLATING_PARAMETERS", "*", "resistance_activation_energy"): Spec("J mol-1", A, rel(0.25), EA25),
    ("PLATING_PARAMETERS", "Li-LPSCl", "typical_grain_size"): Spec(
        "m", M, rel(0.2), "D50 of one commercial powder, via a search [seed]: default 20 %"),
    ("PLATING_PARAMETERS", "Li-LLZO", "typical_grain_size"): Spec("m", M, normal(0.2e-6), "1.2 +- 0.2 um (Yi 2017)"),
    ("PLATING_PARAMETERS", "*", "reference_temperature"): Spec("K", D, FIXED, REF_T),
    # --- stripping ---------------------------------------------------------------------------------------------
    ("STRIPPING_PARAMETERS", "*", "molar_volume"): Spec("m3 mol-1", D, FIXED, "M/rho of the metal: exact"),
    ("STRIPPING_PARAMETERS", "Li-LLZO", "diffusion_current"): Spec("A m-2", M, rel(0.1), LIT10),
    ("STRIPPING_PARAMETERS", "Li-LPSCl", "diffusion_current"): Spec(
        "A m-2", A, factor(2), "taken as for Li/LLZO (stated): default factor 2 (95 %)"),
    ("STRIPPING_PARAMETERS", "Na-BetaAlumina", "diffusion_current"): Spec(
        "A m-2", A, uniform(0.0, 1.0), "intercept not given (stated): default 0 to Li's 0.1 mA/cm2"),
    ("STRIPPING_PARAMETERS", "*", "diffusion_activation_energy"): Spec(
        "J mol-1", A, rel(0.25), "typical self-diffusion value, not confirmed: default 25 %"),
    ("STRIPPING_PARAMETERS", "*", "length_scale"): Spec(
        "m", D, FIXED, "normalisation: A_eff is refitted to the calibration point, only l*A_eff*beta matters"),
    ("STRIPPING_PARAMETERS", "*", "beta"): Spec(
        "1", D, FIXED, "normalisation: A_eff is refitted to the calibration point, only l*A_eff*beta matters"),
    ("STRIPPING_PARAMETERS", "*", "stress_exponent"): Spec(
        "1", A, normal(0.15), "read pressure-current relations are linear (Spencer Jolly 2020): default sd 0.15"),
    ("STRIPPING_PARAMETERS", "*", "creep_activation_energy"): Spec("J mol-1", M, rel(0.1), "[verify] LePage 2019: " + LIT10),
    ("STRIPPING_PARAMETERS", "Na-BetaAlumina", "creep_activation_energy"): Spec(
        "J mol-1", A, rel(0.25), "the Li value reused for Na (stated): default 25 %"),
    ("STRIPPING_PARAMETERS", "*", "calibration_pressure"): Spec("Pa", D, FIXED, "condition of the calibration point"),
    ("STRIPPING_PARAMETERS", "Li-LLZO", "calibration_current"): Spec(
        "A m-2", M, rel(0.1), "0.4 mA/cm2 at 2 MPa (Wang 2019 via Roy 2021): " + LIT10),
    ("STRIPPING_PARAMETERS", "Li-LPSCl", "calibration_current"): Spec(
        "A m-2", A, uniform(10.0, 16.0),
        "the two read bounds, CCS(5 MPa) >= 1 (Doux 2020) and CCS(3 MPa) < 1 mA/cm2 (Kasemchainan 2019): 1.0-1.6"),
    ("STRIPPING_PARAMETERS", "Na-BetaAlumina", "calibration_current"): Spec(
        "A m-2", M, rel(0.1), "> 9 MPa at 2.5 mA/cm2 (Spencer Jolly 2020, abstract): " + LIT10),
    ("STRIPPING_PARAMETERS", "*", "reference_temperature"): Spec("K", D, FIXED, REF_T),
}

#: (registry, set or "*", field) -> Spec, read-only: the process half (the cell half is in prior_table_cells.py)
ENTRIES: Mapping[tuple[str, str, str], Spec] = MappingProxyType(_E)
