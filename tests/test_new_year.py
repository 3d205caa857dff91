"""``python -m report_pdf new``: next year's report folder from the newest one, and
the build's list of paragraphs still word for word last year's."""

from __future__ import annotations

import io
import os
import shutil
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import CONTENT_2019, FIXTURES, ROOT, two_years
from report_pdf.cli import main


@dataclass(frozen=True)
class Completed:
    returncode: int
    stdout: str
    stderr: str


def run(arguments: list[str], cwd: Path) -> Completed:
    """The command line in this process (test_cli runs it as a new one), in ``cwd``."""
    out, err, previous = io.StringIO(), io.StringIO(), Path.cwd()
    os.chdir(cwd)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main(arguments)
    finally:
        os.chdir(previous)
    return Completed(code, out.getvalue(), err.getvalue())


@pytest.fixture
def project(tmp_path) -> Path:
    """A project whose newest report is a copy of the issued example, as 2020's."""
    for name in ("styles", "fonts"):
        (tmp_path / name).symlink_to(ROOT / name)
    shutil.copytree(FIXTURES / "issued", tmp_path / "content" / "2020")
    return tmp_path


def test_new_makes_next_years_folder_with_the_years_moved_on_and_the_dates_emptied(project):
    completed = run(["new"], project)
    assert completed.returncode == 0, completed.stderr
    assert "made content/2021 from content/2020" in completed.stdout
    settings = (project / "content/2021/report.yaml").read_text(encoding="utf-8")
    assert "number: 示府发〔2021〕1号" in settings
    assert "2020年3月1日" not in settings  # the 成文日期 and the 印发日期, emptied
    assert "fill in the 2 emptied date(s)" in completed.stdout
    text = (project / "content/2021/report.md").read_text(encoding="utf-8")
    last_year = (project / "content/2020/report.md").read_text(encoding="utf-8")
    assert text == last_year  # the issued example's title names no year: nothing moved
    # the build asks for the dates, at their lines
    built = run(["build"], project)
    assert built.returncode == 2
    assert built.stderr.splitlines()[:2] == [
        "error: content/2021/report.yaml:16:10: document: signature: missing 'date'",
        "error: content/2021/report.yaml:21:16: document: colophon: missing 'printed_on'"]


def test_the_title_years_move_on(tmp_path):
    from report_pdf.new_year import new_report

    shutil.copytree(FIXTURES / "minimal", tmp_path / "content" / "2019")
    text = tmp_path / "content/2019/report.md"
    text.write_text(text.read_text(encoding="utf-8").replace(
        "# 示例工作报告", "# 示例2019年度工作报告\n# 2019—2020年工作"), encoding="utf-8")
    made = new_report(tmp_path / "content", None)
    assert made.folder == tmp_path / "content" / "2020"
    moved = (made.folder / "report.md").read_text(encoding="utf-8")
    assert "# 示例2020年度工作报告\n# 2020—2021年工作" in moved
    assert "全年受理示例事项120件" in moved  # the text is left as last year's draft
    assert "title: 示例指标一览表" in (made.folder / "report.yaml").read_text(encoding="utf-8")


def test_the_build_lists_the_paragraphs_still_word_for_word_last_years(tmp_path):
    for name in ("styles", "fonts"):
        (tmp_path / name).symlink_to(ROOT / name)
    shutil.copytree(FIXTURES / "minimal", tmp_path / "content" / "2019")
    assert run(["new", "2020"], tmp_path).returncode == 0
    new_text = tmp_path / "content/2020/report.md"
    new_text.write_text(new_text.read_text(encoding="utf-8").replace(
        "继续做好示例工作。", "继续认真做好示例工作。"), encoding="utf-8")
    built = run(["build"], tmp_path)  # the newest folder: 2020's
    assert built.returncode == 0, built.stderr
    assert "building content/2020" in built.stdout
    unchanged = [line for line in built.stderr.splitlines() if "word for word" in line]
    assert [line.split(": ")[2] for line in unchanged] == [
        "content/2020/report.md:4:1", "content/2020/report.md:8:5"]


def test_an_existing_folder_is_never_written_over(project):
    (project / "content" / "2021").mkdir()
    (project / "content" / "2021" / "mine.txt").write_text("mine", encoding="utf-8")
    completed = run(["new", "2021"], project)
    assert completed.returncode == 2
    assert "content/2021: exists already: nothing was written" in completed.stderr
    assert [path.name for path in (project / "content" / "2021").iterdir()] == ["mine.txt"]
    assert sorted(path.name for path in (project / "content").iterdir()) == ["2020", "2021"]


def test_the_2019_report_is_not_a_draft_of_anything():
    """2019 is the first report: no 2018 folder, so no paragraph is listed."""
    from report_pdf.content import load_report
    from report_pdf.new_year import unchanged_paragraphs

    report = load_report(CONTENT_2019)
    assert unchanged_paragraphs(report.folder, report.paragraphs) == []


def summary_rows(folder: Path, fonts, layout):
    from report_pdf.content import load_report
    from report_pdf.plan import plan_document
    from report_pdf.plan_summary import IndicatorRow, SummaryTablePart

    plan = plan_document(load_report(folder), [], fonts, layout)
    parts = plan.blocks(SummaryTablePart)
    return parts[0].geometry, [(row.indicator.id, row.last_year, row.change)
                               for part in parts for row in part.rows
                               if isinstance(row, IndicatorRow)]


