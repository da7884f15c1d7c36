"""Cost of one replicate: materials consumed up to where each item left, furnace energy, equipment time."""

from __future__ import annotations

import numpy as np

from process_models import cost
from process_models.electrodes import LITHIUM

from .kpis import horizon

__all__ = ["replicate_cost"]


def _layer_test_cost(sc, line) -> float:
    """Test cost of every layer that went through a layer test station [USD]."""
    k = next((k for k, s in enumerate(sc.line.stations) if s.step == "layer_test"), None)
    if k is None or not sc.process.layer_test.enabled:
        return 0.0
    return float(np.isfinite(line.start[:, k]).sum()) * float(sc.process.layer_test.cost_per_layer)


def replicate_cost(rep, cells, line) -> dict[str, float]:
    """Materials (scrap included), furnace energy and equipment cost [USD], per good cell and per good kWh.

    The electrolyte is paid for every released item as formed (the forming
    step's ``electrolyte_as_formed`` fields); cathode and Li only for the
    items that got them.
    """
    sc, mat, cat = rep.scenario, rep.electrolyte, rep.contexts[0].cathode
    area = sc.process.stacking.cell_area
    prices = cost.get_cost_parameters(sc.materials.cost)
    thickness, density = next(s.electrolyte_as_formed for s in rep.steps if s.electrolyte_as_formed)
    electrolyte_mass = area * cells[thickness] * cells[density] * mat.theoretical_density
    got_cathode = np.isfinite(cells["cathode_thickness"])
    li = cells["anode_thickness"][np.isfinite(cells["anode_thickness"]) & (cells["anode_thickness"] > 0)]  # anode-free: none
    c_mat = (np.sum(electrolyte_mass) * prices.electrolyte_price[mat.family]
             + np.sum(cost.layer_cost(area, cells["cathode_thickness"][got_cathode],
                                      cells["cathode_active_fraction"][got_cathode] * cat.density, prices.cathode_active_price))
             + np.sum(cost.layer_cost(area, li, LITHIUM.density, cost.li_foil_price(li, params=prices))))
    firing = rep.tally.firing_times
    c_energy = float(np.sum(cost.furnace_energy_cost(np.array(firing), params=prices))) if firing else 0.0
    T = horizon(line)
    c_equip = float(sum(cost.equipment_cost(T, s.machines, furnace=s.kind == "furnace", params=prices) for s in rep.stations))
    c_test = _layer_test_cost(sc, line)
    c_total = float(c_mat) + c_energy + c_equip + c_test
    good = float(cells["passed"].sum()) / sc.cell.layers
    good_energy_kwh = float(np.nansum(np.where(cells["passed"], cells["discharge_energy"], 0.0))) * area / 3.6e6
    return {
        "cost_materials": float(c_mat),
        "cost_energy": c_energy,
        "cost_equipment": c_equip,
        "cost_layer_test": c_test,
        "cost_per_good_cell": c_total / good if good else np.nan,
        "cost_per_kwh": c_total / good_energy_kwh if good_energy_kwh > 0 else np.nan,
    }
