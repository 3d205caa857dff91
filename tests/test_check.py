"""Stage 6: the PDF check passes a good PDF and names the rule a bad one breaks.

The bad PDFs are made on purpose from a good build's HTML: ragged text, wrong
margins, no page numbers and so on, typeset by WeasyPrint with our fonts.
"""

from __future__ import annotations

import io
import re
import shutil

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import CONTENT_2019, ROOT, build_into
from report_pdf.check import RULES, check_pdf
from report_pdf.cli import main
from report_pdf.fonts import load_fonts
from report_pdf.layout import load_layout
from report_pdf.typeset import ResourceFetcher, load_typesetter, typeset


@pytest.fixture(scope="module")
def layout():
    return load_layout(ROOT / "styles")


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """Three pages of the 2019 text: title, opening and the first two sections."""
    folder = tmp_path_factory.mktemp("sample")
    report = folder / "report"
    shutil.copytree(CONTENT_2019, report)
    text = (report / "report.md").read_text(encoding="utf-8")
    text = text[:text.index("### （三）")]
    (report / "report.md").write_text(text, encoding="utf-8")
    figures = yaml.safe_load((report / "indicators.yaml").read_text(encoding="utf-8"))
    kept = [entry for entry in figures["indicators"]
            if (entry.get("preceded_by") or entry.get("followed_by")) in text]
    ids = {entry["id"] for entry in kept}
    figures = {
        "indicators": kept,
        "relations": [relation for relation in figures["relations"]
                      if set(re.findall(r"[a-z_]+", relation)) <= ids],
        "not_indicators": [entry for entry in figures["not_indicators"]
                           if entry["text"] in text]}
    (report / "indicators.yaml").write_text(yaml.safe_dump(figures, allow_unicode=True),
                                            encoding="utf-8")
    (report / "charts.yaml").write_text("charts: []\n", encoding="utf-8")
    built = build_into(report, folder / "out")
    return built, folder / "out"


WRONG_MARGINS = "margin: 40mm 23mm 32mm 31mm;"


def render(sample, html: str) -> bytes:
    built, output = sample
    return typeset(html, output, load_fonts(ROOT / "fonts"), {}).pdf


def render_unchecked(sample, html: str) -> bytes:
    """Typeset without the build's own glyph check, to make a PDF with a box in it."""
    built, output = sample
    weasyprint = load_typesetter()
    fetcher = ResourceFetcher(weasyprint, output, ROOT / "fonts", {})
    return weasyprint.HTML(string=html, base_url=output.as_uri() + "/",
                           url_fetcher=fetcher).write_pdf(pdf_tags=True)


def with_wrong_margins(html: str) -> str:
    changed = re.sub(r"margin: 37(\.0)?mm 26(\.0)?mm 35(\.0)?mm 28(\.0)?mm;", WRONG_MARGINS, html)
    assert changed != html
    return changed


def failing(report) -> dict[str, str]:
    return {result.rule: " / ".join(result.details) for result in report.failures}


def test_the_good_build_passes_every_rule(sample, layout):
    built, _ = sample
    report = check_pdf(built.pdf, layout)
    assert report.failures == []
    measured = {result.rule: result.measured for result in report.results}
    assert measured["rows used on every page the body goes on from"].startswith(
        "2 pages going on: 2×22 rows")
    assert measured["paragraph-internal lines flush right"].startswith("100.0% of ")


def test_ragged_text_fails_flush_and_characters_per_line(sample, layout):
    built, _ = sample
    # Undo the composition: one run of text per paragraph, broken by WeasyPrint.
    html = re.sub(r'<span class="line" style="letter-spacing: [-0-9.]+pt">', "<span>",
                  built.html).replace("<br>", "")
    html = html.replace("white-space: nowrap;", "white-space: normal;")
    report = check_pdf(render(sample, html), layout)
    assert "paragraph-internal lines flush right" in failing(report)


def test_wrong_margins_fail(sample, layout):
    built, _ = sample
    report = check_pdf(render(sample, with_wrong_margins(built.html)), layout)
    assert "margins (text block)" in failing(report)
    assert "left edge of the text at 31.00 mm" in failing(report)["margins (text block)"]


def test_a_missing_page_number_fails(sample, layout):
    built, _ = sample
    html = built.html.replace('content: "— " counter(page) " —";', 'content: "";', 1)
    report = check_pdf(render(sample, html), layout)
    assert failing(report)["page numbers"].startswith("page 1: no page number")


def test_page_numbers_in_the_wrong_place_fail(sample, layout):
    built, _ = sample
    html = built.html.replace("padding-right: 14.0pt;", "padding-right: 0pt;")
    assert html != built.html
    report = check_pdf(render(sample, html), layout)
    assert "off its place on the right" in failing(report)["page numbers"]


def test_wrong_line_pitch_fails_pitch_and_lines_per_page(sample, layout):
    built, _ = sample
    html = built.html.replace("line-height: 28.95pt;", "line-height: 30pt;")
    report = check_pdf(render(sample, html), layout)
    assert {"line pitch", "every line on the grid"} <= set(failing(report))


