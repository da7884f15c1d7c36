"""What an observation model is: a named prediction of the measured rows of a file, at each row's conditions.

An observation model is a named function ``predict(rows) -> values`` that
calls ``process_models`` with the conditions of each row (stack pressure,
temperature, relative density, ...) and returns the predicted value of the
row's ``quantity`` in the row's SI unit (``value_si``). Called as
``model(rows, overrides)`` it runs under
:func:`process_models.overrides.overridden`, so the same function predicts
with the default parameters or with any draw of the fitted ones.

The models themselves live in :mod:`twin.calibration.observations` (the
registry) and the ``observations_*`` modules beside it, one concept each.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from process_models.overrides import overridden

__all__ = ["ObservationModel", "column", "MA_CM2", "MAH_CM2", "HOUR"]

#: A m-2 per mA cm-2
MA_CM2 = 10.0
#: C m-2 per mAh cm-2
MAH_CM2 = 36000.0
#: s per h
HOUR = 3600.0


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
    binary : tuple of str
        Quantities among ``quantities`` that are 0/1 outcomes (``cracked``):
        the model predicts the probability of 1 and the likelihood of such a
        row is Bernoulli, not Gaussian (:mod:`twin.calibration.likelihood`).
    """

    name: str
    quantities: tuple[str, ...]
    predict: Callable[[pd.DataFrame], np.ndarray]
    required: tuple[str, ...] = ()
    x: str | None = None
    description: str = ""
    kind: str = field(default="deterministic")
    binary: tuple[str, ...] = ()

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


def column(rows: pd.DataFrame, name: str, default: float) -> np.ndarray:
    """A condition column in SI, ``default`` where it is empty or absent."""
    if name not in rows:
        return np.full(len(rows), float(default))
    v = pd.to_numeric(rows[name], errors="coerce").to_numpy(dtype=float)
    return np.where(np.isfinite(v), v, default)
