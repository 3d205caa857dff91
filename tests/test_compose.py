"""Stage 2b: composing Chinese lines: grid, justification, prohibitions, hanging.

The rules are tested against the standards' tables as the PDF check reads them
(report_pdf.check.standard), never against the composer's own: a character
left out of a composer table then fails a test rather than silently losing one
(test_removing_a_character_from_a_composer_table_fails_a_test shows it does).
"""

from __future__ import annotations

import re

import pytest

import report_pdf.compose as composer
from report_pdf.check.standard import (
    CLOSING,
    DATE_PART,
    MAY_HANG,
    NOT_AT_LINE_END,
    NOT_AT_LINE_START,
    NUMBER_SUFFIX,
    OPENING,
    should_compress,
    splits_number,
)
from report_pdf.compose import ComposedLine, compose, split_pieces
from report_pdf.roles import Role

SIZE = 16.0
CHARS = 28
PITCH = 15.785  # the grid: (width - one em) / 27
WIDTH = SIZE + (CHARS - 1) * PITCH
GRID = PITCH - SIZE
INDENT = 2 * PITCH
HAN = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"


def measure(text: str, role: Role) -> float:
    return sum(SIZE / 2 if char.isascii() else SIZE for char in text)


def lines_of(text: str, indent: float = 0.0, shrink: float = 0.0) -> list[ComposedLine]:
    pieces = split_pieces([(text, Role.BODY, [None] * len(text))], measure)
    return compose(pieces, WIDTH, indent, GRID, shrink)


def right_edge(line: ComposedLine, indent: float = 0.0) -> float:
    return (indent + sum(piece.width for piece in line.pieces) - sum(line.tightened)
            + (len(line.pieces) - 1) * line.spacing)


def han(count: int, start: int = 0) -> str:
    return "".join(HAN[(start + index) % len(HAN)] for index in range(count))


def test_pure_chinese_lines_hold_28_characters_on_the_grid():
    lines = lines_of(han(70))
    assert [len(line.text) for line in lines] == [28, 28, 14]
    for line in lines[:-1]:
        assert line.spacing == pytest.approx(GRID)
        assert right_edge(line) == pytest.approx(WIDTH)
    assert lines[-1].spacing == GRID  # the last line is not stretched


def test_first_line_is_indented_two_characters():
    lines = lines_of(han(60), indent=INDENT)
    assert len(lines[0].text) == 26
    assert right_edge(lines[0], INDENT) == pytest.approx(WIDTH)


def test_lines_with_digits_are_justified_between_characters_not_inside_numbers():
    lines = lines_of(han(20) + "60561" + han(30))
    first = lines[0]
    assert right_edge(first) == pytest.approx(WIDTH)
    latin = [piece for piece in first.pieces if piece.latin]
    assert [piece.text for piece in latin] == ["60561"]  # one unbreakable piece


# Prohibitions, hanging, numbers and compression, from the standard's tables -----------
#
# Each rule has a paragraph crafted so that the natural break (the last piece that
# fits by width) falls exactly where the rule forbids it, and a function listing
# what the composed lines break of the standard; the tests ask for none, and the
# last test shows that each composer table's characters are needed for that.

# A character the standard lists that the composer lacks, for a reason that is a
# bug of the composer (see the reasons).
GAPS: dict[str, str] = {}  # rules of the standard the composer is known to miss


def with_gaps(characters) -> list:
    return [pytest.param(char, marks=pytest.mark.xfail(strict=True, reason=GAPS[char]))
            if char in GAPS else char for char in sorted(characters)]


def fits_on_one_line(text: str) -> bool:
    """Whether ``text`` fits on a line by width alone: one line, nothing hung."""
    lines = lines_of(text)
    return len(lines) <= 1 and all(line.hanging is None for line in lines)


def broken_between(before: str, after: str, rest: str = "") -> str | None:
    """A paragraph whose natural break falls between ``before`` and ``after``:
    Chinese characters, then ``before`` ending the first line, then ``after``
    (one piece, which does not fit there), ``rest`` and more Chinese text. When
    ``after`` is narrower than a Chinese character, half-width digits in front
    may be needed to put the break there."""
    for lead in ("", "1", "123"):
        count = max(count for count in range(CHARS + 1)
                    if fits_on_one_line(lead + han(count) + before))
        if not fits_on_one_line(lead + han(count) + before + after):
            return lead + han(count) + before + after + rest + han(10, 5)
    return None


def prohibited_breaks(lines: list[ComposedLine]) -> list[str]:
    """Lines that start or end with a mark the standard forbids there."""
    return [f"line {number} starts with {line.text[0]}" for number, line in enumerate(lines, 1)
            if line.text[0] in NOT_AT_LINE_START] + [
        f"line {number} ends with {line.text[-1]}" for number, line in enumerate(lines, 1)
        if line.text[-1] in NOT_AT_LINE_END]


