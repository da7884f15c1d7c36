"""Run a study: plan chunks, run them on a backend, stream them into the store.

The runner knows nothing about physics: a work unit is a list of
(point, replicate) keys, executed by :func:`run_unit`, which calls
:func:`twin.replicate.simulate_replicate` for each key. A chunk
(:mod:`twin.chunks`) is a rectangular block of keys; :func:`run_chunk` runs
one on a worker and returns its part of the results Dataset. The backend
(:mod:`twin.backends`: in-process serial, local Ray, a Ray cluster) runs the
chunks and hands them back in completion order; the store
(:mod:`twin.store`) writes each as it arrives, so memory stays bounded and an
interrupted study resumes where it stopped.

Random streams are keyed by (point, replicate) (:mod:`twin.streams`), so the
numbers never depend on the backend, the number of workers or the chunking.
"""

from __future__ import annotations

import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import xarray as xr

from .plan import Chunk, ChunkPlan, plan_chunks, study_cost
from ..results.store import ChunkData, ResultsStore, StoreError, new_run_id
from ..scenario.sweep import apply_point, expand

__all__ = ["run_study", "run_unit", "run_chunk", "work_keys", "simulate_study", "StudyRun", "plan_for"]


def work_keys(scenario) -> list[tuple[int, int]]:
    """Every (point, replicate) of the study, point-major."""
    n_points = len(expand(scenario))
    return [(p, r) for p in range(n_points) for r in range(scenario.replicates)]


def run_unit(scenario, keys: Iterable[tuple[int, int]]) -> dict:
    """Execute one work unit (a chunk of (point, replicate) keys): ``{(p, r): ReplicateResult}``."""
    from ..simulation.replicate import simulate_replicate

    points = expand(scenario)
    out = {}
    for p, r in keys:
        out[(p, r)] = simulate_replicate(apply_point(scenario, points[p]), p, r)
    return out


def run_chunk(scenario, chunk: Chunk) -> ChunkData:
    """Run one chunk and assemble its block of the results Dataset (runs on a worker)."""
    from ..results.dataset import build_dataset

    t0 = time.perf_counter()
    results = run_unit(scenario, chunk.keys)
    ds = build_dataset(scenario, expand(scenario), list(range(chunk.p0, chunk.p1)), list(range(chunk.r0, chunk.r1)), results)
    return ChunkData(chunk, ds, time.perf_counter() - t0, f"{socket.gethostname()}:{os.getpid()}")


def simulate_study(scenario) -> xr.Dataset:
    """The whole study in memory, serially, without a store (small studies, notebooks, tests)."""
    from ..results.dataset import build_dataset

    points = expand(scenario)
    return build_dataset(scenario, points, list(range(len(points))), list(range(scenario.replicates)),
                         run_unit(scenario, work_keys(scenario)))


def plan_for(scenario, workers: int, chunk_size: int | None = None) -> ChunkPlan:
    """The chunk plan of ``scenario`` for ``workers`` workers (``chunk_size``: replicates per chunk)."""
    return plan_chunks(len(expand(scenario)), scenario.replicates, scenario.cells, workers, keys_per_chunk=chunk_size)


def estimated_seconds(scenario) -> float:
    """Estimated serial run time of the study [s] (cost model of :mod:`twin.chunks`)."""
    return study_cost(len(expand(scenario)), scenario.replicates, scenario.cells)


@dataclass
class StudyRun:
    """What a run did."""

    store: Path
    backend: str
    workers: int
    chunks_total: int
    chunks_run: int
    chunks_skipped: int
    cells_run: int
    seconds: float
    compute_seconds: float
    run_id: str
    startup_seconds: float = 0.0

    @property
    def overhead_per_chunk(self) -> float:
        """Wall time beyond the chunks' own compute time, per chunk [s] (tasks, transfers, store writes, idle
        workers at the end), from the time the backend was ready: (workers x wall - sum of compute) / chunks."""
        if not self.chunks_run:
            return 0.0
        return max(0.0, (self.seconds - self.startup_seconds) * self.workers - self.compute_seconds) / self.chunks_run


def run_study(scenario, store: str | Path, *, backend: str = "auto", workers: int | None = None,
              address: str | None = None, resume: bool = False, chunk_size: int | None = None,
              progress_factory=None, dashboard: bool = False) -> StudyRun:
    """Run ``scenario``'s study into the results store at ``store``.

    Parameters
    ----------
    scenario : Scenario
    store : path
        Results store directory (zarr). Must not exist unless ``resume``.
    backend : {"auto", "serial", "ray"}
        ``auto``: a Ray cluster if ``address`` is given; otherwise serial for
        small studies (or ``workers == 1``), local Ray on all cores (or
        ``workers``) for large ones.
    workers : int, optional
        Local Ray workers (default: every core of this machine).
    address : str, optional
        Address of an existing Ray cluster (``host:port`` or ``auto``).
    resume : bool
        Continue the study in ``store``: chunks already stored are skipped.
    chunk_size : int, optional
        (point, replicate) pairs per chunk (default from the cost model of
        :mod:`twin.chunks`); ignored when resuming (the store keeps its plan).
    dashboard : bool
        Start Ray's dashboard with a local Ray (on 127.0.0.1; off by default).
    progress_factory : callable, optional
        ``progress_factory(total_chunks, total_cells, done_chunks, done_cells)`` returning a
        context manager with ``advance(cells)`` (see :mod:`twin.progress`).
    """
    from .backends import choose_backend, make_backend

    store = Path(store)
    kind, n_workers = choose_backend(backend, workers, address, estimated_seconds(scenario))
    run_id = new_run_id()
    st = None
    if ResultsStore.is_store(store):
        if not resume:
            raise StoreError("holds a study already: continue it with --resume, or remove it", store)
        st = ResultsStore.open(store, scenario)
        st.lock()
    elif store.exists() and (not store.is_dir() or any(store.iterdir())):
        raise StoreError("exists and is not an ssb-twin results store", store)
    t0 = time.perf_counter()
    if st is not None and not st.todo():  # finished already: nothing to start
        n = st.info["n_chunks"]
        st.close()
        return StudyRun(store, "none", 0, n, 0, n, 0, time.perf_counter() - t0, 0.0, run_id)
    try:
        with make_backend(kind, n_workers, address, **({"dashboard": True} if dashboard and kind == "ray-local" else {})) as be:
            t_ready = time.perf_counter()
            if st is None:
                st = ResultsStore.create(store, scenario, plan_for(scenario, be.workers, chunk_size))
            plan = st.plan
            todo = st.todo()
            total_chunks = len(plan)
            cells_per_key = scenario.cells
            done_chunks = total_chunks - len(todo)
            done_cells = (plan.n_points * plan.n_replicates - sum(c.n_keys for c in todo)) * cells_per_key
            compute = 0.0
            cells_run = 0
            n_run = 0
            bar = progress_factory(total_chunks, plan.n_points * plan.n_replicates * cells_per_key, done_chunks, done_cells) \
                if progress_factory else _NoProgress()
            with bar:
                for data in be.map_unordered(scenario, todo):
                    st.write_chunk(data, run_id)
                    compute += data.seconds
                    cells_run += data.cells
                    n_run += 1
                    bar.advance(data.cells)
                    del data
            return StudyRun(store, be.name, be.workers, total_chunks, n_run, done_chunks, cells_run,
                            time.perf_counter() - t0, compute, run_id, t_ready - t0)
    finally:
        if st is not None:
            st.close()


class _NoProgress:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def advance(self, cells: int) -> None:
        pass
