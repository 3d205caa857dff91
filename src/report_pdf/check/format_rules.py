"""Rules of the formats of GB/T 9704-2012 chapter 10: the first page of a letter
(信函格式, 10.1) and the lists at the end of minutes (纪要格式, 10.3).

A letter is known from its PDF alone, by the red lines of its double lines
(``Context.letter_rules``); minutes by their lists, an L of the report's Part.
"""

from __future__ import annotations

from ..layout import PT_PER_MM
from ..roles import Role
from .context import GRID, MAX_DETAILS, MM, Context, RuleResult, as_mm, where
from .element_rules import marking_problems
from .lines import ATTENDANCE, MASTHEAD, TextLine
from .pdf_page import Page, Rule
from .standard import (
    ATTENDANCE_BLANK_LINES_ABOVE,
    ATTENDANCE_INDENT_CHARS,
    ATTENDANCE_LABEL,
    ATTENDANCE_LABEL_SIZE_PT,
    ATTENDANCE_ORDER,
    DOCUMENT_NUMBER_TEXT,
    EM_BOX_TOP,
    LETTER_FIRST_LINE_BELOW_RULE_PT,
    LETTER_MARK_TOP_MM,
    LETTER_RULE_ABOVE_BOTTOM_MM,
    LETTER_RULE_BELOW_MARK_MM,
    LETTER_RULE_WIDTH_MM,
    LETTER_TITLE_BLANK_LINES,
)

LETTER = "信函格式 (GB/T 9704 10.1)"
MINUTES = "出席, 请假 and 列席 of minutes"


def runs_of(line: TextLine) -> list[TextLine]:
    """The parts of a line that stand apart, more than a character from each other
    (the 份号 on the left of a letter's line, its 发文字号 on the right)."""
    groups = [[line.chars[0]]]
    for before, char in zip(line.chars, line.chars[1:], strict=False):
        if char.x0 - before.x1 > before.size:
            groups.append([])
        groups[-1].append(char)
    return [TextLine(line.page, tuple(group), line.role, line.part) for group in groups]


def em_top(line: TextLine) -> float:
    return line.baseline - EM_BOX_TOP * line.size


def em_bottom(line: TextLine) -> float:
    return line.baseline + (1 - EM_BOX_TOP) * line.size


def letter_format(context: Context) -> RuleResult:
    """A letter's first page: its mark, its two double lines, the 发文字号 and the
    markings under the first, the title under them (its page number: the page
    numbers rule)."""
    rules = context.letter_rules
    if not rules:
        return RuleResult(LETTER, "not a letter", "when present", True)
    page = context.document.pages[0]
    upper = [rule for rule in rules if rule.top < page.height / 2]
    lower = [rule for rule in rules if rule.top >= page.height / 2]
    problems = _double_line(upper, "under the mark", True, page)
    problems += _double_line(lower, "at the foot", False, page)
    measured = [f"{len(upper)} + {len(lower)} red lines"]
    masthead = [line for line in context.part(MASTHEAD) if line.page == 1]
    mark = next((line for line in masthead if all(char.red for char in line.chars)), None)
    if mark is None:
        problems.append("page 1: no red mark")
    else:
        top = em_top(mark) / PT_PER_MM
        measured.append(f"mark {top:.2f} mm from the top")
        if abs(top - LETTER_MARK_TOP_MM) > MM / PT_PER_MM:
            problems.append(f"{where(mark)}: its top {top:.2f} mm from the paper's top edge, "
                            f"not {LETTER_MARK_TOP_MM:g}")
        if upper:
            gap = upper[0].top - em_bottom(mark)
            measured.append(f"double line {as_mm(gap)} under it")
            if abs(gap - LETTER_RULE_BELOW_MARK_MM * PT_PER_MM) > MM:
                problems.append(f"the double line under the mark: {as_mm(gap)} under it, not "
                                f"{LETTER_RULE_BELOW_MARK_MM:g} mm")
    if lower:
        foot = page.height - lower[-1].bottom
        measured.append(f"{as_mm(foot)} from the foot")
        if abs(foot - LETTER_RULE_ABOVE_BOTTOM_MM * PT_PER_MM) > MM:
            problems.append(f"the double line at the foot: {as_mm(foot)} above the paper's "
                            f"bottom edge, not {LETTER_RULE_ABOVE_BOTTOM_MM:g} mm")
    if upper:
        problems += _under_the_double_line(context, masthead, upper[-1].bottom)
    return RuleResult(
        LETTER, "; ".join(measured),
        f"mark {LETTER_MARK_TOP_MM:g} mm from the top; red double lines "
        f"{LETTER_RULE_WIDTH_MM:g} mm, centred, thick over thin "
        f"{LETTER_RULE_BELOW_MARK_MM:g} mm under it, thin over thick "
        f"{LETTER_RULE_ABOVE_BOTTOM_MM:g} mm from the foot; 份号, 密级, 紧急程度 flush left and "
        "发文字号 flush right under it (7/8 of 三号); the title 2 lines under",
        not problems, tuple(problems[:MAX_DETAILS]))


