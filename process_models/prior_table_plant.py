"""Unit, status and prior of the plant-cost and ramp-up parameters (issue 12), as data (read through :mod:`process_models.priors`).

Same shapes and conventions as :mod:`process_models.prior_table`.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

from .prior_table import APPROX20, ASSUMED2, FIXED, LIT10, Spec, factor, log_range, rel, stated, uniform
from .prior_table import A, D, F, M  # noqa: F401  (status names)

YEAR = 365.25 * 86400.0
KWH = 3.6e6
_E = {
    # --- plant ---------------------------------------------------------------------------------------------
    ("PLANT_PARAMETERS", "*", "capacity"): Spec("J", D, FIXED, "the named annual capacity of the set: a definition"),
    ("PLANT_PARAMETERS", "pilot-2025", "interest_rate"): stated("1", 0.08, 0.12, "8-12 %/yr"),
    ("PLANT_PARAMETERS", "gwh-2030", "interest_rate"): stated("1", 0.06, 0.08, "6-8 %/yr"),
    ("PLANT_PARAMETERS", "pilot-2025", "equipment_life"): stated("s", 5 * YEAR, 7 * YEAR, "5-7 yr"),
    ("PLANT_PARAMETERS", "gwh-2030", "equipment_life"): stated("s", 5 * YEAR, 10 * YEAR, "5-10 yr"),
    ("PLANT_PARAMETERS", "*", "building_life"): Spec("s", M, rel(0.1), "BatPaC-port 5 %/yr: " + LIT10),
    ("PLANT_PARAMETERS", "pilot-2025", "labour_rate"): stated("USD h-1", 40.0, 80.0, "40-80 USD/h"),
    ("PLANT_PARAMETERS", "gwh-2030", "labour_rate"): stated("USD h-1", 18.0, 50.0, "18-50 USD/h"),
    ("PLANT_PARAMETERS", "pilot-2025", "operating_time"): stated("s", 2000 * 3600.0, 6000 * 3600.0, "2000-6000 h/yr"),
    ("PLANT_PARAMETERS", "gwh-2030", "operating_time"): stated("s", 7000 * 3600.0, 8400 * 3600.0, "7000-8400 h/yr"),
    ("PLANT_PARAMETERS", "pilot-2025", "availability"): stated("1", 0.4, 0.75, "0.4-0.75"),
    ("PLANT_PARAMETERS", "gwh-2030", "availability"): stated("1", 0.75, 0.9, "0.75-0.9"),
    ("PLANT_PARAMETERS", "*", "floor_factor"): stated("1", 2.0, 4.0, "2-4"),
    ("PLANT_PARAMETERS", "*", "floor_cost_ambient"): Spec("USD m-2", M, rel(0.2), "BatPaC-port building cost: " + APPROX20),
    ("PLANT_PARAMETERS", "*", "floor_cost_dry_room"): stated("USD m-2", 4000.0, 8000.0, "4000-8000 USD/m2"),
    ("PLANT_PARAMETERS", "*", "floor_cost_inert"): stated("USD m-2", 6000.0, 15000.0, "6000-15000 USD/m2"),
    ("PLANT_PARAMETERS", "*", "power_ambient"): stated("W m-2", 20.0, 100.0, "20-100 W/m2"),
    ("PLANT_PARAMETERS", "*", "power_dry_room"): stated("W m-2", 100.0, 1000.0, "100-1000 W/m2"),
    ("PLANT_PARAMETERS", "*", "power_inert"): stated("W m-2", 100.0, 1000.0, "100-1000 W/m2"),
    ("PLANT_PARAMETERS", "pilot-2025", "electricity_price"): stated("USD J-1", 0.15 / KWH, 0.30 / KWH, "0.15-0.30 USD/kWh"),
    ("PLANT_PARAMETERS", "gwh-2030", "electricity_price"): stated("USD J-1", 0.08 / KWH, 0.20 / KWH, "0.08-0.20 USD/kWh"),
    ("PLANT_PARAMETERS", "pilot-2025", "site_capital"): stated("USD", 1e6, 10e6, "1-10 M USD"),
    ("PLANT_PARAMETERS", "gwh-2030", "site_capital"): stated("USD", 30e6, 150e6, "30-150 M USD"),
    ("PLANT_PARAMETERS", "*", "scale_exponent"): Spec(
        "1", A, uniform(0.5, 0.8), "BatPaC-port scaling exponents 0.6 (dry room) to 0.8 (formation) [read]: 0.5-0.8"),
    ("PLANT_PARAMETERS", "*", "vo_labour"): Spec("1", M, rel(0.2), "BatPaC-port rule, no scatter: default 20 %"),
    ("PLANT_PARAMETERS", "*", "vo_depreciation"): Spec("1", M, rel(0.2), "BatPaC-port rule, no scatter: default 20 %"),
    ("PLANT_PARAMETERS", "*", "gsa_rate"): Spec("1", M, rel(0.2), "BatPaC-port rule, no scatter: default 20 %"),
    ("PLANT_PARAMETERS", "*", "gsa_depreciation"): Spec("1", M, rel(0.2), "BatPaC-port rule, no scatter: default 20 %"),
    ("PLANT_PARAMETERS", "*", "rnd_depreciation"): Spec("1", M, rel(0.2), "BatPaC-port rule, no scatter: default 20 %"),
    # --- machines (every value [assumed]; the stated ranges span 2-3x) ---------------------------------------
    ("STATION_EQUIPMENT", "*", "capital"): Spec("USD", A, factor(2), "machine price, stated ranges ~2-3x: factor 2 (95 %)"),
    ("STATION_EQUIPMENT", "*", "footprint"): Spec("m2", A, factor(2), ASSUMED2),
    ("STATION_EQUIPMENT", "*", "operators"): Spec("1", A, factor(2), ASSUMED2),
    ("STATION_EQUIPMENT", "*", "power"): Spec("W", A, factor(2), ASSUMED2),
    ("STATION_EQUIPMENT", "*", "capacity"): Spec("1", D, FIXED, "items per load: 1 for unit-wise and roll-to-roll machines"),
    ("STATION_EQUIPMENT", "sintering", "capacity"): Spec("1", A, log_range(500.0, 5000.0), "stated 500-5000 sheets"),
    ("STATION_EQUIPMENT", "eol_test", "capacity"): Spec("1", D, FIXED, "channels per rack: the price is per rack"),
    ("PILOT_STATION_EQUIPMENT", "*", "capital"): Spec("USD", A, factor(2), "machine price, stated ranges ~2-4x: factor 2 (95 %)"),
    ("PILOT_STATION_EQUIPMENT", "*", "footprint"): Spec("m2", A, factor(2), ASSUMED2),
    ("PILOT_STATION_EQUIPMENT", "*", "operators"): Spec("1", A, factor(2), ASSUMED2),
    ("PILOT_STATION_EQUIPMENT", "*", "power"): Spec("W", A, factor(2), ASSUMED2),
    ("PILOT_STATION_EQUIPMENT", "*", "capacity"): Spec("1", D, FIXED, "items per load: 1, or the route template's furnace load"),
    # --- ramp-up -------------------------------------------------------------------------------------------
    ("RAMP_UP_PARAMETERS", "*", "initial_scrap"): Spec(
        "1", M, uniform(0.15, 0.40), "FFB/PEM 15-30 % early [secondary], Porsche 'exceeding 30 %' [read]: 0.15-0.40"),
    ("RAMP_UP_PARAMETERS", "*", "steady_scrap"): stated("1", 0.05, 0.12, "5-12 % (Porsche 2025)"),
    ("RAMP_UP_PARAMETERS", "none", "initial_scrap"): Spec("1", D, FIXED, "equal to steady_scrap: no ramp-up"),
    ("RAMP_UP_PARAMETERS", "none", "steady_scrap"): Spec("1", D, FIXED, "any value gives multipliers of 1"),
    ("RAMP_UP_PARAMETERS", "*", "time_constant"): Spec("s", D, FIXED, "unused by this set (output basis or no ramp)"),
    ("RAMP_UP_PARAMETERS", "ffb-2024", "time_constant"): Spec(
        "s", F, uniform(2.5 * YEAR, 4.6 * YEAR), "fit to the FFB anchors for s_inf 7-0 % (notes s5): 2.5-4.6 yr"),
    ("RAMP_UP_PARAMETERS", "*", "reference_output"): Spec("J", D, FIXED, "unused by this set (time basis)"),
    ("RAMP_UP_PARAMETERS", "wright-ffb-2024", "reference_output"): Spec(
        "J", F, factor(3), "one anchor (10 % at 50 GWh shipped) for an assumed plant: factor 3 (95 %)"),
    ("RAMP_UP_PARAMETERS", "*", "exponent"): Spec("1", D, FIXED, "unused by this set (time basis)"),
    ("RAMP_UP_PARAMETERS", "wright-ffb-2024", "exponent"): Spec(
        "1", A, uniform(0.234, 0.396), "cost learning rates 15-24 % per doubling (Ziegler & Trancik) borrowed: 0.23-0.40"),
}

#: (registry, set or "*", field) -> Spec, read-only: plant cost and ramp-up
ENTRIES: Mapping[tuple[str, str, str], Spec] = MappingProxyType(_E)
