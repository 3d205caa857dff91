"""The build command: content → audit → lines → charts → HTML → PDF → files → check.

Nothing is written until every stage up to the PDF has succeeded; then each
output file is replaced atomically, so a failed build leaves the previous
output as it was. The written PDF is then measured against the layout rules;
a PDF that breaks one is kept, for inspection, and the command says so.
When nothing the build reads has changed since the last build into the same
folder, nothing is done (see :mod:`report_pdf.cache`).
"""

from __future__ import annotations

import time
from pathlib import Path

from .archive import PDF_VARIANT, indicator_data
from .audit import audit
from .cache import save_state
from .charts import draw_charts
from .check import check_pdf
from .compose import check_title_width, measure_with
from .content import display_path, load_report
from .errors import CheckFailed, InputError, Problem
from .fonts import load_fonts
from .html import render_html, render_stylesheet
from .layout import check_layout_fonts, load_layout, with_office_fonts
from .lint import lint_loaded
from .options import (
    BuildOptions,
    BuildResult,
    Stopwatch,
    unchanged_build,
    write_atomically,
)
from .plan import plan_document
from .project import FIGURES_FOLDER, HTML_NAME, PDF_NAME
from .typeset import typeset

__all__ = ["BuildOptions", "BuildResult", "build", "write_atomically"]


def build(options: BuildOptions, fingerprint: str | None = None, typesetter=None,
          stopwatch: Stopwatch | None = None) -> BuildResult:
    """Build a report; when nothing it reads has changed, do nothing at all.

    ``typesetter``: a stand-in for :func:`report_pdf.typeset.typeset` (the
    default), such as a :class:`report_pdf.typeset_worker.TypesetWorker`, closed once the
    PDF is made, freeing its memory before the check; ``stopwatch`` collects the
    time of each stage.
    """
    started = time.perf_counter()
    fingerprint = fingerprint or options.fingerprint()
    previous = unchanged_build(options, fingerprint, started)
    if previous is not None:
        return previous
    clock = stopwatch or Stopwatch()
    typesetter = typesetter or typeset
    cache = options.cache
    report = load_report(options.report_folder)
    audit(report)
    clock.lap("read content")
    lint_warnings = tuple(f"lint: {problem}" for problem in lint_loaded(report))
    clock.lap("lint")
    fonts = load_fonts(options.fonts_folder, cache, options.office_fonts or report.office_fonts)
    layout = with_office_fonts(load_layout(options.styles_folder), fonts)
    check_layout_fonts(layout, {font.family for font in fonts.fonts}, options.styles_folder)
    check_title_width(report, measure_with(fonts, layout), layout)
    clock.lap("compose lines")
    figures = draw_charts(report.charts, fonts, layout, cache)
    clock.lap("charts")
    output = options.output_folder
    plan = plan_document(report, figures, fonts, layout)
    stylesheet = render_stylesheet(options.styles_folder, layout, plan.page_number)
    html = render_html(plan, fonts, layout, stylesheet, output)
    figure_files = {f"{FIGURES_FOLDER}/{figure.file_name}": figure.svg for figure in figures}
    archive = {"variant": PDF_VARIANT, "embedded": (indicator_data(report),)} \
        if options.archival else {}
    clock.lap("HTML")
    result = typesetter(html, output, fonts, figure_files, print_profile=layout.print_profile,
                        **archive)
    typeset_laps = result.timings
    if result.page_count != len(plan.pages):
        raise CheckFailed(Problem(
            f"the typesetter made {result.page_count} pages of the {len(plan.pages)} the plan "
            "laid out: some part is taller than measured; nothing was written (please report "
            "this with the report folder)"))
    if hasattr(typesetter, "close"):
        typesetter.close()
    clock.lap("typeset: load WeasyPrint, check glyphs", typeset_laps)
    warnings = lint_warnings + tuple(f"font: {message}" for message in plan.font_warnings) \
        + result.warnings
    if options.strict and warnings:
        raise CheckFailed([Problem(f"warning (strict mode): {message}")
                           for message in warnings])
    files = {HTML_NAME: html.encode("utf-8"), **figure_files, PDF_NAME: result.pdf}
    _write_outputs(output, files)
    clock.lap("write files")
    check = check_pdf(result.pdf, layout, fonts)
    clock.lap("check layout")
    built = BuildResult(
        pdf_path=output / PDF_NAME,
        html_path=output / HTML_NAME,
        figure_paths=tuple(output / name for name in figure_files),
        page_count=result.page_count,
        indicator_count=len(report.indicators),
        warnings=warnings,
        rules_passed=len(check.results) - len(check.failures),
        rules_checked=len(check.results),
        seconds=time.perf_counter() - started,
        charts_drawn=tuple(figure.spec.id for figure in figures if figure.drawn),
        check=check,
        timings=tuple(clock.laps),
    )
    if options.use_cache:
        save_state(output, fingerprint, [output / name for name in files], built.summary(),
                   write_atomically)
    return built


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
