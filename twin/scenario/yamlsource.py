"""Read scenario YAML keeping the line of every key, for located error messages, whatever the file holds.

:func:`load` returns the plain Python data (dicts, lists, scalars) and a
:class:`Locations` map from a path such as ``("process", "sintering",
"dwell_temperature")`` to the 1-based line where it is written. Duplicate
keys are errors (YAML would otherwise silently keep the last one).

A scenario is plain data, so the reader refuses everything else with a
located problem instead of running into it:

- only regular files up to :data:`MAX_BYTES` are read (a FIFO would block, a
  device would never end), as UTF-8;
- only the standard scalar, mapping and sequence tags (no ``!!python/...``,
  ``!!binary`` or custom tags);
- an alias that contains itself is an error, and aliases may not expand the
  document beyond :data:`MAX_NODES` nodes (the "billion laughs"), nor nest
  deeper than :data:`MAX_DEPTH`.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem, ScenarioError

__all__ = ["Locations", "load", "load_text", "MAX_BYTES", "MAX_NODES", "MAX_DEPTH"]

Path_ = tuple[Any, ...]

#: largest scenario file read [bytes]
MAX_BYTES = 1_000_000
#: most YAML nodes a scenario may hold once aliases are expanded
MAX_NODES = 100_000
#: deepest nesting of mappings and sequences
MAX_DEPTH = 40

_SCALARS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
            "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"}
_MAPPING, _SEQUENCE = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


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


class _Refused(Exception):
    """A node the scenario reader will not construct (located)."""

    def __init__(self, path: Path_, message: str, line: int):
        super().__init__(message)
        self.problem = Problem(path, message, line)


class _Builder:
    """Constructs plain data from composed YAML nodes, with limits, recording lines and problems."""

    def __init__(self, locs: Locations):
        self.locs, self.problems = locs, []
        self.nodes = 0
        self.active: set[int] = set()  # ids of the mapping/sequence nodes being built (a node inside itself recurses)
        self.loader = yaml.SafeLoader("")

    def build(self, node: yaml.Node, path: Path_, depth: int = 0) -> Any:
        line = node.start_mark.line + 1
        self.locs.lines.setdefault(path, line)
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Refused(path, f"the document expands to more than {MAX_NODES} YAML nodes (aliases?); "
                                 "a scenario is a few hundred", line)
        if depth > MAX_DEPTH:
            raise _Refused(path, f"nested more than {MAX_DEPTH} levels deep", line)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path, line)
        if id(node) in self.active:
            raise _Refused(path, "a YAML alias that contains itself (recursive anchor)", line)
        if node.tag not in (_MAPPING, _SEQUENCE):
            raise _Refused(path, f"YAML tag {node.tag!r} is not allowed in a scenario (plain mappings and lists only)", line)
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path, depth)
            return [self.build(v, path + (i,), depth + 1) for i, v in enumerate(node.value)]
        finally:
            self.active.discard(id(node))

    def _scalar(self, node: yaml.ScalarNode, path: Path_, line: int) -> Any:
        if node.tag == "tag:yaml.org,2002:timestamp" and node.style is None:
            return node.value  # an unquoted date (a name, say) is kept as the text written
        if node.tag not in _SCALARS:
            raise _Refused(path, f"YAML tag {node.tag!r} is not allowed in a scenario "
                                 "(plain strings, numbers, true/false and null only)", line)
        return self.loader.construct_object(node, deep=True)

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            kline = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(Problem(path, "YAML merge keys ('<<') are not supported", kline))
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _SCALARS:
                self.problems.append(Problem(path, "mapping keys must be plain strings", kline))
                continue
            key = str(self.loader.construct_scalar(key_node))
            kpath = path + (key,)
            if key in out:
                self.problems.append(Problem(kpath, f"duplicate key {key!r} (first written on line {self.locs.lines.get(kpath)})", kline))
                continue
            self.locs.lines[kpath] = kline
            out[key] = self.build(value_node, kpath, depth + 1)
        return out


def load_text(text: str, file: str = "<string>") -> tuple[Any, Locations]:
    """Parse YAML text; raise :class:`ScenarioError` with located problems."""
    locs = Locations(file)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ScenarioError([Problem((), f"malformed YAML: {what}", line)], file) from None
    except RecursionError:
        raise ScenarioError([Problem((), f"malformed YAML: nested too deep (more than {MAX_DEPTH} levels)", None)], file) from None
    if node is None:
        raise ScenarioError([Problem((), "the scenario file is empty", 1)], file)
    builder = _Builder(locs)
    try:
        data = builder.build(node, ())
    except _Refused as exc:
        raise ScenarioError([exc.problem], file) from None
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:  # a scalar YAML itself cannot construct
        mark = getattr(exc, "problem_mark", None)
        raise ScenarioError([Problem((), f"malformed YAML value: {str(exc).splitlines()[0][:200]}",
                                     mark.line + 1 if mark is not None else None)], file) from None
    if builder.problems:
        raise ScenarioError(builder.problems, file)
    return data, locs


def _read(path: Path) -> str:
    """The text of a regular file of at most MAX_BYTES (UTF-8), or a located ScenarioError."""
    def bad(message: str):
        return ScenarioError([Problem((), message, None)], str(path))

    try:
        st = path.stat()
    except FileNotFoundError:
        raise bad("file not found") from None
    except OSError as exc:
        raise bad(f"cannot read file: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise bad("is a directory, expected a scenario YAML file")
    if not stat.S_ISREG(st.st_mode):
        raise bad("is not a regular file (a pipe, device or socket); expected a scenario YAML file")
    if st.st_size > MAX_BYTES:
        raise bad(f"is {st.st_size} bytes; a scenario file is at most {MAX_BYTES} bytes")
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise bad(f"cannot read file: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise bad(f"is larger than {MAX_BYTES} bytes")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise bad(f"is not UTF-8 text (byte {exc.start})") from None


def load(path: str | Path) -> tuple[Any, Locations, str]:
    """Read a YAML file; returns (data, locations, text)."""
    text = _read(Path(path))
    data, locs = load_text(text, str(path))
    return data, locs, text
