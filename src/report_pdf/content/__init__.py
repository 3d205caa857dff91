"""Stage 1: load a report folder and validate it."""

from ..project import CONTENT_FILES
from .loader import display_path, load_report

__all__ = ["CONTENT_FILES", "display_path", "load_report"]
