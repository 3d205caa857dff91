"""Several attachments (GB/T 9704 7.3.4, 7.3.7): read from report.yaml, planned,
typeset and checked. Example data only."""

from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURES, ROOT
from report_pdf.check import check_pdf
from report_pdf.content import load_report
from report_pdf.errors import InputError
from report_pdf.fonts import load_fonts
from report_pdf.plan import plan_document
from report_pdf.plan_attachments import AttachmentHead
from report_pdf.plan_summary import SummaryTablePart
from report_pdf.plan_text import TextBlock
from report_pdf.typeset import typeset

ATTACHMENTS = FIXTURES / "attachments"
APART = "示区司发〔2024〕7号附件3"
SUMMARY_TABLE = ("summary_table:\n  title: 示例区2023年度法治建设主要指标一览表\n"
                 "  landscape: true                  # 示例：一览表横排（GB/T 9704 第8章）\n")


def copy_with(tmp_path, old: str = "", new: str = "", colophon: bool = False):
    """The attachments example with ``old`` in its report.yaml made ``new``."""
    folder = tmp_path / "report"
    shutil.copytree(ATTACHMENTS, folder)
    settings = (folder / "report.yaml").read_text(encoding="utf-8")
    assert old in settings
    settings = settings.replace(old, new)
    if colophon:
        settings += ("  colophon:\n    printed_by: 示例区司法局办公室\n"
                     "    printed_on: 2024年1月9日\n")
    (folder / "report.yaml").write_text(settings, encoding="utf-8")
    return folder


def problems_of(folder) -> list[str]:
    with pytest.raises(InputError) as raised:
        load_report(folder)
    return [str(problem) for problem in raised.value.problems]


def notes(plan) -> list[str]:
    return [line.text for block in plan.blocks(TextBlock) if block.kind == "attachment-note"
            for line in block.lines]


def labels(plan) -> list[tuple[int, str]]:
    """(page, label) of every attachment's first page."""
    found = []
    for page in plan.pages:
        for item in page.items:
            if isinstance(item.block, AttachmentHead):
                found.append((page.number, item.block.label))
            elif isinstance(item.block, SummaryTablePart) and item.block.first:
                found.append((page.number, item.block.label))
    return found


def test_the_attachments_are_read_in_order_with_their_titles():
    report = load_report(ATTACHMENTS)
    assert [(text.title, text.entry.bound) for text in report.attachments] == [
        ("示例区2024年度法治建设重点任务清单", True), ("示例区行政执法人员名册", False)]
    assert report.attachments[0].title_lines == ("示例区2024年度法治建设", "重点任务清单")


@pytest.mark.parametrize("old, new, expected", [
    ("附件2-重点任务清单.md", "附件2.txt", "attachments: '附件2.txt' is not a Markdown file"),
    ("附件2-重点任务清单.md", "../attachments/附件2-重点任务清单.md",
     "is not a file of the report folder itself"),
    ("附件2-重点任务清单.md", "report.md", "attachments: 'report.md' is one of the report's own"),
    ("附件3-执法人员名册.md", "附件2-重点任务清单.md",
     "is already attachment '附件2-重点任务清单.md'"),
    ("附件2-重点任务清单.md", "附件9.md", "附件9.md: file not found"),
    ("  number: 示区司发〔2024〕7号\n", "",
     "attachments: an attachment not bound with the body carries the document's 发文字号"),
    ("    bound: false", "    bound: later", "attachments: 'bound' must be true or false"),
    ("  - file: 附件2-重点任务清单.md\n", "  - title: 附件二\n",
     "attachments: unknown key 'title'"),
], ids=["not-markdown", "outside", "report.md", "twice", "missing", "apart-without-number",
        "bound-not-a-boolean", "unknown-key"])
def test_wrong_attachment_entries_are_refused_with_their_place(tmp_path, old, new, expected):
    problems = problems_of(copy_with(tmp_path, old, new))
    assert any(expected in problem and "report.yaml:" in problem for problem in problems) \
        or any(expected in problem for problem in problems), problems


def test_an_attachment_text_with_a_problem_is_reported_at_its_line(tmp_path):
    folder = copy_with(tmp_path)
    (folder / "附件2-重点任务清单.md").write_text("没有标题的附件。\n", encoding="utf-8")
    problems = problems_of(folder)
    assert any("附件2-重点任务清单.md:1:1" in problem and "title" in problem
               for problem in problems), problems


def test_several_attachments_are_numbered_in_the_note_and_on_their_pages(fonts, layout):
    plan = plan_document(load_report(ATTACHMENTS), [], fonts, layout)
    assert notes(plan) == ["附件：1.示例区2023年度法治建设主要指标一览表",
                           "2.示例区2024年度法治建设重点任务清单", "3.示例区行政执法人员名册"]
    assert labels(plan) == [(3, "附件1"), (4, "附件2"), (5, APART)]
    # the names' numbers stand under the first's: each entry after the first
    # starts the width of “附件：” further in
    blocks = [block for block in plan.blocks(TextBlock) if block.kind == "attachment-note"]
    assert blocks[0].lead == 0 and blocks[1].lead == blocks[2].lead > 0
    assert len({block.hang for block in blocks}) == 1


def test_one_attachment_has_no_number(tmp_path, fonts, layout):
    folder = copy_with(tmp_path, SUMMARY_TABLE + "attachments:                       # 附件1是"
                       "主要指标一览表，其后依次为：\n  - file: 附件2-重点任务清单.md\n",
                       "attachments:\n")
    plan = plan_document(load_report(folder), [], fonts, layout)
    assert notes(plan) == ["附件：示例区行政执法人员名册"]
    assert labels(plan) == [(3, "示区司发〔2024〕7号附件")]


