"""Rules of the document's parts: page numbers, title, 版记."""

from __future__ import annotations

from ..layout import PT_PER_MM
from .context import MAX_DETAILS, MM, Context, RuleResult, as_mm, centred
from .reading import Rule


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
            problems.append(f"page {page.number}: {as_mm(abs(offset))} off its place on the "
                            f"{side}")
        dashes = [char for char in line.chars if char.text == "—" and char.ink_middle]
        if dashes:
            dash_line = dashes[0].baseline - dashes[0].ink_middle
            offsets.append(dash_line - block.bottom)
            if abs(dash_line - dash_at) > MM:
                problems.append(f"page {page.number}: dash line {as_mm(dash_line - block.bottom)}"
                                " under the text block")
        else:
            problems.append(f"page {page.number}: no em dash to measure")
    measured = f"{len(numbered)} of {len(pages)} pages"
    if unnumbered:
        measured += f" ({len(unnumbered)} rightly without)"
    if offsets:
        measured += f"; dash line {as_mm(min(offsets))}–{as_mm(max(offsets))} under the text block"
    return RuleResult(
        "page numbers", measured,
        f"“— N —” {size:g} pt, odd right/even left {layout.page_number_inset_chars} char in, "
        f"dash {layout.dash_below_text_mm:g} mm under", not problems,
        tuple(problems[:MAX_DETAILS]))


def title_size(context: Context) -> RuleResult:
    """The first centred line of page 1 that is not the red mark of a 版头."""
    candidates = [line for line in context.flow.lines if line.page == 1
                  and line.role != "page_number" and not any(char.red for char in line.chars)
                  and centred(line, context.block) and line.size > context.layout.body.size_pt]
    if not candidates:
        return RuleResult("title size", "no title on page 1", "", False)
    top = candidates[0]
    expected = context.layout.text["title"].size_pt
    is_centred = centred(top, context.block)
    return RuleResult("title size", f"{top.size:g} pt{', centred' if is_centred else ''}",
                      f"{expected:g} pt, centred",
                      abs(top.size - expected) <= 0.1 and is_centred)


def _blank_pages(context: Context) -> set[int]:
    return {page.number for page in context.document.pages
            if not page.chars and not page.rules}


def _colophon_rules(context: Context) -> list[Rule]:
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
        problems.append(f"last rule {as_mm(abs(offset))} {'below' if offset > 0 else 'above'} "
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
        + f" mm, last {as_mm(abs(offset))} from the bottom edge",
        "even page, on the bottom edge ±0.5 mm, outer/inner "
        f"{layout.colophon_outer_rule_mm}/{layout.colophon_inner_rule_mm} mm",
        not problems, tuple(problems))
