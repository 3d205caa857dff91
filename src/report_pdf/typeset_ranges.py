"""Typeset by page ranges, laying out again only the ranges an edit changed.

``watch`` keeps its process warm and rebuilds after every save, and a save
usually changes one or two pages. The build then renders the plan as one HTML
document per range of two pages as well as the whole
(:func:`report_pdf.html.render_page_ranges`). Each range is laid out by
WeasyPrint on its own and kept, keyed by its HTML and everything the layout
loads (fonts, figures, print profile); the next build lays out only the ranges
whose key is new. The pages of all ranges are joined into one WeasyPrint
document (``Document.copy``) and written as one PDF: WeasyPrint makes the fonts,
the structure tags, the bookmarks and the metadata from the pages' boxes when
it writes, once for the whole, so the PDF is byte for byte the one a single
layout of the whole HTML gives (``tests/test_typeset_ranges.py`` compares them).

The page breaks are report_pdf's own (the plan's), which is what makes the cut
possible: a range's pages are the plan's pages, whatever WeasyPrint would do.
"""

from __future__ import annotations

import hashlib
import io
import logging
import shutil
import tempfile
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from . import scratch

Render = Callable[[str], tuple[object, list[logging.LogRecord]]]


@dataclass(frozen=True)
class LaidOutRange:
    document: object  # a weasyprint.Document of the range's pages
    warnings: tuple[logging.LogRecord, ...]  # what WeasyPrint logged laying it out
    # Its colour profiles' bytes as loaded: writing a PDF reads a profile's name
    # through littleCMS, after which the same profile object saves other bytes.
    profiles: dict[str, bytes]


class RangeCache:
    """The ranges laid out by the last build, for the next one to reuse."""

    def __init__(self) -> None:
        self._ranges: dict[str, LaidOutRange] = {}
        self.laid_out: tuple[int, ...] = ()  # the ranges the last build laid out (0-based)
        # WeasyPrint copies the fonts a layout loads into a temporary folder and
        # reads them again when it writes: the folder lives as long as the ranges.
        self._folder: str | None = None

    def join(self, htmls: tuple[str, ...], context: str,
             render: Render) -> tuple[object, list[logging.LogRecord]]:
        """One document of every range's pages, laying out only the ranges not
        kept; ``context`` names what else the layout depends on."""
        keys = [hashlib.sha256(f"{context}\n{html}".encode()).hexdigest() for html in htmls]
        kept: dict[str, LaidOutRange] = {}
        laid_out = []
        with self._scratch_folder():
            for index, (key, html) in enumerate(zip(keys, htmls, strict=True)):
                if key in kept:
                    continue
                if key not in self._ranges:
                    document, warnings = render(html)
                    profiles = {name: profile.content
                                for name, profile in document.color_profiles.items()}
                    self._ranges[key] = LaidOutRange(document, tuple(warnings), profiles)
                    laid_out.append(index)
                kept[key] = self._ranges[key]
        self._ranges = kept  # ranges no longer in the document are let go
        self.laid_out = tuple(laid_out)
        ranges = [kept[key] for key in keys]
        first = ranges[0]
        joined = first.document.copy([page for laid in ranges for page in laid.document.pages])
        joined.color_profiles = {
            name: type(profile)(io.BytesIO(first.profiles[name]), profile.src,
                                profile.rendering_intent, profile.components)
            for name, profile in first.document.color_profiles.items()}
        return joined, [record for laid in ranges for record in laid.warnings]

    def close(self) -> None:
        self._ranges = {}
        if self._folder:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    def _scratch_folder(self) -> AbstractContextManager[None]:
        if self._folder is None or not Path(self._folder).is_dir():
            self._folder = tempfile.mkdtemp(prefix=scratch.prefix("ranges"))
        return scratch.temporary_files_in(self._folder)


class RangeTypesetter:
    """Called like :func:`report_pdf.typeset.typeset`, with the page ranges'
    HTML; keeps the laid-out ranges from one call to the next."""

    typesets_page_ranges = True  # the build renders the ranges for it

    def __init__(self) -> None:
        self.cache = RangeCache()

    def __call__(self, *args, **kwargs):
        from .typeset import typeset

        return typeset(*args, range_cache=self.cache, **kwargs)

    def __enter__(self) -> RangeTypesetter:
        return self

    def __exit__(self, *_) -> None:
        self.cache.close()
