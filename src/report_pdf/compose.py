"""Stage 3: break Chinese text into justified lines on the page grid.

WeasyPrint justifies by stretching spaces, which Chinese text does not have,
and breaks lines by Unicode's rules, which differ from Chinese practice. So the
lines are composed here, after W3C clreq and GB/T 15834, and WeasyPrint only
sets them:

* characters stand on the grid of the page (28 to a line, the first and last
  em box flush with the edges of the text block);
* a line that is not a paragraph's last is justified: its slack is shared
  equally between all its characters, never inside a run of digits or Latin
  letters;
* no line starts with 、，。：；！？, a closing bracket, quote or 》, and none ends
  with an opening one; —— and …… are never split; a number is never split from
  余/多/万/亿 or a unit sign after it, nor a date (2019年, 6月30日) inside;
* when a full line is followed by one of 、，。：；！？ it hangs in the margin, as
  Word does, so the line keeps its 28 characters; other marks are pushed to the
  next line together with the character before them;
* a paragraph does not end with a line of one lone character (with or without
  its closing mark) when the line before it can give one up;
* adjacent punctuation is compressed (clreq 3.1.6): of two marks side by side,
  the blank half of one is taken out (”“, ）、, 。”, 《（ …); the line keeps its
  characters and shares the space freed between them.

Widths come from the committed fonts' advance widths; the PDF check confirms
that WeasyPrint set the lines exactly as composed.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .errors import InputError, Problem, ProblemCollector
from .fonts import FontSet
from .layout import PT_PER_MM, Layout
from .model import Block, Heading, Location, Paragraph, Report
from .roles import Role

NO_LINE_START = set("、，。．：；！？）］】》〉」』〕〗｝”’…—%‰·")
NO_LINE_END = set("（［【《〈「『〔〖｛“‘")
HANGING = set("、，。：；！？")
# In a Simplified Chinese font a closing mark has its ink in the left half of
# its em box and an opening mark in the right half; the other half is blank.
CLOSING_MARKS = set("、，。．：；！？）］】》〉」』〕〗｝”’")
OPENING_MARKS = set("（［【《〈「『〔〖｛“‘")
# Units never broken: the two-em dash and ellipsis, and runs of Latin letters and
# digits with their signs ("83.4%", "6+8", "12·4"). Anything else is one character.
PIECE = re.compile(r"——|……|[!-~]+(?:\u00b7[!-~]+)*|.", re.S)
# Text never broken inside, although made of several pieces: a date, and a number
# with 余/多, 万/亿 or a unit sign after it ("320余", "12万余", "30℃").
GLUED = re.compile(
    r"[0-9]{1,4}年(?:[0-9]{1,2}月(?:[0-9]{1,2}日)?)?|[0-9]{1,2}月(?:[0-9]{1,2}日)?|[0-9]{1,2}日"
    r"|[0-9]+(?:\.[0-9]+)?(?:[余多]?[十百千万亿]+[余多]?|[余多])[％‰℃°]?"
    r"|[0-9]+(?:\.[0-9]+)?[％‰℃°]")
EPSILON = 0.01  # pt
# A line may tighten its spacing by this much of an em, so that a run of digits
# that nearly fits stays on it. It is well under what one more Chinese character
# would need (about 0.035 em a gap on a 28-character line), so lines of pure
# Chinese keep the grid.
MAX_SHRINK_EM = 0.02
COMPRESSION_EM = 0.5  # the blank half of a mark, taken out when it meets another


@dataclass(frozen=True, slots=True)  # one per character: hundreds of thousands
class Piece:
    """An unbreakable unit of a line: a character, a —— or ……, or a Latin run."""

    text: str
    role: Role  # the text style it is set in
    width: float  # natural width in pt, without spacing
    source: Location | None
    glued: bool = False  # no line break after it

    @property
    def latin(self) -> bool:
        return len(self.text) > 1 and self.text[0].isascii()


@dataclass(frozen=True, slots=True)
class ComposedLine:
    pieces: tuple[Piece, ...]
    spacing: float  # pt after every character, except inside Latin runs
    hanging: Piece | None = None  # a mark hung beyond the right edge
    tightened: tuple[float, ...] = ()  # pt taken from the gap after each piece

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces) + (
            self.hanging.text if self.hanging else "")

    def tightening(self, index: int) -> float:
        return self.tightened[index] if self.tightened else 0.0


Measure = Callable[[str, Role], float]  # (text, role) -> width in pt


def split_pieces(runs: Sequence[tuple[str, Role, Sequence[Location | None]]],
                 measure: Measure) -> list[Piece]:
    """Cut text runs ``(text, role, location of each character)`` into pieces."""
    pieces = []
    for text, role, locations in runs:
        glued_ends = {end for match in GLUED.finditer(text)
                      for end in range(match.start() + 1, match.end())}
        for match in PIECE.finditer(text):
            piece = sys.intern(match.group())  # one object per distinct piece, not per place
            pieces.append(Piece(piece, role, measure(piece, role), locations[match.start()],
                                match.end() in glued_ends))
    return pieces


def compose(pieces: Sequence[Piece], width: float, indent: float, grid_spacing: float,
            shrink: float = 0.0, justify: bool = True) -> list[ComposedLine]:
    """Break a paragraph's pieces into lines of ``width`` pt, the first indented.

    ``grid_spacing`` puts characters on the grid; a justified line may tighten
    it by up to ``shrink`` pt a gap. ``justify``: fill every line but the last.
    """
    tightest = grid_spacing - shrink
    breaks: list[tuple[int, int, bool]] = []  # (start, end, hangs pieces[end])
    start = 0
    while start < len(pieces):
        available = width - (indent if not breaks else 0)
        end, hangs = _line_end(pieces, start, available, tightest, len(pieces), True)
        if pieces[start].width > available + EPSILON:
            _too_wide(pieces[start], available)
        breaks.append((start, end, hangs))
        start = end + hangs
    _avoid_lone_last_character(pieces, breaks, width, indent, tightest)

    lines = []
    for number, (start, end, hangs) in enumerate(breaks):
        line = tuple(pieces[start:end])
        tightened = _compression(line)
        last = number == len(breaks) - 1
        available = width - (indent if number == 0 else 0)
        natural = sum(piece.width for piece in line) - sum(tightened)
        spacing = grid_spacing
        if len(line) > 1 and ((justify and not last)
                              or natural + (len(line) - 1) * spacing > available + EPSILON):
            # Justified, or a last line that only fitted at a tighter spacing.
            spacing = (available - natural) / (len(line) - 1)
        lines.append(ComposedLine(line, spacing, pieces[end] if hangs else None,
                                  tightened if any(tightened) else ()))
    return lines


def _too_wide(piece: Piece, available: float) -> None:
    """A run of letters or digits, which is never broken, that no line can hold."""
    shown = piece.text if len(piece.text) <= 24 else piece.text[:24] + "…"
    raise InputError(Problem(
        f"“{shown}” ({len(piece.text)} letters or digits, never broken inside) is "
        f"{piece.width / PT_PER_MM:.0f} mm wide, wider than its {available / PT_PER_MM:.0f} mm "
        "line: put spaces in it where it may break, or shorten it", piece.source))


def _compression(line: Sequence[Piece]) -> tuple[float, ...]:
    """What each gap gives up where two marks meet: the blank half of a closing mark
    before another mark, or of an opening mark after an opening mark."""
    tightened = [0.0] * len(line)
    for index, (before, after) in enumerate(zip(line, line[1:], strict=False)):
        if before.text in CLOSING_MARKS and (after.text in CLOSING_MARKS
                                             or after.text in OPENING_MARKS):
            tightened[index] = COMPRESSION_EM * before.width
        elif before.text in OPENING_MARKS and after.text in OPENING_MARKS:
            tightened[index] = COMPRESSION_EM * after.width
    return tuple(tightened)


def _fits(pieces: Sequence[Piece], available: float, spacing: float) -> bool:
    return (sum(piece.width for piece in pieces) + (len(pieces) - 1) * spacing
            <= available + EPSILON)


def break_allowed(before: Piece, after: Piece) -> bool:
    return (not before.glued and after.text[0] not in NO_LINE_START
            and before.text[-1] not in NO_LINE_END)


def _line_end(pieces: Sequence[Piece], start: int, available: float, spacing: float,
              limit: int, may_hang: bool) -> tuple[int, bool]:
    """Where the line starting at ``start`` ends, and whether it hangs the next mark."""
    end = start
    total = 0.0
    while end < limit:
        extra = pieces[end].width + (spacing if end > start else 0)
        if total + extra > available + EPSILON:
            break
        total += extra
        end += 1
    if end == len(pieces):
        return end, False
    end = max(end, start + 1)  # a piece wider than a line stands alone

    def allowed(index: int) -> bool:
        return index == len(pieces) or break_allowed(pieces[index - 1], pieces[index])

    if allowed(end):
        return end, False
    mark = pieces[end]
    if may_hang and end < limit and mark.text in HANGING and not pieces[end - 1].glued \
            and allowed(end + 1):
        return end, True
    earlier = end - 1
    while earlier > start and not allowed(earlier):
        earlier -= 1
    return (earlier, False) if earlier > start else (end, False)


def _lone(pieces: Sequence[Piece]) -> bool:
    """A last line of one character, alone or with its closing marks ("件。")."""
    words = [piece for piece in pieces if piece.text not in CLOSING_MARKS]
    return len(words) == 1 and len(words[0].text) == 1


def _avoid_lone_last_character(pieces: Sequence[Piece], breaks: list[tuple[int, int, bool]],
                               width: float, indent: float, spacing: float) -> None:
    if len(breaks) < 2:
        return
    last_start, _, _ = breaks[-1]
    previous_start, previous_end, _ = breaks[-2]
    if not _lone(pieces[last_start:]):
        return
    available = width - (indent if len(breaks) == 2 else 0)
    end = previous_end - 1
    while end > previous_start and not break_allowed(pieces[end - 1], pieces[end]):
        end -= 1
    if previous_start < end and _fits(pieces[end:], width, spacing) \
            and _fits(pieces[previous_start:end], available, spacing):
        breaks[-2:] = [(previous_start, end, False), (end, len(pieces), False)]


def character_locations(lines: Sequence[tuple[str, Location]]) -> list[Location]:
    """The place of every character of text joined from source lines."""
    return [Location(location.file, location.line, (location.column or 1) + offset)
            for text, location in lines for offset in range(len(text))]


def check_title_width(report: Report, measure: Measure, layout: Layout) -> None:
    """The title is not broken here: its lines are the author's, and each must fit."""
    problems = ProblemCollector()
    for line in report.title_lines:
        width = measure(line, Role.TITLE)
        if width > layout.text_width_pt + EPSILON:
            problems.add(f"the title line “{line}” is {width / PT_PER_MM:.0f} mm long in "
                         f"{layout.text[Role.TITLE].size_pt:g} pt type, wider than the "
                         f"{layout.text_width_mm:g} mm text block: break it where the "
                         "meaning allows, writing each part on its own '# ' line",
                         report.title_location)
    problems.raise_if_any()


