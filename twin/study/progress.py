"""Progress of a study on the terminal: chunks done, cells/s, ETA; silent when not a TTY."""

from __future__ import annotations

import time

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
from rich.text import Text

__all__ = ["StudyProgress", "progress_factory"]


class _CellRate(ProgressColumn):
    """Cells per second over this run (chunks finished before a resume do not count)."""

    def __init__(self, owner: "StudyProgress"):
        super().__init__()
        self.owner = owner

    def render(self, task) -> Text:
        rate = self.owner.cell_rate()
        return Text("-- cells/s" if rate is None else f"{rate:,.0f} cells/s", style="progress.data.speed")


class StudyProgress:
    """Context manager with ``advance(cells)``: one call per finished chunk."""

    def __init__(self, total_chunks: int, total_cells: int, done_chunks: int = 0, done_cells: int = 0,
                 console: Console | None = None, description: str = "study"):
        self.console = console or Console(stderr=True)
        self.enabled = self.console.is_terminal
        self.total_chunks, self.total_cells = total_chunks, total_cells
        self.done_chunks, self.done_cells = done_chunks, done_cells
        self._cells_this_run = 0
        self._t0 = None
        self._progress = None
        self._task = None
        self.description = description

    def cell_rate(self) -> float | None:
        if not self._cells_this_run or self._t0 is None:
            return None
        return self._cells_this_run / max(time.perf_counter() - self._t0, 1e-9)

    def __enter__(self):
        self._t0 = time.perf_counter()
        if self.enabled:
            self._progress = Progress(
                TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("chunks"),
                _CellRate(self), TextColumn("ETA"), TimeRemainingColumn(),
                console=self.console, transient=False, refresh_per_second=4,
            )
            self._progress.__enter__()
            self._task = self._progress.add_task(self.description, total=self.total_chunks, completed=self.done_chunks)
        return self

    def advance(self, cells: int) -> None:
        self.done_chunks += 1
        self.done_cells += cells
        self._cells_this_run += cells
        if self._progress is not None:
            self._progress.update(self._task, advance=1)

    def __exit__(self, *exc):
        if self._progress is not None:
            self._progress.__exit__(*exc)
        return False


def progress_factory(console: Console | None = None, description: str = "study"):
    """A factory for :func:`twin.study.runner.run_study` drawing on ``console`` (stderr by default)."""

    def make(total_chunks, total_cells, done_chunks, done_cells):
        return StudyProgress(total_chunks, total_cells, done_chunks, done_cells, console=console, description=description)

    return make
