"""Calendering of the composite cathode: compaction in the nip, spring-back, catholyte cracking."""

from __future__ import annotations

import numpy as np

from process_models import calendering

from ...scenario.distributions import sample
from .base import Step


class Calendering(Step):
    """One calender pass of every cell's composite cathode, vectorised (:func:`process_models.calendering.calender`).

    Set by line load or roll gap (``process.calendering``); the parameter set
    follows the electrolyte family unless named. Compaction closes pores and
    raises every solid volume fraction by the same factor (mass is conserved:
    thickness x solid fraction stays), so the catholyte fraction, and with it
    the composite's ionic conductivity, rises. Each cell's catholyte network
    cracks with the Weibull probability of its nip pressure; a cracked
    composite keeps ``cracked_retained`` of its catholyte conductivity.

    A cell scrapped between the cathode station and the calender keeps the
    calendered cathode values (its pressure and crack flag are reset); its
    material cost is the same either way.
    """

    name = "calendering"
    masked = ("calender_pressure", "catholyte_cracked")

    def prepare(self, cells, ctx):
        cal = ctx.scenario.process.calendering
        rng, n = ctx.rng("prepare"), ctx.n
        params = calendering.get_calender_params(cal.parameters or calendering.default_calender_params(ctx.electrolyte))
        setting = ({"line_load": np.maximum(sample(cal.line_load, rng, n), 0.0)} if cal.control == "line_load"
                   else {"roll_gap": sample(cal.roll_gap, rng, n)})
        spring_back = None if cal.spring_back is None else sample(cal.spring_back, rng, n)
        res = calendering.calender(cells["cathode_thickness"], cells["cathode_porosity"], roll_radius=cal.roll_radius,
                                   spring_back=spring_back, params=params, **setting)
        cracked = rng.random(n) < ctx.defect(res.crack_probability)
        cells["cathode_active_fraction"] = cells["cathode_active_fraction"] * res.solid_scale
        cells["cathode_thickness"] = res.thickness
        cells["cathode_porosity"] = res.porosity
        cells["calender_pressure"] = res.pressure
        cells["catholyte_cracked"] = cracked
        cells["catholyte_retained"][cracked] = cells["catholyte_retained"][cracked] * params.cracked_retained
