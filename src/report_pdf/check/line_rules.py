"""Rules of the lines: characters per line, justification, the right edge, line
breaks, lone last lines, quotes and adjacent punctuation."""

from __future__ import annotations

from collections import Counter

from ..roles import Role
from .context import FLUSH, MAX_DETAILS, Context, RuleResult, where
from .lines import TextLine
from .standard import (
    MAY_HANG,
    NOT_AT_LINE_END,
    NOT_AT_LINE_START,
    QUOTES,
    should_compress,
    splits_number,
)

TEXT = (Role.BODY, Role.TITLE, Role.HEAD_1, Role.HEAD_2, Role.HEAD_3, Role.HEAD_4)


def characters_per_line(context: Context) -> RuleResult:
    """Pure-Chinese full lines hold the grid's characters, unless a prohibition
    moved the break by one (the check says which)."""
    block, layout = context.block, context.layout
    pitch = layout.char_pitch_pt
    counts: Counter[int] = Counter()
    adjusted = 0
    wrong = []
    for line in context.internal_lines:
        chars = line.set_chars(block)
        if any(char.text.isascii() for char in chars):
            continue
        expected = layout.chars_per_line - round((line.x0 - block.left) / pitch)
        counts[len(chars)] += 1
        if len(chars) == expected:
            continue
        following = context.next_line(line)
        if len(chars) < expected and following and _pushed_out(following.text):
            adjusted += 1
            continue
        wrong.append(f"{where(line)}: {len(chars)} characters where {expected} fit")
    total = sum(counts.values())
    measured = (f"{total} lines: " + ", ".join(f"{count}×{number}" for number, count
                                               in sorted(counts.items(), reverse=True))
                if total else "no pure-Chinese full line")
    if adjusted:
        measured += f"; {adjusted} short by a kept-together mark, number or date"
    return RuleResult("characters per pure-Chinese full line", measured,
                      f"{layout.chars_per_line} (indented lines {layout.chars_per_line} − "
                      f"{layout.indent_chars})", not wrong, tuple(wrong[:MAX_DETAILS]))


def _pushed_out(next_text: str) -> bool:
    """Why a full line may hold fewer characters than the grid: the next line
    starts with an opening mark, or with the character before a mark that may not
    start a line, or with a run of digits or Latin letters (a number with what it
    keeps) or a —— or …… that did not fit and may not be split."""
    return bool(next_text) and (
        next_text[0] in NOT_AT_LINE_END or next_text[0].isascii()
        or next_text.startswith(("——", "……"))
        or (len(next_text) > 1 and next_text[1] in NOT_AT_LINE_START))


def flush_right(context: Context) -> RuleResult:
    internal = context.internal_lines
    ragged = [line for line in internal
              if abs(line.right_edge(context.block) - context.block.right) > FLUSH]
    share = 100 * (len(internal) - len(ragged)) / len(internal) if internal else 0
    measured = f"{share:.1f}% of {len(internal)}" if internal else "no full line"
    return RuleResult(
        "paragraph-internal lines flush right", measured,
        f"100% within {FLUSH} pt", not ragged,
        tuple(f"{where(line)}: ends {context.block.right - line.right_edge(context.block):.2f}"
              f" pt short" for line in ragged[:MAX_DETAILS]))


def within_the_text_block(context: Context) -> RuleResult:
    """GB/T 9704 5.2.1: everything but the page number stands in the text block
    (版心); past its right edge only one 、，。：；！？ hung after a full line. A
    letter's mark is placed from the paper's top edge instead (10.1)."""
    block = context.block
    wrong = []
    for line in context.flow.lines:
        if line.role == Role.PAGE_NUMBER or (context.letter_rules and line.page == 1 and all(
                char.red for char in line.chars)):
            continue
        inside = line.chars
        last = line.chars[-1]
        if line.role in TEXT and last.text in MAY_HANG and len(line.chars) > 1 and \
                abs(line.chars[-2].x1 - block.right) <= FLUSH:
            inside = line.chars[:-1]  # hung after a full line
        beyond = {"right": max(char.x1 for char in inside) - block.right,
                  "left": block.left - min(char.x0 for char in inside),
                  "top": block.top - line.baseline,
                  "bottom": line.baseline - block.bottom}
        wrong += [f"{where(line)}: {distance:.2f} pt past the {edge} edge"
                  for edge, distance in beyond.items() if distance > FLUSH]
    return RuleResult("nothing outside the text block but a hung mark", f"{len(wrong)} found",
                      "0", not wrong, tuple(wrong[:MAX_DETAILS]))


