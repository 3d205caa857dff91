"""The parts of an issued document, on the example fixture (example data only)."""

from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURES, ROOT, build_into, chars_of
from report_pdf.check.reading import read_pdf
from report_pdf.content import load_report
from report_pdf.errors import InputError
from report_pdf.fonts import load_fonts
from report_pdf.layout import PT_PER_MM

ISSUED = FIXTURES / "issued"


@pytest.fixture(scope="module")
def issued(built_issued):
    return built_issued, read_pdf(built_issued.pdf)


def mm(points: float) -> float:
    return points / PT_PER_MM


def test_every_layout_rule_passes(issued):
    built, _ = issued
    assert built.result.check.passed, built.result.check.table()
    rules = {result.rule: result.measured for result in built.result.check.results}
    assert rules["版记 at the foot of an even page"].startswith("page 4, 3 rules")


def test_masthead_mark_number_and_red_line(issued, layout):
    _, document = issued
    page = document.pages[0]
    mark = chars_of(page, "示例市人民政府文件")
    assert all(char.red for char in mark)
    style = layout.text["issuer_mark"]
    face = load_fonts(ROOT / "fonts").main_font(style.fonts, style.weight)
    mark_top = mark[0].baseline - face.metrics.em_top * mark[0].size  # its em box's top
    assert mm(mark_top) == pytest.approx(layout.top_mm + layout.mark_below_text_top_mm, abs=0.5)
    number = chars_of(page, "示府发〔2020〕1号")
    assert not any(char.red for char in number)
    centre = (number[0].x0 + number[-1].x1) / 2
    assert mm(centre) == pytest.approx(layout.left_mm + layout.text_width_mm / 2, abs=0.5)
    (red_line,) = [rule for rule in page.rules if rule.red]
    number_bottom = number[0].baseline + number[0].descent
    assert mm(red_line.top - number_bottom) == pytest.approx(layout.rule_below_number_mm,
                                                             abs=0.3)
    assert mm(red_line.x1 - red_line.x0) == pytest.approx(layout.text_width_mm, abs=0.1)
    assert mm(red_line.bottom - red_line.top) == pytest.approx(layout.masthead_rule_mm, abs=0.05)
    title = chars_of(page, "示例市人民政府关于")
    blank_lines = (title[0].baseline - red_line.bottom) / layout.line_pitch_pt
    assert 2 < blank_lines < 3  # two blank lines, then the title's own line


def test_addressees_attachment_note_and_signature(issued, layout):
    _, document = issued
    left = layout.left_mm * PT_PER_MM
    addressees = chars_of(document.pages[0], "示例自治区人民政府：")
    assert addressees[0].x0 == pytest.approx(left, abs=0.5)
    page = document.pages[1]
    note = chars_of(page, "附件：示例主要指标一览表")
    assert note[0].x0 == pytest.approx(left + layout.indent_pt, abs=0.5)
    authority = chars_of(page, "示例市人民政府")
    date = chars_of(page, "2020年3月1日")
    two_chars = 2 * layout.char_pitch_pt
    right = left + layout.text_width_pt
    # The date starts two characters right of the authority; whichever ends
    # further right ends two characters in from the right edge (here the date).
    assert date[0].x0 == pytest.approx(authority[0].x0 + two_chars, abs=0.5)
    assert max(authority[-1].x1, date[-1].x1) == pytest.approx(right - two_chars, abs=0.5)
    assert date[-1].x1 > authority[-1].x1
    assert date[0].baseline - authority[0].baseline == pytest.approx(layout.line_pitch_pt)


def test_colophon_lines_are_inset_one_character(issued, layout):
    _, document = issued
    page = document.pages[3]
    inset = layout.colophon_inset_chars * layout.text["colophon"].size_pt
    left = layout.left_mm * PT_PER_MM
    copy_to = chars_of(page, "抄送：")
    assert copy_to[0].x0 == pytest.approx(left + inset, abs=0.5)
    printed_on = chars_of(page, "印发")
    assert printed_on[-1].x1 == pytest.approx(left + layout.text_width_pt - inset, abs=0.5)
    assert copy_to[0].size == pytest.approx(14, abs=0.1)


def test_a_blank_page_before_the_colophon_and_the_colophon_page_go_unnumbered(tmp_path):
    folder = tmp_path / "report"
    shutil.copytree(ISSUED, folder)
    settings = (folder / "report.yaml").read_text(encoding="utf-8")
    settings = settings.replace("summary_table:\n  title: 示例主要指标一览表\n", "")
    (folder / "report.yaml").write_text(settings.replace("attachment_note: true",
                                                         "attachment_note: false"),
                                        encoding="utf-8")
    built = build_into(folder, tmp_path / "out")
    assert built.result.check.passed, built.result.check.table()
    rules = {result.rule: result.measured for result in built.result.check.results}
    assert rules["blank pages"] == "1 (page 3)"  # rightly: before the 版记 on page 4
    pages = built.pages
    assert len(pages) == 4
    assert pages[2].strip() == ""  # the blank page
    assert "— 4 —" not in pages[3] and "印发" in pages[3]
    assert pages[1].rstrip().endswith("— 2 —")


