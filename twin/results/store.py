"""Results store: a zarr directory a study streams its chunks into, resumable.

Layout of a store ``STUDY.zarr/``::

    zarr.json, <variable>/...     the results Dataset (zarr v3, consolidated metadata),
                                  the full study's shape from the start; each
                                  work chunk (:class:`twin.results.blocks.Chunk`) is one
                                  zarr chunk of every (point, replicate) variable
    .twin/study.json              what the store holds: scenario hash, chunk plan
    .twin/layout.done             written once every array exists (before any chunk)
    .twin/chunks/000042.json      completion manifest of chunk 42
    .twin/lock                    held (flock) while a run writes the store

Rules that make a store resumable with nothing lost, written twice or silently damaged:

1. A chunk's data are written first (every zarr chunk file is written to a
   temporary name and renamed, so a file is never half-written); its manifest
   is written after, again to a temporary name and renamed. A chunk is done
   if and only if its manifest exists.
2. Work chunks and zarr chunks coincide, so writing one work chunk never
   touches data of another: an interrupted write leaves at most one chunk
   without a manifest, and resuming rewrites exactly that chunk.
3. The layout (arrays, coordinates, attributes) is created once, before the
   first chunk is written, and metadata is consolidated then; chunk writes
   never change metadata (:mod:`twin.results.zarr_io`).
4. Only one run writes a store at a time (an advisory lock), from its creation
   until it is exported and removed.
5. A manifest records the sha256 of every block its chunk wrote; a resumed
   study and every export check them (:meth:`ResultsStore.verify`). A chunk
   whose data are missing, changed or unreadable, or whose manifest is not
   valid, is not done: resume recomputes it, and export refuses a store with
   such a chunk rather than read fill values as results.
6. A store is removed by renaming it out of the way first (atomic), then
   deleting the renamed folder, so an interruption never leaves half a store
   under its name.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import fcntl
import json
import os
import shutil
import signal
import threading
import uuid
from pathlib import Path

import numpy as np
import xarray as xr

from .._version import __version__
from ..errors import StoreError
from .atomic import write_json_atomic
from .blocks import Chunk, ChunkData, ChunkPlan
from .export import export_netcdf
from .integrity import damaged_chunks
from .zarr_io import FIXED_COORDS, ZarrArrays, block_digest, create_layout, norm, open_store_dataset

__all__ = ["ChunkData", "ResultsStore", "StoreError", "open_store_dataset", "new_run_id"]

STORE_FORMAT = "ssb-twin results store"
STORE_VERSION = 1
META = ".twin"


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


@contextlib.contextmanager
def _sigint_deferred():
    """Hold back SIGINT (Ctrl-C) inside the block and raise KeyboardInterrupt after it, if one came.

    Correctness does not depend on it (an interrupted write is rewritten on
    resume), but a chunk that is being written is then always finished.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


