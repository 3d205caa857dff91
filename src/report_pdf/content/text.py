"""The report's text: a small, line-based subset of Markdown.

::

    <!-- a comment, ignored -->
    # 2019年法治政府建设工作报告              the title, once, first; a long title
                                              is written on several '# ' lines
    ## 一、主要做法及成效                     level-1 head, on its own
    ### （一）强化领导……基础。                level-2 head
    一是加强党的领导……。                      its paragraph: the head runs in,
    市委先后召开6次常委会会议……。             because no blank line separates them
    #### 1. ……                               level-3 head
    ##### （1）……                             level-4 head

Paragraphs are separated by blank lines; the lines of one paragraph are joined
without a space, so a paragraph may be written one sentence per line.
A head followed by a blank line stands on its own line; a level-2 to level-4
head followed directly by text runs into that paragraph, and its section ends
with that paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..chinese import NUMERAL_CHARACTERS
from ..errors import ProblemCollector
from ..model import (
    Block,
    BodyTable,
    Heading,
    Line,
    Location,
    Paragraph,
    Section,
    SourceLine,
)
from .tables import caption_of, is_table_line, parse_table

CHINESE_NUMERAL = f"[{NUMERAL_CHARACTERS}]+"
HEAD_NUMBER = {
    1: (re.compile(rf"^({CHINESE_NUMERAL})、\s*(.*)$"), "一、"),
    2: (re.compile(rf"^（({CHINESE_NUMERAL})）\s*(.*)$"), "（一）"),
    3: (re.compile(r"^([0-9]+)\.\s*(.*)$"), "1."),
    4: (re.compile(r"^（([0-9]+)）\s*(.*)$"), "（1）"),
}
HEAD_LINE = re.compile(r"^(#+)(?:\s+(.*))?$")
STRIPPED = " \t\u3000"
# Markup that Markdown knows and a printed report has no use for: it would be
# printed as it is typed.
NOT_TEXT = (
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"),
     "an HTML tag is not part of a report's text: write the words alone"),
    (re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)"),
     "an image is not part of a report's text: a chart is declared in charts.yaml"),
    (re.compile(r"\[[^\]\n]*\]\([^)\n]*\)"),
     "a link is not part of a printed report: write what it names in words"),
)
# Bounds that no real report comes near, so that no text makes a build run for
# hours: the longest paragraph of the reports so far has about 700 characters,
# and a page holds about 600.
MAX_PARAGRAPH_CHARS = 5_000
MAX_TEXT_CHARS = 300_000  # about 500 pages


@dataclass(frozen=True)
class ParsedText:
    title: tuple[str, ...]  # its lines, as broken by the author
    title_location: Location
    title_line_locations: tuple[Location, ...]  # where each line's words start
    blocks: tuple[Block, ...]
    sections: tuple[Section, ...]
    source_lines: tuple[SourceLine, ...]  # every line of words, for the lint


@dataclass
class _RawBlock:
    """A run of non-blank lines, before it is interpreted."""

    lines: list[tuple[int, int, str]]  # (line, column where the text starts, text)


def parse_report_text(text: str, display: Path, problems: ProblemCollector) -> ParsedText:
    title: tuple[tuple[str, ...], Location, tuple[Location, ...]] | None = None
    blocks: list[Block] = []
    sections: list[Section] = []
    open_sections: dict[int, Section] = {}  # level -> innermost open section at that level

    def current_section() -> Section:
        if open_sections:
            return open_sections[max(open_sections)]
        if not sections or sections[0].heading is not None:
            sections.insert(0, Section("", None))
        return sections[0]

    def open_section(heading: Heading) -> Section:
        for level in [level for level in open_sections if level >= heading.level]:
            del open_sections[level]
        outer = [level for level in open_sections if level < heading.level]
        parent = open_sections[max(outer)] if outer else None
        key_part = heading.number.rstrip("、")
        section = Section((parent.key if parent else "") + key_part, heading, parent)
        open_sections[heading.level] = section
        sections.append(section)
        return section

    missing_title_reported = False
    raw_blocks = _raw_blocks(text, display, problems)
    for raw in raw_blocks:
        first_number, first_column, first_line = raw.lines[0]
        location = Location(display, first_number, first_column)
        head = HEAD_LINE.match(first_line)
        if title is None and not missing_title_reported and (
                head is None or len(head.group(1)) > 1):
            problems.add("the text must begin with the title line: '# 标题'", location)
            missing_title_reported = True
        if _starts_table(raw):
            table = _table(raw, blocks, current_section(), display, problems)
            if table is not None:
                if table.number != len([block for block in blocks
                                        if isinstance(block, BodyTable)]) + 1:
                    problems.add(f"table 表{table.number} is out of order: tables are "
                                 "numbered 表1, 表2 … as they come", table.caption_location)
                blocks.append(table)
            continue
        if head is None:
            paragraph_lines = tuple(Line(line, Location(display, number, column))
                                    for number, column, line in raw.lines)
            blocks.append(Paragraph(paragraph_lines, current_section()))
            continue

        level = len(head.group(1)) - 1
        words = (head.group(2) or "").strip(STRIPPED)
        rest = raw.lines[1:]
        if level == 0:
            if title is not None:
                problems.add(f"a second title; the title is already given at line "
                             f"{title[1].line}", location)
            elif blocks:
                problems.add("the title must come before any other text", location)
            # A long title is written on several '# ' lines, broken by meaning.
            title_lines, title_places = [], []
            for number, column, line in raw.lines:
                more = HEAD_LINE.match(line)
                if more is None or len(more.group(1)) != 1:
                    problems.add("the title must stand alone: put a blank line after it",
                                 Location(display, number, column))
                    break
                words = (more.group(2) or "").strip(STRIPPED)
                title_lines.append(words)
                title_places.append(Location(display, number,
                                             column + line.index(words) if words else column))
            if not all(title_lines):
                problems.add("the title is empty", location)
            title = (tuple(title_lines), location, tuple(title_places))
            continue

        # Problems point at the head's marker; the head itself is where its number is.
        words_at = Location(display, first_number,
                            first_column + first_line.index(words) if words else first_column)
        heading = _heading(level, words, location, words_at, problems)
        if heading is None:
            continue
        section = open_section(heading)
        if not rest:
            blocks.append(heading)
            continue
        if level == 1:
            problems.add("a level-1 head (一、) must stand on its own line: "
                         "put a blank line after it", Location(display, rest[0][0], rest[0][1]))
            blocks.append(heading)
            continue
        if HEAD_LINE.match(rest[0][2]):
            problems.add("two heads on consecutive lines: put a blank line between them",
                         Location(display, rest[0][0], rest[0][1]))
            continue
        paragraph_lines = tuple(Line(line, Location(display, number, column))
                                for number, column, line in rest)
        blocks.append(Paragraph(paragraph_lines, section, run_in=heading))
        del open_sections[level]  # a run-in head's section is its one paragraph

    if title is None:
        if not missing_title_reported:
            problems.add("no title: the first line must be '# 标题'", Location(display, 1, 1))
        title = (("",), Location(display, 1, 1), (Location(display, 1, 1),))
    return ParsedText(title[0], title[1], title[2], tuple(blocks), tuple(sections),
                      _source_lines(raw_blocks, display))


def _starts_table(raw: _RawBlock) -> bool:
    """A pipe table, or its caption line with the table right under it."""
    first = raw.lines[0][2]
    return is_table_line(first) or (caption_of(first) is not None and len(raw.lines) > 1
                                    and is_table_line(raw.lines[1][2]))


def _table(raw: _RawBlock, blocks: list[Block], section: Section, display: Path,
           problems: ProblemCollector) -> BodyTable | None:
    """The table of a block, with its caption: the block's first line, or the
    one-line paragraph just before it."""
    lines = raw.lines
    caption = None
    if not is_table_line(lines[0][2]):
        number, column, text = lines[0]
        caption = _caption(text, Location(display, number, column))
        lines = lines[1:]
    elif blocks and isinstance(blocks[-1], Paragraph) and not blocks[-1].run_in \
            and len(blocks[-1].lines) == 1 and caption_of(blocks[-1].lines[0].text):
        line = blocks.pop().lines[0]
        caption = _caption(line.text, line.location)
    if caption is None:
        problems.add("a table needs its caption on the line above it, like “表1 标题”",
                     Location(display, lines[0][0], lines[0][1]))
        return None
    return parse_table(lines, caption, section, display, problems)


def _caption(text: str, start: Location) -> tuple[int, str, Location]:
    """A caption's number and title, and where the title starts."""
    number, title = caption_of(text)
    return number, title, Location(start.file, start.line,
                                   (start.column or 1) + text.index(title))


