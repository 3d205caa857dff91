"""An image of the seal, or of the 签名章, printed in the PDF (GB/T 9704 7.3.5.1,
7.3.5.3), measured by what its drawing covers: the paths and images of a figure
in the signature's part of the structure tree."""

from __future__ import annotations

from .context import MAX_DETAILS, MM, Context, RuleResult, as_mm, where
from .lines import SIGNATURE
from .names import signature_names
from .pdf_page import Box, Page, Paint
from .standard import (
    DATE,
    RED_INK,
    SEAL_CENTRE_ABOVE_TEXT_MAX_LINES,
    SEAL_CENTRED_WITHIN_MM,
    SEAL_SIZE_WITHIN_MM,
    SEAL_TOP_WITHIN_LINES,
    STAMP_BLANK_LINES_ABOVE,
    STAMP_BLANK_LINES_BELOW,
    STAMP_INSET_CHARS,
    STAMP_TITLE_GAP_CHARS,
)

PT_PER_MM = 72 / 25.4  # a point is 1/72 inch
LINE = 0.05  # of a line: how far a measure in lines may miss
NO_INK = (0.0, 0.0, 0.0, 0.0)
RULE = "seal image"


def seal_drawings(page: Page) -> list[int]:
    """The MCIDs of the figures standing in the signature's part (a Div of the
    report's Part; a chart's figure stands in a group of its own) that draw
    something."""
    return [mcid for mcid, path in enumerate(page.structure)
            if path and path[1:] == ("Part", "Div", "Figure") and mcid in page.drawn]


def seal_image(context: Context) -> RuleResult:
    """Printed in red, upright, inside the text block. A seal (7.3.5.1): of the
    seal's diameter, centred on the authority, pressing on the authority and the
    date, which stand a little below its centre, its top within one line of the
    text above. A 签名章 (7.3.5.3): four characters in from the right, centred on
    the signer's title, which ends two characters left of it or more, two blank
    lines above it and one under it."""
    found = [(page, mcid) for page in context.document.pages for mcid in seal_drawings(page)]
    if not found:
        return RuleResult(RULE, "none", "when present", True)
    names = signature_names(context)
    if names is not None and names.joint:
        return RuleResult(RULE, "a joint document's seals", "measured by the 联合行文 rule",
                          True)
    lines = context.part(SIGNATURE)
    dated = [index for index, line in enumerate(lines) if DATE.fullmatch(line.text.strip())]
    page, mcid = found[0]
    if len(found) > 1 or not dated or dated[0] == 0:
        return RuleResult(RULE, f"{len(found)} figure(s) in the signature", "one, over a "
                          "signature", False, ("a seal image needs one 署名 and 成文日期 "
                                               "under it, and one image",))
    title, date = lines[dated[0] - 1], lines[dated[0]]
    box = page.drawn[mcid]
    x0, top, x1, bottom = box
    problems = drawn_as_a_seal(context, page, mcid, box, title.page)
    stamp = date.baseline - title.baseline > 1.5 * context.pitch
    above = [line for line in context.grid_lines if line.page == title.page
             and line.baseline < title.baseline]
    under_text = (top - context.box_top(above[-1]) - context.pitch) / context.pitch \
        if above else None
    if stamp:
        problems += _as_a_stamp(context, box, title, date, under_text)
        measured = (f"签名章 {as_mm(x1 - x0)} × {as_mm(bottom - top)}, "
                    f"{as_mm(context.block.right - x1)} from the right")
    else:
        problems += _as_a_seal(context, box, title, date, under_text)
        measured = (f"{as_mm(max(x1 - x0, bottom - top))} across, "
                    f"{as_mm(abs((x0 + x1 - title.x0 - title.x1) / 2))} off the authority's "
                    "middle" + (f", top {under_text:.2f} lines under the text"
                                if under_text is not None else ""))
    return RuleResult(RULE, measured, "red, upright, in the text block; a seal centred on "
                      "the authority, pressing on it and the date, its top within a line of "
                      "the text; a 签名章 in its place", not problems,
                      tuple(problems[:MAX_DETAILS]))


def drawn_as_a_seal(context: Context, page: Page, mcid: int, box: Box,
                     signature_page: int) -> list[str]:
    """Red, upright, inside the text block, on the signature's page."""
    block = context.block
    x0, top, x1, bottom = box
    problems = []
    if page.number != signature_page:
        problems.append(f"page {page.number}: the seal image is not on the signature's page "
                        f"({signature_page})")
    other = sorted({_describe(paint) for paint in page.inks.get(mcid, ())
                    if not _is_ink(paint)})
    if other:
        problems.append(f"page {page.number}: the seal image is painted in "
                        f"{', '.join(other)}, not the red ink alone")
    if mcid in page.skewed:
        problems.append(f"page {page.number}: the seal image is rotated or skewed, not upright")
    if x0 < block.left - MM or x1 > block.right + MM or top < block.top - MM \
            or bottom > block.bottom + MM:
        problems.append(f"page {page.number}: the seal image reaches past the text block")
    return problems


