"""Stage 5: the document plan — every layout decision, made once, for every output.

The plan is built after the lines are composed and the charts drawn. It says
what the document holds and where each thing goes, page by page: the 版头, the
title, the heads and paragraphs as composed lines, the rows of figures, the
closing parts, the summary table in nested groups, the 版记, and which pages
carry a number. Nothing in it depends on the typesetter: the HTML stage only
renders it, and the page breaks are the plan's (see :mod:`.paginate`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .archive import DocumentMetadata, document_metadata
from .charts import Figure
from .compose import ComposedLine, Measure, compose_block, compose_text, measure_with
from .errors import display_path
from .fonts import FontSet
from .glyphs import GlyphAudit
from .layout import PT_PER_MM, Layout
from .model import BodyTable, Heading, Location, Paragraph, Report
from .paginate import FlowItem, paginate_body
from .plan_parts import (
    ColophonBlock,
    MastheadBlock,
    SignatureBlock,
    SummaryTablePart,
    attachment_pages,
    colophon_block,
    masthead_block,
    signature_block,
    summary_title_lines,
    table_texts,
    wrap_text,
)
from .plan_tables import BodyTablePart, TableLayout, part_height, table_layout
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
    tightened: float = 0.0  # pt taken from the gap after it (compressed punctuation)


@dataclass(frozen=True, slots=True)
class SetLine:
    """A composed line: its segments and the spacing after every character (pt)."""

    segments: tuple[Segment, ...]
    spacing: float

    @property
    def text(self) -> str:
        return "".join(segment.text for segment in self.segments)


@dataclass(frozen=True)
class TitleBlock:
    lines: tuple[str, ...]
    source: Location


@dataclass(frozen=True)
class TextBlock:
    """Lines of body-sized text: a head, a paragraph (or its part on a page), the
    addressees, the 附件说明."""

    kind: str  # "head", "paragraph", "addressees", "attachment-note"
    role: Role
    lines: tuple[SetLine, ...]
    source: Location
    indented: bool = True  # the first line starts two characters in
    hang: float = 0.0  # pt: where the lines after the first start (the 附件说明's)
    level: int | None = None  # a head's level
    bookmark: tuple[str, int] | None = None  # a run-in head's words and outline level

    def part(self, first: int, count: int) -> TextBlock:
        """Its lines ``first`` to ``first + count`` as a block of their own."""
        if first == 0 and count == len(self.lines):
            return self
        return TextBlock(self.kind, self.role, self.lines[first:first + count], self.source,
                         self.indented and first == 0, self.hang, self.level,
                         self.bookmark if first == 0 else None)


@dataclass(frozen=True)
class PlacedFigure:
    figure: Figure
    caption: tuple[str, ...]  # its lines: 图N and the title, then the notes if need be
    width_mm: float  # the share of the text block it stands in
    top_pt: float  # its caption's top, below the top of the row's content


@dataclass(frozen=True)
class FigureRow:
    """Figures standing side by side, captions above the charts, in whole rows."""

    figures: tuple[PlacedFigure, ...]
    rows: int
    padding_pt: float  # above the captions


@dataclass(frozen=True)
class BlankPage:
    """A page left blank so that the 版记 falls on an even page."""


Block = (MastheadBlock | TitleBlock | TextBlock | FigureRow | BodyTablePart | SignatureBlock
         | SummaryTablePart | ColophonBlock | BlankPage)


@dataclass(frozen=True)
class Placed:
    block: Block
    top: float  # pt below the top edge of the text block
    height: float  # pt


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    numbered: bool  # carries its page number
    items: tuple[Placed, ...]


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
    pages: tuple[Page, ...]
    page_number: PageNumberPlacement
    font_warnings: tuple[str, ...] = ()  # characters set in a fallback face, and where

    def blocks(self, kind: type) -> list:
        return [item.block for page in self.pages for item in page.items
                if isinstance(item.block, kind)]


def plan_document(report: Report, figures: list[Figure], fonts: FontSet,
                  layout: Layout) -> DocumentPlan:
    measure = measure_with(fonts, layout)
    pitch = layout.line_pitch_pt
    settings = Location(display_path(report.folder / SETTINGS_FILE))
    glyphs = GlyphAudit(fonts, layout)
    if report.summary_table and report.indicators:
        summary_title_lines(report, measure, layout)  # before the note that names it
    flow = body_flow(report, figures, measure, fonts, layout, settings, glyphs)
    pages: list[list[Placed]] = []
    for page in paginate_body(flow, layout.lines_per_page, 0, layout.keep_lines_after_head,
                              layout.keep_lines_with_signature):
        items = []
        for piece in page:
            block = piece.block
            if isinstance(block, TextBlock):
                block = block.part(piece.first, piece.count)
            elif isinstance(block, TableLayout):
                block = BodyTablePart(block, piece.first, piece.count)
            items.append(Placed(block, piece.row * pitch, piece.height * pitch))
        pages.append(items)
    if report.summary_table and report.indicators:
        pages += attachment_pages(report, measure, layout)
    unnumbered = 0  # the last pages that carry no number
    if report.document.colophon:
        colophon = colophon_block(report.document.colophon, measure, layout, settings)
        # Its last rule on the bottom edge: a hundredth of a point above it, so that
        # rounding never pushes the rule out of the text block.
        placed = Placed(colophon, layout.text_height_pt - colophon.height - 0.01,
                        colophon.height)
        last = pages[-1][-1]
        if len(pages) % 2 == 0 and last.top + last.height + pitch <= placed.top:
            pages[-1].append(placed)  # at the foot of the last page, an even one
        elif len(pages) % 2:
            pages.append([placed])  # on the back of the last page
        else:  # the last page is even and full: a blank page, then the 版记, unnumbered
            pages += [[Placed(BlankPage(), 0.0, 0.0)], [placed]]
            unnumbered = 2
    pages_planned = tuple(Page(number, number <= len(pages) - unnumbered, tuple(items))
                          for number, items in enumerate(pages, start=1))
    glyphs.add_all(printed_texts(pages_planned, report, settings))
    return DocumentPlan(
        lang=report.lang,
        metadata=document_metadata(report),
        settings_source=settings,
        pages=pages_planned,
        page_number=place_page_number(fonts, layout),
        font_warnings=glyphs.finish(),
    )


def body_flow(report: Report, figures: list[Figure], measure: Measure, fonts: FontSet,
              layout: Layout, settings: Location, glyphs: GlyphAudit) -> list[FlowItem]:
    """Everything of the body in order, as rows for the paginator; the characters
    of the report's text go to ``glyphs`` with their exact places."""
    document = report.document
    flow: list[FlowItem] = []
    if document.issuer_mark:
        style = layout.text[Role.ISSUER_MARK]
        masthead = masthead_block(document, measure, layout, settings,
                                  fonts.main_font(style.fonts, style.weight))
        flow.append(FlowItem(masthead, masthead.rows, source=settings))
    title = TitleBlock(report.title_lines, report.title_location)
    flow.append(FlowItem(title, len(title.lines), keeps_next=True,
                         source=report.title_location))
    after_title = 1  # 标题下空一行
    if document.addressees:
        lines = compose_text([(document.addressees + "：", Role.BODY,
                               [settings] * (len(document.addressees) + 1))], measure, layout)
        block = TextBlock("addressees", Role.BODY, _set_lines(lines, Role.BODY), settings,
                          indented=False)
        flow.append(FlowItem(block, len(block.lines), after_title, splittable=True,
                             source=settings))
        after_title = 0
    by_paragraph: dict[Location, list[Figure]] = {}
    for figure in figures:
        by_paragraph.setdefault(figure.spec.block.location, []).append(figure)
    for block in report.blocks:
        if isinstance(block, BodyTable):
            table = table_layout(block, measure, layout)
            flow.append(FlowItem(table, part_height(BodyTablePart(table, 0, min(
                2, len(table.rows))), layout.line_pitch_pt), after_title,
                table=table.flow(layout.line_pitch_pt), source=block.location))
            glyphs.add(block.caption, Role.CAPTION, block.caption_location)
            for row, role in [(block.header, Role.TABLE_HEAD)] + [(row, Role.TABLE)
                                                                  for row in block.rows]:
                for cell in row:
                    glyphs.add(cell.text, role, cell.location)
            for row in figure_rows(by_paragraph.get(block.location, []), measure, layout):
                flow.append(FlowItem(row, row.rows, source=row.figures[0].figure.spec
                                     .defined_at))
            after_title = 0
            continue
        lines = compose_block(block, measure, layout)
        for line in lines:
            for piece in line.pieces + ((line.hanging,) if line.hanging else ()):
                glyphs.add(piece.text, piece.role, piece.source)
        match block:
            case Heading():
                role = Role.head(block.level)
                text = TextBlock("head", role, _set_lines(lines, role), block.location,
                                 level=block.level)
                flow.append(FlowItem(text, len(lines), after_title, keeps_next=True,
                                     source=block.location))
            case Paragraph():
                head = block.run_in
                text = TextBlock("paragraph", Role.BODY, _set_lines(lines, Role.BODY),
                                 block.location,
                                 bookmark=(head.text.rstrip("。"), head.level + 1)
                                 if head else None)
                flow.append(FlowItem(text, len(lines), after_title, splittable=True,
                                     source=block.location))
                for row in figure_rows(by_paragraph.get(block.location, []), measure, layout):
                    flow.append(FlowItem(row, row.rows, source=row.figures[0].figure.spec
                                         .defined_at))
        after_title = 0
    if document.attachment_note and report.summary_table and report.indicators:
        note = attachment_note(report.summary_table.title, measure, layout, settings)
        flow.append(FlowItem(note, len(note.lines), 1, keeps_next=True, closing=True,
                             source=report.summary_table.location))
    if document.signature:
        signature = signature_block(document.signature, measure, layout, settings,
                                    document.note)
        flow.append(FlowItem(signature, signature.rows, signature.blank_rows_above,
                             closing=True, source=settings))
    return flow


