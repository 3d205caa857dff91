"""Stage 6: the PDF check passes a good PDF and names the rule a bad one breaks.

The bad PDFs are made on purpose from a good build's HTML: ragged text, wrong
margins, no page numbers and so on, typeset by WeasyPrint with our fonts.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import (
    CONTENT_2019,
    FIXTURES,
    PRINT_PROFILE,
    ROOT,
    build_into,
    edit,
    failing,
    pdf_page_texts,
    render,
)
from report_pdf.check import RULES, check_pdf
from report_pdf.check.lines import TextBlock, read_flow
from report_pdf.check.reading import read_pdf
from report_pdf.cli import main
from report_pdf.errors import InputError
from report_pdf.layout import PT_PER_MM, load_layout
from report_pdf.roles import Role
from report_pdf.typeset import ResourceFetcher, load_typesetter


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


def render_unchecked(sample, html: str, tags: bool = True) -> bytes:
    """Typeset without the build's own glyph check, to make a PDF with a box in it
    (or, ``tags=False``, one without structure tags)."""
    built, output = sample
    weasyprint = load_typesetter()
    fetcher = ResourceFetcher(weasyprint, output, ROOT / "fonts", {}, (PRINT_PROFILE,))
    return weasyprint.HTML(string=html, base_url=output.as_uri() + "/",
                           url_fetcher=fetcher).write_pdf(pdf_tags=tags)


def composed_line(text: str, spacing: str | None = None, whole: bool = True) -> str:
    """A composed line as the HTML has it: bare text in its block's letter spacing
    (that of 28 full-width characters), else a span with its own; ``whole=False``:
    its start, up to ``text``."""
    if spacing is None:
        return text
    return f'<span class="line" style="letter-spacing: {spacing}">{text}' + (
        "</span>" if whole else "")


def uncomposed(html: str) -> str:
    """The HTML with the composition undone: one run of text per paragraph, the
    lines' own spacings and the newlines between them gone, broken by WeasyPrint."""
    html = re.sub(r'<span class="line" style="letter-spacing: [-0-9.]+pt">', "<span>", html)
    html = re.sub(r'(<span class="text">)(.*?)(</p>)',
                  lambda match: match[1] + match[2].replace("\n", "") + match[3], html,
                  flags=re.S)
    return html.replace("white-space: pre;", "white-space: normal;")


def measured(report, rule: str) -> str:
    return next(result.measured for result in report.results if result.rule == rule)


def body_lines(pdf: bytes, layout) -> list[str]:
    return [line.text for line in read_flow(read_pdf(pdf), layout).lines
            if line.role == Role.BODY]


def with_wrong_margins(html: str) -> str:
    changed = re.sub(r"margin: 37(\.0)?mm 26(\.0)?mm 35(\.0)?mm 28(\.0)?mm;", WRONG_MARGINS, html)
    assert changed != html
    return changed


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
    report = check_pdf(render(sample, uncomposed(built.html)), layout)
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
    html = built.html[:body] + built.html[body:].replace("，", "\n，", 1)
    report = check_pdf(render(sample, html), layout)
    assert "starts with ，" in failing(report)["prohibited line starts and ends"]


def test_a_paragraph_ending_in_one_lone_character_fails(sample, layout):
    built, _ = sample
    # Move the last character of the first paragraph, with its full stop, onto a
    # line of its own.
    end = built.html.index("</span></p>", built.html.index('<p class="paragraph"'))
    html = built.html[:end - 2] + "\n" + built.html[end - 2:]
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
    err = capsys.readouterr().err
    assert "junk.pdf: cannot read the PDF" in err
    assert "object at 0x" not in err and "the output" not in err  # check writes nothing


# Each rule below gets a PDF broken in one way, typeset from the sample's HTML
# (or, for what the sample lacks, from the county or the issued example). The
# sample's pages: page 1 ends inside a paragraph that goes on at the top of
# page 2, and page 2 likewise into page 3; page 3 ends the body with six lines
# and the 附件 note; the summary table fills pages 4 and 5.

PAGE_3 = '<p class="paragraph continued new-page"><span class="text">' + composed_line(
    "压缩至", "-0.4927pt", whole=False)


