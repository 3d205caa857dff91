"""附件说明 and the attachments (GB/T 9704-2012 7.3.4, 7.3.7), from the PDF alone."""

from __future__ import annotations

from ..roles import Role
from .context import GRID, MAX_DETAILS, MM, Context, RuleResult, as_mm, where
from .landscape_rules import TurnedLine, turned_lines
from .lines import ATTACHMENT, TextLine
from .standard import (
    APART_LABEL,
    ATTACHMENT_LABEL,
    ATTACHMENT_NOTE_INDENT_CHARS,
    ATTACHMENT_NOTE_LABEL,
    ATTACHMENT_NOTE_NUMBER,
    ATTACHMENT_TITLE_ROW,
    MARKING_SIZE_PT,
)

RULE = "附件说明 and 附件"


def attachments(context: Context) -> RuleResult:
    """The 附件说明 names the attachments as their first pages do, in order: with
    several, “1.” to “N.”, the numbers under the first, a long name wrapping under
    its first character; each attachment on a page of its own with its label flush
    left on the first row in 三号, its title centred from the third row."""
    problems: list[str] = []
    listed = note_entries(context, problems)
    found = []
    for page, label in sorted(context.attachment_labels.items()):
        found.append((_number(label.text), _title(context, page), page))
        problems += _first_page(context, page, label)
    for page in context.document.pages:  # an attachment set across landscape pages
        lines = turned_lines(context, page.number) if page.turned else []
        if lines and not lines[0].in_title and (ATTACHMENT_LABEL.match(lines[0].text)
                                                or APART_LABEL.match(lines[0].text)):
            found.append((_number(lines[0].text),
                          "".join(line.text for line in lines if line.in_title), page.number))
            problems += _turned_first_page(context, lines)
    found.sort(key=lambda item: item[2])
    if not listed and not found:
        return RuleResult(RULE, "no attachment", "when present", True)
    names = dict(listed)
    for number, title, page in found:
        if listed and number not in names:
            problems.append(f"page {page}: 附件{number or ''} is not in the 附件说明")
        elif listed and names[number] != title:
            problems.append(f"page {page}: the title “{title}” is not the 附件说明's "
                            f"“{names[number]}”")
    numbers = [number or 0 for number, _, _ in found]
    if len(found) > 1 and sorted(numbers) != list(range(1, len(found) + 1)):
        problems.append("attachments numbered " + ", ".join(map(str, numbers))
                        + f", not 1 to {len(found)}")
    if len(found) == 1 and len(listed) <= 1 and found[0][0] is not None:
        problems.append(f"page {found[0][2]}: the only attachment is labelled 附件, "
                        "without a number")
    for part in ([item for item in found if item[2] <= context.bound_end],
                 [item for item in found if item[2] > context.bound_end]):
        for before, after in zip(part, part[1:], strict=False):
            if (after[0] or 0) < (before[0] or 0):
                problems.append(f"page {after[2]}: 附件{after[0]} after 附件{before[0]}")
    missing = [at for at, _ in listed if at not in {number for number, _, _ in found}]
    problems += [f"附件{at or ''} of the 附件说明 has no page of its own" for at in missing]
    measured = (f"{len(listed)} named, {len(found)} found"
                + (f", {len(context.apart_starts)} printed apart" if context.apart_starts else ""))
    return RuleResult(RULE, measured, "the same, in order; labels flush left on row 1 in "
                      "三号, titles centred from row 3", not problems,
                      tuple(problems[:MAX_DETAILS]))


