"""Rules of the page: size, text block, type size, the grid and full pages."""

from __future__ import annotations

import math
from collections import Counter

from ..layout import PT_PER_MM
from ..roles import Role
from .context import GRID, MAX_DETAILS, MM, Context, RuleResult, as_mm, where
from .lines import ATTENDANCE, SIGNATURE, TextLine


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
    """The text block's edges: body lines start at its left edge (or two characters
    in, when every paragraph is a line long) and full lines end at its right edge;
    text starts at its top (the first grid row)."""
    block, layout = context.block, context.layout
    body = context.lines(Role.BODY)
    internal = context.internal_lines
    if not body:
        return RuleResult("margins (text block)", "no body text", "", False)
    left = min(line.x0 for line in body)
    right = max(line.right_edge(block) for line in internal) if internal else None
    top = min(context.box_top(line) for line in context.grid_lines)
    details = []
    if abs(left - block.left) > MM and abs(left - block.left - layout.indent_pt) > MM:
        details.append(f"left edge of the text at {as_mm(left)}")
    if right is not None and abs(right - block.right) > MM:
        details.append(f"right edge of full lines at {as_mm(right)}")
    if top < block.top - MM:
        details.append(f"text starts {as_mm(top)} from the top")
    page_width = layout.page_width_mm * PT_PER_MM
    right_margin = as_mm(page_width - right) if right is not None else "–"
    return RuleResult("margins (text block)",
                      f"left {as_mm(left)}, right {right_margin}, top {as_mm(top)}",
                      f"left {layout.left_mm:g}, right {layout.right_mm:g}, top "
                      f"{layout.top_mm:g} mm ±0.5", not details, tuple(details))


def body_size(context: Context) -> RuleResult:
    sizes = Counter()
    for line in context.lines(Role.BODY):
        sizes[round(line.size, 1)] += len(line.chars)
    if not sizes:
        return RuleResult("body type size", "no body text", "", False)
    size, _ = sizes.most_common(1)[0]
    expected = context.layout.body.size_pt
    return RuleResult("body type size", f"{size:g} pt", f"{expected:g} pt",
                      abs(size - expected) <= 0.1)


def grid(context: Context) -> RuleResult:
    """Every line of the title, the heads and the body on a row of the grid: its
    baseline where a line of body text in that row has it, whatever stands above
    it on the page (a figure, the 版头)."""
    rows = context.layout.lines_per_page
    wrong = []
    offsets = []
    for line in context.grid_lines:
        row = context.row(line)
        offset = (row - round(row)) * context.pitch
        offsets.append(offset)
        if abs(offset) > GRID or not 0 <= round(row) < rows:
            wrong.append(f"{where(line)}: {offset:+.2f} pt off row {round(row) + 1}"
                         if 0 <= round(row) < rows else f"{where(line)}: row {round(row) + 1}, "
                         f"outside the {rows} rows of the text block")
    measured = (f"{len(offsets)} lines, {min(offsets):+.2f} to {max(offsets):+.2f} pt"
                if offsets else "no lines")
    return RuleResult("every line on the grid", measured,
                      f"{context.pitch:g} pt rows, ±{GRID} pt, {rows} rows", bool(offsets)
                      and not wrong, tuple(wrong[:MAX_DETAILS]))


def line_pitch(context: Context) -> RuleResult:
    pitches = []
    wrong = []
    lines = context.lines(Role.BODY)
    for line, following in zip(lines, lines[1:], strict=False):
        if line.page != following.page:
            continue
        distance = following.baseline - line.baseline
        if round(distance / context.pitch) == 1:
            pitches.append(distance)
            if abs(distance - context.pitch) > 0.1:
                wrong.append(f"{where(following)}: {distance:.2f} pt after the line before")
    measured = (f"{min(pitches):.2f}–{max(pitches):.2f} pt" if pitches
                else "no two body lines in a row")
    return RuleResult("line pitch", measured, f"{context.pitch:g} pt ±0.1",
                      not wrong, tuple(wrong[:MAX_DETAILS]))


