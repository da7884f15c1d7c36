"""A whole `twin run` as one job: study, verified export, clean-up, under one lock, losing nothing on failure.

:func:`run_job` holds an exclusive lock on the output for its whole run, so
two runs that would write the same results file never interleave; the store's
own lock is held from its creation (or resume) through the export and its
removal. What a killed run left behind (temporary files of the export, a
store renamed for removal) is cleaned up by the next run on the same output.
Nothing is written at the output path unless the study is complete and its
store verified, and then atomically, so a failed run never replaces an
earlier good result. Operating-system failures (a read-only folder, a full
disk) become located :class:`twin.errors.OutputError` s.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputError
from ..results.atomic import exclusive, stale_temporaries
from .runner import StudyRun, run_study

__all__ = ["JobResult", "run_job", "default_output", "safe_stem"]


def safe_stem(name: str) -> str:
    """A file name made from a study's name: letters, digits, ``_``, ``-`` and ``.`` only, no leading dot."""
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("._-")[:100]
    return stem or "study"


def default_output(name: str, cwd: Path | None = None) -> Path:
    """``results/<safe name>.nc`` under the working folder: a scenario never chooses where its results go."""
    return (cwd or Path.cwd()) / "results" / f"{safe_stem(name)}.nc"


@dataclass
class JobResult:
    """What a job did and where its results are."""

    run: StudyRun
    results: Path  # the netCDF file, or the store with export=False
    cleaned: list[Path]  # leftovers of killed runs removed before starting


def run_job(scenario, output: Path, store: Path, *, keep_store: bool = False, export: bool = True,
            resume: bool = False, **study) -> JobResult:
    """Run the study into ``store``, export it to ``output`` and remove the store, all under one lock.

    ``study`` passes on to :func:`twin.study.runner.run_study` (backend,
    workers, address, chunk_size, progress_factory, dashboard).
    """
    output, store = Path(output), Path(store)
    try:
        with exclusive(output):
            cleaned = _clean_leftovers(output, store)
            new = not store.exists()
            try:
                run = run_study(scenario, store, resume=resume, hold=True, **study)
            except Exception:
                if new:
                    _drop_if_empty(store)
                raise
            try:
                if export:
                    _export(run, output)
                if export and not keep_store:
                    run.handle.remove()
            finally:
                run.handle.close()
            return JobResult(run, output if export else store, cleaned)
    except BlockingIOError:
        raise OutputError("another twin run is writing this output right now; wait for it, or choose another -o",
                          output) from None
    except OSError as exc:  # a read-only folder, a full disk, a path under a pseudo file system
        raise OutputError(f"cannot write here: {exc.strerror or exc}", exc.filename or output) from None


def _export(run: StudyRun, output: Path) -> None:
    try:
        run.handle.export_netcdf(output)
    except OSError as exc:
        raise OutputError(f"cannot write results: {exc.strerror or exc}; the study stays in {run.store} "
                          "(export it with `twin run ... --resume` once the problem is fixed)", output) from None


def _clean_leftovers(output: Path, store: Path) -> list[Path]:
    """Temporary files of killed exports of ``output`` and stores renamed for removal (we hold the output's lock)."""
    found = stale_temporaries(output) + sorted(store.parent.glob(f".{store.name}.removing-*"))
    for p in found:
        shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)
    return found


def _drop_if_empty(store: Path) -> None:
    """A store this run created that holds no finished chunk is worth nothing to resume: remove it."""
    from ..results.store import ResultsStore

    try:
        empty = not ResultsStore.is_store(store) or not ResultsStore(store).done()
    except OSError:
        return
    if empty:
        shutil.rmtree(store, ignore_errors=True)
