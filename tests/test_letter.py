"""The 信函格式 (GB/T 9704 10.1), on the example letter (example data only): the
first page's head as the standard places it, measured from the PDF; report.yaml's
keys refused where a letter has no place for them; and the check failing a
letter broken in one way at a time."""

from __future__ import annotations

import pytest

from conftest import FIXTURES, ROOT, chars_of, edit, failing, first_page, refusal, render
from report_pdf.check import check_pdf
from report_pdf.check.reading import read_pdf
from report_pdf.cli import main
from report_pdf.fonts import load_fonts
from report_pdf.layout import PT_PER_MM

LETTER = FIXTURES / "letter"
RULE = "信函格式 (GB/T 9704 10.1)"


@pytest.fixture(scope="module")
def letter(built_letter):
    return built_letter, read_pdf(built_letter.pdf)


def mm(points: float) -> float:
    return points / PT_PER_MM


def test_every_layout_rule_passes(letter):
    built, _ = letter
    assert built.result.check.passed, built.result.check.table()
    measured = {result.rule: result.measured for result in built.result.check.results}
    assert measured[RULE].startswith("2 + 2 red lines; mark 30.00 mm from the top")
    assert measured["page numbers"].startswith("1 of 2 pages (1 rightly without)")


def test_the_first_page_carries_no_number_and_the_second_is_counted_as_usual(letter):
    built, _ = letter
    first, second = built.pages
    assert "— 1 —" not in first and "—" not in first
    assert second.rstrip().endswith("— 2 —")


def test_mark_and_double_lines_where_the_standard_puts_them(letter, layout):
    _, document = letter
    page = document.pages[0]
    mark = [char for char in page.chars if char.red]
    assert "".join(char.text for char in mark) == "示例市司法局"
    style = layout.text["issuer_mark"]
    face = load_fonts(ROOT / "fonts").main_font(style.fonts, style.weight)
    mark_top = mark[0].baseline - face.metrics.em_top * mark[0].size  # its em box's top
    assert mm(mark_top) == pytest.approx(30, abs=0.1)  # from the paper's top edge
    mark_bottom = mark_top + mark[0].size
    upper_thick, upper_thin, lower_thin, lower_thick = sorted(
        (rule for rule in page.rules if rule.red), key=lambda rule: rule.top)
    assert mm(upper_thick.top - mark_bottom) == pytest.approx(4, abs=0.1)
    assert mm(page.height - lower_thick.bottom) == pytest.approx(20, abs=0.1)
    for rule in (upper_thick, upper_thin, lower_thin, lower_thick):
        assert mm(rule.x1 - rule.x0) == pytest.approx(170, abs=0.1)
        assert mm((rule.x0 + rule.x1) / 2) == pytest.approx(105, abs=0.1)  # the page's middle
    for thick, thin in ((upper_thick, upper_thin), (lower_thick, lower_thin)):
        assert mm(thick.bottom - thick.top) == pytest.approx(0.75, abs=0.02)
        assert mm(thin.bottom - thin.top) == pytest.approx(0.25, abs=0.02)
    assert upper_thin.top > upper_thick.bottom and lower_thin.bottom < lower_thick.top


def test_number_flush_right_and_markings_flush_left_under_the_double_line(letter, layout):
    _, document = letter
    page = document.pages[0]
    rule_bottom = sorted((rule for rule in page.rules if rule.red),
                         key=lambda rule: rule.top)[1].bottom
    left = layout.left_mm * PT_PER_MM
    number = chars_of(page, "示司函〔2024〕12号")
    copy_number = chars_of(page, "000008")
    urgency = chars_of(page, "加急")
    assert number[-1].x1 == pytest.approx(left + layout.text_width_pt, abs=0.3)
    assert copy_number[0].x0 == pytest.approx(left, abs=0.3)
    assert urgency[0].x0 == pytest.approx(left, abs=0.3)
    assert not any(char.red for char in number + copy_number + urgency)
    # 7/8 of a 三号 character under the line: the top of the em box, 0.88 em above
    # the baseline in every committed face
    assert number[0].baseline - 0.88 * 16 - rule_bottom == pytest.approx(14, abs=0.3)
    assert copy_number[0].baseline == pytest.approx(number[0].baseline, abs=0.1)
    assert urgency[0].baseline - copy_number[0].baseline == pytest.approx(
        layout.line_pitch_pt, abs=0.1)
    title = chars_of(page, "示例市司法局关于")
    blank = (title[0].baseline - 0.88 * title[0].size - (urgency[0].baseline + 0.12 * 16))
    assert 2 * layout.line_pitch_pt <= blank < 3 * layout.line_pitch_pt


