"""A battery plant's cost, levelized: machines from throughput, capital annuity, floor, labour, energy, overhead.

Currency US dollars (``USD``); otherwise SI: times and lives [s], energy [J],
labour rates [USD h-1] as cost.py, electricity [USD J-1]; annual amounts are
per year of operation (``YEAR``) and interest rates per year. The levelized
cost is per good kWh (the currency of the field). Plant sets are data
(:data:`PLANT_PARAMETERS`, "pilot-2025" ~0.05 GWh/yr and "gwh-2030" ~10 GWh/yr);
each names its machine table (:data:`PILOT_STATION_EQUIPMENT`,
:data:`STATION_EQUIPMENT`, one entry per step of the twin).

Equations
---------
Machines a station needs for ``Q`` items a year, each taking ``t`` of machine
time in loads of ``k`` items, over ``T`` scheduled seconds at availability
(OEE) ``a``::

    n = max(n_min, ceil(Q t / (k T a)))

Capital ``I`` is charged as an annuity with the capital recovery factor::

    CRF(i, n) = i (1 + i)^n / ((1 + i)^n - 1)          (-> 1/n as i -> 0)

Per station and year: equipment ``n I_m CRF(i, n_eq)``; floor ``n A_m f_floor``
[m2] at a cost per m2 by atmosphere (ambient, dry room, inert) charged with
``CRF(i, n_bldg)``; labour ``n o T/3600 w``; energy ``(P Q t / k + p_atm A) price``.
Plant-wide site capital (utilities, labs, offices) scales as
``I_site (E/E_ref)^0.6``. Overheads follow BatPaC's rules on labour ``L`` and
straight-line depreciation ``D`` (BattModels/BatteryCost defaults [read])::

    VO = 0.4 L + 0.2 D,  GSA = 0.25 (L + VO) + 0.25 D,  R&D = 0.4 D

Levelized cost per good kWh (Lechner et al., Commun. Eng. 3, 155, 2024 [read,
abstract]: levelized cost with capital and imputed interest)::

    C = (materials + sum(annuities) + labour + energy + overheads) / E_good

Sources: research notes ``cost_scale.md`` (tags kept: [read], [secondary],
[derived], [assumed]); every machine value is [assumed] with a stated range.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping, NamedTuple

import numpy as np

from .registry import lookup

__all__ = ["YEAR", "PlantParameters", "PLANT_PARAMETERS", "get_plant_parameters", "StationEquipment",
           "STATION_EQUIPMENT", "PILOT_STATION_EQUIPMENT", "EQUIPMENT_TABLES", "get_station_equipment",
           "capital_recovery_factor", "machines_needed", "StationCost", "station_costs", "LevelizedCost",
           "levelized_cost", "items_per_year", "cumulative_spend", "scrap_value", "separator_cost_per_area"]

YEAR = 365.25 * 86400.0  # s (Julian year)
_KWH = 3.6e6  # J
ATMOSPHERES = ("ambient", "dry_room", "inert")
COST_TYPES = ("materials", "capital", "building", "labour", "energy", "overhead")


@dataclass(frozen=True)
class PlantParameters:
    """Financial and operating parameters of a plant of a named annual capacity.

    Attributes
    ----------
    name : str
        Registry name.
    equipment : str
        Machine table (key of :data:`EQUIPMENT_TABLES`).
    capacity : float
        Good energy the plant is sized to ship per year [J] (10 GWh = 3.6e13 J).
    interest_rate : float
        Cost of capital, per year [-].
    equipment_life, building_life : float
        Depreciation periods [s].
    labour_rate : float
        Fully loaded direct labour [USD h-1].
    operating_time : float
        Scheduled (staffed) time per year [s].
    availability : float
        Overall equipment effectiveness: share of scheduled time producing [-].
    floor_factor : float
        Plant floor per machine footprint (aisles, logistics, service) [-].
    floor_cost_ambient, floor_cost_dry_room, floor_cost_inert : float
        Building capital per m2 of floor by atmosphere [USD m-2].
    power_ambient, power_dry_room, power_inert : float
        Conditioning power per m2 of floor by atmosphere [W m-2].
    electricity_price : float
        [USD J-1] (1 USD/kWh = 1/3.6e6 USD/J).
    site_capital : float
        Plant-wide capital at ``capacity`` (utilities, site, labs) [USD].
    scale_exponent : float
        Site capital ~ (output / capacity)^exponent [-].
    vo_labour, vo_depreciation, gsa_rate, gsa_depreciation, rnd_depreciation : float
        Overhead rules (see module docstring) [-].
    sources : Mapping[str, str]
        Source of each value.
    """

    name: str
    equipment: str
    capacity: float
    interest_rate: float
    equipment_life: float
    building_life: float
    labour_rate: float
    operating_time: float
    availability: float
    floor_factor: float
    floor_cost_ambient: float
    floor_cost_dry_room: float
    floor_cost_inert: float
    power_ambient: float
    power_dry_room: float
    power_inert: float
    electricity_price: float
    site_capital: float
    scale_exponent: float
    vo_labour: float
    vo_depreciation: float
    gsa_rate: float
    gsa_depreciation: float
    rnd_depreciation: float
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)

    def floor_cost(self, atmosphere: str) -> float:
        """Building capital per m2 [USD m-2] for ``atmosphere``."""
        return getattr(self, f"floor_cost_{_atmosphere(atmosphere)}")

    def conditioning_power(self, atmosphere: str) -> float:
        """Conditioning power per m2 [W m-2] for ``atmosphere``."""
        return getattr(self, f"power_{_atmosphere(atmosphere)}")


def _atmosphere(name: str) -> str:
    if name not in ATMOSPHERES:
        raise KeyError(f"unknown atmosphere {name!r}; valid names: {', '.join(ATMOSPHERES)}")
    return name


_BATPAC = "[read] BatPaC-style rule, BattModels/BatteryCost default_constructors.jl (commit 0229817; notes s4)"
_COMMON_SOURCES = {
    "building_life": "20 yr: BatPaC-port building depreciation 5 %/yr [read] (notes s4)",
    "floor_cost_ambient": "3000 USD/m2: BatPaC-port building cost [read] (notes s4)",
    "floor_cost_dry_room": "5000 USD/m2 [assumed], range 4000-8000: building + dry-room build-out (dew point "
                           "-40 to -60 degC); Duffner 2021 dry-room figures [not found]",
    "floor_cost_inert": "8000 USD/m2 [assumed], range 6000-15000: building + inert-gas rooms or isolators with "
                        "gas purification; Schnell 2020: inert atmosphere adds little to sulphide cell cost [read]",
    "power_ambient": "50 W/m2 [assumed], range 20-100: HVAC and lighting",
    "power_dry_room": "300 W/m2 [assumed], range 100-1000: dehumidification; Degen 2021: drying and dry rooms "
                      "~half of LIB production energy [secondary]",
    "power_inert": "400 W/m2 [assumed], range 100-1000: gas purification and make-up gas as electricity",
    "floor_factor": "2.5 [assumed], range 2-4: aisles, logistics, storage and service per machine footprint",
    "scale_exponent": "0.6: BatPaC-style scaling exponent (dry-room control 0.6 in the BatPaC port [read]); "
                      "applied to site capital [assumed]",
    "vo_labour": "0.4 of direct labour " + _BATPAC,
    "vo_depreciation": "0.2 of depreciation " + _BATPAC,
    "gsa_rate": "0.25 of (labour + variable overhead) " + _BATPAC,
    "gsa_depreciation": "0.25 of depreciation " + _BATPAC,
    "rnd_depreciation": "0.4 of depreciation " + _BATPAC,
}
_COMMON_VALUES = dict(
    building_life=20.0 * YEAR, floor_factor=2.5, floor_cost_ambient=3000.0, floor_cost_dry_room=5000.0,
    floor_cost_inert=8000.0, power_ambient=50.0, power_dry_room=300.0, power_inert=400.0, scale_exponent=0.6,
    vo_labour=0.4, vo_depreciation=0.2, gsa_rate=0.25, gsa_depreciation=0.25, rnd_depreciation=0.4)

PLANT_PARAMETERS: Mapping[str, PlantParameters] = MappingProxyType({
    "pilot-2025": PlantParameters(
        name="pilot-2025", equipment="pilot-2025", capacity=0.05e6 * _KWH, interest_rate=0.10,
        equipment_life=6.0 * YEAR, labour_rate=60.0, operating_time=4000.0 * 3600.0, availability=0.6,
        electricity_price=0.15 / _KWH, site_capital=3.0e6, **_COMMON_VALUES,
        sources={
            **_COMMON_SOURCES,
            "capacity": "0.05 GWh/yr [assumed]: pilot scale 0.01-0.1 GWh/yr (notes s8)",
            "interest_rate": "10 %/yr [assumed], range 8-12 % (notes s8)",
            "equipment_life": "6 yr: BatPaC-port equipment depreciation 16.67 %/yr [read]; pilot range 5-7 yr "
                              "(notes s8)",
            "labour_rate": "60 USD/h [assumed], range 40-80 fully loaded EU/US (notes s8)",
            "operating_time": "4000 h/yr [assumed], range 2000-6000: two shifts, five days",
            "availability": "0.6 [assumed], range 0.4-0.75: pilot OEE",
            "electricity_price": "0.15 USD/kWh [assumed], range 0.15-0.30 (notes s8; cost.py pilot-2025)",
            "site_capital": "3 M USD [assumed], range 1-10 M: utilities, labs, offices of a pilot hall",
        },
    ),
    "gwh-2030": PlantParameters(
        name="gwh-2030", equipment="gwh-2030", capacity=10e6 * _KWH, interest_rate=0.07,
        equipment_life=10.0 * YEAR, labour_rate=35.0, operating_time=8000.0 * 3600.0, availability=0.85,
        electricity_price=0.10 / _KWH, site_capital=80.0e6, **_COMMON_VALUES,
        sources={
            **_COMMON_SOURCES,
            "capacity": "10 GWh/yr [assumed]: GWh scale 2-20 GWh/yr (notes s8); minimum efficient plant < 2 "
                        "GWh/yr today, > 15 in future [read] (Mauler 2021)",
            "interest_rate": "7 %/yr [assumed], range 6-8 % (notes s8)",
            "equipment_life": "10 yr [assumed], range 5-10 yr (notes s8; BatPaC port uses 6 yr [read])",
            "labour_rate": "35 USD/h [assumed], range 18-50; BatPaC-port default 18 USD/h [read]",
            "operating_time": "8000 h/yr [assumed], range 7000-8400: 24/7 less planned shutdowns",
            "availability": "0.85 [assumed], range 0.75-0.9: mature-plant OEE",
            "electricity_price": "0.10 USD/kWh [assumed], range 0.08-0.20 (notes s8)",
            "site_capital": "80 M USD [assumed], range 30-150 M: utilities, site works, labs, warehouses, offices",
        },
    ),
})


def get_plant_parameters(name: str | PlantParameters) -> PlantParameters:
    """Plant set by name; a wrong name lists the valid ones."""
    return lookup(PLANT_PARAMETERS, name, "plant parameter set")


@dataclass(frozen=True)
class StationEquipment:
    """One machine of a station kind.

    Attributes
    ----------
    capital : float
        Price per machine, installed [USD].
    footprint : float
        Machine footprint [m2].
    operators : float
        Operators per machine per shift [-].
    power : float
        Mean electric power while running [W].
    capacity : float
        Items per load (1 for unit-wise or roll-to-roll machines) [-].
    sources : Mapping[str, str]
        Source of each value.
    """

    capital: float
    footprint: float
    operators: float
    power: float
    capacity: float = 1.0
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)


def _eq(capital, footprint, operators, power_kw, capacity, what, ranges):
    note = f"[assumed] {what}; ranges: {ranges}"
    return StationEquipment(capital, footprint, operators, power_kw * 1e3, capacity,
                            sources={k: note for k in ("capital", "footprint", "operators", "power", "capacity")})


#: GWh-class machines (step name -> machine); calibrated so a sulphide line costs 50-150 M USD per GWh/yr
STATION_EQUIPMENT: Mapping[str, StationEquipment] = MappingProxyType({
    "casting": _eq(4e6, 300, 2, 300, 1, "roll-to-roll tape-casting line with dryer", "1.5-8 M USD, 150-500 m2"),
    "drying": _eq(1.5e6, 150, 0.5, 300, 1, "continuous dryer with solvent recovery", "0.5-3 M USD, 100-300 kW"),
    "cutting": _eq(0.8e6, 40, 0.5, 30, 1, "laser notching/cutting", "0.3-2 M USD"),
    "sintering": _eq(3e6, 200, 1, 400, 2000, "continuous kiln holding 2000 sheets on setters",
                     "1-6 M USD, 200-600 kW, 500-5000 sheets"),
    "inspection": _eq(0.5e6, 20, 0.25, 10, 1, "inline optical/X-ray inspection", "0.2-1.5 M USD"),
    "separator": _eq(6e6, 400, 2, 400, 1, "sulphide separator film line (coat or dry-film + calender)",
                     "3-12 M USD, 200-800 kW"),
    "cathode": _eq(12e6, 600, 3, 800, 1, "composite-cathode coating and drying line", "6-20 M USD, 0.4-1.5 MW"),
    "calendering": _eq(3e6, 120, 1, 200, 1, "calender", "1-5 M USD"),
    "surface_treatment": _eq(2e6, 100, 0.5, 200, 1, "heat-treatment/plasma line", "0.5-4 M USD"),
    "anode": _eq(5e6, 250, 1, 200, 1, "Li foil lamination line (evaporation coaters 10-30 M USD)", "2-10 M USD"),
    "stacking": _eq(2.5e6, 100, 0.5, 50, 1, "stacker with tab welding and pouch sealing share",
                    "1-4 M USD, 0.2-0.6 s per sheet"),
    "layer_test": _eq(0.3e6, 10, 0.2, 5, 1, "unit-layer short/impedance test under pressure", "0.1-1 M USD"),
    "eol_test": _eq(0.35e6, 25, 0.05, 15, 512, "formation/test rack of 512 channels (~700 USD/channel)",
                    "300-2000 USD per channel, 10-40 W per channel net"),
})

#: pilot-class machines (step name -> machine); each roughly a station-hour of 60-80 USD as cost.py's pilot rate
PILOT_STATION_EQUIPMENT: Mapping[str, StationEquipment] = MappingProxyType({
    "casting": _eq(0.15e6, 20, 1, 10, 1, "pilot tape caster", "0.05-0.4 M USD"),
    "drying": _eq(0.05e6, 5, 0.2, 5, 1, "drying oven", "0.02-0.2 M USD"),
    "cutting": _eq(0.2e6, 10, 0.5, 5, 1, "laser cutter", "0.1-0.5 M USD"),
    "sintering": _eq(0.3e6, 15, 0.3, 30, 40, "batch furnace of 40 sheets (cost.py furnace power 30 kW)",
                     "0.1-0.8 M USD, 10-60 kW"),
    "inspection": _eq(0.1e6, 5, 0.5, 2, 1, "optical inspection bench", "0.05-0.3 M USD"),
    "separator": _eq(0.25e6, 10, 1, 10, 1, "uniaxial/isostatic press with tooling", "0.1-0.6 M USD"),
    "cathode": _eq(0.4e6, 20, 1, 20, 1, "pilot coater or press", "0.2-1 M USD"),
    "calendering": _eq(0.3e6, 10, 0.5, 15, 1, "pilot calender", "0.1-0.6 M USD"),
    "surface_treatment": _eq(0.1e6, 5, 0.3, 10, 1, "heat-treatment oven", "0.05-0.3 M USD"),
    "anode": _eq(0.3e6, 10, 1, 5, 1, "Li lamination in an enclosure", "0.1-1 M USD"),
    "stacking": _eq(0.5e6, 15, 1, 5, 1, "semi-automatic stacker and sealer", "0.2-1 M USD"),
    "layer_test": _eq(0.05e6, 3, 0.5, 1, 1, "layer test fixture", "0.02-0.2 M USD"),
    "eol_test": _eq(5e3, 0.2, 0.02, 0.05, 1, "one cycler channel with pressure fixture", "2-20 k USD per channel"),
})

EQUIPMENT_TABLES: Mapping[str, Mapping[str, StationEquipment]] = MappingProxyType(
    {"pilot-2025": PILOT_STATION_EQUIPMENT, "gwh-2030": STATION_EQUIPMENT})


def get_station_equipment(step: str, params="gwh-2030") -> StationEquipment:
    """The machine of ``step`` in the table of plant set ``params``; a wrong name lists the valid ones."""
    table = lookup(EQUIPMENT_TABLES, get_plant_parameters(params).equipment, "equipment table")
    return lookup(table, step, "station kind")


def capital_recovery_factor(rate, years) -> np.ndarray:
    """Capital recovery factor [yr-1]: ``i (1+i)^n / ((1+i)^n - 1)``, ``1/n`` at ``i = 0``.

    Parameters
    ----------
    rate : array_like
        Interest rate ``i`` [yr-1].
    years : array_like
        Life ``n`` [yr].

    >>> round(float(capital_recovery_factor(0.06, 10)), 3), round(float(capital_recovery_factor(0.08, 10)), 3)
    (0.136, 0.149)
    """
    i = np.asarray(rate, dtype=float)
    n = np.asarray(years, dtype=float)
    small = np.abs(i) < 1e-9
    safe = np.where(small, 1.0, i)
    growth = np.power(1.0 + safe, n)
    return np.where(small, 1.0 / n, safe * growth / np.where(small, 1.0, growth - 1.0))


def machines_needed(items_per_year, process_time, machines_min=1, availability=1.0, *, load=1.0,
                    operating_time=YEAR) -> np.ndarray:
    """Machines a station needs: ``max(n_min, ceil(Q t / (k T a)))`` [-].

    Parameters
    ----------
    items_per_year : array_like
        Items the station must process ``Q`` [yr-1].
    process_time : array_like
        Machine time per load ``t`` [s].
    machines_min : array_like
        At least this many machines [-].
    availability : array_like
        Share of scheduled time producing ``a`` [-].
    load : array_like
        Items per load ``k`` [-].
    operating_time : array_like
        Scheduled time ``T`` [s yr-1].

    >>> int(machines_needed(1e6, 60.0, availability=0.8, operating_time=8000 * 3600))
    3
    """
    busy = np.asarray(items_per_year, float) * np.asarray(process_time, float) / np.asarray(load, float)
    need = busy / (np.asarray(operating_time, float) * np.asarray(availability, float))
    return np.maximum(np.ceil(need * (1.0 - 1e-12)), np.asarray(machines_min, float))


class StationCost(NamedTuple):
    """Cost of one station per year (all fields numpy arrays).

    Attributes
    ----------
    machines : numpy.ndarray
        Machines [-].
    capital, floor_capital : numpy.ndarray
        Equipment and building (floor) investment [USD].
    annuity, floor_annuity : numpy.ndarray
        Their capital charges [USD yr-1].
    floor_area : numpy.ndarray
        Plant floor [m2].
    labour, energy : numpy.ndarray
        Direct labour; machine and conditioning electricity [USD yr-1].
    depreciation : numpy.ndarray
        Straight-line depreciation of equipment and floor (overhead base) [USD yr-1].
    """

    machines: np.ndarray
    capital: np.ndarray
    annuity: np.ndarray
    floor_area: np.ndarray
    floor_capital: np.ndarray
    floor_annuity: np.ndarray
    labour: np.ndarray
    energy: np.ndarray
    depreciation: np.ndarray


def station_costs(items_per_year, process_time, step, *, atmosphere="ambient", params="gwh-2030", load=None,
                  machines_min=1) -> StationCost:
    """Machines, capital, annuity, floor, labour and energy of one station per year.

    Parameters
    ----------
    items_per_year : array_like
        Items (good and later scrapped) the station processes [yr-1].
    process_time : array_like
        Machine time per load [s] (per item for unit-wise and roll-to-roll machines).
    step : str
        Step name of the twin (key of the plant set's machine table).
    atmosphere : {"ambient", "dry_room", "inert"}
        Atmosphere of the station's floor.
    params : str or PlantParameters
        Plant set.
    load : array_like, optional
        Items per load [-]; default the machine's ``capacity``.
    machines_min : array_like
        At least this many machines [-].

    Returns
    -------
    StationCost
        See its attributes.

    Examples
    --------
    >>> c = station_costs(2.4e9, 0.5, "stacking", atmosphere="dry_room")
    >>> int(c.machines), round(float(c.capital) / 1e6)
    (50, 125)
    """
    p = get_plant_parameters(params)
    eq = get_station_equipment(step, p)
    k = eq.capacity if load is None else np.asarray(load, dtype=float)
    q, t = np.asarray(items_per_year, dtype=float), np.asarray(process_time, dtype=float)
    n = machines_needed(q, t, machines_min, p.availability, load=k, operating_time=p.operating_time)
    capital = n * eq.capital
    area = n * eq.footprint * p.floor_factor
    floor_capital = area * p.floor_cost(atmosphere)
    labour = n * eq.operators * p.operating_time / 3600.0 * p.labour_rate
    energy = (eq.power * q * t / k + p.conditioning_power(atmosphere) * area * p.operating_time) * p.electricity_price
    crf_eq = capital_recovery_factor(p.interest_rate, p.equipment_life / YEAR)
    crf_bldg = capital_recovery_factor(p.interest_rate, p.building_life / YEAR)
    return StationCost(
        machines=n, capital=capital, annuity=capital * crf_eq, floor_area=area, floor_capital=floor_capital,
        floor_annuity=floor_capital * crf_bldg,
        labour=labour, energy=energy,
        depreciation=(capital / p.equipment_life + floor_capital / p.building_life) * YEAR)


def _overhead(labour, depreciation, p: PlantParameters):
    """BatPaC-style overhead [USD yr-1] on labour and depreciation."""
    vo = p.vo_labour * labour + p.vo_depreciation * depreciation
    return vo + p.gsa_rate * (labour + vo) + (p.gsa_depreciation + p.rnd_depreciation) * depreciation


class LevelizedCost(NamedTuple):
    """Levelized cost of a plant's good output.

    Attributes
    ----------
    per_cell : numpy.ndarray
        [USD per good cell].
    per_kwh : numpy.ndarray
        [USD per good kWh].
    by_type : Mapping[str, numpy.ndarray]
        Per good kWh by cost type: materials, capital (equipment), building
        (floor and site), labour, energy, overhead [USD kWh-1]; sums to ``per_kwh``.
    by_station : Mapping[str, numpy.ndarray]
        Conversion cost per good kWh of each station (its equipment, floor,
        labour, energy and their overheads) and ``"site"`` [USD kWh-1];
        ``sum(by_station) + by_type["materials"] == per_kwh``.
    annual_cost : numpy.ndarray
        [USD yr-1].
    capital : numpy.ndarray
        Investment: equipment, floor and site [USD].
    """

    per_cell: np.ndarray
    per_kwh: np.ndarray
    by_type: Mapping[str, np.ndarray]
    by_station: Mapping[str, np.ndarray]
    annual_cost: np.ndarray
    capital: np.ndarray


def levelized_cost(stations, materials_per_year, good_cells_per_year, good_kwh_per_year, *,
                   params="gwh-2030") -> LevelizedCost:
    """Levelized cost per good cell and per good kWh, by cost type and by station.

    Parameters
    ----------
    stations : Mapping[str, StationCost]
        Station name -> :func:`station_costs`.
    materials_per_year : array_like
        Materials bought, including what is scrapped [USD yr-1].
    good_cells_per_year : array_like
        Good cells shipped [yr-1].
    good_kwh_per_year : array_like
        Good energy shipped [kWh yr-1]; scales the site capital.
    params : str or PlantParameters
        Plant set.

    Returns
    -------
    LevelizedCost
        See its attributes.

    Examples
    --------
    >>> s = {"stack": station_costs(2.4e9, 0.5, "stacking", atmosphere="dry_room")}
    >>> c = levelized_cost(s, 6e8, 7.3e7, 1e7)
    >>> round(float(c.per_kwh), 1), round(float(c.by_type["materials"]), 1)
    (66.6, 60.0)
    """
    p = get_plant_parameters(params)
    e_good = np.asarray(good_kwh_per_year, dtype=float)
    site = p.site_capital * np.power(e_good * _KWH / p.capacity, p.scale_exponent)
    site_annuity = site * capital_recovery_factor(p.interest_rate, p.building_life / YEAR)
    site_overhead = _overhead(0.0, site / p.building_life * YEAR, p)
    by_type = dict.fromkeys(COST_TYPES, 0.0)
    by_type["materials"] = np.asarray(materials_per_year, dtype=float)
    by_type["building"] = site_annuity
    by_type["overhead"] = site_overhead
    by_station, capital = {}, site
    for name, s in stations.items():
        overhead = _overhead(s.labour, s.depreciation, p)
        by_station[name] = (s.annuity + s.floor_annuity + s.labour + s.energy + overhead) / e_good
        by_type["capital"] = by_type["capital"] + s.annuity
        by_type["building"] = by_type["building"] + s.floor_annuity
        by_type["labour"] = by_type["labour"] + s.labour
        by_type["energy"] = by_type["energy"] + s.energy
        by_type["overhead"] = by_type["overhead"] + overhead
        capital = capital + s.capital + s.floor_capital
    by_station["site"] = (site_annuity + site_overhead) / e_good
    annual = sum(by_type.values())
    by_type = {k: np.asarray(v / e_good, dtype=float) for k, v in by_type.items()}
    return LevelizedCost(np.asarray(annual / np.asarray(good_cells_per_year, dtype=float)),
                         np.asarray(annual / e_good), MappingProxyType(by_type),
                         MappingProxyType({k: np.asarray(v) for k, v in by_station.items()}),
                         np.asarray(annual), np.asarray(capital))


def items_per_year(energy_per_cell, *, items_per_cell=1.0, downstream_yield=1.0, params="gwh-2030") -> np.ndarray:
    """Items a station must process for the plant to ship its nameplate good output [yr-1].

    ``Q = capacity / E_cell / y_downstream * items_per_cell``; ``energy_per_cell``
    [J], ``items_per_cell`` (e.g. unit layers per cell) [-], ``downstream_yield``
    the share of the station's items that end in good cells [-].

    >>> round(float(items_per_year(100 * 3600.0)) / 1e6)
    100
    """
    p = get_plant_parameters(params)
    cells = p.capacity / np.asarray(energy_per_cell, dtype=float)
    return cells / np.asarray(downstream_yield, dtype=float) * np.asarray(items_per_cell, dtype=float)


def cumulative_spend(cost_per_item) -> np.ndarray:
    """What has been spent on an item when it leaves each station [USD]: cumulative sum over the last axis.

    ``cost_per_item[..., j]`` is what station ``j`` adds to one item (its
    conversion cost per item plus the materials it adds) [USD].

    >>> cumulative_spend([1.0, 2.0, 0.5]).tolist()
    [1.0, 3.0, 3.5]
    """
    return np.cumsum(np.asarray(cost_per_item, dtype=float), axis=-1)


def scrap_value(spent_before_each_station, scrapped_per_station) -> np.ndarray:
    """Value lost at each scrap point [USD or USD yr-1]: spend to date x items scrapped there.

    Parameters
    ----------
    spent_before_each_station : array_like
        What had been spent on one item when it was scrapped at each station
        (:func:`cumulative_spend`, including the scrapping station's own work
        when the item is scrapped after it) [USD].
    scrapped_per_station : array_like
        Items scrapped at each station [-] or [yr-1]; one percentage point of
        scrap at station ``j`` is ``0.01 * items_in[j]``.

    >>> scrap_value([1.0, 3.0, 3.5], [10, 0, 4]).tolist()
    [10.0, 0.0, 14.0]
    """
    return np.asarray(spent_before_each_station, dtype=float) * np.asarray(scrapped_per_station, dtype=float)


def separator_cost_per_area(thickness, density, price_per_kg, processing_per_area, yield_=1.0) -> np.ndarray:
    """Cost of a separator per good area [USD m-2]: ``(t rho price + processing) / yield``.

    Parameters
    ----------
    thickness : array_like
        [m].
    density : array_like
        [kg m-3].
    price_per_kg : array_like
        Electrolyte powder [USD kg-1].
    processing_per_area : array_like
        Processing cost [USD m-2].
    yield_ : array_like
        Good area over processed area [-].

    Examples
    --------
    Balaish et al., Nat. Energy 2021 [read]: 20 um dense LLZO, 10-50 USD/kg,
    7.5 USD/m2 processing (SOFC practice), full yield:

    >>> separator_cost_per_area(20e-6, 5100.0, np.array([10.0, 50.0]), 7.5).round(2).tolist()
    [8.52, 12.6]
    """
    material = np.asarray(thickness, float) * np.asarray(density, float) * np.asarray(price_per_kg, float)
    return (material + np.asarray(processing_per_area, float)) / np.asarray(yield_, float)
