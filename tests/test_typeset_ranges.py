"""Typesetting by page ranges: the joined ranges are the whole document's PDF,
byte for byte, and an edit lays out again only the ranges it changed."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import FIXTURES, ROOT
from report_pdf.build import build
from report_pdf.html import page_counters
from report_pdf.options import BuildOptions
from report_pdf.typeset_ranges import RangeTypesetter


def build_pdf(report: Path, output: Path, typesetter=None) -> bytes:
    result = build(BuildOptions(report_folder=report, output_folder=output,
                                project_folder=ROOT), typesetter=typesetter)
    assert result.check_passed
    return result.pdf_path.read_bytes()


@pytest.mark.parametrize("name", ["county", "attachments"])
def test_ranges_laid_out_apart_and_joined_give_the_whole_documents_pdf(
        name, built_county, built_attachments, tmp_path):
    # county: 18 pages (版头, charts, body tables, the summary table); attachments:
    # the last one printed apart, numbered from 1 again on page 5 (a range's first).
    built = {"county": built_county, "attachments": built_attachments}[name]
    pages = len(built.pages)
    with RangeTypesetter() as typesetter:
        pdf = build_pdf(FIXTURES / name, tmp_path / "out", typesetter)
        assert typesetter.cache.laid_out == tuple(range((pages + 1) // 2))
    assert pdf == built.pdf


def test_an_edit_lays_out_again_only_the_range_of_its_page(tmp_path):
    report = tmp_path / "report"
    shutil.copytree(FIXTURES / "attachments", report)
    edits = [  # the file, the text on page 1 or page 4, the ranges laid out again
        ("report.md", "示例完善制度机制", "示例健全制度机制", (0,)),
        ("附件2-重点任务清单.md", "行政执法协调监督", "行政执法监督协调", (1,)),
        # a character the document did not have: every face is cut again (see
        # font_subsets), and every range laid out with the new cuts
        ("附件2-重点任务清单.md", "示例开展执法案卷评查", "示例开展执法案卷抽查", (0, 1, 2)),
    ]
    assert not any("抽" in path.read_text(encoding="utf-8") for path in report.glob("*.*"))
    with RangeTypesetter() as typesetter:
        build_pdf(report, tmp_path / "watched", typesetter)
        for number, (file_name, old, new, ranges) in enumerate(edits):
            text = (report / file_name).read_text(encoding="utf-8")
            assert text.count(old) == 1
            (report / file_name).write_text(text.replace(old, new), encoding="utf-8")
            pdf = build_pdf(report, tmp_path / "watched", typesetter)
            assert typesetter.cache.laid_out == ranges
            assert pdf == build_pdf(report, tmp_path / f"full-{number}")


def test_the_page_counter_starts_again_on_an_attachment_printed_apart():
    pages = [SimpleNamespace(starts_apart=apart) for apart in (False, False, True, False)]
    assert page_counters(SimpleNamespace(pages=pages)) == (1, 2, 1, 2)
