"""``twin compare RESULTS LINE_DATA [-o DIR] [--point N] [--cells tested|passed]``: a run next to measured line data.

Reads a results file (``twin run``) and line data (one row per cell, the
results' per-cell variable names in SI: ``docs/data.md``), compares them at
one sweep point (:func:`twin.analysis.compare.compare`), prints the tables
and what the twin gets wrong, and with ``-o DIR`` writes the figures (PNG)
and a CSV of each table into ``DIR``. Exit 0 when the comparison ran,
whatever it found; 2 on bad input (a missing or unreadable file, bad line
data, nothing to compare, a bad ``--point``), with a located message and
nothing written. See ``docs/compare.md``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path

from .cli_args import whole_number

__all__ = ["add_compare_parser", "compare_command"]

EXIT_OK = 0
#: variables a results file needs for a comparison
NEEDED = ("failure_mode", "passed", "cells_released")
_SAY = dict(markup=False, highlight=False, soft_wrap=True)
#: the tables written with -o (the figures are named by their variables)
_OUTPUT_TABLES = ("losses.csv", "distributions.csv", "findings.csv")


def _folder(text: str) -> Path:
    if not text.strip():
        raise argparse.ArgumentTypeError("expected a folder, got an empty path")
    return Path(text)


def add_compare_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``compare`` on an argparse sub-parser collection; returns the new parser."""
    p = subparsers.add_parser(
        "compare", help="a run next to measured line data: losses per gate, distributions, what the twin gets wrong",
        description="Compare a results file with line data (one row per cell, the results' per-cell variable names "
                    "in SI units): the share of cells lost per failure mode and gate with the line's binomial "
                    "intervals, the quantiles of each variable both hold with a two-sample Kolmogorov-Smirnov test, "
                    "and a flag on whatever the twin gets wrong (docs/compare.md).")
    p.add_argument("results", type=Path, help="results file (.nc) or store (.zarr folder) written by `twin run`")
    p.add_argument("line_data", type=Path, metavar="LINE_DATA", help="line data (.csv or .parquet; docs/data.md)")
    p.add_argument("-o", "--output", type=_folder, default=None, metavar="DIR",
                   help="write the figures (PNG) and the tables (CSV) into this folder")
    p.add_argument("--point", type=whole_number(0), default=None, metavar="N",
                   help="the sweep point the line ran at (needed when the study has several; parameter draws of "
                        "that point are pooled)")
    p.add_argument("--cells", choices=("tested", "passed"), default="tested",
                   help="distributions over every cell with a value (default) or only cells that passed, on both sides")
    return p


def _open_results(path: Path):
    """The results Dataset; :class:`ReportError` located at ``path`` if it is not one."""
    from .errors import ReportError
    from .results import open_results
    from .results.store import ResultsStore

    if not path.exists():
        raise ReportError("no such file or folder", path)
    if ResultsStore.is_store(path) and not ResultsStore.open(path).is_complete():
        raise ReportError("the store holds an unfinished study (finish it with `twin run ... --resume`)", path)
    try:
        ds = open_results(path)
    except Exception as exc:  # noqa: BLE001 - any reader error means "not a results file"
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ReportError(f"cannot read it as a results file (netCDF-4 file or zarr store): {first[:200]}", path) from None
    missing = [v for v in NEEDED if v not in ds.variables] + [d for d in ("point", "replicate", "cell") if d not in ds.dims]
    if missing:
        ds.close()
        raise ReportError(f"not an ssb-twin results file: no {', '.join(missing)}", path)
    return ds


def _check_point(ds, point: int | None, path: Path) -> None:
    """A study of several sweep points needs ``--point``; say how many there are and what they are."""
    from .analysis.compare import sweep_points
    from .analysis.grouping import normalised, sweep_coords
    from .errors import TwinError

    groups = sweep_points(ds)
    n = len(groups)
    if (point is None and n == 1) or (point is not None and point < n):
        return
    ds = normalised(ds)
    keys = sweep_coords(ds)
    listed = "; ".join(f"{i}: " + ", ".join(f"{k} = {float(ds[k].values[g[0]]):.4g}" for k in keys)
                       for i, g in enumerate(groups[:8])) + ("; ..." if n > 8 else "")
    head = f"--point {point} is out of range: " if point is not None else "choose the sweep point the line ran at with --point N: "
    raise TwinError(f"{head}the results hold {n} sweep point(s), 0 to {n - 1} ({listed})", path)


