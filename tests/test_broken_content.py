"""A corpus of broken content: each case breaks the example report one way and
asserts exactly what the build reports: file, line, column and message.

The cases go through ``load_report`` and ``audit``, the stages that validate
content before anything is drawn or typeset.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

from report_pdf.audit import audit
from report_pdf.content import load_report
from report_pdf.errors import InputError

RELATION = "relations:\n  - completed <= received\n"


@dataclass(frozen=True)
class Case:
    name: str
    file: str
    old: str  # replaced by new; "" appends new to the file
    new: str
    expected: tuple[str, ...]


CASES = [
    Case("no title", "report.md", "# 示例工作报告\n", "",
         ("report/report.md:3:1: the text must begin with the title line: '# 标题'",)),
    Case("level-1 head without its number", "report.md", "## 一、示例情况", "## 示例情况",
         ("report/report.md:6:1: a level-1 head must start with its number, like '一、', "
          "followed by its words; found '示例情况'",)),
    Case("level-1 head running into its paragraph", "report.md",
         "## 二、下一步工作\n\n", "## 二、下一步工作\n",
         ("report/report.md:12:1: a level-1 head (一、) must stand on its own line: put a "
          "blank line after it",)),
    Case("comment never closed", "report.md", "继续做好示例工作。", "<!-- 未完\n继续做好示例工作。",
         ("report/report.md:13:1: a comment '<!--' is never closed with '-->'",)),
    Case("indicator with an unknown key", "indicators.yaml", "    preceded_by: 办结\n",
         "    preceded_by: 办结\n    colour: red\n",
         ("report/indicators.yaml:11:13: indicator 'completed': unknown key 'colour' (known "
          "keys: column, followed_by, id, label, nth, occurrences, preceded_by, row, table, "
          "unit)",)),
    Case("indicator without a unit", "indicators.yaml", "    unit: 件\n    preceded_by: 办结",
         "    preceded_by: 办结",
         ("report/indicators.yaml:7:5: indicator 'completed': missing 'unit'",)),
    Case("indicator id twice", "indicators.yaml", "id: completed", "id: received",
         ("report/indicators.yaml:7:5: indicator id 'received' is declared twice (first at "
          "line 3)",
          "report/charts.yaml:9:20: chart 'example': no indicator 'completed' is declared in "
          "indicators.yaml")),
    Case("indicator id in capitals", "indicators.yaml", "id: completed", "id: Completed",
         ("report/indicators.yaml:7:9: indicator id 'Completed' must be lower-case letters, "
          "digits and underscores, starting with a letter, at most 64 in all",
          "report/charts.yaml:9:20: chart 'example': no indicator 'completed' is declared in "
          "indicators.yaml")),
    Case("figure changed to another unit in the text", "report.md", "办结100件", "办结100项",
         ("report/indicators.yaml:7:5: indicator 'completed': no figure in report/report.md "
          "matches “办结[数字]件”; the text at report/report.md:9:14 reads “办结100项。”; the "
          "text and this declaration must agree: correct one or the other",)),
    Case("declaration matching two figures", "report.md", "继续做好示例工作。",
         "继续做好示例工作，办结50件。",
         ("report/indicators.yaml:7:5: indicator 'completed': “办结[数字]件” matches 2 figures "
          "in report/report.md (lines 9, 13); add words to 'preceded_by' or 'followed_by' "
          "until only one matches, or give 'nth' (which of them, counted in reading order), "
          "or 'occurrences' when they all state the same fact",)),
    Case("digits in the words around a figure", "indicators.yaml", "preceded_by: 办结",
         "preceded_by: 办结2",
         ("report/indicators.yaml:10:18: indicator 'completed': 'preceded_by' must not "
          "contain digits; a figure is written only once, in the text",)),
    Case("label that is a list", "indicators.yaml", "label: 办结示例事项", "label: [办结, 事项]",
         ("report/indicators.yaml:8:12: indicator 'completed': 'label' must be non-empty "
          "text, found a list",)),
    Case("unknown chart type", "charts.yaml", "type: bar", "type: pie",
         ("report/charts.yaml:4:11: chart 'example': unknown type 'pie'; known types: bar "
          "(vertical bars); hbar (horizontal bars, for many or long labels)",)),
    Case("chart naming a missing indicator", "charts.yaml", "indicator: completed",
         "indicator: closed",
         ("report/charts.yaml:9:20: chart 'example': no indicator 'closed' is declared in "
          "indicators.yaml",)),
    Case("chart without bars", "charts.yaml",
         "    bars:\n      - indicator: received\n        label: 受理\n      - indicator: "
         "completed\n        label: 办结\n", "    bars: []\n",
         ("report/charts.yaml:6:11: chart 'example': 'bars' lists no indicator",)),
    Case("chart id twice", "charts.yaml", "", "  - id: example\n    type: hbar\n    title: 又一张\n"
         "    bars:\n      - indicator: received\n        label: 受理\n",
         ("report/charts.yaml:11:5: chart id 'example' is declared twice (first at line 3)",)),
    Case("unknown settings key", "report.yaml", "", "colour: red\n",
         ("report/report.yaml:4:9: settings: unknown key 'colour' (known keys: attachments, date, "
          "document, fonts, lang, summary_table)",)),
    Case("document number in the wrong form", "report.yaml", "",
         "document:\n  issuer_mark: 示例市人民政府文件\n  number: 示府发（2020）第01号\n",
         ("report/report.yaml:6:11: document: number '示府发（2020）第01号' is not like "
          "卫政发〔2020〕1号 (hexagonal brackets 〔〕, the full year, no 第, no leading zeros)",)),
    Case("date with leading zeros", "report.yaml", "",
         "document:\n  signature:\n    authority: 示例市人民政府\n    date: 2020年03月01日\n",
         ("report/report.yaml:7:11: document: signature: 'date' must be a date like "
          "2020年1月5日 (Arabic digits, the full year, no leading zeros), found "
          "'2020年03月01日'",)),
    Case("YAML syntax error", "charts.yaml", "    type: bar", "    type: [bar",
         ("report/charts.yaml:5:10: YAML syntax error: did not find expected ',' or ']'",)),
    Case("key twice in one mapping", "report.yaml", "", "summary_table:\n  title: 又一个\n",
         ("report/report.yaml:4:1: key 'summary_table' appears twice in this mapping",)),
    Case("relation naming an unknown indicator", "indicators.yaml", "",
         "relations:\n  - completed <= handled\n",
         ("report/indicators.yaml:12:5: relation “completed <= handled” names 'handled', "
          "which is not an indicator declared above",)),
    Case("relation that cannot be read", "indicators.yaml", "",
         "relations:\n  - completed <= received * 2\n",
         ("report/indicators.yaml:12:5: relation “completed <= received * 2”: cannot read "
          "“2”: a relation is made of indicator ids, + - * / ( ) and one of = <= >= < >",)),
    Case("relation that does not hold", "report.md", "办结100件", "办结150件",
         ("report/indicators.yaml:12:5: relation “completed <= received” does not hold: "
          "150件 > 120件; figures at 150件 report/report.md:9:16, 120件 report/report.md:9:9",)),
    Case("not_indicators entry the text lacks", "indicators.yaml", "",
         "not_indicators:\n  - text: 2019年\n    why: 年份\n",
         ("report/indicators.yaml:12:11: not_indicators: “2019年” is not in the text; "
          "remove it",)),
    Case("not_indicators entry without digits", "indicators.yaml", "",
         "not_indicators:\n  - text: 示例\n    why: 名称\n",
         ("report/indicators.yaml:12:11: not_indicators: “示例” has no digits; only numbers "
          "need declaring",)),
    Case("a number that is no indicator", "report.md", "继续做好示例工作。",
         "继续做好示例工作，新增3项。",
         ("report/report.md:13:12: the number 3 in “例工作，新增3项。” is neither an "
          "indicator nor declared as something else: add it to indicators.yaml, or to its "
          "not_indicators with the reason (a year, a name)",)),
    Case("a date the calendar lacks", "report.yaml", "", "date: 2020年2月31日\n",
         ("report/report.yaml:4:7: settings: 'date' is 2020年2月31日, which is not a day of "
          "the calendar (from 1900 on)",)),
    Case("year zero", "report.yaml", "", "date: 0000年1月1日\n",
         ("report/report.yaml:4:7: settings: 'date' is 0000年1月1日, which is not a day of "
          "the calendar (from 1900 on)",)),
    Case("YAML alias nine times nine", "report.yaml", "",
         "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n",
         ("report/report.yaml:5:8: a YAML alias (*a) repeats another part of the file; "
          "write the value out instead",)),
    Case("YAML alias in a loop", "charts.yaml", "", "loop: &x [*x]\n",
         ("report/charts.yaml:11:11: a YAML alias (*x) repeats another part of the file; "
          "write the value out instead",)),
    Case("YAML nested 5000 deep", "report.yaml", "", "x: " + "[" * 5000 + "]" * 5000 + "\n",
         ("report/report.yaml:4:23: lists and mappings nested more than 20 deep: a report "
          "needs a few levels",)),
    Case("relation of 1500 terms", "indicators.yaml", "",
         "relations:\n  - received >= " + " + ".join(["completed"] * 1500) + "\n",
         ("report/indicators.yaml:12:5: relation “received >= completed + completed + "
          "completed + completed + …”: a relation may name at most 100 indicators and "
          "nest brackets 10 deep (this one: 1501, 0): write it as several relations",)),
    Case("relation of 3000 brackets", "indicators.yaml", "",
         "relations:\n  - received >= " + "(" * 3000 + "completed" + ")" * 3000 + "\n",
         ("report/indicators.yaml:12:5: relation “received >= " + "(" * 48 + "…”: a "
          "relation may name at most 100 indicators and nest brackets 10 deep (this one: "
          "2, 3000): write it as several relations",)),
    Case("NUL byte in the text", "report.md", "继续做好示例工作。", "继续做好\x00示例工作。",
         ("report/report.md:13:5: a control character (U+0000) that no text has: delete it "
          "(it may come from copying out of another program or a web page)",)),
    Case("a zero-width space inside a figure", "report.md", "办结100件", "办结1\u200b00件",
         ("report/report.md:9:17: an invisible formatting character (U+200B) that no text "
          "has: delete it (it may come from copying out of another program or a web page)",)),
    Case("a language that is no language tag", "report.yaml", "",
         "lang: 'zh\"><script>'\n",
         ("report/report.yaml:4:7: settings: 'lang' must be a language tag like zh-CN, "
          "found 'zh\"><script>'",)),
    Case("份号 of five digits", "report.yaml", "",
         "document:\n  issuer_mark: 示例市人民政府文件\n  copy_number: '00001'\n",
         ("report/report.yaml:6:16: document: copy_number must be six digits, like 000001, "
          "found '00001'",)),
    Case("a 密级 the standard lacks", "report.yaml", "",
         "document:\n  issuer_mark: 示例市人民政府文件\n  secrecy: 内部\n",
         ("report/report.yaml:6:12: document: secrecy must be 绝密, 机密 or 秘密, with its "
          "term after a ★ when given: 秘密★1年, found '内部'",)),
    Case("紧急程度 of a telegram", "report.yaml", "",
         "document:\n  issuer_mark: 示例市人民政府文件\n  urgency: 特提\n",
         ("report/report.yaml:6:12: document: urgency must be 特急 or 加急, found '特提'",)),
    Case("紧急程度 without a 版头", "report.yaml", "", "document:\n  urgency: 加急\n",
         ("report/report.yaml:5:12: document: urgency is printed in the 版头, above the "
          "issuer_mark; give both",)),
    Case("附注 without a signature", "report.yaml", "",
         "document:\n  note: 此件公开发布\n",
         ("report/report.yaml:5:9: document: the note (附注) is printed under the "
          "signature's date; give signature",)),
    Case("settings file of comments only", "report.yaml",
         "summary_table:\n  title: 示例指标一览表\n", "",
         ("report/report.yaml: the file has no content, only comments",)),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_broken_content_is_reported_exactly(make_report, case):
    folder = make_report()
    path = folder / case.file
    text = path.read_text(encoding="utf-8")
    if case.old == "":
        text += case.new
    else:
        assert case.old in text, f"case {case.name} does not apply"
        text = text.replace(case.old, case.new, 1)
    if "relation" in case.name and "relations:" not in text and case.file == "report.md":
        (folder / "indicators.yaml").write_text(
            (folder / "indicators.yaml").read_text(encoding="utf-8") + RELATION,
            encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        audit(load_report(folder))
    assert tuple(str(problem) for problem in raised.value.problems) == case.expected


@pytest.mark.parametrize("make_special", [
    lambda path: os.mkfifo(path),  # would block a reader forever
    lambda path: path.mkdir(),
], ids=["fifo", "folder"])
def test_a_content_file_that_is_not_a_regular_file_is_refused(make_report, make_special):
    folder = make_report()
    (folder / "report.md").unlink()
    make_special(folder / "report.md")
    with pytest.raises(InputError) as raised:
        load_report(folder)
    assert [str(problem) for problem in raised.value.problems] == [
        "report/report.md: not a regular file (a folder, a pipe or a device): a report's "
        "files are plain text files"]


def test_a_content_file_too_large_is_refused(make_report):
    folder = make_report()
    with open(folder / "report.md", "ab") as stream:
        stream.truncate(5 * 2**20)  # a sparse file: no time spent writing it
    with pytest.raises(InputError) as raised:
        load_report(folder)
    assert [str(problem) for problem in raised.value.problems] == [
        "report/report.md: the file is 5.0 MB, more than the 4 MB a report's file may be "
        "(a 300-page report's text is under 1 MB): is it the right file?"]


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 20
