"""The text as composed lines, ready to be placed: a line's segments, the blocks
of body-sized text, figure rows, and the flow of a text's blocks (the body's, an
attachment's) for the paginator."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .charts import Figure
from .compose import ComposedLine, Measure, compose_block
from .glyphs import GlyphAudit
from .layout import PT_PER_MM, Layout
from .model import Block, BodyTable, Heading, Location, Paragraph
from .paginate import FlowItem, Slice
from .plan_parts import wrap_text
from .plan_tables import BodyTablePart, TableLayout, part_height, table_layout
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
    lead: float = 0.0  # pt: the first line starts this far right of the indent
    level: int | None = None  # a head's level
    bookmark: tuple[str, int] | None = None  # a run-in head's words and outline level

    def part(self, first: int, count: int) -> TextBlock:
        """Its lines ``first`` to ``first + count`` as a block of their own."""
        if first == 0 and count == len(self.lines):
            return self
        return TextBlock(self.kind, self.role, self.lines[first:first + count], self.source,
                         self.indented and first == 0, self.hang, self.lead, self.level,
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


@dataclass(frozen=True)
class Placed:
    block: Block
    top: float  # pt below the top edge of the text block
    height: float  # pt


def text_flow(blocks: tuple[Block, ...], figures: list[Figure], measure: Measure,
              layout: Layout, glyphs: GlyphAudit, after_title: int) -> list[FlowItem]:
    """Heads, paragraphs and tables as rows for the paginator, each figure row after
    the paragraph it belongs to; ``after_title`` blank rows before the first. The
    characters go to ``glyphs`` with their exact places."""
    flow: list[FlowItem] = []
    by_paragraph: dict[Location, list[Figure]] = {}
    for figure in figures:
        by_paragraph.setdefault(figure.spec.block.location, []).append(figure)
    for block in blocks:
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
                text = TextBlock("head", role, set_lines(lines, role), block.location,
                                 level=block.level)
                flow.append(FlowItem(text, len(lines), after_title, keeps_next=True,
                                     source=block.location))
            case Paragraph():
                head = block.run_in
                text = TextBlock("paragraph", Role.BODY, set_lines(lines, Role.BODY),
                                 block.location,
                                 bookmark=(head.text.rstrip("。"), head.level + 1)
                                 if head else None)
                flow.append(FlowItem(text, len(lines), after_title, splittable=True,
                                     source=block.location))
                for row in figure_rows(by_paragraph.get(block.location, []), measure, layout):
                    flow.append(FlowItem(row, row.rows, source=row.figures[0].figure.spec
                                         .defined_at))
        after_title = 0
    return flow


def placed_pages(pages: list[list[Slice]], pitch: float) -> list[list[Placed]]:
    """The paginator's pages of rows as blocks placed in points; a block split
    across pages becomes its part on each."""
    placed = []
    for page in pages:
        items = []
        for piece in page:
            block = piece.block
            if isinstance(block, TextBlock):
                block = block.part(piece.first, piece.count)
            elif isinstance(block, TableLayout):
                block = BodyTablePart(block, piece.first, piece.count)
            items.append(Placed(block, piece.row * pitch, piece.height * pitch))
        placed.append(items)
    return placed


def set_lines(lines: list[ComposedLine], role: Role) -> tuple[SetLine, ...]:
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
