"""End-of-line test: the cells are evaluated after the line has run (the test does not feed back)."""

from __future__ import annotations

from .base import Step


class EolTest(Step):
    """Marks the end-of-line test; draws each cell's place in the weakest-link scatter of its plating current."""

    name = "eol_test"

    def prepare(self, cells, ctx):
        cells["plating_quantile"] = ctx.rng("prepare").random(ctx.n)