def split_numbers(lines: list[ComposedLine]) -> list[str]:
    """Line breaks that cut a number from its suffix, or a date."""
    return [f"{line.text[-4:]} / {following.text[:3]}"
            for line, following in zip(lines, lines[1:], strict=False)
            if splits_number(line.text, following.text)]


def start_problems(mark: str) -> list[str]:
    return prohibited_breaks(lines_of(broken_between("", mark)))


def end_problems(mark: str) -> list[str]:
    return prohibited_breaks(lines_of(broken_between(mark, han(1, 5))))


def hang_problems(mark: str) -> list[str]:
    first = lines_of(broken_between("", mark))[0]
    hung = first.hanging is not None and first.hanging.text == mark
    return [] if hung and len(first.pieces) == CHARS else [f"{mark} not hung after {first.text}"]


def compression_problems(first: str, second: str) -> list[str]:
    """The gap between two marks mid-line: half an em taken out when the standard
    says to compress them, nothing otherwise; the line flush either way."""
    line = lines_of(han(4) + first + second + han(40))[0]
    assert line.pieces[4].text + line.pieces[5].text == first + second
    taken = line.tightening(4)
    expected = SIZE / 2 if should_compress(first, second) else 0.0
    problems = [] if taken == pytest.approx(expected) else [
        f"{first}{second}: {taken:g} pt taken out, not {expected:g}"]
    if sum(line.tightened) != pytest.approx(taken) or len(line.pieces) != CHARS:
        problems.append(f"{first}{second}: other gaps or the line's characters changed")
    if right_edge(line) != pytest.approx(WIDTH):
        problems.append(f"{first}{second}: the line ends {WIDTH - right_edge(line):.2f} pt short")
    return problems


def number_problems(before: str, after: str, rest: str = "") -> list[str]:
    paragraph = broken_between(before, after, rest)
    assert paragraph is not None, f"no natural break between {before} and {after}"
    return split_numbers(lines_of(paragraph))


def _characters(pattern: re.Pattern) -> str:
    """The characters of a standard's pattern ``^[...]``."""
    return re.fullmatch(r"\^\[(.+)\]", pattern.pattern).group(1)


SUFFIXES = _characters(NUMBER_SUFFIX) + _characters(DATE_PART)
# The number before each suffix, as reports write them (50 otherwise: 50余, 50%).
NUMBERS = {"年": "2019", "月": "6", "日": "30", "‰": "5", "℃": "30", "°": "30"}


def suffix_problems(suffix: str) -> list[str]:
    return number_problems(NUMBERS.get(suffix, "50"), suffix)


@pytest.mark.parametrize("mark", with_gaps(NOT_AT_LINE_START))
def test_no_line_starts_with_a_mark_the_standard_forbids_there(mark):
    paragraph = broken_between("", mark)
    assert paragraph.startswith(han(CHARS))  # the mark is the 29th character
    lines = lines_of(paragraph)
    assert "".join(line.text for line in lines) == paragraph
    assert start_problems(mark) == []
    assert right_edge(lines[0]) == pytest.approx(WIDTH)


def test_a_middle_dot_inside_a_latin_run_never_starts_a_line():
    paragraph = broken_between("12", "·4")  # 12 fits on the first line, 12·4 not
    assert prohibited_breaks(lines_of(paragraph)) == []


@pytest.mark.parametrize("mark", with_gaps(NOT_AT_LINE_START - MAY_HANG))
def test_a_mark_that_may_neither_start_a_line_nor_hang_pulls_a_character_down(mark):
    lines = lines_of(broken_between("", mark))
    assert lines[0].hanging is None
    assert len(lines[0].text) == CHARS - 1
    assert lines[1].text[:2] == han(1, CHARS - 1) + mark
    assert right_edge(lines[0]) == pytest.approx(WIDTH)  # stretched to stay flush


@pytest.mark.parametrize("mark", sorted(MAY_HANG))
def test_a_mark_the_standard_lets_hang_hangs_after_a_full_line(mark):
    assert hang_problems(mark) == []
    lines = lines_of(broken_between("", mark))
    assert right_edge(lines[0]) == pytest.approx(WIDTH)  # 28 characters stay on the grid
    assert prohibited_breaks(lines) == []


@pytest.mark.parametrize("mark", sorted(NOT_AT_LINE_END))
def test_no_line_ends_with_a_mark_the_standard_forbids_there(mark):
    paragraph = broken_between(mark, han(1, 5))
    assert paragraph.startswith(han(CHARS - 1) + mark)  # the mark is the 28th character
    lines = lines_of(paragraph)
    assert end_problems(mark) == []
    assert lines[1].text.startswith(mark)
    assert right_edge(lines[0]) == pytest.approx(WIDTH)


@pytest.mark.parametrize("suffix", with_gaps(SUFFIXES))
def test_a_number_is_never_split_from_its_suffix(suffix):
    assert suffix_problems(suffix) == []


DATES = ["2019年", "6月30日", "2019年6月30日"]
DATE_CUTS = [(date, cut) for date in DATES for cut in range(1, len(date))
             if splits_number(date[:cut], date[cut:])]


