"""Rules of a 公文's elements when present: 份号, 密级和保密期限 and 紧急程度 at the
head of the 版头 (GB/T 9704 7.2.1–7.2.3), 署名 and 成文日期 with a seal
(7.3.5.1) or without (7.3.5.2), the 附注 under the date (7.3.6)."""

from __future__ import annotations

from ..layout import PT_PER_MM
from ..roles import Role
from .context import MAX_DETAILS, MM, Context, RuleResult, as_mm, where
from .lines import MASTHEAD, SIGNATURE, TextLine
from .names import signature_names
from .standard import (
    DATE,
    MARKING_SIZE_PT,
    MARKINGS,
    NOTE,
    NOTE_INDENT_CHARS,
    SEAL_CENTRE_ABOVE_TEXT_MAX_LINES,
    SEAL_TOP_WITHIN_LINES,
    SEALED_DATE_INSET_CHARS,
    SIGNATURE_INSET_CHARS,
    STAMP_BLANK_LINES_ABOVE,
    STAMP_BLANK_LINES_BELOW,
    STAMP_INSET_CHARS,
    STAMP_TITLE_GAP_CHARS,
)

ROW = 0.05  # of a grid row: how far from its row a line may stand


def markings(context: Context) -> RuleResult:
    """The lines above the issuing-authority mark on page 1: each one of the three
    markings, in the standard's order, on the first lines of the grid, flush left,
    in 三号, 密级 and 紧急程度 in the 黑体 of the layout."""
    lines = [line for line in context.part(MASTHEAD) if line.page == 1]
    mark = next((line for line in lines if any(char.red for char in line.chars)), None)
    above = [line for line in lines if mark is not None and line.baseline < mark.baseline
             and not any(char.red for char in line.chars)]
    if not above:
        return RuleResult("份号, 密级 and 紧急程度", "none", "when present", True)
    kinds, problems = marking_problems(context, above, "above the issuer mark")
    rows = [context.row(line) for line in above]
    if any(abs(row - index) > ROW for index, row in enumerate(rows)):
        problems.append("not on the first lines of the text block, one a line: rows "
                        + ", ".join(f"{row + 1:.2f}" for row in rows))
    return RuleResult("份号, 密级 and 紧急程度",
                      " / ".join(MARKINGS[kind][0] for kind in kinds) or "unrecognised",
                      "flush left on lines 1–3, in order, 三号, 密级 and 紧急程度 in 黑体",
                      not problems, tuple(problems[:MAX_DETAILS]))


def marking_problems(context: Context, lines: list[TextLine],
                     where_they_are: str) -> tuple[list[int], list[str]]:
    """Lines that must each be one of the three markings: which (0 份号, 1 密级, 2 紧急
    程度) each is, and what is wrong — not one of them, not flush left, not 三号,
    密级 and 紧急程度 not in 黑体, not in the standard's order."""
    problems = []
    kinds = []
    for line in lines:
        kind = next((index for index, (_, pattern) in enumerate(MARKINGS)
                     if pattern.match(line.text.strip())), None)
        if kind is None:
            problems.append(f"{where(line)}: {where_they_are}, but none of 份号, 密级, "
                            "紧急程度")
            continue
        kinds.append(kind)
        name = MARKINGS[kind][0]
        if abs(line.x0 - context.block.left) > 0.5:
            problems.append(f"{where(line)}: {name} starts {as_mm(line.x0 - context.block.left)}"
                            " from the left edge, not flush left")
        if abs(line.size - MARKING_SIZE_PT) > 0.1:
            problems.append(f"{where(line)}: {name} in {line.size:g} pt, not 三号")
        if kind > 0 and not context.in_faces_of(
                Role.MARKING, [char for char in line.chars if char.text != "★"]):
            problems.append(f"{where(line)}: {name} not in 黑体")
    if kinds != sorted(kinds) or len(set(kinds)) != len(kinds):
        problems.append("not in the order 份号, 密级和保密期限, 紧急程度")
    return kinds, problems


