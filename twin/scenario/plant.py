"""The plant the line is scaled to: its parameter set and annual capacity (levelized cost at scale).

The run's line gives, per good cell, what each station spends (machine
time, scrap, materials); the plant model (:mod:`process_models.plant`)
turns that into machines, capital, floor, labour, energy and overheads for
a plant shipping ``annual_capacity`` of good cells, and a levelized cost per
good cell and per good kWh, by station and by cost type.
"""

from __future__ import annotations

from pydantic import Field, field_validator

from .process import Model
from .quantity import Q

__all__ = ["Plant"]


class Plant(Model):
    """Plant parameter set and nameplate output."""

    params: str = Field("pilot-2025", description="Plant set (process_models.plant.PLANT_PARAMETERS): 'pilot-2025' (~0.05 GWh/yr) or 'gwh-2030' (~10 GWh/yr): rates, lives, labour, floor costs by atmosphere, machine table.")
    annual_capacity: Q("power", distributions=False, gt=0, le=1e13, doc="Good energy shipped per year (e.g. '10 GWh/year'); default: the plant set's nameplate capacity.", default=None)

    @field_validator("params")
    @classmethod
    def _known(cls, v: str) -> str:
        from process_models.plant import PLANT_PARAMETERS

        if v not in PLANT_PARAMETERS:
            raise ValueError(f"unknown plant set {v!r}; valid: {', '.join(sorted(PLANT_PARAMETERS))}")
        return v
