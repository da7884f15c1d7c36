"""The results Dataset: built from replicate results by the contract, and opened again.

Every variable comes from a row of :mod:`twin.contract` (units, long_name,
dtype, flags). Global attributes carry the scenario YAML text, its SHA-256,
the package version and the base seed, and everything analysis needs
(gate limits, the duty, the sweep design and its order; see
:data:`twin.contract.ANALYSIS_ATTRS`), so analysis never re-parses the scenario.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Sequence

import numpy as np
import xarray as xr

from .._version import __version__
from ..contract import CELL, CELL_STATION, COST_TYPES, REPLICATE, STACK, Variable, variables
from ..scenario.sweep import coord_name, sweep_params
from ..scenario.uncertainty import DRAW_KEY, PARAMETER_PREFIX, coord_name as uncertain_coord
from .atomic import write_netcdf_atomic

__all__ = ["build_dataset", "global_attrs", "write_netcdf_atomic", "open_results", "max_items"]


def _padded(values, n_items: int, var: Variable) -> np.ndarray:
    """Per-item values of a point with fewer items than the study's largest (a swept layer count), filled to ``n_items``."""
    v = np.asarray(values)
    if v.shape[0] == n_items:
        return v
    out = np.full((n_items,) + v.shape[1:], var.fill, dtype=var.dtype)
    out[: v.shape[0]] = v
    return out


def _stack(var: Variable, results, point_ids, replicate_ids, n_items: int) -> np.ndarray:
    """One contract variable of every (point, replicate) result, stacked on (point, replicate, ...)."""
    def value(res):
        if var.dims == CELL:
            return _padded(res.cells[var.name], n_items, var)
        if var.dims == CELL_STATION:
            return _padded(res.cell_station[var.name], n_items, var)
        if var.dims == STACK:
            return res.stacks[var.name]
        if var.dims == REPLICATE:
            return res.kpis[var.name]
        if var.name == "utilisation":
            return res.utilisation
        if var.name == "scrapped":
            return [res.scrapped[g] for g in res.scrapped]
        if var.name in res.plant:
            return res.plant[var.name]
        return res.cell_station[var.name]

    rows = [[np.asarray(value(results[(p, r)])) for r in replicate_ids] for p in point_ids]
    return np.array(rows, dtype=var.dtype)


def max_items(scenario) -> int:
    """Items per replicate at the study's largest point: cells x the largest layer count (the ``cell`` size).

    The layer count is ``cell.layers``, or, where a sweep sets it, the largest value the sweep sets.
    """
    sw, swept = scenario.sweep, []
    if sw is not None:
        swept += [int(v) for v in (sw.grid or {}).get("cell.layers", [])]
        swept += [int(v) for v in (sw.ranges or {}).get("cell.layers", [])]
    return scenario.cells * max(swept or [scenario.cell.layers])


def build_dataset(scenario, points: Sequence[dict], point_ids: Sequence[int], replicate_ids: Sequence[int],
                  results: dict[tuple[int, int], object]) -> xr.Dataset:
    """Assemble replicate results into the contract Dataset.

    Parameters
    ----------
    scenario : Scenario
    points : list of dict
        All points of the study (from :func:`twin.scenario.sweep.expand`).
    point_ids, replicate_ids : sequences of int
        The (point, replicate) grid covered by ``results``.
    results : dict (point, replicate) -> ReplicateResult
    """
    first = next(iter(results.values()))
    n_items = max_items(scenario)
    data_vars = {v.name: (v.dims, _stack(v, results, point_ids, replicate_ids, n_items), v.attrs()) for v in variables()}
    coords = {
        "point": ("point", np.asarray(point_ids, np.int64), {"units": "1", "long_name": "sweep point index"}),
        "replicate": ("replicate", np.asarray(replicate_ids, np.int64), {"units": "1", "long_name": "Monte Carlo replicate index"}),
        "cell": ("cell", np.arange(n_items, dtype=np.int64),
                 {"units": "1", "long_name": "item (single-layer cell or unit layer) index in release order"}),
        "stacked_cell": ("stacked_cell", np.arange(scenario.cells, dtype=np.int64),
                         {"units": "1", "long_name": "stacked cell index in stacking order"}),
        "station": ("station", np.array([s.name for s in scenario.line.stations], dtype=object),
                    {"units": "1", "long_name": "station name"}),
        "gate": ("gate", np.array(list(first.scrapped), dtype=object), {"units": "1", "long_name": "where cells are scrapped"}),
        "cost_type": ("cost_type", np.array(COST_TYPES, dtype=object), {"units": "1", "long_name": "kind of cost"}),
    }
    for sp in sweep_params(scenario):
        vals = np.array([points[p][sp.path] for p in point_ids])
        coords[coord_name(sp.path)] = ("point", vals, {"units": sp.unit, "long_name": f"swept setting {sp.path}", "sweep_path": sp.path})
    coords.update(_draw_coords(scenario, points, point_ids))
    ds = xr.Dataset(data_vars, coords=coords)
    ds.attrs.update(global_attrs(scenario))
    return ds


