"""The build command: content → audit → lines → charts → HTML → PDF → files → check.

Nothing is written until every stage up to the PDF has succeeded; then each
output file is replaced atomically, so a failed build leaves the previous
output as it was. The written PDF is then measured against the layout rules;
a PDF that breaks one is kept, for inspection, and the command says so.
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .archive import PDF_VARIANT, indicator_data
from .audit import audit
from .charts import draw_charts
from .check import CheckReport, check_pdf
from .compose import compose_report
from .content import display_path, load_report
from .errors import CheckFailed, InputError, Problem
from .fonts import load_fonts
from .html import FIGURES_FOLDER, render_html, render_stylesheet
from .layout import check_layout_fonts, load_layout
from .lint import lint_report
from .typeset import typeset

PDF_NAME = "report.pdf"
HTML_NAME = "report.html"


@dataclass(frozen=True)
class BuildOptions:
    """What to build and where; the CLI and the tests both fill this in."""

    report_folder: Path
    output_folder: Path
    project_folder: Path  # holds fonts/ and styles/
    strict: bool = False  # warnings (lint, typesetter) fail the build
    archival: bool = True  # PDF/A-3b with the indicator data; False: a plain PDF

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
    check: CheckReport  # the written PDF measured against the layout rules
    seconds: float


def build(options: BuildOptions) -> BuildResult:
    started = time.perf_counter()
    report = load_report(options.report_folder)
    audit(report)
    lint_warnings = tuple(f"lint: {problem}"
                          for problem in lint_report(options.report_folder).problems)
    fonts = load_fonts(options.fonts_folder)
    layout = load_layout(options.styles_folder)
    check_layout_fonts(layout, {font.family for font in fonts.fonts}, options.styles_folder)
    composed = compose_report(report, fonts, layout)
    figures = draw_charts(report.charts, fonts, layout)
    output = options.output_folder
    stylesheet = render_stylesheet(options.styles_folder, layout, fonts)
    html = render_html(report, composed, figures, fonts, layout, stylesheet, output)
    figure_files = {f"{FIGURES_FOLDER}/{figure.file_name}": figure.svg for figure in figures}
    archive = {"variant": PDF_VARIANT, "embedded": (indicator_data(report),)} \
        if options.archival else {}
    result = typeset(html, output, fonts, figure_files, **archive)
    if report.document.colophon and result.page_count - 1 not in result.blank_pages:
        # No blank page before the 版记: its page keeps its number (GB/T 9704 7.5).
        html = render_html(report, composed, figures, fonts, layout, stylesheet, output,
                           colophon_numbered=True)
        result = typeset(html, output, fonts, figure_files, **archive)
    warnings = lint_warnings + result.warnings
    if options.strict and warnings:
        raise CheckFailed([Problem(f"warning (strict mode): {message}")
                           for message in warnings])
    files = {HTML_NAME: html.encode("utf-8"), **figure_files, PDF_NAME: result.pdf}
    _write_outputs(output, files)
    check = check_pdf(result.pdf, layout, fonts)
    return BuildResult(
        pdf_path=output / PDF_NAME,
        html_path=output / HTML_NAME,
        figure_paths=tuple(output / name for name in figure_files),
        page_count=result.page_count,
        indicator_count=len(report.indicators),
        warnings=warnings,
        check=check,
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
