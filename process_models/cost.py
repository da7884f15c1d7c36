"""Manufacturing cost: materials, furnace energy and equipment time.

Currency is US dollars (``USD``), the other units SI. Every price below is an
order-of-magnitude default for a pilot line, marked [assumed] with the reason;
a scenario should override them with its own quotes (``COST_PARAMETERS`` is a
registry of named sets, ``get_cost_parameters`` lists valid names).

Context [read] (Schnell et al., Energy Technol. 2020, 1901237): the oxide
route's cost is dominated by sintering; in-house Li anode production beats
bought foil; the sulphide route can be cost-competitive. Burton et al.,
Nat. Energy 10, 2025 (doi 10.1038/s41560-024-01676-7) [read, abstract]: thin
(< 20 um) Li is needed for energy density and thermal evaporation is the
scalable route; few suppliers offer foil below 50 um and thinner foil costs
more (Pasta et al. 2020 roadmap [seed]).

Equations
---------
Li foil price per mass rises as the foil thins below a reference thickness:

    price(t) = p_bulk * (1 + (t_ref / t) ** k)        [USD kg-1]

Material cost of one cell of area A:

    C_mat = A * sum_i(m_i'' * price_i)                [USD]

with m'' the areal mass of each layer [kg m-2]. Furnace energy cost of one
load: E = P * t_fire, C = E * price_electricity. Equipment cost of a station:
rate [USD h-1 per machine] * machines * run time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

import numpy as np

from .registry import lookup

__all__ = ["CostParameters", "COST_PARAMETERS", "get_cost_parameters", "li_foil_price", "layer_cost",
           "furnace_energy_cost", "equipment_cost"]


@dataclass(frozen=True)
class CostParameters:
    """Prices and rates (USD; SI otherwise).

    Attributes
    ----------
    li_bulk_price : float
        Battery-grade Li metal in thick foil/ingot [USD kg-1].
    li_reference_thickness : float
        Thickness below which the thin-foil premium grows [m].
    li_premium_exponent : float
        Exponent k of the premium [-].
    electrolyte_price : Mapping[str, float]
        Electrolyte powder price by family ("oxide", "sulphide") [USD kg-1].
    cathode_active_price : float
        NMC811 cathode active material [USD kg-1].
    electricity_price : float
        [USD J-1] (1 USD/kWh = 1/3.6e6 USD/J).
    furnace_power : float
        Mean electric power of one batch furnace while firing [W].
    station_rate : float
        Equipment depreciation + labour per machine-hour, all stations [USD h-1].
    furnace_rate : float
        Depreciation + labour per furnace-hour [USD h-1].
    """

    li_bulk_price: float
    li_reference_thickness: float
    li_premium_exponent: float
    electrolyte_price: Mapping[str, float]
    cathode_active_price: float
    electricity_price: float
    furnace_power: float
    station_rate: float
    furnace_rate: float
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)


COST_PARAMETERS: Mapping[str, CostParameters] = MappingProxyType({
    "pilot-2025": CostParameters(
        li_bulk_price=100.0,
        li_reference_thickness=50e-6,
        li_premium_exponent=1.5,
        electrolyte_price=MappingProxyType({"oxide": 60.0, "sulphide": 150.0}),
        cathode_active_price=30.0,
        electricity_price=0.15 / 3.6e6,
        furnace_power=30e3,
        station_rate=60.0,
        furnace_rate=40.0,
        sources={
            "li_bulk_price": "[assumed] ~100 USD/kg battery-grade Li metal, order of 2023-2025 market quotes; override with a quote",
            "li_reference_thickness": "50 um: few suppliers below 50 um [seed] (Pasta 2020 roadmap)",
            "li_premium_exponent": "[assumed] 1.5: chosen so 20 um foil costs ~5x bulk per kg, reflecting rolling yield losses; no confirmed data",
            "electrolyte_price": "[assumed] garnet powder 60 USD/kg, argyrodite 150 USD/kg (Li2S precursor cost); Schnell 2020 find sulphides competitive despite this",
            "cathode_active_price": "[assumed] NMC811 ~30 USD/kg, order of 2024 market prices",
            "electricity_price": "[assumed] 0.15 USD/kWh industrial tariff",
            "furnace_power": "[assumed] 30 kW mean draw of an electric batch furnace over a firing profile",
            "station_rate": "[assumed] 60 USD per machine-hour (depreciation + labour share) for a pilot line",
            "furnace_rate": "[assumed] 40 USD per furnace-hour besides energy",
        },
    ),
})


def get_cost_parameters(name: str | CostParameters) -> CostParameters:
    """Cost set by name; a wrong name lists the valid ones."""
    return lookup(COST_PARAMETERS, name, "cost parameter set")


def li_foil_price(thickness, *, params="pilot-2025") -> np.ndarray:
    """Price of Li foil per mass [USD kg-1] as a function of its thickness [m].

    price(t) = p_bulk (1 + (t_ref / t)^k); see the module docstring for sources.
    """
    p = get_cost_parameters(params)
    t = np.asarray(thickness, dtype=float)
    return p.li_bulk_price * (1.0 + (p.li_reference_thickness / t) ** p.li_premium_exponent)


def layer_cost(area, thickness, density, price) -> np.ndarray:
    """Material cost of one layer [USD]: area [m2] x thickness [m] x density [kg m-3] x price [USD kg-1]."""
    return np.asarray(area, float) * np.asarray(thickness, float) * np.asarray(density, float) * np.asarray(price, float)


def furnace_energy_cost(firing_time, *, params="pilot-2025") -> np.ndarray:
    """Electricity cost of firing one load for ``firing_time`` [s] [USD]: P t price."""
    p = get_cost_parameters(params)
    return p.furnace_power * np.asarray(firing_time, float) * p.electricity_price


def equipment_cost(run_time, machines, *, furnace=False, params="pilot-2025") -> np.ndarray:
    """Depreciation + labour of ``machines`` machines over ``run_time`` [s] [USD]."""
    p = get_cost_parameters(params)
    rate = p.furnace_rate if furnace else p.station_rate
    return rate * np.asarray(machines, float) * np.asarray(run_time, float) / 3600.0
