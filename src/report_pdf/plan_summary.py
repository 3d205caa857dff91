"""The summary table, the attachment listing every indicator: its rows nested
under the report's heads, its columns, its pages — upright, or set across
landscape pages (GB/T 9704 chapter 8)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .compose import Measure
from .errors import InputError, Problem
from .layout import PT_PER_MM, Layout
from .model import Indicator, Location, Report, Section
from .paginate import TableItem, paginate_table
from .plan_parts import refuse_rows_taller_than_a_page, wrap_text
from .roles import Role

MAX_TITLE_LINES = 3  # of the summary table's title
NONE = "—"  # in the 上年 and 增减 columns: nothing to show


@dataclass(frozen=True)
class GroupRow:
    """A row naming a section of the report, over the indicators found in it."""

    level: int  # 0 for the opening paragraphs, else the head's level
    lines: tuple[str, ...]
    source: Location | None
    height: float
    indent: float = 0.0  # pt: a level further in than the one above it


@dataclass(frozen=True)
class IndicatorRow:
    number: int
    indicator: Indicator
    label_lines: tuple[str, ...]
    value_pad: float  # pt after the figure, so that units digits and decimal points align
    height: float
    last_year: str = ""  # 上年: last year's figure as its text wrote it, or —
    change: str = ""  # 增减: this year's less last year's, or —


TableRow = GroupRow | IndicatorRow


@dataclass(frozen=True)
class TableGeometry:
    """Column widths (pt) and the widths that align the figures."""

    number: float
    label: float
    value: float
    unit: float
    header_height: float
    group_indent: float  # pt a level of group rows is indented by
    last_year: float = 0.0  # 上年 and 增减, when last year's report stands beside
    change: float = 0.0


@dataclass(frozen=True)
class SummaryTablePart:
    """The summary table, or its part on one page, with its header repeated."""

    title_lines: tuple[str, ...]  # on the attachment's first page: its label, then the title
    source: Location | None
    rows: tuple[TableRow, ...]
    geometry: TableGeometry
    title_top: float = 0.0  # pt below the part's top: the title (a blank row under 附件)
    table_top: float = 0.0  # pt below the part's top: the table (a blank row under the title)
    label: str = "附件"  # on the first page: 附件, or 附件1 when there are several
    turned: bool = False  # set across a landscape page, its head to the left (GB/T 9704 8)

    @property
    def first(self) -> bool:
        return bool(self.title_lines)


def summary_frame(report: Report, layout: Layout) -> tuple[float, float]:
    """The width and height (pt) the summary table is set in: the text block, or
    on a landscape page the text block turned, its height become the width."""
    if report.summary_table and report.summary_table.landscape:
        return layout.text_height_pt, layout.text_width_pt
    return layout.text_width_pt, layout.text_height_pt


def summary_title_lines(report: Report, measure: Measure, layout: Layout) -> list[str]:
    """The summary table's title in lines of the title's type; at most three."""
    table = report.summary_table
    lines = wrap_text(table.title, Role.TITLE, summary_frame(report, layout)[0], measure,
                      table.location)
    if len(lines) > MAX_TITLE_LINES:
        raise InputError(Problem(
            f"the summary table's title takes {len(lines)} lines in the title's type; "
            f"keep it to {MAX_TITLE_LINES}", table.location))
    return lines


def attachment_pages(report: Report, measure: Measure, layout: Layout,
                     label: str) -> list[list]:
    """The summary table's pages: its label (附件, 附件1) on the first row, the title
    centred from the third, a blank row, then the table, its header repeated on
    every page; all of it turned on landscape pages when report.yaml asks."""
    from .plan_text import Placed  # the plan's own wrapper for what stands on a page

    table = report.summary_table
    pitch = layout.line_pitch_pt
    title_lines = summary_title_lines(report, measure, layout)
    geometry, rows = summary_table_rows(report, measure, layout)
    top = (3 + len(title_lines)) * pitch
    border = layout.table_border_pt
    _, height = summary_frame(report, layout)
    refuse_rows_taller_than_a_page(
        [(len(row.lines), row.source, "a group row of the summary table")
         if isinstance(row, GroupRow) else
         (len(row.label_lines), row.indicator.defined_at,
          f"indicator '{row.indicator.id}': its label in the summary table")
         for row in rows],
        height - geometry.header_height - border,
        layout.text[Role.TABLE].size_pt * layout.table_line_height,
        2 * layout.table_padding_v_pt + border)
    items = [TableItem(row, row.height, isinstance(row, GroupRow)) for row in rows]
    parts = paginate_table(items, geometry.header_height + border, height - top, height)
    pages = []
    for number, part in enumerate(parts):
        block = SummaryTablePart(title_lines if number == 0 else (), table.location,
                                 tuple(part), geometry, 2 * pitch if number == 0 else 0.0,
                                 top if number == 0 else 0.0, label, table.landscape)
        height = (top if number == 0 else 0.0) + geometry.header_height + border + sum(
            row.height for row in part)
        # Turned, it takes the page: nothing else (the 版记, say) goes under it.
        pages.append([Placed(block, 0.0, layout.text_height_pt if table.landscape else height)])
    return pages


def table_texts(part: SummaryTablePart) -> list[tuple[str, Role, Location | None]]:
    """What a part of the summary table prints, by role, for the glyph check."""
    texts: list[tuple[str, Role, Location | None]] = [("序号指标数值单位", Role.TABLE_HEAD, None)]
    if part.first:
        texts += [(part.label, Role.LABEL, None)]
        texts += [(line, Role.TITLE, part.source) for line in part.title_lines]
    for row in part.rows:
        if isinstance(row, GroupRow):
            texts += [(line, Role.TABLE_GROUP, row.source) for line in row.lines]
            continue
        indicator = row.indicator
        texts += [(line, Role.TABLE, indicator.defined_at) for line in row.label_lines]
        texts += [(f"{row.number}{indicator.display_value}", Role.TABLE, indicator.found_at),
                  (indicator.unit + row.last_year + row.change, Role.TABLE,
                   indicator.defined_at)]
    if part.geometry.last_year:
        texts += [("上年增减", Role.TABLE_HEAD, None)]
    return texts


def summary_table_rows(report: Report, measure: Measure,
                       layout: Layout) -> tuple[TableGeometry, list[TableRow]]:
    """Every indicator in reading order, under a group row for each level of the
    report's heads that has indicators under it, nested."""
    size = layout.text[Role.TABLE].size_pt
    line = size * layout.table_line_height
    padding = 2 * layout.table_padding_v_pt + layout.table_border_pt
    inner = 2 * layout.table_padding_h_pt
    columns = [width * PT_PER_MM for width in layout.table_columns_mm]
    last_year = report.last_year.indicators if report.last_year else None
    extra = [width * PT_PER_MM for width in layout.table_last_year_columns_mm] \
        if last_year else [0.0, 0.0]
    width, _ = summary_frame(report, layout)
    label = width - sum(columns) - sum(extra)
    # What follows the units digit — the decimal part, then 余/多, which stand
    # outside the alignment — is padded to one width in every row.
    tails = [measure(_tail(indicator), Role.TABLE) for indicator in report.indicators]
    widest = max(tails, default=0.0)
    geometry = TableGeometry(columns[0], label, columns[1], columns[2], line + padding, size,
                             *extra)
    rows: list[TableRow] = []
    shown: set[str] = set()
    for number, (indicator, tail) in enumerate(zip(report.indicators, tails, strict=True),
                                               start=1):
        for section in indicator.section.ancestry:
            if section.key in shown:
                continue
            shown.add(section.key)
            level = section.heading.level if section.heading else 0
            indent = max(0, level - 1) * geometry.group_indent
            lines = wrap_text(section.name, Role.TABLE_GROUP, width - inner - indent, measure)
            rows.append(GroupRow(level, lines, _head_source(section), len(lines) * line
                                 + padding, indent))
        label_lines = wrap_text(indicator.label, Role.TABLE, label - inner, measure,
                                indicator.defined_at)
        before, change = compared(indicator, last_year.get(indicator.id)) \
            if last_year is not None else ("", "")
        rows.append(IndicatorRow(number, indicator, label_lines, widest - tail,
                                 len(label_lines) * line + padding, before, change))
    return geometry, rows


def compared(this_year: Indicator, last_year: Indicator | None) -> tuple[str, str]:
    """上年 and 增减 of a figure: last year's as written, and the change, in points
    of a percentage (个百分点); — where there is none, or where a 余/多 on either
    side or another unit leaves no exact change to give."""
    if last_year is None:
        return NONE, NONE
    before = last_year.display_value + ("" if last_year.unit == this_year.unit
                                        else last_year.unit)
    if this_year.approx or last_year.approx or last_year.unit != this_year.unit:
        return before, NONE
    places = max(len(figure.value_text.partition(".")[2]) for figure in (this_year, last_year))
    change = (this_year.value - last_year.value).quantize(Decimal(1).scaleb(-places))
    shown = f"{change:+f}" if change else "0"
    return before, shown + ("个百分点" if this_year.unit == "%" and change else "")


def _head_source(section: Section) -> Location | None:
    return section.heading.location if section.heading else None


def _tail(indicator: Indicator) -> str:
    """What follows a figure's units digit: ".4", "余", ".5余" or nothing."""
    _, point, fraction = indicator.value_text.partition(".")
    return point + fraction + indicator.approx
