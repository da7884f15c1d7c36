"""The zarr side of a results store: its layout, block writes, and reading it back as the results Dataset.

The layout (every array of the full study, with the (point, replicate)
dimensions chunked by the study's blocks) is created once from the first
finished chunk's Dataset, so variables, dtypes, units and long names are
exactly those :func:`twin.results.dataset.build_dataset` makes; metadata is
consolidated then, and block writes never change it. Writes go through
zarr's asynchronous API on a private event loop, all arrays of a block at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as _dt
import shutil
import warnings
from pathlib import Path

import numpy as np
import xarray as xr

from .._version import __version__
from .blocks import Chunk, ChunkPlan

__all__ = ["PER_KEY_DIMS", "FIXED_COORDS", "quiet", "create_layout", "ZarrArrays", "open_store_dataset", "BlockArray",
           "block_digest"]

PER_KEY_DIMS = ("point", "replicate")
FIXED_COORDS = ("station", "gate", "cell")


@contextlib.contextmanager
def quiet():
    """Silence zarr's notice that consolidated metadata is not in the v3 spec (we rely on it)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*[Cc]onsolidated metadata.*")
        warnings.filterwarnings("ignore", message=".*not recognized as a component of a Zarr hierarchy.*")
        yield


def create_layout(path: Path, first: xr.Dataset, plan: ChunkPlan, keep: str) -> None:
    """Create every array of the full study in ``path`` with the layout of ``first`` (one chunk's Dataset).

    Anything in ``path`` but the entry ``keep`` (the store's own metadata
    folder) is a leftover of an interrupted layout creation and is removed.
    """
    import zarr

    for p in path.iterdir():
        if p.name != keep:
            shutil.rmtree(p) if p.is_dir() else p.unlink()
    sizes = {"point": plan.n_points, "replicate": plan.n_replicates}
    blocks = {"point": plan.point_block, "replicate": plan.replicate_block}
    aux = [c for c in first.coords if c not in first.dims]  # e.g. swept settings on `point`
    with quiet():
        root = zarr.open_group(str(path), mode="a", zarr_format=3, attributes=json_attrs(first.attrs))
        for name, var in first.variables.items():
            attrs = json_attrs(var.attrs)
            mine = [c for c in aux if set(first[c].dims) <= set(var.dims)] if name in first.data_vars else []
            if mine:  # CF/xarray convention: these non-index coordinates belong to the variable
                attrs["coordinates"] = " ".join(mine)
            arr = root.create_array(name, shape=tuple(sizes.get(d, first.sizes[d]) for d in var.dims),
                                    chunks=tuple(blocks.get(d, first.sizes[d]) for d in var.dims),
                                    dtype=str if var.dtype.kind in "OUT" else var.dtype, fill_value=fill_value(var.dtype),
                                    dimension_names=var.dims, attributes=attrs)
            if not set(var.dims) & set(PER_KEY_DIMS):  # cell, station, gate: the same in every chunk
                arr[...] = plain(var.values)
        root["point"][...] = np.arange(plan.n_points, dtype=root["point"].dtype)
        root["replicate"][...] = np.arange(plan.n_replicates, dtype=root["replicate"].dtype)
        zarr.consolidate_metadata(str(path))


