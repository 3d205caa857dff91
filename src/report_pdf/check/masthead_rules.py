"""The 版头's issuer mark and red line (GB/T 9704-2012 7.2.4, 7.2.5, 7.2.7), and
the 主送机关 under the title (7.3.2), from the PDF alone."""

from __future__ import annotations

from ..layout import PT_PER_MM
from ..roles import Role
from .context import MAX_DETAILS, MM, Context, RuleResult, as_mm
from .lines import MASTHEAD, TextLine
from .standard import (
    ADDRESSEES_BLANK_LINES,
    ADDRESSEES_COLON,
    DOCUMENT_NUMBER_TEXT,
    MARK_BELOW_TEXT_TOP_MM,
    RED_LINE_BELOW_NUMBER_MM,
    SIGNER_LABEL,
)

RULE = "发文机关标志 and the red line"
ADDRESSEES = "主送机关"


def masthead_layout(context: Context) -> RuleResult:
    """The issuer mark in red, centred, the top of its characters' em box 35 mm
    under the top of the text block; a joint document's issuers one under the
    other at one width, the word (文件) right of them and centred on them; the red
    line as wide as the text block, 4 mm under the 发文字号."""
    lines = [line for line in context.part(MASTHEAD) if line.page == 1]
    red = [line for line in lines if all(char.red for char in line.chars)]
    if not red:
        return RuleResult(RULE, "no 版头", "when present", True)
    if context.letter_rules:
        return RuleResult(RULE, "a letter's head", "measured by the 信函格式 rule", True)
    block = context.block
    problems = []
    first = min(red, key=lambda line: line.baseline)
    top = _em_top(context, first)
    want = block.top + MARK_BELOW_TEXT_TOP_MM * PT_PER_MM
    if abs(top - want) > MM:
        problems.append(f"the mark's top {as_mm(top - block.top)} under the text block's top")
    left, right = min(line.x0 for line in red), max(line.x1 for line in red)
    off = (left + right) / 2 - (block.left + block.right) / 2
    if abs(off) > MM:
        problems.append(f"the mark {as_mm(abs(off))} off centre")
    if left < block.left - 0.5 or right > block.right + 0.5:
        problems.append("the mark wider than the text block")
    names = sorted((line for line in red if abs(line.x0 - left) <= MM),
                   key=lambda line: line.baseline)
    words = [line for line in red if line not in names]
    kind = "one issuer"
    if len(names) > 1:
        kind = f"{len(names)} issuers" + (f" and “{words[0].text}”" if words else "")
        problems += _joint(context, names, words)
    problems += _red_line(context, lines)
    return RuleResult(RULE, f"{kind}, top {as_mm(top - block.top)} under the text block",
                      f"red, centred, top {MARK_BELOW_TEXT_TOP_MM} mm under the text block; "
                      f"the red line as wide as it, {RED_LINE_BELOW_NUMBER_MM} mm under the "
                      "发文字号", not problems, tuple(problems[:MAX_DETAILS]))


def _em_top(context: Context, line: TextLine) -> float:
    """The top of a line's em boxes (字身框), from its face's typographic ascender,
    or failing that the font descriptor's ascent."""
    char = line.chars[0]
    face = next((font for font in context.document.fonts if font.name == char.font), None)
    em = face.em_top if face and face.em_top else char.ascent / char.size
    return line.baseline - em * line.size


def _joint(context: Context, names: list[TextLine], words: list[TextLine]) -> list[str]:
    """7.2.4: the names one under the other, the lead first, at one width; the word
    right of them, centred on them."""
    problems = []
    ends = [line.x1 for line in names]
    if max(ends) - min(ends) > MM:
        problems.append("the issuers' names not set to one width: they end "
                        + ", ".join(as_mm(end - context.block.left) for end in ends)
                        + " from the left edge")
    if len(words) > 1:
        problems.append(f"{len(words)} lines beside the names, where one word (文件) is due")
    if words:
        word = words[0]
        if word.x0 <= max(ends):
            problems.append(f"“{word.text}” not right of the names")
        names_middle = (_em_top(context, names[0])
                        + _em_top(context, names[-1]) + names[-1].size) / 2
        word_middle = _em_top(context, word) + word.size / 2
        if abs(word_middle - names_middle) > MM:
            problems.append(f"“{word.text}” {as_mm(abs(word_middle - names_middle))} off the "
                            "names' middle")
    return problems


def _red_line(context: Context, lines: list[TextLine]) -> list[str]:
    block = context.block
    page = context.document.pages[0]
    rules = [rule for rule in page.rules if rule.red]
    if len(rules) != 1:
        return [f"{len(rules)} red lines in the 版头, where one is due"]
    (rule,) = rules
    problems = []
    if abs(rule.x0 - block.left) > MM or abs(rule.x1 - block.right) > MM:
        problems.append(f"the red line from {as_mm(rule.x0 - block.left)} to "
                        f"{as_mm(rule.x1 - block.left)}, not across the text block")
    number = next((line for line in lines if DOCUMENT_NUMBER_TEXT.search(line.text)
                   and line.baseline < rule.top), None)
    upward = any(SIGNER_LABEL in line.text for line in lines)  # a 上行文: see its rule
    if number is not None and not upward:  # 7.2.5: centred
        off = (number.x0 + number.x1) / 2 - (block.left + block.right) / 2
        if abs(off) > MM:
            problems.append(f"the 发文字号 {as_mm(abs(off))} off centre")
    if number is not None:
        bottom = _em_top(context, number) + number.size  # its em boxes' bottom
        gap = (rule.top - bottom) / PT_PER_MM
        if abs(gap - RED_LINE_BELOW_NUMBER_MM) > 0.5:
            problems.append(f"the red line {gap:.2f} mm under the 发文字号")
    return problems


def addressees(context: Context) -> RuleResult:
    """主送机关 (GB/T 9704 7.3.2): one blank line under the title, flush left, ending
    with a full-width colon; a long list wraps flush left too."""
    titles = [line for line in context.lines(Role.TITLE) if line.page == 1
              and line.part is None]
    if not titles:
        return RuleResult(ADDRESSEES, "no title on page 1", "when present", True)
    after = [line for line in context.grid_lines if line.page == 1
             and line.baseline > titles[-1].baseline]
    # The addressees end at the first line that ends with the colon, flush left
    # from the start: a paragraph begins two characters in.
    lines = []
    for line in after:
        if abs(line.x0 - context.block.left) > 0.5 or line.role != Role.BODY:
            break
        lines.append(line)
        if line.text.endswith(ADDRESSEES_COLON):
            break
    if not lines or not lines[-1].text.endswith(ADDRESSEES_COLON):
        return RuleResult(ADDRESSEES, "none", "when present", True)
    problems = []
    rows = (lines[0].baseline - titles[-1].baseline) / context.pitch
    if abs(rows - ADDRESSEES_BLANK_LINES - 1) * context.pitch > 0.5:
        problems.append(f"“{lines[0].text[:14]}” {rows - 1:.2f} lines under the title, not "
                        f"{ADDRESSEES_BLANK_LINES}")
    return RuleResult(ADDRESSEES, f"{len(lines)} line(s), {rows - 1:.2f} blank under the title",
                      f"flush left, ending with “{ADDRESSEES_COLON}”, "
                      f"{ADDRESSEES_BLANK_LINES} blank line under the title", not problems,
                      tuple(problems))
