"""What every rule works with: the document, its lines, the layout, and helpers."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from ..layout import PT_PER_MM, Layout
from ..roles import Role
from .lines import Flow, TextBlock, TextLine
from .reading import Document

MM = 0.5 * PT_PER_MM  # geometry tolerance: ±0.5 mm
FLUSH = 0.5  # pt: a line is flush with the right edge within this
GRID = 0.3  # pt: a line stands on its grid row within this
MAX_DETAILS = 5
TEXT_ROLES = (Role.BODY, Role.TITLE, Role.HEAD_1, Role.HEAD_2, Role.HEAD_3, Role.HEAD_4)


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

    def lines(self, *roles: Role) -> list[TextLine]:
        return [line for line in self.flow.lines if line.role in roles]

    def part(self, name: str) -> list[TextLine]:
        return [line for line in self.flow.lines if line.part == name]

    @cached_property
    def grid_lines(self) -> list[TextLine]:
        """The lines that stand on the grid: title, heads and body."""
        return self.lines(*TEXT_ROLES)

    @cached_property
    def body_face(self) -> tuple[str, float, float]:
        """The face of most Chinese body text, with its ascent and descent (em)."""
        faces = Counter((char.font, char.ascent / char.size, char.descent / char.size)
                        for line in self.lines(Role.BODY) for char in line.chars
                        if not char.text.isascii())
        return faces.most_common(1)[0][0] if faces else ("", 0.8, 0.2)

    def box_top(self, line: TextLine) -> float:
        """Top of the grid row a line stands in: the line pitch spread evenly around
        the body face's ascent and descent, from the line's baseline (every row's
        baseline stands where a line of body text would)."""
        _, ascent, descent = self.body_face
        size = self.layout.body.size_pt
        return line.baseline - (self.pitch + (ascent - descent) * size) / 2

    def row(self, line: TextLine) -> float:
        """The line's row on the page grid, from 0 (a whole number when on the grid)."""
        return (self.box_top(line) - self.block.top) / self.pitch

    @cached_property
    def internal_lines(self) -> list[TextLine]:
        """Body lines that are not the last of their paragraph.

        A paragraph (and a head) starts indented, so a body line is followed by
        more of its paragraph exactly when the next line starts at the left edge:
        on the next row, or at the top of the next page when this line is on the
        page's last row.
        """
        lines = self.grid_lines
        last_row = self.layout.lines_per_page - 1
        result = []
        for line, following in zip(lines, lines[1:], strict=False):
            if line.role != Role.BODY or following.role != Role.BODY:
                continue
            if abs(following.x0 - self.block.left) > FLUSH:
                continue
            if following.page == line.page:
                continues = round(self.row(following)) == round(self.row(line)) + 1
            else:
                continues = following.page == line.page + 1 and \
                    round(self.row(line)) == last_row and round(self.row(following)) == 0
            if continues:
                result.append(line)
        return result

    @cached_property
    def _following_grid_line(self) -> dict[int, TextLine]:
        """By a grid line's id, the grid line after it (by id: comparing lines
        compares all their characters)."""
        lines = self.grid_lines
        return {id(line): following for line, following in zip(lines, lines[1:],
                                                                strict=False)}

    def next_line(self, line: TextLine) -> TextLine | None:
        return self._following_grid_line.get(id(line))

    def in_faces_of(self, role: Role, chars) -> bool:
        """Whether the Chinese ones of ``chars`` are set in faces the layout gives
        ``role`` (digits and Latin letters are the Latin face's, whatever the role)."""
        faces = {face_key(name) for name in self.layout.text[role].fonts}
        return all(face_key(char.font) in faces for char in chars if not char.text.isascii())


def face_key(name: str) -> str:
    """A family as the layout names it or as the PDF does: "Noto Serif CJK SC",
    "Noto-Serif-CJK-SC-Bold" → "notoserifcjksc"."""
    name = name.lower().replace(" ", "").replace("-", "")
    for style in ("bold", "light", "regular"):
        if name.endswith(style) and len(name) > len(style):
            return name[:-len(style)]
    return name


def as_mm(points: float) -> str:
    return f"{points / PT_PER_MM:.2f} mm"


def where(line: TextLine) -> str:
    text = line.text.strip()
    return f"page {line.page}: “{text[:14]}{'…' if len(text) > 14 else ''}”"
