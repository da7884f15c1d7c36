"""Stacking unit layers into cells, and the stack-pressure fixture."""

from __future__ import annotations

import numpy as np

from ...scenario.distributions import sample
from .base import Step


class Stacking(Step):
    """Each layer's stack pressure (the fixture's tolerance, floored at 0) and its placement error at the stacker.

    The placement error is the larger in-plane offset of two independent
    normal draws with the design's ``placement_tolerance`` as standard
    deviation; the end-of-line test fails a layer placed further off than
    the anode overhang (:mod:`twin.simulation.eol`). Which layers form a
    cell is decided after the line (:mod:`twin.simulation.assembly`).
    """

    name = "stacking"
    masked = ("stack_pressure", "placement_error")

    def prepare(self, cells, ctx):
        st = ctx.scenario.process.stacking
        rng = ctx.rng("prepare")
        cells["stack_pressure"] = np.maximum(sample(st.stack_pressure, rng, ctx.n), 0.0)
        sd = float(ctx.scenario.cell.placement_tolerance)
        cells["placement_error"] = np.abs(rng.normal(0.0, 1.0, (ctx.n, 2))).max(axis=1) * sd
