"""Rules of the figures: every text of a chart inside its drawing."""

from __future__ import annotations

from ..roles import Role
from .context import MAX_DETAILS, Context, RuleResult

INSIDE = 0.5  # pt


def chart_texts_inside(context: Context) -> RuleResult:
    """A chart's labels and values lie inside the drawing they belong to — what
    the paths and images of its marked content cover, its background among
    them: a text that crosses its edge is clipped on paper while the PDF's text
    still says it all, so no other check would notice."""
    checked, outside = 0, []
    pages = {page.number: page for page in context.document.pages}
    for line in context.lines(Role.CHART):
        drawn = pages[line.page].drawn
        for char in line.chars:
            checked += 1
            if char.mcid not in drawn:
                outside.append(f"page {line.page}: “{char.text}” of “{line.text[:12]}” in a "
                               "figure that draws nothing")
                continue
            x0, top, x1, bottom = drawn[char.mcid]
            sticks = max(x0 - char.x0, char.x1 - x1, top - (char.baseline - char.ascent),
                         (char.baseline + char.descent) - bottom)
            if sticks > INSIDE:
                outside.append(f"page {line.page}: “{char.text}” of “{line.text[:12]}” "
                               f"{sticks:.2f} pt outside its drawing")
    return RuleResult("chart texts inside their drawings",
                      f"{checked} characters, {len(outside)} outside", "0 outside",
                      not outside, tuple(outside[:MAX_DETAILS]))
