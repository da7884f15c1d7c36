"""Located user-facing errors.

A :class:`ScenarioError` carries every problem found in a scenario at once,
each with its YAML path and line, and prints as::

    scenarios/bad.yaml:14: process.sintering.dwell_temperature: '5 kg' has dimension [mass], expected temperature (SI unit K)

The CLI prints these and exits with status 2, never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

__all__ = ["Problem", "ScenarioError", "format_path"]


def format_path(path: Iterable[Any]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "<top level>"


@dataclass(frozen=True)
class Problem:
    """One problem: where (YAML path, line) and what was expected."""

    path: tuple[Any, ...]
    message: str
    line: int | None = None

    def format(self, file: str) -> str:
        loc = f"{file}:{self.line}" if self.line else file
        return f"{loc}: {format_path(self.path)}: {self.message}"


class ScenarioError(Exception):
    """Every problem of one scenario, located."""

    def __init__(self, problems: list[Problem], file: str = "<scenario>"):
        self.problems = sorted(problems, key=lambda p: (p.line or 0, format_path(p.path)))
        self.file = file
        super().__init__(self.format())

    def format(self) -> str:
        n = len(self.problems)
        head = f"{self.file}: {n} problem{'s' if n != 1 else ''} found"
        return "\n".join([head] + ["  " + p.format(self.file) for p in self.problems])
