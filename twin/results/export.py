"""Export a finished store to one netCDF-4 file, block by block, atomically.

The file is the one :func:`twin.results.atomic.write_netcdf_atomic` writes for
the same Dataset: the same variables, dtypes and CF encoding (floats with a
NaN ``_FillValue``; booleans as int8 with ``dtype: bool``; strings as
variable-length strings; the ``coordinates`` attribute naming the swept
settings on every data variable; numeric data variables zlib-compressed at
level 1), so ``xarray.open_dataset`` reads both identically (tested). Only
the copying differs: the (point, replicate) variables go through memory in
blocks of at most ``block_bytes``, so an export needs the same memory for
10^4 or 10^8 cells. It is written with netCDF4-python directly, on public API only.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import xarray as xr

from .atomic import NETCDF_COMPRESSION, atomic_path
from .blocks import ChunkPlan
from .zarr_io import BlockArray, open_store_dataset

__all__ = ["export_netcdf"]

#: per-variable chunk cache while writing [bytes]: written chunks go to disk instead of piling up in memory
CHUNK_CACHE = 256 * 1024


def export_netcdf(store: str | Path, out: str | Path, plan: ChunkPlan, block_bytes: int = 2**20) -> Path:
    """Write the study in ``store`` to netCDF-4 at ``out`` (temporary file + rename)."""
    ds = open_store_dataset(store, lazy_blocks=True)
    try:
        with atomic_path(out) as tmp:
            _write(ds, tmp, plan, block_bytes)
    finally:
        ds.close()
    return Path(out)


def _write(ds: xr.Dataset, path: Path, plan: ChunkPlan, block_bytes: int) -> None:
    import netCDF4

    aux = [c for c in ds.coords if c not in ds.dims]
    with netCDF4.Dataset(path, "w", format="NETCDF4") as nc:
        for dim, size in ds.sizes.items():
            nc.createDimension(dim, size)
        nc.setncatts({k: _attr(v) for k, v in ds.attrs.items()})
        for name, var in ds.variables.items():
            coords = [c for c in aux if set(ds[c].dims) <= set(var.dims)] if name in ds.data_vars else []
            target = _define(nc, name, var, plan, compress=name in ds.data_vars, coordinates=coords)
            _copy(var, target, plan, block_bytes)


def _define(nc, name: str, var: xr.Variable, plan: ChunkPlan, *, compress: bool, coordinates: list[str]):
    """Create one variable with xarray's CF encoding of its dtype, and its attributes."""
    dtype = var.dtype
    kind = dtype.kind
    stored = str if kind in "OUT" else np.int8 if kind == "b" else np.dtype(f"{kind}{dtype.itemsize}")  # native byte order
    options = {}
    if kind == "f":
        options["fill_value"] = np.nan
    if compress and kind in "fiu":
        options.update(NETCDF_COMPRESSION)
    if isinstance(var.data, BlockArray):  # netCDF chunks = the store's blocks: every block written covers whole chunks
        sizes = {"point": plan.point_block, "replicate": plan.replicate_block}
        options["chunksizes"] = tuple(sizes.get(d, n) for d, n in zip(var.dims, var.shape))
    target = nc.createVariable(name, stored, var.dims, **options)
    if isinstance(var.data, BlockArray):
        target.set_var_chunk_cache(size=CHUNK_CACHE, preemption=1.0)
    attrs = {k: _attr(v) for k, v in var.attrs.items()}
    if coordinates:
        attrs["coordinates"] = " ".join(coordinates)
    if kind == "b":
        attrs["dtype"] = "bool"
    target.setncatts(attrs)
    return target


def _copy(var: xr.Variable, target, plan: ChunkPlan, block_bytes: int) -> None:
    if not isinstance(var.data, BlockArray):
        values = np.asarray(var.values)
        target[...] = values.astype(np.int8) if values.dtype.kind == "b" else values
        return
    src = var.data
    for index in _blocks(src, plan, block_bytes):
        block = src.read(index)
        target[index] = block.astype(np.int8) if block.dtype.kind == "b" else block


def _blocks(src: BlockArray, plan: ChunkPlan, block_bytes: int):
    """Index tuples covering ``src`` in whole zarr chunks along (point, replicate), each at most ``block_bytes``."""
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


def _attr(value):
    """An attribute value as netCDF4 takes it (bools as ints, as xarray writes them)."""
    if isinstance(value, (bool, np.bool_)):
        return int(value)
    return value
