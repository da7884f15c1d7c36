"""The cell design: how many unit layers a cell stacks, its format and packaging, and its pressure hardware.

A unit layer is one cathode | separator | Li anode repeat unit (monopolar,
double-sided cathodes and shared collectors: each layer carries half of each
collector). With ``layers: 1`` the line makes single-layer cells, as before;
with ``layers: N`` it makes N unit layers per cell: every station up to the
stacking station handles unit layers, the stacker takes N layers per cell
(its ``process_time`` is per layer), and the stations after it handle cells
(their ``process_time`` is per cell). A cell works only if every one of its
layers does.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from .process import Model
from .quantity import Q

__all__ = ["CellDesign", "Module"]


class Module(Model):
    """How cells are held under stack pressure in a module (for module-level energy)."""

    cells_per_module: int = Field(12, ge=1, le=1000, description="Cells stacked between one pair of end plates.")
    pressure_hardware: Literal["none", "plates"] = Field("plates", description="'plates': steel end plates and tie rods sized for the stack pressure (process_models.packaging); 'none': the pressure comes from elsewhere (no mass counted).")


class CellDesign(Model):
    """Unit layers per cell, format and packaging, alignment at the stacker."""

    layers: int = Field(1, ge=1, le=200, description="Unit layers (cathode | separator | Li) stacked into one cell; the line makes cells x layers unit layers.")
    format: Literal["pouch", "prismatic"] = Field("pouch", description="Cell format: laminate pouch or prismatic Al can.")
    packaging: str = Field("pouch-2025", description="Packaging parameter set (process_models.packaging.PACKAGING_PARAMETERS): tabs, laminate or can, seal margins, headspace.")
    anode_overhang: Q("length", distributions=False, ge=0, le=0.01, doc="Designed margin of the Li anode beyond the cathode edge; a layer placed further off than this overhangs the cathode past the anode and plates Li at the edge (a short).", default="0.5 mm")
    placement_tolerance: Q("length", distributions=False, ge=0, le=0.01, doc="Standard deviation of each layer's placement error at the stacker, in each in-plane direction.", default="0.1 mm")
    module: Module = Module()

    @field_validator("packaging")
    @classmethod
    def _known_packaging(cls, v: str) -> str:
        from process_models.packaging import PACKAGING_PARAMETERS

        if v not in PACKAGING_PARAMETERS:
            raise ValueError(f"unknown packaging set {v!r}; valid: {', '.join(sorted(PACKAGING_PARAMETERS))}")
        return v
