"""Plain typed data passed between the stages of the pipeline.

Loading produces a :class:`Report`; every later stage reads it and adds its own
results (drawn charts, HTML, PDF bytes) without changing it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from pathlib import Path


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
class SealImage:
    """An image of the seal (or of the 签名章) that report.yaml asks to print, read
    from a file whose sha256 report.yaml pins; its drawing painted in the red
    ink (``#ff0000``) and paper (``#ffffff``) alone (see report_pdf.seal_drawing)."""

    file: Path  # as report.yaml names it, for messages
    sha256: str
    svg: str  # a whole <svg> element
    width: float  # of its frame, in the drawing's own units
    height: float
    location: Location  # report.yaml's seal_image


@dataclass(frozen=True)
class Signature:
    """署名 and 成文日期: without a seal (GB/T 9704 7.3.5.2), or laid out for one
    (7.3.5.1), the space left for the stamp; or, with ``signer`` instead of the
    authority, the 签发人's title beside the space for a 签名章 (7.3.5.3). With
    ``image``, the seal (or the 签名章) is printed in that space."""

    authority: str | None
    date: str  # 2020年1月5日
    seal: bool = False
    signer: str | None = None  # the 签发人's title (职务), for a 签名章
    image: SealImage | None = None
    joint: tuple[JointAuthority, ...] = ()  # 联合行文: every issuer, the lead first


@dataclass(frozen=True)
class JointAuthority:
    """One issuer of a joint document in the signature, with its seal's image."""

    authority: str
    image: SealImage | None = None


@dataclass(frozen=True)
class Colophon:
    """版记: who else receives the document, who printed it and when."""

    copy_to: str | None  # 抄送, the organs as a list with its closing 。
    printed_by: str  # 印发机关
    printed_on: str  # 印发日期, 2020年1月5日


class DocumentFormat(StrEnum):
    """report.yaml's ``document: format``, a format of GB/T 9704-2012 chapter 10;
    without it, the 文件格式."""

    LETTER = "letter"  # 信函格式, 10.1
    MINUTES = "minutes"  # 纪要格式, 10.3


@dataclass(frozen=True)
class Attendance:
    """A list at the end of minutes (GB/T 9704 10.3): who attended (出席), was on
    leave (请假) or sat in (列席), each entry a unit and a name as written."""

    label: str  # 出席, 请假 or 列席
    names: tuple[str, ...]
    source: Location  # the list in report.yaml


@dataclass(frozen=True)
class DocumentParts:
    """The parts of an issued document (GB/T 9704-2012); each is absent unless given."""

    issuer_mark: str | None = None  # 发文机关标志, printed red in the 版头; in a joint
    # document the word set right of the names (文件), or "" for none
    number: str | None = None  # 发文字号, 卫政发〔2020〕1号
    addressees: str | None = None  # 主送机关, without the colon
    attachment_note: bool = True  # 附件说明 listing the attachments under the body
    signature: Signature | None = None
    colophon: Colophon | None = None
    signers: tuple[str, ...] = ()  # 签发人: given in a 上行文, printed in the 版头
    copy_number: str | None = None  # 份号, six digits: 000001
    secrecy: str | None = None  # 密级和保密期限: 秘密★1年
    urgency: str | None = None  # 紧急程度: 特急 or 加急
    note: str | None = None  # 附注, without its round brackets: printed under the 成文日期
    joint_issuers: tuple[str, ...] = ()  # 联合行文: the issuers' names, the lead first
    format: DocumentFormat | None = None  # None: the 文件格式
    attendance: tuple[Attendance, ...] = ()  # minutes: 出席, 请假, 列席, in that order

    @property
    def markings(self) -> tuple[str, ...]:
        """份号, 密级和保密期限 and 紧急程度, those given, in the order they are printed."""
        return tuple(mark for mark in (self.copy_number, self.secrecy, self.urgency) if mark)

    @property
    def has_masthead(self) -> bool:
        return self.issuer_mark is not None


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
