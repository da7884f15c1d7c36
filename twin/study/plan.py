"""Chunk planning: how a study's (point, replicate) keys are cut into chunks of work.

A chunk (:class:`twin.results.blocks.Chunk`) is the unit a backend runs as one
task and the store writes as one region; the plan (:class:`~twin.results.blocks.ChunkPlan`)
tiles the study on a regular grid of such blocks.

How big a chunk is follows the performance principles of the design:

- each chunk carries at least ``min_seconds`` of work (default 0.2 s) so that
  Ray's ~1 ms per-task overhead is negligible;
- about ``chunks_per_worker`` chunks per worker (default 4) for load balance;
- at most ``max_seconds`` of work (default 10 s), so progress, resume and
  fault recovery stay fine-grained, and at most ``max_cells`` cells (default
  20 000, about 20 MB of results), so the memory a chunk needs in flight is
  bounded whatever the study size.

The cost model (:func:`replicate_cost`) only shapes the chunks; the numbers a
study produces never depend on how it is chunked (random streams are keyed by
point and replicate, :mod:`twin.simulation.streams`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..results.dataset import max_items
from ..results.blocks import Chunk, ChunkPlan
from ..contract import CELL, variables
from ..errors import StudyTooLarge
from ..scenario.sweep import expand, n_points

__all__ = ["Chunk", "ChunkPlan", "plan_chunks", "plan_for", "replicate_cost", "study_cost", "duty_steps", "estimated_seconds",
           "StudySize", "study_size", "check_size", "StudyTooLarge", "MAX_POINTS", "LARGE_SECONDS", "LARGE_BYTES"]

#: cost model of one replicate [s]: fixed part + per released cell (measured on
#: the baseline scenario, one core of a 2020s laptop/server; see benchmarks/).
COST_PER_REPLICATE = 3e-3
COST_PER_CELL = 2e-4
#: each protocol step of the duty (formation + cycles x steps) costs a fixed part and a part per tested cell
COST_PER_DUTY_STEP = 8e-5
COST_PER_CELL_STEP = 2e-7


def replicate_cost(cells: int, duty_steps: int = 0) -> float:
    """Estimated seconds to simulate one replicate of ``cells`` cells through ``duty_steps`` protocol steps on one core."""
    return COST_PER_REPLICATE + COST_PER_CELL * cells + duty_steps * (COST_PER_DUTY_STEP + COST_PER_CELL_STEP * cells)


def study_cost(n_points: int, n_replicates: int, cells: int, duty_steps: int = 0) -> float:
    """Estimated serial seconds of a whole study."""
    return n_points * n_replicates * replicate_cost(cells, duty_steps)


def duty_steps(scenario) -> int:
    """Protocol steps every tested cell goes through: formation plus cycles x steps per cycle."""
    d = scenario.duty
    return len(d.formation) + (0 if d.cycling is None else d.cycling.repeat * len(d.cycling.steps))


def plan_chunks(n_points: int, n_replicates: int, cells: int, workers: int = 1, *,
                keys_per_chunk: int | None = None, chunks_per_worker: int = 4,
                min_seconds: float = 0.2, max_seconds: float = 10.0, max_cells: int = 20_000,
                cost_per_replicate: float | None = None) -> ChunkPlan:
    """Plan the chunks of a study.

    Parameters
    ----------
    n_points, n_replicates : int
        Size of the (point, replicate) grid.
    cells : int
        Cells released per replicate.
    workers : int
        Parallel workers (CPUs) that will run the chunks.
    keys_per_chunk : int, optional
        Force this many (point, replicate) keys per chunk (rounded to the
        regular grid); by default chosen from the cost model.
    chunks_per_worker, min_seconds, max_seconds, max_cells
        See the module docstring.
    cost_per_replicate : float, optional
        Seconds per replicate [s]; default :func:`replicate_cost` of ``cells``.
    """
    total = n_points * n_replicates
    if keys_per_chunk is None:
        c = cost_per_replicate if cost_per_replicate is not None else replicate_cost(cells)
        k = math.ceil(total / max(1, workers * chunks_per_worker))
        lo = math.ceil(min_seconds / c)
        hi = max(1, min(math.floor(max_seconds / c), max_cells // max(cells, 1)))
        k = max(k, lo)
        k = min(k, hi)
    else:
        k = keys_per_chunk
    k = max(1, min(int(k), total))
    if k >= n_replicates:
        pb = min(n_points, k // n_replicates)
        pb = math.ceil(n_points / math.ceil(n_points / pb))  # even blocks, no runt at the end
        return ChunkPlan(n_points, n_replicates, pb, n_replicates)
    rb = math.ceil(n_replicates / math.ceil(n_replicates / k))
    return ChunkPlan(n_points, n_replicates, 1, rb)


def plan_for(scenario, workers: int, chunk_size: int | None = None) -> ChunkPlan:
    """The chunk plan of ``scenario`` for ``workers`` workers (``chunk_size``: keys per chunk)."""
    return plan_chunks(len(expand(scenario)), scenario.replicates, max_items(scenario), workers, keys_per_chunk=chunk_size,
                       cost_per_replicate=replicate_cost(max_items(scenario), duty_steps(scenario)))


def estimated_seconds(scenario) -> float:
    """Estimated serial run time of the study [s] (cost model above)."""
    return study_cost(n_points(scenario), scenario.replicates, max_items(scenario), duty_steps(scenario))


#: studies beyond these run only with ``--allow-large``: estimated serial compute [s] and results size [bytes]
LARGE_SECONDS = 24 * 3600.0
LARGE_BYTES = 20e9
#: more sweep points than this are never made (the point list itself would not fit in memory)
MAX_POINTS = 1_000_000


@dataclass(frozen=True)
class StudySize:
    """How big a study is, before anything runs."""

    points: int
    replicates: int
    cells: int
    seconds: float  # estimated serial compute [s]
    bytes: float  # estimated results size [bytes]

    def describe(self) -> str:
        return (f"{self.points} point(s) x {self.replicates} replicate(s) x {self.cells} cells "
                f"({self.points * self.replicates * self.cells:,} cells), ~{_duration(self.seconds)} of compute on one "
                f"core, ~{_bytes(self.bytes)} of results")


def _duration(s: float) -> str:
    return f"{s:.2g} s" if s < 120 else f"{s / 60:.3g} min" if s < 7200 else f"{s / 3600:.3g} h"


def _bytes(b: float) -> str:
    return next(f"{b / f:.3g} {u}" for f, u in ((1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "kB"), (1, "B")) if b >= f or f == 1)


def study_size(scenario) -> StudySize:
    """Points, replicates, cells, estimated compute time and results size of ``scenario``'s study."""
    p, r, n = n_points(scenario), scenario.replicates, max_items(scenario)
    per_cell = sum(np.dtype(v.dtype).itemsize for v in variables(CELL)) + 2 * 8 * len(scenario.line.stations)
    return StudySize(p, r, n, study_cost(p, r, n, duty_steps(scenario)), float(p) * r * n * per_cell)


def check_size(scenario, allow_large: bool = False) -> StudySize:
    """``scenario``'s size; :class:`StudyTooLarge` (exit 2) beyond the limits unless ``allow_large``."""
    size = study_size(scenario)
    if size.points > MAX_POINTS:
        raise StudyTooLarge(f"the sweep has {size.points:.3g} points; at most {MAX_POINTS} are made", "sweep")
    if not allow_large and (size.seconds > LARGE_SECONDS or size.bytes > LARGE_BYTES):
        raise StudyTooLarge(f"the study is large: {size.describe()} (limits: {LARGE_SECONDS / 3600:g} h, "
                            f"{LARGE_BYTES / 1e9:g} GB); run it with --allow-large if that is what you want",
                            scenario.name)
    return size
