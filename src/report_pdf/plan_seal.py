"""Where an image of the seal, or of the 签名章, is printed: in the space the
signature leaves for the stamp pressed by hand (GB/T 9704 7.3.5.1, 7.3.5.3)."""

from __future__ import annotations

from dataclasses import dataclass

from .document_parts import SealImage
from .layout import PT_PER_MM, Layout


@dataclass(frozen=True)
class SealPlacement:
    """The image's box, in pt from the signature block's top-left corner: the
    text block's left edge and the top of the block's first line's row (the
    box may reach above it, into the blank rows)."""

    image: SealImage
    left: float
    top: float
    width: float
    height: float
    what: str  # 印章 or 签名章: the figure's alternate text


def _fitted(image: SealImage, width: float, height: float) -> tuple[float, float]:
    """The image's size in a box of ``width`` × ``height`` pt, its proportions kept."""
    scale = min(width / image.width, height / image.height)
    return image.width * scale, image.height * scale


def sealed_placement(image: SealImage, centre_x: float, layout: Layout) -> SealPlacement:
    """7.3.5.1: upright, of the layout's diameter, centred on the authority (itself
    centred on the date) and ``centre_above_text_mm`` above the middle of the two
    lines — the top of the date's row, one row under the block's top — so that
    they stand a little below its centre, as the space above them was measured."""
    diameter = layout.seal_diameter_mm * PT_PER_MM
    width, height = _fitted(image, diameter, diameter)
    centre_y = layout.line_pitch_pt - layout.seal_centre_above_text_mm * PT_PER_MM
    return SealPlacement(image, centre_x - width / 2, centre_y - height / 2, width, height,
                         "印章")


def stamp_placement(image: SealImage, layout: Layout) -> SealPlacement:
    """7.3.5.3: the 签名章 four characters in from the right, centred on the line of
    the signer's title (the block's first line), in the layout's stamp size."""
    box_width, box_height = (size * PT_PER_MM for size in layout.signature_stamp_mm)
    width, height = _fitted(image, box_width, box_height)
    right = layout.text_width_pt - 4 * layout.char_pitch_pt
    return SealPlacement(image, right - width, layout.line_pitch_pt / 2 - height / 2, width,
                         height, "签名章")
