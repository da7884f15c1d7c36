"""The likelihood of measured rows given predictions, and the posterior emcee samples.

Each row ``i`` is a measurement ``y_i`` of the model's prediction ``f_i(theta)``
with a Gaussian error of standard deviation ``s_i``: the row's own
uncertainty (``uncertainty_si``) where the file gives one, otherwise the
data entry's ``relative_error`` (default 10 %) times ``|y_i|``:

* ``eq``/``approx`` rows: ``ln L_i = -0.5 ((f_i - y_i)/s_i)^2 - ln s_i - 0.5 ln 2 pi``;
* bounds (censored rows): ``gt``/``ge`` ("more than y") ``ln L_i = ln Phi((f_i - y_i)/s_i)``,
  ``lt``/``le`` ``ln L_i = ln Phi((y_i - f_i)/s_i)``: the probability that a
  measurement of ``f_i`` falls on the reported side of the bound.

A prediction that is not finite (a parameter draw the physics cannot use)
has likelihood 0. The log posterior in sampler coordinates ``z`` is the
prior of :class:`twin.calibration.space.ParameterSpace` plus the sum over
every row of every data entry.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import log_ndtr

from process_models.overrides import overridden

from .observations import ObservationModel
from .space import ParameterSpace

__all__ = ["Observed", "observed_rows", "log_likelihood", "LogPosterior", "BOUNDS_ABOVE", "BOUNDS_BELOW"]

BOUNDS_ABOVE = ("gt", "ge")
BOUNDS_BELOW = ("lt", "le")
_LN_SQRT_2PI = 0.5 * math.log(2 * math.pi)


@dataclass(frozen=True)
class Observed:
    """The rows of one data entry an observation model predicts, with their errors.

    Attributes
    ----------
    label : str
        The dataset name (or the file's stem).
    model : ObservationModel
    rows : DataFrame
        The selected rows (``twin.data`` columns, SI).
    value : ndarray
        ``value_si`` of each row [row's SI unit].
    sigma : ndarray
        Error of each row [row's SI unit], > 0.
    relation : ndarray of str
        ``eq``, ``approx``, ``gt``, ``ge``, ``lt`` or ``le``.
    """

    label: str
    model: ObservationModel
    rows: pd.DataFrame
    value: np.ndarray
    sigma: np.ndarray
    relation: np.ndarray

    def predict(self) -> np.ndarray:
        """Predictions with the physics' current parameters [row's SI unit]."""
        with np.errstate(all="ignore"):
            return np.asarray(self.model.predict(self.rows), dtype=float).reshape(len(self.rows))


def observed_rows(df: pd.DataFrame, model: ObservationModel, relative_error: float, label: str) -> Observed:
    """Select the rows ``model`` predicts and give each its error.

    Raises
    ------
    ValueError
        No row of ``df`` is predicted by ``model``, or a row without an
        uncertainty has the value 0 (a relative error of 0 is no error).
    """
    rows = model.select(df)
    if rows.empty:
        raise ValueError(f"has no rows {model.name!r} predicts: it predicts {', '.join(model.quantities)}"
                         + (f" with {', '.join(model.required)} given" if model.required else ""))
    value = rows["value_si"].to_numpy(dtype=float)
    unc = rows["uncertainty_si"].to_numpy(dtype=float) if "uncertainty_si" in rows else np.full(len(rows), np.nan)
    sigma = np.where(np.isfinite(unc) & (unc > 0), unc, relative_error * np.abs(value))
    if np.any(~(sigma > 0)):
        bad = rows["row"].to_numpy()[~(sigma > 0)] if "row" in rows else []
        raise ValueError(f"row(s) {', '.join(map(str, bad))} have the value 0 and no uncertainty: give an uncertainty")
    rel = rows["relation"].fillna("eq").astype(str).to_numpy() if "relation" in rows else np.full(len(rows), "eq")
    rel = np.where(rel == "", "eq", rel)
    return Observed(label, model, rows.reset_index(drop=True), value, sigma, rel)


def log_likelihood(pred, obs: Observed) -> float:
    """Sum of the log likelihoods of the rows of ``obs`` given predictions ``pred`` [-]."""
    pred = np.asarray(pred, dtype=float)
    if pred.shape != obs.value.shape or not np.all(np.isfinite(pred)):
        return -math.inf
    r = (pred - obs.value) / obs.sigma
    above = np.isin(obs.relation, BOUNDS_ABOVE)
    below = np.isin(obs.relation, BOUNDS_BELOW)
    point = ~(above | below)
    ll = np.sum(-0.5 * r[point] ** 2 - np.log(obs.sigma[point]) - _LN_SQRT_2PI)
    ll += np.sum(log_ndtr(r[above])) + np.sum(log_ndtr(-r[below]))
    return float(ll)


class LogPosterior:
    """``z -> ln prior(z) + sum of ln L`` over the data: picklable, so Ray workers can evaluate it.

    Parameters
    ----------
    space : ParameterSpace
    observed : list of Observed
    """

    def __init__(self, space: ParameterSpace, observed: list[Observed]):
        self.space = space
        self.observed = list(observed)

    def predictions(self, theta) -> list[np.ndarray]:
        """Predictions of every data entry with the parameters ``theta`` [each parameter's unit]."""
        with overridden(self.space.overrides(theta)):
            return [o.predict() for o in self.observed]

    def __call__(self, z) -> float:
        z = np.asarray(z, dtype=float)
        lp = float(self.space.log_prior(z))
        if not math.isfinite(lp):
            return -math.inf
        try:
            preds = self.predictions(self.space.to_theta(z))
        except (ValueError, ZeroDivisionError, FloatingPointError, OverflowError):
            return -math.inf  # a parameter set that refuses the value (its __post_init__)
        total = lp + sum(log_likelihood(p, o) for p, o in zip(preds, self.observed))
        return total if math.isfinite(total) else -math.inf
