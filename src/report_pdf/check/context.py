"""What every rule works with: the document, its lines, the layout, and helpers."""

from __future__ import annotations

from dataclasses import dataclass

from ..layout import PT_PER_MM, Layout
from .lines import Flow, TextBlock, TextLine
from .reading import Document

MM = 0.5 * PT_PER_MM  # geometry tolerance: ±0.5 mm
FLUSH = 0.5  # pt: a line is flush with the right edge within this
MAX_DETAILS = 5


@dataclass(frozen=True)
class RuleResult:
    rule: str
    measured: str
    expected: str
    passed: bool
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class Context:
    document: Document
    flow: Flow
    layout: Layout
    block: TextBlock
    allowed_fonts: frozenset[str] | None = None  # PDF font names of the manifest

    @property
    def pitch(self) -> float:
        return self.layout.line_pitch_pt

    def lines(self, role: str) -> list[TextLine]:
        return [line for line in self.flow.lines if line.role == role]

    def row(self, line: TextLine) -> int:
        """The line's row on the page grid, from 0."""
        return round((line.box_top(self.pitch) - self.block.top) / self.pitch)

    def internal_lines(self) -> list[TextLine]:
        """Body lines that are not the last of their paragraph.

        A paragraph (and a head) starts indented, so a body line is followed by
        more of its paragraph exactly when the next line starts at the left edge:
        on the next row with no figure in between, or at the top of the next page
        when this line is on the page's last row.
        """
        lines = self.flow.lines
        last_row = self.layout.lines_per_page - 1
        result = []
        readable = [index for index, line in enumerate(lines) if line.role != "page_number"]
        for position, index in enumerate(readable[:-1]):
            line, following = lines[index], lines[readable[position + 1]]
            if line.role != "body" or following.role != "body" or centred(line, self.block):
                continue
            if abs(following.x0 - self.block.left) > FLUSH:
                continue
            if following.page == line.page:
                continues = self.row(following) == self.row(line) + 1
            else:
                continues = following.page == line.page + 1 and self.row(line) == last_row
            if continues:
                result.append(line)
        return result

    def next_line(self, line: TextLine) -> TextLine | None:
        lines = [other for other in self.flow.lines if other.role != "page_number"]
        index = lines.index(line)
        return lines[index + 1] if index + 1 < len(lines) else None


def centred(line: TextLine, block: TextBlock) -> bool:
    left = line.x0 - block.left
    right = block.right - line.chars[-1].x1
    return left > FLUSH and abs(left - right) <= MM


def as_mm(points: float) -> str:
    return f"{points / PT_PER_MM:.2f} mm"


def where(line: TextLine) -> str:
    text = line.text.strip()
    return f"page {line.page}: “{text[:14]}{'…' if len(text) > 14 else ''}”"
