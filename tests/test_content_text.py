"""Stage 1, the text: parsing report.md into title, heads, paragraphs and sections."""

from __future__ import annotations

from pathlib import Path

import pytest

from report_pdf.content.text import parse_report_text
from report_pdf.errors import ProblemCollector
from report_pdf.model import Heading, Paragraph


def parse(text: str):
    problems = ProblemCollector()
    parsed = parse_report_text(text, Path("report.md"), problems)
    return parsed, [str(problem) for problem in problems.problems]


def parse_ok(text: str):
    parsed, problems = parse(text)
    assert problems == []
    return parsed


def test_structure_title_heads_run_in_and_paragraphs():
    parsed = parse_ok(
        "# 标题\n\n开头第一句。\n开头第二句。\n\n## 一、做法\n\n"
        "### （一）领导。\n一是加强。\n二是落实。\n\n收尾段。\n\n## 二、下一步\n\n继续。\n")
    assert parsed.title == ("标题",)
    kinds = [type(block).__name__ for block in parsed.blocks]
    assert kinds == ["Paragraph", "Heading", "Paragraph", "Paragraph", "Heading", "Paragraph"]
    opening, head1, run_in, closing, head2, last = parsed.blocks
    assert opening.text == "开头第一句。开头第二句。"  # lines join without a space
    assert head1.number == "一、" and head1.title == "做法" and head1.level == 1
    assert run_in.run_in.text == "（一）领导。" and run_in.text == "一是加强。二是落实。"
    # A run-in head's section is its one paragraph; what follows is the parent's.
    assert run_in.section.key == "一（一）"
    assert closing.section.key == "一"
    assert last.section.key == "二"
    assert opening.section.key == "" and opening.section.heading is None
    assert [section.key for section in parsed.sections] == ["", "一", "一（一）", "二"]


def test_a_long_title_is_written_on_several_lines_broken_by_meaning():
    parsed = parse_ok("# 中卫市人民政府关于2019年\n# 法治政府建设情况的报告\n\n正文。\n")
    assert parsed.title == ("中卫市人民政府关于2019年", "法治政府建设情况的报告")
    assert str(parsed.title_location) == "report.md:1:1"


def test_standalone_level2_head_keeps_following_paragraphs():
    parsed = parse_ok("# 标题\n\n## 一、甲\n\n### （一）乙\n\n第一段。\n\n第二段。\n")
    heading = parsed.blocks[1]
    assert isinstance(heading, Heading) and heading.level == 2
    assert [block.section.key for block in parsed.blocks[2:]] == ["一（一）", "一（一）"]


def test_levels_three_and_four_and_their_numbers():
    parsed = parse_ok("# 标题\n\n## 一、甲\n\n#### 1. 丙\n\n##### （2）丁\n正文。\n")
    level3, paragraph = parsed.blocks[1], parsed.blocks[2]
    assert (level3.level, level3.number, level3.title) == (3, "1.", "丙")
    assert paragraph.run_in.level == 4 and paragraph.run_in.number == "（2）"


def test_comments_are_ignored_and_locations_count_every_line():
    parsed = parse_ok("<!-- 说明\n多行 -->\n# 标题\n\n<!-- 单行 -->\n  正文。\n")
    paragraph = parsed.blocks[0]
    assert isinstance(paragraph, Paragraph)
    assert str(paragraph.location) == "report.md:6:3"  # leading spaces are not text
    assert str(parsed.title_location) == "report.md:3:1"


@pytest.mark.parametrize("text, expected", [
    ("正文。\n", "report.md:1:1: the text must begin with the title line"),
    ("# 标题\n\n# 又一个标题\n", "report.md:3:1: a second title; the title is already "
                               "given at line 1"),
    ("# 标题\n## 一、做法\n", "report.md:2:1: the title must stand alone"),
    ("# 标题\n正文。\n", "report.md:2:1: the title must stand alone"),
    ("# 标题\n\n## 主要做法\n", "report.md:3:1: a level-1 head must start with its number, "
                            "like '一、'"),
    ("# 标题\n\n### (一)领导\n", "report.md:3:1: a level-2 head must start with its number, "
                             "like '（一）'"),
    ("# 标题\n\n## 一、做法\n正文。\n", "report.md:4:1: a level-1 head (一、) must stand on its "
                                  "own line"),
    ("# 标题\n\n###### 1) 项\n", "report.md:3:1: '######' is not a known head"),
    ("# 标题\n\n### （一）甲\n### （二）乙\n", "report.md:4:1: two heads on consecutive lines"),
    ("# 标题\n\n<!-- 没有结束\n", "report.md:3:1: a comment '<!--' is never closed"),
    ("", "report.md:1:1: no title"),
])
def test_structure_errors_name_the_line(text, expected):
    _, problems = parse(text)
    assert any(problem.startswith(expected) for problem in problems), problems


def test_every_problem_is_reported_in_one_run():
    _, problems = parse("# 标题\n\n## 做法\n\n### 领导\n\n#### 一\n")
    assert [problem.split(":")[1] for problem in problems] == ["3", "5", "7"]
