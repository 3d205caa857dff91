"""The rules a report's PDF must meet, each measured from the PDF alone."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ..compose import NO_LINE_END, NO_LINE_START
from ..layout import PT_PER_MM, Layout
from .lines import Flow, TextBlock, TextLine
from .reading import Document

MM = 0.5 * PT_PER_MM  # geometry tolerance: ±0.5 mm
FLUSH = 0.5  # pt: a line is flush with the right edge within this
MAX_DETAILS = 5
QUOTES = set("“”‘’")


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
            if line.role != "body" or following.role != "body" or _centred(line, self.block):
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


def _centred(line: TextLine, block: TextBlock) -> bool:
    left = line.x0 - block.left
    right = block.right - line.chars[-1].x1
    return left > FLUSH and abs(left - right) <= MM


def _mm(points: float) -> str:
    return f"{points / PT_PER_MM:.2f} mm"


def _where(line: TextLine) -> str:
    text = line.text.strip()
    return f"page {line.page}: “{text[:14]}{'…' if len(text) > 14 else ''}”"


def page_size(context: Context) -> RuleResult:
    layout = context.layout
    expected = (layout.page_width_mm * PT_PER_MM, layout.page_height_mm * PT_PER_MM)
    wrong = [page for page in context.document.pages
             if abs(page.width - expected[0]) > MM or abs(page.height - expected[1]) > MM]
    sizes = Counter(f"{page.width / PT_PER_MM:.1f} × {page.height / PT_PER_MM:.1f} mm"
                    for page in context.document.pages)
    return RuleResult(
        "page size", "; ".join(f"{size} ({count} pages)" for size, count in sizes.items()),
        f"{layout.page_width_mm:g} × {layout.page_height_mm:g} mm ±0.5", not wrong,
        tuple(f"page {page.number}: {_mm(page.width)} × {_mm(page.height)}" for page in wrong))


def margins(context: Context) -> RuleResult:
    block = context.block
    body = context.lines("body")
    internal = context.internal_lines()
    if not body:
        return RuleResult("margins", "no body text", "", False)
    left = min(line.x0 for line in body)
    right = max(line.right_edge(block) for line in internal) if internal else None
    tops = {}  # the first line of each page that opens with text, not a figure
    for index, line in enumerate(context.flow.lines):
        opens_page = index == 0 or context.flow.lines[index - 1].page != line.page
        if opens_page and line.role in ("body", "title"):
            tops[line.page] = line.box_top(context.pitch)
    details = []
    if abs(left - block.left) > MM:
        details.append(f"left edge of the text at {_mm(left)}")
    if right is not None and abs(right - block.right) > MM:
        details.append(f"right edge of full lines at {_mm(right)}")
    wrong_tops = [(page, top) for page, top in tops.items() if abs(top - block.top) > MM]
    details += [f"page {page}: text starts {_mm(top)} from the top" for page, top in wrong_tops]
    layout = context.layout
    page_width = layout.page_width_mm * PT_PER_MM
    right_margin = _mm(page_width - right) if right is not None else "–"
    measured = (f"left {_mm(left)}, right {right_margin}, "
                f"top {_mm(min(tops.values()))}–{_mm(max(tops.values()))}")
    return RuleResult("margins (text block)", measured,
                      f"left {layout.left_mm:g}, right {layout.right_mm:g}, top "
                      f"{layout.top_mm:g} mm ±0.5", not details, tuple(details))


def body_size(context: Context) -> RuleResult:
    sizes = Counter()
    for line in context.flow.lines:
        if line.role not in ("page_number",) and context.block.top <= line.baseline:
            sizes[round(line.size, 1)] += len(line.chars)
    size, _ = sizes.most_common(1)[0]
    expected = context.layout.body.size_pt
    return RuleResult("body type size", f"{size:g} pt", f"{expected:g} pt",
                      abs(size - expected) <= 0.1)


def line_pitch(context: Context) -> RuleResult:
    pitches = []
    wrong = []
    lines = [line for line in context.flow.lines if line.role in ("body", "title")]
    for line, following in zip(lines, lines[1:], strict=False):
        if line.page != following.page:
            continue
        distance = following.baseline - line.baseline
        rows = round(distance / context.pitch)
        if rows == 1 and line.role == following.role == "body":
            pitches.append(distance)
            if abs(distance - context.pitch) > 0.1:
                wrong.append(f"{_where(following)}: {distance:.2f} pt after the line before")
    measured = (f"{min(pitches):.2f}–{max(pitches):.2f} pt" if pitches else "no lines")
    return RuleResult("line pitch", measured, f"{context.pitch:g} pt ±0.1",
                      bool(pitches) and not wrong, tuple(wrong[:MAX_DETAILS]))


def lines_per_page(context: Context) -> RuleResult:
    """Lines on each full page, blank grid lines between them included.

    A page is full when it holds only running text and the running text goes on
    at the top of the next page: not before a figure, a table or a page that
    opens a new document part with a title (an attachment).
    """
    expected, pitch = context.layout.lines_per_page, context.pitch
    text_lines: dict[int, list[TextLine]] = {}
    first: dict[int, TextLine] = {}
    for line in context.flow.lines:
        if line.role != "page_number":
            first.setdefault(line.page, line)
        if line.role in ("body", "title"):
            text_lines.setdefault(line.page, []).append(line)
    pages_with_other = {line.page for line in context.flow.lines
                        if line.role in ("table", "caption", "other")}
    titled = {line.page for line in context.lines("title")}
    counts = {}
    for page, lines in sorted(text_lines.items()):
        following = first.get(page + 1)
        if (page in pages_with_other or following is None or following.role != "body"
                or context.row(following) != 0 or page + 1 in titled):
            continue
        blank = sum(max(0, round((later.baseline - earlier.baseline) / pitch) - 1)
                    for earlier, later in zip(lines, lines[1:], strict=False))
        counts[page] = len(lines) + blank
    wrong = [f"page {page}: {count} lines" for page, count in counts.items()
             if count != expected]
    overfull = [f"page {page}: a line below the text block"
                for page, lines in text_lines.items()
                if lines[-1].box_top(pitch) + pitch > context.block.bottom + MM]
    measured = (", ".join(f"p{page}: {count}" for page, count in counts.items())
                or "no full page")
    return RuleResult("lines on every full page", measured, str(expected),
                      not wrong and not overfull, tuple((wrong + overfull)[:MAX_DETAILS]))


def characters_per_line(context: Context) -> RuleResult:
    """Pure-Chinese full lines hold the grid's characters, unless a prohibition
    moved the break by one (the check says which)."""
    block, layout = context.block, context.layout
    pitch = layout.char_pitch_pt
    counts: Counter[int] = Counter()
    adjusted = 0
    wrong = []
    for line in context.internal_lines():
        chars = line.set_chars(block)
        if any(char.text.isascii() for char in chars):
            continue
        expected = layout.chars_per_line - round((line.x0 - block.left) / pitch)
        counts[len(chars)] += 1
        if len(chars) == expected:
            continue
        following = context.next_line(line)
        if len(chars) < expected and following and _pushed_out(following.text):
            adjusted += 1
            continue
        wrong.append(f"{_where(line)}: {len(chars)} characters where {expected} fit")
    total = sum(counts.values())
    measured = (f"{total} lines: " + ", ".join(f"{count}×{number}" for number, count
                                               in sorted(counts.items(), reverse=True))
                if total else "no pure-Chinese full line")
    if adjusted:
        measured += f"; {adjusted} short by a kept-together mark or run"
    return RuleResult("characters per pure-Chinese full line", measured,
                      f"{layout.chars_per_line} (indented lines {layout.chars_per_line} − "
                      f"{layout.indent_chars})", not wrong, tuple(wrong[:MAX_DETAILS]))


def _pushed_out(next_text: str) -> bool:
    """Why a full line may hold fewer characters than the grid: the next line
    starts with an opening mark, or with the character before a closing mark
    that may not start a line, or with a run of digits or Latin letters (or a
    —— or ……) that did not fit and may not be split."""
    return bool(next_text) and (
        next_text[0] in NO_LINE_END or next_text[0].isascii()
        or next_text.startswith(("——", "……"))
        or (len(next_text) > 1 and next_text[1] in NO_LINE_START))


def flush_right(context: Context) -> RuleResult:
    internal = context.internal_lines()
    ragged = [line for line in internal
              if abs(line.right_edge(context.block) - context.block.right) > FLUSH]
    share = 100 * (len(internal) - len(ragged)) / len(internal) if internal else 0
    measured = f"{share:.1f}% of {len(internal)}" if internal else "no full line"
    return RuleResult(
        "paragraph-internal lines flush right", measured,
        f"100% within {FLUSH} pt", not ragged,
        tuple(f"{_where(line)}: ends {context.block.right - line.right_edge(context.block):.2f}"
              f" pt short" for line in ragged[:MAX_DETAILS]))


def prohibited_breaks(context: Context) -> RuleResult:
    problems = []
    lines = context.lines("body")
    for line, following in zip(lines, lines[1:] + [None], strict=True):
        text = line.text
        if text[0] in NO_LINE_START:
            problems.append(f"{_where(line)}: starts with {text[0]}")
        if text[-1] in NO_LINE_END:
            problems.append(f"{_where(line)}: ends with {text[-1]}")
        for mark in "—…":
            trailing = len(text) - len(text.rstrip(mark))
            if trailing % 2 and following and following.text.startswith(mark):
                problems.append(f"{_where(line)}: {mark * 2} split across lines")
    return RuleResult("prohibited line starts and ends", f"{len(problems)} found", "0",
                      not problems, tuple(problems[:MAX_DETAILS]))


def lone_last_characters(context: Context) -> RuleResult:
    """Paragraphs of two lines or more do not end with a line of one character."""
    internal = {id(line) for line in context.internal_lines()}
    lines = [line for line in context.flow.lines if line.role != "page_number"]
    lone = [line for previous, line in zip(lines, lines[1:], strict=False)
            if id(previous) in internal and id(line) not in internal
            and len(line.text.strip()) == 1]
    return RuleResult("paragraphs ending with a lone character", f"{len(lone)} found", "0",
                      not lone, tuple(_where(line) for line in lone[:MAX_DETAILS]))


def quote_widths(context: Context) -> RuleResult:
    quotes = [(line, char) for line in context.flow.lines for char in line.chars
              if char.text in QUOTES]
    narrow = [(line, char) for line, char in quotes
              if abs((char.x1 - char.x0) - char.size) > 0.1]
    widths = Counter(round((char.x1 - char.x0) / char.size, 2) for _, char in quotes)
    measured = ", ".join(f"{count}× {width:g} em" for width, count in widths.items()) or "none"
    return RuleResult("quotes “ ” ‘ ’ full width", measured, "1 em", not narrow,
                      tuple(f"{_where(line)}: {char.text} is "
                            f"{(char.x1 - char.x0) / char.size:.2f} em"
                            for line, char in narrow[:MAX_DETAILS]))


def page_numbers(context: Context) -> RuleResult:
    layout, block = context.layout, context.block
    size = layout.text["page_number"].size_pt
    inset = layout.page_number_inset_chars * size
    dash_at = block.bottom + layout.dash_below_text_mm * PT_PER_MM
    numbered = {line.page: line for line in context.lines("page_number")}
    problems = []
    offsets = []
    pages = context.document.pages
    unnumbered = _blank_pages(context)
    if unnumbered and pages[-1].number - 1 in unnumbered and _colophon_rules(context):
        unnumbered.add(pages[-1].number)  # a 版记 page after a blank page: no number either
    for page in pages:
        line = numbered.get(page.number)
        if page.number in unnumbered:
            if line is not None:
                problems.append(f"page {page.number}: numbered, but it is blank or the 版记 "
                                "page after a blank page")
            continue
        expected_text = f"— {page.number} —"
        if line is None:
            problems.append(f"page {page.number}: no page number")
            continue
        if line.text != expected_text:
            problems.append(f"page {page.number}: “{line.text}”, not “{expected_text}”")
        if abs(line.size - size) > 0.1:
            problems.append(f"page {page.number}: page number in {line.size:g} pt")
        digits = [char for char in line.chars if char.text.isdigit()]
        if any(abs((char.x1 - char.x0) - char.size / 2) > 0.1 for char in digits):
            problems.append(f"page {page.number}: digits not half width")
        if page.number % 2:
            offset = block.right - inset - line.chars[-1].x1
            side = "right"
        else:
            offset = line.x0 - (block.left + inset)
            side = "left"
        if abs(offset) > MM:
            problems.append(f"page {page.number}: {_mm(abs(offset))} off its place on the "
                            f"{side}")
        dashes = [char for char in line.chars if char.text == "—" and char.ink_middle]
        if dashes:
            dash_line = dashes[0].baseline - dashes[0].ink_middle
            offsets.append(dash_line - block.bottom)
            if abs(dash_line - dash_at) > MM:
                problems.append(f"page {page.number}: dash line {_mm(dash_line - block.bottom)}"
                                " under the text block")
        else:
            problems.append(f"page {page.number}: no em dash to measure")
    measured = f"{len(numbered)} of {len(pages)} pages"
    if unnumbered:
        measured += f" ({len(unnumbered)} rightly without)"
    if offsets:
        measured += f"; dash line {_mm(min(offsets))}–{_mm(max(offsets))} under the text block"
    return RuleResult(
        "page numbers", measured,
        f"“— N —” {size:g} pt, odd right/even left {layout.page_number_inset_chars} char in, "
        f"dash {layout.dash_below_text_mm:g} mm under", not problems,
        tuple(problems[:MAX_DETAILS]))


def title_size(context: Context) -> RuleResult:
    """The first centred line of page 1 that is not the red mark of a 版头."""
    candidates = [line for line in context.flow.lines if line.page == 1
                  and line.role != "page_number" and not any(char.red for char in line.chars)
                  and _centred(line, context.block) and line.size > context.layout.body.size_pt]
    if not candidates:
        return RuleResult("title size", "no title on page 1", "", False)
    top = candidates[0]
    expected = context.layout.text["title"].size_pt
    centred = _centred(top, context.block)
    return RuleResult("title size", f"{top.size:g} pt{', centred' if centred else ''}",
                      f"{expected:g} pt, centred", abs(top.size - expected) <= 0.1 and centred)


def _blank_pages(context: Context) -> set[int]:
    return {page.number for page in context.document.pages
            if not page.chars and not page.rules}


def _colophon_rules(context: Context) -> list:
    """The black rules across the text block on the last page: a 版记."""
    last = context.document.pages[-1]
    width = context.block.right - context.block.left
    return sorted((rule for rule in last.rules if not rule.red
                   and abs((rule.x1 - rule.x0) - width) <= MM), key=lambda rule: rule.top)


def colophon(context: Context) -> RuleResult:
    """版记, when there is one: on an even page, its last rule on the bottom edge of
    the text block, the outer rules thicker than those between."""
    rules = _colophon_rules(context)
    if len(rules) < 2:
        return RuleResult("版记 at the foot of an even page", "no 版记", "when present", True)
    layout, last_page = context.layout, context.document.pages[-1].number
    problems = []
    if last_page % 2:
        problems.append(f"on page {last_page}, an odd page")
    offset = rules[-1].bottom - context.block.bottom
    if abs(offset) > MM:
        problems.append(f"last rule {_mm(abs(offset))} {'below' if offset > 0 else 'above'} "
                        "the text block's bottom edge")
    expected = ([layout.colophon_outer_rule_mm]
                + [layout.colophon_inner_rule_mm] * (len(rules) - 2)
                + [layout.colophon_outer_rule_mm])
    thickness = [(rule.bottom - rule.top) / PT_PER_MM for rule in rules]
    if any(abs(got - want) > 0.05 for got, want in zip(thickness, expected, strict=True)):
        problems.append("rules " + ", ".join(f"{got:.2f}" for got in thickness) + " mm")
    return RuleResult(
        "版记 at the foot of an even page",
        f"page {last_page}, {len(rules)} rules of " + "/".join(f"{got:.2f}" for got in thickness)
        + f" mm, last {_mm(abs(offset))} from the bottom edge",
        "even page, on the bottom edge ±0.5 mm, outer/inner "
        f"{layout.colophon_outer_rule_mm}/{layout.colophon_inner_rule_mm} mm",
        not problems, tuple(problems))


def fonts_embedded(context: Context) -> RuleResult:
    fonts = context.document.fonts
    problems = [f"{font.name} not embedded" for font in fonts if not font.embedded]
    expected = "all"
    if context.allowed_fonts is not None:
        expected = "all, all from fonts/fonts.yaml"
        problems += [f"{font.name} is not a font of fonts/fonts.yaml" for font in fonts
                     if not any(font.name == name or font.name.startswith(name + "-")
                                for name in context.allowed_fonts)]
    embedded = sum(font.embedded for font in fonts)
    return RuleResult("every font embedded", f"{embedded} of {len(fonts)}", expected,
                      not problems, tuple(problems[:MAX_DETAILS]))


def missing_glyphs(context: Context) -> RuleResult:
    boxes = [f"page {page.number}: .notdef drawn in {char.font}"
             for page in context.document.pages for char in page.chars
             if char.cid == 0 or char.text == "\ufffd"]
    boxes += [f"{font.name}: {font.notdef_codes} character(s) mapped to .notdef"
              for font in context.document.fonts if font.notdef_codes]
    return RuleResult("no missing-glyph boxes", f"{len(boxes)} found", "0", not boxes,
                      tuple(boxes[:MAX_DETAILS]))


RULES: tuple[Callable[[Context], RuleResult], ...] = (
    page_size, margins, body_size, line_pitch, lines_per_page, characters_per_line,
    flush_right, prohibited_breaks, lone_last_characters, quote_widths, page_numbers, title_size, colophon,
    fonts_embedded, missing_glyphs)
