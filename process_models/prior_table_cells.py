"""Unit, status and prior of every numeric parameter, as data: the second half of the table.

Registries of electrodes, filaments, flaws, materials, shorts, packaging,
sintering, spray, stacking, tape casting and voids. Shapes, statuses and the meaning of a
``"*"`` set are those of :mod:`process_models.prior_table`.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

from .constants import FARADAY
from .prior_table import (APPROX20, ASSUMED2, ASSUMED3, ATOMIC, EA25, FIXED, LIT10, RATE2, REF_T, A, D, F, M, Spec,
                          stated, factor, log_range, lognormal, normal, rel, uniform)

_UNUSED_NO_COFIRING = "unused: not co-fired (interphase_resistivity = 0)"
_NOT_SINTERED = "unused: the process does not sinter"

_E = {
    # --- electrodes: NMC811 (Chen 2020 via PyBaMM unless stated) ------------------------------------------------
    ("CATHODES", "*", "c_max"): Spec(
        "mol m-3", M, rel(0.1), "fitted by Chen 2020 together with the active fraction: " + LIT10),
    ("CATHODES", "*", "diffusivity"): Spec("m2 s-1", M, factor(2), RATE2),
    ("CATHODES", "*", "particle_radius"): Spec("m", M, rel(0.1), LIT10),
    ("CATHODES", "*", "rate_constant"): Spec("A m2.5 mol-1.5", M, factor(2), RATE2),
    ("CATHODES", "*", "activation_energy"): Spec("J mol-1", M, rel(0.1), LIT10),
    ("CATHODES", "*", "transfer_coefficient"): Spec(
        "1", M, uniform(0.4, 0.6), "the symmetric 0.5 of Chen 2020 is a convention: default 0.4-0.6"),
    ("CATHODES", "*", "electrolyte_concentration"): Spec(
        "mol m-3", A, factor(2), "NMC|SE kinetics taken as NMC|liquid at this c_e (stated): default factor 2 (95 %)"),
    ("CATHODES", "*", "electronic_conductivity"): Spec("S m-1", M, factor(2), RATE2),
    ("CATHODES", "*", "bruggeman"): Spec("1", M, rel(0.1), LIT10),
    ("CATHODES", "*", "electronic_bruggeman"): Spec(
        "1", D, FIXED, "structural zero: the measured composite conductivity is used as is"),
    ("CATHODES", "*", "stoich_100"): Spec(
        "1", M, normal(0.005), "[verify]; PyBaMM's Chen2020 gives 0.264-0.270 (stated): sd 0.005"),
    ("CATHODES", "*", "stoich_0"): Spec(
        "1", M, normal(0.02), "[verify], not re-read (PyBaMM's 0.854 is set by graphite): default sd 0.02"),
    ("CATHODES", "*", "v_min"): Spec("V", D, FIXED, "protocol setting: the lower cut-off of the Chen2020 window"),
    ("CATHODES", "*", "v_max"): Spec(
        "V", D, FIXED, "protocol setting: Chen2020's 4.2 V full-cell cut-off carried to Li metal (4.285 V, rounded)"),
    ("CATHODES", "*", "reference_temperature"): Spec("K", D, FIXED, REF_T),
    ("CATHODES", "*", "density"): Spec("kg m-3", D, rel(0.01), "computed from lattice constants [verify]: default 1 %"),
    ("CATHODES", "*", "molar_mass"): Spec("kg mol-1", D, FIXED, ATOMIC),
    ("CATHODES", "*", "carbon_density"): Spec("kg m-3", A, rel(0.1), "a typical calculator value: default 10 %"),
    ("CATHODES", "*", "binder_density"): Spec("kg m-3", A, rel(0.05), "a handbook value: default 5 %"),
    ("CATHODES", "*", "carbon_fraction"): stated("1", 0.01, 0.05, "0.01-0.05"),
    ("CATHODES", "*", "practical_capacity"): stated("C kg-1", 540e3, 756e3, "150-210 mAh/g", M),
    ("CATHODES", "*", "first_cycle_efficiency"): stated("1", 0.70, 0.88, "0.70-0.88"),
    ("COLLECTORS", "*", "cathode_thickness"): Spec("m", M, rel(0.05), "foil of Chen 2020's cell: default 5 %"),
    ("COLLECTORS", "*", "cathode_density"): Spec("kg m-3", M, rel(0.01), "pure-metal handbook density: default 1 %"),
    ("COLLECTORS", "*", "anode_thickness"): Spec("m", M, rel(0.05), "foil of Chen 2020's cell: default 5 %"),
    ("COLLECTORS", "no_anode_collector", "anode_thickness"): Spec(
        "m", D, FIXED, "structural zero: no anode collector (the Li foil carries the current)"),
    ("COLLECTORS", "*", "anode_density"): Spec("kg m-3", M, rel(0.01), "pure-metal handbook density: default 1 %"),
    ("COLLECTORS", "*", "shared_fraction"): Spec(
        "1", D, FIXED, "cell design: 0.5 double-sided, 1 single-sided (a definition)"),
    # --- filaments, flaws, shorts ------------------------------------------------------------------------------
    ("FILAMENT_PARAMETERS", "*", "network_focusing"): Spec(
        "1", F, uniform(275.0, 412.0), "Cao 2023's two onsets (3 h, 4.5 h; g ~ 1/onset) bracket the fit to their mean"),
    ("FILAMENT_PARAMETERS", "*", "reference_porosity"): Spec(
        "1", D, FIXED, "porosity g_ref refers to (Cao 2023's pellet): a definition"),
    ("FILAMENT_PARAMETERS", "*", "percolation_porosity"): stated("1", 0.05, 0.10, "5-10 %"),
    ("FILAMENT_PARAMETERS", "*", "percolation_exponent"): stated("1", 1.0, 2.5, "1-2.5"),
    ("FILAMENT_PARAMETERS", "*", "crack_focusing"): Spec(
        "1", A, log_range(1e3, 1e5), "stated range 1e3-1e5 as the 95 % interval"),
    ("FILAMENT_PARAMETERS", "*", "stress_concentration"): stated("1", 2.0, 3.0, "2 (spherical pore) to 3 (Kirsch)"),
    ("FILAMENT_PARAMETERS", "*", "modulus_exponent"): stated("1", 1.5, 3.0, "1.5-3"),
    ("FILAMENT_PARAMETERS", "*", "fractured_retention"): Spec(
        "1", F, factor(3), "fitted to one Doux 2020 short; misses their 10, 20, 25 MPa ones: default factor 3 (95 %)"),
    ("FLAW_PARAMETERS", "*", "size_spread"): stated("1", 0.3, 0.8, "0.3-0.8"),
    ("SHORT_PARAMETERS", "*", "electronic_conductivity_threshold"): Spec(
        "S m-1", M, log_range(1e-3, 1e-2), "stated 1e-5..1e-4 S/cm (the value its low end) as the 95 % interval"),
    ("SHORT_PARAMETERS", "*", "closed_porosity"): Spec(
        "1", A, uniform(0.05, 0.10), "the 5-10 % stated for the same quantity (filaments.percolation_porosity)"),
    ("SHORT_PARAMETERS", "*", "pinhole_size"): Spec("m", A, factor(3), ASSUMED3),
    ("SHORT_PARAMETERS", "*", "assembly_time"): Spec("s", A, factor(3), "stacking to first charge varies: " + ASSUMED3),
    # --- materials (oxides by "*", sulphides overridden) ------------------------------------------------------
    ("ELECTROLYTES", "*", "theoretical_density"): Spec(
        "kg m-3", D, rel(0.02), "computed from the cubic cell (a = 12.97 A): default 2 %"),
    ("ELECTROLYTES", "Ta-LLZO", "theoretical_density"): Spec(
        "kg m-3", A, rel(0.03), "assumed (Ta raises the density): default 3 %"),
    ("ELECTROLYTES", "Li6PS5Cl", "theoretical_density"): Spec(
        "kg m-3", D, rel(0.01), "computed from the cubic cell (a = 9.86 A): default 1 %"),
    ("ELECTROLYTES", "Li5.4PS4.4Cl1.6", "theoretical_density"): Spec(
        "kg m-3", A, rel(0.02), "computed from an assumed cell (a = 9.80 A): default 2 %"),
    ("ELECTROLYTES", "Ga-LLZO", "bulk_ionic_conductivity"): Spec(
        "S m-1", F, rel(0.1), "chosen so Yi 2017's 95 % tape gives its 1.3 mS/cm: default 10 %"),
    ("ELECTROLYTES", "Ta-LLZO", "bulk_ionic_conductivity"): Spec("S m-1", M, rel(0.2), APPROX20),
    ("ELECTROLYTES", "Al-LLZO", "bulk_ionic_conductivity"): Spec(
        "S m-1", M, log_range(0.01, 0.1), "the roadmap's 0.1-1 mS/cm garnet range as the 95 % interval"),
    ("ELECTROLYTES", "Li6PS5Cl", "bulk_ionic_conductivity"): Spec(
        "S m-1", M, log_range(0.1, 1.0), "the roadmap's 1-10 mS/cm as the 95 % interval"),
    ("ELECTROLYTES", "Li5.4PS4.4Cl1.6", "bulk_ionic_conductivity"): Spec(
        "S m-1", M, rel(0.1), "one pellet (Cao 2023): " + LIT10),
    ("ELECTROLYTES", "*", "electronic_conductivity"): Spec(
        "S m-1", M, log_range(1e-6, 1e-5), "the roadmap's 1e-8..1e-7 S/cm (value its low end) as the 95 % interval"),
    ("ELECTROLYTES", "Li6PS5Cl", "electronic_conductivity"): Spec(
        "S m-1", A, log_range(1e-7, 1e-6), "stated 1e-9..1e-8 S/cm (value its low end) as the 95 % interval"),
    ("ELECTROLYTES", "Li5.4PS4.4Cl1.6", "electronic_conductivity"): Spec(
        "S m-1", M, rel(0.1), "one DC polarisation (Cao 2023): " + LIT10),
    ("ELECTROLYTES", "*", "shear_modulus"): Spec("Pa", M, rel(0.2), APPROX20),
    ("ELECTROLYTES", "*", "youngs_modulus"): Spec(
        "Pa", A, rel(0.1), "149.8 GPa for Al-LLZO (Ni 2012), not re-read: default 10 %"),
    ("ELECTROLYTES", "Li6PS5Cl", "youngs_modulus"): Spec(
        "Pa", A, rel(0.2), "E = 2G(1 + nu) from the ~8 GPa shear modulus: its default 20 %"),
    ("ELECTROLYTES", "Li5.4PS4.4Cl1.6", "youngs_modulus"): Spec(
        "Pa", A, rel(0.2), "E = 2G(1 + nu) from the ~8 GPa shear modulus: its default 20 %"),
    ("ELECTROLYTES", "*", "fracture_toughness"): Spec(
        "Pa m0.5", A, uniform(0.86e6, 1.63e6), "stated range 0.86-1.63 MPa m^0.5 (Wolfenstine 2013, not re-read)"),
    ("ELECTROLYTES", "Li6PS5Cl", "fracture_toughness"): stated("Pa m0.5", 0.2e6, 0.3e6, "0.2-0.3 MPa m^0.5"),
    ("ELECTROLYTES", "Li5.4PS4.4Cl1.6", "fracture_toughness"): stated("Pa m0.5", 0.2e6, 0.3e6, "0.2-0.3 MPa m^0.5"),
    ("ELECTROLYTES", "*", "molar_mass"): Spec("kg mol-1", D, FIXED, ATOMIC),
    ("ELECTROLYTES", "*", "li_per_formula"): Spec("1", D, FIXED, "stoichiometry of the formula: exact"),
    ("ELECTROLYTES", "*", "conductivity_reference_density"): Spec(
        "1", D, FIXED, "the conductivity is the dense (or fitted-dense) value: a definition"),
    ("ELECTROLYTES", "Li5.4PS4.4Cl1.6", "conductivity_reference_density"): Spec(
        "1", M, normal(0.02), "Cao 2023's pellet mass and size (their phase field: 0.8375): default sd 0.02"),
    # --- packaging and stack-pressure hardware -----------------------------------------------------------------
    ("PACKAGING_PARAMETERS", "*", "laminate_thickness"): Spec("m", M, rel(0.05), "a standard film gauge: default 5 %"),
    ("PACKAGING_PARAMETERS", "*", "laminate_areal_mass"): Spec(
        "kg m-2", D, uniform(0.215, 0.230), "stated 215-230 g/m2 for the 153 um build"),
    ("PACKAGING_PARAMETERS", "pouch-thin-2030", "laminate_areal_mass"): Spec(
        "kg m-2", D, rel(0.05), "computed from the layer build: default 5 %"),
    ("PACKAGING_PARAMETERS", "*", "seal_margin"): stated("m", 0.010, 0.015, "10-15 mm"),
    ("PACKAGING_PARAMETERS", "*", "headspace"): stated("m", 0.005, 0.015, "5-15 mm"),
    ("PACKAGING_PARAMETERS", "*", "tab_ends"): Spec("1", D, FIXED, "cell design: tabs on one or both ends (an integer)"),
    ("PACKAGING_PARAMETERS", "*", "tab_thickness"): stated("m", 1e-4, 4e-4, "0.1-0.4 mm"),
    ("PACKAGING_PARAMETERS", "*", "tab_length"): stated("m", 0.015, 0.040, "15-40 mm"),
    ("PACKAGING_PARAMETERS", "*", "tab_width_fraction"): stated("1", 0.2, 0.8, "0.2-0.8"),
    ("PACKAGING_PARAMETERS", "*", "can_wall"): stated("m", 6e-4, 1e-3, "0.6-1 mm"),
    ("PACKAGING_PARAMETERS", "*", "can_density"): Spec("kg m-3", M, rel(0.01), "pure-metal handbook density: default 1 %"),
    ("PACKAGING_PARAMETERS", "*", "can_clearance"): stated("m", 2e-4, 1e-3, "0.2-1 mm"),
    ("HARDWARE_PARAMETERS", "*", "density"): Spec("kg m-3", M, rel(0.01), "handbook steel density: default 1 %"),
    ("HARDWARE_PARAMETERS", "*", "modulus"): Spec("Pa", M, rel(0.03), "handbook steel modulus: default 3 %"),
    ("HARDWARE_PARAMETERS", "*", "allowable_stress"): stated("Pa", 250e6, 355e6, "250-355 MPa (structural steel yield)"),
    ("HARDWARE_PARAMETERS", "*", "max_deflection"): stated("m", 5e-5, 5e-4, "0.05-0.5 mm"),
    ("HARDWARE_PARAMETERS", "*", "rod_stress"): Spec(
        "Pa", D, rel(0.1), "from 30 kN on ~75 mm2 of rod (below the 640 MPa of grade 8.8): default 10 %"),
    ("HARDWARE_PARAMETERS", "*", "rod_allowance"): stated("m", 0.005, 0.020, "5-20 mm"),
    # --- sintering ---------------------------------------------------------------------------------------------
    ("SINTERING_PARAMS", "*", "activation_energy"): stated("J mol-1", 400e3, 600e3, "400-600 kJ/mol (oxides)"),
    ("SINTERING_PARAMS", "*", "msc_log_work_mid"): Spec(
        "1", F, normal(0.42), "Yi 2017's 95 +- 1 %: one point of density is 0.42 in ln(Theta) at the fitted slope"),
    ("SINTERING_PARAMS", "*", "msc_width"): Spec(
        "1", F, rel(0.2), "second anchor qualitative (>= 1000 degC pore removal): default 20 %"),
    ("SINTERING_PARAMS", "*", "max_density"): Spec("1", D, FIXED, "MSC convention: the sigmoid runs to full density"),
    ("SINTERING_PARAMS", "*", "reference_temperature"): Spec(
        "K", D, FIXED, "normalisation of equivalent times (Yi 2017's dwell)"),
    ("SINTERING_PARAMS", "*", "room_temperature"): Spec("K", D, FIXED, "start and end of the firing profile: a definition"),
    ("SINTERING_PARAMS", "*", "initial_grain_size"): Spec("m", A, factor(3), ASSUMED3),
    ("SINTERING_PARAMS", "*", "grain_growth_rate"): Spec(
        "m2 s-1", F, lognormal(0.33), "Yi 2017's 1.2 +- 0.2 um grains; G^2 ~ K_G gives 2 x 0.2/1.2 in ln"),
    ("SINTERING_PARAMS", "*", "grain_growth_onset_density"): Spec(
        "1", A, normal(0.01), "pore closure at ~0.90-0.92 (stated): sd 0.01"),
    ("SINTERING_PARAMS", "*", "grain_growth_onset_width"): Spec("1", A, factor(2), ASSUMED2),
    ("SINTERING_PARAMS", "*", "li_flux_ref"): Spec(
        "mol m-2 s-1", F, factor(2), "5 % loss chosen, < 10 % implied by Yi's phase-pure film (stated): factor 2 (95 %)"),
    ("SINTERING_PARAMS", "*", "li_activation_energy"): Spec(
        "J mol-1", D, rel(0.05), "from tabulated formation enthalpies (Kudo 1978): default 5 %"),
    ("SINTERING_PARAMS", "*", "open_saturation"): Spec(
        "1", A, uniform(0.0, 0.3), "a flowing atmosphere carries Li2O away (stated): default 0-0.3"),
    ("SINTERING_PARAMS", "*", "cover_saturation"): Spec(
        "1", A, uniform(0.67, 0.97), "factor not sourced (stated): default 0.67-0.97, a 3- to 30-fold cut of the loss"),
    ("SINTERING_PARAMS", "*", "degas_rate_ref"): Spec(
        "m2 s-1", A, factor(10), "an order-of-magnitude shrinking-core estimate (stated): factor 10 (95 %)"),
    ("SINTERING_PARAMS", "*", "degas_activation_energy"): Spec(
        "J mol-1", D, rel(0.05), "from standard formation enthalpies: default 5 %"),
    ("SINTERING_PARAMS", "*", "core_work_factor"): Spec(
        "1", A, factor(3), "chosen to one anchor (1 mm pellet at ~85 %): default factor 3 (95 %)"),
    ("SINTERING_PARAMS", "*", "front_sharpness"): Spec(
        "1", A, uniform(2.0, 8.0), "smoothing of min(1, x/l), no data: default 2-8"),
    ("SINTERING_PARAMS", "*", "pellet_radius"): Spec("m", A, factor(2), "a 10 mm lab die assumed: " + ASSUMED2),
    ("SINTERING_PARAMS", "*", "decomposed_molar_volume"): Spec(
        "m3 mol-1", D, rel(0.02), "computed from tabulated densities: default 2 %"),
    # --- spray -------------------------------------------------------------------------------------------------
    ("SPRAY_PROCESSES", "*", "max_density"): Spec("1", M, normal(0.01), "Yi 2017: 95 +- 1 % after a short firing"),
    ("SPRAY_PROCESSES", "sulphide_reprecipitation", "max_density"): Spec("1", D, FIXED, _NOT_SINTERED),
    ("SPRAY_PROCESSES", "*", "densification_per_firing"): Spec(
        "1", A, uniform(0.5, 0.95), "one flash firing, being explored [seed]: default 0.5-0.95"),
    ("SPRAY_PROCESSES", "sulphide_reprecipitation", "densification_per_firing"): Spec("1", D, FIXED, _NOT_SINTERED),
    ("SPRAY_PROCESSES", "*", "conductivity_factor"): Spec(
        "1", D, FIXED, "1 by construction: porosity, Li loss and grain size act elsewhere"),
    ("SPRAY_PROCESSES", "sulphide_reprecipitation", "conductivity_factor"): Spec(
        "1", A, uniform(0.07, 1.0), "stated bracket 0.07 (Rosero-Navarro 2023) to ~1 (Zhou 2019)"),
    # --- stacking: Li anode interfaces -----------------------------------------------------------------------
    ("ANODE_INTERFACES", "Li|oxide", "asr_clean"): Spec(
        "ohm m2", M, log_range(2e-4, 5e-4), "read 2 ohm cm2 (Sharafi 2017, Yi 2017) to ~5 (via Roy): 95 % interval"),
    ("ANODE_INTERFACES", "Li|sulphide", "asr_clean"): Spec(
        "ohm m2", A, factor(3), "order of symmetric-cell values, not confirmed (stated): default factor 3 (95 %)"),
    ("ANODE_INTERFACES", "Li|oxide", "asr_interlayer"): Spec("ohm m2", M, rel(0.1), "one value (Han 2017): " + LIT10),
    ("ANODE_INTERFACES", "Li|sulphide", "asr_interlayer"): Spec("ohm m2", A, factor(3), ASSUMED3),
    ("ANODE_INTERFACES", "*", "carbonate_conductivity"): Spec(
        "S m-1", A, log_range(1e-7, 1e-6), "the usual 1e-9..1e-8 S/cm (value its high end) as the 95 % interval"),
    ("ANODE_INTERFACES", "*", "coverage_thickness"): Spec("m", A, factor(3), "'a few monolayers': " + ASSUMED3),
    ("ANODE_INTERFACES", "*", "touch_contact"): Spec("1", A, factor(3), "asperity tips only, no data: " + ASSUMED3),
    ("ANODE_INTERFACES", "*", "evaporated_contact"): Spec("1", A, uniform(0.8, 0.98), "no data: default 0.8-0.98"),
    ("ANODE_INTERFACES", "*", "interlayer_contact"): Spec("1", A, uniform(0.95, 1.0), "no data: default 0.95-1"),
    ("ANODE_INTERFACES", "*", "nonwetting_contact_foil"): Spec(
        "1", A, uniform(0.25, 0.75), "anchored loosely to Han 2017's 1710 ohm cm2 ('~1e3'): default 0.25-0.75"),
    ("ANODE_INTERFACES", "*", "nonwetting_contact_evaporated"): Spec("1", A, factor(3), ASSUMED3),
    ("ANODE_INTERFACES", "*", "hardness_factor"): Spec("1", D, normal(0.15), "Tabor H ~ 3 sigma_y (theory): default sd 0.15"),
    ("ANODE_INTERFACES", "*", "creep_geometry_factor"): Spec("1", A, factor(2), "aspect ratio ~1 assumed: " + ASSUMED2),
    ("ANODE_INTERFACES", "*", "activation_energy"): Spec("J mol-1", A, rel(0.25), EA25),
    # --- stacking: cathode interfaces ------------------------------------------------------------------------
    ("CATHODE_INTERFACES", "*", "asr_ref"): Spec("ohm m2", A, factor(3), ASSUMED3),
    ("CATHODE_INTERFACES", "cold_pressed", "asr_ref"): Spec(
        "ohm m2", A, log_range(5e-4, 5e-3), "stated 5-50 ohm cm2 [recalled, verify] as the 95 % interval"),
    ("CATHODE_INTERFACES", "*", "reference_pressing_pressure"): Spec("Pa", D, FIXED, "structural zero: not pressed"),
    ("CATHODE_INTERFACES", "cold_pressed", "reference_pressing_pressure"): Spec(
        "Pa", D, FIXED, "pressing pressure asr_ref is quoted at (Cao 2023's 100 MPa): a condition"),
    ("CATHODE_INTERFACES", "*", "pressing_exponent"): Spec("1", D, FIXED, "structural zero: not pressed"),
    ("CATHODE_INTERFACES", "cold_pressed", "pressing_exponent"): Spec(
        "1", M, rel(0.1), "one read value (arXiv 2501.00600): " + LIT10),
    ("CATHODE_INTERFACES", "*", "interphase_resistivity"): Spec("ohm m", D, FIXED, "structural zero: not co-fired"),
    ("CATHODE_INTERFACES", "spray_sintered", "interphase_resistivity"): Spec(
        "ohm m", F, factor(2), "anchored to one reported 3-fold reduction (ACS AMI 2020): default factor 2 (95 %)"),
    ("CATHODE_INTERFACES", "*", "diffusion_coefficient"): Spec("m2 s-1", D, FIXED, _UNUSED_NO_COFIRING),
    ("CATHODE_INTERFACES", "spray_sintered", "diffusion_coefficient"): Spec(
        "m2 s-1", M, factor(2), "one value (ChemRxiv 2023): " + RATE2),
    ("CATHODE_INTERFACES", "*", "diffusion_activation_energy"): Spec("J mol-1", D, FIXED, _UNUSED_NO_COFIRING),
    ("CATHODE_INTERFACES", "spray_sintered", "diffusion_activation_energy"): Spec(
        "J mol-1", M, rel(0.1), "1.65 eV (ChemRxiv 2023): " + LIT10),
    ("CATHODE_INTERFACES", "*", "diffusion_reference_temperature"): Spec(
        "K", D, FIXED, "temperature D is quoted at (700 degC): a condition"),
    ("CATHODE_INTERFACES", "*", "activation_energy"): Spec(
        "J mol-1", A, uniform(0.30 * FARADAY, 0.60 * FARADAY), "stated range 0.30-0.60 eV"),
    ("CATHODE_INTERFACES", "*", "scatter"): Spec("1", A, factor(2), "no data on the spread itself: " + ASSUMED2),
    # --- tape casting ------------------------------------------------------------------------------------------
    ("SLURRY_PARAMS", "*", "particle_radius"): Spec("m", A, factor(2), "d50 ~ 1 um typical (stated): " + ASSUMED2),
    ("SLURRY_PARAMS", "*", "solvent_surface_tension"): Spec(
        "N m-1", A, uniform(0.020, 0.030), "ethanol 22.4 mN/m (CRC) for an assumed solvent: default 20-30 mN/m"),
    ("SLURRY_PARAMS", "*", "vehicle_density"): Spec(
        "kg m-3", A, uniform(789.0, 1000.0), "ethanol 789 to binder-rich vehicles (PVB 1080, stated): default 789-1000"),
    ("SLURRY_PARAMS", "*", "blade_land_length"): Spec("m", A, factor(2), "a lab doctor blade: " + ASSUMED2),
    ("SLURRY_PARAMS", "*", "alpha"): stated("1", 0.6, 1.0, "0.6-1.0 (physics.md [verify])"),
    ("SLURRY_PARAMS", "*", "flow_index"): Spec("1", A, uniform(0.5, 0.9), "shear-thinning, no data: default 0.5-0.9"),
    ("SLURRY_PARAMS", "*", "reference_shear_rate"): Spec(
        "s-1", A, factor(3), "shear rate the input viscosity is taken at, a typical cast (stated): " + ASSUMED3),
    ("SLURRY_PARAMS", "*", "green_density"): stated("1", 0.5, 0.6, "0.5-0.6"),
    ("SLURRY_PARAMS", "*", "coordination_number"): Spec("1", M, rel(0.1), "read via physics.md: " + LIT10),
    ("SLURRY_PARAMS", "*", "phi_rcp"): Spec("1", M, normal(0.01), "random close packing (read via physics.md): default sd 0.01"),
    ("SLURRY_PARAMS", "*", "capillary_pressure_factor"): Spec(
        "1", A, rel(0.2), "the usually quoted value, not re-read (stated): default 20 %"),
    ("SLURRY_PARAMS", "*", "crack_weibull_modulus"): Spec("1", A, factor(2), ASSUMED2),
    # --- voids -------------------------------------------------------------------------------------------------
    ("VOID_PARAMETERS", "*", "void_depth"): Spec(
        "m", F, factor(3), "fitted to one onset (Singh 2022): default factor 3 (95 %); the stated 0.05-1 um is below the fit"),
    ("VOID_PARAMETERS", "*", "refill_efficiency"): stated("1", 0.2, 1.0, "0.2-1"),
    ("VOID_PARAMETERS", "*", "lost_contact"): stated("1", 0.02, 0.3, "0.02-0.3"),
}

#: (registry, set or "*", field) -> Spec, read-only: the cell half of the table
ENTRIES: Mapping[tuple[str, str, str], Spec] = MappingProxyType(_E)
