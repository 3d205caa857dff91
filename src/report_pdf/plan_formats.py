"""The head of the first page in each format, and what only minutes end with.

GB/T 9704-2012 chapter 10 gives two formats beside the 文件格式 that report.yaml
may ask for (``document: format``):

* the 信函格式 (10.1, ``letter``): the red mark 30 mm under the paper's top edge,
  a red double line (thick over thin) 4 mm under it and one (thin over thick)
  20 mm above the paper's bottom edge, both 170 mm long and centred on the page;
  under the first, the 份号, 密级 and 紧急程度 flush left and the 发文字号 flush
  right, the first line 7/8 of a 三号 character's height under it; the title two
  lines under the last of them; no page number on the first page;
* the 纪要格式 (10.3, ``minutes``): the mark “××××纪要” where a 文件's stands,
  with the 版头 of a 文件; one blank line under the text (or the 附件说明),
  “出席：” in 三号黑体 two characters in, the names after the colon in 仿宋, wrapped
  lines under the first name; then “请假：” and “列席：” the same way.

The project's reference notes give neither the distance of 7/8 of a character
nor where the title of a letter goes; they follow the standard's text. Where the
standard is silent — the double lines' thickness, the number line of minutes —
layout.yaml and the 文件格式 decide. How its distances are read here: a line's
top edge is the top of its characters' em box; "4 mm under the mark" runs from
the mark's bottom edge to the upper double line's top, "20 mm from the bottom"
from the lower double line's bottom edge to the paper's; the mark is centred on
the text block, as a 文件's is, the double lines on the page.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from .compose import MAX_SHRINK_EM, Measure, compose, split_pieces
from .document_parts import DocumentFormat, DocumentParts
from .errors import InputError, Problem
from .fonts import Font, FontSet
from .layout import PT_PER_MM, Layout
from .model import Location
from .plan_parts import MastheadBlock, RunLine, em_top_in_line, masthead_block, runs_at
from .plan_text import Segment, SetLine, TextBlock, set_lines
from .roles import Role

NAME_SEPARATOR = "，"  # between the names of an attendance list


@dataclass(frozen=True)
class Bar:
    """A red line of the letterhead, in pt from the text block's top and left edges."""

    top: float
    left: float
    width: float
    height: float


@dataclass(frozen=True)
class LetterheadBlock:
    """The head of a letter's first page (GB/T 9704 10.1). Every place is in pt
    below the top of the text block: the mark's is above it (negative), the lower
    double line's far below it, in the bottom margin."""

    issuer_mark: str
    mark_top: float  # its line box, as tall as the type; the em box 30 mm under the paper's top
    mark_size: float
    lines: tuple[RunLine, ...]  # 份号, 密级, 紧急程度 left; the 发文字号 right on the first
    line_tops: tuple[float, ...]  # each line box as tall as the type
    line_height: float
    bars: tuple[Bar, ...]  # the upper double line (thick, thin), the lower (thin, thick)
    rows: int  # grid rows it takes: the title stands on the next
    source: Location


def mark_size(text: str, preferred: float, measure: Measure, layout: Layout,
              source: Location) -> float:
    """The mark's type size: ``preferred``, or less so that it fits the text block's
    width (the standard leaves the size to the issuer), in half points; a mark
    that would have to be smaller than the title is refused."""
    per_point = measure(text, Role.ISSUER_MARK) / layout.text[Role.ISSUER_MARK].size_pt
    fits = math.floor(layout.text_width_pt / per_point * 2) / 2 if per_point else preferred
    if fits >= preferred:
        return preferred
    smallest = layout.text[Role.TITLE].size_pt
    if fits < smallest:
        raise InputError(Problem(
            f"the issuer mark “{text if len(text) <= 40 else text[:40] + '…'}” is "
            f"{per_point * smallest / PT_PER_MM:.0f} mm long even "
            f"in the title's {smallest:g} pt type, wider than the {layout.text_width_mm:g} mm "
            "text block: shorten it", source))
    return fits


def document_head(document: DocumentParts, measure: Measure, fonts: FontSet, layout: Layout,
                  source: Location) -> MastheadBlock | LetterheadBlock | None:
    """The head of the first page: a letter's, or the 版头 of a 文件 (and of minutes,
    whose mark is “××××纪要”); None without an issuer mark."""
    if document.issuer_mark is None:
        return None
    style = layout.text[Role.ISSUER_MARK]
    font = fonts.main_font(style.fonts, style.weight)
    if document.format is DocumentFormat.LETTER:
        return letterhead_block(document, measure, layout, source, font)
    size = mark_size(document.issuer_mark, style.size_pt, measure, layout, source)
    return masthead_block(document, measure, layout, source, font, size)


