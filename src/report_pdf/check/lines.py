"""Lines of text as they stand on the pages, in reading order, with their roles.

A line's role comes from its size and place: body, title, caption and table
text by the sizes of the layout, page numbers below the text block. Chart
labels are set in the table's size, so running-text rules never see them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from ..compose import HANGING
from ..layout import PT_PER_MM, Layout
from .reading import Char, Document

SIZE_TOLERANCE = 0.3  # pt
BASELINE_TOLERANCE = 0.5  # pt: characters of one line share a baseline within this


@dataclass(frozen=True)
class TextBlock:
    """The text block of a page, in points from the top-left corner."""

    left: float
    right: float
    top: float
    bottom: float

    @classmethod
    def from_layout(cls, layout: Layout) -> TextBlock:
        left = layout.left_mm * PT_PER_MM
        top = layout.top_mm * PT_PER_MM
        return cls(left, left + layout.text_width_mm * PT_PER_MM, top,
                   top + layout.text_height_mm * PT_PER_MM)


@dataclass(frozen=True)
class TextLine:
    page: int
    chars: tuple[Char, ...]
    role: str  # body, title, page_number, caption, table, other

    @property
    def text(self) -> str:
        return "".join(char.text for char in self.chars)

    @property
    def baseline(self) -> float:
        return self.chars[0].baseline

    @cached_property
    def size(self) -> float:
        return Counter(round(char.size, 1) for char in self.chars).most_common(1)[0][0]

    @property
    def x0(self) -> float:
        return self.chars[0].x0

    def box_top(self, pitch: float) -> float:
        """Top of the line box: the line pitch spread evenly around the glyphs of
        the line's Chinese face, which sets the line's strut."""
        char = next((char for char in self.chars if not char.text.isascii()), self.chars[0])
        return self.baseline - (pitch + char.ascent - char.descent) / 2

    def hanging(self, block: TextBlock) -> Char | None:
        """A punctuation mark set (mostly) beyond the right edge of the text block."""
        last = self.chars[-1]
        if last.text in HANGING and last.x1 - last.size / 2 > block.right:
            return last
        return None

    def set_chars(self, block: TextBlock) -> tuple[Char, ...]:
        """The characters inside the text block: all but a hanging mark."""
        return self.chars[:-1] if self.hanging(block) else self.chars

    def right_edge(self, block: TextBlock) -> float:
        return self.set_chars(block)[-1].x1


@dataclass(frozen=True)
class Flow:
    """Every line of every page, in reading order."""

    lines: tuple[TextLine, ...]


def _role(size: float, baseline: float, layout: Layout, block: TextBlock) -> str:
    def near(role: str) -> bool:
        return abs(size - layout.text[role].size_pt) <= SIZE_TOLERANCE

    if baseline > block.bottom + BASELINE_TOLERANCE:
        return "page_number" if near("page_number") else "other"
    for role in ("body", "title", "caption", "table"):
        if near(role):
            return role
    return "other"


def read_flow(document: Document, layout: Layout) -> Flow:
    block = TextBlock.from_layout(layout)
    lines: list[TextLine] = []
    for page in document.pages:
        text_chars = sorted(page.chars, key=lambda char: (round(char.baseline), char.x0))
        groups: list[list[Char]] = []
        for char in text_chars:
            if groups and abs(groups[-1][0].baseline - char.baseline) <= BASELINE_TOLERANCE:
                groups[-1].append(char)
            else:
                groups.append([char])
        for group in groups:
            group.sort(key=lambda char: char.x0)
            size = Counter(round(char.size, 1) for char in group).most_common(1)[0][0]
            lines.append(TextLine(page.number, tuple(group),
                                  _role(size, group[0].baseline, layout, block)))
    return Flow(tuple(lines))