def lines_per_page(context: Context) -> RuleResult:
    """Every row of a page used while the body goes on on the next page.

    A page may end early only where what opens the next page could not have
    stood at its foot: a head with the lines it keeps, a figure taller than the
    rows left, a table's header with its first row, or the last lines of the
    body kept with what closes it: the 署名 and 日期, or the 附件说明 when it
    stands last (neither is ever alone on a page).
    """
    layout = context.layout
    rows, keep_head = layout.lines_per_page, layout.keep_lines_after_head
    keep_signature = layout.keep_lines_with_signature
    pages = _page_contents(context)
    counts: dict[int, int] = {}
    wrong, overfull, kept = [], [], 0
    for number, (used, _) in sorted(pages.items()):
        if used > rows:
            overfull.append(f"page {number}: something below the text block's last row")
        following = pages.get(number + 1)
        if following is None or following[1] is None:
            continue
        kind, need = following[1]
        counts[number] = used
        if used >= rows:
            continue
        free = rows - used
        if (kind == "head" and free < need + keep_head) \
                or (kind in ("figure", "table") and free < need) \
                or (kind == "closing" and need <= keep_signature):
            kept += 1
            continue
        wrong.append(f"page {number}: {used} of {rows} rows, then "
                     f"{'a new paragraph' if kind != 'continued' else 'more of its paragraph'}"
                     f"{' (a head of ' + str(need) + ' rows)' if kind == 'head' else ''}"
                     f"{' (a figure of ' + str(need) + ' rows)' if kind == 'figure' else ''}"
                     " on the next page")
    tally = Counter(counts.values())
    measured = (f"{len(counts)} pages going on: " + ", ".join(
        f"{number}×{used} rows" for used, number in sorted(tally.items(), reverse=True))
        if counts else "no page the body goes on from")
    if kept:
        measured += f"; {kept} ending early before what could not stand there"
    return RuleResult("rows used on every page the body goes on from", measured, str(rows),
                      not wrong and not overfull, tuple((wrong + overfull)[:MAX_DETAILS]))


def _page_contents(context: Context) -> dict[int, tuple[int, tuple[str, int] | None]]:
    """Per page of the body: the rows in use, and what opens it — ("continued", 0)
    for a paragraph going on, ("paragraph", 0), ("head", rows of heads),
    ("figure", rows of the figure), ("closing", body lines above the signature) —
    or None when the page does not continue the body (the attachment, the 版记)."""
    pitch, top = context.pitch, context.block.top
    figure_chars: dict[int, list] = {}
    for line in context.lines(Role.CHART, Role.CAPTION):
        figure_chars.setdefault(line.page, []).append(line)
    table_lines: dict[int, list] = {}
    for line in context.lines(Role.TABLE):
        if line.part is None:  # a table of the body, not the attachment's
            table_lines.setdefault(line.page, []).append(line)
    grid_by_page: dict[int, list[TextLine]] = {}
    for line in context.grid_lines:
        grid_by_page.setdefault(line.page, []).append(line)
    # the 署名, or the lists of who attended at the end of minutes: what the body's
    # last lines keep company
    closing_pages = {line.page for line in context.part(SIGNATURE) + context.part(ATTENDANCE)}
    notes = [line.page for line in context.lines(Role.BODY)
             if line.part is None and line.text.startswith("附件：")]
    if notes and not closing_pages:  # the 附件说明 closes the body
        closing_pages = {notes[-1]}
    contents: dict[int, tuple[int, tuple[str, int] | None]] = {}
    for page in context.document.pages:
        lines = grid_by_page.get(page.number, [])
        figures = figure_chars.get(page.number, [])
        tables = table_lines.get(page.number, [])
        if not lines and not figures and not tables:
            continue
        used = max([round(context.row(line)) + 1 for line in lines]
                   + [math.ceil((max(char.baseline + char.descent for char in other.chars)
                                 - top) / pitch - 0.01) for other in figures + tables])
        contents[page.number] = (used, _opening(context, lines, figures, tables,
                                                page.number in closing_pages))
    return contents


def _opening(context: Context, lines: list[TextLine], figures: list[TextLine],
             tables: list[TextLine], closing: bool) -> tuple[str, int] | None:
    first = lines[0] if lines else None
    table_top = min((line.baseline for line in tables), default=None)
    figure_top = min((line.baseline for line in figures), default=None)
    if table_top is not None and (first is None or table_top < first.baseline) and (
            figure_top is None or table_top < figure_top):
        # a table going on (or starting): its header and first row are what had to fit
        rows = sorted({round(line.baseline, 1) for line in tables})[:2]
        bottom = max(char.baseline + char.descent for line in tables
                     if round(line.baseline, 1) in rows for char in line.chars)
        return ("table", math.ceil((bottom - context.block.top) / context.pitch - 0.01))
    if figure_top is not None and (first is None or figure_top < first.baseline):
        following = next((line for line in lines if line.baseline > figure_top), None)
        return ("figure", round(context.row(following)) if following else
                context.layout.lines_per_page)
    if first is None or first.role == Role.TITLE:
        return None  # a new part of the document: the title, or nothing of the body
    if closing:  # the 附件说明 (GB/T 9704 7.3.4) is not body text
        kept = len(context.body_above_note(first.page, math.inf))
        # Body lines the closing parts took with them; more, and something else
        # opened the page (a head that did not fit, in minutes' longer last page).
        if kept <= context.layout.keep_lines_with_signature:
            return ("closing", kept)
    if first.role != Role.BODY:
        heads = 0
        for line in lines:
            if line.role == Role.BODY:
                break
            heads += 1
        return ("head", heads)
    if abs(first.x0 - context.block.left) <= 0.5:
        return ("continued", 0)
    return ("paragraph", 0)
