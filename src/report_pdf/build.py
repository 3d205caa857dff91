"""The build command: content → charts → HTML → PDF → check → files.

Nothing is written until every stage has succeeded; then each output file is
replaced atomically, so a failed build leaves the previous output as it was.
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .charts import draw_charts
from .content import display_path, load_report
from .content.reading import read_text
from .errors import CheckFailed, InputError, Problem
from .fonts import load_fonts
from .html import FIGURES_FOLDER, render_html
from .pdfcheck import check_fonts
from .typeset import typeset

PDF_NAME = "report.pdf"
HTML_NAME = "report.html"
STYLESHEET = "report.css"


@dataclass(frozen=True)
class BuildOptions:
    """What to build and where; the CLI and the tests both fill this in."""

    report_folder: Path
    output_folder: Path
    project_folder: Path  # holds fonts/ and styles/
    strict: bool = False  # typesetter warnings fail the build

    @property
    def fonts_folder(self) -> Path:
        return self.project_folder / "fonts"

    @property
    def styles_folder(self) -> Path:
        return self.project_folder / "styles"


@dataclass(frozen=True)
class BuildResult:
    pdf_path: Path
    html_path: Path
    figure_paths: tuple[Path, ...]
    page_count: int
    indicator_count: int
    warnings: tuple[str, ...]
    seconds: float


def build(options: BuildOptions) -> BuildResult:
    started = time.perf_counter()
    report = load_report(options.report_folder)
    fonts = load_fonts(options.fonts_folder)
    stylesheet_path = options.styles_folder / STYLESHEET
    stylesheet = read_text(stylesheet_path, display_path(stylesheet_path))
    figures = draw_charts(report.charts, fonts)
    output = options.output_folder
    html = render_html(report, figures, fonts, stylesheet, output)
    figure_files = {f"{FIGURES_FOLDER}/{figure.file_name}": figure.svg for figure in figures}
    result = typeset(html, output, fonts, figure_files)
    if options.strict and result.warnings:
        raise CheckFailed([Problem(f"typesetter warning (strict mode): {message}")
                           for message in result.warnings])
    font_problems = check_fonts(result.pdf, fonts)
    if font_problems:
        raise CheckFailed(font_problems)

    files = {HTML_NAME: html.encode("utf-8"), **figure_files, PDF_NAME: result.pdf}
    _write_outputs(output, files)
    return BuildResult(
        pdf_path=output / PDF_NAME,
        html_path=output / HTML_NAME,
        figure_paths=tuple(output / name for name in figure_files),
        page_count=result.page_count,
        indicator_count=len(report.indicators),
        warnings=result.warnings,
        seconds=time.perf_counter() - started,
    )


def _write_outputs(folder: Path, files: dict[str, bytes]) -> None:
    """Write every file atomically, the PDF last; drop figures no longer drawn."""
    try:
        for name, data in files.items():
            write_atomically(folder / name, data)
        figures_folder = folder / FIGURES_FOLDER
        if figures_folder.is_dir():
            for stale in figures_folder.glob("*.svg"):
                if f"{FIGURES_FOLDER}/{stale.name}" not in files:
                    stale.unlink()
    except OSError as error:
        where = display_path(Path(error.filename)) if error.filename else display_path(folder)
        raise InputError(Problem(f"cannot write the output ({error.strerror}); choose "
                                 f"another output folder with --output, or fix the "
                                 f"permissions of {where}")) from None


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that readers see the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                         dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
