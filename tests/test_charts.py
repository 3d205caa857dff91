"""Stage 2: charts drawn from indicators as SVG with real text."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import CONTENT_2019
from report_pdf.cache import Cache
from report_pdf.charts import PT_PER_MM, ChartStyle, check_chart_glyphs, draw_charts
from report_pdf.charts_layout import wrap
from report_pdf.content import load_report
from report_pdf.errors import InputError
from report_pdf.fonts import FontSet
from report_pdf.model import ChartItem, ChartSpec, Indicator, Line, Location, Paragraph, Section

SVG = "{http://www.w3.org/2000/svg}"


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
    lines = [figure.spec.block.location.line for figure in figures]
    assert lines == sorted(lines)
    assert figures[0].caption.startswith("图1 ")


def test_every_bar_label_and_value_comes_from_the_indicators(figures):
    for figure in figures:
        texts = [text for text, _ in svg_texts(figure.svg)]
        for item in figure.spec.bars:
            assert item.label in texts
            value = item.indicator.display_value
            assert value in texts or value + item.indicator.unit in texts


def test_words_are_text_in_the_documents_fonts_not_paths_or_pictures(figures, layout):
    # No space after the commas: WeasyPrint 70 would keep it in the family's name.
    families = ",".join(f"'{name}'" for name in ChartStyle.from_layout(layout).families)
    for figure in figures:
        texts = svg_texts(figure.svg)
        assert texts
        assert all(f"font-family: {families};" in style for _, style in texts)
        root = ElementTree.fromstring(figure.svg)
        assert not list(root.iter(f"{SVG}image"))


def greys_only(svg: bytes, what: str) -> set[str]:
    """The greys a drawing fills its paths with, each also given as black ink alone
    (GB/T 9704 6.2), and no colour."""
    fills = set()
    for element in ElementTree.fromstring(svg).iter(f"{SVG}path"):
        style = element.get("style", "")
        fills.update(part.split(":")[1].strip() for part in style.split(";")
                     if part.strip().startswith("fill:") and "none" not in part)
    greys = {fill for fill in fills
             if fill.startswith("#") and fill[1:3] == fill[3:5] == fill[5:7]}
    black_ink = {fill for fill in fills
                 if re.fullmatch(r"device-cmyk\(0 0 0 [0-9.]+\)", fill)}
    assert greys, f"{what}: no filled bars found"
    assert len(black_ink) == len(greys), f"{what}: {fills}"
    assert fills == greys | black_ink, f"{what} uses colour: {fills - greys}"
    return greys


def test_bars_are_told_apart_without_colour(figures):
    for figure in figures:
        greys_only(figure.svg, figure.spec.id)


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
    meant = layout.text["chart"].fonts[1]  # the first face after the Latin one
    assert [str(problem) for problem in raised.value.problems] == [
        "report/charts.yaml:3:5: chart 'example': character “😀” (U+1F600) in “办结😀” is "
        f"not in the chart font {meant}; replace it"]


# Charts built directly from specs: a county's departments, labels of 15–22
# characters, values 3 to 4000.
WHERE = Location(Path("report/charts.yaml"), 3, 5)
PARAGRAPH = Paragraph((Line("正文。", Location(Path("report/report.md"), 1, 1)),),
                      Section("", None))
DEPARTMENTS = ("市发展和改革委员会审批服务科室", "市司法局行政复议与应诉科（法制审核）",
               "市市场监督管理局综合行政执法支队", "市自然资源局国土空间规划审批服务中心",
               "市生态环境局生态环境保护综合执法支队", "市人力资源和社会保障局劳动保障监察大队一科",
               "“12345”政务服务便民热线受理中心", "市交通运输局综合行政执法大队第二中队")
VALUES = ("3", "12", "4000", "1387", "256", "999", "45", "2048")


def chart(kind: str, labels, values, unit: str | tuple[str, ...] = "件",
          chart_id: str = "county") -> ChartSpec:
    units = (unit,) * len(labels) if isinstance(unit, str) else unit
    items = tuple(ChartItem(Indicator(f"i{index}", label, unit, Decimal(value), value, "",
                                      PARAGRAPH, WHERE, WHERE), label)
                  for index, (label, value, unit)
                  in enumerate(zip(labels, values, units, strict=True)))
    return ChartSpec(chart_id, kind, "题", items, (), WHERE)


def draw_one(spec: ChartSpec, fonts, layout):
    [figure] = draw_charts((spec,), fonts, layout)
    return figure


def svg_size(svg: bytes) -> tuple[float, float]:
    root = ElementTree.fromstring(svg)
    return tuple(float(root.get(name).removesuffix("pt")) for name in ("width", "height"))


def typeset_extents(svg: bytes, fonts: FontSet) -> list[tuple[str, float, float]]:
    """Each text's left and right edge as the typesetter sets it: the advance of
    every character in the face of the SVG's family list that takes it."""
    extents = []
    for text, style in svg_texts(svg):
        element = next(element for element in ElementTree.fromstring(svg).iter(f"{SVG}text")
                       if element.text == text and element.get("style") == style)
        size = float(re.search(r"font-size: ([0-9.]+)px", style).group(1))
        families = tuple(name.strip(" '") for name in
                         re.search(r"font-family: ([^;]+)", style).group(1).split(","))
        width = sum(fonts.advance(char, families) for char in text) * size
        if element.get("x") is not None:
            x = float(element.get("x"))
        else:
            x = float(re.search(r"translate\(([-0-9.]+)", element.get("transform")).group(1))
        anchor = re.search(r"text-anchor: (\w+)", style)
        start = {"end": x - width, "middle": x - width / 2}.get(anchor and anchor.group(1), x)
        extents.append((text, start, start + width))
    return extents


