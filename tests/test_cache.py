"""Work skipped by content hashes: whole builds, charts, font hashes and metrics.

These tests count what was done, never how long it took.
"""

from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURES, ROOT
from report_pdf.build import BuildOptions, build

# The example report with a second chart, each chart showing one indicator.
TWO_CHARTS = """charts:
  - id: received_chart
    type: bar
    title: 受理情况
    bars:
      - indicator: received
        label: 受理
  - id: completed_chart
    type: bar
    title: 办结情况
    bars:
      - indicator: completed
        label: 办结
"""


@pytest.fixture
def project(tmp_path):
    """A project of its own, so that its build/.cache starts empty."""
    for name in ("fonts", "styles"):
        (tmp_path / name).symlink_to(ROOT / name)
    shutil.copytree(FIXTURES / "minimal", tmp_path / "report")
    (tmp_path / "report" / "charts.yaml").write_text(TWO_CHARTS, encoding="utf-8")
    return tmp_path


def options(project, **extra) -> BuildOptions:
    return BuildOptions(report_folder=project / "report", output_folder=project / "out",
                        project_folder=project, **extra)


def edit(project, old: str, new: str) -> None:
    path = project / "report" / "report.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_rebuild_with_nothing_changed_does_nothing_and_leaves_the_output(project):
    first = build(options(project))
    assert not first.up_to_date and len(first.charts_drawn) == 2
    outputs = [first.pdf_path, first.html_path, *first.figure_paths]
    before = {path: path.stat().st_mtime_ns for path in outputs}
    second = build(options(project))
    assert second.up_to_date
    assert {path: path.stat().st_mtime_ns for path in outputs} == before
    assert (second.page_count, second.rules_passed) == (first.page_count, first.rules_passed)


def test_a_changed_figure_redraws_only_the_charts_that_show_it(project):
    build(options(project))
    edit(project, "办结100件", "办结90件")
    rebuilt = build(options(project))
    assert not rebuilt.up_to_date
    assert rebuilt.charts_drawn == ("completed_chart",)
    assert ">90<" in (project / "out" / "charts" / "completed_chart.svg").read_text()


def test_a_changed_sentence_without_figures_redraws_no_chart(project):
    build(options(project))
    edit(project, "继续做好示例工作。", "继续做好各项示例工作。")
    rebuilt = build(options(project))
    assert not rebuilt.up_to_date and rebuilt.charts_drawn == ()


def test_an_output_changed_by_hand_is_built_again(project):
    first = build(options(project))
    first.pdf_path.write_bytes(b"damaged")
    again = build(options(project))
    assert not again.up_to_date
    assert again.pdf_path.read_bytes().startswith(b"%PDF-")


def test_other_options_are_another_build(project):
    build(options(project))
    plain = build(options(project, archival=False))
    assert not plain.up_to_date


def test_without_the_cache_everything_is_done_again(project):
    build(options(project))
    again = build(options(project, use_cache=False))
    assert not again.up_to_date and len(again.charts_drawn) == 2


def test_a_damaged_cache_is_recomputed_not_trusted(project):
    build(options(project))
    for path in (project / "build" / ".cache").rglob("*.*"):
        path.write_bytes(b"{not json")
    (project / "out" / ".report_pdf-state.json").write_text("{")
    again = build(options(project))
    assert not again.up_to_date and again.check_passed


def test_a_chart_replaced_in_the_cache_is_drawn_again_not_used(project):
    build(options(project))
    planted = sorted((project / "build" / ".cache" / "charts").glob("*.svg"))[0]
    header, _, svg = planted.read_bytes().partition(b"\n")  # its checksum line kept
    planted.write_bytes(header + b"\n" + svg.replace(b"</svg>", b"<text>PLANTED</text></svg>"))
    (project / "out" / ".report_pdf-state.json").unlink()  # so that it builds again
    again = build(options(project))
    (redrawn,) = again.charts_drawn
    assert b"PLANTED" not in (project / "out" / "charts" / f"{redrawn}.svg").read_bytes()
    assert b"PLANTED" not in again.pdf_path.read_bytes()
