"""Load one report folder into a :class:`~report_pdf.model.Report`.

A report folder holds four files, all UTF-8 text:

``report.yaml``      settings: the title of the summary table, the language
``report.md``        the text (see :mod:`report_pdf.content.text`)
``indicators.yaml``  the figures of the text (see :mod:`report_pdf.content.indicators`)
``charts.yaml``      the charts drawn from those figures

Every problem in every file is collected before anything is raised.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError, Problem, ProblemCollector
from ..model import Location, Paragraph, Report, SummaryTable
from .charts import read_charts
from .indicators import find_indicators, read_declarations
from .reading import read_text
from .text import parse_report_text
from .yamldoc import Fields, Node, load_yaml

SETTINGS_FILE = "report.yaml"
TEXT_FILE = "report.md"
INDICATORS_FILE = "indicators.yaml"
CHARTS_FILE = "charts.yaml"
CONTENT_FILES = (SETTINGS_FILE, TEXT_FILE, INDICATORS_FILE, CHARTS_FILE)


def display_path(path: Path) -> Path:
    """The path as the editor knows it: relative to the working folder when inside it."""
    try:
        return Path(os.path.relpath(path))
    except ValueError:  # another drive, on Windows
        return path


def load_report(folder: Path) -> Report:
    folder = folder.resolve()
    if not folder.is_dir():
        raise InputError(Problem("report folder not found", Location(display_path(folder))))
    problems = ProblemCollector()
    shown = {name: display_path(folder / name) for name in CONTENT_FILES}

    def load(name: str) -> Node | None:
        try:
            return load_yaml(folder / name, shown[name])
        except InputError as error:
            problems.extend(error.problems)
            return None

    settings_node = load(SETTINGS_FILE)
    indicators_node = load(INDICATORS_FILE)
    charts_node = load(CHARTS_FILE)
    try:
        text = read_text(folder / TEXT_FILE, shown[TEXT_FILE])
    except InputError as error:
        problems.extend(error.problems)
        text = None

    summary_table, lang = SummaryTable("", None), "zh-CN"
    if settings_node is not None:
        summary_table, lang = _read_settings(settings_node, problems)

    parsed = parse_report_text(text, shown[TEXT_FILE], problems) if text is not None else None
    paragraphs = [block for block in parsed.blocks
                  if isinstance(block, Paragraph)] if parsed else []

    declarations, declared = (read_declarations(indicators_node, problems)
                              if indicators_node else ([], set()))
    indicators = (find_indicators(declarations, paragraphs, shown[TEXT_FILE], problems)
                  if parsed else [])
    by_id = {indicator.id: indicator for indicator in indicators}
    charts = read_charts(charts_node, by_id, declared, problems) if charts_node else []

    problems.raise_if_any()
    return Report(
        folder=folder,
        title_lines=parsed.title,
        title_location=parsed.title_location,
        blocks=parsed.blocks,
        indicators=tuple(indicators),
        charts=tuple(charts),
        summary_table=summary_table,
        lang=lang,
        sections=parsed.sections,
    )


def _read_settings(node: Node, problems: ProblemCollector) -> tuple[SummaryTable, str]:
    fields = Fields(node, problems, "settings")
    lang = fields.text("lang", required=False) or "zh-CN"
    table_node = fields.mapping("summary_table")
    fields.finish()
    if table_node is None:
        return SummaryTable("", None), lang
    table = Fields(table_node, problems, "summary_table")
    title = table.text("title") or ""
    table.finish()
    return SummaryTable(title, table.location_of("title")), lang