class ResultsStore:
    """A study's results store at ``path`` (see the module docstring)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.meta_dir = self.path / META
        self.chunk_dir = self.meta_dir / "chunks"
        self._lock_fh = None
        self._arrays: ZarrArrays | None = None
        self._info = None

    # ------------------------------------------------------------------ lifecycle

    @staticmethod
    def is_store(path: str | Path) -> bool:
        return (Path(path) / META / "study.json").is_file()

    @classmethod
    def create(cls, path: str | Path, scenario, plan: ChunkPlan) -> "ResultsStore":
        """Start a new store for ``scenario`` (the directory must not exist or be empty)."""
        path = Path(path)
        if path.exists() and (not path.is_dir() or any(path.iterdir())):
            raise StoreError("exists already", path)
        st = cls(path)
        st.chunk_dir.mkdir(parents=True, exist_ok=True)
        st.lock()
        info = {
            "format": STORE_FORMAT, "version": STORE_VERSION, "scenario_name": scenario.name,
            "scenario_sha256": scenario.sha256, "seed": int(scenario.seed), "plan": plan.to_dict(),
            "n_chunks": len(plan), "created": _now(), "ssb_twin_version": __version__,
        }
        write_json_atomic(st.meta_dir / "study.json", info)
        st._info = info
        return st

    @classmethod
    def open(cls, path: str | Path, scenario=None) -> "ResultsStore":
        """Open an existing store; with ``scenario``, check it belongs to that scenario."""
        st = cls(path)
        if not cls.is_store(path):
            raise StoreError("not an ssb-twin results store", path)
        info = st.info
        if info.get("format") != STORE_FORMAT or info.get("version") != STORE_VERSION:
            raise StoreError(f"unsupported store format {info.get('format')!r} v{info.get('version')}", path)
        if scenario is not None and info["scenario_sha256"] != scenario.sha256:
            raise StoreError(
                f"holds results of a different scenario (its YAML changed since the study started: "
                f"sha256 {info['scenario_sha256'][:12]}... vs {scenario.sha256[:12]}...); "
                "remove the store or run the original scenario", path)
        return st

    @property
    def info(self) -> dict:
        if self._info is None:
            try:
                info = json.loads((self.meta_dir / "study.json").read_text())
                ChunkPlan.from_dict(info["plan"])
                int(info["n_chunks"]), str(info["scenario_sha256"])
            except (OSError, ValueError, KeyError, TypeError) as exc:
                raise StoreError(f"damaged: {META}/study.json cannot be read ({type(exc).__name__}); "
                                 "remove the store and run the study again", self.path) from None
            self._info = info
        return self._info

    @property
    def plan(self) -> ChunkPlan:
        return ChunkPlan.from_dict(self.info["plan"])

    def lock(self) -> None:
        """Take the store's advisory lock (one writing run at a time)."""
        if self._lock_fh is not None:
            return
        fh = open(self.meta_dir / "lock", "a+")
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()
            raise StoreError("is being written by another run", self.path) from None
        self._lock_fh = fh

    def close(self) -> None:
        if self._arrays is not None:
            self._arrays.close()
            self._arrays = None
        if self._lock_fh is not None:
            fcntl.flock(self._lock_fh.fileno(), fcntl.LOCK_UN)
            self._lock_fh.close()
            self._lock_fh = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ------------------------------------------------------------------ manifest

    def _manifest(self, index: int) -> Path:
        return self.chunk_dir / f"{index:06d}.json"

    def done(self) -> set[int]:
        """Indices of the chunks whose data are stored (their manifest exists)."""
        return {int(p.stem) for p in self.chunk_dir.glob("[0-9]*.json") if p.stem.isdigit()}

    def manifest(self, index: int) -> dict:
        return json.loads(self._manifest(index).read_text())

    def verify(self) -> dict[int, str]:
        """Chunks marked done whose stored data do not match their manifest: index -> what is wrong
        (:func:`twin.results.integrity.damaged_chunks`)."""
        return damaged_chunks(self)

    def forget(self, indices) -> None:
        """Remove the manifests of ``indices``: those chunks count as not done and are computed again."""
        for i in indices:
            self._manifest(i).unlink(missing_ok=True)

    def todo(self) -> list[Chunk]:
        done = self.done()
        return [c for c in self.plan.chunks if c.index not in done]

    def is_complete(self) -> bool:
        return len(self.done()) == self.info["n_chunks"]

    @property
    def has_layout(self) -> bool:
        """Every array exists and the metadata are consolidated (marker written last)."""
        return (self.meta_dir / "layout.done").is_file()

    # ------------------------------------------------------------------ writing

    def write_chunk(self, data: ChunkData, run_id: str = "") -> None:
        """Write one chunk's data to its region, then its completion manifest."""
        ch, ds = data.chunk, data.dataset
        if ds.sizes["point"] != ch.p1 - ch.p0 or ds.sizes["replicate"] != ch.r1 - ch.r0:
            raise StoreError(f"chunk {ch.index}: data shape {dict(ds.sizes)} does not match its block {ch}", self.path)
        if self._manifest(ch.index).exists():
            raise StoreError(f"chunk {ch.index} is stored already; it must not be written twice", self.path)
        if not self.has_layout:
            create_layout(self.path, ds, self.plan, keep=META)
            write_json_atomic(self.meta_dir / "layout.done", {"created": _now()})
        if self._arrays is None:
            self._arrays = ZarrArrays(self.path)
        self._check_chunk(ds, ch)
        writes = self._arrays.block_writes(ds, ch)
        digests = {a.basename: block_digest(v) for a, _, v in writes}
        with _sigint_deferred():  # Ctrl-C during a write takes effect once the chunk and its manifest are stored
            self._arrays.write(writes)
            write_json_atomic(self._manifest(ch.index), {
                "chunk": ch.index, "points": [ch.p0, ch.p1], "replicates": [ch.r0, ch.r1],
                "cells": data.cells, "compute_seconds": round(float(data.seconds), 6), "worker": data.worker,
                "run_id": run_id, "written": _now(), "sha256": digests,
            })

    def _check_chunk(self, ds: xr.Dataset, ch: Chunk) -> None:
        missing = [n for n in ds.variables if n not in self._arrays.arrays]
        if missing:
            raise StoreError(f"chunk {ch.index} has variables the store does not: {missing}", self.path)
        for name in FIXED_COORDS:
            if name in ds.variables and not np.array_equal(norm(ds[name].values), self._arrays.fixed[name]):
                raise StoreError(f"chunk {ch.index}: coordinate {name!r} differs from the store's", self.path)

    # ------------------------------------------------------------------ reading

    def dataset(self) -> xr.Dataset:
        """The stored results as a lazily loaded Dataset (complete or not)."""
        if not self.has_layout:
            raise StoreError("no chunk has been stored yet", self.path)
        return open_store_dataset(self.path)

    def export_netcdf(self, out: str | Path, block_bytes: int = 2**20) -> Path:
        """Write the complete, verified study to netCDF-4 at ``out``, atomically, block by block (:mod:`twin.results.export`)."""
        if not self.is_complete():
            n = len(self.done())
            raise StoreError(f"only {n} of {self.info['n_chunks']} chunks are stored; "
                             "finish the study (twin run --resume) before exporting", self.path)
        damaged = self.verify()
        if damaged:
            i, why = next(iter(damaged.items()))
            raise StoreError(f"{len(damaged)} stored chunk(s) are damaged (chunk {i}: {why}); nothing was exported. "
                             "`twin run --resume` recomputes them", self.path)
        return export_netcdf(self.path, out, self.plan, block_bytes)

    def remove(self) -> None:
        """Delete the store: renamed out of the way first (atomic), then the renamed folder is deleted."""
        trash = self.path.with_name(f".{self.path.name}.removing-{uuid.uuid4().hex[:8]}")
        os.replace(self.path, trash)
        self.close()
        shutil.rmtree(trash, ignore_errors=True)


def new_run_id() -> str:
    return uuid.uuid4().hex[:12]
