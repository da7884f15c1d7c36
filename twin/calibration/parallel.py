"""Evaluate many independent model runs in order: in this process, on a local Ray, or on a Ray cluster.

The samplers hand a batch of evaluations to :meth:`TaskPool.map` (emcee: the
log posterior of half the walkers per step; ABC-SMC: the simulations of a
batch of proposals) and get the results back **in the order given**. What an
evaluation returns depends only on its arguments (its seed among them), so
the posterior is the same serially, on 2 workers or on a cluster.

Ray is reached through :class:`twin.study.ray_backend.RayBackend`, the one
module of ssb-twin that imports it: it starts (and stops) the private local
Ray on loopback or joins the cluster, checks that the workers run the same
ssb-twin, and exposes the Ray module it started as ``ray``. The study
backend maps only simulation chunks, so the generic ordered map is here. An
evaluation is cheap (a log posterior: ~0.1-1 ms; a small line replicate:
~5 ms) and the function carries the data, so the function is not sent with
every task: it is put in the object store once and held by one Ray actor per
worker (:class:`_Evaluator`), and each map sends every actor one contiguous
batch of arguments. A map with another function replaces the actors.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["TaskPool", "map_tasks"]



class _Evaluator:
    """A Ray actor (one per worker) that holds the function, so it is unpickled once, not per task."""

    def __init__(self, fn: Callable):
        self.fn = fn

    def run(self, batch: Sequence) -> list:
        return [self.fn(x) for x in batch]


class TaskPool:
    """An ordered ``map`` over independent evaluations; a context manager.

    Parameters
    ----------
    workers : int
        1: in this process. More: a private local Ray with that many workers.
    address : str, optional
        A Ray cluster to join (``host:port`` or ``auto``); ``workers`` is then the cluster's CPUs.
    """

    def __init__(self, workers: int = 1, address: str | None = None):
        if workers < 1:
            raise ValueError("workers must be >= 1")
        self.address = address
        self.workers = workers
        self._backend = None
        self._ray = None
        self._fn: Any = None  # the function the actors hold (kept alive: its id stays its own)
        self._actors: list = []

    @property
    def name(self) -> str:
        return "serial" if self._ray is None else self._backend.name

    def __enter__(self) -> "TaskPool":
        if self.workers > 1 or self.address:
            from ..study.ray_backend import RayBackend

            be = RayBackend(workers=None if self.address else self.workers, address=self.address)
            self._backend = be.__enter__()
            self._ray = be.ray
            self.workers = be.workers
        return self

    def __exit__(self, *exc) -> bool:
        self._drop_actors()
        if self._backend is not None:
            self._backend.__exit__(*exc)
            self._backend = self._ray = None
        return False

    def _drop_actors(self) -> None:
        for a in self._actors:
            try:
                self._ray.kill(a)
            except Exception:  # noqa: BLE001 - an actor already gone
                pass
        self._actors, self._fn = [], None

    def _actors_for(self, fn: Callable) -> list:
        """One :class:`_Evaluator` per worker holding ``fn`` (started on the first map with ``fn``)."""
        if fn is not self._fn:
            self._drop_actors()
            ray = self._ray
            cls = ray.remote(max_restarts=3, max_task_retries=3, scheduling_strategy="SPREAD")(_Evaluator)
            self._actors = [cls.remote(fn) for _ in range(self.workers)]
            self._fn = fn
        return self._actors

    def map(self, fn: Callable, items: Sequence) -> list:
        """``[fn(x) for x in items]``, in this order, evaluated on the pool's workers."""
        items = list(items)
        if self._ray is None or len(items) <= 1:
            return [fn(x) for x in items]
        actors = self._actors_for(fn)
        n = min(len(items), len(actors))
        edges = [round(i * len(items) / n) for i in range(n + 1)]
        refs = [a.run.remote(items[lo:hi]) for a, lo, hi in zip(actors, edges, edges[1:])]
        return [y for part in self._ray.get(refs) for y in part]


def map_tasks(fn: Callable, args: Sequence, workers: int = 1, address: str | None = None) -> list:
    """``[fn(a) for a in args]`` on a pool started for this call (see :class:`TaskPool`)."""
    with TaskPool(workers, address) as pool:
        return pool.map(fn, args)
