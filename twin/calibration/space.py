"""The fitted parameters, their priors, and the unconstrained space the samplers move in.

Each parameter is sampled in a space where it is free on the real line:

======================  ==========================  ==============================================
prior                   sampler coordinate ``z``     prior density of ``z`` (constants dropped)
======================  ==========================  ==============================================
normal(mean, sd)        ``z = x``                    ``-0.5 ((z - mean) / sd)^2``
lognormal(median, s)    ``z = ln x``                 ``-0.5 ((z - ln median) / s)^2``
uniform(low, high)      ``z = logit((x-low)/(high-low))``   ``ln u + ln(1 - u)``, ``u = sigmoid(z)``
======================  ==========================  ==============================================

The uniform's density carries the Jacobian of the logit, so the prior is the
same distribution in either space; a sampler never proposes a value outside
a uniform's bounds or a negative lognormal parameter.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import expit, logit

from process_models.overrides import Key, format_key
from process_models.priors import Prior

__all__ = ["Parameter", "ParameterSpace"]


@dataclass(frozen=True)
class Parameter:
    """One fitted parameter.

    Attributes
    ----------
    key : (str, str, str)
        (registry, set, field).
    prior : Prior
        Its prior [unit].
    unit : str
        SI unit (CF form; ``"1"`` for a pure number).
    status : str
        measured, fitted, assumed or derived (``process_models.priors``); ``""`` if unknown.
    """

    key: Key
    prior: Prior
    unit: str = "1"
    status: str = ""

    @property
    def name(self) -> str:
        """``REGISTRY.set.field``."""
        return format_key(self.key)

    @property
    def long_name(self) -> str:
        registry, set_name, field = self.key
        return f"{field.replace('_', ' ')} of the {set_name} set of {registry}"


class ParameterSpace:
    """Maps sampler coordinates ``z`` (shape ``(..., d)``) to parameter values and back; prior densities and draws."""

    def __init__(self, parameters: list[Parameter]):
        self.parameters = tuple(parameters)
        for p in self.parameters:
            if p.prior.kind == "fixed":
                raise ValueError(f"{p.name}: a fixed prior cannot be sampled")
        self._kind = np.array([p.prior.kind for p in self.parameters])
        self._a = np.array([_loc(p.prior) for p in self.parameters])
        self._b = np.array([_scale(p.prior) for p in self.parameters])
        # centre of the Gaussian in z of normal and lognormal priors (unused for uniform ones)
        self._mu = np.array([np.log(p.prior.value) if p.prior.kind == "lognormal" else _loc(p.prior)
                             for p in self.parameters])

    @property
    def dim(self) -> int:
        return len(self.parameters)

    @property
    def names(self) -> list[str]:
        return [p.name for p in self.parameters]

    def to_theta(self, z) -> np.ndarray:
        """Parameter values [each parameter's unit] from sampler coordinates."""
        z = np.asarray(z, dtype=float)
        out = np.array(z, copy=True)
        k, a, b = self._kind, self._a, self._b
        log = k == "lognormal"
        uni = k == "uniform"
        out[..., log] = np.exp(z[..., log])
        out[..., uni] = a[uni] + b[uni] * expit(z[..., uni])
        return out

    def to_z(self, theta) -> np.ndarray:
        """Sampler coordinates from parameter values (inverse of :meth:`to_theta`)."""
        theta = np.asarray(theta, dtype=float)
        out = np.array(theta, copy=True)
        k, a, b = self._kind, self._a, self._b
        log = k == "lognormal"
        uni = k == "uniform"
        with np.errstate(divide="ignore", invalid="ignore"):
            out[..., log] = np.log(theta[..., log])
            out[..., uni] = logit((theta[..., uni] - a[uni]) / b[uni])
        return out

    def log_prior(self, z) -> np.ndarray:
        """Log prior density of the coordinates ``z`` (additive constants dropped) [-]."""
        z = np.asarray(z, dtype=float)
        gauss = -0.5 * ((z - self._mu) / self._b) ** 2
        uni = -(np.logaddexp(0.0, -z) + np.logaddexp(0.0, z))
        terms = np.where(self._kind == "uniform", uni, gauss)
        return np.sum(terms, axis=-1)

    def sample_prior(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """``n`` prior draws in sampler coordinates, shape ``(n, d)``."""
        theta = np.column_stack([p.prior.sample(rng, n) for p in self.parameters])
        return self.to_z(theta)

    def overrides(self, theta) -> dict[Key, float]:
        """``{(registry, set, field): value}`` for :func:`process_models.overrides.overridden`."""
        return {p.key: float(v) for p, v in zip(self.parameters, np.asarray(theta, dtype=float))}


def _loc(prior: Prior) -> float:
    return prior.low if prior.kind == "uniform" else prior.value


def _scale(prior: Prior) -> float:
    return prior.high - prior.low if prior.kind == "uniform" else prior.scale
