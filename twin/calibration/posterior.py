"""The posterior as an xarray Dataset, written atomically to netCDF.

Layout (every variable with ``units`` and ``long_name``):

* ``sample`` dimension: one variable per fitted parameter, named
  ``REGISTRY.set.field`` in its SI unit, with its prior (``prior``,
  ``prior_kind``, ``prior_value``, ``prior_scale``, ``prior_low``,
  ``prior_high``, ``prior_basis``), ``status`` and the posterior median and
  90 % credible interval as attributes; ``weight`` (normalised; ``1/n``
  for emcee, the importance weights for ABC-SMC);
* emcee: ``log_posterior``, coordinates ``sample_walker`` and
  ``sample_step`` (after burn-in and thinning) on ``sample``; diagnostics ``acceptance_fraction`` (``walker``),
  ``autocorr_time``, ``r_hat``, ``ess`` (``parameter``);
* ABC-SMC: ``distance`` (``sample``); ``tolerance``, ``acceptance_rate``,
  ``ess``, ``simulations`` per ``generation``;
* ``observation`` dimension: the posterior-predictive check of each data
  row or line summary: ``observed``, ``observed_sigma``,
  ``predicted_median``, ``predicted_p05``, ``predicted_p95`` in SI, with
  coordinates ``dataset``, ``quantity``, ``relation`` and ``si_unit`` (the
  unit of each row; ``units`` is that unit where all rows share it,
  ``mixed`` otherwise);
* global attributes: ``Conventions``, ``title``, ``history``, ``method``,
  ``seed``, ``config`` (the YAML text), ``config_sha256``,
  ``ssb_twin_version``, ``backend``, ``workers``, ``seconds`` and the sampler
  settings.
"""

from __future__ import annotations

import datetime as _dt
import json

import numpy as np
import xarray as xr

from .._version import __version__
from ..results.atomic import write_netcdf_atomic
from .diagnostics import weighted_quantile

__all__ = ["posterior_dataset", "write_posterior", "credible_interval", "parameter_table_rows"]


def credible_interval(values, weights=None, level: float = 0.90) -> tuple[float, float, float]:
    """(median, low, high) of the central ``level`` interval [the values' unit]."""
    lo, med, hi = weighted_quantile(values, [(1 - level) / 2, 0.5, (1 + level) / 2], weights)
    return float(med), float(lo), float(hi)


def _parameter_vars(space, theta, weights) -> dict:
    out = {}
    for j, p in enumerate(space.parameters):
        pr = p.prior
        med, lo, hi = credible_interval(theta[:, j], weights)
        attrs = {"units": p.unit, "long_name": p.long_name, "status": p.status, "prior": pr.describe(),
                 "prior_kind": pr.kind, "prior_value": pr.value, "prior_scale": pr.scale,
                 "prior_low": np.nan if pr.low is None else pr.low, "prior_high": np.nan if pr.high is None else pr.high,
                 "prior_basis": pr.basis, "posterior_median": med, "posterior_ci90_low": lo, "posterior_ci90_high": hi}
        out[p.name] = xr.Variable(("sample",), theta[:, j], attrs)
    return out


def _predictive_vars(preds) -> tuple[dict, dict]:
    rows = [(p, i) for p in preds for i in range(len(p.observed))]
    units = [p.units[i] for p, i in rows]
    one = {"units": units[0]} if len(set(units)) == 1 else {"units": "mixed", "comment": "units differ by row: see coordinate si_unit"}

    def var(values, long_name, units_attrs=one):
        return xr.Variable(("observation",), np.asarray(values, dtype=float), {**units_attrs, "long_name": long_name})

    med = [p.median[i] for p, i in rows]
    lo = [p.band()[0][i] for p, i in rows]
    hi = [p.band()[1][i] for p, i in rows]
    data = {
        "observed": var([p.observed[i] for p, i in rows], "measured value (SI) or summary of the line data"),
        "observed_sigma": var([p.sigma[i] for p, i in rows], "measurement error used in the likelihood (SI)"),
        "predicted_median": var(med, "posterior-predictive median"),
        "predicted_p05": var(lo, "posterior-predictive 5th percentile"),
        "predicted_p95": var(hi, "posterior-predictive 95th percentile"),
    }
    coords = {"dataset": ("observation", [p.label for p, _ in rows]),
              "quantity": ("observation", [p.labels[i] for p, i in rows]),
              "si_unit": ("observation", units),
              "relation": ("observation", [str(p.relation[i]) for p, i in rows])}
    return data, coords


