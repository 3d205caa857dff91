"""Property-based tests: generated content never crashes the loaders, the
composer or the renderer; the only failures are clear InputErrors.

Deterministic (derandomized, no example database), so every run tries the
same examples.
"""

from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, ROOT
from report_pdf.audit import audit
from report_pdf.content import load_report
from report_pdf.errors import InputError
from report_pdf.fonts import load_fonts
from report_pdf.html import render_html, render_stylesheet
from report_pdf.layout import load_layout
from report_pdf.lint import apply_fixes, lint_text
from report_pdf.plan import TextBlock, plan_document

SETTINGS = settings(derandomize=True, database=None, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])

# Text made of what reports are made of, and of what breaks parsers.
PIECES = st.sampled_from([
    "#", "## ", "### ", "一、", "（一）", "（二）", "1.", "<!--", "-->", "\n", "\n\n", " ",
    "\u3000", "受理示例事项", "办结", "120", "100", "件", "，", "。", "“", "”", "（", "）",
    ",", "(", ")", "%", "％", "——", "……", "2019年", "83.4", "😀", "\U00020000", "<b>", "\t",
    "\r\n", "\ufeff", "\x00", "\\", "'", '"', ":", "- ", "[", "]", "{", "}",
])
TEXTS = st.one_of(st.lists(PIECES, max_size=40).map("".join), st.text(max_size=200))
YAML_PIECES = st.sampled_from([
    "indicators:", "charts:", "relations:", "not_indicators:", "summary_table:", "document:",
    "\n", "  - ", "    ", "id: ", "label: ", "unit: ", "preceded_by: ", "type: ", "bars: ",
    "indicator: ", "received", "completed", "件", "bar", "hbar", "[", "]", "{", "}", ":",
    "received = completed + received", "title: ", "text: ", "why: ", "2019年", "- 1", "~",
    "&a", "*a", "!!python/object:os.system", "'", '"', "\t", "yes", "0o12",
])
YAMLS = st.one_of(st.lists(YAML_PIECES, max_size=40).map("".join), st.text(max_size=120))
FILES = ("report.md", "indicators.yaml", "charts.yaml", "report.yaml")


@pytest.fixture(scope="module")
def resources():
    return load_fonts(ROOT / "fonts"), load_layout(ROOT / "styles")


@settings(SETTINGS, max_examples=60)
@given(name=st.sampled_from(FILES), text=st.one_of(TEXTS, YAMLS),
       raw=st.one_of(st.none(), st.binary(max_size=64)))
def test_loading_any_content_gives_a_report_or_clear_problems(make_report, name, text, raw):
    folder = make_report({name: raw if raw is not None else text})
    try:
        report = load_report(folder)
        audit(report)
    except InputError as error:
        assert error.problems
        assert all(str(problem) for problem in error.problems)


@settings(SETTINGS, max_examples=40)
@given(paragraphs=st.lists(TEXTS.filter(lambda text: "\n" not in text and "#" not in text
                                        and "<!--" not in text), min_size=1, max_size=6))
def test_any_paragraphs_compose_and_render(make_report, tmp_path, resources, paragraphs):
    fonts, layout = resources
    body = "\n\n".join(paragraph.strip() or "空" for paragraph in paragraphs)
    folder = make_report({"report.md": f"# 标题\n\n{body}\n",
                          "indicators.yaml": "indicators: []\n",
                          "charts.yaml": "charts: []\n"})
    try:
        report = load_report(folder)
    except InputError:
        return  # e.g. a byte-order mark or a NUL inside the text: reported, not rendered
    try:
        plan = plan_document(report, [], fonts, layout)
    except InputError as error:  # a character no committed font has: named, with its place
        assert all(problem.location for problem in error.problems)
        return
    planned = "".join(line.text for block in plan.blocks(TextBlock) if block.kind != "head"
                      for line in block.lines)
    expected = "".join(block.run_in.text + block.text if block.run_in else block.text
                       for block in report.paragraphs)
    assert planned == expected
    html = render_html(plan, fonts, layout,
                       render_stylesheet(ROOT / "styles", layout, plan.page_number), tmp_path)
    assert "<script" not in html.split("</style>", 1)[1]


@SETTINGS
@given(text=TEXTS)
def test_lint_fixes_are_complete_in_one_pass(tmp_path, text):
    """After --fix, nothing fixable is left: a second --fix changes nothing."""
    from pathlib import Path

    fixed = apply_fixes(text, lint_text(text, Path("t.md")))
    assert not any(finding.fix for finding in lint_text(fixed, Path("t.md")))


@settings(SETTINGS, max_examples=5)
@given(paragraph=st.lists(st.sampled_from(["示例", "，", "。", "120", "“示例”", "😀", "（一）",
                                           "\U00020000", "abc", "——"]), min_size=1,
                          max_size=30).map("".join))
def test_typesetting_generated_text_gives_a_pdf_or_a_clear_error(make_report, tmp_path,
                                                                  paragraph):
    from conftest import build_into

    folder = make_report({"report.md": f"# 标题\n\n{paragraph}\n",
                          "indicators.yaml": "indicators: []\n",
                          "charts.yaml": "charts: []\n"})
    shutil.rmtree(tmp_path / "out", ignore_errors=True)
    try:
        built = build_into(folder, tmp_path / "out")
    except InputError as error:
        assert error.problems
        return
    assert built.pdf.startswith(b"%PDF-")


def test_the_fixture_exists():
    assert (FIXTURES / "minimal" / "report.md").is_file()
