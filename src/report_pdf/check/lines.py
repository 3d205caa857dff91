"""Lines of text as they stand on the pages, in reading order, with their roles.

A line's role comes from the PDF's structure tags (see :mod:`.structure`):
the title is an H1 of the report's Part, heads are H2 to H5, body lines stand
in a P of the Part, captions in a Caption, chart labels in a Figure, table
text in TH and TD cells; the 版头 is a group of the Part, the signature a Div
of it, the lists of who attended at the end of minutes an L (a list) of it, the
版记 a group of its own. Page numbers stand below the text block.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from ..layout import PT_PER_MM, Layout
from ..roles import Role
from .pdf_page import Char, Document, Page
from .standard import MAY_HANG

BASELINE_TOLERANCE = 0.5  # pt: characters of one line share a baseline within this
HEADS = {"H2": Role.HEAD_1, "H3": Role.HEAD_2, "H4": Role.HEAD_3, "H5": Role.HEAD_4}
# Parts of the document that are not running text, by where they stand.
MASTHEAD, SIGNATURE, COLOPHON, ATTACHMENT = "masthead", "signature", "colophon", "attachment"
ATTENDANCE = "attendance"  # 出席, 请假 and 列席 at the end of minutes


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
    role: Role | None  # None: a part of the document that is not running text
    part: str | None = None  # masthead, signature, colophon, attachment

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

    @property
    def x1(self) -> float:
        return max(char.x1 for char in self.chars)

    def hanging(self, block: TextBlock) -> Char | None:
        """A punctuation mark set (mostly) beyond the right edge of the text block."""
        last = self.chars[-1]
        if last.text in MAY_HANG and last.x1 - last.size / 2 > block.right:
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


def classify(path: tuple[str, ...] | None, char: Char, block: TextBlock
             ) -> tuple[Role | None, str | None]:
    """A character's role and part, from the structure that holds it."""
    if not path:
        return (Role.PAGE_NUMBER, None) if char.baseline > block.bottom else (None, None)
    if "Figure" in path:
        return Role.CHART, None
    if "Caption" in path:
        return Role.CAPTION, None
    if "TH" in path or "TD" in path:
        return Role.TABLE, (ATTACHMENT if len(path) > 1 and path[1] == "Sect" else None)
    for tag, role in HEADS.items():
        if tag in path:
            return role, None
    inside = path[1] if len(path) > 1 else ""
    if inside == "Sect":  # an attachment: its text is set as the body's
        if "H1" in path:
            return Role.TITLE, ATTACHMENT
        return (Role.BODY if len(path) > 2 and path[2] == "P" else None), ATTACHMENT
    if inside == "Part":
        if "H1" in path:
            return Role.TITLE, None
        parent = path[2] if len(path) > 2 else ""
        if parent == "P":
            return Role.BODY, None
        if parent == "Div":
            return None, SIGNATURE
        if parent == "L":
            return None, ATTENDANCE
        return None, MASTHEAD  # the 版头, a group of the Part before the title
    if char.baseline > block.bottom:
        return Role.PAGE_NUMBER, None
    return None, COLOPHON


def read_flow(document: Document, layout: Layout) -> Flow:
    block = TextBlock.from_layout(layout)
    lines: list[TextLine] = []
    for page in document.pages:
        groups: dict[tuple[Role | None, str | None], list[list[Char]]] = {}
        # each role's lines by their first baseline, in steps of the tolerance:
        # a line a character joins is in its own step or a neighbouring one
        steps: dict[tuple[Role | None, str | None], dict[int, list[int]]] = {}
        roles: dict[tuple[int | None, bool], tuple[Role | None, str | None]] = {}
        for char in page.chars:
            below = char.baseline > block.bottom  # all classify needs of the char itself
            key = roles.get((char.mcid, below))
            if key is None:
                key = roles[(char.mcid, below)] = classify(_path(page, char), char, block)
            found = groups.setdefault(key, [])
            by_step = steps.setdefault(key, {})
            step = math.floor(char.baseline / BASELINE_TOLERANCE)
            near = [index for nearby in (step - 1, step, step + 1)
                    for index in by_step.get(nearby, ())
                    if abs(found[index][0].baseline - char.baseline) <= BASELINE_TOLERANCE]
            if near:
                found[min(near)].append(char)  # the first such line, as found in order
            else:
                by_step.setdefault(step, []).append(len(found))
                found.append([char])
        page_lines = [TextLine(page.number, tuple(sorted(chars, key=lambda char: char.x0)),
                               role, part)
                      for (role, part), found in groups.items() for chars in found]
        page_lines.sort(key=lambda line: (round(line.baseline, 1), line.x0))
        lines += page_lines
    return Flow(tuple(lines))


def _path(page: Page, char: Char) -> tuple[str, ...] | None:
    if char.mcid is None or char.mcid >= len(page.structure):
        return None
    return page.structure[char.mcid]