def printed_texts(pages: tuple[Page, ...], report: Report,
                  settings: Location) -> list[tuple[str, Role, Location | None]]:
    """Everything printed but the report's own text (whose characters the body flow
    gave with their exact places): parts from the settings, captions, the table."""
    texts: list[tuple[str, Role, Location | None]] = [
        ("— 0123456789 —", Role.PAGE_NUMBER, None)]
    texts += [(line, Role.TITLE, place) for line, place in
              zip(report.title_lines, report.title_line_locations, strict=True)]
    for page in pages:
        for item in page.items:
            block = item.block
            match block:
                case TextBlock(kind="addressees" | "attachment-note"):
                    texts += [(line.text, Role.BODY, settings) for line in block.lines]
                case MastheadBlock():
                    texts.append((block.issuer_mark, Role.ISSUER_MARK, settings))
                    texts += [(run.text, run.role, settings)
                              for line in block.lines for run in line]
                case SignatureBlock():
                    texts += [(run.text, run.role, settings)
                              for line in block.lines for run in line]
                case FigureRow():
                    texts += [(line, Role.CAPTION, placed.figure.spec.defined_at)
                              for placed in block.figures for line in placed.caption]
                case SummaryTablePart():
                    texts += table_texts(block)
                case ColophonBlock():
                    texts += [("抄送：" + "".join(block.copy_to_lines), Role.COLOPHON,
                               block.source)]
                    texts += [(run.text, run.role, block.source) for run in block.printed]
    return texts


