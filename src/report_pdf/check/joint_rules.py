"""A joint document's signature and seals (联合行文, GB/T 9704-2012 7.3.5.1,
7.3.5.2), from the PDF alone."""

from __future__ import annotations

from ..layout import PT_PER_MM
from .context import MAX_DETAILS, MM, Context, RuleResult, as_mm
from .names import Name, SignatureNames, signature_names
from .seal_rules import drawn_as_a_seal, seal_drawings
from .standard import (
    SEAL_CENTRE_ABOVE_TEXT_MAX_LINES,
    SEAL_CENTRED_WITHIN_MM,
    SEAL_SIZE_WITHIN_MM,
    SEAL_TOP_WITHIN_LINES,
    SEALED_DATE_INSET_CHARS,
    SIGNATURE_INSET_CHARS,
)

RULE = "联合行文 署名 and seals"


def joint_signature(context: Context) -> RuleResult:
    """Without seals (7.3.5.2): the lead's name first and the others under it, one
    a line, starting together, the longest (or the longer date) two characters
    in from the right, the date two characters right of their start. With seals
    (7.3.5.1): the names side by side in order, room for a seal centred on each,
    the seals apart and inside the text block, the first row's top within one
    line of the text above, the last name centred on the date four characters
    in; images of the seals, when printed, one on each name, aligned, apart."""
    names = signature_names(context)
    if names is None or not names.joint:
        return RuleResult(RULE, "not a joint document", "when present", True)
    if names.side_by_side:
        problems = _side_by_side(context, names)
        measured = f"{sum(len(row) for row in names.rows)} issuers side by side"
    else:
        problems = _stacked(context, names)
        measured = f"{len(names.rows)} issuers one under the other"
    problems += _seal_images(context, names)
    return RuleResult(RULE, measured, "stacked, starting together, the date two characters "
                      "right; or side by side under seals apart, the last over the date",
                      not problems, tuple(problems[:MAX_DETAILS]))


def _stacked(context: Context, names: SignatureNames) -> list[str]:
    block, pitch = context.block, context.pitch
    two = SIGNATURE_INSET_CHARS * context.layout.body.size_pt
    lines = [row[0].line for row in names.rows] + [names.date]
    problems = [f"page {after.page}: “{after.text}” not on the line under “{before.text}”"
                for before, after in zip(lines, lines[1:], strict=False)
                if abs(after.baseline - before.baseline - pitch) > 0.5]
    starts = [row[0].x0 for row in names.rows]
    if max(starts) - min(starts) > MM:
        problems.append("the names do not start together")
    widest_in = block.right - max(row[0].x1 for row in names.rows)
    date_in = block.right - names.date.x1
    if abs(widest_in - two) > MM and abs(date_in - two) > MM:
        problems.append(f"the longest name ends {as_mm(widest_in)} and the date "
                        f"{as_mm(date_in)} from the right edge; one of them two characters")
    if abs(names.date.x0 - min(starts) - two) > MM:
        problems.append(f"the date starts {as_mm(names.date.x0 - min(starts))} right of the "
                        "names, not two characters")
    return problems


