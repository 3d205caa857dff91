"""Stage 1: load a report folder and validate it."""

from .loader import CONTENT_FILES, display_path, load_report

__all__ = ["CONTENT_FILES", "display_path", "load_report"]
