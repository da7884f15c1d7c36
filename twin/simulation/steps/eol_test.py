"""End-of-line test: the cells are evaluated after the line has run (the test does not feed back)."""

from __future__ import annotations

from .base import Step


class EolTest(Step):
    """Marks the end-of-line test; draws each cell's place in its largest-flaw distribution and its interface scatter."""

    name = "eol_test"

    def prepare(self, cells, ctx):
        rng = ctx.rng("prepare")
        cells["plating_quantile"] = rng.random(ctx.n)
        cells["interface_scatter"] = rng.standard_normal(ctx.n) * ctx.scatter_multiplier
        cells["ramp_draw"] = rng.random(ctx.n)  # the line's ramp-up immaturity (twin.scenario.ramp)