def test_a_paragraph_shifted_off_the_grid_fails(sample, layout):
    built, _ = sample
    # The paragraph at the top of page 3, drawn 3 pt lower; nothing else moves.
    html = edit(built.html, PAGE_3, PAGE_3.replace(
        "new-page", 'new-page" style="position: relative; top: 3pt', 1))
    report = check_pdf(render(sample, html), layout)
    assert set(failing(report)) == {"every line on the grid"}
    assert failing(report)["every line on the grid"].startswith(
        "page 3: “压缩至3个工作日以内。全面清…”: +3.00 pt off row 1 / "
        "page 3: “标，推进“证照分离”改革，对…”: +3.00 pt off row 2")


def test_a_page_ending_early_inside_a_paragraph_fails(sample, layout):
    built, _ = sample
    # Page 1 loses its last row; its paragraph still goes on at the top of page 2.
    last_row = composed_line("推进法治建设第一责任人职责情况。三是强化法治能力建设。市")
    html = edit(built.html, "\n" + last_row, "")
    report = check_pdf(render(sample, html), layout)
    assert failing(report) == {"rows used on every page the body goes on from":
                               "page 1: 21 of 22 rows, then more of its paragraph on the "
                               "next page"}


def test_a_mark_hung_after_a_full_line_is_not_past_the_right_edge(sample, layout):
    built, _ = sample
    block = TextBlock.from_layout(layout)
    hung = [line for line in read_flow(read_pdf(built.pdf), layout).lines
            if line.hanging(block)]
    assert [line.page for line in hung] == [2, 3]
    assert hung[0].text.endswith("转办9136件，") and hung[1].text.endswith("制度改革，")
    for line in hung:  # a full line, and one mark beyond it
        assert abs(line.chars[-2].x1 - block.right) <= 0.5
        assert line.x1 > block.right + 8
    result = next(result for result in check_pdf(built.pdf, layout).results
                  if result.rule == "nothing outside the text block but a hung mark")
    assert result.passed and result.measured == "0 found"


def test_a_full_line_running_past_the_right_edge_fails(sample, layout):
    built, _ = sample
    # A full line of page 1 without its negative letter spacing: 27 gaps too wide.
    text = "厅的精心指导下，中卫市坚持以习近平新时代中国特色社会主义"
    html = edit(built.html, "\n" + composed_line(text) + "\n",
                "\n" + composed_line(text, "0pt") + "\n")
    report = check_pdf(render(sample, html), layout)
    assert re.fullmatch(r"page 1: “厅的精心指导下，中卫市坚持以…”: 5\.\d\d pt past the right edge",
                        failing(report)["nothing outside the text block but a hung mark"])
    # (the margins and flush-right rules see the long line too)
    assert set(failing(report)) == {"nothing outside the text block but a hung mark",
                                    "margins (text block)",
                                    "paragraph-internal lines flush right"}


@pytest.mark.parametrize("line_end, next_start, split", [
    ('行政征收<span class="latin">1</span>3', "余项", "“征收13 / 余项行”"),  # 13余项
    ('行政奖励<span class="latin">7</span>0', "年、", "“奖励70 / 年、行”"),  # the year 70
], ids=["number", "date"])
def test_a_number_or_date_split_across_lines_fails(sample, layout, line_end, next_start,
                                                    split):
    built, _ = sample
    # Full lines of page 2 end in digits, and the next lines start with 项、; make
    # that 余 or 年 (as wide, so nothing moves).
    old = line_end + "</span>\n" + composed_line("项、", "-0.5197pt", whole=False)
    html = edit(built.html, old, old.replace("项、", next_start))
    report = check_pdf(render(sample, html), layout)
    assert set(failing(report)) == {"numbers and dates kept whole"}
    assert failing(report)["numbers and dates kept whole"].startswith("page 2: “")
    assert failing(report)["numbers and dates kept whole"].endswith(f"”: {split}")


