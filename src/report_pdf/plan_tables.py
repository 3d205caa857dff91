"""The plan of a table in the body (表1 …): column widths, cells broken into lines,
rows measured, figures aligned.

Set as 公文 practice has it: the caption (表N and the title) centred above the
table in 黑体, the cells in 小四 宋体 with the header row in 黑体, the figures of
a column aligned on the units digit and the decimal point. The table spans the
text block; columns share its width by their content, and a column too narrow
for its cells breaks them into lines by the composer's rules.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .compose import Measure, split_pieces
from .layout import Layout
from .model import BodyTable, Location
from .paginate import TableRows
from .plan_parts import refuse_rows_taller_than_a_page, wrap_text
from .roles import Role

NUMBER = re.compile(r"^[0-9]+(?:\.[0-9]+)?[余多]?\S{0,3}$")


@dataclass(frozen=True)
class Cell:
    lines: tuple[str, ...]
    align: str  # "left", "right", "center"
    pad: float = 0.0  # pt more on the right: the figures of a column align
    source: Location | None = None


@dataclass(frozen=True)
class TableLayout:
    """A body table as the plan lays it out."""

    table: BodyTable
    caption: tuple[str, ...]  # its lines, centred above the table
    widths: tuple[float, ...]  # of the columns, pt
    header: tuple[Cell, ...]
    header_height: float
    rows: tuple[tuple[Cell, ...], ...]
    heights: tuple[float, ...]  # of the rows, pt

    @property
    def source(self) -> Location:
        return self.table.location

    def flow(self, pitch: float) -> TableRows:
        return TableRows(tuple(height / pitch for height in self.heights),
                         self.header_height / pitch, len(self.caption))


@dataclass(frozen=True)
class BodyTablePart:
    """A table, or its rows on one page, with the header repeated."""

    layout: TableLayout
    first: int  # its first row
    count: int

    @property
    def opens(self) -> bool:
        """The table's first part: the one under the caption."""
        return self.first == 0

    @property
    def rows(self) -> tuple[tuple[Cell, ...], ...]:
        return self.layout.rows[self.first:self.first + self.count]


def table_layout(table: BodyTable, measure: Measure, layout: Layout) -> TableLayout:
    size = layout.text[Role.TABLE].size_pt
    line = size * layout.table_line_height
    inner = 2 * layout.table_padding_h_pt
    padding = 2 * layout.table_padding_v_pt + layout.table_border_pt
    columns = max(len(table.header), *(len(row) for row in table.rows))
    texts = [[cell.text for cell in table.header] + [""] * (columns - len(table.header))]
    texts += [[cell.text for cell in row] + [""] * (columns - len(row)) for row in table.rows]
    roles = [Role.TABLE_HEAD] + [Role.TABLE] * len(table.rows)
    widths = _column_widths(texts, roles, measure, layout.text_width_pt, inner)
    numeric = [_numeric(table, index) for index in range(columns)]
    aligns = [("right" if numeric[index] else (table.aligns[index] if index < len(table.aligns)
                                               else None) or "left") for index in range(columns)]
    tails = [max((measure(_tail(row[index]), Role.TABLE) for row in texts[1:]
                  if NUMBER.match(row[index])), default=0.0) for index in range(columns)]

    def cells(row: list[str], role: Role, sources) -> tuple[Cell, ...]:
        made = []
        for index, text in enumerate(row):
            source = sources[index] if index < len(sources) else None
            lines = wrap_text(text, role, widths[index] - inner, measure, source) \
                if text else ("",)
            pad = 0.0
            if role == Role.TABLE and numeric[index] and NUMBER.match(text):
                pad = tails[index] - measure(_tail(text), role)
            made.append(Cell(lines, "center" if role == Role.TABLE_HEAD else aligns[index],
                             pad, sources[index] if index < len(sources) else None))
        return tuple(made)

    header = cells(texts[0], Role.TABLE_HEAD, [cell.location for cell in table.header])
    rows = tuple(cells(row, Role.TABLE, [cell.location for cell in source])
                 for row, source in zip(texts[1:], table.rows, strict=True))
    caption = wrap_text(table.caption, Role.CAPTION, layout.text_width_pt, measure,
                        table.caption_location)

    def height(row: tuple[Cell, ...]) -> float:
        return max(len(cell.lines) for cell in row) * line + padding

    def lines(row: tuple[Cell, ...], what: str) -> tuple[int, Location | None, str]:
        return max(len(cell.lines) for cell in row), row[0].source, what

    # The header repeats on every page: it may take half of one.
    refuse_rows_taller_than_a_page([lines(header, f"the header of 表{table.number}")],
                                   layout.text_height_pt / 2, line, padding)
    header_height = height(header) + layout.table_border_pt
    refuse_rows_taller_than_a_page([lines(row, f"a row of 表{table.number}") for row in rows],
                                   layout.text_height_pt - header_height, line, padding)
    return TableLayout(table, caption, tuple(widths), header, header_height, rows,
                       tuple(height(row) for row in rows))


def _column_widths(texts: list[list[str]], roles: list[Role], measure: Measure,
                   width: float, inner: float) -> list[float]:
    """Each column as wide as its widest cell when they all fit; else every column
    keeps its widest unbreakable piece and shares the rest in proportion."""
    columns = len(texts[0])
    widest = [0.0] * columns
    narrowest = [0.0] * columns
    for row, role in zip(texts, roles, strict=True):
        for index, text in enumerate(row):
            widest[index] = max(widest[index], measure(text, role) + inner)
            pieces = split_pieces([(text, role, [None] * len(text))], measure) if text else []
            narrowest[index] = max([narrowest[index], inner] + [piece.width + inner
                                                              for piece in pieces])
    if sum(widest) <= width:
        extra = width - sum(widest)
        return [wide + extra * wide / sum(widest) for wide in widest]
    if sum(narrowest) >= width:
        return [width * narrow / sum(narrowest) for narrow in narrowest]
    share = (width - sum(narrowest)) / (sum(widest) - sum(narrowest))
    return [narrow + (wide - narrow) * share for narrow, wide in zip(narrowest, widest,
                                                                     strict=True)]


def _numeric(table: BodyTable, index: int) -> bool:
    """A column of figures: every cell under the header is a figure (or empty)."""
    cells = [row[index].text for row in table.rows if index < len(row) and row[index].text]
    return bool(cells) and all(NUMBER.match(text) for text in cells)


def _tail(text: str) -> str:
    """What follows a figure's units digit: ".4", "余", "万元"."""
    match = re.match(r"^[0-9]+", text)
    return text[match.end():] if match else ""


def part_height(part: BodyTablePart, pitch: float) -> int:
    """The grid rows a part takes: caption (on the first), header, rows."""
    layout = part.layout
    used = (len(layout.caption) * pitch if part.opens else 0.0) + layout.header_height + sum(
        layout.heights[part.first:part.first + part.count])
    return math.ceil(used / pitch - 1e-6)

