"""Stacking and the stack-pressure fixture."""

from __future__ import annotations

import numpy as np

from ...scenario.distributions import sample
from .base import Step


class Stacking(Step):
    """Draw each cell's stack pressure (a distribution models the fixture's tolerance), floored at 0."""

    name = "stacking"
    masked = ("stack_pressure",)

    def prepare(self, cells, ctx):
        st = ctx.scenario.process.stacking
        cells["stack_pressure"] = np.maximum(sample(st.stack_pressure, ctx.rng("prepare"), ctx.n), 0.0)