def bar_widths_and_heights(svg: bytes) -> list[tuple[float, float]]:
    """The grey bars' sizes in pt, read from the SVG's paths."""
    sizes = []
    for element in ElementTree.fromstring(svg).iter(f"{SVG}path"):
        if "fill: #c7c7c7" not in element.get("style", ""):
            continue
        numbers = [float(number) for number in re.findall(r"-?[0-9.]+", element.get("d"))]
        xs, ys = numbers[0::2], numbers[1::2]
        sizes.append((max(xs) - min(xs), max(ys) - min(ys)))
    return sizes


def assert_inside(figure, fonts):
    width, height = svg_size(figure.svg)
    assert (width, height) == pytest.approx((figure.width_mm * PT_PER_MM,
                                             figure.height_mm * PT_PER_MM))
    assert figure.text_boxes
    for box in figure.text_boxes:
        assert -0.5 <= box.left and box.right <= width + 0.5, box
        assert -0.5 <= box.top and box.bottom <= height + 0.5, box
    for text, left, right in typeset_extents(figure.svg, fonts):
        assert -0.5 <= left and right <= width + 0.5, (text, left, right, width)


def test_long_labels_and_values_a_thousandfold_apart_all_fit_and_show(fonts, layout):
    figure = draw_one(chart("hbar", DEPARTMENTS, VALUES), fonts, layout)
    assert_inside(figure, fonts)
    texts = [text for text, _ in svg_texts(figure.svg)]
    assert set(VALUES) <= set(texts)  # every value verbatim, none clipped
    wrapped = 0
    for label in DEPARTMENTS:
        if label not in texts:  # on consecutive lines, each a text
            start = next(index for index, text in enumerate(texts) if label.startswith(text))
            lines = [start]
            while "".join(texts[index] for index in lines) != label:
                lines.append(lines[-1] + 1)
                assert "".join(texts[index] for index in lines) in label
            assert not any(texts[index][0] in "（）、，。”" for index in lines[1:])
            wrapped += 1
    assert wrapped >= 4
    bar_lengths = sorted(width for width, _ in bar_widths_and_heights(figure.svg))
    assert len(bar_lengths) == len(VALUES)
    assert bar_lengths[0] >= 0.95 * PT_PER_MM  # the 3 beside the 4000: about 1 mm
    boxes = {box.text: box for box in figure.text_boxes}
    assert boxes["4000"].right <= svg_size(figure.svg)[0]


def test_a_zero_has_no_bar_and_reads_0(fonts, layout):
    figure = draw_one(chart("hbar", ("受理", "办结"), ("0", "7")), fonts, layout)
    assert len(bar_widths_and_heights(figure.svg)) == 1
    assert "0" in [text for text, _ in svg_texts(figure.svg)]
    assert_inside(figure, fonts)


def test_a_label_that_cannot_fit_even_wrapped_fails_naming_chart_and_text(fonts, layout):
    label = "统计" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ" * 3  # a Latin run is never broken
    with pytest.raises(InputError) as raised:
        draw_one(chart("hbar", (label, "办结"), ("5", "7"), chart_id="too_long"), fonts, layout)
    [problem] = raised.value.problems
    message = str(problem)
    assert message.startswith("report/charts.yaml:3:5: chart 'too_long': ")
    assert f"“{label}” sticks out of the drawing by " in message
    assert "at the left edge" in message and "shorten the label" in message


def test_vertical_labels_that_cannot_wrap_apart_fail_as_overlapping(fonts, layout):
    spec = chart("bar", ["ABCDEFGHIJKLMNOP"] * 6, ["1"] * 6, chart_id="crowded")
    with pytest.raises(InputError, match="chart 'crowded': “ABCDEFGHIJKLMNOP” and "
                                         "“ABCDEFGHIJKLMNOP” overlap by [0-9.]+ pt"):
        draw_one(spec, fonts, layout)


