"""Random streams keyed by (point, replicate, purpose).

Every replicate of every sweep point draws from its own
``numpy.random.SeedSequence(seed, spawn_key=(point, replicate, purpose))``,
so a replicate's numbers do not depend on which worker runs it, in what
order, or how the study is chunked: same scenario + same seed gives the same
numbers on any backend and worker count.

Purposes are separate streams so that, e.g., changing a station's process
time distribution does not reshuffle the process-variability draws.
"""

from __future__ import annotations

import numpy as np

__all__ = ["stream", "Streams", "PROCESS", "LINE", "GATES", "BATCH"]

PROCESS = 0  #: per-cell and per-lot process variability (the steps' ``prepare``)
LINE = 1  #: process times, release times, breakdowns and repairs
GATES = 2  #: measurement error at the gates
BATCH = 3  #: per-furnace-load draws (the steps' ``fire``)

#: the purpose a step hook draws from
HOOK_PURPOSE = {"prepare": PROCESS, "inspect": GATES, "fire": BATCH, "line": LINE}


def stream(seed: int, point: int, replicate: int, purpose: int) -> np.random.Generator:
    """Independent generator for one (point, replicate, purpose)."""
    ss = np.random.SeedSequence(entropy=int(seed), spawn_key=(int(point), int(replicate), int(purpose)))
    return np.random.Generator(np.random.PCG64(ss))


class Streams:
    """The random streams of one replicate, created on first use."""

    def __init__(self, seed: int, point: int, replicate: int):
        self.key = (int(seed), int(point), int(replicate))
        self._cache: dict[int, np.random.Generator] = {}

    def purpose(self, purpose: int) -> np.random.Generator:
        """The replicate's stream for ``purpose`` (one generator, shared by every caller)."""
        if purpose not in self._cache:
            self._cache[purpose] = stream(*self.key, purpose)
        return self._cache[purpose]

    def for_hook(self, hook: str, station: str) -> np.random.Generator:
        """The stream a step hook (``prepare``, ``inspect``, ``fire``, ``line``) of ``station`` draws from."""
        return self.purpose(HOOK_PURPOSE[hook])
