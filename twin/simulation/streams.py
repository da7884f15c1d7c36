"""Random streams keyed by (seed, point, replicate, purpose[, station]).

Every replicate of every sweep point draws from its own
``numpy.random.SeedSequence(seed, spawn_key=(point, replicate, purpose, ...))``,
so a replicate's numbers do not depend on which worker runs it, in what
order, or how the study is chunked: same scenario + same seed gives the same
numbers on any backend and worker count.

Each station has its own streams, keyed by its name (CRC-32 of the UTF-8
name, stable across Python versions and machines), one per purpose: what its
step prepares before the line runs, what it fires (a furnace load), what it
inspects (measurement error at a gate), its process times, and its breakdowns
and repairs. Changing one station's settings (a process-time distribution, a
sprayed layer count, a furnace profile) therefore never reshuffles the draws
of another station, and adding a station leaves the others' draws as they
were. The release times have a stream of their own.
"""

from __future__ import annotations

import zlib

import numpy as np

__all__ = ["stream", "Streams", "station_key", "PREPARE", "LINE", "INSPECT", "FIRE", "RELEASE", "FAILURES"]

PREPARE = 0  #: a step's timing-independent physics (``Step.prepare``)
LINE = 1  #: a station's process times
INSPECT = 2  #: measurement error at a gate (``Step.inspect``)
FIRE = 3  #: per-batch draws of a batch station (``Step.fire``)
RELEASE = 4  #: release times of the items into the line
FAILURES = 5  #: a station's breakdowns and repair times

#: the purpose of each step hook's stream
HOOK_PURPOSE = {"prepare": PREPARE, "inspect": INSPECT, "fire": FIRE, "line": LINE, "failures": FAILURES}


def stream(seed: int, point: int, replicate: int, purpose: int, *key: int) -> np.random.Generator:
    """Independent generator for one (point, replicate, purpose[, key...]) of ``seed``."""
    ss = np.random.SeedSequence(entropy=int(seed), spawn_key=(int(point), int(replicate), int(purpose), *map(int, key)))
    return np.random.Generator(np.random.PCG64(ss))


def station_key(name: str) -> int:
    """Stable integer key of a station name (CRC-32 of its UTF-8 bytes)."""
    return zlib.crc32(name.encode("utf-8"))


class Streams:
    """The random streams of one replicate, created on first use."""

    def __init__(self, seed: int, point: int, replicate: int):
        self.key = (int(seed), int(point), int(replicate))
        self._cache: dict[tuple, np.random.Generator] = {}

    def _get(self, *key: int) -> np.random.Generator:
        if key not in self._cache:
            self._cache[key] = stream(*self.key, *key)
        return self._cache[key]

    def purpose(self, purpose: int) -> np.random.Generator:
        """The replicate's stream for a purpose that belongs to no station (the release times)."""
        return self._get(purpose)

    def for_hook(self, hook: str, station: str) -> np.random.Generator:
        """The stream of ``hook`` (``prepare``, ``inspect``, ``fire``, ``line``, ``failures``) at ``station``."""
        return self._get(HOOK_PURPOSE[hook], station_key(station))
