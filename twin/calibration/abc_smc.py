"""ABC-SMC (population Monte Carlo ABC) for models that are a Monte Carlo: no likelihood, only simulations.

Why: the line is a Monte Carlo (process scatter, weakest links, queues,
gates), so the probability of a line's data given the parameters has no
tractable form; a simulation of the line does. Approximate Bayesian
computation keeps the parameter draws whose simulated summary statistics
lie within a tolerance of the observed ones (Toni et al., J. R. Soc.
Interface 6, 187, 2009), and the sequential version moves a population of
particles through shrinking tolerances with importance weights (Beaumont,
Cornuet, Marin & Robert, Biometrika 96, 983, 2009):

1. generation 0: ``N`` particles from the prior (every one kept), weights ``1/N``;
2. generation ``t``: tolerance ``eps_t`` = the ``quantile`` of generation
   ``t-1``'s distances; proposals are particles drawn by weight and moved by
   a Gaussian kernel with twice their weighted covariance; each proposal is
   simulated and kept if its distance is at most ``eps_t``, until ``N`` are kept;
3. weights ``w_i ~ prior(z_i) / sum_j w_j K(z_i | z_j)``, normalised.

Distances are Euclidean over the summary statistics, each divided by its
scale among the generation-0 simulations (median absolute deviation x
1.4826, else the standard deviation; a statistic that never varies is left
out). Particles live in the unconstrained space of :mod:`twin.calibration.space`.

Reproducibility: a generation's proposals are made in batches of ``batch``
(default ``N``) from ``default_rng([seed, 1, t, b])``; simulation ``i`` of
generation ``t`` gets the seed :func:`simulation_seed` ``(seed, t, i)``; the
batches are simulated through the pool and accepted in proposal order. So
the posterior depends on the config only, never on the number of workers.
"""

from __future__ import annotations

import time
import warnings
from dataclasses import dataclass, field

import numpy as np
from scipy.special import logsumexp

from ..errors import TwinError
from .diagnostics import weights_ess
from .space import ParameterSpace

__all__ = ["AbcResult", "abc_smc", "simulation_seed", "summary_scale", "distances"]


def simulation_seed(seed: int, generation: int, index: int) -> int:
    """Seed of simulation ``index`` of ``generation`` (63 bits, from ``numpy.random.SeedSequence``)."""
    a, b = np.random.SeedSequence([int(seed), 0, int(generation), int(index)]).generate_state(2, dtype=np.uint32)
    return (int(a) << 31) ^ int(b)


def summary_scale(summaries: np.ndarray) -> np.ndarray:
    """Scale of each summary statistic among simulations (MAD x 1.4826, else sd; inf where constant)."""
    s = np.asarray(summaries, dtype=float)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # an all-NaN statistic
        med = np.nanmedian(s, axis=0)
        mad = 1.4826 * np.nanmedian(np.abs(s - med), axis=0)
        sd = np.nanstd(s, axis=0)
    scale = np.where(mad > 0, mad, sd)
    return np.where(np.isfinite(scale) & (scale > 0), scale, np.inf)


