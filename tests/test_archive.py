"""The PDF as an archival and printable file: PDF/A-3a (tagged), metadata, bookmarks, the
embedded data, and what independent readers make of it.

PDF/A is checked for what can be checked without veraPDF: the XMP
identification, the output intent with its ICC profile, every font embedded,
no encryption, the embedded file's relationship; see the README.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess

import pytest

from conftest import FIXTURES, build_into
from report_pdf.check.reading import read_pdf


def reader(pdf: bytes):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(pdf))


def outline_titles(outline, depth=0) -> list[tuple[int, str]]:
    titles = []
    for item in outline:
        if isinstance(item, list):
            titles += outline_titles(item, depth + 1)
        else:
            titles.append((depth, item.title))
    return titles


def test_pdf_a_3a_identification_and_output_intent(built_2019):
    root = reader(built_2019.pdf).trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="A"' in xmp
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    assert root["/Lang"] == "zh-CN"
    (intent,) = [item.get_object() for item in root["/OutputIntents"]]
    assert intent["/S"] == "/GTS_PDFA1"
    profile = intent["/DestOutputProfile"].get_object().get_data()
    assert profile[36:40] == b"acsp"  # an ICC profile
    assert "/Encrypt" not in reader(built_2019.pdf).trailer
    assert all(font.embedded for font in read_pdf(built_2019.pdf).fonts)


def test_the_indicators_are_embedded_as_data(built_2019):
    pdf = reader(built_2019.pdf)
    (data,) = pdf.attachments["indicators.json"]
    content = json.loads(data)
    assert content["title"] == "2019年法治政府建设工作报告"
    by_id = {item["id"]: item for item in content["indicators"]}
    assert len(by_id) == 70
    assert by_id["hotline_received"] == {
        "id": "hotline_received", "label": "“12345”政务热线受理转办各类诉求", "value": "60561",
        "approximate": None, "unit": "件", "section": "（二）进一步简政放权，切实转变政府职能",
        "source": "report.md:32:23"}
    relationships = {spec.get_object()["/AFRelationship"]
                     for spec in pdf.trailer["/Root"]["/AF"]}
    assert relationships == {"/Data"}


def test_metadata_comes_from_the_content(built_2019):
    pdf = reader(built_2019.pdf)
    info = pdf.metadata
    assert info["/Title"] == "2019年法治政府建设工作报告"
    assert info["/Subject"] == "2019年法治政府建设工作报告，附件：2019年法治政府建设主要指标一览表"
    assert info["/Keywords"] == "主要做法及成效, 下一步工作"
    assert info["/Creator"].startswith("report_pdf ")
    assert "/CreationDate" not in info  # the 2019 content has no date: none invented
    assert pdf.trailer["/Root"]["/Lang"] == "zh-CN"


def test_bookmarks_for_the_title_each_section_and_the_attachment(built_2019):
    titles = outline_titles(reader(built_2019.pdf).outline)
    assert titles[0] == (0, "2019年法治政府建设工作报告")
    assert (1, "一、主要做法及成效") in titles and (1, "二、下一步工作") in titles
    assert (2, "（六）加强权力监督，让权力运行在阳光下") in titles
    assert len([title for depth, title in titles if depth == 2]) == 6
    assert titles[-1] == (0, "2019年法治政府建设主要指标一览表")


def test_an_issued_document_carries_its_date_and_authority(tmp_path):
    built = build_into(FIXTURES / "issued", tmp_path / "out")
    info = reader(built.pdf).metadata
    assert info["/Author"] == "示例市人民政府"
    assert info["/CreationDate"].startswith("D:20200301")
    (data,) = reader(built.pdf).attachments["indicators.json"]
    assert json.loads(data)["indicators"][0]["source"].startswith("report.md:")


def test_plain_pdf_on_request(make_report, tmp_path):
    built = build_into(make_report(), tmp_path / "out", archival=False)
    pdf = reader(built.pdf)
    assert "/Metadata" not in pdf.trailer["/Root"] and not pdf.attachments


def test_two_builds_are_byte_identical(make_report, tmp_path):
    folder = make_report()
    first = build_into(folder, tmp_path / "a" / "out")
    files = {path.name: path.read_bytes() for path in
             [first.result.pdf_path, first.result.html_path, *first.result.figure_paths]}
    second = build_into(folder, tmp_path / "b" / "out")
    again = {path.name: path.read_bytes() for path in
             [second.result.pdf_path, second.result.html_path, *second.result.figure_paths]}
    assert again == files


# ----------------------------------------------------------------- readers

def run_tool(*command: str, input_file) -> subprocess.CompletedProcess:
    if shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} is not installed (see .ci/run)")
    return subprocess.run([*command, str(input_file)], capture_output=True, text=True,
                          timeout=120)


def test_qpdf_finds_no_error(built_2019):
    completed = run_tool("qpdf", "--check", input_file=built_2019.result.pdf_path)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "No syntax or stream encoding errors found" in completed.stdout
    assert "WARNING" not in completed.stdout + completed.stderr


def test_poppler_lists_embedded_fonts_and_renders_without_complaint(built_2019, tmp_path):
    fonts = run_tool("pdffonts", input_file=built_2019.result.pdf_path)
    assert fonts.returncode == 0 and fonts.stderr == ""
    rows = fonts.stdout.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows)  # the "emb" column
    render = subprocess.run(["pdftoppm", "-r", "30", "-png", str(built_2019.result.pdf_path),
                             str(tmp_path / "page")], capture_output=True, text=True)
    assert render.returncode == 0 and render.stderr == ""
    assert len(list(tmp_path.glob("page-*.png"))) == built_2019.result.page_count


def test_mupdf_renders_every_page_without_warnings(built_2019):
    pymupdf = pytest.importorskip("pymupdf", reason="PyMuPDF is not installed")
    pymupdf.TOOLS.mupdf_warnings(reset=True)
    document = pymupdf.open(built_2019.result.pdf_path)
    assert document.page_count == built_2019.result.page_count
    for page in document:
        page.get_pixmap(dpi=30)
    assert pymupdf.TOOLS.mupdf_warnings() == ""


def test_pdfium_renders_every_page(built_2019):
    pdfium = pytest.importorskip("pypdfium2", reason="pypdfium2 is not installed")
    document = pdfium.PdfDocument(built_2019.result.pdf_path)
    assert len(document) == built_2019.result.page_count
    for page in document:
        assert page.render(scale=30 / 72).to_pil().getbbox() is not None


def test_ghostscript_converts_it_to_postscript(built_2019, tmp_path):
    if shutil.which("gs") is None:
        pytest.skip("gs is not installed (see .ci/run)")
    output = tmp_path / "report.ps"
    # One page with body text, a chart and every body font: ps2write takes about
    # 1.5 s a page, too slow for all of them in every test run.
    page = next(number for number, text in enumerate(built_2019.pages, start=1)
                if "图1" in text)
    completed = subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER",
                                "-sDEVICE=ps2write", f"-sPageList={page}",
                                f"-sOutputFile={output}", str(built_2019.result.pdf_path)],
                               capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0 and completed.stderr == "", completed.stderr
    assert output.read_bytes().startswith(b"%!PS")


CELL = 6  # pixels averaged into one, at 72 dpi
MAX_CELL_DIFFERENCE = 80  # grey levels: a missing line of text differs by ~100 or more
MAX_MEAN_DIFFERENCE = 4


def page_difference(first, second) -> tuple[int, float]:
    from PIL import Image, ImageChops

    size = (first.size[0] // CELL, first.size[1] // CELL)
    difference = ImageChops.difference(first.resize(size, Image.BOX),
                                       second.resize(size, Image.BOX))
    histogram = difference.histogram()
    total = sum(histogram)
    return (max(level for level, count in enumerate(histogram) if count),
            sum(level * count for level, count in enumerate(histogram)) / total)


def test_poppler_and_pdfium_draw_the_same_pages(built_2019):
    pdfium = pytest.importorskip("pypdfium2", reason="pypdfium2 is not installed")
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed (see .ci/run)")
    from PIL import Image

    path = built_2019.result.pdf_path
    document = pdfium.PdfDocument(path)
    pages = []
    for number in range(1, len(document) + 1):
        pdfium_page = document[number - 1].render(scale=1, grayscale=True).to_pil().convert("L")
        poppler = subprocess.run(["pdftoppm", "-r", "72", "-gray", "-f", str(number), "-l",
                                  str(number), str(path)], capture_output=True).stdout
        poppler_page = Image.open(io.BytesIO(poppler)).convert("L")
        worst, mean = page_difference(pdfium_page, poppler_page)
        assert worst <= MAX_CELL_DIFFERENCE and mean <= MAX_MEAN_DIFFERENCE, (number, worst,
                                                                                mean)
        pages.append(pdfium_page)
    # The measure does tell different pages apart.
    worst, _ = page_difference(pages[0], pages[1])
    assert worst > MAX_CELL_DIFFERENCE
