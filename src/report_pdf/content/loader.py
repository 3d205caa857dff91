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

from dataclasses import dataclass
from pathlib import Path

from ..document_parts import DocumentParts
from ..errors import InputError, Problem, ProblemCollector, display_path
from ..model import AttachmentFile, BodyTable, LastYear, Location, Report, TextAttachment
from ..project import CHARTS_FILE, CONTENT_FILES, INDICATORS_FILE, SETTINGS_FILE, TEXT_FILE
from .charts import read_charts, with_last_years_figures
from .claims import find_growth_claims
from .figures import read_not_indicators, read_relations
from .indicators import (
    digit_places,
    find_indicators,
    read_declarations,
    searched_texts,
    text_lines,
)
from .reading import read_text
from .settings import read_settings
from .text import parse_report_text
from .yamldoc import Fields, Node, load_yaml, yaml_texts


@dataclass(frozen=True)
class LoadedReport:
    """A report folder as far as it could be read, with every problem found."""

    report: Report | None  # None when there is no text to read
    problems: tuple[Problem, ...]
    figures_read: bool  # indicators.yaml was read: every number can be audited


def load_report(folder: Path, with_last_year: bool = True,
                indicators_text: str | None = None) -> Report:
    """``with_last_year``: also load the report of the year before, when its folder
    stands beside this one (named a year earlier), for its indicators;
    ``indicators_text``: read in place of the folder's indicators.yaml."""
    loaded = read_report(folder, with_last_year, indicators_text)
    if loaded.problems:
        raise InputError(list(loaded.problems))
    return loaded.report


def read_report(folder: Path, with_last_year: bool = True,
                indicators_text: str | None = None) -> LoadedReport:
    """The report as far as it can be read, and every problem of its files: for
    the audit to add its own before anything is raised."""
    folder = folder.resolve()
    if not folder.is_dir():
        raise InputError(Problem("report folder not found", Location(display_path(folder))))
    problems = ProblemCollector()
    shown = {name: display_path(folder / name) for name in CONTENT_FILES}

    def load(name: str) -> Node | None:
        try:
            return load_yaml(folder / name, shown[name],
                             indicators_text if name == INDICATORS_FILE else None)
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

    settings = read_settings(settings_node, problems, folder) \
        if settings_node is not None else None

    parsed = parse_report_text(text, shown[TEXT_FILE], problems) if text is not None else None

    before = len(problems.problems)
    figures = _read_figures_file(indicators_node, problems)
    figures_read = indicators_node is not None and len(problems.problems) == before
    declarations, declared = read_declarations(figures["indicators"], problems)
    tables = [block for block in parsed.blocks if isinstance(block, BodyTable)] \
        if parsed else []
    texts = searched_texts(parsed.blocks, parsed.sections) if parsed else []
    indicators = (find_indicators(declarations, texts, shown[TEXT_FILE], problems, tables)
                  if parsed else [])
    relations = read_relations(figures["relations"], declared, problems)
    lines = text_lines(parsed.title, parsed.title_line_locations, texts, tables) \
        if parsed else []
    not_indicators = read_not_indicators(figures["not_indicators"], lines,
                                         problems) if parsed else []
    by_id = {indicator.id: indicator for indicator in indicators}
    charts = read_charts(charts_node, by_id, declared if indicators_node is not None else None,
                         problems) if charts_node else []
    attachments = _read_attachments(folder, settings.attachments if settings else (), problems)
    claimed = {place for indicator in indicators for place in digit_places(indicator)}
    claimed |= {place for declared in not_indicators for place in declared.digit_places}
    claims = find_growth_claims(indicators, claimed)

    if parsed is None:
        return LoadedReport(None, tuple(problems.problems), False)
    document = settings.document if settings else DocumentParts()
    last_year = _last_year(folder) if with_last_year else None
    report = Report(
        folder=folder,
        title_lines=parsed.title,
        title_location=parsed.title_location,
        title_line_locations=parsed.title_line_locations,
        blocks=parsed.blocks,
        indicators=tuple(indicators),
        charts=tuple(with_last_years_figures(charts, last_year, folder.name)),
        summary_table=settings.summary_table if settings else None,
        lang=settings.lang if settings else "zh-CN",
        sections=parsed.sections,
        document=document,
        relations=tuple(relations),
        not_indicators=tuple(not_indicators),
        date=(settings.date if settings else None) or (
            document.signature.date if document.signature else None),
        office_fonts=(folder / settings.office_fonts).resolve()
        if settings and settings.office_fonts else None,
        source_lines=parsed.source_lines,
        yaml_texts=tuple(line for node in (settings_node, indicators_node, charts_node)
                         if node is not None for line in yaml_texts(node)),
        attachments=tuple(attachments),
        last_year=last_year,
        growth_claims=tuple(claims),
    )
    return LoadedReport(report, tuple(problems.problems), figures_read)


def _last_year(folder: Path) -> LastYear | None:
    """Last year's indicators, by id; a report that cannot be loaded is noted, not
    fatal: this year's is built without the 上年 columns."""
    if not folder.name.isdigit():
        return None
    previous = folder.parent / str(int(folder.name) - 1)
    if not (previous / SETTINGS_FILE).is_file():
        return None
    try:
        report = load_report(previous, with_last_year=False)
    except InputError as error:
        return LastYear(previous, {}, f"{len(error.problems)} problem(s), the first: "
                                      f"{error.problems[0]}")
    return LastYear(previous, {indicator.id: indicator for indicator in report.indicators})


def _read_attachments(folder: Path, entries: tuple[AttachmentFile, ...],
                      problems: ProblemCollector) -> list[TextAttachment]:
    """The attachments written as text, each read as report.md is: a Markdown file
    of the report folder (so that it counts in the build's fingerprint)."""
    attachments = []
    seen: dict[Path, AttachmentFile] = {}
    for entry in entries:
        path = (folder / entry.file).resolve()
        why = None
        if not entry.file.lower().endswith(".md"):
            why = "is not a Markdown file (.md)"
        elif not path.is_relative_to(folder) or path.parent != folder:
            why = "is not a file of the report folder itself"
        elif path.name in CONTENT_FILES:
            why = "is one of the report's own files"
        elif path in seen:
            why = f"is already attachment '{seen[path].file}'"
        if why:
            problems.add(f"attachments: '{entry.file}' {why}: give the name of a Markdown "
                         "file beside report.md, like 附件2.md", entry.location)
            continue
        seen[path] = entry
        display = display_path(folder / entry.file)
        try:
            text = read_text(path, display)
        except InputError as error:
            problems.extend(error.problems)
            continue
        parsed = parse_report_text(text, display, problems)
        attachments.append(TextAttachment(entry, parsed.title, parsed.title_location,
                                          parsed.title_line_locations, parsed.blocks))
    return attachments


def _read_figures_file(node: Node | None, problems: ProblemCollector) -> dict[str, list[Node]]:
    """indicators.yaml: its three lists, each empty when absent or unreadable."""
    if node is None:
        return {"indicators": [], "relations": [], "not_indicators": []}
    top = Fields(node, problems, "indicators file")
    lists = {"indicators": top.list("indicators"),
             "relations": top.list("relations", required=False),
             "not_indicators": top.list("not_indicators", required=False)}
    top.finish()
    return lists
