"""Stage 1b: the audit of the figures: relations and numbers of the text."""

from __future__ import annotations

import shutil

import pytest

from conftest import CONTENT_2019
from report_pdf.audit import audit, check_relations, load_audited, unaccounted_numbers
from report_pdf.content import load_report
from report_pdf.content.figures import parse_relation
from report_pdf.errors import InputError


@pytest.fixture
def copy_2019(tmp_path, monkeypatch):
    """A copy of the 2019 report to break; messages name it as r/…"""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "r"
    shutil.copytree(CONTENT_2019, folder)

    def change(file: str, old: str, new: str) -> list[str]:
        path = folder / file
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        with pytest.raises(InputError) as raised:
            audit(load_report(folder))
        return [str(problem) for problem in raised.value.problems]

    return change


def test_the_2019_report_passes_the_audit():
    report = load_report(CONTENT_2019)
    audit(report)  # raises on any problem
    assert len(report.relations) >= 8
    assert {declared.text for declared in report.not_indicators} >= {"2019年", "“12345”"}


@pytest.mark.parametrize("old, new, expected", [
    ("60561件", "60516件",
     "r/indicators.yaml:311:5: relation “hotline_received = hotline_answered + "
     "hotline_transferred” does not hold: 60516件 ≠ 51425件 + 9136件 = 60561; figures at "
     "60516件 r/report.md:32:23, 51425件 r/report.md:32:34, 9136件 r/report.md:32:43"),
    ("办结8933件", "办结8393件",
     "r/indicators.yaml:313:5: relation “hotline_completion_rate = hotline_completed / "
     "hotline_transferred” does not hold: 98% ≠ 8393件 / 9136件 = 91.87%; figures at 98% "
     "r/report.md:32:60, 8393件 r/report.md:32:51, 9136件 r/report.md:32:43"),
    ("调解成功3173件", "调解成功3137件",
     "r/indicators.yaml:318:5: relation “mediation_success_rate = disputes_settled / "
     "disputes_handled” does not hold: 83.4% ≠ 3137件 / 3806件 = 82.42%; figures at 83.4% "
     "r/report.md:76:48, 3137件 r/report.md:76:37, 3806件 r/report.md:76:27"),
    ("已审结52件", "已审结65件",
     "r/indicators.yaml:316:5: relation “review_cases_concluded <= review_cases_received” "
     "does not hold: 65件 > 56件; figures at 65件 r/report.md:69:24, 56件 r/report.md:69:17"),
])
def test_changing_one_figure_alone_breaks_a_relation(copy_2019, old, new, expected):
    assert copy_2019("report.md", old, new) == [expected]


def test_a_figure_changed_to_another_form_names_both_places(copy_2019):
    assert copy_2019("report.md", "直接答复51425件", "直接答复51425项") == [
        "r/indicators.yaml:54:5: indicator 'hotline_answered': no figure in r/report.md "
        "matches “直接答复[数字]件”; the text at r/report.md:32:30 reads “直接答复51425项，转”; "
        "the text and this declaration must agree: correct one or the other"]


def test_a_new_sentence_with_a_figure_and_no_indicator_is_reported(copy_2019):
    sentence = "公开文件政策解读26件。"
    assert copy_2019("report.md", sentence, sentence + "新增示例事项15项。") == [
        "r/report.md:88:71: the number 15 in “新增示例事项15项。” is neither an indicator nor "
        "declared as something else: add it to indicators.yaml, or to its not_indicators "
        "with the reason (a year, a name)"]


def test_a_new_year_must_be_declared_too(copy_2019):
    problems = copy_2019("report.md", "2020年，我们将", "2021年，我们将")
    assert len(problems) == 1 and "the number 2021 in" in problems[0]


def test_rates_are_compared_at_the_precision_the_text_gives_them():
    report = load_report(CONTENT_2019)
    # 8933 / 9136 = 97.78%, stated as 98%: equal once rounded to whole percent.
    assert check_relations(report) == []
    assert unaccounted_numbers(report) == []


@pytest.mark.parametrize("text, message", [
    ("a = b +", "an operator has nothing after it"),
    ("a + b", "a relation needs exactly one of = <= >= < >"),
    ("a = 2 * b", "cannot read “2 * b”"),
    ("a = (b + c", "a bracket is not closed"),
    ("a = b c", "unexpected “c”"),
])
def test_relation_syntax_errors_say_what_is_wrong(text, message):
    with pytest.raises(ValueError, match=message.replace("*", r"\*").replace("(", r"\(")
                       .replace("+", r"\+")):
        parse_relation(text)


def test_relations_accept_unicode_comparisons_and_brackets():
    left, comparison, right = parse_relation("a ≤ (b + c) / d")
    assert comparison == "≤" and right.names() == ["b", "c", "d"]


def test_numbers_in_heads_are_audited_like_any_other(make_report):
    folder = make_report({"report.md": "# 题\n\n## 一、工作\n\n### （一）办结300件。\n\n"
                          "正文。\n\n#### 1. 第一项\n\n正文。\n",
                          "indicators.yaml": "indicators: []\n", "charts.yaml": "charts: []\n"})
    # The head's number (1.) is numbering; the figure in its words is not.
    assert [str(problem) for problem in unaccounted_numbers(load_report(folder))] == [
        "report/report.md:5:10: the number 300 in “办结300件。” is neither an indicator "
        "nor declared as something else: add it to indicators.yaml, or to its not_indicators "
        "with the reason (a year, a name)"]


def test_every_problem_of_loading_and_audit_comes_in_one_run(make_report):
    folder = make_report({
        "report.md": "# 题\n\n全年受理示例事项120件，办结100件，新增示例300次。\n",
        "indicators.yaml": "indicators:\n"
        "  - {id: received, label: 受理, unit: 件, preceded_by: 受理示例事项}\n"
        "  - {id: completed, label: 办结, unit: 件, preceded_by: 办结}\n"
        "  - {id: rate, label: 比例, unit: '%', preceded_by: 办结率}\n"
        "relations:\n  - received <= completed\n  - rate <= received\n",
        "charts.yaml": "charts: []\n"})
    with pytest.raises(InputError) as raised:
        load_audited(folder)
    assert [str(problem) for problem in raised.value.problems] == [
        "report/indicators.yaml:4:5: indicator 'rate': no figure in report/report.md matches "
        "“办结率[数字]%”; the text and this declaration must agree: correct one or the other",
        "report/report.md:3:25: the number 300 in “件，新增示例300次。” is neither an "
        "indicator nor declared as something else: add it to indicators.yaml, or to its "
        "not_indicators with the reason (a year, a name)",
        # (the relation naming 'rate', whose figure was not found, is not evaluated)
        "report/indicators.yaml:6:5: relation “received <= completed” does not hold: 120件 > "
        "100件; figures at 120件 report/report.md:3:9, 100件 report/report.md:3:16"]


def test_an_unreadable_indicators_file_is_not_followed_by_every_number(make_report):
    folder = make_report({"indicators.yaml": "indicators: [\n"})
    with pytest.raises(InputError) as raised:
        load_audited(folder)
    assert [str(problem) for problem in raised.value.problems] == [
        "report/indicators.yaml:2:1: YAML syntax error: did not find expected node content"]
