"""Fonts cut to the document's characters before typesetting (HarfBuzz)."""

from __future__ import annotations

import io

import pytest
from fontTools.ttLib import TTFont

from conftest import PRINT_PROFILE, ROOT, build_into
from report_pdf.cache import Cache
from report_pdf.check.reading import read_pdf
from report_pdf.font_subsets import document_characters, font_subsets, subset, subset_available
from report_pdf.fonts import load_fonts
from report_pdf.typeset import typeset

pytestmark = pytest.mark.skipif(not subset_available(), reason="no HarfBuzz subsetter")


def test_a_subset_keeps_the_characters_asked_for_and_what_the_typesetter_reads():
    whole = (ROOT / "fonts" / "NotoSerifCJKsc-Regular.otf").read_bytes()
    cut = TTFont(io.BytesIO(subset(whole, list("法治政府，。A1"))))
    original = TTFont(io.BytesIO(whole), lazy=True)
    assert set(cut.getBestCmap()) == {ord(char) for char in "法治政府，。A1"}
    assert len(cut.getGlyphOrder()) < 100 < len(original.getGlyphOrder())
    assert "BASE" in cut  # the baselines Pango places CJK lines by
    features = {record.FeatureTag for record in cut["GSUB"].table.FeatureList.FeatureRecord}
    assert {"vert", "locl"} <= features
    for table, field in (("hhea", "ascent"), ("hhea", "descent"), ("OS/2", "sTypoAscender"),
                         ("OS/2", "ulUnicodeRange2")):
        assert getattr(cut[table], field) == getattr(original[table], field)


def test_subsets_are_made_once_per_set_of_characters(tmp_path, monkeypatch):
    fonts = load_fonts(ROOT / "fonts")
    cache = Cache(tmp_path / "cache")
    characters = document_characters("示例")
    first = font_subsets(fonts, characters, cache)
    assert set(first) == {font.path.resolve() for font in fonts.fonts}
    monkeypatch.setattr("report_pdf.font_subsets.subset", lambda *_: pytest.fail("cut again"))
    assert font_subsets(fonts, characters, cache) == first
    monkeypatch.undo()
    assert font_subsets(fonts, document_characters("示例报告"), cache) != first


def test_typesetting_with_the_subsets_places_every_character_as_the_whole_fonts_do(
        make_report, tmp_path):
    output = tmp_path / "out"
    built = build_into(make_report(), output)  # typeset with the subsets
    charts = {f"charts/{path.name}": path.read_bytes() for path in output.glob("charts/*")}
    whole = typeset(built.html, output, load_fonts(ROOT / "fonts"), charts,
                    print_profile=PRINT_PROFILE).pdf  # the same HTML, the whole fonts
    with_subsets, with_whole = read_pdf(built.pdf), read_pdf(whole)
    for page, other in zip(with_subsets.pages, with_whole.pages, strict=True):
        assert [(char.text, char.font, round(char.x0, 3), round(char.baseline, 3))
                for char in page.chars] == [
            (char.text, char.font, round(char.x0, 3), round(char.baseline, 3))
            for char in other.chars]
    assert len(built.pdf) < len(whole)


def test_the_embedded_fonts_hold_only_the_documents_glyphs(built_2019):
    import pikepdf

    whole = {}
    for font in load_fonts(ROOT / "fonts").fonts:
        opened = TTFont(font.path, lazy=True)
        whole[opened["name"].getDebugName(6)] = len(opened.getGlyphOrder())
    pdf = pikepdf.open(io.BytesIO(built_2019.pdf))
    embedded = {}
    for descriptor in (obj for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary)
                       and obj.get("/Type") == "/FontDescriptor"):
        stream = descriptor.get("/FontFile3") or descriptor.get("/FontFile2")
        font = TTFont(io.BytesIO(stream.read_bytes()))
        embedded[font["name"].getDebugName(6)] = len(font.getGlyphOrder())
    # WeasyPrint keeps the glyph numbers of the file it is given: a whole CJK face
    # would bring tens of thousands of empty slots, its subset a thousand at most.
    assert len(embedded) == 7
    for name, count in embedded.items():
        assert count * 5 < whole[name], (name, count, whole[name])


def test_without_harfbuzzs_subsetter_the_whole_files_are_used(monkeypatch):
    monkeypatch.setattr("report_pdf.font_subsets._harfbuzz", lambda: None)
    assert font_subsets(load_fonts(ROOT / "fonts"), document_characters("示例"), None) == {}
