"""The work of a study: replicates, run one chunk at a time, on whichever worker gets the chunk.

:func:`run_chunk` is what every backend runs for a chunk: it simulates the
chunk's (point, replicate) keys and builds their block of the results
Dataset. The numbers depend on (scenario, point, replicate) only, never on
the worker, the backend or the chunking.
"""

from __future__ import annotations

import os
import socket
import time
from typing import Iterable

import xarray as xr

from ..results.blocks import Chunk, ChunkData
from ..results.dataset import build_dataset
from ..scenario.sweep import apply_point, expand, stream_point
from ..simulation.replicate import simulate_replicate

__all__ = ["work_keys", "run_unit", "run_chunk", "simulate_study"]


def work_keys(scenario) -> list[tuple[int, int]]:
    """Every (point, replicate) of the study, point-major."""
    return [(p, r) for p in range(len(expand(scenario))) for r in range(scenario.replicates)]


def run_unit(scenario, keys: Iterable[tuple[int, int]]) -> dict:
    """Simulate (point, replicate) keys: ``{(p, r): ReplicateResult}``.

    A point's random streams are keyed by its sweep point (:func:`~twin.scenario.sweep.stream_point`): every
    parameter draw meets the same process scatter."""
    points = expand(scenario)
    return {(p, r): simulate_replicate(apply_point(scenario, points[p]), stream_point(scenario, p), r) for p, r in keys}


def run_chunk(scenario, chunk: Chunk) -> ChunkData:
    """Run one chunk and assemble its block of the results Dataset (runs on a worker)."""
    t0 = time.perf_counter()
    results = run_unit(scenario, chunk.keys)
    ds = build_dataset(scenario, expand(scenario), list(range(chunk.p0, chunk.p1)), list(range(chunk.r0, chunk.r1)), results)
    return ChunkData(chunk, ds, time.perf_counter() - t0, f"{socket.gethostname()}:{os.getpid()}")


def simulate_study(scenario) -> xr.Dataset:
    """The whole study in memory, serially, without a store (small studies, notebooks, tests)."""
    points = expand(scenario)
    return build_dataset(scenario, points, list(range(len(points))), list(range(scenario.replicates)),
                         run_unit(scenario, work_keys(scenario)))
