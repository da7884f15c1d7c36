"""Argument checks shared by the physics modules: arrays in, a clear ``ValueError`` out.

Every check converts its argument to a float array, rejects NaN and infinity,
and names the argument and the expected range in its message, so a model
never propagates an unphysical input silently (CONVENTIONS.md #8).
"""

from __future__ import annotations

import numpy as np

__all__ = ["positive", "nonnegative", "fraction", "in_range"]


def positive(name: str, x) -> np.ndarray:
    """``x`` as a float array; ``ValueError`` unless every value is > 0 and finite."""
    x = np.asarray(x, dtype=float)
    bad = ~(x > 0) | ~np.isfinite(x)
    if np.any(bad):
        raise ValueError(f"{name} must be > 0 and finite; got {x[bad] if x.ndim else x}")
    return x


def nonnegative(name: str, x) -> np.ndarray:
    """``x`` as a float array; ``ValueError`` unless every value is >= 0 and finite."""
    x = np.asarray(x, dtype=float)
    bad = ~(x >= 0) | ~np.isfinite(x)
    if np.any(bad):
        raise ValueError(f"{name} must be >= 0 and finite; got {x[bad] if x.ndim else x}")
    return x


def fraction(name: str, x, *, low_open: bool = False) -> np.ndarray:
    """``x`` as a float array in [0, 1] (``(0, 1]`` with ``low_open``); ``ValueError`` otherwise."""
    x = np.asarray(x, dtype=float)
    bad = ~(x >= 0) | (x > 1) | ~np.isfinite(x)
    if low_open:
        bad |= x <= 0
    if np.any(bad):
        raise ValueError(f"{name} must lie in {'(0' if low_open else '[0'}, 1]; got {x[bad] if x.ndim else x}")
    return x


def in_range(name: str, x, low: float, high: float, *, low_inc: bool = True, high_inc: bool = True) -> np.ndarray:
    """``x`` as a float array within the interval; ``ValueError`` otherwise (NaN is outside every interval)."""
    x = np.asarray(x, dtype=float)
    ok = (x >= low if low_inc else x > low) & (x <= high if high_inc else x < high)
    if np.any(~ok):
        raise ValueError(f"{name} must lie in {'[' if low_inc else '('}{low}, {high}{']' if high_inc else ')'}; "
                         f"got {x[~ok] if x.ndim else x}")
    return x