def _heading(level: int, words: str, location: Location, words_at: Location,
             problems: ProblemCollector) -> Heading | None:
    if level not in HEAD_NUMBER:
        problems.add(f"'{'#' * (level + 1)}' is not a known head: use # for the title and "
                     "## to ##### for heads of levels 1 to 4", location)
        return None
    pattern, example = HEAD_NUMBER[level]
    match = pattern.match(words)
    if match is None or not match.group(2):
        problems.add(f"a level-{level} head must start with its number, like "
                     f"'{example}', followed by its words; found '{words}'", location)
        return None
    number = words[:match.start(2)].rstrip(STRIPPED)
    return Heading(level, number, match.group(2), words_at, match.start(2))


def _source_lines(raw_blocks: list[_RawBlock], display: Path) -> tuple[SourceLine, ...]:
    """Every line of words in report.md, for checks that work on the raw text."""
    lines = []
    for index, raw in enumerate(raw_blocks):
        for number, column, line in raw.lines:
            head = HEAD_LINE.match(line)
            words = line
            if head is not None:
                words = (head.group(2) or "").strip(STRIPPED)
                column += line.index(words) if words else len(line)
            lines.append(SourceLine(words, Location(display, number, column), index))
    return tuple(lines)


def _raw_blocks(text: str, display: Path, problems: ProblemCollector) -> list[_RawBlock]:
    """Split the text into runs of non-blank lines, leaving comments out."""
    blocks: list[_RawBlock] = []
    current: list[tuple[int, int, str]] = []
    in_comment_since: int | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip(STRIPPED)
        if in_comment_since is not None:
            if "-->" in stripped:
                in_comment_since = None
            continue
        if stripped.startswith("<!--"):
            if "-->" not in stripped:
                in_comment_since = number
            elif not stripped.endswith("-->"):
                problems.add("text after a comment on the same line; put it on its own line",
                             Location(display, number, stripped.index("-->") + 4))
            continue
        if stripped:
            column = len(line) - len(line.lstrip(STRIPPED)) + 1
            for pattern, message in NOT_TEXT:
                found = pattern.search(stripped)
                if found:
                    problems.add(message, Location(display, number, column + found.start()))
                    break
            current.append((number, column, stripped))
        elif current:
            blocks.append(_RawBlock(current))
            current = []
    if current:
        blocks.append(_RawBlock(current))
    if in_comment_since is not None:
        problems.add("a comment '<!--' is never closed with '-->'",
                     Location(display, in_comment_since, 1))
    _refuse_outsized(blocks, display, problems)
    return blocks


def _refuse_outsized(blocks: list[_RawBlock], display: Path,
                     problems: ProblemCollector) -> None:
    total = 0
    for raw in blocks:
        size = sum(len(text) for _, _, text in raw.lines)
        total += size
        if size > MAX_PARAGRAPH_CHARS and not is_table_line(raw.lines[0][2]):
            number, column, _ = raw.lines[0]
            problems.add(f"a paragraph of {size:,} characters, more than the "
                         f"{MAX_PARAGRAPH_CHARS:,} a paragraph may have: is a blank line "
                         "missing between paragraphs?", Location(display, number, column))
    if total > MAX_TEXT_CHARS:
        problems.add(f"the text has {total:,} characters, more than the {MAX_TEXT_CHARS:,} "
                     "(about 500 pages) report_pdf typesets", Location(display))
