"""The build command: content → audit → lines → charts → HTML → PDF → check → files.

Nothing is written until the PDF has been made and has passed the layout
check; then the whole set (PDF, HTML, charts and the build's record) replaces
the previous one at once (see :mod:`report_pdf.publish`), so a failed build
leaves the previous output as it was. A PDF that breaks a layout rule is kept
beside it as report.failed.pdf, for inspection, and the command says so.
When nothing the build reads has changed since the last build into the same
folder, nothing is done (see :mod:`report_pdf.cache`).
"""

from __future__ import annotations

import dataclasses
import time

from . import interrupt
from .archive import PDF_VARIANT, indicator_data
from .audit import check_growth_claims, load_audited
from .cache import STATE_FILE, saved_state, state_record
from .charts import draw_charts
from .check import check_pdf
from .compose import check_title_width, measure_with
from .content.charts import charts_without_last_year
from .errors import CheckFailed, Problem, display_path
from .font_subsets import document_characters, font_subsets
from .fonts import load_fonts
from .html import render_html, render_page_ranges, render_stylesheet, seal_files
from .layout import check_layout_fonts, load_layout, with_office_fonts
from .lint import lint_loaded
from .new_year import unchanged_paragraphs
from .options import BuildOptions, BuildResult, Stopwatch, unchanged_build
from .plan import plan_document
from .project import FIGURES_FOLDER, HTML_NAME, PDF_NAME
from .publish import drop_failed, keep_failed, publish
from .typeset import typeset

__all__ = ["BuildOptions", "BuildResult", "build"]


def build(options: BuildOptions, fingerprint: str | None = None, typesetter=None,
          stopwatch: Stopwatch | None = None) -> BuildResult:
    """Build a report; when nothing it reads has changed, do nothing at all.

    ``typesetter``: a stand-in for :func:`report_pdf.typeset.typeset` (the
    default), such as a :class:`report_pdf.typeset_worker.TypesetWorker`, closed once the
    PDF is made, freeing its memory before the check, or a
    :class:`report_pdf.typeset_ranges.RangeTypesetter`, given the page ranges' HTML
    too; ``stopwatch`` collects the time of each stage.
    """
    started = time.perf_counter()
    fingerprint = fingerprint or options.fingerprint()
    previous = unchanged_build(options, fingerprint, started)
    if previous is not None:
        return previous
    clock = stopwatch or Stopwatch()
    typesetter = typesetter or typeset
    cache = options.cache
    report = load_audited(options.report_folder)
    clock.lap("read content")
    lint_warnings = tuple(f"lint: {problem}" for problem in lint_loaded(report))
    lint_warnings += tuple(f"draft: {message}" for message in unchanged_paragraphs(
        report.folder, report.paragraphs))
    lint_warnings += tuple(f"last year: {message}"
                           for message in check_growth_claims(report)[1])
    if report.last_year and report.last_year.unreadable:
        lint_warnings += (f"last year: {display_path(report.last_year.folder)} could not be "
                          f"read ({report.last_year.unreadable}); the summary table is made "
                          "without its 上年 and 增减 columns",)
    lint_warnings += tuple(f"last year: {message}"
                           for message in charts_without_last_year(report))
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
    stylesheet = render_stylesheet(options.styles_folder, layout, plan.page_number,
                                   plan.format)
    html = render_html(plan, fonts, layout, stylesheet, output)
    ranges = {"page_ranges": render_page_ranges(plan, fonts, layout, stylesheet, output)} \
        if getattr(typesetter, "typesets_page_ranges", False) else {}
    figure_files = {f"{FIGURES_FOLDER}/{figure.file_name}": figure.svg for figure in figures}
    archive = {"variant": PDF_VARIANT, "embedded": (indicator_data(report),)} \
        if options.archival else {}
    clock.lap("HTML")
    images = {**figure_files, **seal_files(plan, layout)}
    subsets = font_subsets(fonts, document_characters(
        html, *(data.decode("utf-8", "replace") for data in images.values())), cache)
    clock.lap("subset fonts")
    result = typesetter(html, output, fonts, images, print_profile=layout.print_profile,
                        font_data=subsets, **archive, **ranges)
    typeset_laps = result.timings
    if result.page_count != len(plan.pages):
        raise CheckFailed(Problem(
            f"the typesetter made {result.page_count} pages of the {len(plan.pages)} the plan "
            "laid out: some part is taller than measured; the output was left as it was "
            "(please report this with the report folder)"))
    if hasattr(typesetter, "close"):
        typesetter.close()
    clock.lap("typeset: load WeasyPrint, check glyphs", typeset_laps)
    warnings = lint_warnings + tuple(f"font: {message}" for message in plan.font_warnings) \
        + result.warnings
    if options.strict and warnings:
        raise CheckFailed([Problem(f"warning (strict mode): {message}")
                           for message in warnings])
    check = check_pdf(result.pdf, layout, fonts)
    clock.lap("check layout")
    files = {HTML_NAME: html.encode("utf-8"), **figure_files, PDF_NAME: result.pdf}
    built = BuildResult(
        pdf_path=output / PDF_NAME,
        html_path=output / HTML_NAME,
        figure_paths=tuple(output / name for name in figure_files),
        page_count=result.page_count,
        indicator_count=len(report.indicators),
        warnings=warnings,
        rules_passed=len(check.results) - len(check.failures),
        rules_checked=len(check.results),
        seconds=0.0,
        charts_drawn=tuple(figure.spec.id for figure in figures if figure.drawn),
        check=check,
    )
    interrupt.stop_if_requested()  # even if a library swallowed the interruption
    if check.passed:
        previous = saved_state(output)
        record = state_record(fingerprint, files, built.summary())
        publish(output, {**files, STATE_FILE: record}, previous["files"] if previous else None)
        drop_failed(output, PDF_NAME)
    else:
        built = dataclasses.replace(built, pdf_path=keep_failed(output, PDF_NAME, result.pdf),
                                    published=False)
    clock.lap("write files")
    return dataclasses.replace(built, seconds=time.perf_counter() - started,
                               timings=tuple(clock.laps))
