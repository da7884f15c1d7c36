"""Tape casting of the oxide green tape (per tape lot for the slurry, per sheet for the blade)."""

from __future__ import annotations

import numpy as np

from process_models import tape_casting

from ...contract import FAILURE_CODES
from ...scenario.distributions import sample
from .base import Step


class Casting(Step):
    """Doctor-blade casting and drying-crack risk: :func:`process_models.tape_casting.cast_tape`.

    The slurry (viscosity, solids fraction) is drawn once per tape lot of
    ``sheets_per_tape`` sheets; blade gap, casting speed and head per sheet.
    A cracked sheet is flagged for the inspection gate (``drying_crack``).
    """

    name = "casting"
    electrolyte_as_formed = ("green_thickness", "green_density")

    def prepare(self, cells, ctx):
        tc = ctx.scenario.process.tape_casting
        rng, n = ctx.rng("prepare"), ctx.n
        lot = np.arange(n) // tc.sheets_per_tape
        n_lots = int(lot[-1]) + 1
        viscosity = sample(tc.slurry_viscosity, rng, n_lots)[lot]
        solids = sample(tc.solids_fraction, rng, n_lots)[lot]
        cast = tape_casting.cast_tape(
            sample(tc.blade_gap, rng, n), sample(tc.casting_speed, rng, n), viscosity,
            sample(tc.reservoir_height, rng, n), solids, material=ctx.electrolyte.name,
        )
        cells["cracked"] = rng.random(n) < ctx.defect(cast.crack_probability)
        cells["crack_mode"] = FAILURE_CODES["drying_crack"]
        cells["tape_lot"] = lot
        cells["sheet"] = np.arange(n) - lot * tc.sheets_per_tape
        cells["green_thickness"] = cast.green_thickness
        cells["green_density"] = cast.green_density