def _as_a_seal(context: Context, box: Box, authority, date,
               under_text: float | None) -> list[str]:
    x0, top, x1, bottom = box
    pitch = context.pitch
    problems = []
    diameter = context.layout.seal_diameter_mm * PT_PER_MM
    if abs(max(x1 - x0, bottom - top) - diameter) > SEAL_SIZE_WITHIN_MM * PT_PER_MM:
        problems.append(f"{where(authority)}: the seal is {as_mm(max(x1 - x0, bottom - top))} "
                        f"across, not the seal's {as_mm(diameter)}")
    off = (x0 + x1 - authority.x0 - authority.x1) / 2
    if abs(off) > SEAL_CENTRED_WITHIN_MM * PT_PER_MM:
        problems.append(f"{where(authority)}: the seal's middle is {as_mm(abs(off))} "
                        f"{'right' if off > 0 else 'left'} of the authority's, not centred "
                        "on it")
    for line in (authority, date):
        ink_top, ink_bottom = line.baseline - line.chars[0].ascent, \
            line.baseline + line.chars[0].descent
        if x0 >= line.x1 or x1 <= line.x0 or top >= ink_top or bottom <= ink_bottom:
            problems.append(f"{where(line)}: the seal does not press on it")
    below_centre = (context.box_top(date) - (top + bottom) / 2) / pitch
    if not -LINE <= below_centre <= SEAL_CENTRE_ABOVE_TEXT_MAX_LINES + LINE:
        problems.append(f"{where(authority)}: the authority and the date stand "
                        f"{below_centre:.2f} lines below the seal's centre, not a little "
                        f"below it (up to {SEAL_CENTRE_ABOVE_TEXT_MAX_LINES:g})")
    if under_text is not None and not -LINE <= under_text <= SEAL_TOP_WITHIN_LINES + LINE:
        problems.append(f"{where(authority)}: the seal's top is {under_text:.2f} lines under "
                        f"the text above, not within {SEAL_TOP_WITHIN_LINES} line of it")
    return problems


def _as_a_stamp(context: Context, box: Box, title, date,
                under_text: float | None) -> list[str]:
    x0, top, x1, bottom = box
    char, pitch, block = context.layout.body.size_pt, context.pitch, context.block
    problems = []
    if abs(block.right - x1 - STAMP_INSET_CHARS * char) > MM:
        problems.append(f"{where(title)}: the 签名章 ends {as_mm(block.right - x1)} from the "
                        f"right edge, not {STAMP_INSET_CHARS} characters")
    if x0 - title.x1 < STAMP_TITLE_GAP_CHARS * char - MM:
        problems.append(f"{where(title)}: ends {as_mm(x0 - title.x1)} left of the 签名章, "
                        f"less than {STAMP_TITLE_GAP_CHARS} characters")
    off = (top + bottom) / 2 - (context.box_top(title) + pitch / 2)
    if abs(off) > MM:
        problems.append(f"{where(title)}: the 签名章's middle is {as_mm(abs(off))} "
                        f"{'below' if off > 0 else 'above'} the title's line, not centred on it")
    if under_text is not None and under_text < STAMP_BLANK_LINES_ABOVE - LINE:
        problems.append(f"{where(title)}: the 签名章 begins {under_text:.2f} lines under the "
                        f"text above, not {STAMP_BLANK_LINES_ABOVE}")
    over_date = (context.box_top(date) - bottom) / pitch
    if over_date < STAMP_BLANK_LINES_BELOW - LINE:
        problems.append(f"{where(date)}: {over_date:.2f} lines under the 签名章, not "
                        f"{STAMP_BLANK_LINES_BELOW}")
    return problems


def _is_ink(paint: Paint) -> bool:
    """The red ink, or no ink at all (a seal's white parts), in CMYK."""
    return paint.space in ("DeviceCMYK", "ICCBased/4") and len(paint.values) == 4 and any(
        all(abs(value - wanted) <= 0.005 for value, wanted in zip(paint.values, ink,
                                                                   strict=True))
        for ink in (RED_INK, NO_INK))


def _describe(paint: Paint) -> str:
    return f"{paint.space} {' '.join(f'{value:g}' for value in paint.values)}".strip()
