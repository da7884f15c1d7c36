"""Read scenario YAML keeping the line of every key, for located error messages.

:func:`load` returns the plain Python data (dicts, lists, scalars) and a
:class:`Locations` map from a path such as ``("process", "sintering",
"dwell_temperature")`` to the 1-based line where it is written. Duplicate
keys are errors (YAML would otherwise silently keep the last one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem, ScenarioError

__all__ = ["Locations", "load", "load_text"]

Path_ = tuple[Any, ...]


@dataclass
class Locations:
    """Path -> line map of one YAML document."""

    file: str
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int | None:
        """Line of ``path``, or of its nearest written ancestor."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)


def _construct(node: yaml.Node, path: Path_, locs: Locations, problems: list[Problem]) -> Any:
    locs.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                problems.append(Problem(path, "YAML merge keys ('<<') are not supported", key_node.start_mark.line + 1))
                continue
            key = yaml.SafeLoader.construct_scalar(yaml.SafeLoader(""), key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if key is None:
                problems.append(Problem(path, "mapping keys must be plain strings", key_node.start_mark.line + 1))
                continue
            key = str(key)
            kpath = path + (key,)
            if key in out:
                problems.append(Problem(kpath, f"duplicate key {key!r} (first written on line {locs.lines.get(kpath)})", key_node.start_mark.line + 1))
                continue
            locs.lines[kpath] = key_node.start_mark.line + 1
            out[key] = _construct(value_node, kpath, locs, problems)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_construct(v, path + (i,), locs, problems) for i, v in enumerate(node.value)]
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()


def load_text(text: str, file: str = "<string>") -> tuple[Any, Locations]:
    """Parse YAML text; raise :class:`ScenarioError` with located problems."""
    locs = Locations(file)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        what = getattr(exc, "problem", None) or str(exc)
        raise ScenarioError([Problem((), f"malformed YAML: {what}", line)], file) from None
    if node is None:
        raise ScenarioError([Problem((), "the scenario file is empty", 1)], file)
    problems: list[Problem] = []
    data = _construct(node, (), locs, problems)
    if problems:
        raise ScenarioError(problems, file)
    return data, locs


def load(path: str | Path) -> tuple[Any, Locations, str]:
    """Read a YAML file; returns (data, locations, text)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError([Problem((), "file not found", None)], str(path)) from None
    except IsADirectoryError:
        raise ScenarioError([Problem((), "is a directory, expected a scenario YAML file", None)], str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError([Problem((), f"cannot read file: {exc}", None)], str(path)) from None
    data, locs = load_text(text, str(path))
    return data, locs, text
