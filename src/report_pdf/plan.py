"""Stage 5: the document plan — every layout decision, made once, for every output.

The plan is built after the lines are composed and the charts drawn. It says
what the document holds, in order, and where each thing goes: the title, the
heads and paragraphs as composed lines, the rows of figures, the summary table
in numbered groups, the signature's place, the 版头 and the 版记. Nothing in it
depends on the typesetter: the HTML stage only renders it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .archive import DocumentMetadata, document_metadata
from .charts import Figure
from .compose import ComposedLine, Measure, compose_block, measure_with
from .fonts import FontSet
from .layout import PT_PER_MM, Layout
from .model import Heading, Indicator, Location, Paragraph, Report, Signature
from .project import SETTINGS_FILE
from .roles import Role

FIGURE_GAP_MM = 6  # between figures standing side by side


@dataclass(frozen=True, slots=True)
class Segment:
    """Consecutive characters of a line set alike."""

    text: str
    role: Role  # the block's own role, or the run-in head's
    latin: bool  # a run of Latin letters and digits: no spacing inside it
    source: Location | None


@dataclass(frozen=True, slots=True)
class SetLine:
    """A composed line: its segments and the spacing after every character (pt)."""

    segments: tuple[Segment, ...]
    spacing: float


@dataclass(frozen=True)
class HeadBlock:
    heading: Heading
    lines: tuple[SetLine, ...]

    @property
    def role(self) -> Role:
        return Role.head(self.heading.level)


@dataclass(frozen=True)
class FigureRow:
    """Figures standing side by side under a paragraph."""

    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class ParagraphBlock:
    paragraph: Paragraph
    lines: tuple[SetLine, ...]
    figure_rows: tuple[FigureRow, ...]  # the figures placed after the paragraph

    role = Role.BODY

    @property
    def bookmark(self) -> tuple[str, int] | None:
        """A run-in head's bookmark: its words and its level in the outline."""
        head = self.paragraph.run_in
        return (head.text.rstrip("。"), head.level + 1) if head else None


BodyBlock = HeadBlock | ParagraphBlock


@dataclass(frozen=True)
class TableRow:
    number: int
    indicator: Indicator


@dataclass(frozen=True)
class TableGroup:
    """The indicators of one section, under a row naming the section."""

    name: str
    source: Location | None
    rows: tuple[TableRow, ...]


@dataclass(frozen=True)
class SummaryTablePlan:
    title: str
    source: Location | None
    groups: tuple[TableGroup, ...]


@dataclass(frozen=True)
class SignaturePlacement:
    """署名 and 成文日期, each placed by its distance from the text block's left edge."""

    authority: str
    date: str
    authority_left: float
    date_left: float


@dataclass(frozen=True)
class PageNumberPlacement:
    """The page number's box under the text block, from the font's own metrics."""

    line_height_pt: float
    padding_top_pt: float
    inset_pt: float


@dataclass(frozen=True)
class DocumentPlan:
    lang: str
    metadata: DocumentMetadata
    settings_source: Location  # report.yaml: where the parts of an issued document come from
    issuer_mark: str | None
    document_number: str | None
    title_lines: tuple[str, ...]
    title_source: Location
    addressees: str | None
    body: tuple[BodyBlock, ...]
    attachment_note: str | None  # the attachment's title, listed under the body
    signature: SignaturePlacement | None
    summary_table: SummaryTablePlan | None
    colophon: object | None  # model.Colophon
    colophon_numbered: bool
    page_number: PageNumberPlacement


