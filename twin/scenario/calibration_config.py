"""The calibration config: which parameters to fit, with which priors, to which data, how (``twin calibrate``).

A config is YAML, read like a scenario (:mod:`twin.scenario.yamlsource`:
the line of every key, located errors, plain data only) into a frozen
:class:`CalibrationConfig` (pydantic, ``extra="forbid"``)::

    name: li-interface-plating
    seed: 7
    method: emcee                    # or abc-smc
    parameters:
      - parameter: STRIPPING_PARAMETERS.Li-LLZO.calibration_current     # prior from process_models.priors
      - parameter: PLATING_PARAMETERS.Li-LPSCl.effective_resistance
        prior: {dist: lognormal, median: "2 ohm*cm^2", sigma: 0.5}      # or an override
    data:
      - {dataset: wang2019_stripping_vs_pressure, observation: wang2019_stripping}
      - {path: line/june.csv, observation: line, scenario: ../scenarios/lab_cell.yaml,
         variable: cathode_interface_asr}
    emcee: {walkers: 24, steps: 1500, burn: 500}

Prior values are numbers in the parameter's SI unit (``twin params`` prints
it) or unit strings (``"2 ohm*cm^2"``). Paths are relative to the config
file. The names of datasets and observation models are checked against the
lists the caller passes (the calibration package, which owns them, sits
above this layer); every problem is reported at once with its line, as a
:class:`CalibrationConfigError` (a :class:`~twin.errors.ScenarioError`).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from process_models.overrides import parse_key
from process_models.priors import Prior, get_info

from ..errors import Problem, ScenarioError
from .units import registry as unit_registry
from .yamlsource import Locations, load

__all__ = ["CalibrationConfig", "CalibrationConfigError", "ParameterSpec", "PriorSpec", "DataSpec", "EmceeSettings",
           "AbcSettings", "load_calibration_config", "OBSERVATION_KINDS", "METHODS"]

METHODS = ("emcee", "abc-smc")
#: kinds of observation model: a deterministic function of the parameters, or a Monte Carlo of the line
OBSERVATION_KINDS = ("deterministic", "line")


class CalibrationConfigError(ScenarioError):
    """Every problem of one calibration config, each with its YAML path and line."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Number = float | int | str


class PriorSpec(_Model):
    """A prior given in the config instead of the parameter's prior from ``process_models.priors``."""

    dist: Literal["normal", "lognormal", "uniform"] = Field(description="normal (mean, sd), lognormal (median, sigma of ln x) or uniform (low, high).")
    mean: Number | None = None
    sd: Number | None = None
    median: Number | None = None
    sigma: float | None = Field(None, gt=0, description="Standard deviation of ln x [-].")
    low: Number | None = None
    high: Number | None = None


class ParameterSpec(_Model):
    parameter: str = Field(min_length=5, max_length=300, description="REGISTRY.set.field, as `twin params` lists it.")
    prior: PriorSpec | None = Field(None, description="Override of the parameter's prior (default: process_models.priors).")

    @property
    def key(self) -> tuple[str, str, str]:
        return parse_key(self.parameter)


class DataSpec(_Model):
    dataset: str | None = Field(None, description="A shipped literature dataset (data/literature/<name>.csv).")
    path: str | None = Field(None, description="A measurement or line-data file (CSV or Parquet), relative to the config.")
    observation: str = Field(description="The observation model that predicts the rows (twin.calibration.observations).")
    relative_error: float = Field(0.10, gt=0, le=10, description="Measurement error of rows without an uncertainty, relative to the value [-].")
    scenario: str | None = Field(None, description="Line observations: the scenario the line runs (relative to the config).")
    variable: str | None = Field(None, description="Line observations: the per-cell variable summarised (a results-contract name).")


class EmceeSettings(_Model):
    walkers: int = Field(32, ge=4, le=10_000, description="Walkers of the ensemble (at least twice the parameters).")
    steps: int = Field(2000, ge=10, le=10_000_000, description="Steps per walker, burn-in included.")
    burn: int = Field(500, ge=0, description="Steps discarded at the start of every walker.")
    thin: int = Field(1, ge=1, le=10_000, description="Keep every thin-th step after the burn-in.")


class AbcSettings(_Model):
    particles: int = Field(200, ge=10, le=1_000_000, description="Particles per generation.")
    generations: int = Field(5, ge=1, le=100, description="Generations, the prior's included.")
    quantile: float = Field(0.5, gt=0, lt=1, description="Tolerance of a generation: this quantile of the previous generation's distances.")
    batch: int | None = Field(None, ge=1, le=1_000_000, description="Proposals simulated per batch (default: particles).")
    max_simulations: int = Field(200_000, ge=10, description="Give up (an error) after this many simulations in one generation.")