@pytest.mark.parametrize("date, cut", DATE_CUTS,
                         ids=[f"{date[:cut]}|{date[cut:]}" for date, cut in DATE_CUTS])
def test_a_date_is_never_cut(date, cut):
    after = re.match(r"[0-9]+|.", date[cut:]).group()
    assert number_problems(date[:cut], after, date[cut + len(after):]) == []


@pytest.mark.parametrize("first", sorted(CLOSING | OPENING))
def test_marks_side_by_side_are_compressed_where_the_standard_says(first):
    problems = [problem for second in sorted(CLOSING | OPENING)
                for problem in compression_problems(first, second)]
    assert problems == []


@pytest.mark.parametrize("ending", ["。", "”。", "）。", "》；", "！"])
def test_no_last_line_of_one_character_with_its_closing_marks(ending):
    lines = lines_of(han(CHARS) + "件" + ending)  # naturally: a last line “件。”
    assert len(lines[-1].text.rstrip("".join(CLOSING))) > 1
    assert right_edge(lines[0]) == pytest.approx(WIDTH)


@pytest.mark.parametrize("unit", ["——", "……"])
def test_dashes_and_ellipses_are_never_split(unit):
    lines = lines_of(han(CHARS - 1) + unit + han(10))
    joined = [line.text for line in lines]
    assert all(not text.endswith(unit[0]) or text.endswith(unit) for text in joined)
    assert any(unit in text for text in joined)


def test_no_paragraph_ends_with_one_lone_character():
    lines = lines_of(han(CHARS + 1))
    assert [len(line.text) for line in lines] == [CHARS - 1, 2]
    assert right_edge(lines[0]) == pytest.approx(WIDTH)


def test_a_paragraph_of_one_line_is_left_alone():
    (line,) = lines_of(han(5))
    assert line.text == han(5) and line.spacing == GRID


def test_a_run_of_digits_that_nearly_fits_stays_by_tightening_slightly():
    text = han(CHARS - 2) + "2019" + han(10)  # 26 cells + 2 em of digits
    loose = lines_of(text)
    assert not loose[0].text.endswith("2019")
    tight = lines_of(text, shrink=0.02 * SIZE)
    assert tight[0].text.endswith("2019")
    assert right_edge(tight[0]) == pytest.approx(WIDTH)
    # the allowance never fits one more Chinese character on a line
    assert [len(line.text) for line in lines_of(han(90), shrink=0.02 * SIZE)][:3] == [28] * 3


def test_pieces_keep_runs_of_latin_and_their_signs_together():
    pieces = split_pieces([("办结率98%，“6+8”，12·4，83.4%", Role.BODY, [None] * 24)], measure)
    assert [piece.text for piece in pieces if piece.latin] == ["98%", "6+8", "12·4", "83.4%"]


# The composer's tables, each with the crafted paragraph of one of its characters:
# without that character, the standard's rule is broken there.
COMPOSER_TABLES = [
    ("NO_LINE_START", NOT_AT_LINE_START, start_problems),
    ("NO_LINE_END", NOT_AT_LINE_END, end_problems),
    ("HANGING", MAY_HANG, hang_problems),
    ("CLOSING_MARKS", CLOSING, lambda mark: compression_problems(mark, "（")),
    ("OPENING_MARKS", OPENING, lambda mark: compression_problems("，", mark)),
]
# GLUED is a pattern: its suffixes are taken out of it one at a time; 月 and 日 are
# checked inside the dates it glues. ‰ is kept by two tables: a line may not start
# with it either, so it is taken out of both.
GLUED_CASES = {"月": ("6", "月", "30日"), "日": ("6月30", "日")}
GLUED_ALSO = {"‰": "NO_LINE_START"}


def test_removing_a_character_from_a_composer_table_fails_a_test(monkeypatch):
    caught, missed = [], []

    def without(name, char, value, problems):
        label = f"{name} without {char}"
        assert problems() == [], f"{label}: the crafted paragraph fails unchanged"
        with monkeypatch.context() as patch:
            patch.setattr(composer, name, value)
            if char in GLUED_ALSO and name == "GLUED":
                also = GLUED_ALSO[char]
                patch.setattr(composer, also, getattr(composer, also) - {char})
            (caught if problems() else missed).append(label)

    for name, standard, problems in COMPOSER_TABLES:
        table = getattr(composer, name)
        for char in sorted(table & standard):
            without(name, char, table - {char}, lambda: problems(char))  # noqa: B023 (called at once)
    glued = composer.GLUED
    for char in sorted(set(glued.pattern) & set(SUFFIXES)):
        case = GLUED_CASES.get(char, (NUMBERS.get(char, "50"), char))
        without("GLUED", char, re.compile(glued.pattern.replace(char, "")),
                lambda: number_problems(*case))  # noqa: B023
    assert missed == []
    assert {label.split()[0] for label in caught} == {
        name for name, _, _ in COMPOSER_TABLES} | {"GLUED"}
