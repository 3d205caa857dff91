"""Charts of two years: ``last_year: true`` draws last year's figure of each bar
beside this year's, when last year's report stands beside this one. Example data
only: the minimal example report as 2019 and 2020, and invented figures."""

from __future__ import annotations

import dataclasses
import re
import shutil
import xml.etree.ElementTree as ElementTree
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, build_into, replace_in, two_years
from report_pdf.cache import Cache
from report_pdf.charts import draw_charts
from report_pdf.content import load_report
from report_pdf.content.charts import charts_without_last_year
from report_pdf.errors import InputError
from test_charts import (
    DEPARTMENTS,
    SVG,
    VALUES,
    assert_inside,
    chart,
    draw_one,
    greys_only,
    svg_texts,
)


def asking(folder: Path, kind: str = "bar") -> Path:
    """The report folder with its chart asking for last year's figures."""
    replace_in(folder / "charts.yaml", "    type: bar\n",
               f"    type: {kind}\n    last_year: true\n")
    return folder


def bars_by_fill(svg: bytes) -> dict[str, int]:
    """How many outlined paths (bars and the legend's keys) each grey fills."""
    counts: dict[str, int] = {}
    for element in ElementTree.fromstring(svg).iter(f"{SVG}path"):
        style = element.get("style", "")
        fill = re.search(r"fill: (#[0-9a-f]{6})", style)
        if fill and "stroke: #000000" in style:
            counts[fill.group(1)] = counts.get(fill.group(1), 0) + 1
    return counts


def boxes_of(figure) -> dict[str, list]:
    boxes: dict[str, list] = {}
    for box in figure.text_boxes:
        boxes.setdefault(box.text, []).append(box)
    return boxes


@pytest.mark.parametrize("kind", ["bar", "hbar"])
def test_each_bar_shows_last_years_figure_beside_this_years(tmp_path, fonts, layout, kind):
    folder = asking(two_years(tmp_path, ("受理示例事项120件", "受理示例事项150件")), kind)
    replace_in(tmp_path / "content/2019/report.md", "受理示例事项120件", "受理示例事项120余件")
    [figure] = draw_charts(load_report(folder).charts, fonts, layout)
    texts = [text for text, _ in svg_texts(figure.svg)]
    assert sorted(texts) == sorted(["受理", "办结", "120余", "150", "100", "100",
                                    "2019年", "2020年"])
    assert_inside(figure, fonts)
    boxes = boxes_of(figure)
    before, now = boxes["120余"][0], boxes["150"][0]
    if kind == "bar":  # last year's on the left, each value over its bar
        assert before.right <= now.left and before.bottom > now.bottom  # 120 is lower
    else:  # last year's on top, each value after its bar
        assert before.bottom <= now.top and before.left < now.left
    legend = sorted(boxes["2019年"] + boxes["2020年"], key=lambda box: box.left)
    assert [box.text for box in legend] == ["2019年", "2020年"]
    values = [box for text in ("120余", "150", "100") for box in boxes[text]]
    assert all(box.bottom <= min(value.top for value in values) for box in legend)


def test_two_years_are_drawn_in_two_greys_far_apart_and_black(tmp_path, fonts, layout):
    folder = asking(two_years(tmp_path, ("受理示例事项120件", "受理示例事项150件")))
    [figure] = draw_charts(load_report(folder).charts, fonts, layout)
    greys_only(figure.svg, "two years")
    counts = bars_by_fill(figure.svg)
    assert sorted(counts.values()) == [3, 3]  # two bars and the legend's key each
    light, dark = sorted((int(fill[1:3], 16) for fill in counts), reverse=True)
    assert light - dark >= 0.4 * 255  # apart on any printer


@pytest.mark.parametrize("edits", [
    (("indicators.yaml", "id: completed", "id: completed_before"),
     ("charts.yaml", "indicator: completed", "indicator: completed_before")),
    (("indicators.yaml", "unit: 件\n    preceded_by: 办结", "unit: 项\n    preceded_by: 办结"),
     ("report.md", "办结100件", "办结100项")),
], ids=["no-such-id", "another-unit"])
def test_a_bar_without_last_years_figure_says_so_with_a_dash(tmp_path, fonts, layout, edits):
    folder = asking(two_years(tmp_path))
    for name, old, new in edits:
        replace_in(tmp_path / "content/2019" / name, old, new)
    [figure] = draw_charts(load_report(folder).charts, fonts, layout)
    texts = [text for text, _ in svg_texts(figure.svg)]
    assert sorted(texts) == sorted(["受理", "办结", "120", "120", "—", "100",
                                    "2019年", "2020年"])
    counts = bars_by_fill(figure.svg)
    assert sorted(counts.values()) == [2, 3]  # last year: one bar (and its key)
    assert_inside(figure, fonts)


