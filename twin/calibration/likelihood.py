"""The likelihood of measured rows given predictions, and the posterior emcee samples.

Each row ``i`` is a measurement ``y_i`` of the model's prediction ``f_i(theta)``
with a Gaussian error of standard deviation ``s_i``: the row's own
uncertainty (``uncertainty_si``) where the file gives one, otherwise the
data entry's ``relative_error`` (default 10 %) times ``|y_i|``:

* ``eq``/``approx`` rows: ``ln L_i = -0.5 ((f_i - y_i)/s_i)^2 - ln s_i - 0.5 ln 2 pi``;
* bounds (censored rows): ``gt``/``ge`` ("more than y") ``ln L_i = ln Phi((f_i - y_i)/s_i)``,
  ``lt``/``le`` ``ln L_i = ln Phi((y_i - f_i)/s_i)``: the probability that a
  measurement of ``f_i`` falls on the reported side of the bound;
* 0/1 outcomes (a quantity the model declares ``binary``, e.g. ``cracked``):
  ``f_i`` is the probability of 1 and ``ln L_i = y_i ln f_i + (1 - y_i) ln(1 - f_i)``
  (Bernoulli; ``f_i`` kept within ``[1e-12, 1 - 1e-12]``); such rows carry no
  measurement error (``s_i`` is NaN).

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

from .observation_model import ObservationModel
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
    binary : ndarray of bool or None
        Rows that are 0/1 outcomes scored by a Bernoulli likelihood (None: none).
    """

    label: str
    model: ObservationModel
    rows: pd.DataFrame
    value: np.ndarray
    sigma: np.ndarray
    relation: np.ndarray
    binary: np.ndarray | None = None

    @property
    def is_binary(self) -> np.ndarray:
        """Boolean mask of the 0/1 rows."""
        return np.zeros(len(self.value), dtype=bool) if self.binary is None else np.asarray(self.binary, dtype=bool)

    def predict(self) -> np.ndarray:
        """Predictions with the physics' current parameters [row's SI unit]."""
        with np.errstate(all="ignore"):
            return np.asarray(self.model.predict(self.rows), dtype=float).reshape(len(self.rows))


def observed_rows(df: pd.DataFrame, model: ObservationModel, relative_error: float, label: str) -> Observed:
    """Select the rows ``model`` predicts and give each its error.

    Raises
    ------
    ValueError
        No row of ``df`` is predicted by ``model``, a row without an
        uncertainty has the value 0 (a relative error of 0 is no error), or a
        0/1 outcome row holds another value.
    """
    rows = model.select(df)
    if rows.empty:
        raise ValueError(f"has no rows {model.name!r} predicts: it predicts {', '.join(model.quantities)}"
                         + (f" with {', '.join(model.required)} given" if model.required else ""))
    value = rows["value_si"].to_numpy(dtype=float)
    binary = rows["quantity"].isin(model.binary).to_numpy(dtype=bool)
    unc = rows["uncertainty_si"].to_numpy(dtype=float) if "uncertainty_si" in rows else np.full(len(rows), np.nan)
    sigma = np.where(binary, np.nan, np.where(np.isfinite(unc) & (unc > 0), unc, relative_error * np.abs(value)))
    _check_rows(rows, value, sigma, binary)
    rel = rows["relation"].fillna("eq").astype(str).to_numpy() if "relation" in rows else np.full(len(rows), "eq")
    rel = np.where(rel == "", "eq", rel)
    return Observed(label, model, rows.reset_index(drop=True), value, sigma, rel, binary if binary.any() else None)


def _check_rows(rows: pd.DataFrame, value, sigma, binary) -> None:
    """Every Gaussian row has an error > 0 and every 0/1 row holds 0 or 1 (``ValueError`` naming the rows)."""
    ids = rows["row"].to_numpy() if "row" in rows else np.arange(len(rows))
    zero = ~binary & ~(sigma > 0)
    if zero.any():
        raise ValueError(f"row(s) {', '.join(map(str, ids[zero]))} have the value 0 and no uncertainty: give an uncertainty")
    odd = binary & ~np.isin(value, (0.0, 1.0))
    if odd.any():
        raise ValueError(f"row(s) {', '.join(map(str, ids[odd]))} are 0/1 outcomes but hold another value")


def log_likelihood(pred, obs: Observed) -> float:
    """Sum of the log likelihoods of the rows of ``obs`` given predictions ``pred`` [-]."""
    pred = np.asarray(pred, dtype=float)
    if pred.shape != obs.value.shape or not np.all(np.isfinite(pred)):
        return -math.inf
    binary = obs.is_binary
    r = (pred - obs.value) / obs.sigma
    above = np.isin(obs.relation, BOUNDS_ABOVE) & ~binary
    below = np.isin(obs.relation, BOUNDS_BELOW) & ~binary
    point = ~(above | below | binary)
    ll = np.sum(-0.5 * r[point] ** 2 - np.log(obs.sigma[point]) - _LN_SQRT_2PI)
    ll += np.sum(log_ndtr(r[above])) + np.sum(log_ndtr(-r[below]))
    p = np.clip(pred[binary], 1e-12, 1 - 1e-12)
    ll += np.sum(obs.value[binary] * np.log(p) + (1 - obs.value[binary]) * np.log1p(-p))
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