def distances(summaries: np.ndarray, observed: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """Scaled Euclidean distance of each row of ``summaries`` to ``observed`` (NaN components of ``observed``
    and constant statistics left out; a simulation with a NaN where the data have a number is at infinity)."""
    s = np.atleast_2d(np.asarray(summaries, dtype=float))
    use = np.isfinite(observed) & np.isfinite(scale)
    r = (s[:, use] - observed[use]) / scale[use]
    d = np.sqrt(np.sum(r**2, axis=1))
    return np.where(np.all(np.isfinite(r), axis=1), d, np.inf)


@dataclass
class AbcResult:
    """The last generation and the run's diagnostics (per generation)."""

    z: np.ndarray  # (N, d) particles in sampler coordinates
    weights: np.ndarray  # (N,) normalised
    distance: np.ndarray  # (N,)
    tolerance: list[float] = field(default_factory=list)
    acceptance_rate: list[float] = field(default_factory=list)
    ess: list[float] = field(default_factory=list)
    simulations: list[int] = field(default_factory=list)
    scale: np.ndarray | None = None
    seconds: float = 0.0


class _Generation:
    """One population: particles, weights and distances."""

    def __init__(self, z, w, d):
        self.z, self.w, self.d = np.asarray(z), np.asarray(w), np.asarray(d)


def _kernel_cov(pop: _Generation) -> np.ndarray:
    """Twice the weighted covariance of a population (Beaumont et al. 2009), kept positive definite."""
    d = pop.z.shape[1]
    cov = 2.0 * np.atleast_2d(np.cov(pop.z.T, aweights=pop.w, ddof=0))
    return cov + 1e-12 * np.eye(d) * max(1.0, float(np.trace(cov)) / d)


def _weights(space: ParameterSpace, z_new, prev: _Generation, chol) -> np.ndarray:
    """Importance weights of new particles given the previous population and the kernel (normalised)."""
    diff = z_new[:, None, :] - prev.z[None, :, :]
    sol = np.linalg.solve(chol, diff.reshape(-1, diff.shape[-1]).T).T.reshape(diff.shape)
    log_k = -0.5 * np.sum(sol**2, axis=-1)  # (new, prev); the kernel's normalising constant cancels
    log_w = space.log_prior(z_new) - logsumexp(log_k + np.log(prev.w)[None, :], axis=1)
    return np.exp(log_w - logsumexp(log_w))


def _simulate(pool, simulator, space, z, seed, generation, first):
    seeds = [simulation_seed(seed, generation, first + i) for i in range(len(z))]
    out = pool.map(simulator, [(space.to_theta(zi), s) for zi, s in zip(z, seeds)])
    return np.array(out, dtype=float).reshape(len(z), -1)


def _generation(space, simulator, observed, scale, prev: _Generation, eps: float, settings, seed, t, pool):
    """Proposals in batches until ``particles`` are within ``eps``: (accepted z, distances, simulations)."""
    n, batch = settings.particles, settings.batch or settings.particles
    cov = _kernel_cov(prev)
    chol = np.linalg.cholesky(cov)
    kept_z, kept_d, sims, b = [], [], 0, 0
    while len(kept_z) < n:
        if sims >= settings.max_simulations:
            raise TwinError(f"ABC-SMC generation {t}: only {len(kept_z)} of {n} particles within the tolerance "
                            f"{eps:.4g} after {sims} simulations (max_simulations); use a larger quantile, fewer "
                            "generations or a larger max_simulations")
        rng = np.random.default_rng([seed, 1, t, b])
        idx = rng.choice(len(prev.w), size=batch, p=prev.w)
        z = prev.z[idx] + rng.standard_normal((batch, space.dim)) @ chol.T
        d = distances(_simulate(pool, simulator, space, z, seed, t, sims), observed, scale)
        for zi, di in zip(z, d):
            if di <= eps and len(kept_z) < n:
                kept_z.append(zi)
                kept_d.append(di)
        sims += batch
        b += 1
    z_new = np.array(kept_z)
    return _Generation(z_new, _weights(space, z_new, prev, chol), kept_d), sims


def abc_smc(space: ParameterSpace, simulator, observed, settings, seed: int, pool) -> AbcResult:
    """Run ABC-SMC.

    Parameters
    ----------
    space : ParameterSpace
    simulator : callable
        ``simulator((theta, seed)) -> summary statistics`` (1-D); picklable for Ray.
    observed : array_like
        Observed summary statistics (NaN: not used).
    settings : AbcSettings
        ``particles``, ``generations``, ``quantile``, ``batch``, ``max_simulations``.
    seed : int
    pool : TaskPool

    Returns
    -------
    AbcResult
    """
    t0 = time.perf_counter()
    observed = np.asarray(observed, dtype=float)
    n = settings.particles
    z0 = space.sample_prior(np.random.default_rng([seed, 1, 0, 0]), n)
    s0 = _simulate(pool, simulator, space, z0, seed, 0, 0)
    scale = summary_scale(s0)
    d0 = distances(s0, observed, scale)
    pop = _Generation(z0, np.full(n, 1.0 / n), d0)
    res = AbcResult(z0, pop.w, d0, [float("inf")], [1.0], [float(n)], [n], scale)
    for t in range(1, settings.generations):
        finite = pop.d[np.isfinite(pop.d)]
        if finite.size == 0:
            raise TwinError("ABC-SMC: no simulation of the previous generation has a finite distance to the data "
                            "(the simulated variable is missing for every draw?)")
        eps = float(np.quantile(finite, settings.quantile))
        pop, sims = _generation(space, simulator, observed, scale, pop, eps, settings, seed, t, pool)
        res.tolerance.append(eps)
        res.acceptance_rate.append(n / sims)
        res.ess.append(weights_ess(pop.w))
        res.simulations.append(sims)
    res.z, res.weights, res.distance = pop.z, pop.w, np.asarray(pop.d, dtype=float)
    res.seconds = time.perf_counter() - t0
    return res
