"""The CSS letter spacing that makes WeasyPrint 70 set the spacing we want.

WeasyPrint writes each glyph's position as a ``TJ`` adjustment in thousandths
of an em and truncates it to an integer (``draw/text.py``: ``int(kerning)``).
With Pango 1.50 putting half of the letter spacing before each glyph, a glyph
followed by spacing ``s`` (pt, font size ``size``) gets the adjustment
``k = -488 s / size`` and really advances by ``s`` plus the dropped fraction
of ``k``. Over a line of 27 gaps that adds up to almost half a point, so the
spacing asked of CSS is chosen to land as near the wanted spacing as the
truncation allows: within 0.0085 pt a gap, 0.23 pt over a full line, where
the plain value drifts up to 0.43 pt, one way.

This depends on WeasyPrint and Pango internals: ``pyproject.toml`` pins
WeasyPrint 70.0, tests/test_spacing.py measures the result in a real PDF, and
the PDF check run by every build fails when lines stop being flush.
"""

from __future__ import annotations

import math

TESTED_WEASYPRINT = "70.0"
SHIFT = 0.488  # thousandths of an em of adjustment per thousandth of spacing
KEPT = 1 - SHIFT  # what of the asked spacing survives, before the truncation
# Stay this far (in thousandths of an em of adjustment) from where the truncation
# jumps: Pango rounds spacing to 1/1024 px, which can carry a value across.
MARGIN = 0.15


def effective_spacing(asked: float, size: float) -> float:
    """The spacing a glyph really gets when CSS asks for ``asked`` pt."""
    adjustment = -SHIFT * 1000 * asked / size
    dropped = adjustment - math.trunc(adjustment)
    return asked + dropped * size / 1000


def css_letter_spacing(wanted: float, size: float) -> float:
    """The letter spacing to ask of CSS so that glyphs get ``wanted`` pt."""
    if wanted == 0:
        return 0.0
    best = wanted
    centre = math.trunc(-SHIFT * 1000 * wanted / size)
    for kept in range(centre - 3, centre + 4):
        # Asked spacings whose truncated adjustment is ``kept`` form an interval;
        # on it the effective spacing is KEPT * asked - kept * size / 1000.
        step = math.copysign(1, kept or -wanted)
        low, high = sorted((-(kept + MARGIN * step) * size / (SHIFT * 1000),
                            -(kept + (1 - MARGIN) * step) * size / (SHIFT * 1000)))
        asked = (wanted + kept * size / 1000) / KEPT
        asked = min(max(asked, low), high)
        if abs(effective_spacing(asked, size) - wanted) < abs(
                effective_spacing(best, size) - wanted):
            best = asked
    return best
