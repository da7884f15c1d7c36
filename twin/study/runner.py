"""Run a study: plan chunks, run them on a backend, stream them into the store.

The runner knows neither the physics nor the line: a chunk
(:class:`twin.results.blocks.Chunk`) is a block of (point, replicate) keys
that :func:`twin.study.work.run_chunk` turns into its part of the results
Dataset on a worker. The backend (:mod:`twin.study.backends`: in-process
serial, local Ray, a Ray cluster) runs the chunks and hands them back in
completion order; the store (:mod:`twin.results.store`) writes each as it
arrives, so memory stays bounded and an interrupted study resumes where it
stopped.

Random streams are keyed by (point, replicate) (:mod:`twin.simulation.streams`),
so the numbers never depend on the backend, the number of workers or the chunking.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from ..results.dataset import max_items
from ..errors import StoreError
from ..results.store import ResultsStore, new_run_id
from .backends import choose_backend, make_backend
from .plan import estimated_seconds, plan_for

__all__ = ["run_study", "StudyRun"]


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
    repaired: dict[int, str] = field(default_factory=dict)  # damaged chunks found on resume and computed again
    handle: ResultsStore | None = field(default=None, repr=False)  # the store, still locked (hold=True)

    @property
    def overhead_per_chunk(self) -> float:
        """Wall time beyond the chunks' own compute time, per chunk [s] (tasks, transfers, store writes, idle
        workers at the end), from the time the backend was ready: (workers x wall - sum of compute) / chunks."""
        if not self.chunks_run:
            return 0.0
        return max(0.0, (self.seconds - self.startup_seconds) * self.workers - self.compute_seconds) / self.chunks_run


def run_study(scenario, store: str | Path, *, backend: str = "auto", workers: int | None = None,
              address: str | None = None, resume: bool = False, chunk_size: int | None = None,
              progress_factory=None, dashboard: bool = False, hold: bool = False) -> StudyRun:
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
        :mod:`twin.study.plan`); ignored when resuming (the store keeps its plan).
    dashboard : bool
        Start Ray's dashboard with a local Ray (on 127.0.0.1; off by default).
    progress_factory : callable, optional
        ``progress_factory(total_chunks, total_cells, done_chunks, done_cells)`` returning a
        context manager with ``advance(cells)`` (see :mod:`twin.study.progress`).
    hold : bool
        Return the store still open and locked (``StudyRun.handle``), for an
        export and removal under the same lock; the caller closes it.

    A resumed store is verified first (:meth:`twin.results.store.ResultsStore.verify`):
    chunks whose data do not match their manifest are computed again
    (``StudyRun.repaired``).
    """
    store = Path(store)
    kind, n_workers = choose_backend(backend, workers, address, estimated_seconds(scenario))
    run_id, t0 = new_run_id(), time.perf_counter()
    st = _open_existing(store, scenario, resume)
    repaired = _repair(st) if st is not None else {}
    ok = False
    try:
        if st is not None and not st.todo():  # finished already: nothing to start
            ok, n = True, st.info["n_chunks"]
            return StudyRun(store, "none", 0, n, 0, n, 0, time.perf_counter() - t0, 0.0, run_id, 0.0, repaired,
                            st if hold else None)
        extra = {"dashboard": True} if dashboard and kind == "ray-local" else {}
        with make_backend(kind, n_workers, address, **extra) as be:
            t_ready = time.perf_counter()
            if st is None:
                st = ResultsStore.create(store, scenario, plan_for(scenario, be.workers, chunk_size))
            total, n_run, skipped, cells, compute = _stream(be, scenario, st, run_id, progress_factory)
        ok = True
        return StudyRun(store, be.name, be.workers, total, n_run, skipped, cells, time.perf_counter() - t0,
                        compute, run_id, t_ready - t0, repaired, st if hold else None)
    finally:
        if st is not None and not (ok and hold):
            st.close()


def _open_existing(store: Path, scenario, resume: bool) -> ResultsStore | None:
    """The store to resume (locked), None for a new study; refuse anything else at ``store``."""
    if ResultsStore.is_store(store):
        if not resume:
            raise StoreError("holds a study already: continue it with --resume, or remove it", store)
        st = ResultsStore.open(store, scenario)
        st.lock()
        return st
    if store.exists() and (not store.is_dir() or any(store.iterdir())):
        raise StoreError("exists and is not an ssb-twin results store", store)
    return None


def _stream(be, scenario, st: ResultsStore, run_id: str, progress_factory) -> tuple[int, int, int, int, float]:
    """Run the chunks still to do and write each as it arrives: (total, run, skipped, cells run, compute seconds)."""
    plan, todo = st.plan, st.todo()
    total = len(plan)
    done_chunks = total - len(todo)
    done_cells = (plan.n_points * plan.n_replicates - sum(c.n_keys for c in todo)) * max_items(scenario)
    all_cells = plan.n_points * plan.n_replicates * max_items(scenario)
    bar = progress_factory(total, all_cells, done_chunks, done_cells) if progress_factory else _NoProgress()
    compute, cells_run, n_run = 0.0, 0, 0
    with bar:
        for data in be.map_unordered(scenario, todo):
            st.write_chunk(data, run_id)
            compute += data.seconds
            cells_run += data.cells
            n_run += 1
            bar.advance(data.cells)
            del data
    return total, n_run, done_chunks, cells_run, compute


def _repair(st: ResultsStore) -> dict[int, str]:
    """Verify a store being resumed; forget (to recompute) every chunk whose data do not match its manifest."""
    damaged = st.verify()
    st.forget(damaged)
    return damaged


class _NoProgress:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def advance(self, cells: int) -> None:
        pass
