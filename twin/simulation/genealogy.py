"""What the line tells of each cell: its fate and its genealogy."""

from __future__ import annotations

import numpy as np

from ..contract import FAILURE_CODES
from .line import SCRAP_BREAKDOWN, LineResult

__all__ = ["record_fate", "record_genealogy", "reached_test"]


def reached_test(line: LineResult) -> np.ndarray:
    """Cells that started the end-of-line test (the last station)."""
    return np.isfinite(line.start[:, -1])


def record_fate(cells, line: LineResult) -> None:
    """Breakdown scrap from the line; ``passed``: reached the test with no failure (gates wrote theirs)."""
    cells["failure_mode"][line.scrap_code == SCRAP_BREAKDOWN] = FAILURE_CODES["breakdown_scrap"]
    cells["passed"] = reached_test(line) & (cells["failure_mode"] == 0)


def record_genealogy(cells, line: LineResult) -> None:
    """Rework count, furnace load and position, release, completion and lead times."""
    cells["rework_count"] = (line.visits.max(axis=1) - 1).astype(np.int64)
    cells["furnace_batch"] = line.batch
    cells["furnace_position"] = line.position
    cells["release_time"] = line.release
    cells["completion_time"] = np.where(reached_test(line), line.exit[:, -1], np.nan)
    cells["lead_time"] = np.nanmax(line.exit, axis=1) - line.release