def test_the_summary_table_gains_last_years_figures_and_the_change(tmp_path, fonts, layout):
    folder = two_years(tmp_path, ("受理示例事项120件", "受理示例事项150件"))
    geometry, rows = summary_rows(folder, fonts, layout)
    assert geometry.last_year > 0 and geometry.change > 0
    assert rows == [("received", "120", "+30"), ("completed", "100", "0")]


def test_without_last_years_report_the_table_keeps_four_columns(tmp_path, fonts, layout):
    shutil.copytree(FIXTURES / "minimal", tmp_path / "content" / "2019")
    geometry, rows = summary_rows(tmp_path / "content" / "2019", fonts, layout)
    assert geometry.last_year == 0 and all(row[1:] == ("", "") for row in rows)


@pytest.mark.parametrize("this, last, expected", [
    (("83.4", "", "%"), ("80", "", "%"), ("80", "+3.4个百分点")),
    (("50", "余", "项"), ("40", "", "项"), ("40", "—")),
    (("12", "", "件"), ("12", "", "项"), ("12项", "—")),
    (("1.5", "", "万元"), ("2", "", "万元"), ("2", "-0.5")),
], ids=["points", "approximate", "another-unit", "decrease"])
def test_the_change_is_given_only_where_it_is_exact(this, last, expected):
    from decimal import Decimal

    from report_pdf.model import Indicator, Location
    from report_pdf.plan_summary import compared

    def figure(text: str, approx: str, unit: str) -> Indicator:
        where = Location(Path("t.md"), 1, 1)
        return Indicator("x", "示例", unit, Decimal(text), text, approx, None, where, where)

    assert compared(figure(*this), figure(*last)) == expected
    assert compared(figure(*this), None) == ("—", "—")


def test_a_last_year_that_cannot_be_read_is_a_warning(tmp_path):
    for name in ("styles", "fonts"):
        (tmp_path / name).symlink_to(ROOT / name)
    two_years(tmp_path)
    (tmp_path / "content/2019/charts.yaml").write_text("charts: [\n", encoding="utf-8")
    built = run(["build", "content/2020"], tmp_path)
    assert built.returncode == 0, built.stderr
    assert "warning: last year: content/2019 could not be read (1 problem(s), the first: " \
           "content/2019/charts.yaml:" in built.stderr


@pytest.mark.parametrize("claim, problem", [
    ("，同比增长25%", None),
    ("，同比增加30件", None),
    ("，同比增长30%", "“150件，同比增长30%” does not hold against last year's 120件 "
                    "(content/2019/report.md:9:9): the figures give +25%"),
    ("，同比下降5件", "“150件，同比下降5件” does not hold against last year's 120件 "
                   "(content/2019/report.md:9:9): the figures give +30件"),
], ids=["right-percent", "right-amount", "wrong-percent", "wrong-direction"])
def test_a_growth_claim_is_checked_against_last_year(tmp_path, monkeypatch, claim, problem):
    from report_pdf.audit import check_growth_claims
    from report_pdf.content import load_report

    monkeypatch.chdir(tmp_path)
    folder = two_years(tmp_path, ("受理示例事项120件", f"受理示例事项150件{claim}"))
    report = load_report(folder)
    assert len(report.growth_claims) == 1
    problems, warnings = check_growth_claims(report)
    assert warnings == []
    assert [problem.message for problem in problems] == ([problem] if problem else [])
    if problem:  # and the build stops there
        from report_pdf.audit import audit
        from report_pdf.errors import InputError

        with pytest.raises(InputError):
            audit(report)


def test_a_growth_claim_without_last_year_is_a_warning(tmp_path, monkeypatch):
    from report_pdf.audit import audit, check_growth_claims
    from report_pdf.content import load_report

    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURES / "minimal", tmp_path / "content" / "2020")
    text = tmp_path / "content/2020/report.md"
    text.write_text(text.read_text(encoding="utf-8").replace(
        "受理示例事项120件", "受理示例事项120件，同比增长20%"), encoding="utf-8")
    report = load_report(tmp_path / "content" / "2020")
    audit(report)  # the claim's 20 is accounted for: no unaccounted number
    assert check_growth_claims(report) == ([], [
        "content/2020/report.md:9:18: “120件，同比增长20%” cannot be checked: there is no "
        "last year's report beside this one"])


def test_two_years_build_with_the_columns_and_growth_claims_audited(tmp_path):
    """The acceptance of last year as data, end to end: a right 同比增长 claim builds
    and the summary table shows 上年 and 增减; a wrong one stops the build."""
    from conftest import pdf_page_texts

    for name in ("styles", "fonts"):
        (tmp_path / name).symlink_to(ROOT / name)
    folder = two_years(tmp_path, ("受理示例事项120件", "受理示例事项150件，同比增长25%"))
    built = run(["build", "content/2020", "-o", "out"], tmp_path)
    assert built.returncode == 0, built.stderr
    table = pdf_page_texts((tmp_path / "out/report.pdf").read_bytes())[-1]
    assert "上年" in table and "增减" in table
    assert "120" in table and "+30" in table
    text = folder / "report.md"
    text.write_text(text.read_text(encoding="utf-8").replace("同比增长25%", "同比增长30%"),
                    encoding="utf-8")
    failed = run(["build", "content/2020", "-o", "out"], tmp_path)
    assert failed.returncode == 2
    assert ("error: content/2020/report.md:9:18: “150件，同比增长30%” does not hold against "
            "last year's 120件 (content/2019/report.md:9:9): the figures give +25%"
            in failed.stderr.splitlines())
    assert pdf_page_texts((tmp_path / "out/report.pdf").read_bytes())[-1] == table