def annotation(context: Context) -> RuleResult:
    """附注: in round brackets, two characters in from the left, on the line under
    the 成文日期."""
    lines = context.part(SIGNATURE)
    notes = [(before, line) for before, line in zip(lines, lines[1:], strict=False)
             if NOTE.match(line.text.strip())]
    if not notes:
        return RuleResult("附注", "none", "when present", True)
    size, pitch = context.layout.body.size_pt, context.pitch
    problems = []
    for before, line in notes:
        if not DATE.search(before.text) or before.page != line.page:
            problems.append(f"{where(line)}: not under the 成文日期")
        elif abs(line.baseline - before.baseline - pitch) > 0.5:
            problems.append(f"{where(line)}: {line.baseline - before.baseline:.2f} pt under the "
                            f"成文日期, not the next line ({pitch:g} pt)")
        indent = line.x0 - context.block.left
        if abs(indent - NOTE_INDENT_CHARS * size) > MM:
            problems.append(f"{where(line)}: starts {as_mm(indent)} from the left edge, not "
                            f"{NOTE_INDENT_CHARS} characters")
    line = notes[0][1]
    return RuleResult("附注", f"{as_mm(line.x0 - context.block.left)} in, under the date",
                      f"in （）, {NOTE_INDENT_CHARS} characters in, on the line under the date",
                      not problems, tuple(problems[:MAX_DETAILS]))


def signature_layout(context: Context) -> RuleResult:
    """署名 and 成文日期, the date on the line under the authority. Without a seal
    (7.3.5.2): one blank line under the body (or the 附注 list), the authority two
    characters in from the right, the date starting two characters right of the
    authority's start; when the date is the longer, it ends two characters in and
    the authority starts two characters left of it. With a seal (7.3.5.1): the
    date four characters in (an authority too long for that ends at the right
    edge), the authority centred on the date, and room for the seal — of the
    layout's diameter, centred on them — its top within one line of the text
    above, the two lines a little below its centre, both its sides in the text
    block."""
    lines = context.part(SIGNATURE)
    dated = [index for index, line in enumerate(lines) if DATE.fullmatch(line.text.strip())]
    if not dated or dated[0] == 0:
        return RuleResult("署名 and 成文日期", "no signature", "when present", True)
    names = signature_names(context)
    if names is not None and names.joint:
        return RuleResult("署名 and 成文日期", "a joint document's signature",
                          "measured by the 联合行文 rule", True)
    authority, date = lines[dated[0] - 1], lines[dated[0]]
    block, pitch, size = context.block, context.pitch, context.layout.body.size_pt
    problems = []
    if date.page != authority.page or abs(date.baseline - authority.baseline - pitch) > 0.5:
        problems.append(f"{where(date)}: not on the line under the authority")
    authority_in, date_in = block.right - authority.x1, block.right - date.x1
    above = [line for line in context.grid_lines if line.page == authority.page
             and line.baseline < authority.baseline]
    gap = (authority.baseline - above[-1].baseline) / pitch if above else None
    if date.page == authority.page and date.baseline - authority.baseline > 1.5 * pitch:
        problems = _stamp_room(context, authority, date,
                               (authority.baseline - above[-1].baseline) / pitch
                               if above else None)
        return RuleResult("署名 and 成文日期",
                          f"with a 签名章: date ends {as_mm(date_in)} from the right, the "
                          f"title {as_mm(block.right - authority.x1)}",
                          "with a 签名章: two blank lines, the stamp four characters in, the "
                          "title two characters left of it and centred on it, a blank line, "
                          "the date four characters in", not problems,
                          tuple(problems[:MAX_DETAILS]))
    centre_offset = (authority.x0 + authority.x1 - date.x0 - date.x1) / 2
    # Which layout: the date four characters in, or an authority at the right edge
    # with the date under its middle, is the one for a seal.
    sealed = abs(date_in - SEALED_DATE_INSET_CHARS * size) <= MM or (
        abs(authority_in) <= MM and abs(centre_offset) <= MM)
    if sealed:
        measured = (f"with a seal: date ends {as_mm(date_in)} from the right, authority "
                    f"centred on it ({as_mm(abs(centre_offset))} off)")
        if abs(centre_offset) > MM:
            problems.append(f"{where(authority)}: {as_mm(abs(centre_offset))} off the middle "
                            "of the date, not centred on it")
        problems += _seal_room(context, authority, date, gap)
    else:
        measured = (f"authority ends {as_mm(authority_in)}, date {as_mm(date_in)} from the "
                    "right")
        problems += _unsealed(authority, date, authority_in, date_in,
                              (gap - 2) * pitch if gap is not None else 0.0,
                              SIGNATURE_INSET_CHARS * size)
    return RuleResult("署名 and 成文日期", measured,
                      "without a seal: one of them two characters in, the date two characters "
                      "right of the authority, a blank line above; with one: the date four "
                      "characters in, the authority centred on it, room for the seal",
                      not problems, tuple(problems[:MAX_DETAILS]))


