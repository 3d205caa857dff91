"""Lint of report.md: punctuation (GB/T 15834) and structure, and --fix."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import CONTENT_2019
from report_pdf.chinese import chinese_number
from report_pdf.cli import main
from report_pdf.lint import apply_fixes, lint_report, lint_text

HEAD = "# 标题\n\n"


def problems(text: str) -> list[str]:
    return [str(finding.problem) for finding in lint_text(text, Path("t.md"))]


def fixed(text: str) -> str:
    return apply_fixes(text, lint_text(text, Path("t.md")))


def test_the_2019_text_is_clean():
    assert lint_report(CONTENT_2019).problems == []


@pytest.mark.parametrize("line, expected", [
    ("中卫,宁夏", 't.md:3:3: ASCII “,” in Chinese text: use “，”'),
    ("加强;落实", "t.md:3:3: ASCII “;” in Chinese text: use “；”"),
    ("原则:依法", "t.md:3:3: ASCII “:” in Chinese text: use “：”"),
    ("是否?是", "t.md:3:3: ASCII “?” in Chinese text: use “？”"),
    ("县(区)", "t.md:3:2: ASCII “(” in Chinese text: use “（”"),
    ("受理23 项", "t.md:3:5: space between “3” and “项”: Chinese text has none"),
    ("中卫\u3000宁夏", "t.md:3:3: space between “卫” and “宁”: Chinese text has none"),
    ("共１２件", "t.md:3:2: full-width digit or letter “１”: use “1”"),
    ("办结率98％", "t.md:3:6: full-width percent sign “％”: use “%”"),
    ("完成，，落实", "t.md:3:3: two punctuation marks in a row: “，，”"),
    ("完成。，落实", "t.md:3:3: two punctuation marks in a row: “。，”"),
    ("《条例》（试行", "t.md:3:5: “（” is never closed"),
    ("条例》", "t.md:3:3: “》” closes nothing"),
    ("“一窗受理“", "t.md:3:6: ““” is never closed"),
    ("县（区)", "t.md:3:4: “（” at column 2 is closed by “)”: use the pair （）"),
])
def test_punctuation_problems_are_found_where_they_are(line, expected):
    assert expected in problems(HEAD + line + "\n")


@pytest.mark.parametrize("line", [
    "共1,208项", "12:30开会", "“6+8”重点工作", "“12·4”国家宪法日", "Word 2019", "（一）强化领导",
    "“一窗受理”“一网通办”", "公开文件——政策解读……", "县（区）、部门（单位）",
])
def test_correct_text_is_left_alone(line):
    assert problems(HEAD + line + "\n") == []


def test_fix_rewrites_only_what_has_one_right_answer():
    text = HEAD + "县(区),部门(单位)办结23 项,办结率９８％。\n\n完成，，落实(未配对。\n"
    assert fixed(text) == (HEAD + "县（区），部门（单位）办结23项，办结率98%。\n\n"
                           "完成，，落实(未配对。\n")


@pytest.mark.parametrize("text, expected", [
    ("## 一、甲\n\n## 三、乙\n",
     "t.md:5:4: head “三、” skips from 1: expected number 2 of level 1"),
    ("## 一、甲\n\n## 一、乙\n", "t.md:5:4: head “一、” repeats the number of the head before "
                               "it: expected number 2 of level 1"),
    ("## 一、甲\n\n## 二、乙\n\n## 三、丙\n\n## 二、丁\n",
     "t.md:9:4: head “二、” is out of order: number 2 after number 3: expected number 4"),
    ("## 一、甲\n\n### （二）乙\n", "t.md:5:5: head “（二）” skips from 0: expected number 1 of "
                                "level 2"),
    ("## 一、甲\n\n#### 1. 丙\n\n#### 3. 丁\n", "t.md:7:6: head “3.” skips from 1"),
])
def test_head_numbers_run_in_sequence(text, expected):
    assert any(problem.startswith(expected) for problem in problems(HEAD + text))


def test_head_numbers_restart_under_each_parent():
    text = HEAD + "## 一、甲\n\n### （一）乙\n\n## 二、丙\n\n### （一）丁\n\n### （二）戊\n"
    assert problems(text) == []


def test_points_run_in_sequence_within_a_paragraph():
    text = HEAD + "一是加强。二是落实。四是考核。\n\n一是另起一段。\n"
    assert problems(text) == [
        "t.md:3:11: “四是” where “三是” comes next in this paragraph"]


def test_chinese_numbers():
    words = ("一", "九", "十", "十二", "二十", "二十三", "甲")
    assert [chinese_number(text) for text in words] == [1, 9, 10, 12, 20, 23, None]


def test_fix_on_the_published_punctuation_gives_the_content_back(tmp_path, monkeypatch, capsys):
    """The published web text lost its full-width marks; lint --fix restores them."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "r"
    shutil.copytree(CONTENT_2019, folder)
    content = (CONTENT_2019 / "report.md").read_text(encoding="utf-8")
    comment_end = content.index("-->") + 3
    body = content[comment_end:]
    for full, ascii_mark in (("，", ","), ("（", "("), ("）", ")"), ("；", ";"), ("：", ":")):
        body = body.replace(full, ascii_mark)
    body = body.replace("23项", "23 项")
    (folder / "report.md").write_text(content[:comment_end] + body, encoding="utf-8")

    assert main(["lint", "r"]) == 1
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == len(re.findall(r"[,();:]| (?=项)", body))
    assert main(["lint", "r", "--fix"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("--- a/r/report.md\n+++ b/r/report.md\n")
    assert "-2019年,在自治区党委" in out and "+2019年，在自治区党委" in out
    assert (folder / "report.md").read_text(encoding="utf-8") == content


def test_labels_and_titles_of_the_yaml_files_are_checked_too(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "r"
    shutil.copytree(CONTENT_2019, folder)
    path = folder / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("label: 权责清单调整：行政审批", "label: 权责清单调整:行政审批"),
                    encoding="utf-8")
    assert main(["lint", "r"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "r/indicators.yaml:75:18: ASCII “:” in Chinese text: use “：”"]


def test_a_run_in_head_without_its_full_stop_is_found():
    text = HEAD + ("## 一、甲\n\n### （一）优化营商环境\n一是精简审批。\n\n"
                   "### （二）强化监督。\n一是公开。\n")
    assert problems(text) == [
        "t.md:5:5: the head “（一）优化营商环境” runs into its paragraph without closing "
        "punctuation: end it with 。 (or put a blank line after it to set it apart)"]


def test_fix_reaches_its_result_in_one_run(tmp_path, monkeypatch, capsys):
    """An ASCII comma with a space after it takes two rewrites: one run does both."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "r"
    shutil.copytree(CONTENT_2019, folder)
    path = folder / "report.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("2019年，在自治区党委", "2019年, 在自治区党委"),
                    encoding="utf-8")
    assert main(["lint", "r", "--fix"]) == 0
    assert path.read_text(encoding="utf-8") == text
    capsys.readouterr()
    assert main(["lint", "r"]) == 0


def test_a_year_in_report_yaml_titles_not_the_reports_is_found(tmp_path, monkeypatch, capsys):
    """Copied for 2020, the text's title moved on but the summary table's did not."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "2020"
    shutil.copytree(CONTENT_2019, folder)
    path = folder / "report.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "# 2019年法治政府建设工作报告", "# 2020年法治政府建设工作报告"), encoding="utf-8")
    assert main(["lint", "2020"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "2020/report.yaml:7:10: the title “2019年法治政府建设主要指标一览表” names the year 2019, "
        "not the report's (2020): is it last year's?"]
