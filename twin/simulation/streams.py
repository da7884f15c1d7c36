"""Random streams keyed by (point, replicate).

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

__all__ = ["stream", "PROCESS", "LINE", "GATES"]

PROCESS = 0  #: per-cell and per-lot process variability
LINE = 1  #: process times, breakdowns, furnace positions
GATES = 2  #: measurement error at the gates


def stream(seed: int, point: int, replicate: int, purpose: int) -> np.random.Generator:
    """Independent generator for one (point, replicate, purpose)."""
    ss = np.random.SeedSequence(entropy=int(seed), spawn_key=(int(point), int(replicate), int(purpose)))
    return np.random.Generator(np.random.PCG64(ss))
