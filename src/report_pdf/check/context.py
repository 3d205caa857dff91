"""What every rule works with: the document, its lines, the layout, and helpers."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from ..layout import PT_PER_MM, Layout
from ..roles import Role
from .lines import ATTACHMENT, Flow, TextBlock, TextLine
from .pdf_page import Document, Rule
from .standard import APART_LABEL, ATTACHMENT_LABEL

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
    def attachment_labels(self) -> dict[int, TextLine]:
        """The first pages of attachments: their label (附件, 附件2, or the 发文字号 and
        附件2 of one printed apart), the first line of an attachment's page."""
        firsts: dict[int, TextLine] = {}
        for line in self.part(ATTACHMENT):
            if line.page not in firsts or line.baseline < firsts[line.page].baseline:
                firsts[line.page] = line
        return {page: line for page, line in firsts.items() if line.role is None
                and (ATTACHMENT_LABEL.match(line.text) or APART_LABEL.match(line.text))}

    @cached_property
    def letter_rules(self) -> list[Rule]:
        """The red lines of a letter's double lines on its first page (GB/T 9704
        10.1), top to bottom: red rules wider than the text block or outside it, as
        the red line of a 文件's 版头 never is. Empty: not a letter."""
        if not self.document.pages:
            return []
        block = self.block
        return sorted((rule for rule in self.document.pages[0].rules if rule.red and (
            rule.x1 - rule.x0 > block.right - block.left + MM or rule.bottom < block.top
            or rule.top > block.bottom)), key=lambda rule: rule.top)

    @cached_property
    def apart_starts(self) -> list[int]:
        """The first pages of the attachments printed apart from the body."""
        return sorted(page for page, line in self.attachment_labels.items()
                      if APART_LABEL.match(line.text))

    @cached_property
    def bound_end(self) -> int:
        """The last page bound with the body (the 版记's): before the attachments
        printed apart, and before a blank page that puts the first on a new sheet."""
        if not self.apart_starts:
            return self.document.pages[-1].number
        end = self.apart_starts[0] - 1
        page = self.document.pages[end - 1]
        return end - 1 if not page.rules and not any(
            char.baseline - char.ascent <= self.block.bottom for char in page.chars) else end

    def shown_number(self, page: int) -> int:
        """The page number a page carries: counted from 1 again in an attachment
        printed apart."""
        start = max((first for first in self.apart_starts if first <= page), default=1)
        return page - start + 1

    def body_above_note(self, page: int, below: float) -> list[TextLine]:
        """The body lines on ``page`` above ``below`` (a baseline), without the
        附件说明 (GB/T 9704 7.3.4): the lines from the one that starts “附件：” on,
        the names of several attachments aligned under the first's."""
        lines = [line for line in self.lines(Role.BODY) if line.page == page
                 and line.part is None and line.baseline < below]
        note = next((line.baseline for line in lines if line.text.startswith("附件：")), None)
        return [line for line in lines if note is None or line.baseline < note]

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
        return line.baseline - self.baseline_in_row

    @cached_property
    def baseline_in_row(self) -> float:
        """How far below the top of its grid row a line's baseline stands (pt)."""
        _, ascent, descent = self.body_face
        size = self.layout.body.size_pt
        return (self.pitch + (ascent - descent) * size) / 2

    def row(self, line: TextLine) -> float:
        """The line's row on the page grid, from 0 (a whole number when on the grid)."""
        return (self.box_top(line) - self.block.top) / self.pitch

    def row_at(self, baseline: float) -> float:
        """The grid row of a baseline ``baseline`` pt from the top of the text
        block, or of a turned page's text block (its left edge)."""
        return (baseline - self.baseline_in_row) / self.pitch

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
