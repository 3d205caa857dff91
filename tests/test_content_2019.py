"""The 2019 content against the report as published on the web.

The content may differ from the published text only by the normalisation the
web page lost: full-width ，（）；： where the page has ASCII , ( ) ; : next to
Chinese characters, no space in “23 项”, and without the page's leftovers.
"""

from __future__ import annotations

import re

import pytest

from conftest import CONTENT_2019
from report_pdf.content import load_report
from report_pdf.model import Heading

PUBLISHED = CONTENT_2019 / "published.txt"
WEB_LEFTOVERS = ("附件下载:", "扫一扫在手机上查看当前页面")
FULL_WIDTH = {",": "，", "(": "（", ")": "）", ";": "；", ":": "："}


def is_chinese(char: str) -> bool:
    return not char.isascii()


def normalise_published(text: str) -> list[str]:
    """Apply exactly the allowed differences to the published text."""
    lines = [line for line in text.split("\n") if line.strip() and line not in WEB_LEFTOVERS]
    normalised = []
    for line in lines:
        chars = list(line)
        for index, char in enumerate(chars):
            neighbours = line[index - 1:index] + line[index + 1:index + 2]
            if char in FULL_WIDTH and any(is_chinese(other) for other in neighbours):
                chars[index] = FULL_WIDTH[char]
        line = "".join(chars)
        normalised.append(re.sub(r"(?<=[0-9]) (?=[\u4e00-\u9fff])", "", line))
    return normalised


def content_lines(report) -> list[str]:
    """The content in reading order, one line per line of the published text."""
    lines = [report.title]
    for block in report.blocks:
        if isinstance(block, Heading):
            lines.append(block.text)
        else:
            lines.append((block.run_in.text if block.run_in else "") + block.text)
    return lines


@pytest.fixture(scope="module")
def report():
    return load_report(CONTENT_2019)


def test_published_copy_is_the_source_text():
    text = PUBLISHED.read_text(encoding="utf-8")
    assert text.startswith("2019年法治政府建设工作报告\n")
    assert "60561件" in text and "23 项" in text  # the web page as published, untouched


def test_content_is_the_published_text_with_only_the_allowed_normalisation(report):
    published = normalise_published(PUBLISHED.read_text(encoding="utf-8"))
    assert content_lines(report) == published


def test_normalisation_is_not_vacuous():
    raw = [line for line in PUBLISHED.read_text(encoding="utf-8").split("\n")
           if line.strip() and line not in WEB_LEFTOVERS]
    normalised = normalise_published(PUBLISHED.read_text(encoding="utf-8"))
    changed = sum(a != b for a, b in zip(raw, normalised, strict=True))
    with_ascii_marks = sum(bool(re.search(r"[,();:]|[0-9] [\u4e00-\u9fff]", line))
                           for line in raw)
    assert changed == with_ascii_marks > 0
    assert not any(mark in "".join(normalised) for mark in ",;():")


def test_structure_is_explicit(report):
    heads = [block for block in report.blocks if isinstance(block, Heading)]
    assert [head.text for head in heads] == ["一、主要做法及成效", "二、下一步工作"]
    run_ins = [block.run_in.number for block in report.blocks
               if not isinstance(block, Heading) and block.run_in]
    assert run_ins == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"]
    assert report.title == "2019年法治政府建设工作报告"


def test_more_than_sixty_indicators_each_complete(report):
    assert len(report.indicators) > 60
    for indicator in report.indicators:
        assert indicator.id and indicator.label and indicator.unit
        assert indicator.section.heading is not None
        # The figure stands in the text exactly as the indicator renders it.
        assert indicator.display_value + indicator.unit in indicator.block.text


def test_indicators_cover_counts_amounts_rates_and_time_limits(report):
    units = {indicator.unit for indicator in report.indicators}
    assert {"件", "项", "人", "批次", "条", "万元", "%", "个工作日"} <= units
    rates = {indicator.value_text for indicator in report.indicators if indicator.unit == "%"}
    assert rates == {"98", "83.4", "100"}


def test_every_number_in_the_text_is_an_indicator_or_a_year_or_a_name(report):
    claimed = {(indicator.found_at.line, indicator.found_at.column)
               for indicator in report.indicators}
    unclaimed = []
    for block in report.blocks:
        if isinstance(block, Heading):
            continue
        for line in block.lines:
            for match in re.finditer(r"[0-9]+(?:\.[0-9]+)?", line.text):
                column = (line.location.column or 1) + match.start()
                if (line.location.line, column) not in claimed:
                    unclaimed.append((line.text[max(0, match.start() - 1):match.end() + 1]))
    years = [text for text in unclaimed if re.fullmatch(r".?(2019|2020)年", text)]
    names = [text for text in unclaimed if text not in years]
    assert sorted(names) == sorted(["“6+", "+8”", "“12345”", "“3+", "“12·", "·4”"])
    assert len(years) == len(unclaimed) - len(names) > 0