def test_a_chart_taller_than_a_page_fails(fonts, layout):
    labels = [f"第{number}个" + "很长的部门名称" * 6 for number in range(1, 17)]
    with pytest.raises(InputError, match="chart 'county' would be [0-9]+ lines tall, but a "
                                         "page holds 19"):
        draw_one(chart("hbar", labels, ["1"] * len(labels)), fonts, layout)


def test_vertical_bar_labels_wrap_under_their_bar_and_the_chart_grows_by_lines(fonts, layout):
    labels = ("行政复议案件受理", "行政复议案件审结（含终止）", "行政应诉案件")
    short = draw_one(chart("bar", ("受理", "审结", "应诉"), ("120", "98", "7")), fonts, layout)
    figure = draw_one(chart("bar", labels, ("120", "98", "7")), fonts, layout)
    assert_inside(figure, fonts)
    texts = [text for text, _ in svg_texts(figure.svg)]
    assert labels[1] not in texts and "（含终止）" in "".join(texts)
    assert figure.width_mm == short.width_mm
    assert figure.height_mm > short.height_mm
    slot = figure.width_mm * PT_PER_MM / len(labels)
    assert all(box.right - box.left < slot for box in figure.text_boxes)


def test_digits_are_set_in_the_latin_face_named_before_the_chinese_face(fonts, layout):
    style = ChartStyle.from_layout(layout)
    assert style.families == layout.text["chart"].fonts
    figure = draw_one(chart("hbar", ("受理A类", "办结"), ("1387", "12")), fonts, layout)
    expected = f"font-family: '{style.families[0]}','{style.families[1]}'"
    assert all(expected in style for _, style in svg_texts(figure.svg))
    assert style.families[0] == "Liberation Serif"


def test_the_glyph_check_looks_for_digits_in_the_latin_face(fonts, layout):
    latin_only = FontSet(fonts.folder, tuple(font for font in fonts.fonts
                                             if font.family == "Liberation Serif"))
    style = ChartStyle.from_layout(layout)
    check_chart_glyphs((chart("bar", ("A1",), ("12",), unit="%"),), latin_only, style)
    meant = layout.text["chart"].fonts[1]
    with pytest.raises(InputError, match=f"character “办” .* is not in the chart font {meant}"):
        check_chart_glyphs((chart("bar", ("办A",), ("12",)),), latin_only, style)


def test_dollar_signs_are_text_not_mathematics(fonts, layout):
    labels = ("$100美元", "从$5到$8")
    figure = draw_one(chart("bar", labels, ("3", "4"), unit=("$", "件")), fonts, layout)
    texts = [text for text, _ in svg_texts(figure.svg)]
    assert set(labels) <= set(texts) and "3$" in texts
    assert b"<tspan" not in figure.svg and b"<!--" not in figure.svg  # mathtext's marks


def test_the_same_input_gives_the_same_bytes_in_whole_lines(fonts, layout):
    specs = (chart("hbar", DEPARTMENTS, VALUES),
             chart("bar", DEPARTMENTS[:3], VALUES[:3], chart_id="b"))
    first = draw_charts(specs, fonts, layout)
    again = draw_charts(specs, fonts, layout)
    assert [figure.svg for figure in first] == [figure.svg for figure in again]
    for figure in first:
        lines = svg_size(figure.svg)[1] / layout.line_pitch_pt
        assert lines == pytest.approx(round(lines), abs=1e-6)


def test_a_chart_from_the_cache_keeps_its_size(fonts, layout, tmp_path):
    spec = chart("hbar", DEPARTMENTS, VALUES)
    drawn = draw_charts((spec,), fonts, layout, Cache(tmp_path))[0]
    cached = draw_charts((spec,), fonts, layout, Cache(tmp_path))[0]
    assert (drawn.drawn, cached.drawn) == (True, False)
    assert cached.svg == drawn.svg
    assert (cached.width_mm, cached.height_mm) == pytest.approx((drawn.width_mm, drawn.height_mm))


@pytest.mark.parametrize("text, width, lines", [
    ("一二三四五六七八九十", 6, ("一二三四五", "六七八九十")),  # even, not 6 + 4
    ("审核（法制）、复议", 3, ("审核", "（法", "制）、", "复议")),  # no line ends with （
    ("受理12345热线", 3, ("受理", "12345", "热线")),  # digits stay together
    ("“12345”热线", 2, ("“12345”", "热线")),  # nor ends with an opening quote
])
def test_labels_break_between_characters_by_chinese_rules(text, width, lines):
    assert wrap(text, width * 12, lambda piece: 12 * len(piece)) == lines


def test_charts_are_drawn_without_pyplot(figures):
    import sys

    assert "matplotlib.figure" in sys.modules
    assert "matplotlib.pyplot" not in sys.modules  # over a second to import, and global state
