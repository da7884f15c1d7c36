"""Sweep expansion: a scenario and its `sweep:` -> points.

A point is a mapping from a setting path (``process.sintering.dwell_temperature``)
to an SI value. :func:`expand` returns every point of the study in a fixed
order; :func:`apply_point` returns the scenario with that point's settings.

- ``grid``: every combination, first path varying slowest.
- ``lhs``: Latin hypercube (scipy.stats.qmc, seeded by the scenario seed).
- ``sobol``: Saltelli's scheme on a scrambled Sobol base sample of N (a power
  of two): rows ordered A, AB_1..AB_D, B for each base sample, i.e.
  N (D + 2) points, the layout SALib's ``sobol.analyze(calc_second_order=False)``
  expects (Saltelli 2002; Saltelli et al. 2010, Comput. Phys. Commun. 181, 259).

Numeric settings, whole-number settings (machines, load sizes, layers) and, in a
grid only, true/false settings (e.g. ``process.sintering.cover_powder``) can be
swept. Stations are addressed by name: ``line.stations.sintering_furnace.load_capacity``.
A swept value sets the central value of a distributed setting and keeps its
spread (:meth:`twin.distributions.Distribution.shifted`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from pydantic import BaseModel

from .distributions import Distribution
from ..errors import Problem
from .quantity import QSpec

__all__ = ["SweepParam", "expand", "apply_point", "validate_sweep", "sweep_params", "coord_name"]


@dataclass(frozen=True)
class SweepParam:
    path: str
    unit: str
    is_int: bool
    kind: str


def _resolve(scenario: BaseModel, path: str) -> tuple[QSpec | None, bool, str]:
    """Find the field at ``path``; returns (QSpec or None, is_int, error)."""
    model: Any = scenario
    parts = path.split(".")
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if isinstance(model, tuple):  # stations by name
            hit = [s for s in model if getattr(s, "name", None) == part]
            if not hit:
                names = [getattr(s, "name", "?") for s in model]
                return None, False, f"no station named {part!r}; stations: {', '.join(names)}"
            model = hit[0]
            if last:
                return None, False, "a sweep path must end at a setting, not a station"
            continue
        if not isinstance(model, BaseModel) or part not in type(model).model_fields:
            valid = ", ".join(type(model).model_fields) if isinstance(model, BaseModel) else ""
            return None, False, f"unknown setting {part!r} in {path!r}" + (f"; valid here: {valid}" if valid else "")
        field = type(model).model_fields[part]
        if last:
            spec = next((m for m in field.metadata if isinstance(m, QSpec)), None)
            if spec is not None:
                return spec, False, ""
            if field.annotation is int:
                return None, True, ""
            if field.annotation is bool:
                return None, "bool", ""
            return None, False, f"{path!r} is not a numeric or true/false setting and cannot be swept"
        model = getattr(model, part)
    return None, False, f"{path!r} is not a setting"


def coord_name(path: str) -> str:
    """Dataset coordinate name of a swept path (its last two parts)."""
    parts = path.split(".")
    return "_".join(parts[-2:]) if len(parts) >= 2 else parts[0]


def _convert(spec: QSpec | None, is_int: bool | str, raw: Any) -> float | int | bool:
    if is_int == "bool":
        if not isinstance(raw, bool):
            raise ValueError(f"expected true or false, got {raw!r}")
        return raw
    if is_int:
        if isinstance(raw, bool) or not isinstance(raw, (int, float)) or float(raw) != int(raw):
            raise ValueError(f"expected a whole number, got {raw!r}")
        if raw < 1:
            raise ValueError(f"expected a whole number >= 1, got {raw!r}")
        return int(raw)
    if isinstance(raw, dict):
        raise ValueError("sweep values must be single values, not distributions")
    x = spec(raw)
    return float(x)


def validate_sweep(scenario, locs) -> list[Problem]:
    sw = scenario.sweep
    problems: list[Problem] = []
    table = sw.grid if sw.grid is not None else sw.ranges
    key = "grid" if sw.grid is not None else "ranges"
    names = {}
    for path, values in table.items():
        ypath = ("sweep", key, path)
        line = locs.line_of(ypath)
        spec, is_int, err = _resolve(scenario, path)
        if err:
            problems.append(Problem(ypath, err, line))
            continue
        if is_int == "bool" and key == "ranges":
            problems.append(Problem(ypath, "a true/false setting can be swept by `grid` only, not by a design", line))
            continue
        cname = coord_name(path)
        if cname in names:
            problems.append(Problem(ypath, f"two swept paths map to coordinate {cname!r} ({names[cname]!r})", line))
        names[cname] = path
        if key == "ranges" and len(values) != 2:
            problems.append(Problem(ypath, "a range is [low, high]", line))
            continue
        if key == "grid" and not values:
            problems.append(Problem(ypath, "a grid needs at least one value", line))
        conv = []
        for i, v in enumerate(values):
            try:
                conv.append(_convert(spec, is_int, v))
            except ValueError as exc:
                problems.append(Problem(ypath + (i,), str(exc), locs.line_of(ypath + (i,))))
        if key == "ranges" and len(conv) == 2 and not conv[0] < conv[1]:
            problems.append(Problem(ypath, "range low must be < high", line))
    return problems


def sweep_params(scenario) -> list[SweepParam]:
    sw = scenario.sweep
    if sw is None:
        return []
    table = sw.grid if sw.grid is not None else sw.ranges
    out = []
    for path in table:
        spec, is_int, _ = _resolve(scenario, path)
        kind = "bool" if is_int == "bool" else "int" if is_int else spec.kind
        out.append(SweepParam(path, "1" if is_int else spec.unit, bool(is_int), kind))
    return out


def expand(scenario) -> list[dict[str, float]]:
    """All points of the study, in order. A scenario without a sweep has one point."""
    sw = scenario.sweep
    if sw is None:
        return [{}]
    params = sweep_params(scenario)
    if sw.grid is not None:
        values = [[_convert(*_resolve(scenario, p.path)[:2], v) for v in sw.grid[p.path]] for p in params]
        mesh = np.meshgrid(*[np.arange(len(v)) for v in values], indexing="ij")
        idx = np.stack([m.ravel() for m in mesh], axis=1)
        return [{p.path: values[j][row[j]] for j, p in enumerate(params)} for row in idx]
    lows = np.array([_convert(*_resolve(scenario, p.path)[:2], sw.ranges[p.path][0]) for p in params], float)
    highs = np.array([_convert(*_resolve(scenario, p.path)[:2], sw.ranges[p.path][1]) for p in params], float)
    d = len(params)
    from scipy.stats import qmc  # imported on first use: scipy.stats costs ~0.4 s to import

    if sw.design == "lhs":
        unit = qmc.LatinHypercube(d=d, seed=np.random.default_rng([scenario.seed, 0x4C4853])).random(sw.samples)
    else:
        m = max(0, math.ceil(math.log2(sw.samples)))
        base = qmc.Sobol(d=2 * d, scramble=True, seed=np.random.default_rng([scenario.seed, 0x534F42])).random_base2(m)
        a, b = base[:, :d], base[:, d:]
        rows = []
        for i in range(a.shape[0]):
            rows.append(a[i])
            for j in range(d):
                ab = a[i].copy()
                ab[j] = b[i, j]
                rows.append(ab)
            rows.append(b[i])
        unit = np.array(rows)
    vals = lows + unit * (highs - lows)
    out = []
    for row in vals:
        pt = {}
        for j, p in enumerate(params):
            pt[p.path] = int(round(row[j])) if p.kind == "int" else float(row[j])
        out.append(pt)
    return out


def _set(model: Any, parts: list[str], value: Any) -> Any:
    if isinstance(model, tuple):
        return tuple(_set(s, parts[1:], value) if s.name == parts[0] else s for s in model)
    head = parts[0]
    if len(parts) == 1:
        cur = getattr(model, head)
        new = cur.shifted(value) if isinstance(cur, Distribution) else value
        return model.model_copy(update={head: new})
    return model.model_copy(update={head: _set(getattr(model, head), parts[1:], value)})


def apply_point(scenario, point: dict[str, Any]):
    """The scenario with ``point``'s settings applied (no re-validation needed: values are SI)."""
    for path, value in point.items():
        scenario = _set(scenario, path.split("."), value)
    return scenario