def test_narrow_latin_quotes_fail(sample, layout):
    built, _ = sample
    html = built.html.replace("unicode-range: U+0021-007E;", "unicode-range: U+0021-007E, "
                              "U+2018-201D;")
    report = check_pdf(render(sample, html), layout)
    assert "quotes “ ” ‘ ’ full width" in failing(report)


def test_a_line_starting_with_a_comma_fails(sample, layout):
    built, _ = sample
    body = built.html.index('<p class="paragraph"')
    html = built.html[:body] + built.html[body:].replace("，", "<br>，", 1)
    report = check_pdf(render(sample, html), layout)
    assert "starts with ，" in failing(report)["prohibited line starts and ends"]


def test_a_paragraph_ending_in_one_lone_character_fails(sample, layout):
    built, _ = sample
    # Move the last character of the first paragraph, with its full stop, onto a
    # line of its own.
    end = built.html.index("</span></p>", built.html.index('<p class="paragraph"'))
    html = built.html[:end - 2] + "<br>" + built.html[end - 2:]
    report = check_pdf(render(sample, html), layout)
    assert "paragraphs ending with a lone character" in failing(report)


def test_a_wrong_title_size_fails(sample, layout):
    built, _ = sample
    html = built.html.replace("font-size: 22.0pt;", "font-size: 18pt;", 1)
    assert html != built.html
    report = check_pdf(render(sample, html), layout)
    assert "title size" in failing(report)


def test_a_font_that_is_not_embedded_fails(sample, layout):
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    built, _ = sample
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(built.pdf)))
    font = writer.pages[0]["/Resources"]["/Font"]
    first = next(iter(font.values())).get_object()
    descriptor = first["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
    for key in ("/FontFile", "/FontFile2", "/FontFile3"):
        descriptor.pop(NameObject(key), None)
    output = io.BytesIO()
    writer.write(output)
    report = check_pdf(output.getvalue(), layout)
    assert "not embedded" in failing(report)["every font embedded"]


def test_a_missing_glyph_box_fails(sample, layout):
    built, _ = sample
    html = built.html.replace("中卫市", "中卫市\U00020000", 1)
    report = check_pdf(render_unchecked(sample, html), layout)
    assert "no missing-glyph boxes" in failing(report)


def test_the_check_command_prints_a_row_per_rule_and_exits_1_on_failure(
        sample, layout, tmp_path, monkeypatch, capsys):
    built, _ = sample
    monkeypatch.chdir(ROOT)
    good = tmp_path / "good.pdf"
    good.write_bytes(built.pdf)
    assert main(["check", str(good)]) == 0
    out = capsys.readouterr().out
    rules = len(RULES)
    assert len(out.splitlines()) == 1 + rules + 1  # header, a row per rule, summary
    assert f"{rules} of {rules} rules pass" in out
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(render(sample, with_wrong_margins(built.html)))
    assert main(["check", str(bad)]) == 1
    out = capsys.readouterr().out
    assert re.search(r"^margins \(text block\) .* FAIL$", out, re.M)


def test_a_file_that_is_not_a_pdf_is_reported(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"not a pdf at all")
    assert main(["check", str(junk)]) == 2
    assert "cannot read the PDF" in capsys.readouterr().err


def _font(two_byte: bool):
    from report_pdf.check.pdf_fonts import PdfFont

    return PdfFont("F", two_byte, {}, 0.0, {}, {}, 0.8, 0.2, None)


def test_tj_arrays_read_the_same_from_hex_and_from_literal_strings():
    import pikepdf

    from report_pdf.check.reading import _shown_codes

    array = pikepdf.Array([pikepdf.String(b"\x00\x12\x00\x34"), -3,
                           pikepdf.String(b"\x00\x01"), 5.5, pikepdf.String(b"a(b)\\\r")])
    assert array.unparse() == b"[ <00120034> -3 <0001> 5.5 (a\\(b\\)\\\\\\r) ]"
    assert _shown_codes(array, _font(True)) == [[0x12, 0x34], -3.0, [1], 5.5,
                                                [0x6128, 0x6229, 0x5C0D]]
    assert _shown_codes(array, _font(False))[-1] == list(b"a(b)\\\r")


@given(st.lists(st.one_of(st.binary(max_size=6), st.integers(-5000, 5000),
                          st.floats(-5000, 5000, allow_nan=False).map(lambda x: round(x, 3))),
                max_size=12), st.booleans())
def test_tj_arrays_read_as_qpdf_reads_them_item_by_item(items, two_byte):
    import pikepdf

    from report_pdf.check.reading import _shown_codes

    font = _font(two_byte)
    array = pikepdf.Array([pikepdf.String(item) if isinstance(item, bytes) else item
                           for item in items])
    expected = [font.codes(bytes(item)) if isinstance(item, pikepdf.String) else float(item)
                for item in array]
    assert _shown_codes(array, font) == expected
