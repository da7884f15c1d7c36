"""Run a study: expand points x replicates into work units and execute them.

The runner knows nothing about physics: a work unit is a list of
(point, replicate) keys, executed by :func:`run_unit`, which calls
:func:`twin.replicate.simulate_replicate`. Backends:

- ``serial``: in this process, no start-up cost (the default for small studies).
"""

from __future__ import annotations

from typing import Callable, Iterable, Sequence

import xarray as xr

from .replicate import ReplicateResult, simulate_replicate
from .results import build_dataset
from .sweep import apply_point, expand

__all__ = ["run_study", "run_unit", "work_keys"]


def work_keys(scenario) -> list[tuple[int, int]]:
    """Every (point, replicate) of the study, point-major."""
    n_points = len(expand(scenario))
    return [(p, r) for p in range(n_points) for r in range(scenario.replicates)]


def run_unit(scenario, keys: Iterable[tuple[int, int]]) -> dict[tuple[int, int], ReplicateResult]:
    """Execute one work unit (a chunk of (point, replicate) keys)."""
    points = expand(scenario)
    out = {}
    for p, r in keys:
        out[(p, r)] = simulate_replicate(apply_point(scenario, points[p]), p, r)
    return out


def run_study(scenario, *, progress: Callable[[int, int], None] | None = None) -> xr.Dataset:
    """Run every (point, replicate) serially and return the results Dataset."""
    points = expand(scenario)
    keys = work_keys(scenario)
    results: dict[tuple[int, int], ReplicateResult] = {}
    for i, key in enumerate(keys):
        results.update(run_unit(scenario, [key]))
        if progress:
            progress(i + 1, len(keys))
    return build_dataset(scenario, points, list(range(len(points))), list(range(scenario.replicates)), results)
