"""Sulphide separator: cold-pressed powder, or sprayed (re-precipitated) and then pressed."""

from __future__ import annotations

import numpy as np

from process_models import cold_pressing, spray

from ...contract import FAILURE_CODES
from ...scenario.distributions import sample
from .base import Step


class Separator(Step):
    """Form the separator (method ``cold_press`` or ``spray``) of every cell, vectorised.

    ``cold_press``: Heckel densification at the pressing pressure
    (:func:`process_models.cold_pressing.cold_press`), thickness from the
    powder loading by mass balance. ``spray``: layer-by-layer re-precipitated
    film (:func:`process_models.spray.spray_film`) pressed afterwards (the
    roadmap's Fig. 17 film was measured at 400 MPa clamping): it densifies to
    the pressed density and thins by mass conservation; pinholes through
    every layer and the conductivity lost to re-precipitation are kept.
    Pressing cracks are flagged for the inspection gate (``pressing_crack``).
    """

    name = "separator"
    forms_electrolyte = True
    electrolyte_as_formed = ("electrolyte_thickness", "electrolyte_relative_density")

    def prepare(self, cells, ctx):
        sp = ctx.scenario.process.separator
        form = _cold_pressed if sp.method == "cold_press" else _sprayed_and_pressed
        thickness, density, retained = form(cells, sp, ctx)
        cells["electrolyte_thickness"] = thickness
        cells["electrolyte_relative_density"] = density
        cells["li_loss_fraction"] = 0.0
        cells["secondary_phase_fraction"] = 0.0
        cells["process_retained"] = retained
        cells["crack_mode"] = FAILURE_CODES["pressing_crack"]


def _cold_pressed(cells, sp, ctx):
    rng, n, mat = ctx.rng("prepare"), ctx.n, ctx.electrolyte
    pressed = cold_pressing.cold_press(sample(sp.pressure, rng, n), hold_time=sample(sp.hold_time, rng, n), material=mat.name)
    density = pressed.relative_density
    cells["cracked"] = rng.random(n) < ctx.defect(pressed.crack_probability)
    thickness = sample(sp.areal_mass, rng, n) / (mat.theoretical_density * density)
    return thickness, density, np.ones(n)


def _sprayed_and_pressed(cells, sp, ctx):
    rng, n, mat = ctx.rng("prepare"), ctx.n, ctx.electrolyte
    film = spray.spray_film(sp.n_layers, sample(sp.mass_flow, rng, n), sample(sp.transfer_efficiency, rng, n),
                            sample(sp.traverse_speed, rng, n), sample(sp.spray_width, rng, n),
                            process="sulphide_reprecipitation", material=mat.name)
    pressed = cold_pressing.cold_press(sample(sp.pressure, rng, n), hold_time=sample(sp.hold_time, rng, n), material=mat.name)
    density = np.maximum(film.relative_density, pressed.relative_density)
    thickness = film.thickness * film.relative_density / density
    cells["pinhole"] = rng.random(n) < ctx.defect(film.pinhole_probability)
    cells["cracked"] = rng.random(n) < ctx.defect(pressed.crack_probability)
    return thickness, density, film.conductivity_factor
