"""Run the physics with some parameter values replaced, then put them back.

Every physics function reads its parameter set from its module's registry
(a read-only mapping of frozen dataclasses, :mod:`process_models.registry`)
at call time. :func:`overridden` swaps such a registry, for the duration of a
``with`` block, for a read-only copy in which the named fields of the named
sets are replaced (``dataclasses.replace``, so a set's ``__post_init__``
checks and its derived properties see the new value), and restores the
original on exit, also when the block raises::

    >>> from process_models import stripping
    >>> key = ("STRIPPING_PARAMETERS", "Li-LLZO", "calibration_current")
    >>> before = float(stripping.critical_stripping_current(2e6))
    >>> with overridden({key: 8.0}):
    ...     float(stripping.critical_stripping_current(2e6))
    8.0
    >>> float(stripping.critical_stripping_current(2e6)) == before
    True

The swap is made in every module of the package that holds the registry
(its defining module and any module that re-exports it, such as
``critical_current`` or ``sintering``), so a function finds the new values
whichever module it reads the registry through. Nested blocks compose: an
inner block starts from the values the outer one set.

Limits: the swap is process-global (not thread-safe: one calibration per
process; parallel evaluations run in separate processes), and values a
module computed from a set once at import (a fit made when the module was
loaded) are not recomputed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import sys
from collections.abc import Iterator, Mapping
from types import MappingProxyType, ModuleType

from .priors import numeric_fields, registries
from .registry import lookup

__all__ = ["overridden", "Key", "parse_key", "format_key", "check_key"]

#: (registry name, set name, field name), e.g. ("PLATING_PARAMETERS", "Li-LPSCl", "effective_resistance")
Key = tuple[str, str, str]


def format_key(key: Key) -> str:
    """``("PLATING_PARAMETERS", "Li-LPSCl", "effective_resistance")`` -> ``PLATING_PARAMETERS.Li-LPSCl.effective_resistance``."""
    return ".".join(key)


def parse_key(text: str) -> Key:
    """Inverse of :func:`format_key`: registry before the first dot, field after the last (a set name may hold dots)."""
    registry, sep, rest = text.partition(".")
    set_name, sep2, field = rest.rpartition(".")
    if not (sep and sep2 and registry and set_name and field):
        raise KeyError(f"{text!r} is not REGISTRY.set.field (e.g. STRIPPING_PARAMETERS.Li-LLZO.calibration_current)")
    return registry, set_name, field


@functools.lru_cache(maxsize=None)
def _holders(registry: str) -> tuple[tuple[str, str], ...]:
    """(module name, attribute name) of every loaded ``process_models`` module holding the original registry."""
    original = registries()[registry]
    out = []
    for name, mod in list(sys.modules.items()):
        if not (name == __package__ or name.startswith(__package__ + ".")) or not isinstance(mod, ModuleType):
            continue
        for attr, obj in list(vars(mod).items()):
            if obj is original:
                out.append((name, attr))
    return tuple(out)


def _current(registry: str) -> Mapping:
    """The registry as the physics sees it now (an outer override's copy, or the original)."""
    mod, attr = _holders(registry)[0]
    return getattr(sys.modules[mod], attr)


def check_key(key: Key) -> None:
    """Raise ``KeyError`` listing the valid names when ``key`` names no numeric parameter of a registry."""
    if not (isinstance(key, tuple) and len(key) == 3):
        raise KeyError(f"an override key is (registry, set, field), not {key!r}")
    registry, set_name, field = key
    params = lookup(lookup(registries(), registry, "parameter registry"), set_name, f"{registry} set")
    valid = numeric_fields(params)
    if field not in valid:
        raise KeyError(f"unknown numeric field {field!r} of {registry}[{set_name!r}]; valid fields: {', '.join(valid)}")


def _value(old, new: float):
    """``new`` as the field's type: an integer field stays an integer when ``new`` is whole."""
    if isinstance(old, int) and not isinstance(old, bool) and float(new).is_integer():
        return int(new)
    return float(new)


def _replaced(values: Mapping[Key, float]) -> dict[str, Mapping]:
    """Registry name -> read-only copy of its current mapping with the fields replaced."""
    by_registry: dict[str, dict[str, dict[str, float]]] = {}
    for key, v in values.items():
        check_key(key)
        registry, set_name, field = key
        by_registry.setdefault(registry, {}).setdefault(set_name, {})[field] = v
    out = {}
    for registry, sets in by_registry.items():
        current = dict(_current(registry))
        for set_name, fields in sets.items():
            params = current[set_name]
            current[set_name] = dataclasses.replace(
                params, **{f: _value(getattr(params, f), v) for f, v in fields.items()})
        out[registry] = MappingProxyType(current)
    return out


@contextlib.contextmanager
def overridden(values: Mapping[Key, float]) -> Iterator[None]:
    """Replace parameter values in the physics for the duration of the block.

    Parameters
    ----------
    values : Mapping[(str, str, str), float]
        ``(registry, set, field) -> value`` in the field's SI unit (the unit
        ``twin params`` prints). Empty: nothing is replaced.

    Raises
    ------
    KeyError
        A registry, set or field that does not exist (the message lists the
        valid names), before anything is replaced.
    ValueError
        A value the parameter set refuses (its ``__post_init__``).
    """
    swaps = _replaced(values) if values else {}
    saved: list[tuple[ModuleType, str, object]] = []
    try:
        for registry, new in swaps.items():
            for mod_name, attr in _holders(registry):
                mod = sys.modules[mod_name]
                saved.append((mod, attr, getattr(mod, attr)))
                setattr(mod, attr, new)
        yield
    finally:
        for mod, attr, old in reversed(saved):
            setattr(mod, attr, old)
