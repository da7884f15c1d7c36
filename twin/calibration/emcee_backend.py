"""Sample the posterior of deterministic observation models with emcee's affine-invariant ensemble.

Why emcee: the physics is deterministic given its parameters, so the
likelihood exists and is cheap (micro- to milliseconds); a handful of
parameters with correlated, differently scaled posteriors is what the
stretch move of Goodman & Weare (2010) handles without tuning (emcee:
Foreman-Mackey et al. 2013, a well-kept library). The walkers move in the
unconstrained space of :mod:`twin.calibration.space`.

Reproducibility: the walkers start from prior draws of
``numpy.random.default_rng([seed, 2])`` (a draw whose log posterior is not
finite is drawn again, from the same stream), and emcee's own moves use a
``numpy.random.RandomState(seed)`` handed to ``run_mcmc`` as the initial
state's random state. The log posterior is a pure function of the walker's
position, so the chain does not depend on where it is evaluated: the pool
(serial or Ray) only decides where.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from ..errors import TwinError
from .diagnostics import autocorr_time, mcmc_ess, split_rhat
from .likelihood import LogPosterior

__all__ = ["EmceeResult", "run_emcee"]

#: redraws of initial walkers whose log posterior is not finite, before giving up
MAX_REDRAWS = 100


@dataclass
class EmceeResult:
    """A sampled posterior and its diagnostics.

    Attributes
    ----------
    z : ndarray, shape (steps_kept, walkers, d)
        Kept draws in sampler coordinates (after burn-in and thinning).
    log_prob : ndarray, shape (steps_kept, walkers)
    acceptance_fraction : ndarray, shape (walkers,)
    autocorr_time : ndarray, shape (d,)
        In steps (before thinning).
    autocorr_reliable : bool
    r_hat : ndarray, shape (d,)
    ess : ndarray, shape (d,)
    evaluations : int
        Log-posterior evaluations (initial draws included).
    seconds : float
    """

    z: np.ndarray
    log_prob: np.ndarray
    acceptance_fraction: np.ndarray
    autocorr_time: np.ndarray
    autocorr_reliable: bool
    r_hat: np.ndarray
    ess: np.ndarray
    evaluations: int
    seconds: float

    @property
    def flat_z(self) -> np.ndarray:
        """Every kept draw, shape (samples, d), step-major (all walkers of a step, then the next step)."""
        return self.z.reshape(-1, self.z.shape[-1])


def _initial(log_post: LogPosterior, walkers: int, seed: int, pool) -> tuple[np.ndarray, int]:
    """Walkers drawn from the prior, each with a finite log posterior; (positions, evaluations)."""
    rng = np.random.default_rng([seed, 2])
    space = log_post.space
    p0 = space.sample_prior(rng, walkers)
    lp = np.asarray(pool.map(log_post, list(p0)), dtype=float)
    evaluations = walkers
    for _ in range(MAX_REDRAWS):
        bad = ~np.isfinite(lp)
        if not bad.any():
            return p0, evaluations
        p0[bad] = space.sample_prior(rng, int(bad.sum()))
        lp[bad] = pool.map(log_post, list(p0[bad]))
        evaluations += int(bad.sum())
    raise TwinError(f"{int((~np.isfinite(lp)).sum())} of {walkers} walkers found no prior draw the data allow "
                    f"(a finite likelihood) in {MAX_REDRAWS} tries: the prior and the data disagree; widen the prior "
                    "or check the data's units")


def run_emcee(log_post: LogPosterior, *, walkers: int, steps: int, burn: int, thin: int, seed: int,
              pool) -> EmceeResult:
    """Run the ensemble and compute its diagnostics.

    Parameters
    ----------
    log_post : LogPosterior
    walkers, steps, burn, thin : int
        Ensemble size, steps per walker (burn-in included), steps discarded, thinning.
    seed : int
    pool : TaskPool
        Where the log posterior of each half-ensemble is evaluated.
    """
    import emcee

    t0 = time.perf_counter()
    p0, n_init = _initial(log_post, walkers, seed, pool)
    sampler = emcee.EnsembleSampler(walkers, log_post.space.dim, log_post, pool=None if pool.name == "serial" else pool)
    state = emcee.State(p0, random_state=np.random.RandomState(seed % 2**32).get_state())
    with np.errstate(all="ignore"):
        sampler.run_mcmc(state, steps, progress=False)
    chain = sampler.get_chain(discard=burn)
    tau, reliable = autocorr_time(chain)
    return EmceeResult(
        z=sampler.get_chain(discard=burn, thin=thin), log_prob=sampler.get_log_prob(discard=burn, thin=thin),
        acceptance_fraction=np.asarray(sampler.acceptance_fraction, dtype=float), autocorr_time=tau,
        autocorr_reliable=reliable, r_hat=split_rhat(chain), ess=mcmc_ess(chain, tau),
        evaluations=n_init + walkers * steps, seconds=time.perf_counter() - t0)
