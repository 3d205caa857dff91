"""The letter spacing compensation, measured in a real PDF from WeasyPrint."""

from __future__ import annotations

import pytest

from conftest import ROOT
from report_pdf.check.reading import read_pdf
from report_pdf.spacing import TESTED_WEASYPRINT, css_letter_spacing, effective_spacing
from report_pdf.typeset import ResourceFetcher, load_typesetter

TEXT = "厅的精心指导下中卫市坚持以习近平新时代中国特色社会主义思"  # 28 characters
WANTED = [-0.2146, -0.5, -0.25, 0.0632, 0.3, 0.6881, 1.048, 1.6033]


def test_weasyprint_is_the_version_the_compensation_was_measured_on():
    import weasyprint

    assert weasyprint.__version__ == TESTED_WEASYPRINT, (
        "spacing.py models WeasyPrint's glyph positioning; re-measure it "
        "(tests/test_spacing.py) before changing the pinned version")


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    """Line widths WeasyPrint sets for each asked spacing, plain and compensated."""
    weasyprint = load_typesetter()
    font = (ROOT / "fonts" / "FandolFang-Regular.otf").as_uri()
    rows = "".join(
        f'<div><span style="letter-spacing: {asked}pt">{TEXT}</span></div>'
        for wanted in WANTED for asked in (wanted, css_letter_spacing(wanted, 16)))
    html = (f'<html><head><meta charset="utf-8"><style>@font-face {{ font-family: F; '
            f'src: url({font}); }} @page {{ size: A4; margin: 0 }} body {{ margin: 0; '
            f'font: 16pt F; line-height: 24pt; white-space: nowrap }}</style></head>'
            f'<body>{rows}</body></html>')
    fetcher = ResourceFetcher(weasyprint, tmp_path_factory.mktemp("spacing"), ROOT / "fonts",
                              {})
    chars = read_pdf(weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf()
                     ).pages[0].chars
    lines = [chars[index:index + len(TEXT)] for index in range(0, len(chars), len(TEXT))]
    widths = [line[-1].x1 - line[0].x0 for line in lines]
    return {wanted: (widths[2 * index], widths[2 * index + 1])
            for index, wanted in enumerate(WANTED)}


@pytest.mark.parametrize("wanted", WANTED)
def test_compensated_lines_end_within_a_quarter_point(measured, wanted):
    plain, compensated = measured[wanted]
    target = len(TEXT) * 16 + (len(TEXT) - 1) * wanted
    assert abs(compensated - target) < 0.25


def test_compensation_helps_where_the_plain_value_drifts(measured):
    errors = {wanted: [abs(width - (len(TEXT) * 16 + (len(TEXT) - 1) * wanted))
                       for width in widths] for wanted, widths in measured.items()}
    assert max(plain for plain, _ in errors.values()) > 0.3  # the drift is real
    assert max(compensated for _, compensated in errors.values()) < 0.25


@pytest.mark.parametrize("wanted", WANTED)
def test_the_model_predicts_what_weasyprint_does(measured, wanted):
    plain, _ = measured[wanted]
    predicted = len(TEXT) * 16 + (len(TEXT) - 1) * effective_spacing(wanted, 16)
    assert plain == pytest.approx(predicted, abs=0.05)
