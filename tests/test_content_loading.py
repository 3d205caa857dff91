"""Stage 1, the data: loading a report folder, its indicators and charts, with errors."""

from __future__ import annotations

import codecs
from decimal import Decimal

import pytest

from report_pdf.content import load_report
from report_pdf.errors import InputError

INDICATOR = """  - id: {id}
    label: 标签
    unit: {unit}
    preceded_by: {before}
"""


def indicators(*entries: str) -> str:
    return "indicators:\n" + "".join(entries)


def problems_of(folder) -> list[str]:
    with pytest.raises(InputError) as raised:
        load_report(folder)
    return [str(problem) for problem in raised.value.problems]


def test_minimal_report_loads_figures_from_the_text(make_report):
    report = load_report(make_report())
    received, completed = report.indicators
    assert (received.id, received.value, received.unit) == ("received", Decimal(120), "件")
    assert str(received.found_at) == "report/report.md:9:9"
    assert received.section.name == "（一）示例标题"
    assert completed.display_value == "100"
    assert [chart.id for chart in report.charts] == ["example"]
    assert report.summary_table.title == "示例指标一览表"


def test_approximate_figures_keep_their_suffix(make_report):
    folder = make_report({
        "report.md": "# 题\n\n梳理确定50余项目录，归集信息15000多条，检查320余家（次）。\n",
        "indicators.yaml": indicators(
            INDICATOR.format(id="a", unit="项", before="梳理确定"),
            INDICATOR.format(id="b", unit="条", before="归集信息"),
            INDICATOR.format(id="c", unit="家（次）", before="检查")),
        "charts.yaml": "charts: []\n"})
    a, b, c = load_report(folder).indicators
    assert (a.value, a.approx, a.display_value) == (Decimal(50), "余", "50余")
    assert (b.value, b.approx) == (Decimal(15000), "多")
    assert (c.display_value, c.unit) == ("320余", "家（次）")


def test_decimal_figures_are_exact(make_report):
    folder = make_report({
        "report.md": "# 题\n\n调解成功率83.4%。\n",
        "indicators.yaml": indicators(INDICATOR.format(id="rate", unit='"%"', before="调解成功率")),
        "charts.yaml": "charts: []\n"})
    assert load_report(folder).indicators[0].value == Decimal("83.4")


def test_text_and_declaration_that_disagree_are_reported_with_both_places(make_report):
    text = (make_report() / "report.md").read_text(encoding="utf-8")
    folder = make_report({"report.md": text.replace("受理示例事项120件", "受理示例事项120项")})
    assert problems_of(folder) == [
        "report/indicators.yaml:3:5: indicator 'received': no figure in report/report.md "
        "matches “受理示例事项[数字]件”; the text at report/report.md:9:3 reads “受理示例事项"
        "120项，办结1”; the text and this declaration must agree: correct one or the other"]


def test_an_ambiguous_declaration_lists_every_match(make_report):
    folder = make_report({
        "report.md": "# 题\n\n办结10件。\n\n办结20件。\n",
        "indicators.yaml": indicators(INDICATOR.format(id="done", unit="件", before="办结")),
        "charts.yaml": "charts: []\n"})
    assert problems_of(folder) == [
        "report/indicators.yaml:2:5: indicator 'done': “办结[数字]件” matches 2 figures in "
        "report/report.md (lines 3, 5); add words to 'preceded_by' or 'followed_by' until "
        "only one matches, or give 'nth' (which of them, counted in reading order), or "
        "'occurrences' when they all state the same fact"]


def test_two_indicators_cannot_claim_one_figure(make_report):
    folder = make_report({
        "report.md": "# 题\n\n受理示例事项120件。\n",
        "indicators.yaml": indicators(
            INDICATOR.format(id="one", unit="件", before="受理示例事项"),
            INDICATOR.format(id="two", unit="件", before="示例事项")),
        "charts.yaml": "charts: []\n"})
    assert problems_of(folder) == [
        "report/indicators.yaml:6:5: indicator 'two' finds the same figure as 'one' "
        "(at report/report.md:3:7); each figure is one indicator"]


