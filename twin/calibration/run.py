"""``twin calibrate``: config -> data and observation models -> sampler on a pool -> posterior file and figures.

:func:`calibrate` only sequences named stages: read the config
(:func:`read_config`), load the data and pair it with its observation models
(:func:`build_problem`), sample (emcee or ABC-SMC, on the pool of
:mod:`twin.calibration.parallel`), check the posterior against the data
(:mod:`twin.calibration.predictive`) and write the Dataset and one PNG per
data entry (:mod:`twin.calibration.posterior`). Every problem with the config
or the data is raised before anything is written.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from process_models.priors import get_info

from ..data import literature_datasets, literature_path, read_line_data, read_measurements
from ..errors import OutputError, Problem, ReportError
from ..results.atomic import atomic_path
from ..scenario import load_scenario
from ..scenario.calibration_config import (CalibrationConfig, CalibrationConfigError, load_calibration_config,
                                           parameter_unit)
from ..scenario.yamlsource import load_text
from .abc_smc import abc_smc
from .emcee_backend import run_emcee
from .likelihood import LogPosterior, observed_rows
from .line_observation import Simulator, line_observation
from .observations import get_observation, observation_kinds
from .parallel import TaskPool
from .posterior import posterior_dataset, write_posterior
from .predictive import figure_png, posterior_predictive
from .space import Parameter, ParameterSpace

__all__ = ["calibrate", "read_config", "build_problem", "CalibrationProblem", "figure_paths", "summary_lines"]


def read_config(path: str | Path) -> CalibrationConfig:
    """Read and check a calibration config against the shipped datasets and the observation models."""
    return load_calibration_config(path, datasets=literature_datasets(), observations=observation_kinds())


@dataclass
class CalibrationProblem:
    """What a calibration fits: the parameter space and one entry per data entry of the config."""

    space: ParameterSpace
    entries: list  # Observed (measured rows) or LineObservation


def _space(cfg: CalibrationConfig) -> ParameterSpace:
    params = []
    for i, spec in enumerate(cfg.parameters):
        key = spec.key
        unit = parameter_unit(key) or "1"
        try:
            status = get_info(*key).status
        except KeyError:
            status = ""
        params.append(Parameter(key, cfg.prior(i), unit, status))
    return ParameterSpace(params)


def _label(cfg: CalibrationConfig, i: int) -> str:
    d = cfg.data[i]
    label = d.dataset or Path(d.path).stem
    twice = [j for j, e in enumerate(cfg.data) if (e.dataset or Path(e.path).stem) == label]
    return label if len(twice) == 1 else f"{label}-{twice.index(i) + 1}"


def _entry(cfg: CalibrationConfig, i: int):
    """Load data entry ``i`` and pair it with its observation model (``ValueError`` with the reason)."""
    d = cfg.data[i]
    model = get_observation(d.observation)
    if model.kind == "line":
        data = read_line_data(cfg.resolve(d.path))
        return line_observation(data, load_scenario(cfg.resolve(d.scenario)), d.variable, _label(cfg, i))
    df = read_measurements(literature_path(d.dataset) if d.dataset else cfg.resolve(d.path))
    return observed_rows(df, model, d.relative_error, _label(cfg, i))


def build_problem(cfg: CalibrationConfig) -> CalibrationProblem:
    """The parameter space and the loaded data of a config.

    Raises
    ------
    CalibrationConfigError
        A data entry whose file has no rows its observation model predicts,
        or line data without the variable (located at the entry's line).
    DataError, ScenarioError
        A data file or a scenario that cannot be read (located in that file).
    """
    _, locs = load_text(cfg.source_text, cfg.source_file)
    entries, problems = [], []
    for i, d in enumerate(cfg.data):
        try:
            entries.append(_entry(cfg, i))
        except ValueError as exc:
            where = ("data", i, "dataset" if d.dataset else "path")
            problems.append(Problem(where, f"{d.dataset or d.path}: {exc}", locs.line_of(where)))
    if problems:
        raise CalibrationConfigError(problems, cfg.source_file)
    return CalibrationProblem(_space(cfg), entries)


def figure_paths(output: Path, labels: list[str]) -> list[Path]:
    """The posterior-predictive PNG of each data entry: ``<output stem>.<label>.png`` beside the output."""
    return [output.with_name(f"{output.stem}.{label}.png") for label in labels]


def _check_output(output: Path) -> None:
    if output.exists() and output.is_dir():
        raise OutputError("output path is a directory; give a file name ending in .nc", output)
    if output.suffix != ".nc":
        raise OutputError("output file must end in .nc (netCDF-4)", output)
    parent = output.parent if str(output.parent) else Path(".")
    if parent.exists() and not parent.is_dir():
        raise OutputError(f"{parent} is not a directory", output)


def _sample(cfg: CalibrationConfig, prob: CalibrationProblem, pool):
    """(result, samples in parameter units, weights or None)."""
    space = prob.space
    if cfg.method == "emcee":
        e = cfg.emcee
        res = run_emcee(LogPosterior(space, prob.entries), walkers=e.walkers, steps=e.steps, burn=e.burn, thin=e.thin,
                        seed=cfg.seed, pool=pool)
        return res, space.to_theta(res.flat_z), None
    sim = Simulator(space, prob.entries)
    res = abc_smc(space, sim, sim.observed, cfg.abc_smc, cfg.seed, pool)
    return res, space.to_theta(res.z), res.weights


def calibrate(config_path: str | Path, output: str | Path = "posterior.nc", workers: int | None = None,
              address: str | None = None) -> Path:
    """Fit the config's parameters to its data and write the posterior.

    Parameters
    ----------
    config_path : path
        Calibration config (YAML; see :mod:`twin.scenario.calibration_config`).
    output : path
        netCDF file (``.nc``) for the posterior; the posterior-predictive
        figures go beside it as ``<stem>.<dataset>.png``.
    workers : int, optional
        Evaluations in parallel on a private local Ray (default: the
        config's ``workers``, else 1 = in this process).
    address : str, optional
        A Ray cluster to evaluate on (default: the config's ``address``).

    Returns
    -------
    Path
        ``output``.
    """
    t0 = time.perf_counter()
    output = Path(output)
    _check_output(output)
    cfg = read_config(config_path)
    prob = build_problem(cfg)
    workers = workers or cfg.workers or 1
    address = address or cfg.address
    with TaskPool(workers, address) as pool:
        result, theta, weights = _sample(cfg, prob, pool)
        preds = posterior_predictive(prob.space, prob.entries, theta, weights, cfg.seed, pool)
        backend, n_workers = pool.name, pool.workers
    try:
        pngs = [figure_png(p, f"{cfg.name}: {p.label}") for p in preds]
    except ImportError as exc:
        raise ReportError(f"the posterior-predictive figures need matplotlib (pip install 'ssb-twin[report]'): {exc}",
                          config_path) from None
    info = {"backend": backend, "workers": int(n_workers), "seconds": float(time.perf_counter() - t0)}
    ds = posterior_dataset(cfg, prob.space, result, theta, weights, preds, info)
    write_posterior(ds, output)
    for path, png in zip(figure_paths(output, [p.label for p in preds]), pngs):
        with atomic_path(path) as tmp:
            tmp.write_bytes(png)
    return output


def summary_lines(path: str | Path) -> list[str]:
    """One line per fitted parameter: prior 90 % interval and posterior median [90 % interval] (for the CLI)."""
    import xarray as xr

    from .posterior import parameter_table_rows

    with xr.open_dataset(path) as ds:
        rows = parameter_table_rows(ds)
        head = f"{ds.attrs['method']}, seed {ds.attrs['seed']}, {ds.sizes['sample']} samples, {ds.attrs['seconds']:.1f} s ({ds.attrs['backend']}, {ds.attrs['workers']} worker(s))"
    out = [head]
    for r in rows:
        out.append(f"  {r['parameter']} [{r['unit']}]: {r['median']:.4g} (90 %: {r['ci90'][0]:.4g} .. {r['ci90'][1]:.4g}); "
                   f"prior {r['prior']} (90 %: {r['prior_ci90'][0]:.4g} .. {r['prior_ci90'][1]:.4g})")
    return out

