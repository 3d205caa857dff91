"""Plain typed data passed between the stages of the pipeline.

Loading produces a :class:`Report`; every later stage reads it and adds its own
results (drawn charts, HTML, PDF bytes) without changing it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .document_parts import DocumentParts


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a content file, for messages: ``file:line:column``."""

    file: Path
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        text = str(self.file)
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        return text


@dataclass(frozen=True)
class Heading:
    """A numbered head such as ``一、主要做法及成效`` or ``（一）强化领导……。``."""

    level: int  # 1 一、  2 （一）  3 1.  4 （1）
    number: str  # as written: "一、", "（二）", "3.", "（4）"
    title: str  # the words after the number
    location: Location  # where the number starts
    title_offset: int = 0  # characters from the number's start to the title's ("1. 标题": 3)

    @property
    def character_locations(self) -> list[Location]:
        """The place of each character of :attr:`text` in the file."""
        start = self.location
        column = start.column or 1
        offsets = list(range(len(self.number)))
        offsets += range(self.title_offset or len(self.number),
                         (self.title_offset or len(self.number)) + len(self.title))
        return [Location(start.file, start.line, column + offset) for offset in offsets]

    @property
    def text(self) -> str:
        return self.number + self.title

    @property
    def title_location(self) -> Location:
        start = self.location
        return Location(start.file, start.line,
                        (start.column or 1) + (self.title_offset or len(self.number)))


@dataclass(frozen=True)
class Section:
    """A numbered part of the report, identified by the chain of its numbers."""

    key: str  # "一", "一（二）"; "" for the opening paragraphs
    heading: Heading | None  # None for the opening paragraphs
    parent: Section | None = None  # the section it is part of

    @property
    def ancestry(self) -> tuple[Section, ...]:
        """The sections it is part of, outermost first, and itself."""
        return (self.parent.ancestry if self.parent else ()) + (self,)

    @property
    def name(self) -> str:
        """The section's heading without a closing full stop, for group labels."""
        if self.heading is None:
            return "开头"
        return self.heading.text.rstrip("。")


@dataclass(frozen=True)
class SourceLine:
    """A line of words as the editor wrote it (in report.md without head markers or
    comments; in a YAML file, a value), for the checks that work on raw text."""

    text: str
    location: Location  # of its first character
    paragraph: int  # lines of one paragraph (or head) share this number


@dataclass(frozen=True)
class Line:
    """One source line of a paragraph; paragraphs are joined from these."""

    text: str
    location: Location


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph, with the head that runs into it when there is one."""

    lines: tuple[Line, ...]
    section: Section
    run_in: Heading | None = None

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)

    @property
    def location(self) -> Location:
        return self.lines[0].location


@dataclass(frozen=True)
class TableCell:
    text: str
    location: Location


@dataclass(frozen=True)
class BodyTable:
    """A table in the body: 表N with its title above it, a header row, rows."""

    number: int  # N of 表N, as written
    title: str
    caption_location: Location  # where the title starts, after 表N
    header: tuple[TableCell, ...]
    rows: tuple[tuple[TableCell, ...], ...]
    aligns: tuple[str | None, ...]  # per column: "left", "right", "center" or None
    location: Location  # the table's first line
    section: Section

    @property
    def caption(self) -> str:
        return f"表{self.number} {self.title}"

    def cell(self, row: str, column: str) -> TableCell | None:
        """The cell of the row whose first cell reads ``row``, under ``column``."""
        columns = [cell.text for cell in self.header]
        if column not in columns:
            return None
        index = columns.index(column)
        for cells in self.rows:
            if cells and cells[0].text == row and index < len(cells):
                return cells[index]
        return None


Block = Heading | Paragraph | BodyTable


def paragraphs_of(blocks: tuple[Block, ...]) -> list[Paragraph]:
    return [block for block in blocks if isinstance(block, Paragraph)]


def heads_of(blocks: tuple[Block, ...]) -> list[Heading]:
    """Every head in reading order: those standing alone and those run into a paragraph."""
    heads = []
    for block in blocks:
        match block:
            case Heading():
                heads.append(block)
            case Paragraph(run_in=Heading() as head):
                heads.append(head)
    return heads


@dataclass(frozen=True)
class Indicator:
    """A quantitative fact of the report, found in its text."""

    id: str
    label: str
    unit: str
    value: Decimal
    value_text: str  # the digits as written: "60561", "83.4"
    approx: str  # "余" or "多" when the text says "50余项", else ""
    block: Paragraph | BodyTable  # the paragraph, or the table, it stands in
    found_at: Location  # where the figure stands in the text
    defined_at: Location  # where the indicator is declared
    text_end: int = -1  # in its paragraph's text: just after its unit; -1 in a table
    repeated_at: tuple[Location, ...] = ()  # where the text states the same fact again
    # The block a chart of it follows when the figure stands in a head: the head's
    # first paragraph (``block`` is then the head's words, which are no block).
    anchor: Paragraph | BodyTable | None = None

    @property
    def section(self) -> Section:
        return self.block.section

    @property
    def placed_after(self) -> Paragraph | BodyTable:
        return self.anchor or self.block

    @property
    def display_value(self) -> str:
        """The value as the text writes it, without the unit: "50余", "98"."""
        return self.value_text + self.approx


@dataclass(frozen=True)
class GrowthClaim:
    """A change against last year stated right after a figure: “1046件，同比增长8.2%”,
    “同比增加12件”, “同比下降1.5个百分点”, “增长2倍”, “与上年持平”."""

    indicator: str  # the id of the figure it follows
    text: str  # as written
    sign: int  # +1 增长/增加, -1 下降/减少, 0 持平
    value: Decimal | None  # N; None for 持平
    value_text: str
    kind: str  # "percent", "points" (个百分点), "times" (倍), "amount" (in the figure's unit)
    location: Location  # where the claim's number (or 持平) stands


@dataclass(frozen=True)
class Relation:
    """Arithmetic the report implies between its figures, e.g. ``a = b + c``."""

    text: str
    parsed: tuple  # (left, comparison, right), see report_pdf.audit.parse_relation
    location: Location


@dataclass(frozen=True)
class NotIndicator:
    """Text with digits that is not a quantity: a year, a name such as “12345”."""

    text: str
    why: str
    location: Location
    digit_places: frozenset[tuple[int, int]]  # (line, column) of its digits in the text


@dataclass(frozen=True)
class ChartItem:
    """One bar of a chart, or one figure quoted in its caption."""

    indicator: Indicator
    label: str
    last_year: Indicator | None = None  # the same figure last year, when the chart shows it


@dataclass(frozen=True)
class ChartSpec:
    """A chart declared in the content, drawn at build time from indicators."""

    id: str
    kind: str  # "bar" (vertical) or "hbar" (horizontal)
    title: str
    bars: tuple[ChartItem, ...]
    notes: tuple[ChartItem, ...]
    defined_at: Location
    last_year: bool = False  # asks for last year's figures beside this year's
    years: tuple[str, ...] = ()  # ("2019", "2020") when it shows them: last year was read

    @property
    def unit(self) -> str | None:
        """The unit shared by every bar, or None when the bars mix units."""
        units = {item.indicator.unit for item in self.bars}
        return units.pop() if len(units) == 1 else None

    @property
    def block(self) -> Paragraph | BodyTable:
        """The paragraph (or table) after which the chart is placed: where its last
        figure stands."""
        return max((item.indicator for item in self.bars),
                   key=lambda indicator: indicator.found_at.line or 0).placed_after


@dataclass(frozen=True)
class SummaryTable:
    """The generated attachment listing every indicator."""

    title: str
    location: Location | None  # where the title is set, in report.yaml
    landscape: bool = False  # set on landscape pages (GB/T 9704 8)


@dataclass(frozen=True)
class LastYear:
    """The indicators of last year's report (the folder named a year earlier),
    for the summary table's 上年 and 增减 columns; ``unreadable`` says why there
    are none when that report could not be loaded."""

    folder: Path
    indicators: dict[str, Indicator]
    unreadable: str | None = None


@dataclass(frozen=True)
class AttachmentFile:
    """report.yaml's entry for an attachment written as text (GB/T 9704 7.3.7)."""

    file: str  # as written: a Markdown file in the report folder
    bound: bool  # bound with the body; if not, printed apart, after the 版记
    location: Location  # the entry in report.yaml