def _unsealed(authority, date, authority_in: float, date_in: float, off_grid: float,
              two: float) -> list[str]:
    problems = []
    if abs(authority_in - two) <= MM:  # the authority placed, the date after it
        if abs(date.x0 - authority.x0 - two) > MM:
            problems.append(f"{where(date)}: starts {as_mm(date.x0 - authority.x0)} right of "
                            "the authority, not two characters")
    elif abs(date_in - two) <= MM:  # the longer date placed, the authority before it
        if abs(date.x0 - authority.x0 - two) > MM:
            problems.append(f"{where(authority)}: starts {as_mm(date.x0 - authority.x0)} left "
                            "of the date, not two characters")
    else:
        problems.append(f"{where(authority)}: ends {as_mm(authority_in)} and the date "
                        f"{as_mm(date_in)} from the right edge; one of them two characters")
    if abs(off_grid) > 0.5:  # pt from two lines under the text above
        problems.append(f"{where(authority)}: {off_grid:+.2f} pt from two lines under the "
                        "text above it (one blank line)")
    return problems


def _seal_room(context: Context, authority, date, gap: float | None) -> list[str]:
    """The seal, centred on the date and its top ``lift`` lines above the lines'
    middle plus its radius: there must be a lift of at most the standard's "a
    little" that puts its top under the text above and within one line of it."""
    block, pitch = context.block, context.pitch
    radius = context.layout.seal_diameter_mm * PT_PER_MM / 2
    problems = []
    if gap is not None:  # lines between the text above and the middle of the two
        top_room = gap - radius / pitch  # the seal's top under the text, lifted by 0
        if not (0 <= top_room <= SEAL_TOP_WITHIN_LINES + SEAL_CENTRE_ABOVE_TEXT_MAX_LINES):
            problems.append(f"{where(authority)}: {gap:.2f} lines under the text above; a "
                            f"seal of {context.layout.seal_diameter_mm:g} mm centred a little "
                            "above it cannot have its top within one line of that text")
    centre = (date.x0 + date.x1) / 2
    if centre - radius < block.left - MM or centre + radius > block.right + MM:
        problems.append(f"{where(date)}: a seal centred on the date would stand past the "
                        "text block")
    if abs(block.right - date.x1 - SEALED_DATE_INSET_CHARS * context.layout.body.size_pt) > MM \
            and abs(block.right - authority.x1) > MM:
        problems.append(f"{where(date)}: ends {as_mm(block.right - date.x1)} from the right "
                        "edge, not four characters")
    return problems


def _stamp_room(context: Context, title, date, above_lines: float | None) -> list[str]:
    """The room of a 签名章 of the layout's size, as 7.3.5.3 places it: four
    characters in from the right, centred on the title's line; measured in lines
    from the rows of the lines around it."""
    block, pitch = context.block, context.pitch
    char = context.layout.body.size_pt
    width, height = (size * PT_PER_MM for size in context.layout.signature_stamp_mm)
    half = height / pitch / 2
    stamp_left = block.right - STAMP_INSET_CHARS * char - width
    problems = []
    if abs(block.right - date.x1 - STAMP_INSET_CHARS * char) > MM:
        problems.append(f"{where(date)}: ends {as_mm(block.right - date.x1)} from the right "
                        "edge, not four characters")
    if abs(stamp_left - STAMP_TITLE_GAP_CHARS * char - title.x1) > MM:
        problems.append(f"{where(title)}: ends {as_mm(stamp_left - title.x1)} left of the "
                        "签名章's place, not two characters")
    if above_lines is not None:  # the stamp's top, in lines under the text above
        top = above_lines - 0.5 - half
        if not STAMP_BLANK_LINES_ABOVE - 0.05 <= top <= STAMP_BLANK_LINES_ABOVE + 1:
            problems.append(f"{where(title)}: a 签名章 centred on it would begin {top:.2f} "
                            "lines under the text above, not two")
    below = (date.baseline - title.baseline) / pitch - 0.5 - half  # date row's top
    if not STAMP_BLANK_LINES_BELOW - 0.05 <= below <= STAMP_BLANK_LINES_BELOW + 1:
        problems.append(f"{where(date)}: {below:.2f} lines under the 签名章's place, not one")
    if stamp_left < block.left:
        problems.append(f"{where(title)}: the 签名章 would stand past the text block")
    return problems