def attachment_note(title: str, measure: Measure, layout: Layout,
                    settings: Location) -> TextBlock:
    """附件说明: “附件：” two characters in, a long name wrapping under its own start
    (GB/T 9704 7.3.4)."""
    label = "附件："
    start = layout.indent_pt + measure(label, Role.BODY)
    lines = compose_text([(title, Role.BODY, [settings] * len(title))], measure, layout,
                         width=layout.text_width_pt - start, justify=False)
    set_lines = _set_lines(lines, Role.BODY)
    first = set_lines[0]
    labelled = SetLine((Segment(label, Role.BODY, False, settings),) + first.segments,
                       first.spacing)
    return TextBlock("attachment-note", Role.BODY, (labelled,) + set_lines[1:], settings,
                     hang=start)


def _set_lines(lines: list[ComposedLine], role: Role) -> tuple[SetLine, ...]:
    return tuple(set_line(line, role) for line in lines)


def set_line(line: ComposedLine, own_role: Role) -> SetLine:
    """A composed line as segments: runs of one role, Latin runs apart (no spacing
    inside them, spacing after them), a compressed mark on its own."""
    segments: list[Segment] = []
    pieces = line.pieces + ((line.hanging,) if line.hanging else ())
    for index, piece in enumerate(pieces):
        tightened = line.tightening(index) if index < len(line.pieces) else 0.0
        parts = [(piece.text, False)]
        if piece.latin:
            parts = [(piece.text[:-1], True), (piece.text[-1], False)]
        for text, latin in parts:
            last = segments[-1] if segments else None
            if last and last.role == piece.role and last.latin == latin \
                    and not last.tightened and not tightened:
                segments[-1] = Segment(last.text + text, last.role, latin, last.source)
            else:
                segments.append(Segment(text, piece.role, latin, piece.source,
                                        tightened if text == parts[-1][0] else 0.0))
    return SetLine(tuple(segments), line.spacing)


def figure_rows(figures: list[Figure], measure: Measure, layout: Layout) -> list[FigureRow]:
    """Figures of one paragraph, side by side while they fit the text block, each
    row in whole grid rows: half a row above, captions, charts, half a row below."""
    groups: list[list[Figure]] = []
    for figure in figures:
        group = groups[-1] if groups else None
        if group and sum(item.width_mm for item in group) + figure.width_mm + \
                FIGURE_GAP_MM * len(group) <= layout.text_width_mm:
            group.append(figure)
        else:
            groups.append([figure])
    pitch = layout.line_pitch_pt
    rows = []
    for group in groups:
        share = layout.text_width_mm / len(group)
        captions = [caption_lines(figure, share * PT_PER_MM, measure) for figure in group]
        heights = [len(caption) * pitch + figure.height_mm * PT_PER_MM
                   for figure, caption in zip(group, captions, strict=True)]
        tallest = max(heights)
        count = math.ceil((tallest + pitch) / pitch - 1e-6)
        rows.append(FigureRow(
            tuple(PlacedFigure(figure, caption, share, tallest - height)
                  for figure, caption, height in zip(group, captions, heights, strict=True)),
            count, (count * pitch - tallest) / 2))
    return rows


def caption_lines(figure: Figure, width: float, measure: Measure) -> tuple[str, ...]:
    """图N with its title on one line, and the notes (unit, quoted figures) after it
    when they fit, else on lines of their own."""
    title, notes = figure.caption_title, figure.caption_notes
    if measure(title + notes, Role.CAPTION) <= width:
        return (title + notes,)
    return wrap_text(title, Role.CAPTION, width, measure) + (
        wrap_text(notes, Role.CAPTION, width, measure) if notes else ())


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
