"""Observation models: what the physics predicts for each row of a measurement file, at the row's conditions.

What an observation model is, and how it runs with parameter draws:
:mod:`twin.calibration.observation_model`. This module is the registry of
them all.

Each model declares the quantities it predicts and the conditions a row must
state; rows of other quantities in the same file are not used (the
Oxford 2025 file also holds a density row), and rows missing a required
condition are left out (the calibration reports how many).

=======================  =====================================  ==========================================
name                     predicts                               physics (conditions)
=======================  =====================================  ==========================================
``wang2019_stripping``   critical_stripping_current             ``stripping.critical_stripping_current`` at
                                                                the row's stack pressure, Li | LLZO
``oxford2025_plating``   critical_plating_current               ``plating.critical_plating_current`` of the
                                                                median largest flaw of a 1/4-inch lab cell of
                                                                10 um Li6PS5Cl particles at the row's density
``cao2023_short``        time_to_short, capacity_to_short       ``filaments.threshold_capacity`` of a
                                                                16.25 % porous pellet of the row's thickness
                                                                (default 1.2 mm); time at the row's current
``yi2017_firing``        relative_density, grain_size,          ``sintering.sinter`` of a 30 um green Ga-LLZO
                         ionic_conductivity                     film (green density 0.55) at the row's dwell
``li_creep``             creep_strain_rate                      ``creep.strain_rate`` at the row's stress
=======================  =====================================  ==========================================

Models of further shipped datasets live beside this module, one concept each,
and are registered here: ``jmca2022_pore_removal``
(:mod:`~twin.calibration.observations_firing`), ``lpscl_pressing``
(:mod:`~twin.calibration.observations_pressing`), ``xu2017_pillars``
(:mod:`~twin.calibration.observations_mechanics`), ``singh2022_stepped`` and
``doux2020_cycling`` (:mod:`~twin.calibration.observations_failure`, Li | SE |
Li cells run by :mod:`~twin.calibration.symmetric_cell`).

A missing temperature is room temperature (298.15 K), the reference the
parameter sets are quoted at. The line's own Monte Carlo is the ``line``
model of :mod:`twin.calibration.line_observation` (kind ``line``).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import numpy as np
import pandas as pd

from process_models import conductivity, creep, filaments, flaws, plating, sintering, stripping
from process_models.constants import ROOM_TEMPERATURE
from process_models.registry import lookup

from .observation_model import MA_CM2, ObservationModel, column
from .observations_failure import FAILURE_MODELS
from .observations_firing import FIRING_MODELS
from .observations_mechanics import MECHANICS_MODELS
from .observations_pressing import PRESSING_MODELS

__all__ = ["ObservationModel", "OBSERVATIONS", "get_observation", "observation_kinds", "CAO_PELLET", "C20_CURRENT"]

#: Cao et al. 2023's pellet as the filament fit takes it (process_models.filaments): 1.2 mm, 16.25 % porosity [seed]
CAO_PELLET = {"thickness": 1.2e-3, "porosity": 0.1625}
#: C/20 of Cao's cell, ~0.2 mA/cm2 (physics.md section 11, derived) [A m-2]
C20_CURRENT = 0.2 * MA_CM2
#: Yi et al. 2017 films as the sintering fit takes them: 30 um green (25 um fired), green density 0.55 [assumed]
YI_GREEN = {"green_thickness": 30e-6, "green_density": 0.55}


def _wang(rows: pd.DataFrame) -> np.ndarray:
    """Li | LLZO critical stripping current at the row's stack pressure and temperature [A m-2]."""
    return stripping.critical_stripping_current(column(rows, "stack_pressure", 0.0),
                                                temperature=column(rows, "temperature", ROOM_TEMPERATURE),
                                                electrolyte="Ga-LLZO")


def _oxford(rows: pd.DataFrame) -> np.ndarray:
    """Li6PS5Cl critical plating current at the median largest flaw of a 1/4-inch lab cell [A m-2].

    The cell the plating set was fitted for: 10 um particles, 0.317 cm2, median weakest link, no stack pressure
    unless the row states one."""
    rho = column(rows, "relative_density", np.nan)
    a = flaws.largest_flaw(rho, 10e-6, flaws.LAB_CELL_AREA, 0.5)
    return plating.critical_plating_current(rho, a, stack_pressure=column(rows, "stack_pressure", 0.0),
                                            temperature=column(rows, "temperature", ROOM_TEMPERATURE),
                                            electrolyte="Li6PS5Cl")


