"""Cutting the tape into sheets: time and atmosphere only."""

from __future__ import annotations

from .base import Step


class Cutting(Step):
    """Cutting the dried tape into sheets (one item each). No physics beyond time and atmosphere."""

    name = "cutting"