def plan_document(report: Report, figures: list[Figure], fonts: FontSet, layout: Layout,
                  colophon_numbered: bool = False) -> DocumentPlan:
    """The plan of the report. ``colophon_numbered``: number the 版记 page, which is
    right when no blank page has to come before it (the build finds out)."""
    measure = measure_with(fonts, layout)
    by_paragraph: dict[Location, list[Figure]] = {}
    for figure in figures:
        by_paragraph.setdefault(figure.spec.paragraph.location, []).append(figure)
    body: list[BodyBlock] = []
    for block in report.blocks:
        lines = tuple(set_line(line, block_role(block))
                      for line in compose_block(block, measure, layout))
        match block:
            case Heading():
                body.append(HeadBlock(block, lines))
            case Paragraph():
                rows = figure_rows(by_paragraph.get(block.location, []), layout.text_width_mm)
                body.append(ParagraphBlock(block, lines, rows))
    document = report.document
    has_table = bool(report.summary_table and report.indicators)
    return DocumentPlan(
        lang=report.lang,
        metadata=document_metadata(report),
        settings_source=Location(report.folder / SETTINGS_FILE),
        issuer_mark=document.issuer_mark,
        document_number=document.number,
        title_lines=report.title_lines,
        title_source=report.title_location,
        addressees=document.addressees,
        body=tuple(body),
        attachment_note=(report.summary_table.title
                         if document.attachment_note and has_table else None),
        signature=(place_signature(document.signature, measure, layout)
                   if document.signature else None),
        summary_table=summary_table(report) if has_table else None,
        colophon=document.colophon,
        colophon_numbered=colophon_numbered,
        page_number=place_page_number(fonts, layout),
    )


def block_role(block: Heading | Paragraph) -> Role:
    return Role.head(block.level) if isinstance(block, Heading) else Role.BODY


def set_line(line: ComposedLine, own_role: Role) -> SetLine:
    """A composed line as segments: runs of one role, Latin runs apart (no spacing
    inside them, spacing after them)."""
    segments: list[Segment] = []
    pieces = line.pieces + ((line.hanging,) if line.hanging else ())
    for piece in pieces:
        parts = [(piece.text, False)]
        if piece.latin:
            parts = [(piece.text[:-1], True), (piece.text[-1], False)]
        for text, latin in parts:
            last = segments[-1] if segments else None
            if last and last.role == piece.role and last.latin == latin:
                segments[-1] = Segment(last.text + text, last.role, latin, last.source)
            else:
                segments.append(Segment(text, piece.role, latin, piece.source))
    return SetLine(tuple(segments), line.spacing)


def figure_rows(figures: list[Figure], width_mm: float) -> tuple[FigureRow, ...]:
    """Figures of one paragraph, side by side while they fit the text block."""
    rows: list[list[Figure]] = []
    for figure in figures:
        row = rows[-1] if rows else None
        if row and sum(item.width_mm for item in row) + figure.width_mm + \
                FIGURE_GAP_MM * len(row) <= width_mm:
            row.append(figure)
        else:
            rows.append([figure])
    return tuple(FigureRow(tuple(row)) for row in rows)


def summary_table(report: Report) -> SummaryTablePlan:
    numbers = iter(range(1, len(report.indicators) + 1))
    groups = tuple(
        TableGroup(section.name, section.heading.location if section.heading else None,
                   tuple(TableRow(next(numbers), indicator) for indicator in group))
        for section, group in report.indicators_by_section())
    return SummaryTablePlan(report.summary_table.title, report.summary_table.location, groups)


def place_signature(signature: Signature, measure: Measure,
                    layout: Layout) -> SignaturePlacement:
    """GB/T 9704 7.3.5.2: the authority two characters in from the right, the date
    on the next line starting two characters right of the authority's start;
    a date longer than that ends two characters in, and the authority moves left."""
    two_chars = 2 * layout.char_pitch_pt
    authority_width = measure(signature.authority, Role.BODY)
    date_width = measure(signature.date, Role.BODY)
    authority_left = layout.text_width_pt - two_chars - authority_width
    date_left = authority_left + two_chars
    if date_left + date_width > layout.text_width_pt - two_chars:
        date_left = layout.text_width_pt - two_chars - date_width
        authority_left = date_left - two_chars
    return SignaturePlacement(signature.authority, signature.date, authority_left, date_left)


def place_page_number(fonts: FontSet, layout: Layout) -> PageNumberPlacement:
    """Where the page number goes, from the font's own metrics.

    The number's line box starts at the top of the bottom margin; the padding
    puts the middle of the em dash's stroke ``dash_below_text_mm`` below it.
    """
    style = layout.text[Role.PAGE_NUMBER]
    font = fonts.main_font(style.fonts, style.weight)
    ascent, descent = font.vertical_metrics
    size = style.size_pt
    baseline_in_line = (size + (ascent - descent) * size) / 2  # line-height = font size
    dash_above_baseline = (font.metrics.dash_middle or 0.0) * size
    padding = layout.dash_below_text_mm * PT_PER_MM + dash_above_baseline - baseline_in_line
    return PageNumberPlacement(size, padding, layout.page_number_inset_chars * size)
