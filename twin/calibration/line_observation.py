"""The line as an observation model: simulate a replicate under drawn parameters and summarise a per-cell variable.

Line data (``twin.data.read_line_data``: one row per cell, the results
contract's variable names and SI units) are compared with
:func:`twin.simulation.replicate.simulate_replicate` of a scenario, run
with the parameters of a draw (:func:`process_models.overrides.overridden`)
and as many cells as the data hold, through three summary statistics:

* the **median** of the per-cell variable (finite values) [the variable's unit];
* its **interquartile range** [the variable's unit];
* the **fraction of cells passing** (the ``passed`` column) [-], left out of
  the distance when the data do not hold it.

The scenario runs as written (its seed replaced by the simulation's seed,
its cell count by the data's), one replicate of its first point: a
scenario with a sweep is refused, as the data come from one setting.
:class:`Simulator` joins these with noisy predictions of measured rows,
so ABC-SMC can fit line data and literature data together.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from process_models.overrides import overridden

from ..contract import variable as contract_variable
from ..simulation.replicate import simulate_replicate
from .likelihood import BOUNDS_ABOVE, BOUNDS_BELOW, Observed
from .space import ParameterSpace

__all__ = ["SUMMARIES", "summarise", "LineObservation", "line_observation", "Simulator"]

SUMMARIES = ("median", "iqr", "fraction_passing")


def summarise(values, passed=None) -> np.ndarray:
    """(median, interquartile range, fraction passing) of one variable over cells; NaN where not defined.

    Parameters
    ----------
    values : array_like
        The per-cell variable [its unit]; NaN (not measured) is left out.
    passed : array_like of bool, optional
        Whether each cell passed.
    """
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if v.size:
        q25, q50, q75 = np.quantile(v, [0.25, 0.5, 0.75])
    else:
        q25 = q50 = q75 = np.nan
    frac = float(np.mean(np.asarray(passed, dtype=bool))) if passed is not None and len(passed) else np.nan
    return np.array([q50, q75 - q25, frac])


@dataclass(frozen=True)
class LineObservation:
    """Line data of one variable, and the scenario that simulates it.

    Attributes
    ----------
    label : str
    scenario : Scenario
        With ``cells`` = the number of cells in the data.
    variable : str
        Per-cell results variable.
    observed : ndarray, shape (3,)
        The data's summary statistics (:data:`SUMMARIES`).
    unit : str
        The variable's unit.
    """

    label: str
    scenario: Any
    variable: str
    observed: np.ndarray
    unit: str

    def simulate(self, overrides, seed: int) -> np.ndarray:
        """Summary statistics of one simulated replicate with ``overrides`` applied and the scenario seed ``seed``."""
        sc = self.scenario.model_copy(update={"seed": int(seed)})
        with overridden(overrides), np.errstate(all="ignore"):
            cells = simulate_replicate(sc, 0, 0).cells
        return summarise(cells[self.variable], cells["passed"] if np.isfinite(self.observed[2]) else None)


def line_observation(data: pd.DataFrame, scenario, variable: str, label: str) -> LineObservation:
    """Summarise line data and size the scenario to it.

    Raises
    ------
    ValueError
        The data have no column ``variable`` or no finite value of it, or
        the scenario has a sweep.
    """
    if variable not in data:
        raise ValueError(f"the line data have no column {variable!r}")
    if scenario.sweep is not None:
        raise ValueError("the scenario has a sweep: a line observation runs one setting (remove the sweep)")
    passed = data["passed"].to_numpy(dtype=bool) if "passed" in data else None
    observed = summarise(data[variable].to_numpy(dtype=float), passed)
    if not np.isfinite(observed[0]):
        raise ValueError(f"the line data have no finite value of {variable!r}")
    sc = scenario.model_copy(update={"cells": int(len(data)), "replicates": 1})
    return LineObservation(label, sc, variable, observed, contract_variable(variable).units)


class Simulator:
    """``(theta, seed) -> summary statistics`` of every data entry, for ABC-SMC (picklable).

    A line entry gives :data:`SUMMARIES`; a measured entry gives its rows'
    predictions plus a draw of their measurement error (normal, ``sigma`` of
    the row; a 0/1 outcome row is a Bernoulli draw with the predicted
    probability), so the ABC posterior carries the same error model as the
    likelihood; a bound ("more than y") that the noisy prediction meets is
    summarised as ``y`` itself (distance 0). Entry ``k`` draws from seed
    ``(seed, k)``.
    """

    def __init__(self, space: ParameterSpace, entries: list):
        self.space = space
        self.entries = list(entries)

    @property
    def observed(self) -> np.ndarray:
        return np.concatenate([e.observed if isinstance(e, LineObservation) else e.value for e in self.entries])

    def _measured(self, e: Observed, rng: np.random.Generator) -> np.ndarray:
        f, noise, u = e.predict(), rng.standard_normal(len(e.value)), rng.random(len(e.value))
        y = np.where(e.is_binary, (u < f).astype(float), f + np.where(e.is_binary, 0.0, e.sigma) * noise)
        met = (np.isin(e.relation, BOUNDS_ABOVE) & (y >= e.value)) | (np.isin(e.relation, BOUNDS_BELOW) & (y <= e.value))
        return np.where(met, e.value, y)

    def __call__(self, args) -> np.ndarray:
        theta, seed = args
        overrides = self.space.overrides(theta)
        out = []
        for k, e in enumerate(self.entries):
            rng = np.random.default_rng([int(seed), k])
            try:
                if isinstance(e, LineObservation):
                    out.append(e.simulate(overrides, int(rng.integers(2**62))))
                else:
                    with overridden(overrides):
                        out.append(self._measured(e, rng))
            except (ValueError, ZeroDivisionError, FloatingPointError, OverflowError):
                # a draw the physics refuses (a parameter set's __post_init__): infinitely far from the data
                out.append(np.full(len(e.observed if isinstance(e, LineObservation) else e.value), np.nan))
        return np.concatenate(out)
