"""Exposure of the electrolyte surface between its formation and the Li anode.

The clocks start when an item leaves the last station before the anode that
forms the electrolyte or clears its surface (``Step.forms_electrolyte``,
``Step.clears_surface``) and stop when it starts at the station that seals
the surface (``Step.seals_surface``); time waiting in a station's input
buffer counts in that station's atmosphere. The dose then becomes a surface
carbonate layer (garnets: :func:`process_models.air_exposure.li2co3_thickness`)
or lost conductivity (sulphides: :func:`process_models.air_exposure.sulphide_retained_conductivity`);
each model returns no damage for the other family.
"""

from __future__ import annotations

import numpy as np

from process_models import air_exposure

from .line import exposure_times

__all__ = ["expose"]


def expose(rep, cells, line) -> None:
    """Write exposure times, the Li2CO3 layer at lamination and the retained conductivity of every cell."""
    seal = rep.first("seals_surface")
    start = max(k for k in range(seal) if rep.steps[k].forms_electrolyte or rep.steps[k].clears_surface)
    clocks = exposure_times(line, [s.atmosphere for s in rep.stations], start, seal)
    t_air = clocks.get("ambient", np.zeros(rep.n))
    t_dry = clocks.get("dry_room", np.zeros(rep.n))
    ex, name = rep.scenario.process.exposure, rep.electrolyte.name
    rh_dry = air_exposure.relative_humidity(ex.dry_room_dew_point)
    h_air = air_exposure.li2co3_thickness(t_air, relative_humidity=ex.ambient_relative_humidity, material=name)
    h_dry = air_exposure.li2co3_thickness(t_dry, relative_humidity=rh_dry, material=name)
    li2co3 = np.sqrt(h_air**2 + h_dry**2)  # parabolic growth: thickness^2 adds
    li2co3 = np.where(line.left(seal), li2co3, np.nan)  # no layer "at lamination" for a cell never laminated
    ambient_dew_point = air_exposure.dew_point(ex.ambient_relative_humidity)
    retained = (air_exposure.sulphide_retained_conductivity(t_air, dew_point=ambient_dew_point, material=name)
                * air_exposure.sulphide_retained_conductivity(t_dry, dew_point=ex.dry_room_dew_point, material=name)
                * cells["process_retained"])
    cells["air_exposure_time"] = t_air
    cells["dry_room_exposure_time"] = t_dry
    cells["li2co3_thickness"] = li2co3
    cells["retained_conductivity"] = retained
