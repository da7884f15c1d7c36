"""Backends that run chunks: in-process serial, local Ray, an existing Ray cluster.

Every backend is a context manager with ``name``, ``workers`` and
``map_unordered(scenario, chunks)``, which yields one
:class:`twin.results.blocks.ChunkData` per chunk in completion order. What
runs a chunk is always :func:`twin.study.work.run_chunk`; the backend only
decides where and when, so results never depend on the backend. The Ray
backends live in :mod:`twin.study.ray_backend` (the only module that imports
Ray), loaded only when a study uses Ray.
"""


from __future__ import annotations

import os
from typing import Iterator, Sequence

from ..results.blocks import Chunk, ChunkData
from . import work

__all__ = ["SerialBackend", "choose_backend", "make_backend", "SERIAL_MAX_SECONDS"]

#: studies estimated to take less than this on one core run in-process (Ray start-up is several seconds)
SERIAL_MAX_SECONDS = 20.0


def choose_backend(backend: str, workers: int | None, address: str | None, estimated_seconds: float) -> tuple[str, int]:
    """(kind, workers) for a study: ``kind`` is ``serial``, ``ray-local`` or ``ray-cluster``."""
    address = address or os.environ.get("RAY_ADDRESS") or None
    if backend not in ("auto", "serial", "ray"):
        raise ValueError(f"unknown backend {backend!r}; valid: auto, serial, ray")
    if workers is not None and workers < 1:
        raise ValueError("workers must be >= 1")
    if address:
        if backend == "serial":
            raise ValueError("--address joins a Ray cluster; it cannot be combined with the serial backend")
        return "ray-cluster", 0  # the cluster's CPUs, known once connected
    ncpu = os.cpu_count() or 1
    if backend == "serial":
        return "serial", 1
    if backend == "ray":
        return "ray-local", workers or ncpu
    if workers == 1:
        return "serial", 1
    if workers:
        return "ray-local", workers
    if ncpu == 1 or estimated_seconds < SERIAL_MAX_SECONDS:
        return "serial", 1
    return "ray-local", ncpu


def make_backend(kind: str, workers: int, address: str | None = None, **kw):
    if kind == "serial":
        return SerialBackend()
    if kind == "ray-local":
        from .ray_backend import RayBackend

        return RayBackend(workers=workers, **kw)
    if kind == "ray-cluster":
        from .ray_backend import RayBackend

        return RayBackend(address=address or os.environ.get("RAY_ADDRESS"), **kw)
    raise ValueError(f"unknown backend kind {kind!r}")


class SerialBackend:
    """Runs chunks one after the other in this process (no start-up cost)."""

    name = "serial"
    workers = 1

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def map_unordered(self, scenario, chunks: Sequence[Chunk]) -> Iterator[ChunkData]:
        for c in chunks:
            yield work.run_chunk(scenario, c)