class ZarrArrays:
    """A store's arrays opened for block writes (call :meth:`close` when done)."""

    def __init__(self, path: Path):
        import zarr.api.asynchronous as za

        self._loop = asyncio.new_event_loop()

        async def _open():
            with quiet():
                g = await za.open_group(str(path), mode="r+", use_consolidated=True)
                return {name: arr async for name, arr in g.arrays()}

        self.arrays = self._loop.run_until_complete(_open())
        names = [n for n in FIXED_COORDS if n in self.arrays]

        async def _read():
            return await asyncio.gather(*(self.arrays[n].getitem(...) for n in names))

        values = self._loop.run_until_complete(_read())
        self.fixed = {n: norm(v) for n, v in zip(names, values)}

    def block_writes(self, ds: xr.Dataset, ch: Chunk) -> list[tuple[object, tuple, np.ndarray]]:
        """(array, region, values) of every (point, replicate) variable of one chunk's Dataset."""
        out = []
        for name, var in ds.variables.items():
            if not set(var.dims) & set(PER_KEY_DIMS) or name in PER_KEY_DIMS:
                continue
            sel = tuple(slice(ch.p0, ch.p1) if d == "point" else slice(ch.r0, ch.r1) if d == "replicate" else slice(None)
                        for d in var.dims)
            out.append((self.arrays[name], sel, np.ascontiguousarray(plain(var.values))))
        return out

    def read_block(self, name: str, ch: Chunk) -> np.ndarray:
        """What the store holds for one (point, replicate) variable in chunk ``ch`` (fill values where nothing is)."""
        arr = self.arrays[name]
        sel = tuple(slice(ch.p0, ch.p1) if d == "point" else slice(ch.r0, ch.r1) if d == "replicate" else slice(None)
                    for d in arr.metadata.dimension_names)

        async def _read():
            return await arr.getitem(sel)

        return np.asarray(self._loop.run_until_complete(_read()))

    def block_names(self) -> list[str]:
        """The (point, replicate) variables, the ones each chunk writes."""
        return sorted(n for n, a in self.arrays.items()
                      if set(a.metadata.dimension_names or ()) & set(PER_KEY_DIMS) and n not in PER_KEY_DIMS)

    def write(self, writes) -> None:
        """Write every (array, region, values) at once (each zarr chunk file is written whole)."""
        async def _write():
            await asyncio.gather(*(a.setitem(sel, v) for a, sel, v in writes))

        self._loop.run_until_complete(_write())

    def close(self) -> None:
        self._loop.close()


def open_store_dataset(path: str | Path, *, lazy_blocks: bool = False) -> xr.Dataset:
    """Open a store as the results Dataset, attributes as :func:`twin.results.dataset.build_dataset` gives them.

    Variables are loaded lazily (on access). With ``lazy_blocks``, the
    (point, replicate) variables are :class:`BlockArray` s that are only ever
    read block by block (used by the export).
    """
    with quiet():
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

        with quiet():
            root = zarr.open_group(str(path), mode="r", use_consolidated=True)
            for name in list(ds.data_vars):
                var = ds[name].variable
                if set(var.dims) & set(PER_KEY_DIMS):
                    ds[name] = xr.Variable(var.dims, BlockArray(root[name]), var.attrs)
    ds.attrs["history"] = f"{_now()}: twin run (ssb-twin {__version__}), exported from {Path(path).name}"
    return ds


class BlockArray:
    """A zarr array seen by xarray as a duck array that is never loaded whole: only ``read(index)`` blocks.

    Anything that would load the whole array raises, so a full load can never
    slip in unnoticed.
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
        return BlockArray(self._z, dtype)

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
        return f"BlockArray(shape={self.shape}, dtype={self.dtype})"


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def norm(values) -> np.ndarray:
    """Strings of any numpy flavour (object, U, StringDType) as ``U``; anything else unchanged."""
    v = np.asarray(values)
    return np.array(v.tolist(), dtype=str) if v.dtype.kind in "OUT" else v


def plain(values: np.ndarray) -> np.ndarray:
    """Object string arrays as ``U`` (what zarr stores); anything else unchanged."""
    if values.dtype.kind == "O":
        return np.asarray(values, dtype=str)
    return values


def fill_value(dtype: np.dtype):
    """zarr fill value of a never-written block: NaN, False, 0 or the empty string."""
    if dtype.kind == "f":
        return np.nan
    if dtype.kind == "b":
        return False
    if dtype.kind in "iu":
        return 0
    return ""


def json_attrs(attrs: dict) -> dict:
    """Attributes as JSON values (numpy arrays and scalars to lists and Python scalars)."""
    out = {}
    for k, v in attrs.items():
        if isinstance(v, np.ndarray):
            v = v.tolist()
        elif isinstance(v, np.generic):
            v = v.item()
        out[k] = v
    return out


def block_digest(values: np.ndarray) -> str:
    """sha256 of a block as stored (dtype and bytes), recorded in a chunk's manifest and checked on resume and export."""
    v = np.ascontiguousarray(plain(np.asarray(values)))
    if v.dtype.kind in "fc" and np.isnan(v).any():  # one NaN bit pattern: stores may keep or canonicalise a NaN's sign/payload
        v = np.where(np.isnan(v), np.array(np.nan, dtype=v.dtype), v)
    if v.dtype.kind in "OUT":
        payload = "\0".join(map(str, v.ravel().tolist())).encode()
    else:
        payload = v.tobytes()
    import hashlib

    return hashlib.sha256(str(v.dtype.str).encode() + repr(v.shape).encode() + payload).hexdigest()
