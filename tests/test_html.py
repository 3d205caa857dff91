"""Stage 3: the HTML and the stylesheet rendered from the layout."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from conftest import ROOT
from report_pdf.fonts import load_fonts
from report_pdf.html import css_string, render_stylesheet
from report_pdf.layout import load_layout
from report_pdf.plan import place_page_number
from report_pdf.plan_text import figure_rows


def test_css_strings_cannot_break_out_of_their_quotes_or_the_style_element():
    assert css_string('Fandol"Fang') == '"Fandol\\22 Fang"'
    assert css_string("</style><script>") == '"\\3c /style\\3e \\3c script\\3e "'


def test_narrow_figures_of_one_paragraph_share_a_row_while_they_fit():
    def figure(width):
        return SimpleNamespace(width_mm=width, height_mm=40, caption_title="图1 示例",
                               caption_notes="")

    layout = load_layout(ROOT / "styles")
    rows = figure_rows([figure(72), figure(72), figure(140), figure(72)],
                       lambda text, role: 14.0 * len(text), layout)
    assert [[item.figure.width_mm for item in row.figures] for row in rows] == [
        [72, 72], [140], [72]]
    pitch = layout.line_pitch_pt
    for row in rows:  # whole rows: caption, chart and half a row above and below
        assert row.rows == 6 and row.padding_pt == pytest.approx(
            (6 * pitch - pitch - 40 * 72 / 25.4) / 2)


def test_stylesheet_takes_every_measure_from_the_layout():
    layout = load_layout(ROOT / "styles")
    css = render_stylesheet(ROOT / "styles", layout,
                            place_page_number(load_fonts(ROOT / "fonts"), layout))
    assert f"margin: {layout.top_mm}mm {layout.right_mm}mm {layout.bottom_mm}mm " \
           f"{layout.left_mm}mm;" in css
    assert f"line-height: {layout.line_pitch_pt}pt;" in css
    assert "{{" not in css and "{%" not in css
    assert f"padding-right: {layout.page_number_inset_chars * 14.0}pt;" in css
