"""Rules of the lines: characters per line, justification, line breaks, quotes."""

from __future__ import annotations

from collections import Counter

from ..compose import NO_LINE_END, NO_LINE_START
from .context import FLUSH, MAX_DETAILS, Context, RuleResult, where

QUOTES = set("“”‘’")


def characters_per_line(context: Context) -> RuleResult:
    """Pure-Chinese full lines hold the grid's characters, unless a prohibition
    moved the break by one (the check says which)."""
    block, layout = context.block, context.layout
    pitch = layout.char_pitch_pt
    counts: Counter[int] = Counter()
    adjusted = 0
    wrong = []
    for line in context.internal_lines():
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
        measured += f"; {adjusted} short by a kept-together mark or run"
    return RuleResult("characters per pure-Chinese full line", measured,
                      f"{layout.chars_per_line} (indented lines {layout.chars_per_line} − "
                      f"{layout.indent_chars})", not wrong, tuple(wrong[:MAX_DETAILS]))


def _pushed_out(next_text: str) -> bool:
    """Why a full line may hold fewer characters than the grid: the next line
    starts with an opening mark, or with the character before a closing mark
    that may not start a line, or with a run of digits or Latin letters (or a
    —— or ……) that did not fit and may not be split."""
    return bool(next_text) and (
        next_text[0] in NO_LINE_END or next_text[0].isascii()
        or next_text.startswith(("——", "……"))
        or (len(next_text) > 1 and next_text[1] in NO_LINE_START))


def flush_right(context: Context) -> RuleResult:
    internal = context.internal_lines()
    ragged = [line for line in internal
              if abs(line.right_edge(context.block) - context.block.right) > FLUSH]
    share = 100 * (len(internal) - len(ragged)) / len(internal) if internal else 0
    measured = f"{share:.1f}% of {len(internal)}" if internal else "no full line"
    return RuleResult(
        "paragraph-internal lines flush right", measured,
        f"100% within {FLUSH} pt", not ragged,
        tuple(f"{where(line)}: ends {context.block.right - line.right_edge(context.block):.2f}"
              f" pt short" for line in ragged[:MAX_DETAILS]))


def prohibited_breaks(context: Context) -> RuleResult:
    problems = []
    lines = context.lines("body")
    for line, following in zip(lines, lines[1:] + [None], strict=True):
        text = line.text
        if text[0] in NO_LINE_START:
            problems.append(f"{where(line)}: starts with {text[0]}")
        if text[-1] in NO_LINE_END:
            problems.append(f"{where(line)}: ends with {text[-1]}")
        for mark in "—…":
            trailing = len(text) - len(text.rstrip(mark))
            if trailing % 2 and following and following.text.startswith(mark):
                problems.append(f"{where(line)}: {mark * 2} split across lines")
    return RuleResult("prohibited line starts and ends", f"{len(problems)} found", "0",
                      not problems, tuple(problems[:MAX_DETAILS]))


def lone_last_characters(context: Context) -> RuleResult:
    """Paragraphs of two lines or more do not end with a line of one character."""
    internal = {id(line) for line in context.internal_lines()}
    lines = [line for line in context.flow.lines if line.role != "page_number"]
    lone = [line for previous, line in zip(lines, lines[1:], strict=False)
            if id(previous) in internal and id(line) not in internal
            and len(line.text.strip()) == 1]
    return RuleResult("paragraphs ending with a lone character", f"{len(lone)} found", "0",
                      not lone, tuple(where(line) for line in lone[:MAX_DETAILS]))


def quote_widths(context: Context) -> RuleResult:
    quotes = [(line, char) for line in context.flow.lines for char in line.chars
              if char.text in QUOTES]
    narrow = [(line, char) for line, char in quotes
              if abs((char.x1 - char.x0) - char.size) > 0.1]
    widths = Counter(round((char.x1 - char.x0) / char.size, 2) for _, char in quotes)
    measured = ", ".join(f"{count}× {width:g} em" for width, count in widths.items()) or "none"
    return RuleResult("quotes “ ” ‘ ’ full width", measured, "1 em", not narrow,
                      tuple(f"{where(line)}: {char.text} is "
                            f"{(char.x1 - char.x0) / char.size:.2f} em"
                            for line, char in narrow[:MAX_DETAILS]))