def compose_block(block: Block, measure: Measure, layout: Layout) -> list[ComposedLine]:
    """The lines of a head standing alone, or of a paragraph with its run-in head."""
    match block:
        case Heading():
            heads, body = [block], []
        case Paragraph():
            heads = [block.run_in] if block.run_in else []
            body = [(line.text, line.location) for line in block.lines]
        case _:
            raise TypeError(f"not a block of text: {block!r}")
    runs = [(head.text, Role.head(head.level), head.character_locations) for head in heads]
    if body:
        runs.append(("".join(text for text, _ in body), Role.BODY, character_locations(body)))
    return compose_text(runs, measure, layout, layout.indent_pt)


def compose_text(runs: Sequence[tuple[str, Role, Sequence[Location | None]]],
                 measure: Measure, layout: Layout, indent: float = 0.0,
                 width: float | None = None, justify: bool = True) -> list[ComposedLine]:
    """Body-sized text (a paragraph, the addressees, an attachment note) on the grid."""
    return compose(split_pieces(runs, measure),
                   layout.text_width_pt if width is None else width, indent,
                   layout.grid_spacing_pt, MAX_SHRINK_EM * layout.body.size_pt, justify)


def measure_with(fonts: FontSet, layout: Layout) -> Measure:
    """Text widths from the committed fonts' advances, by text style."""
    widths: dict[tuple[str, Role], float] = {}

    def measure(text: str, role: Role) -> float:
        if (text, role) in widths:  # a single character, most often
            return widths[text, role]
        style = layout.text[role]
        total = 0.0
        for char in text:
            if (char, role) not in widths:
                advance = fonts.advance(char, style.fonts, style.weight)
                # A character no font has is reported by the glyph check; its
                # width here only needs to be plausible.
                widths[char, role] = (1.0 if advance is None else advance) * style.size_pt
            total += widths[char, role]
        return total

    return measure