def note_entries(context: Context, problems: list[str]) -> list[tuple[int | None, str]]:
    """The names the 附件说明 gives, by number (None when there is only one)."""
    body = [line for line in context.lines(Role.BODY) if line.part is None]
    first = next((line for line in reversed(body)
                  if line.text.startswith(ATTACHMENT_NOTE_LABEL)), None)
    if first is None:
        return []
    size = context.layout.body.size_pt
    indent = first.x0 - context.block.left
    if abs(indent - ATTACHMENT_NOTE_INDENT_CHARS * size) > MM:
        problems.append(f"{where(first)}: “附件：” {as_mm(indent)} from the left edge, not "
                        f"{ATTACHMENT_NOTE_INDENT_CHARS} characters")
    rest = [line for line in body if line.page == first.page and line.baseline > first.baseline]
    chars = first.chars[len(ATTACHMENT_NOTE_LABEL):]
    text = first.text[len(ATTACHMENT_NOTE_LABEL):]
    numbered = ATTACHMENT_NOTE_NUMBER.match(text)
    number_x = chars[0].x0 if chars else first.x1
    name_x = chars[numbered.end()].x0 if numbered and len(chars) > numbered.end() else number_x
    entries: list[list] = [[int(numbered.group(1)) if numbered else None,
                            text[numbered.end():] if numbered else text]]
    for line in rest:
        starts = ATTACHMENT_NOTE_NUMBER.match(line.text)
        if numbered and starts and abs(line.x0 - number_x) <= 0.5:
            entries.append([int(starts.group(1)), line.text[starts.end():]])
            name_x = line.chars[starts.end()].x0 if len(line.chars) > starts.end() else name_x
            continue
        if abs(line.x0 - name_x) > 0.5:
            problems.append(f"{where(line)}: a name wraps {as_mm(line.x0 - name_x)} from its "
                            "first character, not under it")
        entries[-1][1] += line.text
    return [(number, name) for number, name in entries]


def _number(label: str) -> int | None:
    found = (APART_LABEL.match(label) or ATTACHMENT_LABEL.match(label))
    return int(found.group(1)) if found and found.group(1) else None


def _title(context: Context, page: int) -> str:
    return "".join(line.text for line in context.part(ATTACHMENT)
                   if line.page == page and line.role == Role.TITLE)


def _first_page(context: Context, page: int, label: TextLine) -> list[str]:
    problems = []
    if abs(label.x0 - context.block.left) > 0.5:
        problems.append(f"{where(label)}: {label.text} not flush left")
    if abs(context.row(label)) * context.pitch > GRID:
        problems.append(f"{where(label)}: {label.text} not on the first row")
    if abs(label.size - MARKING_SIZE_PT) > 0.1:
        problems.append(f"{where(label)}: {label.text} in {label.size:g} pt, not 三号")
    titles = [line for line in context.part(ATTACHMENT)
              if line.page == page and line.role == Role.TITLE]
    if not titles:
        return problems + [f"page {page}: no title under {label.text}"]
    row = context.row(titles[0])
    if abs(row - ATTACHMENT_TITLE_ROW) * context.pitch > GRID:
        problems.append(f"{where(titles[0])}: the title on row {row + 1:.2f}, not "
                        f"{ATTACHMENT_TITLE_ROW + 1}")
    for line in titles:
        left = line.x0 - context.block.left
        right = context.block.right - line.x1
        if abs(left - right) > MM:
            problems.append(f"{where(line)}: the title off centre by {as_mm(abs(left - right))}")
    return problems


def _turned_first_page(context: Context, lines: list[TurnedLine]) -> list[str]:
    """As :func:`_first_page`, on a page turned a quarter to the left: the turned
    text block's top is the page's left edge, its left the page's bottom edge."""
    block, pitch = context.block, context.pitch
    label, page = lines[0], lines[0].page
    start = label.chars[0].origin
    problems = []
    if abs(start[1] - block.bottom) > 0.5:
        problems.append(f"page {page}: {label.text} not flush left on the turned page")
    if abs(context.row_at(start[0] - block.left)) * pitch > GRID:
        problems.append(f"page {page}: {label.text} not on the turned page's first row")
    if abs(label.chars[0].size - MARKING_SIZE_PT) > 0.1:
        problems.append(f"page {page}: {label.text} in {label.chars[0].size:g} pt, not 三号")
    titles = [line for line in lines if line.in_title]
    if not titles:
        return problems + [f"page {page}: no title under {label.text}"]
    row = context.row_at(titles[0].chars[0].origin[0] - block.left)
    if abs(row - ATTACHMENT_TITLE_ROW) * pitch > GRID:
        problems.append(f"page {page}: the title on row {row + 1:.2f} of the turned page, not "
                        f"{ATTACHMENT_TITLE_ROW + 1}")
    for line in titles:
        _, top, _, bottom = line.box
        if abs((top - block.top) - (block.bottom - bottom)) > MM:
            problems.append(f"page {page}: the title off centre on the turned page by "
                            f"{as_mm(abs((top - block.top) - (block.bottom - bottom)))}")
    return problems