def test_without_last_years_report_the_chart_shows_this_year_and_the_build_warns(
        tmp_path, fonts, layout, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "content" / "2020"
    shutil.copytree(FIXTURES / "minimal", folder)
    folder = asking(folder)
    report = load_report(folder)
    [figure] = draw_charts(report.charts, fonts, layout)
    assert sorted(text for text, _ in svg_texts(figure.svg)) == sorted(
        ["受理", "办结", "120", "100"])
    assert list(bars_by_fill(figure.svg).values()) == [2]  # one grey, no legend
    warning = ("content/2020/charts.yaml:3:5: chart 'example' asks for last year's figures "
               "(last_year: true), but there is no last year's report beside this one: it is "
               "drawn with this year's alone")
    assert charts_without_last_year(report) == [warning]
    built = build_into(folder, tmp_path / "out")
    assert built.result.published
    assert f"last year: {warning}" in built.result.warnings


def test_an_unreadable_last_year_is_named_in_the_charts_warning(tmp_path):
    folder = asking(two_years(tmp_path))
    (tmp_path / "content/2019/indicators.yaml").write_text("indicators: [\n", encoding="utf-8")
    report = load_report(folder)
    [message] = charts_without_last_year(report)
    assert "but last year's report could not be read: it is drawn with this year's alone" \
        in message
    assert not report.charts[0].years


def test_last_year_must_be_true_or_false(make_report):
    charts = (make_report() / "charts.yaml").read_text(encoding="utf-8")
    folder = make_report({"charts.yaml": charts.replace("    type: bar\n",
                                                        "    type: bar\n    last_year: maybe\n")})
    with pytest.raises(InputError) as raised:
        load_report(folder)
    assert [str(problem) for problem in raised.value.problems] == [
        "report/charts.yaml:5:16: chart 'example': 'last_year' must be true or false, "
        "found maybe"]


def test_editing_last_years_text_draws_the_chart_again(tmp_path, fonts, layout):
    folder = asking(two_years(tmp_path))
    cache = Cache(tmp_path / "cache")
    drawn = draw_charts(load_report(folder).charts, fonts, layout, cache)[0]
    cached = draw_charts(load_report(folder).charts, fonts, layout, cache)[0]
    assert (drawn.drawn, cached.drawn) == (True, False)
    replace_in(tmp_path / "content/2019/report.md", "受理示例事项120件", "受理示例事项110件")
    again = draw_charts(load_report(folder).charts, fonts, layout, cache)[0]
    assert again.drawn and "110" in [text for text, _ in svg_texts(again.svg)]


def with_last_year(spec, values: tuple[str, ...]):
    """``spec`` as a chart of 2019 and 2020, last year's figures ``values``."""
    items = tuple(dataclasses.replace(item, last_year=dataclasses.replace(
        item.indicator, value=Decimal(value), value_text=value))
        for item, value in zip(spec.bars, values, strict=True))
    return dataclasses.replace(spec, bars=items, last_year=True, years=("2019", "2020"))


def test_long_labels_still_wrap_and_fit_with_two_years(fonts, layout):
    last_year = ("5", "10", "3871", "1402", "0", "1024", "38", "2266")
    figure = draw_one(with_last_year(chart("hbar", DEPARTMENTS, VALUES), last_year),
                      fonts, layout)
    assert_inside(figure, fonts)
    texts = [text for text, _ in svg_texts(figure.svg)]
    assert set(VALUES) | set(last_year) <= set(texts)
    assert not set(DEPARTMENTS) <= set(texts)  # some labels wrapped
    labels = ("行政复议案件受理", "行政复议案件审结（含终止）", "行政应诉案件")
    figure = draw_one(with_last_year(chart("bar", labels, ("120", "98", "7")),
                                     ("1387", "96", "12")), fonts, layout)
    assert_inside(figure, fonts)
    assert "（含终止）" in "".join(text for text, _ in svg_texts(figure.svg))


def test_last_years_charts_file_counts_in_the_builds_fingerprint(tmp_path):
    """An unreadable charts.yaml leaves last year out of this year's charts."""
    from report_pdf.build import BuildOptions

    folder = asking(two_years(tmp_path))
    options = BuildOptions(report_folder=folder, output_folder=tmp_path / "out",
                           project_folder=ROOT)
    before = options.fingerprint()
    (tmp_path / "content/2019/charts.yaml").write_text("charts: [\n", encoding="utf-8")
    assert options.fingerprint() != before


def test_last_years_attachments_count_in_the_builds_fingerprint(tmp_path):
    """Last year's attachment, broken, makes last year unreadable too."""
    from report_pdf.build import BuildOptions

    folder = two_years(tmp_path)
    attachment = tmp_path / "content/2019/附件2.md"
    attachment.write_text("# 示例附件\n\n示例正文。\n", encoding="utf-8")
    options = BuildOptions(report_folder=folder, output_folder=tmp_path / "out",
                           project_folder=ROOT)
    before = options.fingerprint()
    attachment.write_text("没有标题。\n", encoding="utf-8")
    assert options.fingerprint() != before
