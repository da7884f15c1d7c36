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
grid only, true/false settings (e.g. ``process.sintering.cover_powder``) of the
``process``, ``line``, ``duty`` and ``gates`` sections can be swept. Stations
are addressed by name: ``line.stations.sintering_furnace.load_capacity``.
A swept value sets the central value of a distributed setting and keeps its
spread (:meth:`twin.scenario.distributions.Distribution.shifted`).

With ``uncertainty:`` (:mod:`twin.scenario.uncertainty`), every draw of the
uncertain parameters runs at every sweep point: the points are the draws
(outer, slowest) times the sweep points, and a point also carries its
``draw`` index and ``param:REGISTRY.set.field`` values, which
:func:`apply_point` puts in ``Scenario.parameter_values``.
:func:`stream_point` is the sweep point a study point's random streams are
keyed by, so every draw meets the same process scatter (common random
numbers: differences between draws are the parameters' alone).

Every swept value is checked like the scenario itself: against the setting's
bounds, and, for a distributed setting, with the distribution it makes (a
normal centred at a swept value must not reach negative thicknesses).
:func:`n_points` counts the points without making them, so a study's size can
be checked before anything is built.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import annotated_types as at
import numpy as np
from pydantic import BaseModel

from ..errors import Problem
from .distributions import Distribution
from .quantity import QSpec

__all__ = ["SweepParam", "expand", "apply_point", "validate_sweep", "sweep_params", "coord_name", "n_points",
           "SWEEPABLE_SECTIONS", "stream_point", "n_draws"]

#: top-level sections whose settings may be swept (a swept seed, cell count or replicate count is not a setting)
SWEEPABLE_SECTIONS = ("process", "line", "duty", "gates", "cell", "plant", "ramp_up")


@dataclass(frozen=True)
class SweepParam:
    path: str
    unit: str
    is_int: bool
    kind: str


@dataclass(frozen=True)
class _Target:
    """A sweepable setting: its kind (``quantity``, ``int`` or ``bool``), bounds and value in the scenario."""

    kind: str
    spec: QSpec | None = None
    ge: float | None = None
    le: float | None = None
    current: Any = None


def _field_target(field, current) -> _Target | str:
    spec = next((m for m in field.metadata if isinstance(m, QSpec)), None)
    if spec is not None:
        return _Target("quantity", spec=spec, current=current)
    if field.annotation is bool:
        return _Target("bool")
    if field.annotation is int:
        ge = next((m.ge for m in field.metadata if isinstance(m, at.Ge)), None)
        le = next((m.le for m in field.metadata if isinstance(m, at.Le)), None)
        return _Target("int", ge=ge, le=le)
    return "is not a numeric or true/false setting and cannot be swept"


def _resolve(scenario: BaseModel, path: str) -> _Target | str:
    """The setting at ``path``, or why it cannot be swept."""
    parts = path.split(".")
    if len(parts) < 2 or parts[0] not in SWEEPABLE_SECTIONS:
        return f"{path!r} cannot be swept: sweep settings of {', '.join(SWEEPABLE_SECTIONS)} (a study's size and seed are fixed)"
    model: Any = scenario
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if isinstance(model, tuple):  # stations by name
            hit = [s for s in model if getattr(s, "name", None) == part]
            if not hit:
                return f"no station named {part!r}; stations: {', '.join(getattr(s, 'name', '?') for s in model)}"
            if last:
                return "a sweep path must end at a setting, not a station"
            model = hit[0]
            continue
        if not isinstance(model, BaseModel) or part not in type(model).model_fields:
            valid = ", ".join(type(model).model_fields) if isinstance(model, BaseModel) else ""
            return f"unknown setting {part!r} in {path!r}" + (f"; valid here: {valid}" if valid else "")
        if last:
            target = _field_target(type(model).model_fields[part], getattr(model, part))
            return target if isinstance(target, _Target) else f"{path!r} {target}"
        model = getattr(model, part)
    return f"{path!r} is not a setting"


def coord_name(path: str) -> str:
    """Dataset coordinate name of a swept path (its last two parts)."""
    parts = path.split(".")
    return "_".join(parts[-2:]) if len(parts) >= 2 else parts[0]


def _convert(t: _Target, raw: Any) -> float | int | bool:
    """A swept value in SI, checked like the scenario checks the setting (``ValueError`` saying why not)."""
    if t.kind == "bool":
        if not isinstance(raw, bool):
            raise ValueError(f"expected true or false, got {raw!r}")
        return raw
    if t.kind == "int":
        if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not math.isfinite(raw) or float(raw) != int(raw):
            raise ValueError(f"expected a whole number, got {raw!r}")
        lo, hi = t.ge if t.ge is not None else 1, t.le
        if raw < lo or (hi is not None and raw > hi):
            raise ValueError(f"{int(raw)} is out of range: must be >= {lo:g}" + (f" and <= {hi:g}" if hi is not None else ""))
        return int(raw)
    if isinstance(raw, dict):
        raise ValueError("sweep values must be single values, not distributions")
    if raw is None:
        raise ValueError("sweep values must be numbers or quantities, not null")
    x = float(t.spec(raw))
    if isinstance(t.current, Distribution):  # the swept value moves the distribution: check what it would draw
        t.spec.check_distribution(t.current.shifted(x))
    return x


def validate_sweep(scenario, locs) -> list[Problem]:
    """Every problem of the scenario's sweep, located at its entry (each value checked like the setting)."""
    sw = scenario.sweep
    table = sw.grid if sw.grid is not None else sw.ranges
    key = "grid" if sw.grid is not None else "ranges"
    if not table:
        return [Problem(("sweep", key), f"`{key}` lists no setting", locs.line_of(("sweep", key)))]
    problems: list[Problem] = []
    names: dict[str, str] = {}
    for path, values in table.items():
        ypath = ("sweep", key, path)
        problems += _check_entry(scenario, path, values, key, names, ypath, locs)
    return problems


def _check_entry(scenario, path, values, key, names, ypath, locs) -> list[Problem]:
    line = locs.line_of(ypath)
    t = _resolve(scenario, path)
    if isinstance(t, str):
        return [Problem(ypath, t, line)]
    if t.kind == "bool" and key == "ranges":
        return [Problem(ypath, "a true/false setting can be swept by `grid` only, not by a design", line)]
    out = []
    cname = coord_name(path)
    if cname in names:
        out.append(Problem(ypath, f"two swept paths map to coordinate {cname!r} ({names[cname]!r})", line))
    names[cname] = path
    if not isinstance(values, list):
        return out + [Problem(ypath, "give a list of values" if key == "grid" else "a range is [low, high]", line)]
    if key == "ranges" and len(values) != 2:
        return out + [Problem(ypath, "a range is [low, high]", line)]
    if key == "grid" and not values:
        out.append(Problem(ypath, "a grid needs at least one value", line))
    conv = []
    for i, v in enumerate(values):
        try:
            conv.append(_convert(t, v))
        except ValueError as exc:
            out.append(Problem(ypath + (i,), str(exc), locs.line_of(ypath + (i,))))
    if key == "ranges" and len(conv) == 2 and not conv[0] < conv[1]:
        out.append(Problem(ypath, "range low must be < high", line))
    return out


def sweep_params(scenario) -> list[SweepParam]:
    sw = scenario.sweep
    if sw is None:
        return []
    table = sw.grid if sw.grid is not None else sw.ranges
    out = []
    for path in table:
        t = _resolve(scenario, path)
        unit = "1" if t.kind in ("int", "bool") else t.spec.unit
        kind = t.kind if t.kind in ("int", "bool") else t.spec.kind
        out.append(SweepParam(path, unit, t.kind in ("int", "bool"), kind))
    return out


def n_draws(scenario) -> int:
    """Parameter sets the study runs (1 without ``uncertainty``)."""
    t = getattr(scenario, "draw_table", None)
    return 1 if t is None else len(t.values)


def n_points(scenario) -> int:
    """Number of points of the study (draws x sweep points), counted without making them."""
    return n_draws(scenario) * _n_sweep_points(scenario)


def _n_sweep_points(scenario) -> int:
    sw = scenario.sweep
    if sw is None:
        return 1
    if sw.grid is not None:
        return math.prod(len(v) for v in sw.grid.values())
    if sw.design == "lhs":
        return int(sw.samples)
    return 2 ** max(0, math.ceil(math.log2(sw.samples))) * (len(sw.ranges) + 2)


def expand(scenario) -> list[dict[str, float]]:
    """All points of the study, in order: each draw (outer) at each sweep point. No sweep, no draws: one point."""
    points = _sweep_points(scenario)
    t = getattr(scenario, "draw_table", None)
    if t is None:
        return points
    return [{**pt, **t.point(d)} for d in range(len(t.values)) for pt in points]


def stream_point(scenario, point: int) -> int:
    """The sweep point whose random streams study point ``point`` uses (the same for every draw)."""
    return point % _n_sweep_points(scenario)


def _sweep_points(scenario) -> list[dict[str, float]]:
    sw = scenario.sweep
    if sw is None:
        return [{}]
    params = sweep_params(scenario)
    if sw.grid is not None:
        values = [[_convert(_resolve(scenario, p.path), v) for v in sw.grid[p.path]] for p in params]
        mesh = np.meshgrid(*[np.arange(len(v)) for v in values], indexing="ij")
        idx = np.stack([m.ravel() for m in mesh], axis=1)
        return [{p.path: values[j][row[j]] for j, p in enumerate(params)} for row in idx]
    lows = np.array([_convert(_resolve(scenario, p.path), sw.ranges[p.path][0]) for p in params], float)
    highs = np.array([_convert(_resolve(scenario, p.path), sw.ranges[p.path][1]) for p in params], float)
    unit = _design(sw.design, len(params), sw.samples, scenario.seed)
    vals = lows + unit * (highs - lows)
    return [{p.path: int(round(row[j])) if p.kind == "int" else float(row[j]) for j, p in enumerate(params)} for row in vals]


def _design(design: str, d: int, samples: int, seed: int) -> np.ndarray:
    """Points of an LHS or a Saltelli-Sobol design on the unit cube, one row per point."""
    from scipy.stats import qmc  # imported on first use: scipy.stats costs ~0.4 s to import

    if design == "lhs":
        return qmc.LatinHypercube(d=d, seed=np.random.default_rng([seed, 0x4C4853])).random(samples)
    m = max(0, math.ceil(math.log2(samples)))
    base = qmc.Sobol(d=2 * d, scramble=True, seed=np.random.default_rng([seed, 0x534F42])).random_base2(m)
    a, b = base[:, :d], base[:, d:]
    rows = []
    for i in range(a.shape[0]):
        rows.append(a[i])
        for j in range(d):
            ab = a[i].copy()
            ab[j] = b[i, j]
            rows.append(ab)
        rows.append(b[i])
    return np.array(rows)


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
    """The scenario with ``point``'s settings and parameter values applied (no re-validation needed: values are SI)."""
    from .uncertainty import DRAW_KEY, PARAMETER_PREFIX

    params = tuple((k[len(PARAMETER_PREFIX):], float(v)) for k, v in point.items() if k.startswith(PARAMETER_PREFIX))
    for path, value in point.items():
        if path != DRAW_KEY and not path.startswith(PARAMETER_PREFIX):
            scenario = _set(scenario, path.split("."), value)
    return scenario.model_copy(update={"parameter_values": params}) if params else scenario