def _double_line(pair: list[Rule], which: str, thick_first: bool, page: Page) -> list[str]:
    """Two red lines, one under the other, 170 mm long and centred on the page,
    the thicker first (``thick_first``) or last."""
    name = f"the double line {which}"
    if len(pair) != 2:
        return [f"{name}: {len(pair)} red line(s), not two"]
    problems = []
    for rule in pair:
        width = rule.x1 - rule.x0
        if abs(width - LETTER_RULE_WIDTH_MM * PT_PER_MM) > MM:
            problems.append(f"{name}: {as_mm(width)} long, not {LETTER_RULE_WIDTH_MM:g} mm")
        off = (rule.x0 + rule.x1) / 2 - page.width / 2
        if abs(off) > MM:
            problems.append(f"{name}: {as_mm(abs(off))} off the middle of the page")
    first, second = (rule.bottom - rule.top for rule in pair)
    if first == second or (first > second) != thick_first:
        problems.append(f"{name}: lines of {as_mm(first)} over {as_mm(second)}, not "
                        + ("thick over thin" if thick_first else "thin over thick"))
    return problems


def _under_the_double_line(context: Context, masthead: list[TextLine],
                           rule_bottom: float) -> list[str]:
    """Under the first double line: the 发文字号 flush right on the first line, the
    markings flush left from the first line on, one a line; the title two lines
    under the last of them."""
    block, pitch = context.block, context.pitch
    runs = [run for line in masthead if line.baseline > rule_bottom
            and not any(char.red for char in line.chars) for run in runs_of(line)]
    numbers = [run for run in runs if DOCUMENT_NUMBER_TEXT.search(run.text)]
    marks = [run for run in runs if run not in numbers]
    problems = []
    first_top = rule_bottom + LETTER_FIRST_LINE_BELOW_RULE_PT
    for number in numbers:
        if abs(number.x1 - block.right) > MM:
            problems.append(f"{where(number)}: the 发文字号 ends {as_mm(block.right - number.x1)}"
                            " from the right edge, not flush right")
        if abs(em_top(number) - first_top) > MM:
            problems.append(f"{where(number)}: {as_mm(em_top(number) - rule_bottom)} under the "
                            f"double line, not on the first line under it "
                            f"({as_mm(LETTER_FIRST_LINE_BELOW_RULE_PT)})")
    _, marking = marking_problems(context, marks, "under the double line")
    problems += marking
    for index, line in enumerate(marks):
        if abs(em_top(line) - first_top - index * pitch) > MM:
            problems.append(f"{where(line)}: {as_mm(em_top(line) - rule_bottom)} under the "
                            f"double line, not on line {index + 1} under it")
    bottom = max((em_bottom(run) for run in runs), default=rule_bottom)
    title = next((line for line in context.lines(Role.TITLE) if line.page == 1), None)
    if title is not None:
        blank = (context.box_top(title) - bottom) / pitch
        if not LETTER_TITLE_BLANK_LINES - 0.05 <= blank < LETTER_TITLE_BLANK_LINES + 1:
            problems.append(f"{where(title)}: {blank:.2f} lines under what stands above it, "
                            f"not {LETTER_TITLE_BLANK_LINES}")
    return problems


