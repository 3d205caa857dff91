"""``python -m report_pdf lint [--fix]``: punctuation and structure of report.md.

Punctuation after GB/T 15834: ASCII , ; : ( ) ? ! in Chinese text, stray
spaces, full-width digits and letters, doubled marks, unbalanced brackets and
quotes. Percent signs are half-width (%), as the digits before them are.
Structure: heads numbered in sequence (一、二、, （一）（二）, 1. 2., （1）（2）) and
一是 / 二是 / 三是 in sequence within a paragraph.

The words of the YAML files (labels, titles) are checked for punctuation too,
and reported only.

``--fix`` rewrites only what has one right answer: the ASCII marks (brackets
only as a matched pair), the stray spaces, the full-width digits, letters and
percent signs. The rest is reported for the editor to decide.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from .chinese import NUMERAL_CHARACTERS, chinese_number, chinese_numeral, is_chinese
from .content.loader import display_path
from .content.reading import read_text
from .content.text import parse_report_text
from .content.yamldoc import load_yaml, yaml_texts
from .errors import InputError, Problem, ProblemCollector
from .model import (
    Block,
    Heading,
    Location,
    Paragraph,
    Report,
    SourceLine,
    heads_of,
    paragraphs_of,
)
from .project import CHARTS_FILE, INDICATORS_FILE, SETTINGS_FILE, TEXT_FILE

FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
PAIRS = {"（": "）", "《": "》", "【": "】", "〔": "〕", "“": "”", "‘": "’", "(": ")"}
DOUBLED = set("，。、；：！？")
SPACES = " \u3000"
CAPTION_NUMBER = re.compile(r"^[表图][0-9]+")
MAX_FIX_PASSES = 5
RUN_IN_ENDS = ("。", "？", "！", "：")
YEAR = re.compile(r"(?<![0-9])(19[0-9]{2}|20[0-9]{2})(?=年)")
POINT = re.compile(rf"(?:^|(?<=[。；：！？]))([{NUMERAL_CHARACTERS}]+)是")


@dataclass(frozen=True)
class Fix:
    """Replace ``length`` characters at ``column`` (1-based) of ``line`` by ``text``."""

    line: int
    column: int
    length: int
    text: str


@dataclass(frozen=True)
class Finding:
    problem: Problem
    fix: Fix | None = None


def lint_text(text: str, display: Path) -> list[Finding]:
    parsed = parse_report_text(text, display, ProblemCollector())
    return lint_parsed(parsed.source_lines, parsed.blocks)


def lint_parsed(lines: tuple[SourceLine, ...], blocks: tuple[Block, ...]) -> list[Finding]:
    findings: list[Finding] = []
    for line in lines:
        findings += _marks(line) + _spaces(line) + _full_width(line) + _doubled(line)
    paragraphs: dict[int, list[SourceLine]] = {}
    for line in lines:
        paragraphs.setdefault(line.paragraph, []).append(line)
    for paragraph in paragraphs.values():
        findings += _balance(paragraph)
    findings += _structure(blocks)
    return sorted(findings, key=lambda finding: (finding.problem.location.line,
                                                 finding.problem.location.column))


def _at(line: SourceLine, index: int) -> Location:
    start = line.location
    return Location(start.file, start.line, start.column + index)


def _marks(line: SourceLine) -> list[Finding]:
    findings = []
    text = line.text
    for index, char in enumerate(text):
        if char not in FULL_WIDTH:
            continue
        before, after = text[index - 1:index], text[index + 1:index + 2]
        if not (is_chinese(before) or is_chinese(after)):
            continue  # 1,000 or 12:30 or English
        fix = Fix(line.location.line, line.location.column + index, 1, FULL_WIDTH[char])
        if char in "()" and _partner(text, index) is None:
            fix = None  # an unmatched bracket: which one is wrong is not certain
        findings.append(Finding(Problem(f"ASCII “{char}” in Chinese text: use “"
                                        f"{FULL_WIDTH[char]}”", _at(line, index)), fix))
    return findings


def _partner(text: str, index: int) -> int | None:
    """The index of the ASCII bracket matching the one at ``index``, if any."""
    step, opening, closing = (1, "(", ")") if text[index] == "(" else (-1, ")", "(")
    depth = 0
    position = index
    while 0 <= position < len(text):
        if text[position] == opening:
            depth += 1
        elif text[position] == closing:
            depth -= 1
            if depth == 0:
                return position
        position += step
    return None


def _spaces(line: SourceLine) -> list[Finding]:
    findings = []
    caption = CAPTION_NUMBER.match(line.text)  # “表1 标题”: the space is the caption's
    for match in re.finditer(f"[{SPACES}]+", line.text):
        if caption and match.start() == caption.end():
            continue
        before = line.text[match.start() - 1:match.start()]
        after = line.text[match.end():match.end() + 1]
        # between Chinese characters, or between a number and its Chinese unit
        if (is_chinese(before) and (is_chinese(after) or after.isdigit())) or (
                before.isdigit() and is_chinese(after)):
            findings.append(Finding(
                Problem(f"space between “{before}” and “{after}”: Chinese text has none",
                        _at(line, match.start())),
                Fix(line.location.line, line.location.column + match.start(),
                    match.end() - match.start(), "")))
    return findings


def _full_width(line: SourceLine) -> list[Finding]:
    findings = []
    for index, char in enumerate(line.text):
        if "０" <= char <= "９" or "Ａ" <= char <= "Ｚ" or "ａ" <= char <= "ｚ" or char == "％":
            half = chr(ord(char) - 0xFEE0)
            what = "percent sign" if char == "％" else "digit or letter"
            findings.append(Finding(
                Problem(f"full-width {what} “{char}”: use “{half}”", _at(line, index)),
                Fix(line.location.line, line.location.column + index, 1, half)))
    return findings


def _doubled(line: SourceLine) -> list[Finding]:
    findings = []
    for index in range(len(line.text) - 1):
        pair = line.text[index:index + 2]
        if pair[0] in DOUBLED and pair[1] in DOUBLED:
            findings.append(Finding(Problem(f"two punctuation marks in a row: “{pair}”",
                                            _at(line, index))))
    return findings


def _balance(lines: list[SourceLine]) -> list[Finding]:
    findings = []
    stack: list[tuple[str, Location]] = []
    closers = {closing: opening for opening, closing in PAIRS.items()}
    for line in lines:
        for index, char in enumerate(line.text):
            if char in PAIRS:
                stack.append((char, _at(line, index)))
            elif char in closers:
                if stack and PAIRS[stack[-1][0]] == char:
                    stack.pop()
                elif stack and stack[-1][0] != "“" and closers[char] in "（(" \
                        and stack[-1][0] in "（(":
                    findings.append(Finding(Problem(
                        f"“{stack[-1][0]}” at column {stack[-1][1].column} is closed by "
                        f"“{char}”: use the pair （）", _at(line, index))))
                    stack.pop()
                else:
                    findings.append(Finding(Problem(f"“{char}” closes nothing",
                                                    _at(line, index))))
    findings += [Finding(Problem(f"“{opening}” is never closed", where))
                 for opening, where in stack]
    return findings


def _structure(blocks: tuple[Block, ...]) -> list[Finding]:
    findings = []
    expected: dict[int, int] = {}  # level -> next number
    for head in heads_of(blocks):
        number = _head_number(head)
        for deeper in [level for level in expected if level > head.level]:
            del expected[deeper]
        wanted = expected.get(head.level, 1)
        if number is not None and number != wanted:
            if number > wanted:
                what = f"skips from {wanted - 1}"
            elif number == wanted - 1:
                what = "repeats the number of the head before it"
            else:
                what = f"is out of order: number {number} after number {wanted - 1}"
            findings.append(Finding(Problem(
                f"head “{head.number}” {what}: expected number {wanted} of level "
                f"{head.level}", head.location)))
        expected[head.level] = (number or wanted) + 1
    for paragraph in paragraphs_of(blocks):
        findings += _points(paragraph) + _run_in_end(paragraph)
    return findings


def _run_in_end(paragraph: Paragraph) -> list[Finding]:
    """A head that runs into its paragraph ends with its full stop (or ？！): without
    it, the head's words and the paragraph's first words read as one sentence."""
    head = paragraph.run_in
    if head is None or head.title.endswith(RUN_IN_ENDS):
        return []
    return [Finding(Problem(
        f"the head “{head.text[:16]}” runs into its paragraph without closing "
        "punctuation: end it with 。 (or put a blank line after it to set it apart)",
        head.location))]


def _head_number(head: Heading) -> int | None:
    digits = re.sub(r"[、（）().]", "", head.number)
    return int(digits) if digits.isdigit() else chinese_number(digits)


def _points(paragraph: Paragraph) -> list[Finding]:
    """一是, 二是, 三是 … in order within a paragraph."""
    findings = []
    wanted = 1
    for line in paragraph.lines:
        for match in POINT.finditer(line.text):
            number = chinese_number(match.group(1))
            if number is None:
                continue
            if number != wanted:
                findings.append(Finding(Problem(
                    f"“{match.group(0)}” where “{chinese_numeral(wanted)}是” comes next in this "
                    "paragraph", Location(line.location.file, line.location.line,
                                          (line.location.column or 1) + match.start()))))
            wanted = number + 1
    return findings


def apply_fixes(text: str, findings: list[Finding]) -> str:
    lines = text.split("\n")
    fixes = sorted((finding.fix for finding in findings if finding.fix),
                   key=lambda fix: (fix.line, fix.column), reverse=True)
    for fix in fixes:
        line = lines[fix.line - 1]
        start = fix.column - 1
        lines[fix.line - 1] = line[:start] + fix.text + line[start + fix.length:]
    return "\n".join(lines)


@dataclass(frozen=True)
class LintResult:
    problems: list[Problem]
    fixed_text: str | None  # with --fix: the rewritten text, when anything changed
    diff: str


def lint_yaml_texts(lines: tuple[SourceLine, ...] | list[SourceLine]) -> list[Problem]:
    """The same punctuation rules on the words of the YAML files (labels, titles).

    Reported only: YAML quoting makes rewriting them in place uncertain.
    """
    problems = []
    for line in lines:
        if not any(is_chinese(char) for char in line.text):
            continue
        for finding in (_marks(line) + _spaces(line) + _full_width(line) + _doubled(line)
                        + _balance([line])):
            problems.append(finding.problem)
    return problems


def lint_loaded(report: Report) -> list[Problem]:
    """What ``lint`` finds, from the report as the build loaded it: nothing is read
    or parsed again."""
    findings = lint_parsed(report.source_lines, report.blocks)
    table = report.summary_table
    titles = [(table.title, table.location)] if table and table.location else []
    return ([finding.problem for finding in findings] + lint_yaml_texts(report.yaml_texts)
            + title_years(report.folder, report.title_lines, titles))


def title_years(folder: Path, report_title: tuple[str, ...],
                titles: list[tuple[str, Location]]) -> list[Problem]:
    """A year in a title of report.yaml (the summary table's) that is not the
    report's: a year of its own title, or, when that names none, of its folder.
    Last year's title left in next year's report would go out printed."""
    years = set(YEAR.findall("".join(report_title)))
    if not years and folder.name.isdigit():
        years = {folder.name}
    if not years:
        return []
    return [Problem(f"the title “{title[:20]}” names the year {year}, not the report's "
                    f"({'、'.join(sorted(years))}): is it last year's?", where)
            for title, where in titles for year in YEAR.findall(title) if year not in years]


def _summary_title(folder: Path) -> list[tuple[str, Location]]:
    """report.yaml's summary table title and its place, when it has one."""
    path = folder / SETTINGS_FILE
    try:
        root = load_yaml(path, display_path(path))
    except InputError:
        return []  # loading reports it
    table = root.value.get("summary_table") if isinstance(root.value, dict) else None
    title = table.value.get("title") if table and isinstance(table.value, dict) else None
    if title is None or not isinstance(title.value, str):
        return []
    return [(title.value, title.location)]


def _read_yaml_texts(folder: Path) -> list[SourceLine]:
    lines = []
    for name in (SETTINGS_FILE, INDICATORS_FILE, CHARTS_FILE):
        path = folder / name
        try:
            lines += yaml_texts(load_yaml(path, display_path(path)))
        except InputError:
            continue  # loading reports it
    return lines


def lint_report(folder: Path, fix: bool = False) -> LintResult:
    path = folder / TEXT_FILE
    shown = display_path(path)
    text = read_text(path, shown)
    parsed = parse_report_text(text, shown, ProblemCollector())
    findings = lint_parsed(parsed.source_lines, parsed.blocks)
    yaml_problems = lint_yaml_texts(_read_yaml_texts(folder))
    yaml_problems += title_years(folder, parsed.title, _summary_title(folder))
    if not fix or not any(finding.fix for finding in findings):
        return LintResult([finding.problem for finding in findings] + yaml_problems, None, "")
    # A fix can bring out another (an ASCII comma and the space after it): fix
    # until nothing more can be, so that one run reaches the result.
    fixed, remaining = text, findings
    for _ in range(MAX_FIX_PASSES):
        if not any(finding.fix for finding in remaining):
            break
        fixed = apply_fixes(fixed, remaining)
        remaining = lint_text(fixed, shown)
    diff = "".join(difflib.unified_diff(
        text.splitlines(keepends=True), fixed.splitlines(keepends=True),
        fromfile=f"a/{shown.as_posix()}", tofile=f"b/{shown.as_posix()}"))
    return LintResult([finding.problem for finding in remaining] + yaml_problems, fixed, diff)
