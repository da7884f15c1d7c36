"""Choose a parameter set by name; a wrong name lists the valid ones.

Every module keeps its parameter sets as a read-only mapping (data, each value
with its source) and looks names up with :func:`lookup`, so every "unknown
name" error in the package reads the same way (CONVENTIONS.md #5).
"""

from __future__ import annotations

from typing import Mapping, TypeVar

__all__ = ["lookup"]

T = TypeVar("T")


def lookup(registry: Mapping[str, T], name: str | T, what: str) -> T:
    """``registry[name]``, or a ``KeyError`` naming ``what`` and listing the valid names.

    A parameter set passed in place of its name (an instance of a type the
    registry holds) is returned as it is.
    """
    if not isinstance(name, str) and isinstance(name, tuple({type(v) for v in registry.values()})):
        return name
    try:
        return registry[name]
    except KeyError:
        valid = ", ".join(sorted(registry))
        raise KeyError(f"unknown {what} {name!r}; valid names: {valid}") from None
