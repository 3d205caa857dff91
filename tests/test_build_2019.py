"""End to end: the 2019 report built into a PDF, read back from the PDF."""

from __future__ import annotations

import io
import re

import pytest

from conftest import CONTENT_2019, ROOT
from report_pdf.charts import chart_texts
from report_pdf.check.reading import read_pdf
from report_pdf.content import load_report
from report_pdf.fonts import load_fonts
from report_pdf.model import Heading

PAGE_NUMBER = re.compile(r"\n?— \d+ —\s*$")


@pytest.fixture(scope="module")
def report():
    return load_report(CONTENT_2019)


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def body_text(built, report) -> str:
    """The text of every page without page numbers and chart labels, lines joined.

    A chart is a form XObject, whose text the extractor may put after the
    page's other text, so the labels and values it draws are left out here.
    """
    chart_lines = {text for chart in report.charts for text in chart_texts(chart)}
    pages = []
    for page in built.pages:
        lines = PAGE_NUMBER.sub("", page).split("\n")
        pages.append(flat("".join(line for line in lines if line.strip() not in chart_lines)))
    return "".join(pages)


def attachment_pages(built) -> list[str]:
    start = next(index for index, page in enumerate(built.pages) if page.startswith("附件"))
    return built.pages[start:]


def test_build_writes_pdf_html_and_charts_without_warnings(built_2019):
    result = built_2019.result
    assert built_2019.pdf.startswith(b"%PDF-")
    assert result.warnings == ()
    assert result.page_count == len(built_2019.pages) >= 6
    assert "<html lang=\"zh-CN\">" in built_2019.html
    assert [path.name for path in result.figure_paths] == [
        "hotline.svg", "power_list.svg", "administrative_review.svg", "mediation.svg",
        "openness.svg"]
    assert all(path.read_bytes().startswith(b"<?xml") for path in result.figure_paths)


def test_every_sentence_of_the_report_is_in_the_pdf_in_order(built_2019, report):
    text = body_text(built_2019, report)
    position = 0
    sentences = [report.title]
    for block in report.blocks:
        if isinstance(block, Heading):
            sentences.append(block.text)
            continue
        if block.run_in:
            sentences.append(block.run_in.text)
        sentences += [line.text for line in block.lines]  # one sentence per line
    assert len(sentences) > 80
    for sentence in sentences:
        found = text.find(flat(sentence), position)
        assert found >= 0, f"missing or out of order: {sentence}"
        position = found + len(flat(sentence))


def test_summary_table_lists_every_indicator_under_its_section(built_2019, report):
    pages = attachment_pages(built_2019)
    assert pages[0].startswith("附件\n2019年法治政府建设主要指标一览表")
    table = "".join(flat(PAGE_NUMBER.sub("", page)) for page in pages)
    position = 0
    for section, indicators in report.indicators_by_section():
        position = table.index(flat(section.name), position)
        for indicator in indicators:
            number = report.indicators.index(indicator) + 1
            row = flat(f"{number}{indicator.label}{indicator.display_value}{indicator.unit}")
            found = table.find(row, position)
            assert found >= 0, f"row missing or out of order: {row}"
            position = found + len(row)


def test_table_header_repeats_on_every_table_page(built_2019):
    pages = attachment_pages(built_2019)
    assert len(pages) >= 2
    for page in pages:
        assert "序号指标数值单位" in flat(page)


def test_charts_are_vector_drawings_with_searchable_text(built_2019, report):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(built_2019.pdf))
    for chart in report.charts:
        pages = [index for index, text in enumerate(built_2019.pages)
                 if chart.title in text]
        assert pages, f"caption of {chart.id} not in the PDF"
        page_text = built_2019.pages[pages[0]]
        for item in chart.bars:
            assert item.label in page_text
        resources = reader.pages[pages[0]]["/Resources"]
        xobjects = resources.get("/XObject", {})
        forms = [xobject.get_object() for xobject in xobjects.values()]
        assert forms, "a chart is drawn as a form XObject"
        assert all(form["/Subtype"] == "/Form" for form in forms)
        assert all(not form.get("/Resources", {}).get("/XObject") for form in forms)


def test_figures_stand_after_the_paragraph_they_illustrate(built_2019, report):
    text = body_text(built_2019, report)
    for chart in report.charts:
        paragraph_end = text.index(flat(chart.block.lines[-1].text))
        caption = text.index(flat(chart.title))
        next_blocks = report.blocks[report.blocks.index(chart.block) + 1:]
        if next_blocks:
            following = next_blocks[0]
            start = following.text if isinstance(following, Heading) else (
                following.run_in.text if following.run_in else following.lines[0].text)
            assert paragraph_end < caption < text.index(flat(start), paragraph_end)


