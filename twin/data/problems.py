"""Collect every problem of one data file, then raise them together as one :class:`DataError`.

A problem is located by row (1-based, the header is row 1, as a spreadsheet
numbers them) and column, or, in a sidecar YAML, by line and key path. The
error prints as::

    data/mine.csv: 2 problems found
      data/mine.csv: row 4, column 'unit': '5 kg' has dimension [mass], expected current_density (SI unit A m-2)
      data/mine.csv: row 7, column 'value': 'nan' is not a finite number
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import MAX_MESSAGE, DataError

__all__ = ["DataProblem", "Problems", "MAX_LISTED", "quote"]

#: problems printed in one error (the count says how many more there are)
MAX_LISTED = 100
#: longest cell text quoted in a message [characters]: a hostile cell must not bury the location
MAX_QUOTED = 80


def quote(text: str) -> str:
    """``repr`` of a cell's text, shortened to :data:`MAX_QUOTED` characters."""
    return repr(text) if len(text) <= MAX_QUOTED else repr(text[:MAX_QUOTED]) + "[...]"


@dataclass(frozen=True)
class DataProblem:
    """One located problem of a data file.

    Parameters
    ----------
    file : str
        The file the problem is in (CSV, Parquet or sidecar YAML).
    message : str
        What is wrong and what was expected.
    row : int or None
        Row of a table (header = 1), or line of a YAML file.
    column : str or None
        Column of a table, or key path in a YAML file.
    """

    file: str
    message: str
    row: int | None = None
    column: str | None = None

    def format(self) -> str:
        msg = self.message if len(self.message) <= 4 * MAX_MESSAGE else self.message[:4 * MAX_MESSAGE] + " [...]"
        if self.file.endswith((".yaml", ".yml")):
            loc = f"{self.file}:{self.row}" if self.row else self.file
            return f"{loc}: {self.column}: {msg}" if self.column else f"{loc}: {msg}"
        parts = [p for p in (f"row {self.row}" if self.row else "",
                             f"column {quote(self.column)}" if self.column else "") if p]
        return f"{self.file}: {', '.join(parts)}: {msg}" if parts else f"{self.file}: {msg}"


class Problems:
    """Problems of one file, collected until :meth:`raise_if_any`.

    Parameters
    ----------
    file : str
        The file's name as the user gave it (it heads the error message).
    """

    def __init__(self, file: str):
        self.file = file
        self.items: list[DataProblem] = []

    def add(self, message: str, row: int | None = None, column: str | None = None, file: str | None = None) -> None:
        """Record one problem (``file`` defaults to the table's own file)."""
        self.items.append(DataProblem(file or self.file, message, row, column))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def raise_if_any(self) -> None:
        """Raise one :class:`~twin.errors.DataError` holding every problem, if there are any.

        Raises
        ------
        DataError
            With ``.problems`` (the :class:`DataProblem` list, file order) and a message listing
            them, at most :data:`MAX_LISTED`.
        """
        if not self.items:
            return
        items = sorted(self.items, key=lambda p: (p.file != self.file, p.file, p.row or 0))
        n = len(items)
        lines = [f"{n} problem{'s' if n != 1 else ''} found"] + ["  " + p.format() for p in items[:MAX_LISTED]]
        if n > MAX_LISTED:
            lines.append(f"  ... and {n - MAX_LISTED} more")
        err = DataError("\n".join(lines), self.file)
        err.problems = items
        raise err
