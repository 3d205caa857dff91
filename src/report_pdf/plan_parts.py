"""The plan of the parts around the body: 版头, signature, 版记.

Each part is measured here with the committed fonts, so that the plan knows
its height and the place of everything in it before anything is typeset.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .compose import Measure, compose, split_pieces
from .document_parts import Colophon, DocumentParts, Signature
from .errors import InputError, Problem
from .fonts import Font
from .layout import PT_PER_MM, Layout
from .model import Location
from .plan_seal import SealPlacement, sealed_placement, stamp_placement
from .roles import Role

JOINT_MARK_LINE_PITCH = 1.25  # in the type size: the names of a joint mark, stacked


@dataclass(frozen=True)
class Run:
    """Text at a place on its line: ``gap`` pt after the end of the run before it
    (the first run of a line: after the text block's left edge)."""

    text: str
    role: Role
    gap: float


RunLine = tuple[Run, ...]


def runs_at(placed: list[tuple[str, Role, float]], measure: Measure) -> RunLine:
    """Runs given by their left edge (pt from the text block's left), in order."""
    runs = []
    end = 0.0
    for text, role, left in placed:
        runs.append(Run(text, role, left - end))
        end = left + measure(text, role)
    return tuple(runs)


@dataclass(frozen=True)
class JointMark:
    """A joint document's mark (联合行文, GB/T 9704 7.2.4): the issuers' names
    stacked, the lead first, each spread to the longest's width; the word (文件)
    right of them, centred on them; all of it centred on the text block, in a
    type size set down from the layout's when it would not fit the width."""

    names: tuple[tuple[str, float, float], ...]  # (name, its top below the mark's, spacing)
    left: float  # the names' left edge, pt from the text block's left
    word: str
    word_left: float
    word_top: float
    size: float


@dataclass(frozen=True)
class MastheadBlock:
    """版头: the 份号, 密级 and 紧急程度 on the first rows, when given; the red issuer
    mark, then the 发文字号 — in a 上行文 on the line of the last 签发人 — and the
    red line under them; it ends two blank rows under the red line, on the grid."""

    issuer_mark: str
    mark_top: float  # pt below the block's top: the mark's line box (its em box 35 mm down)
    mark_height: float  # its line box: the mark's type size
    lines: tuple[RunLine, ...]  # the 发文字号 and 签发人 lines
    line_tops: tuple[float, ...]  # pt below the block's top, each line box as tall as the type
    line_height: float
    rule_top: float  # the red line's top, pt below the block's top
    rule_height: float
    rows: int
    source: Location
    markings: tuple[RunLine, ...] = ()  # 份号, 密级, 紧急程度, flush left, a row each
    marking_tops: tuple[float, ...] = ()  # pt below the block's top, each as tall as the type
    marking_height: float = 0.0
    joint: JointMark | None = None

    @property
    def first_top(self) -> float:
        """Where the first thing in the block starts, pt below its top."""
        return self.marking_tops[0] if self.marking_tops else self.mark_top

    @property
    def upward(self) -> bool:
        """A 上行文: it names its 签发人."""
        return any(run.role == Role.SIGNER for line in self.lines for run in line)


@dataclass(frozen=True)
class SignatureBlock:
    """署名 and 成文日期, each a line placed from the text block's left edge, and
    the 附注 in round brackets under them, when given."""

    lines: tuple[RunLine, ...]
    source: Location
    blank_rows_above: int = 1  # 7.3.5.2: one blank line under the text
    rows_after: int = 0  # with a seal: rows its lower part takes under the lines
    gaps: tuple[int, ...] = ()  # blank rows before each line after the first (签名章)
    seals: tuple[SealPlacement, ...] = ()  # images of the seals (or 签名章) to print

    @property
    def rows(self) -> int:
        return len(self.lines) + self.rows_after + sum(self.gaps)

    def gap_before(self, index: int) -> int:
        return self.gaps[index - 1] if 0 < index <= len(self.gaps) else 0


@dataclass(frozen=True)
class ColophonBlock:
    copy_to_lines: tuple[str, ...]  # the organs after 抄送：, wrapped under the first
    copy_to_indent: float  # pt: where the organs start, after “抄送：”
    copy_to_label: float  # pt: the width of “抄送：”
    printed: RunLine  # 印发机关 on the left, 印发日期 on the right
    height: float
    source: Location


def em_top_in_line(font: Font, size: float) -> float:
    """How far below the top of a line box as tall as the type the em box of its
    characters starts (negative: above), wherever the face puts its baseline."""
    ascent, descent = font.vertical_metrics
    return (size + (ascent - descent) * size) / 2 - font.metrics.em_top * size


def masthead_block(document: DocumentParts, measure: Measure, layout: Layout,
                   source: Location, mark_font: Font, mark: float) -> MastheadBlock:
    """GB/T 9704 7.2.4–7.2.6: the mark 35 mm under the top of the text block; two
    blank rows under it the 发文字号, centred — or, in a 上行文, one character in
    from the left on the line of the last 签发人, who stand one character in from
    the right, “签发人：” in 仿宋 and the names in 楷体, two to a line, wrapped
    lines aligned under the first name; the red line 4 mm under them. ``mark``:
    the mark's type size."""
    pitch, size = layout.line_pitch_pt, layout.body.size_pt
    width = layout.text_width_pt
    names = document.signers
    label = "签发人："
    gap = size  # one character between two names on a line
    name_width = max((measure(name, Role.SIGNER) for name in names), default=0.0)
    first_width = measure(label, Role.BODY) + name_width * min(2, len(names)) + (
        gap if len(names) > 1 else 0.0)
    label_left = width - layout.page_number_inset_chars * size - first_width
    names_left = label_left + measure(label, Role.BODY)
    number = document.number
    lines: list[list[tuple[str, Role, float]]] = []
    for index in range(0, len(names), 2):
        line = [] if index else [(label, Role.BODY, label_left)]
        line += [(name, Role.SIGNER, names_left + offset * (name_width + gap))
                 for offset, name in enumerate(names[index:index + 2])]
        lines.append(line)
    if number and lines:
        lines[-1].insert(0, (number, Role.BODY, size))
    elif number:
        lines.append([(number, Role.BODY, (width - measure(number, Role.BODY)) / 2)])
    joint = (joint_mark(document.joint_issuers, document.issuer_mark or "", measure, layout,
                        source) if document.joint_issuers else None)
    mark_size = joint.size if joint else mark
    mark = joint.names[-1][1] + mark_size if joint else mark_size  # the mark's height
    # The em box of the mark's characters starts at the mark's place.
    mark_top = layout.mark_below_text_top_mm * PT_PER_MM - em_top_in_line(mark_font, mark_size)
    # Lines of the 发文字号 and 签发人 a grid row apart, the first two blank rows
    # under the mark; the red line 4 mm under the last.
    first = mark_top + mark + layout.number_blank_lines * pitch
    tops = tuple(first + index * pitch for index in range(len(lines)))
    bottom = tops[-1] + size if tops else mark_top + mark
    rule_top = bottom + layout.rule_below_number_mm * PT_PER_MM
    rule_height = layout.masthead_rule_mm * PT_PER_MM
    rows = math.ceil((rule_top + rule_height + layout.title_blank_lines * pitch) / pitch - 1e-6)
    # 份号, 密级 and 紧急程度 (7.2.1–7.2.3) flush left on the first rows, each where a
    # line of the body would stand on its row.
    marking = layout.text[Role.MARKING].size_pt
    marking_tops = tuple(row * pitch + (pitch - marking) / 2
                         for row in range(len(document.markings)))
    if marking_tops and marking_tops[-1] + marking > mark_top:
        raise InputError(Problem(
            "the 份号, 密级 and 紧急程度 do not fit above the issuer mark in this layout",
            source))
    return MastheadBlock(document.issuer_mark or "", mark_top, mark,
                         tuple(runs_at(line, measure) for line in lines), tops, size,
                         rule_top, rule_height, rows, source,
                         tuple(runs_at([(text, Role.MARKING, 0.0)], measure)
                               for text in document.markings), marking_tops, marking, joint)


def fitted_mark_size(width: float, layout: Layout, source: Location) -> float:
    """The mark's type size: the layout's, or smaller, so that a mark ``width`` pt
    wide in the layout's size fits the text block; never smaller than the title's."""
    size = layout.text[Role.ISSUER_MARK].size_pt
    fitted = size * min(1.0, layout.text_width_pt / width) if width else size
    if fitted < layout.text[Role.TITLE].size_pt:
        raise InputError(Problem(
            "document: issuer_mark is too long for the 版头: set to the text block's width "
            "it would be smaller than the title's type; shorten it", source))
    return fitted


def joint_mark(names: tuple[str, ...], word: str, measure: Measure, layout: Layout,
               source: Location) -> JointMark:
    """7.2.4: the names of a joint document's issuers, the lead first, one under
    the other and spread to one width; the word, when given, right of them and
    centred on them, a character apart."""
    size = layout.text[Role.ISSUER_MARK].size_pt
    widest = max(measure(name, Role.ISSUER_MARK) for name in names)
    word_width = measure(word, Role.ISSUER_MARK)
    gap = size if word else 0.0
    scale = fitted_mark_size(widest + gap + word_width, layout, source) / size
    size, widest, word_width, gap = (value * scale for value in (size, widest, word_width, gap))
    pitch = size * JOINT_MARK_LINE_PITCH
    placed = []
    for index, name in enumerate(names):
        width = measure(name, Role.ISSUER_MARK) * scale
        spacing = (widest - width) / (len(name) - 1) if len(name) > 1 else 0.0
        placed.append((name, index * pitch, spacing))
    left = max(0.0, (layout.text_width_pt - widest - gap - word_width) / 2)
    height = (len(names) - 1) * pitch + size
    return JointMark(tuple(placed), left, word, left + widest + gap, (height - size) / 2, size)


def signature_block(signature: Signature, measure: Measure, layout: Layout,
                    source: Location, note: str | None = None) -> SignatureBlock:
    """GB/T 9704 7.3.5.2, without a seal: the authority two characters in from the
    right, the date on the next line starting two characters right of the
    authority's start; a date longer than that ends two characters in, and the
    authority moves left. 7.3.5.1, with one: see :func:`_sealed_places`.
    7.3.6: the 附注 in round brackets two characters in, on the line under the date."""
    if signature.signer is not None:
        return _signature_stamp_block(signature, measure, layout, source, note)
    two_chars = 2 * layout.char_pitch_pt
    authority_width = measure(signature.authority, Role.BODY)
    date_width = measure(signature.date, Role.BODY)
    blank_rows, rows_after = 1, 0
    if signature.seal:
        authority_left, date_left, blank_rows, rows_after = _sealed_places(
            authority_width, date_width, layout)
    else:
        authority_left = layout.text_width_pt - two_chars - authority_width
        date_left = authority_left + two_chars
        if date_left + date_width > layout.text_width_pt - two_chars:
            date_left = layout.text_width_pt - two_chars - date_width
            authority_left = date_left - two_chars
    if min(authority_left, date_left) < 0:
        raise InputError(Problem("the signature (署名) and its date do not fit on their lines "
                                 "as GB/T 9704 7.3.5 sets them: shorten the authority's name",
                                 source))
    lines = (runs_at([(signature.authority, Role.BODY, authority_left)], measure),
             runs_at([(signature.date, Role.BODY, date_left)], measure))
    if note:
        lines += (note_line(note, measure, layout, source),)
        rows_after = max(0, rows_after - 1)
    seal = sealed_placement(signature.image, date_left + date_width / 2, layout) \
        if signature.image and signature.seal else None
    return SignatureBlock(lines, source, blank_rows, rows_after, seals=(seal,) if seal else ())


def note_line(note: str, measure: Measure, layout: Layout, source: Location) -> RunLine:
    """7.3.6: the 附注 in round brackets, two characters in."""
    text, indent = f"（{note}）", 2 * layout.char_pitch_pt
    if indent + measure(text, Role.BODY) > layout.text_width_pt:
        raise InputError(Problem("the note (附注) is longer than its line: shorten it", source))
    return runs_at([(text, Role.BODY, indent)], measure)


def _signature_stamp_block(signature: Signature, measure: Measure, layout: Layout,
                           source: Location, note: str | None) -> SignatureBlock:
    """GB/T 9704 7.3.5.3: two blank lines under the text, the 签名章 four characters
    in from the right; the signer's title two characters left of it, centred on
    it; one blank line under the stamp, the date four characters in from the
    right. Every line stands on the grid: the title on the first row whose middle
    leaves two lines above the stamp centred on it, the date on the first row
    one line under the stamp."""
    pitch, char = layout.line_pitch_pt, layout.char_pitch_pt
    stamp_width, stamp_height = (size * PT_PER_MM for size in layout.signature_stamp_mm)
    half = stamp_height / pitch / 2  # rows
    stamp_left = layout.text_width_pt - 4 * char - stamp_width
    title_left = stamp_left - 2 * char - measure(signature.signer, Role.BODY)
    date_left = layout.text_width_pt - 4 * char - measure(signature.date, Role.BODY)
    if min(title_left, date_left) < 0:
        raise InputError(Problem("the signer's title beside the 签名章 does not fit on its "
                                 "line (GB/T 9704 7.3.5.3): shorten it", source))
    # Rows counted from the text above: row i spans i - 1 to i.
    title_row = math.ceil(2 + 0.5 + half - 1e-9)
    date_row = math.ceil(title_row - 0.5 + half + 1 + 1 - 1e-9)
    lines = (runs_at([(signature.signer, Role.BODY, title_left)], measure),
             runs_at([(signature.date, Role.BODY, date_left)], measure))
    if note:
        lines += (note_line(note, measure, layout, source),)
    seal = stamp_placement(signature.image, layout) if signature.image else None
    return SignatureBlock(lines, source, title_row - 1, 0, (date_row - title_row - 1,),
                          (seal,) if seal else ())


def _sealed_places(authority_width: float, date_width: float,
                   layout: Layout) -> tuple[float, float, int, int]:
    """GB/T 9704 7.3.5.1: the date four characters in from the right, the authority
    centred on it, on the line above (an authority too long for that ends at the
    right edge, the date still centred under it); the seal pressed upright on
    both, their lines a little below its centre, its top within one line of the
    text above. Returns the authority's and the date's left edges, the blank rows
    above the authority and the rows the seal's lower part takes under the date."""
    width = layout.text_width_pt
    date_left = width - 4 * layout.char_pitch_pt - date_width
    authority_left = date_left + (date_width - authority_width) / 2
    if authority_left + authority_width > width:
        authority_left = width - authority_width
        date_left = authority_left + (authority_width - date_width) / 2
    return (authority_left, date_left) + sealed_rows(layout)


def sealed_rows(layout: Layout) -> tuple[int, int]:
    """The blank rows above a sealed signature's first line, and the rows the
    seal's lower part takes under its last: the lines' middle is the top of the
    second line's row, ``blank + 1`` rows under the text above; the seal's top,
    ``radius + lift`` above that, must not reach into the text (and, with the
    fewest blank rows, is then within one line)."""
    pitch = layout.line_pitch_pt
    radius = layout.seal_diameter_mm * PT_PER_MM / 2 / pitch  # in rows
    lift = layout.seal_centre_above_text_mm * PT_PER_MM / pitch
    blank = max(1, math.ceil(radius + lift - 1 - 1e-9))
    rows_after = max(0, math.ceil(radius - lift - 1 - 1e-9))
    return blank, rows_after


def colophon_block(colophon: Colophon, measure: Measure, layout: Layout,
                   source: Location) -> ColophonBlock:
    """版记: 抄送 wrapping under its first organ, then 印发机关 and 印发日期, one
    character in on each side, between rules as wide as the text block; every
    line one grid row."""
    size = layout.text[Role.COLOPHON].size_pt
    inset = layout.colophon_inset_chars * size
    label_width = measure("抄送：", Role.COLOPHON)
    lines: tuple[str, ...] = ()
    if colophon.copy_to:
        lines = wrap_list(colophon.copy_to, Role.COLOPHON,
                          layout.text_width_pt - 2 * inset - label_width, measure)
    on = f"{colophon.printed_on}印发"
    printed = runs_at([(colophon.printed_by, Role.COLOPHON, inset),
                       (on, Role.COLOPHON,
                        layout.text_width_pt - inset - measure(on, Role.COLOPHON))], measure)
    rules = 2 * layout.colophon_outer_rule_mm + (
        layout.colophon_inner_rule_mm if lines else 0.0)
    height = rules * PT_PER_MM + (len(lines) + 1) * layout.line_pitch_pt
    return ColophonBlock(lines, inset + label_width, label_width, printed, height, source)


def refuse_rows_taller_than_a_page(rows: list[tuple[int, Location | None, str]],
                                   room: float, line: float, padding: float) -> None:
    """Table rows, as (lines, where, what), with more lines than a page holds under
    the table's header: the paginator could only let them run off the page."""
    fit = max(0, math.floor((room - padding) / line + 1e-6))
    problems = [Problem(f"{what} takes {count} lines, more than the {fit} a page holds "
                        "under the table's header: shorten it", where)
                for count, where, what in rows if count > fit]
    if problems:
        raise InputError(problems)


def wrap_list(text: str, role: Role, width: float, measure: Measure) -> tuple[str, ...]:
    """A list of names (“甲，乙，丙。”) broken between names where they fit, inside a
    name only when it is longer than a line."""
    names = re.findall(r"[^，、；]+[，、；。]?", text)
    lines: list[str] = []
    for name in names:
        if lines and measure(lines[-1] + name, role) <= width:
            lines[-1] += name
        elif measure(name, role) <= width:
            lines.append(name)
        else:
            lines += wrap_text(name, role, width, measure)
    return tuple(lines) or ("",)


def wrap_text(text: str, role: Role, width: float, measure: Measure,
              source: Location | None = None) -> tuple[str, ...]:
    """Text broken into lines of ``width`` pt by the composer's rules, not justified;
    ``source`` is where it is written, for a message when it cannot be."""
    pieces = split_pieces([(text, role, [source] * len(text))], measure)
    lines = compose(pieces, width, 0.0, 0.0, justify=False)
    return tuple(line.text for line in lines) or ("",)
