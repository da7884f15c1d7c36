"""Levelized cost of the replicate's line scaled to a plant (``scenario.plant``): by station, cost type and scrap point.

The run says what each station spends per good cell: machine time (its busy
time over the good cells it helped make, reworks and scrap included) and
materials (the run's material cost over its good cells). A plant shipping
``annual_capacity`` of good energy makes ``capacity / energy per good cell``
good cells a year, so each station processes its run's items scaled by the
same factor; :func:`process_models.plant.station_costs` and
:func:`~process_models.plant.levelized_cost` turn that into machines,
capital, floor, labour, energy and overheads. The value lost at a scrap point
is what had been spent on the items scrapped there (materials and the
conversion cost of every station they passed); one percentage point more
scrap at a station costs that station's items-through times what had been
spent on each by the time it left.
"""

from __future__ import annotations

import numpy as np

from process_models import plant

from ..contract import FAILURE_CODES
from .genealogy import reached_test
from .line import SCRAP_NONE

__all__ = ["plant_cost", "no_plant"]

_KWH = 3.6e6


def no_plant(n_stations: int) -> dict:
    """The plant variables when nothing good came out of the run (NaN)."""
    nan_s = np.full(n_stations, np.nan)
    return {"kpis": {"plant_cost_per_kwh": np.nan, "plant_cost_per_cell": np.nan, "plant_capital": np.nan,
                     "plant_cells_per_year": np.nan},
            "station": {"plant_machines": nan_s.copy(), "plant_cost_by_station": nan_s.copy(),
                        "scrap_cost": nan_s.copy(), "scrap_point_cost": nan_s.copy()},
            "cost_type": {"plant_cost_by_type": np.full(len(plant.COST_TYPES), np.nan)}}


def _scale(scenario, stacks, good_cells: float) -> tuple[float, float, float] | None:
    """(good cells per year, good kWh per year, run-to-year factor), or None if the run made nothing good."""
    p = plant.get_plant_parameters(scenario.plant.params)
    capacity = float(scenario.plant.annual_capacity) * plant.YEAR if scenario.plant.annual_capacity else p.capacity
    energy = stacks["stack_energy"][stacks["stack_passed"]]
    if good_cells <= 0 or energy.size == 0 or not np.mean(energy) > 0:
        return None
    cells_per_year = capacity / float(np.mean(energy))
    return cells_per_year, capacity / _KWH, cells_per_year / good_cells


def _stations(scenario, line, factor: float) -> dict:
    """Station name -> StationCost at the plant's scale."""
    p = scenario.plant.params
    out = {}
    for k, st in enumerate(scenario.line.stations):
        visits = float(line.visits[:, k].sum())
        per_item = float(line.busy_time[k]) / visits if visits else 0.0  # machine-seconds of a line machine per item
        if st.kind == "furnace" and visits:  # at plant scale every load is full: firing time per load / its capacity
            loads = max(np.unique(line.batch[line.visits[:, k] > 0]).size, 1)
            per_item = float(line.busy_time[k]) / loads / st.load_capacity
        # a furnace of the line is one priced furnace (its loads are already in per_item); a unit station's line
        # machine is one position of a priced machine of `capacity` positions (a formation rack's channels)
        load = 1.0 if st.kind == "furnace" else None
        out[st.name] = plant.station_costs(visits * factor, per_item, st.step, atmosphere=st.atmosphere, params=p,
                                           load=load)
    return out


def _scrapped_per_station(scenario, cells, line) -> np.ndarray:
    """Items scrapped at each station in the run (the end-of-line test: every tested item that did not pass)."""
    n = len(scenario.line.stations)
    counts = np.bincount(line.scrap_station[line.scrap_code != SCRAP_NONE], minlength=n)[:n].astype(float)
    rejected = cells["failure_mode"] == FAILURE_CODES["layer_reject"]
    k_test = next((k for k, s in enumerate(scenario.line.stations) if s.step == "layer_test"), n - 1)
    counts[k_test] += rejected.sum()
    counts[n - 1] += float((reached_test(line) & ~cells["passed"] & ~rejected).sum())
    return counts


def plant_cost(scenario, cells, line, stacks, good_cells: float, cost_materials: float) -> dict:
    """Plant-level cost variables of one replicate (``kpis``, per ``station``, per ``cost_type``)."""
    scale = _scale(scenario, stacks, good_cells)
    if scale is None:
        return no_plant(len(scenario.line.stations))
    cells_per_year, kwh_per_year, factor = scale
    stations = _stations(scenario, line, factor)
    lev = plant.levelized_cost(stations, cost_materials * factor, cells_per_year, kwh_per_year,
                               params=scenario.plant.params)
    names = [s.name for s in scenario.line.stations]
    visits = np.array([float(line.visits[:, k].sum()) for k in range(len(names))])
    conversion = np.array([float(lev.by_station[n]) for n in names]) * kwh_per_year  # USD/yr per station
    per_item = np.divide(conversion, visits * factor, out=np.zeros(len(names)), where=visits > 0)
    material_per_item = cost_materials / max(line.release.size, 1)
    spent = material_per_item + np.cumsum(per_item)  # spent on an item by the time it leaves each station [USD]
    scrapped = _scrapped_per_station(scenario, cells, line) * factor
    return {
        "kpis": {"plant_cost_per_kwh": float(lev.per_kwh), "plant_cost_per_cell": float(lev.per_cell),
                 "plant_capital": float(lev.capital), "plant_cells_per_year": cells_per_year},
        "station": {"plant_machines": np.array([float(stations[n].machines) for n in names]),
                    "plant_cost_by_station": conversion / kwh_per_year,
                    "scrap_cost": scrapped * spent / kwh_per_year,
                    "scrap_point_cost": 0.01 * visits * factor * spent / kwh_per_year},
        "cost_type": {"plant_cost_by_type": np.array([float(lev.by_type[t]) for t in plant.COST_TYPES])},
    }