@pytest.mark.parametrize("files, expected", [
    ({"indicators.yaml": indicators(INDICATOR.format(id="received", unit="件",
                                                     before="受理示例事项"),
                                    INDICATOR.format(id="received", unit="件", before="办结"))},
     ["report/indicators.yaml:6:5: indicator id 'received' is declared twice (first at "
      "line 2)"]),
    ({"indicators.yaml": "indicators:\n  - id: received\n    label: 标签\n    unit: 件\n"},
     ["report/indicators.yaml:2:5: indicator 'received': give 'preceded_by' or "
      "'followed_by' (or both)"]),
    ({"indicators.yaml": "indicators:\n  - id: received\n    unit: 件\n    preceded_by: 受理2\n"},
     ["report/indicators.yaml:2:5: indicator 'received': missing 'label'",
      "report/indicators.yaml:4:18: indicator 'received': 'preceded_by' must not contain "
      "digits"]),
    ({"indicators.yaml": "indicators:\n  - id: Received\n    label: 标签\n    unit: 件\n"
                         "    preceded_by: 受理\n    colour: red\n"},
     ["report/indicators.yaml:6:13: indicator 'Received': unknown key 'colour'",
      "report/indicators.yaml:2:9: indicator id 'Received' must be lower-case"]),
    ({"indicators.yaml": "indicators:\n  - id: received\n    label: [一, 二]\n"
                         "    unit: 件\n    preceded_by: 受理示例事项\n"},
     ["report/indicators.yaml:3:12: indicator 'received': 'label' must be non-empty text, "
      "found a list"]),
    ({"charts.yaml": "charts:\n  - id: example\n    type: pie\n    title: 题\n"
                     "    bars:\n      - indicator: nothing\n        label: 无\n"},
     ["report/charts.yaml:3:11: chart 'example': unknown type 'pie'; known types: bar",
      "report/charts.yaml:6:20: chart 'example': no indicator 'nothing' is declared in "
      "indicators.yaml"]),
    ({"report.yaml": "summary_table:\n  title: 表\nsummary_table:\n  title: 表\n"},
     ["report/report.yaml:3:1: key 'summary_table' appears twice in this mapping"]),
    ({"report.yaml": "summary_table: [\n"},
     ["report/report.yaml:2:1: YAML syntax error: did not find expected node content"]),
    ({"report.yaml": ""}, ["report/report.yaml: the file is empty"]),
])
def test_data_errors_name_file_line_and_column(make_report, files, expected):
    if "indicators.yaml" in files:  # the fixture's chart uses indicators replaced here
        files = {"charts.yaml": "charts: []\n", **files}
    problems = problems_of(make_report(files))
    assert len(problems) == len(expected), problems
    for problem, start in zip(sorted(problems), sorted(expected), strict=True):
        assert problem.startswith(start), problem


def test_all_files_are_checked_in_one_run(make_report):
    problems = problems_of(make_report({
        "report.yaml": "summary_table: {}\n",
        "report.md": "正文。\n",
        "charts.yaml": "charts: 3\n"}))
    files = {problem.split(":")[0] for problem in problems}
    assert files == {"report/report.yaml", "report/report.md", "report/indicators.yaml",
                     "report/charts.yaml"}


def test_editor_quirks_bom_and_crlf_are_accepted(make_report):
    text = (make_report() / "report.md").read_text(encoding="utf-8")
    folder = make_report({"report.md": codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode()})
    report = load_report(folder)
    assert report.title == "示例工作报告"
    assert str(report.indicators[0].found_at) == "report/report.md:9:9"


def test_gbk_files_are_refused_with_a_hint(make_report):
    text = (make_report() / "report.md").read_text(encoding="utf-8")
    problems = problems_of(make_report({"report.md": text.encode("gb18030")}))
    assert problems == ["report/report.md:2: not valid UTF-8 text: it looks saved as "
                        "GBK/GB18030 (a Windows default); save it as UTF-8"]


def test_a_missing_file_is_named(make_report):
    folder = make_report()
    (folder / "charts.yaml").unlink()
    assert problems_of(folder) == ["report/charts.yaml: file not found; create it or check "
                                   "the report folder"]


@pytest.mark.parametrize("written", ["12万余份", "12余万份"])
def test_a_qualifier_before_or_after_the_ten_thousand_is_one_figure(make_report, written):
    """“12万余份” and “12余万份” say the same: shown alike, “12余 | 万份”."""
    folder = make_report({
        "report.md": f"# 示例工作报告\n\n示例开头段落，发放宣传资料{written}。\n",
        "indicators.yaml": "indicators:\n  - id: leaflets\n    label: 发放宣传资料\n"
                           "    unit: 万份\n    preceded_by: 发放宣传资料\n",
        "charts.yaml": "charts: []\n"})
    (indicator,) = load_report(folder).indicators
    assert (indicator.display_value, indicator.unit, indicator.value) == ("12余", "万份", 12)


def test_a_figure_whose_words_were_rewritten_is_named_by_its_unit(make_report):
    """The words before the figure changed in the text: the message names the
    figures of the declared unit, so that both places are known."""
    text = (make_report() / "report.md").read_text(encoding="utf-8")
    folder = make_report({"report.md": text.replace("受理示例事项120件", "共受理120件")})
    assert problems_of(folder) == [
        "report/indicators.yaml:3:5: indicator 'received': no figure in report/report.md "
        "matches “受理示例事项[数字]件”; the words “受理示例事项” are not in the text, whose "
        "figures in 件 are “120件” at report/report.md:9:6; “100件” at report/report.md:9:13; "
        "the text and this declaration must agree: correct one or the other"]


REPEATED_TEXT = ("# 题\n\n## 一、工作\n\n全市14个乡镇全部建成。\n\n覆盖14个乡镇的网络。\n\n"
                 "其中8个乡镇达标。\n")


