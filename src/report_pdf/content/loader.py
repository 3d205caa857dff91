"""Load one report folder into a :class:`~report_pdf.model.Report`.

A report folder holds four files, all UTF-8 text:

``report.yaml``      settings: the summary table's title, the language, the
                     parts of an issued document (see :mod:`.settings`)
``report.md``        the text (see :mod:`report_pdf.content.text`)
``indicators.yaml``  the figures of the text (see :mod:`report_pdf.content.indicators`)
``charts.yaml``      the charts drawn from those figures

Every problem in every file is collected before anything is raised.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError, Problem, ProblemCollector
from ..model import Location, Paragraph, Report
from .charts import read_charts
from .indicators import find_indicators, read_declarations
from .reading import read_text
from .settings import read_settings
from .text import parse_report_text
from .yamldoc import Node, load_yaml

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

    settings = read_settings(settings_node, problems) if settings_node is not None else None

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
        summary_table=settings.summary_table,
        lang=settings.lang,
        sections=parsed.sections,
        document=settings.document,
    )
