"""Li-metal anode: foil lamination or evaporation; it seals the electrolyte surface."""

from __future__ import annotations

from ...scenario.distributions import sample
from .base import Step


class Anode(Step):
    """Draw each cell's Li thickness and lamination pressure; the exposure clocks stop here."""

    name = "anode"
    seals_surface = True
    masked = ("anode_thickness",)

    def prepare(self, cells, ctx):
        an = ctx.scenario.process.anode
        rng, n = ctx.rng("prepare"), ctx.n
        cells["anode_thickness"] = 0.0 if an.method == "anode_free" else sample(an.foil_thickness, rng, n)
        cells["lamination_pressure"] = sample(an.lamination_pressure, rng, n)