class CalibrationConfig(_Model):
    """One calibration."""

    name: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=10_000)
    seed: int = Field(0, ge=0, le=2**63 - 1, description="Seeds the sampler and every simulation.")
    method: Literal["emcee", "abc-smc"]
    parameters: list[ParameterSpec] = Field(min_length=1, max_length=100)
    data: list[DataSpec] = Field(min_length=1, max_length=100)
    emcee: EmceeSettings = EmceeSettings()
    abc_smc: AbcSettings = AbcSettings()
    workers: int | None = Field(None, ge=1, le=100_000, description="Local Ray workers (1 or absent: in-process).")
    address: str | None = Field(None, description="Address of a Ray cluster to run the evaluations on.")

    # set by the loader
    source_text: str = Field("", exclude=True, repr=False)
    source_file: str = Field("<string>", exclude=True, repr=False)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.source_text.encode()).hexdigest()

    @property
    def base_dir(self) -> Path:
        return Path(self.source_file).resolve().parent

    def resolve(self, relative: str) -> Path:
        """A path of the config, relative to the config file's folder."""
        p = Path(relative).expanduser()
        return p if p.is_absolute() else self.base_dir / p

    def prior(self, i: int) -> Prior:
        """The prior of parameter ``i``: the config's override, or the parameter's prior from the priors table."""
        return _resolve_prior(self.parameters[i])


# --------------------------------------------------------------------------- priors with units

_CF_TOKEN = re.compile(r"^([A-Za-z_]+)(-?\d+(?:\.\d+)?)?$")


def _pint_unit(cf: str) -> str:
    """CF/UDUNITS ``"ohm m2"`` -> pint ``"ohm*m**2"`` (``"1"`` -> dimensionless)."""
    if cf.strip() in ("1", ""):
        return "dimensionless"
    parts = []
    for tok in cf.split():
        m = _CF_TOKEN.match(tok)
        if not m:
            raise ValueError(f"unit {cf!r}")
        parts.append(m.group(1) + (f"**{m.group(2)}" if m.group(2) else ""))
    return "*".join(parts)


def _to_unit(value: Number, unit: str, difference: bool = False) -> float:
    """A number [unit] as it is, or a unit string converted to ``unit`` (the parameter's SI unit)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        x = float(value)
    else:
        text = str(value).strip().replace("%", " percent")
        if difference:
            text = re.sub(r"\bdeg ?C\b", "delta_degC", text)
        ureg = unit_registry()
        try:
            q = ureg.Quantity(text)
            target = _pint_unit(unit)
        except Exception:
            raise ValueError(f"cannot read {value!r}: give a number in {unit} or a quantity such as '2 {unit}'") from None
        try:
            x = float(q.to(target).magnitude) if not isinstance(q, (int, float)) else float(q)
        except Exception:
            raise ValueError(f"{value!r} cannot be converted to the parameter's unit {unit if unit != '1' else '1 (a pure number)'}") from None
    if not math.isfinite(x):
        raise ValueError(f"{value!r} is not a finite number")
    return x


_PRIOR_KEYS = {"normal": ("mean", "sd"), "lognormal": ("median", "sigma"), "uniform": ("low", "high")}


def _prior_from_spec(spec: PriorSpec, unit: str, value: float) -> Prior:
    """The :class:`Prior` a config's prior mapping describes (``ValueError`` with the reason if it cannot)."""
    need = _PRIOR_KEYS[spec.dist]
    given = {k for k in ("mean", "sd", "median", "sigma", "low", "high") if getattr(spec, k) is not None}
    if set(need) - given or given - set(need):
        raise ValueError(f"a {spec.dist} prior takes exactly {' and '.join(need)}; got {', '.join(sorted(given)) or 'none'}")
    basis = "given in the calibration config"
    if spec.dist == "normal":
        return Prior("normal", _to_unit(spec.mean, unit), _to_unit(spec.sd, unit, difference=True), basis=basis)
    if spec.dist == "lognormal":
        return Prior("lognormal", _to_unit(spec.median, unit), float(spec.sigma), basis=basis)
    low, high = _to_unit(spec.low, unit), _to_unit(spec.high, unit)
    if not low < high:
        raise ValueError(f"a uniform prior needs low < high; got {low:g} and {high:g} {unit}")
    return Prior("uniform", min(max(value, low), high), low=low, high=high, basis=basis)


