"""The PDF's text reads in order: every sentence whole, in pdftotext's and in
PyMuPDF's extraction, and a chart's labels after its caption, never inside a
sentence. Page numbers are page furniture (artifacts of the layout): a sentence
that goes on on the next page has its page's number between its halves in any
extraction, so they are left out before comparing."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from conftest import CONTENT_2019, FIXTURES, sentences
from report_pdf.content import load_report

PAGE_NUMBER = re.compile(r"^\s*—\s*\d+\s*—\s*$", re.M)


def flat(text: str) -> str:
    return re.sub(r"\s+", "", PAGE_NUMBER.sub("", text))


def pdftotext(pdf: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf,
                          capture_output=True, check=True).stdout.decode("utf-8")


def pymupdf(pdf: bytes) -> str:
    import fitz

    return "".join(page.get_text() for page in fitz.open(stream=pdf))


def assert_in_order(text: str, parts: list[str]) -> None:
    position = 0
    for part in parts:
        found = text.find(flat(part), position)
        assert found >= 0, f"not whole, or out of order: {part}"
        position = found + len(flat(part))


@pytest.mark.parametrize("extract", [pdftotext, pymupdf])
def test_every_sentence_of_2019_reads_whole_and_in_order(built_2019, extract):
    report = load_report(CONTENT_2019)
    parts = sentences(report)
    assert len(parts) > 80
    assert_in_order(flat(extract(built_2019.pdf)), parts)


@pytest.mark.parametrize("extract", [pdftotext, pymupdf])
def test_a_report_with_a_figure_on_nearly_every_page_reads_in_order(built_figures, extract):
    report = load_report(FIXTURES / "figures")
    text = flat(extract(built_figures.pdf))
    assert_in_order(text, sentences(report))
    for chart in report.charts:  # caption first, then the chart's labels
        caption = text.index(flat(chart.title))
        for item in chart.bars:
            assert text.find(flat(item.label), caption) >= 0, (chart.id, item.label)


def test_figures_and_tables_are_tagged_for_readers(built_figures):
    """In the structure tree: each chart a Figure whose alternate text is its
    caption with every value; each table a Table with header cells (TH)."""
    import io

    import pikepdf

    report = load_report(FIXTURES / "figures")
    pdf = pikepdf.open(io.BytesIO(built_figures.pdf))
    kinds: dict[str, list] = {}

    def walk(element, depth=0):
        if not isinstance(element, pikepdf.Dictionary) or depth > 64:
            return
        if "/S" in element:
            kinds.setdefault(str(element.S), []).append(element)
        kids = element.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
            walk(kid, depth + 1)

    walk(pdf.Root.StructTreeRoot)
    alts = [str(figure.Alt) for figure in kinds["/Figure"]]
    for chart in report.charts:
        (alt,) = [text for text in alts if chart.title in text]
        for item in chart.bars:
            assert f"{item.label}{item.indicator.display_value}{item.indicator.unit}" in alt
    assert len(kinds["/Table"]) == 2  # the body table, in two parts
    assert len(kinds["/TH"]) == 2 * len(report.tables[0].header)
