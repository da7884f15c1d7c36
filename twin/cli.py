"""The ``twin`` command.

    twin validate SCENARIO
    twin run SCENARIO [-o OUT]

Bad input (a scenario with problems, a missing file, an output path that
cannot be written) prints every problem with its location and exits with
status 2, never a traceback. ``--debug`` shows tracebacks of unexpected errors.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from rich.console import Console

from .errors import ScenarioError

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse exits 2 on usage errors; keep that, no traceback
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    from . import __version__

    p = _Parser(prog="twin", description="ssb-twin: digital twin of solid-state Li-metal battery manufacturing")
    p.add_argument("--version", action="version", version=f"ssb-twin {__version__}")
    p.add_argument("--debug", action="store_true", help="show tracebacks of unexpected errors")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    v = sub.add_parser("validate", help="check a scenario; report every problem with its line")
    v.add_argument("scenario", type=Path)
    r = sub.add_parser("run", help="run a study and write the results Dataset")
    r.add_argument("scenario", type=Path)
    r.add_argument("-o", "--output", type=Path, default=None, help="results file (.nc); default results/<scenario name>.nc")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    out = Console()
    err = Console(stderr=True)
    try:
        if args.command == "validate":
            return _validate(args, out)
        if args.command == "run":
            return _run(args, out, err)
    except ScenarioError as exc:
        sys.stderr.write(exc.format() + "\n")
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        err.print("interrupted", markup=False)
        return 130
    except Exception as exc:  # noqa: BLE001 - last line of defence: no traceback for users
        if args.debug:
            raise
        sys.stderr.write(f"twin: internal error: {type(exc).__name__}: {exc}\n(run with --debug for the traceback)\n")
        return EXIT_FAILED
    return EXIT_FAILED


def _validate(args, out: Console) -> int:
    from .scenario import load_scenario
    from .sweep import expand

    sc = load_scenario(args.scenario)
    n_points = len(expand(sc))
    print(
        f"{args.scenario}: valid. {sc.name!r}: route {sc.line.route}, {len(sc.line.stations)} stations, "
        f"{n_points} point(s) x {sc.replicates} replicate(s) x {sc.cells} cells"
    )
    return EXIT_OK


def _check_output(path: Path) -> None:
    from .errors import Problem

    parent = path.parent if str(path.parent) else Path(".")
    if path.exists() and path.is_dir():
        raise ScenarioError([Problem((), "output path is a directory; give a file name ending in .nc", None)], str(path))
    if path.suffix != ".nc":
        raise ScenarioError([Problem((), "output file must end in .nc (netCDF-4)", None)], str(path))
    if parent.exists() and not parent.is_dir():
        raise ScenarioError([Problem((), f"{parent} is not a directory", None)], str(path))


def _run(args, out: Console, err: Console) -> int:
    from .results import write_netcdf_atomic
    from .runner import run_study
    from .scenario import load_scenario
    from .summary import print_summary

    sc = load_scenario(args.scenario)
    output = args.output or Path("results") / f"{sc.name}.nc"
    _check_output(output)
    t0 = time.perf_counter()
    ds = run_study(sc)
    elapsed = time.perf_counter() - t0
    try:
        write_netcdf_atomic(ds, output)
    except OSError as exc:
        from .errors import Problem

        raise ScenarioError([Problem((), f"cannot write results: {exc.strerror or exc}", None)], str(output)) from None
    print_summary(ds, out)
    n_cells = ds.sizes["point"] * ds.sizes["replicate"] * ds.sizes["cell"]
    out.print(f"{n_cells} cells simulated in {elapsed:.1f} s; results written to {output}", markup=False, highlight=False)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
