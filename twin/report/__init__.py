"""Reports of a results Dataset: terminal summary, figures, HTML page."""

from .figures import FIGURES, ReportError, make_report

__all__ = ["FIGURES", "ReportError", "make_report"]
