"""Observation models: what the physics predicts for each row of a measurement file, at the row's conditions.

An observation model is a named function ``predict(rows) -> values`` that
calls ``process_models`` with the conditions of each row (stack pressure,
temperature, relative density, ...) and returns the predicted value of the
row's ``quantity`` in the row's SI unit (``value_si``). Called as
``model(rows, overrides)`` it runs under
:func:`process_models.overrides.overridden`, so the same function predicts
with the default parameters or with any draw of the fitted ones.

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
``cao2023_short``        time_to_short, capacity_to_short       ``filaments.threshold_capacity`` of Cao's
                                                                1.2 mm, 16.25 % porous pellet; time at the
                                                                row's current (default C/20 = 0.2 mA/cm2)
``yi2017_firing``        relative_density, grain_size,          ``sintering.sinter`` of a 30 um green Ga-LLZO
                         ionic_conductivity                     film (green density 0.55) at the row's dwell
``li_creep``             creep_strain_rate                      ``creep.strain_rate`` at the row's stress
=======================  =====================================  ==========================================

A missing temperature is room temperature (298.15 K), the reference the
parameter sets are quoted at. The line's own Monte Carlo is the ``line``
model of :mod:`twin.calibration.line_observation` (kind ``line``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
import pandas as pd

from process_models import conductivity, creep, filaments, flaws, plating, sintering, stripping
from process_models.constants import ROOM_TEMPERATURE
from process_models.overrides import overridden
from process_models.registry import lookup

__all__ = ["ObservationModel", "OBSERVATIONS", "get_observation", "observation_kinds", "CAO_PELLET", "C20_CURRENT"]

MA_CM2 = 10.0  # A m-2 per mA cm-2

#: Cao et al. 2023's pellet as the filament fit takes it (process_models.filaments): 1.2 mm, 16.25 % porosity [seed]
CAO_PELLET = {"thickness": 1.2e-3, "porosity": 0.1625}
#: C/20 of Cao's cell, ~0.2 mA/cm2 (physics.md section 11, derived) [A m-2]
C20_CURRENT = 0.2 * MA_CM2
#: Yi et al. 2017 films as the sintering fit takes them: 30 um green (25 um fired), green density 0.55 [assumed]
YI_GREEN = {"green_thickness": 30e-6, "green_density": 0.55}


@dataclass(frozen=True)
class ObservationModel:
    """A named prediction of measured rows.

    Attributes
    ----------
    name : str
    quantities : tuple of str
        The measurement quantities it predicts (``twin.data`` vocabulary).
    predict : callable
        ``predict(rows: DataFrame) -> ndarray``: one value per row, in the
        row's SI unit, with the parameters the physics currently has.
    required : tuple of str
        Conditions a row must state (finite) to be predicted.
    x : str or None
        The condition a figure plots the rows against.
    description : str
    kind : {"deterministic", "line"}
    """

    name: str
    quantities: tuple[str, ...]
    predict: Callable[[pd.DataFrame], np.ndarray]
    required: tuple[str, ...] = ()
    x: str | None = None
    description: str = ""
    kind: str = field(default="deterministic")

    def select(self, df: pd.DataFrame) -> pd.DataFrame:
        """The rows of ``df`` this model predicts (its quantities, every required condition given)."""
        keep = np.array(df["quantity"].isin(self.quantities), dtype=bool)
        for c in self.required:
            keep = keep & (np.isfinite(pd.to_numeric(df[c], errors="coerce").to_numpy(dtype=float)) if c in df else False)
        return df[keep]

    def __call__(self, rows: pd.DataFrame, overrides: Mapping | None = None) -> np.ndarray:
        """Predicted values of ``rows`` [row's SI unit] with ``overrides`` applied ((registry, set, field) -> value)."""
        with overridden(overrides or {}), np.errstate(all="ignore"):
            return np.asarray(self.predict(rows), dtype=float).reshape(len(rows))


def _col(rows: pd.DataFrame, name: str, default: float) -> np.ndarray:
    """A condition column in SI, ``default`` where it is empty or absent."""
    if name not in rows:
        return np.full(len(rows), float(default))
    v = pd.to_numeric(rows[name], errors="coerce").to_numpy(dtype=float)
    return np.where(np.isfinite(v), v, default)


def _wang(rows: pd.DataFrame) -> np.ndarray:
    """Li | LLZO critical stripping current at the row's stack pressure and temperature [A m-2]."""
    return stripping.critical_stripping_current(_col(rows, "stack_pressure", 0.0),
                                                temperature=_col(rows, "temperature", ROOM_TEMPERATURE),
                                                electrolyte="Ga-LLZO")


def _oxford(rows: pd.DataFrame) -> np.ndarray:
    """Li6PS5Cl critical plating current at the median largest flaw of a 1/4-inch lab cell [A m-2].

    The cell the plating set was fitted for: 10 um particles, 0.317 cm2, median weakest link, no stack pressure
    unless the row states one."""
    rho = _col(rows, "relative_density", np.nan)
    a = flaws.largest_flaw(rho, 10e-6, flaws.LAB_CELL_AREA, 0.5)
    return plating.critical_plating_current(rho, a, stack_pressure=_col(rows, "stack_pressure", 0.0),
                                            temperature=_col(rows, "temperature", ROOM_TEMPERATURE),
                                            electrolyte="Li6PS5Cl")


def _cao(rows: pd.DataFrame) -> np.ndarray:
    """Capacity [C m-2] or time [s] to a pore-network short through Cao's pellet at the row's current."""
    q = filaments.threshold_capacity(CAO_PELLET["thickness"], CAO_PELLET["porosity"])
    j = _col(rows, "current_density", C20_CURRENT)
    return np.where(rows["quantity"].to_numpy() == "capacity_to_short", q, q / j)


def _yi(rows: pd.DataFrame) -> np.ndarray:
    """Relative density [-], grain size [m] or conductivity [S m-1] of a Ga-LLZO film fired at the row's dwell."""
    r = sintering.sinter(YI_GREEN["green_thickness"], YI_GREEN["green_density"], _col(rows, "dwell_temperature", np.nan),
                         _col(rows, "dwell_time", np.nan), cover_powder=False, geometry="free")
    sigma = conductivity.ionic_conductivity(r.relative_density, secondary_phase_fraction=r.secondary_phase_fraction,
                                            grain_size=r.grain_size, temperature=_col(rows, "temperature", ROOM_TEMPERATURE),
                                            material="Ga-LLZO")
    q = rows["quantity"].to_numpy()
    return np.select([q == "relative_density", q == "grain_size"], [r.relative_density, r.grain_size], sigma)


def _creep(rows: pd.DataFrame) -> np.ndarray:
    """Steady-state creep rate of Li at the row's stress and temperature [s-1] (LePage 2019 set)."""
    return creep.strain_rate(_col(rows, "stress", np.nan), _col(rows, "temperature", ROOM_TEMPERATURE))


def _deterministic() -> dict[str, ObservationModel]:
    models = [
        ObservationModel("wang2019_stripping", ("critical_stripping_current",), _wang, ("stack_pressure",),
                         "stack_pressure", "Li | LLZO critical stripping current vs stack pressure (Wang 2019)"),
        ObservationModel("oxford2025_plating", ("critical_plating_current",), _oxford, ("relative_density",),
                         "relative_density", "Li6PS5Cl critical plating current vs relative density, lab-cell "
                                             "median largest flaw (Oxford 2025)"),
        ObservationModel("cao2023_short", ("time_to_short", "capacity_to_short"), _cao, (), "current_density",
                         "time or capacity to a pore-network short through Cao 2023's pellet"),
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
    return {**_deterministic(), LINE_MODEL.name: LINE_MODEL}


#: every observation model by name
OBSERVATIONS: Mapping[str, ObservationModel] = MappingProxyType(_all())


def get_observation(name: str) -> ObservationModel:
    """The observation model ``name``; a wrong name raises ``KeyError`` listing the valid ones."""
    return lookup(OBSERVATIONS, name, "observation model")


def observation_kinds() -> dict[str, str]:
    """Name -> kind (``deterministic`` or ``line``) of every observation model (for the config checks)."""
    return {name: m.kind for name, m in OBSERVATIONS.items()}
