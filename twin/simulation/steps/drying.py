"""Drying of the cast tape: time and atmosphere only."""

from __future__ import annotations

from .base import Step


class Drying(Step):
    """Solvent removal. No physics beyond the time the station takes and its atmosphere (the drying-crack risk
    is part of casting, which sets the dried thickness)."""

    name = "drying"
