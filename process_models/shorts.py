"""Shorts that need no cycling: at assembly (Li pushed through by the stack pressure) and by electronic leakage.

Modes: ``NONE = 0``, ``SOFT = 1``, ``HARD = 2`` (int8). Shorts that develop
while the cell plates (filaments through pores and cracks, their soft or hard
mode) are time-resolved in :mod:`process_models.anode_cycling`.

1. **Assembly short** (hard, before any current): Li is pushed through the
   separator by the stack pressure alone, either

   * by fracture: the stack pressure (as far as Li can carry it into the
     flaw, :func:`plating.critical_plating_current`) already exceeds the
     Griffith pressure of the cell's largest flaw, i.e. its critical plating
     current at that pressure is zero; the crack runs unstably and Li follows;
   * by creep through open porosity or a through pinhole: Li enters a channel
     of diameter ``d`` above its size-dependent flow stress and creeps along
     it (:func:`creep.intrusion_depth`); short if the intrusion depth within
     the assembly time exceeds the (tortuous) path through the separator.

   Doux et al. 2020: 75 MPa shorts a Li|Li6PS5Cl cell immediately, 5 MPa
   cycles > 1000 h [read].
2. **Electronic leakage**: with electronic conductivity above ~1e-5 S/cm Li
   plates inside the electrolyte (Han et al., Nat. Energy 4, 187, 2019, via
   Cao [seed]): soft short from the first charge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

import numpy as np

from .creep import intrusion_depth
from .registry import lookup

__all__ = ["NONE", "SOFT", "HARD", "ShortParams", "SHORT_PARAMETERS", "get_short_params", "assembly_short", "electronic_leakage"]

NONE, SOFT, HARD = 0, 1, 2


@dataclass(frozen=True)
class ShortParams:
    """Parameters of the short-mode rules.

    Attributes
    ----------
    name : str
        Registry name.
    electronic_conductivity_threshold : float
        Electronic conductivity above which Li plates inside the SE [S m-1].
    closed_porosity : float
        Porosity below which pores are isolated (no through path) [-].
    pinhole_size : float
        Diameter of a through pinhole [m].
    assembly_time : float
        Time under stack pressure before the first charge [s].
    creep_params : str
        Metal creep parameter set.
    sources : Mapping[str, str]
        Source of each value.
    """

    name: str
    electronic_conductivity_threshold: float = 1e-3
    closed_porosity: float = 0.08
    pinhole_size: float = 20e-6
    assembly_time: float = 3600.0
    creep_params: str = "Li-LePage2019"
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)


SHORT_PARAMETERS: Mapping[str, ShortParams] = MappingProxyType(
    {
        "default": ShortParams(
            name="default",
            sources={
                "electronic_conductivity_threshold": (
                    "1e-5 S/cm, low end of the 1e-5..1e-4 S/cm threshold above which Li plates inside the "
                    "electrolyte [seed] (Cao 2023 citing Han et al., Nat. Energy 4, 187, 2019)"
                ),
                "closed_porosity": "8 % [assumed]: pores pinch off into isolated ones near 92 % relative density (final-stage sintering); not re-read",
                "pinhole_size": "20 um [assumed]: spray/casting pinhole diameter",
                "assembly_time": "1 h [assumed]: stacking to first charge; Doux 2020 report the 75 MPa short as immediate [seed]",
                "creep_params": "LePage 2019 Li creep (creep.py)",
            },
        ),
    }
)


def get_short_params(name: str | ShortParams) -> ShortParams:
    """Return the short-rule set ``name``; a wrong name raises ``KeyError`` listing the valid ones."""
    return lookup(SHORT_PARAMETERS, name, "short parameter set")


def assembly_short(
    critical_plating_current,
    stack_pressure,
    relative_density,
    electrolyte_thickness,
    pore_size,
    *,
    pinhole=False,
    temperature=298.15,
    assembly_time=None,
    params="default",
) -> np.ndarray:
    """Whether the stack pressure alone pushes Li through the separator before the first charge.

    ``CCP(p) <= 0`` (fracture), or open porosity (``phi > phi_closed``) with
    ``x(p, t_asm, d_pore) >= L * phi^-0.5`` (Bruggeman tortuosity), or a
    pinhole with ``x(p, t_asm, d_pinhole) >= L``; ``x`` from
    :func:`creep.intrusion_depth`.

    Parameters
    ----------
    critical_plating_current : array_like
        The cell's CCP at its stack pressure [A m-2] (:func:`plating.critical_plating_current`).
    stack_pressure : array_like
        Stack pressure [Pa].
    relative_density : array_like
        Separator relative density [-].
    electrolyte_thickness : array_like
        Separator thickness [m].
    pore_size : array_like
        Diameter of the widest pore channel [m] (the cell's largest flaw).
    pinhole : array_like of bool
        Through-thickness pinhole present.
    temperature : array_like
        Temperature [K].
    assembly_time : array_like, optional
        Time under stack pressure before the first charge [s]; default the set's (1 h).
    params : str or ShortParams
        Rule parameter set.

    Returns
    -------
    ndarray of bool
    """
    sp = get_short_params(params)
    p = np.maximum(np.asarray(stack_pressure, dtype=float), 0.0)
    L = np.asarray(electrolyte_thickness, dtype=float)
    t_asm = sp.assembly_time if assembly_time is None else np.asarray(assembly_time, dtype=float)
    phi = np.clip(1.0 - np.asarray(relative_density, dtype=float), 0.0, 0.999)
    fracture = np.asarray(critical_plating_current, dtype=float) <= 0.0
    x_pore = intrusion_depth(p, t_asm, pore_size, temperature, params=sp.creep_params)
    creep_pores = (phi > sp.closed_porosity) & (x_pore >= np.maximum(phi, 1e-6) ** -0.5 * L)
    x_pin = intrusion_depth(p, t_asm, sp.pinhole_size, temperature, params=sp.creep_params)
    creep_pin = np.asarray(pinhole, dtype=bool) & (x_pin >= L)
    return np.asarray(fracture | creep_pores | creep_pin, dtype=bool)


def electronic_leakage(electronic_conductivity, *, params="default") -> np.ndarray:
    """Whether Li plates inside the separator (soft short): ``sigma_e >= sigma_e,crit`` [S m-1] in, bool out."""
    sp = get_short_params(params)
    return np.asarray(electronic_conductivity, dtype=float) >= sp.electronic_conductivity_threshold