def letterhead_block(document: DocumentParts, measure: Measure, layout: Layout,
                     source: Location, mark_font: Font) -> LetterheadBlock:
    """GB/T 9704 10.1, as the module says; the lines under the upper double line a
    grid pitch apart, the title on the first row two lines under the last."""
    letter = layout.letter
    assert letter is not None and document.issuer_mark is not None
    pitch, size, width = layout.line_pitch_pt, layout.body.size_pt, layout.text_width_pt
    mark = mark_size(document.issuer_mark, letter.mark_size_pt, measure, layout, source)
    mark_em_top = (letter.mark_below_page_top_mm - layout.top_mm) * PT_PER_MM
    # The double lines are centred on the page, the text block a little off its middle.
    left = ((layout.page_width_mm - letter.rule_width_mm) / 2 - layout.left_mm) * PT_PER_MM
    thick, gap, thin = (value * PT_PER_MM for value in (
        letter.thick_rule_mm, letter.rule_gap_mm, letter.thin_rule_mm))
    rule_width = letter.rule_width_mm * PT_PER_MM
    upper = mark_em_top + mark + letter.rule_below_mark_mm * PT_PER_MM
    lower_bottom = (layout.page_height_mm - letter.rule_above_page_bottom_mm
                    - layout.top_mm) * PT_PER_MM
    bars = (Bar(upper, left, rule_width, thick), Bar(upper + thick + gap, left, rule_width, thin),
            Bar(lower_bottom - thick - gap - thin, left, rule_width, thin),
            Bar(lower_bottom - thick, left, rule_width, thick))
    markings = document.markings
    lines: list[list[tuple[str, Role, float]]] = [[(text, Role.MARKING, 0.0)]
                                                  for text in markings]
    if document.number:
        number_left = width - measure(document.number, Role.BODY)
        if markings and measure(markings[0], Role.MARKING) + size > number_left:
            raise InputError(Problem("the 发文字号 and the 份号 (or 密级) beside it do not fit "
                                     "on one line under the letter's double line", source))
        lines[:1] = [(lines[0] if lines else []) + [(document.number, Role.BODY, number_left)]]
    # The lines' boxes are as tall as the type, in the body's face, whose em box fills them.
    first = upper + thick + gap + thin + letter.first_line_below_rule_em * size
    tops = tuple(first + index * pitch for index in range(len(lines)))
    bottom = tops[-1] + size if tops else upper + thick + gap + thin
    rows = math.ceil((bottom + layout.title_blank_lines * pitch) / pitch - 1e-6)
    return LetterheadBlock(document.issuer_mark, mark_em_top - em_top_in_line(mark_font, mark),
                           mark, tuple(runs_at(line, measure) for line in lines), tops, size,
                           bars, rows, source)


def attendance_blocks(document: DocumentParts, measure: Measure,
                      layout: Layout) -> list[TextBlock]:
    """GB/T 9704 10.3: a block for each list of minutes — “出席：” in 三号黑体 two
    characters in, the names after the colon in 仿宋, separated by “，”, wrapped
    lines starting under the first name; a line breaks between names, inside one
    only when it is longer than a line."""
    spacing = layout.grid_spacing_pt  # after every character, as on the grid
    blocks = []
    for entry in document.attendance:
        label = entry.label + "："
        label_width = measure(label, Role.LABEL) + len(label) * spacing
        start = layout.indent_pt + label_width
        text = NAME_SEPARATOR.join(entry.names)
        pieces = split_pieces([(text, Role.BODY, [entry.source] * len(text))], measure)
        ends, offset = set(), -1
        for name in entry.names:  # the separators after the names
            offset += len(name) + len(NAME_SEPARATOR)
            ends.add(offset)
        glued, offset = [], 0
        for piece in pieces:  # a break only after a separator
            glued.append(piece if offset + len(piece.text) - 1 in ends
                         else dataclasses.replace(piece, glued=True))
            offset += len(piece.text)
        lines = set_lines(compose(glued, layout.text_width_pt - start, 0.0, spacing,
                                  MAX_SHRINK_EM * layout.body.size_pt, justify=False),
                          Role.BODY)
        first = SetLine((Segment(label, Role.LABEL, False, entry.source),) + lines[0].segments,
                        lines[0].spacing)
        blocks.append(TextBlock("attendance", Role.BODY, (first,) + lines[1:], entry.source,
                                hang=start))
    return blocks
