"""In-line inspection gate: cracks (visual) and relative density (measured with error)."""

from __future__ import annotations

from ...contract import FAILURE_CODES
from ..line import PASS, REWORK, SCRAP
from .base import Step


class Inspection(Step):
    """Scrap cracked items; measure the relative density with Gaussian error and reject under-dense ones.

    A rejected item goes back to the station's ``rework_to`` (e.g. the furnace,
    to be re-fired) up to ``max_rework`` times, then it is scrapped. The
    measurement errors are drawn per item up front: one for the first
    measurement, an independent one for every re-measurement. False rejects
    (a conforming item measured under the limit) and false accepts are counted.
    """

    name = "inspection"

    def prepare(self, cells, ctx):
        rng = ctx.rng("inspect")
        self.noise = rng.normal(0.0, 1.0, ctx.n)
        self.noise_again = rng.normal(0.0, 1.0, ctx.n)  # independent error on a re-measurement

    def inspect(self, cells, i, attempt, ctx) -> int:
        gate = ctx.scenario.gates.inspection
        if gate.reject_cracked and cells["cracked"][i]:
            cells["failure_mode"][i] = cells["crack_mode"][i]
            return SCRAP
        true = cells["electrolyte_relative_density"][i]
        noise = self.noise[i] if attempt == 0 else self.noise_again[i]
        measured = true + gate.density_measurement_sd * noise
        good = true >= gate.min_relative_density
        if measured < gate.min_relative_density:
            ctx.tally.false_rejects += int(good)
            if ctx.station.rework_to is not None and attempt < gate.max_rework:
                ctx.tally.rework += 1
                return REWORK
            cells["failure_mode"][i] = FAILURE_CODES["low_density"]
            return SCRAP
        ctx.tally.false_accepts += int(not good)
        return PASS
