"""Stage 4: typeset the HTML into a PDF with WeasyPrint, using only our fonts.

Three things keep the output independent of the machine it is built on:

* fontconfig is pointed at an empty configuration before WeasyPrint loads, so
  the only fonts that exist are the ``@font-face`` rules made from the manifest;
* every character was looked up in its role's committed fonts by the plan
  (:mod:`report_pdf.glyphs`); a box WeasyPrint still draws fails the build;
* resources are served by a fetcher that knows only the committed fonts, the
  print profile and the figures drawn in this build; any other reference fails
  the build.

The PDF tells the printer how it is meant to be printed (GB/T 9704 §6): its
colours are CMYK inks under an output intent of the print profile, and its
viewer preferences ask for actual size and duplex on the long edge.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import scratch
from .archive import EmbeddedFile
from .errors import InputError, Problem, ProblemCollector
from .fonts import FontSet
from .spacing import TESTED_WEASYPRINT
from .typeset_loading import keep_page_references, libraries_by_soname, make_lazy
from .typeset_ranges import RangeCache

EMPTY_FONTCONFIG = Path(__file__).with_name("fontconfig-empty.conf")
FONTTOOLS_FALLBACK = "instead of HarfBuzz-Subset"  # in WeasyPrint's warning, once per font
NO_HARFBUZZ_SUBSET = (
    "HarfBuzz's font subsetter (libharfbuzz-subset0, 4.1 or later) is not installed, so "
    "WeasyPrint subsets the fonts with fontTools: several times slower, and the PDF's bytes "
    "differ from those built with it; install it (apt-get install libharfbuzz-subset0)")


@dataclass(frozen=True)
class Typeset:
    pdf: bytes
    page_count: int
    warnings: tuple[str, ...]
    timings: tuple[tuple[str, float], ...] = ()  # seconds for layout and for writing


def load_typesetter():
    """Import WeasyPrint with fontconfig cut off from the machine's fonts."""
    os.environ["FONTCONFIG_FILE"] = str(EMPTY_FONTCONFIG)
    make_lazy()
    with warnings.catch_warnings(), libraries_by_soname():
        # Expected: we give fontconfig no fonts; @font-face provides them all.
        warnings.filterwarnings("ignore", message="No fonts configured in FontConfig")
        import weasyprint
    keep_page_references()
    return weasyprint


# Print at actual size (not "fit to page", which shrinks the margins and the type
# below the standard's), on both sides, turning on the long edge; show the title.
VIEWER_PREFERENCES = {"PrintScaling": "/None", "Duplex": "/DuplexFlipLongEdge",
                      "DisplayDocTitle": "true"}  # pydyf writes strings as they are


class ResourceFetcher:
    """Serves the figures of this build, the fonts (the committed ones, and an
    office's own) and the print profile, and nothing else."""

    def __init__(self, weasyprint, base_folder: Path, fonts_folders: Path | tuple[Path, ...],
                 in_memory: dict[str, bytes], files: tuple[Path, ...] = (),
                 font_data: dict[Path, bytes] | None = None):
        self._response = weasyprint.urls.URLFetcherResponse
        self.base_folder = base_folder.resolve()
        folders = (fonts_folders,) if isinstance(fonts_folders, Path) else fonts_folders
        self.fonts_folders = tuple(folder.resolve() for folder in folders)
        self.files = {path.resolve() for path in files}
        self.in_memory = {(self.base_folder / name).as_posix(): data
                          for name, data in in_memory.items()}
        self.font_data = font_data or {}  # a font file's subset, served in its place
        self.refused: list[str] = []
        self._fail_on_errors = False  # read by weasyprint.urls.fetch

    def __call__(self, url: str):
        parts = urlsplit(url)
        if parts.scheme == "file" and not parts.netloc:
            path = Path(unquote(parts.path))
            key = path.as_posix()
            if key in self.in_memory:
                return self._response(url, self.in_memory[key],
                                      {"Content-Type": "image/svg+xml"})
            resolved = path.resolve()
            if resolved in self.font_data:
                return self._response(url, self.font_data[resolved])
            if (any(resolved.is_relative_to(folder) for folder in self.fonts_folders)
                    or resolved in self.files) and path.is_file():
                return self._response(url, path.read_bytes())
        self.refused.append(url)
        raise ValueError(f"not a resource of this report: {url}")


@contextmanager
def _scratch_folder() -> Iterator[None]:
    """WeasyPrint copies every font into a folder of its own under TMPDIR, and
    removes it only when its font configuration is collected, which a process
    that ends at once never does: typesetting runs with the temporary folder
    inside one of ours (see :mod:`report_pdf.scratch`), removed afterwards."""
    folder = tempfile.mkdtemp(prefix=scratch.prefix("typeset"))
    try:
        with scratch.temporary_files_in(folder):
            yield
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def _captured_warnings() -> Iterator[list[logging.LogRecord]]:
    """Collect what WeasyPrint logs at WARNING and above during one render."""
    records: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    logger = logging.getLogger("weasyprint")
    handler = Collect(logging.WARNING)
    previous = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield records
    finally:
        logger.removeHandler(handler)
        logger.propagate = previous