def _cao(rows: pd.DataFrame) -> np.ndarray:
    """Capacity [C m-2] or time [s] to a pore-network short through Cao's pellet, at the row's thickness (1.2 mm
    where not given) and current (a required condition: a cell whose current is not known is not predicted)."""
    q = filaments.threshold_capacity(column(rows, "thickness", CAO_PELLET["thickness"]), CAO_PELLET["porosity"])
    j = column(rows, "current_density", C20_CURRENT)
    return np.where(rows["quantity"].to_numpy() == "capacity_to_short", q, q / j)


def _yi(rows: pd.DataFrame) -> np.ndarray:
    """Relative density [-], grain size [m] or conductivity [S m-1] of a Ga-LLZO film fired at the row's dwell."""
    r = sintering.sinter(YI_GREEN["green_thickness"], YI_GREEN["green_density"], column(rows, "dwell_temperature", np.nan),
                         column(rows, "dwell_time", np.nan), cover_powder=False, geometry="free")
    sigma = conductivity.ionic_conductivity(r.relative_density, secondary_phase_fraction=r.secondary_phase_fraction,
                                            grain_size=r.grain_size, temperature=column(rows, "temperature", ROOM_TEMPERATURE),
                                            material="Ga-LLZO")
    q = rows["quantity"].to_numpy()
    return np.select([q == "relative_density", q == "grain_size"], [r.relative_density, r.grain_size], sigma)


def _creep(rows: pd.DataFrame) -> np.ndarray:
    """Steady-state creep rate of Li at the row's stress and temperature [s-1] (LePage 2019 set)."""
    return creep.strain_rate(column(rows, "stress", np.nan), column(rows, "temperature", ROOM_TEMPERATURE))


def _deterministic() -> dict[str, ObservationModel]:
    models = [
        ObservationModel("wang2019_stripping", ("critical_stripping_current",), _wang, ("stack_pressure",),
                         "stack_pressure", "Li | LLZO critical stripping current vs stack pressure (Wang 2019)"),
        ObservationModel("oxford2025_plating", ("critical_plating_current",), _oxford, ("relative_density",),
                         "relative_density", "Li6PS5Cl critical plating current vs relative density, lab-cell "
                                             "median largest flaw (Oxford 2025)"),
        ObservationModel("cao2023_short", ("time_to_short", "capacity_to_short"), _cao, ("current_density",),
                         "current_density", "time or capacity to a pore-network short through Cao 2023's pellet"),
        ObservationModel("yi2017_firing", ("relative_density", "grain_size", "ionic_conductivity"), _yi,
                         ("dwell_temperature", "dwell_time"), "dwell_temperature",
                         "density, grain size and conductivity of a fired Ga-LLZO film (Yi 2017)"),
        ObservationModel("li_creep", ("creep_strain_rate",), _creep, ("stress",), "stress",
                         "power-law creep rate of Li (LePage 2019 constants)"),
    ]
    return {m.name: m for m in models}


def _line_rows(rows: pd.DataFrame) -> np.ndarray:
    raise TypeError("the line observation is a Monte Carlo of the line: it is simulated "
                    "(twin.calibration.line_observation), not predicted row by row")


#: the line's own Monte Carlo (twin.calibration.line_observation): ABC-SMC only
LINE_MODEL = ObservationModel("line", (), _line_rows, (), None,
                              "a per-cell variable of line data (median, IQR) and the fraction passing, against "
                              "simulate_replicate of a scenario", kind="line")


def _all() -> dict[str, ObservationModel]:
    models = [*_deterministic().values(), *FIRING_MODELS, *PRESSING_MODELS, *MECHANICS_MODELS, *FAILURE_MODELS, LINE_MODEL]
    out = {m.name: m for m in models}
    if len(out) != len(models):
        raise RuntimeError("two observation models share a name")
    return out


#: every observation model by name
OBSERVATIONS: Mapping[str, ObservationModel] = MappingProxyType(_all())


def get_observation(name: str) -> ObservationModel:
    """The observation model ``name``; a wrong name raises ``KeyError`` listing the valid ones."""
    return lookup(OBSERVATIONS, name, "observation model")


def observation_kinds() -> dict[str, str]:
    """Name -> kind (``deterministic`` or ``line``) of every observation model (for the config checks)."""
    return {name: m.kind for name, m in OBSERVATIONS.items()}
