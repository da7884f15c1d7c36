"""One family of user-facing errors, each located.

Every error a user can fix is a :class:`TwinError`: the CLI catches the family
once, prints :meth:`TwinError.format` and exits with status 2, never a
traceback. A :class:`ScenarioError` carries every problem found in a scenario
at once, each with its YAML path and line, and prints as::

    scenarios/bad.yaml: 1 problem found
      scenarios/bad.yaml:14: process.sintering.dwell_temperature: '5 kg' has dimension [mass], expected temperature (SI unit K)

The other members say where the problem is (a file, a store, an address) and
what to do about it::

    results/baseline.zarr: holds a study already: continue it with --resume, or remove it
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

__all__ = ["TwinError", "ScenarioError", "UnitError", "ProtocolError", "OutputError", "StoreError", "BackendError", "ReportError",
           "DataError", "StudyTooLarge", "Problem", "format_path"]


#: longest problem message printed [characters]: a hostile value quoted in a message must not bury the location
MAX_MESSAGE = 600


def format_path(path: Iterable[Any]) -> str:
    """``("line", "stations", 2, "name")`` -> ``line.stations[2].name``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "<top level>"


class TwinError(Exception):
    """A problem the user can fix, with where it is: printed without a traceback, exit status 2."""

    def __init__(self, message: str, where: Any = None):
        self.message = message
        self.where = None if where is None else str(where)
        super().__init__(self.format())

    def format(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass(frozen=True)
class Problem:
    """One problem of a scenario: where (YAML path, line) and what was expected."""

    path: tuple[Any, ...]
    message: str
    line: int | None = None

    def format(self, file: str) -> str:
        loc = f"{file}:{self.line}" if self.line else file
        msg = self.message if len(self.message) <= MAX_MESSAGE else self.message[:MAX_MESSAGE] + " [...]"
        return f"{loc}: {format_path(self.path)}: {msg}"


class ScenarioError(TwinError):
    """Every problem of one scenario, located."""

    def __init__(self, problems: list[Problem], file: str = "<scenario>"):
        self.problems = sorted(problems, key=lambda p: (p.line or 0, format_path(p.path)))
        self.file = file
        super().__init__("; ".join(p.message for p in self.problems), file)

    def format(self) -> str:
        n = len(self.problems)
        head = f"{self.file}: {n} problem{'s' if n != 1 else ''} found"
        return "\n".join([head] + ["  " + p.format(self.file) for p in self.problems])


class UnitError(TwinError, ValueError):
    """A quantity string that cannot be read or has the wrong dimension (located by the scenario loader)."""


class ProtocolError(TwinError, ValueError):
    """A cycling-protocol step that cannot be read; the message quotes it and lists the accepted forms."""


class OutputError(TwinError):
    """An output path that cannot be written (a folder, a wrong suffix, a read-only place)."""


class StoreError(TwinError):
    """A results store that cannot be used for this study (exists already, other scenario, in use, damaged)."""


class BackendError(TwinError):
    """A backend that cannot be used (cannot connect, authentication refused, workers cannot import ssb-twin)."""


class ReportError(TwinError, ValueError):
    """A results file a report cannot be made from."""


class StudyTooLarge(TwinError):
    """A valid study larger than the size limits: refused unless the user asks for it (``--allow-large``)."""


class DataError(TwinError):
    """Measured data that cannot be read (unknown quantity, wrong unit, missing column)."""
