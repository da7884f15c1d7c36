"""Composite cathode: sprayed layer by layer (each oxide layer flash-sintered), or pressed from powder."""

from __future__ import annotations

from process_models import spray
from process_models.electrodes import composite_solid_density

from ...scenario.distributions import sample
from .base import Step


class Cathode(Step):
    """Composite cathode of every cell (method ``spray`` or ``press``), vectorised.

    The deposit's solid is active material, catholyte (the route's
    electrolyte) and carbon (:func:`process_models.electrodes.composite_solid_density`).
    ``spray``: :func:`process_models.spray.spray_film` at the drawn mass flow;
    ``press``: thickness from the powder loading and porosity (mass balance).
    """

    name = "cathode"
    masked = ("cathode_thickness", "cathode_active_fraction", "cathode_porosity")

    def prepare(self, cells, ctx):
        ca = ctx.scenario.process.cathode
        rng, n = ctx.rng("prepare"), ctx.n
        active = sample(ca.active_fraction, rng, n)
        porosity = sample(ca.porosity, rng, n)
        solid_density = composite_solid_density(active, porosity, ctx.electrolyte.theoretical_density, cathode=ctx.cathode)
        if ca.method == "spray":
            thickness = spray.spray_film(
                ca.n_layers, sample(ca.mass_flow, rng, n), sample(ca.transfer_efficiency, rng, n),
                sample(ca.traverse_speed, rng, n), sample(ca.spray_width, rng, n), layer_porosity=porosity,
                process="cathode", material=ctx.electrolyte.name, bulk_density=solid_density,
            ).thickness
        else:
            thickness = sample(ca.areal_mass, rng, n) / (solid_density * (1.0 - porosity))
        cells["cathode_active_fraction"] = active
        cells["cathode_porosity"] = porosity
        cells["cathode_thickness"] = thickness
