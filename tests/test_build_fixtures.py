"""End to end: the example reports unlike 2019, each built once and read back.

``tests/fixtures/county``: a county government's report to its superior (上行文)
with a 签发人, four levels of heads, 140 indicators, names outside GB2312 and a
chart of long labels and values from 3 to 4,126. ``tests/fixtures/figures``: a
bureau's report with a figure on nearly every page and a table over two pages.
"""

from __future__ import annotations

import re

from conftest import FIXTURES, build_into
from report_pdf.check.reading import read_pdf
from report_pdf.content import load_report

RARE = "埇堌喆堃赟䶮"  # outside GB2312 (䶮 in CJK Extension A)


def text_of(page) -> str:
    return "".join(char.text for char in page.chars)


def test_the_county_report_passes_every_rule(built_county):
    check = built_county.result.check
    assert check.passed, check.table()
    measured = {result.rule: result.measured for result in check.results}
    assert measured["签发人 and 发文字号 of a 上行文"].startswith("1 line(s)")
    assert measured["署名 and 日期 with body text"].startswith("page ")
    assert measured["署名 and 成文日期"].startswith("with a seal: date ends 22.")  # 4 × 5.6 mm
    assert measured["版记 at the foot of an even page"].startswith(
        f"page {built_county.result.page_count}, 3 rules")


def test_names_outside_gb2312_are_printed_each_from_a_fallback_face_with_a_warning(
        built_county):
    document = read_pdf(built_county.pdf)
    printed = {char.text: char.font for page in document.pages for char in page.chars}
    for char in RARE:
        assert char in printed, char
    warnings = [message for message in built_county.result.warnings]
    assert warnings and all(message.startswith("font: ") for message in warnings)
    warned = {re.search(r"“(.)”", message).group(1) for message in warnings}
    assert warned == set(RARE)  # the Noto faces of the table and charts have them all


def test_the_signer_stands_right_and_the_document_number_left_on_one_line(built_county):
    page = read_pdf(built_county.pdf).pages[0]
    line = [char for char in page.chars if abs(char.baseline - next(
        char for char in page.chars if char.text == "签").baseline) < 0.5]
    text = "".join(char.text for char in sorted(line, key=lambda char: char.x0))
    assert re.fullmatch(r"示县政发〔2022〕3号签发人：王赟", text)


def test_the_summary_table_keeps_every_level_of_heads(built_county):
    report = load_report(FIXTURES / "county")
    table = "".join(text_of(page) for page in read_pdf(built_county.pdf).pages
                    if text_of(page).startswith("附件") or "序号指标数值单位" in text_of(page))
    levels = {head.level for indicator in report.indicators
              for section in indicator.section.ancestry if (head := section.heading)}
    assert levels == {1, 2, 3, 4}
    position = 0
    for indicator in report.indicators:  # each row under all of its heads, in order
        for section in indicator.section.ancestry:
            if section.heading:
                assert section.name in table
        row = f"{report.indicators.index(indicator) + 1}{indicator.label}"
        found = table.find(row, position)
        assert found >= 0, row
        position = found


def test_the_report_with_figures_passes_every_rule_without_warnings(built_figures):
    check = built_figures.result.check
    assert check.passed, check.table()
    assert built_figures.result.warnings == ()


def test_a_figure_or_a_table_stands_on_nearly_every_page(built_figures):
    document = read_pdf(built_figures.pdf)
    charts = {page.number for page in document.pages
              if any("Figure" in (page.structure[mcid] or ()) for mcid in page.drawn
                     if mcid < len(page.structure))}
    tables = {page.number for page in document.pages
              if any("TD" in (page.structure[char.mcid] or ()) for char in page.chars
                     if char.mcid is not None and char.mcid < len(page.structure))}
    assert len(charts) >= 7 and len(charts | tables) >= len(document.pages) - 1


def test_a_body_table_goes_over_two_pages_with_its_header_repeated(built_figures):
    report = load_report(FIXTURES / "figures")
    (table,) = report.tables
    header = "".join(cell.text for cell in table.header)
    pages = [page for page in read_pdf(built_figures.pdf).pages if header in text_of(page)]
    assert len(pages) == 2
    assert table.caption.replace(" ", "") in text_of(pages[0]).replace(" ", "")
    first_rows = [row[0].text for row in table.rows if row[0].text in text_of(pages[0])]
    last_rows = [row[0].text for row in table.rows if row[0].text in text_of(pages[1])]
    assert first_rows and last_rows and first_rows[-1] != last_rows[0]
    assert first_rows + last_rows == [row[0].text for row in table.rows]


def test_the_attachment_note_alone_at_the_end_keeps_the_body_lines_it_takes(make_report,
                                                                          tmp_path):
    """Without a 署名, the 附件说明 closes the body and takes its last two lines with
    it to the next page; the check accepts the page that ends early before them.
    (Found in a 2020 draft whose taller chart moved the pagination.)"""
    sentence = "继续做好示例工作，推进示例事项办理，提高示例服务水平，完善示例机制。"
    text = (make_report() / "report.md").read_text(encoding="utf-8")
    # 29 lines of 28 characters: the paragraph ends two rows short of the page's
    # foot, with no room for the blank row and the note after it.
    long = (sentence * 29)[:28 * 29 - 3] + "工作。"
    built = build_into(make_report({"report.md": text.replace("继续做好示例工作。", long)}),
                       tmp_path / "out")
    assert built.result.check.passed
    rows = next(result.measured for result in built.result.check.results
                if result.rule == "rows used on every page the body goes on from")
    assert rows.endswith("1 ending early before what could not stand there")
    note_page = next(page for page in built.pages if "附件：" in page)
    assert note_page.split("附件：")[0].strip().count("\n") == 1  # two lines above it