@pytest.mark.parametrize("change, expected", [
    (("number: 示府发〔2020〕1号", "number: 示府发[2020]第01号"),
     "document: number '示府发[2020]第01号' is not like 卫政发〔2020〕1号"),
    (("date: 2020年3月1日", "date: 2020年03月01日"),
     "document: signature: 'date' must be a date like 2020年1月5日"),
    (("  issuer_mark: 示例市人民政府文件\n", ""),
     "document: a number is printed under the issuer_mark; give both"),
    (("attachment_note: true", "attachment_note: maybe"),
     "document: 'attachment_note' must be true or false, found maybe"),
    (("  addressees:", "  recipients:"), "document: unknown key 'recipients'"),
    (("summary_table:\n  title: 示例主要指标一览表\n", ""),
     "document: attachment_note lists the attachments, but there is none"),
])
def test_document_settings_are_validated(tmp_path, change, expected):
    folder = tmp_path / "report"
    shutil.copytree(ISSUED, folder)
    settings = (folder / "report.yaml").read_text(encoding="utf-8")
    assert change[0] in settings
    (folder / "report.yaml").write_text(settings.replace(*change), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_report(folder)
    assert any(expected in problem.message for problem in raised.value.problems), (
        raised.value.problems)


def test_several_signers_stand_two_to_a_line_the_number_on_the_last(make_report, tmp_path):
    """GB/T 9704 7.2.6: names two to a line, a wrapped line's name under the first
    name; the 发文字号 one character in from the left on the line of the last name."""
    folder = make_report()
    settings = (folder / "report.yaml").read_text(encoding="utf-8")
    (folder / "report.yaml").write_text(settings + (
        "document:\n  issuer_mark: 示例县人民政府\n  number: 示县政发〔2022〕3号\n"
        "  signers: [王赟, 李喆, 张堃]\n"), encoding="utf-8")
    built = build_into(folder, tmp_path / "out")
    assert built.result.check.passed, built.result.check.table()
    page = read_pdf(built.pdf).pages[0]
    lines: dict[float, list] = {}
    for char in page.chars:
        lines.setdefault(round(char.baseline, 1), []).append(char)
    texts = {baseline: "".join(char.text for char in sorted(chars, key=lambda c: c.x0))
             for baseline, chars in lines.items()}
    first = next(baseline for baseline, text in texts.items() if "签发人：" in text)
    second = next(baseline for baseline, text in texts.items() if "张堃" in text)
    assert texts[first] == "签发人：王赟李喆"
    assert texts[second] == "示县政发〔2022〕3号张堃"
    assert second - first == pytest.approx(28.95, abs=0.05)  # a grid row apart
    name_on = {char.text: char for char in lines[first] + lines[second]}
    assert name_on["张"].x0 == pytest.approx(name_on["王"].x0, abs=0.5)  # under the first name


def test_a_seal_too_wide_for_the_date_places_the_authority_at_the_right_edge(make_report,
                                                                             tmp_path, layout):
    # GB/T 9704 7.3.5.1 centres the authority on the date, four characters in; a
    # long authority cannot be, so it ends at the right edge with the date centred
    # under it, and the rule for a seal still holds.
    authority = "示例市全面依法治市委员会办公室"  # example data
    folder = make_report({"report.yaml": (
        "summary_table:\n  title: 示例指标一览表\ndocument:\n  signature:\n"
        f"    authority: {authority}\n    date: 2020年3月1日\n    seal: 是\n")})
    built = build_into(folder, tmp_path / "out")
    assert built.result.check.passed, built.result.check.table()
    page = read_pdf(built.pdf).pages[0]
    name, date = chars_of(page, authority), chars_of(page, "2020年3月1日")
    right = (layout.left_mm + layout.text_width_mm) * PT_PER_MM
    assert abs(name[-1].x1 - right) < 0.5
    assert abs((name[0].x0 + name[-1].x1) / 2 - (date[0].x0 + date[-1].x1) / 2) < 0.5
    assert date[0].baseline - name[0].baseline == pytest.approx(layout.line_pitch_pt, abs=0.1)


def test_a_signature_stamp_stands_instead_of_the_authority_and_its_seal(make_report, tmp_path):
    folder = make_report({"report.yaml": (
        "summary_table:\n  title: 示例指标一览表\ndocument:\n  signature:\n"
        "    signer: 示例县县长\n    authority: 示例县人民政府\n    date: 2022年1月18日\n")})
    with pytest.raises(InputError) as raised:
        load_report(folder)
    assert [str(problem) for problem in raised.value.problems] == [
        "report/report.yaml:5:13: document: signature: a 签名章 (signer) stands instead of "
        "the authority and its seal (GB/T 9704 7.3.5.3): give signer, or authority (with "
        "seal, or not)"]
