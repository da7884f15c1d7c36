"""Batch firing of the oxide green sheets: one sintering call per furnace load."""

from __future__ import annotations

import numpy as np

from process_models import sintering
from process_models.constants import ROOM_TEMPERATURE

from ...scenario.distributions import sample
from ..state import Field
from .base import Step


class Sintering(Step):
    """Master-sintering-curve densification, grain growth and Li loss of one furnace load.

    One profile (set-point, dwell, ramp and cooling rates) is drawn per load;
    each position in the load sees the set-point plus an offset of
    ``temperature_nonuniformity`` (a station setting). A re-fired sheet starts
    from its fired state: its density and thickness act as the green state and
    its Li loss adds to what it lost before. The load occupies the furnace for
    the firing profile plus the station's handling time.
    """

    name = "sintering"
    forms_electrolyte = True
    working_fields = {"excess_li": Field()}  # molar Li excess of the sheet's powder [-], drawn at first firing

    def fire(self, cells, ids, ctx) -> float:
        si, st = ctx.scenario.process.sintering, ctx.station
        rng = ctx.rng("fire")
        t_set = float(sample(si.dwell_temperature, rng, 1)[0])
        dwell = float(max(sample(si.dwell_time, rng, 1)[0], 0.0))
        ramp = float(sample(si.ramp_rate, rng, 1)[0])
        cool = float(sample(si.cooling_rate, rng, 1)[0])
        offsets = rng.normal(0.0, st.temperature_nonuniformity, ids.size) if st.temperature_nonuniformity > 0 else np.zeros(ids.size)
        t_item = t_set + offsets
        prior = np.isfinite(cells["electrolyte_relative_density"][ids])
        h0 = np.where(prior, cells["electrolyte_thickness"][ids], cells["green_thickness"][ids])
        rho0 = np.where(prior, cells["electrolyte_relative_density"][ids], cells["green_density"][ids])
        lost0 = np.where(prior, cells["li_loss_fraction"][ids], 0.0)
        excess = np.where(prior, cells["excess_li"][ids], sample(si.excess_li, rng, ids.size))
        res = sintering.sinter(
            h0, rho0, t_item, dwell, ramp_rate=ramp, cooling_rate=cool, excess_li=np.maximum(excess - lost0, 0.0),
            cover_powder=si.cover_powder, geometry=si.geometry, material=ctx.electrolyte.name,
        )
        lost = lost0 + res.li_loss_fraction
        cells["excess_li"][ids] = excess
        cells["electrolyte_relative_density"][ids] = np.maximum(res.relative_density, rho0)
        cells["grain_size"][ids] = res.grain_size
        cells["li_loss_fraction"][ids] = lost
        cells["secondary_phase_fraction"][ids] = sintering.secondary_phase_fraction(lost, excess, material=ctx.electrolyte.name)
        cells["electrolyte_thickness"][ids] = res.fired_thickness
        cells["furnace_temperature"][ids] = t_item
        profile = (t_set - ROOM_TEMPERATURE) / ramp + dwell + (t_set - ROOM_TEMPERATURE) / cool
        ctx.tally.firing_times.append(profile)
        return profile + st.handling_time
