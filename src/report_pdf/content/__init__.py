"""Stage 1: load a report folder and validate it."""

from ..project import CONTENT_FILES
from .loader import LoadedReport, display_path, load_report, read_report

__all__ = ["CONTENT_FILES", "LoadedReport", "display_path", "load_report", "read_report"]
