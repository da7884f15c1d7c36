"""Surface heat treatment removing Li2CO3/LiOH from the electrolyte before the anode."""

from __future__ import annotations

from .base import Step


class SurfaceTreatment(Step):
    """A heat treatment (about 500 degC, inert) that removes the air-grown Li2CO3/LiOH and restores a ~2 ohm cm2
    Li|LLZO interface (Sharafi et al., J. Mater. Chem. A 5, 13475, 2017): the exposure clocks restart when the
    item leaves the station."""

    name = "surface_treatment"
    clears_surface = True
