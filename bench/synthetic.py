"""Synthetic reports of a chosen length, made of the 2019 report's text.

The 2019 text is repeated, its level-1 heads numbered on (一、二、三、…), and its
Arabic digits written as Chinese numerals (2019 → 二〇一九), so that no number
needs declaring in indicators.yaml: the result is a text-only report, without
indicators, charts or summary table, of about the number of pages asked for.
It is benchmark input, built in a temporary folder and never committed.
"""

from __future__ import annotations

import re
from pathlib import Path

from report_pdf.lint import chinese_numeral

CHINESE_DIGITS = str.maketrans("0123456789.", "〇一二三四五六七八九点")
CHARACTERS_PER_PAGE = 590  # of body text, heads included: 300 asked, about 300 made
LEVEL_1_HEAD = re.compile(r"^## [一二三四五六七八九十]+、")
MAX_HEADS = 99  # the lint counts 一 to 九十九


def body_lines(report_text: str) -> list[str]:
    """The lines after the title, without the leading comment."""
    text = re.sub(r"<!--.*?-->\s*", "", report_text, flags=re.S)
    lines = text.splitlines()
    title = next(index for index, line in enumerate(lines) if line.startswith("# "))
    return lines[title + 1:]


def synthetic_text(report_text: str, pages: float) -> str:
    """A report of about ``pages`` pages: the 2019 body, repeated or cut at a block."""
    body = "\n".join(line if LEVEL_1_HEAD.match(line) else line.translate(CHINESE_DIGITS)
                     for line in body_lines(report_text))
    blocks = [block.strip() for block in body.split("\n\n") if block.strip()]
    wanted = pages * CHARACTERS_PER_PAGE
    out: list[str] = []
    written, heads = 0, 0
    while written < wanted:
        for block in blocks:
            if LEVEL_1_HEAD.match(block):
                heads += 1
                if heads > MAX_HEADS:
                    raise ValueError(f"{pages} pages need more than {MAX_HEADS} level-1 heads")
                block = LEVEL_1_HEAD.sub(f"## {chinese_numeral(heads)}、", block)
            out.append(block)
            written += len(re.sub(r"\s", "", block))
            if written >= wanted:
                break
    while out[-1].startswith("#") and "\n" not in out[-1]:
        out.pop()  # no head at the end without its text
    title = "# 基准测试用合成报告"
    return "\n\n".join([title, *out]) + "\n"


def write_synthetic_report(source_folder: Path, target: Path, pages: float) -> Path:
    """Write a report folder of about ``pages`` pages into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    text = (source_folder / "report.md").read_text(encoding="utf-8")
    (target / "report.md").write_text(synthetic_text(text, pages), encoding="utf-8")
    (target / "report.yaml").write_text("lang: zh-CN\n", encoding="utf-8")
    (target / "indicators.yaml").write_text("indicators: []\n", encoding="utf-8")
    (target / "charts.yaml").write_text("charts: []\n", encoding="utf-8")
    return target
