"""Critical currents of a metal anode on a solid electrolyte.

Two critical currents limit a Li-metal solid-state cell (Pasta et al. 2020
roadmap [seed]; Kasemchainan et al., Nat. Mater. 18, 1105, 2019):

* the critical stripping current (CCS): above it, Li is removed from the
  interface faster than self-diffusion and creep can resupply it, voids open
  and the contact area shrinks (:func:`critical_stripping_current`);
* the critical plating current (CCP): above it, Li driven into surface flaws
  of the electrolyte builds up enough pressure to propagate them as cracks
  and a dendrite grows (:func:`critical_plating_current`). The flaws come from
  manufacturing (porosity, pore size, spray pinholes): the largest one under
  a cell's area (:func:`process_models.flaws.largest_flaw`) sets it.

The two live in :mod:`process_models.stripping` and
:mod:`process_models.plating`; this module gathers them.

Units: current densities in A m-2 (1 mA cm-2 = 10 A m-2), pressures in Pa,
lengths in m, temperatures in K.
"""

from __future__ import annotations

from .plating import (LAB_CELL_AREA, PLATING_PARAMETERS, PlatingParams, critical_plating_current,
                      flaw_propagation_pressure, get_plating_params, manufacturing_flaw_size, overpotential_pressure)
from .stripping import STRIPPING_PARAMETERS, StrippingParams, critical_stripping_current, get_stripping_params

__all__ = [
    "LAB_CELL_AREA",
    "StrippingParams",
    "STRIPPING_PARAMETERS",
    "get_stripping_params",
    "PlatingParams",
    "PLATING_PARAMETERS",
    "get_plating_params",
    "critical_stripping_current",
    "manufacturing_flaw_size",
    "flaw_propagation_pressure",
    "overpotential_pressure",
    "critical_plating_current",
]
