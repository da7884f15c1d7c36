"""Convergence and sample-quality numbers of a posterior: split R-hat, autocorrelation time, effective sample size.

* **split R-hat** (Gelman et al., BDA3 section 11.4): every chain (here:
  every emcee walker) is cut in halves; with ``m`` half-chains of ``n``
  draws, ``W`` the mean within-half variance and ``B/n`` the variance of the
  half means, ``R = sqrt(((n-1)/n W + B/n) / W)``. Values above ~1.01-1.05
  say the chains have not mixed. The walkers of an ensemble are not
  independent chains, so this is a rough check, not a proof.
* **integrated autocorrelation time** ``tau`` per parameter, from emcee's
  estimator over the walkers (Goodman & Weare 2010; Sokal's window with
  ``c = 5``); it is *reliable* when the chain is longer than 50 ``tau``.
* **effective sample size**: ``walkers x steps / tau`` for MCMC;
  ``1 / sum(w^2)`` for normalised importance weights (ABC-SMC).
"""

from __future__ import annotations

import warnings

import numpy as np

__all__ = ["split_rhat", "autocorr_time", "mcmc_ess", "weights_ess", "weighted_quantile", "AUTOCORR_TOL"]

#: a chain longer than this many autocorrelation times gives a reliable estimate (emcee's default)
AUTOCORR_TOL = 50


def split_rhat(chain) -> np.ndarray:
    """Split R-hat of each parameter [-].

    Parameters
    ----------
    chain : array_like, shape (steps, chains, d)
        Draws after burn-in.

    Returns
    -------
    ndarray, shape (d,)
        NaN where there are fewer than 4 steps or no spread.
    """
    x = np.asarray(chain, dtype=float)
    n = x.shape[0] // 2
    if n < 2:
        return np.full(x.shape[-1], np.nan)
    halves = np.concatenate([x[:n], x[x.shape[0] - n:]], axis=1)  # (n, 2 chains, d)
    within = halves.var(axis=0, ddof=1).mean(axis=0)
    between_over_n = halves.mean(axis=0).var(axis=0, ddof=1)
    var_hat = (n - 1) / n * within + between_over_n
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.sqrt(var_hat / within)
    return np.where(within > 0, r, np.nan)


def autocorr_time(chain) -> tuple[np.ndarray, bool]:
    """Integrated autocorrelation time of each parameter [steps] and whether it is reliable.

    Parameters
    ----------
    chain : array_like, shape (steps, walkers, d)

    Returns
    -------
    tau : ndarray, shape (d,)
        NaN when it cannot be estimated (fewer than 2 steps, no spread).
    reliable : bool
        The chain is longer than :data:`AUTOCORR_TOL` times the largest ``tau``.
    """
    import emcee

    x = np.asarray(chain, dtype=float)
    if x.shape[0] < 2:
        return np.full(x.shape[-1], np.nan), False
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            tau = np.asarray(emcee.autocorr.integrated_time(x, c=5, tol=0, quiet=True), dtype=float)
        except Exception:  # noqa: BLE001 - a flat chain: no estimate
            return np.full(x.shape[-1], np.nan), False
    tau = np.where(np.isfinite(tau) & (tau > 0), tau, np.nan)
    reliable = bool(np.all(np.isfinite(tau)) and x.shape[0] > AUTOCORR_TOL * np.nanmax(tau))
    return tau, reliable


def mcmc_ess(chain, tau) -> np.ndarray:
    """Effective sample size ``steps x walkers / tau`` of each parameter [-] (NaN where ``tau`` is)."""
    x = np.asarray(chain)
    return x.shape[0] * x.shape[1] / np.asarray(tau, dtype=float)


def weights_ess(weights) -> float:
    """Effective sample size of importance weights, ``1 / sum(w^2)`` with ``w`` normalised [-]."""
    w = np.asarray(weights, dtype=float)
    w = w / w.sum()
    return float(1.0 / np.sum(w**2))


def weighted_quantile(x, q, weights=None) -> np.ndarray:
    """Quantiles ``q`` of the samples ``x`` (1-D) with optional weights (linear between the weighted mid-points)."""
    x = np.asarray(x, dtype=float)
    q = np.asarray(q, dtype=float)
    if weights is None:
        return np.quantile(x, q)
    w = np.asarray(weights, dtype=float)
    order = np.argsort(x)
    x, w = x[order], w[order] / w.sum()
    cdf = np.cumsum(w) - 0.5 * w
    return np.interp(q, cdf, x)