def test_a_fact_stated_several_times_is_declared_once(make_report):
    folder = make_report({
        "report.md": REPEATED_TEXT.replace("其中8个乡镇", "其中8个村"),
        "indicators.yaml": indicators(INDICATOR.format(id="towns", unit="个", before="")
                                      .replace("    preceded_by: \n", "    followed_by: 乡镇\n"
                                               "    occurrences: 2\n")
                                      + INDICATOR.format(id="villages", unit="个村",
                                                         before="其中")),
        "charts.yaml": "charts: []\n"})
    towns, villages = load_report(folder).indicators
    assert (towns.display_value, str(towns.found_at)) == ("14", "report/report.md:5:3")
    assert [str(place) for place in towns.repeated_at] == ["report/report.md:7:3"]
    assert villages.value == 8


def test_a_repeated_fact_must_read_the_same_and_be_counted(make_report):
    declaration = (INDICATOR.format(id="towns", unit="个", before="")
                   .replace("    preceded_by: \n", "    followed_by: 乡镇\n    occurrences: 2\n"))
    folder = make_report({"report.md": REPEATED_TEXT.replace("其中8个乡镇", "其中8个村")
                          .replace("覆盖14个", "覆盖15个"),
                          "indicators.yaml": indicators(declaration),
                          "charts.yaml": "charts: []\n"})
    assert problems_of(folder)[0] == (
        "report/indicators.yaml:2:5: indicator 'towns': the text states this fact as 14个 at "
        "report/report.md:5:3 but as 15个 at report/report.md:7:3; a fact stated twice must "
        "read the same: correct one of them")
    folder = make_report({"report.md": REPEATED_TEXT,
                          "indicators.yaml": indicators(declaration),
                          "charts.yaml": "charts: []\n"})
    assert problems_of(folder) == [
        "report/indicators.yaml:2:5: indicator 'towns': “[数字]个乡镇” matches 3 figures in "
        "report/report.md (lines 5, 7, 9); 'occurrences' says 2: correct the count, or the words"]


def test_nth_tells_identical_phrases_apart(make_report):
    entry = INDICATOR.format(id="{id}", unit="个", before="").replace(
        "    preceded_by: \n", "    followed_by: 乡镇\n    nth: {nth}\n")
    folder = make_report({"report.md": REPEATED_TEXT, "charts.yaml": "charts: []\n",
                          "indicators.yaml": indicators(entry.format(id="all", nth=1),
                                                        entry.format(id="covered", nth=2),
                                                        entry.format(id="passed", nth=3))})
    assert [(item.id, item.display_value, item.found_at.line)
            for item in load_report(folder).indicators] == [
        ("all", "14", 5), ("covered", "14", 7), ("passed", "8", 9)]
    folder = make_report({"report.md": REPEATED_TEXT, "charts.yaml": "charts: []\n",
                          "indicators.yaml": indicators(entry.format(id="all", nth=4))})
    assert problems_of(folder)[0] == (
        "report/indicators.yaml:2:5: indicator 'all': nth is 4, but “[数字]个乡镇” matches 3 "
        "figure(s) in report/report.md (lines 5, 7, 9)")


@pytest.mark.parametrize("keys, message", [
    ("    nth: 1\n    occurrences: 2\n", "'nth' picks one of several figures, 'occurrences' "
     "takes them all as one fact: give one or the other"),
    ("    nth: 0\n", "'nth' must be a whole number of at least 1, found 0"),
    ("    occurrences: 1\n", "'occurrences' must be a whole number of at least 2, found 1"),
    ("    occurrences: 二\n", "'occurrences' must be a whole number of at least 2, found 二"),
])
def test_nth_and_occurrences_are_checked(make_report, keys, message):
    folder = make_report({"report.md": REPEATED_TEXT, "charts.yaml": "charts: []\n",
                          "indicators.yaml": indicators(
                              INDICATOR.format(id="towns", unit="个", before="全市") + keys)})
    assert any(message in problem for problem in problems_of(folder)), problems_of(folder)


def test_a_figure_in_a_head_is_an_indicator_of_that_heads_section(make_report):
    folder = make_report({
        "report.md": "# 题\n\n## 一、工作\n\n### （一）办结案件300件。\n\n正文一段。\n\n"
                     "#### 1. 受理40件\n\n第二段。\n",
        "indicators.yaml": indicators(INDICATOR.format(id="done", unit="件", before="办结案件"),
                                      INDICATOR.format(id="received", unit="件", before="受理")),
        "charts.yaml": "charts:\n  - id: both\n    type: bar\n    title: 图\n    bars:\n"
                       "      - {indicator: done, label: 办结}\n"
                       "      - {indicator: received, label: 受理}\n"})
    report = load_report(folder)
    done, received = report.indicators
    assert (done.value, str(done.found_at), done.section.name) == (
        300, "report/report.md:5:12", "（一）办结案件300件")
    assert received.section.name == "1.受理40件"
    # A chart of figures in heads follows the paragraph under the last of them.
    assert report.charts[0].block.text == "第二段。"


def test_a_list_key_with_nothing_under_it_is_an_empty_list(make_report):
    folder = make_report({"indicators.yaml": "indicators:\n", "charts.yaml": "charts:\n"})
    report = load_report(folder)
    assert (report.indicators, report.charts) == ((), ())