@dataclass(frozen=True)
class TextAttachment:
    """An attachment written as text: its title (its '# ' lines) and its blocks,
    read as report.md is. Its figures are printed as written, not audited."""

    entry: AttachmentFile
    title_lines: tuple[str, ...]
    title_location: Location
    title_line_locations: tuple[Location, ...]
    blocks: tuple[Block, ...]

    @property
    def title(self) -> str:
        return "".join(self.title_lines)


@dataclass(frozen=True)
class Report:
    """Everything loaded from one report folder."""

    folder: Path
    title_lines: tuple[str, ...]  # broken by meaning, as the author wrote them
    title_location: Location
    title_line_locations: tuple[Location, ...]  # where each title line's words start
    blocks: tuple[Block, ...]
    indicators: tuple[Indicator, ...]
    charts: tuple[ChartSpec, ...]
    summary_table: SummaryTable | None  # None: no attachment
    lang: str = "zh-CN"
    sections: tuple[Section, ...] = field(default=())
    document: DocumentParts = field(default_factory=DocumentParts)
    relations: tuple[Relation, ...] = ()
    not_indicators: tuple[NotIndicator, ...] = ()
    date: str | None = None  # 2020年1月5日: report.yaml's date, else the signature's
    office_fonts: Path | None = None  # report.yaml's folder of the office's own fonts
    source_lines: tuple[SourceLine, ...] = ()  # report.md's lines of words, for the lint
    yaml_texts: tuple[SourceLine, ...] = ()  # the YAML files' values, for the lint
    attachments: tuple[TextAttachment, ...] = ()  # after the summary table, in order
    last_year: LastYear | None = None  # the report of the year before, beside this one
    growth_claims: tuple[GrowthClaim, ...] = ()  # changes against last year, after figures

    @property
    def iso_date(self) -> str | None:
        """The document's date as ISO 8601, for metadata; None when it has none."""
        if self.date is None:
            return None
        year, month, day = (int(part) for part in re.findall(r"[0-9]+", self.date))
        return f"{year:04d}-{month:02d}-{day:02d}"

    @property
    def title(self) -> str:
        return "".join(self.title_lines)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return paragraphs_of(self.blocks)

    @property
    def heads(self) -> list[Heading]:
        return heads_of(self.blocks)

    @property
    def tables(self) -> list[BodyTable]:
        return [block for block in self.blocks if isinstance(block, BodyTable)]

    def indicators_by_section(self) -> list[tuple[Section, list[Indicator]]]:
        """Indicators grouped by section, sections in reading order."""
        groups: dict[str, list[Indicator]] = {}
        for indicator in self.indicators:
            groups.setdefault(indicator.section.key, []).append(indicator)
        return [(section, groups[section.key])
                for section in self.sections if section.key in groups]
