"""Model uncertainty as an outer dimension of a study: parameter sets drawn from the priors or a posterior.

``uncertainty: {parameters: priors, names: [...], draws: 32}`` draws 32 sets
of the named physics parameters from their priors (``twin params`` lists
every parameter with its prior); ``uncertainty: {parameters:
posterior.nc, draws: 32}`` draws them from a posterior written by ``twin
calibrate`` (every parameter it fitted, or the ``names`` given). Each draw
is run at every sweep point with the scenario's replicates, so the results
hold both the process scatter of the line (replicates, cells) and the
uncertainty of the model (draws): yield, capacity, energy and cost come
with credible intervals, and the variance of each answer splits into the
parameters' and the line's shares (:mod:`twin.analysis.uncertainty`).

Draws are made once, when the scenario is loaded, from the scenario's seed:
a Latin hypercube through each prior's quantile function (independent
priors), or systematic resampling of the posterior's samples with their
weights (which keeps the posterior's correlations). The drawn table is part
of the scenario (``Scenario.draw_table``: it travels to every worker, and the scenario's SHA-256
covers it, so a resumed study cannot mix two posteriors). Every drawn set
is checked against the parameter sets' own validity rules at load.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
from pydantic import Field, field_validator

from ..errors import Problem
from .process import Model

__all__ = ["Uncertainty", "DrawTable", "resolve_draws", "PARAMETER_PREFIX", "DRAW_KEY", "coord_name"]

#: prefix of a parameter's entry in a study point (``param:REGISTRY.set.field``)
PARAMETER_PREFIX = "param:"
#: key of the draw index in a study point
DRAW_KEY = "draw"
_SEED_TAG = 0x554E43  # "UNC": the draws' own stream of the scenario seed


class Uncertainty(Model):
    """Which uncertain parameters to draw, from where, and how many sets."""

    parameters: str = Field(description="'priors' (the prior of each parameter in `names`, as `twin params` lists it), or a posterior file written by `twin calibrate` (.nc; a relative path is taken from the scenario file's folder).")
    names: list[str] | None = Field(None, description="Parameters to draw, as REGISTRY.set.field (e.g. PLATING_PARAMETERS.Li-LPSCl.effective_resistance). Required with priors; with a posterior, default: every parameter it holds.")
    draws: int = Field(32, ge=2, le=4096, description="Parameter sets drawn; each runs at every sweep point with all replicates (cost: draws x points x replicates). 32 gives the 5-95 % credible interval to about +-5 percentile points.")
    level: float = Field(0.90, gt=0, lt=1, description="Credible level of the intervals the summary and the report give.")

    @field_validator("names")
    @classmethod
    def _names(cls, v):
        if v is not None and (not v or len(set(v)) != len(v)):
            raise ValueError("names must be a non-empty list without repeats")
        return v


class DrawTable(Model):
    """The drawn parameter sets: ``values[d][j]`` is parameter ``keys[j]`` in draw ``d`` [its SI unit]."""

    keys: tuple[str, ...]
    units: tuple[str, ...]
    values: tuple[tuple[float, ...], ...]
    source: str

    @property
    def digest(self) -> str:
        return hashlib.sha256(repr((self.keys, self.values, self.source)).encode()).hexdigest()

    def point(self, d: int) -> dict:
        """Draw ``d`` as study-point entries: the draw index and ``param:KEY -> value``."""
        return {DRAW_KEY: d, **{PARAMETER_PREFIX + k: v for k, v in zip(self.keys, self.values[d])}}


def coord_name(key: str) -> str:
    """Dataset coordinate of an uncertain parameter: ``theta_`` + the key with every non-word character as ``_``."""
    return "theta_" + re.sub(r"\W", "_", key)


# --------------------------------------------------------------------------- drawing

def resolve_draws(unc: Uncertainty, seed: int, base: Path) -> tuple[DrawTable | None, list[Problem]]:
    """Draw the parameter sets of ``unc``; (table, []) or (None, located problems)."""
    where = ("uncertainty", "parameters")
    if unc.parameters == "priors":
        if unc.names is None:
            return None, [Problem(("uncertainty", "names"), "drawing from the priors needs the parameters to draw: "
                                  "names: [REGISTRY.set.field, ...] (`twin params` lists them)")]
        table, problems = _from_priors(unc, seed)
    else:
        path = Path(unc.parameters).expanduser()
        path = path if path.is_absolute() else base / path
        table, problems = _from_posterior(unc, seed, path)
    if table is not None and not problems:
        problems = _check_values(table)
    return (None, [Problem(where if p.path == () else p.path, p.message) for p in problems]) if problems else (table, [])


def _prior_infos(names: list[str]) -> tuple[list, list[Problem]]:
    from process_models.overrides import parse_key
    from process_models.priors import get_info

    infos, problems = [], []
    for i, name in enumerate(names):
        try:
            infos.append(get_info(*parse_key(name)))
        except KeyError as exc:
            problems.append(Problem(("uncertainty", "names", i), str(exc.args[0] if exc.args else exc)))
    return infos, problems


def _from_priors(unc: Uncertainty, seed: int) -> tuple[DrawTable | None, list[Problem]]:
    from scipy.stats import qmc

    infos, problems = _prior_infos(unc.names)
    if problems:
        return None, problems
    u = qmc.LatinHypercube(d=len(infos), seed=np.random.default_rng([seed, _SEED_TAG])).random(unc.draws)
    cols = [info.prior.ppf(u[:, j]) for j, info in enumerate(infos)]
    values = tuple(tuple(float(c[d]) for c in cols) for d in range(unc.draws))
    return DrawTable(keys=tuple(unc.names), units=tuple(i.unit for i in infos), values=values, source="priors"), []


def _read_posterior(path: Path) -> tuple[dict, np.ndarray, dict] | str:
    """({key: samples}, weights, {key: unit}) of a posterior file, or why it is not one."""
    import xarray as xr

    if not path.is_file():
        return f"no such posterior file: {path}"
    try:
        with xr.open_dataset(path) as ds:
            keys = [k for k in ds.data_vars if ds[k].dims == ("sample",) and "prior_kind" in ds[k].attrs]
            if not keys or "weight" not in ds:
                return f"{path} is not a posterior written by `twin calibrate` (no fitted parameters on 'sample')"
            samples = {k: np.asarray(ds[k].values, float) for k in keys}
            return samples, np.asarray(ds["weight"].values, float), {k: str(ds[k].attrs.get("units", "1")) for k in keys}
    except Exception as exc:  # noqa: BLE001 - any reader error means "not a posterior file"
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        return f"cannot read {path} as a posterior (netCDF): {first[:200]}"


def _from_posterior(unc: Uncertainty, seed: int, path: Path) -> tuple[DrawTable | None, list[Problem]]:
    got = _read_posterior(path)
    if isinstance(got, str):
        return None, [Problem((), got)]
    samples, weights, units = got
    names = unc.names or list(samples)
    missing = [(i, n) for i, n in enumerate(names) if n not in samples]
    if missing:
        return None, [Problem(("uncertainty", "names", i), f"{n!r} is not in the posterior; it holds: {', '.join(samples)}")
                      for i, n in missing]
    w = np.clip(np.nan_to_num(weights), 0.0, None)
    if not w.sum() > 0:
        return None, [Problem((), f"the posterior's weights in {path} are all zero")]
    idx = _systematic_resample(w / w.sum(), unc.draws, np.random.default_rng([seed, _SEED_TAG]))
    values = tuple(tuple(float(samples[n][i]) for n in names) for i in idx)
    return DrawTable(keys=tuple(names), units=tuple(units[n] for n in names), values=values, source=str(path)), []


def _systematic_resample(p: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` sample indices with probabilities ``p`` (systematic resampling: one uniform offset, low variance)."""
    positions = (rng.uniform() + np.arange(n)) / n
    idx = np.searchsorted(np.cumsum(p), positions, side="right")
    return rng.permutation(np.minimum(idx, p.size - 1))


def _check_values(table: DrawTable) -> list[Problem]:
    """Every drawn set must be one the parameter sets accept (their own validity checks)."""
    from process_models.overrides import overridden, parse_key

    for d in range(len(table.values)):
        values = {parse_key(k): v for k, v in zip(table.keys, table.values[d])}
        try:
            with overridden(values):
                pass
        except (ValueError, KeyError) as exc:
            shown = ", ".join(f"{k} = {v:.4g}" for k, v in zip(table.keys, table.values[d]))
            return [Problem((), f"draw {d} ({shown}) is refused by its parameter set: {exc}; narrow the prior "
                                "(or calibrate it) so every draw is a valid parameter value")]
    return []
