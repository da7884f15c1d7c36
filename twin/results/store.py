"""Results store: a zarr directory a study streams its chunks into, resumable.

Layout of a store ``STUDY.zarr/``::

    zarr.json, <variable>/...     the results Dataset (zarr v3, consolidated metadata),
                                  the full study's shape from the start; each
                                  work chunk (:class:`twin.chunks.Chunk`) is one
                                  zarr chunk of every (point, replicate) variable
    .twin/study.json              what the store holds: scenario hash, chunk plan
    .twin/layout.done             written once every array exists (before any chunk)
    .twin/chunks/000042.json      completion manifest of chunk 42
    .twin/lock                    held (flock) while a run writes the store

Rules that make a store resumable with nothing lost or written twice:

1. A chunk's data are written first (every zarr chunk file is written to a
   temporary name and renamed, so a file is never half-written); its manifest
   is written after, again to a temporary name and renamed. A chunk is done
   if and only if its manifest exists.
2. Work chunks and zarr chunks coincide, so writing one work chunk never
   touches data of another: an interrupted write leaves at most one chunk
   without a manifest, and resuming rewrites exactly that chunk.
3. The layout (arrays, coordinates, attributes) is created once, before the
   first chunk is written, and metadata is consolidated then; chunk writes
   never change metadata.
4. Only one run writes a store at a time (an advisory lock).

The layout is taken from the first finished chunk's Dataset (built by
:func:`twin.results.build_dataset` on the worker), so variables, dtypes,
units and long names are exactly those of the in-memory results Dataset.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as _dt
import fcntl
import json
import os
import signal
import tempfile
import threading
import uuid
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import xarray as xr

from .. import __version__
from ..errors import StoreError
from ..study.plan import Chunk, ChunkPlan

__all__ = ["ChunkData", "ResultsStore", "StoreError", "open_store_dataset"]

STORE_FORMAT = "ssb-twin results store"
STORE_VERSION = 1
META = ".twin"
PER_KEY_DIMS = ("point", "replicate")


@dataclass
class ChunkData:
    """What a worker returns for one chunk: its part of the results Dataset and how long it took [s]."""

    chunk: Chunk
    dataset: xr.Dataset
    seconds: float = 0.0
    worker: str = ""

    @property
    def cells(self) -> int:
        return int(self.chunk.n_keys * self.dataset.sizes.get("cell", 0))


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def _write_json_atomic(path: Path, obj) -> None:
    """Write JSON to ``path`` via a temporary file in the same folder, fsync and rename."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w") as fh:
            json.dump(obj, fh, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def _quiet():
    """Silence zarr's notice that consolidated metadata is not in the v3 spec (we rely on it)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*[Cc]onsolidated metadata.*")
        warnings.filterwarnings("ignore", message=".*not recognized as a component of a Zarr hierarchy.*")
        yield


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
        self._arrays = None
        self._loop = None
        self._info = None
        self._fixed = {}

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
            "format": STORE_FORMAT,
            "version": STORE_VERSION,
            "scenario_name": scenario.name,
            "scenario_sha256": scenario.sha256,
            "seed": int(scenario.seed),
            "plan": plan.to_dict(),
            "n_chunks": len(plan),
            "created": _now(),
            "ssb_twin_version": __version__,
        }
        _write_json_atomic(st.meta_dir / "study.json", info)
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
            self._info = json.loads((self.meta_dir / "study.json").read_text())
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
        if self._loop is not None:
            self._loop.close()
            self._loop = None
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
        out = set()
        for p in self.chunk_dir.glob("[0-9]*.json"):
            out.add(int(p.stem))
        return out

    def manifest(self, index: int) -> dict:
        return json.loads(self._manifest(index).read_text())

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

    def _create_layout(self, first: xr.Dataset) -> None:
        """Create every array of the full study, with the layout of ``first`` (one chunk's Dataset)."""
        import zarr

        import shutil

        for p in self.path.iterdir():  # leftovers of a layout creation that was interrupted (no chunk stored yet)
            if p.name != META:
                shutil.rmtree(p) if p.is_dir() else p.unlink()
        plan = self.plan
        sizes = {"point": plan.n_points, "replicate": plan.n_replicates}
        blocks = {"point": plan.point_block, "replicate": plan.replicate_block}
        with _quiet():
            root = zarr.open_group(str(self.path), mode="a", zarr_format=3, attributes=_json_attrs(first.attrs))
            aux = [c for c in first.coords if c not in first.dims]  # e.g. swept settings on `point`
            for name, var in first.variables.items():
                dims = var.dims
                attrs = _json_attrs(var.attrs)
                if name in first.data_vars:
                    mine = [c for c in aux if set(first[c].dims) <= set(dims)]
                    if mine:  # CF/xarray convention: these non-index coordinates belong to the variable
                        attrs["coordinates"] = " ".join(mine)
                shape = tuple(sizes.get(d, first.sizes[d]) for d in dims)
                chunks = tuple(blocks.get(d, first.sizes[d]) for d in dims)
                dtype = var.dtype
                if dtype.kind in "OUT":
                    dtype = str
                fill = _fill_value(var.dtype)
                arr = root.create_array(name, shape=shape, chunks=chunks, dtype=dtype, fill_value=fill,
                                        dimension_names=dims, attributes=attrs)
                if not set(dims) & set(PER_KEY_DIMS):  # cell, station, gate: the same in every chunk
                    arr[...] = _plain(var.values)
            root["point"][...] = np.arange(plan.n_points, dtype=root["point"].dtype)
            root["replicate"][...] = np.arange(plan.n_replicates, dtype=root["replicate"].dtype)
            zarr.consolidate_metadata(str(self.path))
        _write_json_atomic(self.meta_dir / "layout.done", {"created": _now()})

    def _open_arrays(self):
        import zarr.api.asynchronous as za

        if self._loop is None:
            self._loop = asyncio.new_event_loop()

        async def _open():
            with _quiet():
                g = await za.open_group(str(self.path), mode="r+", use_consolidated=True)
                return {name: arr async for name, arr in g.arrays()}

        self._arrays = self._loop.run_until_complete(_open())

        async def _read(names):
            return await asyncio.gather(*(self._arrays[n].getitem(...) for n in names))

        names = [n for n in ("station", "gate", "cell") if n in self._arrays]
        self._fixed = {n: _norm(v) for n, v in zip(names, self._loop.run_until_complete(_read(names)))}

    def write_chunk(self, data: ChunkData, run_id: str = "") -> None:
        """Write one chunk's data to its region, then its completion manifest."""
        ch = data.chunk
        ds = data.dataset
        if ds.sizes["point"] != ch.p1 - ch.p0 or ds.sizes["replicate"] != ch.r1 - ch.r0:
            raise StoreError(f"chunk {ch.index}: data shape {dict(ds.sizes)} does not match its block {ch}")
        if self._manifest(ch.index).exists():
            raise StoreError(f"chunk {ch.index} is stored already; it must not be written twice")
        if not self.has_layout:
            self._create_layout(ds)
        if self._arrays is None:
            self._open_arrays()
        arrays = self._arrays
        missing = [n for n in ds.variables if n not in arrays]
        if missing:
            raise StoreError(f"chunk {ch.index} has variables the store does not: {missing}")
        for name in ("station", "gate", "cell"):
            if name in ds.variables and not np.array_equal(_norm(ds[name].values), self._fixed[name]):
                raise StoreError(f"chunk {ch.index}: coordinate {name!r} differs from the store's")
        writes = []
        for name, var in ds.variables.items():
            dims = var.dims
            if not set(dims) & set(PER_KEY_DIMS) or name in PER_KEY_DIMS:
                continue
            sel = tuple(slice(ch.p0, ch.p1) if d == "point" else slice(ch.r0, ch.r1) if d == "replicate" else slice(None)
                        for d in dims)
            writes.append((arrays[name], sel, np.ascontiguousarray(_plain(var.values))))

        async def _write():
            await asyncio.gather(*(a.setitem(sel, v) for a, sel, v in writes))

        with _sigint_deferred():  # Ctrl-C during a write takes effect once the chunk and its manifest are stored
            self._loop.run_until_complete(_write())
            _write_json_atomic(self._manifest(ch.index), {
                "chunk": ch.index, "points": [ch.p0, ch.p1], "replicates": [ch.r0, ch.r1],
                "cells": data.cells, "compute_seconds": round(float(data.seconds), 6), "worker": data.worker,
                "run_id": run_id, "written": _now(),
            })

    # ------------------------------------------------------------------ reading

    def dataset(self) -> xr.Dataset:
        """The stored results as a lazily loaded Dataset (complete or not)."""
        if not self.has_layout:
            raise StoreError("no chunk has been stored yet", self.path)
        return open_store_dataset(self.path)

    def export_netcdf(self, out: str | Path, block_bytes: int = 2**20) -> Path:
        """Write the complete study to netCDF-4 at ``out``, atomically, streaming block by block.

        The file is what :func:`twin.results.write_netcdf_atomic` writes for the
        same Dataset (xarray's own CF encoding and netCDF-4 store); only the
        copying differs: the (point, replicate) variables go through memory in
        blocks of at most ``block_bytes``, so exporting needs the same memory for
        10^4 or 10^8 cells.
        """
        if not self.is_complete():
            n = len(self.done())
            raise StoreError(f"only {n} of {self.info['n_chunks']} chunks are stored; "
                             "finish the study (twin run --resume) before exporting", self.path)
        ds = open_store_dataset(self.path, lazy_blocks=True)
        try:
            return _write_netcdf_blockwise(ds, out, self.plan, block_bytes)
        finally:
            ds.close()


def open_store_dataset(path: str | Path, *, lazy_blocks: bool = False) -> xr.Dataset:
    """Open a store as the results Dataset, attributes as :func:`twin.results.build_dataset` gives them.

    Variables are loaded lazily (on access). With ``lazy_blocks``, the
    (point, replicate) variables are :class:`_BlockArray` s that are only ever
    read block by block (used by the export).
    """
    with _quiet():
        ds = xr.open_zarr(str(path), consolidated=True, chunks=None, decode_times=False, decode_timedelta=False)
    strings = {}
    for name, var in ds.variables.items():
        var.encoding = {}
        if "flag_values" in var.attrs:
            var.attrs["flag_values"] = np.asarray(var.attrs["flag_values"], dtype=var.dtype)
        if var.dtype.kind in "TU":  # zarr v3 strings come back as numpy StringDType; build_dataset uses object
            strings[name] = (var.dims, np.asarray(var.values, dtype=object), var.attrs)
    coords = {k: v for k, v in strings.items() if k in ds.coords}
    if coords:
        ds = ds.assign_coords(coords)
    for k, v in strings.items():
        if k not in coords:
            ds[k] = v
    if lazy_blocks:
        import zarr

        with _quiet():
            root = zarr.open_group(str(path), mode="r", use_consolidated=True)
            for name in list(ds.data_vars):
                var = ds[name].variable
                if set(var.dims) & set(PER_KEY_DIMS):
                    ds[name] = xr.Variable(var.dims, _BlockArray(root[name]), var.attrs)
    ds.attrs["history"] = f"{_now()}: twin run (ssb-twin {__version__}), exported from {Path(path).name}"
    return ds


class _BlockArray:
    """A zarr array seen by xarray as a duck array that is never loaded whole: only ``read(index)`` blocks.

    Supports the one operation xarray's CF encoding applies to our variables
    (``astype``, e.g. bool -> int8) lazily. Anything that would load the whole
    array raises, so a full load can never slip in unnoticed.
    """

    def __init__(self, zarray, dtype=None):
        self._z = zarray
        self.shape = tuple(zarray.shape)
        self.dtype = np.dtype(dtype) if dtype is not None else np.dtype(zarray.dtype.to_native_dtype()
                                                                          if hasattr(zarray.dtype, "to_native_dtype") else zarray.dtype)
        self.ndim = len(self.shape)

    @property
    def size(self) -> int:
        return int(np.prod(self.shape))

    @property
    def nbytes(self) -> int:
        return self.size * self.dtype.itemsize

    def astype(self, dtype, copy=True, **kw):
        return _BlockArray(self._z, dtype)

    def read(self, index) -> np.ndarray:
        a = np.asarray(self._z[index])
        return a.astype(self.dtype, copy=False) if a.dtype != self.dtype else a

    def __array_function__(self, func, types, args, kwargs):
        return NotImplemented

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        return NotImplemented

    def __array__(self, dtype=None, copy=None):
        raise RuntimeError("a store variable must be read block by block, not loaded whole")

    def __repr__(self) -> str:
        return f"_BlockArray(shape={self.shape}, dtype={self.dtype})"


class _BlockWriter:
    """xarray ArrayWriter stand-in: copies :class:`_BlockArray` sources block by block, the rest at once."""

    def __init__(self, blocks):
        self.blocks = blocks

    def add(self, source, target, region=None):
        if isinstance(source, _BlockArray):
            for idx in self.blocks(source):
                target[idx] = source.read(idx)
        elif region:
            target[region] = source
        else:
            target[...] = source

    def sync(self, *a, **k):
        return None


def _write_netcdf_blockwise(ds: xr.Dataset, path, plan: ChunkPlan, block_bytes: int) -> Path:
    """Like :func:`twin.results.write_netcdf_atomic` (temp file + rename, same encoding), streaming the data."""
    try:
        from xarray.backends.writers import dump_to_store
    except ImportError:  # xarray < 2025
        from xarray.backends.api import dump_to_store
    from xarray.backends import NetCDF4DataStore

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)

    def blocks(src: _BlockArray):
        # whole zarr chunks along (point, replicate), as many as fit in block_bytes
        row = src.dtype.itemsize * int(np.prod(src.shape[2:], dtype=np.int64))
        if src.shape[1] == plan.n_replicates and plan.point_block > 1 or src.nbytes <= block_bytes:
            per = max(1, block_bytes // max(row * src.shape[1], 1))
            step = max(plan.point_block, (per // plan.point_block) * plan.point_block)
            for p in range(0, src.shape[0], step):
                yield (slice(p, min(p + step, src.shape[0])),) + (slice(None),) * (src.ndim - 1)
            return
        per = max(1, block_bytes // max(row, 1))
        step = max(plan.replicate_block, (per // plan.replicate_block) * plan.replicate_block)
        for p in range(src.shape[0]):
            for r in range(0, src.shape[1], step):
                yield (slice(p, p + 1), slice(r, min(r + step, src.shape[1]))) + (slice(None),) * (src.ndim - 2)

    import netCDF4

    enc = {v: {"zlib": True, "complevel": 1} for v in ds.data_vars if ds[v].dtype.kind in "fiu"}
    for name, var in ds.data_vars.items():
        if isinstance(var.variable._data, _BlockArray):
            # netCDF chunks = the store's blocks, so every block written covers whole chunks
            sizes = {"point": plan.point_block, "replicate": plan.replicate_block}
            enc.setdefault(name, {})["chunksizes"] = tuple(sizes.get(d, n) for d, n in zip(var.dims, var.shape))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    cache = netCDF4.get_chunk_cache()
    # small per-variable chunk cache: written chunks go to disk instead of piling up in memory until close
    netCDF4.set_chunk_cache(size=256 * 1024, nelems=cache[1], preemption=1.0)
    try:
        store = NetCDF4DataStore.open(tmp, mode="w", format="NETCDF4")
        try:
            dump_to_store(ds, store, writer=_BlockWriter(blocks), encoding=enc)
        finally:
            store.close()
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    finally:
        netCDF4.set_chunk_cache(*cache)
    return path


def _norm(values) -> np.ndarray:
    """Strings of any numpy flavour (object, U, StringDType) as ``U``; anything else unchanged."""
    v = np.asarray(values)
    return np.array(v.tolist(), dtype=str) if v.dtype.kind in "OUT" else v


def _plain(values: np.ndarray) -> np.ndarray:
    if values.dtype.kind == "O":
        return np.asarray(values, dtype=str)
    return values


def _fill_value(dtype: np.dtype):
    if dtype.kind == "f":
        return np.nan
    if dtype.kind == "b":
        return False
    if dtype.kind in "iu":
        return 0
    return ""


def _json_attrs(attrs: dict) -> dict:
    out = {}
    for k, v in attrs.items():
        if isinstance(v, np.ndarray):
            v = v.tolist()
        elif isinstance(v, np.generic):
            v = v.item()
        out[k] = v
    return out


def new_run_id() -> str:
    return uuid.uuid4().hex[:12]