def test_a_paragraph_ending_in_one_character_and_its_full_stop_fails(sample, layout):
    built, _ = sample
    # The last paragraph of the body (page 3) ends “…压缩至30个工 / 作日。”; give
    # it a full line more and a last line of “办。” alone.
    full = "作日，受理群众诉求六万余件，直接答复五万余件，其余均已转"
    assert len(full) == 28
    html = edit(built.html, "\n" + composed_line("作日。") + "</span></p>",
                "\n" + composed_line(full) + "\n" + composed_line("办。") + "</span></p>")
    report = check_pdf(render(sample, html), layout)
    assert failing(report) == {"paragraphs ending with a lone character": "page 3: “办。”"}


def test_adjacent_punctuation_set_uncompressed_fails(sample, layout):
    built, _ = sample
    # “》。” on page 1 without the half em taken out of 》; the line keeps its
    # width by the spacing of a plain line of 28 characters.
    tight = composed_line('要点<span class="tight" style="margin-right: -8.000pt">》</span>。',
                          "0.0934pt", whole=False)
    html = edit(built.html, tight, composed_line("要点》。", "-0.2246pt", whole=False))
    report = check_pdf(render(sample, html), layout)
    assert set(failing(report)) == {"adjacent punctuation compressed"}
    assert measured(report, "adjacent punctuation compressed") == "7 pairs, 1 loose"
    assert re.fullmatch(r"page 1: “要点》。将法治政府建设纳入全…”: “》。” 0\.9\d em apart",
                        failing(report)["adjacent punctuation compressed"])


def test_a_signature_alone_on_its_page_fails(built_issued, layout):
    html = edit(built_issued.html, '<div class="signature"', '<div class="signature new-page"')
    report = check_pdf(render((built_issued, built_issued.result.html_path.parent), html),
                       layout)
    assert failing(report)["署名 and 日期 with body text"] == "page 3: the signature stands alone"
    assert measured(report, "署名 and 日期 with body text") == \
        "page 3: 0 body line(s) above the signature"


@pytest.mark.parametrize("classes, expected", [
    ("blank-page new-page unnumbered", {"blank pages": "page 2: blank"}),
    # GB/T 9704 7.5: a blank page carries no page number
    ("blank-page new-page", {"blank pages": "page 2: blank", "page numbers":
                             "page 2: numbered, but it is blank or the 版记 page after a "
                             "blank page"}),
], ids=["unnumbered", "numbered"])
def test_a_blank_page_inside_the_body_fails(sample, layout, classes, expected):
    built, _ = sample
    # A blank page before the paragraph that goes on at the top of page 2.
    continued = '<p class="paragraph continued new-page">'
    start = built.html.index(continued)
    html = built.html[:start] + f'<div class="{classes}"></div>\n' + built.html[start:]
    pdf = render(sample, html)
    assert pdf_page_texts(pdf)[1].strip() in ("", "— 2 —")  # nothing but, maybe, its number
    report = check_pdf(pdf, layout)
    assert failing(report) == expected


@pytest.mark.parametrize("number_at, signer_at, expected", [
    # 签发人 and names 12 pt further left: they end 28 pt, not one character, from the right
    ("16.000", "150.205", "签发人 end 9.88 mm from the right edge, not one character"),
    # 发文字号 at the left edge, the 签发人 where it was
    ("0.000", "178.205", "发文字号 starts 0.00 mm from the left edge, not one character"),
], ids=["signer", "number"])
def test_a_signer_or_document_number_out_of_place_fails(built_county, layout, number_at,
                                                        signer_at, expected):
    # The first page of the county report (a 上行文): 版头, title and opening, whose
    # line of 发文字号 and 签发人 is placed by left margins.
    html = built_county.html
    html = html[:html.index('<h2 class="head level-1 new-page">')] + "</main>\n</body>\n</html>\n"
    number = 'style="margin-left: 16.000pt">示县政发'
    signer = 'style="margin-left: 162.205pt">签发人：'
    html = edit(html, number, number.replace("16.000", number_at))
    html = edit(html, signer, signer.replace("162.205", signer_at))
    report = check_pdf(render((built_county, built_county.result.html_path.parent), html),
                       layout)
    assert failing(report) == {"签发人 and 发文字号 of a 上行文": expected}