@pytest.mark.parametrize("old, new, expected, line", [
    ("format: letter ", "format: memo ", "document: format must be letter (信函格式, GB/T 9704 "
     "10.1) or minutes (纪要格式, 10.3), or be left out for the 文件格式; found 'memo'", 4),
    ("  issuer_mark: 示例市司法局\n", "", "document: a letter (信函格式, GB/T 9704 10.1) is "
     "headed by its red mark: give issuer_mark", 4),
    ("  addressees:", "  signers: [张示例]\n  addressees:", "document: signers (签发人) stand "
     "in the 版头 of a 上行文 in the 文件格式, not in a letter", 9),
    ("  addressees:", "  present: [张示例]\n  addressees:", "document: present (出席) is "
     "printed at the end of minutes (纪要格式, GB/T 9704 10.3): give format: minutes", 9),
    ("  note:", "  colophon:\n    printed_by: 示例市司法局办公室\n    printed_on: 2024年3月1日\n"
     "  note:", "document: colophon: a letter's 版记 (GB/T 9704 10.1: 抄送 only, without 印发机关, "
     "印发日期 and rules) is not supported", 14),
], ids=["unknown-format", "no-mark", "signers", "attendance", "colophon"])
def test_what_a_letter_has_no_place_for_is_refused_with_its_place(tmp_path, old, new,
                                                                  expected, line):
    problem = refusal(LETTER, tmp_path / "report", old, new, expected)
    assert problem.location.line == line


def test_bad_format_keys_exit_2_with_their_places_and_nothing_written(make_report, tmp_path,
                                                                     capsys):
    settings = (LETTER / "report.yaml").read_text(encoding="utf-8")
    settings = settings.replace("format: letter ", "format: 信函 ").replace(
        "  addressees:", "  on_leave: [张示例]\n  addressees:")
    folder = make_report({name: (LETTER / name).read_text(encoding="utf-8")
                          for name in ("report.md", "indicators.yaml", "charts.yaml")}
                         | {"report.yaml": settings})
    assert main(["build", str(folder), "-o", "out"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.splitlines()[:2] == [
        "error: report/report.yaml:4:11: document: format must be letter (信函格式, GB/T 9704 "
        "10.1) or minutes (纪要格式, 10.3), or be left out for the 文件格式; found '信函'",
        "error: report/report.yaml:9:13: document: on_leave (请假) is printed at the end of "
        "minutes (纪要格式, GB/T 9704 10.3): give format: minutes, or remove it"]
    assert not (tmp_path / "out").exists()


def bar(top: str, height: str, left: str = "-22.677", width: str = "481.890") -> str:
    return (f'<div class="red-rule" style="top: {top}pt; left: {left}pt; width: {width}pt; '
            f'height: {height}pt"></div>')


UPPER = bar("27.496", "2.126") + "\n" + bar("31.039", "0.709")
MARK = '<p class="issuer-mark" style="top: -21.733pt;'
NUMBER = 'style="margin-left: 250.205pt">示司函〔2024〕12号'
BARS = "\n".join((UPPER, bar("676.063", "0.709"), bar("678.189", "2.126")))


@pytest.mark.parametrize("old, new, expected", [
    # the mark 1 mm lower
    (MARK, MARK.replace("-21.733", "-18.898"),
     "page 1: “示例市司法局”: its top 31.00 mm from the paper's top edge, not 30 / the double "
     "line under the mark: 3.00 mm under it, not 4 mm"),
    # thin over thick under the mark, the pair's bottom where it was
    (UPPER, bar("27.496", "0.709") + "\n" + bar("29.622", "2.126"),
     "the double line under the mark: lines of 0.25 mm over 0.75 mm, not thick over thin"),
    # the foot's thick line 160 mm long, still centred
    (bar("678.189", "2.126"), bar("678.189", "2.126", "-8.504", "453.543"),
     "the double line at the foot: 160.00 mm long, not 170 mm"),
    # the 发文字号 a character in from the right edge
    (NUMBER, NUMBER.replace("250.205", "234.205"),
     "page 1: “示司函〔2024〕12号”: the 发文字号 ends 5.64 mm from the right edge, not flush "
     "right"),
], ids=["mark-lower", "thin-over-thick", "short-line", "number-not-flush-right"])
def test_a_letter_broken_in_one_way_fails_its_rule(built_letter, layout, old, new, expected):
    html = edit(first_page(built_letter.html), old, new)
    report = check_pdf(render((built_letter, built_letter.result.html_path.parent), html),
                       layout)
    assert failing(report) == {RULE: expected}


def test_a_number_on_the_first_page_of_a_letter_fails(built_letter, layout):
    html = first_page(built_letter.html)
    body = html.index("<body>")
    html = html[:body] + html[body:].replace(" unnumbered", "")
    report = check_pdf(render((built_letter, built_letter.result.html_path.parent), html),
                       layout)
    assert failing(report) == {
        "page numbers": "page 1: numbered, but it is a letter's first page (GB/T 9704 10.1)"}


def test_a_letter_is_known_by_its_double_lines(built_letter, layout):
    """Without them, the PDF is no letter to the check: its first page lacks a number,
    and its mark stands where a 文件's does not, without a red line under it."""
    html = edit(first_page(built_letter.html), BARS, "")
    report = check_pdf(render((built_letter, built_letter.result.html_path.parent), html),
                       layout)
    assert failing(report) == {
        "page numbers": "page 1: no page number",
        "发文机关标志 and the red line": "the mark's top -7.00 mm under the text block's top / "
                                        "0 red lines in the 版头, where one is due"}
    assert next(result.measured for result in report.results
                if result.rule == RULE) == "not a letter"
