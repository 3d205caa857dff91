"""Stage 2b: composing Chinese lines: grid, justification, prohibitions, hanging."""

from __future__ import annotations

import pytest

from report_pdf.compose import (
    HANGING,
    NO_LINE_END,
    NO_LINE_START,
    ComposedLine,
    compose,
    split_pieces,
)
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
    return (indent + sum(piece.width for piece in line.pieces)
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


@pytest.mark.parametrize("mark", sorted(HANGING))
def test_a_full_line_hangs_a_following_comma_like_mark(mark):
    lines = lines_of(han(CHARS) + mark + han(10))
    assert lines[0].hanging is not None and lines[0].hanging.text == mark
    assert len(lines[0].pieces) == CHARS  # 28 characters stay on the grid
    assert right_edge(lines[0]) == pytest.approx(WIDTH)
    assert lines[1].text[0] not in NO_LINE_START


@pytest.mark.parametrize("mark", sorted(NO_LINE_START - HANGING - {"—", "…"}))
def test_a_closing_mark_that_cannot_hang_pulls_a_character_down(mark):
    lines = lines_of(han(CHARS) + mark + han(10))
    assert lines[0].hanging is None
    assert len(lines[0].text) == CHARS - 1
    assert lines[1].text[:2] == han(1, CHARS - 1) + mark
    assert right_edge(lines[0]) == pytest.approx(WIDTH)  # stretched to stay flush


@pytest.mark.parametrize("mark", sorted(NO_LINE_END))
def test_an_opening_mark_never_ends_a_line(mark):
    lines = lines_of(han(CHARS - 1) + mark + han(10))
    assert lines[0].text[-1] not in NO_LINE_END
    assert lines[1].text.startswith(mark)
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