def _emcee_parts(result, space) -> tuple[dict, dict, dict]:
    steps, walkers = result.z.shape[:2]
    coords = {"sample_walker": ("sample", np.tile(np.arange(walkers), steps)),
              "sample_step": ("sample", np.repeat(np.arange(steps), walkers)), "parameter": space.names}
    data = {
        "log_posterior": xr.Variable(("sample",), result.log_prob.reshape(-1), {"units": "1", "long_name": "log posterior density (constants dropped)"}),
        "acceptance_fraction": xr.Variable(("walker",), result.acceptance_fraction, {"units": "1", "long_name": "acceptance fraction of each walker"}),
        "autocorr_time": xr.Variable(("parameter",), result.autocorr_time, {"units": "1", "long_name": "integrated autocorrelation time [steps]"}),
        "r_hat": xr.Variable(("parameter",), result.r_hat, {"units": "1", "long_name": "split R-hat over walkers"}),
        "ess": xr.Variable(("parameter",), result.ess, {"units": "1", "long_name": "effective sample size"}),
    }
    attrs = {"acceptance_fraction_mean": float(np.mean(result.acceptance_fraction)),
             "autocorr_reliable": int(result.autocorr_reliable), "evaluations": int(result.evaluations)}
    return data, coords, attrs


def _abc_parts(result) -> tuple[dict, dict, dict]:
    g = ("generation",)
    data = {
        "distance": xr.Variable(("sample",), result.distance, {"units": "1", "long_name": "scaled distance of the particle's simulation to the data"}),
        "tolerance": xr.Variable(g, np.asarray(result.tolerance, float), {"units": "1", "long_name": "ABC tolerance (inf: the prior generation)"}),
        "acceptance_rate": xr.Variable(g, np.asarray(result.acceptance_rate, float), {"units": "1", "long_name": "particles kept per simulation"}),
        "ess": xr.Variable(g, np.asarray(result.ess, float), {"units": "1", "long_name": "effective sample size of the weights"}),
        "simulations": xr.Variable(g, np.asarray(result.simulations, np.int64), {"units": "1", "long_name": "simulations run"}),
    }
    attrs = {"summary_scale": json.dumps([float(x) for x in result.scale]), "simulations_total": int(sum(result.simulations))}
    return data, {"generation": np.arange(len(result.tolerance))}, attrs


def posterior_dataset(cfg, space, result, theta, weights, preds, run_info: dict) -> xr.Dataset:
    """Build the posterior Dataset (see the module docstring).

    ``theta`` (samples, d) are the samples in parameter units; ``weights`` None for equal weights.
    """
    n = len(theta)
    w = np.full(n, 1.0 / n) if weights is None else np.asarray(weights, float) / np.sum(weights)
    data = _parameter_vars(space, theta, None if weights is None else w)
    data["weight"] = xr.Variable(("sample",), w, {"units": "1", "long_name": "normalised weight of the sample"})
    parts = _emcee_parts(result, space) if cfg.method == "emcee" else _abc_parts(result)
    pdata, pcoords = _predictive_vars(preds)
    coords = {"sample": np.arange(n), **parts[1], **pcoords}
    settings = cfg.emcee if cfg.method == "emcee" else cfg.abc_smc
    attrs = {
        "Conventions": "CF-1.10", "title": f"posterior of calibration {cfg.name!r}",
        "history": f"{_dt.datetime.now(_dt.timezone.utc).isoformat(timespec='seconds')}: twin calibrate {cfg.source_file}",
        "method": cfg.method, "seed": int(cfg.seed), "config": cfg.source_text, "config_file": str(cfg.source_file),
        "config_sha256": cfg.sha256, "ssb_twin_version": __version__, "parameters": json.dumps(space.names),
        "sampler_settings": json.dumps(settings.model_dump()), **run_info, **parts[2],
    }
    return xr.Dataset({**data, **parts[0], **pdata}, coords=coords, attrs=attrs)


def write_posterior(ds: xr.Dataset, path) -> None:
    """Write the posterior to netCDF-4 atomically (a complete file or none)."""
    write_netcdf_atomic(ds, path)


def parameter_table_rows(ds: xr.Dataset) -> list[dict]:
    """Per fitted parameter: name, unit, prior, prior 90 % interval, posterior median and 90 % interval."""
    from process_models.priors import Prior

    out = []
    for name in json.loads(ds.attrs["parameters"]):
        a = ds[name].attrs
        pr = Prior(a["prior_kind"], a["prior_value"], a["prior_scale"],
                   None if np.isnan(a["prior_low"]) else a["prior_low"], None if np.isnan(a["prior_high"]) else a["prior_high"])
        out.append({"parameter": name, "unit": a["units"], "prior": a["prior"], "prior_ci90": pr.interval(0.90),
                    "median": a["posterior_median"], "ci90": (a["posterior_ci90_low"], a["posterior_ci90_high"])})
    return out
