"""Integrity of a results store: does every chunk marked done hold exactly what its manifest says it wrote?

Each manifest records the sha256 of every block its chunk wrote
(:func:`twin.results.zarr_io.block_digest`). :func:`damaged_chunks` reads the
blocks back and compares: a deleted or changed chunk file (zarr reads fill
values where a file is missing), a missing array, a missing layout marker, a
manifest that is not a valid manifest or lists other variables: each makes
its chunk damaged. Resume recomputes damaged chunks; export refuses a store
that has any.
"""

from __future__ import annotations

from .zarr_io import ZarrArrays, block_digest

__all__ = ["damaged_chunks"]


def damaged_chunks(store) -> dict[int, str]:
    """Chunks of ``store`` (a :class:`twin.results.store.ResultsStore`) marked done but damaged: index -> why."""
    done = store.done()
    if not done:
        return {}
    if not store.has_layout:
        return {i: "the store's layout marker is missing" for i in done}
    try:
        arrays = ZarrArrays(store.path)
    except Exception as exc:  # noqa: BLE001 - any reader failure means the arrays are damaged
        return {i: f"the store's arrays cannot be opened ({type(exc).__name__})" for i in done}
    try:
        chunks = {c.index: c for c in store.plan.chunks}
        return {i: why for i in sorted(done) if (why := _check(store, arrays, chunks.get(i), i))}
    finally:
        arrays.close()


def _check(store, arrays: ZarrArrays, chunk, index: int) -> str:
    try:
        digests = store.manifest(index)["sha256"]
        names = sorted(digests)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return "its manifest is not a valid manifest"
    if chunk is None:
        return "its manifest names a chunk the study does not have"
    if names != arrays.block_names():
        return "its manifest does not list the store's variables"
    for name in names:
        try:
            got = block_digest(arrays.read_block(name, chunk))
        except Exception:  # noqa: BLE001 - unreadable data is damaged data
            return f"{name} cannot be read"
        if got != digests[name]:
            return f"{name} does not match its checksum (missing or changed data)"
    return ""