def parameter_unit(key: tuple[str, str, str]) -> str | None:
    """The SI unit of a parameter from the priors table (None if the table has no entry for it)."""
    try:
        return get_info(*key).unit
    except KeyError:
        return None


class _BadParameter(ValueError):
    """A parameter entry that cannot be used; ``field`` is the key the problem is at (parameter or prior)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def _resolve_prior(spec: ParameterSpec) -> Prior:
    """The prior of one parameter entry; :class:`_BadParameter` saying what is wrong and where."""
    from process_models.overrides import check_key

    try:
        key = spec.key
        check_key(key)
    except KeyError as exc:
        raise _BadParameter("parameter", exc.args[0]) from None
    unit = parameter_unit(key)
    if spec.prior is not None:
        try:
            return _prior_from_spec(spec.prior, unit, float(_current_value(key))) if unit else _bare_prior(spec.prior, key)
        except ValueError as exc:
            raise _BadParameter("prior", str(exc)) from None
    if unit is None:
        raise _BadParameter("parameter", f"{spec.parameter} has no prior in process_models/prior_table*.py: give one here "
                         "(prior: {dist: normal, mean: ..., sd: ...}; lognormal: median, sigma; uniform: low, high)")
    prior = get_info(*key).prior
    if prior.kind == "fixed":
        raise _BadParameter("parameter", f"{spec.parameter} has a fixed prior (status {get_info(*key).status}): it is not uncertain; "
                         "give a prior here to fit it anyway")
    return prior


def _current_value(key) -> float:
    from process_models.priors import registries

    return getattr(registries()[key[0]][key[1]], key[2])


def _bare_prior(spec: PriorSpec, key) -> Prior:
    """A config prior for a parameter without a unit in the priors table: bare numbers only."""
    for k in ("mean", "sd", "median", "low", "high"):
        if isinstance(getattr(spec, k), str):
            raise ValueError(f"{'.'.join(key)} has no unit in the priors table: give {k} as a bare number")
    return _prior_from_spec(spec, "1", float(_current_value(key)))


# --------------------------------------------------------------------------- loading

def _valid_keys(loc: tuple) -> str:
    model: Any = CalibrationConfig
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        ann = getattr(model, "model_fields", {}).get(part)
        if ann is None:
            return ""
        cands = [ann.annotation, *getattr(ann.annotation, "__args__", ())]
        cands += [c for a in list(cands) for c in getattr(a, "__args__", ())]
        hit = [c for c in cands if isinstance(c, type) and issubclass(c, BaseModel)]
        if not hit:
            return ""
        model = hit[0]
    keys = [k for k in getattr(model, "model_fields", {}) if not k.startswith("source_")]
    return f"; valid keys here: {', '.join(keys)}" if keys else ""


def _validation_problems(exc: ValidationError, locs: Locations) -> list[Problem]:
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith(("function-", "tagged-"))))
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = f"unknown key {loc[-1]!r}" + _valid_keys(loc)
        elif err["type"] == "missing":
            msg = "required setting is missing"
        out.append(Problem(loc, msg, locs.line_of(loc)))
    return out


def _closest(name: str, valid: Iterable[str]) -> str:
    import difflib

    near = difflib.get_close_matches(name, list(valid), n=1)
    return f" (did you mean {near[0]!r}?)" if near else ""


def _parameter_problems(cfg: CalibrationConfig, locs: Locations) -> list[Problem]:
    out, seen = [], {}
    for i, spec in enumerate(cfg.parameters):
        path = ("parameters", i, "parameter")
        if spec.parameter in seen:
            out.append(Problem(path, f"{spec.parameter} is fitted twice (first as parameters[{seen[spec.parameter]}])",
                               locs.line_of(path)))
            continue
        seen[spec.parameter] = i
        try:
            _resolve_prior(spec)
        except _BadParameter as exc:
            where = ("parameters", i, exc.field)
            out.append(Problem(where, str(exc), locs.line_of(where)))
    return out


def _data_problems(cfg: CalibrationConfig, locs: Locations, datasets: set[str],
                   observations: Mapping[str, str]) -> list[Problem]:
    out = []

    def bad(i, key, msg):
        path = ("data", i, key) if key else ("data", i)
        out.append(Problem(path, msg, locs.line_of(path)))

    for i, d in enumerate(cfg.data):
        if (d.dataset is None) == (d.path is None):
            bad(i, None, "give either `dataset` (a shipped literature dataset) or `path` (a data file), not both")
        if d.dataset is not None and d.dataset not in datasets:
            bad(i, "dataset", f"unknown dataset {d.dataset!r}{_closest(d.dataset, datasets)}; valid: {', '.join(sorted(datasets))}")
        for key in ("path", "scenario"):
            rel = getattr(d, key)
            if rel is not None and not cfg.resolve(rel).is_file():
                bad(i, key, f"file not found: {cfg.resolve(rel)}")
        kind = observations.get(d.observation)
        if kind is None:
            bad(i, "observation", f"unknown observation model {d.observation!r}{_closest(d.observation, observations)}; "
                                  f"valid: {', '.join(sorted(observations))}")
            continue
        out += _kind_problems(cfg, locs, i, d, kind)
    return out


def _kind_problems(cfg: CalibrationConfig, locs: Locations, i: int, d: DataSpec, kind: str) -> list[Problem]:
    from ..contract import CELL, variables

    msgs: list[tuple[str, str]] = []
    if kind == "line":
        if d.path is None:
            msgs.append(("observation", "a line observation needs `path`: the line data (one row per cell)"))
        for key in ("scenario", "variable"):
            if getattr(d, key) is None:
                msgs.append(("observation", f"a line observation needs `{key}`"))
        per_cell = [v.name for v in variables(CELL)]
        if d.variable is not None and d.variable not in per_cell:
            msgs.append(("variable", f"{d.variable!r} is not a per-cell variable of the results{_closest(d.variable, per_cell)}"))
        if cfg.method == "emcee":
            msgs.append(("observation", f"{d.observation!r} is a Monte Carlo of the line: it has no likelihood to "
                                        "sample with emcee; use method: abc-smc"))
    else:
        for key in ("scenario", "variable"):
            if getattr(d, key) is not None:
                msgs.append((key, f"`{key}` is for line observations only; {d.observation!r} is deterministic"))
    return [Problem(("data", i, k), m, locs.line_of(("data", i, k))) for k, m in msgs]


def _settings_problems(cfg: CalibrationConfig, data: dict, locs: Locations) -> list[Problem]:
    out = []
    other = "abc_smc" if cfg.method == "emcee" else "emcee"
    if other in data:
        out.append(Problem((other,), f"settings for {other.replace('_', '-')}, but method is {cfg.method}",
                           locs.line_of((other,))))
    e = cfg.emcee
    if cfg.method == "emcee" and e.burn >= e.steps:
        out.append(Problem(("emcee", "burn"), f"burn ({e.burn}) must be below steps ({e.steps})", locs.line_of(("emcee", "burn"))))
    if cfg.method == "emcee" and e.walkers < 2 * len(cfg.parameters):
        out.append(Problem(("emcee", "walkers"), f"{e.walkers} walkers for {len(cfg.parameters)} parameters: emcee needs "
                                                 f"at least {2 * len(cfg.parameters)}", locs.line_of(("emcee", "walkers"))))
    return out


def config_from_data(data: Any, locs: Locations, text: str, *, datasets: Iterable[str],
                     observations: Mapping[str, str]) -> CalibrationConfig:
    """Validate parsed YAML (see :func:`load_calibration_config`)."""
    if not isinstance(data, dict):
        raise CalibrationConfigError([Problem((), "a calibration config must be a mapping of settings", 1)], locs.file)
    bad_keys = [k for k in ("source_text", "source_file") if k in data]
    if bad_keys:
        raise CalibrationConfigError([Problem((k,), f"unknown key {k!r}", locs.line_of((k,))) for k in bad_keys], locs.file)
    try:
        cfg = CalibrationConfig(**data, source_text=text, source_file=locs.file)
    except ValidationError as exc:
        raise CalibrationConfigError(_validation_problems(exc, locs), locs.file) from None
    problems = (_parameter_problems(cfg, locs) + _data_problems(cfg, locs, set(datasets), observations)
                + _settings_problems(cfg, data, locs))
    if problems:
        raise CalibrationConfigError(problems, locs.file)
    return cfg


def load_calibration_config(path: str | Path, *, datasets: Iterable[str],
                            observations: Mapping[str, str]) -> CalibrationConfig:
    """Read and check a calibration config.

    Parameters
    ----------
    path : path
        The YAML file.
    datasets : iterable of str
        Names of the shipped literature datasets a ``dataset:`` may name.
    observations : mapping
        Observation model name -> kind (``deterministic`` or ``line``).

    Raises
    ------
    CalibrationConfigError
        Every problem at once, each with its YAML path and line: malformed
        YAML, unknown keys, a parameter that does not exist or has no prior,
        an unknown dataset or observation model, a missing file.
    """
    data, locs, text = load(path)
    return config_from_data(data, locs, text, datasets=datasets, observations=observations)