def attendance(context: Context) -> RuleResult:
    """Minutes' lists (GB/T 9704 10.3), in the order 出席, 请假, 列席, each on a line
    of its own: the label two characters in, in 三号 and the 黑体 of the layout's
    label, a full-width colon, the names right after it in the body's face,
    wrapped lines under the first name; one blank line under the text above;
    every line on the grid."""
    lines = context.part(ATTENDANCE)
    if not lines:
        return RuleResult(MINUTES, "none", "when present", True)
    block, pitch = context.block, context.pitch
    size = context.layout.body.size_pt
    problems: list[str] = []
    entries: list[tuple[TextLine, list[TextLine]]] = []
    for line in lines:
        if ATTENDANCE_LABEL.match(line.text):
            entries.append((line, []))
        elif entries:
            entries[-1][1].append(line)
        else:
            problems.append(f"{where(line)}: not under 出席, 请假 or 列席")
    labels = [first.text[:2] for first, _ in entries]
    if labels != sorted(labels, key=ATTENDANCE_ORDER.index) or len(set(labels)) != len(labels):
        problems.append(f"{' / '.join(labels)}: not in the order 出席, 请假, 列席, each once")
    for first, wrapped in entries:
        problems += _entry(context, first, wrapped)
    for line in lines:
        offset = (context.row(line) - round(context.row(line))) * pitch
        if abs(offset) > GRID:
            problems.append(f"{where(line)}: {offset:+.2f} pt off its row of the grid")
    if entries:
        first = entries[0][0]
        above = [line for line in context.grid_lines if line.page == first.page
                 and line.baseline < first.baseline]
        if above:
            blank = round((first.baseline - above[-1].baseline) / pitch - 1, 2) + 0.0
            if abs(blank - ATTENDANCE_BLANK_LINES_ABOVE) > 0.02:
                problems.append(f"{where(first)}: {blank:.2f} blank lines under the text "
                                f"above, not {ATTENDANCE_BLANK_LINES_ABOVE}")
    indents = ", ".join(as_mm(first.x0 - block.left) for first, _ in entries)
    return RuleResult(
        MINUTES, f"{' / '.join(labels) or 'no label'}, {indents} in",
        f"in order, {ATTENDANCE_INDENT_CHARS} characters in, label 三号黑体 and a colon, "
        f"names after it, wrapped under the first; a blank line above ({size:g} pt type)",
        not problems, tuple(problems[:MAX_DETAILS]))


def _entry(context: Context, first: TextLine, wrapped: list[TextLine]) -> list[str]:
    block, size = context.block, context.layout.body.size_pt
    label, colon, names = first.chars[:2], first.chars[2], first.chars[3:]
    name = first.text[:2]
    problems = []
    indent = first.x0 - block.left
    if abs(indent - ATTENDANCE_INDENT_CHARS * size) > MM:
        problems.append(f"{where(first)}: {name} starts {as_mm(indent)} from the left edge, "
                        f"not {ATTENDANCE_INDENT_CHARS} characters")
    if any(abs(char.size - ATTENDANCE_LABEL_SIZE_PT) > 0.1 for char in label) or \
            not context.in_faces_of(Role.LABEL, label):
        problems.append(f"{where(first)}: {name} not in 三号黑体")
    if not names:
        return problems + [f"{where(first)}: no names after {name}："]
    if names[0].x0 - colon.x1 > size / 4:
        problems.append(f"{where(first)}: the names start {as_mm(names[0].x0 - colon.x1)} "
                        "after the colon, not right after it")
    if not context.in_faces_of(Role.BODY, [*names, *(char for line in wrapped
                                                      for char in line.chars)]):
        problems.append(f"{where(first)}: the names not in the body's face")
    for line in wrapped:
        if abs(line.x0 - names[0].x0) > MM:
            problems.append(f"{where(line)}: starts {as_mm(line.x0 - names[0].x0)} from the "
                            "first name, not under it")
    return problems