def with_a_chart(html: str, built_county) -> tuple[str, dict[str, bytes]]:
    """The sample's HTML with the county's first chart after the body's last
    paragraph (on page 3, which has room), and the chart's SVG to serve."""
    row = re.search(r'<div class="figure-row.*?</div>\n', built_county.html, re.S).group()
    source = re.search(r'<img src="([^"]+)"', row)[1]
    svg = (built_county.result.html_path.parent / source).read_bytes()
    note = '<p class="attachment-note"'
    return edit(html, note, row.replace(" new-page", "") + note), {source: svg}


def test_a_chart_text_sticking_out_of_its_drawing_fails(sample, layout, built_county):
    built, _ = sample
    html, figures = with_a_chart(built.html, built_county)
    (source, svg), = figures.items()
    # The last x-axis label “其他权力”, centred at x 350 of the 391 pt wide chart,
    # moved to x 380: it ends some 13 pt beyond the drawing's right edge.
    label = b'x="350.462992" y="169.110156" transform="rotate(-0 350.462992 169.110156)"'
    assert svg.count(label) == 1
    figures[source] = svg.replace(label, label.replace(b"350.462992", b"380"))
    pdf = render(sample, html, figures)
    # The chart is drawn 138 mm wide, centred in the text block: “力” ends past it.
    width_mm = float(re.search(r'<img [^>]*style="width: ([0-9.]+)mm', html)[1])
    block = TextBlock.from_layout(layout)
    drawing_right = (block.left + block.right) / 2 + width_mm / 2 * PT_PER_MM
    (last,) = [char for line in read_flow(read_pdf(pdf), layout).lines
               if line.role == Role.CHART for char in line.chars if char.text == "力"]
    assert last.x1 > drawing_right + 10
    report = check_pdf(pdf, layout)
    detail = failing(report)["chart texts inside their drawings"]
    assert "page 3: “力” of “" in detail and "pt outside its drawing" in detail


def test_a_role_set_in_a_face_outside_its_stack_fails(sample, layout):
    built, _ = sample
    # Heads of level 1 in the body's 仿宋 instead of 黑体.
    stack = ('.head.level-1 .text, .run-in.level-1 {\n  font-family: "Liberation Serif", '
             '"Noto Sans CJK SC", "BabelStone Han";')
    html = edit(built.html, stack, stack.replace("Noto Sans CJK SC", "FandolFang"))
    report = check_pdf(render(sample, html), layout)
    assert failing(report) == {"each role in its own faces":
                               "page 1: 9 character(s) of head_1 in FandolFang"}