def _meant_face(role: str) -> str:
    """The face a role of the layout is set in, as the PDF names it."""
    from report_pdf.layout import load_layout

    style = load_layout(ROOT / "styles").text[role]
    return load_fonts(ROOT / "fonts").main_font(style.fonts, style.weight).family.replace(
        " ", "-")


def test_fonts_are_embedded_and_all_from_the_manifest(built_2019):
    fonts = load_fonts(ROOT / "fonts")
    names = {font.family.replace(" ", "-") for font in fonts.fonts}
    used = read_pdf(built_2019.pdf).fonts
    used_names = {font.name.split("-Bold")[0] for font in used}
    assert used_names <= names
    # every role the 2019 report has is set in its own face (no fallback is needed)
    assert {_meant_face(role) for role in ("body", "head_1", "head_2", "table", "caption",
                                           "chart", "page_number", "label")} <= used_names
    assert "Liberation-Serif" in used_names
    assert all(font.embedded for font in used)


def test_page_numbers_on_every_page(built_2019):
    for number, page in enumerate(built_2019.pages, start=1):
        assert page.rstrip().endswith(f"— {number} —")


def _page_lines(page):
    lines: dict[float, list] = {}
    for char in page.chars:
        lines.setdefault(round(char.baseline, 1), []).append(char)
    return [sorted(chars, key=lambda char: char.x0) for _, chars in sorted(lines.items())]


def test_heads_are_set_in_their_faces_and_run_in_heads_only_for_their_words(built_2019):
    pages = read_pdf(built_2019.pdf).pages
    lines = [line for page in pages for line in _page_lines(page)]
    by_text: dict[str, list] = {}
    for line in lines:  # the first line of each text: the body's, not the summary table's
        by_text.setdefault("".join(char.text for char in line), line)
    head_1 = by_text["一、主要做法及成效"]
    assert {char.font for char in head_1} == {_meant_face("head_1")}
    run_in = next(line for text, line in by_text.items() if text.startswith("（一）强化领导"))
    head_chars = len("（一）强化领导，完善工作机制，筑牢法治政府建设工作基础。")
    fonts = [char.font for char in run_in if not char.text.isascii()]
    assert set(fonts[:min(head_chars, len(fonts))]) == {_meant_face("head_2")}
    body = by_text[next(text for text in by_text if "中卫市坚持以习近平" in text)]
    assert {char.font for char in body} == {_meant_face("body")}
    digits = [char for line in lines for char in line if char.text.isdigit() and char.size > 15]
    assert {char.font for char in digits} <= {"Liberation-Serif", "Liberation-Serif-Bold"}


def test_attachment_starts_a_page_label_on_line_one_title_on_line_three(built_2019):
    from report_pdf.layout import PT_PER_MM, load_layout

    layout = load_layout(ROOT / "styles")
    pages = read_pdf(built_2019.pdf).pages
    page = next(page for page in pages if "".join(c.text for c in page.chars).startswith("附件"))
    label, title = _page_lines(page)[:2]
    assert "".join(char.text for char in label) == "附件"
    assert {char.font for char in label} == {_meant_face("label")}
    assert label[0].x0 == pytest.approx(layout.left_mm * PT_PER_MM, abs=0.5)
    body = next(char for char in pages[0].chars if abs(char.size - layout.body.size_pt) < 0.1
                and not char.text.isascii())

    def box_top(char):  # the grid row a line stands in: every row's baseline is the body's
        return char.baseline - (layout.line_pitch_pt + body.ascent - body.descent) / 2

    assert box_top(label[0]) == pytest.approx(layout.top_mm * PT_PER_MM, abs=0.5)
    chinese = next(char for char in title if not char.text.isascii())
    rows = (box_top(chinese) - box_top(label[0])) / layout.line_pitch_pt
    assert rows == pytest.approx(2, abs=0.02)  # the title stands on the third line
    assert title[0].size == pytest.approx(22, abs=0.1)
    centre = (title[0].x0 + title[-1].x1) / 2
    assert centre == pytest.approx((layout.left_mm + layout.text_width_mm / 2) * PT_PER_MM, abs=1)


def test_the_build_checked_its_pdf_and_every_rule_passed(built_2019):
    check = built_2019.result.check
    assert check.passed, check.table()
    measured = {result.rule: result.measured for result in check.results}
    assert measured["paragraph-internal lines flush right"].startswith("100.0% of ")
    assert measured["prohibited line starts and ends"] == "0 found"