def test_an_attachment_printed_apart_starts_a_new_sheet_numbered_from_one(tmp_path, fonts,
                                                                          layout):
    # Without the summary table the bound part ends on page 3, an odd page: a blank
    # page, unnumbered, puts the attachment printed apart on a sheet of its own.
    folder = copy_with(tmp_path, SUMMARY_TABLE)
    plan = plan_document(load_report(folder), [], fonts, layout)
    assert labels(plan) == [(3, "附件1"), (5, "示区司发〔2024〕7号附件2")]
    assert [(page.number, page.shown) for page in plan.pages] == [
        (1, 1), (2, 2), (3, 3), (4, None), (5, 1)]
    assert [page.starts_apart for page in plan.pages] == [False] * 4 + [True]


def test_an_attachment_printed_apart_follows_the_colophon(tmp_path, fonts, layout):
    folder = copy_with(tmp_path, colophon=True)
    plan = plan_document(load_report(folder), [], fonts, layout)
    kinds = [[type(item.block).__name__ for item in page.items] for page in plan.pages]
    colophon_page = next(index for index, page in enumerate(kinds) if "ColophonBlock" in page)
    assert (colophon_page + 1) % 2 == 0  # on an even page
    assert labels(plan)[-1] == (colophon_page + 2, APART)
    assert plan.pages[colophon_page + 1].shown == 1


def test_the_example_builds_and_passes_every_rule(built_attachments):
    result = built_attachments.result
    assert result.check.passed, result.check.table()
    rules = {rule.rule: rule.measured for rule in result.check.results}
    assert rules["附件说明 and 附件"] == "3 named, 3 found, 1 printed apart"
    pages = built_attachments.pages
    assert pages[4].startswith(APART)
    assert pages[4].rstrip().endswith("— 1 —")
    assert pages[3].rstrip().endswith("— 4 —")


def failing_after(built, layout, old: str, new: str) -> dict[str, str]:
    html = built.html
    assert html.count(old) == 1, old
    pdf = typeset(html.replace(old, new), built.result.html_path.parent,
                  load_fonts(ROOT / "fonts"), {},
                  print_profile=layout.print_profile).pdf
    report = check_pdf(pdf, layout)
    return {rule.rule: " / ".join(rule.details) for rule in report.failures}


@pytest.mark.parametrize("old, new, expected", [
    ('<span class="line">附件2</span>', '<span class="line">附件5</span>',
     "page 4: 附件5 is not in the 附件说明 / attachments numbered 1, 5, 3, not 1 to 3 / "
     "附件2 of the 附件说明 has no page of its own"),
    ('<span class="line">示例区行政执法人员名册</span></h1>',
     '<span class="line">示例区执法人员名册</span></h1>',
     "page 5: the title “示例区执法人员名册” is not the 附件说明's “示例区行政执法人员名册”"),
    ('<p class="attachment-note" style="padding-left: 90.712pt; text-indent: -11.785pt">'
     '<span class="text"><span class="latin">3</span>',
     '<p class="attachment-note" style="padding-left: 90.712pt; text-indent: -27.785pt">'
     '<span class="text"><span class="latin">3</span>',
     "a name wraps"),
], ids=["label", "title", "number-not-under-the-first"])
def test_attachments_that_disagree_with_the_note_fail(built_attachments, layout, old, new,
                                                      expected):
    failed = failing_after(built_attachments, layout, old, new)
    assert set(failed) == {"附件说明 and 附件"}, failed
    assert expected in failed["附件说明 and 附件"]


def test_an_attachment_title_of_more_than_three_lines_is_refused(tmp_path, fonts, layout):
    folder = copy_with(tmp_path)
    path = folder / "附件2-重点任务清单.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("# 重点任务清单", "# 重点任务清单" + "示例" * 40),
                    encoding="utf-8")
    with pytest.raises(InputError) as raised:
        plan_document(load_report(folder), [], fonts, layout)
    (problem,) = raised.value.problems
    assert "附件2-重点任务清单.md:2:1" in str(problem)
    assert "the attachment's title takes 6 lines in the title's type; keep it to 3" in str(
        problem)


def test_the_summary_table_set_across_a_landscape_page(built_attachments, fonts, layout):
    rules = {rule.rule: rule.measured for rule in built_attachments.result.check.results}
    assert rules["landscape pages"] == "1 page(s) (3)"
    plan = plan_document(load_report(ATTACHMENTS), [], fonts, layout)
    (part,) = [item.block for item in plan.pages[2].items]
    assert isinstance(part, SummaryTablePart) and part.turned
    # its columns share the text block's height, not its width
    geometry = part.geometry
    assert geometry.number + geometry.label + geometry.value + geometry.unit == pytest.approx(
        layout.text_height_pt)


TURNED = "transform: translateY(637.795pt) rotate(-90deg)"


@pytest.mark.parametrize("new, expected", [
    # turned the other way: its head to the right, away from the binding of page 3
    ("transform: translateX(442.205pt) rotate(90deg)",
     "page 3: text turned with its top to the right, not the left"),
    # a tenth of the text block's height too low: past the bottom edge
    ("transform: translateY(701.575pt) rotate(-90deg)",
     "page 3: turned text 63.78 pt past the bottom edge"),
], ids=["the-other-way", "past-the-edge"])
def test_a_landscape_page_set_wrong_fails(built_attachments, layout, new, expected):
    failed = failing_after(built_attachments, layout, TURNED, new)
    assert failed["landscape pages"].startswith(expected), failed
