"""The sidecar YAML next to a data file: provenance and the unit of every condition column.

``data/literature/wang2019_stripping_vs_pressure.csv`` is described by
``data/literature/wang2019_stripping_vs_pressure.yaml``::

    title: Li | LLZO stripping limit vs stack pressure
    description: what the rows are, the cell, what is missing
    kind: measurements              # or: line
    sources:                        # keys used in the CSV's source column
      wang2019:
        reference: Wang, Choudhury & Sakamoto, Joule 3, 2165 (2019)
        doi: null                   # given only where confirmed
        tag: read                   # read | seed | verify | derived
        read: what was read, where and how
    columns:                        # every column of the CSV
      stack_pressure: {unit: MPa, description: stack pressure during the strip}
      note: {description: how each number was read}

Unknown keys are errors (a misspelt key must not be ignored); problems are
located by line and key path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problems
from .vocabulary import TAGS

__all__ = ["Sidecar", "sidecar_path", "read_sidecar"]

_TOP = {"title": True, "description": True, "kind": False, "sources": False, "columns": False}
_SOURCE = {"reference": True, "doi": False, "tag": True, "read": True, "url": False}
_COLUMN = {"unit": False, "description": True}
KINDS = ("measurements", "line")


@dataclass
class Sidecar:
    """A validated sidecar.

    Attributes
    ----------
    path : pathlib.Path
        The YAML file.
    meta : dict
        Its whole content (title, description, kind, sources, columns).
    units : dict
        Column -> unit string, for the columns that give one.
    lines : dict
        Key path (tuple) -> 1-based line in the YAML file, to locate problems.
    """

    path: Path
    meta: dict = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    lines: dict[tuple, int] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return self.meta.get("kind") or "measurements"

    @property
    def sources(self) -> dict:
        return self.meta.get("sources") or {}

    @property
    def columns(self) -> dict:
        return self.meta.get("columns") or {}


def sidecar_path(path: Path) -> Path | None:
    """The sidecar of a data file (same name, ``.yaml`` or ``.yml``), if it exists."""
    for suffix in (".yaml", ".yml"):
        p = path.with_suffix(suffix)
        if p.is_file():
            return p
    return None


def read_sidecar(path: Path, problems: Problems) -> Sidecar | None:
    """Read and check a sidecar; every problem goes to ``problems`` with its line and key path.

    Parameters
    ----------
    path : pathlib.Path
        The YAML file.
    problems : Problems
        Collector of the data file the sidecar describes.

    Returns
    -------
    Sidecar or None
        None if the YAML cannot be parsed or is not a mapping.
    """
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text)
        meta = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        mark = getattr(e, "problem_mark", None)
        problems.add(f"cannot be read as YAML: {getattr(e, 'problem', None) or e}",
                     row=mark.line + 1 if mark else None, file=file)
        return None
    if not isinstance(meta, dict):
        problems.add("expected a mapping with title, description, sources and columns", file=file)
        return None
    lines = _key_lines(node)
    _check_keys(meta, _TOP, (), lines, problems, file)
    if meta.get("kind") not in (None, *KINDS):
        problems.add(f"{meta.get('kind')!r} is not a data kind: expected one of {', '.join(KINDS)}",
                     row=lines.get(("kind",)), column="kind", file=file)
    for key, entries, spec in (("sources", meta.get("sources"), _SOURCE), ("columns", meta.get("columns"), _COLUMN)):
        if entries is None:
            continue
        if not isinstance(entries, dict):
            problems.add("expected a mapping", row=lines.get((key,)), column=key, file=file)
            continue
        for name, entry in entries.items():
            if not isinstance(entry, dict):
                problems.add("expected a mapping", row=lines.get((key, name)), column=f"{key}.{name}", file=file)
                continue
            _check_keys(entry, spec, (key, name), lines, problems, file)
    for name, src in (meta.get("sources") or {}).items():
        if isinstance(src, dict) and "tag" in src and src["tag"] not in TAGS:
            problems.add(f"{src['tag']!r} is not a tag: expected one of {', '.join(TAGS)}",
                         row=lines.get(("sources", name, "tag")), column=f"sources.{name}.tag", file=file)
    units = {str(k): str(v["unit"]) for k, v in (meta.get("columns") or {}).items()
             if isinstance(v, dict) and v.get("unit") not in (None, "")}
    return Sidecar(path, meta, units, lines)


def _check_keys(mapping: dict, spec: dict[str, bool], at: tuple, lines: dict, problems: Problems, file: str) -> None:
    """Unknown keys and missing required keys of one mapping, located."""
    where = ".".join(str(p) for p in at)
    for key in mapping:
        if key not in spec:
            problems.add(f"unknown key {key!r}: expected {', '.join(spec)}", row=lines.get(at + (key,)),
                         column=f"{where}.{key}" if where else str(key), file=file)
    for key, required in spec.items():
        if required and mapping.get(key) in (None, ""):
            problems.add(f"{key!r} is required", row=lines.get(at), column=where or "<top level>", file=file)


def _key_lines(node: Any, at: tuple = ()) -> dict[tuple, int]:
    """Key path -> 1-based line of every mapping key in a composed YAML node tree."""
    out: dict[tuple, int] = {}
    if isinstance(node, yaml.MappingNode):
        if at == ():
            out[()] = node.start_mark.line + 1
        for k, v in node.value:
            path = at + (k.value,)
            out[path] = k.start_mark.line + 1
            out.update(_key_lines(v, path))
    return out
