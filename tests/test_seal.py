"""An image of the seal: the file report.yaml pins, reduced to the red ink and the
paper; what is refused, and why. (Where the PDF puts it: tests/test_check.py.)"""

from __future__ import annotations

import hashlib
import io
import shutil

import pytest

from conftest import FIXTURES, ROOT
from report_pdf.content import load_report
from report_pdf.errors import InputError
from report_pdf.options import BuildOptions
from report_pdf.seal_drawing import INK, PAPER, SealRefused, png_drawing, svg_drawing

EXAMPLE_SEAL = FIXTURES / "seals" / "example-seal.svg"
RED, WHITE, BLACK = (230, 0, 18, 255), (255, 255, 255, 255), (0, 0, 0, 255)


def png(size: tuple[int, int], squares: list[tuple[tuple[int, int, int, int], tuple]],
        background=(0, 0, 0, 0)) -> bytes:
    """A PNG of ``size`` with filled squares: (colour, (left, top, right, bottom))."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", size, background)
    draw = ImageDraw.Draw(image)
    for colour, box in squares:
        draw.rectangle(box, fill=colour)
    stream = io.BytesIO()
    image.save(stream, format="PNG")
    return stream.getvalue()


def svg(body: str, head: str = "", view_box: str = 'viewBox="0 0 100 100"') -> bytes:
    return (f'{head}<svg xmlns="http://www.w3.org/2000/svg" '
            f'xmlns:xlink="http://www.w3.org/1999/xlink" {view_box}>{body}</svg>').encode()


def test_a_png_seal_is_its_red_pixels_in_runs_framed_by_the_red():
    drawing = png_drawing(png((40, 30), [(RED, (5, 8, 14, 17))], WHITE))
    assert (drawing.width, drawing.height) == (10, 10)
    assert drawing.svg == ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="5 8 10 10">'
                           f'<path style="fill: {INK}; stroke: none" d="M5 8h10v10h-10z"/>'
                           '</svg>')


def test_a_red_ring_with_soft_edges_is_accepted_and_its_pink_edge_left_to_the_paper():
    pink = (255, 210, 210, 255)  # red blended a fifth into the paper
    drawing = png_drawing(png((20, 20), [(pink, (2, 2, 17, 17)), (RED, (4, 4, 15, 15)),
                                         (WHITE, (7, 7, 12, 12))]))
    assert 'viewBox="4 4 12 12"' in drawing.svg
    assert "M4 4h12v3h-12z" in drawing.svg  # the ring's top, three rows of red


@pytest.mark.parametrize("data, refusal", [
    (png((20, 20), [(RED, (0, 0, 9, 19)), (BLACK, (10, 0, 19, 19))]),
     "50 % of its painted pixels are not red (the first at x 10, y 0: #000000)"),
    (png((20, 20), [(BLACK, (0, 0, 19, 19))]), "it has no red in it"),
    (png((2401, 10), [(RED, (0, 0, 5, 5))]), "it is 2401 × 10 pixels"),
    (png((20, 20), [(RED, (0, 0, 9, 9))])[:60], "it is not a readable PNG"),
], ids=["black", "no-red", "too-large", "cut-short"])
def test_a_png_that_is_not_a_red_seal_is_refused(data, refusal):
    with pytest.raises(SealRefused) as refused:
        png_drawing(data)
    assert refusal in str(refused.value)


def test_a_cut_short_png_is_refused_even_where_weasyprint_reads_them_leniently():
    from PIL import ImageFile

    from report_pdf.typeset import load_typesetter

    load_typesetter()  # WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES
    assert ImageFile.LOAD_TRUNCATED_IMAGES
    with pytest.raises(SealRefused, match="it is not a readable PNG"):
        png_drawing(png((20, 20), [(RED, (0, 0, 9, 9))])[:60])
    assert ImageFile.LOAD_TRUNCATED_IMAGES  # left as WeasyPrint wants it


def test_the_example_seal_says_it_is_one_and_prints_in_the_red_ink():
    text = EXAMPLE_SEAL.read_text(encoding="utf-8")
    assert "EXAMPLE seal for report_pdf's tests" in text and "非真实印章" in text
    drawing = svg_drawing(EXAMPLE_SEAL.read_bytes())
    assert (drawing.width, drawing.height) == (420, 420)
    assert drawing.svg.count(f"fill: {INK}; stroke: none") == 3
    assert "EXAMPLE" not in drawing.svg  # its words about itself are not drawn


def test_white_parts_of_an_svg_seal_are_paper_and_inherited_colours_resolved():
    drawing = svg_drawing(svg('<g fill="red" stroke="#fff"><circle r="50" cx="50" cy="50"/>'
                              '<path style="fill: white" d="M40 40h20v20h-20z"/></g>'
                              '<sodipodi:namedview xmlns:sodipodi="urn:x"/>'))
    assert f'<circle r="50" cx="50" cy="50" style="fill: {INK}; stroke: {PAPER}" />' \
        in drawing.svg
    assert f'style="fill: {PAPER}; stroke: {PAPER}"' in drawing.svg
    assert "namedview" not in drawing.svg


@pytest.mark.parametrize("data, refusal", [
    (svg('<image href="https://example.org/seal.png" width="100" height="100"/>'),
     "it has a <image>: an image inside the SVG: give the PNG itself as seal_image"),
    (svg('<path fill="url(https://example.org/paint.svg#red)" d="M0 0h9v9z"/>'),
     "its <path> refers to another file (url(https://example.org/paint.svg#red))"),
    (svg('<path xlink:href="file:///etc/passwd" fill="red" d="M0 0h9v9z"/>'),
     "its <path> refers to another file (file:///etc/passwd)"),
    (svg('<script>alert(1)</script>'), "it has a <script>: a script"),
    (svg('<path onclick="alert(1)" fill="red" d="M0 0h9v9z"/>'),
     "its <path> has a script (onclick)"),
    (svg('<text fill="red">示例</text>'), "it has a <text>: text in the seal image: convert"),
    (svg('<path d="M0 0h9v9z"/>'), "its <path> is painted black (fill), which is neither red"),
    (svg('<path fill="red" opacity="0.5" d="M0 0h9v9z"/>'), "partly transparent (opacity 0.5)"),
    (svg('<g transform="translate(5) rotate(15)"><path fill="red" d="M0 0h9v9z"/></g>'),
     "its <g> is rotated or skewed (rotate(15))"),
    (svg('<path fill="red" d="M0 0h9v9z"/>', view_box=""), "its viewBox is None"),
    (svg('<path fill="red" d="&a;"/>', head='<!DOCTYPE svg [<!ENTITY a "M0 0">]>'),
     "it declares entities"),
    (b"<svg", "it is not well-formed SVG (XML error at its line 1"),
    (b'<svg viewBox="0 0 9 9"/>', "its root element is <svg> without the SVG namespace"),
], ids=["image", "external-paint", "external-href", "script", "handler", "text", "black",
        "transparent", "rotated", "no-view-box", "entity", "broken", "no-namespace"])
def test_an_svg_that_is_not_a_plain_red_drawing_is_refused(data, refusal):
    with pytest.raises(SealRefused) as refused:
        svg_drawing(data)
    assert refusal in str(refused.value)


def report_with_seal(tmp_path, signature: str, seal: bytes | None = None):
    """The minimal example (example data) with this signature, and ``seal`` written
    beside the report folder as seal.svg."""
    shutil.copytree(FIXTURES / "minimal", tmp_path / "report")
    if seal is not None:
        (tmp_path / "seal.svg").write_bytes(seal)
    (tmp_path / "report" / "report.yaml").write_text(
        "summary_table:\n  title: 示例指标一览表\ndocument:\n  signature:\n"
        "    authority: 示例县人民政府\n    date: 2022年1月18日\n" + signature, encoding="utf-8")
    return tmp_path / "report"


def problems_of(folder) -> list[str]:
    with pytest.raises(InputError) as error:
        load_report(folder)
    return [str(problem) for problem in error.value.problems]


def test_a_pinned_seal_image_is_read_and_takes_the_sealed_layout(tmp_path):
    data = EXAMPLE_SEAL.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    report = load_report(report_with_seal(
        tmp_path, f"    seal_image: ../seal.svg\n    seal_sha256: {sha.upper()}\n", data))
    signature = report.document.signature
    assert signature.seal and signature.image.sha256 == sha
    assert signature.image.svg == svg_drawing(data).svg


def test_a_swapped_seal_image_is_refused_where_its_pin_is(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pinned = hashlib.sha256(b"the approved image").hexdigest()
    actual = hashlib.sha256(EXAMPLE_SEAL.read_bytes()).hexdigest()
    folder = report_with_seal(tmp_path, f"    seal_image: ../seal.svg\n    seal_sha256: {pinned}\n",
                              EXAMPLE_SEAL.read_bytes())
    [problem] = problems_of(folder)
    assert problem.startswith("report/report.yaml:8:18: document: signature: seal_image "
                              f"'../seal.svg' has sha256 {actual}, not the {pinned} that "
                              "seal_sha256 pins: the image was changed or swapped")
    assert problem.endswith(f"pin it with seal_sha256: {actual}")


@pytest.mark.parametrize("signature, expected", [
    ("    seal_image: ../seal.svg\n",
     "report/report.yaml:7:17: document: signature: seal_image needs seal_sha256"),
    ("    seal_sha256: " + "0" * 64 + "\n",
     "report/report.yaml:7:18: document: signature: seal_sha256 pins a seal_image, but none"),
    ("    seal: false\n    seal_image: ../seal.svg\n    seal_sha256: " + "0" * 64 + "\n",
     "report/report.yaml:7:11: document: signature: seal is false, but seal_image asks"),
    ("    seal_image: ../seal.jpg\n    seal_sha256: " + "0" * 64 + "\n",
     "report/report.yaml:7:17: document: signature: seal_image '../seal.jpg' must be a .png "
     "or .svg file"),
    ("    seal_image: ../seal.svg\n    seal_sha256: 12ab\n",
     "report/report.yaml:8:18: document: signature: seal_sha256 must be the 64 hexadecimal"),
], ids=["no-pin", "no-image", "seal-false", "jpeg", "short-pin"])
def test_a_seal_image_asked_for_wrongly_is_refused(tmp_path, monkeypatch, signature,
                                                   expected):
    monkeypatch.chdir(tmp_path)
    [problem] = problems_of(report_with_seal(tmp_path, signature))
    assert problem.startswith(expected)


def test_the_seal_image_counts_in_the_build_fingerprint(tmp_path):
    data = EXAMPLE_SEAL.read_bytes()
    folder = report_with_seal(tmp_path, "    seal_image: ../seal.svg  # the office's seal\n"
                              f"    seal_sha256: {hashlib.sha256(data).hexdigest()}\n", data)
    options = BuildOptions(folder, tmp_path / "out", ROOT)
    before = options.fingerprint()
    assert options.fingerprint() == before
    (tmp_path / "seal.svg").write_bytes(data.replace(b"#e60012", b"#e60013"))
    assert options.fingerprint() != before
