"""Reports of a results Dataset: terminal summary, figures, HTML page."""

from .figures import FIGURES
from .page import Report, make_report

__all__ = ["FIGURES", "Report", "make_report"]