def _draw_coords(scenario, points: Sequence[dict], point_ids: Sequence[int]) -> dict:
    """``draw`` and one ``theta_*`` coordinate per uncertain parameter on ``point`` (none without draws)."""
    t = scenario.draw_table
    if t is None:
        return {}
    out = {"draw": ("point", np.array([points[p][DRAW_KEY] for p in point_ids], np.int64),
                    {"units": "1", "long_name": "parameter draw index", "uncertainty_draw": 1})}
    for key, unit in zip(t.keys, t.units):
        vals = np.array([points[p][PARAMETER_PREFIX + key] for p in point_ids], float)
        out[uncertain_coord(key)] = ("point", vals, {"units": unit, "long_name": f"uncertain parameter {key}",
                                                     "uncertain_parameter": key})
    return out


def global_attrs(scenario) -> dict:
    """Global attributes: provenance, and what analysis needs of the scenario (in SI)."""
    g, duty, sw = scenario.gates, scenario.duty, scenario.sweep
    return {
        "Conventions": "CF-1.10",
        "title": f"ssb-twin study: {scenario.name}",
        "history": f"{_dt.datetime.now(_dt.timezone.utc).isoformat(timespec='seconds')}: twin run (ssb-twin {__version__})",
        "source": "ssb-twin digital twin of solid-state Li-metal battery manufacturing",
        "scenario_name": scenario.name,
        "scenario_description": scenario.description,
        "scenario_yaml": scenario.source_text,
        "scenario_sha256": scenario.sha256,
        "ssb_twin_version": __version__,
        "seed": int(scenario.seed),
        "route": scenario.line.route,
        "electrolyte": scenario.materials.electrolyte,
        "cathode": scenario.materials.cathode,
        "gate_min_relative_density": float(g.inspection.min_relative_density),
        "gate_max_cell_asr": float(g.eol.max_cell_asr),
        "gate_min_capacity_fraction": float(g.eol.min_capacity_fraction),
        "gate_require_ccs_margin": int(g.eol.require_ccs_margin),
        "duty_temperature": float(duty.temperature),
        "duty_formation": " | ".join(s.text for s in duty.formation),
        "duty_cycling": "" if duty.cycling is None else " | ".join(s.text for s in duty.cycling.steps),
        "duty_cycles": 0 if duty.cycling is None else int(duty.cycling.repeat),
        "duty_current_scale": float(duty.current_scale),
        "cell_layers": int(scenario.cell.layers),
        "plant_params": scenario.plant.params,
        "sweep_design": "none" if sw is None else ("grid" if sw.grid is not None else sw.design),
        "sweep_paths": " ".join(p.path for p in sweep_params(scenario)),
        **_uncertainty_attrs(scenario),
    }


def _uncertainty_attrs(scenario) -> dict:
    u, t = scenario.uncertainty, scenario.draw_table
    if u is None or t is None:
        return {"uncertainty_source": "none", "uncertainty_draws": 0, "uncertainty_parameters": "", "credible_level": 0.90}
    return {"uncertainty_source": "priors" if t.source == "priors" else f"posterior {u.parameters}",
            "uncertainty_draws": len(t.values), "uncertainty_parameters": " ".join(t.keys),
            "credible_level": float(u.level)}


def open_results(path: str | Path) -> xr.Dataset:
    """Open a results file (netCDF) or store (zarr directory) as the results Dataset."""
    path = Path(path)
    if path.is_dir():
        from .store import open_store_dataset

        return open_store_dataset(path)
    return xr.open_dataset(path)