def prohibited_breaks(context: Context) -> RuleResult:
    problems = []
    lines = context.lines(Role.BODY, Role.HEAD_1, Role.HEAD_2, Role.HEAD_3, Role.HEAD_4)
    for line, following in zip(lines, [*lines[1:], None], strict=False):
        text = line.text
        if text[0] in NOT_AT_LINE_START:
            problems.append(f"{where(line)}: starts with {text[0]}")
        if text[-1] in NOT_AT_LINE_END:
            problems.append(f"{where(line)}: ends with {text[-1]}")
        for mark in "—…":
            trailing = len(text) - len(text.rstrip(mark))
            if trailing % 2 and following and following.text.startswith(mark):
                problems.append(f"{where(line)}: {mark * 2} split across lines")
    return RuleResult("prohibited line starts and ends", f"{len(problems)} found", "0",
                      not problems, tuple(problems[:MAX_DETAILS]))


def numbers_kept_whole(context: Context) -> RuleResult:
    """No number split from 余/多/万/亿 or its unit sign, and no date split."""
    split = []
    for line in context.internal_lines:
        following = context.next_line(line)
        if following is not None and splits_number(line.text, following.text):
            split.append(f"{where(line)}: “{line.text[-4:]} / {following.text[:3]}”")
    return RuleResult("numbers and dates kept whole", f"{len(split)} split", "0",
                      not split, tuple(split[:MAX_DETAILS]))


def lone_last_characters(context: Context) -> RuleResult:
    """Paragraphs of two lines or more do not end with a line of one character,
    alone or with its closing marks (“件。”)."""
    internal = {id(line) for line in context.internal_lines}
    lines = context.lines(Role.BODY)
    lone = [line for previous, line in zip(lines, lines[1:], strict=False)
            if id(previous) in internal and id(line) not in internal and _lone(line)]
    return RuleResult("paragraphs ending with a lone character", f"{len(lone)} found", "0",
                      not lone, tuple(where(line) for line in lone[:MAX_DETAILS]))


def _lone(line: TextLine) -> bool:
    words = line.text.strip().rstrip("".join(MAY_HANG) + "）」』”’》")
    return len(words) == 1


def quote_widths(context: Context) -> RuleResult:
    quotes = [(line, char) for line in context.lines(*TEXT) for char in line.chars
              if char.text in QUOTES]
    narrow = [(line, char) for line, char in quotes
              if abs((char.x1 - char.x0) - char.size) > 0.1]
    widths = Counter(round((char.x1 - char.x0) / char.size, 2) for _, char in quotes)
    measured = ", ".join(f"{count}× {width:g} em" for width, count in widths.items()) or "none"
    return RuleResult("quotes “ ” ‘ ’ full width", measured, "1 em", not narrow,
                      tuple(f"{where(line)}: {char.text} is "
                            f"{(char.x1 - char.x0) / char.size:.2f} em"
                            for line, char in narrow[:MAX_DETAILS]))


def punctuation_compressed(context: Context) -> RuleResult:
    """Of two marks side by side, the blank halves do not both stay (clreq 3.1.6):
    the second stands at most about half an em after the first's start, besides
    the line's letter spacing."""
    if not context.layout.compress_punctuation:
        return RuleResult("adjacent punctuation compressed", "off in the layout", "–", True)
    pairs, loose = 0, []
    for line in context.lines(Role.BODY):
        chars = line.set_chars(context.block)
        for first, second in zip(chars, chars[1:], strict=False):
            if not should_compress(first.text, second.text):
                continue
            pairs += 1
            advance = second.x0 - first.x0
            if advance > 0.75 * first.size:
                loose.append(f"{where(line)}: “{first.text}{second.text}” "
                             f"{advance / first.size:.2f} em apart")
    return RuleResult("adjacent punctuation compressed", f"{pairs} pairs, {len(loose)} loose",
                      "about ½ em apart", not loose, tuple(loose[:MAX_DETAILS]))
