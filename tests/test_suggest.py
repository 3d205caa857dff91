"""``python -m report_pdf indicators --suggest``: declarations for the numbers of
the text that nothing accounts for, pasted as a user would, then built."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import FIXTURES, ROOT
from report_pdf.cli import main
from report_pdf.suggest import suggest


@pytest.fixture
def undeclared(tmp_path, monkeypatch):
    """The fixture whose indicators.yaml declares one figure of many, in a project."""
    monkeypatch.chdir(tmp_path)
    for name in ("fonts", "styles"):
        (tmp_path / name).symlink_to(ROOT / name)
    shutil.copytree(FIXTURES / "undeclared", tmp_path / "report")
    return tmp_path / "report"


def blocks_of(printed: str) -> dict[str, str]:
    """The printed suggestions by the list their heading comment names."""
    blocks, current = {}, None
    for line in printed.splitlines(keepends=True):
        heading = re.match(r"# [0-9]+ 条，贴到 (not_indicators|indicators): ", line)
        if heading:
            current = heading.group(1)
            blocks[current] = ""
        else:
            blocks[current] += line
    return blocks


def test_suggestions_pasted_into_indicators_yaml_build(undeclared, capsys):
    assert main(["build", "report", "-o", "out"]) == 2
    assert "is neither an indicator nor declared" in capsys.readouterr().err
    assert main(["indicators", "report", "--suggest"]) == 0
    printed = capsys.readouterr().out
    blocks = blocks_of(printed)
    # As a user pastes them: under the indicators list (which ends where relations
    # start), and as a new not_indicators list, the file having none.
    yaml_file = undeclared / "indicators.yaml"
    text = yaml_file.read_text(encoding="utf-8")
    text = text.replace("relations:\n", blocks["indicators"] + "relations:\n")
    yaml_file.write_text(text + "not_indicators:\n" + blocks["not_indicators"],
                         encoding="utf-8")
    assert main(["build", "report", "-o", "out"]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "check: all" in out
    declared = printed.count("  - id: ") + 1
    assert f"{declared} indicators" in out
    # The fact stated twice in the same words (a head and its paragraph) is one
    # declaration; the same words with different figures stay apart.
    assert "occurrences: 2" in blocks["indicators"]
    assert "preceded_by: 一季度培训" in blocks["indicators"]
    for name in ("2024年", "2023—2025年", "“3+1”", "2025年"):
        assert f"  - text: {name}\n" in blocks["not_indicators"]
    # The change against last year after 1200家（次） is left to the audit.
    assert "同比增长" not in printed and "preceded_by: 同比" not in printed
    assert main(["indicators", "report", "--suggest"]) == 0
    assert capsys.readouterr().out == ""


def test_identical_phrases_get_their_place_in_reading_order(make_report):
    folder = make_report({"report.md": "# 题\n\n办结10件。\n\n办结20件。\n",
                          "indicators.yaml": "indicators: []\n", "charts.yaml": "charts: []\n"})
    suggestions, left = suggest(folder)
    assert left == []
    assert ["\n".join(item.lines[3:]) for item in suggestions] == [
        "    preceded_by: 办结\n    nth: 1", "    preceded_by: 办结\n    nth: 2"]


def test_values_yaml_would_misread_are_quoted(make_report):
    folder = make_report({"report.md": "# 题\n\n达标率:98%。合格: 3项。\n",
                          "indicators.yaml": "indicators: []\n", "charts.yaml": "charts: []\n"})
    suggestions, left = suggest(folder)
    assert left == []
    lines = [line for item in suggestions for line in item.lines]
    assert ['    unit: "%"', '    preceded_by: "达标率:"'] == lines[2:4]
    # A space right before the figure cannot be part of 'preceded_by' (values are
    # read stripped): the words after it find it instead.
    assert lines[-1] == "    followed_by: 。"


def test_a_number_without_a_unit_is_named_with_the_text_around_it(make_report):
    folder = make_report({"report.md": "# 题\n\n依照第 3 条执行，办结10件。\n",
                          "indicators.yaml": "indicators: []\n", "charts.yaml": "charts: []\n"})
    suggestions, left = suggest(folder)
    assert left == []
    assert suggestions[-1].lines == ("  - text: 第 3 条",
                                     "    why: 没有单位的数字（编号？请核对，是指标就改写成指标）")


def test_every_number_accounted_for_means_no_suggestion(make_report):
    suggestions, left = suggest(make_report())
    assert (suggestions, left) == ([], [])


def test_without_suggest_the_indicators_are_listed_with_their_places(undeclared, capsys):
    (undeclared / "indicators.yaml").write_text(
        "indicators:\n  - {id: towns, label: 乡镇, unit: 个, followed_by: 乡镇, occurrences: 2}\n"
        "  - {id: found, label: 发现隐患, unit: 项, preceded_by: 发现隐患}\n",
        encoding="utf-8")
    assert main(["indicators", "report"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "found\t910项\treport/report.md:10:16\t发现隐患",
        "towns\t14个\treport/report.md:10:41, report/report.md:10:56\t乡镇"]
