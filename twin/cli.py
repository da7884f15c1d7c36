"""The ``twin`` command.

    twin validate SCENARIO
    twin run SCENARIO [-o OUT] [--workers N] [--address ADDR] [--resume] [--posterior FILE [--draws N]]
    twin report RESULTS [-o DIR]
    twin params [SET] [--format table|csv|json]
    twin calibrate CONFIG [-o POSTERIOR] [--workers N] [--address ADDR]
    twin compare RESULTS LINE_DATA [-o DIR] [--point N] [--cells tested|passed]

Bad input (a scenario with problems, a missing file, an output path that
cannot be written) prints every problem with its location and exits with
status 2, never a traceback. ``--debug`` shows tracebacks of unexpected errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from rich.console import Console

from .errors import OutputError, ReportError, TwinError
from .cli_args import whole_number
from .compare_cli import add_compare_parser, compare_command
from .params_cli import add_params_parser, params_command

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse exits 2 on usage errors; keep that, no traceback
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    from ._version import __version__

    p = _Parser(prog="twin", description="ssb-twin: digital twin of solid-state Li-metal battery manufacturing")
    p.add_argument("--version", action="version", version=f"ssb-twin {__version__}")
    p.add_argument("--debug", action="store_true", help="show tracebacks of unexpected errors")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    v = sub.add_parser("validate", help="check a scenario; report every problem with its line")
    v.add_argument("scenario", type=Path)
    r = sub.add_parser("run", help="run a study and write the results Dataset")
    r.add_argument("scenario", type=Path)
    r.add_argument("-o", "--output", type=Path, default=None,
                   help="results file (.nc); default results/<scenario name, made file-safe>.nc in this folder")
    _add_run_options(r)
    rep = sub.add_parser("report", help="figures (PNG) and an HTML page of a results file")
    rep.add_argument("results", type=Path, help="results file (.nc) or store (.zarr folder) written by `twin run`")
    rep.add_argument("-o", "--output", type=Path, default=Path("report"), metavar="DIR", help="output folder (default: report/)")
    add_params_parser(sub)
    _add_calibrate_parser(sub)
    add_compare_parser(sub)
    return p


def _add_calibrate_parser(sub) -> None:
    c = sub.add_parser("calibrate", help="fit named parameters to measured data; write the posterior (.nc) and figures")
    c.add_argument("config", type=Path, help="calibration config (YAML; see docs/calibration.md)")
    c.add_argument("-o", "--output", type=Path, default=Path("posterior.nc"),
                   help="posterior file (.nc; default posterior.nc); the posterior-predictive figures go beside it")
    c.add_argument("--workers", type=_positive_int, default=None, metavar="N",
                   help="evaluate on a private local Ray with N workers (default: the config's workers, else in-process)")
    c.add_argument("--address", default=None, metavar="ADDR",
                   help="evaluate on an existing Ray cluster (host:port, or 'auto')")


def _calibrate(args, out: Console) -> int:
    from .calibration import calibrate, summary_lines

    path = calibrate(args.config, args.output, workers=args.workers, address=args.address)
    for line in summary_lines(path):
        out.print(line, markup=False, highlight=False, soft_wrap=True)
    out.print(f"posterior written to {path}", markup=False, highlight=False, soft_wrap=True)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    out = Console()
    err = Console(stderr=True)
    try:
        if args.command == "validate":
            return _validate(args, out)
        if args.command == "run":
            return _run(args, out, err)
        if args.command == "report":
            return _report(args, out)
        if args.command == "params":
            return params_command(args)
        if args.command == "calibrate":
            return _calibrate(args, out)
        if args.command == "compare":
            return compare_command(args)
    except TwinError as exc:
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
    from .errors import StudyTooLarge
    from .scenario import load_scenario
    from .study.plan import check_size, study_size

    sc = load_scenario(args.scenario)
    try:
        check_size(sc)
        note = ""
    except StudyTooLarge as exc:
        if study_size(sc).points > 1_000_000:
            raise
        note = f"\n  note: {exc.message}"
    print(f"{args.scenario}: valid. {sc.name!r}: route {sc.line.route}, {len(sc.line.stations)} stations, "
          f"{study_size(sc).describe()}{note}")
    return EXIT_OK


def _report(args, out: Console) -> int:
    from .report import make_report

    if args.output.exists() and not args.output.is_dir():
        raise OutputError("the report output must be a folder", args.output)
    _check_store_for_report(args.results)
    try:
        rep = make_report(args.results, args.output)
    except ReportError as exc:
        raise ReportError(exc.message, exc.where or args.results) from None
    except ImportError as exc:
        raise ReportError(f"the report needs matplotlib and SALib (pip install 'ssb-twin[report]'): {exc}",
                          args.results) from None
    out.print(f"{len(rep.figures)} figures and {rep.html} written to {args.output}", markup=False, highlight=False)
    for name, why in rep.skipped.items():
        out.print(f"  not shown: {name} ({why})", markup=False, highlight=False)
    return EXIT_OK


def _check_store_for_report(path: Path) -> None:
    """A results store must be complete and intact before a report reads it (no fill values as results)."""
    from .results.store import ResultsStore

    if not ResultsStore.is_store(path):
        return
    st = ResultsStore.open(path)
    if not st.is_complete():
        raise ReportError(f"the store holds {len(st.done())} of {st.info['n_chunks']} chunks: the study is not finished "
                          "(finish it with `twin run ... --resume`); a report on part of it would count missing "
                          "replicates as results", path)
    damaged = st.verify()
    if damaged:
        raise ReportError(f"{len(damaged)} chunk(s) of the store are damaged ({next(iter(damaged.values()))}); "
                          "`twin run ... --resume` recomputes them", path)


def _check_output(path: Path) -> None:
    parent = path.parent if str(path.parent) else Path(".")
    if path.exists() and path.is_dir():
        raise OutputError("output path is a directory; give a file name ending in .nc", path)
    if path.suffix != ".nc":
        raise OutputError("output file must end in .nc (netCDF-4)", path)
    if parent.exists() and not parent.is_dir():
        raise OutputError(f"{parent} is not a directory", path)


def _add_run_options(r: argparse.ArgumentParser) -> None:
    r.add_argument("--store", type=Path, default=None,
                   help="results store (zarr directory) the study streams into; default OUTPUT with suffix .zarr, "
                        "removed after the export unless --store or --keep-store is given")
    r.add_argument("--keep-store", action="store_true", help="keep the results store after the netCDF export")
    r.add_argument("--no-export", action="store_true", help="write the results store only, no netCDF file (implies --keep-store)")
    r.add_argument("--resume", action="store_true", help="continue an interrupted study in its store, skipping finished chunks")
    r.add_argument("--workers", type=_positive_int, default=None, metavar="N",
                   help="local workers (default: all cores; 1 runs in-process)")
    r.add_argument("--address", default=None, metavar="ADDR",
                   help="join an existing Ray cluster (host:port, or 'auto'); default $RAY_ADDRESS")
    r.add_argument("--backend", choices=("auto", "serial", "ray"), default="auto",
                   help="auto: in-process for small studies, local Ray otherwise, the cluster with --address")
    r.add_argument("--dashboard", action="store_true",
                   help="start Ray's dashboard (local Ray only, on 127.0.0.1; off by default)")
    r.add_argument("--allow-large", action="store_true",
                   help="run a study beyond the size limits (more than 24 h of estimated compute or 20 GB of results)")
    r.add_argument("--posterior", type=Path, default=None, metavar="FILE",
                   help="draw the fitted parameters from a posterior written by `twin calibrate` (as the scenario section "
                        "`uncertainty: {parameters: FILE}`): answers with credible intervals")
    r.add_argument("--draws", type=_positive_int, default=None, metavar="N",
                   help="parameter sets drawn from --posterior (default 32)")
    r.add_argument("--chunk-size", type=_positive_int, default=None, metavar="K",
                   help="(point, replicate) pairs per chunk; default from a cost model (>= 0.2 s of work per chunk, "
                        "~4 chunks per worker)")


_positive_int = whole_number(1)


def _run(args, out: Console, err: Console) -> int:
    from .scenario import load_scenario
    from .study.job import default_output, run_job
    from .study.plan import check_size
    from .study.progress import progress_factory

    if args.draws is not None and args.posterior is None:
        raise TwinError("--draws needs --posterior (or an `uncertainty:` section in the scenario)", args.scenario)
    sc = load_scenario(args.scenario, posterior=args.posterior, draws=args.draws)
    size = check_size(sc, args.allow_large)
    err.print(f"{sc.name}: {size.describe()}", markup=False, highlight=False, soft_wrap=True)
    output = args.output or default_output(sc.name)
    _check_output(output)
    store = args.store or output.with_suffix(".zarr")
    if store.resolve() == output.resolve():
        raise OutputError("the store and the output file must differ", store)
    address = args.address or os.environ.get("RAY_ADDRESS") or None
    if args.backend == "serial" and address:
        raise TwinError("--address joins a Ray cluster; it cannot be combined with --backend serial", args.scenario)
    _say_resume(args, store, sc, err)
    try:
        job = run_job(sc, output, store, keep_store=args.keep_store or args.store is not None, export=not args.no_export,
                      resume=args.resume, backend=args.backend, workers=args.workers, address=address,
                      chunk_size=args.chunk_size, progress_factory=progress_factory(err, sc.name), dashboard=args.dashboard)
    except KeyboardInterrupt:
        n, total = _stored(store)
        err.print(f"interrupted: {n} of {total} chunks are stored in {store}; continue with:\n"
                  f"  twin run {args.scenario} -o {output} --store {store} --resume", markup=False, highlight=False, soft_wrap=True)
        return 130
    _print_outcome(job, out, err)
    return EXIT_OK


def _say_resume(args, store: Path, sc, err: Console) -> None:
    from .errors import StoreError
    from .results.store import ResultsStore

    if not args.resume:
        return
    if not ResultsStore.is_store(store):
        if store.exists():
            raise StoreError("not an ssb-twin results store; nothing to resume", store)
        return
    done = len(ResultsStore.open(store, sc).done())
    err.print(f"resuming {store}: {done} chunk(s) already stored", markup=False, highlight=False, soft_wrap=True)


def _print_outcome(job, out: Console, err: Console) -> None:
    from .report.summary import print_summary
    from .results import open_results

    say = dict(markup=False, highlight=False, soft_wrap=True)
    if job.cleaned:
        err.print(f"removed what an interrupted run left behind: {', '.join(p.name for p in job.cleaned)}", **say)
    for i, why in job.run.repaired.items():
        err.print(f"chunk {i} in the store was damaged ({why}) and was computed again", **say)
    run = job.run
    with open_results(job.results) as ds:
        print_summary(ds, out)
        n_cells = ds.sizes["point"] * ds.sizes["replicate"] * ds.sizes["cell"]
    if run.chunks_run:
        note = f" ({run.chunks_skipped} of {run.chunks_total} chunks resumed from the store)" if run.chunks_skipped else ""
        done = f"{n_cells} cells simulated in {run.seconds:.1f} s ({run.backend}, {run.workers} worker(s)){note}"
    else:
        done = f"{n_cells} cells: all {run.chunks_total} chunks were in the store already (resumed from the store)"
    out.print(f"{done}; results written to {job.results}", **say)


def _stored(store: Path) -> tuple[int, int]:
    from .results.store import ResultsStore

    try:
        st = ResultsStore.open(store)
        return len(st.done()), st.info["n_chunks"]
    except Exception:  # noqa: BLE001 - best effort for the message
        return 0, 0


if __name__ == "__main__":
    sys.exit(main())
