"""Chunk planning: (point, replicate) keys -> rectangular chunks of work.

A chunk is the unit a backend runs as one task and the store writes as one
region: a block ``points[p0:p1] x replicates[r0:r1]``. Either the block holds
part of one point's replicates (``p1 - p0 == 1``), or whole points
(``r0 == 0, r1 == n_replicates``), so every chunk is one rectangular region of
the results arrays and the chunks tile the study on a regular grid: the zarr
store uses the block shape as its chunk shape, and no two chunks ever share a
stored block.

How big a chunk is follows the performance principles of the design:

- each chunk carries at least ``min_seconds`` of work (default 0.2 s) so that
  Ray's ~1 ms per-task overhead is negligible;
- about ``chunks_per_worker`` chunks per worker (default 4) for load balance;
- at most ``max_seconds`` of work (default 10 s), so progress, resume and
  fault recovery stay fine-grained, and at most ``max_cells`` cells (default
  20 000, about 20 MB of results), so the memory a chunk needs in flight is
  bounded whatever the study size.

The cost model (:func:`replicate_cost`) only shapes the chunks; the numbers a
study produces never depend on how it is chunked (random streams are keyed by
point and replicate, :mod:`twin.streams`).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Iterator

__all__ = ["Chunk", "ChunkPlan", "plan_chunks", "replicate_cost", "study_cost"]

#: cost model of one replicate [s]: fixed part + per released cell (measured on
#: the baseline scenario, one core of a 2020s laptop/server; see benchmarks/).
COST_PER_REPLICATE = 3e-3
COST_PER_CELL = 2e-4


def replicate_cost(cells: int) -> float:
    """Estimated seconds to simulate one replicate of ``cells`` cells on one core."""
    return COST_PER_REPLICATE + COST_PER_CELL * cells


def study_cost(n_points: int, n_replicates: int, cells: int) -> float:
    """Estimated serial seconds of a whole study."""
    return n_points * n_replicates * replicate_cost(cells)


@dataclass(frozen=True)
class Chunk:
    """One block of work: points ``[p0, p1)`` x replicates ``[r0, r1)``."""

    index: int
    p0: int
    p1: int
    r0: int
    r1: int

    @property
    def keys(self) -> list[tuple[int, int]]:
        """The (point, replicate) keys of the chunk, point-major."""
        return [(p, r) for p in range(self.p0, self.p1) for r in range(self.r0, self.r1)]

    @property
    def n_keys(self) -> int:
        return (self.p1 - self.p0) * (self.r1 - self.r0)

    @property
    def shape(self) -> tuple[int, int]:
        return (self.p1 - self.p0, self.r1 - self.r0)

    def region(self) -> tuple[slice, slice]:
        """Index of the chunk on the (point, replicate) dimensions."""
        return slice(self.p0, self.p1), slice(self.r0, self.r1)


@dataclass(frozen=True)
class ChunkPlan:
    """A regular tiling of the (point, replicate) grid into blocks of ``point_block x replicate_block``."""

    n_points: int
    n_replicates: int
    point_block: int
    replicate_block: int

    def __post_init__(self):
        if self.n_points < 1 or self.n_replicates < 1:
            raise ValueError("a study has at least one point and one replicate")
        if not (1 <= self.point_block <= self.n_points and 1 <= self.replicate_block <= self.n_replicates):
            raise ValueError(f"block {self.point_block}x{self.replicate_block} does not fit "
                             f"{self.n_points} points x {self.n_replicates} replicates")
        if self.point_block > 1 and self.replicate_block != self.n_replicates:
            raise ValueError("a chunk spanning several points must hold all their replicates")

    @property
    def grid(self) -> tuple[int, int]:
        """Number of chunks along (point, replicate)."""
        return math.ceil(self.n_points / self.point_block), math.ceil(self.n_replicates / self.replicate_block)

    def __len__(self) -> int:
        gp, gr = self.grid
        return gp * gr

    def __iter__(self) -> Iterator[Chunk]:
        return iter(self.chunks)

    @property
    def chunks(self) -> list[Chunk]:
        gp, gr = self.grid
        out = []
        for i in range(gp):
            p0 = i * self.point_block
            p1 = min(p0 + self.point_block, self.n_points)
            for j in range(gr):
                r0 = j * self.replicate_block
                r1 = min(r0 + self.replicate_block, self.n_replicates)
                out.append(Chunk(len(out), p0, p1, r0, r1))
        return out

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "ChunkPlan":
        return cls(int(d["n_points"]), int(d["n_replicates"]), int(d["point_block"]), int(d["replicate_block"]))


def plan_chunks(n_points: int, n_replicates: int, cells: int, workers: int = 1, *,
                keys_per_chunk: int | None = None, chunks_per_worker: int = 4,
                min_seconds: float = 0.2, max_seconds: float = 10.0, max_cells: int = 20_000,
                cost_per_replicate: float | None = None) -> ChunkPlan:
    """Plan the chunks of a study.

    Parameters
    ----------
    n_points, n_replicates : int
        Size of the (point, replicate) grid.
    cells : int
        Cells released per replicate.
    workers : int
        Parallel workers (CPUs) that will run the chunks.
    keys_per_chunk : int, optional
        Force this many (point, replicate) keys per chunk (rounded to the
        regular grid); by default chosen from the cost model.
    chunks_per_worker, min_seconds, max_seconds, max_cells
        See the module docstring.
    cost_per_replicate : float, optional
        Seconds per replicate [s]; default :func:`replicate_cost` of ``cells``.
    """
    total = n_points * n_replicates
    if keys_per_chunk is None:
        c = cost_per_replicate if cost_per_replicate is not None else replicate_cost(cells)
        k = math.ceil(total / max(1, workers * chunks_per_worker))
        lo = math.ceil(min_seconds / c)
        hi = max(1, min(math.floor(max_seconds / c), max_cells // max(cells, 1)))
        k = max(k, lo)
        k = min(k, hi)
    else:
        k = keys_per_chunk
    k = max(1, min(int(k), total))
    if k >= n_replicates:
        pb = min(n_points, k // n_replicates)
        pb = math.ceil(n_points / math.ceil(n_points / pb))  # even blocks, no runt at the end
        return ChunkPlan(n_points, n_replicates, pb, n_replicates)
    rb = math.ceil(n_replicates / math.ceil(n_replicates / k))
    return ChunkPlan(n_points, n_replicates, 1, rb)
