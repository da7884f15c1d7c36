"""Blocks of a study: the (point, replicate) regions that are computed, stored and exported as units.

A :class:`Chunk` is a block ``points[p0:p1] x replicates[r0:r1]``: either part
of one point's replicates (``p1 - p0 == 1``) or whole points (``r0 == 0,
r1 == n_replicates``), so the blocks tile the study on a regular grid
(:class:`ChunkPlan`): a worker computes one, the store writes it as one zarr
chunk of every (point, replicate) variable, and no two ever share a stored
block. How big they are is the study's business (:mod:`twin.study.plan`).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Iterator

import xarray as xr

__all__ = ["Chunk", "ChunkPlan", "ChunkData"]




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