def test_an_untagged_pdf_is_refused(sample, layout, tmp_path, monkeypatch, capsys):
    built, _ = sample
    untagged = render_unchecked(sample, built.html, tags=False)
    with pytest.raises(InputError) as raised:
        check_pdf(untagged, layout)
    (problem,) = raised.value.problems
    assert problem.message.startswith("the PDF has no structure tags, from which the check "
                                      "learns what each line is")
    monkeypatch.chdir(ROOT)
    path = tmp_path / "untagged.pdf"
    path.write_bytes(untagged)
    assert main(["check", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("error: ") and "untagged.pdf: the PDF has no structure tags" in err
    assert "Traceback" not in err


def test_body_lines_are_body_whatever_their_type_size(sample, layout):
    built, _ = sample
    good = check_pdf(built.pdf, layout)
    html = edit(built.html, "</style>", ".paragraph .text { font-size: 15pt; }\n</style>")
    pdf = render(sample, html)
    report = check_pdf(pdf, layout)
    assert measured(report, "body type size") == "15 pt"
    assert "body type size" in failing(report)
    # The same lines are body lines, and the grid and line rules still look at them.
    assert body_lines(pdf, layout) == body_lines(built.pdf, layout)
    grid, flush = "every line on the grid", "paragraph-internal lines flush right"
    assert measured(good, grid).startswith("51 lines,")
    assert measured(report, grid).startswith("51 lines,")
    assert measured(good, flush) == "100.0% of 44"
    assert measured(report, flush) == "2.3% of 44"  # all 44 full lines seen, now too short


def test_a_caption_in_the_body_size_is_not_body_text(sample, layout, built_county):
    built, _ = sample
    html, figures = with_a_chart(built.html, built_county)
    html = edit(html, "<figcaption>", '<figcaption style="font-size: 16pt">')
    pdf = render(sample, html, figures)
    captions = [line for line in read_flow(read_pdf(pdf), layout).lines
                if line.text.startswith("图1")]
    assert [(line.role, line.size) for line in captions] == [(Role.CAPTION, 16.0)]
    assert body_lines(pdf, layout) == body_lines(built.pdf, layout)
    # Off the grid (it stands half a row down, under the figure's top padding),
    # so taken for body text it would fail the grid.
    assert check_pdf(pdf, layout).failures == []


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


def test_colours_in_rgb_fail_the_inks_rule(sample, layout):
    built, _ = sample
    # The stylesheet without its device-cmyk() declarations: the screen colours
    # before them remain, and WeasyPrint writes them as RGB.
    html = "\n".join(line for line in built.html.splitlines() if "device-cmyk(" not in line)
    report = check_pdf(render(sample, html), layout)
    assert set(failing(report)) == {"inks as GB/T 9704 6.2 gives them"}
    assert "page 1: text in DeviceRGB 0 0 0" in failing(report)[
        "inks as GB/T 9704 6.2 gives them"]


def test_a_pdf_that_does_not_say_how_to_print_fails(sample, layout):
    built, _ = sample
    report = check_pdf(render_unchecked(sample, built.html), layout)  # no viewer preferences
    assert failing(report) == {"printed at actual size, duplex, for CMYK": (
        "PrintScaling: none given, not None (actual size) / Duplex: none given, not "
        "DuplexFlipLongEdge (both sides, long edge)")}


MARKED = ('<span class="line run-marking" style="margin-left: 0.000pt">秘密★1年</span>',
          '<span class="line run-marking" style="margin-left: 0.000pt">特急</span>')


@pytest.mark.parametrize("change, expected", [
    # 密级 and 紧急程度 swapped
    (lambda html: html.replace(MARKED[0], "<!--swap-->").replace(MARKED[1], MARKED[0])
     .replace("<!--swap-->", MARKED[1]), "not in the order 份号, 密级和保密期限, 紧急程度"),
    # 密级 one character in
    (lambda html: edit(html, MARKED[0], MARKED[0].replace("0.000pt", "16.000pt")),
     "page 1: “秘密★1年”: 密级和保密期限 starts 5.64 mm from the left edge, not flush left"),
    # 紧急程度 in 仿宋
    (lambda html: edit(html, MARKED[1],
                       '<span class="line" style="font-family: FandolFang">特急</span>'),
     "page 1: “特急”: 紧急程度 not in 黑体"),
], ids=["order", "indented", "face"])
def test_markings_out_of_place_fail(built_issued, layout, change, expected):
    html = built_issued.html
    # page 1 alone: 版头, title, addressees and the opening paragraph
    html = html[:html.index('<h2 class="head level-1')] + "</main>\n</body>\n</html>\n"
    report = check_pdf(render((built_issued, built_issued.result.html_path.parent),
                              change(html)), layout)
    assert failing(report) == {"份号, 密级 and 紧急程度": expected}


NOTE = '<p><span class="line run-body" style="margin-left: 31.571pt">（此件公开发布）</span></p>'


@pytest.mark.parametrize("change, expected", [
    (NOTE.replace("31.571pt", "0.000pt"),
     "page 2: “（此件公开发布）”: starts 0.00 mm from the left edge, not 2 characters"),
    (NOTE.replace("<p>", '<p style="margin-top: -14.000pt">'),  # half a line up
     "page 2: “（此件公开发布）”: 14.95 pt under the 成文日期, not the next line (28.95 pt)"),
], ids=["not-indented", "a-line-lower"])
def test_a_note_out_of_place_fails(built_issued, layout, change, expected):
    html = edit(built_issued.html, NOTE, change)
    report = check_pdf(render((built_issued, built_issued.result.html_path.parent), html),
                       layout)
    assert failing(report) == {"附注": expected}


AUTHORITY = 'style="margin-left: 283.063pt">示例市人民政府</span>'
DATE_LINE = 'style="margin-left: 314.634pt">2020年3月1日</span>'


@pytest.mark.parametrize("old, new, expected", [
    # the date one character further right: its start no longer two right of the authority
    (DATE_LINE, DATE_LINE.replace("314.634", "330.634"),
     "page 2: “示例市人民政府”: ends 16.63 mm and the date 5.49 mm from the right edge; one "
     "of them two characters"),
    # the authority one character to the left of its place
    (AUTHORITY, AUTHORITY.replace("283.063", "267.063"),
     "page 2: “示例市人民政府”: starts 16.78 mm left of the date, not two characters"),
], ids=["date", "authority"])
def test_a_signature_out_of_place_fails(built_issued, layout, old, new, expected):
    html = edit(built_issued.html, old, new)
    report = check_pdf(render((built_issued, built_issued.result.html_path.parent), html),
                       layout)
    assert failing(report) == {"署名 and 成文日期": expected}


def signed(folder: Path, signature: str):
    """The minimal example with this ``signature:`` of report.yaml (example data),
    built, and passing every rule."""
    report = folder / "report"
    shutil.copytree(FIXTURES / "minimal", report)
    (report / "report.yaml").write_text(
        "summary_table:\n  title: 示例指标一览表\ndocument:\n  signature:\n" + signature,
        encoding="utf-8")
    built = build_into(report, folder / "out")
    assert built.result.check.passed, built.result.check.table()
    return built, folder / "out"


def signature_rule_after(sample, layout, old: str, new: str) -> dict[str, str]:
    """The failing rules of the sample's HTML with ``old`` made ``new``."""
    built, output = sample
    charts = {path.as_posix(): path.read_bytes() for path in (output / "charts").glob("*.svg")}
    return failing(check_pdf(render(sample, edit(built.html, old, new), charts), layout))


@pytest.fixture(scope="module")
def sealed(tmp_path_factory):
    return signed(tmp_path_factory.mktemp("sealed"),
                  "    authority: 示例县人民政府\n    date: 2022年1月18日\n    seal: true\n")


SEALED_DIV = '<div class="signature" style="margin-top: 57.900pt; padding-bottom: 28.950pt">'
SEALED_AUTHORITY = 'style="margin-left: 271.063pt">示例县人民政府</span>'


@pytest.mark.parametrize("old, new, expected", [
    # the authority a character to the left: no longer centred on the date
    (SEALED_AUTHORITY, SEALED_AUTHORITY.replace("271.063", "255.063"),
     "page 1: “示例县人民政府”: 5.64 mm off the middle of the date, not centred on it"),
    # one blank line above instead of two: a 42 mm seal would cover the text above
    (SEALED_DIV, SEALED_DIV.replace("57.900", "28.950"),
     "page 1: “示例县人民政府”: 2.00 lines under the text above; a seal of 42 mm centred a "
     "little above it cannot have its top within one line of that text"),
], ids=["off-centre", "no-room"])
def test_a_signature_laid_out_for_a_seal_out_of_place_fails(sealed, layout, old, new,
                                                            expected):
    assert signature_rule_after(sealed, layout, old, new) == {"署名 and 成文日期": expected}


@pytest.fixture(scope="module")
def stamped(tmp_path_factory):
    return signed(tmp_path_factory.mktemp("stamped"),
                  "    signer: 示例县县长\n    date: 2022年1月18日\n")


STAMP_TITLE = 'style="margin-left: 154.107pt">示例县县长</span>'
STAMP_DATE = '<p style="margin-top: 57.900pt">'


@pytest.mark.parametrize("old, new, expected", [
    # the title a character to the left: no longer two characters from the stamp
    (STAMP_TITLE, STAMP_TITLE.replace("154.107", "138.107"),
     "page 2: “示例县县长”: ends 16.48 mm left of the 签名章's place, not two characters"),
    # the date a line higher: no blank line under the stamp
    (STAMP_DATE, STAMP_DATE.replace("57.900", "28.950"),
     "page 2: “2022年1月18日”: 0.52 lines under the 签名章's place, not one"),
], ids=["title", "date"])
def test_a_signature_stamp_layout_out_of_place_fails(stamped, layout, old, new, expected):
    assert signature_rule_after(stamped, layout, old, new) == {"署名 and 成文日期": expected}


EXAMPLE_SEAL = FIXTURES / "seals" / "example-seal.svg"  # an EXAMPLE seal, not a real one


@pytest.fixture(scope="module")
def seal_printed(tmp_path_factory):
    """The minimal example signed and sealed with the example seal's image, and
    that image in its inks, as the typesetter is given it."""
    import hashlib

    from report_pdf.ink import in_seal_inks
    from report_pdf.seal_drawing import svg_drawing

    folder = tmp_path_factory.mktemp("seal-printed")
    shutil.copy(EXAMPLE_SEAL, folder / "seal.svg")
    sha = hashlib.sha256(EXAMPLE_SEAL.read_bytes()).hexdigest()
    built = signed(folder, "    authority: 示例县人民政府\n    date: 2022年1月18日\n"
                           f"    seal_image: ../seal.svg\n    seal_sha256: {sha}\n")
    drawing = in_seal_inks(svg_drawing(EXAMPLE_SEAL.read_bytes()).svg,
                           load_layout(ROOT / "styles").red_cmyk).encode()
    return built, drawing


SEAL_TAG = ('<img class="seal" src="seal.svg" alt="印章" style="left: 267.536pt; top: '
            '-37.664pt; width: 119.055pt; height: 119.055pt">')


def seal_rule_after(seal_printed, layout, old: str, new: str,
                    drawing: bytes | None = None) -> dict[str, str]:
    """The failing rules of the sealed build's HTML with ``old`` made ``new``,
    typeset with the seal's drawing (or ``drawing``)."""
    sample, printed = seal_printed
    built, output = sample
    files = {path.as_posix(): path.read_bytes() for path in (output / "charts").glob("*.svg")}
    files[(output / "seal.svg").as_posix()] = drawing or printed
    return failing(check_pdf(render(sample, edit(built.html, old, new), files), layout))


def test_a_seal_image_is_measured_where_the_build_put_it(seal_printed, layout):
    (built, output), _ = seal_printed
    assert SEAL_TAG in built.html
    assert not (output / "seal.svg").exists()  # given to the typesetter, never written
    assert measured(built.result.check, "seal image") == (
        "42.00 mm across, 0.00 mm off the authority's middle, top 0.70 lines under the text")


@pytest.mark.parametrize("old, new, expected", [
    # three millimetres to the left: off the authority's middle
    ("left: 267.536pt", "left: 259.032pt",
     "page 1: “示例县人民政府”: the seal's middle is 3.00 mm left of the authority's, not "
     "centred on it"),
    # a line higher: over the text above, the lines far below its centre
    ("top: -37.664pt", "top: -66.614pt",
     "page 1: “2022年1月18日”: the seal does not press on it / page 1: “示例县人民政府”: the "
     "authority and the date stand 1.24 lines below the seal's centre, not a little below it "
     "(up to 0.5) / page 1: “示例县人民政府”: the seal's top is -0.30 lines under the text "
     "above, not within 1 line of it"),
    # turned by ten degrees
    ('alt="印章" style="', 'alt="印章" style="transform: rotate(10deg); ',
     "page 1: the seal image is rotated or skewed, not upright / page 1: “示例县人民政府”: the "
     "seal is 47.02 mm across, not the seal's 42.00 mm"),
], ids=["off-centre", "a-line-high", "turned"])
def test_a_seal_image_out_of_place_fails(seal_printed, layout, old, new, expected):
    assert seal_rule_after(seal_printed, layout, old, new) == {"seal image": expected}


def test_a_seal_image_in_black_fails(seal_printed, layout):
    black = seal_printed[1].replace(b"device-cmyk(0 0.8 0.8 0)", b"device-cmyk(0 0 0 1)")
    assert seal_rule_after(seal_printed, layout, SEAL_TAG, SEAL_TAG, black) == {
        "seal image": "page 1: the seal image is painted in DeviceCMYK 0 0 0 1, not the red "
                      "ink alone"}
