"""Rules of the page: size, text block, type size, grid lines."""

from __future__ import annotations

from collections import Counter

from ..layout import PT_PER_MM
from .context import MAX_DETAILS, MM, Context, RuleResult, as_mm, where
from .lines import TextLine


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
        tuple(f"page {page.number}: {as_mm(page.width)} × {as_mm(page.height)}" for page in wrong))


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
        details.append(f"left edge of the text at {as_mm(left)}")
    if right is not None and abs(right - block.right) > MM:
        details.append(f"right edge of full lines at {as_mm(right)}")
    wrong_tops = [(page, top) for page, top in tops.items() if abs(top - block.top) > MM]
    details += [f"page {page}: text starts {as_mm(top)} from the top" for page, top in wrong_tops]
    layout = context.layout
    page_width = layout.page_width_mm * PT_PER_MM
    right_margin = as_mm(page_width - right) if right is not None else "–"
    measured = (f"left {as_mm(left)}, right {right_margin}, "
                f"top {as_mm(min(tops.values()))}–{as_mm(max(tops.values()))}")
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
                wrong.append(f"{where(following)}: {distance:.2f} pt after the line before")
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
    body_font = _body_font(context)
    kept = {page for page, count in counts.items()
            if count == expected - 1 and _is_head(first[page + 1], body_font)}
    wrong = [f"page {page}: {count} lines" for page, count in counts.items()
             if count != expected and page not in kept]
    overfull = [f"page {page}: a line below the text block"
                for page, lines in text_lines.items()
                if lines[-1].box_top(pitch) + pitch > context.block.bottom + MM]
    tally = Counter(counts.values())
    measured = (f"{len(counts)} full pages: " + ", ".join(
        f"{number}×{lines} lines" for lines, number in sorted(tally.items(), reverse=True))
        if counts else "no full page")
    if kept:
        measured += f"; {len(kept)} one short before a head kept with its text"
    return RuleResult("lines on every full page", measured, str(expected),
                      not wrong and not overfull, tuple((wrong + overfull)[:MAX_DETAILS]))


def _body_font(context: Context) -> str:
    """The face of most Chinese body text."""
    fonts = Counter(char.font for line in context.lines("body") for char in line.chars
                    if not char.text.isascii())
    return fonts.most_common(1)[0][0] if fonts else ""


def _is_head(line: TextLine, body_font: str) -> bool:
    """A line set in another face than the body (a head standing on its own line),
    which keeps with the text after it and so may leave the page before it one
    line short."""
    chinese = [char.font for char in line.chars if not char.text.isascii()]
    return bool(chinese) and all(font != body_font for font in chinese)