def compare_command(args: argparse.Namespace) -> int:
    """Run ``twin compare``; bad input raises a located :class:`~twin.errors.TwinError` (exit 2 in :func:`twin.cli.main`)."""
    from rich.console import Console

    from .analysis.compare import compare
    from .data import read_line_data
    from .errors import DataError
    from .report.compare_summary import print_comparison

    if args.output is not None:
        check_output(args.output)
    with _open_results(args.results) as ds:
        _check_point(ds, args.point, args.results)
        line = read_line_data(args.line_data)
        try:
            cmp = compare(ds, line, args.point, cells=args.cells)
        except ValueError as exc:
            raise DataError(str(exc), args.line_data) from None
    console = Console()
    if not console.is_terminal:  # piped: do not squeeze the tables into 80 columns
        console = Console(width=200)
    print_comparison(cmp, console, results=str(args.results), line=str(args.line_data))
    if args.output is not None:
        written = write_outputs(cmp, args.output)
        console.print(f"{len(written)} files written to {args.output}", **_SAY)
    return EXIT_OK


def check_output(outdir: Path) -> None:
    """Before anything is read: ``outdir`` is a folder or can become one, and its nearest existing folder takes
    new files (a trial folder is made and removed). :class:`OutputError` otherwise; nothing is left behind."""
    from .errors import OutputError

    if outdir.exists() and not outdir.is_dir():
        raise OutputError("the comparison output must be a folder", outdir)
    base = outdir if outdir.exists() else next((a for a in outdir.parents if a.exists()), Path("."))
    if not base.is_dir():
        raise OutputError(f"{base} is a file, not a folder: cannot make the output folder inside it", outdir)
    try:
        os.rmdir(tempfile.mkdtemp(prefix=".twin-compare-check.", dir=base))
    except OSError as exc:
        raise OutputError(f"cannot write here: {exc.strerror or exc}", outdir) from None
    clash = [n for n in _OUTPUT_TABLES if (outdir / n).is_dir()]
    if clash:
        raise OutputError(f"{', '.join(clash)} in it is a folder: the comparison writes a file of that name", outdir)


def write_outputs(cmp, outdir: Path) -> list[Path]:
    """Write the figures and tables into ``outdir`` whole or not at all: into a temporary folder beside it, then
    moved in (files of an earlier comparison with the same names are replaced; other files are left alone)."""
    from .errors import OutputError, ReportError

    try:
        outdir.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{outdir.name}.", suffix=".tmp", dir=outdir.parent))
    except OSError as exc:
        raise OutputError(f"cannot write here: {exc.strerror or exc}", outdir) from None
    try:
        names = _write_into(cmp, tmp)
        _move_in(tmp, outdir)
    except ImportError as exc:
        raise ReportError(f"the figures need matplotlib (pip install 'ssb-twin[report]'): {exc}", outdir) from None
    except OSError as exc:
        raise OutputError(f"cannot write here: {exc.strerror or exc}", outdir) from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return [outdir / n for n in names]


def _write_into(cmp, folder: Path) -> list[str]:
    from .analysis.compare import findings
    from .report.compare_figures import figure_names
    from .report.figures import png_bytes

    tables = dict(zip(_OUTPUT_TABLES, (cmp.losses, cmp.distributions, findings(cmp))))
    for name, frame in tables.items():
        frame.to_csv(folder / name, index=False)
    names = list(tables)
    for stem, (func, fargs) in figure_names(cmp).items():
        (folder / f"{stem}.png").write_bytes(png_bytes(func(*fargs)))
        names.append(f"{stem}.png")
    return names


def _move_in(tmp: Path, outdir: Path) -> None:
    """Rename the finished temporary folder to ``outdir``, or move its files into an existing ``outdir``."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(tmp, 0o777 & ~mask)  # mkdtemp makes it private; the output folder is an ordinary one
    if not outdir.exists():
        os.rename(tmp, outdir)
        return
    clash = [f.name for f in tmp.iterdir() if (outdir / f.name).is_dir()]
    if clash:  # checked before anything is moved: the folder stays as it was
        raise IsADirectoryError(f"{', '.join(sorted(clash)[:3])} in the output folder is a folder, not a file")
    for f in sorted(tmp.iterdir()):
        os.replace(f, outdir / f.name)
