"""Read a CSV or Parquet file into a table of text cells with their row numbers.

Every cell is kept as text (stripped; an empty or missing cell is ``""``) so
that the validators can say which cell is wrong and why, instead of a parser
guessing types. Rows are numbered as a spreadsheet shows them: the header is
row 1, the first data row row 2, a blank line still counts as a row.

CSV is read with the standard library's :mod:`csv` (UTF-8, an optional byte
order mark is dropped); Parquet with :func:`pandas.read_parquet`, which needs
pyarrow (or fastparquet): without it a Parquet file is a located error that
says so.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problems

__all__ = ["Table", "read_table"]


@dataclass
class Table:
    """A file's header and data rows as text.

    Attributes
    ----------
    header : list of str
        Column names, in file order.
    rows : list of (int, dict)
        ``(row number, {column: text})`` for every non-blank data row; the row
        number counts the header as row 1.
    """

    header: list[str] = field(default_factory=list)
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def read_table(path: Path, problems: Problems) -> Table | None:
    """Read ``path`` (``.csv`` or ``.parquet``/``.pq``) into a :class:`Table`.

    Parameters
    ----------
    path : pathlib.Path
        The file.
    problems : Problems
        Collector: unreadable files, bad bytes, ragged rows and bad headers
        are added here.

    Returns
    -------
    Table or None
        None if the file could not be read at all (the reason is in ``problems``).
    """
    suffix = path.suffix.lower()
    if not path.is_file():
        problems.add("no such file" if not path.exists() else "is not a file")
        return None
    if suffix in (".parquet", ".pq"):
        return _read_parquet(path, problems)
    if suffix not in (".csv", ".txt"):
        problems.add(f"unsupported file type {path.suffix or '(none)'!r}: expected .csv or .parquet")
        return None
    text = _decode(path.read_bytes(), problems)
    return None if text is None else _parse_csv(text, problems)


def _decode(data: bytes, problems: Problems) -> str | None:
    """UTF-8 text of the file, or None with one located problem per line holding bytes that are not UTF-8."""
    if not data.strip():
        problems.add("the file is empty: expected a header row and data rows", row=1)
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    header = data.split(b"\n", 1)[0].decode("utf-8-sig", errors="replace").strip().split(",")
    for i, line in enumerate(data.split(b"\n"), start=1):
        try:
            line.decode("utf-8-sig" if i == 1 else "utf-8")
        except UnicodeDecodeError as e:
            k = line[: e.start].count(b",")
            column = header[k].strip() if k < len(header) else f"#{k + 1}"
            problems.add(f"byte 0x{line[e.start]:02x} is not UTF-8 text: save the file as UTF-8 "
                         "(e.g. 'CSV UTF-8' in a spreadsheet)", row=i, column=column)
    return None


def _parse_csv(text: str, problems: Problems) -> Table | None:
    """Split CSV text into header and rows, locating bad headers and ragged rows."""
    records = _records(text, problems)
    if records is None:
        return None
    if not records or not any(c.strip() for c in records[0]):
        problems.add("the header row is empty: expected column names", row=1)
        return None
    records = _drop_empty_trailing_columns(records)
    table = Table(header=[c.strip() for c in records[0]])
    if not _check_header(table.header, problems):
        return None
    n = len(table.header)
    for i, rec in enumerate(records[1:], start=2):
        if not any(c.strip() for c in rec):
            continue
        if len(rec) != n:
            problems.add(f"has {len(rec)} cells, the header has {n} columns (a stray or missing comma? "
                         "quote text that holds commas)", row=i)
            continue
        table.rows.append((i, {h: c.strip() for h, c in zip(table.header, rec)}))
    return table


def _records(text: str, problems: Problems) -> list[list[str]] | None:
    """All CSV records, or None with the row the reader stopped at (an unclosed quote, a huge field)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records = []
    try:
        for rec in reader:
            records.append(rec)
    except csv.Error as e:
        problems.add(f"cannot be read as CSV: {e}", row=len(records) + 1)
        return None
    return records


def _drop_empty_trailing_columns(records: list[list[str]]) -> list[list[str]]:
    """Unnamed trailing columns with no content (spreadsheet exports add them) are dropped."""
    head = records[0]
    n = len(head)
    while n > 0 and not head[n - 1].strip() and all(len(r) < n or not r[n - 1].strip() for r in records[1:]):
        n -= 1
    if n == len(head):
        return records
    return [r[:n] if len(r) >= len(head) else r for r in records]


def _check_header(header: list[str], problems: Problems) -> bool:
    """Empty and repeated column names are located errors; returns False if any."""
    ok = True
    seen = set()
    for k, name in enumerate(header, start=1):
        if not name:
            problems.add(f"column {k} has no name", row=1, column=f"#{k}")
            ok = False
        elif name in seen:
            problems.add("column name repeated", row=1, column=name)
            ok = False
        seen.add(name)
    return ok


def _read_parquet(path: Path, problems: Problems) -> Table | None:
    """A Parquet file as text cells (pandas; pyarrow or fastparquet must be installed)."""
    import pandas as pd

    try:
        df = pd.read_parquet(path)
    except ImportError:
        problems.add("reading Parquet needs pyarrow, which is not installed: `pip install pyarrow`, "
                     "or save the file as CSV")
        return None
    except Exception as e:  # a damaged or foreign file: the library's own words, located by file
        problems.add(f"cannot be read as Parquet: {type(e).__name__}: {e}")
        return None
    table = Table(header=[str(c).strip() for c in df.columns])
    if not _check_header(table.header, problems):
        return None
    for i, rec in enumerate(df.itertuples(index=False, name=None), start=2):
        table.rows.append((i, {h: _text(v) for h, v in zip(table.header, rec)}))
    return table


def _text(v) -> str:
    """A Parquet cell as text: missing values are empty, floats keep full precision."""
    if v is None:
        return ""
    if isinstance(v, float):
        return "" if math.isnan(v) else repr(float(v))
    try:
        import pandas as pd

        if pd.isna(v):
            return ""
    except (TypeError, ValueError):
        pass
    return str(v).strip()
