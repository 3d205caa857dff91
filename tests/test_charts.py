"""Stage 2: charts drawn from indicators as SVG with real text."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

import pytest

from conftest import CONTENT_2019, ROOT
from report_pdf.charts import draw_charts
from report_pdf.content import load_report
from report_pdf.errors import InputError
from report_pdf.fonts import load_fonts
from report_pdf.layout import load_layout

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def fonts():
    return load_fonts(ROOT / "fonts")


@pytest.fixture(scope="module")
def layout():
    return load_layout(ROOT / "styles")


@pytest.fixture(scope="module")
def report():
    return load_report(CONTENT_2019)


@pytest.fixture(scope="module")
def figures(report, fonts, layout):
    return draw_charts(report.charts, fonts, layout)


def svg_texts(svg: bytes) -> list[tuple[str, str]]:
    root = ElementTree.fromstring(svg)
    return [(element.text or "", element.get("style", "")) for element in root.iter(f"{SVG}text")]


def test_at_least_four_charts_numbered_in_reading_order(figures):
    assert len(figures) >= 4
    assert [figure.number for figure in figures] == list(range(1, len(figures) + 1))
    lines = [figure.spec.paragraph.location.line for figure in figures]
    assert lines == sorted(lines)
    assert figures[0].caption.startswith("图1 ")


def test_every_bar_label_and_value_comes_from_the_indicators(figures):
    for figure in figures:
        texts = [text for text, _ in svg_texts(figure.svg)]
        for item in figure.spec.bars:
            assert item.label in texts
            value = item.indicator.display_value
            assert value in texts or value + item.indicator.unit in texts


def test_words_are_text_in_the_documents_font_not_paths_or_pictures(figures):
    for figure in figures:
        texts = svg_texts(figure.svg)
        assert texts
        assert all("font-family: 'FandolSong'" in style for _, style in texts)
        root = ElementTree.fromstring(figure.svg)
        assert not list(root.iter(f"{SVG}image"))


def test_bars_are_told_apart_without_colour(figures):
    for figure in figures:
        fills = set()
        for element in ElementTree.fromstring(figure.svg).iter(f"{SVG}path"):
            style = element.get("style", "")
            fills.update(part.split(":")[1].strip() for part in style.split(";")
                         if part.strip().startswith("fill:") and "none" not in part)
        greys = {fill for fill in fills
                 if fill.startswith("#") and fill[1:3] == fill[3:5] == fill[5:7]}
        assert greys, f"{figure.spec.id}: no filled bars found"
        assert fills == greys, f"{figure.spec.id} uses colour: {fills - greys}"


def test_caption_carries_the_unit_and_the_notes(figures):
    hotline = next(figure for figure in figures if figure.spec.id == "hotline")
    assert hotline.caption == "图1 “12345”政务热线诉求办理情况（单位：件；办结率98%）"
    openness = next(figure for figure in figures if figure.spec.id == "openness")
    assert "单位" not in openness.caption  # mixed units: each bar carries its own


def test_drawing_is_deterministic(report, fonts, layout, figures):
    again = draw_charts(report.charts, fonts, layout)
    assert [figure.svg for figure in again] == [figure.svg for figure in figures]


def test_a_chart_label_the_font_lacks_fails_with_its_place(make_report, fonts, layout):
    charts = (make_report() / "charts.yaml").read_text(encoding="utf-8")
    folder = make_report({"charts.yaml": charts.replace("label: 办结", "label: 办结😀")})
    with pytest.raises(InputError) as raised:
        draw_charts(load_report(folder).charts, fonts, layout)
    assert [str(problem) for problem in raised.value.problems] == [
        "report/charts.yaml:3:5: chart 'example': character “😀” (U+1F600) in “办结😀” is "
        "not in the chart font FandolSong; replace it"]