def _raise_if_refused(fetcher: ResourceFetcher) -> None:
    problems = ProblemCollector()
    problems.extend(Problem(f"a reference to something outside the report's fonts and "
                            f"figures was refused: {url}") for url in dict.fromkeys(
                                fetcher.refused))
    problems.raise_if_any(InputError)


def _layout_context(base_url: str, fonts: FontSet, figures: dict[str, bytes],
                    print_profile: Path | None, font_data: dict[Path, bytes] | None) -> str:
    """What a layout loads besides its HTML, as one text: a kept range is reused
    only while all of it is the same."""
    digest = hashlib.sha256()
    for name, data in sorted(figures.items()):
        digest.update(f"figure {name} {hashlib.sha256(data).hexdigest()}\n".encode())
    for path, data in sorted((font_data or {}).items()):
        digest.update(f"font {path} {hashlib.sha256(data).hexdigest()}\n".encode())
    for font in fonts.fonts:
        stat = font.path.stat()
        digest.update(f"file {font.path} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    if print_profile:
        digest.update(f"profile {print_profile} {print_profile.stat().st_mtime_ns}".encode())
    return f"{base_url}\n{digest.hexdigest()}"


def _set_viewer_preferences(_document, pdf) -> None:
    import pydyf  # WeasyPrint's PDF writer, loaded with it

    pdf.catalog["ViewerPreferences"] = pydyf.Dictionary(VIEWER_PREFERENCES)


def typeset(html: str, base_folder: Path, fonts: FontSet, figures: dict[str, bytes],
            variant: str | None = None, embedded: tuple[EmbeddedFile, ...] = (),
            print_profile: Path | None = None,
            font_data: dict[Path, bytes] | None = None,
            page_ranges: tuple[str, ...] | None = None,
            range_cache: RangeCache | None = None) -> Typeset:
    """Lay out and write the PDF; raise InputError on missing glyphs or resources.

    ``variant``: a PDF variant such as "pdf/a-3a"; ``embedded``: files to attach;
    ``print_profile``: the CMYK ICC profile the HTML's ``@color-profile
    device-cmyk`` names, which becomes the output intent; ``font_data``: font
    files cut to the document's characters (see :mod:`report_pdf.font_subsets`),
    used in place of the whole files. ``page_ranges`` with ``range_cache``: the
    same document as HTML for each range of pages, laid out apart and joined,
    only the ranges the cache does not hold (see :mod:`report_pdf.typeset_ranges`).
    """
    weasyprint = load_typesetter()
    fetcher = ResourceFetcher(weasyprint, base_folder, fonts.folders, figures,
                              (print_profile,) if print_profile else (), font_data)
    intent = {"output_intent": "device-cmyk"} if print_profile else {}
    base_url = base_folder.resolve().as_uri() + "/"

    def render(source: str) -> tuple[object, list[logging.LogRecord]]:
        with _captured_warnings() as records:
            document = weasyprint.HTML(string=source, base_url=base_url,
                                       url_fetcher=fetcher).render(**intent)
        _raise_if_refused(fetcher)
        return document, records

    started = time.perf_counter()
    try:
        with _scratch_folder():
            if page_ranges is not None and range_cache is not None:
                document, records = range_cache.join(
                    page_ranges, _layout_context(base_url, fonts, figures, print_profile,
                                                 font_data), render)
            else:
                document, records = render(html)
            laid_out = time.perf_counter()
            attachments = [weasyprint.Attachment(string=item.data, name=item.name,
                                                 description=item.description,
                                                 created=item.date, modified=item.date,
                                                 relationship=item.relationship)
                           for item in embedded]
            # Tagged in every variant: the structure tree gives readers (and the check)
            # the reading order and what each line is.
            with _captured_warnings() as written:
                pdf = document.write_pdf(pdf_variant=variant, attachments=attachments,
                                         pdf_tags=True, finisher=_set_viewer_preferences,
                                         **intent)
            records = records + written
            _raise_if_refused(fetcher)  # the images inside an SVG load only now
    except OSError as error:  # WeasyPrint copies every font to a temporary file
        raise InputError(Problem(
            f"the typesetter could not write its temporary files ({error.strerror}) in "
            f"{scratch.users_temporary_folder()}: free some space there, raise the file-size limit "
            "(ulimit -f), or set TMPDIR to a folder with room")) from None
    timings = (("layout", laid_out - started), ("write PDF", time.perf_counter() - laid_out))
    notdef = dict.fromkeys(record.getMessage() for record in records
                           if ".notdef glyph" in record.getMessage())
    if notdef:  # a glyph the plan's check could not see
        raise InputError([Problem(f"typesetter: {message}") for message in notdef])
    messages = tuple(dict.fromkeys(  # WeasyPrint's warning once per font, ours once
        NO_HARFBUZZ_SUBSET if FONTTOOLS_FALLBACK in record.getMessage()
        else record.getMessage() for record in records))
    if weasyprint.__version__ != TESTED_WEASYPRINT:
        messages += (f"WeasyPrint {weasyprint.__version__} is not {TESTED_WEASYPRINT}, the "
                     "version report_pdf's line setting was measured on; the layout check "
                     "shows whether the lines still come out right",)
    return Typeset(pdf, len(document.pages), messages, timings)