def _side_by_side(context: Context, names: SignatureNames) -> list[str]:
    block, pitch, size = context.block, context.pitch, context.layout.body.size_pt
    diameter = context.layout.seal_diameter_mm * PT_PER_MM
    date = names.date
    problems = []
    date_in = block.right - date.x1
    if abs(date_in - SEALED_DATE_INSET_CHARS * size) > MM:
        problems.append(f"the date ends {as_mm(date_in)} from the right edge, not "
                        f"{SEALED_DATE_INSET_CHARS} characters")
    last = names.rows[-1][-1]
    if abs(last.middle - (date.x0 + date.x1) / 2) > MM:
        problems.append(f"“{last.text}”, the last name, "
                        f"{as_mm(abs(last.middle - (date.x0 + date.x1) / 2))} off the middle "
                        "of the date")
    if abs(date.baseline - last.line.baseline - pitch) > 0.5:
        problems.append("the date not on the line under the last name")
    for row in names.rows:
        for left, right in zip(row, row[1:], strict=False):
            if right.middle - left.middle <= diameter:
                problems.append(f"seals centred on “{left.text}” and “{right.text}” would "
                                "touch or overlap")
    middles = [name.middle for row in names.rows for name in row]
    if min(middles) - diameter / 2 < block.left - MM:
        problems.append("a seal centred on the first name would stand past the text block")
    for upper, lower in zip(names.rows, names.rows[1:], strict=False):
        if lower[0].line.baseline - upper[0].line.baseline <= diameter:
            problems.append(f"the seals over “{upper[0].text}” and “{lower[0].text}” would "
                            "touch or overlap")
    first = names.rows[0][0].line
    above = [line for line in context.grid_lines if line.page == first.page
             and line.baseline < first.baseline]
    if above:  # the first row's seals: their top within one line of the text above
        gap = (first.baseline - above[-1].baseline) / pitch
        top_room = gap - diameter / 2 / pitch
        if not 0 <= top_room <= SEAL_TOP_WITHIN_LINES + SEAL_CENTRE_ABOVE_TEXT_MAX_LINES:
            problems.append(f"the first names {gap:.2f} lines under the text above: seals "
                            "centred a little above them cannot have their top within one "
                            "line of it")
    return problems


def _seal_images(context: Context, names: SignatureNames) -> list[str]:
    """Each image drawn as a seal, of the seal's size, centred on a name of its own
    and pressing on it (the last also on the date); the seals of a row aligned,
    no two touching."""
    page = context.document.pages[names.date.page - 1]
    drawings = seal_drawings(page)
    if not drawings:
        return []
    everyone = [name for row in names.rows for name in row]
    diameter = context.layout.seal_diameter_mm * PT_PER_MM
    problems = []
    if len(drawings) != len(everyone):
        problems.append(f"{len(drawings)} seal images for {len(everyone)} issuers")
    boxes = [page.drawn[mcid] for mcid in drawings]
    for mcid, box in zip(drawings, boxes, strict=True):
        problems += drawn_as_a_seal(context, page, mcid, box, page.number)
        x0, top, x1, bottom = box
        if abs(max(x1 - x0, bottom - top) - diameter) > SEAL_SIZE_WITHIN_MM * PT_PER_MM:
            problems.append(f"a seal {as_mm(max(x1 - x0, bottom - top))} across, not "
                            f"{as_mm(diameter)}")
        name = min(everyone, key=lambda name: abs(name.middle - (x0 + x1) / 2))
        if abs(name.middle - (x0 + x1) / 2) > SEAL_CENTRED_WITHIN_MM * PT_PER_MM:
            problems.append(f"no name under the seal at {as_mm(x0 - context.block.left)} "
                            "from the left edge")
        pressed = [name] + ([names.date] if name is everyone[-1] else [])
        problems += [f"the seal over “{name.text}” does not press on “{what.text}”"
                     for what in pressed if not _presses(box, what)]
    for index, (first, second) in enumerate(zip(boxes, boxes[1:], strict=False)):
        if _touch(first, second):
            problems.append(f"seals {index + 1} and {index + 2} touch or overlap")
        if abs(first[1] - second[1]) > MM and abs(first[1] - second[1]) < diameter:
            problems.append(f"seals {index + 1} and {index + 2} not aligned")
    return problems


def _presses(box: tuple[float, float, float, float], what: Name | object) -> bool:
    x0, top, x1, bottom = box
    line = what.line if isinstance(what, Name) else what
    left, right = (what.x0, what.x1) if isinstance(what, Name) else (line.x0, line.x1)
    ink_top = line.baseline - line.chars[0].ascent
    ink_bottom = line.baseline + line.chars[0].descent
    return x0 < right and x1 > left and top < ink_top and bottom > ink_bottom


def _touch(first: tuple[float, float, float, float],
           second: tuple[float, float, float, float]) -> bool:
    """Two round seals, by their boxes: closer than their radii together."""
    (ax0, atop, ax1, abottom), (bx0, btop, bx1, bbottom) = first, second
    dx = (ax0 + ax1 - bx0 - bx1) / 2
    dy = (atop + abottom - btop - bbottom) / 2
    radii = (ax1 - ax0) / 2 + (bx1 - bx0) / 2
    return (dx * dx + dy * dy) ** 0.5 <= radii
